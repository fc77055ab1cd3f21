#!/usr/bin/env python3
"""Check set nk from its BUILT transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["nk01", "nk02", "nk03", "nk04", "nk05", "nk06"]
# expected (interviewer label, respondent label, encoding) per document
SPEAKERS = {
    "nk01": ("Interviewer", "Respondent"),
    "nk02": ("Jolien Bosman", "Hanneke Dijkhuis"),
    "nk03": ("I", "R"),
    "nk04": ("Sophie", "Gert-Jan"),
    "nk05": ("Spreker 1", "Spreker 2"),
    "nk06": ("LdB", "WB"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"Datum", "Duur", "Respondent", "Locatie", "Opname", "Transcriptie"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


# ---------------------------------------------------------------- readers
def read_text(path, doc):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        prob(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def docx_paragraphs(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except Exception as e:  # noqa
        prob(f"{doc}: cannot open docx ({e})")
        return None
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W + "t" and node.text:
                parts.append(node.text)
            elif node.tag == W + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def split_label(line, labels, stamp=False):
    """Return (label, text) when the line starts with one of the labels."""
    m = re.match(r"^(\[\d\d:\d\d:\d\d\]\s+)?(.+?):\s(.*)$", line)
    if not m:
        return None
    if stamp and not m.group(1):
        return None
    if m.group(2) in labels:
        return m.group(2), m.group(3).strip()
    return None


def parse_lines(lines, labels, doc, stamp=False):
    """Paragraph/line based formats: header lines, then labelled turns."""
    header, turns = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        lab = split_label(ln, labels, stamp)
        if lab:
            turns.append(list(lab))
        elif not turns:
            header.append(ln)
        else:
            prob(f"{doc}: unlabelled line after the first turn: {ln[:50]!r}")
    return header, turns


def parse_vtt(text, doc):
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        prob(f"{doc}: vtt does not start with WEBVTT")
        return [], []
    blocks = re.split(r"\n\s*\n", "\n".join(lines[1:]).strip("\n"))
    header, turns = [], []
    for b in blocks:
        bl = b.split("\n")
        if bl[0].startswith("NOTE"):
            header.extend(x for x in bl[1:] if x.strip())
            if bl[0][4:].strip():
                header.append(bl[0][4:].strip())
            continue
        ti = next((i for i, x in enumerate(bl) if "-->" in x), None)
        if ti is None:
            prob(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", bl[ti]):
            prob(f"{doc}: bad vtt timing {bl[ti]!r}")
        body = " ".join(bl[ti + 1:]).strip()
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            prob(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        spk, txt = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return header, turns


def parse_srt(text, doc, labels):
    t = text.replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", t.strip("\n"))
    turns = []
    expect = 1
    for b in blocks:
        bl = b.split("\n")
        if len(bl) < 3:
            prob(f"{doc}: short srt block {b[:40]!r}")
            continue
        if bl[0].strip() != str(expect):
            prob(f"{doc}: srt cue number {bl[0]!r}, expected {expect}")
        expect += 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", bl[1].strip()):
            prob(f"{doc}: bad srt timing {bl[1]!r}")
        body = " ".join(x.strip() for x in bl[2:])
        lab = split_label(body, labels)
        if not lab:
            prob(f"{doc}: srt cue without speaker name: {body[:40]!r}")
            continue
        spk, txt = lab
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return [], turns


def load(doc):
    files = [f for f in os.listdir(TDIR) if f.rsplit(".", 1)[0] == doc]
    if len(files) != 1:
        prob(f"{doc}: expected one transcript, found {files}")
        return None
    fn = files[0]
    path = os.path.join(TDIR, fn)
    ext = fn.rsplit(".", 1)[1]
    labels = set(SPEAKERS[doc])
    if ext == "docx":
        paras = docx_paragraphs(path, doc)
        if paras is None:
            return None
        header, turns = parse_lines(paras, labels, doc)
        enc = "docx"
    else:
        text, enc = read_text(path, doc)
        if text is None:
            return None
        if ext == "txt":
            header, turns = parse_lines(text.replace("\r\n", "\n").split("\n"), labels, doc,
                                        stamp=doc == "nk05")
        elif ext == "vtt":
            header, turns = parse_vtt(text, doc)
        elif ext == "srt":
            header, turns = parse_srt(text, doc, labels)
        else:
            prob(f"{doc}: unknown extension {ext}")
            return None
    return {"file": fn, "enc": enc, "header": header, "turns": turns}


# ---------------------------------------------------------------- checks
def check_doc(doc, d):
    ilab, rlab = SPEAKERS[doc]
    turns = d["turns"]
    if not turns:
        prob(f"{doc}: no turns parsed")
        return
    for i, (spk, txt) in enumerate(turns, start=1):
        want = ilab if i % 2 == 1 else rlab
        if spk != want:
            prob(f"{doc}: turn {i} spoken by {spk!r}, expected {want!r}")
            break
        if not txt:
            prob(f"{doc}: turn {i} is empty")
    nresp = sum(1 for s, _ in turns if s == rlab)
    if not 10 <= nresp <= 45:
        prob(f"{doc}: {nresp} respondent turns (want 10-45)")
    words = sum(len(t.split()) for _, t in turns)
    if not 1500 <= words <= 2600:
        prob(f"{doc}: {words} spoken words (want 1500-2600)")
    d["words"], d["nresp"] = words, nresp
    for h in d["header"]:
        if split_label(h, {ilab, rlab}, stamp=False):
            prob(f"{doc}: header line looks like a turn: {h[:50]!r}")
        m = re.match(r"^([^\s:][^:]{0,30}):\s", h)
        if m and m.group(1) not in META_KEYS:
            prob(f"{doc}: header line looks like 'Name: text': {h[:50]!r}")
    alltext = "\n".join(d["header"] + [f"{s}: {t}" for s, t in turns])
    if FORBIDDEN.search(alltext):
        prob(f"{doc}: uses a forbidden label word")
    d["alltext"] = alltext


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        prob(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        prob(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    docs = {}
    for doc in DOCS:
        d = load(doc)
        if d:
            check_doc(doc, d)
            docs[doc] = d
    extra = [f for f in os.listdir(TDIR) if f.rsplit(".", 1)[0] not in DOCS]
    if extra:
        prob(f"unexpected files in transcripts/: {extra}")
    formats = {d["file"].rsplit(".", 1)[1] for d in docs.values()}
    if len(formats) < 4:
        prob(f"only {len(formats)} formats used: {sorted(formats)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            prob(f"styles.csv: bad row {r}")
            continue
        if r[0] in seen:
            prob(f"styles.csv: duplicate {r[0]}")
        seen[r[0]] = r
        if r[1] not in WANT_MIX:
            prob(f"styles.csv: bad style {r[1]!r} for {r[0]}")
        if not r[2].strip():
            prob(f"styles.csv: empty rationale for {r[0]}")
    if sorted(seen) != DOCS:
        prob(f"styles.csv: docs {sorted(seen)} != {DOCS}")
    mix = {k: sum(1 for r in seen.values() if r[1] == k) for k in WANT_MIX}
    if mix != WANT_MIX:
        prob(f"styles.csv: mix {mix} != {WANT_MIX}")
    kinds = [r[2].lower() for r in seen.values() if r[1] == "onbepaald"]
    if not any("mixed" in k for k in kinds) or not any("too little evidence" in k for k in kinds):
        prob("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            prob(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {o!r} in {r}")
        if doc not in docs:
            prob(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc]["turns"]
        if not 1 <= idx <= len(turns):
            prob(f"orientation.csv: {doc} turn {idx} out of range ({len(turns)} turns)")
        elif idx % 2 != 0 or turns[idx - 1][0] != SPEAKERS[doc][1]:
            prob(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        prob("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen_ids = set()
    count = {d: 0 for d in DOCS}
    for r in rows:
        if len(r) != 3:
            prob(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in seen_ids:
            prob(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen_ids.add((doc, ident))
        if typ not in TYPES:
            prob(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if doc not in docs:
            prob(f"identifiers.csv: unknown doc {doc}")
            continue
        count[doc] += 1
        if ident not in docs[doc]["alltext"]:
            prob(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in DOCS:
        if count[doc] < 5:
            prob(f"identifiers.csv: {doc} has only {count[doc]} identifiers")
    # speaker labels that are names must be listed
    for doc in DOCS:
        for lab in SPEAKERS[doc]:
            if lab not in ("Interviewer", "Respondent", "I", "R", "Spreker 1", "Spreker 2") \
                    and (doc, lab) not in seen_ids:
                prob(f"identifiers.csv: speaker label {lab!r} of {doc} not listed")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
