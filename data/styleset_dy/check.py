#!/usr/bin/env python3
"""Stdlib self-check for setDY.

Reads the generated transcripts back from disk (docx via zipfile/xml, srt, vtt, txt in UTF-8 or
Windows-1252) and verifies:
  - every transcript parses into speaker turns that strictly alternate interviewer/respondent,
    starting with the interviewer (interviewer = speaker of the first turn);
  - 1,500-2,600 words per interview (turn text only);
  - styles.csv is complete (all six ids, valid style labels, the set's 3/2/1 mix, a rationale);
  - every orientation.csv row points at an existing respondent (even) turn, valid labels, sorted, unique;
  - every identifiers.csv row has a valid type and occurs verbatim in the text of its document;
  - no build markup ([[, ]], {C}/{N}/{-}) leaked into a transcript.
Exit code 0 and "check.py: OK" when all checks pass.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = ["dy01", "dy02", "dy03", "dy04", "dy05", "dy06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 .'-]{0,29}?):\s+(.+)$")
TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}$")
VOICE = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def find_file(doc_id):
    hits = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(hits) != 1:
        err(f"{doc_id}: expected exactly one transcript file, found {hits}")
        return None
    return os.path.join(TR, hits[0])


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def turns_from_lines(lines):
    """Lines of a txt/docx transcript: header lines first, then one labelled paragraph per turn."""
    turns, started = [], False
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = LABEL.match(ln)
        if m:
            started = True
            turns.append((m.group(1).strip(), m.group(2)))
        elif started:
            err(f"unlabelled line after first turn: {ln[:60]!r}")
    return turns


def parse(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return turns_from_lines(paras), "\n".join(paras)
    text, enc = read_text(path)
    if ext == "txt":
        return turns_from_lines(text.splitlines()), text
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    turns, plain = [], []
    if ext == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            err(f"{path}: missing WEBVTT header")
        for b in blocks[1:]:
            ls = b.split("\n")
            if ls[0].startswith("NOTE"):
                continue
            i = 0 if TIMING.match(ls[0]) else 1
            if not TIMING.match(ls[i]):
                err(f"{path}: cue without timing: {b[:50]!r}")
                continue
            cue = " ".join(ls[i + 1:])
            m = VOICE.match(cue)
            if not m:
                err(f"{path}: cue without <v Name>: {cue[:50]!r}")
                continue
            turns.append((m.group(1).strip(), m.group(2)))
            plain.append(m.group(2))
    elif ext == "srt":
        for b in blocks:
            ls = b.split("\n")
            if not ls[0].isdigit() or len(ls) < 3 or not TIMING.match(ls[1]):
                err(f"{path}: malformed srt block: {b[:50]!r}")
                continue
            cue = " ".join(ls[2:])
            m = LABEL.match(cue)
            if not m:
                err(f"{path}: srt cue without speaker label: {cue[:50]!r}")
                continue
            turns.append((m.group(1).strip(), m.group(2)))
            plain.append(m.group(2))
    else:
        err(f"{path}: unknown extension")
    return turns, text


def merge_same_speaker(turns):
    out = []
    for spk, txt in turns:
        if out and out[-1][0] == spk:
            out[-1] = (spk, out[-1][1] + " " + txt)
        else:
            out.append((spk, txt))
    return out


def main():
    docs = {}
    for doc_id in IDS:
        path = find_file(doc_id)
        if not path:
            continue
        turns, fulltext = parse(path)
        if not turns:
            err(f"{doc_id}: no turns parsed")
            continue
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            err(f"{doc_id}: expected 2 speakers, found {speakers}")
        ispk = turns[0][0]
        for i, (s, _) in enumerate(turns, 1):
            want_interviewer = (i % 2 == 1)
            if (s == ispk) != want_interviewer:
                err(f"{doc_id}: alternation broken at turn {i} ({s})")
                break
        if merge_same_speaker(turns) != turns:
            err(f"{doc_id}: consecutive turns by the same speaker")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words, outside 1500-2600")
        for bad in ("[[", "]]", "{C}", "{N}", "{-}"):
            if bad in fulltext:
                err(f"{doc_id}: build markup {bad!r} left in transcript")
        docs[doc_id] = {"turns": turns, "text": fulltext, "words": words, "path": path}

    # styles.csv
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            err(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r["style"]
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    if sorted(seen) != IDS:
        err(f"styles.csv: ids {sorted(seen)} != {IDS}")
    counts = {s: list(seen.values()).count(s) for s in STYLES}
    if counts != MIX:
        err(f"styles.csv: style mix {counts} != {MIX}")

    # orientation.csv
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as fh:
        orows = list(csv.DictReader(fh))
    keys = []
    for r in orows:
        d, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o!r}")
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        ti = int(ti)
        n = len(docs[d]["turns"])
        if not (1 <= ti <= n) or ti % 2 != 0:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn (doc has {n} turns)")
        keys.append((d, ti))
    if keys != sorted(keys):
        err("orientation.csv: not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as fh:
        irows = list(csv.DictReader(fh))
    per_doc = {d: 0 for d in IDS}
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            err(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
            continue
        per_doc[d] += 1
        if ident not in docs[d]["text"]:
            err(f"identifiers.csv: {d}: {ident!r} not found verbatim")
        turn_text = " ".join(t for _, t in docs[d]["turns"])
        if ident not in turn_text and ident not in docs[d]["text"]:
            err(f"identifiers.csv: {d}: {ident!r} not in turns or header")
    for d, n in per_doc.items():
        if n == 0:
            err(f"identifiers.csv: no identifiers for {d}")

    for d in IDS:
        if d in docs:
            t = docs[d]["turns"]
            print(f"{d}: {os.path.basename(docs[d]['path'])} turns={len(t)} "
                  f"respondent_turns={len(t) // 2} words={docs[d]['words']} style={seen.get(d)}")
    if errors:
        for e in errors:
            print("ERROR:", e)
        print(f"check.py: FAILED ({len(errors)} problems)")
        sys.exit(1)
    print("check.py: OK")


if __name__ == "__main__":
    main()
