#!/usr/bin/env python3
"""Check set KA: parses the BUILT transcripts (not the sources). Standard library only.
Prints OK, or the problems and exits with status 1."""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["ka01", "ka02", "ka03", "ka04", "ka05", "ka06"]
# (interviewer label, respondent label) as they appear in the transcripts
LABELS = {
    "ka01": ("Marit de Graaf", "Jan Hoekstra"),
    "ka02": ("Interviewer", "Respondent"),
    "ka03": ("I", "R"),
    "ka04": ("Thijs", "Lotte"),
    "ka05": ("MG", "HW"),
    "ka06": ("Spreker 1", "Spreker 2"),
}
ENCODING = {"ka03": "cp1252"}          # default utf-8
CRLF = {"ka03", "ka04"}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def add_turn(turns, spk, text):
    text = text.strip()
    if turns and turns[-1][0] == spk:
        turns[-1][1] = (turns[-1][1] + " " + text).strip()
    else:
        turns.append([spk, text])


def parse_lines(doc, lines):
    """Lines of a txt or docx transcript: header lines until the first labelled turn."""
    ilab, rlab = LABELS[doc]
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$")
    turns, started = [], False
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = pat.match(ln)
        if m:
            started = True
            spk = "I" if m.group(1) == ilab else "R"
            turns.append([spk, m.group(2)])
        elif started:
            turns[-1][1] += " " + ln
    return turns


def parse_vtt(doc, text):
    ilab, rlab = LABELS[doc]
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        prob(f"{doc}: no WEBVTT signature")
    turns = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        if not lines or lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            prob(f"{doc}: vtt block without timing: {lines[0][:40]}")
            continue
        cue = " ".join(lines[ti[0] + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m:
            prob(f"{doc}: vtt cue without voice tag: {cue[:40]}")
            continue
        name = m.group(1)
        if name not in (ilab, rlab):
            prob(f"{doc}: unknown voice {name}")
            continue
        add_turn(turns, "I" if name == ilab else "R", m.group(2))
    return turns


def parse_srt(doc, text):
    ilab, rlab = LABELS[doc]
    turns = []
    pat = re.compile(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$")
    for block in re.split(r"\n\s*\n", text.lstrip("\ufeff").replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        if not lines or not lines[0].strip():
            continue
        if not lines[0].strip().isdigit() or len(lines) < 3 or "-->" not in lines[1]:
            prob(f"{doc}: malformed srt cue: {lines[0][:40]}")
            continue
        cue = " ".join(l.strip() for l in lines[2:])
        m = pat.match(cue)
        if m:
            turns.append(["I" if m.group(1) == ilab else "R", m.group(2)])
        elif turns:
            turns[-1][1] += " " + cue
        else:
            prob(f"{doc}: first srt cue has no speaker")
    return turns


def read_doc(doc):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        prob(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TDIR, files[0])
    ext = os.path.splitext(path)[1].lower()
    raw = open(path, "rb").read()
    if ext == ".docx":
        try:
            with zipfile.ZipFile(path) as z:
                root = ET.fromstring(z.read("word/document.xml"))
        except Exception as e:
            prob(f"{doc}: unreadable docx: {e}")
            return None, None
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        return "\n".join(paras), parse_lines(doc, paras)
    enc = ENCODING.get(doc, "utf-8")
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                prob(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if doc in CRLF and (b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw)):
        prob(f"{doc}: expected CRLF line endings throughout")
    if ext == ".vtt":
        return text, parse_vtt(doc, text)
    if ext == ".srt":
        return text, parse_srt(doc, text)
    if ext == ".txt":
        return text, parse_lines(doc, text.replace("\r\n", "\n").split("\n"))
    prob(f"{doc}: unknown format {ext}")
    return None, None


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        prob(f"missing {name}")
        return [], []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return (rows[0], rows[1:]) if rows else ([], [])


def main():
    texts, turns_of = {}, {}
    for doc in DOCS:
        text, turns = read_doc(doc)
        if text is None:
            continue
        texts[doc], turns_of[doc] = text, turns
        if not turns:
            prob(f"{doc}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns):
            if spk != ("I" if i % 2 == 0 else "R"):
                prob(f"{doc}: turn {i + 1} breaks alternation (starts with interviewer)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == "R")
        if not 1500 <= words <= 2600:
            prob(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            prob(f"{doc}: {nresp} respondent turns, outside 10-45")
        low = " ".join(t for _, t in turns).lower()
        for w in FORBIDDEN:
            if w in low:
                prob(f"{doc}: forbidden word {w!r} in a turn")
        print(f"{doc}: {words} words, {len(turns)} turns, {nresp} respondent turns")

    hdr, rows = read_csv("styles.csv")
    if hdr != ["doc_id", "style", "rationale"]:
        prob(f"styles.csv header {hdr}")
    count = {}
    seen = set()
    for r in rows:
        if len(r) != 3:
            prob(f"styles.csv bad row {r}")
            continue
        d, st, rat = r
        if d not in DOCS or d in seen:
            prob(f"styles.csv unknown or duplicate doc {d}")
        seen.add(d)
        if st not in MIX:
            prob(f"styles.csv bad style {st}")
        count[st] = count.get(st, 0) + 1
        if not rat.strip():
            prob(f"styles.csv empty rationale for {d}")
        if st == "onbepaald" and not re.search(r"mixed|too little evidence", rat, re.I):
            prob(f"styles.csv: onbepaald {d} does not say which kind")
    if seen != set(DOCS):
        prob(f"styles.csv covers {sorted(seen)}")
    if count != MIX:
        prob(f"styles.csv mix {count} != {MIX}")

    hdr, rows = read_csv("orientation.csv")
    if hdr != ["doc_id", "turn_index", "orientation"]:
        prob(f"orientation.csv header {hdr}")
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            prob(f"orientation.csv bad row {r}")
            continue
        d, i = r[0], int(r[1])
        keys.append((d, i))
        turns = turns_of.get(d, [])
        if i < 1 or i > len(turns) or turns[i - 1][0] != "R" or i % 2:
            prob(f"orientation.csv {d},{i} does not point at a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv has duplicates")

    hdr, rows = read_csv("identifiers.csv")
    if hdr != ["doc_id", "identifier", "type"]:
        prob(f"identifiers.csv header {hdr}")
    per = {}
    pairs = set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            prob(f"identifiers.csv bad row {r}")
            continue
        if (r[0], r[1]) in pairs:
            prob(f"identifiers.csv duplicate {r[0]},{r[1]}")
        pairs.add((r[0], r[1]))
        per[r[0]] = per.get(r[0], 0) + 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            prob(f"identifiers.csv: {r[1]!r} not verbatim in {r[0]}")
    for d in DOCS:
        if per.get(d, 0) < 5:
            prob(f"{d}: fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
