#!/usr/bin/env python3
"""Check set KE from its BUILT transcripts (standard library only).

Usage: python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["ke01", "ke02", "ke03", "ke04", "ke05", "ke06"]
# per document: file extension, encoding, interviewer label, respondent label
CONF = {
    "ke01": ("srt", "utf-8", "Lotte", "Harm"),
    "ke02": ("docx", None, "Maarten", "Ilse"),
    "ke03": ("txt", "cp1252", "Spreker 1", "Spreker 2"),
    "ke04": ("vtt", "utf-8", "Yara Bos", "Anouk Brinkman"),
    "ke05": ("txt", "utf-8", "I", "R"),
    "ke06": ("docx", None, "Interviewer", "Respondent"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}")

problems = []


def bad(msg):
    problems.append(msg)


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W + "p"):
        lines.append("".join(t.text or "" for t in p.iter(W + "t")))
    return lines


def labelled(lines, labels):
    """Turns from label lines ('[hh:mm:ss] Label: text'); lines before the first turn are header."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s):\s*(.*)$" % "|".join(map(re.escape, labels)))
    turns, header, raw_same = [], [], False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        if m:
            if turns and turns[-1][0] == m.group(1):
                raw_same = True
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
        else:
            header.append(line)
    return turns, header, raw_same


def cue_blocks(text):
    return [b.strip("\n").split("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def vtt_turns(text):
    lines = text.split("\n")
    if lines[0].strip() != "WEBVTT":
        bad("vtt does not start with WEBVTT")
    turns = []
    for block in cue_blocks(text):
        if block[0].startswith("WEBVTT") or block[0].startswith("NOTE"):
            continue
        i = 0 if TIMING.match(block[0]) else 1
        if i >= len(block) or not TIMING.match(block[i]):
            bad("vtt: cue without timing: %r" % block[0][:40])
            continue
        body = " ".join(block[i + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad("vtt: cue without voice tag: %r" % body[:40])
            continue
        who, said = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def srt_turns(text):
    turns, n = [], 0
    for block in cue_blocks(text):
        n += 1
        if block[0].strip() != str(n) or len(block) < 3 or not TIMING.match(block[1]):
            bad("srt: malformed cue %d" % n)
            continue
        body = " ".join(block[2:])
        m = re.match(r"^([^:]{1,40}):\s*(.*)$", body)
        if not m:
            bad("srt: cue %d has no 'Name:'" % n)
            continue
        who, said = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def read_doc(doc):
    ext, enc, ilab, rlab = CONF[doc]
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        bad("%s: expected one transcript, found %s" % (doc, files))
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        bad("%s: expected .%s, found %s" % (doc, ext, files[0]))
        return None, None
    if ext == "docx":
        lines = docx_lines(path)
        turns, _, same = labelled(lines, [ilab, rlab])
        full = "\n".join(lines)
    else:
        data = open(path, "rb").read()
        try:
            full = data.decode(enc)
        except UnicodeDecodeError as e:
            bad("%s: not readable as %s: %s" % (doc, enc, e))
            return None, None
        if enc == "cp1252":
            try:
                data.decode("utf-8")
                bad("%s: declared Windows-1252 but the file is valid UTF-8" % doc)
            except UnicodeDecodeError:
                pass
            if b"\n" in data.replace(b"\r\n", b""):
                bad("%s: Windows-1252 file should use CRLF" % doc)
        if "\ufffd" in full:
            bad("%s: replacement characters in text" % doc)
        full = full.replace("\r\n", "\n")
        same = False
        if ext == "txt":
            turns, _, same = labelled(full.split("\n"), [ilab, rlab])
        elif ext == "vtt":
            turns = vtt_turns(full)
        else:
            turns = srt_turns(full)
    if same:
        bad("%s: two consecutive turns by the same speaker" % doc)
    for i, (who, _) in enumerate(turns):
        want = ilab if i % 2 == 0 else rlab
        if who != want:
            bad("%s: turn %d is by %r, expected %r" % (doc, i + 1, who, want))
            break
    return turns, full


def main():
    info = {}
    for doc in DOCS:
        turns, full = read_doc(doc)
        if turns is None:
            continue
        words = sum(len(t.split()) for _, t in turns)
        resp = sum(1 for i in range(len(turns)) if i % 2 == 1)
        if not WORDS[0] <= words <= WORDS[1]:
            bad("%s: %d spoken words, outside %d-%d" % (doc, words, *WORDS))
        if not RESP_TURNS[0] <= resp <= RESP_TURNS[1]:
            bad("%s: %d respondent turns, outside %d-%d" % (doc, resp, *RESP_TURNS))
        info[doc] = (turns, full, words, resp)

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {}
    for r in rows:
        if r["doc_id"] in got:
            bad("styles.csv: duplicate %s" % r["doc_id"])
        got[r["doc_id"]] = r
        if r["style"] not in MIX:
            bad("styles.csv: bad style %r for %s" % (r["style"], r["doc_id"]))
        if not r.get("rationale", "").strip():
            bad("styles.csv: empty rationale for %s" % r["doc_id"])
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"]):
            bad("styles.csv: onbepaald rationale for %s does not say which kind" % r["doc_id"])
    if set(got) != set(DOCS):
        bad("styles.csv: docs %s, expected %s" % (sorted(got), DOCS))
    counts = {s: sum(1 for r in got.values() if r["style"] == s) for s in MIX}
    if counts != MIX:
        bad("styles.csv: mix %s, expected %s" % (counts, MIX))
    kinds = [r["rationale"] for r in got.values() if r["style"] == "onbepaald"]
    if len(kinds) == 2 and not (any("mixed" in k for k in kinds) and
                                any("too little evidence" in k for k in kinds)):
        bad("styles.csv: the two onbepaald docs should be one mixed, one too little evidence")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc, idx, ori = r["doc_id"], r["turn_index"], r["orientation"]
        if ori not in ("casus", "netwerk"):
            bad("orientation.csv: bad orientation %r" % ori)
        if not idx.isdigit():
            bad("orientation.csv: bad turn_index %r" % idx)
            continue
        idx = int(idx)
        keys.append((doc, idx))
        if doc not in info:
            bad("orientation.csv: unknown doc %s" % doc)
            continue
        turns = info[doc][0]
        if idx < 1 or idx > len(turns) or idx % 2 != 0:
            bad("orientation.csv: %s turn %d is not a respondent turn" % (doc, idx))
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, per = set(), {d: 0 for d in DOCS}
    for r in rows:
        doc, s, t = r["doc_id"], r["identifier"], r["type"]
        if (doc, s) in seen:
            bad("identifiers.csv: duplicate %s %r" % (doc, s))
        seen.add((doc, s))
        if t not in TYPES:
            bad("identifiers.csv: bad type %r" % t)
        if doc not in info:
            bad("identifiers.csv: unknown doc %s" % doc)
            continue
        per[doc] += 1
        if s not in info[doc][1]:
            bad("identifiers.csv: %s %r not found verbatim in transcript" % (doc, s))
    for d, n in per.items():
        if n < 5:
            bad("identifiers.csv: %s has only %d identifiers" % (d, n))

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
