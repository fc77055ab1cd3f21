#!/usr/bin/env python3
"""Stdlib self-check for set EM. Parses the transcripts as delivered (not the sources) and verifies:
- every doc id has exactly one transcript, readable in its encoding;
- speaker turns strictly alternate interviewer / respondent, starting with the interviewer;
- every orientation row points at an existing respondent (even) turn, values casus/netwerk, sorted, no dups;
- every identifier occurs verbatim in its document, with a known type;
- styles.csv is complete (six docs, valid styles, the requested mix 2/2/2, a rationale each);
- word counts of the spoken text are within 1,500-2,600.
Prints OK when all is well, otherwise the problems and exit status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = ["em01", "em02", "em03", "em04", "em05", "em06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
INTERVIEWER = {"Interviewer", "I", "Marit", "Spreker 1"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Z][A-Za-z]*(?: \d)?):\s+(.*)$")


def turns_from_lines(lines):
    turns = []
    for ln in lines:
        m = LABEL_RE.match(ln.strip())
        if m:
            turns.append((m.group(1), m.group(2)))
    return turns


def load(doc):
    found = [f for f in os.listdir(TR) if f.rsplit(".", 1)[0] == doc]
    if len(found) != 1:
        bad(f"{doc}: expected one transcript, found {found}")
        return None, []
    path = os.path.join(TR, found[0])
    ext = found[0].rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return "\n".join(paras), turns_from_lines(paras)
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n")
    if ext == "vtt":
        if not text.startswith("WEBVTT"):
            bad(f"{doc}: vtt without WEBVTT header")
        turns = [(m.group(1), m.group(2)) for m in re.finditer(r"^<v ([^>]+)>(.*?)</v>$", text, re.M)]
        cues = re.findall(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$", text, re.M)
        if len(cues) != len(turns):
            bad(f"{doc}: {len(cues)} cue timings vs {len(turns)} voiced cues")
        return text, turns
    if ext == "srt":
        blocks = [b for b in text.strip().split("\n\n") if b.strip()]
        turns = []
        for k, b in enumerate(blocks, 1):
            ls = b.split("\n")
            if ls[0].strip() != str(k) or not re.match(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", ls[1]):
                bad(f"{doc}: malformed srt block {k}")
                continue
            turns += turns_from_lines([" ".join(ls[2:])])
        return text, turns
    return text, turns_from_lines(text.split("\n"))


def main():
    texts, nturns = {}, {}
    for doc in IDS:
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc] = text
        nturns[doc] = len(turns)
        if len(turns) < 10:
            bad(f"{doc}: only {len(turns)} turns parsed")
        labels = [s for s, _ in turns]
        resp = {s for s in labels if s not in INTERVIEWER}
        if len(resp) != 1:
            bad(f"{doc}: respondent labels {resp}")
        for i, s in enumerate(labels):
            if (i % 2 == 0) != (s in INTERVIEWER):
                bad(f"{doc}: alternation broken at turn {i + 1} ({s})")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} words")
        print(f"{doc}: {len(turns)} turns, {len(turns) // 2} respondent turns, {words} words")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        bad(f"styles.csv: doc ids {sorted(got)}")
    count = {}
    for r in rows:
        if r["style"] not in STYLES:
            bad(f"styles.csv: bad style {r}")
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: no rationale for {r['doc_id']}")
        count[r["style"]] = count.get(r["style"], 0) + 1
    if count != MIX:
        bad(f"styles.csv: mix {count} != {MIX}")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        doc, k = r["doc_id"], int(r["turn_index"])
        keys.append((doc, k))
        if doc not in nturns:
            bad(f"orientation: unknown doc {doc}")
            continue
        if k % 2 != 0 or not 2 <= k <= nturns[doc]:
            bad(f"orientation: {doc} turn {k} is not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation: bad value {r}")
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        bad("orientation.csv not sorted or has duplicates")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    per = {}
    for r in irows:
        doc = r["doc_id"]
        per[doc] = per.get(doc, 0) + 1
        if r["type"] not in TYPES:
            bad(f"identifiers: bad type {r}")
        if doc not in texts or r["identifier"] not in texts[doc]:
            bad(f"identifiers: {r['identifier']!r} not found verbatim in {doc}")
    for doc in IDS:
        if per.get(doc, 0) < 5:
            bad(f"identifiers: only {per.get(doc, 0)} for {doc}")

    if problems:
        print("\n".join("FAIL: " + p for p in problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
