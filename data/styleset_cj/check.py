#!/usr/bin/env python3
"""Stdlib self-check for blind set CJ. Reads only the delivered files (transcripts + csv files).

Checks: every document parses into turns that strictly alternate interviewer/respondent starting with
the interviewer; every orientation row points at a respondent turn; every identifier occurs verbatim in
its document; styles.csv is complete; word counts are within 1,500-2,600; no annotation residue.
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
IDS = ["cj01", "cj02", "cj03", "cj04", "cj05", "cj06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
INTERVIEWER_LABELS = {"Interviewer", "I", "IV", "Spreker 1"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Za-zÀ-ÿ][\w .'-]{0,24}):\s+(.*)$")
errors = []


def err(msg):
    errors.append(msg)


def load(doc_id):
    """Return (full_text, list of (label, text) candidate lines) for one document."""
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        err("%s: expected one transcript file, found %s" % (doc_id, files))
        return "", []
    path = os.path.join(TR, files[0])
    ext = files[0].rsplit(".", 1)[1]
    lines = []
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        full = "\n".join(paras)
        lines = paras
    else:
        raw = open(path, "rb").read()
        try:
            full = raw.decode("utf-8")
        except UnicodeDecodeError:
            full = raw.decode("cp1252")
        full = full.replace("\r\n", "\n")
        if ext == "vtt":
            assert full.startswith("WEBVTT"), doc_id
            for ln in full.split("\n"):
                m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", ln)
                if m:
                    lines.append("%s: %s" % (m.group(1), m.group(2)))
        elif ext == "srt":
            blocks = re.split(r"\n\s*\n", full.strip())
            for n, b in enumerate(blocks, 1):
                bl = b.split("\n")
                if bl[0].strip() != str(n) or "-->" not in bl[1]:
                    err("%s: malformed srt block %d" % (doc_id, n))
                lines.append(" ".join(bl[2:]))
        else:
            lines = full.split("\n")
    turns = []
    for ln in lines:
        m = LABEL_RE.match(ln.strip())
        if m:
            turns.append((m.group(1).strip(), m.group(2).strip()))
    # speaker labels = the two most frequent labels; other "x:" lines (header) are dropped
    top = [lab for lab, _ in Counter(l for l, _ in turns).most_common(2)]
    turns = [t for t in turns if t[0] in top]
    return full, turns


def main():
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        styles = {r["doc_id"]: r for r in csv.DictReader(f)}
    if sorted(styles) != IDS:
        err("styles.csv ids: %s" % sorted(styles))
    for d, r in styles.items():
        if r["style"] not in STYLES:
            err("%s: bad style %r" % (d, r["style"]))
        if not r["rationale"].strip():
            err("%s: empty rationale" % d)
    mix = Counter(r["style"] for r in styles.values())
    if mix != Counter({"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}):
        err("style mix is %s" % dict(mix))

    docs = {}
    for d in IDS:
        full, turns = load(d)
        docs[d] = (full, turns)
        if not turns:
            err("%s: no turns" % d)
            continue
        if turns[0][0] not in INTERVIEWER_LABELS:
            err("%s: first turn is not the interviewer (%s)" % (d, turns[0][0]))
        ilab = turns[0][0]
        rlab = next((l for l, _ in turns if l != ilab), None)
        for k, (lab, _) in enumerate(turns, 1):
            want = ilab if k % 2 == 1 else rlab
            if lab != want:
                err("%s: turn %d by %s, expected %s" % (d, k, lab, want))
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words" % (d, words))
        for bad in ("[[", "]]", "{casus}", "{netwerk}", "{-}", "|PERSOON"):
            if bad in full:
                err("%s: annotation residue %r" % (d, bad))
        print("%s: %d turns (%d respondent), %d words, labels %s/%s" % (
            d, len(turns), len(turns) // 2, words, ilab, rlab))

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted/unique")
    for r in rows:
        d, k = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            err("orientation: unknown doc %s" % d)
            continue
        turns = docs[d][1]
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation: bad value %r" % r["orientation"])
        if not (1 <= k <= len(turns)) or k % 2 != 0:
            err("orientation: %s turn %d is not a respondent turn" % (d, k))

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        idrows = list(csv.DictReader(f))
    for r in idrows:
        d = r["doc_id"]
        if r["type"] not in TYPES:
            err("identifier: bad type %r" % r["type"])
        if d not in docs or r["identifier"] not in docs[d][0]:
            err("identifier not found verbatim: %s %r" % (d, r["identifier"]))
    per_doc = Counter(r["doc_id"] for r in idrows)
    for d in IDS:
        if per_doc[d] == 0:
            err("%s: no identifiers" % d)
    print("orientation rows: %d, identifier rows: %d" % (len(rows), len(idrows)))

    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
