#!/usr/bin/env python3
"""Stdlib self-check for setDV.

Parses every transcript independently of build.py (txt utf-8 / cp1252, docx via zipfile, srt, vtt)
and verifies:
  - six documents dv01..dv06, one transcript file each;
  - exactly two speakers, turns strictly alternating, starting with the interviewer;
  - every orientation row points at a respondent (even) turn that exists, valid value, sorted, unique;
  - every identifier occurs verbatim in its document, with a valid type;
  - styles.csv complete (all six ids, valid style, non-empty rationale);
  - word counts 1500-2600 (reported);
  - orientation.csv agrees with the marks in src/*.src (if src/ is present).
Exit code 0 and 'check.py: OK' when all is well.
"""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

BASE = Path(__file__).resolve().parent
IDS = [f"dv{i:02d}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\[\]<>]{1,40}?):\s+(.*)$")
TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]


def turns_from_lines(lines):
    """Label lines start turns; lines before the first turn are header; others continue."""
    labels = Counter(m.group(1).strip() for l in lines if (m := LABEL.match(l.strip())))
    speakers = {lab for lab, _ in labels.most_common(2)}
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = LABEL.match(line)
        if m and m.group(1).strip() in speakers:
            turns.append([m.group(1).strip(), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
    return turns


def cues(text):
    """Return (speaker, text) per cue for srt/vtt."""
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        idx = next((i for i, l in enumerate(lines) if TIMING.match(l)), None)
        if idx is None:
            err(f"cue without timing: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if m:
            out.append((m.group(1).strip(), m.group(2)))
            continue
        m = LABEL.match(body)
        if m:
            out.append((m.group(1).strip(), m.group(2)))
        else:
            err(f"cue without speaker: {body[:40]!r}")
    merged = []
    for spk, t in out:
        if merged and merged[-1][0] == spk:
            merged[-1][1] += " " + t
        else:
            merged.append([spk, t])
    return merged


def load(path):
    ext = path.suffix.lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        return "\n".join(paras), turns_from_lines(paras)
    text = read_text(path)
    if ext in (".srt", ".vtt"):
        return text, cues(text)
    return text, turns_from_lines(text.splitlines())


def main():
    files = {p.stem: p for p in (BASE / "transcripts").iterdir() if p.is_file()}
    if sorted(files) != IDS:
        err(f"transcripts/ holds {sorted(files)}, expected {IDS}")
    docs = {}
    for doc in IDS:
        if doc not in files:
            continue
        full, turns = load(files[doc])
        docs[doc] = (full, turns)
        spk = [s for s, _ in turns]
        if len(set(spk)) != 2:
            err(f"{doc}: expected 2 speakers, found {sorted(set(spk))}")
        for i, s in enumerate(spk):
            if s != spk[i % 2]:
                err(f"{doc}: turn {i + 1} ({s}) breaks alternation")
                break
        if len(spk) % 2:
            err(f"{doc}: odd number of turns ({len(spk)})")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words outside 1500-2600")
        print(f"{doc}: {files[doc].name:10s} {len(turns):3d} turns, {len(turns) // 2:2d} respondent "
              f"turns, {words} words, interviewer={spk[0]!r}, respondent={spk[1]!r}")

    with open(BASE / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in rows) != IDS:
        err(f"styles.csv ids: {[r['doc_id'] for r in rows]}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    print("styles:", ", ".join(f"{r['doc_id']}={r['style']}" for r in rows))

    with open(BASE / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        err("orientation.csv has duplicate rows")
    for (doc, ti), r in zip(keys, orows):
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {r['orientation']!r}")
        if doc not in docs:
            err(f"orientation.csv: unknown doc {doc}")
            continue
        n = len(docs[doc][1])
        if ti % 2 or not 2 <= ti <= n:
            err(f"orientation.csv: {doc} turn {ti} is not a respondent turn (doc has {n} turns)")

    with open(BASE / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if r["doc_id"] not in docs:
            err(f"identifiers.csv: unknown doc {r['doc_id']}")
        elif r["identifier"] not in docs[r["doc_id"]][0]:
            err(f"identifiers.csv: {r['identifier']!r} not found verbatim in {r['doc_id']}")
    print(f"orientation rows: {len(orows)}, identifier rows: {len(irows)}")

    # cross-check with the annotated sources, if present
    src = BASE / "src"
    if src.is_dir():
        marks = []
        for p in sorted(src.glob("dv*.src")):
            ti = 0
            for line in p.read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                ti += 1
                m = re.search(r"\[(casus|netwerk)\]\s*$", line)
                if m:
                    marks.append((p.stem, ti, m.group(1)))
        if sorted(marks) != [(d, t, r["orientation"]) for (d, t), r in zip(keys, orows)]:
            err("orientation.csv differs from the marks in src/ (run src/build.py)")

    if errors:
        for e in errors:
            print("ERROR:", e)
        print(f"check.py: FAILED ({len(errors)} errors)")
        return 1
    print("check.py: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
