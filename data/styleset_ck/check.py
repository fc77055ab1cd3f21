#!/usr/bin/env python3
"""Stdlib self-check for set CK.

Reads the transcripts independently of src/ (only the label table below is shared knowledge) and checks:
- every expected transcript exists and its turns strictly alternate interviewer/respondent, starting with
  the interviewer;
- every orientation.csv row points at an existing respondent turn (even turn_index) and has a valid value;
- every identifier in identifiers.csv occurs verbatim in its document (full text incl. header);
- styles.csv has exactly one valid row per document, with a rationale;
- word counts are within 1,500-2,600.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
DOCS = {
    # doc_id: (file, encoding, interviewer label, respondent label)
    "ck01": ("ck01.docx", None, "Interviewer:", "Annelies:"),
    "ck02": ("ck02.txt", "utf-8", "I:", "R:"),
    "ck03": ("ck03.srt", "utf-8", "Interviewer:", "Johan:"),
    "ck04": ("ck04.vtt", "utf-8", "<v Interviewer>", "<v Carla>"),
    "ck05": ("ck05.txt", "cp1252", "JH:", "BC:"),
    "ck06": ("ck06.txt", "utf-8", "Spreker 1:", "Spreker 2:"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def lines_of(doc_id):
    fn, enc, _, _ = DOCS[doc_id]
    path = os.path.join(ROOT, "transcripts", fn)
    if fn.endswith(".docx"):
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
    with open(path, encoding=enc) as f:
        return f.read().splitlines()


def turns_of(doc_id):
    _, _, li, lr = DOCS[doc_id]
    turns = []
    for line in lines_of(doc_id):
        line = re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", line.strip())
        for spk, lab in (("I", li), ("R", lr)):
            if line.startswith(lab):
                turns.append((spk, line[len(lab):].strip()))
    return turns


def main():
    texts, turns = {}, {}
    for d in DOCS:
        try:
            texts[d] = "\n".join(lines_of(d))
            turns[d] = turns_of(d)
        except FileNotFoundError as e:
            errors.append(f"{d}: missing transcript ({e})")
            continue
        t = turns[d]
        if not t:
            errors.append(f"{d}: no turns found")
        for i, (spk, _) in enumerate(t):
            if spk != ("I" if i % 2 == 0 else "R"):
                errors.append(f"{d}: alternation broken at turn {i + 1}")
                break
        words = sum(len(tx.split()) for _, tx in t)
        if not 1500 <= words <= 2600:
            errors.append(f"{d}: {words} words outside 1500-2600")
        print(f"{d}: turns={len(t)} respondent_turns={sum(1 for s, _ in t if s == 'R')} words={words}")

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        errors.append("orientation.csv not sorted by doc_id, turn_index")
    for r in rows:
        d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            errors.append(f"orientation {d}/{i}: bad value {o}")
        if d not in turns or not 1 <= i <= len(turns[d]) or turns[d][i - 1][0] != "R" or i % 2:
            errors.append(f"orientation {d}/{i}: not a respondent turn")

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            d = r["doc_id"]
            if r["type"] not in {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
                                 "LEEFTIJD", "ORGANISATIE_NAAM"}:
                errors.append(f"identifier {d}/{r['identifier']}: bad type {r['type']}")
            if d not in texts or r["identifier"] not in texts[d]:
                errors.append(f"identifier {d}/{r['identifier']}: not found verbatim")

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        srows = list(csv.DictReader(f))
    seen = [r["doc_id"] for r in srows]
    if sorted(seen) != sorted(DOCS):
        errors.append(f"styles.csv doc ids {seen} != {sorted(DOCS)}")
    for r in srows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            errors.append(f"styles.csv {r['doc_id']}: bad style or empty rationale")

    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
