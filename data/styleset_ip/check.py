#!/usr/bin/env python3
"""Check set IP: parses the BUILT transcripts (standard library only) and the three csv files.

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id -> (extension, encoding, interviewer label, respondent label, bold labels expected)
DOCS = {
    "ip01": (".docx", None, "Interviewer", "Respondent", False),
    "ip02": (".txt", "cp1252", "I", "R", False),
    "ip03": (".docx", None, "Lotte", "Hanneke", True),
    "ip04": (".srt", "utf-8", "Sanne", "Ron", False),
    "ip05": (".txt", "utf-8", "Spreker 1", "Spreker 2", False),
    "ip06": (".vtt", "utf-8", "Pieter Hendrikx", "Marloes van Gastel", False),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORDS_MIN, WORDS_MAX = 1500, 2600
RESP_MIN, RESP_MAX = 10, 45
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def norm(s):
    return " ".join(s.split())


def read_docx(path, labels, bold):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    header, turns, alltext = [], [], []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            b = r.find(W + "rPr/" + W + "b")
            isbold = b is not None and b.get(W + "val", "true") not in ("0", "false")
            runs.append((t, isbold))
        text = "".join(t for t, _ in runs)
        if not text.strip():
            continue
        alltext.append(text)
        lab = None
        for cand in labels:
            if text.startswith(cand + ":"):
                lab = cand
        if lab is not None:
            if bold:
                first = next((r for r in runs if r[0].strip()), ("", False))
                if not (first[1] and first[0].strip() == lab + ":"):
                    problem(f"{os.path.basename(path)}: label {lab!r} not in a bold run")
            turns.append([lab, text[len(lab) + 1:].strip()])
        elif turns:
            turns[-1][1] += " " + text.strip()
        else:
            header.append(text)
    return header, turns, "\n".join(alltext)


def read_bytes_text(path, enc):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{os.path.basename(path)}: not readable as {enc}: {e}")
        text = raw.decode(enc, errors="replace")
    return raw, text


def read_txt(path, enc, labels):
    raw, text = read_bytes_text(path, enc)
    if enc == "cp1252":
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            problem(f"{os.path.basename(path)}: cp1252 file should use CRLF line endings throughout")
        try:
            raw.decode("utf-8")
            if re.search(rb"[\x80-\xff]", raw):
                problem(f"{os.path.basename(path)}: cp1252 file is also valid UTF-8 (encoding not exercised)")
        except UnicodeDecodeError:
            pass
    header, turns = [], []
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + "|".join(re.escape(l) for l in labels) + r"):\s*(.*)$")
    for line in text.splitlines():
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            turns.append([m.group(2), m.group(3).strip()])
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line)
    return header, turns, text


def merge(cues):
    turns = []
    for lab, txt in cues:
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return turns


def read_srt(path, enc, labels):
    raw, text = read_bytes_text(path, enc)
    cues = []
    blocks = [b for b in re.split(r"\r?\n\s*\r?\n", text.strip()) if b.strip()]
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s*(.*)$", re.S)
    for n, b in enumerate(blocks, 1):
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{os.path.basename(path)}: malformed cue {n}")
            continue
        if int(lines[0]) != n:
            problem(f"{os.path.basename(path)}: cue numbering off at {n}")
        if not re.match(r"\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d$", lines[1].strip()):
            problem(f"{os.path.basename(path)}: bad timing in cue {n}")
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if not m:
            problem(f"{os.path.basename(path)}: cue {n} has no known speaker label")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return [], merge(cues), text


def read_vtt(path, enc, labels):
    raw, text = read_bytes_text(path, enc)
    if not text.startswith("WEBVTT"):
        problem(f"{os.path.basename(path)}: does not start with WEBVTT")
    blocks = [b for b in re.split(r"\r?\n\s*\r?\n", text.strip()) if b.strip()][1:]
    header, cues = [], []
    for n, b in enumerate(blocks, 1):
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{os.path.basename(path)}: block {n} without timing")
            continue
        if not re.match(r"\d\d:\d\d:\d\d\.\d\d\d --> \d\d:\d\d:\d\d\.\d\d\d", lines[ti].strip()):
            problem(f"{os.path.basename(path)}: bad timing in block {n}")
        body = " ".join(l.strip() for l in lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m or m.group(1) not in labels:
            problem(f"{os.path.basename(path)}: block {n} without known voice tag")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return header, merge(cues), text


def main():
    parsed = {}
    files = sorted(os.listdir(TDIR)) if os.path.isdir(TDIR) else []
    for f in files:
        if os.path.splitext(f)[0] not in DOCS:
            problem(f"transcripts/{f}: unexpected file")
    for doc, (ext, enc, il, rl, bold) in DOCS.items():
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        if not mine[0].endswith(ext):
            problem(f"{doc}: expected {ext}, found {mine[0]}")
            continue
        path = os.path.join(TDIR, mine[0])
        labels = (il, rl)
        if ext == ".docx":
            header, turns, full = read_docx(path, labels, bold)
        elif ext == ".txt":
            header, turns, full = read_txt(path, enc, labels)
        elif ext == ".srt":
            header, turns, full = read_srt(path, enc, labels)
        else:
            header, turns, full = read_vtt(path, enc, labels)
        # alternation
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (lab, txt) in enumerate(turns):
            want = il if i % 2 == 0 else rl
            if lab != want:
                problem(f"{doc}: turn {i + 1} is {lab!r}, expected {want!r}")
                break
            if not txt.strip():
                problem(f"{doc}: turn {i + 1} is empty")
        for h in header:
            if re.match(r"^(" + re.escape(il) + "|" + re.escape(rl) + r"):", h):
                problem(f"{doc}: header line looks like a turn: {h[:50]}")
        n_resp = sum(1 for i in range(len(turns)) if i % 2 == 1)
        n_words = sum(nwords(t) for _, t in turns)
        if not RESP_MIN <= n_resp <= RESP_MAX:
            problem(f"{doc}: {n_resp} respondent turns (want {RESP_MIN}-{RESP_MAX})")
        if not WORDS_MIN <= n_words <= WORDS_MAX:
            problem(f"{doc}: {n_words} spoken words (want {WORDS_MIN}-{WORDS_MAX})")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} occurs")
        searchable = norm(full) + "\n" + norm(" ".join(header + [f"{l}: {t}" for l, t in turns]))
        parsed[doc] = dict(turns=turns, text=searchable, words=n_words, resp=n_resp)

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"styles.csv: {e}")
        rows = []
    seen = {}
    for r in rows:
        d = r.get("doc_id")
        if d not in DOCS:
            problem(f"styles.csv: unknown doc {d}")
            continue
        if d in seen:
            problem(f"styles.csv: {d} listed twice")
        seen[d] = r.get("style")
        if r.get("style") not in MIX:
            problem(f"styles.csv: {d} has bad style {r.get('style')!r}")
        rat = (r.get("rationale") or "").strip()
        if not rat:
            problem(f"styles.csv: {d} has no rationale")
        if r.get("style") == "onbepaald" and not re.search(r"mixed|too little evidence", rat, re.I):
            problem(f"styles.csv: {d} onbepaald rationale does not say which kind")
    for d in DOCS:
        if d not in seen:
            problem(f"styles.csv: {d} missing")
    for st, n in MIX.items():
        got = sum(1 for v in seen.values() if v == st)
        if got != n:
            problem(f"styles.csv: {got} x {st}, requested {n}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"orientation.csv: {e}")
        rows = []
    keys = []
    for r in rows:
        d = r.get("doc_id")
        try:
            idx = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, idx))
        if r.get("orientation") not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if d not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {d}")
            continue
        n = len(parsed[d]["turns"])
        if idx % 2 != 0 or not 2 <= idx <= n:
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn (doc has {n} turns)")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"identifiers.csv: {e}")
        rows = []
    count, seen_ids = {}, set()
    for r in rows:
        d, ident, typ = r.get("doc_id"), r.get("identifier") or "", r.get("type")
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (d, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen_ids.add((d, ident))
        if d not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {d}")
            continue
        count[d] = count.get(d, 0) + 1
        if norm(ident) not in parsed[d]["text"]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d in DOCS:
        if count.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has {count.get(d, 0)} identifiers (want at least 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
