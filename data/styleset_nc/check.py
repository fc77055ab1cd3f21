#!/usr/bin/env python3
"""Check the built setnc transcripts and csv files (standard library only).

Parses the transcripts in transcripts/ (not the sources), and checks: one readable transcript per doc in
its expected encoding, strictly alternating turns starting with the interviewer, 10-45 respondent
turns, 1500-2600 spoken words, orientation rows pointing at respondent turns, identifiers occurring
verbatim, styles.csv complete with the requested mix. Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id: extension, encoding, line ending, speaker label -> role
DOCS = {
    "nc01": dict(ext="docx", labels={"Interviewer": "I", "Ingrid": "R"}),
    "nc02": dict(ext="vtt", enc="utf-8", labels={"Joyce Smit": "I", "Bas Kuiper": "R"}),
    "nc03": dict(ext="docx", labels={"Interviewer": "I", "Yvonne": "R"}),
    "nc04": dict(ext="txt", enc="cp1252", crlf=True, labels={"I": "I", "R": "R"}),
    "nc05": dict(ext="txt", enc="utf-8", ts=True, labels={"Spreker 1": "I", "Spreker 2": "R"}),
    "nc06": dict(ext="srt", enc="utf-8", crlf=True, labels={"Merel": "I", "Thijs": "R"}),
}
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def read_text(path, enc, crlf):
    data = open(path, "rb").read()
    try:
        text = data.decode(enc)  # strict
    except UnicodeDecodeError as e:
        problem(f"{os.path.basename(path)}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            data.decode("utf-8")
            if any(b > 127 for b in data):
                problem(f"{os.path.basename(path)}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if "\ufffd" in text or "Ã" in text:
        problem(f"{os.path.basename(path)}: looks like mojibake")
    if crlf and "\r\n" not in text:
        problem(f"{os.path.basename(path)}: expected CRLF line endings")
    if crlf and re.search(r"(?<!\r)\n", text):
        problem(f"{os.path.basename(path)}: mixed line endings")
    return text.replace("\r\n", "\n")


def parse_labelled(lines, labels, ts=False):
    names = sorted(labels, key=len, reverse=True)
    if ts:
        rx = re.compile(r"^\[\d\d:\d\d:\d\d\] (" + "|".join(map(re.escape, names)) + r"):\s*(.*)$")
    else:
        rx = re.compile(r"^(" + "|".join(map(re.escape, names)) + r"):\s*(.*)$")
    header, turns = [], []
    for line in lines:
        line = line.strip()
        m = rx.match(line)
        if m:
            turns.append([labels[m.group(1)], m.group(2)])
        elif not line:
            continue
        elif turns:
            turns[-1][1] += " " + line
        else:
            header.append(line)
    return header, turns


def parse_docx(path, labels):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{os.path.basename(path)}: unreadable docx: {e}")
        return None
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    header, turns = parse_labelled(paras, labels)
    return "\n".join(paras), header, turns


def parse_vtt(text, labels):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem("vtt: missing WEBVTT signature")
        return None
    header, turns = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(l for l in lines[1:] if l.strip())
            rest = lines[0][4:].strip()
            if rest:
                header.insert(0, rest)
            continue
        k = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if k is None:
            problem(f"vtt: block without timing: {lines[0][:40]}")
            continue
        cue = " ".join(l.strip() for l in lines[k + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", cue)
        if m:
            speaker, cue = m.group(1).strip(), m.group(2)
        elif turns:
            speaker = None
        else:
            problem("vtt: first cue without voice tag")
            continue
        cue = re.sub(r"</v>", "", cue).strip()
        if speaker is not None and speaker not in labels:
            problem(f"vtt: unknown voice {speaker!r}")
            continue
        role = labels[speaker] if speaker else turns[-1][0]
        if turns and turns[-1][0] == role:
            turns[-1][1] += " " + cue
        else:
            turns.append([role, cue])
    return header, turns


def parse_srt(text, labels):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    names = sorted(labels, key=len, reverse=True)
    rx = re.compile(r"^(" + "|".join(map(re.escape, names)) + r"):\s*(.*)$")
    turns, expect = [], 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"srt: malformed cue: {lines[0][:40]}")
            continue
        if int(lines[0]) != expect:
            problem(f"srt: cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        cue = " ".join(l.strip() for l in lines[2:])
        m = rx.match(cue)
        if m:
            turns.append([labels[m.group(1)], m.group(2)])
        elif turns:
            turns[-1][1] += " " + cue
        else:
            problem("srt: first cue without speaker name")
    return [], turns


def load(doc_id, cfg):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    ext = files[0].rsplit(".", 1)[1]
    if ext != cfg["ext"]:
        problem(f"{doc_id}: expected .{cfg['ext']}, found .{ext}")
        return None
    if ext == "docx":
        res = parse_docx(path, cfg["labels"])
        return res
    text = read_text(path, cfg["enc"], cfg.get("crlf", False))
    if text is None:
        return None
    if ext == "txt":
        header, turns = parse_labelled(text.split("\n"), cfg["labels"], ts=cfg.get("ts", False))
    elif ext == "vtt":
        res = parse_vtt(text, cfg["labels"])
        if res is None:
            return None
        header, turns = res
    else:
        header, turns = parse_srt(text, cfg["labels"])
    return text, header, turns


def read_csv(name, cols):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        head = next(r, None)
        if head != cols:
            problem(f"{name}: header {head} != {cols}")
        return [row for row in r if row]


def main():
    parsed = {}
    for doc_id, cfg in DOCS.items():
        res = load(doc_id, cfg)
        if res is None:
            continue
        raw, header, turns = res
        parsed[doc_id] = (raw, header, turns)
        if not turns:
            problem(f"{doc_id}: no turns parsed")
            continue
        for i, (role, text) in enumerate(turns, start=1):
            want = "I" if i % 2 else "R"
            if role != want:
                problem(f"{doc_id}: turn {i} is {role}, expected {want} (no strict alternation)")
                break
            if not text.strip():
                problem(f"{doc_id}: turn {i} is empty")
        nr = sum(1 for r, _ in turns if r == "R")
        if not 10 <= nr <= 45:
            problem(f"{doc_id}: {nr} respondent turns (10-45 required)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc_id}: {words} spoken words (1500-2600 required)")
        for i, (_, t) in enumerate(turns, start=1):
            if FORBIDDEN.search(t):
                problem(f"{doc_id}: turn {i} uses a forbidden label word")
        for h in header:
            if FORBIDDEN.search(h):
                problem(f"{doc_id}: header uses a forbidden label word")

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for row in rows:
        if len(row) != 3:
            problem(f"styles.csv: bad row {row}")
            continue
        d, s, why = row
        if d in seen:
            problem(f"styles.csv: duplicate {d}")
        seen[d] = (s, why)
        if s not in MIX:
            problem(f"styles.csv: {d} has invalid style {s}")
        if not why.strip():
            problem(f"styles.csv: {d} has no rationale")
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs {sorted(seen)} != {sorted(DOCS)}")
    counts = {k: sum(1 for s, _ in seen.values() if s == k) for k in MIX}
    if counts != MIX:
        problem(f"styles.csv: mix {counts} != {MIX}")
    kinds = []
    for s, why in seen.values():
        if s == "onbepaald":
            low = why.lower()
            if "mixed" in low:
                kinds.append("mixed")
            elif "too little evidence" in low:
                kinds.append("too little evidence")
            else:
                problem("styles.csv: onbepaald rationale does not say which kind")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, expected one mixed and one too little evidence")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for row in rows:
        if len(row) != 3:
            problem(f"orientation.csv: bad row {row}")
            continue
        d, idx, o = row
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {row}")
        try:
            idx = int(idx)
        except ValueError:
            problem(f"orientation.csv: bad turn_index {row}")
            continue
        keys.append((d, idx))
        if d not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {d}")
            continue
        turns = parsed[d][2]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, pairs = {}, set()
    for row in rows:
        if len(row) != 3:
            problem(f"identifiers.csv: bad row {row}")
            continue
        d, ident, t = row
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {row}")
        if (d, ident) in pairs:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        pairs.add((d, ident))
        per_doc[d] = per_doc.get(d, 0) + 1
        if d not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {d}")
            continue
        raw, header, turns = parsed[d]
        hay = raw + "\n" + "\n".join(header) + "\n" + "\n".join(t for _, t in turns)
        if ident not in hay:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d in DOCS:
        if per_doc.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    exts = {cfg["ext"] + ("/ts" if cfg.get("ts") else "") + ("/" + cfg.get("enc", "")) for cfg in DOCS.values()}
    if len(exts) < 4:
        problem("fewer than four transcript formats")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
