#!/usr/bin/env python3
"""Check set GI: parses the built transcripts (not the sources) with the standard library only.

Prints OK, or the problems found (exit status 1).
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
DOCS = [f"gi{i:02d}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "duur", "locatie", "interviewer", "opname"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "casusgerichte", "netwerkgerichte"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([^:\[\]\n]{1,40}?):\s+(.*)$")
TIMING = re.compile(r"^(\d{2}:\d{2}:\d{2}[.,]\d{3}) --> (\d{2}:\d{2}:\d{2}[.,]\d{3})")

problems = []


def problem(msg):
    problems.append(msg)


def n_words(s):
    return len(re.findall(r"\w+", s))


# ---------- readers: each returns (full_text, header_lines, turns[(label, text)]) ----------
def turns_from_lines(doc, lines):
    """Generic 'Label: text' parser; the two most frequent labels are the speakers."""
    cands = [LABEL.match(ln) for ln in lines]
    counts = Counter(m.group(2).strip() for m in cands if m)
    speakers = {lab for lab, c in counts.most_common(2) if c >= 5}
    if len(speakers) != 2:
        problem(f"{doc}: could not find exactly two speakers (labels: {dict(counts)})")
        return [], []
    header, turns = [], []
    for ln, m in zip(lines, cands):
        if not ln.strip():
            continue
        if m and m.group(2).strip() in speakers:
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif not turns:
            header.append(ln)
            if m and m.group(2).strip().lower() not in META_KEYS:
                problem(f"{doc}: header line looks like a speaker turn: {ln[:60]!r}")
        else:
            turns[-1][1] += " " + ln.strip()  # continuation paragraph
    return header, [tuple(t) for t in turns]


def read_docx(doc, path):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: unreadable docx ({e})")
        return "", [], []
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            bold = rpr is not None and rpr.find(W + "b") is not None and \
                rpr.find(W + "b").get(W + "val", "true") not in ("0", "false")
            runs.append((t, bold))
        paras.append(runs)
    texts = ["".join(t for t, _ in runs) for runs in paras]
    full = "\n".join(texts)
    bold_mode = any(runs and runs[0][1] and runs[0][0].strip().endswith(":") for runs in paras)
    if not bold_mode:
        header, turns = turns_from_lines(doc, texts)
        return full, header, turns
    header, turns = [], []
    for runs, text in zip(paras, texts):
        if not text.strip():
            continue
        if runs and runs[0][1] and runs[0][0].strip().endswith(":"):
            lab = runs[0][0].strip()[:-1].strip()
            turns.append([lab, "".join(t for t, _ in runs[1:]).strip()])
        elif not turns:
            header.append(text)
        else:
            turns[-1][1] += " " + text.strip()
    return full, header, [tuple(t) for t in turns]


def decode(doc, raw):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            problem(f"{doc}: neither UTF-8 nor Windows-1252")
            return "", None


def read_txt(doc, path):
    text, enc = decode(doc, path.read_bytes())
    if enc == "cp1252" and "\r\n" not in text:
        problem(f"{doc}: Windows-1252 file without CRLF line ends")
    lines = text.replace("\r\n", "\n").split("\n")
    header, turns = turns_from_lines(doc, lines)
    return text, header, turns


def merge(seq):
    turns = []
    for lab, txt in seq:
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return [tuple(t) for t in turns]


def read_vtt(doc, path):
    text, enc = decode(doc, path.read_bytes())
    if enc != "utf-8":
        problem(f"{doc}: vtt must be UTF-8")
    t = text.replace("\r\n", "\n")
    if not t.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    header, seq = [], []
    for block in re.split(r"\n\s*\n", t.strip()):
        lines = block.split("\n")
        if lines[0].startswith("WEBVTT"):
            continue
        if lines[0].startswith("NOTE"):
            header.extend(x for x in [lines[0][4:].strip()] + lines[1:] if x)
            continue
        i = 0 if TIMING.match(lines[0]) else 1
        if i >= len(lines) or not TIMING.match(lines[i]):
            problem(f"{doc}: vtt block without timing: {block[:50]!r}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:50]!r}")
            continue
        seq.append((m.group(1).strip(), re.sub(r"</v>\s*$", "", m.group(2)).strip()))
    return text, header, merge(seq)


def read_srt(doc, path):
    text, enc = decode(doc, path.read_bytes())
    if enc != "utf-8":
        problem(f"{doc}: srt must be UTF-8")
    t = text.replace("\r\n", "\n")
    seq, expect = [], 1
    for block in re.split(r"\n\s*\n", t.strip()):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not TIMING.match(lines[1]):
            problem(f"{doc}: malformed srt block: {block[:50]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: srt numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        body = " ".join(lines[2:])
        m = LABEL.match(body)
        if not m:
            problem(f"{doc}: srt cue without 'Name:' {body[:50]!r}")
            continue
        seq.append((m.group(2).strip(), m.group(3).strip()))
    return text, [], merge(seq)


READERS = {".docx": read_docx, ".txt": read_txt, ".vtt": read_vtt, ".srt": read_srt}


def main():
    # styles.csv
    styles = {}
    try:
        rows = list(csv.DictReader(open(ROOT / "styles.csv", encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    for r in rows:
        if r["doc_id"] in styles:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")
    if sorted(styles) != DOCS:
        problem(f"styles.csv: documents {sorted(styles)} != {DOCS}")
    mix = Counter(r["style"] for r in styles.values())
    if mix != Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}):
        problem(f"styles.csv: style mix {dict(mix)} is not 2/2/2")
    kinds = Counter()
    for r in styles.values():
        if r["style"] == "onbepaald":
            rat = r["rationale"].lower()
            kinds["mixed" if "mixed" in rat else "too little evidence" if "too little evidence" in rat else "?"] += 1
    if kinds != Counter({"mixed": 1, "too little evidence": 1}):
        problem(f"styles.csv: onbepaald kinds {dict(kinds)}; need one mixed and one too little evidence")

    # transcripts
    docs, formats = {}, set()
    for d in DOCS:
        files = sorted(TR.glob(d + ".*"))
        if len(files) != 1:
            problem(f"{d}: expected one transcript, found {[f.name for f in files]}")
            continue
        path = files[0]
        reader = READERS.get(path.suffix)
        if reader is None:
            problem(f"{d}: unknown extension {path.suffix}")
            continue
        full, header, turns = reader(d, path)
        if path.suffix == ".txt":
            fmt = "txt-ts" if re.search(r"^\[\d{2}:\d{2}:\d{2}\]", full, re.M) else "txt"
            fmt += "-cp1252" if not _is_utf8(path) else ""
        elif path.suffix == ".docx":
            fmt = "docx"
        else:
            fmt = path.suffix[1:]
        formats.add(path.suffix + (":" + fmt))
        docs[d] = (full, turns)
        if not turns:
            problem(f"{d}: no turns parsed")
            continue
        labs = [lab for lab, _ in turns]
        if len(set(labs)) != 2:
            problem(f"{d}: {len(set(labs))} speakers instead of 2: {set(labs)}")
        first = labs[0]
        for i, lab in enumerate(labs):
            if (i % 2 == 0) != (lab == first):
                problem(f"{d}: turns do not alternate at turn {i + 1}")
                break
        ilab = first
        if not re.search(r"interviewer|^I$|spreker 1|wolters|bram|hendriks|verbeek|yilmaz|bakker", ilab, re.I):
            problem(f"{d}: first speaker {ilab!r} does not look like the interviewer")
        nresp = sum(1 for lab in labs if lab != first)
        if not 10 <= nresp <= 45:
            problem(f"{d}: {nresp} respondent turns (need 10-45)")
        words = sum(n_words(t) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{d}: {words} spoken words (need 1500-2600)")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{d}: forbidden word {w!r} in transcript")
        docs[d] = (full, turns, words, nresp)
    if len({f.split(":")[1].replace("-cp1252", "") if f.startswith(".txt") else f for f in formats}) < 4:
        problem(f"fewer than four formats: {sorted(formats)}")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(ROOT / "orientation.csv", encoding="utf-8")))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problem("orientation.csv is not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv has duplicates")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][1]
        if ti < 1 or ti > len(turns) or ti % 2 != 0:
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn (doc has {len(turns)} turns)")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8")))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    seen = set()
    per_doc = Counter()
    for r in irows:
        d, ident, ty = r["doc_id"], r["identifier"], r["type"]
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        per_doc[d] += 1
        if ty not in TYPES:
            problem(f"identifiers.csv: bad type {ty!r} for {ident!r}")
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if ident not in docs[d][0]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"{d}: only {per_doc[d]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


def _is_utf8(path):
    try:
        path.read_bytes().decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    main()
