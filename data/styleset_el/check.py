#!/usr/bin/env python3
"""Stdlib self-check for setEL.

Verifies: every transcript parses into speaker turns that strictly alternate interviewer/respondent
(starting with the interviewer, exactly two speakers); every orientation row points at an existing
respondent (even) turn and the file is sorted; every identifier occurs verbatim in its document;
styles.csv is complete and valid; word counts are within 1,500-2,600; the set matches the task's mix.
Prints OK or the list of problems.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["el01", "el02", "el03", "el04", "el05", "el06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
EXPECTED_MIX = Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2})
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def decode(b):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252")


def parse_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    turns, alltext = [], []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            bold = r.find(W + "rPr/" + W + "b") is not None
            runs.append((t, bold))
        text = "".join(t for t, _ in runs)
        alltext.append(text)
        if runs and runs[0][1] and runs[0][0].endswith(":"):
            turns.append((runs[0][0][:-1].strip(), text[len(runs[0][0]):].strip()))
    return turns, "\n".join(alltext)


def parse_srt(text):
    turns = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.split("\n")
        if len(lines) < 3 or "-->" not in lines[1]:
            problems.append(f"srt: malformed cue {block[:30]!r}")
            continue
        body = " ".join(lines[2:])
        m = re.match(r"([^:]{1,30}):\s(.*)", body)
        if not m:
            problems.append(f"srt: cue without speaker {body[:30]!r}")
            continue
        turns.append((m.group(1), m.group(2)))
    return merge(turns)


def parse_vtt(text):
    turns = []
    if not text.startswith("WEBVTT"):
        problems.append("vtt: missing WEBVTT header")
    for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", text, re.S):
        turns.append((m.group(1), m.group(2)))
    return merge(turns)


LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(Interviewer|Respondent|I|R|Spreker 1|Spreker 2):\s(.*)$")


def parse_txt(text):
    turns = []
    for line in text.replace("\r\n", "\n").split("\n"):
        m = LABEL_RE.match(line)
        if m:
            turns.append((m.group(1), m.group(2)))
        elif line.strip() and turns:
            problems.append(f"txt: unlabeled line after first turn: {line[:40]!r}")
    return turns


def merge(turns):
    out = []
    for who, t in turns:
        if out and out[-1][0] == who:
            out[-1] = (who, out[-1][1] + " " + t)
        else:
            out.append((who, t))
    return out


def load(doc_id):
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        problems.append(f"{doc_id}: expected one transcript, found {files}")
        return [], ""
    path = os.path.join(TR, files[0])
    ext = files[0].rsplit(".", 1)[1]
    if ext == "docx":
        return parse_docx(path)
    with open(path, "rb") as fh:
        text = decode(fh.read())
    if ext == "srt":
        return parse_srt(text), text
    if ext == "vtt":
        return parse_vtt(text), text
    return parse_txt(text), text


def main():
    docs = {}
    for d in IDS:
        turns, text = load(d)
        docs[d] = (turns, text)
        speakers = []
        for who, _ in turns:
            if who not in speakers:
                speakers.append(who)
        if len(speakers) != 2:
            problems.append(f"{d}: expected 2 speakers, got {speakers}")
            continue
        for k, (who, _) in enumerate(turns):
            if who != speakers[k % 2]:
                problems.append(f"{d}: turn {k+1} breaks alternation")
        nw = sum(len(t.split()) for _, t in turns)
        if not 1500 <= nw <= 2600:
            problems.append(f"{d}: {nw} words outside 1500-2600")
    # styles
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        problems.append(f"styles.csv: ids {sorted(got)}")
    for r in rows:
        if r["style"] not in STYLES:
            problems.append(f"styles.csv: bad style {r}")
        if not r.get("rationale", "").strip():
            problems.append(f"styles.csv: empty rationale for {r['doc_id']}")
    if Counter(r["style"] for r in rows) != EXPECTED_MIX:
        problems.append("styles.csv: mix differs from task")
    # orientation
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problems.append("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        problems.append("orientation.csv has duplicates")
    for r in orows:
        d, k = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            problems.append(f"orientation: unknown doc {d}")
            continue
        if r["orientation"] not in ("casus", "netwerk"):
            problems.append(f"orientation: bad value {r}")
        n = len(docs[d][0])
        if k % 2 != 0 or not 1 <= k <= n:
            problems.append(f"orientation: {d} turn {k} is not a respondent turn (n={n})")
    # identifiers
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as fh:
        irows = list(csv.DictReader(fh))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        d = r["doc_id"]
        if d not in docs:
            problems.append(f"identifiers: unknown doc {d}")
            continue
        if r["type"] not in types:
            problems.append(f"identifiers: bad type {r}")
        if r["identifier"] not in docs[d][1]:
            problems.append(f"identifiers: {d} {r['identifier']!r} not found verbatim")
    for d in IDS:
        if not any(r["doc_id"] == d for r in irows):
            problems.append(f"identifiers: none for {d}")
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(" -", p)
        return 1
    for d in IDS:
        turns = docs[d][0]
        print(f"{d}: {len(turns)} turns, {len(turns)//2} respondent turns, "
              f"{sum(len(t.split()) for _, t in turns)} words")
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
