#!/usr/bin/env python3
"""Check set IH using only the built transcripts and the csv files (standard library only).

Usage: python3 check.py        -> prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TDIR = ROOT / "transcripts"

# speaker labels as they appear in each transcript: label -> I (interviewer) / R (respondent)
SPEAKERS = {
    "ih01": {"Noor Verhagen": "I", "Edwin Sabajo": "R"},
    "ih02": {"Interviewer": "I", "Respondent": "R"},
    "ih03": {"Lotte": "I", "Wim": "R"},
    "ih04": {"Spreker 1": "I", "Spreker 2": "R"},
    "ih05": {"I": "I", "R": "R"},
    "ih06": {"Thijs": "I", "Marjolein": "R"},
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RESP, MAX_RESP = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    alt = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s+)?(" + alt + r"):\s*(.*)$")


def decode_text(doc, data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def turns_from_lines(doc, lines, labels):
    """Label-per-turn formats (txt, docx): a line with a label starts a turn; others before it are header."""
    rx = label_re(labels)
    turns, header = [], []
    for line in lines:
        if not line.strip():
            continue
        m = rx.match(line.strip())
        if m:
            turns.append([labels[m.group(2)], m.group(3).strip()])
        elif not turns:
            header.append(line)
        else:
            turns[-1][1] += " " + line.strip()
    return turns, header


def parse_docx(doc, path):
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    W = "{%s}" % ns["w"]
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: cannot read docx ({e})")
        return None, None
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    turns, _ = turns_from_lines(doc, paras, SPEAKERS[doc])
    return turns, "\n".join(paras)


def parse_txt(doc, path):
    text, _ = decode_text(doc, path.read_bytes())
    if text is None:
        return None, None
    turns, _ = turns_from_lines(doc, text.replace("\r\n", "\n").split("\n"), SPEAKERS[doc])
    return turns, text


TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3}\s+-->\s+\d{2}:\d{2}:\d{2}[.,]\d{3}")


def parse_vtt(doc, path):
    text, enc = decode_text(doc, path.read_bytes())
    if text is None:
        return None, None
    if enc != "utf-8":
        problem(f"{doc}: WebVTT must be UTF-8")
    norm = text.replace("\r\n", "\n")
    if not norm.startswith("WEBVTT"):
        problem(f"{doc}: missing WEBVTT signature")
    labels = SPEAKERS[doc]
    turns = []
    for block in re.split(r"\n\s*\n", norm):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if TIMING.match(l)), None)
        if ti is None:
            problem(f"{doc}: vtt block without timing: {lines[0][:40]!r}")
            continue
        cue = " ".join(lines[ti + 1:])
        m = re.match(r"^<v(?:\.[^\s>]+)?\s+([^>]+)>(.*)$", cue)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {cue[:40]!r}")
            continue
        name, body = m.group(1).strip(), re.sub(r"</v>\s*$", "", m.group(2)).strip()
        if name not in labels:
            problem(f"{doc}: unknown voice {name!r}")
            continue
        spk = labels[name]
        if turns and turns[-1][0] == spk:  # a turn may span several cues
            turns[-1][1] += " " + body
        else:
            turns.append([spk, body])
    return turns, text


def parse_srt(doc, path):
    text, _ = decode_text(doc, path.read_bytes())
    if text is None:
        return None, None
    norm = text.replace("\r\n", "\n")
    rx = label_re(SPEAKERS[doc])
    turns = []
    expect = 1
    for block in re.split(r"\n\s*\n", norm.strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or not TIMING.match(lines[1]):
            problem(f"{doc}: malformed srt block: {block[:40]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: srt cue numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if m:
            turns.append([SPEAKERS[doc][m.group(2)], m.group(3).strip()])
        elif turns:
            turns[-1][1] += " " + body
        else:
            problem(f"{doc}: first srt cue has no speaker name")
    return turns, text


PARSERS = {".docx": parse_docx, ".txt": parse_txt, ".vtt": parse_vtt, ".srt": parse_srt}


def read_csv(name):
    path = ROOT / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def main():
    docs = sorted(SPEAKERS)
    parsed = {}
    for doc in docs:
        files = [p for p in TDIR.glob(f"{doc}.*") if p.suffix in PARSERS]
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {[p.name for p in files]}")
            continue
        turns, fulltext = PARSERS[files[0].suffix](doc, files[0])
        if turns is None:
            continue
        parsed[doc] = (files[0], turns, fulltext)
        for i, (spk, txt) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if spk != want:
                problem(f"{doc}: turn {i} is {spk}, expected {want} (turns must alternate, interviewer first)")
                break
            if not txt.strip():
                problem(f"{doc}: turn {i} is empty")
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == "R")
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{doc}: {words} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        if not MIN_RESP <= nresp <= MAX_RESP:
            problem(f"{doc}: {nresp} respondent turns, outside {MIN_RESP}-{MAX_RESP}")
    formats = {p.suffix for p, _, _ in parsed.values()}
    variants = set()
    for doc, (p, _, _) in parsed.items():
        variants.add((p.suffix, tuple(sorted(SPEAKERS[doc]))))
    if len(formats) < 4:
        problem(f"only {len(formats)} file formats used: {sorted(formats)}")

    # styles.csv
    styles = read_csv("styles.csv")
    sdocs = [r.get("doc_id") for r in styles]
    if sorted(sdocs) != docs:
        problem(f"styles.csv doc ids {sdocs} != {docs}")
    mix = Counter(r.get("style") for r in styles)
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv mix {dict(mix)} != {WANT_MIX}")
    kinds = []
    for r in styles:
        if not (r.get("rationale") or "").strip():
            problem(f"styles.csv: {r.get('doc_id')} has no rationale")
        if r.get("style") == "onbepaald":
            rat = r["rationale"].lower()
            if "mixed" in rat:
                kinds.append("mixed")
            elif "too little evidence" in rat:
                kinds.append("too little evidence")
            else:
                problem(f"styles.csv: {r['doc_id']} onbepaald rationale does not say which kind")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        problem(f"onbepaald kinds {kinds}, expected one mixed and one too little evidence")

    # orientation.csv
    orient = read_csv("orientation.csv")
    keys = []
    for r in orient:
        doc, o = r.get("doc_id"), r.get("orientation")
        try:
            idx = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r} in {doc},{idx}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {doc}")
            continue
        turns = parsed[doc][1]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            problem(f"orientation.csv: {doc},{idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv is not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv has duplicate rows")

    # identifiers.csv
    ids = read_csv("identifiers.csv")
    seen = set()
    per_doc = Counter()
    for r in ids:
        doc, ident, typ = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc},{ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {doc},{ident!r}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {doc}")
            continue
        if not ident or ident not in parsed[doc][2]:
            problem(f"identifiers.csv: {ident!r} does not occur verbatim in {doc}")
    for doc in docs:
        if per_doc[doc] < 5:
            problem(f"{doc}: only {per_doc[doc]} identifiers (need at least 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
