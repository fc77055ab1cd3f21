#!/usr/bin/env python3
"""Stdlib self-check for setDW.

Verifies: every doc has one transcript; speaker turns strictly alternate (interviewer first);
word counts 1500-2600; no source markup leaked; every orientation row points at an existing
respondent (even) turn; every identifier occurs verbatim in its document; styles.csv complete.
Run: python3 check.py   (exit code 0 = OK)
"""
import collections, csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["dw%02d" % i for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
LINE = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^\s:\[][^:]{0,29}):\s+(.*\S)\s*$")
errors = []


def err(msg):
    errors.append(msg)


def read_doc(path):
    """Return (full_text, [(label, text), ...])."""
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        full = "\n".join(paras)
        lines = paras
    else:
        raw = open(path, "rb").read()
        try:
            full = raw.decode("utf-8")
        except UnicodeDecodeError:
            full = raw.decode("cp1252")
        full = full.replace("\r\n", "\n")
        lines = full.split("\n")
    turns = []
    if ext == "vtt":
        for ln in lines:
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?\s*$", ln)
            if m:
                turns.append((m.group(1).strip(), m.group(2)))
        return full, turns
    if ext == "srt":
        blocks = re.split(r"\n\s*\n", full.strip())
        for b in blocks:
            bl = b.split("\n")
            if len(bl) < 3 or "-->" not in bl[1]:
                err(f"{os.path.basename(path)}: malformed srt block {bl[:1]}")
                continue
            m = LINE.match(" ".join(bl[2:]))
            if m:
                turns.append((m.group(1), m.group(2)))
        return full, turns
    cand = [(m.group(1), m.group(2)) for m in (LINE.match(l) for l in lines) if m]
    top = [lab for lab, _ in collections.Counter(l for l, _ in cand).most_common(2)]
    turns = [(l, t) for l, t in cand if l in top]
    return full, turns


def main():
    files = {}
    for f in sorted(os.listdir(TR)):
        files.setdefault(f.split(".")[0], []).append(f)
    docs = {}
    for d in DOCS:
        if len(files.get(d, [])) != 1:
            err(f"{d}: expected exactly one transcript, found {files.get(d)}")
            continue
        full, turns = read_doc(os.path.join(TR, files[d][0]))
        docs[d] = (full, turns)
        labels = [l for l, _ in turns]
        if len(set(labels)) != 2:
            err(f"{d}: expected 2 speakers, found {sorted(set(labels))}")
        for i, lab in enumerate(labels):
            if lab != labels[i % 2]:
                err(f"{d}: alternation broken at turn {i + 1}")
                break
        if len(turns) % 2:
            err(f"{d}: odd number of turns (ends with interviewer)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words outside 1500-2600")
        if re.search(r"\|[A-Z_]+\}|@casus|@netwerk", full):
            err(f"{d}: source markup leaked")
        print(f"{d}: {files[d][0]:10s} turns={len(turns):3d} respondent_turns={len(turns)//2:3d} "
              f"words={words} speakers={labels[0]!r}/{labels[1]!r}")
    # styles
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if [r["doc_id"] for r in rows] != DOCS:
        err(f"styles.csv doc ids {[r['doc_id'] for r in rows]}")
    for r in rows:
        if r["style"] not in STYLES or not r["rationale"].strip():
            err(f"styles.csv bad row {r}")
    print("styles:", collections.Counter(r["style"] for r in rows))
    # orientation
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted / has duplicates")
    for r in orows:
        d, n = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            err(f"orientation: unknown doc {d}")
            continue
        if n % 2 or not 1 <= n <= len(docs[d][1]):
            err(f"orientation: {d} turn {n} is not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation: bad value {r}")
    # identifiers
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as fh:
        irows = list(csv.DictReader(fh))
    for r in irows:
        d = r["doc_id"]
        if d not in docs:
            err(f"identifiers: unknown doc {d}")
        elif r["identifier"] not in docs[d][0]:
            err(f"identifiers: {d} {r['identifier']!r} not found verbatim")
        if r["type"] not in TYPES:
            err(f"identifiers: bad type {r}")
    print(f"orientation rows={len(orows)} identifier rows={len(irows)}")
    if errors:
        print("\n".join("ERROR: " + e for e in errors))
        print("check.py: FAILED (%d errors)" % len(errors))
        return 1
    print("check.py: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
