#!/usr/bin/env python3
"""Stdlib self-check for blind set Q.

Reads the transcripts as they are on disk (txt in UTF-8 or Windows-1252, srt, vtt, docx via zipfile),
without using the sources in src/, and verifies:
  - every document parses into turns that strictly alternate between two speakers, starting with the
    interviewer (= the first speaker);
  - every orientation.csv row points at an existing respondent (even) turn, values casus|netwerk,
    rows sorted and unique;
  - every identifiers.csv row occurs verbatim in its document and has a known type;
  - styles.csv lists every document exactly once with a valid style and a rationale;
  - word counts lie within 1,500-2,600.
Usage: python3 check.py   (exit code 0 = all good)
"""
import collections
import csv
import glob
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\n\[\]]{1,40}?):\s+(.*)$", re.S)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def paragraphs_to_turns(paras, doc):
    labelled = []
    for p in paras:
        m = LABEL.match(p)
        labelled.append((m.group(1).strip(), m.group(2).strip()) if m else (None, p))
    counts = collections.Counter(l for l, _ in labelled if l)
    speakers = {l for l, _ in counts.most_common(2)}
    turns, started = [], False
    for (lab, text), p in zip(labelled, paras):
        if lab in speakers:
            started = True
            turns.append((lab, text))
        elif started:
            err("%s: paragraph without speaker label after start: %r" % (doc, p[:60]))
    return turns


def parse_txt(path, doc):
    text, enc = read_text(path)
    text = text.replace("\r\n", "\n")
    paras = [" ".join(b.split("\n")).strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return paragraphs_to_turns(paras, doc), text, enc


def parse_docx(path, doc):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        t = "".join(x.text or "" for x in p.iter(W + "t"))
        if t.strip():
            paras.append(t.strip())
    return paragraphs_to_turns(paras, doc), "\n".join(paras), "docx"


def merge(cues):
    turns = []
    for lab, text in cues:
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    return turns


def parse_srt(path, doc):
    text, enc = read_text(path)
    text = text.replace("\r\n", "\n")
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            err("%s: malformed srt block %r" % (doc, block[:50]))
            continue
        body = " ".join(lines[2:])
        m = LABEL.match(body)
        if not m:
            err("%s: srt cue without speaker: %r" % (doc, body[:50]))
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return merge(cues), text, enc


def parse_vtt(path, doc):
    text, enc = read_text(path)
    text = text.replace("\r\n", "\n")
    if not text.startswith("WEBVTT"):
        err("%s: missing WEBVTT header" % doc)
    cues = []
    for block in re.split(r"\n\s*\n", text.strip())[1:]:
        lines = block.strip().split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            err("%s: vtt block without timing %r" % (doc, block[:50]))
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body, re.S)
        if m:
            cues.append((m.group(1).strip(), m.group(2).strip()))
        else:
            m = LABEL.match(body)
            if not m:
                err("%s: vtt cue without speaker %r" % (doc, body[:50]))
                continue
            cues.append((m.group(1).strip(), m.group(2).strip()))
    return merge(cues), text, enc


PARSERS = {".txt": parse_txt, ".docx": parse_docx, ".srt": parse_srt, ".vtt": parse_vtt}


def main():
    docs = {}
    for path in sorted(glob.glob(os.path.join(TDIR, "*"))):
        doc, ext = os.path.splitext(os.path.basename(path))
        if ext not in PARSERS:
            err("unexpected file %s" % path)
            continue
        turns, full, enc = PARSERS[ext](path, doc)
        docs[doc] = (turns, full, ext, enc)
        labels = [l for l, _ in turns]
        if len(set(labels)) != 2:
            err("%s: expected 2 speakers, got %s" % (doc, sorted(set(labels))))
        for i in range(1, len(labels)):
            if labels[i] == labels[i - 1]:
                err("%s: turns %d and %d by the same speaker" % (doc, i, i + 1))
        if labels and labels[0] != labels[-1] and len(labels) % 2:
            err("%s: odd turn count but alternation broken" % doc)

    # styles.csv
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = collections.Counter(r["doc_id"] for r in rows)
    for d in docs:
        if seen[d] != 1:
            err("styles.csv: %s listed %d times" % (d, seen[d]))
    for r in rows:
        if r["doc_id"] not in docs:
            err("styles.csv: unknown doc %s" % r["doc_id"])
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r" % r["style"])
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])
    mix = collections.Counter(r["style"] for r in rows)

    # orientation.csv
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    if len(keys) != len(set(keys)):
        err("orientation.csv has duplicates")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if d not in docs:
            err("orientation.csv: unknown doc %s" % d)
            continue
        turns = docs[d][0]
        if o not in ("casus", "netwerk"):
            err("orientation.csv: bad value %r" % o)
        if not (1 <= ti <= len(turns)) or ti % 2 != 0:
            err("orientation.csv: %s turn %d is not a respondent turn" % (d, ti))
        elif turns[ti - 1][0] == turns[0][0]:
            err("orientation.csv: %s turn %d is an interviewer turn" % (d, ti))

    # identifiers.csv
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    idcount = collections.Counter()
    for r in irows:
        d = r["doc_id"]
        if d not in docs:
            err("identifiers.csv: unknown doc %s" % d)
            continue
        if r["type"] not in TYPES:
            err("identifiers.csv: bad type %r" % r["type"])
        if r["identifier"] not in docs[d][1]:
            err("identifiers.csv: %s: %r not found verbatim" % (d, r["identifier"]))
        idcount[d] += 1

    # summary
    ocount = collections.Counter((r["doc_id"], r["orientation"]) for r in orows)
    style = {r["doc_id"]: r["style"] for r in rows}
    print("doc   format  enc     style           words  turns  resp  casus netwerk idents")
    for d, (turns, full, ext, enc) in sorted(docs.items()):
        words = sum(len(t.split()) for _, t in turns)
        resp = sum(1 for i, _ in enumerate(turns) if i % 2 == 1)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (d, words))
        print("%-5s %-7s %-7s %-15s %5d  %5d  %4d  %5d %7d %6d" % (
            d, ext, enc, style.get(d, "?"), words, len(turns), resp,
            ocount[(d, "casus")], ocount[(d, "netwerk")], idcount[d]))
    print("style mix:", dict(mix))
    if errors:
        print("\nFAIL (%d problems)" % len(errors))
        for e in errors:
            print(" -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
