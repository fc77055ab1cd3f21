#!/usr/bin/env python3
"""Check set FX against the brief, reading only the built transcripts and the csv files.

Standard library only.  Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

BASE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(BASE, "transcripts")
DOCS = ["fx01", "fx02", "fx03", "fx04", "fx05", "fx06"]
# who speaks first in each document (the interviewer)
INTERVIEWER = {"fx01": "Noor", "fx02": "Thijs", "fx03": "I", "fx04": "Interviewer",
               "fx05": "Spreker 1", "fx06": "Interviewer"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RESP, MAX_RESP = 10, 45
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ---------------------------------------------------------------- readers
def read_text_file(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


LABEL_RE = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]\n]{1,40}?):\s+(.*)$")


def parse_labelled(lines):
    """Turns from labelled lines/paragraphs; the two labels used >= 3 times are the speakers."""
    counts = Counter()
    for l in lines:
        m = LABEL_RE.match(l.strip())
        if m:
            counts[m.group(2)] += 1
    speakers = [lab for lab, n in counts.items() if n >= 3]
    if len(speakers) != 2:
        return None, f"expected two speaker labels, found {speakers}"
    turns, started = [], False
    for l in lines:
        l = l.strip()
        if not l:
            continue
        m = LABEL_RE.match(l)
        if m and m.group(2) in speakers:
            started = True
            turns.append([m.group(2), m.group(3)])
        elif started:
            turns[-1][1] += " " + l  # continuation line
        # else: header line
    return turns, None


def parse_vtt(text):
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        return None, "no WEBVTT signature"
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            return None, f"cue without timing: {b[:40]!r}"
        body = " ".join(lines[ti[0] + 1:])
        m = re.match(r"<v(?:\.[^\s>]*)?\s+([^>]+)>(.*)$", body)
        if not m:
            return None, f"cue without voice tag: {body[:40]!r}"
        spk, txt = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns, None


def parse_srt(text):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            return None, f"malformed cue {n}"
        if int(lines[0]) != n:
            return None, f"cue numbering breaks at {n}"
        body = " ".join(l.strip() for l in lines[2:])
        m = re.match(r"^([^:]{1,40}?):\s+(.*)$", body)
        if m:
            spk, txt = m.group(1), m.group(2)
        elif turns:
            spk, txt = turns[-1][0], body
        else:
            return None, "first cue has no speaker"
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns, None


def load(doc):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx ({e})")
            return None, None
        full = "\n".join(paras)
        turns, err = parse_labelled(paras)
    elif ext in (".txt", ".vtt", ".srt"):
        full, enc = read_text_file(path)
        if full is None:
            problem(f"{doc}: not decodable as UTF-8 or Windows-1252")
            return None, None
        if ext == ".txt":
            turns, err = parse_labelled(full.replace("\r\n", "\n").split("\n"))
        elif ext == ".vtt":
            turns, err = parse_vtt(full)
        else:
            turns, err = parse_srt(full)
    else:
        problem(f"{doc}: unsupported extension {ext}")
        return None, None
    if err:
        problem(f"{doc}: {err}")
        return None, None
    return full, turns


# ---------------------------------------------------------------- csv
def read_csv(name, header):
    path = os.path.join(BASE, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    docs = {}
    extra = [f for f in os.listdir(TR) if os.path.splitext(f)[0] not in DOCS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    exts = set()
    for doc in DOCS:
        full, turns = load(doc)
        if turns is None:
            continue
        fname = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc][0]
        kind = os.path.splitext(fname)[1].lower()
        if kind == ".txt":
            kind += "/timestamped" if re.search(r"^\[\d\d:\d\d:\d\d\]", full, re.M) else "/labelled"
        exts.add(kind)
        docs[doc] = (full, turns)
        if turns[0][0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn by {turns[0][0]!r}, not the interviewer {INTERVIEWER[doc]!r}")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} by the same speaker")
        words = sum(len(t[1].split()) for t in turns)
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{doc}: {words} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        nresp = sum(1 for t in turns if t[0] != INTERVIEWER[doc])
        if not MIN_RESP <= nresp <= MAX_RESP:
            problem(f"{doc}: {nresp} respondent turns, outside {MIN_RESP}-{MAX_RESP}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
    if len(exts) < 4:
        problem(f"only {len(exts)} different transcript formats: {sorted(exts)}")

    # styles
    srows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    sdocs = [r[0] for r in srows]
    if sorted(sdocs) != DOCS or len(sdocs) != len(set(sdocs)):
        problem(f"styles.csv: doc ids {sdocs}")
    mix = Counter(r[1] for r in srows)
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv: style mix {dict(mix)} != {WANT_MIX}")
    kinds = Counter()
    for r in srows:
        if len(r) != 3 or not r[2].strip():
            problem(f"styles.csv: row without rationale {r}")
            continue
        if r[1] == "onbepaald":
            t = r[2].lower()
            if "mixed" in t:
                kinds["mixed"] += 1
            elif "too little evidence" in t:
                kinds["too little"] += 1
            else:
                problem(f"styles.csv: onbepaald {r[0]} does not say which kind")
    if kinds != Counter({"mixed": 1, "too little": 1}):
        problem(f"styles.csv: onbepaald kinds {dict(kinds)}")

    # orientation
    orows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in orows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        keys.append((r[0], int(r[1])))
        if r[0] in docs:
            turns = docs[r[0]][1]
            idx = int(r[1])
            if not 1 <= idx <= len(turns):
                problem(f"orientation.csv: {r} out of range ({len(turns)} turns)")
            elif turns[idx - 1][0] == INTERVIEWER[r[0]]:
                problem(f"orientation.csv: {r} points at an interviewer turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    irows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = Counter()
    seen = set()
    for r in irows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            problem(f"identifiers.csv: duplicate {r}")
        seen.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[0] in docs and r[1] not in docs[r[0]][0]:
            problem(f"identifiers.csv: {r[1]!r} not found verbatim in {r[0]}")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: only {per_doc[d]} identifiers for {d}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
