#!/usr/bin/env python3
"""Check set IY: parses the built transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id: (extension, encoding, crlf required, interviewer label, respondent label)
DOCS = {
    "iy01": ("docx", None, False, "Interviewer", "Yvonne"),
    "iy02": ("vtt", "utf-8", False, "Interviewer", "Dennis Wolters"),
    "iy03": ("srt", "utf-8", True, "Interviewer", "Henk R."),
    "iy04": ("txt", "cp1252", True, "Spreker 1", "Spreker 2"),
    "iy05": ("txt", "utf-8", False, "I", "R"),
    "iy06": ("docx", None, False, "Interviewer", "Bosveld"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
ONB_KINDS = ("mixed", "too little evidence")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def labelled_lines(doc_id, lines, labels, stamp=False):
    """Turns from 'Label: text' lines; lines before the first turn are header."""
    pat = r"^(?:\[\d\d:\d\d:\d\d\] )?(%s): (.+)$" if stamp else r"^(%s): (.+)$"
    rx = re.compile(pat % "|".join(re.escape(l) for l in labels))
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if stamp and line.startswith("[") and not m:
            problem(f"{doc_id}: unreadable stamped line {line[:50]!r}")
            continue
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            problem(f"{doc_id}: line after first turn without speaker label: {line[:50]!r}")
    return turns


def parse_vtt(doc_id, text, labels):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc_id}: missing WEBVTT signature")
        return []
    turns = []
    timing = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$")
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        i = 0
        if not timing.match(lines[0]):
            i = 1
        if i >= len(lines) or not timing.match(lines[i]):
            problem(f"{doc_id}: cue without timing: {b[:40]!r}")
            continue
        cue = " ".join(lines[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m:
            problem(f"{doc_id}: cue without voice tag: {cue[:40]!r}")
            continue
        spk, txt = m.group(1), m.group(2)
        if spk not in labels:
            problem(f"{doc_id}: unknown voice {spk!r}")
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_srt(doc_id, text, labels):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    rx = re.compile(r"^(%s): (.*)$" % "|".join(re.escape(l) for l in labels))
    timing = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")
    turns = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not timing.match(lines[1]):
            problem(f"{doc_id}: malformed srt cue {n}")
            continue
        cue = " ".join(l.strip() for l in lines[2:])
        m = rx.match(cue)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + cue
        else:
            problem(f"{doc_id}: first cue without speaker")
    return turns


def load(doc_id, spec):
    ext, enc, crlf, ilab, rlab = spec
    found = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc_id]
    if found != [f"{doc_id}.{ext}"]:
        problem(f"{doc_id}: expected exactly one transcript {doc_id}.{ext}, found {found}")
        return None, []
    path = os.path.join(TDIR, found[0])
    labels = (ilab, rlab)
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: docx not readable: {e}")
            return None, []
        return "\n".join(paras), labelled_lines(doc_id, paras, labels)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {enc}: {e}")
        return None, []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc_id}: declared Windows-1252 but is also valid UTF-8 (no 8-bit characters)")
        except UnicodeDecodeError:
            pass
    if crlf:
        if b"\n" in raw.replace(b"\r\n", b""):
            problem(f"{doc_id}: bare LF in a CRLF file")
    elif b"\r" in raw:
        problem(f"{doc_id}: unexpected CR")
    text = text.replace("\r\n", "\n")
    if ext == "vtt":
        return text, parse_vtt(doc_id, text, labels)
    if ext == "srt":
        return text, parse_srt(doc_id, text, labels)
    return text, labelled_lines(doc_id, text.split("\n"), labels, stamp=(doc_id == "iy04"))


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    texts, turnsets = {}, {}
    for doc_id, spec in DOCS.items():
        text, turns = load(doc_id, spec)
        if text is None:
            continue
        texts[doc_id], turnsets[doc_id] = text, turns
        ilab, rlab = spec[3], spec[4]
        if not turns:
            problem(f"{doc_id}: no turns found")
            continue
        for n, (spk, _) in enumerate(turns, 1):
            want = ilab if n % 2 else rlab
            if spk != want:
                problem(f"{doc_id}: turn {n} is {spk!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == rlab)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc_id}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc_id}: {nresp} respondent turns, outside {RESP_TURNS}")
        if FORBIDDEN.search(text):
            problem(f"{doc_id}: transcript contains a forbidden label word")

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    counts = {}
    kinds = []
    for r in rows:
        if len(r) != 3 or not r[2].strip():
            problem(f"styles.csv: bad row {r}")
            continue
        counts[r[1]] = counts.get(r[1], 0) + 1
        if r[1] == "onbepaald":
            low = r[2].lower()
            k = [k for k in ONB_KINDS if k in low]
            if len(k) != 1:
                problem(f"styles.csv: onbepaald row {r[0]} must name exactly one kind {ONB_KINDS}")
            kinds += k
    if counts != MIX:
        problem(f"styles.csv: style mix {counts}, expected {MIX}")
    if sorted(kinds) != sorted(ONB_KINDS):
        problem(f"styles.csv: onbepaald kinds {kinds}, expected one of each {ONB_KINDS}")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        idx = int(r[1])
        keys.append((r[0], idx))
        turns = turnsets.get(r[0], [])
        if idx % 2 or idx < 2 or idx > len(turns) or turns[idx - 1][0] != DOCS[r[0]][4]:
            problem(f"orientation.csv: {r} does not point at a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen = set()
    per_doc = {d: 0 for d in DOCS}
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            problem(f"identifiers.csv: {r[1]!r} not found verbatim in {r[0]}")
    for d, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: {d} has only {n} identifiers (at least 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
