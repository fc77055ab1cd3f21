#!/usr/bin/env python3
"""Stdlib self-check for setCT: reads the transcripts as delivered (not the sources) and verifies
alternation, orientation rows, identifiers and styles.csv."""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
IDS = ["ct01", "ct02", "ct03", "ct04", "ct05", "ct06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^:\[\]]{1,30}):\s+(.*)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def labelled_lines(lines):
    """Return (full_text, turns) from lines of 'Label: text'; the two most frequent labels are speakers."""
    cands = [(m.group(1).strip(), m.group(2)) for m in map(LABEL.match, lines) if m]
    speakers = {lab for lab, _ in Counter(l for l, _ in cands).most_common(2)}
    turns = []
    for lab, text in cands:
        if lab in speakers:
            if turns and turns[-1][0] == lab:
                turns[-1] = (lab, turns[-1][1] + " " + text)
            else:
                turns.append((lab, text))
    return turns


def parse(path):
    ext = path.suffix
    if ext == ".txt":
        text = read_text(path)
        return text, labelled_lines([l.strip() for l in text.splitlines() if l.strip()])
    if ext == ".docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        paras = [p.strip() for p in paras if p.strip()]
        return "\n".join(paras), labelled_lines(paras)
    if ext in (".vtt", ".srt"):
        text = read_text(path)
        cues = []
        for block in re.split(r"\n\s*\n", text.strip()):
            lines = block.strip().splitlines()
            if not any("-->" in l for l in lines):
                continue
            body = " ".join(lines[[i for i, l in enumerate(lines) if "-->" in l][0] + 1:])
            m = re.match(r"<v ([^>]+)>(.*?)(?:</v>)?$", body)
            cues.append(f"{m.group(1)}: {m.group(2)}" if m else body)
        return "\n".join(cues), labelled_lines(cues)
    raise ValueError(path)


def main():
    errors = []
    files = {p.stem: p for p in TR.iterdir()}
    docs = {}
    for d in IDS:
        if d not in files:
            errors.append(f"{d}: transcript missing")
            continue
        full, turns = parse(files[d])
        docs[d] = (full, turns)
        labs = [t[0] for t in turns]
        if len(set(labs)) != 2:
            errors.append(f"{d}: expected 2 speakers, got {set(labs)}")
        for k in range(1, len(labs)):
            if labs[k] == labs[k - 1]:
                errors.append(f"{d}: no alternation at turn {k + 1}")
        words = sum(len(t[1].split()) for t in turns)
        print(f"{d}: {files[d].name:10s} turns={len(turns):2d} respondent_turns={len(turns) // 2:2d} "
              f"first_speaker={labs[0]!r} words={words}")
        if not 1500 <= words <= 2600:
            errors.append(f"{d}: word count {words} outside 1500-2600")
    with open(HERE / "styles.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in rows) != IDS:
        errors.append("styles.csv: doc ids incomplete or duplicated")
    for r in rows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            errors.append(f"styles.csv: bad row {r}")
    print("styles:", Counter(r["style"] for r in rows))
    with open(HERE / "orientation.csv", encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        errors.append("orientation.csv: not sorted or duplicates")
    for r in orows:
        d, k = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append(f"orientation.csv: bad value {r}")
        if d not in docs or k % 2 != 0 or not 1 <= k <= len(docs[d][1]):
            errors.append(f"orientation.csv: {d} turn {k} is not a respondent turn")
    with open(HERE / "identifiers.csv", encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            errors.append(f"identifiers.csv: bad type {r}")
        if r["doc_id"] not in docs or r["identifier"] not in docs[r["doc_id"]][0]:
            errors.append(f"identifiers.csv: {r['identifier']!r} not found in {r['doc_id']}")
    print(f"orientation rows={len(orows)} identifier rows={len(irows)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
