#!/usr/bin/env python3
"""Check set GP from the BUILT transcripts (standard library only).

Usage:  python3 check.py      (prints OK, or the problems and exits with status 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# per document: format, encoding, line ending, and which label belongs to which role
DOCS = {
    "gp01": dict(fmt="docx_bold", ext="docx", labels={"Maud Kerkhof": "I", "Ilse Verhagen": "R"}),
    "gp02": dict(fmt="txt_labels", ext="txt", enc="cp1252", eol="\r\n", labels={"I": "I", "R": "R"}),
    "gp03": dict(fmt="vtt", ext="vtt", enc="utf-8",
                 labels={"Maud Kerkhof": "I", "Marieke Hoogendoorn": "R"}),
    "gp04": dict(fmt="srt", ext="srt", enc="utf-8", eol="\r\n", labels={"Jeroen": "I", "Sharita": "R"}),
    "gp05": dict(fmt="txt_ts", ext="txt", enc="utf-8", eol="\n",
                 labels={"Spreker 1": "I", "Spreker 2": "R"}),
    "gp06": dict(fmt="docx_plain", ext="docx", labels={"Interviewer": "I", "Respondent": "R"}),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORD_MIN, WORD_MAX = 1500, 2600
RTURN_MIN, RTURN_MAX = 10, 45
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]

problems = []


def problem(msg):
    problems.append(msg)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    """list of paragraphs, each a list of (text, bold) runs"""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            b = r.find(f"{W}rPr/{W}b")
            bold = b is not None and b.get(W + "val", "true") not in ("false", "0")
            runs.append((t, bold))
        paras.append(runs)
    return paras


def add_turn(turns, role, text):
    text = text.strip()
    if turns and turns[-1][0] == role:
        turns[-1][1] += " " + text
    else:
        turns.append([role, text])


def parse(doc, cfg, path):
    """returns (full text, turns as [role, text])"""
    labels = cfg["labels"]
    turns = []
    fmt = cfg["fmt"]
    if fmt.startswith("docx"):
        paras = docx_paragraphs(path)
        full = "\n".join("".join(t for t, _ in runs) for runs in paras)
        started = False
        for runs in paras:
            text = "".join(t for t, _ in runs)
            if not text.strip():
                continue
            role = None
            if fmt == "docx_bold":
                if runs and runs[0][1] and runs[0][0].strip().endswith(":"):
                    lab = runs[0][0].strip()[:-1]
                    if lab in labels:
                        role, body = labels[lab], text[len(runs[0][0]):]
                    else:
                        problem(f"{doc}: unknown bold label {lab!r}")
            else:
                m = re.match(r"^([^:]{1,30}):\s(.*)$", text, re.S)
                if m and m.group(1) in labels:
                    role, body = labels[m.group(1)], m.group(2)
            if role:
                started = True
                turns.append([role, body.strip()])  # each paragraph is its own turn
            elif started:
                turns[-1][1] += " " + text.strip()
        return full, turns

    raw = path.read_bytes()
    enc = cfg["enc"]
    try:
        full = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return "", []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: declared Windows-1252 but the bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    eol = cfg.get("eol")
    if eol == "\r\n" and re.search(r"(?<!\r)\n", full):
        problem(f"{doc}: expected CRLF line endings throughout")
    if eol == "\n" and "\r" in full:
        problem(f"{doc}: expected LF line endings")
    lines = full.replace("\r\n", "\n").split("\n")

    if fmt == "txt_labels":
        pat = re.compile(r"^(" + "|".join(map(re.escape, labels)) + r"):\s(.*)$")
        started = False
        for ln in lines:
            if not ln.strip():
                continue
            m = pat.match(ln)
            if m:
                started = True
                turns.append([labels[m.group(1)], m.group(2).strip()])
            elif started:
                turns[-1][1] += " " + ln.strip()
        return full, turns

    if fmt == "txt_ts":
        pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] ([^:]+):\s(.*)$")
        started, last = False, -1
        for ln in lines:
            if not ln.strip():
                continue
            m = pat.match(ln)
            if m:
                if m.group(4) not in labels:
                    problem(f"{doc}: unknown speaker {m.group(4)!r}")
                    continue
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last:
                    problem(f"{doc}: timestamps go backwards at {ln[:12]}")
                last = t
                started = True
                turns.append([labels[m.group(4)], m.group(5).strip()])
            elif started:
                problem(f"{doc}: line without timestamp after the first turn: {ln[:50]!r}")
        return full, turns

    blocks = re.split(r"\n\s*\n", "\n".join(lines).strip())
    if fmt == "vtt":
        if not lines[0].startswith("WEBVTT"):
            problem(f"{doc}: no WEBVTT signature")
        for b in blocks[1:]:
            bl = b.split("\n")
            if bl[0].startswith("NOTE"):
                continue
            ti = next((i for i, x in enumerate(bl) if "-->" in x), None)
            if ti is None:
                problem(f"{doc}: vtt block without timing: {b[:40]!r}")
                continue
            text = " ".join(bl[ti + 1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", text)
            if not m or m.group(1) not in labels:
                problem(f"{doc}: cue without known voice tag: {text[:50]!r}")
                continue
            add_turn(turns, labels[m.group(1)], m.group(2))
        return full, turns

    if fmt == "srt":
        expect = 1
        for b in blocks:
            bl = b.split("\n")
            if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
                problem(f"{doc}: malformed srt block: {b[:40]!r}")
                continue
            if int(bl[0]) != expect:
                problem(f"{doc}: srt numbering jumps at {bl[0]}")
            expect = int(bl[0]) + 1
            text = " ".join(x.strip() for x in bl[2:])
            m = re.match(r"^([^:]{1,30}):\s(.*)$", text)
            if m and m.group(1) in labels:
                add_turn(turns, labels[m.group(1)], m.group(2))
            elif turns:
                turns[-1][1] += " " + text
            else:
                problem(f"{doc}: first srt cue without speaker")
        return full, turns
    raise SystemExit(fmt)


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def main():
    texts, turnsets, fmts, avg_resp = {}, {}, set(), {}
    files = sorted(p for p in TR.iterdir() if p.is_file())
    for doc, cfg in DOCS.items():
        mine = [p for p in files if p.stem == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected exactly one transcript, found {[p.name for p in mine]}")
            continue
        path = mine[0]
        if path.suffix != "." + cfg["ext"]:
            problem(f"{doc}: expected .{cfg['ext']}, found {path.name}")
        full, turns = parse(doc, cfg, path)
        texts[doc], turnsets[doc] = full, turns
        fmts.add(cfg["fmt"])
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for k, (role, _) in enumerate(turns):
            if role != ("I" if k % 2 == 0 else "R"):
                problem(f"{doc}: turn {k + 1} is {role}; turns must alternate starting with the interviewer")
                break
        nr = sum(1 for r, _ in turns if r == "R")
        if not RTURN_MIN <= nr <= RTURN_MAX:
            problem(f"{doc}: {nr} respondent turns (want {RTURN_MIN}-{RTURN_MAX})")
        nw = sum(nwords(t) for _, t in turns)
        if not WORD_MIN <= nw <= WORD_MAX:
            problem(f"{doc}: {nw} spoken words (want {WORD_MIN}-{WORD_MAX})")
        avg_resp[doc] = sum(nwords(t) for r, t in turns if r == "R") / max(nr, 1)
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
    extra = [p.name for p in files if p.stem not in DOCS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    if len(fmts) < 4:
        problem(f"only {len(fmts)} different formats")
    if sum(1 for a in avg_resp.values() if a <= 25) < 2:
        problem("fewer than two respondents answer briefly throughout (avg <= 25 words)")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != ["doc_id", "turn_index", "orientation"]:
        problem("orientation.csv: bad header")
    keys = []
    for r in rows[1:]:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r
        if doc not in DOCS:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        idx = int(idx)
        keys.append((doc, idx))
        turns = turnsets.get(doc, [])
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != ["doc_id", "identifier", "type"]:
        problem("identifiers.csv: bad header")
    seen, per_doc = set(), {d: 0 for d in DOCS}
    for r in rows[1:]:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if doc not in DOCS:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if ident not in texts.get(doc, ""):
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for d, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: {d} has only {n} identifiers")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != ["doc_id", "style", "rationale"]:
        problem("styles.csv: bad header")
    styles = {}
    for r in rows[1:]:
        if len(r) != 3 or not r[2].strip():
            problem(f"styles.csv: bad row {r}")
            continue
        styles[r[0]] = (r[1], r[2].lower())
    if set(styles) != set(DOCS):
        problem(f"styles.csv: docs {sorted(styles)} != {sorted(DOCS)}")
    mix = {s: sum(1 for st, _ in styles.values() if st == s) for s in WANTED_MIX}
    if mix != WANTED_MIX or len(styles) != sum(WANTED_MIX.values()):
        problem(f"styles.csv: mix {mix}, want {WANTED_MIX}")
    kinds = sorted("mixed" if "mixed" in why else "too little evidence" if "too little evidence" in why else "?"
                   for st, why in styles.values() if st == "onbepaald")
    if kinds != ["mixed", "too little evidence"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
