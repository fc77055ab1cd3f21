#!/usr/bin/env python3
"""Stdlib self-check for set DA.

Parses the generated transcripts independently of build.py (only the speaker labels,
format and encoding are taken from the src/*.src meta lines) and verifies:
  - every transcript exists, turns strictly alternate interviewer/respondent, starting with
    the interviewer;
  - every orientation.csv row points at an existing respondent (even) turn and has a valid value;
  - every identifiers.csv row occurs verbatim in its document and has a known type;
  - styles.csv has exactly one valid row per document;
  - word counts are within 1,500-2,600.
Exit code 0 when everything passes.
"""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
TR = os.path.join(HERE, "transcripts")
IDS = ["da%02d" % i for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def meta_of(did):
    meta = {}
    with open(os.path.join(SRC, did + ".src"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("---"):
                break
            if line.startswith("#") and ":" in line:
                k, v = line[1:].split(":", 1)
                meta.setdefault(k.strip(), v.strip())
    return meta


def doc_lines(path, meta):
    """Return (full_text, list_of_(speaker_label, text)) for a transcript."""
    fmt = meta["format"]
    labels = [meta["ilabel"], meta["rlabel"]]
    turns = []
    if fmt == "docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        full = "\n".join(paras)
        lines = paras
    else:
        with open(path, "rb") as f:
            raw = f.read()
        full = raw.decode(meta.get("encoding", "utf-8"))
        lines = full.splitlines()
    if fmt in ("docx", "txt"):
        pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(%s): (.*)$" % "|".join(map(re.escape, labels)))
        for ln in lines:
            m = pat.match(ln)
            if m:
                turns.append([m.group(1), m.group(2)])
    elif fmt == "srt":
        blocks = re.split(r"\r?\n\r?\n", full.strip())
        pat = re.compile(r"^(%s): (.*)$" % "|".join(map(re.escape, labels)), re.S)
        for n, b in enumerate(blocks, 1):
            bl = b.splitlines()
            if bl[0].strip() != str(n) or "-->" not in bl[1]:
                err("%s: malformed srt block %d" % (path, n))
                continue
            m = pat.match("\n".join(bl[2:]))
            if not m:
                err("%s: srt cue %d without speaker label" % (path, n))
                continue
            if turns and turns[-1][0] == m.group(1):
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([m.group(1), m.group(2)])
    elif fmt == "vtt":
        if not full.startswith("WEBVTT"):
            err("%s: no WEBVTT header" % path)
        for m in re.finditer(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v ([^>]+)>(.*?)</v>$",
                             full, re.M):
            if turns and turns[-1][0] == m.group(1):
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([m.group(1), m.group(2)])
    return full, turns


def read_csv(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    info = {}
    for did in IDS:
        meta = meta_of(did)
        path = os.path.join(TR, "%s.%s" % (did, meta["format"]))
        if not os.path.exists(path):
            err("%s: missing transcript %s" % (did, path))
            continue
        full, turns = doc_lines(path, meta)
        for i, (lab, _) in enumerate(turns):
            exp = meta["ilabel"] if i % 2 == 0 else meta["rlabel"]
            if lab != exp:
                err("%s: turn %d has speaker %r, expected %r" % (did, i + 1, lab, exp))
        if not turns or len(turns) < 10:
            err("%s: too few turns (%d)" % (did, len(turns)))
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (did, words))
        info[did] = {"full": full, "turns": turns, "meta": meta, "words": words}

    styles = read_csv("styles.csv")
    got = [r["doc_id"] for r in styles]
    if sorted(got) != IDS:
        err("styles.csv doc ids %s != %s" % (got, IDS))
    for r in styles:
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r for %s" % (r["style"], r["doc_id"]))
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])
        if r["doc_id"] in info and r["style"] != info[r["doc_id"]]["meta"]["style"]:
            err("styles.csv: %s style differs from src meta" % r["doc_id"])

    orient = read_csv("orientation.csv")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orient]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted/unique")
    for r in orient:
        d, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation.csv: bad value %r" % r["orientation"])
        if d not in info:
            err("orientation.csv: unknown doc %s" % d)
            continue
        n = len(info[d]["turns"])
        if ti < 1 or ti > n or ti % 2 != 0 or info[d]["turns"][ti - 1][0] != info[d]["meta"]["rlabel"]:
            err("orientation.csv: %s turn %d is not a respondent turn (n=%d)" % (d, ti, n))

    idents = read_csv("identifiers.csv")
    for r in idents:
        d = r["doc_id"]
        if r["type"] not in TYPES:
            err("identifiers.csv: bad type %r" % r["type"])
        if d not in info:
            err("identifiers.csv: unknown doc %s" % d)
        elif r["identifier"] not in info[d]["full"]:
            err("identifiers.csv: %r not verbatim in %s" % (r["identifier"], d))

    for did in IDS:
        if did in info:
            t = info[did]["turns"]
            o = [r for r in orient if r["doc_id"] == did]
            print("%s %-5s turns=%2d resp_turns=%2d words=%4d casus=%2d netwerk=%2d identifiers=%2d" % (
                did, info[did]["meta"]["format"], len(t), sum(1 for x in t if x[0] == info[did]["meta"]["rlabel"]), info[did]["words"],
                sum(1 for r in o if r["orientation"] == "casus"),
                sum(1 for r in o if r["orientation"] == "netwerk"),
                sum(1 for r in idents if r["doc_id"] == did)))
    if errors:
        print("FAIL (%d problems)" % len(errors))
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
