#!/usr/bin/env python3
"""Check set GD from the BUILT transcripts (standard library only).

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc -> (file name, encoding, parser, interviewer label, respondent label)
DOCS = {
    "gd01": ("gd01.docx", None, "docx_bold", "Sanne", "Anke"),
    "gd02": ("gd02.vtt", "utf-8", "vtt", "Ilse Bemelmans", "Jo Schiffelers"),
    "gd03": ("gd03.txt", "cp1252", "txt_spreker", "Spreker 1", "Spreker 2"),
    "gd04": ("gd04.srt", "utf-8", "srt", "Noor", "Luuk"),
    "gd05": ("gd05.txt", "utf-8", "txt_ir", "I", "R"),
    "gd06": ("gd06.docx", None, "docx_plain", "Interviewer", "Respondent"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ parsers
def read_docx(path):
    """Return list of (text, first_run_bold) per non-empty paragraph."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            b = rpr is not None and rpr.find(W + "b") is not None and \
                rpr.find(W + "b").get(W + "val", "true") not in ("0", "false")
            runs.append((t, b))
        text = "".join(t for t, _ in runs)
        if text.strip():
            first_bold = next((b for t, b in runs if t.strip()), False)
            paras.append((text, first_bold))
    return paras


def turns_docx(doc, path, ilab, rlab, bold):
    paras = read_docx(path)
    full = "\n".join(t for t, _ in paras)
    turns, started = [], False
    lab = re.compile(rf"^({re.escape(ilab)}|{re.escape(rlab)}):\s+(.*)$", re.S)
    for text, fb in paras:
        m = lab.match(text)
        if m:
            started = True
            if bold and not fb:
                problem(f"{doc}: speaker label not bold: {text[:40]}")
            turns.append((m.group(1), m.group(2)))
        elif started:
            problem(f"{doc}: paragraph without speaker label after first turn: {text[:50]}")
    return turns, full


def turns_txt(doc, text, ilab, rlab, pattern, need_sep=False):
    lines = text.splitlines()
    if need_sep:
        try:
            start = next(i for i, ln in enumerate(lines) if re.fullmatch(r"-{10,}", ln.strip())) + 1
        except StopIteration:
            problem(f"{doc}: no header separator")
            start = 0
    else:
        start = 0
    turns, started = [], False
    for ln in lines[start:]:
        if not ln.strip():
            continue
        m = re.match(pattern, ln)
        if m and m.group("who") in (ilab, rlab):
            started = True
            turns.append((m.group("who"), m.group("text")))
        elif started:
            problem(f"{doc}: unlabelled line after first turn: {ln[:50]}")
    return turns


def merge(cues):
    turns = []
    for who, txt in cues:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + txt)
        else:
            turns.append((who, txt))
    return turns


def turns_vtt(doc, text):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: missing WEBVTT")
    cues = []
    for block in re.split(r"\n\s*\n", text.strip())[1:]:
        lines = block.splitlines()
        if lines[0].startswith("NOTE"):
            continue
        if "-->" not in lines[0]:
            problem(f"{doc}: bad cue {lines[0][:30]}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"<v ([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc}: cue without voice tag: {body[:40]}")
            continue
        cues.append((m.group(1), re.sub(r"</?v[^>]*>", "", m.group(2)).strip()))
    return merge(cues)


def turns_srt(doc, text, ilab, rlab):
    cues, expect = [], 1
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: bad srt block {block[:30]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: cue numbering {lines[0]} != {expect}")
        expect = int(lines[0]) + 1
        body = " ".join(lines[2:])
        m = re.match(rf"^({re.escape(ilab)}|{re.escape(rlab)}):\s+(.*)$", body)
        if not m:
            problem(f"{doc}: cue without speaker: {body[:40]}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues)


def load(doc):
    fname, enc, kind, ilab, rlab = DOCS[doc]
    path = TR / fname
    others = [p.name for p in TR.glob(doc + ".*") if p.name != fname]
    if others:
        problem(f"{doc}: more than one transcript: {others}")
    if not path.exists():
        problem(f"{doc}: transcript {fname} missing")
        return None, None
    if kind.startswith("docx"):
        turns, full = turns_docx(doc, path, ilab, rlab, bold=(kind == "docx_bold"))
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as {enc}: {e}")
            return None, None
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
            except UnicodeDecodeError:
                pass
            if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
                problem(f"{doc}: Windows-1252 file should use CRLF line endings")
        text = text.replace("\r\n", "\n")
        full = text
        if kind == "txt_spreker":
            turns = turns_txt(doc, text, ilab, rlab,
                              r"^\[\d\d:\d\d:\d\d\] (?P<who>Spreker \d): (?P<text>.*)$")
        elif kind == "txt_ir":
            turns = turns_txt(doc, text, ilab, rlab, r"^(?P<who>[IR]): (?P<text>.*)$", need_sep=True)
        elif kind == "vtt":
            turns = turns_vtt(doc, text)
        else:
            turns = turns_srt(doc, text, ilab, rlab)
    roles = {ilab: "I", rlab: "R"}
    out = []
    for n, (who, txt) in enumerate(turns, 1):
        role = roles.get(who)
        if role is None:
            problem(f"{doc}: unknown speaker {who!r}")
        want = "I" if n % 2 else "R"
        if role != want:
            problem(f"{doc}: turn {n} is {role}, expected {want} (turns must alternate, interviewer first)")
        out.append((role, txt))
    return out, full


# ------------------------------------------------------------------ checks
def main():
    docs = {}
    for doc in DOCS:
        turns, full = load(doc)
        if turns is None:
            continue
        docs[doc] = (turns, full)
        words = sum(len(t.split()) for _, t in turns)
        nr = sum(1 for r, _ in turns if r == "R")
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        if FORBIDDEN.search(full):
            problem(f"{doc}: forbidden label word in transcript")

    # styles
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    styles = {}
    for r in rows:
        if r["doc_id"] in styles:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r["style"]
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: no rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
            problem(f"styles.csv: onbepaald {r['doc_id']} does not say which kind")
    if set(styles) != set(DOCS):
        problem(f"styles.csv: docs {sorted(styles)} != {sorted(DOCS)}")
    mix = Counter(styles.values())
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")

    # orientation
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")
    for r in rows:
        d, n, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][0]
        if not 1 <= n <= len(turns) or turns[n - 1][0] != "R":
            problem(f"orientation.csv: {d} turn {n} is not a respondent turn")

    # identifiers
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, per_doc = set(), Counter()
    for r in rows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ}")
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        per_doc[d] += 1
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
        elif ident not in docs[d][1]:
            problem(f"identifiers.csv: {d} {ident!r} not found verbatim in transcript")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has only {per_doc[d]} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
