#!/usr/bin/env python3
"""Check the built blind set (standard library only).

Parses the transcripts in transcripts/ (not the sources) and checks:
- one transcript per doc id, readable in its encoding (Windows-1252 docs must not be valid UTF-8
  and must use CRLF where declared);
- turns strictly alternate, interviewer first; 10-45 respondent turns;
- 1,500-2,600 words of spoken text (labels, timestamps and headers not counted);
- orientation.csv: sorted, no duplicates, valid values, every row points at a respondent turn;
- identifiers.csv: valid types, one row per distinct string per doc, every identifier verbatim in
  its document;
- styles.csv: complete, valid styles, requested mix (1 casusgericht, 3 netwerkgericht, 2 onbepaald:
  one mixed, one too little evidence);
- no forbidden label words in the transcripts.
Prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"ml0{i}" for i in range(1, 7)]

# per doc: extension, encoding, line ending (None = not checked), interviewer label, respondent label
EXPECT = {
    "ml01": ("docx", None, None, "Interviewer", "Marvin"),
    "ml02": ("srt", "utf-8", "crlf", "Interviewer", "Sanne Verhoeff"),
    "ml03": ("txt", "cp1252", "crlf", "I", "R"),
    "ml04": ("vtt", "utf-8", "lf", "Noor Bakker", "Ria Hoogendoorn"),
    "ml05": ("txt", "utf-8", "lf", "Spreker 1", "Spreker 2"),
    "ml06": ("docx", None, None, "Interviewer", "Respondent"),
}
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def merge(turns):
    """Merge consecutive segments of the same speaker (cue-based formats)."""
    out = []
    for spk, text in turns:
        if out and out[-1][0] == spk:
            out[-1] = (spk, out[-1][1] + " " + text)
        else:
            out.append((spk, text))
    return out


def read_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    full = "\n".join(paras)
    turns, started = [], False
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$", re.S)
    for para in paras:
        m = pat.match(para)
        if m:
            started = True
            turns.append((m.group(1), m.group(2).strip()))
        elif started and para.strip():
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + para.strip())
    # sequential paragraphs of one speaker are not allowed in docx: no merge
    return full, turns


def read_text(path, enc, nl, doc):
    data = path.read_bytes()
    if enc == "cp1252":
        try:
            data.decode("utf-8")
            bad(f"{doc}: declared Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None
    if nl == "crlf":
        if b"\n" in data.replace(b"\r\n", b""):
            bad(f"{doc}: bare LF in a CRLF file")
    elif nl == "lf" and b"\r" in data:
        bad(f"{doc}: CR in an LF file")
    return text.replace("\r\n", "\n")


def parse_lines(text, labels):
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    turns, started = [], False
    for line in text.split("\n"):
        m = pat.match(line)
        if m:
            started = True
            turns.append((m.group(1), m.group(2).strip()))
        elif started and line.strip():
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + line.strip())
    return turns


def parse_spreker(text, labels):
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    turns = []
    for line in text.split("\n"):
        m = pat.match(line)
        if m:
            turns.append((m.group(4), m.group(5).strip()))
        elif turns and line.strip():
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + line.strip())
    return turns


def parse_srt(text, labels, doc):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    segs, prev = [], 0
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$", re.S)
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed SRT cue: {b[:40]!r}")
            continue
        n = int(lines[0])
        if n != prev + 1:
            bad(f"{doc}: SRT numbering jumps at {n}")
        prev = n
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1].strip()):
            bad(f"{doc}: bad SRT timing {lines[1]!r}")
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if m:
            segs.append((m.group(1), m.group(2).strip()))
        elif segs:
            segs.append((segs[-1][0], body))
        else:
            bad(f"{doc}: SRT cue without speaker: {body[:40]!r}")
    return merge(segs)


def parse_vtt(text, labels, doc):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: VTT does not start with WEBVTT")
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()][1:]
    segs = []
    for b in blocks:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # cue identifier
        if not lines or not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", lines[0]):
            bad(f"{doc}: malformed VTT cue: {b[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            bad(f"{doc}: VTT cue without voice tag: {body[:40]!r}")
            continue
        if m.group(1) not in labels:
            bad(f"{doc}: unknown voice {m.group(1)!r}")
            continue
        segs.append((m.group(1), m.group(2).strip()))
    return merge(segs)


def load_doc(doc):
    ext, enc, nl, il, rl = EXPECT[doc]
    files = sorted(p for p in TR.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {[p.name for p in files]}")
        return None, []
    path = files[0]
    if path.suffix != "." + ext:
        bad(f"{doc}: expected .{ext}, found {path.name}")
    labels = [il, rl]
    if ext == "docx":
        try:
            full, turns = read_docx(path, labels)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: docx not readable: {e}")
            return None, []
    else:
        full = read_text(path, enc, nl, doc)
        if full is None:
            return None, []
        if ext == "srt":
            turns = parse_srt(full, labels, doc)
        elif ext == "vtt":
            turns = parse_vtt(full, labels, doc)
        elif doc == "ml05":
            turns = parse_spreker(full, labels)
        else:
            turns = parse_lines(full, labels)
    # alternation
    for i, (spk, _) in enumerate(turns):
        want = il if i % 2 == 0 else rl
        if spk != want:
            bad(f"{doc}: turn {i + 1} by {spk!r}, expected {want!r}")
            break
    rturns = sum(1 for s, _ in turns if s == rl)
    if not 10 <= rturns <= 45:
        bad(f"{doc}: {rturns} respondent turns (10-45 required)")
    words = sum(len(t.split()) for _, t in turns)
    if not 1500 <= words <= 2600:
        bad(f"{doc}: {words} spoken words (1500-2600 required)")
    low = full.lower()
    for w in FORBIDDEN:
        if w in low:
            bad(f"{doc}: forbidden word {w!r}")
    return full, turns, words, rturns


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        bad(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    loaded = {}
    for doc in DOCS:
        res = load_doc(doc)
        if res and res[0] is not None:
            loaded[doc] = res
    # styles
    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    sd = {}
    for row in styles:
        if len(row) != 3 or not row[2].strip():
            bad(f"styles.csv: bad row {row}")
            continue
        if row[0] in sd:
            bad(f"styles.csv: duplicate {row[0]}")
        sd[row[0]] = (row[1], row[2])
    if sorted(sd) != DOCS:
        bad(f"styles.csv: doc ids {sorted(sd)} != {DOCS}")
    counts = {}
    for s, _ in sd.values():
        if s not in MIX:
            bad(f"styles.csv: invalid style {s!r}")
        counts[s] = counts.get(s, 0) + 1
    if counts != MIX:
        bad(f"styles.csv: mix {counts} != {MIX}")
    kinds = []
    for doc, (s, rat) in sd.items():
        if s == "onbepaald":
            r = rat.lower()
            if "gemengd" in r or "mixed" in r:
                kinds.append("mixed")
            elif "te weinig" in r or "too little" in r:
                kinds.append("little")
            else:
                bad(f"styles.csv: {doc} onbepaald rationale does not say which kind")
    if sorted(kinds) != ["little", "mixed"]:
        bad(f"styles.csv: onbepaald kinds {kinds}, need one mixed and one too little evidence")
    # orientation
    orows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for row in orows:
        if len(row) != 3:
            bad(f"orientation.csv: bad row {row}")
            continue
        doc, idx, o = row
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {row}")
        try:
            idx = int(idx)
        except ValueError:
            bad(f"orientation.csv: bad index {row}")
            continue
        keys.append((doc, idx))
        if doc not in loaded:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = loaded[doc][1]
        rl = EXPECT[doc][4]
        if not 1 <= idx <= len(turns) or idx % 2 != 0 or turns[idx - 1][0] != rl:
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicates")
    # identifiers
    irows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per = set(), {}
    for row in irows:
        if len(row) != 3:
            bad(f"identifiers.csv: bad row {row}")
            continue
        doc, ident, ty = row
        if ty not in TYPES:
            bad(f"identifiers.csv: bad type {row}")
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {row}")
        seen.add((doc, ident))
        per[doc] = per.get(doc, 0) + 1
        if doc not in loaded:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        if ident not in loaded[doc][0]:
            bad(f"identifiers.csv: {doc}: {ident!r} not found verbatim")
    for doc in DOCS:
        if per.get(doc, 0) < 5:
            bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")
    if problems:
        for p in problems:
            print(p)
        return 1
    for doc in DOCS:
        _, turns, words, rt = loaded[doc]
        print(f"{doc}: {len(turns)} turns, {rt} respondent turns, {words} words", file=sys.stderr)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
