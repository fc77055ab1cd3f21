#!/usr/bin/env python3
"""Stdlib self-check for setCC.

Reads the transcripts as delivered (docx via zipfile, txt in UTF-8 or Windows-1252, srt, vtt),
reconstructs speaker turns, and verifies:
  - turns strictly alternate interviewer / respondent, starting with the interviewer;
  - the number of turns equals the number in the annotated source (src/<id>.src);
  - every orientation row points at an existing respondent (even) turn, value casus|netwerk;
  - every identifier occurs verbatim in its document;
  - styles.csv is complete, uses valid styles, and matches the requested mix;
  - word counts (spoken text) are within 1,500-2,600.
Exit code 0 when all checks pass.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
IDS = ["cc01", "cc02", "cc03", "cc04", "cc05", "cc06"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def src_meta(doc_id):
    meta, n = {}, 0
    for line in (ROOT / "src" / f"{doc_id}.src").read_text(encoding="utf-8").splitlines():
        if line.startswith("@"):
            k, _, v = line[1:].partition(" ")
            meta.setdefault(k, v)
        elif line.startswith(("I: ", "R: ")):
            n += 1
    return meta, n


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


def turns_from_lines(lines, labels):
    """Lines starting with one of the two speaker labels open a turn; other non-empty
    lines before the first turn are header, after it continuation."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + "|".join(map(re.escape, labels)) + r"):\s?(.*)$")
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
    return turns


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def subtitle_cues(text, vtt):
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in block.splitlines() if l.strip()]
        if not any("-->" in l for l in lines):
            continue
        i = next(k for k, l in enumerate(lines) if "-->" in l)
        body = " ".join(lines[i + 1:])
        if vtt:
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        else:
            m = re.match(r"^([^:]{1,30}):\s(.*)$", body)
        if not m:
            err(f"unparsable cue: {body[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return cues


def load(doc_id):
    meta, n_src = src_meta(doc_id)
    labels = [meta["ilabel"], meta["rlabel"]]
    files = list((ROOT / "transcripts").glob(doc_id + ".*"))
    if len(files) != 1:
        err(f"{doc_id}: expected one transcript, found {files}")
        return None
    path = files[0]
    ext = path.suffix
    if ext == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        turns = turns_from_lines(paras, labels)
    elif ext == ".txt":
        full = read_text(path)
        turns = turns_from_lines(full.splitlines(), labels)
    elif ext in (".srt", ".vtt"):
        full = read_text(path)
        turns = merge(subtitle_cues(full, ext == ".vtt"))
    else:
        err(f"{doc_id}: unknown extension {ext}")
        return None
    return meta, n_src, labels, path, full, turns


def main():
    styles = {}
    with open(ROOT / "styles.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            styles[row["doc_id"]] = row
    orient = [r for r in csv.DictReader(open(ROOT / "orientation.csv", encoding="utf-8"))]
    idents = [r for r in csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8"))]

    # styles
    for d in IDS:
        if d not in styles:
            err(f"styles.csv: {d} missing")
        elif styles[d]["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            err(f"styles.csv: {d} bad style {styles[d]['style']}")
        elif not styles[d]["rationale"].strip():
            err(f"styles.csv: {d} empty rationale")
    extra = set(styles) - set(IDS)
    if extra:
        err(f"styles.csv: unexpected ids {extra}")
    mix = Counter(r["style"] for r in styles.values())
    if mix != Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}):
        err(f"styles.csv: mix {dict(mix)} is not 2/2/2")

    # orientation sorted
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orient]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")

    summary = []
    for d in IDS:
        loaded = load(d)
        if not loaded:
            continue
        meta, n_src, labels, path, full, turns = loaded
        if not turns:
            err(f"{d}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns):
            want = labels[i % 2]
            if spk != want:
                err(f"{d}: turn {i+1} speaker {spk!r}, expected {want!r}")
                break
        if len(turns) != n_src:
            err(f"{d}: {len(turns)} turns in transcript, {n_src} in source")
        for r in (r for r in orient if r["doc_id"] == d):
            ti = int(r["turn_index"])
            if r["orientation"] not in ("casus", "netwerk"):
                err(f"{d}: bad orientation {r['orientation']}")
            if ti % 2 != 0 or ti < 2 or ti > len(turns) or turns[ti - 1][0] != labels[1]:
                err(f"{d}: orientation row turn {ti} is not a respondent turn")
        for r in (r for r in idents if r["doc_id"] == d):
            if r["identifier"] not in full:
                err(f"{d}: identifier {r['identifier']!r} not found verbatim")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words outside 1500-2600")
        summary.append(f"{d} {path.name:<10} turns={len(turns):>2} resp={len(turns)//2:>2} words={words}")
    for s in summary:
        print(s)
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
