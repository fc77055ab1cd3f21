#!/usr/bin/env python3
"""Stdlib self-check for blind set A. Parses the transcripts themselves (not the sources) and verifies:
alternation (interviewer first, two speakers, strictly alternating turns), orientation rows point at
respondent turns, identifiers occur verbatim in their document, styles.csv complete and valid,
word counts in 1500-2600, and that >=2 respondents never use the style vocabulary.
Usage: python3 check.py   (exit code 1 on any failure)"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
DOCS = [f"ba0{i}" for i in range(1, 7)]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def decode(raw):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def label_lines(lines, doc):
    """Lines 'Label: text' (optionally '[hh:mm:ss] ' first); the two most frequent labels are speakers."""
    rx = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^:\[\]]{1,30}):\s+(.*)$")
    parsed = [(rx.match(l), l) for l in lines if l.strip()]
    labels = Counter(m.group(1) for m, _ in parsed if m)
    speakers = {lab for lab, _ in labels.most_common(2)}
    segs, started = [], False
    for m, l in parsed:
        if m and m.group(1) in speakers:
            started = True
            segs.append((m.group(1), m.group(2)))
        elif started:
            err(f"{doc}: non-turn line after transcript start: {l[:60]!r}")
    return segs


def parse(path):
    doc, ext = path.stem, path.suffix
    if ext == ".docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        full = "\n".join(paras)
        segs = label_lines(paras, doc)
    else:
        full, enc = decode(path.read_bytes())
        if ext == ".vtt":
            if not full.startswith("WEBVTT"):
                err(f"{doc}: missing WEBVTT signature")
            segs = [(m.group(1), m.group(2)) for m in
                    re.finditer(r"^<v ([^>]+)>(.*?)</v>\s*$", full, re.M)]
            if not re.search(r"\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", full):
                err(f"{doc}: no VTT cue timings")
        elif ext == ".srt":
            segs = []
            for block in re.split(r"\r?\n\r?\n", full.strip()):
                ls = block.splitlines()
                if len(ls) < 3 or not re.match(r"\d\d:\d\d:\d\d,\d{3} --> ", ls[1]):
                    err(f"{doc}: bad SRT block {block[:40]!r}")
                    continue
                m = re.match(r"^([^:]{1,30}):\s+(.*)$", " ".join(ls[2:]))
                if m:
                    segs.append((m.group(1), m.group(2)))
                else:
                    err(f"{doc}: SRT cue without speaker label")
        else:
            segs = label_lines(full.splitlines(), doc)
    turns = []
    for spk, text in segs:  # merge consecutive cues of one speaker (subtitle formats)
        if turns and turns[-1][0] == spk and ext in (".vtt", ".srt"):
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return full, turns


def main():
    files = {p.stem: p for p in TR.iterdir() if p.is_file()}
    if sorted(files) != DOCS:
        err(f"transcripts present: {sorted(files)}")
    parsed, no_vocab = {}, 0
    exts = Counter(p.suffix for p in files.values())
    for doc in DOCS:
        if doc not in files:
            continue
        full, turns = parse(files[doc])
        parsed[doc] = (full, turns)
        spk = [t[0] for t in turns]
        if len(set(spk)) != 2:
            err(f"{doc}: expected 2 speakers, got {set(spk)}")
        for i in range(1, len(spk)):
            if spk[i] == spk[i - 1]:
                err(f"{doc}: turns {i} and {i + 1} by same speaker {spk[i]!r}")
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words outside 1500-2600")
        rtext = " ".join(t[1] for t in turns[1::2]).lower()
        if not re.search(r"casusgericht|netwerkgericht|regiestijl", rtext):
            no_vocab += 1
        print(f"{doc}: {files[doc].name:10s} turns={len(turns):3d} respondent_turns={len(turns[1::2]):3d} "
              f"words={words}")
    if no_vocab < 2:
        err(f"only {no_vocab} respondents avoid the style vocabulary")
    if not (exts[".docx"] >= 1 and (exts[".vtt"] + exts[".srt"]) >= 1 and exts[".txt"] >= 1):
        err(f"format mix not met: {dict(exts)}")
    if not any(decode(files[d].read_bytes())[1] == "cp1252" for d in DOCS if files[d].suffix == ".txt"):
        print("note: no Windows-1252 txt file")

    with open(HERE / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if [r["doc_id"] for r in rows] != DOCS:
        err(f"styles.csv doc ids: {[r['doc_id'] for r in rows]}")
    c = Counter(r["style"] for r in rows)
    if set(c) - STYLES or any(not r["rationale"].strip() for r in rows):
        err(f"styles.csv invalid style/rationale: {dict(c)}")
    if c["casusgericht"] < 2 or c["netwerkgericht"] < 2 or c["onbepaald"] > 1:
        err(f"style mix not met: {dict(c)}")

    with open(HERE / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted/unique")
    for r in orows:
        doc, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation value {r['orientation']!r}")
        if doc not in parsed:
            err(f"orientation for unknown doc {doc}")
            continue
        turns = parsed[doc][1]
        if ti % 2 or not 1 <= ti <= len(turns) or turns[ti - 1][0] != turns[1][0]:
            err(f"orientation {doc} turn {ti} is not a respondent turn")

    with open(HERE / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err(f"identifier type {r['type']!r}")
        if r["doc_id"] not in parsed or r["identifier"] not in parsed[r["doc_id"]][0]:
            err(f"identifier not verbatim in {r['doc_id']}: {r['identifier']!r}")
    for doc in DOCS:
        if not any(r["doc_id"] == doc for r in irows):
            err(f"{doc}: no identifiers")

    print(f"orientation rows={len(orows)} identifier rows={len(irows)} styles={dict(c)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
