#!/usr/bin/env python3
"""Check set 'setno' (standard library only).

Parses the BUILT transcripts in transcripts/ (not the sources) and checks:
  - every doc id has exactly one transcript, readable in its encoding (strict), expected newlines;
  - turns alternate, interviewer first; 10-45 respondent turns; 1,500-2,600 spoken words;
  - header lines do not look like speaker turns (apart from clear metadata);
  - orientation.csv: valid values, sorted, no duplicates, every row points at a respondent turn;
  - identifiers.csv: valid types, no duplicates, every identifier occurs verbatim in its document,
    at least 5 per document;
  - styles.csv: complete, requested mix (1 casusgericht, 2 netwerkgericht, 3 onbepaald of which
    2 too little evidence and 1 mixed), one-sentence rationale;
  - the label words are not used in the transcripts.
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

# doc id -> (extension, encoding, newline, interviewer label, respondent label)
DOCS = {
    "no01": ("docx", None, None, "Interviewer", "Respondent"),
    "no02": ("txt", "cp1252", "crlf", "I", "R"),
    "no03": ("vtt", "utf-8", "lf", "Koen Abspoel", "Marleen Sprenger"),
    "no04": ("srt", "utf-8", "crlf", "Nadia", "Ferdi"),
    "no05": ("txt", "utf-8", "lf", "Spreker 1", "Spreker 2"),
    "no06": ("docx", None, None, "Eva Lindeman", "Hans Kuipers"),
}
MIX = {"casusgericht": 1, "netwerkgericht": 2, "onbepaald": 3}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
METADATA_KEYS = {"datum", "interviewer", "respondent", "duur", "locatie", "opname", "transcriptie"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ readers
def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts, first_bold = [], None
        for r in p.iter(W + "r"):
            txt = "".join((t.text or "") for t in r.iter(W + "t"))
            if not txt:
                continue
            if first_bold is None:
                rpr = r.find(W + "rPr")
                first_bold = rpr is not None and rpr.find(W + "b") is not None
            parts.append(txt)
        paras.append("".join(parts))
    return paras


def read_text(path, enc, newline, doc):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if newline == "crlf" and re.search(r"(?<!\r)\n", text):
        problem(f"{doc}: expected CRLF line endings")
    if newline == "lf" and "\r" in text:
        problem(f"{doc}: expected LF line endings")
    return text.replace("\r\n", "\n")


def label_split(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def check_header(doc, header, labels):
    for h in header:
        m = re.match(r"^([^:\[\]]{1,40}):\s", h)
        if m and m.group(1).strip().lower() not in METADATA_KEYS:
            problem(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
        if m and m.group(1).strip() in labels:
            problem(f"{doc}: header line uses a speaker label: {h[:60]!r}")


def parse_lines(doc, lines, labels):
    """Generic labelled-paragraph parser (docx paragraphs, txt lines)."""
    header, turns = [], []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        lab, txt = label_split(s, labels)
        if lab is None and labels[0].startswith("Spreker"):
            m = re.match(r"^\[\d\d:\d\d:\d\d\] (Spreker \d+): (.*)$", s)
            if m:
                lab, txt = m.group(1), m.group(2)
        if lab is not None:
            turns.append([lab, txt])
        elif not turns:
            header.append(s)
        else:
            turns[-1][1] += " " + s  # continuation line
    return header, turns


def parse_vtt(doc, text):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: VTT does not start with WEBVTT")
        return [], []
    header, turns = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            rest = lines[0][4:].strip()
            header.extend(([rest] if rest else []) + lines[1:])
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            problem(f"{doc}: VTT block without timing: {b[:40]!r}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", lines[idx]):
            problem(f"{doc}: bad VTT timing {lines[idx]!r}")
        body = " ".join(lines[idx + 1:]).strip()
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: VTT cue without voice tag: {body[:40]!r}")
            continue
        spk, txt = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return header, turns


def parse_srt(doc, text, labels):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    turns, expect = [], 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            problem(f"{doc}: bad SRT block {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: SRT numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1].strip()):
            problem(f"{doc}: bad SRT timing {lines[1]!r}")
        body = " ".join(l.strip() for l in lines[2:])
        lab, txt = label_split(body, labels)
        if lab is None:
            if not turns:
                problem(f"{doc}: first SRT cue has no speaker")
                continue
            turns[-1][1] += " " + body
        elif turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return [], turns


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


# ------------------------------------------------------------------ main checks
def load_docs():
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    parsed = {}
    for doc, (ext, enc, nl, ilab, rlab) in DOCS.items():
        mine = [f for f in files if f.split(".")[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        if not mine[0].endswith("." + ext):
            problem(f"{doc}: expected .{ext}, found {mine[0]}")
            continue
        path = os.path.join(TDIR, mine[0])
        labels = (ilab, rlab)
        if ext == "docx":
            try:
                paras = read_docx(path)
            except Exception as e:  # noqa: BLE001
                problem(f"{doc}: docx not readable: {e}")
                continue
            header, turns = parse_lines(doc, paras, labels)
        else:
            text = read_text(path, enc, nl, doc)
            if text is None:
                continue
            if ext == "txt":
                header, turns = parse_lines(doc, text.split("\n"), labels)
            elif ext == "vtt":
                header, turns = parse_vtt(doc, text)
            else:
                header, turns = parse_srt(doc, text, labels)
        check_header(doc, header, labels)
        for i, (spk, _) in enumerate(turns, start=1):
            want = ilab if i % 2 == 1 else rlab
            if spk != want:
                problem(f"{doc}: turn {i} is by {spk!r}, expected {want!r} (turns must alternate)")
                break
        nr = len(turns) // 2
        if not 10 <= nr <= 45:
            problem(f"{doc}: {nr} respondent turns (need 10-45)")
        nw = sum(words(t) for _, t in turns)
        if not 1500 <= nw <= 2600:
            problem(f"{doc}: {nw} spoken words (need 1,500-2,600)")
        full = "\n".join(header + list(labels) + [t for _, t in turns])
        if FORBIDDEN.search(full):
            problem(f"{doc}: transcript uses a label word ({FORBIDDEN.search(full).group(0)})")
        parsed[doc] = {"turns": turns, "full": full, "words": nw, "rturns": nr, "labels": labels}
    return parsed


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def check_orientation(parsed):
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if not idx.isdigit():
            problem(f"orientation.csv: bad turn index {r}")
            continue
        idx = int(idx)
        keys.append((doc, idx))
        if doc not in DOCS:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if doc not in parsed:
            continue
        turns = parsed[doc]["turns"]
        if not 1 <= idx <= len(turns):
            problem(f"orientation.csv: {doc} turn {idx} does not exist")
        elif idx % 2 == 1 or turns[idx - 1][0] != parsed[doc]["labels"][1]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")


def check_identifiers(parsed):
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, count = set(), {}
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {r}")
        seen.add((doc, ident))
        count[doc] = count.get(doc, 0) + 1
        if doc not in DOCS:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif doc in parsed and ident not in parsed[doc]["full"]:
            problem(f"identifiers.csv: {doc} {ident!r} not found verbatim in the transcript")
    for doc in DOCS:
        if count.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has {count.get(doc, 0)} identifiers (need at least 5)")


def check_styles():
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    docs = [r[0] for r in rows if r]
    if sorted(docs) != sorted(DOCS) or len(docs) != len(set(docs)):
        problem(f"styles.csv: docs {docs} do not match {sorted(DOCS)}")
    counts, kinds = {}, {"too little evidence": 0, "mixed": 0}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        doc, style, why = r
        counts[style] = counts.get(style, 0) + 1
        if style not in MIX:
            problem(f"styles.csv: bad style {r}")
        if not why.strip() or len(re.findall(r"[.!?](\s|$)", why.strip())) != 1:
            problem(f"styles.csv: {doc} rationale should be one sentence")
        if style == "onbepaald":
            low = why.lower()
            if "too little evidence" in low:
                kinds["too little evidence"] += 1
            elif "mixed" in low:
                kinds["mixed"] += 1
            else:
                problem(f"styles.csv: {doc} onbepaald rationale does not say which kind")
    if counts != MIX:
        problem(f"styles.csv: mix {counts}, requested {MIX}")
    if kinds != {"too little evidence": 2, "mixed": 1}:
        problem(f"styles.csv: onbepaald kinds {kinds}, requested 2 too little evidence + 1 mixed")


def main():
    parsed = load_docs()
    check_orientation(parsed)
    check_identifiers(parsed)
    check_styles()
    if "-v" in sys.argv:
        for doc, d in parsed.items():
            print(f"{doc}: {d['words']} words, {d['rturns']} respondent turns")
    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
