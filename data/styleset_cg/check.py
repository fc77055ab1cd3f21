#!/usr/bin/env python3
"""Stdlib self-check for blind set CG.

Reads the transcripts as delivered (txt/docx/vtt/srt), independent of src/build.py, and verifies:
- speaker turns strictly alternate, starting with the interviewer;
- every orientation row points at an existing respondent (even-numbered) turn, values valid, rows sorted;
- every identifier occurs verbatim in its document;
- styles.csv is complete (all six ids, valid styles, non-empty rationale);
- word count per document is within 1,500-2,600 (turn text, labels excluded).
Exit code 0 when all checks pass.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
IDS = ["cg01", "cg02", "cg03", "cg04", "cg05", "cg06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^:\[\]<>]{1,25}):\s+(.*)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def decode(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def turns_from_lines(lines):
    """Lines -> turns using the two most frequent speaker labels."""
    cands = Counter(m.group(1).strip() for l in lines for m in [LABEL_RE.match(l)] if m)
    labels = [lab for lab, _ in cands.most_common(2)]
    turns = []
    for l in lines:
        m = LABEL_RE.match(l)
        if m and m.group(1).strip() in labels:
            turns.append([m.group(1).strip(), m.group(2).strip()])
        elif l.strip() and turns:
            turns[-1][1] += " " + l.strip()
    return turns


def read_doc(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "txt":
        text = decode(open(path, "rb").read())
        return text, turns_from_lines(text.splitlines())
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        return "\n".join(paras), turns_from_lines(paras)
    if ext == "srt":
        text = open(path, encoding="utf-8").read()
        lines = []
        for block in re.split(r"\n\s*\n", text.strip()):
            bl = block.splitlines()
            if len(bl) >= 3 and "-->" in bl[1]:
                lines.append(" ".join(bl[2:]))
            else:
                err(f"{os.path.basename(path)}: malformed srt block {bl[:1]}")
        return "\n".join(lines), turns_from_lines(lines)
    if ext == "vtt":
        text = open(path, encoding="utf-8").read()
        if not text.startswith("WEBVTT"):
            err(f"{os.path.basename(path)}: missing WEBVTT header")
        turns, body = [], []
        for block in re.split(r"\n\s*\n", text.strip()):
            bl = block.splitlines()
            idx = next((i for i, l in enumerate(bl) if "-->" in l), None)
            if idx is None:
                body.append(block)  # header / NOTE
                continue
            cue = " ".join(bl[idx + 1:])
            body.append(cue)
            m = re.match(r"<v ([^>]+)>(.*)$", cue)
            if not m:
                err(f"{os.path.basename(path)}: cue without <v> voice tag")
                continue
            spk, t = m.group(1), re.sub(r"</v>", "", m.group(2)).strip()
            if turns and turns[-1][0] == spk:
                turns[-1][1] += " " + t
            else:
                turns.append([spk, t])
        return "\n".join(body), turns
    raise ValueError(path)


def main():
    docs = {}
    for doc_id in IDS:
        files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc_id]
        if len(files) != 1:
            err(f"{doc_id}: expected exactly one transcript, found {files}")
            continue
        text, turns = read_doc(os.path.join(TDIR, files[0]))
        docs[doc_id] = (text, turns)
        speakers = [s for s, _ in turns]
        if len(set(speakers)) != 2:
            err(f"{doc_id}: expected two speakers, got {set(speakers)}")
        for i, s in enumerate(speakers):
            if s != speakers[i % 2]:
                err(f"{doc_id}: alternation broken at turn {i + 1}")
                break
        words = sum(len(t.split()) for _, t in turns)
        print(f"{doc_id}: {files[0]:10s} turns={len(turns):2d} respondent_turns={len(turns) // 2:2d} "
              f"interviewer='{speakers[0]}' words={words}")
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: word count {words} outside 1500-2600")

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err(f"styles.csv ids: {sorted(got)}")
    for r in rows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            err(f"styles.csv bad row {r}")
    print("styles:", Counter(r["style"] for r in rows))

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted or has duplicates")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv bad value {r}")
        if d not in docs:
            err(f"orientation.csv unknown doc {d}")
            continue
        n = len(docs[d][1])
        if ti % 2 != 0 or not 2 <= ti <= n:
            err(f"orientation.csv {d} turn {ti} is not a respondent turn (n={n})")
    print("orientation rows:", len(orows), Counter((r["doc_id"], r["orientation"]) for r in orows))

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err(f"identifiers.csv bad type {r}")
        if r["doc_id"] in docs and r["identifier"] not in docs[r["doc_id"]][0]:
            err(f"identifiers.csv {r['doc_id']}: '{r['identifier']}' not found verbatim")
    print("identifier rows:", len(irows))

    if errors:
        print("\nFAILED:")
        for e in errors:
            print(" -", e)
        return 1
    print("\nALL CHECKS PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
