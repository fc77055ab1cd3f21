#!/usr/bin/env python3
"""Check the setne deliverables by parsing the BUILT transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TRANS = os.path.join(HERE, "transcripts")
# doc_id -> (interviewer label, respondent label) as they appear in the transcript
LABELS = {
    "ne01": ("Interviewer", "Respondent"),
    "ne02": ("I", "R"),
    "ne03": ("Femke Claassen", "Saskia Rovers"),
    "ne04": ("Interviewer", "Ramon"),
    "ne05": ("Spreker 1", "Spreker 2"),
    "ne06": ("Joost", "Bart"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "interviewer", "datum", "duur", "sprekers", "opname",
             "locatie", "transcriptie", "onderwerp"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def nwords(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            bold = r.find(W + "rPr/" + W + "b") is not None
            text = "".join(t.text or "" for t in r.iter(W + "t"))
            runs.append((text, bold))
        paras.append(runs)
    return paras


def read_text(path):
    data = open(path, "rb").read()
    for enc in ("utf-8", "cp1252"):
        try:
            return data.decode(enc), enc, data
        except UnicodeDecodeError:
            continue
    return None, None, data


def label_turns(doc, lines, ilab, rlab, ts=False):
    """Lines -> (header lines, turns). Turn lines are 'Label: text' (optionally '[hh:mm:ss] ')."""
    pat = re.compile((r"^\[(\d\d):(\d\d):(\d\d)\] " if ts else r"^") +
                     r"(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.+)$")
    header, turns = [], []
    last = -1
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            if ts:
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last:
                    problem(f"{doc}: timestamps go backwards at {ln[:30]!r}")
                last = t
            turns.append((m.group(m.lastindex - 1), m.group(m.lastindex)))
        elif turns:
            problem(f"{doc}: unlabelled line inside the interview: {ln[:50]!r}")
        else:
            header.append(ln)
    for h in header:
        m = re.match(r"^\s*([^:]{1,40}):\s", h)
        if m and m.group(1).strip().lower() not in META_KEYS:
            problem(f"{doc}: header line looks like a speaker turn: {h[:50]!r}")
    return header, turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def merge(cues):
    turns = []
    for who, txt in cues:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + txt)
        else:
            turns.append((who, txt))
    return turns


def parse_doc(doc, path):
    ilab, rlab = LABELS[doc]
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        lines = ["".join(t for t, _ in runs) for runs in paras]
        raw = "\n".join(lines)
        header, turns = label_turns(doc, lines, ilab, rlab)
        bold_labels = [runs[0][1] for runs, ln in zip(paras, lines)
                       if runs and re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + "):", ln)]
        fmt = "docx-bold" if bold_labels and all(bold_labels) else "docx-plain"
        return raw, header, turns, fmt
    text, enc, data = read_text(path)
    if text is None:
        problem(f"{doc}: {os.path.basename(path)} is not readable as utf-8 or cp1252")
        return "", [], [], "?"
    nl = "crlf" if b"\r\n" in data else "lf"
    if ext == "txt":
        lines = text.replace("\r\n", "\n").split("\n")
        ts = any(re.match(r"^\[\d\d:\d\d:\d\d\] ", l) for l in lines)
        header, turns = label_turns(doc, lines, ilab, rlab, ts=ts)
        return text, header, turns, f"txt-{enc}-{nl}" + ("-timestamps" if ts else "")
    if ext == "vtt":
        blocks = cue_blocks(text)
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{doc}: vtt does not start with WEBVTT")
        header, cues = [], []
        for b in blocks[1:]:
            ls = b.split("\n")
            if ls[0].startswith("NOTE"):
                header += ls[1:]
                continue
            i = 0 if "-->" in ls[0] else 1
            if i >= len(ls) or "-->" not in ls[i]:
                problem(f"{doc}: bad vtt cue {b[:40]!r}")
                continue
            body = " ".join(ls[i + 1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
            if not m:
                problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
                continue
            cues.append((m.group(1), m.group(2).strip()))
        for who, _ in cues:
            if who not in (ilab, rlab):
                problem(f"{doc}: unknown voice {who!r}")
        return text, header, merge(cues), f"vtt-{nl}"
    if ext == "srt":
        cues = []
        for n, b in enumerate(cue_blocks(text), 1):
            ls = b.split("\n")
            if len(ls) < 3 or ls[0].strip() != str(n) or "-->" not in ls[1]:
                problem(f"{doc}: bad srt cue {n}: {b[:40]!r}")
                continue
            body = " ".join(ls[2:])
            m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.+)$", body)
            if not m:
                problem(f"{doc}: srt cue {n} without speaker label")
                continue
            cues.append((m.group(1), m.group(2)))
        return text, [], merge(cues), f"srt-{nl}"
    problem(f"{doc}: unsupported extension {ext}")
    return "", [], [], "?"


def read_csv(name):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    styles = read_csv("styles.csv")
    style_docs = [r["doc_id"] for r in styles]
    if sorted(style_docs) != sorted(LABELS) or len(set(style_docs)) != len(style_docs):
        problem(f"styles.csv doc ids {style_docs} != {sorted(LABELS)}")
    counts = {}
    for r in styles:
        counts[r["style"]] = counts.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: no rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
            problem(f"styles.csv: onbepaald rationale for {r['doc_id']} does not name its kind")
    if counts != MIX:
        problem(f"styles.csv mix {counts} != {MIX}")

    files = os.listdir(TRANS) if os.path.isdir(TRANS) else []
    parsed, formats = {}, set()
    for doc in LABELS:
        mine = [f for f in files if f.rsplit(".", 1)[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected one transcript, found {mine}")
            continue
        raw, header, turns, fmt = parse_doc(doc, os.path.join(TRANS, mine[0]))
        formats.add(fmt)
        parsed[doc] = (raw, turns)
        ilab, rlab = LABELS[doc]
        for i, (who, _) in enumerate(turns):
            if who != (ilab if i % 2 == 0 else rlab):
                problem(f"{doc}: turn {i + 1} by {who!r} breaks the alternation")
                break
        words = sum(nwords(t) for _, t in turns)
        rturns = sum(1 for w, _ in turns if w == rlab)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= rturns <= 45:
            problem(f"{doc}: {rturns} respondent turns, outside 10-45")
        if FORBIDDEN.search(raw):
            problem(f"{doc}: forbidden label word in transcript")
        print(f"{doc}: {mine[0]:10s} {fmt:28s} words={words} turns={len(turns)} respondent_turns={rturns}")
    extra = [f for f in files if f.rsplit(".", 1)[0] not in LABELS]
    if extra:
        problem(f"unexpected transcript files {extra}")
    if len({f.split("-")[0] for f in formats}) < 4:
        problem(f"fewer than four different formats: {sorted(formats)}")

    rows = read_csv("orientation.csv")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        problem("orientation.csv is not sorted")
    if len(set(keys)) != len(keys):
        problem("orientation.csv has duplicates")
    for r in rows:
        doc, idx = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = parsed[doc][1]
        if not (1 <= idx <= len(turns)) or idx % 2 != 0 or turns[idx - 1][0] != LABELS[doc][1]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")

    seen = set()
    per_doc = {}
    for r in read_csv("identifiers.csv"):
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif ident not in parsed[doc][0]:
            problem(f"identifiers.csv: {ident!r} not verbatim in {doc}")
    for doc in LABELS:
        if per_doc.get(doc, 0) < 5:
            problem(f"{doc}: fewer than 5 identifiers")

    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
