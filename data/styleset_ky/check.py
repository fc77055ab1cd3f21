#!/usr/bin/env python3
"""Check the built setKY deliverables (standard library only).

Parses the built transcripts in transcripts/ (not the sources) and checks:
one readable transcript per doc in its expected encoding; turns alternate and
start with the interviewer; 1,500-2,600 spoken words and 10-45 respondent
turns; every orientation row points at a respondent turn; every identifier
occurs verbatim in its document; styles.csv is complete with the requested mix.
Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc -> (extension, parser, encoding, interviewer label, respondent label)
EXPECT = {
    "ky01": ("docx", "docx", "utf-8", "Interviewer", "Hanneke"),
    "ky02": ("txt", "txt_ts", "utf-8", "Spreker 1", "Spreker 2"),
    "ky03": ("vtt", "vtt", "utf-8", "Interviewer", "Naomi Hofstede"),
    "ky04": ("txt", "txt_ir", "cp1252", "I", "R"),
    "ky05": ("srt", "srt", "utf-8", "Thijs", "Marloes"),
    "ky06": ("docx", "docx", "utf-8", "Interviewer", "Respondent"),
}
CRLF = {"ky04", "ky05"}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def label_re(labels):
    alt = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(" + alt + r"):\s*(.*)$", re.S)


def merge(turns):
    """Merge consecutive pieces of the same speaker into one turn."""
    out = []
    for spk, text in turns:
        if out and out[-1][0] == spk:
            out[-1] = (spk, out[-1][1] + " " + text)
        else:
            out.append((spk, text))
    return out


def parse_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        txt = "".join(t.text or "" for t in p.iter(W_NS + "t")).strip()
        if txt:
            paras.append(txt)
    rx = label_re(labels)
    header, turns = [], []
    for txt in paras:
        m = rx.match(txt)
        if m:
            turns.append((m.group(1), m.group(2).strip()))
        elif not turns:
            header.append(txt)
        else:
            prob(f"{os.path.basename(path)}: unlabelled paragraph after turns "
                 f"began: {txt[:50]!r}")
    return header, turns, "\n".join(paras)


def parse_txt_ts(text, labels):
    rx = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" +
                    "|".join(re.escape(l) for l in labels) + r"): (.*)$")
    header, turns, last = [], [], -1
    for line in text.splitlines():
        if not line.strip():
            continue
        m = rx.match(line)
        if m:
            sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if sec < last:
                prob(f"timestamps go backwards at {line[:20]!r}")
            last = sec
            turns.append((m.group(4), m.group(5).strip()))
        elif not turns:
            header.append(line)
        else:
            prob(f"unparsed line after turns began: {line[:50]!r}")
    return header, turns


def parse_txt_ir(text, labels):
    rx = label_re(labels)
    blocks = [b.strip() for b in re.split(r"\r?\n\s*\r?\n", text) if b.strip()]
    header, turns = [], []
    for b in blocks:
        m = rx.match(b)
        if m:
            turns.append((m.group(1), " ".join(m.group(2).split())))
        elif not turns:
            header.extend(b.splitlines())
        else:
            prob(f"unlabelled block after turns began: {b[:50]!r}")
    return header, turns


TIME_VTT = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}")
TIME_SRT = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")


def parse_vtt(text, labels):
    if not text.startswith("WEBVTT"):
        prob("vtt does not start with WEBVTT")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    header, pieces = [], []
    for b in blocks[1:]:
        lines = b.strip("\n").split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(l for l in lines[1:] if l.strip())
            continue
        ti = next((i for i, l in enumerate(lines) if TIME_VTT.match(l)), None)
        if ti is None:
            prob(f"vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m or m.group(1) not in labels:
            prob(f"vtt cue without known voice: {body[:40]!r}")
            continue
        pieces.append((m.group(1), m.group(2).strip()))
    return header, merge(pieces)


def parse_srt(text, labels):
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    rx = label_re(labels)
    pieces, expect = [], 1
    for b in blocks:
        lines = b.strip("\n").split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() \
                or not TIME_SRT.match(lines[1].strip()):
            prob(f"malformed srt block: {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            prob(f"srt cue number {lines[0]} (expected {expect})")
        expect = int(lines[0]) + 1
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if not m:
            prob(f"srt cue without speaker: {body[:40]!r}")
            continue
        pieces.append((m.group(1), m.group(2).strip()))
    return [], merge(pieces)


def load(doc):
    ext, kind, enc, il, rl = EXPECT[doc]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc]
    if len(files) != 1:
        prob(f"{doc}: expected one transcript, found {files}")
        return None
    if files[0] != f"{doc}.{ext}":
        prob(f"{doc}: expected {doc}.{ext}, found {files[0]}")
        return None
    path = os.path.join(TDIR, files[0])
    labels = [il, rl]
    if kind == "docx":
        try:
            header, turns, full = parse_docx(path, labels)
        except Exception as e:  # noqa
            prob(f"{doc}: unreadable docx: {e}")
            return None
        return header, turns, full, labels
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                prob(f"{doc}: cp1252 file also decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    if doc in CRLF:
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            prob(f"{doc}: expected CRLF line endings throughout")
    elif b"\r" in raw:
        prob(f"{doc}: unexpected CR characters")
    norm = text.replace("\r\n", "\n")
    if kind == "txt_ts":
        header, turns = parse_txt_ts(norm, labels)
    elif kind == "txt_ir":
        header, turns = parse_txt_ir(norm, labels)
    elif kind == "vtt":
        header, turns = parse_vtt(norm, labels)
    else:
        header, turns = parse_srt(norm, labels)
    # document text for identifier checks: header + "label: text" turn lines
    full = "\n".join(header + [f"{s}: {t}" for s, t in turns])
    return header, turns, full, labels


def read_csv(name, fields):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        prob(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        if r.fieldnames != fields:
            prob(f"{name}: header {r.fieldnames} != {fields}")
            return []
        return list(r)


def main():
    docs = {}
    for doc in EXPECT:
        res = load(doc)
        if res is None:
            continue
        header, turns, full, (il, rl) = res
        if not turns:
            prob(f"{doc}: no turns parsed")
            continue
        for i, (spk, text) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if spk != want:
                prob(f"{doc}: turn {i} is {spk!r}, expected {want!r}")
                break
            if not text:
                prob(f"{doc}: turn {i} is empty")
        for h in header:
            if re.match(r"^(Interviewer|Spreker \d|I|R|" + re.escape(rl) +
                        r"):\s", h):
                prob(f"{doc}: header line looks like a turn: {h[:40]!r}")
        words = sum(len(WORD.findall(t)) for _, t in turns)
        rturns = sum(1 for s, _ in turns if s == rl)
        if not 1500 <= words <= 2600:
            prob(f"{doc}: {words} spoken words (need 1500-2600)")
        if not 10 <= rturns <= 45:
            prob(f"{doc}: {rturns} respondent turns (need 10-45)")
        docs[doc] = dict(turns=turns, full=full, rl=rl, words=words,
                         rturns=rturns)

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(EXPECT):
        prob(f"styles.csv doc ids {ids} != {sorted(EXPECT)}")
    mix = {}
    for r in rows:
        if r["style"] not in MIX:
            prob(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if not r["rationale"].strip():
            prob(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(
                r"mixed|too little evidence", r["rationale"], re.I):
            prob(f"styles.csv: onbepaald rationale for {r['doc_id']} must say "
                 f"which kind")
    if mix != MIX:
        prob(f"styles.csv mix {mix} != {MIX}")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        doc = r["doc_id"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            prob(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, idx))
        if r["orientation"] not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in docs:
            prob(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc]["turns"]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != docs[doc]["rl"]:
            prob(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv is not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv has duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, count = set(), {}
    for r in rows:
        doc, ident, ty = r["doc_id"], r["identifier"], r["type"]
        if ty not in TYPES:
            prob(f"identifiers.csv: bad type {ty!r} for {ident!r}")
        if (doc, ident) in seen:
            prob(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        count[doc] = count.get(doc, 0) + 1
        if doc not in docs:
            prob(f"identifiers.csv: unknown doc {doc}")
            continue
        if ident not in docs[doc]["full"]:
            prob(f"identifiers.csv: {doc} {ident!r} not found verbatim")
    for doc in EXPECT:
        if count.get(doc, 0) < 5:
            prob(f"{doc}: fewer than 5 identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    if "-v" in sys.argv:
        for doc, d in docs.items():
            print(f"# {doc}: {d['words']} words, {d['rturns']} respondent "
                  f"turns, {count.get(doc, 0)} identifiers")
    print("OK")


if __name__ == "__main__":
    main()
