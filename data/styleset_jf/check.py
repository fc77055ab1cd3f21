#!/usr/bin/env python3
"""Check the setJF deliverables against the built transcripts (standard library only).

Usage: python3 check.py   -> prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DOCS = [f"jf0{i}" for i in range(1, 7)]
EXPECTED_STYLE = {"jf01": "netwerkgericht", "jf02": "onbepaald", "jf03": "casusgericht",
                  "jf04": "netwerkgericht", "jf05": "casusgericht", "jf06": "onbepaald"}
# the interviewer's label in each transcript (turn 1 must be hers/his)
INTERVIEWER = {"jf01": "Interviewer", "jf02": "Interviewer", "jf03": "I",
               "jf04": "Lotte", "jf05": "Spreker 1", "jf06": "Sanne"}
TXT_ENCODING = {"jf03": "cp1252", "jf05": "utf-8"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RESP, MAX_RESP = 10, 45
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[(\d\d):(\d\d):(\d\d)\]\s*)?([^:\[\]<>\n]{1,40}?):\s+(.*)$", re.S)

problems = []


def problem(msg):
    problems.append(msg)


def pick_labels(doc, cands):
    """cands: list of (label or None, text). Speaker labels = the two most frequent."""
    cnt = Counter(l for l, _ in cands if l)
    labels = [l for l, _ in cnt.most_common(2)]
    if len(labels) < 2:
        problem(f"{doc}: fewer than two speaker labels found")
    return labels


def turns_from_paragraphs(doc, paras):
    """paras: list of text lines/paragraphs (header first). Returns (turns, header)."""
    cands = []
    for p in paras:
        m = LABEL_RE.match(p)
        cands.append((m.group(4).strip(), m.group(5)) if m else (None, p))
    labels = pick_labels(doc, cands)
    turns, header, started = [], [], False
    for (lab, text), p in zip(cands, paras):
        if lab in labels:
            started = True
            turns.append([lab, text.strip()])
        elif not started:
            header.append(p)
        elif p.strip():
            if lab:
                problem(f"{doc}: line looks like a turn of an unknown speaker: {p[:50]!r}")
            turns[-1][1] += " " + p.strip()
    for h in header:
        m = LABEL_RE.match(h)
        if m and m.group(4).strip() not in ("Respondent", "Datum", "Duur", "Interviewer",
                                             "Locatie", "Sprekers", "Bestand"):
            problem(f"{doc}: header line looks like a speaker turn: {h[:50]!r}")
    return turns


def read_docx(doc, path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    paras = [p for p in paras if p.strip()]
    return "\n".join(paras), turns_from_paragraphs(doc, paras)


def read_txt(doc, path):
    raw = path.read_bytes()
    enc = TXT_ENCODING.get(doc, "utf-8")
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return "", []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared Windows-1252 but the file is also valid UTF-8")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw or raw.count(b"\n") != raw.count(b"\r\n"):
            problem(f"{doc}: Windows-1252 file without consistent CRLF line ends")
    text = text.lstrip("\ufeff")
    lines = [l for l in text.replace("\r\n", "\n").split("\n") if l.strip()]
    return text, turns_from_paragraphs(doc, lines)


def parse_ts(s):
    h, m, rest = s.strip().split(":")
    sec, ms = re.split(r"[.,]", rest)
    return int(h) * 3600 + int(m) * 60 + int(sec) + int(ms) / 1000


def blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def read_vtt(doc, path):
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        problem(f"{doc}: vtt not UTF-8: {e}")
        return "", []
    text = text.lstrip("\ufeff")
    bl = blocks(text)
    if not bl or not bl[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
        return text, []
    turns, last_end = [], -1.0
    for b in bl[1:]:
        if b.startswith("NOTE"):
            continue
        lines = b.split("\n")
        if "-->" not in lines[0]:
            lines = lines[1:]
        if not lines or "-->" not in lines[0]:
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        start, end = [parse_ts(x.split()[0]) for x in lines[0].split("-->")]
        if start < last_end or end <= start:
            problem(f"{doc}: vtt timing not increasing at {lines[0]}")
        last_end = end
        body = " ".join(lines[1:])
        m = re.match(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if m:
            spk, txt = m.group(1).strip(), re.sub(r"</?v[^>]*>", "", m.group(2)).strip()
        else:
            spk, txt = None, re.sub(r"<[^>]+>", "", body).strip()
        if spk is None and not turns:
            problem(f"{doc}: first vtt cue without voice tag")
            continue
        if turns and (spk is None or spk == turns[-1][0]):
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return text, turns


def read_srt(doc, path):
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        problem(f"{doc}: srt not UTF-8: {e}")
        return "", []
    text = text.lstrip("\ufeff")
    cues = []
    expect, last_end = 1, -1.0
    for b in blocks(text):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue: {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: srt cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        start, end = [parse_ts(x) for x in lines[1].split("-->")]
        if start < last_end or end <= start:
            problem(f"{doc}: srt timing not increasing at cue {lines[0]}")
        last_end = end
        cues.append(" ".join(l.strip() for l in lines[2:]))
    cands = []
    for c in cues:
        m = LABEL_RE.match(c)
        cands.append((m.group(4).strip(), m.group(5)) if m else (None, c))
    labels = pick_labels(doc, cands)
    turns = []
    for lab, txt in cands:
        if lab in labels:
            if turns and turns[-1][0] == lab:
                problem(f"{doc}: two consecutive srt turns by {lab}")
            turns.append([lab, txt.strip()])
        else:
            if lab and re.match(r"^[\w\- ]{1,25}$", lab):
                problem(f"{doc}: continuation cue looks like a speaker label: {txt[:40]!r}")
            if not turns:
                problem(f"{doc}: srt starts without a speaker label")
                continue
            turns[-1][1] += " " + (f"{lab}: {txt}" if lab else txt)
    return text, turns


READERS = {".docx": read_docx, ".txt": read_txt, ".vtt": read_vtt, ".srt": read_srt}


def main():
    docs = {}
    tdir = ROOT / "transcripts"
    allfiles = sorted(p.name for p in tdir.iterdir()) if tdir.is_dir() else []
    for f in allfiles:
        if f.split(".")[0] not in DOCS:
            problem(f"transcripts/{f}: not one of the set's documents")
    for doc in DOCS:
        files = [p for p in tdir.glob(f"{doc}.*")]
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        path = files[0]
        if path.suffix not in READERS:
            problem(f"{doc}: unknown transcript format {path.suffix}")
            continue
        full, turns = READERS[path.suffix](doc, path)
        docs[doc] = (full, turns, path.suffix)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        ilab = INTERVIEWER[doc]
        if turns[0][0] != ilab:
            problem(f"{doc}: first turn is by {turns[0][0]!r}, not the interviewer {ilab!r}")
        rlab = next((t[0] for t in turns if t[0] != ilab), None)
        for i, (lab, _) in enumerate(turns, start=1):
            want = ilab if i % 2 == 1 else rlab
            if lab != want:
                problem(f"{doc}: turn {i} by {lab!r}, expected {want!r} (turns must alternate)")
                break
        nresp = sum(1 for t in turns if t[0] != ilab)
        if not MIN_RESP <= nresp <= MAX_RESP:
            problem(f"{doc}: {nresp} respondent turns (allowed {MIN_RESP}-{MAX_RESP})")
        words = sum(len(t[1].split()) for t in turns)
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{doc}: {words} spoken words (allowed {MIN_WORDS}-{MAX_WORDS})")
    formats = {d[2] for d in docs.values()}
    kinds = set()
    for doc, (_, _, suf) in docs.items():
        kinds.add(suf + (":" + TXT_ENCODING.get(doc, "") if suf == ".txt" else ""))
    if len(kinds) < 4:
        problem(f"only {len(kinds)} different transcript formats: {sorted(kinds)}")

    # styles.csv
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    seen = {}
    for r in rows:
        d = r.get("doc_id")
        if d in seen:
            problem(f"styles.csv: duplicate row for {d}")
        seen[d] = r
        if d not in DOCS:
            problem(f"styles.csv: unknown doc {d}")
        if r.get("style") not in ("casusgericht", "netwerkgericht", "onbepaald"):
            problem(f"styles.csv: bad style {r.get('style')!r} for {d}")
        if not (r.get("rationale") or "").strip():
            problem(f"styles.csv: empty rationale for {d}")
        if r.get("style") == "onbepaald":
            rat = (r.get("rationale") or "").lower()
            if "mixed" not in rat and "too little evidence" not in rat:
                problem(f"styles.csv: onbepaald rationale for {d} does not say which kind")
    for d in DOCS:
        if d not in seen:
            problem(f"styles.csv: no row for {d}")
        elif seen[d]["style"] != EXPECTED_STYLE[d]:
            problem(f"styles.csv: {d} is {seen[d]['style']}, requested {EXPECTED_STYLE[d]}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as fh:
            orows = list(csv.DictReader(fh))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = []
    for r in orows:
        d, o = r.get("doc_id"), r.get("orientation")
        try:
            ti = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem(f"orientation.csv: bad turn_index {r.get('turn_index')!r}")
            continue
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r} ({d} turn {ti})")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][1]
        if not 1 <= ti <= len(turns):
            problem(f"orientation.csv: {d} turn {ti} does not exist ({len(turns)} turns)")
        elif ti % 2 != 0 or turns[ti - 1][0] == INTERVIEWER[d]:
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as fh:
            irows = list(csv.DictReader(fh))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    per_doc, ikeys = Counter(), set()
    for r in irows:
        d, s, typ = r.get("doc_id"), r.get("identifier") or "", r.get("type")
        if (d, s) in ikeys:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        ikeys.add((d, s))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {d} {s!r}")
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        per_doc[d] += 1
        if not s or s not in docs[d][0]:
            problem(f"identifiers.csv: {d} {s!r} does not occur verbatim in the transcript")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has only {per_doc[d]} identifiers (need 5+)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
