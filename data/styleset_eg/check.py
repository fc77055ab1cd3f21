#!/usr/bin/env python3
"""Stdlib self-check for blind set EG.

Verifies: transcripts parse in their own format; turns strictly alternate interviewer/respondent starting
with the interviewer; every orientation row points at a respondent turn; every identifier occurs verbatim
in its document; styles.csv is complete (and matches the requested mix); word counts are in range; the
style labels themselves never occur in the transcripts. Prints OK when everything passes.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
IDS = ["eg01", "eg02", "eg03", "eg04", "eg05", "eg06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
TS = r"\[\d\d:\d\d:\d\d\] "
# speaker label patterns per document: (interviewer, respondent)
LABELS = {
    "eg01": (r"Interviewer: ", r"Jeroen: "),
    "eg02": (r"Interviewer: ", r"Respondent: "),
    "eg03": (r"TS: ", r"MvD: "),
    "eg04": (TS + r"Spreker 1: ", TS + r"Spreker 2: "),
    "eg05": (r"<v Interviewer>", r"<v Kees Verhoef>"),
    "eg06": (r"I: ", r"R: "),
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def speaker(doc, line):
    pi, pr = LABELS[doc]
    m = re.match(pi, line)
    if m:
        return "I", line[m.end():]
    m = re.match(pr, line)
    if m:
        return "R", line[m.end():]
    return None, line


def paragraphs_to_turns(doc, paras):
    turns, started = [], False
    for p in paras:
        p = p.strip()
        if not p:
            continue
        spk, text = speaker(doc, p)
        if spk is None:
            if started:
                err(f"{doc}: unlabelled paragraph after the first turn: {p[:50]!r}")
            continue
        started = True
        turns.append((spk, text))
    return turns


def cues_to_turns(doc, cues):
    turns = []
    for line in cues:
        spk, text = speaker(doc, line)
        if spk is None:
            err(f"{doc}: cue without speaker: {line[:50]!r}")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + text)
        else:
            turns.append((spk, text))
    return turns


def secs(ts):
    h, m, s = ts.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def parse_timed(doc, text, fmt):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues, last = [], -1.0
    for b in blocks:
        lines = [x for x in b.split("\n") if x.strip()]
        if fmt == "vtt" and (lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE")):
            continue
        if fmt == "srt":
            if not lines[0].strip().isdigit():
                err(f"{doc}: srt block without index: {lines[0]!r}")
            lines = lines[1:]
        m = re.match(r"(\S+) --> (\S+)", lines[0])
        if not m:
            err(f"{doc}: cue without timing: {lines[0]!r}")
            continue
        a, b2 = secs(m.group(1)), secs(m.group(2))
        if not (a >= last and b2 > a):
            err(f"{doc}: cue timings not increasing at {lines[0]!r}")
        last = b2
        cues.append(" ".join(lines[1:]))
    return cues


def load(doc):
    files = list((ROOT / "transcripts").glob(doc + ".*"))
    if len(files) != 1:
        err(f"{doc}: expected exactly one transcript, found {files}")
        return None, [], ""
    f = files[0]
    fmt = f.suffix[1:]
    if fmt == "docx":
        with zipfile.ZipFile(f) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        return fmt, paragraphs_to_turns(doc, paras), "\n".join(paras)
    raw = f.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n")
    if fmt == "txt":
        return fmt, paragraphs_to_turns(doc, re.split(r"\n\s*\n", text)), text
    if fmt in ("srt", "vtt"):
        return fmt, cues_to_turns(doc, parse_timed(doc, text, fmt)), text
    err(f"{doc}: unknown format {fmt}")
    return fmt, [], text


def main():
    docs = {}
    for doc in IDS:
        fmt, turns, full = load(doc)
        docs[doc] = (fmt, turns, full)
        if not turns:
            err(f"{doc}: no turns")
            continue
        for i, (spk, _) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if spk != want:
                err(f"{doc}: turn {i + 1} is {spk}, expected {want} (alternation)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} spoken words, outside 1500-2600")
        for bad in ("casusgericht", "netwerkgericht", "regiestijl"):
            if bad in full.lower():
                err(f"{doc}: transcript contains the label {bad!r}")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != IDS:
        err(f"styles.csv ids {ids} != {IDS}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    if Counter(r["style"] for r in rows) != Counter(MIX):
        err(f"styles.csv mix {dict(Counter(r['style'] for r in rows))} != {MIX}")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in orows:
        doc, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if doc not in docs:
            err(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc][1]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o!r}")
        if not 1 <= ti <= len(turns):
            err(f"orientation.csv: {doc} turn {ti} out of range ({len(turns)} turns)")
        elif ti % 2 != 0 or turns[ti - 1][0] != "R":
            err(f"orientation.csv: {doc} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    per_doc = Counter()
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        per_doc[doc] += 1
        if typ not in TYPES:
            err(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if doc not in docs:
            err(f"identifiers.csv: unknown doc {doc}")
        elif ident not in docs[doc][2]:
            err(f"identifiers.csv: {ident!r} not found verbatim in {doc}")
    for doc in IDS:
        if per_doc[doc] < 5:
            err(f"{doc}: only {per_doc[doc]} identifiers")

    for doc in IDS:
        fmt, turns, _ = docs[doc]
        nr = sum(1 for s, _ in turns if s == "R")
        words = sum(len(t.split()) for _, t in turns)
        print(f"{doc}: {fmt:4s} turns={len(turns)} respondent_turns={nr} words={words} identifiers={per_doc[doc]}")
    if errors:
        print("\n".join("ERROR " + e for e in errors))
        print(f"FAILED ({len(errors)} problems)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
