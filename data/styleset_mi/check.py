"""Check set mi: parses the BUILT transcripts (not the sources). Standard library only.

Usage: python3 check.py      -> prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

SET = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(SET, "transcripts")

# doc_id: (extension, encoding, interviewer label, respondent label)
DOCS = {
    "mi01": ("docx", "utf-8", "Interviewer", "Respondent"),
    "mi02": ("vtt", "utf-8", "Interviewer", "Hanneke Roodenburg"),
    "mi03": ("txt", "cp1252", "I", "R"),
    "mi04": ("srt", "utf-8", "Interviewer", "Marcel"),
    "mi05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "mi06": ("docx", "utf-8", "Marloes", "Ruud"),
}
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "casusgerichte", "netwerkgerichte"]
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def merge(seq):
    """seq of (speaker, text) -> turns, consecutive same-speaker pieces merged."""
    turns = []
    for spk, txt in seq:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def labelled_lines(lines, labels, doc):
    """Lines/paragraphs 'Label: text'; lines before the first turn are header,
    other unlabelled non-empty lines continue the previous turn."""
    pat = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels))
    seq, started = [], False
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = pat.match(ln)
        if m:
            started = True
            seq.append((m.group(1), m.group(2)))
        elif started:
            seq[-1] = (seq[-1][0], seq[-1][1] + " " + ln)
    return merge(seq)


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def parse(doc):
    ext, enc, ilab, rlab = DOCS[doc]
    path = os.path.join(TR, f"{doc}.{ext}")
    labels = (ilab, rlab)
    if ext == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa
            problem(f"{doc}: docx not readable: {e}")
            return None, None
        return "\n".join(paras), labelled_lines(paras, labels, doc)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        if b"\r\n" not in raw:
            problem(f"{doc}: cp1252 file expected with CRLF line ends")
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: declared Windows-1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").split("\n")
    if ext == "txt" and doc == "mi05":
        pat = re.compile(r"^\[(\d\d:\d\d:\d\d)\] (%s|%s): (.*)$" % (re.escape(ilab), re.escape(rlab)))
        seq = []
        for ln in lines:
            m = pat.match(ln)
            if m:
                seq.append((m.group(2), m.group(3)))
            elif seq and ln.strip():
                problem(f"{doc}: unexpected line after first turn: {ln[:50]}")
        return text, merge(seq)
    if ext == "txt":
        return text, labelled_lines(lines, labels, doc)
    blocks = [b for b in re.split(r"\n\s*\n", "\n".join(lines)) if b.strip()]
    seq = []
    if ext == "vtt":
        if not lines[0].startswith("WEBVTT"):
            problem(f"{doc}: missing WEBVTT signature")
        for b in blocks[1:] if blocks[0].startswith("WEBVTT") else blocks:
            bl = b.split("\n")
            if bl[0].startswith("NOTE"):
                continue
            ti = next((i for i, l in enumerate(bl) if "-->" in l), None)
            if ti is None:
                problem(f"{doc}: vtt block without timing: {b[:40]}")
                continue
            cue = " ".join(bl[ti + 1:]).strip()
            m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", cue)
            if not m:
                problem(f"{doc}: vtt cue without voice tag: {cue[:40]}")
                continue
            seq.append((m.group(1), m.group(2)))
    elif ext == "srt":
        for b in blocks:
            bl = b.split("\n")
            if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
                problem(f"{doc}: malformed srt block: {b[:40]}")
                continue
            cue = " ".join(bl[2:]).strip()
            m = re.match(r"^(%s|%s): (.*)$" % (re.escape(ilab), re.escape(rlab)), cue)
            if not m:
                problem(f"{doc}: srt cue without speaker: {cue[:40]}")
                continue
            seq.append((m.group(1), m.group(2)))
    return text, merge(seq)


def main():
    files = os.listdir(TR) if os.path.isdir(TR) else []
    parsed = {}
    for doc, (ext, enc, ilab, rlab) in DOCS.items():
        mine = [f for f in files if f.split(".")[0] == doc]
        if mine != [f"{doc}.{ext}"]:
            problem(f"{doc}: expected exactly one transcript {doc}.{ext}, found {mine}")
            continue
        full, turns = parse(doc)
        if full is None:
            continue
        parsed[doc] = (full, turns)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if spk != want:
                problem(f"{doc}: turn {i} is {spk!r}, expected {want!r}")
                break
        spoken = " ".join(t for _, t in turns)
        n_ws = len(spoken.split())
        n_re = len(re.findall(r"\w+", spoken))
        for n, how in ((n_ws, "whitespace"), (n_re, "word-regex")):
            if not WORDS[0] <= n <= WORDS[1]:
                problem(f"{doc}: {n} spoken words ({how}), outside {WORDS}")
        nr = sum(1 for s, _ in turns if s == rlab)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(SET, "styles.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
        if r["style"] not in MIX:
            problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs {sorted(seen)} != {sorted(DOCS)}")
    counts = {s: sum(1 for r in seen.values() if r["style"] == s) for s in MIX}
    if counts != MIX:
        problem(f"styles.csv: mix {counts}, wanted {MIX}")
    kinds = sorted("mixed" if "mixed" in r["rationale"].lower() else
                   "little" if "too little evidence" in r["rationale"].lower() else "?"
                   for r in seen.values() if r["style"] == "onbepaald")
    if kinds != ["little", "mixed"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, wanted one mixed and one too little evidence")

    # orientation.csv
    try:
        rows = list(csv.reader(open(os.path.join(SET, "orientation.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = [["doc_id", "turn_index", "orientation"]]
        problem("orientation.csv missing")
    if rows[0] != ["doc_id", "turn_index", "orientation"]:
        problem(f"orientation.csv: bad header {rows[0]}")
    keys = []
    for r in rows[1:]:
        doc, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = parsed[doc][1]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != DOCS[doc][3]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(SET, "identifiers.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("identifiers.csv missing")
    per_doc, pairs = {}, set()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in pairs:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        pairs.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif ident not in parsed[doc][0]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
