#!/usr/bin/env python3
"""Stdlib self-check for setCH.

Verifies, reading the generated transcripts (not the sources):
  - every document exists and its speaker turns strictly alternate, starting with the interviewer;
  - every orientation row points at an existing respondent (even) turn, value casus|netwerk, no duplicates;
  - every identifier occurs verbatim in its document;
  - styles.csv is complete (all six ids, valid style, non-empty rationale);
  - word counts (turn text only) lie within 1,500-2,600.
Exit code 0 when all checks pass.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
T = os.path.join(HERE, "transcripts")

# doc id -> (file name, encoding, interviewer label, respondent label)
DOCS = {
    "ch01": ("ch01.docx", None, "Interviewer", "Marieke"),
    "ch02": ("ch02.srt", "utf-8", "INT", "HAR"),
    "ch03": ("ch03.txt", "cp1252", "Interviewer", "Respondent"),
    "ch04": ("ch04.vtt", "utf-8", "Interviewer", "Bas"),
    "ch05": ("ch05.txt", "utf-8", "Spreker 1", "Spreker 2"),
    "ch06": ("ch06.txt", "utf-8", "I", "R"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def load(doc):
    fn, enc, il, rl = DOCS[doc]
    path = os.path.join(T, fn)
    if fn.endswith(".docx"):
        lines = docx_paragraphs(path)
        full = "\n".join(lines)
    else:
        with open(path, "rb") as f:
            full = f.read().decode(enc)
        lines = full.splitlines()
    labels = {il: "I", rl: "R"}
    turns = []  # [speaker, text]
    if fn.endswith(".srt") or fn.endswith(".vtt"):
        for line in lines:
            line = line.strip()
            m = re.match(r"^<v ([^>]+)>(.*)$", line) if fn.endswith(".vtt") else re.match(r"^([^:]{1,20}): (.*)$", line)
            if not m or m.group(1) not in labels:
                continue
            spk, text = labels[m.group(1)], m.group(2)
            if turns and turns[-1][0] == spk:
                turns[-1][1] += " " + text  # continuation cue of the same turn
            else:
                turns.append([spk, text])
    else:
        pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(%s): (.*)$" % "|".join(re.escape(x) for x in labels))
        for line in lines:
            m = pat.match(line.strip())
            if m:
                turns.append([labels[m.group(1)], m.group(2)])
    return full, turns


def main():
    errors = []
    turns_by_doc, text_by_doc = {}, {}
    for doc in DOCS:
        full, turns = load(doc)
        text_by_doc[doc], turns_by_doc[doc] = full, turns
        if not turns:
            errors.append(f"{doc}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            if spk != ("I" if i % 2 else "R"):
                errors.append(f"{doc}: alternation broken at turn {i}")
                break
        words = sum(len(t.split()) for _, t in turns)
        rt = sum(1 for s, _ in turns if s == "R")
        flag = "" if 1500 <= words <= 2600 else "  <-- outside 1500-2600"
        if flag:
            errors.append(f"{doc}: {words} words")
        print(f"{doc}: {len(turns)} turns, {rt} respondent turns, {words} words{flag}")

    seen = set()
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            doc, ti, o = row["doc_id"], int(row["turn_index"]), row["orientation"]
            key = (doc, ti)
            if key in seen:
                errors.append(f"orientation: duplicate {key}")
            seen.add(key)
            if o not in ("casus", "netwerk"):
                errors.append(f"orientation: bad value {o} at {key}")
            turns = turns_by_doc.get(doc)
            if turns is None or not (1 <= ti <= len(turns)) or turns[ti - 1][0] != "R":
                errors.append(f"orientation: {key} is not a respondent turn")
    print(f"orientation rows: {len(seen)}")

    n = 0
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            n += 1
            if row["doc_id"] not in text_by_doc or row["identifier"] not in text_by_doc[row["doc_id"]]:
                errors.append(f"identifier not found verbatim: {row['doc_id']} {row['identifier']!r}")
    print(f"identifier rows: {n}")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        st = {r["doc_id"]: r for r in csv.DictReader(f)}
    for doc in DOCS:
        r = st.get(doc)
        if not r or r["style"] not in STYLES or not r["rationale"].strip():
            errors.append(f"styles.csv: missing/invalid row for {doc}")
    if set(st) - set(DOCS):
        errors.append(f"styles.csv: unexpected ids {set(st) - set(DOCS)}")
    print("styles:", ", ".join(f"{d}={st[d]['style']}" for d in DOCS if d in st))

    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
