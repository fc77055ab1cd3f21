#!/usr/bin/env python3
"""Check the built blind set (standard library only).

Parses the built transcripts in transcripts/ (not the sources) and checks: one readable transcript
per doc id in its encoding, at least four formats, strictly alternating turns starting with the
interviewer, 10-45 respondent turns, 1,500-2,600 spoken words, orientation rows that point at
respondent turns, identifiers that occur verbatim in their document, a complete styles.csv with the
requested mix, and none of the forbidden label words in the transcripts.
Prints OK, or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

SET = Path(__file__).resolve().parent
TR = SET / "transcripts"

# doc_id: (extension, encoding, interviewer label, respondent label)
EXPECT = {
    "mk01": ("docx", None, "Interviewer", "Respondent"),
    "mk02": ("txt", "cp1252", "I", "R"),
    "mk03": ("vtt", "utf-8", "Lotte Arendsen", "Gerard Wopereis"),
    "mk04": ("srt", "utf-8", "Onderzoeker", "Sander"),
    "mk05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "mk06": ("docx", None, "Hanneke", "Derk"),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORDS_MIN, WORDS_MAX = 1500, 2600
RTURNS_MIN, RTURNS_MAX = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def nwords(text):
    return sum(1 for tok in text.split() if re.search(r"\w", tok))


def decode(path, enc):
    data = path.read_bytes()
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{path.name}: not readable as {enc}: {e}")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\ufffd" in text:
        problem(f"{path.name}: replacement characters after decoding as {enc}")
    return text.replace("\r\n", "\n")


def label_re(il, rl):
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + re.escape(il) + "|" + re.escape(rl) + r"):\s+(.*)$")


def add_turn(turns, who, text):
    turns.append([who, text.strip()])


def parse_docx(path, il, rl):
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{path.name}: cannot read docx: {e}")
        return None
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag in (W + "tab", W + "br"):
                parts.append(" ")
        paras.append("".join(parts))
    lab = label_re(il, rl)
    header, turns = [], []
    for para in paras:
        if not para.strip():
            continue
        m = lab.match(para)
        if m:
            add_turn(turns, "I" if m.group(2) == il else "R", m.group(3))
        elif turns:
            turns[-1][1] += " " + para.strip()
        else:
            header.append(para)
    return header, turns, "\n".join(paras)


def parse_txt(path, enc, il, rl):
    text = decode(path, enc)
    if text is None:
        return None
    lab = label_re(il, rl)
    header, turns, last_ts = [], [], None
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = lab.match(line)
        if m:
            if m.group(1):
                if last_ts and m.group(1) < last_ts:
                    problem(f"{path.name}: timestamps go backwards at {m.group(1)}")
                last_ts = m.group(1)
            add_turn(turns, "I" if m.group(2) == il else "R", m.group(3))
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            if re.match(r"^[^:]{1,30}:\s", line) and not re.match(
                    r"^(Datum|Duur|Opname|Respondent|Interviewer|Sprekers|Locatie)\b", line):
                problem(f"{path.name}: header line looks like a speaker turn: {line[:50]!r}")
            header.append(line)
    return header, turns, text


TIMING = re.compile(r"^(\d\d):(\d\d):(\d\d)[.,](\d\d\d) --> (\d\d):(\d\d):(\d\d)[.,](\d\d\d)$")


def secs(g):
    return int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2]) + int(g[3]) / 1000


def parse_cues(path, text, kind, il, rl):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip("\n")) if b.strip()]
    header, turns, last_end = [], [], 0.0
    voice = re.compile(r"^<v(?:\.[^\s>]+)?\s+([^>]+)>(.*?)(?:</v>)?$")
    name = re.compile(r"^(" + re.escape(il) + "|" + re.escape(rl) + r"):\s+(.*)$")
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{path.name}: does not start with WEBVTT")
            return None
        blocks = blocks[1:]
    expected_no = 1
    for b in blocks:
        lines = b.split("\n")
        if kind == "vtt" and lines[0].startswith("NOTE"):
            header += [ln for ln in lines[1:] if ln.strip()]
            continue
        if kind == "srt":
            if lines[0].strip() != str(expected_no):
                problem(f"{path.name}: cue number {lines[0]!r}, expected {expected_no}")
            expected_no += 1
            lines = lines[1:]
        elif "-->" not in lines[0]:
            lines = lines[1:]  # optional cue identifier
        m = TIMING.match(lines[0].strip()) if lines else None
        if not m:
            problem(f"{path.name}: bad timing line in cue {b[:40]!r}")
            continue
        start, end = secs(m.groups()[:4]), secs(m.groups()[4:])
        if end <= start or start < last_end:
            problem(f"{path.name}: cue timing not increasing at {lines[0]}")
        last_end = end
        body = " ".join(ln.strip() for ln in lines[1:])
        mm = voice.match(body) if kind == "vtt" else name.match(body)
        if not mm:
            problem(f"{path.name}: cue without speaker: {body[:50]!r}")
            continue
        spk, txt = mm.group(1).strip(), mm.group(2)
        if spk not in (il, rl):
            problem(f"{path.name}: unknown speaker {spk!r}")
            continue
        who = "I" if spk == il else "R"
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt.strip()
        else:
            add_turn(turns, who, txt)
    return header, turns, text


def main():
    # styles
    styles = {}
    try:
        with open(SET / "styles.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "style", "rationale"]:
            problem("styles.csv: header must be doc_id,style,rationale")
        for r in rows[1:]:
            if len(r) != 3:
                problem(f"styles.csv: bad row {r}")
                continue
            if r[0] in styles:
                problem(f"styles.csv: duplicate {r[0]}")
            styles[r[0]] = r[1]
            if r[1] not in MIX:
                problem(f"styles.csv: {r[0]} has unknown style {r[1]!r}")
            if not r[2].strip():
                problem(f"styles.csv: {r[0]} has no rationale")
            if r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
                problem(f"styles.csv: {r[0]} onbepaald without its kind")
    except (OSError, IndexError) as e:
        problem(f"styles.csv: {e}")
    if set(styles) != set(EXPECT):
        problem(f"styles.csv: doc ids {sorted(styles)} != {sorted(EXPECT)}")
    counts = {s: list(styles.values()).count(s) for s in MIX}
    if counts != MIX:
        problem(f"styles.csv: mix {counts} != {MIX}")

    # transcripts
    docs = {}
    files = sorted(p for p in TR.iterdir() if p.is_file()) if TR.is_dir() else []
    for doc_id, (ext, enc, il, rl) in EXPECT.items():
        mine = [p for p in files if p.stem == doc_id]
        if len(mine) != 1:
            problem(f"{doc_id}: expected one transcript, found {[p.name for p in mine]}")
            continue
        path = mine[0]
        if path.suffix[1:] != ext:
            problem(f"{doc_id}: expected .{ext}, found {path.name}")
            continue
        if ext == "docx":
            parsed = parse_docx(path, il, rl)
        elif ext == "txt":
            parsed = parse_txt(path, enc, il, rl)
        else:
            text = decode(path, enc)
            parsed = parse_cues(path, text, ext, il, rl) if text is not None else None
        if parsed is None:
            continue
        header, turns, full = parsed
        docs[doc_id] = (turns, full)
        if not turns:
            problem(f"{doc_id}: no turns found")
            continue
        for i, (who, _) in enumerate(turns):
            if who != ("I" if i % 2 == 0 else "R"):
                problem(f"{doc_id}: turn {i + 1} is by {who}; turns must alternate starting with the interviewer")
                break
        nr = sum(1 for w, _ in turns if w == "R")
        if not RTURNS_MIN <= nr <= RTURNS_MAX:
            problem(f"{doc_id}: {nr} respondent turns (need {RTURNS_MIN}-{RTURNS_MAX})")
        nw = sum(nwords(t) for _, t in turns)
        if not WORDS_MIN <= nw <= WORDS_MAX:
            problem(f"{doc_id}: {nw} spoken words (need {WORDS_MIN}-{WORDS_MAX})")
        low = full.lower()
        for bad in FORBIDDEN:
            if bad in low:
                problem(f"{doc_id}: forbidden word {bad!r} in transcript")
    extra = [p.name for p in files if p.stem not in EXPECT]
    if extra:
        problem(f"transcripts/: unexpected files {extra}")
    exts = {p.suffix for p in files}
    if len(exts) < 4:
        problem(f"only {len(exts)} formats used: {sorted(exts)}")

    # orientation
    try:
        with open(SET / "orientation.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "turn_index", "orientation"]:
            problem("orientation.csv: bad header")
        keys = []
        for r in rows[1:]:
            doc_id, idx, ori = r[0], int(r[1]), r[2]
            keys.append((doc_id, idx))
            if ori not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {r}")
            if doc_id not in docs:
                problem(f"orientation.csv: unknown doc {doc_id}")
                continue
            turns = docs[doc_id][0]
            if idx < 1 or idx > len(turns) or turns[idx - 1][0] != "R":
                problem(f"orientation.csv: {doc_id} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, IndexError, ValueError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers
    try:
        with open(SET / "identifiers.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "identifier", "type"]:
            problem("identifiers.csv: bad header")
        seen, per_doc = set(), {}
        for r in rows[1:]:
            doc_id, ident, typ = r
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {r}")
            if (doc_id, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc_id} {ident!r}")
            seen.add((doc_id, ident))
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
            if doc_id not in docs:
                problem(f"identifiers.csv: unknown doc {doc_id}")
            elif ident not in docs[doc_id][1]:
                problem(f"identifiers.csv: {doc_id} {ident!r} not verbatim in the transcript")
        for doc_id in EXPECT:
            if per_doc.get(doc_id, 0) < 5:
                problem(f"identifiers.csv: {doc_id} has fewer than 5 identifiers")
    except (OSError, IndexError, ValueError) as e:
        problem(f"identifiers.csv: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
