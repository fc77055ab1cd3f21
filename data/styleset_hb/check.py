#!/usr/bin/env python3
"""Check set HB: parses the BUILT transcripts (not src/) with the standard library only.

Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc -> (extension, parser, encoding, crlf, interviewer label, respondent label)
DOCS = {
    "hb01": ("vtt", "vtt", "utf-8", False, "Interviewer", "Ingrid Verhoeven"),
    "hb02": ("txt", "txt-labels", "cp1252", True, "I", "R"),
    "hb03": ("docx", "docx-bold", None, None, "Interviewer", "Sanne"),
    "hb04": ("docx", "docx-plain", None, None, "I", "R"),
    "hb05": ("srt", "srt", "utf-8", True, "Interviewer", "Rijsdijk"),
    "hb06": ("txt", "txt-stamps", "utf-8", False, "Spreker 1", "Spreker 2"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"Respondent", "Datum", "Datum opname", "Duur", "Locatie", "Opname"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
MIN_W, MAX_W = 1500, 2600
MIN_RT, MAX_RT = 10, 45

problems = []


def bad(msg):
    problems.append(msg)


def looks_like_turn(line):
    m = re.match(r"^([^:\[\]]{1,40}):\s", line)
    return bool(m) and m.group(1).strip() not in META_KEYS


def read_text(path, enc, crlf, doc):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if crlf:
        if "\n" in text.replace("\r\n", ""):
            bad(f"{doc}: expected CRLF line endings throughout")
    elif "\r" in text:
        bad(f"{doc}: unexpected CR characters")
    return text.replace("\r\n", "\n")


def parse_txt_labels(text, il, rl, doc):
    turns, header, started = [], [], False
    rx = re.compile(r"^(%s|%s): (.+)$" % (re.escape(il), re.escape(rl)))
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = rx.match(line)
        if m:
            started = True
            turns.append((m.group(1), m.group(2)))
        elif not started:
            if looks_like_turn(line):
                bad(f"{doc}: header line looks like a speaker turn: {line[:60]!r}")
            header.append(line)
        else:
            bad(f"{doc}: unlabelled line inside the interview: {line[:60]!r}")
    return turns, header


def parse_txt_stamps(text, il, rl, doc):
    turns, header, started, last = [], [], False, -1
    rx = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (%s|%s): (.+)$" % (re.escape(il), re.escape(rl)))
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = rx.match(line)
        if m:
            started = True
            sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if sec < last:
                bad(f"{doc}: timestamps go backwards at {line[:12]}")
            last = sec
            turns.append((m.group(4), m.group(5)))
        elif not started:
            if looks_like_turn(line):
                bad(f"{doc}: header line looks like a speaker turn: {line[:60]!r}")
            header.append(line)
        else:
            bad(f"{doc}: unstamped line inside the interview: {line[:60]!r}")
    return turns, header


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


TIME_VTT = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}")
TIME_SRT = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}")


def parse_vtt(text, il, rl, doc):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip("\n")) if b.strip()]
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT signature")
        return [], []
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(lines[1:])
            continue
        if not TIME_VTT.match(lines[0]):
            if len(lines) > 1 and TIME_VTT.match(lines[1]):
                lines = lines[1:]  # cue identifier
            else:
                bad(f"{doc}: cue without timing: {lines[0][:50]!r}")
                continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            bad(f"{doc}: cue without voice tag: {body[:50]!r}")
            continue
        spk = m.group(1).strip()
        if spk not in (il, rl):
            bad(f"{doc}: unknown voice {spk!r}")
        cues.append((spk, m.group(2).strip()))
    return merge(cues), header


def parse_srt(text, il, rl, doc):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip("\n")) if b.strip()]
    cues, n = [], 0
    rx = re.compile(r"^(%s|%s): (.+)$" % (re.escape(il), re.escape(rl)))
    for b in blocks:
        lines = b.split("\n")
        n += 1
        if lines[0].strip() != str(n):
            bad(f"{doc}: cue number {lines[0]!r}, expected {n}")
        if len(lines) < 3 or not TIME_SRT.match(lines[1]):
            bad(f"{doc}: malformed cue {n}")
            continue
        body = " ".join(lines[2:])
        m = rx.match(body)
        if not m:
            bad(f"{doc}: cue {n} does not start with a known speaker: {body[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues), []


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        bad(f"{doc}: cannot read docx: {e}")
        return []
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            b = rpr is not None and rpr.find(W + "b") is not None and \
                rpr.find(W + "b").get(W + "val", "true") not in ("0", "false")
            runs.append((t, b))
        paras.append(runs)
    return paras


def parse_docx(path, il, rl, doc, want_bold):
    turns, header, started = [], [], False
    rx = re.compile(r"^(%s|%s):\s*(.+)$" % (re.escape(il), re.escape(rl)))
    full = []
    for runs in docx_paragraphs(path, doc):
        text = "".join(t for t, _ in runs)
        full.append(text)
        if not text.strip():
            continue
        m = rx.match(text)
        if m:
            started = True
            if want_bold:
                first = runs[0]
                if not (first[1] and first[0].strip().rstrip(":") == m.group(1)):
                    bad(f"{doc}: speaker label not in a bold run: {text[:40]!r}")
            turns.append((m.group(1), m.group(2).strip()))
        elif not started:
            if looks_like_turn(text):
                bad(f"{doc}: header line looks like a speaker turn: {text[:60]!r}")
            header.append(text)
        else:
            bad(f"{doc}: unlabelled paragraph inside the interview: {text[:60]!r}")
    return turns, header, "\n".join(full)


def load_csv(name, head):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != head:
        bad(f"{name}: header should be {','.join(head)}")
        return []
    return rows[1:]


def main():
    parsed = {}
    formats = set()
    for doc, (ext, kind, enc, crlf, il, rl) in DOCS.items():
        files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
        if len(files) != 1:
            bad(f"{doc}: expected exactly one transcript, found {files}")
            continue
        fname = files[0]
        if not fname.endswith("." + ext):
            bad(f"{doc}: expected .{ext}, found {fname}")
            continue
        path = os.path.join(TR, fname)
        formats.add(kind.split("-")[0] if kind.startswith("docx") else kind)
        if kind.startswith("docx"):
            turns, header, full = parse_docx(path, il, rl, doc, kind == "docx-bold")
        else:
            text = read_text(path, enc, crlf, doc)
            if text is None:
                continue
            full = text
            fn = {"txt-labels": parse_txt_labels, "txt-stamps": parse_txt_stamps,
                  "vtt": parse_vtt, "srt": parse_srt}[kind]
            turns, header = fn(text, il, rl, doc)
            if kind in ("vtt", "srt"):
                full = text + "\n" + "\n".join(f"{s}: {t}" for s, t in turns)
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = il if i % 2 == 1 else rl
            if spk != want:
                bad(f"{doc}: turn {i} is {spk!r}, expected {want!r} (strict alternation, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        rturns = sum(1 for s, _ in turns if s == rl)
        if not MIN_W <= words <= MAX_W:
            bad(f"{doc}: {words} spoken words, outside {MIN_W}-{MAX_W}")
        if not MIN_RT <= rturns <= MAX_RT:
            bad(f"{doc}: {rturns} respondent turns, outside {MIN_RT}-{MAX_RT}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: forbidden word {w!r} in transcript")
        parsed[doc] = (turns, full, il, rl, words, rturns)
    if len(formats) < 4:
        bad(f"only {len(formats)} transcript formats: {sorted(formats)}")

    # styles.csv
    rows = load_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = Counter(r[0] for r in rows)
    for d in DOCS:
        if seen[d] != 1:
            bad(f"styles.csv: {d} appears {seen[d]} times")
    mix = Counter()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS:
            bad(f"styles.csv: bad row {r}")
            continue
        if r[1] not in WANT_MIX:
            bad(f"styles.csv: bad style {r[1]!r}")
        if not r[2].strip():
            bad(f"styles.csv: empty rationale for {r[0]}")
        if r[1] == "onbepaald" and not re.search(r"too little evidence|mixed", r[2], re.I):
            bad(f"styles.csv: onbepaald rationale for {r[0]} should say which kind")
        mix[r[1]] += 1
    if dict(mix) != WANT_MIX:
        bad(f"styles.csv: mix {dict(mix)} differs from {WANT_MIX}")

    # orientation.csv
    rows = load_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        d, ti, o = r[0], int(r[1]), r[2]
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if d in parsed:
            turns, _, il, rl, _, _ = parsed[d]
            if not 1 <= ti <= len(turns) or turns[ti - 1][0] != rl:
                bad(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = load_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per = Counter()
    pairs = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS:
            bad(f"identifiers.csv: bad row {r}")
            continue
        d, s, t = r
        pairs.append((d, s))
        per[d] += 1
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {r}")
        if d in parsed and s not in parsed[d][1]:
            bad(f"identifiers.csv: {d} identifier {s!r} not found verbatim")
    if len(pairs) != len(set(pairs)):
        bad("identifiers.csv: duplicate identifier rows")
    for d in DOCS:
        if per[d] < 5:
            bad(f"identifiers.csv: {d} has only {per[d]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
