#!/usr/bin/env python3
"""Stdlib self-check for setDR.

Reads the transcripts independently of src/build.py (txt in UTF-8 or Windows-1252, docx via zipfile,
srt, vtt) and verifies:
  - every doc in styles.csv has exactly one transcript, and styles.csv is complete and valid;
  - speaker turns strictly alternate between two speakers, starting with the interviewer;
  - word counts are within 1,500-2,600;
  - every orientation.csv row points at an existing respondent (even) turn, rows sorted and unique;
  - every identifiers.csv identifier occurs verbatim in its document.
Exit code 0 and "check.py: OK" when all checks pass.
"""
import csv
import os
import re
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
ORIENTS = {"casus", "netwerk"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
INTERVIEWER_LABELS = {"interviewer", "i", "mv", "spreker 1", "int"}
EXPECTED_MIX = Counter({"netwerkgericht": 3, "onbepaald": 2, "casusgericht": 1})
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def read_text_file(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


LINE_LABEL = re.compile(r"^(?:\[\d{1,2}:\d{2}:\d{2}\]\s*)?([^:\[\]<>]{1,30}?):\s+(.*)$")


def turns_from_lines(lines):
    """Speaker turns from label-prefixed lines; the two most frequent labels are the speakers."""
    parsed = [(LINE_LABEL.match(l.strip()), l.strip()) for l in lines if l.strip()]
    freq = Counter(m.group(1) for m, _ in parsed if m)
    speakers = {lab for lab, _ in freq.most_common(2)}
    turns = []
    for m, line in parsed:
        if m and m.group(1) in speakers:
            turns.append([m.group(1), m.group(2)])
        elif turns:  # continuation line
            turns[-1][1] += " " + line
        # else: header line before the first turn
    return turns, False


def cue_segments(text, kind):
    segs = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or not any("-->" in l for l in lines):
            continue
        i = next(k for k, l in enumerate(lines) if "-->" in l)
        body = " ".join(lines[i + 1:]).strip()
        if kind == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*)$", body)
            if not m:
                err(f"vtt cue without <v> voice tag: {body[:40]}")
                continue
            segs.append((m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()))
        else:
            m = re.match(r"^([^:]{1,30}):\s+(.*)$", body)
            if not m:
                err(f"srt cue without speaker label: {body[:40]}")
                continue
            segs.append((m.group(1).strip(), m.group(2).strip()))
    turns = []
    for spk, t in segs:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + t
        else:
            turns.append([spk, t])
    return turns


def load(doc_id):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        err(f"{doc_id}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TR, files[0])
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        turns, _ = turns_from_lines(paras)
        enc = "docx"
    elif ext == ".txt":
        full, enc = read_text_file(path)
        turns, _ = turns_from_lines(full.splitlines())
    elif ext in (".srt", ".vtt"):
        full, enc = read_text_file(path)
        turns = cue_segments(full, ext[1:])
    else:
        err(f"{doc_id}: unknown format {ext}")
        return None
    return {"file": files[0], "enc": enc, "full": full, "turns": turns}


def nwords(text):
    return sum(1 for tok in text.split() if re.search(r"\w", tok))


def main():
    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ids = [r["doc_id"] for r in rows]
    if len(ids) != 6 or len(set(ids)) != 6:
        err(f"styles.csv: expected 6 unique doc_ids, got {ids}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r}")
        if not (r.get("rationale") or "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    mix = Counter(r["style"] for r in rows)
    if mix != EXPECTED_MIX:
        err(f"styles.csv: mix {dict(mix)} != expected {dict(EXPECTED_MIX)}")
    extra = [f for f in os.listdir(TR) if os.path.splitext(f)[0] not in ids]
    if extra:
        err(f"transcripts/: files not in styles.csv: {extra}")

    docs = {}
    for doc_id in ids:
        d = load(doc_id)
        if not d:
            continue
        docs[doc_id] = d
        turns = d["turns"]
        speakers = []
        for t in turns:
            if t[0] not in speakers:
                speakers.append(t[0])
        if len(speakers) != 2:
            err(f"{doc_id}: expected 2 speakers, found {speakers}")
        if turns and turns[0][0].lower() not in INTERVIEWER_LABELS:
            err(f"{doc_id}: first turn is not by the interviewer ({turns[0][0]})")
        for k in range(1, len(turns)):
            if turns[k][0] == turns[k - 1][0]:
                err(f"{doc_id}: turns {k} and {k+1} by the same speaker ({turns[k][0]})")
        words = sum(nwords(t[1]) for t in turns)
        d["words"] = words
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words, outside 1500-2600")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), newline="", encoding="utf-8") as fh:
        orows = list(csv.DictReader(fh))
    keys = []
    for r in orows:
        doc_id = r["doc_id"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            err(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc_id, ti))
        if r["orientation"] not in ORIENTS:
            err(f"orientation.csv: bad orientation {r}")
        if doc_id not in docs:
            err(f"orientation.csv: unknown doc {doc_id}")
            continue
        n = len(docs[doc_id]["turns"])
        if not 1 <= ti <= n:
            err(f"orientation.csv: {doc_id} turn {ti} out of range (1..{n})")
        elif ti % 2 != 0:
            err(f"orientation.csv: {doc_id} turn {ti} is an interviewer turn")
    if keys != sorted(keys):
        err("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        err("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), newline="", encoding="utf-8") as fh:
        irows = list(csv.DictReader(fh))
    for r in irows:
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r}")
        d = docs.get(r["doc_id"])
        if d is None:
            err(f"identifiers.csv: unknown doc {r['doc_id']}")
        elif r["identifier"] not in d["full"]:
            err(f"identifiers.csv: {r['doc_id']}: '{r['identifier']}' not found verbatim")

    # report
    ocount = Counter((r["doc_id"], r["orientation"]) for r in orows)
    icount = Counter(r["doc_id"] for r in irows)
    style = {r["doc_id"]: r["style"] for r in rows}
    for doc_id in ids:
        d = docs.get(doc_id)
        if not d:
            continue
        print(f"{doc_id}  {d['file']:10s} {d['enc']:7s} {style[doc_id]:15s} turns={len(d['turns']):3d} "
              f"respondent_turns={sum(1 for t in d['turns'] if t[0] != d['turns'][0][0]):3d} "
              f"words={d['words']:5d} casus={ocount[(doc_id,'casus')]:2d} netwerk={ocount[(doc_id,'netwerk')]:2d} "
              f"identifiers={icount[doc_id]}")
    if errors:
        for e in errors:
            print("ERROR:", e)
        print(f"check.py: FAILED ({len(errors)} problems)")
        return 1
    print("check.py: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
