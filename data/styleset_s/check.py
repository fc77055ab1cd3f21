#!/usr/bin/env python3
"""Stdlib self-check for setS. Reads the generated transcripts directly (not the sources) and verifies:
- every transcript parses into turns that strictly alternate between two speakers, interviewer first;
- every orientation.csv row points at an existing respondent (even) turn, values valid, sorted, unique;
- every identifiers.csv row occurs verbatim in its document;
- styles.csv is complete (bs01..bs06), styles valid, mix = 3 casusgericht / 3 netwerkgericht / 0 onbepaald;
- word counts (spoken text, labels/timings excluded) are within 1,500-2,600.
Exit code 0 when everything passes.
"""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
IDS = [f"bs{i:02d}" for i in range(1, 7)]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\[\]<>]{1,30}):\s+(.*)$", re.S)
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def units(path):
    """Return (full_text, list of candidate (label, text) units)."""
    ext = path.suffix.lower()
    if ext == ".docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        full = "\n".join(paras)
        out = []
        for p in paras:
            m = LABEL_RE.match(p.strip())
            if m:
                out.append((m.group(1).strip(), m.group(2)))
        return full, out
    text = read_text(path).replace("\r\n", "\n")
    if ext == ".vtt":
        out = []
        for m in re.finditer(r"<v ([^>]+)>(.*?)(?:</v>|\n\n|\Z)", text, re.S):
            out.append((m.group(1).strip(), " ".join(m.group(2).split())))
        return text, out
    if ext == ".srt":
        out = []
        for block in re.split(r"\n\s*\n", text.strip()):
            lines = block.split("\n")
            if len(lines) < 3 or "-->" not in lines[1]:
                err(f"{path.name}: malformed srt block: {lines[:2]}")
                continue
            m = LABEL_RE.match(" ".join(lines[2:]))
            if m:
                out.append((m.group(1).strip(), m.group(2)))
        return text, out
    out = []
    for line in text.split("\n"):
        m = LABEL_RE.match(line.strip())
        if m:
            out.append((m.group(1).strip(), m.group(2)))
    return text, out


def turns_of(doc_id):
    files = list(TR.glob(doc_id + ".*"))
    if len(files) != 1:
        err(f"{doc_id}: expected exactly one transcript, found {[f.name for f in files]}")
        return "", []
    full, us = units(files[0])
    counts = Counter(l for l, _ in us)
    speakers = [l for l, _ in counts.most_common(2)]
    turns = [(l, t) for l, t in us if l in speakers]
    if len(speakers) != 2:
        err(f"{doc_id}: expected two speakers, found {speakers}")
        return full, turns
    first = turns[0][0]
    for i, (l, _) in enumerate(turns, start=1):
        expected = first if i % 2 == 1 else [s for s in speakers if s != first][0]
        if l != expected:
            err(f"{doc_id}: turn {i} by {l!r}, expected {expected!r} (alternation broken)")
            break
    if len(turns) % 2:
        err(f"{doc_id}: odd number of turns ({len(turns)}); interview should end on a respondent turn")
    return full, turns


def main():
    docs = {}
    for d in IDS:
        full, turns = turns_of(d)
        docs[d] = (full, turns)
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words, outside 1,500-2,600")
        print(f"{d}: turns={len(turns)} respondent_turns={len(turns) // 2} words={words}")

    with open(HERE / "styles.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    styles = {r["doc_id"]: r["style"] for r in rows}
    if sorted(styles) != IDS or len(rows) != len(IDS):
        err(f"styles.csv ids: {sorted(styles)}")
    for r in rows:
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    mix = Counter(styles.values())
    if mix != Counter({"casusgericht": 3, "netwerkgericht": 3}):
        err(f"styles.csv: mix {dict(mix)} is not 3/3/0")

    with open(HERE / "orientation.csv", newline="", encoding="utf-8") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted or has duplicates")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {o!r} at {d}/{ti}")
        if ti % 2 or not 1 <= ti <= len(docs[d][1]):
            err(f"orientation.csv: {d}/{ti} is not a respondent turn")

    with open(HERE / "identifiers.csv", newline="", encoding="utf-8") as fh:
        irows = list(csv.DictReader(fh))
    valid_types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
                   "ORGANISATIE_NAAM"}
    per_doc = Counter()
    for r in irows:
        d = r["doc_id"]
        per_doc[d] += 1
        if r["type"] not in valid_types:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if d not in docs or r["identifier"] not in docs[d][0]:
            err(f"identifiers.csv: {r['identifier']!r} not found verbatim in {d}")
    for d in IDS:
        if per_doc[d] == 0:
            err(f"identifiers.csv: no identifiers for {d}")

    print(f"orientation rows={len(orows)} identifier rows={len(irows)} styles={dict(mix)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
