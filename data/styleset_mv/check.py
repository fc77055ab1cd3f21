"""Check set mv: parses the BUILT transcripts (not the sources). Standard library only.

Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

SET = Path(__file__).resolve().parent
TR = SET / "transcripts"
DOCS = [f"mv0{i}" for i in range(1, 7)]
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
# per document: expected extension, encoding, and speaker label -> role
CONF = {
    "mv01": ("docx", "utf-8", {"Interviewer": "I", "Respondent": "R"}),
    "mv02": ("txt", "cp1252", {"Spreker 1": "I", "Spreker 2": "R"}),
    "mv03": ("vtt", "utf-8", {"Joris Aalbers": "I", "Ilse Verbruggen": "R"}),
    "mv04": ("srt", "utf-8", {"Nadia": "I", "Sem": "R"}),
    "mv05": ("txt", "utf-8", {"I": "I", "R": "R"}),
    "mv06": ("docx", "utf-8", {"Femke Visser": "I", "Ronald Sloot": "R"}),
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def merge(segments):
    """segments: list of (label, text) -> turns, merging consecutive segments of one speaker."""
    turns = []
    for lab, text in segments:
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    return turns


def label_split(line, labels):
    for lab in sorted(labels, key=len, reverse=True):
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def parse_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    full = "\n".join(paras)
    segs, started = [], False
    for para in paras:
        if not para.strip():
            continue
        lab, text = label_split(para, labels)
        if lab is None:
            if started:
                bad(f"{path.name}: paragraph without speaker label after first turn: {para[:50]!r}")
            continue
        started = True
        segs.append((lab, text))
    return full, segs


def parse_txt(path, labels, enc, stamped):
    raw = path.read_bytes()
    text = raw.decode(enc)  # strict: raises if not readable in its encoding
    if enc == "cp1252":
        if b"\r\n" not in raw or raw.count(b"\n") != raw.count(b"\r\n"):
            bad(f"{path.name}: expected consistent CRLF line ends")
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{path.name}: declared Windows-1252 but decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    segs, started = [], False
    for line in text.splitlines():
        if not line.strip():
            continue
        body = line
        if stamped:
            m = re.match(r"\[(\d\d):(\d\d):(\d\d)\] (.*)$", line)
            if not m:
                if started:
                    bad(f"{path.name}: line without timestamp after first turn: {line[:50]!r}")
                continue
            body = m.group(4)
        lab, t = label_split(body, labels)
        if lab is None:
            if started:
                bad(f"{path.name}: line without speaker label after first turn: {line[:50]!r}")
            continue
        started = True
        segs.append((lab, t))
    return text, segs


def parse_vtt(path, labels):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("WEBVTT"):
        bad(f"{path.name}: does not start with WEBVTT")
    segs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            bad(f"{path.name}: block without timing: {block[:40]!r}")
            continue
        if not re.match(r"\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$", lines[ti]):
            bad(f"{path.name}: bad timing line {lines[ti]!r}")
        cue = " ".join(lines[ti + 1:])
        m = re.match(r"<v ([^>]+)>(.*?)(</v>)?$", cue)
        if not m or m.group(1) not in labels:
            bad(f"{path.name}: cue without known voice tag: {cue[:50]!r}")
            continue
        segs.append((m.group(1), m.group(2).strip()))
    return text, segs


def parse_srt(path, labels):
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    segs, expect = [], 1
    for block in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = block.splitlines()
        if len(lines) < 3 or lines[0].strip() != str(expect):
            bad(f"{path.name}: cue numbering broken at {expect}")
            break
        expect += 1
        if not re.match(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1]):
            bad(f"{path.name}: bad timing line {lines[1]!r}")
        lab, t = label_split(" ".join(lines[2:]), labels)
        if lab is None:
            bad(f"{path.name}: cue without speaker name: {lines[2][:50]!r}")
            continue
        segs.append((lab, t))
    return text, segs


def load(doc):
    ext, enc, labels = CONF[doc]
    files = sorted(TR.glob(f"{doc}.*"))
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    if path.suffix != "." + ext:
        bad(f"{doc}: expected .{ext}, found {path.name}")
        return None
    try:
        if ext == "docx":
            full, segs = parse_docx(path, labels)
        elif ext == "txt":
            full, segs = parse_txt(path, labels, enc, stamped=(doc == "mv02"))
        elif ext == "vtt":
            full, segs = parse_vtt(path, labels)
        else:
            full, segs = parse_srt(path, labels)
    except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
        bad(f"{doc}: not readable: {e}")
        return None
    turns = [(labels[lab], t) for lab, t in merge(segs)]
    return full, turns


def main():
    parsed = {}
    for doc in DOCS:
        res = load(doc)
        if res is None:
            continue
        full, turns = res
        parsed[doc] = (full, turns)
        if not turns:
            bad(f"{doc}: no turns")
            continue
        for i, (role, _) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if role != want:
                bad(f"{doc}: turn {i} is {role}, expected {want} (no strict alternation)")
                break
        nwords = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= nwords <= WORDS[1]:
            bad(f"{doc}: {nwords} spoken words, outside {WORDS}")
        nresp = sum(1 for r, _ in turns if r == "R")
        if not RTURNS[0] <= nresp <= RTURNS[1]:
            bad(f"{doc}: {nresp} respondent turns, outside {RTURNS}")
        low = full.lower()
        for f in FORBIDDEN:
            if f in low:
                bad(f"{doc}: forbidden word {f!r} occurs in the transcript")

    # styles.csv
    with open(SET / "styles.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != DOCS or len(rows) != len(DOCS):
        bad(f"styles.csv: expected one row for each of {DOCS}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        bad(f"styles.csv: style mix {dict(mix)} != {WANT_MIX}")
    kinds = []
    for r in rows:
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald":
            rat = r["rationale"].lower()
            kinds.append("mixed" if "mixed" in rat else "little" if "too little evidence" in rat else "?")
    if sorted(kinds) != ["little", "mixed"]:
        bad(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence', got {kinds}")

    # orientation.csv
    with open(SET / "orientation.csv", encoding="utf-8", newline="") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(set(keys)) != len(keys):
        bad("orientation.csv: duplicate rows")
    for r in orows:
        doc, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r}")
        if doc not in parsed:
            bad(f"orientation.csv: unknown or unparsed doc {doc}")
            continue
        turns = parsed[doc][1]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
            bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(SET / "identifiers.csv", encoding="utf-8", newline="") as fh:
        irows = list(csv.DictReader(fh))
    seen = set()
    per_doc = Counter()
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        per_doc[doc] += 1
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        if doc in parsed and ident not in parsed[doc][0]:
            bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc in DOCS:
        if per_doc[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
