#!/usr/bin/env python3
"""Check set HW: parses the built transcripts (not the sources) with the standard library only.

Prints OK, or the problems found (exit status 1).
"""
import collections
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["hw01", "hw02", "hw03", "hw04", "hw05", "hw06"]
INTERVIEWER = {"hw01": "Lotte", "hw02": "Interviewer", "hw03": "I", "hw04": "Tom Gielen",
               "hw05": "Spreker 1", "hw06": "Sophie"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?([^:\[\]<>]{1,30}?):\s+(.*)$")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def word_count(text):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def labelled_lines(lines, doc):
    """Paragraph/line based formats: the two most frequent labels are the speakers."""
    counts = collections.Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            counts[m.group(2).strip()] += 1
    speakers = [s for s, _ in counts.most_common(2)]
    header, turns, started = [], [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2).strip() in speakers:
            started = True
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif not started:
            header.append(s)
        else:
            turns[-1][1] += " " + s
    return header, [tuple(t) for t in turns], False


def parse_txt(path, doc):
    raw = open(path, "rb").read()
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            bad(f"{doc}: .txt not readable as UTF-8 or Windows-1252")
            return None
    header, turns, _ = labelled_lines(text.splitlines(), doc)
    return text, header, turns, "txt-" + enc, False


def parse_docx(path, doc):
    try:
        root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        bad(f"{doc}: docx unreadable ({e})")
        return None
    paras = ["".join(t.text or "" for t in p.iter(W_NS + "t")) for p in root.iter(W_NS + "p")]
    header, turns, _ = labelled_lines(paras, doc)
    return "\n".join(paras), header, turns, "docx", False


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return [tuple(t) for t in turns]


def parse_srt(path, doc):
    try:
        text = open(path, "rb").read().decode("utf-8-sig")
    except UnicodeDecodeError:
        bad(f"{doc}: .srt not UTF-8")
        return None
    cues = []
    for block in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if len(lines) < 3 or not lines[0].isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt block: {block[:60]!r}")
            continue
        body = " ".join(lines[2:])
        m = re.match(r"^([^:]{1,30}):\s+(.*)$", body)
        if not m:
            bad(f"{doc}: srt cue without speaker: {body[:60]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return text, [], merge(cues), "srt", True


def parse_vtt(path, doc):
    try:
        text = open(path, "rb").read().decode("utf-8-sig")
    except UnicodeDecodeError:
        bad(f"{doc}: .vtt not UTF-8")
        return None
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: no WEBVTT signature")
        return None
    header, cues = [], []
    for block in blocks[1:]:
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if lines and lines[0].startswith("NOTE"):
            header += [ln for ln in ([lines[0][4:].strip()] + lines[1:]) if ln]
            continue
        i = 0 if "-->" in lines[0] else 1
        if len(lines) <= i + 0 or "-->" not in lines[i]:
            bad(f"{doc}: malformed vtt cue: {block[:60]!r}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:60]!r}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()))
    return text, header, merge(cues), "vtt", True


PARSERS = {".txt": parse_txt, ".docx": parse_docx, ".srt": parse_srt, ".vtt": parse_vtt}


def read_csv(name, fields):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        if r.fieldnames != fields:
            bad(f"{name}: header {r.fieldnames} != {fields}")
            return []
        return list(r)


def main():
    parsed, formats = {}, set()
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    for doc in DOCS:
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            bad(f"{doc}: expected one transcript, found {mine}")
            continue
        ext = os.path.splitext(mine[0])[1].lower()
        if ext not in PARSERS:
            bad(f"{doc}: unsupported extension {ext}")
            continue
        res = PARSERS[ext](os.path.join(TDIR, mine[0]), doc)
        if res is None:
            continue
        text, header, turns, fmt, _ = res
        formats.add(fmt)
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            bad(f"{doc}: expected two speakers, found {speakers}")
        if not turns or turns[0][0] != INTERVIEWER[doc]:
            bad(f"{doc}: first turn is not by the interviewer ({INTERVIEWER[doc]})")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                bad(f"{doc}: turns {i} and {i + 1} have the same speaker")
        for h in header:
            m = LABEL.match(h)
            if m and m.group(2).strip() in speakers:
                bad(f"{doc}: header line looks like a turn: {h[:60]!r}")
        nresp = sum(1 for s, _ in turns if s != INTERVIEWER[doc])
        if not RTURNS[0] <= nresp <= RTURNS[1]:
            bad(f"{doc}: {nresp} respondent turns, outside {RTURNS}")
        words = sum(word_count(t) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words, outside {WORDS}")
        if FORBIDDEN.search(text):
            bad(f"{doc}: transcript uses a forbidden label word")
        full = "\n".join(header + [s + ": " + t for s, t in turns])
        parsed[doc] = (turns, full, text)
    if len(formats) < 4:
        bad(f"only {len(formats)} transcript formats: {sorted(formats)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != DOCS or len(rows) != len(DOCS):
        bad(f"styles.csv: doc ids {sorted(got)} (rows {len(rows)}) != {DOCS}")
    cnt = collections.Counter(r["style"] for r in rows)
    if any(r["style"] not in STYLES for r in rows) or dict(cnt) != MIX:
        bad(f"styles.csv: style mix {dict(cnt)} != {MIX}")
    onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if not (any("mixed" in r for r in onb) and any("too little evidence" in r for r in onb)):
        bad("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")
    for r in rows:
        if not r["rationale"].strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        doc = r["doc_id"]
        try:
            n = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc, n))
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if doc not in parsed:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = parsed[doc][0]
        if not 1 <= n <= len(turns) or n % 2 != 0 or turns[n - 1][0] == INTERVIEWER[doc]:
            bad(f"orientation.csv: {doc} turn {n} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), collections.Counter()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ} for {ident!r}")
        if doc not in parsed:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        _, full, text = parsed[doc]
        if ident not in full or ident not in text:
            bad(f"identifiers.csv: {doc} {ident!r} not verbatim in transcript")
    for doc in DOCS:
        if per_doc[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
