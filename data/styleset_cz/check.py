#!/usr/bin/env python3
"""Stdlib self-check for setCZ.

Verifies: every transcript parses into two speakers that strictly alternate starting with the
interviewer; turn counts agree with src/*.src; every orientation row points at a respondent turn;
every identifier occurs verbatim in its document; styles.csv is complete (and the 2/2/2 mix holds);
word counts are within 1,500-2,600. Exit code 0 when all checks pass.
"""
import collections
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["cz01", "cz02", "cz03", "cz04", "cz05", "cz06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^:\[\]<>]{1,30}):\s")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def turns_from_lines(lines):
    """Lines of a plain transcript -> list of (speaker, text); header lines are skipped."""
    cands = collections.Counter()
    for l in lines:
        m = LABEL_RE.match(l)
        if m:
            cands[m.group(1).strip()] += 1
    labels = {lab for lab, _ in cands.most_common(2)}
    turns = []
    for l in lines:
        if not l.strip():
            continue
        m = LABEL_RE.match(l)
        if m and m.group(1).strip() in labels:
            turns.append([m.group(1).strip(), l[m.end():].strip()])
        elif turns:
            turns[-1][1] += " " + l.strip()
    return turns


def turns_from_cues(cues):
    """Cue texts with a speaker -> merged speaker turns."""
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return turns_from_lines(paras), "\n".join(paras)
    text = read_text(path)
    if ext == "txt":
        return turns_from_lines(text.splitlines()), text
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in block.splitlines() if l.strip()]
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            continue
        body = " ".join(lines[idx + 1:])
        if ext == "vtt":
            m = re.match(r"<v ([^>]+)>(.*)", body)
            if not m:
                err(f"{path}: cue without <v> speaker: {body[:50]}")
                continue
            cues.append((m.group(1).strip(), m.group(2).strip()))
        else:
            m = LABEL_RE.match(body)
            if not m:
                err(f"{path}: cue without speaker label: {body[:50]}")
                continue
            cues.append((m.group(1).strip(), body[m.end():].strip()))
    return turns_from_cues(cues), text


def src_turn_count(doc):
    p = os.path.join(ROOT, "src", doc + ".src")
    if not os.path.exists(p):
        return None
    body = open(p, encoding="utf-8").read().split("\n---\n", 1)[1]
    return len([x for x in re.split(r"\n\s*\n", body.strip()) if x.strip()])


def main():
    docs = {}
    for doc in IDS:
        files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
        if len(files) != 1:
            err(f"{doc}: expected exactly one transcript, found {files}")
            continue
        path = os.path.join(TR, files[0])
        turns, full = parse(path)
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            err(f"{doc}: expected 2 speakers, found {speakers}")
        for i, (s, _) in enumerate(turns):
            if s != speakers[i % 2]:
                err(f"{doc}: alternation broken at turn {i + 1}")
                break
        n_src = src_turn_count(doc)
        if n_src is not None and n_src != len(turns):
            err(f"{doc}: {len(turns)} turns in transcript, {n_src} in src")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
        docs[doc] = (files[0], turns, full, words)

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err(f"styles.csv: doc ids {sorted(got)}")
    mix = collections.Counter()
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
        mix[r["style"]] += 1
    if dict(mix) != WANT_MIX:
        err(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted or has duplicates")
    for r in orows:
        d, i = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {r['orientation']!r}")
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][1]
        if i < 1 or i > len(turns) or i % 2 != 0:
            err(f"orientation.csv: {d} turn {i} is not a respondent turn (n={len(turns)})")

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in irows:
        d = r["doc_id"]
        if r["type"] not in types:
            err(f"identifiers.csv: bad type {r['type']}")
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
        elif r["identifier"] not in docs[d][2]:
            err(f"identifiers.csv: {d}: {r['identifier']!r} not found verbatim")

    print("doc   file        turns  resp_turns  words  casus  netwerk  identifiers")
    for doc in IDS:
        if doc not in docs:
            continue
        fn, turns, _, words = docs[doc]
        oc = sum(1 for r in orows if r["doc_id"] == doc and r["orientation"] == "casus")
        on = sum(1 for r in orows if r["doc_id"] == doc and r["orientation"] == "netwerk")
        ni = sum(1 for r in irows if r["doc_id"] == doc)
        print(f"{doc}  {fn:<11} {len(turns):5d}  {len(turns) // 2:10d}  {words:5d}  {oc:5d}  {on:7d}  {ni:11d}")
    if errors:
        print("\nFAIL")
        for e in errors:
            print(" -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
