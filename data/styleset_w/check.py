#!/usr/bin/env python3
"""Stdlib self-check for setW: reads the transcripts as delivered (not the sources) and verifies
alternation, orientation rows, identifiers and styles.csv. Exit code 0 when everything passes."""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")
IDS = ["bw01", "bw02", "bw03", "bw04", "bw05", "bw06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?([^:\n\[\]]{1,30}): (.*)$", re.S)
errors = []


def err(msg):
    errors.append(msg)


def read_turns(path):
    """Return (full_text, [(label, text), ...])."""
    ext = path.rsplit(".", 1)[1]
    turns = []
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        full = "\n".join(paras)
        for p in paras:
            m = LABEL_RE.match(p)
            if m:
                turns.append((m.group(1), m.group(2)))
    elif ext == "vtt":
        raw = open(path, encoding="utf-8").read()
        full = raw
        if not raw.startswith("WEBVTT"):
            err(f"{path}: missing WEBVTT header")
        for block in raw.split("\n\n"):
            lines = block.strip().split("\n")
            if len(lines) >= 2 and "-->" in lines[0]:
                m = re.match(r"<v ([^>]+)>(.*)", " ".join(lines[1:]), re.S)
                if not m:
                    err(f"{path}: cue without <v>: {lines[0]}")
                    continue
                turns.append((m.group(1), m.group(2)))
    elif ext == "srt":
        raw = open(path, encoding="utf-8").read()
        full = raw
        for n, block in enumerate(raw.strip().split("\n\n"), 1):
            lines = block.strip().split("\n")
            if lines[0] != str(n) or "-->" not in lines[1]:
                err(f"{path}: bad cue {n}")
                continue
            m = LABEL_RE.match(" ".join(lines[2:]))
            if not m:
                err(f"{path}: cue {n} without speaker label")
                continue
            turns.append((m.group(1), m.group(2)))
    else:  # txt: utf-8, or cp1252 as fallback
        data = open(path, "rb").read()
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw = data.decode("cp1252")
        raw = raw.replace("\r\n", "\n")
        full = raw
        for block in raw.split("\n\n"):
            m = LABEL_RE.match(block.strip())
            if m:
                turns.append((m.group(1), m.group(2)))
    return full, turns


def main():
    files = {os.path.splitext(f)[0]: os.path.join(TDIR, f) for f in os.listdir(TDIR)}
    docs = {}
    for d in IDS:
        if d not in files:
            err(f"{d}: transcript missing")
            continue
        full, turns = read_turns(files[d])
        docs[d] = (full, turns)
        labels = [t[0] for t in turns]
        if len(set(labels)) != 2:
            err(f"{d}: expected 2 speaker labels, got {sorted(set(labels))}")
        else:
            il = labels[0]
            for i, lab in enumerate(labels):
                if (lab == il) != (i % 2 == 0):
                    err(f"{d}: alternation broken at turn {i+1}")
                    break
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words outside 1500-2600")
        print(f"{d}: {os.path.basename(files[d])}, {len(turns)} turns, "
              f"{len(turns)//2} respondent turns, {words} words")
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    got = {r["doc_id"]: r for r in rows}
    for d in IDS:
        if d not in got:
            err(f"styles.csv: {d} missing")
        elif got[d]["style"] not in STYLES or not got[d]["rationale"].strip():
            err(f"styles.csv: {d} bad style or empty rationale")
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        err("orientation.csv: not sorted or duplicates")
    for r in orows:
        d, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {r}")
        if d not in docs or not (1 <= ti <= len(docs[d][1])) or ti % 2 != 0:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as fh:
        irows = list(csv.DictReader(fh))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
             "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err(f"identifiers.csv: bad type {r}")
        if r["doc_id"] not in docs or r["identifier"] not in docs[r["doc_id"]][0]:
            err(f"identifiers.csv: not found verbatim: {r['doc_id']} {r['identifier']!r}")
    print(f"{len(orows)} orientation rows, {len(irows)} identifier rows")
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
