#!/usr/bin/env python3
"""Stdlib self-check for set CL. Reads the rendered transcripts (not the sources) and verifies:
strict alternation starting with the interviewer, orientation rows point at respondent turns,
every identifier occurs verbatim in its document, styles.csv complete, word counts in range."""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
# doc_id: (file, interviewer label, respondent label)
DOCS = {
    "cl01": ("cl01.docx", "Femke", "Yasmina"),
    "cl02": ("cl02.srt", "Interviewer", "Gerard"),
    "cl03": ("cl03.txt", "Spreker 1", "Spreker 2"),
    "cl04": ("cl04.txt", "I", "R"),
    "cl05": ("cl05.vtt", "Interviewer", "Hanneke Stam"),
    "cl06": ("cl06.txt", "JK", "LO"),
}
ENC = {"cl04": "cp1252"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]


def load(doc_id):
    """Return (full text, list of (speaker, text) turns)."""
    fname, il, rl = DOCS[doc_id]
    path = os.path.join(TR, fname)
    labels = (il, rl)
    segs = []
    if fname.endswith(".docx"):
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            for lab in labels:
                if p.startswith(lab + ": "):
                    segs.append((lab, p[len(lab) + 2:]))
    elif fname.endswith((".srt", ".vtt")):
        with open(path, encoding="utf-8") as f:
            full = f.read()
        for block in re.split(r"\n\s*\n", full.strip()):
            lines = block.splitlines()
            idx = [k for k, l in enumerate(lines) if "-->" in l]
            if not idx:
                continue
            text = " ".join(lines[idx[0] + 1:])
            m = re.match(r"<v ([^>]+)>(.*?)(?:</v>)?$", text)
            if m:
                segs.append((m.group(1), m.group(2)))
                continue
            for lab in labels:
                if text.startswith(lab + ": "):
                    segs.append((lab, text[len(lab) + 2:]))
                    break
            else:
                err(f"{doc_id}: cue without speaker: {text[:50]}")
    else:
        with open(path, encoding=ENC.get(doc_id, "utf-8")) as f:
            full = f.read()
        for line in full.splitlines():
            line2 = re.sub(r"^\[\d\d:\d\d:\d\d\]\s+", "", line)
            for lab in labels:
                if line2.startswith(lab + ": "):
                    segs.append((lab, line2[len(lab) + 2:]))
    turns = []
    for lab, text in segs:
        if lab not in labels:
            err(f"{doc_id}: unknown speaker {lab}")
        if turns and turns[-1][0] == lab and fname.endswith((".srt", ".vtt")):
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    return full, turns


def main():
    info = {}
    for doc_id, (fname, il, rl) in DOCS.items():
        full, turns = load(doc_id)
        if not turns or turns[0][0] != il:
            err(f"{doc_id}: does not start with interviewer")
        for k in range(1, len(turns)):
            if turns[k][0] == turns[k - 1][0]:
                err(f"{doc_id}: turns {k} and {k + 1} same speaker")
        nwords = sum(len(re.findall(r"\w+(?:[-'’]\w+)*", t)) for _, t in turns)
        if not 1500 <= nwords <= 2600:
            err(f"{doc_id}: {nwords} words out of range")
        info[doc_id] = (full, turns, nwords)
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in rows) != sorted(DOCS):
        err("styles.csv: doc ids incomplete or duplicated")
    for r in rows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            err(f"styles.csv: bad row {r}")
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted or duplicates")
    for r in orows:
        d, k = r["doc_id"], int(r["turn_index"])
        if d not in info:
            err(f"orientation.csv: unknown doc {d}")
            continue
        turns = info[d][1]
        if not (1 <= k <= len(turns)) or turns[k - 1][0] != DOCS[d][2] or k % 2:
            err(f"orientation.csv: {d} turn {k} is not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {r}")
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err(f"identifiers.csv: bad type {r}")
        if r["doc_id"] not in info or r["identifier"] not in info[r["doc_id"]][0]:
            err(f"identifiers.csv: not verbatim in {r['doc_id']}: {r['identifier']}")
    for d, (full, turns, nwords) in info.items():
        nr = sum(1 for s, _ in turns if s == DOCS[d][2])
        no = sum(1 for r in orows if r["doc_id"] == d)
        ni = sum(1 for r in irows if r["doc_id"] == d)
        print(f"{d}: {len(turns)} turns, {nr} respondent, {nwords} words, {no} orientation rows, {ni} identifiers")
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
