#!/usr/bin/env python3
"""Check set IJ against the brief, using only the built transcripts and the csv files.

Standard library only. Prints OK, or the problems (exit status 1).
Optional: --stats prints per-document counts (words, turns, respondent turns, format).
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
DOC_IDS = [f"ij{n:02d}" for n in range(1, 7)]
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
ONBEPAALD_KINDS = {"mixed", "too little evidence"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
EXTS = {".docx", ".txt", ".vtt", ".srt"}
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ---------------------------------------------------------------- readers
def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W_NS + "t":
                parts.append(el.text or "")
            elif el.tag == W_NS + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras, "docx"


def read_text(path):
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            problem(f"{path.name}: neither UTF-8 nor Windows-1252")
            return None, None
    if "\ufffd" in text:
        problem(f"{path.name}: replacement characters in text")
    nl = "crlf" if "\r\n" in text else "lf"
    if nl == "crlf" and re.search(r"(?<!\r)\n", text):
        problem(f"{path.name}: mixed line endings")
    return text.replace("\r\n", "\n"), f"{enc}/{nl}"


LABEL_LINE = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([^:\[\]<>]{1,40}?):\s+(\S.*)$")


def turns_from_lines(lines, name):
    """Line formats (docx paragraphs, txt): a turn is a line 'Label: text' whose label
    occurs at least three times; the other lines before the first turn are header."""
    parsed = [LABEL_LINE.match(l.strip()) for l in lines]
    counts = Counter(m.group(2) for m in parsed if m)
    speakers = {lab for lab, c in counts.items() if c >= 3}
    turns, header = [], []
    for line, m in zip(lines, parsed):
        if not line.strip():
            continue
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3).strip()])
        elif not turns:
            header.append(line.strip())
        else:
            problem(f"{name}: line after the first turn that is not a turn: {line[:60]!r}")
    return turns, header


CUE_TIME = re.compile(r"^(\d{2}:)?\d{2}:\d{2}[.,]\d{3} --> (\d{2}:)?\d{2}:\d{2}[.,]\d{3}")


def turns_from_vtt(text, name):
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{name}: does not start with WEBVTT")
        return [], []
    cues, header = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l.strip() for l in [lines[0][4:]] + lines[1:] if l.strip()]
            continue
        if not CUE_TIME.match(lines[0]) and len(lines) > 1 and CUE_TIME.match(lines[1]):
            lines = lines[1:]
        if not CUE_TIME.match(lines[0]):
            problem(f"{name}: cue without timing: {b[:50]!r}")
            continue
        payload = " ".join(lines[1:]).strip()
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", payload)
        if not m:
            problem(f"{name}: cue without voice tag: {payload[:50]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return merge(cues), header


def turns_from_srt(text, name):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues, expect = [], 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not CUE_TIME.match(lines[1]):
            problem(f"{name}: malformed cue: {b[:50]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{name}: cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        payload = " ".join(lines[2:]).strip()
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", payload)
        if not m:
            problem(f"{name}: cue without speaker: {payload[:50]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return merge(cues), []


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc_id):
    files = [p for p in TR.glob(doc_id + ".*") if p.suffix in EXTS]
    if len(files) != 1:
        problem(f"{doc_id}: expected one transcript, found {len(files)}")
        return None
    path = files[0]
    if path.suffix == ".docx":
        lines, fmt = read_docx(path)
        turns, header = turns_from_lines(lines, path.name)
        full = "\n".join(lines)
    else:
        text, fmt = read_text(path)
        if text is None:
            return None
        if path.suffix == ".vtt":
            turns, header = turns_from_vtt(text, path.name)
        elif path.suffix == ".srt":
            turns, header = turns_from_srt(text, path.name)
        else:
            turns, header = turns_from_lines(text.split("\n"), path.name)
        full = text
    full = full + "\n" + "\n".join(t for _, t in turns)
    return dict(path=path, fmt=f"{path.suffix[1:]}:{fmt}", turns=turns, header=header, full=full)


def read_csv(name, cols):
    path = ROOT / name
    if not path.exists():
        problem(f"{name}: missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != cols:
        problem(f"{name}: header should be {','.join(cols)}")
        return []
    for r in rows[1:]:
        if len(r) != len(cols):
            problem(f"{name}: bad row {r}")
    return [r for r in rows[1:] if len(r) == len(cols)]


# ---------------------------------------------------------------- checks
def main():
    docs = {}
    for d in DOC_IDS:
        doc = load(d)
        if not doc:
            continue
        docs[d] = doc
        turns = doc["turns"]
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            problem(f"{d}: expected 2 speakers, found {speakers}")
        elif turns:
            for i, (s, _) in enumerate(turns, 1):
                want = speakers[0] if i % 2 else speakers[1]
                if s != want:
                    problem(f"{d}: turn {i} by {s!r}, expected {want!r} (turns must alternate, interviewer first)")
                    break
        if any(t.lower().startswith(("respondent", "r:")) for t in [speakers[0]] if speakers):
            problem(f"{d}: first speaker looks like the respondent")
        words = sum(len(t.split()) for _, t in turns)
        doc["words"] = words
        doc["resp"] = sum(1 for s, _ in turns if len(speakers) > 1 and s == speakers[1])
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{d}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= doc["resp"] <= RESP_TURNS[1]:
            problem(f"{d}: {doc['resp']} respondent turns, outside {RESP_TURNS}")
        low = doc["full"].lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{d}: forbidden word {w!r} in transcript")
        for h in doc["header"]:
            m = LABEL_LINE.match(h)
            if m and m.group(2).lower() not in {"respondent", "interviewer", "datum", "duur",
                                                 "opname", "sprekers", "locatie", "transcriptie"}:
                problem(f"{d}: header line looks like a turn: {h[:60]!r}")
    fmts = {doc["fmt"] for doc in docs.values()}
    if len(fmts) < 4:
        problem(f"only {len(fmts)} distinct transcript formats: {sorted(fmts)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in rows]
    if sorted(ids) != DOC_IDS:
        problem(f"styles.csv: doc ids {ids} instead of {DOC_IDS}")
    mix = Counter(r[1] for r in rows)
    if dict(mix) != MIX:
        problem(f"styles.csv: mix {dict(mix)} instead of {MIX}")
    kinds = set()
    for r in rows:
        if not r[2].strip():
            problem(f"styles.csv: {r[0]} has no rationale")
        if r[1] == "onbepaald":
            k = [x for x in ONBEPAALD_KINDS if x in r[2].lower()]
            if len(k) != 1:
                problem(f"styles.csv: {r[0]} onbepaald rationale must name its kind ({ONBEPAALD_KINDS})")
            kinds.update(k)
    if mix.get("onbepaald") == 2 and kinds != ONBEPAALD_KINDS:
        problem(f"styles.csv: onbepaald kinds {kinds}, expected one of each")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for d, idx, o in rows:
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if not idx.isdigit():
            problem(f"orientation.csv: bad turn_index {idx!r}")
            continue
        i = int(idx)
        keys.append((d, i))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r} ({d} {i})")
        if i % 2 or not 1 <= i <= len(docs[d]["turns"]):
            problem(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = Counter()
    seen = set()
    for d, s, t in rows:
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        per_doc[d] += 1
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t!r} for {d} {s!r}")
        if s not in docs[d]["full"]:
            problem(f"identifiers.csv: {d} {s!r} does not occur verbatim")
    for d in docs:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has only {per_doc[d]} identifiers")

    if "--stats" in sys.argv:
        for d, doc in docs.items():
            print(f"{d}\t{doc['path'].name}\t{doc['fmt']}\twords={doc['words']}\t"
                  f"turns={len(doc['turns'])}\tresp={doc['resp']}\tids={per_doc[d]}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
