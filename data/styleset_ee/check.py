#!/usr/bin/env python3
"""Stdlib self-check for setEE.

Checks, reading the generated transcripts directly (not the sources):
- every transcript parses into speaker turns that strictly alternate interviewer / respondent,
  starting with the interviewer;
- styles.csv lists exactly the six documents with a valid style and a rationale;
- every orientation.csv row points at an existing respondent (even) turn, with a valid value,
  and the file is sorted by doc_id, turn_index without duplicates;
- every identifiers.csv row occurs verbatim in its document and has a valid type;
- word counts (turn text) lie within 1,500-2,600.
Prints a summary per document and 'check.py: OK' or the list of problems (exit code 1).
"""
import csv
import os
import re
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = [f"ee{i:02d}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
INTERVIEWER_LABELS = {"Interviewer", "I", "JK", "Spreker 1"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^\s:][^:]{0,29}):\s+(.*)$")
TIME_RE = re.compile(r"^\d\d:\d\d:\d\d[.,]\d\d\d --> \d\d:\d\d:\d\d[.,]\d\d\d")

problems = []


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def labelled_turns(lines):
    """Turns from lines of the form 'Label: text'; the two most frequent labels are the speakers."""
    cands = [(m.group(1).strip(), m.group(2)) for m in map(LABEL_RE.match, lines) if m]
    speakers = {lab for lab, _ in Counter(lab for lab, _ in cands).most_common(2)}
    turns = []
    for line in lines:
        m = LABEL_RE.match(line)
        if m and m.group(1).strip() in speakers:
            turns.append([m.group(1).strip(), m.group(2)])
        elif turns and line.strip():
            turns[-1][1] += " " + line.strip()   # continuation line
    return turns


def cues(text):
    blocks, cur = [], []
    for line in text.splitlines():
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    out = []
    for b in blocks:
        for i, line in enumerate(b):
            if TIME_RE.match(line):
                out.append(" ".join(b[i + 1:]))
                break
    return out


def parse(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return labelled_turns(paras), "\n".join(paras)
    text = read_text(path)
    if ext == "vtt":
        turns = []
        for c in cues(text):
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", c)
            if not m:
                problems.append(f"{path}: cue without <v> speaker: {c[:40]}")
                continue
            turns.append([m.group(1), m.group(2)])
        # merge consecutive cues of the same speaker
        merged = []
        for sp, t in turns:
            if merged and merged[-1][0] == sp:
                merged[-1][1] += " " + t
            else:
                merged.append([sp, t])
        return merged, text
    if ext == "srt":
        return labelled_turns(cues(text)), text
    return labelled_turns(text.splitlines()), text


def main():
    files = {f.rsplit(".", 1)[0]: os.path.join(TR, f) for f in os.listdir(TR)}
    if sorted(files) != IDS:
        problems.append(f"transcripts found: {sorted(files)}")
    parsed = {}
    for d in IDS:
        if d not in files:
            continue
        turns, text = parse(files[d])
        parsed[d] = (turns, text)
        if not turns:
            problems.append(f"{d}: no turns")
            continue
        labels = [t[0] for t in turns]
        a = labels[0]
        if a not in INTERVIEWER_LABELS:
            problems.append(f"{d}: first speaker {a!r} is not an interviewer label")
        b = next((x for x in labels if x != a), None)
        for i, lab in enumerate(labels):
            want = a if i % 2 == 0 else b
            if lab != want:
                problems.append(f"{d}: turn {i + 1} by {lab!r}, expected {want!r}")
                break
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            problems.append(f"{d}: {words} words outside 1500-2600")
        print(f"{d}: {os.path.basename(files[d])}, {len(turns)} turns, "
              f"{len(turns) // 2} respondent turns, {words} words")

    with open(os.path.join(ROOT, "styles.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = [r["doc_id"] for r in rows]
    if sorted(got) != IDS or len(got) != len(set(got)):
        problems.append(f"styles.csv ids: {got}")
    for r in rows:
        if r["style"] not in STYLES:
            problems.append(f"styles.csv: bad style {r}")
        if not r.get("rationale", "").strip():
            problems.append(f"styles.csv: empty rationale for {r['doc_id']}")

    with open(os.path.join(ROOT, "orientation.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problems.append("orientation.csv not sorted or has duplicates")
    for r in rows:
        d, i = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            problems.append(f"orientation.csv: bad value {r}")
        if d not in parsed:
            problems.append(f"orientation.csv: unknown doc {d}")
            continue
        n = len(parsed[d][0])
        if i % 2 != 0 or not 1 <= i <= n:
            problems.append(f"orientation.csv: {d} turn {i} is not a respondent turn (n={n})")

    with open(os.path.join(ROOT, "identifiers.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        d = r["doc_id"]
        if r["type"] not in TYPES:
            problems.append(f"identifiers.csv: bad type {r}")
        if d not in parsed:
            problems.append(f"identifiers.csv: unknown doc {d}")
        elif r["identifier"] not in parsed[d][1]:
            problems.append(f"identifiers.csv: {r['identifier']!r} not found verbatim in {d}")
    for d in IDS:
        if not any(r["doc_id"] == d for r in rows):
            problems.append(f"identifiers.csv: no identifiers for {d}")

    if problems:
        print("check.py: FAILED")
        for p in problems:
            print("  -", p)
        sys.exit(1)
    print("check.py: OK")


if __name__ == "__main__":
    main()
