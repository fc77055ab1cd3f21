#!/usr/bin/env python3
"""Stdlib self-check for set DL.

Reads the generated transcripts (not the sources' text) and verifies:
  - turns strictly alternate interviewer / respondent, starting with the interviewer;
  - every orientation row points at an existing respondent (even) turn;
  - every identifier occurs verbatim in its document;
  - styles.csv covers every document with a valid style, and the other csv files only name known docs.
Speaker labels per document are read from the @label_I / @label_R lines of src/<id>.src.
"""
import csv
import html
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = [f"dl0{i}" for i in range(1, 7)]
errors = []


def err(msg):
    errors.append(msg)


def labels(doc):
    lab = {}
    with open(os.path.join(HERE, "src", doc + ".src"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("@label_I "):
                lab["I"] = line.split(" ", 1)[1].strip()
            elif line.startswith("@label_R "):
                lab["R"] = line.split(" ", 1)[1].strip()
    return lab


def find(doc):
    for ext in ("docx", "srt", "vtt", "txt"):
        p = os.path.join(TR, f"{doc}.{ext}")
        if os.path.exists(p):
            return p, ext
    return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(html.unescape("".join(texts)))
    return paras


def read_text(path, ext):
    if ext == "docx":
        return "\n".join(docx_paragraphs(path))
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def speaker_units(text, ext, lab):
    """Return the list of speaker keys ('I'/'R') per paragraph/cue, in order."""
    inv = {v: k for k, v in lab.items()}
    units = []
    if ext in ("srt", "vtt"):
        blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
        for b in blocks:
            lines = b.strip().split("\n")
            if not any("-->" in l for l in lines):
                continue
            i = [n for n, l in enumerate(lines) if "-->" in l][0]
            cue = " ".join(lines[i + 1:])
            m = re.match(r"<v ([^>]+)>", cue) if ext == "vtt" else None
            if not m:
                m = re.match(r"(.+?):\s", cue)
            if not m or m.group(1) not in inv:
                err(f"cue without known speaker: {cue[:50]}")
                continue
            units.append(inv[m.group(1)])
        return units
    started = False
    for line in text.replace("\r\n", "\n").split("\n"):
        s = re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", line.strip())
        m = re.match(r"(.+?):\s", s)
        if m and m.group(1) in inv:
            started = True
            units.append(inv[m.group(1)])
        elif started and s:
            err(f"unlabelled paragraph after start: {s[:50]}")
    return units


def main():
    turns = {}
    texts = {}
    for doc in DOCS:
        path, ext = find(doc)
        if not path:
            err(f"{doc}: transcript missing")
            continue
        text = read_text(path, ext)
        texts[doc] = text
        units = speaker_units(text, ext, labels(doc))
        merged = []
        for u in units:
            if ext in ("srt", "vtt") and merged and merged[-1] == u:
                continue  # consecutive cues of one speaker form one turn
            merged.append(u)
        if ext not in ("srt", "vtt") and len(merged) != len(units):
            err(f"{doc}: consecutive paragraphs of one speaker")
        for i, u in enumerate(merged):
            if u != ("I" if i % 2 == 0 else "R"):
                err(f"{doc}: turn {i+1} is {u}, alternation broken")
                break
        turns[doc] = merged
        words = len(re.sub(r"<[^>]+>", " ", text).split())
        print(f"{doc}.{ext}: turns={len(merged)} respondent_turns={merged.count('R')} tokens_in_file~{words}")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r["style"] for r in rows}
    for d in DOCS:
        if got.get(d) not in ("casusgericht", "netwerkgericht", "onbepaald"):
            err(f"styles.csv: {d} missing or bad style")
        if not [r for r in rows if r["doc_id"] == d and r["rationale"].strip()]:
            err(f"styles.csv: {d} without rationale")
    if len(rows) != len(DOCS):
        err("styles.csv: unexpected row count")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted/unique")
    for r in orows:
        d, i = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv bad value {r}")
        if d not in turns or i < 1 or i > len(turns[d]) or turns[d][i - 1] != "R":
            err(f"orientation.csv: {d} turn {i} is not a respondent turn")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err(f"identifiers.csv bad type {r}")
        if r["doc_id"] not in texts or r["identifier"] not in texts[r["doc_id"]]:
            err(f"identifiers.csv: '{r['identifier']}' not found in {r['doc_id']}")

    print(f"styles={len(rows)} orientation_rows={len(orows)} identifier_rows={len(irows)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
