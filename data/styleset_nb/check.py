#!/usr/bin/env python3
"""Check set nb: parses the BUILT transcripts (not the sources) with the standard library only.

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc_id -> expected file, encoding, interviewer label, respondent label
DOCS = {
    "nb01": ("nb01.docx", "docx", "Joost", "Marloes"),
    "nb02": ("nb02.txt", "cp1252", "I", "R"),
    "nb03": ("nb03.vtt", "vtt", "Pieter de Bruin", "Nadia Amrani"),
    "nb04": ("nb04.srt", "srt", "Lotte", "Bart"),
    "nb05": ("nb05.txt", "utf-8", "Spreker 1", "Spreker 2"),
    "nb06": ("nb06.docx", "docx", "Interviewer", "Respondent"),
}
WANT_MIX = {"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
METADATA_KEYS = {"respondent", "datum", "opname", "duur", "interviewer", "locatie"}
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")

problems = []


def bad(msg):
    problems.append(msg)


# ---------------------------------------------------------------- parsers
def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def split_labelled(lines, ilab, rlab, prefix=r""):
    """lines -> (header lines, [(role, text)]). A turn line is [prefix]Label: text."""
    pat = re.compile(r"^" + prefix + r"(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$")
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            turns.append(("I" if m.group(1) == ilab else "R", m.group(2).strip()))
        elif not turns:
            header.append(ln)
        else:
            # continuation line of the previous turn
            role, text = turns[-1]
            turns[-1] = (role, text + " " + ln.strip())
    return header, turns


def merge_cues(cues):
    turns = []
    for role, text in cues:
        if turns and turns[-1][0] == role:
            turns[-1] = (role, turns[-1][1] + " " + text)
        else:
            turns.append((role, text))
    return turns


def parse(doc_id):
    fn, enc, ilab, rlab = DOCS[doc_id]
    path = os.path.join(TR, fn)
    raw = open(path, "rb").read()
    if enc == "docx":
        paras = docx_paragraphs(path)
        header, turns = split_labelled(paras, ilab, rlab)
        return "\n".join(paras), header, turns
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{doc_id}: {fn} decodes as UTF-8, expected Windows-1252")
        except UnicodeDecodeError:
            pass
        text = raw.decode("cp1252")
        if re.search(r"(?<!\r)\n", text):
            bad(f"{doc_id}: {fn} has bare LF line endings, expected CRLF")
        header, turns = split_labelled(text.split("\r\n"), ilab, rlab)
        return text, header, turns
    text = raw.decode("utf-8")
    if enc == "utf-8":
        header, turns = split_labelled(text.split("\n"), ilab, rlab, prefix=r"\[\d\d:\d\d:\d\d\]\s+")
        return text, header, turns
    if enc == "vtt":
        lines = text.split("\n")
        if lines[0].strip() != "WEBVTT":
            bad(f"{doc_id}: missing WEBVTT signature")
        blocks = re.split(r"\n\s*\n", text.strip())
        header, cues = [], []
        for b in blocks[1:]:
            bl = b.split("\n")
            if bl[0].startswith("NOTE"):
                header += bl[1:]
                continue
            if "-->" not in bl[0]:
                bad(f"{doc_id}: vtt block without timing: {bl[0][:40]!r}")
                continue
            body = " ".join(bl[1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
            if not m or m.group(1) not in (ilab, rlab):
                bad(f"{doc_id}: vtt cue without known voice tag: {body[:40]!r}")
                continue
            cues.append(("I" if m.group(1) == ilab else "R", m.group(2).strip()))
        return text, header, merge_cues(cues)
    if enc == "srt":
        blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
        cues, last = [], None
        for k, b in enumerate(blocks, 1):
            bl = b.splitlines()
            if bl[0].strip() != str(k) or "-->" not in bl[1]:
                bad(f"{doc_id}: srt cue {k} malformed")
                continue
            body = " ".join(x.strip() for x in bl[2:])
            m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$", body)
            if m:
                last = "I" if m.group(1) == ilab else "R"
                cues.append((last, m.group(2)))
            elif last:
                cues.append((last, body))
            else:
                bad(f"{doc_id}: srt cue {k} without speaker")
        return text, [], merge_cues(cues)
    raise ValueError(enc)


# ---------------------------------------------------------------- checks
def main():
    files = sorted(os.listdir(TR)) if os.path.isdir(TR) else []
    exts = set()
    parsed = {}
    for doc_id, (fn, enc, ilab, rlab) in DOCS.items():
        mine = [f for f in files if f.split(".")[0] == doc_id]
        if mine != [fn]:
            bad(f"{doc_id}: expected exactly one transcript {fn}, found {mine}")
            continue
        exts.add(fn.rsplit(".", 1)[1])
        try:
            full, header, turns = parse(doc_id)
        except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
            bad(f"{doc_id}: {fn} not readable: {e}")
            continue
        parsed[doc_id] = (full, turns)
        for h in header:
            m = re.match(r"^\s*([^:]{1,40}):\s", h)
            if m and m.group(1).strip().lower() not in METADATA_KEYS:
                bad(f"{doc_id}: header line looks like a speaker turn: {h[:50]!r}")
        if not turns:
            bad(f"{doc_id}: no turns parsed")
            continue
        for i, (role, _) in enumerate(turns):
            if role != ("I" if i % 2 == 0 else "R"):
                bad(f"{doc_id}: turns do not alternate at turn {i + 1}")
                break
        nr = sum(1 for r, _ in turns if r == "R")
        if not 10 <= nr <= 45:
            bad(f"{doc_id}: {nr} respondent turns (want 10-45)")
        words = sum(len(WORD_RE.findall(t)) for _, t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc_id}: {words} spoken words (want 1500-2600)")
        if FORBIDDEN.search(full):
            bad(f"{doc_id}: forbidden label word in transcript: {FORBIDDEN.search(full).group(0)}")
    for f in files:
        if f.split(".")[0] not in DOCS:
            bad(f"unexpected file in transcripts/: {f}")
    if len(exts) < 4:
        bad(f"only {len(exts)} transcript formats: {sorted(exts)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except OSError as e:
        rows = []
        bad(f"styles.csv: {e}")
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        bad(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    mix = {}
    kinds = []
    for r in rows:
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if not (r.get("rationale") or "").strip():
            bad(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald":
            rat = r["rationale"].lower()
            if "mixed" in rat:
                kinds.append("mixed")
            elif "too little evidence" in rat:
                kinds.append("little")
            else:
                bad(f"styles.csv: {r['doc_id']} onbepaald rationale does not say which kind")
    if mix != WANT_MIX:
        bad(f"styles.csv: style mix {mix} != {WANT_MIX}")
    if sorted(kinds) != ["little", "mixed"]:
        bad(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    try:
        orows = list(csv.reader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except OSError as e:
        orows = [["doc_id", "turn_index", "orientation"]]
        bad(f"orientation.csv: {e}")
    if orows[0] != ["doc_id", "turn_index", "orientation"]:
        bad("orientation.csv: bad header")
    keys = []
    for r in orows[1:]:
        doc_id, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc_id, idx))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r}")
        if doc_id not in parsed:
            bad(f"orientation.csv: unknown doc {doc_id}")
            continue
        turns = parsed[doc_id][1]
        if not (1 <= idx <= len(turns)) or turns[idx - 1][0] != "R" or idx % 2:
            bad(f"orientation.csv: {doc_id} turn {idx} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        bad("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except OSError as e:
        irows = []
        bad(f"identifiers.csv: {e}")
    seen = set()
    count = {}
    for r in irows:
        d, s, t = r["doc_id"], r["identifier"], r["type"]
        if (d, s) in seen:
            bad(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        count[d] = count.get(d, 0) + 1
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {t} for {d} {s!r}")
        if d not in parsed:
            bad(f"identifiers.csv: unknown doc {d}")
            continue
        full, turns = parsed[d]
        joined = " ".join(x for _, x in turns)
        if s not in full and s not in joined:
            bad(f"identifiers.csv: {d} {s!r} not found verbatim in transcript")
    for d in DOCS:
        if count.get(d, 0) < 5:
            bad(f"identifiers.csv: {d} has {count.get(d, 0)} identifiers (want >= 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
