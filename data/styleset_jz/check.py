#!/usr/bin/env python3
"""Check set JZ: parses the BUILT transcripts (not src/) and the three csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id: (extension, encoding, interviewer label, respondent label, line ending)
DOCS = {
    "jz01": ("docx", None, "Femke Dijkstra", "Ingrid Bosman", None),
    "jz02": ("srt", "utf-8", "Interviewer", "R. Kamphuis", "\r\n"),
    "jz03": ("txt", "cp1252", "I", "R", "\r\n"),
    "jz04": ("vtt", "utf-8", "Bas Lammers", "Monique Veldkamp", "\n"),
    "jz05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "\n"),
    "jz06": ("docx", None, "Interviewer", "Respondent", None),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
ONBEPAALD_KINDS = (("mixed", "gemengd"), ("too little evidence", "te weinig"))
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl", "netwerker")
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RTURNS, MAX_RTURNS = 10, 45
MIN_FORMATS = 4

problems = []


def problem(msg):
    problems.append(msg)


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def label_re(ilabel, rlabel):
    alts = "|".join(re.escape(x) for x in sorted((ilabel, rlabel), key=len, reverse=True))
    return re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?(" + alts + r"):\s*(.*)$")


def turns_from_lines(lines, ilabel, rlabel):
    """Lines -> (header_lines, turns[(speaker, text)]). Unlabelled lines continue the current turn."""
    rx = label_re(ilabel, rlabel)
    header, turns = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            spk = "I" if m.group(2) == ilabel else "R"
            turns.append([spk, m.group(3)])
        elif turns:
            turns[-1][1] += " " + line
        else:
            header.append(line)
    return header, [tuple(t) for t in turns]


def read_docx(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def merge_same_speaker(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return [tuple(t) for t in turns]


def parse_srt(text, ilabel, rlabel):
    rx = label_re(ilabel, rlabel)
    cues, fulltext = [], []
    blocks = re.split(r"\n\s*\n", text.strip())
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"srt block {n} malformed: {b[:60]!r}")
            continue
        if int(lines[0]) != n:
            problem(f"srt cue numbering off at block {n}")
        body = " ".join(l.strip() for l in lines[2:])
        fulltext.append(body)
        m = rx.match(body)
        if not m:
            problem(f"srt cue {n} has no speaker label: {body[:50]!r}")
            continue
        cues.append(("I" if m.group(2) == ilabel else "R", m.group(3)))
    return [], merge_same_speaker(cues), "\n".join(fulltext)


def parse_vtt(text, ilabel, rlabel):
    if not text.startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    header, cues, fulltext = [], [], []
    vrx = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$")
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            fulltext += lines[1:]
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            problem(f"vtt block without timing: {b[:50]!r}")
            continue
        body = " ".join(l.strip() for l in lines[idx + 1:])
        m = vrx.match(body)
        if not m:
            problem(f"vtt cue without voice tag: {body[:50]!r}")
            continue
        name = m.group(1)
        if name not in (ilabel, rlabel):
            problem(f"vtt unknown voice {name!r}")
            continue
        fulltext.append(name + ": " + m.group(2))
        cues.append(("I" if name == ilabel else "R", m.group(2)))
    return header, merge_same_speaker(cues), "\n".join(fulltext)


def load_doc(doc_id):
    ext, enc, ilabel, rlabel, nl = DOCS[doc_id]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + ext):
        problem(f"{doc_id}: expected .{ext}, found {files[0]}")
        return None
    if ext == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa
            problem(f"{doc_id}: docx unreadable: {e}")
            return None
        header, turns = turns_from_lines(paras, ilabel, rlabel)
        return header, turns, "\n".join(paras)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc_id}: declared Windows-1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if nl == "\r\n" and (raw.count(b"\r\n") == 0 or raw.count(b"\n") != raw.count(b"\r\n")):
        problem(f"{doc_id}: expected CRLF line endings throughout")
    if nl == "\n" and b"\r" in raw:
        problem(f"{doc_id}: expected LF line endings")
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        header, turns = turns_from_lines(text.split("\n"), ilabel, rlabel)
        return header, turns, text
    if ext == "srt":
        return parse_srt(text, ilabel, rlabel)
    if ext == "vtt":
        return parse_vtt(text, ilabel, rlabel)
    problem(f"{doc_id}: unknown extension {ext}")
    return None


def read_csv(name, fields):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        r = csv.DictReader(fh)
        if r.fieldnames != fields:
            problem(f"{name}: header {r.fieldnames} != {fields}")
            return []
        return list(r)


def main():
    if not os.path.isdir(TDIR):
        print(f"transcripts/ missing")
        return 1
    extra = [f for f in os.listdir(TDIR) if f.split(".")[0] not in DOCS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    parsed = {}
    for doc_id in DOCS:
        res = load_doc(doc_id)
        if res is None:
            continue
        header, turns, fulltext = res
        parsed[doc_id] = (header, turns, fulltext)
        if not turns:
            problem(f"{doc_id}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if spk != want:
                problem(f"{doc_id}: turn {i + 1} is {spk}, expected {want} (strict alternation, interviewer first)")
                break
        n_words = sum(words(t) for _, t in turns)
        n_r = sum(1 for s, _ in turns if s == "R")
        if not MIN_WORDS <= n_words <= MAX_WORDS:
            problem(f"{doc_id}: {n_words} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        if not MIN_RTURNS <= n_r <= MAX_RTURNS:
            problem(f"{doc_id}: {n_r} respondent turns, outside {MIN_RTURNS}-{MAX_RTURNS}")
        low = fulltext.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc_id}: forbidden word {w!r} in transcript")
    exts = {os.path.splitext(f)[1] for f in os.listdir(TDIR)}
    variants = set()
    for doc_id, (ext, enc, il, rl, nl) in DOCS.items():
        variants.add((ext, enc, nl))
    if len(exts) < 3 or len(variants) < MIN_FORMATS:
        problem(f"fewer than {MIN_FORMATS} transcript formats: {sorted(variants, key=str)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(set(ids)) != len(ids):
        problem(f"styles.csv doc_ids {ids} do not match {sorted(DOCS)}")
    counts = {}
    for r in rows:
        counts[r["style"]] = counts.get(r["style"], 0) + 1
        if not r["rationale"].strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if counts != MIX:
        problem(f"styles.csv mix {counts} != {MIX}")
    onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    for kind in ONBEPAALD_KINDS:
        if sum(1 for r in onb if any(k in r for k in kind)) != 1:
            problem(f"styles.csv: need exactly one onbepaald of kind {kind[0]!r}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        d = r["doc_id"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, ti))
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if d not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {d}")
            continue
        turns = parsed[d][1]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        problem("orientation.csv has duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), {}
    for r in rows:
        d, s, t = r["doc_id"], r["identifier"], r["type"]
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        per_doc[d] = per_doc.get(d, 0) + 1
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t} for {s!r}")
        if d not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {d}")
            continue
        if s not in parsed[d][2]:
            problem(f"identifiers.csv: {d} {s!r} does not occur verbatim in the transcript")
    for d in DOCS:
        if per_doc.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
