#!/usr/bin/env python3
"""Stdlib self-check for setCX: alternation, orientation rows, identifiers, styles."""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
T = os.path.join(ROOT, "transcripts")
DOCS = ["cx01", "cx02", "cx03", "cx04", "cx05", "cx06"]
# (file, encoding, interviewer label, respondent label)
CONF = {
    "cx01": ("cx01.srt", "utf-8", "INT", "Ruud"),
    "cx02": ("cx02.docx", None, "Interviewer", "Respondent"),
    "cx03": ("cx03.vtt", "utf-8", "Interviewer", "Yvonne"),
    "cx04": ("cx04.txt", "utf-8", "I", "R"),
    "cx05": ("cx05.txt", "cp1252", "Spreker 1", "Spreker 2"),
    "cx06": ("cx06.txt", "utf-8", "Interviewer", "Noor"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]


def load(doc):
    fn, enc, li, lr = CONF[doc]
    path = os.path.join(T, fn)
    if fn.endswith(".docx"):
        lines = docx_paragraphs(path)
    else:
        with open(path, "rb") as f:
            lines = f.read().decode(enc).splitlines()
    full = "\n".join(lines)
    speakers = []
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(?:<v ([^>]+)>|([^:<>\[\]]{1,20}): )")
    for ln in lines:
        m = pat.match(ln)
        if not m:
            continue
        sp = m.group(1) or m.group(2)
        if sp in (li, lr):
            speakers.append("I" if sp == li else "R")
    return full, speakers


def main():
    turns = {}
    texts = {}
    for doc in DOCS:
        full, sp = load(doc)
        texts[doc] = full
        turns[doc] = sp
        if not sp or sp[0] != "I":
            errors.append(f"{doc}: does not start with interviewer")
        for k in range(1, len(sp)):
            if sp[k] == sp[k - 1]:
                errors.append(f"{doc}: no alternation at turn {k + 1}")
        words = len(re.sub(r"<[^>]+>", " ", full).split())
        if not 1500 <= words <= 2900:
            errors.append(f"{doc}: {words} words (incl. labels) out of range")
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        errors.append("orientation.csv not sorted")
    for r in rows:
        d, n = r["doc_id"], int(r["turn_index"])
        if d not in turns or n < 1 or n > len(turns[d]) or turns[d][n - 1] != "R":
            errors.append(f"orientation row {d},{n} does not point at a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append(f"orientation row {d},{n}: bad value")
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        ids = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in ids:
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            errors.append(f"identifier not found: {r['doc_id']} {r['identifier']!r}")
        if r["type"] not in types:
            errors.append(f"bad identifier type {r['type']}")
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        st = {r["doc_id"]: r for r in csv.DictReader(f)}
    for doc in DOCS:
        if doc not in st or st[doc]["style"] not in STYLES or not st[doc]["rationale"].strip():
            errors.append(f"styles.csv incomplete for {doc}")
    for doc in DOCS:
        print(f"{doc}: {len(turns[doc])} turns, {turns[doc].count('R')} respondent turns")
    print(f"{len(rows)} orientation rows, {len(ids)} identifiers")
    if errors:
        print("FAILED")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
