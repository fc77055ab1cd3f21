#!/usr/bin/env python3
"""Check set JO using the built transcripts only (standard library). Prints OK or the problems."""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

BASE = Path(__file__).resolve().parent
TR = BASE / "transcripts"
DOC_IDS = ["jo01", "jo02", "jo03", "jo04", "jo05", "jo06"]
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
# interviewer label, respondent label as they appear in each transcript
LABELS = {
    "jo01": ("Interviewer", "Harm Wubbolts"),
    "jo02": ("I", "R"),
    "jo03": ("Sjoerd Tiemersma", "Wilma Venema"),
    "jo04": ("Interviewer", "Rutger"),
    "jo05": ("Spreker 1", "Spreker 2"),
    "jo06": ("Tessa", "Gea"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
MIN_IDS = 5
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode(raw, name):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{name}: neither UTF-8 nor Windows-1252")
        return None, None


def sanity(text, name):
    if "\ufffd" in text:
        problem(f"{name}: replacement character in text")
    if re.search(r"Ã.|â€", text):
        problem(f"{name}: looks like mojibake")


def label_re(labels):
    alts = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?(" + alts + r"):\s*(.*)$")


def parse_docx(path, labels):
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
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return "\n".join(paras), lines_to_turns(paras, labels, path.name)


def lines_to_turns(lines, labels, name):
    rx = label_re(labels)
    turns = []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + s  # continuation paragraph
        # lines before the first turn are header
    return turns


def parse_txt(path, labels):
    text, enc = decode(path.read_bytes(), path.name)
    if text is None:
        return None, []
    sanity(text, path.name)
    return text, lines_to_turns(text.splitlines(), labels, path.name)


def blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if b.strip()]


TIME_VTT = re.compile(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}")
TIME_SRT = re.compile(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$")


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_vtt(path, labels):
    text, enc = decode(path.read_bytes(), path.name)
    if text is None:
        return None, []
    if enc != "utf-8":
        problem(f"{path.name}: WebVTT must be UTF-8")
    sanity(text, path.name)
    bl = blocks(text)
    if not bl or not bl[0].startswith("WEBVTT"):
        problem(f"{path.name}: missing WEBVTT header")
        return text, []
    cues = []
    for b in bl[1:]:
        lines = b.split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        if not TIME_VTT.match(lines[0]):
            lines = lines[1:]  # cue identifier
        if not lines or not TIME_VTT.match(lines[0]):
            problem(f"{path.name}: malformed cue: {b[:60]!r}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{path.name}: cue without voice tag: {body[:60]!r}")
            continue
        if m.group(1) not in labels:
            problem(f"{path.name}: unknown voice {m.group(1)!r}")
        cues.append((m.group(1), m.group(2)))
    return text, merge(cues)


def parse_srt(path, labels):
    text, enc = decode(path.read_bytes(), path.name)
    if text is None:
        return None, []
    sanity(text, path.name)
    rx = label_re(labels)
    cues = []
    for n, b in enumerate(blocks(text), 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TIME_SRT.match(lines[1].strip()):
            problem(f"{path.name}: malformed cue {n}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if not m:
            problem(f"{path.name}: cue {n} does not start with a speaker name")
            continue
        cues.append((m.group(2), m.group(3)))
    return text, merge(cues)


PARSERS = {".docx": parse_docx, ".txt": parse_txt, ".vtt": parse_vtt, ".srt": parse_srt}


def read_csv(name, head):
    path = BASE / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != head:
        problem(f"{name}: header should be {','.join(head)}")
        return []
    return rows[1:]


def main():
    docs = {}
    for d in DOC_IDS:
        files = [f for f in TR.glob(d + ".*") if f.suffix in PARSERS]
        if len(files) != 1:
            problem(f"{d}: expected exactly one transcript, found {len(files)}")
            continue
        f = files[0]
        il, rl = LABELS[d]
        text, turns = PARSERS[f.suffix](f, (il, rl))
        if text is None:
            continue
        if not turns:
            problem(f"{d}: no turns found")
            continue
        if turns[0][0] != il:
            problem(f"{d}: first turn is not the interviewer")
        for i, (spk, _) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if spk != want:
                problem(f"{d}: turn {i} is {spk!r}, expected {want!r} (turns must alternate)")
                break
        nresp = sum(1 for s, _ in turns if s == rl)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{d}: {nresp} respondent turns (want {RESP_TURNS[0]}-{RESP_TURNS[1]})")
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{d}: {words} spoken words (want {WORDS[0]}-{WORDS[1]})")
        docs[d] = dict(text=text, turns=turns, rl=rl, words=words, nresp=nresp, fmt=f.suffix)

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        if r[0] not in DOC_IDS:
            problem(f"styles.csv: unknown doc {r[0]}")
        if r[0] in seen:
            problem(f"styles.csv: duplicate {r[0]}")
        if r[1] not in MIX:
            problem(f"styles.csv: bad style {r[1]!r} for {r[0]}")
        if not r[2].strip():
            problem(f"styles.csv: empty rationale for {r[0]}")
        seen[r[0]] = r[1]
    if set(seen) != set(DOC_IDS):
        problem(f"styles.csv: missing {sorted(set(DOC_IDS) - set(seen))}")
    counts = {s: list(seen.values()).count(s) for s in MIX}
    if counts != MIX:
        problem(f"styles.csv: mix is {counts}, requested {MIX}")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        d, idx, o = r[0], int(r[1]), r[2]
        keys.append((d, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if d not in docs:
            problem(f"orientation.csv: unknown/unparsed doc {d}")
            continue
        turns = docs[d]["turns"]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != docs[d]["rl"]:
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = {d: 0 for d in DOC_IDS}
    pairs = set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, s, typ = r
        if (d, s) in pairs:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        pairs.add((d, s))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {s!r}")
        if d not in docs:
            problem(f"identifiers.csv: unknown/unparsed doc {d}")
            continue
        per_doc[d] += 1
        if s not in docs[d]["text"]:
            problem(f"identifiers.csv: {d} {s!r} not found verbatim in transcript")
    for d, n in per_doc.items():
        if n < MIN_IDS:
            problem(f"identifiers.csv: {d} has only {n} identifiers")

    fmts = {docs[d]["fmt"] for d in docs}
    if len(fmts) < 4:
        problem(f"only {len(fmts)} transcript formats: {sorted(fmts)}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d in DOC_IDS:
        print(f"  {d}{docs[d]['fmt']}: {docs[d]['words']} words, {len(docs[d]['turns'])} turns, {docs[d]['nresp']} respondent turns")
    print("OK")


if __name__ == "__main__":
    main()
