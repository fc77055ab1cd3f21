#!/usr/bin/env python3
"""Stdlib self-check for setDN: parses the rendered transcripts (not the sources) and verifies
alternation (interviewer first), orientation rows -> respondent turns, identifiers verbatim,
styles.csv complete. Consecutive cues of the same speaker (vtt) count as one turn."""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["dn01", "dn02", "dn03", "dn04", "dn05", "dn06"]
LABELS = {  # interviewer label, respondent label
    "dn01": ("Interviewer", "Anke"),
    "dn02": ("Eva", "Gerard"),
    "dn03": ("MG", "SK"),
    "dn04": ("I", "R"),
    "dn05": ("Interviewer", "Marrit Postma"),
    "dn06": ("Spreker 1", "Spreker 2"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def find_file(doc):
    for fn in os.listdir(TR):
        if os.path.splitext(fn)[0] == doc:
            return os.path.join(TR, fn)
    err("%s: transcript missing" % doc)
    return None


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]


def speaker_lines(doc, path):
    """Return (full_text, list of (speaker, text)) in order, one entry per labelled line/cue."""
    il, rl = LABELS[doc]
    ext = os.path.splitext(path)[1]
    out = []
    if ext == ".docx":
        lines = docx_paragraphs(path)
        full = "\n".join(lines)
    elif ext == ".vtt":
        full = read_text(path)
        lines = []
        for m in re.finditer(r"<v ([^>]+)>(.*?)(?:</v>)?$", full, re.M):
            lines.append("%s: %s" % (m.group(1), m.group(2)))
        assert full.startswith("WEBVTT")
    elif ext == ".srt":
        full = read_text(path)
        lines = []
        for block in re.split(r"\n\s*\n", full.strip()):
            bl = block.splitlines()
            if len(bl) < 3 or not re.match(r"\d+$", bl[0]) or "-->" not in bl[1]:
                err("%s: malformed srt block %r" % (doc, block[:40]))
                continue
            lines.append(" ".join(bl[2:]))
    else:
        full = read_text(path)
        lines = full.splitlines()
    for line in lines:
        line = re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", line)
        for lab, spk in ((il, "I"), (rl, "R")):
            if line.startswith(lab + ": "):
                out.append((spk, line[len(lab) + 2:]))
                break
    return full, out


def main():
    turns_by_doc, text_by_doc = {}, {}
    for doc in IDS:
        path = find_file(doc)
        if not path:
            continue
        full, lines = speaker_lines(doc, path)
        merged = []
        for spk, text in lines:
            if merged and merged[-1][0] == spk:
                if not path.endswith(".vtt"):
                    err("%s: two consecutive %s turns outside vtt" % (doc, spk))
                merged[-1] = (spk, merged[-1][1] + " " + text)
            else:
                merged.append((spk, text))
        for i, (spk, _) in enumerate(merged):
            if spk != ("I" if i % 2 == 0 else "R"):
                err("%s: alternation broken at turn %d" % (doc, i + 1))
        if not merged:
            err("%s: no turns parsed" % doc)
        turns_by_doc[doc] = merged
        text_by_doc[doc] = full
        words = sum(len(t.split()) for _, t in merged)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (doc, words))
        print("%s  %-10s turns=%3d respondent_turns=%3d words=%d" % (
            doc, os.path.basename(path), len(merged), sum(1 for s, _ in merged if s == "R"), words))

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    for doc in IDS:
        r = got.get(doc)
        if not r:
            err("styles.csv: %s missing" % doc)
        elif r["style"] not in STYLES or not r["rationale"].strip():
            err("styles.csv: bad row for %s" % doc)
    if len(rows) != len(IDS):
        err("styles.csv: %d rows, expected %d" % (len(rows), len(IDS)))

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted or duplicate rows")
    for r in rows:
        doc, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation.csv: bad value %r" % r["orientation"])
        turns = turns_by_doc.get(doc, [])
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
            err("orientation.csv: %s turn %d is not a respondent turn" % (doc, ti))

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in rows:
        if r["type"] not in types:
            err("identifiers.csv: bad type %r" % r["type"])
        if r["identifier"] not in text_by_doc.get(r["doc_id"], ""):
            err("identifiers.csv: %r not found verbatim in %s" % (r["identifier"], r["doc_id"]))
    print("identifiers: %d rows; orientation: %d rows" % (len(rows), len(keys)))

    if errors:
        print("FAILED:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
