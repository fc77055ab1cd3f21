#!/usr/bin/env python3
"""Check the built setGX transcripts and csv files (standard library only).

Parses the transcripts in transcripts/ (not the annotated sources) and prints OK or the problems.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label)
SPEC = {
    "gx01": ("txt", "cp1252", "I", "R"),
    "gx02": ("srt", "utf-8", "Noor", "Ruud"),
    "gx03": ("vtt", "utf-8", "Esther Brandsma", "Frank van Ommen"),
    "gx04": ("docx", None, "Interviewer", "Gerda"),
    "gx05": ("docx", None, "Onderzoeker", "Karin"),
    "gx06": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
}
EXTS = {"txt", "docx", "vtt", "srt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
WORD = re.compile(r"[0-9A-Za-zÀ-ÿ]+(?:['’\-/][0-9A-Za-zÀ-ÿ]+)*")
META_KEYS = {"respondent", "datum", "datum opname", "duur", "locatie", "functie", "organisatie"}
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def label_re(li, lr):
    return re.compile(r"^(%s|%s):\s*(.*)$" % (re.escape(li), re.escape(lr)))


def check_header(doc, lines, li, lr):
    """Header lines must not look like speaker turns (Name: text), except clear metadata."""
    for line in lines:
        m = re.match(r"^([A-Za-zÀ-ÿ][\w .À-ÿ]{0,30}):\s", line)
        if m and m.group(1).strip().lower() not in META_KEYS:
            problem(f"{doc}: header line looks like a speaker turn: {line[:60]!r}")
        if re.match(r"^(%s|%s):" % (re.escape(li), re.escape(lr)), line):
            problem(f"{doc}: header line uses a speaker label: {line[:60]!r}")


def parse_lines_with_labels(doc, lines, li, lr, stamp=False):
    """txt transcripts: header lines until the first labelled line, then one turn per line."""
    lab = label_re(li, lr)
    turns, header, started = [], [], False
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if stamp:
            m0 = re.match(r"^\[(\d{2}):(\d{2}):(\d{2})\]\s+(.*)$", s)
            body = m0.group(4) if m0 else None
        else:
            body = s
        m = lab.match(body) if body is not None else None
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif not started:
            header.append(s)
        else:
            problem(f"{doc}: unlabelled line inside the transcript: {s[:60]!r}")
    check_header(doc, header, li, lr)
    return turns


def parse_docx(doc, path, li, lr):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as e:
        problem(f"{doc}: unreadable docx ({e})")
        return [], ""
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    text = "\n".join(paras)
    return parse_lines_with_labels(doc, paras, li, lr), text


def parse_cues(doc, text, li, lr, kind):
    """srt / vtt: merge consecutive cues of the same speaker into one turn."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{doc}: vtt does not start with WEBVTT")
        blocks = blocks[1:]
    for b in blocks:
        lines = b.split("\n")
        if kind == "vtt" and lines[0].startswith("NOTE"):
            continue
        if kind == "srt":
            if len(lines) < 3 or not lines[0].strip().isdigit():
                problem(f"{doc}: malformed srt cue: {b[:40]!r}")
                continue
            lines = lines[1:]
        if "-->" not in lines[0]:
            problem(f"{doc}: cue without timing: {b[:40]!r}")
            continue
        body = " ".join(x.strip() for x in lines[1:])
        if kind == "vtt":
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                problem(f"{doc}: cue without voice tag: {body[:40]!r}")
                continue
            spk, txt = m.group(1), m.group(2)
        else:
            m = label_re(li, lr).match(body)
            if not m:
                problem(f"{doc}: cue without speaker label: {body[:40]!r}")
                continue
            spk, txt = m.group(1), m.group(2)
        if spk not in (li, lr):
            problem(f"{doc}: unknown speaker {spk!r}")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load_doc(doc):
    ext, enc, li, lr = SPEC[doc]
    files = [f for f in os.listdir(TDIR) if f.rsplit(".", 1)[0] == doc] if os.path.isdir(TDIR) else []
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None
    fn = files[0]
    if fn.rsplit(".", 1)[1] != ext:
        problem(f"{doc}: unexpected extension {fn}")
    path = os.path.join(TDIR, fn)
    if ext == "docx":
        turns, text = parse_docx(doc, path, li, lr)
    else:
        raw = open(path, "rb").read()
        if raw.startswith(b"\xef\xbb\xbf") and enc != "utf-8":
            problem(f"{doc}: BOM in a {enc} file")
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as {enc}: {e}")
            return None
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                problem(f"{doc}: declared Windows-1252 but the file is valid UTF-8")
            except UnicodeDecodeError:
                pass
        if ext == "txt":
            turns = parse_lines_with_labels(doc, text.splitlines(), li, lr, stamp=(li == "Spreker 1"))
        else:
            turns = parse_cues(doc, text, li, lr, ext)
    # alternation, interviewer first
    for i, (spk, _) in enumerate(turns):
        want = li if i % 2 == 0 else lr
        if spk != want:
            problem(f"{doc}: turn {i + 1} is {spk!r}, expected {want!r} (strict alternation)")
            break
    nresp = sum(1 for s, _ in turns if s == lr)
    if not 10 <= nresp <= 45:
        problem(f"{doc}: {nresp} respondent turns (want 10-45)")
    words = sum(len(WORD.findall(t)) for _, t in turns)
    if not 1500 <= words <= 2600:
        problem(f"{doc}: {words} spoken words (want 1500-2600)")
    return dict(ext=ext, turns=turns, text=text, resp=lr, words=words, nresp=nresp)


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    docs = {d: load_doc(d) for d in SPEC}

    # formats
    exts = {v["ext"] for v in docs.values() if v}
    if len(exts) < 4 or not exts <= EXTS:
        problem(f"need at least four different formats, found {sorted(exts)}")

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        if r[0] in got:
            problem(f"styles.csv: duplicate {r[0]}")
        got[r[0]] = r
        if r[1] not in STYLES:
            problem(f"styles.csv: bad style {r[1]!r} for {r[0]}")
        if not r[2].strip():
            problem(f"styles.csv: empty rationale for {r[0]}")
    if set(got) != set(SPEC):
        problem(f"styles.csv: docs {sorted(got)} != {sorted(SPEC)}")
    mix = Counter(r[1] for r in got.values())
    if mix != Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}):
        problem(f"styles.csv: mix {dict(mix)} is not 2/2/2")
    kinds = Counter()
    for r in got.values():
        if r[1] == "onbepaald":
            low = r[2].lower()
            if "mixed" in low:
                kinds["mixed"] += 1
            elif "too little evidence" in low:
                kinds["too little evidence"] += 1
            else:
                problem(f"styles.csv: onbepaald {r[0]} does not say which kind")
    if kinds != Counter({"mixed": 1, "too little evidence": 1}):
        problem(f"styles.csv: onbepaald kinds {dict(kinds)} (want one mixed, one too little evidence)")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in SPEC or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        d, idx = r[0], int(r[1])
        keys.append((d, idx))
        info = docs.get(d)
        if not info:
            continue
        if not 1 <= idx <= len(info["turns"]):
            problem(f"orientation.csv: {d} turn {idx} out of range ({len(info['turns'])} turns)")
        elif info["turns"][idx - 1][0] != info["resp"] or idx % 2:
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = Counter()
    seen = set()
    for r in rows:
        if len(r) != 3 or r[0] not in SPEC or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen.add((r[0], r[1]))
        per_doc[r[0]] += 1
        info = docs.get(r[0])
        if info and r[1] not in info["text"]:
            problem(f"identifiers.csv: {r[0]} {r[1]!r} not found verbatim in the transcript")
    for d in SPEC:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has {per_doc[d]} identifiers (want at least 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d, info in docs.items():
        print(f"# {d}: {info['ext']}, {info['words']} words, {info['nresp']} respondent turns",
              file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
