#!/usr/bin/env python3
"""Check the built setKW transcripts and csv files (standard library only).

Parses the transcripts in transcripts/ (not the sources), then checks turn
alternation, word and turn ranges, styles.csv, orientation.csv and
identifiers.csv.  Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOC_IDS = [f"kw{i:02d}" for i in range(1, 7)]
# (interviewer label, respondent label) as they appear in each transcript
SPEAKERS = {
    "kw01": ("Interviewer", "Respondent"),
    "kw02": ("I", "R"),
    "kw03": ("Interviewer", "Ronald Kempers"),
    "kw04": ("Interviewer", "Wendy"),
    "kw05": ("Spreker 1", "Spreker 2"),
    "kw06": ("Interviewer", "Thijs"),
}
REQUIRED_MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "geïnterviewde", "opgenomen", "duur", "interviewer",
             "sprekers", "locatie"}
WORDS_MIN, WORDS_MAX = 1500, 2600
RTURNS_MIN, RTURNS_MAX = 10, 45
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def n_words(text):
    return sum(1 for tok in text.split() if re.search(r"\w", tok))


def decode_txt(doc_id, data):
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc_id}: text file is neither UTF-8 nor Windows-1252")
        return None, None


def check_newlines(doc_id, text):
    if "\r\n" in text:
        if re.search(r"(?<!\r)\n", text):
            problem(f"{doc_id}: mixed CRLF and LF line endings")
    return text.replace("\r\n", "\n")


def docx_paragraphs(doc_id, path):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as e:
        problem(f"{doc_id}: unreadable docx ({e})")
        return None
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def parse_lines(doc_id, lines):
    """Paragraph/line based formats (docx, txt): one turn per line."""
    ilab, rlab = SPEAKERS[doc_id]
    rx = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$")
    turns, started, last_ts = [], False, None
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = rx.match(s)
        if not m:
            if started:
                problem(f"{doc_id}: stray line inside the interview: {s[:60]!r}")
            else:
                k = re.match(r"^([^\s:][^:]{0,40}):\s", s)
                if k and k.group(1).strip().lower() not in META_KEYS:
                    problem(f"{doc_id}: header line looks like a speaker turn: {s[:60]!r}")
            continue
        started = True
        ts, lab, text = m.groups()
        if ts:
            if last_ts and ts < last_ts:
                problem(f"{doc_id}: timestamps go backwards at {ts}")
            last_ts = ts
        turns.append(("I" if lab == ilab else "R", text))
    return turns


TIMING = re.compile(r"^(\d\d:\d\d:\d\d[.,]\d\d\d) --> (\d\d:\d\d:\d\d[.,]\d\d\d)")


def parse_vtt(doc_id, text):
    ilab, rlab = SPEAKERS[doc_id]
    lines = text.split("\n")
    if not lines or lines[0].strip() != "WEBVTT":
        problem(f"{doc_id}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", "\n".join(lines[1:]).strip())
    cues, last = [], None
    for b in blocks:
        bl = b.split("\n")
        if bl[0].startswith("NOTE"):
            continue
        idx = next((i for i, l in enumerate(bl) if "-->" in l), None)
        if idx is None:
            problem(f"{doc_id}: vtt block without timing: {b[:50]!r}")
            continue
        m = TIMING.match(bl[idx])
        if not m or "," in bl[idx]:
            problem(f"{doc_id}: bad vtt timing line {bl[idx]!r}")
            continue
        if last and m.group(1) < last:
            problem(f"{doc_id}: vtt cues out of order at {m.group(1)}")
        last = m.group(1)
        body = " ".join(l.strip() for l in bl[idx + 1:])
        v = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not v:
            problem(f"{doc_id}: vtt cue without voice tag: {body[:50]!r}")
            continue
        name = v.group(1).strip()
        if name not in (ilab, rlab):
            problem(f"{doc_id}: unknown voice {name!r}")
            continue
        cues.append(("I" if name == ilab else "R", v.group(2)))
    return merge(cues)


def parse_srt(doc_id, text):
    ilab, rlab = SPEAKERS[doc_id]
    rx = re.compile(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$", re.S)
    blocks = re.split(r"\n\s*\n", text.strip())
    cues, expect, last = [], 1, None
    for b in blocks:
        bl = b.split("\n")
        if len(bl) < 3:
            problem(f"{doc_id}: short srt block {b[:40]!r}")
            continue
        if bl[0].strip() != str(expect):
            problem(f"{doc_id}: srt cue number {bl[0]!r}, expected {expect}")
        expect += 1
        m = TIMING.match(bl[1])
        if not m or "." in bl[1]:
            problem(f"{doc_id}: bad srt timing line {bl[1]!r}")
            continue
        if last and m.group(1) < last:
            problem(f"{doc_id}: srt cues out of order at {m.group(1)}")
        last = m.group(1)
        body = " ".join(l.strip() for l in bl[2:])
        s = rx.match(body)
        if not s:
            problem(f"{doc_id}: srt cue without speaker label: {body[:50]!r}")
            continue
        cues.append(("I" if s.group(1) == ilab else "R", s.group(2)))
    return merge(cues)


def merge(cues):
    turns = []
    for role, text in cues:
        if turns and turns[-1][0] == role:
            turns[-1] = (role, turns[-1][1] + " " + text)
        else:
            turns.append((role, text))
    return turns


def load(doc_id):
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    ext = files[0].rsplit(".", 1)[-1].lower()
    data = open(path, "rb").read()
    fmt = ext
    if ext == "docx":
        paras = docx_paragraphs(doc_id, path)
        if paras is None:
            return None
        full = "\n".join(paras)
        turns = parse_lines(doc_id, paras)
    elif ext == "txt":
        text, enc = decode_txt(doc_id, data)
        if text is None:
            return None
        fmt = f"txt-{enc}"
        full = check_newlines(doc_id, text)
        turns = parse_lines(doc_id, full.split("\n"))
    elif ext in ("vtt", "srt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            problem(f"{doc_id}: {ext} is not UTF-8")
            return None
        full = check_newlines(doc_id, text)
        turns = parse_vtt(doc_id, full) if ext == "vtt" else parse_srt(doc_id, full)
    else:
        problem(f"{doc_id}: unsupported transcript format .{ext}")
        return None
    return dict(ext=ext, fmt=fmt, full=full, turns=turns)


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    docs = {}
    for d in DOC_IDS:
        info = load(d)
        if info is None:
            continue
        turns = info["turns"]
        if not turns:
            problem(f"{d}: no turns parsed")
            continue
        for i, (role, text) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if role != want:
                problem(f"{d}: turn {i + 1} is {role}, expected {want} (turns must alternate, interviewer first)")
                break
            if not text.strip():
                problem(f"{d}: turn {i + 1} is empty")
        words = sum(n_words(t) for _, t in turns)
        nr = sum(1 for r, _ in turns if r == "R")
        if not WORDS_MIN <= words <= WORDS_MAX:
            problem(f"{d}: {words} words, outside {WORDS_MIN}-{WORDS_MAX}")
        if not RTURNS_MIN <= nr <= RTURNS_MAX:
            problem(f"{d}: {nr} respondent turns, outside {RTURNS_MIN}-{RTURNS_MAX}")
        info["words"], info["nr"] = words, nr
        docs[d] = info
        print(f"{d}: {info['fmt']:12s} turns={len(turns):3d} respondent_turns={nr:3d} words={words}")

    exts = {info["ext"] for info in docs.values()}
    fmts = {info["fmt"] for info in docs.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} different transcript formats: {sorted(fmts)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, mix = set(), {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        d, style, why = r
        if d not in DOC_IDS or d in seen:
            problem(f"styles.csv: unknown or duplicate doc {d}")
        seen.add(d)
        if style not in REQUIRED_MIX:
            problem(f"styles.csv: bad style {style!r} for {d}")
        mix[style] = mix.get(style, 0) + 1
        if not why.strip():
            problem(f"styles.csv: empty rationale for {d}")
        if style == "onbepaald" and not re.search(r"too little evidence|mixed", why, re.I):
            problem(f"styles.csv: onbepaald rationale for {d} does not say which kind")
    if seen != set(DOC_IDS):
        problem(f"styles.csv: docs missing: {sorted(set(DOC_IDS) - seen)}")
    if mix != REQUIRED_MIX:
        problem(f"styles.csv: mix {mix} differs from required {REQUIRED_MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        d, idx, ori = r[0], int(r[1]), r[2]
        keys.append((d, idx))
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {ori!r} in {r}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d]["turns"]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, count = set(), {}
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} in {r}")
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        count[d] = count.get(d, 0) + 1
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if ident not in docs[d]["full"]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim in the transcript")
    for d in DOC_IDS:
        if count.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print("PROBLEM:", p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
