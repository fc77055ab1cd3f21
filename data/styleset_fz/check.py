#!/usr/bin/env python3
"""Check the built setFZ deliverables (standard library only).

Parses the transcripts in transcripts/ (not the sources) and checks encodings, turn alternation,
word and turn ranges, orientation rows, identifiers and the style mix. Prints OK or the problems.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")
DOCS = ["fz01", "fz02", "fz03", "fz04", "fz05", "fz06"]
# (interviewer label, respondent label) as they appear in each transcript
LABELS = {
    "fz01": ("I", "R"),
    "fz02": ("Joost", "Hanneke"),
    "fz03": ("Interviewer", "Respondent"),
    "fz04": ("Lotte Vermeer", "Willem Dekker"),
    "fz05": ("Spreker 1", "Spreker 2"),
    "fz06": ("Esther", "Frank"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
LEFTOVER = ["[[", "]]", "{casus}", "{netwerk}", "{-}", "|PERSOON", "|LOCATIE"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode_text(path, doc):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc}: {os.path.basename(path)} is neither UTF-8 nor Windows-1252")
        return None, None


def turns_from_lines(lines, labels, doc, pattern):
    turns = []
    for ln in lines:
        ln = ln.rstrip("\r")
        if not ln.strip():
            continue
        m = pattern.match(ln)
        if m and m.group("lab") in labels:
            turns.append([m.group("lab"), m.group("text").strip()])
        elif turns:
            turns[-1][1] += " " + ln.strip()  # continuation line
        # lines before the first turn are header
    return turns


def parse_txt(path, doc, labels):
    text, enc = decode_text(path, doc)
    if text is None:
        return None, None
    lines = text.split("\n")
    if re.search(r"^\[\d\d:\d\d:\d\d\] ", text, re.M):
        pat = re.compile(r"^\[\d\d:\d\d:\d\d\] (?P<lab>[^:]{1,40}): ?(?P<text>.*)$")
    else:
        pat = re.compile(r"^(?P<lab>[^:\[]{1,40}): ?(?P<text>.*)$")
    return turns_from_lines(lines, labels, doc, pat), text


def parse_srt(path, doc, labels):
    text, _ = decode_text(path, doc)
    if text is None:
        return None, None
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    turns = []
    for b in blocks:
        ls = [x.rstrip("\r") for x in b.split("\n")]
        if len(ls) < 3 or not ls[0].strip().isdigit() or "-->" not in ls[1]:
            problem(f"{doc}: malformed srt block: {b[:60]!r}")
            continue
        cue = " ".join(x.strip() for x in ls[2:])
        m = re.match(r"^([^:]{1,40}): (.*)$", cue)
        if not m or m.group(1) not in labels:
            problem(f"{doc}: srt cue without known speaker: {cue[:60]!r}")
            continue
        if turns and turns[-1][0] == m.group(1):
            turns[-1][1] += " " + m.group(2)
        else:
            turns.append([m.group(1), m.group(2)])
    return turns, text


def parse_vtt(path, doc, labels):
    text, _ = decode_text(path, doc)
    if text is None:
        return None, None
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())[1:]
    turns = []
    for b in blocks:
        ls = [x.rstrip("\r") for x in b.split("\n")]
        if ls[0].startswith("NOTE"):
            continue
        if "-->" not in ls[0]:
            ls = ls[1:]  # optional cue id
        if not ls or "-->" not in ls[0]:
            problem(f"{doc}: malformed vtt cue: {b[:60]!r}")
            continue
        cue = " ".join(x.strip() for x in ls[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", cue)
        if not m or m.group(1) not in labels:
            problem(f"{doc}: vtt cue without known voice: {cue[:60]!r}")
            continue
        if turns and turns[-1][0] == m.group(1):
            turns[-1][1] += " " + m.group(2)
        else:
            turns.append([m.group(1), m.group(2)])
    return turns, text


def parse_docx(path, doc, labels):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: cannot read docx: {e}")
        return None, None
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    pat = re.compile(r"^(?P<lab>[^:]{1,40}): ?(?P<text>.*)$")
    turns = []
    for para in paras:
        if not para.strip():
            continue
        m = pat.match(para)
        if m and m.group("lab") in labels:
            turns.append([m.group("lab"), m.group("text").strip()])
        elif turns:
            problem(f"{doc}: paragraph after first turn without speaker: {para[:60]!r}")
    return turns, "\n".join(paras)


PARSERS = {".txt": parse_txt, ".srt": parse_srt, ".vtt": parse_vtt, ".docx": parse_docx}


def read_csv(name, header):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    docs = {}
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    for doc in DOCS:
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        ext = os.path.splitext(mine[0])[1]
        if ext not in PARSERS:
            problem(f"{doc}: unsupported extension {ext}")
            continue
        li, lr = LABELS[doc]
        turns, full = PARSERS[ext](os.path.join(TDIR, mine[0]), doc, (li, lr))
        if turns is None:
            continue
        for n, (lab, _) in enumerate(turns, 1):
            want = li if n % 2 else lr
            if lab != want:
                problem(f"{doc}: turn {n} is by {lab!r}, expected {want!r} (no strict alternation)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for lab, _ in turns if lab == lr)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
        for s in LEFTOVER:
            if s in full:
                problem(f"{doc}: leftover markup {s!r} in transcript")
        docs[doc] = {"turns": turns, "full": full, "words": words, "nresp": nresp, "ext": ext}

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        if r[0] in seen:
            problem(f"styles.csv: duplicate {r[0]}")
        seen[r[0]] = (r[1], r[2])
        if r[1] not in MIX:
            problem(f"styles.csv: bad style {r[1]} for {r[0]}")
        if not r[2].strip():
            problem(f"styles.csv: empty rationale for {r[0]}")
    if sorted(seen) != DOCS:
        problem(f"styles.csv: docs {sorted(seen)} != {DOCS}")
    for style, n in MIX.items():
        got = sum(1 for s, _ in seen.values() if s == style)
        if got != n:
            problem(f"styles.csv: {got} x {style}, expected {n}")
    onb = [rat.lower() for s, rat in seen.values() if s == "onbepaald"]
    if not any("mixed" in r for r in onb) or not any("too little evidence" in r for r in onb):
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, ori = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if doc not in docs:
            problem(f"orientation.csv: unknown doc {r}")
            continue
        if idx % 2 or idx < 2 or idx > len(docs[doc]["turns"]):
            problem(f"orientation.csv: {r} does not point at a respondent turn")
        elif docs[doc]["turns"][idx - 1][0] != LABELS[doc][1]:
            problem(f"orientation.csv: {r} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen_ids = set()
    count = {d: 0 for d in DOCS}
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {r}")
        seen_ids.add((doc, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        if doc not in docs:
            problem(f"identifiers.csv: unknown doc {r}")
            continue
        count[doc] += 1
        if ident not in docs[doc]["full"]:
            problem(f"identifiers.csv: {ident!r} not verbatim in {doc}")
    for doc, n in count.items():
        if n < 5:
            problem(f"identifiers.csv: only {n} identifiers for {doc}")

    exts = {d["ext"] for d in docs.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} transcript formats: {sorted(exts)}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
