#!/usr/bin/env python3
"""Stdlib self-check for set U: reads the transcripts as delivered (not the sources) and verifies
alternation, orientation rows, identifiers, styles.csv and word counts."""
import csv
import html
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = ["bu01", "bu02", "bu03", "bu04", "bu05", "bu06"]
LABELS = {  # (interviewer, respondent)
    "bu01": ("Interviewer", "Ruud"),
    "bu02": ("Interviewer", "Naomi"),
    "bu03": ("Interviewer", "Respondent"),
    "bu04": ("Interviewer", "Esther"),
    "bu05": ("Spreker 1", "Spreker 2"),
    "bu06": ("I", "R"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def find_file(doc_id):
    hits = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(hits) != 1:
        err(f"{doc_id}: expected one transcript file, found {hits}")
        return None
    return os.path.join(TR, hits[0])


def read_segments(path):
    """Return (full_text, [(speaker, text), ...]) with raw segments (cues/paragraphs)."""
    ext = path.rsplit(".", 1)[1]
    segs = []
    if ext == "docx":
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        paras = []
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
            paras.append(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S))))
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
    if ext == "vtt":
        for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", full):
            segs.append((m.group(1), m.group(2)))
    else:
        for ln in lines:
            m = re.match(r"^(?:\[\d\d:\d\d:\d\d\] )?([A-Z][\w ]{0,20}): (.+)$", ln)
            if m:
                segs.append((m.group(1), m.group(2)))
    return full, segs


def merge(segs):
    turns = []
    for spk, txt in segs:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def main():
    texts, turns_by = {}, {}
    for d in IDS:
        path = find_file(d)
        if not path:
            continue
        full, segs = read_segments(path)
        texts[d] = full
        turns = merge(segs)
        turns_by[d] = turns
        iv, rs = LABELS[d]
        for i, (spk, _) in enumerate(turns, 1):
            want = iv if i % 2 == 1 else rs
            if spk != want:
                err(f"{d}: turn {i} speaker {spk!r}, expected {want!r}")
                break
        nw = sum(len(re.findall(r"\w[\w'’\-]*", t)) for _, t in turns)
        if not 1500 <= nw <= 2600:
            err(f"{d}: {nw} words, outside 1500-2600")
        print(f"{d}: {os.path.basename(path):10s} turns={len(turns)} respondent_turns={len(turns)//2} words={nw}")
    # styles
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r["style"] for r in rows}
    if sorted(got) != IDS:
        err(f"styles.csv ids {sorted(got)}")
    for d, s in got.items():
        if s not in STYLES:
            err(f"styles.csv: bad style {s} for {d}")
        if not next(r for r in rows if r["doc_id"] == d)["rationale"].strip():
            err(f"styles.csv: empty rationale for {d}")
    mix = sorted(got.values())
    if mix != sorted(["casusgericht"] * 2 + ["netwerkgericht"] * 2 + ["onbepaald"] * 2):
        err(f"style mix {mix}")
    # orientation
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted/unique")
    for r in orows:
        d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation: bad value {o}")
        t = turns_by.get(d, [])
        if i % 2 != 0 or i < 2 or i > len(t) or t[i - 1][0] != LABELS[d][1]:
            err(f"orientation: {d} turn {i} is not a respondent turn")
    # identifiers
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err(f"identifiers: bad type {r['type']}")
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            err(f"identifiers: {r['doc_id']} {r['identifier']!r} not found verbatim")
    for d in IDS:
        if not any(r["doc_id"] == d for r in irows):
            err(f"identifiers: none for {d}")
    print(f"styles={len(rows)} orientation_rows={len(orows)} identifier_rows={len(irows)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
