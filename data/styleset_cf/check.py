#!/usr/bin/env python3
"""Stdlib self-check for set CF: reads the transcripts as delivered (not the sources) and verifies
alternation (interviewer first), orientation rows -> respondent turns, identifiers verbatim,
styles.csv complete.  Usage: python3 check.py"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = {
    "cf01": ("cf01.srt", "utf-8", "Interviewer", "Erwin"),
    "cf02": ("cf02.docx", None, "Interviewer", "Ans"),
    "cf03": ("cf03.txt", "utf-8", "I", "R"),
    "cf04": ("cf04.vtt", "utf-8", "Interviewer", "Gert-Jan Nijhuis"),
    "cf05": ("cf05.txt", "cp1252", "Interviewer", "Respondent"),
    "cf06": ("cf06.txt", "utf-8", "Spreker 1", "Spreker 2"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]


def load(doc):
    fn, enc, il, rl = DOCS[doc]
    path = os.path.join(TR, fn)
    labels = {il: "I", rl: "R"}
    segs = []  # (speaker, text)
    if fn.endswith(".docx"):
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            m = re.match(r"^(%s|%s):\s*(.*)$" % (re.escape(il), re.escape(rl)), p)
            if m:
                segs.append((labels[m.group(1)], m.group(2)))
    else:
        with open(path, encoding=enc) as f:
            full = f.read()
        if fn.endswith(".vtt"):
            assert full.startswith("WEBVTT"), doc
            for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", full):
                segs.append((labels[m.group(1)], m.group(2)))
        else:
            pat = r"^(?:\[\d\d:\d\d:\d\d\] )?(%s|%s): (.*)$" % (re.escape(il), re.escape(rl))
            for line in full.splitlines():
                m = re.match(pat, line)
                if m:
                    segs.append((labels[m.group(1)], m.group(2)))
    turns = []
    for spk, text in segs:  # consecutive cues of one speaker form one turn
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + text)
        else:
            turns.append((spk, text))
    return full, segs, turns


def main():
    texts, nturns = {}, {}
    for doc, (fn, *_r) in DOCS.items():
        full, segs, turns = load(doc)
        texts[doc] = full
        nturns[doc] = turns
        if not turns or turns[0][0] != "I":
            errors.append(f"{doc}: does not start with interviewer")
        if not fn.endswith(".vtt"):
            for a, b in zip(segs, segs[1:]):
                if a[0] == b[0]:
                    errors.append(f"{doc}: two consecutive turns by {a[0]}")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            errors.append(f"{doc}: {words} words")
        print(f"{doc}: {len(turns)} turns, {sum(1 for s, _ in turns if s == 'R')} respondent, {words} words")
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        errors.append("orientation.csv not sorted")
    for r in rows:
        d, i = r["doc_id"], int(r["turn_index"])
        if d not in nturns or not 1 <= i <= len(nturns[d]) or nturns[d][i - 1][0] != "R":
            errors.append(f"orientation {d} {i}: not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append(f"orientation {d} {i}: bad value")
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["identifier"] not in texts.get(r["doc_id"], ""):
                errors.append(f"identifier not found: {r['doc_id']} {r['identifier']}")
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        srows = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in srows) != sorted(DOCS):
        errors.append("styles.csv incomplete")
    for r in srows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            errors.append(f"styles.csv bad row {r['doc_id']}")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
