#!/usr/bin/env python3
"""Check set JC against the brief, using the BUILT transcripts only (standard library).

Prints OK, or the problems found (exit status 1).
"""
import csv
import glob
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")

# doc -> (extension, encoding, parser, interviewer label, respondent label, needs CRLF)
DOCS = {
    "jc01": ("docx", None, "docx", "Interviewer", "Youssef", False),
    "jc02": ("txt", "cp1252", "labels", "I", "R", True),
    "jc03": ("vtt", "utf-8", "vtt", "Interviewer", "Dennis", False),
    "jc04": ("srt", "utf-8", "srt", "Interviewer", "Hetty", True),
    "jc05": ("txt", "utf-8", "stamped", "Spreker 1", "Spreker 2", False),
    "jc06": ("docx", None, "docx", "Onderzoeker", "Respondent", False),
}
STYLES = {"jc01": "netwerkgericht", "jc02": "casusgericht", "jc03": "casusgericht",
          "jc04": "netwerkgericht", "jc05": "onbepaald", "jc06": "casusgericht"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORD_MIN, WORD_MAX = 1500, 2600
RESP_MIN, RESP_MAX = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def nwords(t):
    return len([w for w in t.split() if re.search(r"\w", w)])


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        parts = []
        for el in p.iter():
            if el.tag == ns + "t":
                parts.append(el.text or "")
            elif el.tag == ns + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def turns_from_lines(lines, ilab, rlab, doc):
    """lines: paragraphs/lines; a turn starts with 'Label: '; other non-empty lines before the
    first turn are header, after it they continue the current turn."""
    pat = re.compile(r"^(%s|%s):\s*(.*)$" % (re.escape(ilab), re.escape(rlab)))
    turns = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + s
    return turns


def turns_stamped(lines, ilab, rlab):
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+(%s|%s):\s*(.*)$" % (re.escape(ilab), re.escape(rlab)))
    turns, last = [], -1
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if t < last:
                problem(f"timestamps go backwards at [{m.group(1)}:{m.group(2)}:{m.group(3)}]")
            last = t
            turns.append([m.group(4), m.group(5)])
        elif turns:
            turns[-1][1] += " " + s
    return turns


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


TIMING = re.compile(r"^(\d\d:)?\d\d:\d\d[.,]\d{3}\s+-->\s+(\d\d:)?\d\d:\d\d[.,]\d{3}")


def turns_vtt(text, doc):
    lines = text.split("\n")
    if not lines[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    for b in blocks[1:]:
        bl = b.split("\n")
        if bl[0].startswith("NOTE"):
            continue
        i = 0
        if not TIMING.match(bl[0]):
            i = 1
        if i >= len(bl) or not TIMING.match(bl[i]):
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(x.strip() for x in bl[i + 1:])
        m = re.match(r"^<v(?:\.[^ >]*)?\s+([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()))
    return merge(cues)


def turns_srt(text, doc, ilab, rlab):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues, expect = [], 1
    pat = re.compile(r"^(%s|%s):\s*(.*)$" % (re.escape(ilab), re.escape(rlab)))
    prev = None
    for b in blocks:
        bl = b.split("\n")
        if len(bl) < 3 or not bl[0].strip().isdigit() or not TIMING.match(bl[1]):
            problem(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        if int(bl[0]) != expect:
            problem(f"{doc}: srt numbering {bl[0]} where {expect} expected")
        expect = int(bl[0]) + 1
        body = " ".join(x.strip() for x in bl[2:])
        m = pat.match(body)
        if m:
            prev = m.group(1)
            cues.append((prev, m.group(2)))
        elif prev:
            cues.append((prev, body))
        else:
            problem(f"{doc}: first srt cue without speaker")
    return merge(cues)


def load(doc):
    ext, enc, parser, ilab, rlab, crlf = DOCS[doc]
    found = sorted(glob.glob(os.path.join(TDIR, doc + ".*")))
    if len(found) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[os.path.basename(f) for f in found]}")
        return None, None
    path = found[0]
    if not path.endswith("." + ext):
        problem(f"{doc}: expected .{ext}, found {os.path.basename(path)}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx unreadable: {e}")
            return None, None
        return "\n".join(paras), turns_from_lines(paras, ilab, rlab, doc)
    data = open(path, "rb").read()
    if enc == "cp1252":
        try:
            data.decode("utf-8")
            if any(b > 127 for b in data):
                problem(f"{doc}: file decodes as UTF-8, expected Windows-1252")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if text.startswith("\ufeff"):
        text = text[1:]
    if crlf:
        if "\r\n" not in text or re.search(r"(?<!\r)\n", text):
            problem(f"{doc}: expected CRLF line endings throughout")
    text_n = text.replace("\r\n", "\n")
    if parser == "labels":
        turns = turns_from_lines(text_n.split("\n"), ilab, rlab, doc)
    elif parser == "stamped":
        turns = turns_stamped(text_n.split("\n"), ilab, rlab)
    elif parser == "vtt":
        turns = turns_vtt(text_n, doc)
    elif parser == "srt":
        turns = turns_srt(text_n, doc, ilab, rlab)
    else:
        raise ValueError(parser)
    return text_n, turns


def read_csv(name, header):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    extra = [f for f in os.listdir(TDIR) if f.split(".")[0] not in DOCS]
    if extra:
        problem(f"transcripts/ holds files of other docs: {extra}")
    texts, turnsets = {}, {}
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc], turnsets[doc] = text, turns
        ilab, rlab = DOCS[doc][3], DOCS[doc][4]
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for n, (spk, _) in enumerate(turns, 1):
            want = ilab if n % 2 else rlab
            if spk != want:
                problem(f"{doc}: turn {n} spoken by {spk!r}, expected {want!r} (strict alternation, interviewer first)")
                break
        w = sum(nwords(t) for _, t in turns)
        r = sum(1 for s, _ in turns if s == rlab)
        if not WORD_MIN <= w <= WORD_MAX:
            problem(f"{doc}: {w} spoken words, outside {WORD_MIN}-{WORD_MAX}")
        if not RESP_MIN <= r <= RESP_MAX:
            problem(f"{doc}: {r} respondent turns, outside {RESP_MIN}-{RESP_MAX}")
        low = text.lower()
        for fw in FORBIDDEN:
            if fw in low:
                problem(f"{doc}: forbidden word {fw!r} in transcript")
        print(f"{doc}: {len(turns)} turns, {r} respondent turns, {w} words")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for row in rows:
        if len(row) != 3:
            problem(f"styles.csv: bad row {row}")
            continue
        if row[0] in got:
            problem(f"styles.csv: duplicate {row[0]}")
        got[row[0]] = row
        if not row[2].strip():
            problem(f"styles.csv: {row[0]} has no rationale")
    for doc, st in STYLES.items():
        if doc not in got:
            problem(f"styles.csv: {doc} missing")
        elif got[doc][1] != st:
            problem(f"styles.csv: {doc} is {got[doc][1]!r}, requested mix says {st!r}")
        elif st == "onbepaald" and "too little evidence" not in got[doc][2].lower():
            problem(f"styles.csv: {doc} onbepaald rationale must name its kind (too little evidence)")
    for doc in got:
        if doc not in STYLES:
            problem(f"styles.csv: unknown doc {doc}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for row in rows:
        if len(row) != 3 or row[0] not in DOCS or not row[1].isdigit() or row[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {row}")
            continue
        doc, idx = row[0], int(row[1])
        keys.append((doc, idx))
        turns = turnsets.get(doc)
        if turns is None:
            continue
        if idx < 1 or idx > len(turns):
            problem(f"orientation.csv: {doc} turn {idx} does not exist ({len(turns)} turns)")
        elif turns[idx - 1][0] != DOCS[doc][4]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), {d: 0 for d in DOCS}
    for row in rows:
        if len(row) != 3 or row[0] not in DOCS or row[2] not in TYPES or not row[1]:
            problem(f"identifiers.csv: bad row {row}")
            continue
        doc, ident = row[0], row[1]
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if doc in texts and ident not in texts[doc]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: {doc} has only {n} identifiers (need at least 5)")

    # formats
    exts = set()
    for doc, (ext, enc, parser, *_rest) in DOCS.items():
        exts.add((ext, enc, parser))
    if len(exts) < 4:
        problem("fewer than four different transcript formats")

    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
