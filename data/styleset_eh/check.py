#!/usr/bin/env python3
"""Stdlib self-check for setEH. Parses the transcripts themselves (not the sources) and checks:
alternation (two speakers, interviewer first), word counts, orientation rows point at respondent
turns, identifiers occur verbatim, styles.csv complete and matching the requested mix, formats.
Usage: python3 check.py   -> prints OK or a list of problems (exit code 1)."""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
IDS = [f"eh{i:02d}" for i in range(1, 7)]
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Z][A-Za-z0-9 .]{0,24}?):\s+(.*)$")
STYLE_WORDS = ("casusgericht", "netwerkgericht", "regiestijl")
problems = []


def err(msg):
    problems.append(msg)


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def turns_from_lines(lines):
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = LABEL_RE.match(line)
        if m:
            turns.append([m.group(1).strip(), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
        # lines before the first labelled line are header lines
    return turns


def parse(path):
    ext = path.suffix[1:]
    enc = "utf-8"
    if ext == "txt":
        text, enc = read_text(path)
        return turns_from_lines(text.splitlines()), text, enc
    if ext == "srt":
        text, enc = read_text(path)
        cue_lines = []
        for block in re.split(r"\n\s*\n", text.strip()):
            bl = block.splitlines()
            if len(bl) < 3 or "-->" not in bl[1]:
                err(f"{path.name}: malformed srt block {bl[:1]}")
                continue
            cue_lines.append(" ".join(bl[2:]))
        return turns_from_lines(cue_lines), text, enc
    if ext == "vtt":
        text, enc = read_text(path)
        if not text.startswith("WEBVTT"):
            err(f"{path.name}: no WEBVTT header")
        turns = []
        for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", text, flags=re.S):
            turns.append([m.group(1).strip(), " ".join(m.group(2).split())])
        return turns, text, enc
    if ext == "docx":
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]
        return turns_from_lines(paras), "\n".join(paras), enc
    err(f"{path.name}: unknown format")
    return [], "", enc


def words(text):
    return len(re.sub(r"\[[^\]]*\]", " ", text).split())


def main():
    # styles
    srows = list(csv.DictReader((ROOT / "styles.csv").open(encoding="utf-8")))
    styles = {r["doc_id"]: r for r in srows}
    if sorted(styles) != IDS or len(srows) != len(IDS):
        err(f"styles.csv ids {sorted(styles)} != {IDS}")
    counts = {}
    for r in srows:
        if r["style"] not in MIX:
            err(f"styles.csv bad style {r}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv empty rationale for {r['doc_id']}")
        counts[r["style"]] = counts.get(r["style"], 0) + 1
    if counts != MIX:
        err(f"style mix {counts} != {MIX}")

    # transcripts
    docs = {}
    exts, encs = [], []
    clean_respondents = 0
    for d in IDS:
        files = list((ROOT / "transcripts").glob(d + ".*"))
        if len(files) != 1:
            err(f"{d}: expected one transcript, found {files}")
            continue
        turns, full, enc = parse(files[0])
        exts.append(files[0].suffix[1:])
        encs.append(enc)
        docs[d] = (turns, full)
        if "{{" in full or "[[" in full or "}}" in full:
            err(f"{d}: leftover markup")
        labels = []
        for t in turns:
            if t[0] not in labels:
                labels.append(t[0])
        if len(labels) != 2:
            err(f"{d}: expected 2 speakers, got {labels}")
        for i, (spk, _) in enumerate(turns):
            if labels and spk != labels[i % 2]:
                err(f"{d}: alternation broken at turn {i + 1}")
                break
        w = sum(words(t) for _, t in turns)
        rturns = len(turns) // 2
        if not 1500 <= w <= 2600:
            err(f"{d}: {w} words, outside 1500-2600")
        rtext = " ".join(t for i, (_, t) in enumerate(turns) if i % 2 == 1).lower()
        if not any(s in rtext for s in STYLE_WORDS):
            clean_respondents += 1
        print(f"{d}: {files[0].suffix[1:]:4} {enc:6} turns={len(turns):2} respondent_turns={rturns:2} "
              f"words={w} speakers={labels}")
    if clean_respondents < 2:
        err("fewer than two respondents avoid the style words")
    if "docx" not in exts:
        err("no docx")
    if not ({"vtt", "srt"} & set(exts)):
        err("no vtt/srt")
    if "txt" not in exts:
        err("no txt")
    if "cp1252" not in encs:
        err("no Windows-1252 file")

    # orientation
    orows = list(csv.DictReader((ROOT / "orientation.csv").open(encoding="utf-8")))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        err("orientation.csv duplicate rows")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation bad value {r}")
        if d not in docs:
            err(f"orientation unknown doc {r}")
            continue
        n = len(docs[d][0])
        if not (1 <= ti <= n) or ti % 2 != 0:
            err(f"orientation row {r} does not point at a respondent turn (n={n})")

    # identifiers
    irows = list(csv.DictReader((ROOT / "identifiers.csv").open(encoding="utf-8")))
    seen = set()
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            err(f"identifier bad type {r}")
        if (d, ident) in seen:
            err(f"identifier duplicate {r}")
        seen.add((d, ident))
        if d not in docs:
            err(f"identifier unknown doc {r}")
        elif ident not in docs[d][1]:
            err(f"identifier not verbatim in {d}: {ident!r}")
    for d in IDS:
        if not any(r["doc_id"] == d for r in irows):
            err(f"{d}: no identifiers listed")

    if not (ROOT / "README.md").exists():
        err("README.md missing")

    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(" -", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
