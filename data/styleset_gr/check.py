#!/usr/bin/env python3
"""Check set GR: parses the built transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TDIR = ROOT / "transcripts"
DOCS = [f"gr{i:02d}" for i in range(1, 7)]
INTERVIEWER_LABELS = {"Interviewer", "I", "Spreker 1"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RTURNS, MAX_RTURNS = 10, 45
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def words(s):
    return len(re.findall(r"[\w'’-]+", s))


def read_text_file(p):
    raw = p.read_bytes()
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def parse_docx(p):
    with zipfile.ZipFile(p) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for para in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in para.iter(W + "t")))
    return "\n".join(paras), paras


def turns_from_lines(lines, label_re):
    """Turns from labelled lines; unlabelled non-empty lines before the first turn are header,
    after it they continue the current turn. The first turn is the first line with an
    interviewer label; labelled lines before it are header metadata."""
    turns = []
    for ln in lines:
        m = label_re.match(ln)
        if m and not turns and m.group("lab") not in INTERVIEWER_LABELS:
            continue  # metadata line in the header ("Respondent: ...", "Datum: ...")
        if m:
            turns.append([m.group("lab"), m.group("txt").strip()])
        elif ln.strip() and turns:
            turns[-1][1] += " " + ln.strip()
    return turns


def parse_vtt(text):
    if not text.startswith("WEBVTT"):
        problems.append("vtt without WEBVTT signature")
    turns = []
    blocks = re.split(r"\r?\n\s*\r?\n", text)
    for b in blocks[1:]:
        lines = b.strip().splitlines()
        if not lines or lines[0].startswith("NOTE"):
            continue
        i = next((k for k, ln in enumerate(lines) if "-->" in ln), None)
        if i is None:
            problems.append(f"vtt block without timing: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"<v\s+([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            problems.append(f"vtt cue without voice tag: {body[:40]!r}")
            continue
        lab, txt = m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt  # a turn may span several cues
        else:
            turns.append([lab, txt])
    return turns


def parse_srt(text):
    turns = []
    for b in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = b.strip().splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problems.append(f"srt: malformed cue {lines[:1]}")
            continue
        body = " ".join(ln.strip() for ln in lines[2:])
        m = re.match(r"(?P<lab>[^:]{1,40}):\s(?P<txt>.*)$", body)
        if not m:
            problems.append(f"srt: cue without speaker: {body[:40]!r}")
            continue
        lab, txt = m.group("lab").strip(), m.group("txt")
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return turns


def load_doc(doc):
    files = sorted(TDIR.glob(f"{doc}.*"))
    if len(files) != 1:
        problems.append(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, None
    p = files[0]
    ext = p.suffix.lower()
    try:
        if ext == ".docx":
            full, paras = parse_docx(p)
            turns = turns_from_lines(paras, re.compile(r"^(?P<lab>[A-Z][\w -]{0,30}):\s(?P<txt>.*)$"))
            # header paragraphs must not look like turns: only turn labels seen in the body
            return full, turns
        text, enc = read_text_file(p)
        if text is None:
            problems.append(f"{doc}: {p.name} not readable as utf-8 or cp1252")
            return None, None
        if ext == ".vtt":
            if enc != "utf-8":
                problems.append(f"{doc}: vtt must be utf-8")
            return text, parse_vtt(text)
        if ext == ".srt":
            return text, parse_srt(text)
        if ext == ".txt":
            lines = text.splitlines()
            if any(re.match(r"^\[\d\d:\d\d:\d\d\] ", ln) for ln in lines):
                rx = re.compile(r"^\[\d\d:\d\d:\d\d\]\s(?P<lab>[^:]{1,30}):\s(?P<txt>.*)$")
            else:
                rx = re.compile(r"^(?P<lab>I|R|Interviewer|Respondent):\s(?P<txt>.*)$")
            return text, turns_from_lines(lines, rx)
        problems.append(f"{doc}: unknown extension {ext}")
    except Exception as e:  # noqa: BLE001
        problems.append(f"{doc}: cannot parse {p.name}: {e}")
    return None, None


def main():
    parsed = {}
    for doc in DOCS:
        full, turns = load_doc(doc)
        if full is None:
            continue
        if not turns:
            problems.append(f"{doc}: no turns found")
            continue
        labels = [t[0] for t in turns]
        if labels[0] not in INTERVIEWER_LABELS:
            problems.append(f"{doc}: first turn by {labels[0]!r}, not the interviewer")
        ilab = labels[0]
        others = sorted(set(labels) - {ilab})
        if len(others) != 1:
            problems.append(f"{doc}: expected one respondent label, found {others}")
        for i, lab in enumerate(labels, 1):
            if (lab == ilab) != (i % 2 == 1):
                problems.append(f"{doc}: turns do not alternate at turn {i} ({lab})")
                break
        nw = sum(words(t[1]) for t in turns)
        nr = sum(1 for lab in labels if lab != ilab)
        if not MIN_WORDS <= nw <= MAX_WORDS:
            problems.append(f"{doc}: {nw} words, outside {MIN_WORDS}-{MAX_WORDS}")
        if not MIN_RTURNS <= nr <= MAX_RTURNS:
            problems.append(f"{doc}: {nr} respondent turns, outside {MIN_RTURNS}-{MAX_RTURNS}")
        low = full.lower()
        for fw in FORBIDDEN:
            if fw in low:
                problems.append(f"{doc}: forbidden word {fw!r} in transcript")
        parsed[doc] = (full, turns, ilab, nw, nr)

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if [r["doc_id"] for r in rows] != DOCS:
        problems.append(f"styles.csv: doc ids {[r['doc_id'] for r in rows]} != {DOCS}")
    cnt = Counter(r["style"] for r in rows)
    if cnt != Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}):
        problems.append(f"styles.csv: style mix {dict(cnt)} is not 2/2/2")
    for r in rows:
        if r["style"] not in STYLES:
            problems.append(f"styles.csv: bad style {r['style']!r}")
        if not r.get("rationale", "").strip():
            problems.append(f"styles.csv: {r['doc_id']} without rationale")
    kinds = []
    for r in rows:
        if r["style"] == "onbepaald":
            rat = r["rationale"].lower()
            if "gemengd" in rat or "mixed" in rat:
                kinds.append("mixed")
            elif "te weinig" in rat or "too little" in rat:
                kinds.append("little")
            else:
                problems.append(f"styles.csv: {r['doc_id']} onbepaald without kind")
    if sorted(kinds) != ["little", "mixed"]:
        problems.append(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problems.append("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problems.append("orientation.csv: duplicate rows")
    for r in orows:
        doc, ti, ori = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if ori not in ("casus", "netwerk"):
            problems.append(f"orientation.csv: bad orientation {ori!r}")
        if doc not in parsed:
            problems.append(f"orientation.csv: unknown/unparsed doc {doc}")
            continue
        _, turns, ilab, _, _ = parsed[doc]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] == ilab:
            problems.append(f"orientation.csv: {doc} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    seen = set()
    per_doc = Counter()
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problems.append(f"identifiers.csv: bad type {typ!r}")
        if (doc, ident) in seen:
            problems.append(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if doc in parsed and ident not in parsed[doc][0]:
            problems.append(f"identifiers.csv: {doc} {ident!r} not found verbatim")
    for doc in DOCS:
        if per_doc[doc] < 5:
            problems.append(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc in DOCS:
        _, turns, _, nw, nr = parsed[doc]
        print(f"  {doc}: {len(turns)} turns, {nr} respondent, {nw} words")
    print("OK")


if __name__ == "__main__":
    main()
