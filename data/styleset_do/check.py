#!/usr/bin/env python3
"""Stdlib self-check for setDO.

Reads the transcripts as delivered (docx / srt / vtt / txt in utf-8 or cp1252), recovers the speaker
turns independently of the build script, and verifies:
  - turns strictly alternate interviewer / respondent, starting with the interviewer;
  - every orientation.csv row points at an existing respondent (even) turn, values casus|netwerk;
  - every identifiers.csv row occurs verbatim in its document;
  - styles.csv has exactly one valid row per transcript;
  - word counts are within 1500-2600 (reported).
Exit code 0 when everything passes.
"""
import csv
import os
import re
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
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
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s+)?([^:\[\]<>]{1,40}?):\s+(.*)$", re.S)
VTT_RE = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$", re.S)
TIME_RE = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}$")


def segments(path):
    """Return (full_text, [(label, text), ...]) with segments in document order."""
    ext = path.rsplit(".", 1)[1]
    segs = []
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            m = LABEL_RE.match(p.strip())
            if m:
                segs.append((m.group(1).strip(), m.group(2)))
    elif ext in ("srt", "vtt"):
        full = read_text(path)
        blocks = re.split(r"\r?\n\r?\n", full.strip())
        for b in blocks:
            lines = b.splitlines()
            ti = [i for i, l in enumerate(lines) if TIME_RE.match(l.strip())]
            if not ti:
                continue
            text = " ".join(l.strip() for l in lines[ti[0] + 1:])
            m = VTT_RE.match(text) if ext == "vtt" else LABEL_RE.match(text)
            if m:
                segs.append((m.group(1).strip(), m.group(2)))
            else:
                err(f"{os.path.basename(path)}: cue without speaker: {text[:40]!r}")
    else:
        full = read_text(path)
        for p in re.split(r"\r?\n\s*\r?\n", full):
            m = LABEL_RE.match(p.strip())
            if m:
                segs.append((m.group(1).strip(), m.group(2)))
    # the two speaker labels are the two most frequent prefixes; other "X:" lines are header lines
    cnt = Counter(l for l, _ in segs)
    labels = [l for l, _ in cnt.most_common(2)]
    segs = [s for s in segs if s[0] in labels]
    return full, segs, ext


def turns_of(path):
    full, segs, ext = segments(path)
    turns = []
    for lab, txt in segs:
        if ext in ("srt", "vtt") and turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + txt)
        else:
            turns.append((lab, txt))
    return full, turns


def main():
    files = sorted(f for f in os.listdir(TR) if not f.startswith("."))
    docs = {}
    for f in files:
        doc = f.split(".")[0]
        full, turns = turns_of(os.path.join(TR, f))
        docs[doc] = (full, turns)
        if len(turns) < 10:
            err(f"{f}: only {len(turns)} turns recovered")
            continue
        ilab, rlab = turns[0][0], turns[1][0]
        if ilab == rlab:
            err(f"{f}: first two turns have the same speaker")
        for i, (lab, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if lab != want:
                err(f"{f}: turn {i+1} is {lab!r}, expected {want!r}")
                break
        words = sum(len(t.split()) for _, t in turns)
        rturns = len(turns) // 2
        flag = "" if 1500 <= words <= 2600 else "  <-- outside 1500-2600"
        print(f"{f:10s} turns={len(turns):3d} respondent_turns={rturns:3d} "
              f"labels=({ilab} / {rlab}) words={words}{flag}")
        if flag:
            err(f"{f}: {words} words")

    with open(os.path.join(HERE, "styles.csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seen = Counter(r["doc_id"] for r in rows)
    for d in docs:
        if seen[d] != 1:
            err(f"styles.csv: {d} has {seen[d]} rows")
    for r in rows:
        if r["doc_id"] not in docs:
            err(f"styles.csv: unknown doc {r['doc_id']}")
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")

    with open(os.path.join(HERE, "orientation.csv"), newline="", encoding="utf-8") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        n = len(docs[d][1])
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {o!r}")
        if ti % 2 != 0 or not 1 <= ti <= n:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn (n={n})")

    with open(os.path.join(HERE, "identifiers.csv"), newline="", encoding="utf-8") as fh:
        irows = list(csv.DictReader(fh))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in irows:
        d = r["doc_id"]
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
            continue
        if r["type"] not in types:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if r["identifier"] not in docs[d][0]:
            err(f"identifiers.csv: {d}: {r['identifier']!r} not found verbatim")

    print(f"styles: {dict(Counter(r['style'] for r in rows))}; orientation rows: {len(orows)}; "
          f"identifier rows: {len(irows)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
