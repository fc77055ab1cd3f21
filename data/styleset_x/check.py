#!/usr/bin/env python3
"""Stdlib self-check for setX.

Verifies: transcripts parse, turns strictly alternate interviewer/respondent starting with the interviewer,
turn counts match the annotated sources, every orientation row points at a respondent turn, every identifier
occurs verbatim in its document, styles.csv is complete, and word counts are within 1,500-2,600.
Usage: python3 check.py
"""
import csv
import glob
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
IDS = ["bx01", "bx02", "bx03", "bx04", "bx05", "bx06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
errors = []


def err(msg):
    errors.append(msg)


def src_meta(doc):
    meta, n = {}, 0
    path = os.path.join(HERE, "src", doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    for line in raw.split("\n"):
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta.setdefault(k, v.strip())
    body = "\n".join(l for l in raw.split("\n") if not l.startswith("#"))
    n = sum(1 for p in body.split("\n\n") if p.strip())
    return meta, n


def read_docx(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def segments(doc, path, meta):
    """Return (full_text, [(speaker_label, text), ...]) in file order (cues not yet merged)."""
    labels = [meta["label_I"], meta["label_R"]]
    ext = os.path.splitext(path)[1]
    segs = []
    if ext == ".docx":
        paras = read_docx(path)
        full = "\n".join(paras)
        lines = paras
    else:
        with open(path, "rb") as f:
            data = f.read()
        enc = meta.get("encoding", "utf-8")
        try:
            full = data.decode(enc)
        except UnicodeDecodeError as e:
            err("%s: does not decode as %s (%s)" % (doc, enc, e))
            return "", []
        if enc == "cp1252":
            try:
                data.decode("utf-8")
                if any(b > 127 for b in data):
                    err("%s: declared cp1252 but decodes as utf-8" % doc)
            except UnicodeDecodeError:
                pass
        lines = full.replace("\r\n", "\n").split("\n")
    if ext == ".vtt":
        if not full.startswith("WEBVTT"):
            err("%s: missing WEBVTT header" % doc)
        for line in lines:
            m = re.match(r"^<v ([^>]+)>(.*)</v>$", line)
            if m:
                segs.append((m.group(1), m.group(2)))
    elif ext == ".srt":
        for block in full.strip().split("\n\n"):
            bl = block.split("\n")
            if len(bl) < 3 or not bl[0].isdigit() or "-->" not in bl[1]:
                err("%s: malformed srt block %r" % (doc, block[:40]))
                continue
            text = " ".join(bl[2:])
            lab, sep, rest = text.partition(": ")
            segs.append((lab if sep else None, rest))
    else:
        for line in lines:
            m = re.match(r"^(?:\[\d\d:\d\d:\d\d\] )?(.+?): (.*)$", line)
            if m and m.group(1) in labels:
                segs.append((m.group(1), m.group(2)))
    for lab, _ in segs:
        if lab not in labels:
            err("%s: unknown speaker label %r" % (doc, lab))
    return full, segs


def main():
    # styles.csv
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err("styles.csv: ids %s" % sorted(got))
    for d, r in got.items():
        if r["style"] not in STYLES:
            err("styles.csv: %s bad style %r" % (d, r["style"]))
        if not r["rationale"].strip():
            err("styles.csv: %s empty rationale" % d)

    info = {}
    for doc in IDS:
        files = glob.glob(os.path.join(HERE, "transcripts", doc + ".*"))
        if len(files) != 1:
            err("%s: expected one transcript file, got %s" % (doc, files))
            continue
        meta, n_src = src_meta(doc)
        full, segs = segments(doc, files[0], meta)
        ext = os.path.splitext(files[0])[1]
        turns = []
        for lab, text in segs:
            if turns and turns[-1][0] == lab:
                if ext in (".txt", ".docx"):
                    err("%s: two consecutive paragraphs by %r (no alternation)" % (doc, lab))
                turns[-1][1].append(text)
            else:
                turns.append((lab, [text]))
        if turns and turns[0][0] != meta["label_I"]:
            err("%s: first turn is not the interviewer" % doc)
        for i, (lab, _) in enumerate(turns, start=1):
            want = meta["label_I"] if i % 2 else meta["label_R"]
            if lab != want:
                err("%s: turn %d by %r, expected %r" % (doc, i, lab, want))
        if len(turns) != n_src:
            err("%s: %d turns in transcript, %d in source" % (doc, len(turns), n_src))
        words = sum(len(" ".join(t).split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (doc, words))
        info[doc] = {"full": full, "turns": turns, "meta": meta, "words": words, "file": os.path.basename(files[0])}

    # orientation.csv
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted or duplicate rows")
    counts = {}
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if d not in info:
            err("orientation.csv: unknown doc %s" % d)
            continue
        if o not in ("casus", "netwerk"):
            err("orientation.csv: bad orientation %r" % o)
        turns = info[d]["turns"]
        if ti % 2 != 0 or ti < 1 or ti > len(turns) or turns[ti - 1][0] != info[d]["meta"]["label_R"]:
            err("orientation.csv: %s turn %d is not a respondent turn" % (d, ti))
        counts.setdefault(d, {"casus": 0, "netwerk": 0})[o] += 1

    # identifiers.csv
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    nid = {}
    for r in irows:
        d = r["doc_id"]
        if d not in info:
            err("identifiers.csv: unknown doc %s" % d)
            continue
        if r["type"] not in TYPES:
            err("identifiers.csv: bad type %r" % r["type"])
        if r["identifier"] not in info[d]["full"]:
            err("identifiers.csv: %s %r not found verbatim" % (d, r["identifier"]))
        nid[d] = nid.get(d, 0) + 1

    for d in IDS:
        if d in info:
            c = counts.get(d, {"casus": 0, "netwerk": 0})
            print("%s %-10s %-15s words=%4d turns=%2d r_turns=%2d casus=%2d netwerk=%2d ids=%d" % (
                d, info[d]["file"], got.get(d, {}).get("style", "?"), info[d]["words"], len(info[d]["turns"]),
                len(info[d]["turns"]) // 2, c["casus"], c["netwerk"], nid.get(d, 0)))
    if errors:
        print("\nFAIL (%d problems)" % len(errors))
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
