#!/usr/bin/env python3
"""Check the built setGE transcripts and csv files (standard library only).

Parses the transcripts themselves (not src/), then checks: one readable
transcript per doc in its encoding, turns alternating from the interviewer,
orientation rows pointing at respondent turns, identifiers occurring verbatim,
styles.csv complete with the requested mix, word range and turn range.
Prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc -> (extension, encoding, crlf required, interviewer label, respondent label)
DOCS = {
    "ge01": ("txt", "cp1252", True, "I", "R"),
    "ge02": ("docx", None, False, "Onderzoeker", "Ilse Donkers"),
    "ge03": ("docx", None, False, "Interviewer", "Frank Habraken"),
    "ge04": ("vtt", "utf-8", False, "Bas Janssen", "Esther Rovers"),
    "ge05": ("srt", "utf-8", True, "Interviewer", "Gerard"),
    "ge06": ("txt", "utf-8", False, "Spreker 1", "Spreker 2"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def label_re(labels):
    alt = "|".join(re.escape(l) for l in labels)
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?(" + alt + r"):\s*(.*)$")


def lines_to_turns(lines, labels, doc, merge=False):
    """Labelled lines start turns; unlabelled lines before the first turn are header,
    after it they continue the current turn."""
    rx = label_re(labels)
    turns, header = [], []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            who, text = m.group(2), m.group(3)
            if merge and turns and turns[-1][0] == who:
                turns[-1][1] += " " + text
            else:
                turns.append([who, text])
        elif turns:
            turns[-1][1] += " " + s
        else:
            header.append(s)
    return header, turns


def read_txt(path, enc, crlf, labels, doc):
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if raw.startswith(b"\xef\xbb\xbf"):
        text = text.lstrip("\ufeff")
    if crlf and (b"\n" in raw.replace(b"\r\n", b"")):
        bad(f"{doc}: expected CRLF line endings throughout")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{doc}: cp1252 file is also valid UTF-8 (expected Windows-1252 bytes)")
        except UnicodeDecodeError:
            pass
    header, turns = lines_to_turns(text.splitlines(), labels, doc)
    return text, turns


def read_docx(path, labels, doc):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as e:
        bad(f"{doc}: unreadable docx: {e}")
        return None, None
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    header, turns = lines_to_turns(paras, labels, doc)
    return "\n".join(paras), turns


def cue_blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def read_vtt(path, enc, labels, doc):
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None, None
    blocks = cue_blocks(text)
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT signature")
    turns = []
    timing = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}")
    voice = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$")
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            continue
        if not timing.match(ls[0]):
            if len(ls) > 1 and timing.match(ls[1]):
                ls = ls[1:]
            else:
                bad(f"{doc}: cue without timing: {ls[0][:40]!r}")
                continue
        body = " ".join(l.strip() for l in ls[1:])
        m = voice.match(body)
        if not m:
            bad(f"{doc}: cue without voice tag: {body[:40]!r}")
            continue
        who, t = m.group(1), m.group(2)
        if who not in labels:
            bad(f"{doc}: unknown voice {who!r}")
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + t
        else:
            turns.append([who, t])
    return text, turns


def read_srt(path, enc, crlf, labels, doc):
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if crlf and (b"\n" in raw.replace(b"\r\n", b"")):
        bad(f"{doc}: expected CRLF line endings throughout")
    rx = label_re(labels)
    timing = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")
    turns, expect = [], 1
    for b in cue_blocks(text):
        ls = b.split("\n")
        if len(ls) < 3 or ls[0].strip() != str(expect) or not timing.match(ls[1].strip()):
            bad(f"{doc}: malformed cue near {ls[0][:20]!r}")
            continue
        expect += 1
        body = " ".join(l.strip() for l in ls[2:])
        m = rx.match(body)
        if not m:
            bad(f"{doc}: cue {ls[0]} without speaker name")
            continue
        who, t = m.group(2), m.group(3)
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + t
        else:
            turns.append([who, t])
    return text, turns


def main():
    texts, turn_map = {}, {}
    for doc, (ext, enc, crlf, li, lr) in DOCS.items():
        found = sorted(TR.glob(doc + ".*"))
        if len(found) != 1:
            bad(f"{doc}: expected exactly one transcript, found {[f.name for f in found]}")
            continue
        path = found[0]
        if path.suffix != "." + ext:
            bad(f"{doc}: expected .{ext}, found {path.name}")
            continue
        labels = (li, lr)
        if ext == "txt":
            text, turns = read_txt(path, enc, crlf, labels, doc)
        elif ext == "docx":
            text, turns = read_docx(path, labels, doc)
        elif ext == "vtt":
            text, turns = read_vtt(path, enc, labels, doc)
        else:
            text, turns = read_srt(path, enc, crlf, labels, doc)
        if text is None:
            continue
        texts[doc], turn_map[doc] = text, turns
        for i, (who, _) in enumerate(turns):
            want = li if i % 2 == 0 else lr
            if who != want:
                bad(f"{doc}: turn {i+1} is {who!r}, expected {want!r}")
                break
        nwords = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= nwords <= WORDS[1]:
            bad(f"{doc}: {nwords} spoken words, outside {WORDS}")
        nr = sum(1 for w, _ in turns if w == lr)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns, outside {RTURNS}")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if [r["doc_id"] for r in rows] != list(DOCS):
        bad(f"styles.csv: doc ids {[r['doc_id'] for r in rows]} != {list(DOCS)}")
    if Counter(r["style"] for r in rows) != Counter(MIX):
        bad(f"styles.csv: mix {dict(Counter(r['style'] for r in rows))} != {MIX}")
    kinds = []
    for r in rows:
        if not r["rationale"].strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald":
            low = r["rationale"].lower()
            if "mixed" in low:
                kinds.append("mixed")
            elif "too little evidence" in low:
                kinds.append("little")
            else:
                bad(f"styles.csv: onbepaald {r['doc_id']} does not say which kind")
    if sorted(kinds) != ["little", "mixed"]:
        bad(f"styles.csv: onbepaald kinds {kinds}, expected one mixed and one too little evidence")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")
    for r in rows:
        doc, idx = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in turn_map:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = turn_map[doc]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != DOCS[doc][4]:
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = set()
    per_doc = Counter()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r}")
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if doc not in texts:
            bad(f"identifiers.csv: unknown doc {doc}")
        elif ident not in texts[doc]:
            bad(f"identifiers.csv: {ident!r} not found verbatim in {doc}")
    for doc in DOCS:
        if per_doc[doc] < 5:
            bad(f"{doc}: only {per_doc[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
