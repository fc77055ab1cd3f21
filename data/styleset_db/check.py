#!/usr/bin/env python3
"""Stdlib self-check for blind set DB. Reads the generated transcripts (not the sources) and verifies:
- every transcript parses, turns strictly alternate interviewer/respondent, starting with the interviewer;
- spoken word count per document is within 1,500-2,600;
- every orientation.csv row points at an existing respondent (even) turn, values casus/netwerk;
- every identifiers.csv row occurs verbatim in its document, types are valid;
- styles.csv lists each document exactly once with a valid style;
- the words casusgericht/netwerkgericht/regiestijl occur in at most 4 of the 6 documents.
Usage: python3 check.py   (exit code 0 = all good)
"""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = {  # doc_id: (file, encoding, interviewer label, respondent label)
    "db01": ("db01.docx", None, "Interviewer", "Joyce"),
    "db02": ("db02.srt", "utf-8", "Interviewer", "Bilal"),
    "db03": ("db03.txt", "utf-8", "I", "R"),
    "db04": ("db04.txt", "cp1252", "Spreker 1", "Spreker 2"),
    "db05": ("db05.vtt", "utf-8", "Interviewer", "Tamara Schouten"),
    "db06": ("db06.txt", "utf-8", "MK", "HB"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
errors = []


def err(msg):
    errors.append(msg)


def docx_text(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def segments(doc_id):
    """Return (full_text, [(label, text), ...]) in reading order, before merging."""
    fname, enc, il, rl = DOCS[doc_id]
    path = os.path.join(TR, fname)
    labels = (il, rl)
    segs = []
    if fname.endswith(".docx"):
        paras = docx_text(path)
        full = "\n".join(paras)
        for p in paras:
            for lab in labels:
                if p.startswith(lab + ":"):
                    segs.append((lab, p[len(lab) + 1:].strip()))
        return full, segs
    raw = open(path, "rb").read()
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            err("%s: expected a Windows-1252 file, but it is valid UTF-8" % doc_id)
        except UnicodeDecodeError:
            pass
    full = raw.decode(enc)
    if fname.endswith(".srt"):
        for block in re.split(r"\r?\n\r?\n", full.strip()):
            lines = block.splitlines()
            if len(lines) < 3 or not re.match(r"^\d+$", lines[0]) or "-->" not in lines[1]:
                err("%s: bad srt block %r" % (doc_id, block[:40]))
                continue
            text = " ".join(lines[2:])
            m = re.match(r"^(%s|%s):\s*(.*)$" % (re.escape(il), re.escape(rl)), text)
            if not m:
                err("%s: srt cue without speaker: %r" % (doc_id, text[:40]))
                continue
            segs.append((m.group(1), m.group(2)))
    elif fname.endswith(".vtt"):
        if not full.startswith("WEBVTT"):
            err("%s: missing WEBVTT header" % doc_id)
        for block in re.split(r"\r?\n\r?\n", full.strip()):
            lines = block.splitlines()
            if not lines or "-->" not in lines[0]:
                continue
            text = " ".join(lines[1:])
            m = re.match(r"^<v ([^>]+)>(.*)$", text)
            if not m or m.group(1) not in labels:
                err("%s: vtt cue without known voice: %r" % (doc_id, text[:40]))
                continue
            segs.append((m.group(1), m.group(2).strip()))
    else:
        for line in full.splitlines():
            m = re.match(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s|%s):\s*(.*)$" % (re.escape(il), re.escape(rl)), line)
            if m:
                segs.append((m.group(1), m.group(2)))
    return full, segs


def turns_of(doc_id):
    full, segs = segments(doc_id)
    il, rl = DOCS[doc_id][2], DOCS[doc_id][3]
    turns = []
    for lab, text in segs:
        if turns and turns[-1][0] == lab and DOCS[doc_id][0].endswith((".srt", ".vtt")):
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    for i, (lab, _) in enumerate(turns):
        want = il if i % 2 == 0 else rl
        if lab != want:
            err("%s: turn %d is %r, expected %r (alternation)" % (doc_id, i + 1, lab, want))
            break
    return full, turns


def main():
    info = {}
    label_docs = 0
    for doc_id in DOCS:
        full, turns = turns_of(doc_id)
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for i in range(len(turns)) if i % 2 == 1)
        if not 1500 <= words <= 2600:
            err("%s: %d spoken words, outside 1500-2600" % (doc_id, words))
        if re.search(r"casusgericht|netwerkgericht|regiestijl", full, re.I):
            label_docs += 1
        info[doc_id] = (full, turns, words, nresp)
    if label_docs > 4:
        err("style label words occur in %d documents (max 4)" % label_docs)

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        err("styles.csv: doc ids %r" % ids)
    for r in rows:
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r for %s" % (r["style"], r["doc_id"]))
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        err("orientation.csv not sorted/unique")
    for r in orows:
        d, ti = r["doc_id"], int(r["turn_index"])
        if d not in info:
            err("orientation.csv: unknown doc %s" % d)
            continue
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation.csv: bad value %r" % r["orientation"])
        if ti % 2 != 0 or ti < 2 or ti > len(info[d][1]):
            err("orientation.csv: %s turn %d is not a respondent turn" % (d, ti))

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as fh:
        irows = list(csv.DictReader(fh))
    for r in irows:
        d = r["doc_id"]
        if d not in info:
            err("identifiers.csv: unknown doc %s" % d)
            continue
        if r["type"] not in TYPES:
            err("identifiers.csv: bad type %r" % r["type"])
        if r["identifier"] not in info[d][0]:
            err("identifiers.csv: %s: %r not found verbatim" % (d, r["identifier"]))

    print("doc   words  turns  resp_turns  orient_rows  identifiers")
    for d in DOCS:
        print("%-5s %5d  %5d  %10d  %11d  %11d" % (
            d, info[d][2], len(info[d][1]), info[d][3],
            sum(1 for r in orows if r["doc_id"] == d), sum(1 for r in irows if r["doc_id"] == d)))
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
