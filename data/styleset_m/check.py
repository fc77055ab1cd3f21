#!/usr/bin/env python3
"""Stdlib self-check for setM.

Reads the built transcripts (not the sources' text) and verifies:
  - every document exists and its turns strictly alternate interviewer/respondent, starting with the interviewer;
  - every orientation.csv row points at an existing respondent (even) turn, with a valid label;
  - every identifiers.csv row occurs verbatim in its document's text, with a valid type;
  - styles.csv has exactly one valid row per document;
  - word counts (turn text only) are within 1,500-2,600.
The speaker labels per document are taken from the '#ilabel'/'#rlabel' lines in src/<id>.src.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
IDS = ["bm01", "bm02", "bm03", "bm04", "bm05", "bm06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def labels(doc):
    meta = {}
    for line in open(os.path.join(HERE, "src", doc + ".src"), encoding="utf-8"):
        if line.startswith("#") and not line.startswith("#H ") and ":" in line:
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
    return meta["ilabel"], meta["rlabel"]


def find_file(doc):
    hits = [f for f in os.listdir(os.path.join(HERE, "transcripts")) if f.split(".")[0] == doc]
    if len(hits) != 1:
        err("%s: expected one transcript, found %r" % (doc, hits))
        return None
    return os.path.join(HERE, "transcripts", hits[0])


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return [p for p in paras if p.strip()]


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def turns_from_lines(lines, il, rl):
    """Lines of the form '[hh:mm:ss] Label: text' or 'Label: text'; lines before the first labelled line are header."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s|%s):\s(.*)$" % (re.escape(il), re.escape(rl)))
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            err("unlabelled line after first turn: %r" % ln[:60])
    return turns


def turns_from_cues(text, il, rl, kind):
    """SubRip / WebVTT: speaker per cue; consecutive cues of one speaker form one turn."""
    blocks = re.split(r"\r?\n\r?\n", text.strip())
    cues = []
    for b in blocks:
        ls = b.splitlines()
        ti = [i for i, l in enumerate(ls) if "-->" in l]
        if not ti:
            continue
        body = " ".join(ls[ti[0] + 1:]).strip()
        if kind == "vtt":
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        else:
            m = re.match(r"^([^:]{1,40}):\s(.*)$", body)
        if not m:
            err("cue without speaker: %r" % body[:60])
            continue
        cues.append((m.group(1), m.group(2)))
    turns = []
    for spk, txt in cues:
        if spk not in (il, rl):
            err("unknown speaker %r" % spk)
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def main():
    n_turns, words, rturns, fulltext = {}, {}, {}, {}
    for doc in IDS:
        path = find_file(doc)
        if not path:
            continue
        il, rl = labels(doc)
        ext = path.rsplit(".", 1)[1]
        if ext == "docx":
            paras = docx_paragraphs(path)
            text = "\n".join(paras)
            turns = turns_from_lines(paras, il, rl)
        elif ext in ("srt", "vtt"):
            text = read_text(path)
            if ext == "vtt" and not text.startswith("WEBVTT"):
                err("%s: vtt without WEBVTT header" % doc)
            turns = turns_from_cues(text, il, rl, ext)
        else:
            text = read_text(path)
            turns = turns_from_lines(text.splitlines(), il, rl)
        fulltext[doc] = text
        for i, (spk, _) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if spk != want:
                err("%s: turn %d spoken by %r, expected %r (alternation broken)" % (doc, i, spk, want))
        n_turns[doc] = len(turns)
        words[doc] = sum(len(t[1].split()) for t in turns)
        rturns[doc] = sum(1 for t in turns if t[0] == rl)
        if not 1500 <= words[doc] <= 2600:
            err("%s: %d words outside 1500-2600" % (doc, words[doc]))

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {}
    for r in rows:
        if r["doc_id"] in got:
            err("styles.csv: duplicate %s" % r["doc_id"])
        got[r["doc_id"]] = r
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r" % r["style"])
        if not r.get("rationale", "").strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])
    if set(got) != set(IDS):
        err("styles.csv: ids %r != %r" % (sorted(got), IDS))

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicates")
    for r in orows:
        d, i = r["doc_id"], int(r["turn_index"])
        if d not in n_turns:
            err("orientation: unknown doc %s" % d)
        elif i % 2 or not 2 <= i <= n_turns[d]:
            err("orientation: %s turn %d is not a respondent turn" % (d, i))
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation: bad label %r" % r["orientation"])

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        if r["type"] not in TYPES:
            err("identifiers: bad type %r" % r["type"])
        if r["doc_id"] not in fulltext:
            err("identifiers: unknown doc %s" % r["doc_id"])
        elif r["identifier"] not in fulltext[r["doc_id"]]:
            err("identifiers: %r not found verbatim in %s" % (r["identifier"], r["doc_id"]))

    for doc in IDS:
        if doc in n_turns:
            no = sum(1 for r in orows if r["doc_id"] == doc)
            ni = sum(1 for r in irows if r["doc_id"] == doc)
            print("%s style=%-14s turns=%d respondent_turns=%d words=%d orientation_rows=%d identifiers=%d"
                  % (doc, got.get(doc, {}).get("style", "?"), n_turns[doc], rturns[doc], words[doc], no, ni))
    if errors:
        print("FAIL (%d problems)" % len(errors))
        for e in errors:
            print("  - " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
