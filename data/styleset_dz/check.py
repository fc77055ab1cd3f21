#!/usr/bin/env python3
"""Stdlib self-check for setDZ: reads the generated transcripts (not the sources) and verifies
alternation, orientation rows, identifiers and styles.csv. Exit code 0 = OK."""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = ["dz01", "dz02", "dz03", "dz04", "dz05", "dz06"]
# (interviewer label, respondent label, encoding) as they appear in each transcript
LABELS = {
    "dz01": ("Sanne", "Marjolein", "utf-8"),
    "dz02": ("Interviewer", "Bart", "utf-8"),
    "dz03": ("I", "R", "utf-8"),
    "dz04": ("Interviewer", "Respondent", "cp1252"),
    "dz05": ("Spreker 1", "Spreker 2", "utf-8"),
    "dz06": ("LB", "JWK", "utf-8"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def find_file(doc):
    hits = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(hits) != 1:
        err("%s: expected exactly one transcript, found %r" % (doc, hits))
        return None
    return os.path.join(TR, hits[0])


def paragraphs(path, enc):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")], ext
    with open(path, "rb") as fh:
        text = fh.read().decode(enc)
    text = text.replace("\r\n", "\n")
    return text.split("\n"), ext


def turns_of(doc, path):
    ilab, rlab, enc = LABELS[doc]
    lines, ext = paragraphs(path, enc)
    full = "\n".join(lines)
    turns = []
    if ext == "vtt":
        if not lines or lines[0].strip() != "WEBVTT":
            err("%s: missing WEBVTT header" % doc)
        rx = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$")
        for i, ln in enumerate(lines):
            m = rx.match(ln)
            if m:
                if i == 0 or "-->" not in lines[i - 1]:
                    err("%s: cue without timing line before it (line %d)" % (doc, i + 1))
                turns.append((m.group(1), m.group(2)))
    else:
        rx = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\] )?(%s|%s): (.*)$" % (re.escape(ilab), re.escape(rlab)))
        for i, ln in enumerate(lines):
            m = rx.match(ln)
            if m:
                if ext == "srt" and (i == 0 or "-->" not in lines[i - 1]):
                    err("%s: srt cue without timing line (line %d)" % (doc, i + 1))
                turns.append((m.group(1), m.group(2)))
    return turns, full


def main():
    info = {}
    for doc in DOCS:
        path = find_file(doc)
        if not path:
            continue
        turns, full = turns_of(doc, path)
        ilab, rlab, _ = LABELS[doc]
        if not turns:
            err("%s: no turns found" % doc)
        for n, (spk, _) in enumerate(turns, 1):
            want = ilab if n % 2 == 1 else rlab
            if spk != want:
                err("%s: turn %d spoken by %r, expected %r (alternation)" % (doc, n, spk, want))
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (doc, words))
        info[doc] = (turns, full, words, os.path.basename(path))

    # styles.csv
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen = {}
    for r in rows:
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r for %s" % (r["style"], r["doc_id"]))
        if not r.get("rationale", "").strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])
        if r["doc_id"] in seen:
            err("styles.csv: duplicate %s" % r["doc_id"])
        seen[r["doc_id"]] = r["style"]
    if sorted(seen) != DOCS:
        err("styles.csv: docs %r != %r" % (sorted(seen), DOCS))
    mix = sorted(seen.values())
    if mix != sorted(["casusgericht"] * 2 + ["netwerkgericht"] * 3 + ["onbepaald"]):
        err("styles.csv: style mix %r not 2 casus / 3 netwerk / 1 onbepaald" % mix)

    # orientation.csv
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as fh:
        orows = list(csv.DictReader(fh))
    keys = []
    for r in orows:
        doc, idx, ori = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((doc, idx))
        if ori not in ("casus", "netwerk"):
            err("orientation.csv: bad orientation %r" % ori)
        if doc not in info:
            err("orientation.csv: unknown doc %s" % doc)
            continue
        turns = info[doc][0]
        if idx % 2 != 0 or not 1 <= idx <= len(turns):
            err("orientation.csv: %s turn %d is not a respondent turn" % (doc, idx))
        elif turns[idx - 1][0] != LABELS[doc][1]:
            err("orientation.csv: %s turn %d not spoken by respondent" % (doc, idx))
    if keys != sorted(keys):
        err("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        err("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as fh:
        irows = list(csv.DictReader(fh))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in irows:
        doc = r["doc_id"]
        if r["type"] not in types:
            err("identifiers.csv: bad type %r" % r["type"])
        if doc not in info:
            err("identifiers.csv: unknown doc %s" % doc)
        elif r["identifier"] not in info[doc][1]:
            err("identifiers.csv: %r not found verbatim in %s" % (r["identifier"], doc))
    for doc in DOCS:
        if not any(r["doc_id"] == doc for r in irows):
            err("identifiers.csv: no identifiers for %s" % doc)

    for doc in DOCS:
        if doc in info:
            turns, _, words, fname = info[doc]
            n_o = sum(1 for r in orows if r["doc_id"] == doc)
            print("%-10s %-15s turns=%3d respondent_turns=%2d words=%4d orientation_rows=%2d" % (
                fname, seen.get(doc, "?"), len(turns), sum(1 for s, _ in turns if s == LABELS[doc][1]), words, n_o))
    if errors:
        print("\nFAILED:")
        for e in errors:
            print("  - " + e)
        return 1
    print("\ncheck.py: OK (%d docs, %d orientation rows, %d identifiers)" % (len(info), len(orows), len(irows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
