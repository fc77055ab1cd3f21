#!/usr/bin/env python3
"""Check setJD: parses the BUILT transcripts (not src/) with the standard library only.

Checks: one readable transcript per doc in its encoding; turns alternate starting with the
interviewer; every orientation row points at a respondent turn; every identifier occurs
verbatim in its document; styles.csv complete with the requested mix; 1,500-2,600 spoken
words and 10-45 respondent turns per document; no forbidden style words.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

SET = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(SET, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label, crlf expected)
DOCS = {
    "jd01": ("docx", "utf-8", "Interviewer", "Respondent", None),
    "jd02": ("txt", "cp1252", "I", "R", True),
    "jd03": ("vtt", "utf-8", "Sanne Leferink", "Wilma Scholten", False),
    "jd04": ("srt", "utf-8", "Joris", "Hatice", True),
    "jd05": ("txt", "utf-8", "Spreker 1", "Spreker 2", False),
    "jd06": ("docx", "utf-8", "Eva", "Joost", None),
}
MIX = {"jd01": "onbepaald", "jd02": "casusgericht", "jd03": "netwerkgericht",
       "jd04": "onbepaald", "jd05": "casusgericht", "jd06": "netwerkgericht"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)

problems = []


def prob(msg):
    problems.append(msg)


def nwords(text):
    return len(re.findall(r"\w[\w'’\-]*", text))


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml").decode("utf-8"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def label_turns(lines, ilab, rlab, doc, pattern=None):
    """Lines of 'Label: text' (optionally with a timestamp prefix); header = lines before first turn."""
    labs = (ilab, rlab)
    rx = re.compile(pattern or (r"^(" + "|".join(re.escape(l) for l in labs) + r"):\s+(.*)$"))
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = rx.match(ln)
        if m:
            started = True
            turns.append(("I" if m.group(1) == ilab else "R", m.group(2).strip()))
        elif started:
            prob(f"{doc}: line after the first turn is not a turn: {ln[:60]!r}")
    return turns


def merge(cues):
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + text)
        else:
            turns.append((who, text))
    return turns


def parse(doc):
    ext, enc, ilab, rlab, crlf = DOCS[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        prob(f"{doc}: expected one transcript, found {files}")
        return None, []
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        prob(f"{doc}: expected .{ext}, found {files[0]}")
        return None, []
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            prob(f"{doc}: unreadable docx: {e}")
            return None, []
        return "\n".join(paras), label_turns(paras, ilab, rlab, doc)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not decodable as {enc}: {e}")
        return None, []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                prob(f"{doc}: file decodes as UTF-8, expected Windows-1252")
        except UnicodeDecodeError:
            pass
    if crlf is True and ("\n" in text.replace("\r\n", "")):
        prob(f"{doc}: expected CRLF line endings throughout")
    if crlf is False and "\r" in text:
        prob(f"{doc}: unexpected CR characters")
    lines = text.replace("\r\n", "\n").split("\n")
    if ext == "txt":
        if doc == "jd05":
            pat = r"^\[\d\d:\d\d:\d\d\] (" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$"
            return text, label_turns(lines, ilab, rlab, doc, pat)
        return text, label_turns(lines, ilab, rlab, doc)
    if ext == "vtt":
        if not lines[0].startswith("WEBVTT"):
            prob(f"{doc}: missing WEBVTT signature")
        cues, i = [], 0
        time_rx = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$")
        while i < len(lines):
            if time_rx.match(lines[i]):
                body = []
                i += 1
                while i < len(lines) and lines[i].strip():
                    body.append(lines[i])
                    i += 1
                m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", " ".join(body))
                if not m or m.group(1) not in (ilab, rlab):
                    prob(f"{doc}: cue without known voice tag: {' '.join(body)[:60]!r}")
                    continue
                cues.append(("I" if m.group(1) == ilab else "R", m.group(2).strip()))
            i += 1
        return text, merge(cues)
    if ext == "srt":
        blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
        cues = []
        for n, b in enumerate(blocks, 1):
            bl = b.split("\n")
            if len(bl) < 3 or bl[0].strip() != str(n) or not re.match(
                    r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", bl[1]):
                prob(f"{doc}: malformed srt block {n}")
                continue
            body = " ".join(bl[2:])
            m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.*)$", body)
            if not m:
                prob(f"{doc}: srt cue {n} without speaker name")
                continue
            cues.append(("I" if m.group(1) == ilab else "R", m.group(2).strip()))
        return text, merge(cues)
    prob(f"{doc}: unknown extension")
    return None, []


def read_csv(name, header):
    path = os.path.join(SET, name)
    if not os.path.exists(path):
        prob(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        prob(f"{name}: bad header {rows[:1]}")
        return []
    return rows[1:]


def main():
    extra = sorted(set(f.split(".")[0] for f in os.listdir(TR)) - set(DOCS))
    if extra:
        prob(f"transcripts/ holds files for unknown docs: {extra}")
    texts, turnsets = {}, {}
    for doc in DOCS:
        text, turns = parse(doc)
        if text is None:
            continue
        texts[doc], turnsets[doc] = text, turns
        for i, (who, _) in enumerate(turns):
            if who != ("I" if i % 2 == 0 else "R"):
                prob(f"{doc}: turn {i + 1} is {who}; turns must alternate starting with the interviewer")
                break
        words = sum(nwords(t) for _, t in turns)
        rturns = sum(1 for w, _ in turns if w == "R")
        if not 1500 <= words <= 2600:
            prob(f"{doc}: {words} spoken words (needs 1500-2600)")
        if not 10 <= rturns <= 45:
            prob(f"{doc}: {rturns} respondent turns (needs 10-45)")
        if FORBIDDEN.search(text):
            prob(f"{doc}: forbidden style word in transcript")

    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in styles:
        if len(r) != 3 or not r[2].strip():
            prob(f"styles.csv: bad row {r}")
            continue
        if r[0] in got:
            prob(f"styles.csv: duplicate {r[0]}")
        got[r[0]] = r[1]
    if got != MIX:
        prob(f"styles.csv does not match the requested mix: {got}")
    for d in ("jd01", "jd04"):
        row = [r for r in styles if r and r[0] == d]
        if row and not re.search(r"mixed|too little evidence", row[0][2], re.I):
            prob(f"styles.csv: onbepaald rationale for {d} must say which kind")

    orient = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in orient:
        if len(r) != 3 or r[2] not in ("casus", "netwerk") or not r[1].isdigit():
            prob(f"orientation.csv: bad row {r}")
            continue
        doc, idx = r[0], int(r[1])
        keys.append((doc, idx))
        turns = turnsets.get(doc)
        if turns is None:
            prob(f"orientation.csv: unknown doc {doc}")
        elif idx < 1 or idx > len(turns) or turns[idx - 1][0] != "R":
            prob(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv is not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv has duplicates")

    idents = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, count = set(), {}
    for r in idents:
        if len(r) != 3 or r[2] not in TYPES:
            prob(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            prob(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen.add((r[0], r[1]))
        count[r[0]] = count.get(r[0], 0) + 1
        if r[0] not in texts:
            prob(f"identifiers.csv: unknown doc {r[0]}")
        elif r[1] not in texts[r[0]]:
            prob(f"identifiers.csv: {r[0]} {r[1]!r} does not occur verbatim")
    for doc in DOCS:
        if count.get(doc, 0) < 5:
            prob(f"{doc}: fewer than 5 identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
