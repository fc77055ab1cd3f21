#!/usr/bin/env python3
"""Stdlib self-check for blind set N. Run: python3 check.py  (from anywhere)

Parses the transcripts themselves (not the sources) and verifies:
  - six transcripts bn01..bn06, each parseable, turns strictly alternating interviewer/respondent,
    starting with the interviewer;
  - 1,500-2,600 words per interview (turn text, labels and timings excluded);
  - every orientation.csv row points at an existing respondent (even) turn, values casus|netwerk,
    no duplicates, sorted;
  - every identifiers.csv row occurs verbatim in its document, types from the allowed list;
  - styles.csv complete (one row per doc, valid style, non-empty rationale) and the mix 3/2/1;
  - if src/stats.json exists, turn counts agree with the build.
"""
import csv
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["bn01", "bn02", "bn03", "bn04", "bn05", "bn06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
INTERVIEWER_LABELS = {"Interviewer", "I", "Spreker 1"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def merge(seq):
    """seq of (speaker, text) pieces -> list of turns, merging consecutive same-speaker pieces."""
    turns = []
    for spk, txt in seq:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def parse_txt(path):
    text = read_text(path)
    lab = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(Interviewer|Respondent|I|R|Spreker 1|Spreker 2):\s+(.*)$")
    seq = []
    for line in text.splitlines():
        m = lab.match(line.strip())
        if m:
            seq.append((m.group(1), m.group(2)))
        elif line.strip() and seq and not text.startswith(line):
            # continuation line of a turn (none expected, but tolerate)
            pass
    return text, seq


def parse_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras, seq = [], []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            bold = rpr is not None and rpr.find(W + "b") is not None
            runs.append((t, bold))
        ptext = "".join(t for t, _ in runs)
        paras.append(ptext)
        if runs and runs[0][1] and runs[0][0].endswith(":"):
            seq.append((runs[0][0][:-1], ptext[len(runs[0][0]):].strip()))
    return "\n".join(paras), seq


def parse_srt(path):
    text = read_text(path)
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        if len(lines) >= 3 and "-->" in lines[1]:
            cues.append(" ".join(lines[2:]))
    # speaker labels: "Name:" at cue start that recurs
    cand = {}
    for c in cues:
        m = re.match(r"^([A-Z][\w]*(?: [\w]+)?):\s", c)
        if m:
            cand[m.group(1)] = cand.get(m.group(1), 0) + 1
    labels = {k for k, v in cand.items() if v >= 3}
    seq, cur = [], None
    for c in cues:
        m = re.match(r"^([A-Z][\w]*(?: [\w]+)?):\s(.*)$", c)
        if m and m.group(1) in labels:
            cur = m.group(1)
            seq.append((cur, m.group(2)))
        else:
            if cur is None:
                err(f"{path}: cue without speaker before first label")
                continue
            seq.append((cur, c))
    return text, seq


def parse_vtt(path):
    text = read_text(path)
    if not text.startswith("WEBVTT"):
        err(f"{path}: missing WEBVTT header")
    seq = []
    for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", text):
        seq.append((m.group(1), m.group(2)))
    return text, seq


PARSERS = {".txt": parse_txt, ".docx": parse_docx, ".srt": parse_srt, ".vtt": parse_vtt}


def main():
    files = {}
    for fn in sorted(os.listdir(TR)):
        stem, ext = os.path.splitext(fn)
        files[stem] = (os.path.join(TR, fn), ext)
    if sorted(files) != IDS:
        err(f"transcripts folder holds {sorted(files)}, expected {IDS}")
    stats_path = os.path.join(ROOT, "src", "stats.json")
    stats = json.load(open(stats_path, encoding="utf-8")) if os.path.exists(stats_path) else {}

    doc_text, doc_turns = {}, {}
    for doc in IDS:
        if doc not in files:
            continue
        path, ext = files[doc]
        text, seq = PARSERS[ext](path)
        turns = merge(seq)
        doc_text[doc], doc_turns[doc] = text, turns
        if not turns:
            err(f"{doc}: no turns parsed")
            continue
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            err(f"{doc}: expected 2 speakers, found {speakers}")
        if turns[0][0] not in INTERVIEWER_LABELS:
            err(f"{doc}: first turn not by interviewer ({turns[0][0]})")
        for i, (s, _) in enumerate(turns):
            if s != speakers[i % 2]:
                err(f"{doc}: alternation broken at turn {i + 1}")
                break
        # alternation must also hold in the raw sequence for non-subtitle formats (no same-speaker merge)
        if ext in (".txt", ".docx") and len(seq) != len(turns):
            err(f"{doc}: consecutive paragraphs by the same speaker")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
        if doc in stats and stats[doc]["turns"] != len(turns):
            err(f"{doc}: parsed {len(turns)} turns, build says {stats[doc]['turns']}")
        print(f"{doc}{ext:6s} turns={len(turns):3d} respondent_turns={len(turns) // 2:3d} words={words}")

    # orientation.csv
    rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in rows:
        doc, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation {doc}:{ti} bad value {o}")
        if doc not in doc_turns:
            err(f"orientation row for unknown doc {doc}")
            continue
        if ti % 2 != 0 or not 1 <= ti <= len(doc_turns[doc]):
            err(f"orientation {doc}:{ti} does not point at a respondent turn")

    # identifiers.csv
    n_ids = 0
    for r in csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")):
        n_ids += 1
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            err(f"identifier {doc}:{ident!r} bad type {typ}")
        if doc not in doc_text or ident not in doc_text[doc]:
            err(f"identifier {doc}:{ident!r} not found verbatim")

    # styles.csv
    srows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    if sorted(r["doc_id"] for r in srows) != IDS:
        err(f"styles.csv docs {[r['doc_id'] for r in srows]}")
    mix = {}
    for r in srows:
        if r["style"] not in STYLES:
            err(f"styles.csv {r['doc_id']}: bad style {r['style']}")
        if not r["rationale"].strip():
            err(f"styles.csv {r['doc_id']}: empty rationale")
        mix[r["style"]] = mix.get(r["style"], 0) + 1
    if mix != {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}:
        err(f"style mix {mix}")

    print(f"orientation rows={len(rows)} identifier rows={n_ids} styles={mix}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
