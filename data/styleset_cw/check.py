#!/usr/bin/env python3
"""Stdlib self-check for setCW.

Checks: every transcript parses into turns that strictly alternate interviewer/respondent starting with
the interviewer; every orientation row points at an existing respondent turn; every identifier occurs
verbatim in its document; styles.csv is complete (one valid style per document, mix 2/2/2);
word counts within 1,500-2,600.
"""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# doc_id -> (file, regex for an interviewer turn, regex for a respondent turn)
DOCS = {
    "cw01": ("cw01.docx", r"^Interviewer:\s*(.*)$", r"^Respondent:\s*(.*)$"),
    "cw02": ("cw02.srt", r"^Marit:\s*(.*)$", r"^Baukje:\s*(.*)$"),
    "cw03": ("cw03.txt", r"^I:\s*(.*)$", r"^R:\s*(.*)$"),
    "cw04": ("cw04.txt", r"^\[\d\d:\d\d:\d\d\] Spreker 1:\s*(.*)$", r"^\[\d\d:\d\d:\d\d\] Spreker 2:\s*(.*)$"),
    "cw05": ("cw05.vtt", r"^<v Interviewer>(.*)</v>$", r"^<v Jildou Postma>(.*)</v>$"),
    "cw06": ("cw06.docx", r"^TvdM:\s*(.*)$", r"^GH:\s*(.*)$"),
}
EXPECTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}


def read_lines(fname):
    path = os.path.join(TR, fname)
    if fname.endswith(".docx"):
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        lines = []
        for p in root.iter(W + "p"):
            lines.append("".join(t.text or "" for t in p.iter(W + "t")))
        return lines
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return text.replace("\r\n", "\n").split("\n")


def main():
    errors = []
    turns_by_doc, text_by_doc = {}, {}
    for doc, (fname, ire, rre) in DOCS.items():
        lines = read_lines(fname)
        text_by_doc[doc] = "\n".join(lines)
        turns = []
        for ln in lines:
            ln = ln.strip()
            mi, mr = re.match(ire, ln), re.match(rre, ln)
            if mi:
                turns.append(("I", mi.group(1)))
            elif mr:
                turns.append(("R", mr.group(1)))
        turns_by_doc[doc] = turns
        if not turns:
            errors.append(f"{doc}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if spk != want:
                errors.append(f"{doc}: turn {i} is {spk}, expected {want}")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            errors.append(f"{doc}: {words} words outside 1500-2600")
        print(f"{doc}: {fname:10s} turns={len(turns)} respondent_turns={len(turns)//2} words={words}")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        errors.append("orientation.csv not sorted by doc_id, turn_index")
    for r in rows:
        doc, idx = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append(f"orientation: bad value {r}")
        turns = turns_by_doc.get(doc)
        if turns is None or not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            errors.append(f"orientation: {doc} turn {idx} is not a respondent turn")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        ids = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in ids:
        if r["type"] not in types:
            errors.append(f"identifier: bad type {r}")
        if r["identifier"] not in text_by_doc.get(r["doc_id"], ""):
            errors.append(f"identifier not found verbatim: {r}")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        styles = list(csv.DictReader(f))
    got = {r["doc_id"]: r["style"] for r in styles}
    if set(got) != set(DOCS):
        errors.append(f"styles.csv docs {sorted(got)} != {sorted(DOCS)}")
    for r in styles:
        if not r.get("rationale"):
            errors.append(f"styles.csv: empty rationale for {r['doc_id']}")
    mix = {}
    for s in got.values():
        mix[s] = mix.get(s, 0) + 1
    if mix != EXPECTED_MIX:
        errors.append(f"style mix {mix} != {EXPECTED_MIX}")

    print(f"orientation rows: {len(rows)}, identifier rows: {len(ids)}, styles: {len(styles)}")
    if errors:
        print("FAILED")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
