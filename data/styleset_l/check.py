#!/usr/bin/env python3
"""Stdlib self-check for setL. Parses the rendered transcripts (not the sources) and verifies:
- styles.csv complete (every transcript has exactly one row, valid style, non-empty rationale)
- speaker turns strictly alternate interviewer/respondent, starting with the interviewer
- every orientation.csv row points at an existing respondent (even) turn; rows sorted, no duplicates
- every identifiers.csv identifier occurs verbatim in its document
- word counts within 1,500-2,600 (spoken text, labels excluded)
Usage: python3 check.py   (exit code 0 = all fine)
"""
import collections
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([A-Za-z][A-Za-z0-9 .]{0,24}):\s+(.*)$")

errors = []


def err(msg):
    errors.append(msg)


def read_text_file(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def turns_from_lines(lines):
    """Label-prefixed lines -> turns; the two most frequent labels are the speakers."""
    cands = []
    for ln in lines:
        m = LABEL_RE.match(ln.strip())
        cands.append((m.group(2).strip(), m.group(3)) if m else None)
    freq = collections.Counter(c[0] for c in cands if c)
    speakers = [lab for lab, _ in freq.most_common(2)]
    turns, started = [], False
    for ln, c in zip(lines, cands):
        if c and c[0] in speakers:
            turns.append([c[0], c[1]])
            started = True
        elif started and ln.strip():
            turns[-1][1] += " " + ln.strip()
    return turns


def turns_from_vtt(text):
    turns = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().splitlines()
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if m:
            spk, txt = m.group(1).strip(), m.group(2)
        else:
            m = LABEL_RE.match(body)
            if not m:
                err("vtt cue without speaker: %r" % body[:60])
                continue
            spk, txt = m.group(2), m.group(3)
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return "\n".join(paras), turns_from_lines(paras), "utf-8(docx)"
    text, enc = read_text_file(path)
    if ext in ("vtt", "srt"):
        return text, turns_from_vtt(text), enc
    return text, turns_from_lines(text.splitlines()), enc


def main():
    docs = {}
    for fn in sorted(os.listdir(TDIR)):
        doc, ext = fn.rsplit(".", 1)
        if ext not in ("txt", "vtt", "srt", "docx"):
            err("unexpected file %s" % fn)
            continue
        if doc in docs:
            err("two transcripts for %s" % doc)
        docs[doc] = load(os.path.join(TDIR, fn)) + (ext,)

    # styles.csv
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    sdocs = [r["doc_id"] for r in rows]
    if sorted(sdocs) != sorted(docs) or len(set(sdocs)) != len(sdocs):
        err("styles.csv docs %s != transcripts %s" % (sdocs, sorted(docs)))
    for r in rows:
        if r["style"] not in STYLES:
            err("bad style %r for %s" % (r["style"], r["doc_id"]))
        if not r["rationale"].strip():
            err("empty rationale for %s" % r["doc_id"])
    styles = {r["doc_id"]: r["style"] for r in rows}

    # alternation
    nturns = {}
    for doc, (text, turns, enc, ext) in sorted(docs.items()):
        labels = []
        for spk, _ in turns:
            if spk not in labels:
                labels.append(spk)
        if len(labels) != 2:
            err("%s: expected 2 speakers, found %s" % (doc, labels))
        for i, (spk, _) in enumerate(turns):
            if spk != labels[i % 2]:
                err("%s: turn %d by %s breaks alternation" % (doc, i + 1, spk))
                break
        nturns[doc] = turns

    # orientation.csv
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    ocount = collections.Counter()
    for r in orows:
        d, t, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if d not in nturns:
            err("orientation row for unknown doc %s" % d)
            continue
        if o not in ("casus", "netwerk"):
            err("bad orientation %r" % o)
        if t % 2 != 0 or not (1 <= t <= len(nturns[d])):
            err("orientation row %s/%d is not a respondent turn" % (d, t))
        ocount[(d, o)] += 1

    # identifiers.csv
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    icount = collections.Counter()
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if d not in docs:
            err("identifier row for unknown doc %s" % d)
            continue
        if typ not in TYPES:
            err("bad identifier type %r" % typ)
        if ident not in docs[d][0]:
            err("%s: identifier %r not found verbatim" % (d, ident))
        icount[d] += 1

    # report
    print("doc   fmt   encoding      style           turns R-turns words casus netwerk idents")
    for doc, (text, turns, enc, ext) in sorted(docs.items()):
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (doc, words))
        print("%-5s %-5s %-13s %-15s %5d %7d %5d %5d %7d %6d" % (
            doc, ext, enc, styles.get(doc, "?"), len(turns), len(turns) // 2, words,
            ocount[(doc, "casus")], ocount[(doc, "netwerk")], icount[doc]))
    if errors:
        print("\nFAILED:")
        for e in errors:
            print(" -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
