#!/usr/bin/env python3
"""Check the built setKL transcripts and label files (standard library only).

Parses the transcripts in transcripts/ (not the sources) and prints OK or the problems
(exit status 1). Run from anywhere: python3 check.py [--stats]
"""
import csv
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = ["kl01", "kl02", "kl03", "kl04", "kl05", "kl06"]
# per document: (interviewer label, respondent label, expected encoding for text formats)
LABELS = {
    "kl01": ("Interviewer", "Marloes", None),
    "kl02": ("I", "R", "cp1252"),
    "kl03": ("Interviewer", "Daan Koster", "utf-8"),
    "kl04": ("Interviewer", "R. Vermeulen", "utf-8"),
    "kl05": ("Spreker 1", "Spreker 2", "utf-8"),
    "kl06": ("Interviewer", "Respondent", None),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode(raw, enc, doc):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return raw.decode(enc, errors="replace")


def label_turns(lines, ilab, rlab, timestamp=False):
    """Turns from label lines; lines before the first turn are the header."""
    ts = r"(?:\[\d{2}:\d{2}:\d{2}\]\s*)?" if timestamp else ""
    pat = re.compile(r"^" + ts + r"(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$")
    header, turns = [], []
    for line in lines:
        m = pat.match(line)
        if m:
            turns.append(["I" if m.group(1) == ilab else "R", m.group(2).strip()])
        elif not turns:
            if line.strip():
                header.append(line)
        elif line.strip():
            turns[-1][1] += " " + line.strip()
    return header, turns


def parse_docx(path, ilab, rlab, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: cannot read docx: {e}")
        return "", [], []
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    header, turns = label_turns(paras, ilab, rlab)
    return "\n".join(paras), header, turns


def parse_cues(text, doc, srt, ilab, rlab):
    blocks = re.split(r"\n\s*\n", text.strip())
    header, turns = [], []
    start = 0
    if not srt:
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{doc}: vtt does not start with WEBVTT")
        start = 1
    timing = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")
    for block in blocks[start:]:
        lines = block.split("\n")
        if not srt and lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            continue
        idx = next((i for i, l in enumerate(lines) if timing.match(l)), None)
        if idx is None:
            problem(f"{doc}: block without timing: {block[:50]!r}")
            continue
        if srt and (idx != 1 or not lines[0].strip().isdigit()):
            problem(f"{doc}: srt cue without number: {block[:50]!r}")
        body = " ".join(l.strip() for l in lines[idx + 1:] if l.strip())
        if srt:
            m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$", body)
        else:
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: cue without speaker: {body[:50]!r}")
            continue
        who_lab, txt = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if who_lab not in (ilab, rlab):
            problem(f"{doc}: unknown speaker {who_lab!r}")
            continue
        who = "I" if who_lab == ilab else "R"
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return header, turns


def parse(doc):
    files = [f for f in TR.glob(doc + ".*")]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    ilab, rlab, enc = LABELS[doc]
    ext = path.suffix.lower()
    raw = path.read_bytes()
    if ext == ".docx":
        full, header, turns = parse_docx(path, ilab, rlab, doc)
    elif ext in (".txt", ".vtt", ".srt"):
        text = decode(raw, enc or "utf-8", doc)
        if "\r\n" in text:
            if re.search(r"(?<!\r)\n", text):
                problem(f"{doc}: mixed line endings")
            text = text.replace("\r\n", "\n")
        full = text
        if ext == ".txt":
            header, turns = label_turns(text.split("\n"), ilab, rlab, timestamp=True)
        else:
            header, turns = parse_cues(text, doc, ext == ".srt", ilab, rlab)
    else:
        problem(f"{doc}: unknown transcript format {ext}")
        return None
    for h in header:
        if re.match(r"^[^:]{1,30}:\s", h) and not re.match(
                r"^(Respondent|Datum|Duur|Interviewer|Locatie|Opname|Project)\b", h):
            problem(f"{doc}: header line looks like a speaker turn: {h!r}")
    return {"path": path, "full": full, "header": header, "turns": turns}


def main():
    parsed = {}
    stats = []
    for doc in DOCS:
        d = parse(doc)
        if d is None:
            continue
        parsed[doc] = d
        turns = d["turns"]
        if not turns:
            problem(f"{doc}: no turns")
            continue
        for i, (who, txt) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if who != want:
                problem(f"{doc}: turn {i} is {who}, expected {want} (turns must alternate, interviewer first)")
                break
            if not txt.strip():
                problem(f"{doc}: turn {i} is empty")
        words = sum(len([w for w in re.findall(r"\S+", t) if re.search(r"\w", w)]) for _, t in turns)
        rturns = sum(1 for w, _ in turns if w == "R")
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} words, outside {WORDS}")
        if not RTURNS[0] <= rturns <= RTURNS[1]:
            problem(f"{doc}: {rturns} respondent turns, outside {RTURNS}")
        stats.append((doc, d["path"].name, words, rturns, len(turns)))
        d["spoken"] = "\n".join([*d["header"], *(t for _, t in turns)])

    # styles.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "styles.csv", encoding="utf-8", newline="")))
        got = {}
        for r in rows:
            if r["doc_id"] in got:
                problem(f"styles.csv: duplicate {r['doc_id']}")
            got[r["doc_id"]] = r
            if r["style"] not in MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald" and not re.search(r"too little evidence|mixed", r["rationale"], re.I):
                problem(f"styles.csv: onbepaald rationale for {r['doc_id']} does not say which kind")
        if set(got) != set(DOCS):
            problem(f"styles.csv: docs {sorted(got)} != {DOCS}")
        counts = {s: sum(1 for r in got.values() if r["style"] == s) for s in MIX}
        if counts != MIX:
            problem(f"styles.csv: mix {counts} != requested {MIX}")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "orientation.csv", encoding="utf-8", newline="")))
        keys = []
        for r in rows:
            doc, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r} ({doc} {ti})")
            if not ti.isdigit():
                problem(f"orientation.csv: bad turn index {ti!r} ({doc})")
                continue
            ti = int(ti)
            keys.append((doc, ti))
            if doc not in parsed:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            turns = parsed[doc]["turns"]
            if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
                problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8", newline="")))
        seen = set()
        per_doc = {d: 0 for d in DOCS}
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} ({doc} {ident!r})")
            if (doc, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            if doc not in parsed:
                problem(f"identifiers.csv: unknown doc {doc}")
                continue
            per_doc[doc] += 1
            if ident not in parsed[doc]["full"]:
                problem(f"identifiers.csv: {ident!r} not found verbatim in {doc}")
        for doc, n in per_doc.items():
            if n < 5:
                problem(f"identifiers.csv: only {n} identifiers for {doc}")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    if "--stats" in sys.argv:
        for s in stats:
            print("{}  {:10s} words={} respondent_turns={} turns={}".format(*s))
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
