#!/usr/bin/env python3
"""Check the setmp blind set. Standard library only.

Parses the BUILT transcripts in transcripts/ (not the sources) and checks:
- every doc id has exactly one transcript, readable in its expected encoding
  (and line endings where the format prescribes them);
- header lines do not look like speaker turns (except clear metadata keys);
- turns strictly alternate, interviewer first; 10-45 respondent turns;
- 1,500-2,600 words of spoken text (labels, timestamps, headers excluded);
- orientation.csv: valid, sorted, unique, every row points at a respondent turn;
- identifiers.csv: valid types, every identifier occurs verbatim in its document,
  at least 5 per document;
- styles.csv: complete, valid styles, requested mix (3 casus / 1 netwerk / 2 onbepaald);
- at least four different transcript formats; label words never used in the text.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["mp01", "mp02", "mp03", "mp04", "mp05", "mp06"]
MIX = {"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "duur", "interviewer", "locatie", "functie", "organisatie"}
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)

# expected delivery per document
CONFIG = {
    "mp01": {"ext": "docx", "labels": ("Interviewer", "Hanneke")},
    "mp02": {"ext": "txt", "encoding": "cp1252", "crlf": True, "labels": ("I", "R")},
    "mp03": {"ext": "vtt", "encoding": "utf-8"},
    "mp04": {"ext": "srt", "encoding": "utf-8", "crlf": True},
    "mp05": {"ext": "txt", "encoding": "utf-8", "labels": ("Spreker 1", "Spreker 2"),
             "stamps": True},
    "mp06": {"ext": "docx", "labels": ("Interviewer", "Respondent")},
}

problems = []


def problem(msg):
    problems.append(msg)


def words(text):
    return sum(1 for t in text.split() if re.search(r"\w", t))


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        buf = []
        for el in p.iter():
            if el.tag == ns + "t":
                buf.append(el.text or "")
            elif el.tag == ns + "tab":
                buf.append("\t")
            elif el.tag == ns + "br":
                buf.append("\n")
        paras.append("".join(buf))
    return paras


def labelled_turns(doc, lines, labels, stamps):
    """lines -> (header_lines, [(speaker_index, text)])"""
    alts = "|".join(re.escape(l) for l in labels)
    pat = re.compile((r"^\[\d{2}:\d{2}:\d{2}\]\s+" if stamps else r"^") + r"(" + alts + r"):\s+(.*)$")
    header, turns = [], []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            turns.append((labels.index(m.group(1)), m.group(2)))
        elif not turns:
            header.append(s)
        else:
            problem(f"{doc}: line after the turns started is not a turn: {s[:60]!r}")
    for h in header:
        m = re.match(r"^(\[[\d:]+\]\s*)?([^:]{1,40}):\s", h)
        if m and m.group(2).strip().lower() not in META_KEYS:
            problem(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
    return header, turns


def cue_turns(doc, text, kind):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{doc}: missing WEBVTT signature")
            return []
        for b in blocks[1:]:
            lines = b.split("\n")
            if lines[0].startswith("NOTE"):
                continue
            ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
            if ti is None:
                problem(f"{doc}: vtt block without timing: {b[:40]!r}")
                continue
            payload = " ".join(lines[ti + 1:])
            m = re.match(r"^<v\s+([^>]+)>(.*?)(</v>)?$", payload)
            if not m:
                problem(f"{doc}: vtt cue without voice tag: {payload[:40]!r}")
                continue
            cues.append((m.group(1).strip(), m.group(2).strip()))
    else:
        for n, b in enumerate(blocks, 1):
            lines = b.split("\n")
            if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
                problem(f"{doc}: malformed srt block {n}")
                continue
            if int(lines[0]) != n:
                problem(f"{doc}: srt cue numbering broken at {n}")
            payload = " ".join(lines[2:])
            m = re.match(r"^([^:]{1,40}):\s+(.*)$", payload)
            if not m:
                problem(f"{doc}: srt cue without speaker name: {payload[:40]!r}")
                continue
            cues.append((m.group(1).strip(), m.group(2).strip()))
    merged = []
    for name, txt in cues:
        if merged and merged[-1][0] == name:
            merged[-1][1].append(txt)
        else:
            merged.append((name, [txt]))
    names = []
    for name, _ in merged:
        if name not in names:
            names.append(name)
    if len(names) != 2:
        problem(f"{doc}: expected 2 speakers, found {names}")
        return []
    return [(names.index(n), " ".join(parts)) for n, parts in merged]


def read_doc(doc):
    cfg = CONFIG[doc]
    found = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(found) != 1:
        problem(f"{doc}: expected exactly one transcript, found {found}")
        return None, []
    fname = found[0]
    path = os.path.join(TDIR, fname)
    if not fname.endswith("." + cfg["ext"]):
        problem(f"{doc}: expected .{cfg['ext']}, found {fname}")
    if cfg["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            problem(f"{doc}: unreadable docx: {e}")
            return None, []
        full = "\n".join(paras)
        _, turns = labelled_turns(doc, paras, cfg["labels"], False)
        return full, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(cfg["encoding"])
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {cfg['encoding']}: {e}")
        return None, []
    if cfg["encoding"] == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: expected Windows-1252 bytes, file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if cfg.get("crlf"):
        if "\n" in text.replace("\r\n", ""):
            problem(f"{doc}: bare LF line endings in a CRLF file")
    text = text.replace("\r\n", "\n")
    if cfg["ext"] == "txt":
        _, turns = labelled_turns(doc, text.split("\n"), cfg["labels"], cfg.get("stamps", False))
    else:
        turns = cue_turns(doc, text, cfg["ext"])
    return text, turns


def main():
    texts, turns_by_doc, exts = {}, {}, set()
    for doc in DOCS:
        full, turns = read_doc(doc)
        if full is None:
            continue
        texts[doc], turns_by_doc[doc] = full, turns
        exts.add(CONFIG[doc]["ext"])
        if BANNED.search(full):
            problem(f"{doc}: uses a label word ({BANNED.search(full).group(0)})")
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (who, _) in enumerate(turns):
            if who != i % 2:
                problem(f"{doc}: turns do not alternate (interviewer first) at turn {i + 1}")
                break
        r = sum(1 for who, _ in turns if who == 1)
        if not 10 <= r <= 45:
            problem(f"{doc}: {r} respondent turns (need 10-45)")
        w = sum(words(t) for _, t in turns)
        if not 1500 <= w <= 2600:
            problem(f"{doc}: {w} words of spoken text (need 1500-2600)")
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats ({sorted(exts)})")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"styles.csv: {e}")
        rows = []
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOCS:
        problem(f"styles.csv: doc ids {ids} != {DOCS}")
    counts = {}
    for r in rows:
        if r["style"] not in MIX:
            problem(f"styles.csv: invalid style {r['style']!r} for {r['doc_id']}")
        counts[r["style"]] = counts.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
            problem(f"styles.csv: onbepaald rationale for {r['doc_id']} does not say which kind")
    if counts != MIX:
        problem(f"styles.csv: mix {counts} != {MIX}")

    # orientation.csv
    try:
        orows = list(csv.reader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"orientation.csv: {e}")
        orows = [["doc_id", "turn_index", "orientation"]]
    if orows[0] != ["doc_id", "turn_index", "orientation"]:
        problem("orientation.csv: wrong header")
    keys = []
    for row in orows[1:]:
        if len(row) != 3:
            problem(f"orientation.csv: bad row {row}")
            continue
        doc, idx, ori = row
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {row}")
        if not idx.isdigit():
            problem(f"orientation.csv: bad turn index {row}")
            continue
        idx = int(idx)
        keys.append((doc, idx))
        turns = turns_by_doc.get(doc)
        if turns is None:
            problem(f"orientation.csv: unknown doc {doc}")
        elif not 1 <= idx <= len(turns) or turns[idx - 1][0] != 1:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"identifiers.csv: {e}")
        irows = []
    seen, per_doc = set(), {}
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} ({doc}, {ident!r})")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc not in texts:
            problem(f"identifiers.csv: unknown or unreadable doc {doc}")
        elif ident not in texts[doc]:
            problem(f"identifiers.csv: {ident!r} not found verbatim in {doc}")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: only {per_doc.get(doc, 0)} identifiers for {doc}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
