#!/usr/bin/env python3
"""Stdlib-only self-check for blind set CV.

Reads the transcripts as delivered (not the sources) and verifies:
- turns strictly alternate interviewer / respondent, starting with the interviewer;
- every orientation row points at an existing respondent (even) turn, values casus|netwerk, sorted;
- every identifier occurs verbatim in its document;
- styles.csv has exactly the six ids with a valid style and a rationale;
- word counts of the turns are within 1,500-2,600.
Exit code 0 when all checks pass.
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
IDS = ["cv01", "cv02", "cv03", "cv04", "cv05", "cv06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(?:<v ([^>]+)>|([^\s:<][^:<]{0,29}):\s)(.*)$")
errors = []


def err(msg):
    errors.append(msg)


def load(doc_id):
    """Return (full_text, candidate_lines) for a transcript."""
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        err(f"{doc_id}: expected one transcript file, found {files}")
        return "", []
    path = os.path.join(TR, files[0])
    ext = files[0].rsplit(".", 1)[1]
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        return "\n".join(paras), [p for p in paras if p.strip()]
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n")
    lines = [l for l in text.split("\n") if l.strip()]
    if ext in ("srt", "vtt"):
        lines = [l for l in lines if "-->" not in l and not l.strip().isdigit() and l != "WEBVTT"]
    return text, lines


def turns_of(doc_id, lines):
    cand = []
    for l in lines:
        m = LABEL.match(l)
        if m:
            cand.append(((m.group(1) or m.group(2)).strip(), m.group(3)))
    top = [lab for lab, _ in Counter(l for l, _ in cand).most_common(2)]
    turns = [(lab, t) for lab, t in cand if lab in top]
    if not turns:
        err(f"{doc_id}: no turns found")
        return []
    first = turns[0][0]
    for i, (lab, _) in enumerate(turns, 1):
        if (lab == first) != (i % 2 == 1):
            err(f"{doc_id}: alternation broken at turn {i} ({lab})")
            break
    return turns


def main():
    docs = {}
    for d in IDS:
        text, lines = load(d)
        turns = turns_of(d, lines)
        words = sum(len(t.split()) for _, t in turns)
        docs[d] = (text, turns, words)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words outside 1500-2600")

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in rows) != IDS:
        err(f"styles.csv ids: {[r['doc_id'] for r in rows]}")
    for r in rows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            err(f"styles.csv bad row {r}")
    styles = {r["doc_id"]: r["style"] for r in rows}

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted or has duplicates")
    for r in orows:
        d, k = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            err(f"orientation: unknown doc {d}")
            continue
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation: bad value {r}")
        if k % 2 != 0 or k > len(docs[d][1]):
            err(f"orientation: {d} turn {k} is not a respondent turn")

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err(f"identifier type {r}")
        if r["identifier"] not in docs.get(r["doc_id"], ("",))[0]:
            err(f"identifier not verbatim in {r['doc_id']}: {r['identifier']!r}")

    print("doc   style           turns  resp  words  casus netwerk  ids")
    for d in IDS:
        text, turns, words = docs[d]
        oc = sum(1 for r in orows if r["doc_id"] == d and r["orientation"] == "casus")
        on = sum(1 for r in orows if r["doc_id"] == d and r["orientation"] == "netwerk")
        ni = sum(1 for r in irows if r["doc_id"] == d)
        print(f"{d}  {styles.get(d, '?'):15} {len(turns):5} {len(turns) // 2:5} {words:6} {oc:6} {on:7} {ni:4}")
    if errors:
        print("\nFAIL")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
