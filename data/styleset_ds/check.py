#!/usr/bin/env python3
"""Stdlib self-check for setDS.

Checks: every transcript parses into speaker turns that strictly alternate interviewer/respondent
(starting with the interviewer); word counts within 1,500-2,600; every orientation row points at an
existing respondent (even) turn and uses a valid value, rows sorted; every identifier occurs verbatim
in its document; styles.csv complete with valid styles and a rationale; no leftover source markup.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = [f"ds{i:02d}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
# (interviewer label, respondent label) as they appear in each file
LABELS = {
    "ds01": ("Interviewer:", "Respondent:"),
    "ds02": ("Onderzoeker", "Youssef"),
    "ds03": ("I:", "R:"),
    "ds04": ("Interviewer:", "Rob:"),
    "ds05": ("Spreker 1:", "Spreker 2:"),
    "ds06": ("Interviewer:", "Carla:"),
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def find_file(doc_id):
    hits = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc_id]
    if len(hits) != 1:
        err(f"{doc_id}: expected exactly one transcript file, found {hits}")
        return None
    return os.path.join(TR, hits[0])


def read_text(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def turns_from_lines(lines, labels, prefix=r""):
    """Lines that start with a speaker label open a new turn; other non-empty lines continue it."""
    pat = re.compile(prefix + "(" + "|".join(re.escape(l) for l in labels) + r")\s?(.*)$")
    turns, started = [], False
    for line in lines:
        m = pat.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
            started = True
        elif started and line.strip() and turns:
            turns[-1][1] += " " + line.strip()
    return turns


def parse(doc_id, path):
    labels = LABELS[doc_id]
    ext = os.path.splitext(path)[1]
    if ext == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        turns = turns_from_lines(paras, labels)
    elif ext == ".txt":
        full = read_text(path)
        prefix = r"\[\d\d:\d\d:\d\d\] " if doc_id == "ds05" else ""
        turns = turns_from_lines(full.splitlines(), labels, prefix)
    elif ext == ".vtt":
        full = read_text(path)
        if not full.startswith("WEBVTT"):
            err(f"{doc_id}: vtt does not start with WEBVTT")
        turns = []
        vpat = re.compile(r"<v ([^>]+)>(.*?)(</v>)?$")
        blocks = re.split(r"\n\s*\n", full.replace("\r\n", "\n"))
        for b in blocks:
            ls = b.strip().split("\n")
            tl = [i for i, l in enumerate(ls) if "-->" in l]
            if not tl:
                continue
            if not re.match(r"\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$", ls[tl[0]]):
                err(f"{doc_id}: bad vtt timing line {ls[tl[0]]}")
            text = " ".join(ls[tl[0] + 1:])
            m = vpat.match(text)
            if not m:
                err(f"{doc_id}: cue without <v Speaker>: {text[:50]}")
                continue
            if turns and turns[-1][0] == m.group(1):
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([m.group(1), m.group(2)])
    elif ext == ".srt":
        full = read_text(path)
        turns = []
        blocks = re.split(r"\n\s*\n", full.replace("\r\n", "\n"))
        for b in blocks:
            ls = b.strip().split("\n")
            if len(ls) < 3:
                continue
            if not ls[0].isdigit() or not re.match(
                    r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", ls[1]):
                err(f"{doc_id}: malformed srt block starting {ls[0][:30]}")
                continue
            sub = turns_from_lines([" ".join(ls[2:])], labels)
            if not sub:
                if turns:
                    turns[-1][1] += " " + " ".join(ls[2:])
                continue
            turns.extend(sub)
    else:
        err(f"{doc_id}: unknown format {ext}")
        return "", []
    return full, turns


def main():
    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = [r["doc_id"] for r in rows]
    if sorted(got) != IDS:
        err(f"styles.csv: doc ids {got} != {IDS}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']} for {r['doc_id']}")
        if not (r.get("rationale") or "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")

    texts, nturns = {}, {}
    for doc_id in IDS:
        path = find_file(doc_id)
        if not path:
            continue
        full, turns = parse(doc_id, path)
        texts[doc_id] = full
        nturns[doc_id] = len(turns)
        if not turns:
            err(f"{doc_id}: no turns parsed")
            continue
        ilab, rlab = LABELS[doc_id]
        for i, (lab, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if lab != want:
                err(f"{doc_id}: turn {i + 1} is '{lab}', expected '{want}' (alternation)")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words, outside 1500-2600")
        for bad in ("{{", "}}", "[[", "]]"):
            if bad in full:
                err(f"{doc_id}: leftover markup '{bad}'")
        n_r = len(turns) // 2
        print(f"{doc_id}: {os.path.basename(path)}, {len(turns)} turns ({n_r} respondent), {words} words")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv: not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv: duplicate rows")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if d not in nturns:
            err(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o}")
        if ti % 2 != 0 or not 1 <= ti <= nturns[d]:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn (n={nturns[d]})")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    per = {}
    for r in irows:
        d = r["doc_id"]
        per[d] = per.get(d, 0) + 1
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']}")
        if d not in texts:
            err(f"identifiers.csv: unknown doc {d}")
        elif r["identifier"] not in texts[d]:
            err(f"identifiers.csv: '{r['identifier']}' not found verbatim in {d}")
    for d in IDS:
        if not per.get(d):
            err(f"identifiers.csv: no identifiers for {d}")

    if errors:
        print("\nFAILED:")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print(f"\nOK: {len(IDS)} transcripts, {len(orows)} orientation rows, {len(irows)} identifiers")


if __name__ == "__main__":
    main()
