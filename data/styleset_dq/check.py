#!/usr/bin/env python3
"""Stdlib self-check for set DQ. Reads the generated transcripts (not the sources) and verifies:
- every transcript parses, turns strictly alternate interviewer/respondent, starting with the interviewer;
- every orientation.csv row points at an existing respondent (even) turn, orientation casus|netwerk,
  rows sorted by doc_id, turn_index, no duplicates;
- every identifiers.csv row occurs verbatim in its document's text;
- styles.csv lists each document exactly once with a valid style and a rationale;
- word counts are within 1,500-2,600; the Windows-1252 file is really cp1252 (not UTF-8).
Exit code 0 = OK.
"""
import csv
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
DOCS = ["dq01", "dq02", "dq03", "dq04", "dq05", "dq06"]
# (interviewer label, respondent label) as they appear in each file
LABELS = {
    "dq01": ("Interviewer", "Respondent"),
    "dq02": ("Interviewer", "Ad"),
    "dq03": ("I", "R"),
    "dq04": ("Interviewer", "Ferhat"),
    "dq05": ("Spreker 1", "Spreker 2"),
    "dq06": ("EB", "LH"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def read_doc(doc):
    """Return (full_text, [(speaker_label, text), ...])."""
    files = list(TR.glob(doc + ".*"))
    if len(files) != 1:
        raise ValueError(f"{doc}: expected exactly one transcript file, found {files}")
    path = files[0]
    il, rl = LABELS[doc]
    labs = "|".join(re.escape(x) for x in (il, rl))
    turns = []
    if path.suffix == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            m = re.match(rf"^({labs}):\s+(.*)$", p, re.S)
            if m:
                turns.append((m.group(1), m.group(2)))
    elif path.suffix in (".srt", ".vtt"):
        full = path.read_text(encoding="utf-8")
        if path.suffix == ".vtt" and not full.startswith("WEBVTT"):
            err(f"{doc}: vtt does not start with WEBVTT")
        blocks = re.split(r"\n\s*\n", full.strip())
        for b in blocks:
            lines = b.splitlines()
            idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
            if idx is None:
                continue
            if not re.match(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}$", lines[idx]):
                err(f"{doc}: bad cue timing line {lines[idx]!r}")
            text = " ".join(lines[idx + 1:])
            m = re.match(rf"^<v ({labs})>(.*)$", text) or re.match(rf"^({labs}):\s+(.*)$", text)
            if not m:
                err(f"{doc}: cue without speaker: {text[:50]!r}")
                continue
            turns.append((m.group(1), m.group(2)))
    elif path.suffix == ".txt":
        raw = path.read_bytes()
        try:
            full = raw.decode("utf-8")
        except UnicodeDecodeError:
            full = raw.decode("cp1252")
            if doc != "dq05":
                err(f"{doc}: not UTF-8")
        if doc == "dq05":
            try:
                raw.decode("utf-8")
                err("dq05: expected Windows-1252 but file decodes as UTF-8")
            except UnicodeDecodeError:
                pass
        for line in full.splitlines():
            m = re.match(rf"^(?:\[\d\d:\d\d:\d\d\]\s+)?({labs}):\s+(.*)$", line)
            if m:
                turns.append((m.group(1), m.group(2)))
    else:
        raise ValueError(f"{doc}: unknown extension {path.suffix}")
    return full, turns


def main():
    texts, nturns, roles = {}, {}, {}
    for doc in DOCS:
        try:
            full, turns = read_doc(doc)
        except Exception as e:  # noqa: BLE001
            err(str(e))
            continue
        il, rl = LABELS[doc]
        texts[doc] = full
        nturns[doc] = len(turns)
        roles[doc] = [s for s, _ in turns]
        if not turns:
            err(f"{doc}: no turns found")
            continue
        for i, (s, _) in enumerate(turns, 1):
            want = il if i % 2 == 1 else rl
            if s != want:
                err(f"{doc}: turn {i} is {s!r}, expected {want!r} (alternation)")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
        print(f"{doc}: {len(turns)} turns ({len(turns) // 2 + len(turns) % 2} interviewer / "
              f"{len(turns) // 2} respondent), {words} words")

    # styles.csv
    with open(HERE / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOCS:
        err(f"styles.csv ids {ids} != {DOCS}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")

    # orientation.csv
    with open(HERE / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in orows:
        d, t, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o!r}")
        if d not in nturns:
            err(f"orientation.csv: unknown doc {d}")
            continue
        if not 1 <= t <= nturns[d]:
            err(f"orientation.csv: {d} turn {t} out of range (1..{nturns[d]})")
        elif t % 2 != 0 or roles[d][t - 1] != LABELS[d][1]:
            err(f"orientation.csv: {d} turn {t} is not a respondent turn")

    # identifiers.csv
    with open(HERE / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in types:
            err(f"identifiers.csv: bad type {typ!r}")
        if d not in texts:
            err(f"identifiers.csv: unknown doc {d}")
        elif ident not in texts[d]:
            err(f"identifiers.csv: {d}: {ident!r} not found verbatim")
    for d in DOCS:
        if not any(r["doc_id"] == d for r in irows):
            err(f"identifiers.csv: no identifiers for {d}")

    print(f"styles: {len(rows)} rows, orientation: {len(orows)} rows, identifiers: {len(irows)} rows")
    if errors:
        print("FAILED:")
        for e in errors:
            print("  -", e)
        return 1
    print("check.py: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
