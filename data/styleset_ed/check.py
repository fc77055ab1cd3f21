#!/usr/bin/env python3
"""Stdlib self-check for setED.

Reads the transcripts as delivered (docx / vtt / srt / txt in UTF-8 or Windows-1252), rebuilds the
speaker turns from the files themselves and verifies:
  - turns strictly alternate interviewer / respondent, starting with the interviewer
    (consecutive subtitle cues of one speaker are merged into one turn);
  - every orientation.csv row points at an existing respondent (even) turn, values casus/netwerk,
    rows sorted by doc_id, turn_index, no duplicates;
  - every identifiers.csv row occurs verbatim in its document, with a known type;
  - styles.csv has exactly one valid row per transcript, and the style mix is 2/3/1;
  - word counts of the spoken text are within 1,500-2,600.
Exit code 0 when everything passes.
"""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

BASE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(BASE, "transcripts")
IDS = [f"ed{i:02d}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
EXPECTED_MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def merge(segments):
    """segments: list of (speaker, text) -> merged turns."""
    turns = []
    for spk, text in segments:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + text)
        else:
            turns.append((spk, text))
    return turns


LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([A-Za-zÀ-ÿ][\w .-]{0,30}?):\s+(.*)$")


def parse_docx(path):
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    full = "\n".join(paras)
    segs = []
    for para in paras:
        m = LABEL.match(para)
        if m and segs_allowed(m.group(1)):
            segs.append((m.group(1), m.group(2)))
    return full, segs, "docx"


def segs_allowed(label):
    return len(label.split()) <= 2


def parse_cues(path, kind):
    text, enc = read_text(path)
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    segs, alltext = [], []
    for b in blocks:
        lines = [l for l in b.splitlines() if l.strip()]
        if not lines or lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            alltext.extend(lines)
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            err(f"{os.path.basename(path)}: block without timing: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[ti[0] + 1:])
        if kind == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                err(f"{os.path.basename(path)}: cue without <v>: {body[:40]!r}")
                continue
            spk, content = m.group(1).strip(), m.group(2)
        else:
            m = LABEL.match(body)
            if not m:
                err(f"{os.path.basename(path)}: cue without speaker: {body[:40]!r}")
                continue
            spk, content = m.group(1), m.group(2)
        segs.append((spk, content))
        alltext.append(content)
    return "\n".join(alltext), segs, enc


def parse_txt(path):
    text, enc = read_text(path)
    segs = []
    for para in re.split(r"\r?\n\s*\r?\n", text):
        para = " ".join(para.split())
        m = LABEL.match(para)
        if m and segs_allowed(m.group(1)) and not para.lower().startswith(("datum", "opname", "transcript")):
            segs.append((m.group(1), m.group(2)))
    return text, segs, enc


def load(doc_id):
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        err(f"{doc_id}: expected exactly one transcript file, found {files}")
        return None
    path = os.path.join(TR, files[0])
    ext = files[0].rsplit(".", 1)[1]
    if ext == "docx":
        full, segs, enc = parse_docx(path)
    elif ext in ("vtt", "srt"):
        full, segs, enc = parse_cues(path, ext)
    elif ext == "txt":
        full, segs, enc = parse_txt(path)
    else:
        err(f"{doc_id}: unknown extension {ext}")
        return None
    turns = merge(segs)
    return {"file": files[0], "ext": ext, "enc": enc, "text": full, "turns": turns}


def main():
    docs = {}
    for d in IDS:
        info = load(d)
        if not info:
            continue
        docs[d] = info
        turns = info["turns"]
        speakers = []
        for spk, _ in turns:
            if spk not in speakers:
                speakers.append(spk)
        if len(speakers) != 2:
            err(f"{d}: expected 2 speakers, found {speakers}")
        for i, (spk, _) in enumerate(turns):
            if spk != speakers[i % 2]:
                err(f"{d}: alternation broken at turn {i + 1} ({spk})")
                break
        if speakers and not re.match(r"(?i)^(interviewer|i|spreker 1)$", speakers[0]):
            err(f"{d}: first speaker {speakers[0]!r} does not look like the interviewer")
        words = sum(len(t.split()) for _, t in turns)
        info["words"] = words
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words outside 1500-2600")

    # styles.csv
    with open(os.path.join(BASE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = [r["doc_id"] for r in rows]
    if sorted(got) != IDS:
        err(f"styles.csv: doc ids {got} != {IDS}")
    mix = {}
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
        mix[r["style"]] = mix.get(r["style"], 0) + 1
    if mix != EXPECTED_MIX:
        err(f"styles.csv: mix {mix} != {EXPECTED_MIX}")

    # orientation.csv
    with open(os.path.join(BASE, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((d, ti))
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o!r} ({d},{ti})")
        if ti % 2 != 0 or not 2 <= ti <= len(docs[d]["turns"]):
            err(f"orientation.csv: ({d},{ti}) is not a respondent turn")
    if keys != sorted(keys):
        err("orientation.csv: not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(BASE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        d = r["doc_id"]
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
            continue
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']!r}")
        hay = " ".join(docs[d]["text"].split())
        if r["identifier"] not in docs[d]["text"] and r["identifier"] not in hay:
            err(f"identifiers.csv: {r['identifier']!r} not found in {d}")

    # summary
    print("doc   file       enc     turns  resp  words  casus netwerk")
    for d in IDS:
        if d not in docs:
            continue
        i = docs[d]
        c = sum(1 for r in orows if r["doc_id"] == d and r["orientation"] == "casus")
        n = sum(1 for r in orows if r["doc_id"] == d and r["orientation"] == "netwerk")
        print(f"{d}  {i['file']:<10} {i['enc']:<7} {len(i['turns']):>5} {len(i['turns']) // 2:>5} "
              f"{i['words']:>6} {c:>6} {n:>7}")
    print(f"identifiers: {len(irows)}  orientation rows: {len(orows)}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
