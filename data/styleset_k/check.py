#!/usr/bin/env python3
"""Stdlib self-check for set K. Run: python3 check.py  (from any directory)

Reads the transcripts as delivered (txt utf-8 / cp1252, docx, vtt, srt) without using src/,
and verifies:
  - speaker turns strictly alternate interviewer / respondent, starting with the interviewer;
  - every orientation.csv row points at an existing respondent (even) turn, values valid, sorted;
  - every identifiers.csv value occurs verbatim in its document, and its type is valid;
  - styles.csv has exactly one valid row per transcript, with a rationale;
  - style mix (2 casusgericht, 3 netwerkgericht, 1 onbepaald) and 1,500-2,600 words per interview.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TDIR = HERE / "transcripts"
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
EXPECTED_MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
LINE_RE = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\[\]\n]{1,40}):\s+(.*\S)\s*$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def read_text_file(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W + "p"):
        lines.append("".join(t.text or "" for t in p.iter(W + "t")))
    return lines


def turns_from_lines(lines):
    """Speaker-labelled lines -> turns. Labels used fewer than 3 times (header lines such as
    'Datum: ...') are not speakers."""
    hits = []
    for ln in lines:
        m = LINE_RE.match(ln.strip())
        if m:
            hits.append((m.group(1).strip(), m.group(2)))
    counts = {}
    for lab, _ in hits:
        counts[lab] = counts.get(lab, 0) + 1
    speakers = {lab for lab, c in counts.items() if c >= 3}
    return [(lab, txt) for lab, txt in hits if lab in speakers]


def vtt_or_srt_turns(text):
    turns = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        lines = [l for l in lines if "-->" not in l and not re.fullmatch(r"\d+", l.strip())
                 and l.strip() != "WEBVTT"]
        if not lines:
            continue
        cue = " ".join(lines)
        m = re.match(r"<v\s+([^>]+)>(.*?)(?:</v>)?$", cue)
        if m:
            lab, txt = m.group(1).strip(), m.group(2)
        else:
            m = LINE_RE.match(cue)
            if not m:
                if turns:  # continuation of previous speaker
                    lab, txt = turns[-1][0], cue
                else:
                    err(f"cue without speaker: {cue[:60]}")
                    continue
            else:
                lab, txt = m.group(1).strip(), m.group(2)
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + txt)
        else:
            turns.append((lab, txt))
    return turns


def load(path):
    ext = path.suffix.lower()
    if ext == ".docx":
        lines = docx_lines(path)
        return "\n".join(lines), turns_from_lines(lines), "docx"
    text, enc = read_text_file(path)
    if ext in (".vtt", ".srt"):
        return text, vtt_or_srt_turns(text), f"{ext[1:]} {enc}"
    return text, turns_from_lines(text.splitlines()), f"txt {enc}"


def main():
    docs = {}
    for path in sorted(TDIR.iterdir()):
        doc_id = path.stem
        text, turns, kind = load(path)
        docs[doc_id] = {"text": text, "turns": turns, "kind": kind}
        labels = []
        for lab, _ in turns:
            if lab not in labels:
                labels.append(lab)
        if len(labels) != 2:
            err(f"{doc_id}: expected 2 speakers, found {labels}")
            continue
        ilab = turns[0][0]
        for i, (lab, _) in enumerate(turns, start=1):
            should_be_interviewer = i % 2 == 1
            if (lab == ilab) != should_be_interviewer:
                err(f"{doc_id}: alternation broken at turn {i} ({lab})")
                break
        words = sum(len(t.split()) for _, t in turns)
        docs[doc_id]["words"] = words
        docs[doc_id]["resp"] = sum(1 for i in range(2, len(turns) + 1, 2))
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words, outside 1,500-2,600")
    ids = sorted(docs)

    # styles.csv
    with open(HERE / "styles.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            err(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r["style"]
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(seen) != set(ids):
        err(f"styles.csv ids {sorted(seen)} != transcripts {ids}")
    mix = {s: list(seen.values()).count(s) for s in STYLES}
    if mix != EXPECTED_MIX:
        err(f"style mix {mix} != {EXPECTED_MIX}")

    # orientation.csv
    with open(HERE / "orientation.csv", newline="", encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {o!r} at {d}/{ti}")
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        n = len(docs[d]["turns"])
        if not (1 <= ti <= n) or ti % 2 != 0:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn (doc has {n} turns)")
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted by doc_id, turn_index or has duplicates")

    # identifiers.csv
    with open(HERE / "identifiers.csv", newline="", encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        d, v, t = r["doc_id"], r["identifier"], r["type"]
        if t not in TYPES:
            err(f"identifiers.csv: bad type {t!r} for {d}/{v}")
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
        elif v not in docs[d]["text"]:
            err(f"identifiers.csv: {d}: {v!r} not found verbatim")
    for d in ids:
        if not any(r["doc_id"] == d for r in irows):
            err(f"identifiers.csv: no identifiers for {d}")

    # summary
    ocount = {}
    for r in orows:
        ocount.setdefault(r["doc_id"], {"casus": 0, "netwerk": 0})[r["orientation"]] += 1
    print(f"{'doc':5} {'format':12} {'style':15} {'words':>5} {'turns':>5} {'resp':>4} "
          f"{'casus':>5} {'netw':>4} {'ids':>4}")
    for d in ids:
        info = docs[d]
        oc = ocount.get(d, {"casus": 0, "netwerk": 0})
        nid = sum(1 for r in irows if r["doc_id"] == d)
        print(f"{d:5} {info['kind']:12} {seen.get(d, '?'):15} {info.get('words', 0):5} "
              f"{len(info['turns']):5} {info.get('resp', 0):4} {oc['casus']:5} "
              f"{oc['netwerk']:4} {nid:4}")
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
