#!/usr/bin/env python3
"""Stdlib self-check for blind set CS.

Verifies: every transcript exists and parses into turns that strictly alternate interviewer/respondent
(starting with the interviewer); every orientation row points at a respondent turn; every identifier
occurs verbatim in its document; styles.csv is complete; word counts lie in 1500-2600.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = ["cs01", "cs02", "cs03", "cs04", "cs05", "cs06"]
# (file, encoding, interviewer label, respondent label)
DOCS = {
    "cs01": ("cs01.docx", None, "Interviewer:", "Respondent:"),
    "cs02": ("cs02.srt", "utf-8", "Interviewer:", "Bert:"),
    "cs03": ("cs03.txt", "utf-8", "Spreker 1:", "Spreker 2:"),
    "cs04": ("cs04.txt", "cp1252", "I:", "R:"),
    "cs05": ("cs05.vtt", "utf-8", "Interviewer", "Erik Mulder"),
    "cs06": ("cs06.txt", "utf-8", "JdV:", "HB:"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(ns + "p"):
        out.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return out


def turns_from_lines(lines, ilab, rlab):
    """lines: list of (speaker_label or None, text). Consecutive same-speaker pieces merge."""
    turns = []
    for spk, text in lines:
        if spk is None:
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def load(doc_id):
    fn, enc, ilab, rlab = DOCS[doc_id]
    path = os.path.join(TR, fn)
    if not os.path.exists(path):
        err("%s: missing %s" % (doc_id, fn))
        return "", []
    pieces = []
    if fn.endswith(".docx"):
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            for lab in (ilab, rlab):
                if p.startswith(lab + " "):
                    pieces.append((lab, p[len(lab) + 1:]))
    else:
        with open(path, "rb") as f:
            full = f.read().decode(enc)
        if fn.endswith(".vtt"):
            for m in re.finditer(r"^<v ([^>]+)>(.*)$", full, re.M):
                pieces.append((m.group(1), m.group(2)))
        else:
            for line in full.splitlines():
                line = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", line)
                for lab in (ilab, rlab):
                    if line.startswith(lab + " "):
                        pieces.append((lab, line[len(lab) + 1:]))
    turns = turns_from_lines(pieces, ilab, rlab)
    for k, (spk, _) in enumerate(turns):
        exp = ilab if k % 2 == 0 else rlab
        if spk != exp:
            err("%s: turn %d has speaker %r, expected %r" % (doc_id, k + 1, spk, exp))
            break
    return full, turns


def main():
    texts, turns = {}, {}
    for d in IDS:
        texts[d], turns[d] = load(d)
        nw = sum(len(t[1].split()) for t in turns[d])
        if not 1500 <= nw <= 2600:
            err("%s: %d words outside 1500-2600" % (d, nw))
        print("%s: %d turns, %d respondent turns, %d words" % (d, len(turns[d]), len(turns[d]) // 2, nw))
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err("styles.csv: ids %s" % sorted(got))
    for r in rows:
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r" % r["style"])
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    for r in orows:
        d, n = r["doc_id"], int(r["turn_index"])
        if d not in turns:
            err("orientation: unknown doc %s" % d)
            continue
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation: bad value %r" % r["orientation"])
        if n % 2 != 0 or n < 2 or n > len(turns[d]):
            err("orientation: %s turn %d is not a respondent turn" % (d, n))
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err("identifiers: bad type %r" % r["type"])
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            err("identifiers: %r not found verbatim in %s" % (r["identifier"], r["doc_id"]))
    print("orientation rows: %d, identifier rows: %d" % (len(orows), len(irows)))
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
