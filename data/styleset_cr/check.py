#!/usr/bin/env python3
"""Stdlib self-check for blind set CR: reads the generated transcripts (not the sources) and verifies
turn alternation, orientation rows, identifiers and styles.csv."""
import collections
import csv
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = ["cr01", "cr02", "cr03", "cr04", "cr05", "cr06"]
INTERVIEWER = {"Interviewer", "I", "Spreker 1"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        runs = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        txt = "".join(runs)
        txt = txt.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        paras.append(txt)
    return paras


def load(doc_id):
    """Return (full_text, [(speaker, text), ...])."""
    fn = [f for f in os.listdir(TR) if f.startswith(doc_id + ".")]
    if len(fn) != 1:
        err("%s: expected one transcript file, found %s" % (doc_id, fn))
        return "", []
    path = os.path.join(TR, fn[0])
    ext = fn[0].split(".", 1)[1]
    if ext == "docx":
        lines = read_docx(path)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        lines = text.replace("\r\n", "\n").split("\n")
    turns = []
    if ext == "vtt":
        if lines[0].strip() != "WEBVTT":
            err("%s: missing WEBVTT header" % doc_id)
        for ln in lines:
            m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", ln)
            if m:
                turns.append((m.group(1), m.group(2)))
    else:
        cand = []
        for ln in lines:
            m = re.match(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Za-z][A-Za-z0-9 .]{0,29}):\s+(.*)$", ln)
            if m:
                cand.append((m.group(1), m.group(2)))
        freq = collections.Counter(s for s, _ in cand)
        labels = {s for s, _ in freq.most_common(2)}
        turns = [(s, t) for s, t in cand if s in labels]
        if ext == "srt":
            times = [ln for ln in lines if "-->" in ln]
            if len(times) != len(turns):
                err("%s: %d srt cues but %d turns" % (doc_id, len(times), len(turns)))
    full = "\n".join(lines)
    return full, turns


def main():
    texts, nturns = {}, {}
    for doc_id in IDS:
        full, turns = load(doc_id)
        texts[doc_id] = full
        nturns[doc_id] = len(turns)
        if not turns:
            err("%s: no turns" % doc_id)
            continue
        if turns[0][0] not in INTERVIEWER:
            err("%s: first turn not by interviewer (%s)" % (doc_id, turns[0][0]))
        ispk = turns[0][0]
        rspk = {s for s, _ in turns} - {ispk}
        if len(rspk) != 1:
            err("%s: expected exactly one respondent label, got %s" % (doc_id, rspk))
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                err("%s: turns %d and %d by same speaker" % (doc_id, i, i + 1))
        for i, (s, _) in enumerate(turns, 1):
            if (i % 2 == 1) != (s == ispk):
                err("%s: turn %d speaker %s breaks interviewer/respondent order" % (doc_id, i, s))
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (doc_id, words))
        print("%s  turns=%3d  respondent_turns=%2d  words=%d" % (doc_id, len(turns), len(turns) // 2, words))

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in rows:
        d, t = r["doc_id"], int(r["turn_index"])
        if d not in nturns:
            err("orientation: unknown doc %s" % d)
        elif t % 2 != 0 or not 1 <= t <= nturns[d]:
            err("orientation: %s turn %d is not a respondent turn" % (d, t))
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation: bad value %r" % r["orientation"])

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as fh:
        ids = list(csv.DictReader(fh))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in ids:
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            err("identifier %r not found verbatim in %s" % (r["identifier"], r["doc_id"]))
        if r["type"] not in types:
            err("identifier type %r invalid" % r["type"])

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as fh:
        st = list(csv.DictReader(fh))
    if sorted(r["doc_id"] for r in st) != IDS:
        err("styles.csv incomplete: %s" % [r["doc_id"] for r in st])
    for r in st:
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r" % r["style"])
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])
    print("styles:", collections.Counter(r["style"] for r in st))
    print("orientation rows:", len(rows), " identifier rows:", len(ids))

    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
