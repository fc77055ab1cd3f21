#!/usr/bin/env python3
"""Check setHU: parses the BUILT transcripts (not the sources). Standard library only.

Checks: one readable transcript per doc; turns alternate starting with the interviewer;
orientation rows point at respondent turns; identifiers occur verbatim; styles.csv is
complete with the requested mix; 1,500-2,600 spoken words; 10-45 respondent turns.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["hu01", "hu02", "hu03", "hu04", "hu05", "hu06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WANT_STYLES = Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2})
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d(?:[.,]\d+)?\]\s*)?([^:\[\]]{1,40}?):\s+(.*)$")
TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3}\s*-->\s*\d\d:\d\d:\d\d[.,]\d{3}")
problems = []


def prob(msg):
    problems.append(msg)


def read_text(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                parts.append(el.text)
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def labelled_lines(lines):
    """Turn a list of lines/paragraphs into turns. A speaker label is a 'Name:' prefix that
    occurs at least 3 times; other 'Key: value' lines (metadata) may only precede the turns."""
    cands = []
    for ln in lines:
        m = LABEL.match(ln.strip())
        cands.append((m.group(1).strip(), m.group(2)) if m else None)
    counts = Counter(c[0] for c in cands if c)
    speakers = {k for k, v in counts.items() if v >= 3}
    turns = []
    for ln, c in zip(lines, cands):
        if not ln.strip():
            continue
        if c and c[0] in speakers:
            turns.append([c[0], c[1].strip()])
        elif turns:
            turns[-1][1] += " " + ln.strip()
    return turns


def merge(seq):
    turns = []
    for spk, txt in seq:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_vtt(text):
    if not text.startswith("WEBVTT"):
        prob("vtt does not start with WEBVTT")
    seq = []
    for block in re.split(r"\r?\n\s*\r?\n", text):
        lines = [l for l in block.splitlines() if l.strip()]
        if not lines or lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        i = next((k for k, l in enumerate(lines) if TIMING.match(l)), None)
        if i is None:
            prob("vtt block without timing: %r" % lines[0][:40])
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*)$", body)
        if not m:
            prob("vtt cue without voice tag: %r" % body[:40])
            continue
        seq.append((m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()))
    return merge(seq)


def parse_srt(text):
    seq = []
    for block in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = [l for l in block.splitlines() if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or not TIMING.match(lines[1]):
            prob("malformed srt block: %r" % block[:40])
            continue
        body = " ".join(lines[2:])
        m = LABEL.match(body)
        if not m:
            prob("srt cue without speaker: %r" % body[:40])
            continue
        seq.append((m.group(1).strip(), m.group(2).strip()))
    return merge(seq)


def load(doc):
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        prob("%s: expected one transcript, found %s" % (doc, files))
        return None, None
    path = os.path.join(TR, files[0])
    ext = files[0].rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return labelled_lines(paras), "\n".join(paras)
    text, enc = read_text(path)
    if ext == "vtt":
        return parse_vtt(text), text
    if ext == "srt":
        return parse_srt(text), text
    if ext == "txt":
        return labelled_lines(text.splitlines()), text
    prob("%s: unknown extension %s" % (doc, ext))
    return None, None


def strip_ts(s):
    return re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", s)


def main():
    info = {}
    for doc in DOCS:
        turns, full = load(doc)
        if turns is None:
            continue
        spk = []
        for s, _ in turns:
            if s not in spk:
                spk.append(s)
        if len(spk) != 2:
            prob("%s: expected 2 speakers, found %s" % (doc, spk))
            continue
        for i, (s, _) in enumerate(turns):
            if s != spk[i % 2]:
                prob("%s: turn %d by %s breaks alternation (interviewer %s first)" % (doc, i + 1, s, spk[0]))
                break
        nresp = sum(1 for s, _ in turns if s == spk[1])
        words = sum(len(t.split()) for _, t in turns)
        if not 10 <= nresp <= 45:
            prob("%s: %d respondent turns" % (doc, nresp))
        if not 1500 <= words <= 2600:
            prob("%s: %d words" % (doc, words))
        info[doc] = (turns, spk, full)

    # styles
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != DOCS:
            prob("styles.csv doc ids: %s" % ids)
        got = Counter(r["style"] for r in rows)
        if got != WANT_STYLES:
            prob("styles.csv mix: %s" % dict(got))
        kinds = []
        for r in rows:
            if not r.get("rationale", "").strip():
                prob("styles.csv: no rationale for %s" % r["doc_id"])
            if r["style"] == "onbepaald":
                rat = r["rationale"].lower()
                if "mixed" in rat:
                    kinds.append("mixed")
                elif "too little evidence" in rat:
                    kinds.append("little")
                else:
                    prob("styles.csv: onbepaald %s does not say which kind" % r["doc_id"])
        if sorted(kinds) != ["little", "mixed"]:
            prob("styles.csv: onbepaald kinds %s" % kinds)
    except (OSError, KeyError) as e:
        prob("styles.csv unreadable: %s" % e)

    # orientation
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
        if keys != sorted(keys):
            prob("orientation.csv not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv has duplicates")
        for r in rows:
            d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            if o not in ("casus", "netwerk"):
                prob("orientation.csv: bad value %s" % o)
            if d not in info:
                prob("orientation.csv: unknown doc %s" % d)
                continue
            turns, spk, _ = info[d]
            if not 1 <= i <= len(turns) or turns[i - 1][0] != spk[1] or i % 2:
                prob("orientation.csv: %s turn %d is not a respondent turn" % (d, i))
    except (OSError, KeyError, ValueError) as e:
        prob("orientation.csv unreadable: %s" % e)

    # identifiers
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        seen = set()
        per = Counter()
        for r in rows:
            d, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (d, ident) in seen:
                prob("identifiers.csv duplicate: %s %s" % (d, ident))
            seen.add((d, ident))
            per[d] += 1
            if typ not in TYPES:
                prob("identifiers.csv bad type %s" % typ)
            if d not in info:
                prob("identifiers.csv unknown doc %s" % d)
                continue
            if ident not in info[d][2]:
                prob("identifiers.csv: %s %r not found verbatim" % (d, ident))
        for d in DOCS:
            if per[d] < 5:
                prob("%s: only %d identifiers" % (d, per[d]))
    except (OSError, KeyError) as e:
        prob("identifiers.csv unreadable: %s" % e)

    if problems:
        print("\n".join(problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
