"""Stdlib self-check for setDM. Run: python3 check.py (from any directory).

Parses the generated transcripts again (independently of build.py) and verifies:
- turns strictly alternate interviewer / respondent, starting with the interviewer,
  and the turn count equals the number of paragraphs in the annotated source;
- every orientation row points at an existing respondent (even) turn, uses casus/netwerk,
  and agrees with the mark in the source; rows sorted by doc_id, turn_index;
- every identifier occurs verbatim in its document;
- styles.csv has exactly one valid row per document; word counts within 1500-2600.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"
TR = ROOT / "transcripts"
DOCS = [f"dm0{i}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
MARK = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def src_meta(doc):
    meta, paras, body = {}, [], []
    for line in (SRC / f"{doc}.src").read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and not body:
            k, _, v = line[2:].partition(":")
            meta.setdefault(k.strip(), v.strip())
        else:
            body.append(line)
    paras = [p.strip() for p in "\n".join(body).split("\n\n") if p.strip()]
    marks = {}
    for n, p in enumerate(paras, 1):
        m = re.search(r"\{(casus|netwerk|-)\}\s*$", p)
        if m:
            marks[n] = m.group(1)
    return meta, len(paras), marks


def label_re(label):
    label = MARK.sub(lambda m: m.group(1), label)
    return re.escape(label).replace(re.escape("{ts}"), r"\d\d:\d\d:\d\d")


def read_doc(doc, meta):
    """Return (full text, list of (speaker, text))."""
    fmt = meta["format"]
    li, lr = label_re(meta["label_i"]), label_re(meta["label_r"])
    turns = []
    if fmt == "txt":
        raw = (TR / f"{doc}.txt").read_bytes()
        text = raw.decode(meta.get("encoding", "utf-8"))
        lines = text.splitlines()
        pat = re.compile(rf"^(?:(?P<i>{li})|(?P<r>{lr})): (?P<t>.*)$")
    elif fmt == "docx":
        with zipfile.ZipFile(TR / f"{doc}.docx") as z:
            root = ET.fromstring(z.read("word/document.xml"))
        lines = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        text = "\n".join(lines)
        pat = re.compile(rf"^(?:(?P<i>{li})|(?P<r>{lr})): (?P<t>.*)$")
    elif fmt == "srt":
        text = (TR / f"{doc}.srt").read_text(encoding="utf-8")
        lines = []
        for block in text.strip().split("\n\n"):
            bl = block.split("\n")
            if not bl[0].isdigit() or "-->" not in bl[1]:
                err(f"{doc}: malformed srt block {bl[:2]}")
            lines.append(" ".join(bl[2:]))
        pat = re.compile(rf"^(?:(?P<i>{li})|(?P<r>{lr})): (?P<t>.*)$")
    elif fmt == "vtt":
        text = (TR / f"{doc}.vtt").read_text(encoding="utf-8")
        if not text.startswith("WEBVTT"):
            err(f"{doc}: vtt lacks WEBVTT header")
        lines = []
        for block in text.strip().split("\n\n"):
            bl = block.split("\n")
            if "-->" in bl[0]:
                lines.append(" ".join(bl[1:]))
        pat = re.compile(rf"^<v (?:(?P<i>{li})|(?P<r>{lr}))>(?P<t>.*)$")
    else:
        raise ValueError(fmt)
    started = False
    for line in lines:
        m = pat.match(line)
        if m:
            started = True
            turns.append(("I" if m.group("i") is not None else "R", m.group("t")))
        elif started and line.strip():
            err(f"{doc}: unlabelled line inside the interview: {line[:50]!r}")
    return text, turns


def main():
    texts, nturns, allmarks = {}, {}, {}
    for doc in DOCS:
        meta, npara, marks = src_meta(doc)
        text, turns = read_doc(doc, meta)
        texts[doc], nturns[doc], allmarks[doc] = text, len(turns), marks
        if len(turns) != npara:
            err(f"{doc}: {len(turns)} turns in transcript, {npara} in source")
        for n, (spk, _) in enumerate(turns, 1):
            if spk != ("I" if n % 2 else "R"):
                err(f"{doc}: turn {n} breaks alternation")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
        print(f"{doc}: {meta['format']:4} turns={len(turns):2} respondent={len(turns)//2:2} words={words}")

    rows = list(csv.DictReader(open(ROOT / "orientation.csv", encoding="utf-8")))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted or has duplicates")
    for r in rows:
        d, n, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if d not in texts:
            err(f"orientation: unknown doc {d}")
            continue
        if n % 2 or n < 2 or n > nturns[d]:
            err(f"orientation: {d} turn {n} is not a respondent turn")
        if o not in ("casus", "netwerk"):
            err(f"orientation: bad value {o}")
        if allmarks[d].get(n) != o:
            err(f"orientation: {d} turn {n} = {o}, source says {allmarks[d].get(n)}")
    for d in DOCS:
        for n, o in allmarks[d].items():
            if o in ("casus", "netwerk") and (d, n) not in keys:
                err(f"orientation: {d} turn {n} marked {o} in source but missing in csv")

    ids = list(csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8")))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in ids:
        if r["doc_id"] not in texts:
            err(f"identifier: unknown doc {r['doc_id']}")
        elif r["identifier"] not in texts[r["doc_id"]]:
            err(f"identifier not verbatim in {r['doc_id']}: {r['identifier']!r}")
        if r["type"] not in types:
            err(f"identifier: bad type {r['type']}")

    st = list(csv.DictReader(open(ROOT / "styles.csv", encoding="utf-8")))
    if sorted(r["doc_id"] for r in st) != DOCS:
        err("styles.csv does not list exactly dm01..dm06")
    for r in st:
        if r["style"] not in STYLES or not r["rationale"].strip():
            err(f"styles.csv: bad row {r}")
    print(f"orientation rows={len(rows)} identifiers={len(ids)} styles={len(st)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
