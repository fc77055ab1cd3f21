#!/usr/bin/env python3
"""Stdlib self-check for blind set CY.

Parses the transcripts independently of build.py and verifies:
  - styles.csv complete (cy01..cy06, valid style, non-empty rationale)
  - strict interviewer/respondent alternation, starting with the interviewer
  - every orientation row points at an existing respondent (even) turn, value casus/netwerk
  - every identifier occurs verbatim in its document
  - word count within 1500-2600 (reported)
"""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
IDS = [f"cy0{i}" for i in range(1, 7)]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^:\[\]<>]{1,30}):\s+(.*)$")
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def labelled(lines):
    """(label, text) for lines that look like speaker turns; keep only the two most frequent labels."""
    cand = [(m.group(1).strip(), m.group(2)) for m in map(LABEL.match, lines) if m]
    top = {lab for lab, _ in Counter(l for l, _ in cand).most_common(2)}
    return [(l, t) for l, t in cand if l in top]


def turns_of(path):
    ext = path.suffix
    if ext == ".docx":
        paras = docx_paragraphs(path)
        return "\n".join(paras), labelled(paras)
    text = read_text(path)
    if ext == ".srt":
        out = []
        for block in re.split(r"\n\s*\n", text.strip()):
            lines = block.splitlines()
            if len(lines) >= 3 and "-->" in lines[1]:
                out.append(" ".join(lines[2:]))
        return text, labelled(out)
    if ext == ".vtt":
        out = []
        for block in re.split(r"\n\s*\n", text.strip()):
            lines = block.splitlines()
            idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
            if idx is None:
                continue
            body = " ".join(lines[idx + 1:])
            m = re.match(r"<v ([^>]+)>(.*)", body)
            if m:
                out.append((m.group(1).strip(), m.group(2)))
        return text, out
    return text, labelled(text.splitlines())


def main():
    with open(ROOT / "styles.csv", encoding="utf-8") as f:
        styles = {r["doc_id"]: r for r in csv.DictReader(f)}
    for d in IDS:
        r = styles.get(d)
        if not r:
            err(f"styles.csv: missing {d}")
        elif r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald") or not r["rationale"].strip():
            err(f"styles.csv: bad row {d}")
    if set(styles) - set(IDS):
        err(f"styles.csv: unexpected ids {set(styles) - set(IDS)}")

    docs = {}
    for d in IDS:
        files = list(TR.glob(d + ".*"))
        if len(files) != 1:
            err(f"{d}: expected one transcript, found {files}")
            continue
        text, turns = turns_of(files[0])
        labels = [l for l, _ in turns]
        if len(set(labels)) != 2:
            err(f"{d}: expected two speakers, got {set(labels)}")
        first = labels[0] if labels else None
        for k, lab in enumerate(labels):
            if (lab == first) != (k % 2 == 0):
                err(f"{d}: alternation broken at turn {k + 1}")
                break
        wc = sum(len(re.findall(r"\w+(?:['’]\w+)*", t)) for _, t in turns)
        docs[d] = (files[0].name, text, len(turns), wc)
        if not 1500 <= wc <= 2600:
            err(f"{d}: word count {wc} outside 1500-2600")

    with open(ROOT / "orientation.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    for r in rows:
        d, k = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            err(f"orientation: unknown doc {d}")
        elif k % 2 != 0 or k > docs[d][2] or k < 2:
            err(f"orientation: {d} turn {k} is not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation: bad value {r}")

    with open(ROOT / "identifiers.csv", encoding="utf-8") as f:
        idents = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in idents:
        if r["type"] not in types:
            err(f"identifiers: bad type {r}")
        if r["doc_id"] in docs and r["identifier"] not in docs[r["doc_id"]][1]:
            err(f"identifiers: {r['doc_id']} {r['identifier']!r} not found verbatim")

    for d, (name, _, n, wc) in docs.items():
        o = Counter(r["orientation"] for r in rows if r["doc_id"] == d)
        print(f"{d} {name:10s} turns={n:2d} resp_turns={n // 2:2d} words={wc:4d} "
              f"style={styles.get(d, {}).get('style')} casus={o['casus']} netwerk={o['netwerk']} "
              f"identifiers={sum(1 for r in idents if r['doc_id'] == d)}")
    if errors:
        print("\nFAILED:")
        for e in errors:
            print(" -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
