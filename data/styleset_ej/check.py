#!/usr/bin/env python3
"""Stdlib self-check for set EJ. Reads the generated transcripts (not the sources) and verifies:
- every transcript exists and its speaker turns strictly alternate, starting with the interviewer;
- every orientation row points at an existing respondent turn (turn indices 1-based, interviewer counted);
- every identifier occurs verbatim in its document and has a valid type;
- styles.csv is complete (all six ids, valid styles, rationale given) and matches the requested mix;
- word counts are within 1,500-2,600.
Prints OK at the end when all checks pass."""
import csv
import os
import re
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
T = os.path.join(HERE, "transcripts")

DOCS = {  # id: (file, interviewer label, respondent label)
    "ej01": ("ej01.docx", "Interviewer", "Respondent"),
    "ej02": ("ej02.srt", "Lotte", "Jo"),
    "ej03": ("ej03.txt", "MvD", "PK"),
    "ej04": ("ej04.vtt", "Interviewer", "Monique Ramakers"),
    "ej05": ("ej05.txt", "Spreker 1", "Spreker 2"),
    "ej06": ("ej06.txt", "I", "R"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
WANT_MIX = Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2})
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def parse(doc_id):
    fname, il, rl = DOCS[doc_id]
    path = os.path.join(T, fname)
    if not os.path.exists(path):
        err(f"{doc_id}: missing {fname}")
        return [], ""
    ext = fname.rsplit(".", 1)[1]
    segs = []  # (speaker 'I'/'R', text), possibly several per turn for subtitles
    lab = {il: "I", rl: "R"}
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        rx = re.compile(r"^(%s|%s):\s*(.*)$" % (re.escape(il), re.escape(rl)))
        for p in paras:
            m = rx.match(p)
            if m:
                segs.append((lab[m.group(1)], m.group(2)))
    elif ext == "txt":
        full = read_text(path)
        rx = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?(%s|%s):\s(.*)$" % (re.escape(il), re.escape(rl)))
        for line in full.splitlines():
            m = rx.match(line)
            if m:
                segs.append((lab[m.group(1)], m.group(2)))
    elif ext == "srt":
        full = read_text(path)
        rx = re.compile(r"^(%s|%s):\s(.*)$" % (re.escape(il), re.escape(rl)))
        for block in re.split(r"\r?\n\s*\r?\n", full.strip()):
            lines = block.splitlines()
            if len(lines) < 3 or "-->" not in lines[1]:
                err(f"{doc_id}: malformed srt block: {block[:40]!r}")
                continue
            m = rx.match(" ".join(lines[2:]))
            if not m:
                err(f"{doc_id}: srt cue without speaker label: {lines[2][:40]!r}")
                continue
            segs.append((lab[m.group(1)], m.group(2)))
    elif ext == "vtt":
        full = read_text(path)
        if not full.startswith("WEBVTT"):
            err(f"{doc_id}: vtt does not start with WEBVTT")
        rx = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$")
        for block in re.split(r"\r?\n\s*\r?\n", full.strip()):
            lines = block.splitlines()
            tl = [i for i, l in enumerate(lines) if "-->" in l]
            if not tl:
                continue
            m = rx.match(" ".join(lines[tl[0] + 1:]))
            if not m or m.group(1) not in lab:
                err(f"{doc_id}: vtt cue without known voice: {block[:50]!r}")
                continue
            segs.append((lab[m.group(1)], m.group(2)))
    else:
        err(f"{doc_id}: unknown extension {ext}")
        return [], ""
    subtitles = ext in ("srt", "vtt")
    turns = []
    for who, text in segs:
        if subtitles and turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + text)
        else:
            turns.append((who, text))
    for i, (who, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            err(f"{doc_id}: alternation broken at turn {i + 1}")
            break
    return turns, full


def main():
    turns, texts = {}, {}
    for d in DOCS:
        turns[d], texts[d] = parse(d)

    # styles
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["doc_id"] not in DOCS:
            err(f"styles.csv: unknown doc {r['doc_id']}")
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["doc_id"] in seen:
            err(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r["style"]
    if set(seen) != set(DOCS):
        err(f"styles.csv: missing {sorted(set(DOCS) - set(seen))}")
    if Counter(seen.values()) != WANT_MIX:
        err(f"styles.csv: mix {dict(Counter(seen.values()))} != {dict(WANT_MIX)}")

    # orientation
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        d, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
        if d not in DOCS:
            err(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o}")
        try:
            ti = int(ti)
        except ValueError:
            err(f"orientation.csv: bad turn_index {ti}")
            continue
        if not (1 <= ti <= len(turns[d])) or turns[d][ti - 1][0] != "R":
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn")
        keys.append((d, ti))
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        err("orientation.csv: not sorted by doc_id, turn_index or has duplicates")

    # identifiers
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    per_doc = Counter()
    for r in irows:
        d = r["doc_id"]
        if d not in DOCS:
            err(f"identifiers.csv: unknown doc {d}")
            continue
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']}")
        if not r["identifier"] or r["identifier"] not in texts[d]:
            err(f"identifiers.csv: {d}: {r['identifier']!r} not found verbatim")
        per_doc[d] += 1
    for d in DOCS:
        if per_doc[d] == 0:
            err(f"identifiers.csv: no identifiers for {d}")

    # sizes
    for d in DOCS:
        words = sum(len(t.split()) for _, t in turns[d])
        nr = sum(1 for w, _ in turns[d] if w == "R")
        no = Counter(r["orientation"] for r in orows if r["doc_id"] == d)
        print(f"{d}: {DOCS[d][0]:10s} style={seen.get(d, '?'):15s} words={words:5d} turns={len(turns[d]):3d} "
              f"respondent_turns={nr:3d} casus={no['casus']:2d} netwerk={no['netwerk']:2d} identifiers={per_doc[d]}")
        if not 1500 <= words <= 2600:
            err(f"{d}: word count {words} outside 1500-2600")

    if errors:
        for e in errors:
            print("ERROR:", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
