"""Check set nn: parses the BUILT transcripts (not the sources) and the three csv files.

Run: python3 check.py        (standard library only)
     python3 check.py --stats  also prints per-document counts
Prints OK, or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# expected delivery per document: extension, encoding, line ending, speaker labels (interviewer, respondent)
DOCS = {
    "nn01": dict(ext="docx", labels=("Interviewer", "Respondent")),
    "nn02": dict(ext="docx", labels=("Femke", "Ruud")),
    "nn03": dict(ext="vtt", enc="utf-8", labels=("Joost Verhulst", "Yasmina El Haddouti")),
    "nn04": dict(ext="txt", enc="cp1252", crlf=True, labels=("I", "R")),
    "nn05": dict(ext="srt", enc="utf-8", crlf=True, labels=("Lotte", "Bart")),
    "nn06": dict(ext="txt", enc="utf-8", timestamps=True, labels=("Spreker 1", "Spreker 2")),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)

problems = []


def problem(msg):
    problems.append(msg)


def nwords(text):
    return sum(1 for w in text.split() if re.search(r"\w", w))


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        parts = []
        for el in p.iter():
            if el.tag == ns + "t":
                parts.append(el.text or "")
            elif el.tag in (ns + "tab",):
                parts.append("\t")
            elif el.tag in (ns + "br", ns + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def label_turns(lines, labels, doc_id, ts=False):
    """Lines -> turns [(speaker_index, text)]. Lines before the first turn are the header;
    later unlabelled non-empty lines continue the previous turn."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(" + "|".join(re.escape(l) for l in labels) + r"):\s(.*)$")
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        if m and (not ts or line.startswith("[")):
            turns.append([labels.index(m.group(1)), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
        elif ts and line.startswith("["):
            problem(f"{doc_id}: timestamped line with unknown speaker: {line[:50]}")
    return turns


def parse_vtt(text, labels, doc_id):
    if not text.startswith("WEBVTT"):
        problem(f"{doc_id}: vtt does not start with WEBVTT")
    turns = []
    for block in re.split(r"\n\s*\n", text.strip())[1:]:
        lines = block.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            problem(f"{doc_id}: vtt block without timing: {block[:40]!r}")
            continue
        body = " ".join(lines[ti[0] + 1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc_id}: vtt cue without voice tag: {body[:40]!r}")
            continue
        name, cue = m.group(1), re.sub(r"</?[^>]+>", "", m.group(2))
        if name not in labels:
            problem(f"{doc_id}: unknown voice {name!r}")
            continue
        who = labels.index(name)
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + cue  # a turn may span several cues
        else:
            turns.append([who, cue])
    return turns


def parse_srt(text, labels, doc_id):
    turns = []
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s(.*)$")
    for n, block in enumerate(re.split(r"\n\s*\n", text.strip()), 1):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc_id}: malformed srt cue {n}")
            continue
        if int(lines[0]) != n:
            problem(f"{doc_id}: srt cue numbered {lines[0]} at position {n}")
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if m:
            turns.append([labels.index(m.group(1)), m.group(2)])
        elif turns:
            turns[-1][1] += " " + body
        else:
            problem(f"{doc_id}: first srt cue has no speaker")
    return turns


def load(doc_id, cfg):
    """Return (full_text, turns) or (None, None)."""
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected one transcript, found {files}")
        return None, None
    name = files[0]
    if not name.endswith("." + cfg["ext"]):
        problem(f"{doc_id}: unexpected format {name}")
    path = os.path.join(TDIR, name)
    labels = cfg["labels"]
    if cfg["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: docx not readable: {e}")
            return None, None
        return "\n".join(paras), label_turns(paras, labels, doc_id)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {cfg['enc']}: {e}")
        return None, None
    if cfg["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc_id}: expected Windows-1252 but file is valid UTF-8 (no non-ASCII?)")
        except UnicodeDecodeError:
            pass
    if cfg.get("crlf"):
        if "\n" in text.replace("\r\n", ""):
            problem(f"{doc_id}: not consistently CRLF")
    elif "\r" in text:
        problem(f"{doc_id}: unexpected CR characters")
    text = text.replace("\r\n", "\n")
    if cfg["ext"] == "vtt":
        turns = parse_vtt(text, labels, doc_id)
    elif cfg["ext"] == "srt":
        turns = parse_srt(text, labels, doc_id)
    else:
        turns = label_turns(text.split("\n"), labels, doc_id, ts=cfg.get("timestamps", False))
    return text, turns


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    stats = "--stats" in sys.argv
    texts, turnsets = {}, {}
    for doc_id, cfg in DOCS.items():
        text, turns = load(doc_id, cfg)
        if text is None:
            continue
        texts[doc_id], turnsets[doc_id] = text, turns
        if not turns:
            problem(f"{doc_id}: no turns found")
            continue
        if turns[0][0] != 0:
            problem(f"{doc_id}: first turn is not the interviewer's")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc_id}: turns {i} and {i + 1} have the same speaker")
        nresp = sum(1 for w, _ in turns if w == 1)
        nw = sum(nwords(t) for _, t in turns)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc_id}: {nresp} respondent turns")
        if not WORDS[0] <= nw <= WORDS[1]:
            problem(f"{doc_id}: {nw} words of spoken text")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc_id}: forbidden word {w!r}")
        if stats:
            print(f"{doc_id}: turns={len(turns)} respondent_turns={nresp} words={nw}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        d, style, why = r
        if d in seen:
            problem(f"styles.csv: duplicate {d}")
        seen[d] = style
        if style not in MIX:
            problem(f"styles.csv: bad style {style!r} for {d}")
        if not why.strip():
            problem(f"styles.csv: empty rationale for {d}")
        if style == "onbepaald" and not re.search(r"mixed|too little evidence", why, re.I):
            problem(f"styles.csv: onbepaald rationale for {d} does not say which kind")
    if set(seen) != set(DOCS):
        problem(f"styles.csv: documents {sorted(seen)} != {sorted(DOCS)}")
    for style, n in MIX.items():
        if list(seen.values()).count(style) != n:
            problem(f"styles.csv: expected {n} x {style}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        d, idx, o = r[0], int(r[1]), r[2]
        keys.append((d, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if d not in DOCS:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = turnsets.get(d)
        if turns is None:
            continue
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != 1 or idx % 2:
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen_ids, per_doc = set(), {d: 0 for d in DOCS}
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if (d, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen_ids.add((d, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if d not in DOCS:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        per_doc[d] += 1
        if d in texts and ident not in texts[d]:
            problem(f"identifiers.csv: {d} {ident!r} not found verbatim in transcript")
    for d, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: only {n} identifiers for {d}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
