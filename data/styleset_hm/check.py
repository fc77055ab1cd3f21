#!/usr/bin/env python3
"""Check set HM: parses the built transcripts (not the sources) with the standard library only.

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc_id -> (extension, encoding, line ending, interviewer label, respondent label)
DOCS = {
    "hm01": ("docx", None, None, "Interviewer", "Jerry"),
    "hm02": ("txt", "cp1252", "\r\n", "I", "R"),
    "hm03": ("vtt", "utf-8", "\n", "Sophie van Loon", "Annemarie Dekker"),
    "hm04": ("srt", "utf-8", "\r\n", "Lotte", "Marieke"),
    "hm05": ("txt", "utf-8", "\n", "Spreker 1", "Spreker 2"),
    "hm06": ("docx", None, None, "I", "R"),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def read_text(path, enc, eol, doc):
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: expected a Windows-1252 file with non-ASCII characters, but it decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        text = text[1:]
    if eol == "\r\n":
        if "\n" in text.replace("\r\n", ""):
            bad(f"{doc}: expected CRLF line endings throughout")
    elif "\r" in text:
        bad(f"{doc}: unexpected CR characters")
    return text.replace("\r\n", "\n")


def label_line(line, labels):
    for lab in labels:
        if line.startswith(lab + ": "):
            return lab, line[len(lab) + 2:]
    return None


def parse_lines(lines, labels, doc):
    """Header = lines before the first labelled line; unlabelled later lines continue a turn."""
    header, segs = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        hit = label_line(line, labels)
        if hit:
            segs.append(hit)
        elif not segs:
            header.append(line)
        else:
            segs[-1] = (segs[-1][0], segs[-1][1] + " " + line)
    return header, segs


def parse_docx(path, labels, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        bad(f"{doc}: cannot read docx: {e}")
        return [], []
    lines = []
    for p in root.iter(W + "p"):
        lines.append("".join(t.text or "" for t in p.iter(W + "t")))
    return parse_lines(lines, labels, doc)


def parse_ts(text, labels, doc):
    header, segs = [], []
    rx = re.compile(r"^\[(\d\d):([0-5]\d):([0-5]\d)\] (" + "|".join(map(re.escape, labels)) + r"): (.*)$")
    last = -1
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if sec < last:
                bad(f"{doc}: timestamps go backwards at {line[:30]}")
            last = sec
            segs.append((m.group(4), m.group(5)))
        elif not segs:
            header.append(line)
        else:
            bad(f"{doc}: unlabelled line after the first turn: {line[:50]}")
    return header, segs


TC_VTT = re.compile(r"^(\d\d:)?\d\d:\d\d\.\d{3} --> (\d\d:)?\d\d:\d\d\.\d{3}")
TC_SRT = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")


def parse_vtt(text, labels, doc):
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT signature")
        return [], []
    header, segs = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            rest = lines[0][4:].strip()
            header += ([rest] if rest else []) + [l.strip() for l in lines[1:] if l.strip()]
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None or not TC_VTT.match(lines[idx]):
            bad(f"{doc}: malformed cue: {b[:50]}")
            continue
        body = " ".join(l.strip() for l in lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m or m.group(1) not in labels:
            bad(f"{doc}: cue without known voice tag: {body[:50]}")
            continue
        segs.append((m.group(1), m.group(2)))
    return header, segs


def parse_srt(text, labels, doc):
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    segs = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TC_SRT.match(lines[1].strip()):
            bad(f"{doc}: malformed srt cue {n}: {b[:50]}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        hit = label_line(body, labels)
        if not hit:
            bad(f"{doc}: srt cue {n} does not start with a speaker name")
            continue
        segs.append(hit)
    return [], segs


def merge(segs):
    turns = []
    for lab, txt in segs:
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + txt)
        else:
            turns.append((lab, txt))
    return turns


def main():
    parsed = {}
    for doc, (ext, enc, eol, ilab, rlab) in DOCS.items():
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            bad(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
            continue
        path = files[0]
        if path.suffix != "." + ext:
            bad(f"{doc}: expected .{ext}, found {path.name}")
            continue
        labels = (ilab, rlab)
        if ext == "docx":
            header, segs = parse_docx(path, labels, doc)
        else:
            text = read_text(path, enc, eol, doc)
            if text is None:
                continue
            if ext == "vtt":
                header, segs = parse_vtt(text, labels, doc)
            elif ext == "srt":
                header, segs = parse_srt(text, labels, doc)
            elif doc == "hm05":
                header, segs = parse_ts(text, labels, doc)
            else:
                header, segs = parse_lines(text.split("\n"), labels, doc)
        # cues of one speaker in a row form one turn (vtt/srt); labelled paragraphs are turns as they are
        turns = merge(segs) if ext in ("vtt", "srt") else list(segs)
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        for i, (lab, _) in enumerate(turns, 1):
            want = ilab if i % 2 == 1 else rlab
            if lab != want:
                bad(f"{doc}: turn {i} is spoken by {lab!r}, expected {want!r}")
                break
        nresp = sum(1 for lab, _ in turns if lab == rlab)
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns (allowed 10-45)")
        words = sum(len(t.split()) for _, t in turns)
        words_clean = sum(len(re.sub(r"\([^)]*\)", " ", t).split()) for _, t in turns)
        if not (1500 <= words <= 2600 and 1500 <= words_clean <= 2600):
            bad(f"{doc}: {words} spoken words, {words_clean} without (annotations) (allowed 1500-2600)")
        full = "\n".join(header + [t for _, t in turns]).lower()
        for f in FORBIDDEN:
            if f in full:
                bad(f"{doc}: forbidden word {f!r} in transcript")
        units = header + list(labels) + [t for _, t in segs]
        parsed[doc] = dict(turns=turns, rlab=rlab, units=units, words=words, nresp=nresp)

    # styles.csv
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "style", "rationale"]:
            bad("styles.csv: wrong header")
        seen = {}
        for r in rows[1:]:
            if len(r) != 3:
                bad(f"styles.csv: bad row {r}")
                continue
            doc, style, why = r
            if doc in seen:
                bad(f"styles.csv: duplicate {doc}")
            seen[doc] = style
            if doc not in DOCS:
                bad(f"styles.csv: unknown doc {doc}")
            if style not in WANTED_MIX:
                bad(f"styles.csv: bad style {style!r} for {doc}")
            if not why.strip():
                bad(f"styles.csv: empty rationale for {doc}")
            if style == "onbepaald" and "too little evidence" not in why.lower():
                bad(f"styles.csv: {doc} must be onbepaald of the 'too little evidence' kind and say so")
        if set(seen) != set(DOCS):
            bad(f"styles.csv: docs missing: {sorted(set(DOCS) - set(seen))}")
        mix = {s: list(seen.values()).count(s) for s in WANTED_MIX}
        if mix != WANTED_MIX:
            bad(f"styles.csv: mix {mix}, wanted {WANTED_MIX}")
    except (OSError, IndexError) as e:
        bad(f"styles.csv: {e}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "turn_index", "orientation"]:
            bad("orientation.csv: wrong header")
        keys = []
        for r in rows[1:]:
            if len(r) != 3 or not r[1].isdigit():
                bad(f"orientation.csv: bad row {r}")
                continue
            doc, idx, o = r[0], int(r[1]), r[2]
            keys.append((doc, idx))
            if o not in ("casus", "netwerk"):
                bad(f"orientation.csv: bad orientation {o!r}")
            if doc not in parsed:
                bad(f"orientation.csv: unknown or unparsed doc {doc}")
                continue
            turns = parsed[doc]["turns"]
            if not 1 <= idx <= len(turns):
                bad(f"orientation.csv: {doc} turn {idx} out of range (1-{len(turns)})")
            elif idx % 2 or turns[idx - 1][0] != parsed[doc]["rlab"]:
                bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            bad("orientation.csv: rows not sorted")
        if len(keys) != len(set(keys)):
            bad("orientation.csv: duplicate rows")
    except (OSError, IndexError) as e:
        bad(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "identifier", "type"]:
            bad("identifiers.csv: wrong header")
        seen, count = set(), {d: 0 for d in DOCS}
        for r in rows[1:]:
            if len(r) != 3:
                bad(f"identifiers.csv: bad row {r}")
                continue
            doc, ident, ty = r
            if (doc, ident) in seen:
                bad(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            if ty not in TYPES:
                bad(f"identifiers.csv: bad type {ty!r} for {ident!r}")
            if doc not in parsed:
                bad(f"identifiers.csv: unknown or unparsed doc {doc}")
                continue
            count[doc] += 1
            if not any(ident in u for u in parsed[doc]["units"]):
                bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
        for d, n in count.items():
            if n < 5:
                bad(f"identifiers.csv: {d} has only {n} identifiers (need at least 5)")
    except (OSError, IndexError) as e:
        bad(f"identifiers.csv: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
