#!/usr/bin/env python3
"""Check blind set FP against the built transcripts (standard library only).

Usage:  python3 check.py [-v]
Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent
DOCS = [f"fp{i:02d}" for i in range(1, 7)]
EXTS = {".docx", ".txt", ".vtt", ".srt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
# who opens each interview (the interviewer's speaker label as it appears in the transcript)
INTERVIEWER = {"fp01": "Spreker 1", "fp02": "Saskia", "fp03": "I", "fp04": "Interviewer",
               "fp05": "Bram", "fp06": "Roos Verhagen"}
METADATA_LABELS = {"Respondent", "Datum", "Duur", "Locatie", "Opname", "Interviewer", "Transcriptie", "Project"}
WORDS_MIN, WORDS_MAX = 1500, 2600
RTURNS_MIN, RTURNS_MAX = 10, 45
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "meer van de casus"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([A-Za-zÀ-ÿ][^:\[\]]{0,39}?):\s+(.*)$")

problems = []
verbose = "-v" in sys.argv


def problem(msg):
    problems.append(msg)


def decode(raw, doc):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252 ({e})")
        return None, None
    if "\r\n" not in text:
        problem(f"{doc}: Windows-1252 file without CRLF line endings")
    return text, "cp1252"


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W + "p"):
        lines.append("".join(t.text or "" for t in p.iter(W + "t")))
    return lines


def labelled_turns(lines, doc):
    """Turns from 'Label: text' lines (docx and txt). Lines before the first turn are the header."""
    parsed = [(i, LABEL_RE.match(l.strip())) for i, l in enumerate(lines)]
    counts = Counter(m.group(2) for _, m in parsed if m)
    speakers = {lab for lab, n in counts.items() if n >= 5}
    if len(speakers) != 2:
        problem(f"{doc}: expected two speaker labels, found {sorted(speakers)}")
        return []
    turns, started = [], False
    for i, m in parsed:
        line = lines[i].strip()
        if m and m.group(2) in speakers:
            started = True
            turns.append([m.group(2), m.group(3).strip()])
        elif not started:
            if m and m.group(2) not in METADATA_LABELS:
                problem(f"{doc}: header line looks like a speaker turn: {line[:60]!r}")
        elif line:
            if m:
                problem(f"{doc}: unknown label inside the interview: {line[:60]!r}")
            turns[-1][1] += " " + line
    return turns


def vtt_turns(text, doc):
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    turns = []
    for b in blocks[1:]:
        bl = [l for l in b.split("\n") if l.strip()]
        if not bl or bl[0].startswith("NOTE"):
            continue
        k = next((j for j, l in enumerate(bl) if "-->" in l), None)
        if k is None:
            problem(f"{doc}: vtt block without timing: {bl[0][:40]!r}")
            continue
        cue = " ".join(bl[k + 1:])
        m = re.match(r"^<v(?:\.[^ >]*)?\s+([^>]+)>(.*)$", cue)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {cue[:50]!r}")
            continue
        spk, body = m.group(1).strip(), re.sub(r"</?v[^>]*>", "", m.group(2)).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + body
        else:
            turns.append([spk, body])
    return turns


def srt_turns(text, doc):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for n, b in enumerate(blocks, start=1):
        bl = b.split("\n")
        if len(bl) < 3 or bl[0].strip() != str(n) or "-->" not in bl[1]:
            problem(f"{doc}: malformed srt cue {n}")
            continue
        cue = " ".join(l.strip() for l in bl[2:])
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", cue)
        if not m:
            problem(f"{doc}: srt cue {n} without 'Name:'")
            continue
        spk, body = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + body
        else:
            turns.append([spk, body])
    return turns


def load(doc):
    files = [p for p in (ROOT / "transcripts").glob(doc + ".*") if p.suffix in EXTS]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {[p.name for p in files]}")
        return None, None, None
    path = files[0]
    if path.suffix == ".docx":
        try:
            lines = docx_lines(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx not readable ({e})")
            return None, None, None
        return "\n".join(lines), labelled_turns(lines, doc), "docx"
    text, enc = decode(path.read_bytes(), doc)
    if text is None:
        return None, None, None
    if path.suffix == ".txt":
        turns = labelled_turns(text.replace("\r\n", "\n").split("\n"), doc)
    elif path.suffix == ".vtt":
        turns = vtt_turns(text, doc)
    else:
        turns = srt_turns(text, doc)
    return text, turns, f"{path.suffix[1:]}/{enc}"


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    texts, turns_by_doc, formats = {}, {}, set()
    for doc in DOCS:
        text, turns, fmt = load(doc)
        if text is None:
            continue
        texts[doc], turns_by_doc[doc] = text, turns
        formats.add(fmt.split("/")[0] + ("/" + fmt.split("/")[1] if fmt.startswith("txt") else ""))
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        labels = [t[0] for t in turns]
        if labels[0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn by {labels[0]!r}, expected interviewer {INTERVIEWER[doc]!r}")
        spk = sorted(set(labels))
        if len(spk) != 2:
            problem(f"{doc}: expected two speakers, found {spk}")
        for i in range(1, len(labels)):
            if labels[i] == labels[i - 1]:
                problem(f"{doc}: turns {i} and {i + 1} by the same speaker")
        words = sum(len(t[1].split()) for t in turns)
        rturns = sum(1 for t in turns if t[0] != INTERVIEWER[doc])
        if not WORDS_MIN <= words <= WORDS_MAX:
            problem(f"{doc}: {words} spoken words, outside {WORDS_MIN}-{WORDS_MAX}")
        if not RTURNS_MIN <= rturns <= RTURNS_MAX:
            problem(f"{doc}: {rturns} respondent turns, outside {RTURNS_MIN}-{RTURNS_MAX}")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
        if verbose:
            print(f"{doc}: {fmt:12s} turns={len(turns)} respondent_turns={rturns} words={words}")
    if len(formats) < 4:
        problem(f"only {len(formats)} different formats: {sorted(formats)}")

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    styles = {}
    for r in rows:
        if len(r) != 3 or not r[2].strip():
            problem(f"styles.csv: bad row {r}")
            continue
        if r[0] in styles:
            problem(f"styles.csv: duplicate {r[0]}")
        styles[r[0]] = (r[1], r[2])
    if sorted(styles) != DOCS:
        problem(f"styles.csv: docs {sorted(styles)} != {DOCS}")
    c = Counter(s for s, _ in styles.values())
    if c != Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}):
        problem(f"styles.csv: mix {dict(c)} is not 2/2/2")
    kinds = Counter()
    for doc, (s, why) in styles.items():
        if s == "onbepaald":
            lw = why.lower()
            kind = "mixed" if "mixed" in lw else "little" if "too little evidence" in lw else None
            if kind is None:
                problem(f"styles.csv: {doc} onbepaald rationale does not say which kind")
            kinds[kind] += 1
    if kinds != Counter({"mixed": 1, "little": 1}):
        problem(f"styles.csv: onbepaald kinds {dict(kinds)}, need one mixed and one too little evidence")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx = r[0], int(r[1])
        keys.append((doc, idx))
        turns = turns_by_doc.get(doc)
        if not turns:
            continue
        if idx < 1 or idx > len(turns):
            problem(f"orientation.csv: {doc} turn {idx} does not exist ({len(turns)} turns)")
        elif turns[idx - 1][0] == INTERVIEWER[doc] or idx % 2:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), Counter()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            problem(f"identifiers.csv: {r[0]} {r[1]!r} not found verbatim in the transcript")
    for doc in DOCS:
        if per_doc[doc] < 5:
            problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
