#!/usr/bin/env python3
"""Stdlib self-check for blind set V.

Verifies: strict interviewer/respondent alternation (starting with the interviewer) in every transcript,
every orientation row points at an existing respondent turn, every identifier occurs verbatim in its
document, styles.csv is complete and valid, and turn counts match the annotated sources.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
IDS = ["bv01", "bv02", "bv03", "bv04", "bv05", "bv06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
# doc -> (file, encoding, interviewer label, respondent label)
FILES = {
    "bv01": ("bv01.docx", None, "Interviewer", "Anouk"),
    "bv02": ("bv02.srt", "utf-8", "Interviewer", "Marco"),
    "bv03": ("bv03.vtt", "utf-8", "Interviewer", "Jeroen Smeets"),
    "bv04": ("bv04.txt", "cp1252", "I", "R"),
    "bv05": ("bv05.txt", "utf-8", "Spreker 1", "Spreker 2"),
    "bv06": ("bv06.txt", "utf-8", "EH", "TB"),
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def segments(doc):
    """Return (full_text, [(speaker_label, text), ...]) in document order (cues not yet merged)."""
    fn, enc, li, lr = FILES[doc]
    path = TR / fn
    labels = (li, lr)
    segs = []
    if fn.endswith(".docx"):
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            for lab in labels:
                if p.startswith(lab + ":"):
                    segs.append((lab, p[len(lab) + 1:].strip()))
        return full, segs
    raw = path.read_bytes()
    full = raw.decode(enc)  # raises if the encoding is wrong
    if fn.endswith(".srt"):
        for block in re.split(r"\r?\n\r?\n", full.strip()):
            lines = block.splitlines()
            if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
                err(f"{doc}: malformed srt block: {block[:60]!r}")
                continue
            text = " ".join(lines[2:])
            lab = next((l for l in labels if text.startswith(l + ":")), None)
            if lab is None:
                err(f"{doc}: srt cue without speaker: {text[:50]!r}")
                continue
            segs.append((lab, text[len(lab) + 1:].strip()))
    elif fn.endswith(".vtt"):
        if not full.startswith("WEBVTT"):
            err(f"{doc}: vtt does not start with WEBVTT")
        for block in re.split(r"\r?\n\r?\n", full.strip())[1:]:
            lines = block.splitlines()
            if lines[0].startswith("NOTE"):
                continue
            if "-->" not in lines[0]:
                err(f"{doc}: malformed vtt block: {block[:60]!r}")
                continue
            m = re.match(r"<v ([^>]+)>(.*)", " ".join(lines[1:]))
            if not m or m.group(1) not in labels:
                err(f"{doc}: vtt cue without known voice: {block[:60]!r}")
                continue
            segs.append((m.group(1), m.group(2).strip()))
    else:
        for line in full.splitlines():
            line2 = re.sub(r"^\[\d{2}:\d{2}:\d{2}\]\s*", "", line)
            for lab in labels:
                if line2.startswith(lab + ": "):
                    segs.append((lab, line2[len(lab) + 2:]))
    return full, segs


def turns_of(doc):
    full, segs = segments(doc)
    turns = []
    for lab, text in segs:
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    return full, turns


def main():
    turn_info = {}
    texts = {}
    for doc in IDS:
        full, turns = turns_of(doc)
        texts[doc] = full
        li, lr = FILES[doc][2], FILES[doc][3]
        if not turns:
            err(f"{doc}: no turns found")
            continue
        for i, (lab, _) in enumerate(turns, 1):
            want = li if i % 2 == 1 else lr
            if lab != want:
                err(f"{doc}: turn {i} is {lab!r}, expected {want!r}")
        turn_info[doc] = turns
        # compare with annotated source
        src = HERE / "src" / f"{doc}.txt"
        if src.exists():
            n_src = sum(1 for p in src.read_text(encoding="utf-8").split("\n\n")
                        if re.match(r"^(?:#.*\n)*[IR]: ", p.strip()))
            if n_src != len(turns):
                err(f"{doc}: {len(turns)} turns in transcript but {n_src} in source")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
    # orientation.csv
    rows = list(csv.DictReader(open(HERE / "orientation.csv", encoding="utf-8")))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    for r in rows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o!r}")
        t = turn_info.get(d)
        if t is None:
            err(f"orientation.csv: unknown doc {d}")
        elif ti < 1 or ti > len(t) or ti % 2 != 0 or t[ti - 1][0] != FILES[d][3]:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    # identifiers.csv
    id_types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
                "ORGANISATIE_NAAM"}
    n_ids = 0
    for r in csv.DictReader(open(HERE / "identifiers.csv", encoding="utf-8")):
        n_ids += 1
        if r["type"] not in id_types:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            err(f"identifiers.csv: {r['identifier']!r} not found verbatim in {r['doc_id']}")
    # styles.csv
    st = {r["doc_id"]: r for r in csv.DictReader(open(HERE / "styles.csv", encoding="utf-8"))}
    for doc in IDS:
        if doc not in st:
            err(f"styles.csv: {doc} missing")
        elif st[doc]["style"] not in STYLES or not st[doc]["rationale"].strip():
            err(f"styles.csv: {doc} has invalid style or empty rationale")
    if set(st) - set(IDS):
        err(f"styles.csv: unexpected ids {sorted(set(st) - set(IDS))}")
    for doc in IDS:
        t = turn_info.get(doc, [])
        print(f"{doc}: {len(t)} turns ({len(t) // 2} respondent), "
              f"{sum(len(x.split()) for _, x in t)} words, style {st.get(doc, {}).get('style')}")
    print(f"orientation rows: {len(rows)}, identifier rows: {n_ids}")
    if errors:
        print("FAILED:")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
