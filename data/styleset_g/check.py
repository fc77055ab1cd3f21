#!/usr/bin/env python3
"""Stdlib self-check for setG. Parses the rendered transcripts (not the sources) and verifies:
- every transcript exists, turns strictly alternate interviewer/respondent, interviewer first;
- 1,500-2,600 words of speech per interview;
- every orientation row points at an existing respondent (even) turn; rows sorted; values valid;
- every identifier occurs verbatim in its document; types valid;
- styles.csv complete (all six ids, valid styles, mix: >=2 casus, >=2 netwerk, <=1 onbepaald);
- respondents of the 'no style words' interviews never say casusgericht/netwerkgericht/regiestijl.
Exit code 1 on any failure.  Usage: python3 check.py
"""
import csv
import html
import os
import re
import sys
import zipfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = [f"bg0{i}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
ID_TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
            "ORGANISATIE_NAAM"}
NO_STYLE_WORDS = {"bg02", "bg03", "bg04", "bg06"}
STYLE_WORDS = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def turns_from_labelled_lines(lines):
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^:\[\]]{1,25}):\s(.*)$")
    cands = [(m.group(1).strip(), m.group(2)) for m in map(pat.match, lines) if m]
    top = [lab for lab, _ in Counter(l for l, _ in cands).most_common(2)]
    return [(lab, txt) for lab, txt in cands if lab in top]


def parse(doc):
    """Return (full_text, [(label, text), ...]) with consecutive same-speaker cues merged."""
    for ext in ("docx", "vtt", "srt", "txt"):
        path = os.path.join(TR, f"{doc}.{ext}")
        if os.path.exists(path):
            break
    else:
        err(f"{doc}: no transcript file")
        return "", []
    if ext == "docx":
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        paras = []
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
            paras.append(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, re.S))))
        full = "\n".join(paras)
        raw = turns_from_labelled_lines(paras)
    elif ext == "vtt":
        full = read_text(path)
        if not full.startswith("WEBVTT"):
            err(f"{doc}: vtt without WEBVTT header")
        raw = []
        for m in re.finditer(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n(.+?)(?:\n\n|\Z)", full, re.M | re.S):
            cue = m.group(1).strip()
            v = re.match(r"<v ([^>]+)>(.*?)(?:</v>)?$", cue, re.S)
            if v:
                raw.append((v.group(1), v.group(2)))
            else:
                raw += turns_from_labelled_lines([cue])
        full = re.sub(r"</?v[^>]*>", " ", full)
    elif ext == "srt":
        full = read_text(path)
        cues = [m.group(1).strip() for m in re.finditer(
            r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\n(.+?)(?:\n\n|\Z)", full, re.M | re.S)]
        raw = turns_from_labelled_lines([" ".join(c.split("\n")) for c in cues])
    else:
        full = read_text(path).replace("\r\n", "\n")
        raw = turns_from_labelled_lines(full.split("\n"))
    merged = []
    for lab, txt in raw:
        if merged and merged[-1][0] == lab:
            merged[-1] = (lab, merged[-1][1] + " " + txt)
        else:
            merged.append((lab, txt))
    return full, merged


def main():
    turns_by_doc, text_by_doc = {}, {}
    for doc in IDS:
        full, turns = parse(doc)
        text_by_doc[doc], turns_by_doc[doc] = full, turns
        if len(turns) < 10:
            err(f"{doc}: only {len(turns)} turns parsed")
            continue
        labels = [l for l, _ in turns]
        ilab, rlab = labels[0], labels[1]
        for i, lab in enumerate(labels, 1):
            if lab != (ilab if i % 2 else rlab):
                err(f"{doc}: alternation broken at turn {i} ({lab})")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words outside 1500-2600")
        if doc in NO_STYLE_WORDS:
            for i, (lab, t) in enumerate(turns, 1):
                if lab == rlab and STYLE_WORDS.search(t):
                    err(f"{doc}: respondent turn {i} uses a style word")
        src = os.path.join(HERE, "src", doc + ".txt")
        if os.path.exists(src):
            n_src = len([p for p in re.split(r"\n\s*\n", open(src, encoding="utf-8").read()) if p.strip()])
            if n_src != len(turns):
                err(f"{doc}: {len(turns)} turns parsed but {n_src} paragraphs in src")
        print(f"{doc}: {len(turns)} turns ({len(turns)//2} respondent), {words} words, labels {ilab!r}/{rlab!r}")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r["style"] for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err(f"styles.csv ids: {sorted(got)}")
    for r in rows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            err(f"styles.csv bad row {r}")
    c = Counter(got.values())
    if c["casusgericht"] < 2 or c["netwerkgericht"] < 2 or c["onbepaald"] > 1:
        err(f"style mix violates brief: {dict(c)}")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted/unique")
    for r in orows:
        doc, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation bad value {r}")
        if doc not in turns_by_doc or ti % 2 != 0 or ti > len(turns_by_doc[doc]):
            err(f"orientation row does not point at a respondent turn: {r}")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        if r["type"] not in ID_TYPES:
            err(f"identifier bad type {r}")
        if r["identifier"] not in text_by_doc.get(r["doc_id"], ""):
            err(f"identifier not verbatim in document: {r}")
    print(f"styles: {dict(c)}; orientation rows: {len(orows)}; identifier rows: {len(irows)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
