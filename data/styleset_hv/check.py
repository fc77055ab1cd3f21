#!/usr/bin/env python3
"""Check set HV: parses the built transcripts (not the sources). Standard library only.
Prints OK, or the problems found (exit status 1)."""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

HERE = Path(__file__).resolve().parent
TRANS = HERE / "transcripts"
DOCS = [f"hv0{i}" for i in range(1, 7)]
# expected interviewer label per document (the first turn must be this speaker)
INTERVIEWER = {"hv01": "I", "hv02": "Lotte Verhoef", "hv03": "Ilse van Daalen",
               "hv04": "Interviewer", "hv05": "Spreker 1", "hv06": "Interviewer"}
EXPECTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]\n]{1,40}?):\s+(.*)$")
TIME_RE = re.compile(r"^(\d\d:\d\d:\d\d[.,]\d{3}) --> (\d\d:\d\d:\d\d[.,]\d{3})")

problems = []


def problem(msg):
    problems.append(msg)


def labelled_lines(lines, doc):
    """Turn lines of the form 'Label: text' into turns; labels are those used at least 3 times."""
    cand = Counter()
    for ln in lines:
        m = LABEL_RE.match(ln)
        if m:
            cand[m.group(2).strip()] += 1
    speakers = {k for k, v in cand.items() if v >= 3}
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = LABEL_RE.match(ln)
        if m and m.group(2).strip() in speakers:
            started = True
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif started:
            turns[-1][1] += " " + ln.strip()   # continuation line of the previous turn
        # lines before the first turn are header lines
    return turns


def parse_docx(path, doc):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras, bold_labels = [], 0
    for p in root.iter(W + "p"):
        runs = list(p.iter(W + "r"))
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        paras.append(text)
        if runs:
            first = runs[0]
            rpr = first.find(W + "rPr")
            ftxt = "".join(t.text or "" for t in first.iter(W + "t"))
            if rpr is not None and rpr.find(W + "b") is not None and ftxt.rstrip().endswith(":"):
                bold_labels += 1
    full = "\n".join(paras)
    return full, labelled_lines(paras, doc)


def parse_txt(path, doc):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError:
            problem(f"{doc}: not readable as UTF-8 or Windows-1252")
            return "", []
    if enc == "cp1252" and b"\r\n" not in raw:
        problem(f"{doc}: Windows-1252 file without CRLF line ends")
    lines = text.replace("\r\n", "\n").split("\n")
    return text, labelled_lines(lines, doc)


def parse_vtt(path, doc):
    text = path.read_bytes().decode("utf-8")
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: VTT does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    turns = []
    for b in blocks[1:]:
        lines = [x for x in b.split("\n") if x.strip()]
        if not lines or lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, x in enumerate(lines) if TIME_RE.match(x)), None)
        if ti is None:
            problem(f"{doc}: VTT block without timing: {lines[0][:40]}")
            continue
        cue = " ".join(lines[ti + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*)$", cue)
        if not m:
            problem(f"{doc}: VTT cue without voice tag: {cue[:40]}")
            continue
        spk, txt = m.group(1).strip(), re.sub(r"</?v[^>]*>", "", m.group(2)).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return text, turns


def parse_srt(path, doc):
    text = path.read_bytes().decode("utf-8")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TIME_RE.match(lines[1]):
            problem(f"{doc}: malformed SRT cue {n}")
            continue
        cue = " ".join(lines[2:])
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", cue)
        if not m:
            problem(f"{doc}: SRT cue {n} without 'Name:'")
            continue
        spk, txt = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return text, turns


PARSERS = {".docx": parse_docx, ".txt": parse_txt, ".vtt": parse_vtt, ".srt": parse_srt}


def read_csv(name):
    path = HERE / name
    if not path.exists():
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    docs = {}
    formats = set()
    for doc in DOCS:
        files = sorted(TRANS.glob(f"{doc}.*"))
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        path = files[0]
        if path.suffix not in PARSERS:
            problem(f"{doc}: unknown format {path.suffix}")
            continue
        full, turns = PARSERS[path.suffix](path, doc)
        fmt = path.suffix
        if path.suffix == ".txt":
            fmt += ":utf8" if path.read_bytes().decode("utf-8", "replace") == full else ":cp1252"
        formats.add(fmt)
        docs[doc] = (full, turns)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        speakers = {s for s, _ in turns}
        if len(speakers) != 2:
            problem(f"{doc}: expected 2 speakers, found {sorted(speakers)}")
        if turns[0][0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn is by '{turns[0][0]}', not the interviewer '{INTERVIEWER[doc]}'")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} by the same speaker")
        n_resp = sum(1 for s, _ in turns if s != INTERVIEWER[doc])
        if not 10 <= n_resp <= 45:
            problem(f"{doc}: {n_resp} respondent turns (10-45 required)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} words of spoken text (1500-2600 required)")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word '{w}' in transcript")
    if len({f.split(":")[0] for f in formats}) < 4:
        problem(f"fewer than four different file formats: {sorted(formats)}")

    # styles.csv
    rows = read_csv("styles.csv")
    seen = {}
    for r in rows:
        d, st, ra = r.get("doc_id"), r.get("style"), (r.get("rationale") or "").strip()
        if d not in DOCS:
            problem(f"styles.csv: unknown doc {d}")
        elif d in seen:
            problem(f"styles.csv: duplicate {d}")
        if st not in EXPECTED_MIX:
            problem(f"styles.csv: bad style {st} for {d}")
        if not ra:
            problem(f"styles.csv: empty rationale for {d}")
        seen[d] = (st, ra)
    for d in DOCS:
        if d not in seen:
            problem(f"styles.csv: missing {d}")
    mix = Counter(st for st, _ in seen.values())
    if dict(mix) != EXPECTED_MIX:
        problem(f"styles.csv: mix {dict(mix)} != {EXPECTED_MIX}")
    kinds = Counter()
    for st, ra in seen.values():
        if st == "onbepaald":
            low = ra.lower()
            if "mixed" in low:
                kinds["mixed"] += 1
            elif "too little evidence" in low:
                kinds["little"] += 1
            else:
                problem(f"styles.csv: onbepaald rationale does not say which kind: {ra[:60]}")
    if kinds != Counter({"mixed": 1, "little": 1}):
        problem(f"styles.csv: onbepaald kinds {dict(kinds)} (need one mixed, one too little evidence)")

    # orientation.csv
    rows = read_csv("orientation.csv")
    keys = []
    for r in rows:
        d, o = r.get("doc_id"), r.get("orientation")
        try:
            ti = int(r.get("turn_index", ""))
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o} ({d} {ti})")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][1]
        if not 1 <= ti <= len(turns):
            problem(f"orientation.csv: {d} turn {ti} out of range (1-{len(turns)})")
        elif turns[ti - 1][0] == INTERVIEWER[d] or ti % 2 != 0:
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv")
    per_doc = Counter()
    seen_ids = set()
    for r in rows:
        d, s, t = r.get("doc_id"), r.get("identifier") or "", r.get("type")
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t} for '{s}'")
        if (d, s) in seen_ids:
            problem(f"identifiers.csv: duplicate '{s}' in {d}")
        seen_ids.add((d, s))
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        per_doc[d] += 1
        if not s or s not in docs[d][0]:
            problem(f"identifiers.csv: '{s}' ({t}) not found verbatim in {d}")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: only {per_doc[d]} identifiers for {d}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
