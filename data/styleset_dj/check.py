#!/usr/bin/env python3
"""Stdlib self-check for set DJ. Parses the transcripts as delivered (not the sources) and verifies:
alternation interviewer/respondent starting with the interviewer, every orientation row pointing at a
respondent turn, every identifier occurring verbatim in its document, styles.csv complete, word counts
in 1500-2600. Speaker labels per document are read from the meta lines in src/<id>.txt."""
import csv, os, re, sys, zipfile
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["dj01", "dj02", "dj03", "dj04", "dj05", "dj06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def labels(doc):
    lab = {}
    for line in open(os.path.join(ROOT, "src", doc + ".txt"), encoding="utf-8"):
        m = re.match(r"# (ilabel|rlabel): (.*)", line)
        if m:
            lab[m.group(1)] = re.sub(r"\[\[([^\]|]+)\|[A-Z_]+\]\]", r"\1", m.group(2).strip())
    return lab["ilabel"], lab["rlabel"]


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def read(doc):
    """Return (full text, list of (speaker, text) turns after merging consecutive same-speaker units)."""
    il, rl = labels(doc)
    fn = [f for f in os.listdir(TR) if f.startswith(doc + ".")]
    if len(fn) != 1:
        err("%s: expected one transcript file, found %s" % (doc, fn))
        return "", []
    path = os.path.join(TR, fn[0])
    ext = fn[0].split(".", 1)[1]
    units = []
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            for who, lab in (("I", il), ("R", rl)):
                if p.startswith(lab + ":"):
                    units.append((who, p[len(lab) + 1:].strip()))
    else:
        raw = open(path, "rb").read()
        try:
            full = raw.decode("utf-8")
        except UnicodeDecodeError:
            full = raw.decode("cp1252")
        for line in full.splitlines():
            line = line.strip()
            m = re.match(r"<v ([^>]+)>(.*?)(</v>)?$", line)
            if m:
                who = "I" if m.group(1) == il else "R" if m.group(1) == rl else None
                if who is None:
                    err("%s: unknown voice %r" % (doc, m.group(1)))
                units.append((who, m.group(2)))
                continue
            line = re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", line)
            for who, lab in (("I", il), ("R", rl)):
                if line.startswith(lab + ":"):
                    units.append((who, line[len(lab) + 1:].strip()))
    turns = []
    for who, text in units:
        if ext in ("srt", "vtt") and turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + text)
        else:
            turns.append((who, text))
    return full, turns


def main():
    texts, nturns = {}, {}
    for doc in IDS:
        full, turns = read(doc)
        texts[doc] = full
        nturns[doc] = len(turns)
        if not turns:
            err("%s: no turns parsed" % doc)
            continue
        for i, (who, _) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if who != want:
                err("%s: turn %d is %s, expected %s" % (doc, i, who, want))
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (doc, words))
        print("%s: %d turns (%d respondent), %d words" % (doc, len(turns), len(turns) // 2, words))
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in rows) != IDS:
        err("styles.csv: doc ids %s" % [r["doc_id"] for r in rows])
    for r in rows:
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r" % r["style"])
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted/unique")
    for r in rows:
        d, t = r["doc_id"], int(r["turn_index"])
        if d not in nturns or t % 2 or not 2 <= t <= nturns[d]:
            err("orientation.csv: %s turn %d is not a respondent turn" % (d, t))
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation.csv: bad value %r" % r["orientation"])
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            err("identifiers.csv: %r not verbatim in %s" % (r["identifier"], r["doc_id"]))
    print("orientation rows: %d, identifier rows: %d" % (len(keys), len(rows)))
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
