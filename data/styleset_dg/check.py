#!/usr/bin/env python3
"""Stdlib self-check for setDG.

Parses every transcript from its own file format (txt / docx / srt / vtt), independently of build.py,
and verifies: strict alternation interviewer/respondent starting with the interviewer; every
orientation row points at a respondent turn; every identifier occurs verbatim in its document;
styles.csv complete and valid; word counts within 1,500-2,600. Speaker labels are read from the
#label_i / #label_r lines of src/<doc>.txt.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = ["dg01", "dg02", "dg03", "dg04", "dg05", "dg06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
EXPECTED_MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
errors = []


def err(msg):
    errors.append(msg)


def labels(doc):
    li = lr = enc = None
    with open(os.path.join(HERE, "src", doc + ".txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#label_i "):
                li = line.split(" ", 1)[1].strip()
            elif line.startswith("#label_r "):
                lr = line.split(" ", 1)[1].strip()
            elif line.startswith("#encoding "):
                enc = line.split(" ", 1)[1].strip()
    return li, lr, enc or "utf-8"


def turns_from_lines(lines, li, lr):
    """Paragraph/line based formats: a turn starts with '[hh:mm:ss] ' (optional) + label + ':'."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s|%s):\s*(.*)$" % (re.escape(li), re.escape(lr)))
    turns = []
    for line in lines:
        m = pat.match(line)
        if m:
            turns.append(["I" if m.group(1) == li else "R", m.group(2)])
        elif line.strip() and turns:
            turns[-1][1] += " " + line.strip()
    return turns


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def read_doc(doc):
    li, lr, enc = labels(doc)
    path = [p for p in os.listdir(TR) if p.startswith(doc + ".")]
    if len(path) != 1:
        err(f"{doc}: expected exactly one transcript file, found {path}")
        return None, None
    path = os.path.join(TR, path[0])
    ext = path.rsplit(".", 1)[1]
    if ext == "txt":
        with open(path, encoding=enc) as f:
            raw = f.read()
        return raw, turns_from_lines(raw.splitlines(), li, lr)
    if ext == "docx":
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]
        return "\n".join(paras), turns_from_lines(paras, li, lr)
    if ext == "srt":
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        cues = []
        for block in re.split(r"\n\s*\n", raw.strip()):
            ls = block.splitlines()
            if len(ls) < 3 or "-->" not in ls[1]:
                err(f"{doc}: malformed srt block {ls[:1]}")
                continue
            text = " ".join(ls[2:])
            m = re.match(r"^(%s|%s):\s*(.*)$" % (re.escape(li), re.escape(lr)), text)
            if not m:
                err(f"{doc}: srt cue without speaker label: {text[:40]}")
                continue
            cues.append(("I" if m.group(1) == li else "R", m.group(2)))
        return raw, merge(cues)
    if ext == "vtt":
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        if not raw.startswith("WEBVTT"):
            err(f"{doc}: vtt without WEBVTT header")
        cues = []
        for m in re.finditer(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v ([^>]+)>(.*?)</v>$", raw, re.M):
            spk = m.group(1)
            if spk not in (li, lr):
                err(f"{doc}: unknown vtt voice {spk}")
                continue
            cues.append(("I" if spk == li else "R", m.group(2)))
        return raw, merge(cues)
    err(f"{doc}: unknown format {ext}")
    return None, None


def src_turn_count(doc):
    with open(os.path.join(HERE, "src", doc + ".txt"), encoding="utf-8") as f:
        return sum(1 for line in f if re.match(r"^(I|R)(\(\w+\))?: ", line))


def main():
    texts, parsed = {}, {}
    for doc in DOCS:
        raw, turns = read_doc(doc)
        if raw is None:
            continue
        texts[doc], parsed[doc] = raw, turns
        if not turns:
            err(f"{doc}: no turns parsed")
            continue
        for k, (spk, _) in enumerate(turns, 1):
            if spk != ("I" if k % 2 else "R"):
                err(f"{doc}: alternation broken at turn {k}")
                break
        if len(turns) != src_turn_count(doc):
            err(f"{doc}: {len(turns)} turns parsed, source has {src_turn_count(doc)}")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
        nres = sum(1 for s, _ in turns if s == "R")
        print(f"{doc}: {len(turns)} turns, {nres} respondent turns, {words} words")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != DOCS or len(rows) != len(DOCS):
        err(f"styles.csv: doc ids {sorted(got)}")
    mix = {}
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
        mix[r["style"]] = mix.get(r["style"], 0) + 1
    if mix != EXPECTED_MIX:
        err(f"styles.csv: mix {mix} != {EXPECTED_MIX}")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted or duplicate rows")
    for r in orows:
        doc, k = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {r['orientation']}")
        turns = parsed.get(doc)
        if turns is None or not 1 <= k <= len(turns) or turns[k - 1][0] != "R" or k % 2:
            err(f"orientation.csv: {doc} turn {k} is not a respondent turn")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']}")
        if r["doc_id"] not in texts or r["identifier"] not in texts[r["doc_id"]]:
            err(f"identifiers.csv: '{r['identifier']}' not verbatim in {r['doc_id']}")
    print(f"{len(orows)} orientation rows, {len(irows)} identifier rows")

    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
