#!/usr/bin/env python3
"""Stdlib self-check for setDF.

Verifies, reading the generated transcripts themselves (docx via zipfile/xml, srt, vtt, txt):
  - strict alternation interviewer/respondent, starting with the interviewer;
  - every orientation.csv row points at an existing respondent turn (even index) with a valid label;
  - every identifier in identifiers.csv occurs verbatim in its document;
  - styles.csv is complete (all six ids, valid styles, the requested 3/2/1 mix);
  - word counts within 1,500-2,600; no annotation markup left in the transcripts.
Speaker labels per document are taken from the meta lines of src/<id>.src.
"""
import csv
import html
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
IDS = ["df01", "df02", "df03", "df04", "df05", "df06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")

errors = []


def err(msg):
    errors.append(msg)


def labels_for(doc):
    meta = {}
    for line in (ROOT / "src" / f"{doc}.src").read_text(encoding="utf-8").splitlines():
        if line.strip() == "===":
            break
        k, _, v = line.partition(": ")
        meta[k] = ID_RE.sub(lambda m: m.group(1), v)
    return meta["ILABEL"], meta["RLABEL"]


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(html.unescape("".join(texts)))
    return paras


def segments(path, ilab, rlab):
    """Return (full_text, [(speaker, text), ...]) with speaker 'I' or 'R'."""
    labs = {ilab: "I", rlab: "R"}
    lab_re = re.compile(r"^(?:\[\d\d:\d\d:\d\d(?:[,.]\d+)?\]\s*)?(" + "|".join(map(re.escape, labs)) + r"):\s*(.*)$", re.S)
    segs = []
    ext = path.suffix
    if ext == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            m = lab_re.match(p.strip())
            if m:
                segs.append([labs[m.group(1)], m.group(2)])
            elif segs and p.strip():
                segs[-1][1] += " " + p.strip()
    elif ext in (".srt", ".vtt"):
        full = read_text(path)
        for block in re.split(r"\n\s*\n", full.replace("\r\n", "\n")):
            lines = [l for l in block.strip().split("\n") if l.strip()]
            ti = [i for i, l in enumerate(lines) if "-->" in l]
            if not ti:
                continue
            text = " ".join(lines[ti[0] + 1:])
            mv = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", text, flags=re.S)
            if mv:
                spk, body = mv.group(1), mv.group(2)
            else:
                m = lab_re.match(text)
                if not m:
                    err(f"{path.name}: cue without speaker: {text[:50]}")
                    continue
                spk, body = m.group(1), m.group(2)
            if spk not in labs:
                err(f"{path.name}: unknown speaker {spk}")
                continue
            segs.append([labs[spk], body])
    else:
        full = read_text(path)
        for line in full.replace("\r\n", "\n").split("\n"):
            m = lab_re.match(line.strip())
            if m:
                segs.append([labs[m.group(1)], m.group(2)])
            elif segs and line.strip():
                segs[-1][1] += " " + line.strip()
    turns = []
    for spk, text in segs:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return full, turns


def main():
    docs = {}
    for doc in IDS:
        files = sorted((ROOT / "transcripts").glob(f"{doc}.*"))
        if len(files) != 1:
            err(f"{doc}: expected one transcript, found {files}")
            continue
        ilab, rlab = labels_for(doc)
        full, turns = segments(files[0], ilab, rlab)
        docs[doc] = (full, turns)
        if not turns:
            err(f"{doc}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            if spk != ("I" if i % 2 else "R"):
                err(f"{doc}: alternation broken at turn {i}")
                break
        if "{" in full or "@casus" in full or "@netwerk" in full:
            err(f"{doc}: annotation markup left in transcript")
        nwords = sum(len(re.findall(r"\w+(?:[-'’]\w+)*", t)) for _, t in turns)
        if not 1500 <= nwords <= 2600:
            err(f"{doc}: {nwords} words outside 1500-2600")
        nsrc = sum(1 for l in (ROOT / "src" / f"{doc}.src").read_text(encoding="utf-8").splitlines()
                   if l.startswith(("I: ", "R: ")))
        if nsrc != len(turns):
            err(f"{doc}: {len(turns)} turns parsed, {nsrc} in source")
        print(f"{doc}: {files[0].name:10s} turns={len(turns):3d} respondent_turns={len(turns)//2:3d} words={nwords}")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r["style"] for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err(f"styles.csv ids: {sorted(got)}")
    for d, s in got.items():
        if s not in STYLES:
            err(f"styles.csv: bad style {s} for {d}")
        if not next(r for r in rows if r["doc_id"] == d)["rationale"].strip():
            err(f"styles.csv: empty rationale for {d}")
    if Counter(got.values()) != Counter(MIX):
        err(f"styles.csv: mix {Counter(got.values())} != {MIX}")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted or has duplicates")
    for r in rows:
        d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad label {o}")
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][1]
        if i % 2 or i < 2 or i > len(turns) or turns[i - 1][0] != "R":
            err(f"orientation.csv: {d} turn {i} is not a respondent turn")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            err(f"identifiers.csv: bad type {typ}")
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
        elif ident not in docs[d][0]:
            err(f"identifiers.csv: {d} '{ident}' not found verbatim")
    print(f"identifiers: {len(rows)} rows; orientation rows: {len(keys)}")

    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
