#!/usr/bin/env python3
"""Stdlib self-check for blind set DD.

Reads the generated transcripts directly (not the sources) and verifies:
- every transcript parses into speaker turns, exactly two speakers, strictly alternating, interviewer first
  (cue-based formats: consecutive cues of the same speaker are merged into one turn);
- word count of the turns is within 1,500-2,600;
- every orientation.csv row points at an existing respondent (even) turn, with a valid value;
- every identifiers.csv row occurs verbatim in its document and has a known type;
- styles.csv has exactly one valid row per transcript.
Exit code 0 if all checks pass.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
LABEL_RE = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([A-Z][\w .'-]{0,39}?):\s+(.*)$", re.S)
TIME_RE = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")

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
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def turns_from_lines(paras):
    turns = []
    for p in paras:
        p = p.strip()
        if not p:
            continue
        m = LABEL_RE.match(p)
        if m:
            turns.append([m.group(1).strip(), m.group(2).strip()])
        elif turns:
            turns[-1][1] += " " + p  # continuation paragraph
        # else: header line before the first turn
    return turns


def cues(text):
    out = []
    for block in re.split(r"\r?\n\s*\r?\n", text):
        lines = [l for l in block.strip().splitlines() if l.strip()]
        if not lines:
            continue
        for i, l in enumerate(lines):
            if TIME_RE.match(l):
                out.append(" ".join(lines[i + 1:]))
                break
    return out


def turns_from_cues(cue_texts):
    turns = []
    for c in cue_texts:
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", c, re.S)
        if m:
            sp, txt = m.group(1).strip(), m.group(2).strip()
        else:
            m = LABEL_RE.match(c)
            if not m:
                err(f"cue without speaker: {c[:50]!r}")
                continue
            sp, txt = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + txt
        else:
            turns.append([sp, txt])
    return turns


def load(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return turns_from_lines(paras), "\n".join(paras), "docx"
    text, enc = read_text(path)
    if ext in ("srt", "vtt"):
        if ext == "vtt" and not text.startswith("WEBVTT"):
            err(f"{path}: missing WEBVTT header")
        return turns_from_cues(cues(text)), text, f"{ext}/{enc}"
    return turns_from_lines(text.splitlines()), text, f"txt/{enc}"


def main():
    docs = {}
    for f in sorted(os.listdir(TDIR)):
        doc_id, _ = f.split(".", 1)
        turns, full, kind = load(os.path.join(TDIR, f))
        docs[doc_id] = (turns, full)
        speakers = []
        for sp, _ in turns:
            if sp not in speakers:
                speakers.append(sp)
        if len(speakers) != 2:
            err(f"{doc_id}: expected 2 speakers, got {speakers}")
        for i, (sp, _) in enumerate(turns):
            if sp != speakers[i % 2]:
                err(f"{doc_id}: turn {i+1} breaks alternation ({sp})")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words outside 1500-2600")
        print(f"{doc_id}: {kind:10s} turns={len(turns):3d} resp_turns={len(turns)//2:3d} words={words} "
              f"speakers={speakers}")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(docs) or len(ids) != len(set(ids)):
        err(f"styles.csv ids {ids} != transcripts {sorted(docs)}")
    for r in rows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            err(f"styles.csv bad row {r}")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    for r in orows:
        d, ti = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            err(f"orientation: unknown doc {d}")
            continue
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation: bad value {r}")
        if ti % 2 != 0 or not 1 <= ti <= len(docs[d][0]):
            err(f"orientation: {d} turn {ti} is not a respondent turn")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        d = r["doc_id"]
        if d not in docs:
            err(f"identifiers: unknown doc {d}")
            continue
        if r["type"] not in TYPES:
            err(f"identifiers: bad type {r}")
        if r["identifier"] not in docs[d][1]:
            err(f"identifiers: {d} {r['identifier']!r} not found verbatim")
    print(f"styles={len(rows)} orientation_rows={len(orows)} identifier_rows={len(irows)}")

    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
