#!/usr/bin/env python3
"""Stdlib self-check for set H. Reads the transcripts as delivered (not the sources) and verifies:
- turns strictly alternate interviewer / respondent, starting with the interviewer;
- every orientation row points at an existing respondent (even) turn and has a valid value;
- every identifier occurs verbatim in the text of its document;
- styles.csv has exactly one valid row per document (and at most one onbepaald);
- word counts are within 1,500-2,600; the agreed 'no style words' documents do not use them.
Usage: python3 check.py
"""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = {  # doc -> (file, interviewer label, respondent label)
    "bh01": ("bh01.docx", "Interviewer", "Respondent"),
    "bh02": ("bh02.vtt", "Interviewer", "Frans"),
    "bh03": ("bh03.txt", "I", "R"),
    "bh04": ("bh04.srt", "Interviewer", "Daan"),
    "bh05": ("bh05.txt", "Spreker 1", "Spreker 2"),
    "bh06": ("bh06.txt", "JV", "MH"),
}
NO_STYLE_WORDS = {"bh01", "bh03", "bh04", "bh05"}
STYLE_WORDS = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def turns_from_lines(lines, labels):
    """lines: iterable of text lines/paragraphs/cue texts. Returns (turns, full_text)."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(?:<v\s+([^>]+)>)?(?:(%s):\s+)?(.*)$"
                     % "|".join(re.escape(l) for l in labels))
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        who = m.group(1) or m.group(2)
        text = re.sub(r"</v>$", "", m.group(3))
        if who is None:
            if turns:
                raise ValueError("unlabelled line inside dialogue: %r" % line[:60])
            continue  # header line
        if who not in labels:
            raise ValueError("unknown speaker %r" % who)
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text  # continuation cue of the same turn
        else:
            turns.append([who, text])
    return turns


def load(doc):
    fname, il, rl = DOCS[doc]
    path = os.path.join(TR, fname)
    if fname.endswith(".docx"):
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        return turns_from_lines(paras, (il, rl)), full
    full = read_text(path)
    if fname.endswith((".vtt", ".srt")):
        cue_lines = []
        for block in re.split(r"\r?\n\r?\n", full):
            ls = [l for l in block.splitlines() if l.strip()]
            if not ls or ls[0].startswith(("WEBVTT", "NOTE")):
                continue
            if any("-->" in l for l in ls):
                i = [k for k, l in enumerate(ls) if "-->" in l][0]
                cue_lines.append(" ".join(ls[i + 1:]))
        return turns_from_lines(cue_lines, (il, rl)), full
    return turns_from_lines(full.splitlines(), (il, rl)), full


def main():
    errors = []
    info = {}
    for doc, (fname, il, rl) in DOCS.items():
        try:
            turns, full = load(doc)
        except Exception as e:  # noqa
            errors.append(f"{doc}: cannot parse: {e}")
            continue
        for i, (who, _) in enumerate(turns, start=1):
            exp = il if i % 2 == 1 else rl
            if who != exp:
                errors.append(f"{doc}: turn {i} is {who}, expected {exp}")
        wc = sum(len(re.findall(r"\w+(?:[-'’]\w+)*", t)) for _, t in turns)
        if not 1500 <= wc <= 2600:
            errors.append(f"{doc}: {wc} words outside 1500-2600")
        if doc in NO_STYLE_WORDS and STYLE_WORDS.search(full):
            errors.append(f"{doc}: uses a style word")
        info[doc] = (turns, full, wc)

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in rows) != sorted(DOCS):
        errors.append("styles.csv: not exactly one row per document")
    for r in rows:
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald") or not r["rationale"].strip():
            errors.append(f"styles.csv: bad row {r}")
    counts = {s: sum(r["style"] == s for r in rows) for s in ("casusgericht", "netwerkgericht", "onbepaald")}
    if counts["casusgericht"] < 2 or counts["netwerkgericht"] < 2 or counts["onbepaald"] > 1:
        errors.append(f"styles.csv: style mix {counts}")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        errors.append("orientation.csv: not sorted/unique")
    for r in orows:
        d, ti = r["doc_id"], int(r["turn_index"])
        if d not in info:
            errors.append(f"orientation.csv: unknown doc {d}")
            continue
        if ti % 2 != 0 or ti > len(info[d][0]):
            errors.append(f"orientation.csv: {d} turn {ti} is not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append(f"orientation.csv: bad value {r}")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        d = r["doc_id"]
        if r["type"] not in types:
            errors.append(f"identifiers.csv: bad type {r}")
        if d not in info or r["identifier"] not in info[d][1]:
            errors.append(f"identifiers.csv: {d} {r['identifier']!r} not found verbatim")

    for doc, (turns, _, wc) in info.items():
        print(f"{doc}: turns={len(turns)} respondent_turns={len(turns)//2} words={wc}")
    print(f"styles: {counts}; orientation rows: {len(orows)}; identifiers: {len(irows)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
