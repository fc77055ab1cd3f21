#!/usr/bin/env python3
"""Stdlib-only self-check for setDU. Reads the transcripts as delivered (not the sources) and verifies:
- every document parses into turns that strictly alternate interviewer/respondent, starting with the
  interviewer;
- every orientation row points at an existing respondent (even) turn, values casus/netwerk, sorted, no dups;
- every identifier occurs verbatim in its document;
- styles.csv has exactly one valid row per document;
- word counts of the spoken turns lie within 1,500-2,600.
Exit code 0 = OK."""
import collections
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
IDS = ["du01", "du02", "du03", "du04", "du05", "du06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^:\n]{1,25}):\s+(.*)$", re.S)
errors = []


def err(msg):
    errors.append(msg)


def find_file(doc_id):
    d = os.path.join(ROOT, "transcripts")
    hits = [f for f in os.listdir(d) if os.path.splitext(f)[0] == doc_id]
    if len(hits) != 1:
        err("%s: expected exactly one transcript file, found %s" % (doc_id, hits))
        return None
    return os.path.join(d, hits[0])


def read_text(path):
    if path.endswith(".docx"):
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        return "\n\n".join(paras), paras
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n")
    return text, None


def turns_from_paragraphs(paras):
    labelled = []
    for p in paras:
        p = p.strip()
        if not p:
            continue
        m = LABEL.match(p)
        labelled.append((m.group(1).strip(), m.group(2)) if m else (None, p))
    counts = collections.Counter(l for l, _ in labelled if l)
    speakers = [l for l, _ in counts.most_common(2)]
    turns, started = [], False
    for lab, txt in labelled:
        if lab in speakers:
            started = True
            turns.append((lab, txt))
        elif started:
            return None, "unlabelled paragraph after first turn: %r" % txt[:60]
    return turns, None


def turns_from_cues(text, vtt):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    turns = []
    for b in blocks:
        lines = b.split("\n")
        idx = [i for i, l in enumerate(lines) if "-->" in l]
        if not idx:
            continue  # WEBVTT header / NOTE block
        body = " ".join(lines[idx[0] + 1:]).strip()
        m = re.match(r"^<v\s+([^>]+)>(.*)$", body) if vtt else None
        if m:
            turns.append((m.group(1).strip(), m.group(2).strip()))
            continue
        m = LABEL.match(body)
        if not m:
            return None, "cue without speaker: %r" % body[:60]
        turns.append((m.group(1).strip(), m.group(2)))
    return turns, None


def parse(doc_id):
    path = find_file(doc_id)
    if not path:
        return None, ""
    text, paras = read_text(path)
    if path.endswith(".srt") or path.endswith(".vtt"):
        turns, problem = turns_from_cues(text, path.endswith(".vtt"))
    else:
        turns, problem = turns_from_paragraphs(paras if paras is not None else re.split(r"\n\s*\n", text))
    if problem:
        err("%s: %s" % (doc_id, problem))
        return None, text
    labels = []
    for lab, _ in turns:
        if lab not in labels:
            labels.append(lab)
    if len(labels) != 2:
        err("%s: expected 2 speakers, found %s" % (doc_id, labels))
        return None, text
    for i, (lab, _) in enumerate(turns):
        if lab != labels[i % 2]:
            err("%s: alternation broken at turn %d (%s)" % (doc_id, i + 1, lab))
            return None, text
    return turns, text


def main():
    info = {}
    for d in IDS:
        turns, text = parse(d)
        info[d] = (turns, text)
        if turns:
            words = sum(len(t.split()) for _, t in turns)
            rt = len(turns) // 2
            if not 1500 <= words <= 2600:
                err("%s: %d words outside 1500-2600" % (d, words))
            print("%s: %d turns (%d respondent), %d words, speakers %s / %s" % (
                d, len(turns), rt, words, turns[0][0], turns[1][0]))

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = collections.Counter(r["doc_id"] for r in rows)
    for d in IDS:
        if seen[d] != 1:
            err("styles.csv: %s appears %d times" % (d, seen[d]))
    for r in rows:
        if r["doc_id"] not in IDS:
            err("styles.csv: unknown doc %s" % r["doc_id"])
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r for %s" % (r["style"], r["doc_id"]))
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in rows:
        d, i = r["doc_id"], int(r["turn_index"])
        turns = info.get(d, (None, ""))[0]
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation.csv: bad value %r" % r["orientation"])
        if turns is None:
            err("orientation.csv: doc %s not parsed" % d)
        elif i % 2 != 0 or not 1 <= i <= len(turns):
            err("orientation.csv: %s turn %d is not a respondent turn" % (d, i))

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    n_ids = collections.Counter()
    for r in rows:
        d = r["doc_id"]
        if r["type"] not in TYPES:
            err("identifiers.csv: bad type %r" % r["type"])
        text = info.get(d, (None, ""))[1]
        if r["identifier"] not in text:
            err("identifiers.csv: %s: %r not found verbatim" % (d, r["identifier"]))
        n_ids[d] += 1
    for d in IDS:
        if n_ids[d] == 0:
            err("identifiers.csv: no identifiers for %s" % d)

    if errors:
        print("\n".join("ERROR " + e for e in errors))
        print("check.py: FAILED (%d errors)" % len(errors))
        return 1
    print("check.py: OK (%d documents, %d orientation rows, %d identifiers)" % (
        len(IDS), len(keys), sum(n_ids.values())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
