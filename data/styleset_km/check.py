"""Check the built setKM transcripts and csv files (standard library only).

Run from anywhere: python3 check.py
Prints OK, or the problems found (exit status 1).
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
DOCS = [f"km{i:02d}" for i in range(1, 7)]

# Expected delivery per document: extension, encoding, interviewer label, respondent label.
SPEC = {
    "km01": ("docx", "utf-8", "Sanne", "Jordy"),
    "km02": ("txt", "cp1252", "I", "R"),
    "km03": ("vtt", "utf-8", "Interviewer", "Shanice Doelwijt"),
    "km04": ("srt", "utf-8", "Marieke", "Ruud"),
    "km05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "km06": ("docx", "utf-8", "Interviewer", "Respondent"),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def label_turns(lines, labels, doc, allow_continuation=True):
    """Lines starting with 'Label:' (optionally '[hh:mm:ss] Label:') open a turn."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?(" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$")
    turns, started = [], False
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            if allow_continuation:
                turns[-1][1] += " " + s
            else:
                problem(f"{doc}: unlabelled line after the turns began: {s[:50]!r}")
        # lines before the first turn are header lines
    return turns


def cue_blocks(text):
    return [b for b in re.split(r"\r?\n\s*\r?\n", text.strip()) if b.strip()]


def vtt_turns(text, doc):
    lines = text.splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        problem(f"{doc}: no WEBVTT signature")
    turns = []
    for block in cue_blocks(text):
        bl = block.splitlines()
        idx = next((i for i, l in enumerate(bl) if "-->" in l), None)
        if idx is None:
            continue  # WEBVTT line, NOTE block
        if not re.match(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}", bl[idx]):
            problem(f"{doc}: bad cue timing {bl[idx]!r}")
        body = " ".join(bl[idx + 1:]).strip()
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: cue without voice tag: {body[:50]!r}")
            continue
        turns.append([m.group(1).strip(), m.group(2).strip()])
    return merge(turns)


def srt_turns(text, doc, labels):
    turns = []
    pat = re.compile(r"^(" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$")
    expect = 1
    for block in cue_blocks(text):
        bl = block.splitlines()
        if len(bl) < 3 or not bl[0].strip().isdigit():
            problem(f"{doc}: malformed srt block near {block[:40]!r}")
            continue
        if int(bl[0]) != expect:
            problem(f"{doc}: srt numbering jumps at {bl[0]}")
        expect = int(bl[0]) + 1
        if not re.match(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$", bl[1].strip()):
            problem(f"{doc}: bad srt timing {bl[1]!r}")
        body = " ".join(l.strip() for l in bl[2:])
        m = pat.match(body)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + body
        else:
            problem(f"{doc}: first srt cue has no speaker")
    return merge(turns)


def merge(turns):
    out = []
    for spk, txt in turns:
        if out and out[-1][0] == spk:
            out[-1][1] += " " + txt
        else:
            out.append([spk, txt])
    return out


def read_doc(doc):
    ext, enc, ilab, rlab = SPEC[doc]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + ext):
        problem(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    labels = [ilab, rlab]
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx ({e})")
            return None, None
        full = "\n".join(paras)
        turns = label_turns(paras, labels, doc, allow_continuation=False)
        return full, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc} ({e})")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: meant to be Windows-1252 but decodes as UTF-8")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw:
            problem(f"{doc}: Windows-1252 file without CRLF line ends")
    if ext == "txt":
        turns = label_turns(text.splitlines(), labels, doc)
    elif ext == "vtt":
        turns = vtt_turns(text, doc)
    elif ext == "srt":
        turns = srt_turns(text, doc, labels)
    else:
        problem(f"{doc}: unknown extension {ext}")
        return None, None
    return text, turns


def main():
    if not os.path.isdir(TDIR):
        print(f"no transcripts folder at {TDIR}")
        sys.exit(1)
    extra = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] not in DOCS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")

    fulltext, nturns = {}, {}
    formats = set()
    for doc in DOCS:
        full, turns = read_doc(doc)
        if full is None:
            continue
        ext, enc, ilab, rlab = SPEC[doc]
        formats.add((ext, enc, ilab))
        fulltext[doc] = full
        nturns[doc] = len(turns)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        speakers = {s for s, _ in turns}
        if speakers - {ilab, rlab}:
            problem(f"{doc}: unexpected speakers {speakers - {ilab, rlab}}")
        if turns[0][0] != ilab:
            problem(f"{doc}: first turn is not the interviewer")
        for i, (a, b) in enumerate(zip(turns, turns[1:]), 2):
            if a[0] == b[0]:
                problem(f"{doc}: turn {i} does not alternate")
        for i, (spk, txt) in enumerate(turns, 1):
            if (spk == ilab) != (i % 2 == 1):
                problem(f"{doc}: turn {i} speaker {spk} out of place")
            if not txt.strip():
                problem(f"{doc}: turn {i} is empty")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words, outside 1500-2600")
        nresp = sum(1 for s, _ in turns if s == rlab)
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns, outside 10-45")
        if FORBIDDEN.search(full):
            problem(f"{doc}: contains a forbidden label word ({FORBIDDEN.search(full).group(0)})")
        print(f"{doc}: .{ext} {enc:6s} turns={len(turns)} respondent_turns={nresp} words={words}")

    kinds = {(e, enc, lab if e == "txt" else "") for e, enc, lab in formats}
    if len(kinds) < 4:
        problem(f"only {len(kinds)} distinct transcript formats")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        styles = {}
        for r in rows:
            if r["doc_id"] in styles:
                problem(f"styles.csv: duplicate {r['doc_id']}")
            styles[r["doc_id"]] = r
            if r["style"] not in WANTED_MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not r["rationale"].strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
                problem(f"styles.csv: onbepaald rationale for {r['doc_id']} does not name its kind")
        if set(styles) != set(DOCS):
            problem(f"styles.csv: docs {sorted(styles)} != {DOCS}")
        mix = Counter(r["style"] for r in styles.values())
        if dict(mix) != WANTED_MIX:
            problem(f"styles.csv: mix {dict(mix)} != {WANTED_MIX}")
        kinds_onb = [("mixed" if re.search("mixed", r["rationale"], re.I) else "little")
                     for r in styles.values() if r["style"] == "onbepaald"]
        if sorted(kinds_onb) != ["little", "mixed"]:
            problem(f"styles.csv: onbepaald kinds {kinds_onb}, want one mixed and one too little evidence")
    except (OSError, KeyError) as e:
        problem(f"styles.csv unreadable: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        keys = []
        for r in rows:
            doc, idx, o = r["doc_id"], r["turn_index"], r["orientation"]
            if doc not in DOCS:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            if not idx.isdigit():
                problem(f"orientation.csv: bad turn_index {idx!r}")
                continue
            idx = int(idx)
            keys.append((doc, idx))
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r}")
            if idx % 2 != 0 or idx < 2 or idx > nturns.get(doc, 0):
                problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        seen = Counter()
        per_doc = Counter()
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            seen[(doc, ident)] += 1
            per_doc[doc] += 1
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r}")
            if doc not in fulltext:
                problem(f"identifiers.csv: doc {doc} has no readable transcript")
            elif ident not in fulltext[doc]:
                problem(f"identifiers.csv: {ident!r} not found verbatim in {doc}")
        for k, n in seen.items():
            if n > 1:
                problem(f"identifiers.csv: duplicate row {k}")
        for doc in DOCS:
            if per_doc[doc] < 5:
                problem(f"identifiers.csv: only {per_doc[doc]} identifiers for {doc}")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv unreadable: {e}")

    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(" -", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
