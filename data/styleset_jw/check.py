#!/usr/bin/env python3
"""Check set JW: parses the built transcripts (not the sources). Standard library only.

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
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# per document: expected file, encoding and speaker labels (interviewer, respondent)
DOCS = {
    "jw01": {"file": "jw01.docx", "enc": None, "i": "Interviewer", "r": "Respondent"},
    "jw02": {"file": "jw02.txt", "enc": "cp1252", "i": "I", "r": "R"},
    "jw03": {"file": "jw03.vtt", "enc": "utf-8", "i": "Interviewer", "r": "Reinou Zijlstra"},
    "jw04": {"file": "jw04.srt", "enc": "utf-8", "i": "Interviewer", "r": "Said"},
    "jw05": {"file": "jw05.txt", "enc": "utf-8", "i": "Spreker 1", "r": "Spreker 2"},
    "jw06": {"file": "jw06.docx", "enc": None, "i": "Femke Bos", "r": "Douwe Hiemstra"},
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def split_label(line, labels):
    m = re.match(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?([^:\[\]]{1,40}):\s+(.*)$", line)
    if m and m.group(2) in labels:
        return m.group(2), m.group(3)
    return None


def turns_from_lines(doc, lines):
    """Lines before the first labelled line are header; later lines must all be turns."""
    labels = {DOCS[doc]["i"]: "I", DOCS[doc]["r"]: "R"}
    turns, started = [], False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        hit = split_label(line, labels)
        if hit:
            started = True
            turns.append((labels[hit[0]], hit[1]))
        elif started:
            problem(f"{doc}: unlabelled line after the first turn: {line[:60]!r}")
    return turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def turns_from_vtt(doc, text):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    labels = {DOCS[doc]["i"]: "I", DOCS[doc]["r"]: "R"}
    cues = []
    for block in cue_blocks(text)[1:]:
        lines = block.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        k = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if k is None:
            problem(f"{doc}: vtt block without timing: {block[:50]!r}")
            continue
        body = " ".join(lines[k + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m or m.group(1) not in labels:
            problem(f"{doc}: vtt cue without known voice tag: {body[:50]!r}")
            continue
        cues.append((labels[m.group(1)], m.group(2).strip()))
    return merge(cues)


def turns_from_srt(doc, text):
    labels = {DOCS[doc]["i"]: "I", DOCS[doc]["r"]: "R"}
    cues = []
    for block in cue_blocks(text):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt block: {block[:50]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        hit = split_label(body, labels)
        if not hit:
            problem(f"{doc}: srt cue without known speaker: {body[:50]!r}")
            continue
        cues.append((labels[hit[0]], hit[1]))
    return merge(cues)


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def load(doc):
    """Return (full document text, list of (speaker, text) turns) or (None, None)."""
    cfg = DOCS[doc]
    path = os.path.join(TDIR, cfg["file"])
    others = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc and f != cfg["file"]] if os.path.isdir(TDIR) else []
    if others:
        problem(f"{doc}: more than one transcript: {others + [cfg['file']]}")
    if not os.path.exists(path):
        problem(f"{doc}: missing transcript {cfg['file']}")
        return None, None
    if cfg["file"].endswith(".docx"):
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx: {e}")
            return None, None
        return "\n".join(paras), turns_from_lines(doc, paras)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {cfg['enc']}: {e}")
        return None, None
    if cfg["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    text = text.replace("\r\n", "\n")
    if cfg["file"].endswith(".vtt"):
        return text, turns_from_vtt(doc, text)
    if cfg["file"].endswith(".srt"):
        return text, turns_from_srt(doc, text)
    return text, turns_from_lines(doc, text.split("\n"))


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    texts, turns = {}, {}
    for doc in DOCS:
        text, tt = load(doc)
        if text is None:
            continue
        texts[doc], turns[doc] = text, tt
        if not tt:
            problem(f"{doc}: no turns found")
            continue
        for k, (spk, _) in enumerate(tt, start=1):
            want = "I" if k % 2 else "R"
            if spk != want:
                problem(f"{doc}: turn {k} is {spk}, expected {want} (turns must alternate, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in tt)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        nr = sum(1 for s, _ in tt if s == "R")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        if FORBIDDEN.search(text):
            problem(f"{doc}: transcript uses a style label")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        if r[0] not in DOCS:
            problem(f"styles.csv: unknown doc {r[0]}")
        if r[0] in seen:
            problem(f"styles.csv: duplicate {r[0]}")
        if r[1] not in MIX:
            problem(f"styles.csv: bad style {r[1]}")
        if not r[2].strip():
            problem(f"styles.csv: empty rationale for {r[0]}")
        if r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
            problem(f"styles.csv: onbepaald rationale for {r[0]} must say which kind")
        seen[r[0]] = r[1]
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs missing: {sorted(set(DOCS) - set(seen))}")
    counts = {s: list(seen.values()).count(s) for s in MIX}
    if counts != MIX:
        problem(f"styles.csv: mix is {counts}, expected {MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        k = int(r[1])
        keys.append((r[0], k))
        tt = turns.get(r[0])
        if tt is None:
            continue
        if not 1 <= k <= len(tt) or tt[k - 1][0] != "R":
            problem(f"orientation.csv: {r[0]} turn {k} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, seen_ids = {}, set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen_ids:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen_ids.add((r[0], r[1]))
        per_doc[r[0]] = per_doc.get(r[0], 0) + 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            problem(f"identifiers.csv: {r[0]} {r[1]!r} does not occur verbatim in the transcript")
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
