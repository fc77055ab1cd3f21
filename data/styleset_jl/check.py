#!/usr/bin/env python3
"""Check set JL against the brief, from the BUILT transcripts (standard library only).

Usage: python3 check.py [--stats]
Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"

# doc_id -> (format, encoding, interviewer label, respondent label)
DOCS = {
    "jl01": ("docx", None, "Tessa Haverkamp", "Gerrit Jan Leferink"),
    "jl02": ("srt", "utf-8", "J. Wolbers", "M. Kamphuis"),
    "jl03": ("txt_ir", "cp1252", "I", "R"),
    "jl04": ("vtt", "utf-8", "Tessa Haverkamp", "Marloes ten Dam"),
    "jl05": ("txt_ts", "utf-8", "Spreker 1", "Spreker 2"),
    "jl06": ("docx", None, "Interviewer", "Respondent"),
}
EXPECTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
ONBEPAALD_KINDS = ("genuinely mixed", "too little evidence")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def split_label(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def turns_from_lines(lines, labels, doc):
    """Lines that start with a label open a turn; other lines before the first turn are header."""
    turns = []
    for line in lines:
        if not line.strip():
            continue
        lab, text = split_label(line, labels)
        if lab:
            turns.append([lab, text])
        elif turns:
            turns[-1][1] += " " + line.strip()
    return turns


def parse_txt_ts(text, labels, doc):
    turns = []
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (Spreker \d+): (.*)$")
    last = -1
    for line in text.splitlines():
        m = pat.match(line)
        if m:
            sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if sec < last:
                problem(f"{doc}: timestamps not increasing at {line[:20]}")
            last = sec
            if m.group(4) not in labels:
                problem(f"{doc}: unknown speaker {m.group(4)}")
            turns.append([m.group(4), m.group(5).strip()])
        elif line.strip() and turns:
            turns[-1][1] += " " + line.strip()
    return turns


def parse_vtt(text, labels, doc):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: missing WEBVTT signature")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: vtt block without timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[ti + 1:])
        m = re.match(r"<v(?:\.[\w.]+)?\s+([^>]+)>", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        who = m.group(1).strip()
        txt = re.sub(r"</?[^>]+>", "", body[m.end():]).strip()
        if who not in labels:
            problem(f"{doc}: unknown voice {who}")
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def parse_srt(text, labels, doc):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    expect = 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt block: {lines[0][:30]}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: srt numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        who, first = split_label(lines[2], labels)
        body = " ".join([first or lines[2]] + lines[3:]).strip()
        if who is None:
            if not turns:
                problem(f"{doc}: first srt cue without speaker")
                continue
            who = turns[-1][0]
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + body
        else:
            turns.append([who, body])
    return turns


def load(doc):
    fmt, enc, ilab, rlab = DOCS[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {len(files)}")
        return None, None
    path = files[0]
    labels = (ilab, rlab)
    if fmt == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx ({e})")
            return None, None
        return turns_from_lines(paras, labels, doc), "\n".join(paras)
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc} ({e})")
        return None, None
    if enc == "cp1252":
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            problem(f"{doc}: Windows-1252 file should use CRLF throughout")
        try:
            raw.decode("utf-8")
            if re.search(rb"[\x80-\xff]", raw):
                problem(f"{doc}: file is valid UTF-8, expected Windows-1252")
        except UnicodeDecodeError:
            pass
    if fmt == "txt_ir":
        return turns_from_lines(text.splitlines(), labels, doc), text
    if fmt == "txt_ts":
        return parse_txt_ts(text, labels, doc), text
    if fmt == "vtt":
        return parse_vtt(text, labels, doc), text
    if fmt == "srt":
        return parse_srt(text, labels, doc), text
    problem(f"{doc}: unknown format {fmt}")
    return None, None


def count_words(s):
    return len(re.findall(r"\w+(?:['’\-]\w+)*", s))


def read_csv(name, header):
    path = HERE / name
    if not path.exists():
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    stats = {}
    parsed = {}
    for doc in DOCS:
        turns, fulltext = load(doc)
        if turns is None:
            continue
        fmt, enc, ilab, rlab = DOCS[doc]
        parsed[doc] = (turns, fulltext)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        if turns[0][0] != ilab:
            problem(f"{doc}: first turn is not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker")
        for i, (who, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if who != want:
                problem(f"{doc}: turn {i} should be {want}, is {who}")
                break
        words = sum(count_words(t) for _, t in turns)
        nresp = sum(1 for w, _ in turns if w == rlab)
        stats[doc] = (words, nresp, len(turns))
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RTURNS[0] <= nresp <= RTURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, outside {RTURNS}")
        if FORBIDDEN.search(fulltext):
            problem(f"{doc}: transcript uses a style label word")

    # styles.csv
    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for row in styles:
        if len(row) != 3:
            problem(f"styles.csv: bad row {row}")
            continue
        d, st, ra = row
        if d in seen:
            problem(f"styles.csv: duplicate {d}")
        seen[d] = (st, ra)
        if d not in DOCS:
            problem(f"styles.csv: unknown doc {d}")
        if not ra.strip():
            problem(f"styles.csv: empty rationale for {d}")
    for d in DOCS:
        if d not in seen:
            problem(f"styles.csv: missing {d}")
    mix = {}
    for st, _ in seen.values():
        mix[st] = mix.get(st, 0) + 1
    if mix != EXPECTED_MIX:
        problem(f"styles.csv: mix {mix}, expected {EXPECTED_MIX}")
    kinds = []
    for d, (st, ra) in seen.items():
        if st == "onbepaald":
            k = [k for k in ONBEPAALD_KINDS if k in ra.lower()]
            if len(k) != 1:
                problem(f"styles.csv: onbepaald {d} must name exactly one kind {ONBEPAALD_KINDS}")
            kinds.extend(k)
    if sorted(kinds) != sorted(ONBEPAALD_KINDS):
        problem(f"styles.csv: onbepaald kinds {kinds}, expected one of each")

    # orientation.csv
    orows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for row in orows:
        if len(row) != 3:
            problem(f"orientation.csv: bad row {row}")
            continue
        d, ti, o = row
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {row}")
        if not ti.isdigit():
            problem(f"orientation.csv: bad turn index {row}")
            continue
        ti = int(ti)
        keys.append((d, ti))
        if d not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {d}")
            continue
        turns = parsed[d][0]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != DOCS[d][3]:
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    irows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = {}
    idkeys = set()
    for row in irows:
        if len(row) != 3:
            problem(f"identifiers.csv: bad row {row}")
            continue
        d, ident, typ = row
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {row}")
        if (d, ident) in idkeys:
            problem(f"identifiers.csv: duplicate {d} {ident}")
        idkeys.add((d, ident))
        per_doc[d] = per_doc.get(d, 0) + 1
        if d not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {d}")
            continue
        if ident not in parsed[d][1]:
            problem(f"identifiers.csv: {d} identifier not found verbatim: {ident!r}")
    for d in DOCS:
        if per_doc.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if "--stats" in sys.argv:
        for d, (w, r, n) in stats.items():
            print(f"{d}: {w} words, {r} respondent turns, {n} turns, {per_doc.get(d, 0)} identifiers")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
