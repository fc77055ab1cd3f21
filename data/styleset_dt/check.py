#!/usr/bin/env python3
"""Stdlib self-check for setDT.

Parses every transcript independently from its output file (docx via zipfile/XML, srt, vtt, txt) and verifies:
  - turns strictly alternate interviewer / respondent, starting with the interviewer;
  - the parsed turn count matches src/manifest.json (written by src/build.py);
  - every orientation.csv row points at an existing respondent (even) turn, values valid, sorted, no duplicates;
  - every identifiers.csv row occurs verbatim in its document, with a valid type;
  - styles.csv has exactly dt01..dt06 with a valid style and a rationale;
  - no annotation markup leaked into a transcript; word counts within 1,500-2,600.
Run: python3 check.py   (exit code 0 = OK)
"""
import csv
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = [f"dt{i:02d}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def split_label(line, labels):
    """Return (label, rest) if line starts with one of the speaker labels, else None."""
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None


def parse(m):
    path = HERE / m["file"]
    labels = [m["label_i"], m["label_r"]]
    turns = []  # [label, text]
    if path.suffix == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            hit = split_label(p, labels)
            if hit:
                turns.append(list(hit))
            elif turns and p.strip():
                turns[-1][1] += " " + p.strip()
    else:
        raw = path.read_bytes()
        full = raw.decode(m["encoding"])
        if m["encoding"] == "utf-8":
            raw.decode("utf-8")  # strict
        if path.suffix == ".srt":
            for block in re.split(r"\n\s*\n", full.strip()):
                lines = block.splitlines()
                if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
                    err(f"{path.name}: malformed SRT block {lines[:2]}")
                    continue
                text = " ".join(lines[2:]).strip()
                hit = split_label(text, labels)
                if hit:
                    turns.append(list(hit))
                elif turns:
                    turns[-1][1] += " " + text
                else:
                    err(f"{path.name}: first cue has no speaker label")
        elif path.suffix == ".vtt":
            if not full.startswith("WEBVTT"):
                err(f"{path.name}: missing WEBVTT header")
            for block in re.split(r"\n\s*\n", full.strip())[1:]:
                lines = block.splitlines()
                if not any("-->" in ln for ln in lines):
                    err(f"{path.name}: cue without timing")
                    continue
                text = " ".join(lines[[i for i, ln in enumerate(lines) if "-->" in ln][0] + 1:])
                mv = re.match(r"<v ([^>]+)>(.*?)(</v>)?$", text)
                if not mv or mv.group(1) not in labels:
                    err(f"{path.name}: cue without known <v> speaker: {text[:40]}")
                    continue
                if turns and turns[-1][0] == mv.group(1):
                    turns[-1][1] += " " + mv.group(2)
                else:
                    turns.append([mv.group(1), mv.group(2)])
        else:  # .txt
            for line in full.splitlines():
                line2 = re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", line)
                hit = split_label(line2, labels)
                if hit:
                    turns.append(list(hit))
                elif turns and line.strip():
                    turns[-1][1] += " " + line.strip()
    return full, turns


def main():
    man = {m["doc_id"]: m for m in json.loads((HERE / "src" / "manifest.json").read_text(encoding="utf-8"))}
    if sorted(man) != DOCS:
        err(f"manifest docs {sorted(man)}")
    files = sorted(p.name for p in (HERE / "transcripts").iterdir())
    if sorted(Path(man[d]["file"]).name for d in DOCS) != files:
        err(f"transcripts folder holds {files}")
    parsed = {}
    for d in DOCS:
        m = man[d]
        full, turns = parse(m)
        parsed[d] = (full, turns)
        for k, (lab, text) in enumerate(turns, 1):
            want = m["label_i"] if k % 2 else m["label_r"]
            if lab != want:
                err(f"{d}: turn {k} is {lab!r}, expected {want!r} (alternation)")
                break
            if not text.strip():
                err(f"{d}: turn {k} empty")
        if len(turns) != m["n_turns"]:
            err(f"{d}: parsed {len(turns)} turns, manifest says {m['n_turns']}")
        if re.search(r"\[\[|\]\]|\{[cn]\}|\|(PERSOON|LOCATIE|DATUM)", full):
            err(f"{d}: annotation markup leaked")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words outside 1500-2600")
        print(f"{d}: {Path(m['file']).name:10s} turns={len(turns):3d} respondent_turns={len(turns)//2:3d} words={words}")

    rows = list(csv.DictReader(open(HERE / "styles.csv", encoding="utf-8")))
    if [r["doc_id"] for r in rows] != DOCS:
        err(f"styles.csv doc ids {[r['doc_id'] for r in rows]}")
    for r in rows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            err(f"styles.csv bad row {r}")

    orows = list(csv.DictReader(open(HERE / "orientation.csv", encoding="utf-8")))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted or has duplicates")
    for r in orows:
        d, k = r["doc_id"], int(r["turn_index"])
        if d not in parsed:
            err(f"orientation: unknown doc {d}")
            continue
        n = len(parsed[d][1])
        if not (1 <= k <= n) or k % 2:
            err(f"orientation: {d} turn {k} is not a respondent turn (n={n})")
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation: bad value {r}")

    irows = list(csv.DictReader(open(HERE / "identifiers.csv", encoding="utf-8")))
    for r in irows:
        d = r["doc_id"]
        if d not in parsed:
            err(f"identifiers: unknown doc {d}")
            continue
        if r["type"] not in TYPES:
            err(f"identifiers: bad type {r}")
        if r["identifier"] not in parsed[d][0]:
            err(f"identifiers: {r['identifier']!r} not verbatim in {d}")
    for d in DOCS:
        if not any(r["doc_id"] == d for r in irows):
            err(f"identifiers: none for {d}")

    print(f"styles={len(rows)} orientation_rows={len(orows)} identifier_rows={len(irows)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
