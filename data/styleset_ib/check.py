#!/usr/bin/env python3
"""Check set IB: parses the built transcripts (not the sources). Standard library only.

Prints OK, or the problems found (exit status 1).
"""
import csv
import pathlib
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent
TRANSCRIPTS = ROOT / "transcripts"

DOCS = {
    "ib01": dict(ext="srt", enc="utf-8", i="Interviewer", r="Bolhuis", crlf=True),
    "ib02": dict(ext="docx", i="Interviewer", r="Respondent"),
    "ib03": dict(ext="txt", enc="cp1252", i="I", r="R", crlf=True),
    "ib04": dict(ext="vtt", enc="utf-8", i="Onderzoeker", r="Jan Oosting"),
    "ib05": dict(ext="txt", enc="utf-8", i="Spreker 1", r="Spreker 2"),
    "ib06": dict(ext="docx", i="Anouk", r="Sjoerd"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def read_text(path, enc):
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{path.name}: not readable as {enc}: {e}")
        return None, raw
    if enc == "cp1252" and any(b > 127 for b in raw):
        try:
            raw.decode("utf-8")
            problem(f"{path.name}: declared cp1252 but decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, raw


def docx_paragraphs(path):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as e:
        problem(f"{path.name}: not a readable docx: {e}")
        return None
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W_NS + "t" and node.text:
                parts.append(node.text)
            elif node.tag == W_NS + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def turns_from_lines(doc, lines, cfg):
    labels = [cfg["i"], cfg["r"]]
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$")
    turns, started = [], False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            problem(f"{doc}: stray line between turns: {line[:60]!r}")
    return turns


def merge(cues):
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return turns


def turns_from_srt(doc, text, cfg):
    labels = [cfg["i"], cfg["r"]]
    pat = re.compile(r"^(" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$", re.S)
    timing = re.compile(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$")
    cues, expected = [], 1
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not timing.match(lines[1].strip()):
            problem(f"{doc}: malformed srt cue: {block[:60]!r}")
            continue
        if int(lines[0]) != expected:
            problem(f"{doc}: srt cue number {lines[0]} where {expected} expected")
        expected = int(lines[0]) + 1
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if not m:
            problem(f"{doc}: srt cue without known speaker: {body[:60]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues)


def turns_from_vtt(doc, text, cfg):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    timing = re.compile(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}")
    voice = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$", re.S)
    cues = []
    for block in re.split(r"\n\s*\n", text.strip())[1:]:
        lines = block.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        k = 0 if timing.match(lines[0]) else 1
        if k >= len(lines) or not timing.match(lines[k]):
            problem(f"{doc}: malformed vtt cue: {block[:60]!r}")
            continue
        body = " ".join(l.strip() for l in lines[k + 1:])
        m = voice.match(body)
        if not m or m.group(1) not in (cfg["i"], cfg["r"]):
            problem(f"{doc}: vtt cue without known voice: {body[:60]!r}")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return merge(cues)


def count_words(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def load_docs():
    files = sorted(p for p in TRANSCRIPTS.iterdir() if p.is_file()) if TRANSCRIPTS.is_dir() else []
    if not files:
        problem("no transcripts found")
    for p in files:
        if p.stem not in DOCS:
            problem(f"unexpected file in transcripts/: {p.name}")
    parsed = {}
    for doc, cfg in DOCS.items():
        mine = [p for p in files if p.stem == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected exactly one transcript, found {len(mine)}")
            continue
        path = mine[0]
        if path.suffix != "." + cfg["ext"]:
            problem(f"{doc}: expected .{cfg['ext']}, found {path.suffix}")
            continue
        if cfg["ext"] == "docx":
            paras = docx_paragraphs(path)
            if paras is None:
                continue
            full = "\n".join(paras)
            turns = turns_from_lines(doc, paras, cfg)
        else:
            text, raw = read_text(path, cfg["enc"])
            if text is None:
                continue
            if cfg.get("crlf"):
                if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
                    problem(f"{doc}: expected CRLF line endings throughout")
            full = text
            text = text.replace("\r\n", "\n")
            if cfg["ext"] == "srt":
                turns = turns_from_srt(doc, text, cfg)
            elif cfg["ext"] == "vtt":
                turns = turns_from_vtt(doc, text, cfg)
            else:
                turns = turns_from_lines(doc, text.split("\n"), cfg)
        parsed[doc] = (full, turns)
    return parsed


def check_docs(parsed):
    for doc, (full, turns) in parsed.items():
        cfg = DOCS[doc]
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for k, (who, text) in enumerate(turns, 1):
            want = cfg["i"] if k % 2 else cfg["r"]
            if who != want:
                problem(f"{doc}: turn {k} is by {who!r}, expected {want!r} (strict alternation, interviewer first)")
                break
            if not text.strip():
                problem(f"{doc}: turn {k} is empty")
        rt = sum(1 for who, _ in turns if who == cfg["r"])
        if not RTURNS[0] <= rt <= RTURNS[1]:
            problem(f"{doc}: {rt} respondent turns, outside {RTURNS}")
        words = sum(count_words(t) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        low = full.lower()
        for f in FORBIDDEN:
            if f in low:
                problem(f"{doc}: forbidden word {f!r} in transcript")


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def check_styles():
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, counts, kinds = set(), {}, []
    for row in rows:
        if len(row) != 3:
            problem(f"styles.csv: bad row {row}")
            continue
        doc, style, why = row
        if doc not in DOCS:
            problem(f"styles.csv: unknown doc {doc}")
        if doc in seen:
            problem(f"styles.csv: duplicate doc {doc}")
        seen.add(doc)
        if style not in MIX:
            problem(f"styles.csv: {doc} has invalid style {style!r}")
        counts[style] = counts.get(style, 0) + 1
        if not why.strip():
            problem(f"styles.csv: {doc} has no rationale")
        if style == "onbepaald":
            w = why.lower()
            if "mixed" in w:
                kinds.append("mixed")
            elif "too little evidence" in w:
                kinds.append("too little evidence")
            else:
                problem(f"styles.csv: {doc} onbepaald rationale does not say which kind")
    for doc in DOCS:
        if doc not in seen:
            problem(f"styles.csv: {doc} missing")
    if counts != MIX:
        problem(f"styles.csv: style mix {counts} differs from requested {MIX}")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, expected one mixed and one too little evidence")


def check_orientation(parsed):
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for row in rows:
        if len(row) != 3:
            problem(f"orientation.csv: bad row {row}")
            continue
        doc, idx, ori = row
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: invalid orientation {ori!r} in {row}")
        try:
            k = int(idx)
        except ValueError:
            problem(f"orientation.csv: turn_index not an integer in {row}")
            continue
        keys.append((doc, k))
        if doc not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {doc}")
            continue
        turns = parsed[doc][1]
        if not 1 <= k <= len(turns):
            problem(f"orientation.csv: {doc} turn {k} out of range (1..{len(turns)})")
        elif k % 2 or turns[k - 1][0] != DOCS[doc]["r"]:
            problem(f"orientation.csv: {doc} turn {k} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")


def check_identifiers(parsed):
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), {}
    for row in rows:
        if len(row) != 3:
            problem(f"identifiers.csv: bad row {row}")
            continue
        doc, ident, typ = row
        if typ not in TYPES:
            problem(f"identifiers.csv: invalid type {typ!r} in {row}")
        if not ident.strip():
            problem(f"identifiers.csv: empty identifier in {row}")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {doc}")
        elif ident not in parsed[doc][0]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has {per_doc.get(doc, 0)} identifiers, at least 5 required")


def main():
    parsed = load_docs()
    check_docs(parsed)
    check_styles()
    check_orientation(parsed)
    check_identifiers(parsed)
    exts = {DOCS[d]["ext"] + ("/" + DOCS[d].get("enc", "") if DOCS[d]["ext"] == "txt" else "") for d in DOCS}
    if len({DOCS[d]["ext"] for d in DOCS}) < 4:
        problem(f"fewer than four different transcript formats: {sorted(exts)}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
