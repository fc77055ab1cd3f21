"""Check the setmm blind set against its built transcripts (standard library only).

Run: python3 check.py      -> prints OK, or the problems (exit status 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    "mm01": ("docx", "utf-8", "Interviewer", "Respondent"),
    "mm02": ("vtt", "utf-8", "Sanne de Wit", "Małgorzata Wiśniewska"),
    "mm03": ("txt", "cp1252", "I", "R"),
    "mm04": ("srt", "utf-8", "Interviewer", "Annemiek"),
    "mm05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "mm06": ("docx", "utf-8", "Wouter", "Frank"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
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


def labelled(lines, ilab, rlab, ts=False):
    """turns from lines 'Label: text' (optionally '[hh:mm:ss] Label: text');
    lines before the first turn are header; blank lines are ignored."""
    pat = re.compile(r"^" + (r"\[\d\d:\d\d:\d\d\] " if ts else "")
                     + "(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.+)$")
    turns, header = [], []
    for line in lines:
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            turns.append(["I" if m.group(1) == ilab else "R", m.group(2)])
        elif not turns:
            header.append(line)
        else:
            problem(f"unlabelled line after the first turn: {line[:60]!r}")
    return header, turns


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def parse_vtt(text, ilab, rlab):
    lines = text.split("\n")
    if lines[0].strip() != "WEBVTT":
        problem("vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    for b in blocks[1:]:
        bl = b.split("\n")
        if bl[0].startswith("NOTE"):
            continue
        k = 0 if "-->" in bl[0] else 1
        if not re.match(r"\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", bl[k]):
            problem(f"bad vtt timing line {bl[k]!r}")
            continue
        body = " ".join(bl[k + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m or m.group(1) not in (ilab, rlab):
            problem(f"vtt cue without known voice tag: {body[:60]!r}")
            continue
        cues.append(("I" if m.group(1) == ilab else "R", m.group(2)))
    return merge(cues)


def parse_srt(text, ilab, rlab):
    cues = []
    n = 0
    for b in re.split(r"\n\s*\n", text.strip()):
        bl = b.split("\n")
        n += 1
        if bl[0].strip() != str(n):
            problem(f"srt cue number {bl[0]!r}, expected {n}")
        if not re.match(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", bl[1].strip()):
            problem(f"bad srt timing line {bl[1]!r}")
        body = " ".join(x.strip() for x in bl[2:])
        m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.*)$", body)
        if not m:
            problem(f"srt cue without known speaker: {body[:60]!r}")
            continue
        cues.append(("I" if m.group(1) == ilab else "R", m.group(2)))
    return merge(cues)


def read_doc(doc):
    ext, enc, ilab, rlab = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + ext):
        problem(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        _, turns = labelled(paras, ilab, rlab)
        return full, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            problem(f"{doc}: cp1252 file should use CRLF throughout")
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: cp1252 file also decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    if ext == "vtt":
        turns = parse_vtt(text, ilab, rlab)
    elif ext == "srt":
        turns = parse_srt(text, ilab, rlab)
    else:
        ts = bool(re.search(r"^\[\d\d:\d\d:\d\d\] ", text, re.M))
        _, turns = labelled(text.split("\n"), ilab, rlab, ts=ts)
    return text, turns


def main():
    full, turns = {}, {}
    for doc in DOCS:
        text, tr = read_doc(doc)
        if text is None:
            continue
        full[doc], turns[doc] = text, tr
        if not tr:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(tr, 1):
            want = "I" if i % 2 else "R"
            if spk != want:
                problem(f"{doc}: turn {i} is {spk}, expected {want} (strict alternation, interviewer first)")
                break
        nresp = sum(1 for s, _ in tr if s == "R")
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns (10-45)")
        nwords = sum(len(WORD.findall(t)) for _, t in tr)
        if not 1500 <= nwords <= 2600:
            problem(f"{doc}: {nwords} spoken words (1500-2600)")
        if FORBIDDEN.search(text):
            problem(f"{doc}: uses a forbidden label word")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r["style"]
        if r["style"] not in MIX:
            problem(f"styles.csv: bad style {r['style']!r}")
        if not r["rationale"].strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(r"too little evidence|mixed", r["rationale"], re.I):
            problem(f"styles.csv: onbepaald rationale for {r['doc_id']} must say which kind")
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs {sorted(seen)} != {sorted(DOCS)}")
    counts = {k: sum(1 for v in seen.values() if v == k) for k in MIX}
    if counts != MIX:
        problem(f"styles.csv: mix {counts}, expected {MIX}")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc, idx, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in turns:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if not 1 <= idx <= len(turns[doc]) or turns[doc][idx - 1][0] != "R":
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    per_doc, pairs = {}, set()
    for r in rows:
        doc, s, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, s) in pairs:
            problem(f"identifiers.csv: duplicate {doc} {s!r}")
        pairs.add((doc, s))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if doc not in full:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif s not in full[doc]:
            problem(f"identifiers.csv: {doc} {s!r} not found verbatim in the transcript")
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
