#!/usr/bin/env python3
"""Check set JG against the brief, using the BUILT transcripts (standard library only).

Usage: python3 check.py [-v]   -> prints OK, or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
MIX = {"jg01": "casusgericht", "jg02": "casusgericht", "jg03": "netwerkgericht",
       "jg04": "onbepaald", "jg05": "netwerkgericht", "jg06": "onbepaald"}
KIND = {"jg04": "mixed", "jg06": "too little evidence"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
INTERVIEWER = {"i", "interviewer", "onderzoeker", "spreker 1", "int", "int."}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]<>\n]{1,40}?):\s+(\S.*)$")
TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d\d\d --> \d\d:\d\d:\d\d[.,]\d\d\d")
VOICE = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def decode(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def labelled(lines, doc):
    """Header lines before the first interviewer turn, then strictly labelled turns."""
    header, turns, labels = [], [], {}
    started = False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = LABEL.match(line)
        if not started:
            if m and m.group(2).strip().lower() in INTERVIEWER:
                started = True
            else:
                header.append(line)
                continue
        if not m:
            bad(f"{doc}: line is not a speaker turn: {line[:60]!r}")
            continue
        lab = m.group(2).strip()
        role = "I" if lab.lower() in INTERVIEWER else "R"
        if labels.setdefault(role, lab) != lab:
            bad(f"{doc}: more than two speaker labels ({labels[role]!r}, {lab!r})")
        turns.append((role, m.group(3)))
    return header, turns, labels


def parse_vtt(text, doc):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
        return [], [], {}
    header, turns, labels = [], [], {}
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            header += [x for x in [ls[0][4:].strip()] + ls[1:] if x.strip()]
            continue
        if not TIMING.match(ls[0]):
            ls = ls[1:]  # cue identifier
        if not ls or not TIMING.match(ls[0]):
            bad(f"{doc}: vtt block without timing: {b[:50]!r}")
            continue
        m = VOICE.match(" ".join(ls[1:]).strip())
        if not m:
            bad(f"{doc}: vtt cue without <v> tag: {b[:60]!r}")
            continue
        lab, txt = m.group(1).strip(), m.group(2).strip()
        role = "I" if lab.lower() in INTERVIEWER else "R"
        if labels.setdefault(role, lab) != lab:
            bad(f"{doc}: more than two voices")
        if turns and turns[-1][0] == role:
            turns[-1] = (role, turns[-1][1] + " " + txt)  # a turn may span several cues
        else:
            turns.append((role, txt))
    return header, turns, labels


def parse_srt(text, doc):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    lines = []
    for n, b in enumerate(blocks, 1):
        ls = b.split("\n")
        if len(ls) < 3 or ls[0].strip() != str(n) or not TIMING.match(ls[1]):
            bad(f"{doc}: malformed srt cue {n}")
            continue
        lines.append(" ".join(x.strip() for x in ls[2:]))
    return labelled(lines, doc)


def parse(path, doc):
    ext = path.suffix.lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        fmt = "docx-bold" if b"<w:b/>" in zipfile.ZipFile(path).read("word/document.xml") else "docx-plain"
        return labelled(paras, doc) + (fmt, "\n".join(paras))
    text, enc = decode(path)
    if "Ã" in text or "\ufffd" in text:
        bad(f"{doc}: text looks mis-decoded")
    if ext == ".vtt":
        if enc != "utf-8":
            bad(f"{doc}: vtt must be UTF-8")
        return parse_vtt(text, doc) + ("vtt", text)
    if ext == ".srt":
        return parse_srt(text, doc) + ("srt", text)
    if ext == ".txt":
        return labelled(text.replace("\r\n", "\n").split("\n"), doc) + (f"txt-{enc}", text)
    bad(f"{doc}: unknown transcript extension {ext}")
    return [], [], {}, "?", ""


def main():
    docs = {}
    files = sorted(TR.iterdir()) if TR.is_dir() else []
    for f in files:
        doc = f.stem
        if doc not in MIX:
            bad(f"unexpected file in transcripts/: {f.name}")
            continue
        if doc in docs:
            bad(f"{doc}: more than one transcript")
        docs[doc] = f
    formats = set()
    parsed = {}
    for doc in MIX:
        if doc not in docs:
            bad(f"{doc}: no transcript")
            continue
        header, turns, labels, fmt, full = parse(docs[doc], doc)
        formats.add(fmt)
        parsed[doc] = (turns, full + "\n" + "\n".join(labels.values()))
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        for i, (role, _) in enumerate(turns):
            if role != ("I" if i % 2 == 0 else "R"):
                bad(f"{doc}: turns do not alternate (turn {i + 1})")
                break
        nresp = sum(1 for r, _ in turns if r == "R")
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns (need 10-45)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words (need 1500-2600)")
        for line in header:
            m = LABEL.match(line)
            if m and m.group(2).strip().lower() not in {"respondent", "datum", "duur", "interviewer"}:
                bad(f"{doc}: header line looks like a speaker turn: {line[:50]!r}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: forbidden word {w!r} in transcript")
        if "-v" in sys.argv:
            print(f"{doc}: {docs[doc].name:10s} {fmt:11s} turns={len(turns)} resp={nresp} words={words}")
    if len(formats) < 4:
        bad(f"only {len(formats)} different formats: {sorted(formats)}")

    # styles.csv
    try:
        rows = list(csv.reader(open(ROOT / "styles.csv", encoding="utf-8")))
        if rows[0] != ["doc_id", "style", "rationale"]:
            bad("styles.csv: wrong header")
        got = {}
        for r in rows[1:]:
            if len(r) != 3 or not r[2].strip():
                bad(f"styles.csv: bad row {r}")
                continue
            if r[0] in got:
                bad(f"styles.csv: duplicate {r[0]}")
            got[r[0]] = r
        for doc, style in MIX.items():
            if doc not in got:
                bad(f"styles.csv: {doc} missing")
            elif got[doc][1] != style:
                bad(f"styles.csv: {doc} is {got[doc][1]}, requested {style}")
            elif doc in KIND and KIND[doc] not in got[doc][2].lower():
                bad(f"styles.csv: {doc} rationale does not name the kind ({KIND[doc]})")
        for doc in got:
            if doc not in MIX:
                bad(f"styles.csv: unknown doc {doc}")
    except (OSError, IndexError) as e:
        bad(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.reader(open(ROOT / "orientation.csv", encoding="utf-8")))
        if rows[0] != ["doc_id", "turn_index", "orientation"]:
            bad("orientation.csv: wrong header")
        keys = []
        for r in rows[1:]:
            if len(r) != 3 or r[0] not in parsed or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
                bad(f"orientation.csv: bad row {r}")
                continue
            idx = int(r[1])
            turns = parsed[r[0]][0]
            if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
                bad(f"orientation.csv: {r[0]} turn {idx} is not a respondent turn")
            keys.append((r[0], idx))
        if keys != sorted(keys):
            bad("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            bad("orientation.csv: duplicates")
    except (OSError, IndexError) as e:
        bad(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.reader(open(ROOT / "identifiers.csv", encoding="utf-8")))
        if rows[0] != ["doc_id", "identifier", "type"]:
            bad("identifiers.csv: wrong header")
        seen, count = set(), {}
        for r in rows[1:]:
            if len(r) != 3 or r[0] not in parsed or r[2] not in TYPES or not r[1]:
                bad(f"identifiers.csv: bad row {r}")
                continue
            if (r[0], r[1]) in seen:
                bad(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
            seen.add((r[0], r[1]))
            count[r[0]] = count.get(r[0], 0) + 1
            if r[1] not in parsed[r[0]][1]:
                bad(f"identifiers.csv: {r[0]} {r[1]!r} does not occur verbatim")
        for doc in parsed:
            if count.get(doc, 0) < 5:
                bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")
    except (OSError, IndexError) as e:
        bad(f"identifiers.csv: {e}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
