#!/usr/bin/env python3
"""Stdlib self-check for blind set I (bi01..bi06). Run: python3 check.py

Parses the transcripts themselves (not the sources) and verifies:
- turns strictly alternate interviewer/respondent, starting with the interviewer;
- every orientation.csv row points at an existing respondent (even) turn; rows sorted; values valid;
- every identifiers.csv identifier occurs verbatim in its document; types valid;
- styles.csv complete (all six ids, valid style, rationale present);
- 1,500-2,600 words per interview; format mix (docx, vtt/srt, one Windows-1252 txt).
Turn = maximal run of consecutive paragraphs/cues by the same speaker.
"""
import csv
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
IDS = [f"bi0{i}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
# (interviewer label, respondent label) as they appear in each file
LABELS = {
    "bi01": ("Interviewer", "Respondent"),
    "bi02": ("Interviewer", "Ruud"),
    "bi03": ("Interviewer", "Yasmina"),
    "bi04": ("I", "R"),
    "bi05": ("Interviewer", "Marco Stijnen"),
    "bi06": ("Spreker 1", "Spreker 2"),
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def words(s):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", s))


def find_file(did):
    hits = [p for p in TR.iterdir() if p.stem == did]
    if len(hits) != 1:
        err(f"{did}: expected exactly one transcript file, found {len(hits)}")
        return None
    return hits[0]


def read_text(p):
    raw = p.read_bytes()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def segments(did, p):
    """return (full_text, [(speaker_label, text)], encoding)"""
    li, lr = LABELS[did]
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s|%s):\s+(.*)$" % (re.escape(li), re.escape(lr)))
    segs, enc = [], "utf-8"
    if p.suffix == ".docx":
        with zipfile.ZipFile(p) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in para.iter(W + "t")) for para in root.iter(W + "p")]
        full = "\n".join(paras)
        lines = paras
    elif p.suffix == ".vtt":
        full, enc = read_text(p)
        if not full.startswith("WEBVTT"):
            err(f"{did}: vtt without WEBVTT header")
        lines = []
        for m in re.finditer(r"\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v ([^>]+)>(.*?)</v>", full):
            lines.append(f"{m.group(1)}: {m.group(2)}")
    elif p.suffix == ".srt":
        full, enc = read_text(p)
        lines = []
        for block in re.split(r"\n\s*\n", full.strip()):
            bl = block.splitlines()
            if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
                err(f"{did}: malformed srt block: {block[:60]!r}")
                continue
            lines.append(" ".join(bl[2:]))
    else:
        full, enc = read_text(p)
        lines = full.splitlines()
    started = False
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln.strip())
        if m:
            started = True
            spk = "I" if m.group(1) == li else "R"
            if segs and segs[-1][0] == spk and p.suffix != ".vtt":
                err(f"{did}: two consecutive paragraphs by {spk} (turns must alternate)")
            if segs and segs[-1][0] == spk:
                segs[-1] = (spk, segs[-1][1] + " " + m.group(2))
            else:
                segs.append((spk, m.group(2)))
        elif started:
            err(f"{did}: unlabelled line after first turn: {ln[:60]!r}")
    return full, segs, enc


def main():
    docs = {}
    for did in IDS:
        p = find_file(did)
        if not p:
            continue
        full, segs, enc = segments(did, p)
        docs[did] = (p, full, segs, enc)
        if not segs or segs[0][0] != "I":
            err(f"{did}: does not start with the interviewer")
        for i in range(1, len(segs)):
            if segs[i][0] == segs[i - 1][0]:
                err(f"{did}: turns {i} and {i + 1} by the same speaker")
        wc = sum(words(t) for _, t in segs)
        if not 1500 <= wc <= 2600:
            err(f"{did}: {wc} words, outside 1500-2600")

    # formats
    sfx = [docs[d][0].suffix for d in docs]
    if ".docx" not in sfx:
        err("no .docx transcript")
    if ".vtt" not in sfx and ".srt" not in sfx:
        err("no .vtt/.srt transcript")
    if not any(docs[d][0].suffix == ".txt" and docs[d][3] == "cp1252" for d in docs):
        err("no Windows-1252 .txt transcript")

    # styles.csv
    with open(HERE / "styles.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
        seen[r["doc_id"]] = r["style"]
    if sorted(seen) != IDS or len(rows) != len(IDS):
        err(f"styles.csv: ids {sorted(seen)} != {IDS}")
    counts = {s: list(seen.values()).count(s) for s in STYLES}

    # orientation.csv
    with open(HERE / "orientation.csv", newline="", encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in orows:
        did, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {o!r}")
        if did not in docs:
            err(f"orientation.csv: unknown doc {did}")
            continue
        segs = docs[did][2]
        if not 1 <= ti <= len(segs) or segs[ti - 1][0] != "R":
            err(f"orientation.csv: {did} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(HERE / "identifiers.csv", newline="", encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        did = r["doc_id"]
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if did not in docs:
            err(f"identifiers.csv: unknown doc {did}")
        elif r["identifier"] not in docs[did][1]:
            err(f"identifiers.csv: {did}: {r['identifier']!r} not found verbatim")

    for did in IDS:
        if did in docs:
            p, full, segs, enc = docs[did]
            nr = sum(1 for s, _ in segs if s == "R")
            no = sum(1 for r in orows if r["doc_id"] == did)
            ni = sum(1 for r in irows if r["doc_id"] == did)
            print(f"{did}  {p.name:10s} {enc:7s} {seen.get(did, '?'):15s} turns={len(segs):3d} "
                  f"resp={nr:3d} words={sum(words(t) for _, t in segs):5d} orient_rows={no:3d} idents={ni:3d}")
    print("style counts:", counts)
    if errors:
        print(f"FAIL ({len(errors)} problems)")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
