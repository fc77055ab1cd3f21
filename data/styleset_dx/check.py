#!/usr/bin/env python3
"""Stdlib self-check for setDX. Reads the finished transcripts (not the sources) and verifies:
- every document in styles.csv has exactly one transcript, and styles.csv is complete and valid;
- speaker turns strictly alternate interviewer / respondent, starting with the interviewer;
- every orientation row points at an existing respondent turn (even index), values casus/netwerk, sorted;
- every identifier occurs verbatim in its document, with a valid type;
- word counts (spoken text only) lie within 1,500-2,600.
Run: python3 check.py   (exit code 0 = OK)
"""
import csv
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"dx{i:02d}" for i in range(1, 7)]
LABELS = {  # interviewer label, respondent label, as they appear in each file
    "dx01": ("Interviewer", "Marrit"),
    "dx02": ("I", "R"),
    "dx03": ("Interviewer", "Respondent"),
    "dx04": ("Interviewer", "Erwin"),
    "dx05": ("Spreker 1", "Spreker 2"),
    "dx06": ("Interviewer", "Tjitske"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def read_lines(path):
    """Return (full_text, lines) where lines are paragraphs / cue texts with speaker labels kept."""
    ext = path.suffix.lower()
    if ext == ".docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        return "\n".join(paras), paras
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n")
    if ext in (".srt", ".vtt"):
        cues = []
        for block in re.split(r"\n\s*\n", text.strip()):
            ls = block.split("\n")
            k = next((i for i, l in enumerate(ls) if "-->" in l), None)
            if k is None:
                continue  # WEBVTT header, NOTE blocks
            cues.append(" ".join(ls[k + 1:]).strip())
        return text, cues
    return text, text.split("\n")


def turns_of(doc, lines, fmt):
    il, rl = LABELS[doc]
    turns = []  # list of [speaker, text]
    if fmt == ".vtt":
        pat = re.compile(r"^<v ([^>]+)>(.*)$")
    else:
        pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + re.escape(il) + "|" + re.escape(rl) + r"):\s*(.*)$")
    for line in lines:
        m = pat.match(line.strip())
        if not m:
            if turns and line.strip() and fmt not in (".srt", ".vtt"):
                turns[-1][1] += " " + line.strip()
            elif line.strip() and fmt in (".srt", ".vtt"):
                err(f"{doc}: cue without speaker label: {line[:50]!r}")
            continue
        spk = {il: "I", rl: "R"}.get(m.group(1))
        if spk is None:
            err(f"{doc}: unknown speaker {m.group(1)!r}")
            continue
        if fmt in (".srt", ".vtt") and turns and turns[-1][0] == spk:
            turns[-1][1] += " " + m.group(2)  # consecutive cues of one speaker form one turn
        else:
            turns.append([spk, m.group(2)])
    return turns


def main():
    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        srows = list(csv.DictReader(f))
    styles = {}
    for r in srows:
        if r["doc_id"] in styles:
            err(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r["style"]
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    if sorted(styles) != DOCS:
        err(f"styles.csv: expected {DOCS}, got {sorted(styles)}")
    counts = {s: list(styles.values()).count(s) for s in STYLES}
    if counts != {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}:
        err(f"styles.csv: style mix is {counts}")

    texts, nturns, exts = {}, {}, set()
    for doc in DOCS:
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            err(f"{doc}: expected one transcript, found {[p.name for p in files]}")
            continue
        path = files[0]
        exts.add(path.suffix)
        full, lines = read_lines(path)
        texts[doc] = full
        turns = turns_of(doc, lines, path.suffix)
        nturns[doc] = turns
        for i, (spk, _) in enumerate(turns):
            if spk != ("I" if i % 2 == 0 else "R"):
                err(f"{doc}: alternation broken at turn {i + 1}")
                break
        words = sum(len(t.split()) for _, t in turns)
        rt = sum(1 for s, _ in turns if s == "R")
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
        print(f"{doc}: {path.name:10s} turns={len(turns):3d} respondent_turns={rt:3d} words={words}")
    if not ({".docx"} <= exts and exts & {".srt", ".vtt"} and ".txt" in exts):
        err(f"format mix incomplete: {sorted(exts)}")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv: not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv: duplicate rows")
    for r in orows:
        doc, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {o!r}")
        if doc not in nturns:
            err(f"orientation.csv: unknown doc {doc}")
            continue
        if not (1 <= ti <= len(nturns[doc])) or nturns[doc][ti - 1][0] != "R" or ti % 2:
            err(f"orientation.csv: {doc} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        doc = r["doc_id"]
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if doc not in texts:
            err(f"identifiers.csv: unknown doc {doc}")
        elif r["identifier"] not in texts[doc]:
            err(f"identifiers.csv: {doc}: {r['identifier']!r} not found verbatim")
    for doc in DOCS:
        if not any(r["doc_id"] == doc for r in irows):
            err(f"identifiers.csv: no identifiers for {doc}")

    print(f"orientation rows: {len(orows)}, identifier rows: {len(irows)}")
    if errors:
        print("FAILED")
        for e in errors:
            print("  -", e)
        return 1
    print("check.py: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
