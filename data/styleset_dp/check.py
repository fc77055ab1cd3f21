#!/usr/bin/env python3
"""Stdlib self-check for setDP. Reads only the generated files (transcripts/, *.csv).

Checks:
  - every doc in styles.csv has exactly one transcript; styles valid; the set's style mix
  - speaker turns strictly alternate interviewer / respondent, starting with the interviewer
  - 1,500-2,600 words per interview (turn text, labels and timestamps excluded)
  - every orientation row points at an existing respondent (even) turn; values valid; sorted, no duplicates
  - every identifier occurs verbatim in its document; identifier types valid; no duplicate rows
Exit code 0 = OK, 1 = problems (listed).
"""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
EXPECTED_MIX = Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2})
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([A-Za-zÀ-ÿ0-9 ]{1,20}):\s+(.*)$")
TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}$")

problems = []


def bad(msg):
    problems.append(msg)


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def turns_from_lines(lines):
    """Label lines; speakers = the two most frequent labels; header lines before the first turn ignored."""
    labelled = [(m.group(1), m.group(2)) for m in (LABEL.match(l.strip()) for l in lines) if m]
    counts = Counter(lab for lab, _ in labelled)
    speakers = {lab for lab, _ in counts.most_common(2)}
    turns, started = [], False
    for l in lines:
        l = l.strip()
        if not l:
            continue
        m = LABEL.match(l)
        if m and m.group(1) in speakers:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            turns[-1][1] += " " + l  # continuation line
    return turns


def turns_from_cues(text, vtt):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    for b in blocks:
        ls = [l for l in b.split("\n") if l.strip()]
        if not ls or ls[0].startswith(("WEBVTT", "NOTE")):
            continue
        i = next((k for k, l in enumerate(ls) if TIMING.match(l.strip())), None)
        if i is None:
            bad(f"cue without timing: {b[:40]!r}")
            continue
        body = " ".join(ls[i + 1:])
        if vtt:
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        else:
            m = LABEL.match(body)
        if not m:
            bad(f"cue without speaker: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(path):
    ext = path.suffix.lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        return "\n".join(paras), turns_from_lines(paras), "docx"
    text, enc = read_text(path)
    if ext == ".vtt":
        return text, turns_from_cues(text, True), "vtt"
    if ext == ".srt":
        return text, turns_from_cues(text, False), "srt"
    return text, turns_from_lines(text.splitlines()), f"txt ({enc})"


def main():
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        styles = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in styles]
    if len(ids) != len(set(ids)):
        bad("duplicate doc_id in styles.csv")
    for r in styles:
        if r["style"] not in STYLES:
            bad(f"{r['doc_id']}: invalid style {r['style']}")
        if not r.get("rationale", "").strip():
            bad(f"{r['doc_id']}: empty rationale")
    if Counter(r["style"] for r in styles) != EXPECTED_MIX:
        bad(f"style mix {Counter(r['style'] for r in styles)} != {EXPECTED_MIX}")

    docs = {}
    for doc_id in ids:
        files = [p for p in TR.glob(doc_id + ".*")]
        if len(files) != 1:
            bad(f"{doc_id}: expected one transcript, found {files}")
            continue
        text, turns, fmt = load(files[0])
        docs[doc_id] = (text, turns)
        spk = [t[0] for t in turns]
        first, second = (spk + [None, None])[:2]
        if len(set(spk)) != 2 or first == second:
            bad(f"{doc_id}: expected two alternating speakers, got {Counter(spk)}")
        for n, s in enumerate(spk, 1):
            want = first if n % 2 == 1 else second
            if s != want:
                bad(f"{doc_id}: turn {n} by {s}, expected {want}")
                break
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc_id}: {words} words, outside 1500-2600")
        print(f"{doc_id}: {files[0].name:10s} {fmt:12s} turns={len(turns):3d} "
              f"respondent_turns={len(turns) // 2:3d} words={words} speakers={first}/{second}")
    for doc_id in TR.iterdir():
        if doc_id.stem not in ids:
            bad(f"transcript without styles row: {doc_id.name}")

    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        d, n, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((d, n))
        if o not in ("casus", "netwerk"):
            bad(f"orientation {d}/{n}: invalid value {o}")
        if d not in docs:
            bad(f"orientation {d}/{n}: unknown doc")
            continue
        if n % 2 != 0 or not 1 <= n <= len(docs[d][1]):
            bad(f"orientation {d}/{n}: not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        bad("orientation.csv not sorted by doc_id, turn_index or has duplicates")

    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    seen = set()
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (d, ident, typ) in seen:
            bad(f"identifier duplicate {d}/{ident}")
        seen.add((d, ident, typ))
        if typ not in TYPES:
            bad(f"identifier {d}/{ident}: invalid type {typ}")
        if d not in docs:
            bad(f"identifier {d}/{ident}: unknown doc")
        elif ident not in docs[d][0]:
            bad(f"identifier {d}/{ident}: not found verbatim in document")
    per_doc = Counter(r["doc_id"] for r in irows)
    for d in ids:
        if per_doc[d] == 0:
            bad(f"{d}: no identifiers listed")
    print(f"orientation rows: {len(orows)}, identifier rows: {len(irows)}")

    if problems:
        print("PROBLEMS:")
        for p in problems:
            print("  -", p)
        return 1
    print("check.py: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
