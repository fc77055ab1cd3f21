#!/usr/bin/env python3
"""Check blind set HD against the brief, using only the built transcripts and the csv files.

Standard library only. Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import statistics
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TDIR = ROOT / "transcripts"
DOCS = [f"hd{i:02d}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
# who speaks first in each document (the interviewer), as labelled in the transcript
INTERVIEWER = {"hd01": "Lotte Brink", "hd02": "Pieter Smit", "hd03": "Spreker 1",
               "hd04": "Marleen", "hd05": "I", "hd06": "Interviewer"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "meer van de casus"]
LABEL = re.compile(r"^([A-Z][\w.'-]*(?: [\w.'-]+){0,3}):\s+(.*)$")
STAMP = re.compile(r"^\[\d{2}:\d{2}:\d{2}\]\s*")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def labelled(lines):
    """Turns from lines of 'Label: text' (docx paragraphs, txt lines); no merging."""
    cands = Counter()
    for ln in lines:
        m = LABEL.match(STAMP.sub("", ln))
        if m:
            cands[m.group(1)] += 1
    speakers = {lab for lab, n in cands.most_common(2) if n >= 5}
    header, turns = [], []
    for ln in lines:
        raw = STAMP.sub("", ln).strip()
        if not raw:
            continue
        m = LABEL.match(raw)
        if m and m.group(1) in speakers:
            turns.append([m.group(1), m.group(2).strip()])
        elif turns:
            turns[-1][1] += " " + raw
        else:
            header.append(raw)
    return header, turns, False


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return labelled(paras)


def read_txt(path):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            problem(f"{path.name}: neither UTF-8 nor Windows-1252")
            return [], [], False
        if b"\r\n" not in data:
            problem(f"{path.name}: Windows-1252 file without CRLF line ends")
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    return labelled(text.split("\n"))


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def read_vtt(path):
    text = path.read_bytes().decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if not blocks[0].startswith("WEBVTT"):
        problem(f"{path.name}: no WEBVTT signature")
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [ln for ln in lines[1:] if ln.strip()]
            if lines[0][4:].strip():
                header.append(lines[0][4:].strip())
            continue
        i = 0 if "-->" in lines[0] else 1
        if "-->" not in lines[i]:
            problem(f"{path.name}: block without timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{path.name}: cue without voice tag: {body[:40]}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues), True


def read_srt(path):
    text = path.read_bytes().decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    cues, expect = [], 1
    for b in blocks:
        lines = b.split("\n")
        if lines[0].strip() != str(expect) or "-->" not in lines[1]:
            problem(f"{path.name}: malformed cue near {lines[0][:20]}")
        expect += 1
        body = " ".join(lines[2:])
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
        if not m:
            problem(f"{path.name}: cue {lines[0]} without speaker name")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return [], merge(cues), True


READERS = {".docx": read_docx, ".txt": read_txt, ".vtt": read_vtt, ".srt": read_srt}


def sentences(text):
    text = re.sub(r"\((lacht|stilte)\)", "", text)
    return len([s for s in re.split(r"(?<=[.?!…])\s+", text.strip()) if re.search(r"\w", s)])


def main():
    parsed, formats = {}, {}
    for doc in DOCS:
        files = [f for f in TDIR.glob(doc + ".*")]
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        f = files[0]
        if f.suffix not in READERS:
            problem(f"{doc}: unsupported extension {f.suffix}")
            continue
        try:
            header, turns, _ = READERS[f.suffix](f)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: cannot read {f.name}: {e}")
            continue
        parsed[doc] = (header, turns)
        # format signature: extension + encoding/label style
        sig = f.suffix
        if f.suffix == ".txt":
            raw = f.read_bytes()
            try:
                raw.decode("utf-8")
                sig += "-utf8"
            except UnicodeDecodeError:
                sig += "-cp1252"
        if f.suffix == ".docx":
            with zipfile.ZipFile(f) as z:
                sig += "-bold" if b"<w:b/>" in z.read("word/document.xml") else "-plain"
        formats[doc] = sig

        speakers = {s for s, _ in turns}
        if len(speakers) != 2:
            problem(f"{doc}: expected 2 speakers, found {sorted(speakers)}")
        if not turns or turns[0][0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn is not by the interviewer {INTERVIEWER[doc]!r}")
        for n in range(1, len(turns)):
            if turns[n][0] == turns[n - 1][0]:
                problem(f"{doc}: turns {n} and {n + 1} by the same speaker")
        for h in header:
            m = LABEL.match(STAMP.sub("", h))
            if m and m.group(1) in speakers:
                problem(f"{doc}: header line looks like a turn: {h[:50]}")
        words = sum(len(t.split()) for _, t in turns)
        resp = [t for i, (_, t) in enumerate(turns) if i % 2 == 1]
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= len(resp) <= 45:
            problem(f"{doc}: {len(resp)} respondent turns, outside 10-45")
        full = "\n".join(header + [s + ": " + t for s, t in turns]).lower()
        for w in FORBIDDEN:
            if w in full:
                problem(f"{doc}: forbidden wording {w!r}")

    if len(set(formats.values())) < 4:
        problem(f"fewer than four transcript formats: {sorted(set(formats.values()))}")

    # brief respondents: exactly two documents whose respondents answer in 1-3 sentences
    brief = []
    for doc, (_, turns) in parsed.items():
        resp = [t for i, (_, t) in enumerate(turns) if i % 2 == 1]
        if resp and statistics.median(len(t.split()) for t in resp) <= 25:
            brief.append(doc)
            long = [i for i, (_, t) in enumerate(turns) if i % 2 == 1 and sentences(t) > 3]
            if long:
                problem(f"{doc}: brief respondent has turns with >3 sentences: {[i + 1 for i in long]}")

    # styles.csv
    styles = {}
    with open(ROOT / "styles.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["doc_id"] in styles:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            problem(f"styles.csv: bad style {r['style']}")
        if not r["rationale"].strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if sorted(styles) != DOCS:
        problem(f"styles.csv: documents {sorted(styles)} != {DOCS}")
    cnt = Counter(r["style"] for r in rows)
    if cnt != Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}):
        problem(f"styles.csv: style mix {dict(cnt)} is not 2/2/2")
    kinds = Counter()
    for r in rows:
        if r["style"] == "onbepaald":
            rl = r["rationale"].lower()
            kinds["mixed"] += "mixed" in rl
            kinds["little"] += "too little evidence" in rl
    if kinds != Counter({"mixed": 1, "little": 1}):
        problem("styles.csv: onbepaald should be one 'mixed' and one 'too little evidence'")
    if len(brief) != 2:
        problem(f"expected two brief respondents, found {brief}")
    else:
        bstyles = sorted(styles[d]["style"] for d in brief if d in styles)
        if bstyles != ["casusgericht", "netwerkgericht"]:
            problem(f"brief respondents {brief} should be one casus- and one netwerkgericht: {bstyles}")

    # orientation.csv
    with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")
    per_doc = Counter()
    for r in orows:
        doc, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r['orientation']}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        n = len(parsed[doc][1])
        if ti % 2 != 0 or not 1 <= ti <= n:
            problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn (of {n})")
        per_doc[(doc, r["orientation"])] += 1
    for doc in DOCS:
        st = styles.get(doc, {}).get("style")
        c, nw = per_doc[(doc, "casus")], per_doc[(doc, "netwerk")]
        if st == "casusgericht" and not c > nw:
            problem(f"{doc}: casusgericht but casus rows ({c}) do not outnumber netwerk rows ({nw})")
        if st == "netwerkgericht" and not nw > c:
            problem(f"{doc}: netwerkgericht but netwerk rows ({nw}) do not outnumber casus rows ({c})")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as fh:
        irows = list(csv.DictReader(fh))
    seen, count = set(), Counter()
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        count[doc] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        header, turns = parsed[doc]
        full = "\n".join(header + [s + ": " + t for s, t in turns])
        if ident not in full:
            problem(f"identifiers.csv: {doc} {ident!r} not found verbatim")
    for doc in DOCS:
        if count[doc] < 5:
            problem(f"{doc}: only {count[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
