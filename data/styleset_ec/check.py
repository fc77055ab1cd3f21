#!/usr/bin/env python3
"""Stdlib self-check for setEC.

Verifies: every transcript parses into turns that strictly alternate interviewer/respondent
(starting with the interviewer); every orientation row points at a respondent turn; every
identifier occurs verbatim in its document; styles.csv is complete (six docs, valid styles,
mix 3 casusgericht / 2 netwerkgericht / 1 onbepaald); word counts are within 1500-2600.
Usage: python3 check.py   (exit code 0 = OK)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TRANS = os.path.join(HERE, "transcripts")
IDS = ["ec01", "ec02", "ec03", "ec04", "ec05", "ec06"]
LABELS = {  # interviewer label, respondent label
    "ec01": ("Interviewer", "Respondent"),
    "ec02": ("Interviewer", "Naomi"),
    "ec03": ("Spreker 1", "Spreker 2"),
    "ec04": ("I", "R"),
    "ec05": ("Lotte Hermans", "Sander Wijnberg"),
    "ec06": ("AK", "MB"),
}
EXPECTED_MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def find_file(doc_id):
    hits = [f for f in os.listdir(TRANS) if f.split(".")[0] == doc_id]
    if len(hits) != 1:
        err(f"{doc_id}: expected exactly one transcript file, found {hits}")
        return None
    return os.path.join(TRANS, hits[0])


def decode(data, doc_id):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def segments_from_lines(lines, labels):
    """Lines starting with 'Label:' (optionally '[hh:mm:ss] ') open a segment."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + "|".join(map(re.escape, labels)) + r"):\s+(.*)$")
    segs, started = [], False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        if m:
            segs.append([m.group(1), m.group(2)])
            started = True
        elif started:
            segs[-1][1] += " " + line  # continuation line
        # lines before the first label are header
    return segs


def segments_srt(text, labels):
    segs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        if len(lines) < 3 or "-->" not in lines[1]:
            err(f"srt: malformed block: {block[:40]!r}")
            continue
        body = " ".join(lines[2:])
        m = re.match(r"^(" + "|".join(map(re.escape, labels)) + r"):\s+(.*)$", body)
        if not m:
            err(f"srt: cue without known speaker: {body[:40]!r}")
            continue
        segs.append([m.group(1), m.group(2)])
    return segs


def segments_vtt(text, labels):
    if not text.startswith("WEBVTT"):
        err("vtt: missing WEBVTT header")
    segs = []
    for block in re.split(r"\n\s*\n", text.strip())[1:]:
        lines = block.strip().splitlines()
        tl = [i for i, l in enumerate(lines) if "-->" in l]
        if not tl:
            err(f"vtt: block without timing: {block[:40]!r}")
            continue
        body = " ".join(lines[tl[0] + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m or m.group(1) not in labels:
            err(f"vtt: cue without known speaker: {body[:40]!r}")
            continue
        segs.append([m.group(1), m.group(2)])
    return segs


def load(doc_id):
    path = find_file(doc_id)
    if not path:
        return None, None
    labels = LABELS[doc_id]
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        segs = segments_from_lines(paras, labels)
    else:
        with open(path, "rb") as f:
            full = decode(f.read(), doc_id).replace("\r\n", "\n")
        if ext == "txt":
            segs = segments_from_lines(full.split("\n"), labels)
        elif ext == "srt":
            segs = segments_srt(full, labels)
        elif ext == "vtt":
            segs = segments_vtt(full, labels)
        else:
            err(f"{doc_id}: unknown extension {ext}")
            return None, None
    turns = []
    for spk, txt in segs:  # merge consecutive cues of the same speaker
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns, full


def main():
    docs = {}
    for doc_id in IDS:
        turns, full = load(doc_id)
        if turns is None:
            continue
        ilab, rlab = LABELS[doc_id]
        if not turns:
            err(f"{doc_id}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = ilab if i % 2 == 1 else rlab
            if spk != want:
                err(f"{doc_id}: turn {i} is {spk!r}, expected {want!r} (alternation)")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words, outside 1500-2600")
        docs[doc_id] = (turns, full, words)

    # styles.csv
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r["style"] for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err(f"styles.csv: doc ids {sorted(got)} != {IDS}")
    for r in rows:
        if r["style"] not in EXPECTED_MIX:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    mix = {s: list(got.values()).count(s) for s in EXPECTED_MIX}
    if mix != EXPECTED_MIX:
        err(f"styles.csv: mix {mix} != {EXPECTED_MIX}")

    # orientation.csv
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        d, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o!r}")
        try:
            ti = int(ti)
        except ValueError:
            err(f"orientation.csv: bad turn index {ti!r}")
            continue
        turns = docs[d][0]
        if not 1 <= ti <= len(turns):
            err(f"orientation.csv: {d} turn {ti} out of range (1..{len(turns)})")
        elif turns[ti - 1][0] != LABELS[d][1] or ti % 2:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn")
        keys.append((d, ti))
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted by doc_id, turn_index or has duplicates")

    # identifiers.csv
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
            continue
        if typ not in TYPES:
            err(f"identifiers.csv: bad type {typ!r}")
        if ident not in docs[d][1]:
            err(f"identifiers.csv: {d}: {ident!r} not found verbatim")

    for d in IDS:
        if d in docs:
            turns, _, words = docs[d]
            n_or = sum(1 for r in orows if r["doc_id"] == d)
            n_id = sum(1 for r in irows if r["doc_id"] == d)
            print(f"{d}: {len(turns)} turns ({len(turns)//2} respondent), {words} words, "
                  f"{n_or} orientation rows, {n_id} identifiers, style {got.get(d)}")
    if errors:
        print("\nFAILED:")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("\ncheck.py: OK")


if __name__ == "__main__":
    main()
