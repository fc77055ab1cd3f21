#!/usr/bin/env python3
"""Check the setKS deliverables against the built transcripts (standard library only).

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOC_IDS = ["ks01", "ks02", "ks03", "ks04", "ks05", "ks06"]
# interviewer label, respondent label, expected extension, expected encoding
LABELS = {
    "ks01": ("Interviewer", "Marcia", "docx", None),
    "ks02": ("Spreker 1", "Spreker 2", "txt", "cp1252"),
    "ks03": ("Interviewer", "Rob Verschoor", "vtt", "utf-8"),
    "ks04": ("Interviewer", "Abena", "srt", "utf-8"),
    "ks05": ("I", "R", "txt", "utf-8"),
    "ks06": ("I", "R", "docx", None),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD_MIN, WORD_MAX = 1500, 2600
RT_MIN, RT_MAX = 10, 45
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def merge(turns):
    out = []
    for spk, text in turns:
        if out and out[-1][0] == spk:
            out[-1] = (spk, out[-1][1] + " " + text)
        else:
            out.append((spk, text))
    return out


def label_re(li, lr):
    return "(" + re.escape(li) + "|" + re.escape(lr) + ")"


def parse(doc_id, path):
    li, lr, ext, enc = LABELS[doc_id]
    lab = label_re(li, lr)
    turns, full = [], ""
    if ext == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: docx not readable: {e}")
            return [], ""
        full = "\n".join(paras)
        rx = re.compile(r"^" + lab + r":\s*(.*)$", re.S)
        for p in paras:
            m = rx.match(p.strip())
            if m:
                turns.append((m.group(1), m.group(2).strip()))
            elif p.strip():
                if turns:
                    turns[-1] = (turns[-1][0], turns[-1][1] + " " + p.strip())
        return turns, full
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {enc}: {e}")
        return [], ""
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc_id}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw:
            problem(f"{doc_id}: expected CRLF line endings")
    if "\ufffd" in text:
        problem(f"{doc_id}: replacement characters in text")
    full = text
    lines = text.replace("\r\n", "\n").split("\n")
    if ext == "txt":
        rx = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?" + lab + r":\s*(.*)$")
        for ln in lines:
            m = rx.match(ln.strip())
            if m:
                turns.append((m.group(1), m.group(2).strip()))
        return merge(turns), full
    blocks = re.split(r"\n\s*\n", "\n".join(lines).strip())
    if ext == "vtt":
        if not lines[0].startswith("WEBVTT"):
            problem(f"{doc_id}: missing WEBVTT header")
        for b in blocks:
            bl = b.split("\n")
            if bl[0].startswith("WEBVTT") or bl[0].startswith("NOTE"):
                continue
            ti = next((i for i, x in enumerate(bl) if "-->" in x), None)
            if ti is None:
                problem(f"{doc_id}: cue without timing: {b[:40]!r}")
                continue
            cue = " ".join(bl[ti + 1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue.strip())
            if not m:
                problem(f"{doc_id}: cue without voice tag: {cue[:40]!r}")
                continue
            spk = m.group(1).strip()
            if spk not in (li, lr):
                problem(f"{doc_id}: unknown voice {spk!r}")
                continue
            turns.append((spk, m.group(2).strip()))
        return merge(turns), full
    if ext == "srt":
        if b"\r\n" not in raw:
            problem(f"{doc_id}: expected CRLF line endings")
        rx = re.compile(r"^" + lab + r":\s*(.*)$", re.S)
        for n, b in enumerate(blocks, 1):
            bl = b.split("\n")
            if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
                problem(f"{doc_id}: malformed srt cue {n}")
                continue
            cue = " ".join(x.strip() for x in bl[2:])
            m = rx.match(cue)
            if not m:
                problem(f"{doc_id}: srt cue {n} without speaker label")
                continue
            turns.append((m.group(1), m.group(2).strip()))
        return merge(turns), full
    problem(f"{doc_id}: unknown format {ext}")
    return [], ""


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header must be {','.join(header)}")
        return []
    return rows[1:]


def main():
    docs = {}
    files = os.listdir(TR) if os.path.isdir(TR) else []
    for d in DOC_IDS:
        mine = [f for f in files if os.path.splitext(f)[0] == d]
        if len(mine) != 1:
            problem(f"{d}: expected exactly one transcript, found {mine}")
            continue
        ext = os.path.splitext(mine[0])[1][1:]
        if ext != LABELS[d][2]:
            problem(f"{d}: expected .{LABELS[d][2]}, found {mine[0]}")
            continue
        turns, full = parse(d, os.path.join(TR, mine[0]))
        li, lr = LABELS[d][0], LABELS[d][1]
        for i, (spk, _) in enumerate(turns):
            want = li if i % 2 == 0 else lr
            if spk != want:
                problem(f"{d}: turn {i + 1} is {spk!r}, expected {want!r}")
                break
        words = sum(len(t.split()) for _, t in turns)
        rturns = sum(1 for s, _ in turns if s == lr)
        if not WORD_MIN <= words <= WORD_MAX:
            problem(f"{d}: {words} spoken words, outside {WORD_MIN}-{WORD_MAX}")
        if not RT_MIN <= rturns <= RT_MAX:
            problem(f"{d}: {rturns} respondent turns, outside {RT_MIN}-{RT_MAX}")
        docs[d] = (turns, full, words, rturns)
    extra = [f for f in files if os.path.splitext(f)[0] not in DOC_IDS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        d, ti, o = r
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        try:
            ti = int(ti)
        except ValueError:
            problem(f"orientation.csv: bad turn_index {ti!r}")
            continue
        turns = docs[d][0]
        if ti % 2 != 0 or not 1 <= ti <= len(turns) or turns[ti - 1][0] != LABELS[d][1]:
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
        keys.append((DOC_IDS.index(d), ti))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(set(keys)) != len(keys):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen = set()
    per_doc = {d: 0 for d in DOC_IDS}
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, ident, ty = r
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if ty not in TYPES:
            problem(f"identifiers.csv: bad type {ty!r} for {ident!r}")
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        per_doc[d] += 1
        if ident not in docs[d][1]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: {d} has only {n} identifiers")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        d, st, ra = r
        if d in got:
            problem(f"styles.csv: duplicate {d}")
        got[d] = (st, ra)
        if st not in MIX:
            problem(f"styles.csv: bad style {st!r} for {d}")
        if not ra.strip():
            problem(f"styles.csv: empty rationale for {d}")
    if sorted(got) != DOC_IDS:
        problem(f"styles.csv: docs {sorted(got)} != {DOC_IDS}")
    counts = {s: sum(1 for st, _ in got.values() if st == s) for s in MIX}
    if counts != MIX:
        problem(f"styles.csv: mix {counts} != {MIX}")
    kinds = [ra.lower() for st, ra in got.values() if st == "onbepaald"]
    if not (any("mixed" in k for k in kinds) and any("too little evidence" in k for k in kinds)):
        problem("styles.csv: onbepaald must be one 'mixed' and one 'too little evidence'")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
