#!/usr/bin/env python3
"""Stdlib self-check for setCU. Parses the generated transcripts (not the sources) and verifies:
alternation (interviewer first), orientation rows point at respondent turns, identifiers occur verbatim,
styles.csv complete. Also prints word counts and respondent-turn counts."""
import csv
import os
import re
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")
DOCS = ["cu01", "cu02", "cu03", "cu04", "cu05", "cu06"]
INTERVIEWER_LABELS = {"I", "Interviewer", "Spreker 1"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


LINE_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 ]{0,14}):\s+(.*)$")


def turns_from_lines(lines):
    cands = []
    for ln in lines:
        m = LINE_RE.match(ln.strip())
        if m:
            cands.append((m.group(1), m.group(2)))
    freq = Counter(l for l, _ in cands)
    speakers = {l for l, _ in freq.most_common(2)}
    return merge([(l, t) for l, t in cands if l in speakers])


def merge(seq):
    out = []
    for lab, txt in seq:
        if out and out[-1][0] == lab:
            out[-1] = (lab, out[-1][1] + " " + txt)
        else:
            out.append((lab, txt))
    return out


def parse_doc(doc):
    for ext in ("docx", "srt", "vtt", "txt"):
        path = os.path.join(TDIR, f"{doc}.{ext}")
        if os.path.exists(path):
            break
    else:
        err(f"{doc}: no transcript file")
        return None, "", ""
    if ext == "docx":
        paras = docx_paragraphs(path)
        return turns_from_lines(paras), "\n".join(paras), "docx"
    text, enc = read_text(path)
    if ext == "txt":
        return turns_from_lines(text.splitlines()), text, f"txt/{enc}"
    if ext == "srt":
        seq = []
        for block in re.split(r"\n\s*\n", text.strip()):
            lines = block.strip().splitlines()
            if len(lines) < 3 or "-->" not in lines[1]:
                err(f"{doc}: bad srt block {block[:40]!r}")
                continue
            m = re.match(r"^([^:]{1,20}):\s+(.*)$", " ".join(lines[2:]))
            if not m:
                err(f"{doc}: srt cue without speaker {lines[2][:40]!r}")
                continue
            seq.append((m.group(1), m.group(2)))
        return merge(seq), text, "srt"
    if ext == "vtt":
        if not text.startswith("WEBVTT"):
            err(f"{doc}: vtt without WEBVTT header")
        seq = [(m.group(1), m.group(2)) for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", text)]
        return merge(seq), text, "vtt"


def main():
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        styles = {r["doc_id"]: r for r in csv.DictReader(f)}
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orient = list(csv.DictReader(f))
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        idents = list(csv.DictReader(f))

    for d in DOCS:
        if d not in styles:
            err(f"styles.csv: {d} missing")
        elif styles[d]["style"] not in STYLES or not styles[d]["rationale"].strip():
            err(f"styles.csv: {d} bad style/rationale")
    if set(styles) - set(DOCS):
        err(f"styles.csv: unexpected ids {set(styles) - set(DOCS)}")

    parsed = {}
    for d in DOCS:
        turns, full, kind = parse_doc(d)
        if turns is None:
            continue
        parsed[d] = (turns, full)
        if not turns or turns[0][0] not in INTERVIEWER_LABELS:
            err(f"{d}: first turn is not the interviewer")
        ilab = turns[0][0] if turns else None
        for i, (lab, _) in enumerate(turns, 1):
            if (i % 2 == 1) != (lab == ilab):
                err(f"{d}: alternation broken at turn {i} ({lab})")
        nw = sum(len(t.split()) for _, t in turns)
        nr = sum(1 for lab, _ in turns if lab != ilab)
        flag = "" if 1500 <= nw <= 2600 else "  <-- outside 1500-2600"
        print(f"{d}: {kind:12s} turns={len(turns):3d} respondent_turns={nr:3d} words={nw}{flag}")

    prev = None
    for r in orient:
        key = (r["doc_id"], int(r["turn_index"]))
        if prev and key <= prev:
            err(f"orientation.csv not sorted/unique at {key}")
        prev = key
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {r}")
        if r["doc_id"] not in parsed:
            err(f"orientation.csv: unknown doc {r['doc_id']}")
            continue
        turns = parsed[r["doc_id"]][0]
        ti = int(r["turn_index"])
        if ti % 2 != 0 or ti < 2 or ti > len(turns):
            err(f"orientation.csv: {key} does not point at a respondent turn")

    for r in idents:
        if r["doc_id"] not in parsed:
            err(f"identifiers.csv: unknown doc {r['doc_id']}")
            continue
        if r["identifier"] not in parsed[r["doc_id"]][1]:
            err(f"identifiers.csv: {r['doc_id']} {r['identifier']!r} not verbatim in transcript")
        if r["type"] not in {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
                             "ORGANISATIE_NAAM"}:
            err(f"identifiers.csv: bad type {r}")

    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        return 1
    print(f"OK: {len(parsed)} transcripts, {len(orient)} orientation rows, {len(idents)} identifiers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
