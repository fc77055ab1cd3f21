#!/usr/bin/env python3
"""Check blind set GA. Standard library only. Parses the built transcripts (not the sources).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

SET = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(SET, "transcripts")

# expected transcript per document: extension, encoding, (interviewer label, respondent label)
DOCS = {
    "ga01": ("srt", "utf-8", ("Sanne", "Ruud")),
    "ga02": ("docx", None, ("Interviewer", "Respondent")),
    "ga03": ("txt", "utf-8", ("Spreker 1", "Spreker 2")),
    "ga04": ("txt", "cp1252", ("I", "R")),
    "ga05": ("vtt", "utf-8", ("Karin Plomp", "Marjolein Stoop")),
    "ga06": ("docx", None, ("Thijs", "Erik")),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LOOKS_LIKE_LABEL = re.compile(r"^[A-Z][\w .'-]{0,24}:\s")

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    alt = "|".join(re.escape(l) for l in labels)
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + alt + r"):\s+(.*)$")


def add(turns, speaker, text):
    text = text.strip()
    if turns and turns[-1][0] == speaker:
        turns[-1][1] += " " + text
    else:
        turns.append([speaker, text])


def parse_lines(doc, lines, labels, allow_continuation):
    """Lines (or paragraphs) with 'Label: text'; header lines before the first turn."""
    rx = label_re(labels)
    turns, header = [], []
    for line in lines:
        if not line.strip():
            continue
        m = rx.match(line.strip())
        if m:
            turns.append([m.group(2), m.group(3).strip()])
        elif not turns:
            header.append(line)
            if LOOKS_LIKE_LABEL.match(line) and not re.match(r"^(Respondent|Datum|Locatie|Opmerking transcriptie|Sprekers|Duur|Interviewer \(meta\)):", line):
                problem(f"{doc}: header line looks like a speaker turn: {line[:60]!r}")
        elif allow_continuation:
            turns[-1][1] += " " + line.strip()
        else:
            problem(f"{doc}: line without speaker label after first turn: {line[:60]!r}")
    return header, turns


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def parse_srt(doc, text, labels):
    rx = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$", re.S)
    turns = []
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    expect = 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt block {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: srt numbering {lines[0]} != {expect}")
        expect = int(lines[0]) + 1
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if m:
            # a repeated label continues the same turn
            add(turns, m.group(1), m.group(2))
        else:
            if not turns:
                problem(f"{doc}: first srt cue has no speaker label")
                continue
            if LOOKS_LIKE_LABEL.match(body):
                problem(f"{doc}: continuation cue looks like a label: {body[:40]!r}")
            turns[-1][1] += " " + body
    return turns


def parse_vtt(doc, text, labels):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: missing WEBVTT signature")
    turns = []
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        i = 0
        if "-->" not in lines[0]:
            i = 1
        if i >= len(lines) or "-->" not in lines[i]:
            problem(f"{doc}: malformed vtt cue {b[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[i + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag {body[:40]!r}")
            continue
        name, txt = m.group(1).strip(), re.sub(r"</v>", "", m.group(2))
        if name not in labels:
            problem(f"{doc}: unknown voice {name!r}")
        add(turns, name, txt)
    return turns


def load(doc):
    ext, enc, labels = DOCS[doc]
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        problem(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    if ext == "docx":
        paras = read_docx(path)
        header, turns = parse_lines(doc, paras, labels, allow_continuation=False)
        full = "\n".join(paras)
        return full, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        problem(f"{doc}: stray CR characters")
    if ext == "srt":
        return text, parse_srt(doc, text, labels)
    if ext == "vtt":
        return text, parse_vtt(doc, text, labels)
    header, turns = parse_lines(doc, text.split("\n"), labels, allow_continuation=True)
    return text, turns


def nwords(s):
    return len(s.split())


def main():
    texts, nturns = {}, {}
    for doc, (ext, enc, labels) in DOCS.items():
        full, turns = load(doc)
        if full is None:
            continue
        texts[doc] = full
        nturns[doc] = len(turns)
        if not turns:
            problem(f"{doc}: no turns")
            continue
        for i, (spk, txt) in enumerate(turns):
            want = labels[i % 2]
            if spk != want:
                problem(f"{doc}: turn {i + 1} is {spk!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
            if not txt.strip():
                problem(f"{doc}: turn {i + 1} is empty")
        words = sum(nwords(t) for _, t in turns)
        resp = sum(1 for s, _ in turns if s == labels[1])
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= resp <= RESP_TURNS[1]:
            problem(f"{doc}: {resp} respondent turns, outside {RESP_TURNS}")
        if "[onverstaanbaar" not in full:
            problem(f"{doc}: no [onverstaanbaar] marker")
        for w in ("casusgericht", "netwerkgericht", "regiestijl"):
            if w in full.lower():
                problem(f"{doc}: forbidden word {w!r} in transcript")

    # styles.csv
    with open(os.path.join(SET, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {}
    for r in rows:
        if r["doc_id"] not in DOCS:
            problem(f"styles.csv: unknown doc {r['doc_id']}")
        if r["style"] not in WANTED_MIX:
            problem(f"styles.csv: bad style {r['style']!r}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and "mixed" not in r["rationale"].lower():
            problem(f"styles.csv: onbepaald {r['doc_id']} should be genuinely mixed")
        got[r["doc_id"]] = r["style"]
    if set(got) != set(DOCS) or len(rows) != len(DOCS):
        problem("styles.csv: not exactly one row per document")
    mix = {}
    for s in got.values():
        mix[s] = mix.get(s, 0) + 1
    if mix != WANTED_MIX:
        problem(f"styles.csv: mix {mix} != {WANTED_MIX}")

    # orientation.csv
    with open(os.path.join(SET, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        d, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
        if d not in DOCS:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        try:
            ti = int(ti)
        except ValueError:
            problem(f"orientation.csv: bad turn_index {ti!r}")
            continue
        if ti % 2 != 0 or ti < 2 or ti > nturns.get(d, 0):
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
        keys.append((d, ti))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(SET, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, per_doc = set(), {}
    for r in rows:
        d, ident, ty = r["doc_id"], r["identifier"], r["type"]
        if d not in DOCS:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if ty not in TYPES:
            problem(f"identifiers.csv: bad type {ty!r}")
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        per_doc[d] = per_doc.get(d, 0) + 1
        if d in texts and ident not in texts[d]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d in DOCS:
        if per_doc.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    exts = {DOCS[d][0] for d in DOCS}
    if len(exts) < 4:
        problem(f"fewer than four formats: {exts}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
