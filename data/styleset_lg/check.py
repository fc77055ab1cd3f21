#!/usr/bin/env python3
"""Check the setLG deliverables by parsing the BUILT transcripts (standard library only).

Usage: python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

SET = Path(__file__).resolve().parent
TR = SET / "transcripts"
DOCS = [f"lg{i:02d}" for i in range(1, 7)]
# who speaks first (the interviewer) in each document, as labelled in the transcript
INTERVIEWER = {"lg01": "Interviewer", "lg02": "I", "lg03": "Femke Loonen",
               "lg04": "Interviewer", "lg05": "Spreker 1", "lg06": "Interviewer"}
WANT = {"casusgericht": 1, "netwerkgericht": 2, "onbepaald": 3}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"datum", "duur", "respondent", "sprekers", "opname", "locatie", "interviewer"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "casusgerichte",
             "netwerkgerichte"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^([^:\n]{1,40}):\s+(.*)$", re.S)
SPREKER = re.compile(r"^\[(\d\d:\d\d:\d\d)\]\s+([^:\n]{1,40}):\s+(.*)$", re.S)
TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}$")

problems = []


def bad(msg):
    problems.append(msg)


def decode(doc, raw, allowed):
    for enc in allowed:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    bad(f"{doc}: not readable as {'/'.join(allowed)}")
    return raw.decode("utf-8", "replace"), "?"


def newline_check(doc, text):
    if "\r\n" in text and re.search(r"(?<!\r)\n", text):
        bad(f"{doc}: mixed CRLF and LF line endings")


def speakers_from(prefixes):
    c = Counter(prefixes)
    return {k for k, v in c.items() if v >= 3}


def paragraphs_to_turns(doc, paras):
    """paragraph formats: header paragraphs first, then one turn per labelled paragraph"""
    labels = speakers_from(m.group(1) for p in paras if (m := LABEL.match(p)))
    turns, header, started = [], [], False
    for p in paras:
        m = LABEL.match(p)
        if m and m.group(1) in labels:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif not started:
            header.append(p)
        else:
            turns[-1][1] += " " + p  # continuation paragraph
    for h in header:
        m = LABEL.match(h)
        if m and m.group(1).strip().lower() not in META_KEYS:
            bad(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
    return turns, labels


def parse_docx(doc, path):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        bad(f"{doc}: unreadable docx ({e})")
        return [], "", "docx"
    paras, bold_labels = [], 0
    for p in root.iter(W + "p"):
        runs = list(p.iter(W + "r"))
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if not text.strip():
            continue
        paras.append(text)
        if runs:
            first = runs[0]
            rpr = first.find(W + "rPr")
            if rpr is not None and rpr.find(W + "b") is not None:
                bold_labels += 1
    turns, _ = paragraphs_to_turns(doc, paras)
    kind = "docx-bold" if bold_labels >= len(turns) > 0 else "docx-plain"
    return turns, "\n".join(paras), kind


def parse_txt(doc, path):
    text, enc = decode(doc, path.read_bytes(), ["utf-8", "cp1252"])
    newline_check(doc, text)
    text = text.replace("\r\n", "\n")
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if any(SPREKER.match(ln) for ln in lines):
        turns, header, started = [], [], False
        for ln in lines:
            m = SPREKER.match(ln)
            if m:
                started = True
                turns.append([m.group(2), m.group(3)])
            elif not started:
                header.append(ln)
            else:
                turns[-1][1] += " " + ln
        for h in header:
            m = LABEL.match(h)
            if m and m.group(1).strip().lower() not in META_KEYS:
                bad(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
        kind = f"txt-{enc}-timestamped"
    else:
        turns, _ = paragraphs_to_turns(doc, lines)
        kind = f"txt-{enc}-labels"
    return turns, text, kind


def blocks(text):
    return [b.split("\n") for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def merge(segments):
    turns = []
    for spk, txt in segments:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_vtt(doc, path):
    text, _ = decode(doc, path.read_bytes(), ["utf-8"])
    newline_check(doc, text)
    text = text.replace("\r\n", "\n")
    bl = blocks(text)
    if not bl or not bl[0][0].startswith("WEBVTT"):
        bad(f"{doc}: VTT does not start with WEBVTT")
        return [], text, "vtt"
    segs = []
    for b in bl[1:]:
        if b[0].startswith("NOTE"):
            continue
        i = 0 if TIMING.match(b[0]) else 1
        if i >= len(b) or not TIMING.match(b[i]):
            bad(f"{doc}: VTT block without timing: {b[0][:40]!r}")
            continue
        body = " ".join(b[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad(f"{doc}: VTT cue without voice tag: {body[:40]!r}")
            continue
        segs.append((m.group(1), m.group(2)))
    return merge(segs), text, "vtt"


def parse_srt(doc, path):
    text, _ = decode(doc, path.read_bytes(), ["utf-8"])
    newline_check(doc, text)
    text = text.replace("\r\n", "\n")
    cues = []
    for n, b in enumerate(blocks(text), 1):
        if len(b) < 3 or not b[0].strip().isdigit() or not TIMING.match(b[1]):
            bad(f"{doc}: malformed SRT cue near {b[0][:20]!r}")
            continue
        if int(b[0]) != n:
            bad(f"{doc}: SRT cue numbering off at {b[0]}")
        cues.append(" ".join(b[2:]))
    labels = speakers_from(m.group(1) for c in cues if (m := LABEL.match(c)))
    segs = []
    for c in cues:
        m = LABEL.match(c)
        if m and m.group(1) in labels:
            segs.append((m.group(1), m.group(2)))
        elif segs:
            segs.append((segs[-1][0], c))
        else:
            bad(f"{doc}: first SRT cue has no speaker")
    return merge(segs), text, "srt"


PARSERS = {".docx": parse_docx, ".txt": parse_txt, ".vtt": parse_vtt, ".srt": parse_srt}


def read_csv(name, header):
    path = SET / name
    if not path.exists():
        bad(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    parsed, kinds = {}, {}
    for doc in DOCS:
        files = [p for p in TR.glob(doc + ".*")]
        if len(files) != 1:
            bad(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        path = files[0]
        if path.suffix not in PARSERS:
            bad(f"{doc}: unsupported format {path.suffix}")
            continue
        turns, full, kind = PARSERS[path.suffix](doc, path)
        kinds[doc] = kind
        parsed[doc] = (turns, full)
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        spk = [t[0] for t in turns]
        if len(set(spk)) != 2:
            bad(f"{doc}: expected two speakers, found {sorted(set(spk))}")
        if spk[0] != INTERVIEWER[doc]:
            bad(f"{doc}: first turn by {spk[0]!r}, expected interviewer {INTERVIEWER[doc]!r}")
        for i in range(1, len(spk)):
            if spk[i] == spk[i - 1]:
                bad(f"{doc}: turns {i} and {i + 1} have the same speaker")
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} words, outside 1500-2600")
        nresp = sum(1 for s in spk if s != INTERVIEWER[doc])
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns, outside 10-45")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: forbidden word {w!r} in transcript")
        print(f"{doc}: {kind:24s} turns={len(turns):3d} respondent={nresp:3d} words={words}")

    if len(set(kinds.values())) < 4:
        bad(f"only {len(set(kinds.values()))} distinct formats: {sorted(set(kinds.values()))}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in rows]
    if sorted(ids) != DOCS or len(ids) != len(set(ids)):
        bad(f"styles.csv: doc ids {ids} do not match {DOCS}")
    c = Counter(r[1] for r in rows)
    if dict(c) != WANT:
        bad(f"styles.csv: style mix {dict(c)} != {WANT}")
    kinds_onb = Counter()
    for r in rows:
        if len(r) != 3 or not r[2].strip():
            bad(f"styles.csv: row {r[0]} lacks a rationale")
            continue
        if re.search(r"[.!?]\s+\S", r[2].strip()):
            bad(f"styles.csv: rationale of {r[0]} is more than one sentence")
        if r[1] == "onbepaald":
            low = r[2].lower()
            if "too little evidence" in low:
                kinds_onb["too little evidence"] += 1
            elif "mixed" in low:
                kinds_onb["mixed"] += 1
            else:
                bad(f"styles.csv: onbepaald rationale of {r[0]} does not say which kind")
    if kinds_onb and dict(kinds_onb) != {"mixed": 2, "too little evidence": 1}:
        bad(f"styles.csv: onbepaald kinds {dict(kinds_onb)}, want 2 mixed + 1 too little evidence")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in parsed or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        doc, idx, ori = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        turns = parsed[doc][0]
        if ori not in ("casus", "netwerk"):
            bad(f"orientation.csv: {doc} turn {idx}: orientation {ori!r}")
        if not 1 <= idx <= len(turns):
            bad(f"orientation.csv: {doc} turn {idx} out of range (1-{len(turns)})")
        elif idx % 2 or turns[idx - 1][0] == INTERVIEWER[doc]:
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), Counter()
    for r in rows:
        if len(r) != 3 or r[0] not in parsed:
            bad(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if typ not in TYPES:
            bad(f"identifiers.csv: {doc} {ident!r}: unknown type {typ}")
        if ident not in parsed[doc][1]:
            bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc in parsed:
        if per_doc[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    for f in ("README.md",):
        if not (SET / f).exists():
            bad(f"{f} missing")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
