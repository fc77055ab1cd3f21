#!/usr/bin/env python3
"""Check set HI from the BUILT transcripts and the three csv files (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["hi01", "hi02", "hi03", "hi04", "hi05", "hi06"]
# speaker labels per document: (interviewer, respondent)
SPEAKERS = {
    "hi01": ("Lotte Vroemen", "Hennie Lemmens"),
    "hi02": ("Marieke", "Sevda"),
    "hi03": ("Interviewer", "Roel"),
    "hi04": ("Interviewer", "Wim Hermans"),
    "hi05": ("Spreker 1", "Spreker 2"),
    "hi06": ("I", "R"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def read_text(path, doc):
    """Return (encoding, text lines) of a text transcript, checking that it decodes."""
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as utf-8 or cp1252 ({e})")
            return None, []
        if re.search(rb"(?<!\r)\n", raw):
            problem(f"{doc}: cp1252 file without consistent CRLF line endings")
    return enc, text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_docx(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: docx not readable ({e})")
        return []
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def label_re(labels):
    alt = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?(" + alt + r"):\s*(.*)$")


def parse_lines(lines, doc, labels):
    """docx paragraphs / txt lines: header lines until the first turn, then one turn per line."""
    rx = label_re(labels)
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            started = True
            turns.append([m.group(2), m.group(3)])
        elif started:
            problem(f"{doc}: line after the first turn without a speaker label: {s[:60]!r}")
    return turns


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_srt(lines, doc, labels):
    rx = label_re(labels)
    blocks, cur = [], []
    for ln in lines + [""]:
        if ln.strip():
            cur.append(ln.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    cues, last = [], 0
    for b in blocks:
        if len(b) < 3 or not b[0].isdigit() or "-->" not in b[1]:
            problem(f"{doc}: malformed srt cue {b[:2]}")
            continue
        if int(b[0]) != last + 1:
            problem(f"{doc}: srt cue numbering jumps at {b[0]}")
        last = int(b[0])
        m = rx.match(" ".join(b[2:]))
        if not m:
            problem(f"{doc}: srt cue {b[0]} without speaker label")
            continue
        cues.append((m.group(2), m.group(3)))
    return merge(cues)


def parse_vtt(lines, doc, labels):
    if not lines or lines[0].strip() != "WEBVTT":
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks, cur = [], []
    for ln in lines[1:] + [""]:
        if ln.strip():
            cur.append(ln.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    header, cues = [], []
    for b in blocks:
        if b[0].startswith("NOTE"):
            header.extend(b)
            continue
        i = 0 if "-->" in b[0] else 1
        if i >= len(b) or "-->" not in b[i]:
            problem(f"{doc}: malformed vtt cue {b[:2]}")
            continue
        txt = " ".join(b[i + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", txt)
        if not m or m.group(1) not in labels:
            problem(f"{doc}: vtt cue without known voice tag: {txt[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues), header


def load(doc):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    ext = os.path.splitext(files[0])[1].lstrip(".").lower()
    labels = SPEAKERS[doc]
    if ext == "docx":
        lines = read_docx(path, doc)
        turns = parse_lines(lines, doc, labels)
        full = "\n".join(lines)
    elif ext in ("txt", "srt", "vtt"):
        enc, lines = read_text(path, doc)
        if enc is None:
            return None
        full = "\n".join(lines)
        if ext == "txt":
            turns = parse_lines(lines, doc, labels)
        elif ext == "srt":
            turns = parse_srt(lines, doc, labels)
        else:
            turns, _ = parse_vtt(lines, doc, labels)
    else:
        problem(f"{doc}: unsupported format .{ext}")
        return None
    return {"ext": ext, "turns": turns, "full": full}


def main():
    data = {}
    for doc in DOCS:
        d = load(doc)
        if d is None:
            continue
        data[doc] = d
        turns = d["turns"]
        iv, rs = SPEAKERS[doc]
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (spk, txt) in enumerate(turns):
            want = iv if i % 2 == 0 else rs
            if spk != want:
                problem(f"{doc}: turn {i + 1} is {spk!r}, expected {want!r} (strict alternation, interviewer first)")
                break
            if not txt.strip():
                problem(f"{doc}: turn {i + 1} is empty")
        spoken = " ".join(t for _, t in turns)
        n_ws = len(spoken.split())
        n_alnum = len(re.findall(r"\w+(?:[-'’]\w+)*", spoken))
        for n, how in ((n_ws, "whitespace"), (n_alnum, "word-regex")):
            if not WORDS[0] <= n <= WORDS[1]:
                problem(f"{doc}: {n} spoken words ({how}), outside {WORDS}")
        nr = sum(1 for s, _ in turns if s == rs)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        low = d["full"].lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
        d["n_turns"] = len(turns)
    exts = {d["ext"] for d in data.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} formats used: {sorted(exts)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"styles.csv: {e}")
        rows = []
    styles = {}
    for r in rows:
        if r["doc_id"] in styles:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if sorted(styles) != DOCS:
        problem(f"styles.csv: docs {sorted(styles)} != {DOCS}")
    cnt = {s: sum(1 for r in styles.values() if r["style"] == s)
           for s in ("casusgericht", "netwerkgericht", "onbepaald")}
    if cnt != {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}:
        problem(f"styles.csv: mix {cnt}, expected 2/2/2")
    ob = [r["rationale"].lower() for r in styles.values() if r["style"] == "onbepaald"]
    if not any("mixed" in x for x in ob) or not any("too little evidence" in x for x in ob):
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"orientation.csv: {e}")
        rows = []
    keys = []
    for r in rows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r} ({doc},{idx})")
        if doc not in data:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if idx % 2 != 0 or not 2 <= idx <= data[doc]["n_turns"]:
            problem(f"orientation.csv: ({doc},{idx}) is not a respondent turn")
        elif data[doc]["turns"][idx - 1][0] != SPEAKERS[doc][1]:
            problem(f"orientation.csv: ({doc},{idx}) is not spoken by the respondent")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"identifiers.csv: {e}")
        rows = []
    seen, per_doc = set(), {d: 0 for d in DOCS}
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate ({doc}, {ident!r})")
        seen.add((doc, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if doc not in data:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        per_doc[doc] += 1
        if ident not in data[doc]["full"]:
            problem(f"identifiers.csv: {ident!r} does not occur verbatim in {doc}")
    for doc, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: only {n} identifiers for {doc}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
