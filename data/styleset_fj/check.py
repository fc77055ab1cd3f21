#!/usr/bin/env python3
"""Check set FJ from the built transcripts (standard library only).

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
DOCS = [f"fj0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
# who is the interviewer in each document (the speaker label as it appears)
INTERVIEWER = {"fj01": "I", "fj02": "Spreker 1", "fj03": "Lotte Veenstra",
               "fj04": "Femke de Wit", "fj05": "Interviewer", "fj06": "Eva"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode_text(raw, doc):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def speaker_labels(starts):
    """Labels that open at least three lines: these are the speakers."""
    c = Counter(starts)
    return {k for k, v in c.items() if v >= 3}


def merge(turns):
    out = []
    for spk, text in turns:
        if out and out[-1][0] == spk:
            out[-1] = (spk, out[-1][1] + " " + text)
        else:
            out.append((spk, text))
    return out


def parse_txt(text):
    lines = text.splitlines()
    ts = re.compile(r"^\[(\d\d:\d\d:\d\d)\]\s+([^:\]]{1,40}):\s+(.*)$")
    lab = re.compile(r"^([^\s:][^:]{0,39}):\s+(.*)$")
    if any(ts.match(l) for l in lines):
        turns = [(m.group(2), m.group(3)) for m in map(ts.match, lines) if m]
        return turns
    starts = [m.group(1) for m in map(lab.match, lines) if m]
    spk = speaker_labels(starts)
    turns, started = [], False
    for l in lines:
        m = lab.match(l)
        if m and m.group(1) in spk:
            turns.append([m.group(1), m.group(2)])
            started = True
        elif started and l.strip():
            turns[-1][1] += " " + l.strip()
    return [tuple(t) for t in turns]


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def parse_docx(paras):
    lab = re.compile(r"^([^\s:][^:]{0,39}):\s+(.*)$")
    spk = speaker_labels([m.group(1) for m in map(lab.match, paras) if m])
    turns = []
    for p in paras:
        m = lab.match(p)
        if m and m.group(1) in spk:
            turns.append((m.group(1), m.group(2)))
        elif turns and p.strip():
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + p.strip())
    return turns


def blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if b.strip()]


def parse_vtt(text, doc):
    bl = blocks(text)
    if not bl or not bl[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    turns = []
    for b in bl[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        i = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if i is None:
            problem(f"{doc}: vtt block without timing: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        turns.append((m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()))
    return merge(turns)


def parse_srt(text, doc):
    lab = re.compile(r"^([^\s:][^:]{0,29}):\s+(.*)$")
    cues = []
    for b in blocks(text):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue: {lines[0][:40]!r}")
            continue
        cues.append(" ".join(l.strip() for l in lines[2:]))
    spk = speaker_labels([m.group(1) for m in map(lab.match, cues) if m])
    turns = []
    for c in cues:
        m = lab.match(c)
        if m and m.group(1) in spk:
            turns.append((m.group(1), m.group(2)))
        elif turns:
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + c)
        else:
            problem(f"{doc}: srt starts without a speaker")
    return turns


def load(doc):
    files = [f for f in TR.glob(f"{doc}.*")]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {len(files)}")
        return None, None
    f = files[0]
    ext = f.suffix.lower()
    if ext == ".docx":
        try:
            paras = docx_paragraphs(f)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx unreadable: {e}")
            return None, None
        return "\n".join(paras), parse_docx(paras)
    text, enc = decode_text(f.read_bytes(), doc)
    if text is None:
        return None, None
    if ext == ".txt":
        return text, parse_txt(text)
    if ext == ".vtt":
        if enc != "utf-8":
            problem(f"{doc}: vtt must be UTF-8")
        return text, parse_vtt(text, doc)
    if ext == ".srt":
        return text, parse_srt(text, doc)
    problem(f"{doc}: unknown transcript format {ext}")
    return None, None


def main():
    docs_text, docs_turns = {}, {}
    exts = set()
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        exts.update(f.suffix for f in TR.glob(f"{doc}.*"))
        docs_text[doc], docs_turns[doc] = text, turns
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            problem(f"{doc}: expected 2 speakers, found {speakers}")
            continue
        if turns[0][0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn by {turns[0][0]!r}, not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} by the same speaker")
        nwords = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s != INTERVIEWER[doc])
        if not 1500 <= nwords <= 2600:
            problem(f"{doc}: {nwords} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns, outside 10-45")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
    if len(exts) < 4:
        problem(f"only {len(exts)} transcript formats: {sorted(exts)}")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOCS:
        problem(f"styles.csv: doc ids {ids}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
    kinds = Counter()
    for r in rows:
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald":
            rat = r["rationale"].lower()
            if "mixed" in rat:
                kinds["mixed"] += 1
            elif "too little evidence" in rat:
                kinds["little"] += 1
            else:
                problem(f"styles.csv: {r['doc_id']} onbepaald without kind")
    if kinds != Counter({"mixed": 1, "little": 1}):
        problem(f"styles.csv: onbepaald kinds {dict(kinds)}")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc, idx, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        turns = docs_turns.get(doc)
        if turns is None:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] == INTERVIEWER[doc]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    per_doc = Counter()
    seen = set()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        per_doc[doc] += 1
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if doc in docs_text and ident not in docs_text[doc]:
            problem(f"identifiers.csv: {doc} {ident!r} not found verbatim")
    for doc in DOCS:
        if per_doc[doc] < 5:
            problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
