#!/usr/bin/env python3
"""Stdlib self-check for setEK. Run: python3 check.py  (prints OK or a list of problems)."""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TRANS = os.path.join(HERE, "transcripts")
IDS = ["ek01", "ek02", "ek03", "ek04", "ek05", "ek06"]
# speaker label -> role, per document (as the labels appear in the files)
ROLES = {
    "ek01": {"Interviewer": "I", "Ilse": "R"},
    "ek02": {"Marloes": "I", "Joost": "I", "Wim": "R"},
    "ek03": {"Interviewer": "I", "Dennis": "R"},
    "ek04": {"MK": "I", "AG": "R"},
    "ek05": {"Interviewer": "I", "Yvonne Starink": "R"},
    "ek06": {"Spreker 1": "I", "Spreker 3": "I", "Spreker 2": "R"},
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
problems = []


def err(msg):
    problems.append(msg)


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]


def split_label(line, labels):
    """Return (label, text) if line starts with a known speaker label, else None."""
    line = re.sub(r"^\[\d{2}:\d{2}:\d{2}\]\s*", "", line)
    for lab in sorted(labels, key=len, reverse=True):
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None


def load(doc_id):
    files = [f for f in os.listdir(TRANS) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        err(f"{doc_id}: expected exactly one transcript file, found {files}")
        return None, None
    path = os.path.join(TRANS, files[0])
    ext = files[0].rsplit(".", 1)[1]
    labels = ROLES[doc_id]
    segs = []  # (label, text) in order; consecutive same-label segments merged for srt/vtt
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        lines = paras
    else:
        raw = open(path, "rb").read()
        try:
            full = raw.decode("utf-8")
        except UnicodeDecodeError:
            full = raw.decode("cp1252")
        full = full.replace("\r\n", "\n")
        lines = full.split("\n")
    if ext == "vtt":
        if not lines[0].startswith("WEBVTT"):
            err(f"{doc_id}: vtt without WEBVTT line")
        for ln in lines:
            m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", ln)
            if m:
                segs.append((m.group(1), m.group(2)))
        merge = True
    elif ext == "srt":
        blocks = [b for b in full.strip().split("\n\n") if b.strip()]
        for n, b in enumerate(blocks, 1):
            bl = b.split("\n")
            if bl[0].strip() != str(n) or not re.match(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", bl[1]):
                err(f"{doc_id}: malformed srt cue {n}")
            sl = split_label(" ".join(bl[2:]), labels)
            if sl:
                segs.append(sl)
            else:
                err(f"{doc_id}: srt cue {n} without speaker label")
        merge = True
    else:
        for ln in lines:
            sl = split_label(ln.strip(), labels)
            if sl:
                segs.append(sl)
        merge = False
    turns = []
    for lab, text in segs:
        if merge and turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    plain = re.sub(r"</?v[^>]*>", "", full)
    return turns, plain


def main():
    docs = {}
    for doc_id in IDS:
        turns, full = load(doc_id)
        if turns is None:
            continue
        docs[doc_id] = (turns, full)
        roles = [ROLES[doc_id][lab] for lab, _ in turns]
        if not roles or roles[0] != "I":
            err(f"{doc_id}: does not start with the interviewer")
        for i in range(1, len(roles)):
            if roles[i] == roles[i - 1]:
                err(f"{doc_id}: turns {i} and {i + 1} both {roles[i]}")
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            err(f"{doc_id}: {words} words outside {WORDS}")
        resp = [lab for lab, r in ROLES[doc_id].items() if r == "R"]
        if len(resp) != 1:
            err(f"{doc_id}: expected one respondent label")
        print(f"{doc_id}: {len(turns)} turns, {roles.count('R')} respondent turns, {words} words")
    # styles.csv
    with open(os.path.join(HERE, "styles.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if [r["doc_id"] for r in rows] != IDS:
        err(f"styles.csv ids {[r['doc_id'] for r in rows]} != {IDS}")
    counts = {}
    for r in rows:
        if r["style"] not in MIX:
            err(f"styles.csv: bad style {r['style']}")
        counts[r["style"]] = counts.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    if counts != MIX:
        err(f"styles.csv mix {counts} != {MIX}")
    # orientation.csv
    with open(os.path.join(HERE, "orientation.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted or has duplicates")
    for r in rows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {o}")
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][0]
        if not 1 <= ti <= len(turns):
            err(f"orientation.csv: {d} turn {ti} out of range")
        elif ROLES[d][turns[ti - 1][0]] != "R" or ti % 2:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    # identifiers.csv
    with open(os.path.join(HERE, "identifiers.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    per_doc = {}
    for r in rows:
        d = r["doc_id"]
        per_doc[d] = per_doc.get(d, 0) + 1
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']}")
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
        elif r["identifier"] not in docs[d][1]:
            err(f"identifiers.csv: {d} identifier not found verbatim: {r['identifier']!r}")
    for d in IDS:
        if not per_doc.get(d):
            err(f"identifiers.csv: no identifiers for {d}")
    if problems:
        print("\n".join("PROBLEM: " + p for p in problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
