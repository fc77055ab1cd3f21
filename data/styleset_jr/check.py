#!/usr/bin/env python3
"""Check set JR against the brief, using only the standard library.

Parses the BUILT transcripts in transcripts/ (not the sources) and the three csv files.
Prints OK, or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
# doc_id: (extension, encoding, line ending, interviewer label, respondent label)
DOCS = {
    "jr01": ("docx", None, None, "Lotte", "Ruud"),
    "jr02": ("txt", "cp1252", "crlf", "I", "R"),
    "jr03": ("vtt", "utf-8", "lf", "Mirjam Tol", "Petra van Rijswijk"),
    "jr04": ("srt", "utf-8", "crlf", "Sophie", "Ingrid"),
    "jr05": ("txt", "utf-8", "lf", "Spreker 1", "Spreker 2"),
    "jr06": ("docx", None, None, "Interviewer", "Respondent"),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def read_text(doc, path, enc, nl):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    crlf = text.count("\r\n")
    lf = text.count("\n")
    if nl == "crlf" and crlf != lf:
        problem(f"{doc}: expected CRLF line endings throughout")
    if nl == "lf" and crlf:
        problem(f"{doc}: expected LF line endings")
    return text.replace("\r\n", "\n")


def label_turns(lines, li, lr, prefix=""):
    """Turns from lines 'Label: text' (optionally after a prefix regex); other lines before the
    first turn are header, later non-empty lines continue the previous turn."""
    pat = re.compile(r"^" + prefix + r"(" + re.escape(li) + "|" + re.escape(lr) + r"):\s(.*)$")
    turns = []
    for line in lines:
        m = pat.match(line)
        if m:
            turns.append(["I" if m.group(1) == li else "R", m.group(2)])
        elif line.strip() and turns:
            turns[-1][1] += " " + line.strip()
    return turns


def cue_blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def vtt_turns(doc, text, li, lr):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    turns = []
    for b in cue_blocks(text)[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            problem(f"{doc}: vtt block without timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m or m.group(1) not in (li, lr):
            problem(f"{doc}: vtt cue without known voice tag: {body[:40]}")
            continue
        sp = "I" if m.group(1) == li else "R"
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + m.group(2)
        else:
            turns.append([sp, m.group(2)])
    return turns


def srt_turns(doc, text, li, lr):
    turns = []
    pat = re.compile(r"^(" + re.escape(li) + "|" + re.escape(lr) + r"):\s(.*)$", re.S)
    for n, b in enumerate(cue_blocks(text), 1):
        lines = b.split("\n")
        if lines[0].strip() != str(n) or len(lines) < 3 or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue {n}")
            continue
        body = " ".join(lines[2:])
        m = pat.match(body)
        if m:
            sp, t = ("I" if m.group(1) == li else "R"), m.group(2)
        elif turns:
            sp, t = turns[-1][0], body
        else:
            problem(f"{doc}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + t
        else:
            turns.append([sp, t])
    return turns


def words(s):
    return len(re.findall(r"\w+(?:['’-]\w+)*", s))


def main():
    docs = {}
    files = os.listdir(TR) if os.path.isdir(TR) else []
    for doc, (ext, enc, nl, li, lr) in DOCS.items():
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        if not mine[0].endswith("." + ext):
            problem(f"{doc}: expected .{ext}, found {mine[0]}")
            continue
        path = os.path.join(TR, mine[0])
        if ext == "docx":
            try:
                paras = docx_paragraphs(path)
            except Exception as e:  # noqa: BLE001
                problem(f"{doc}: docx not readable: {e}")
                continue
            full = "\n".join(paras)
            turns = label_turns(paras, li, lr)
        else:
            text = read_text(doc, path, enc, nl)
            if text is None:
                continue
            full = text
            if ext == "vtt":
                turns = vtt_turns(doc, text, li, lr)
            elif ext == "srt":
                turns = srt_turns(doc, text, li, lr)
            elif li.startswith("Spreker"):
                turns = label_turns(text.split("\n"), li, lr, prefix=r"\[\d\d:\d\d:\d\d\] ")
            else:
                turns = label_turns(text.split("\n"), li, lr)
        docs[doc] = (full, turns)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (sp, _) in enumerate(turns):
            if sp != "IR"[i % 2]:
                problem(f"{doc}: turn {i + 1} ({sp}) breaks alternation / interviewer-first")
                break
        nr = sum(1 for sp, _ in turns if sp == "R")
        if not 10 <= nr <= 45:
            problem(f"{doc}: {nr} respondent turns (need 10-45)")
        nw = sum(words(t) for _, t in turns)
        if not 1500 <= nw <= 2600:
            problem(f"{doc}: {nw} spoken words (need 1500-2600)")
        low = full.lower()
        for f in FORBIDDEN:
            if f in low:
                problem(f"{doc}: forbidden word {f!r} in transcript")
        if "-v" in sys.argv:
            print(f"{doc}: {len(turns)} turns, {nr} respondent turns, {nw} words")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "styles.csv"), encoding="utf-8")))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != sorted(DOCS) or len(set(ids)) != len(ids):
            problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
        for r in rows:
            if r["style"] not in MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald" and not re.search(r"gemengd|mixed|te weinig|too little",
                                                           r["rationale"], re.I):
                problem(f"styles.csv: onbepaald rationale for {r['doc_id']} does not say which kind")
        if Counter(r["style"] for r in rows) != Counter(MIX):
            problem(f"styles.csv: mix {dict(Counter(r['style'] for r in rows))} != {MIX}")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "orientation.csv"), encoding="utf-8")))
        keys = []
        for r in rows:
            doc, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r}")
            if doc not in docs:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            try:
                ti = int(ti)
            except ValueError:
                problem(f"orientation.csv: bad turn_index {ti!r}")
                continue
            turns = docs[doc][1]
            if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
                problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
            keys.append((doc, ti))
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8")))
        seen = Counter()
        pairs = set()
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
            if (doc, ident) in pairs:
                problem(f"identifiers.csv: duplicate {doc} {ident!r}")
            pairs.add((doc, ident))
            if doc not in docs:
                problem(f"identifiers.csv: unknown doc {doc}")
                continue
            if ident not in docs[doc][0]:
                problem(f"identifiers.csv: {doc} {ident!r} not found verbatim")
            seen[doc] += 1
        for doc in DOCS:
            if seen[doc] < 5:
                problem(f"identifiers.csv: {doc} has only {seen[doc]} identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
