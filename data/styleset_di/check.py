#!/usr/bin/env python3
"""Stdlib self-check for set DI.

Re-reads the generated transcripts (docx via zipfile/xml, srt, vtt, txt in their own encodings) and verifies:
- turns strictly alternate interviewer / respondent, starting with the interviewer;
- every orientation.csv row points at an existing respondent (even) turn;
- every identifiers.csv row occurs verbatim in its document;
- styles.csv has exactly one valid row per transcript.
Speaker labels are taken from the src/*.src headers (label_I / label_R).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
SRC = os.path.join(ROOT, "src")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def labels():
    out = {}
    for f in os.listdir(SRC):
        if not f.endswith(".src"):
            continue
        meta = {}
        with open(os.path.join(SRC, f), encoding="utf-8") as fh:
            for line in fh:
                if line.strip() == "---":
                    break
                if ":" in line:
                    k, v = line.split(":", 1)
                    meta[k.strip()] = v.strip()
        out[meta["id"]] = (meta["label_I"], meta["label_R"], meta.get("encoding", "utf-8"))
    return out


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def turns_from_lines(lines, li, lr):
    """lines: list of text units; a unit starting with '<label>:' opens a turn, others continue it."""
    turns = []
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s|%s):\s*(.*)$" % (re.escape(li), re.escape(lr)), re.S)
    for ln in lines:
        m = pat.match(ln)
        if m:
            turns.append([("I" if m.group(1) == li else "R"), m.group(2)])
        elif turns and ln.strip():
            turns[-1][1] += " " + ln.strip()
    return turns


def parse_doc(path, li, lr, enc):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return turns_from_lines(paras, li, lr), "\n".join(paras)
    with open(path, encoding=enc) as f:
        raw = f.read()
    if ext == "txt":
        return turns_from_lines(raw.splitlines(), li, lr), raw
    if ext == "srt":
        units = []
        for block in re.split(r"\n\s*\n", raw.strip()):
            bl = block.splitlines()
            if len(bl) >= 3 and "-->" in bl[1]:
                units.append(" ".join(bl[2:]))
        return turns_from_lines(units, li, lr), raw
    if ext == "vtt":
        turns = []
        for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", raw, re.S):
            spk = "I" if m.group(1) == li else ("R" if m.group(1) == lr else None)
            if spk is None:
                err(f"{path}: unknown voice {m.group(1)}")
                continue
            if turns and turns[-1][0] == spk:
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([spk, m.group(2)])
        return turns, raw
    raise ValueError(path)


def main():
    labs = labels()
    docs = {}
    for f in sorted(os.listdir(TR)):
        did = f.rsplit(".", 1)[0]
        li, lr, enc = labs[did]
        turns, text = parse_doc(os.path.join(TR, f), li, lr, enc)
        docs[did] = (turns, text)
        if not turns:
            err(f"{did}: no turns parsed")
        for i, (spk, _) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if spk != want:
                err(f"{did}: turn {i+1} is {spk}, expected {want}")
                break
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    for r in rows:
        did, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"bad orientation {r}")
        if did not in docs or ti < 1 or ti > len(docs[did][0]) or docs[did][0][ti - 1][0] != "R":
            err(f"orientation row does not point at a respondent turn: {r}")
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["doc_id"] not in docs or r["identifier"] not in docs[r["doc_id"]][1]:
                err(f"identifier not found verbatim: {r}")
            if r["type"] not in ("PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
                                 "LEEFTIJD", "ORGANISATIE_NAAM"):
                err(f"bad identifier type: {r}")
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        st = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in st) != sorted(docs):
        err("styles.csv does not cover exactly the transcripts")
    for r in st:
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald") or not r["rationale"].strip():
            err(f"bad styles row: {r}")
    for did, (turns, text) in docs.items():
        words = sum(len(t[1].split()) for t in turns)
        print(f"{did}: {len(turns)} turns ({sum(1 for t in turns if t[0]=='R')} respondent), {words} words")
    if errors:
        print("FAIL")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
