#!/usr/bin/env python3
"""Check the built setHC transcripts and csv files (standard library only).

Parses transcripts/ (not src/), prints OK or the problems (exit status 1).
Use -v to also print per-document word and turn counts.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"hc0{i}" for i in range(1, 7)]
# (interviewer label, respondent label, encoding) per document
SPEAKERS = {
    "hc01": ("Interviewer", "Respondent", None),
    "hc02": ("Interviewer", "Frank Coolen", "utf-8"),
    "hc03": ("Spreker 1", "Spreker 2", "utf-8"),
    "hc04": ("Interviewer", "Erik Slaats", "utf-8"),
    "hc05": ("I", "R", "cp1252"),
    "hc06": ("Esther", "Ruud", None),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def bad(msg):
    problems.append(msg)


# ------------------------------------------------------------------ parsers
def docx_paragraphs(path):
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
        paras.append(runs)
    return paras


def turns_docx(doc, path, labels):
    paras = docx_paragraphs(path)
    full = "\n".join("".join(t for t, _ in runs) for runs in paras)
    turns, started = [], False
    lab_re = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels), re.S)
    for runs in paras:
        text = "".join(t for t, _ in runs).strip()
        if not text:
            continue
        m = lab_re.match(text)
        if m:
            started = True
            turns.append((m.group(1), m.group(2).strip()))
        elif started:
            bad(f"{doc}: paragraph after first turn without speaker label: {text[:50]!r}")
        elif re.match(r"^[A-Z][\w .]{0,30}:\s", text) and not text.startswith(("Datum:",)):
            bad(f"{doc}: header line looks like a speaker turn: {text[:50]!r}")
    return full, turns


def read_text(doc, path, enc):
    raw = path.read_bytes()
    try:
        txt = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        txt = raw.decode(enc, errors="replace")
    if enc == "cp1252" and b"\r\n" not in raw:
        bad(f"{doc}: cp1252 transcript expected CRLF line endings")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{doc}: cp1252 file is also valid UTF-8 (encoding not exercised)")
        except UnicodeDecodeError:
            pass
    return txt.replace("\r\n", "\n")


def turns_txt(doc, txt, labels):
    turns, started = [], False
    lab_re = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?(%s):\s+(.*)$"
                        % "|".join(re.escape(l) for l in labels))
    for line in txt.split("\n"):
        s = line.strip()
        if not s:
            continue
        m = lab_re.match(s)
        if m:
            started = True
            turns.append((m.group(2), m.group(3).strip()))
        elif started:
            bad(f"{doc}: line after first turn without label: {s[:50]!r}")
        elif re.match(r"^(\[\d\d:\d\d:\d\d\]\s*)?[A-Z]\w{0,20}( \w+)?:\s", s) and \
                not re.match(r"^(Datum|Geïnterviewde|Respondent|Duur):", s):
            bad(f"{doc}: header line looks like a speaker turn: {s[:50]!r}")
    return turns


def merge(cues):
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + text)
        else:
            turns.append((who, text))
    return turns


def turns_vtt(doc, txt, labels):
    blocks = re.split(r"\n\s*\n", txt.strip())
    if not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT signature")
    cues = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        i = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if i is None:
            bad(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body.strip())
        if not m or m.group(1) not in labels:
            bad(f"{doc}: vtt cue without known voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return merge(cues)


def turns_srt(doc, txt, labels):
    blocks = re.split(r"\n\s*\n", txt.strip())
    cues, expect = [], 1
    lab_re = re.compile(r"^(%s):\s+(.*)$" % "|".join(re.escape(l) for l in labels), re.S)
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            bad(f"{doc}: srt numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        body = " ".join(lines[2:])
        m = lab_re.match(body)
        if not m:
            bad(f"{doc}: srt cue without speaker: {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return merge(cues)


# ------------------------------------------------------------------ main
def main(verbose):
    texts, turns_of = {}, {}
    for doc in DOCS:
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            bad(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        path = files[0]
        iv, rs, enc = SPEAKERS[doc]
        labels = (iv, rs)
        ext = path.suffix.lower()
        if ext == ".docx":
            full, turns = turns_docx(doc, path, labels)
        else:
            full = read_text(doc, path, enc)
            if ext == ".txt":
                turns = turns_txt(doc, full, labels)
            elif ext == ".vtt":
                turns = turns_vtt(doc, full, labels)
            elif ext == ".srt":
                turns = turns_srt(doc, full, labels)
            else:
                bad(f"{doc}: unknown format {ext}")
                continue
        texts[doc], turns_of[doc] = full, turns
        for i, (who, _) in enumerate(turns):
            want = iv if i % 2 == 0 else rs
            if who != want:
                bad(f"{doc}: turn {i+1} is {who!r}, expected {want!r} (alternation)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for w, _ in turns if w == rs)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns, outside 10-45")
        if verbose:
            print(f"{doc}: {path.name} words={words} turns={len(turns)} respondent_turns={nresp}")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {}
    for r in rows:
        if r["doc_id"] in got:
            bad(f"styles.csv: duplicate {r['doc_id']}")
        got[r["doc_id"]] = r
        if r["style"] not in WANTED_MIX:
            bad(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r["rationale"].strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
    if sorted(got) != DOCS:
        bad(f"styles.csv: docs {sorted(got)} != {DOCS}")
    mix = {s: sum(1 for r in rows if r["style"] == s) for s in WANTED_MIX}
    if mix != WANTED_MIX:
        bad(f"styles.csv: mix {mix} != {WANTED_MIX}")
    kinds = sorted("mixed" if "mixed" in r["rationale"].lower() else
                   "little" if "too little evidence" in r["rationale"].lower() else "?"
                   for r in rows if r["style"] == "onbepaald")
    if kinds != ["little", "mixed"]:
        bad(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence' ({kinds})")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(set(keys)) != len(keys):
        bad("orientation.csv: duplicates")
    for r in rows:
        doc, k = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in turns_of:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        ts = turns_of[doc]
        if not 1 <= k <= len(ts) or ts[k - 1][0] != SPEAKERS[doc][1]:
            bad(f"orientation.csv: {doc} turn {k} is not a respondent turn")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, count = set(), {d: 0 for d in DOCS}
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if doc not in texts:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        count[doc] += 1
        if ident not in texts[doc]:
            bad(f"identifiers.csv: {doc} {ident!r} not found verbatim in transcript")
    for d, n in count.items():
        if n < 5:
            bad(f"identifiers.csv: {d} has only {n} identifiers (need >= 5)")

    # formats
    exts = {p.suffix for p in TR.iterdir()}
    if len(exts) < 4:
        bad(f"formats: only {sorted(exts)} used, need at least four")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main("-v" in sys.argv)
