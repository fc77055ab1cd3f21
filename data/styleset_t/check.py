#!/usr/bin/env python3
"""Stdlib-only self-check for setT.

Reads the transcripts independently of src/ and verifies:
  - speaker turns strictly alternate interviewer/respondent, starting with the interviewer;
  - every orientation row points at an existing respondent (even) turn, values valid, rows sorted;
  - every identifier occurs verbatim in its document;
  - styles.csv lists each document exactly once with a valid style;
  - word counts (turn text) are within 1,500-2,600.
Usage: python3 check.py
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRANS = HERE / "transcripts"
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?([A-Za-z][\w .\-]{0,24}?):\s+(\S.*)$")
TIMING_RE = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")

errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = path.read_bytes()
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


def cues(text):
    """Return list of cue texts (lines joined by space) for srt/vtt."""
    out, cur, in_cue = [], [], False
    for line in text.replace("\r\n", "\n").split("\n"):
        if TIMING_RE.match(line):
            in_cue, cur = True, []
            continue
        if in_cue:
            if line.strip() == "":
                out.append(" ".join(cur))
                in_cue = False
            else:
                cur.append(line.strip())
    if in_cue and cur:
        out.append(" ".join(cur))
    return out


def turns_from_lines(lines):
    cand = []
    for ln in lines:
        m = LABEL_RE.match(ln.strip())
        if m:
            cand.append((m.group(1).strip(), m.group(2)))
    common = [lab for lab, _ in Counter(l for l, _ in cand).most_common(2)]
    return [(l, t) for l, t in cand if l in common]


def load(path):
    """Return (full_text, [(speaker_label, turn_text), ...])."""
    ext = path.suffix.lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        return "\n".join(paras), turns_from_lines(paras)
    text = read_text(path)
    if ext in (".vtt", ".srt"):
        turns = []
        for c in cues(text):
            m = re.match(r"^<v ([^>]+)>(.*)$", c)
            if m:
                turns.append((m.group(1).strip(), m.group(2).strip()))
                continue
            m = LABEL_RE.match(c)
            if m:
                turns.append((m.group(1).strip(), m.group(2)))
            else:
                err(f"{path.name}: cue without speaker: {c[:50]!r}")
        # merge consecutive cues by the same speaker into one turn
        merged = []
        for lab, t in turns:
            if merged and merged[-1][0] == lab:
                merged[-1] = (lab, merged[-1][1] + " " + t)
            else:
                merged.append((lab, t))
        searchable = text + "\n" + "\n".join(t for _, t in merged)
        return searchable, merged
    return text, turns_from_lines(text.splitlines())


def main():
    docs = {}
    for p in sorted(TRANS.iterdir()):
        docs[p.stem] = p
    if len(docs) != 6:
        err(f"expected 6 transcripts, found {len(docs)}")

    parsed = {}
    for doc_id, path in docs.items():
        full, turns = load(path)
        parsed[doc_id] = (full, turns)
        if not turns:
            err(f"{doc_id}: no turns found")
            continue
        labels = [l for l, _ in turns]
        first = labels[0]
        other = [l for l in set(labels) if l != first]
        if len(other) != 1:
            err(f"{doc_id}: expected exactly two speakers, got {sorted(set(labels))}")
            continue
        for i, lab in enumerate(labels):
            want = first if i % 2 == 0 else other[0]
            if lab != want:
                err(f"{doc_id}: turn {i+1} by {lab!r}, expected {want!r}")
                break
        if not re.search(r"interview|spreker 1|^i$", first, re.I):
            err(f"{doc_id}: first speaker {first!r} does not look like the interviewer")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words outside 1500-2600")

    # styles.csv
    with open(HERE / "styles.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(docs) or len(ids) != len(set(ids)):
        err(f"styles.csv doc ids {ids} do not match transcripts {sorted(docs)}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")

    # orientation.csv
    with open(HERE / "orientation.csv", newline="", encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((d, ti))
        if d not in parsed:
            err(f"orientation: unknown doc {d}")
            continue
        n = len(parsed[d][1])
        if o not in ("casus", "netwerk"):
            err(f"orientation: bad value {o!r} at {d}:{ti}")
        if ti % 2 != 0 or not 1 <= ti <= n:
            err(f"orientation: {d}:{ti} is not a respondent turn (doc has {n} turns)")
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        err("orientation.csv has duplicate rows")

    # identifiers.csv
    with open(HERE / "identifiers.csv", newline="", encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in types:
            err(f"identifiers: bad type {typ!r}")
        if d not in parsed:
            err(f"identifiers: unknown doc {d}")
        elif ident not in parsed[d][0]:
            err(f"identifiers: {ident!r} not found verbatim in {d}")

    # summary
    for d, (full, turns) in parsed.items():
        nr = len(turns) // 2
        words = sum(len(t.split()) for _, t in turns)
        no = sum(1 for r in orows if r["doc_id"] == d)
        ni = sum(1 for r in irows if r["doc_id"] == d)
        print(f"{d}: {docs[d].name:10s} turns={len(turns):3d} respondent_turns={nr:3d} words={words:5d} "
              f"orientation_rows={no:3d} identifiers={ni:3d}")
    if errors:
        print("\nFAIL")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
