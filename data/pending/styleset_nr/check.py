#!/usr/bin/env python3
"""Check blind set 'nr' against its brief, reading the BUILT transcripts (standard library only).

Usage:  python3 check.py        -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

SET = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(SET, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label, crlf required)
DOCS = {
    "nr01": ("docx", None, "Interviewer", "Respondent", False),
    "nr02": ("txt", "cp1252", "I", "R", True),
    "nr03": ("vtt", "utf-8", "Noor Hendriks", "Karim Bouzid", False),
    "nr04": ("srt", "utf-8", "Bart", "Marieke", True),
    "nr05": ("txt", "utf-8", "Spreker 1", "Spreker 2", False),
    "nr06": ("docx", None, "Jasper", "Ineke", False),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def merge(seq):
    """Merge consecutive (speaker, text) pieces of the same speaker into turns."""
    turns = []
    for spk, txt in seq:
        if turns and turns[-1][0] == spk:
            turns[-1][1] = (turns[-1][1] + " " + txt).strip()
        else:
            turns.append([spk, txt])
    return turns


def parse_labelled_lines(lines, labels, pattern):
    """Lines with 'Label: text' (optionally timestamped) start turns; others before the first turn
    are header, after it continuation paragraphs."""
    seq, header = [], []
    rx = re.compile(pattern)
    for ln in lines:
        if not ln.strip():
            continue
        m = rx.match(ln)
        if m and m.group("lab") in labels:
            seq.append((m.group("lab"), m.group("txt")))
        elif seq:
            seq[-1] = (seq[-1][0], seq[-1][1] + " " + ln.strip())
        else:
            header.append(ln)
    return merge(seq), header


def read_doc(doc, path, ext, enc, labels, crlf):
    raw = open(path, "rb").read()
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = []
        for p in root.iter(W + "p"):
            paras.append("".join(t.text or "" for t in p.iter(W + "t")))
        full = "\n".join(paras)
        turns, _ = parse_labelled_lines(paras, labels, r"^(?P<lab>[^:]{1,40}):\s*(?P<txt>.*)$")
        return full, turns
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return "", []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if re.search(rb"[\x80-\xff]", raw):
                prob(f"{doc}: declared Windows-1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if crlf and ("\n" in text.replace("\r\n", "")):
        prob(f"{doc}: bare LF line endings in a CRLF file")
    lines = text.replace("\r\n", "\n").split("\n")
    if ext == "txt":
        if labels[0].startswith("Spreker"):
            pat = r"^\[\d\d:\d\d:\d\d\]\s+(?P<lab>Spreker \d):\s*(?P<txt>.*)$"
        else:
            pat = r"^(?P<lab>[^:\s]{1,20}):\s*(?P<txt>.*)$"
        turns, _ = parse_labelled_lines(lines, labels, pat)
        return text, turns
    blocks = re.split(r"\n\s*\n", "\n".join(lines).strip())
    seq = []
    if ext == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            prob(f"{doc}: missing WEBVTT signature")
        for b in blocks[1:]:
            bl = b.split("\n")
            if bl[0].startswith("NOTE"):
                continue
            i = next((k for k, x in enumerate(bl) if "-->" in x), None)
            if i is None:
                prob(f"{doc}: cue without timing: {bl[0][:40]}")
                continue
            body = " ".join(bl[i + 1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                prob(f"{doc}: cue without voice tag: {body[:40]}")
                continue
            seq.append((m.group(1), m.group(2)))
    elif ext == "srt":
        for n, b in enumerate(blocks, 1):
            bl = b.split("\n")
            if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
                prob(f"{doc}: malformed srt block {n}")
                continue
            body = " ".join(bl[2:])
            m = re.match(r"^([^:]{1,40}):\s*(.*)$", body)
            if not m or m.group(1) not in labels:
                prob(f"{doc}: srt cue {n} without a known speaker")
                continue
            seq.append((m.group(1), m.group(2)))
    return text, merge(seq)


def main():
    def load(name):
        p = os.path.join(SET, name)
        if not os.path.exists(p):
            prob(f"missing {name}")
            return []
        with open(p, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    styles = load("styles.csv")
    oris = load("orientation.csv")
    idents = load("identifiers.csv")

    info = {}
    for doc, (ext, enc, il, rl, crlf) in DOCS.items():
        found = [f for f in os.listdir(TR) if f.split(".")[0] == doc] if os.path.isdir(TR) else []
        if len(found) != 1:
            prob(f"{doc}: expected exactly one transcript, found {found}")
            continue
        if not found[0].endswith("." + ext):
            prob(f"{doc}: expected .{ext}, found {found[0]}")
            continue
        full, turns = read_doc(doc, os.path.join(TR, found[0]), ext, enc, (il, rl), crlf)
        if not turns:
            prob(f"{doc}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if spk != want:
                prob(f"{doc}: turn {i} spoken by {spk!r}, expected {want!r}")
                break
        words = sum(len(WORD.findall(t)) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == rl)
        if not 1500 <= words <= 2600:
            prob(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            prob(f"{doc}: {nresp} respondent turns, outside 10-45")
        info[doc] = (full, turns, rl, words, nresp)

    # styles
    seen = {}
    for r in styles:
        d, s, why = r.get("doc_id"), r.get("style"), (r.get("rationale") or "").strip()
        if d not in DOCS:
            prob(f"styles.csv: unknown doc {d}")
        if d in seen:
            prob(f"styles.csv: duplicate {d}")
        seen[d] = s
        if s not in MIX:
            prob(f"styles.csv: bad style {s!r} for {d}")
        if not why:
            prob(f"styles.csv: empty rationale for {d}")
        if s == "onbepaald" and not re.search(r"mixed|too little evidence", why, re.I):
            prob(f"styles.csv: onbepaald rationale for {d} does not say which kind")
    if set(seen) != set(DOCS):
        prob(f"styles.csv: docs missing {sorted(set(DOCS) - set(seen))}")
    for s, n in MIX.items():
        if list(seen.values()).count(s) != n:
            prob(f"styles.csv: {list(seen.values()).count(s)} x {s}, expected {n}")

    # orientation
    keys = []
    for r in oris:
        d, o = r.get("doc_id"), r.get("orientation")
        try:
            t = int(r.get("turn_index"))
        except (TypeError, ValueError):
            prob(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, t))
        if o not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {o!r} ({d},{t})")
        if d not in info:
            prob(f"orientation.csv: unknown doc {d}")
            continue
        turns, rl = info[d][1], info[d][2]
        if not 1 <= t <= len(turns) or turns[t - 1][0] != rl or t % 2:
            prob(f"orientation.csv: ({d},{t}) is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv: duplicate rows")

    # identifiers
    per = {}
    pairs = set()
    for r in idents:
        d, s, t = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (d, s) in pairs:
            prob(f"identifiers.csv: duplicate ({d},{s!r})")
        pairs.add((d, s))
        if t not in TYPES:
            prob(f"identifiers.csv: bad type {t!r} for {s!r}")
        if d not in info:
            prob(f"identifiers.csv: unknown doc {d}")
            continue
        per[d] = per.get(d, 0) + 1
        if not s or s not in info[d][0]:
            prob(f"identifiers.csv: {s!r} does not occur verbatim in {d}")
    for d in DOCS:
        if per.get(d, 0) < 5:
            prob(f"identifiers.csv: only {per.get(d, 0)} identifiers for {d}")

    exts = {DOCS[d][0] for d in DOCS}
    if len(exts) < 4:
        prob(f"only {len(exts)} different transcript formats")

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
