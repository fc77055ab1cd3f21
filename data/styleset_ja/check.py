#!/usr/bin/env python3
"""Check set JA against the brief, from the BUILT transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc: extension, encoding, line ending (None = either), interviewer label, respondent label
DOCS = {
    "ja01": ("docx", None, None, "Interviewer", "Respondent"),
    "ja02": ("txt", "cp1252", "\r\n", "I", "R"),
    "ja03": ("vtt", "utf-8", None, "Ilse Jansma", "Mirjam Hofstede"),
    "ja04": ("srt", "utf-8", "\r\n", "Els", "Anton"),
    "ja05": ("txt", "utf-8", None, "Spreker 1", "Spreker 2"),
    "ja06": ("docx", None, None, "Rianne Smit", "Gea Brinkman"),
}
EXPECTED_STYLE = {
    "ja01": "netwerkgericht",
    "ja02": "casusgericht",
    "ja03": "casusgericht",
    "ja04": "onbepaald",
    "ja05": "netwerkgericht",
    "ja06": "onbepaald",
}
ONBEPAALD_KIND = {"ja04": "mixed", "ja06": "too little evidence"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
MIN_IDS = 5
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|meer van de casus|ben een netwerker",
                       re.I)

problems = []


def problem(msg):
    problems.append(msg)


def read_docx(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def segments_lines(doc, lines, li, lr, stamped_ok):
    """Lines of a docx/txt transcript -> list of (role, text); header lines only before turns."""
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + re.escape(li) + "|" + re.escape(lr)
                     + r"):\s+(.*\S)\s*$")
    segs, header = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            if m.group(1) and not stamped_ok:
                problem(f"{doc}: unexpected timestamp")
            segs.append(("I" if m.group(2) == li else "R", m.group(3)))
        elif not segs:
            header.append(ln)
        else:
            problem(f"{doc}: line outside a turn: {ln[:60]!r}")
    return segs, header


def segments_vtt(doc, text, li, lr):
    lines = text.split("\n")
    if not lines or lines[0].strip() != "WEBVTT":
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    segs = []
    for b in blocks[1:]:
        bl = b.split("\n")
        if bl[0].startswith("NOTE"):
            continue
        ti = next((i for i, x in enumerate(bl) if "-->" in x), None)
        if ti is None or not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", bl[ti]):
            problem(f"{doc}: bad vtt cue: {b[:60]!r}")
            continue
        cue = " ".join(bl[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m or m.group(1) not in (li, lr):
            problem(f"{doc}: vtt cue without known voice tag: {cue[:60]!r}")
            continue
        segs.append(("I" if m.group(1) == li else "R", m.group(2)))
    return segs


def segments_srt(doc, text, li, lr):
    blocks = re.split(r"\n\s*\n", text.strip())
    segs, n = [], 0
    pat = re.compile(r"^(" + re.escape(li) + "|" + re.escape(lr) + r"):\s+(.*)$", re.S)
    for b in blocks:
        bl = b.split("\n")
        n += 1
        if len(bl) < 3 or bl[0].strip() != str(n) or not re.match(
                r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", bl[1].strip()):
            problem(f"{doc}: bad srt cue {n}: {b[:60]!r}")
            continue
        m = pat.match(" ".join(x.strip() for x in bl[2:]))
        if not m:
            problem(f"{doc}: srt cue {n} without known speaker")
            continue
        segs.append(("I" if m.group(1) == li else "R", m.group(2)))
    return segs


def merge(segs):
    turns = []
    for role, text in segs:
        if turns and turns[-1][0] == role:
            turns[-1] = (role, turns[-1][1] + " " + text)
        else:
            turns.append((role, text))
    return turns


def load(doc):
    ext, enc, eol, li, lr = DOCS[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        problem(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    if ext == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx: {e}")
            return None, None
        segs, _ = segments_lines(doc, paras, li, lr, False)
        return segs, "\n".join(paras)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared Windows-1252 but also valid UTF-8 (no non-ASCII characters?)")
        except UnicodeDecodeError:
            pass
    if eol == "\r\n" and re.search(r"(?<!\r)\n", text):
        problem(f"{doc}: expected CRLF line endings")
    text_n = text.replace("\r\n", "\n")
    if ext == "txt":
        segs, _ = segments_lines(doc, text_n.split("\n"), li, lr, True)
        segs_t = segs
    elif ext == "vtt":
        segs_t = segments_vtt(doc, text_n, li, lr)
    else:
        segs_t = segments_srt(doc, text_n, li, lr)
    return segs_t, text_n


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    turns_of, text_of = {}, {}
    for doc in DOCS:
        ext = DOCS[doc][0]
        segs, text = load(doc)
        if segs is None:
            continue
        turns = merge(segs) if ext in ("vtt", "srt") else segs
        turns_of[doc], text_of[doc] = turns, text
        if not turns or turns[0][0] != "I":
            problem(f"{doc}: first turn is not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker")
        nr = sum(1 for r, _ in turns if r == "R")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if FORBIDDEN.search(" ".join(t for _, t in turns)):
            problem(f"{doc}: uses a forbidden label word")

    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        if r[0] in seen:
            problem(f"styles.csv: duplicate {r[0]}")
        seen[r[0]] = r
        if r[0] not in DOCS:
            problem(f"styles.csv: unknown doc {r[0]}")
            continue
        if r[1] != EXPECTED_STYLE[r[0]]:
            problem(f"styles.csv: {r[0]} is {r[1]}, requested {EXPECTED_STYLE[r[0]]}")
        if not r[2].strip():
            problem(f"styles.csv: {r[0]} has no rationale")
        if r[0] in ONBEPAALD_KIND and ONBEPAALD_KIND[r[0]] not in r[2].lower():
            problem(f"styles.csv: {r[0]} rationale does not say '{ONBEPAALD_KIND[r[0]]}'")
    for doc in DOCS:
        if doc not in seen:
            problem(f"styles.csv: {doc} missing")

    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        k = (r[0], int(r[1]))
        keys.append(k)
        turns = turns_of.get(r[0])
        if turns is None:
            continue
        if not 1 <= k[1] <= len(turns) or turns[k[1] - 1][0] != "R":
            problem(f"orientation.csv: {r[0]} turn {r[1]} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per, pairs = {}, set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in pairs:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        pairs.add((r[0], r[1]))
        per[r[0]] = per.get(r[0], 0) + 1
        text = text_of.get(r[0])
        if text is not None and r[1] not in text:
            problem(f"identifiers.csv: {r[0]} {r[1]!r} does not occur verbatim")
    for doc in DOCS:
        if per.get(doc, 0) < MIN_IDS:
            problem(f"identifiers.csv: {doc} has {per.get(doc, 0)} identifiers (< {MIN_IDS})")

    exts = {os.path.splitext(f)[1] + ("-" + DOCS[f.split(".")[0]][1] if f.endswith(".txt") else "")
            for f in os.listdir(TR) if f.split(".")[0] in DOCS}
    if len(exts) < 4:
        problem(f"fewer than four transcript formats: {sorted(exts)}")
    extra = [f for f in os.listdir(TR) if f.split(".")[0] not in DOCS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
