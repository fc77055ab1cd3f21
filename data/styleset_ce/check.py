#!/usr/bin/env python3
"""Stdlib self-check for setCE: alternation, orientation rows, identifiers, styles."""
import csv, os, re, sys, zipfile
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
T = os.path.join(ROOT, "transcripts")
IDS = ["ce01", "ce02", "ce03", "ce04", "ce05", "ce06"]
# file, encoding, interviewer label, respondent label
CONF = {
    "ce01": ("ce01.docx", None, "Interviewer", "Respondent"),
    "ce02": ("ce02.srt", "utf-8", "Interviewer", "Sjoerd"),
    "ce03": ("ce03.txt", "cp1252", "I", "R"),
    "ce04": ("ce04.vtt", "utf-8", "Interviewer", "Ilse Doornbos"),
    "ce05": ("ce05.txt", "utf-8", "Spreker 1", "Spreker 2"),
    "ce06": ("ce06.txt", "utf-8", "MvD", "FK"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def load(doc):
    """Return (full_text, list of (speaker, text)) with consecutive same-speaker pieces merged."""
    fn, enc, li, lr = CONF[doc]
    path = os.path.join(T, fn)
    pieces = []
    if fn.endswith(".docx"):
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter("{%s}t" % ns["w"])) for p in root.iter("{%s}p" % ns["w"])]
        full = "\n".join(paras)
        for p in paras:
            for lab in (li, lr):
                if p.startswith(lab + ":"):
                    pieces.append((lab, p[len(lab) + 1:].strip()))
    else:
        with open(path, encoding=enc, newline="") as f:
            full = f.read()
        if fn.endswith(".srt"):
            for block in re.split(r"\r?\n\r?\n", full.strip()):
                lines = block.splitlines()
                assert re.match(r"^\d+$", lines[0]) and "-->" in lines[1], block[:60]
                txt = " ".join(lines[2:])
                lab, _, rest = txt.partition(": ")
                pieces.append((lab, rest))
        elif fn.endswith(".vtt"):
            assert full.startswith("WEBVTT")
            for m in re.finditer(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v ([^>]+)>(.*?)</v>$", full, re.M):
                pieces.append((m.group(1), m.group(2)))
        else:
            for line in full.splitlines():
                line2 = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", line)
                for lab in (li, lr):
                    if line2.startswith(lab + ": "):
                        pieces.append((lab, line2[len(lab) + 2:]))
    turns = []
    for lab, txt in pieces:
        if lab not in (li, lr):
            err(f"{doc}: unknown speaker label {lab!r}")
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + txt)
        else:
            turns.append((lab, txt))
    return full, turns


styles = {}
with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        styles[r["doc_id"]] = r["style"]
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']} for {r['doc_id']}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
if sorted(styles) != IDS:
    err(f"styles.csv: ids {sorted(styles)} != {IDS}")

docs = {}
for d in IDS:
    full, turns = load(d)
    _, _, li, lr = CONF[d]
    docs[d] = (full, turns)
    for i, (lab, _) in enumerate(turns):
        want = li if i % 2 == 0 else lr
        if lab != want:
            err(f"{d}: turn {i + 1} is {lab!r}, expected {want!r}")
    words = sum(len(t.split()) for _, t in turns)
    if not 1500 <= words <= 2600:
        err(f"{d}: {words} words outside 1500-2600")
    print(f"{d}: {len(turns)} turns ({sum(1 for l, _ in turns if l == lr)} respondent), {words} words, style {styles.get(d)}")

prev = None
with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        key = (d, ti)
        if prev and key <= prev:
            err(f"orientation.csv not sorted / duplicate at {key}")
        prev = key
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {o}")
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][1]
        if ti % 2 != 0 or not 1 <= ti <= len(turns) or turns[ti - 1][0] != CONF[d][3]:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn")

n_id = 0
with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        n_id += 1
        d = r["doc_id"]
        if r["type"] not in {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}:
            err(f"identifiers.csv: bad type {r['type']}")
        if r["identifier"] not in docs[d][0]:
            err(f"identifiers.csv: {r['identifier']!r} not found verbatim in {d}")
print(f"{n_id} identifiers checked")
if errors:
    print("FAIL")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK: all checks passed")
