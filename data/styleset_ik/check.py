#!/usr/bin/env python3
"""Check set IK from its BUILT transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = {
    # doc_id: (extension, encoding, interviewer label)
    "ik01": ("docx", None, "Interviewer"),
    "ik02": ("vtt", "utf-8", "Interviewer"),
    "ik03": ("txt", "cp1252", "I"),
    "ik04": ("srt", "utf-8", "Joost"),
    "ik05": ("txt", "utf-8", "Spreker 1"),
    "ik06": ("docx", None, "Interviewer"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?([^\s:\[][^:]{0,30}?):\s+(\S.*)$")
TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d\d\d --> \d\d:\d\d:\d\d[.,]\d\d\d")

problems = []


def bad(msg):
    problems.append(msg)


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W + "p"):
        lines.append("".join(t.text or "" for t in p.iter(W + "t")))
    return lines


def turns_from_labelled(lines, doc):
    """Lines with 'Label: text'; labels used >= 3 times are speakers, the rest is header/continuation."""
    cands = Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            cands[m.group(2)] += 1
    speakers = {k for k, v in cands.items() if v >= 3}
    if len(speakers) != 2:
        bad(f"{doc}: expected 2 speaker labels, found {sorted(speakers)}")
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2) in speakers:
            started = True
            turns.append([m.group(2), m.group(3)])
        elif started:
            turns[-1][1] += " " + s
    return turns


def cue_blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def turns_from_vtt(text, doc):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    turns = []
    for b in cue_blocks(text)[1:]:
        ls = b.splitlines()
        if ls[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(ls) if TIMING.match(l)), None)
        if ti is None:
            bad(f"{doc}: vtt block without timing: {ls[0][:40]}")
            continue
        body = " ".join(ls[ti + 1:])
        m = re.match(r"<v\s+([^>]+)>(.*)$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        spk, txt = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def turns_from_srt(text, doc):
    turns = []
    for b in cue_blocks(text):
        ls = b.splitlines()
        if len(ls) < 3 or not ls[0].strip().isdigit() or not TIMING.match(ls[1]):
            bad(f"{doc}: malformed srt cue: {ls[0][:30]}")
            continue
        body = " ".join(ls[2:])
        m = re.match(r"^([^:]{1,30}):\s+(.*)$", body)
        if not m:
            bad(f"{doc}: srt cue without speaker: {body[:40]}")
            continue
        spk, txt = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc):
    ext, enc, _ = DOCS[doc]
    found = sorted(TR.glob(doc + ".*"))
    if len(found) != 1:
        bad(f"{doc}: expected exactly one transcript, found {[f.name for f in found]}")
        return None, []
    path = found[0]
    if path.suffix != "." + ext:
        bad(f"{doc}: expected .{ext}, found {path.name}")
        return None, []
    if ext == "docx":
        try:
            lines = read_docx(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: unreadable docx ({e})")
            return None, []
        return "\n".join(lines), turns_from_labelled(lines, doc)
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc} ({e})")
        return None, []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: cp1252 file also decodes as utf-8 (no non-ASCII characters?)")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            bad(f"{doc}: cp1252 transcript should use CRLF line endings throughout")
    text = text.replace("\r\n", "\n")
    if ext == "vtt":
        return text, turns_from_vtt(text, doc)
    if ext == "srt":
        return text, turns_from_srt(text, doc)
    return text, turns_from_labelled(text.split("\n"), doc)


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        bad(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    texts, nturns = {}, {}
    for doc, (_, _, int_label) in DOCS.items():
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc] = text
        nturns[doc] = len(turns)
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: forbidden word {w!r} in transcript")
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        labels = []
        for t in turns:
            if t[0] not in labels:
                labels.append(t[0])
        if len(labels) != 2:
            bad(f"{doc}: expected 2 speakers, got {labels}")
            continue
        if turns[0][0] != int_label:
            bad(f"{doc}: first turn by {turns[0][0]!r}, expected interviewer {int_label!r}")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                bad(f"{doc}: turns {i} and {i + 1} by the same speaker")
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words, outside 1500-2600")
        resp = sum(1 for t in turns if t[0] != int_label)
        if not 10 <= resp <= 45:
            bad(f"{doc}: {resp} respondent turns, outside 10-45")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        bad(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    mix = Counter(r[1] for r in rows if len(r) == 3)
    if dict(mix) != WANT_MIX:
        bad(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
    kinds = Counter()
    for r in rows:
        if len(r) != 3 or not r[2].strip():
            bad(f"styles.csv: bad row {r}")
            continue
        if r[1] == "onbepaald":
            rl = r[2].lower()
            if "mixed" in rl:
                kinds["mixed"] += 1
            elif "too little evidence" in rl:
                kinds["little"] += 1
            else:
                bad(f"styles.csv: onbepaald row {r[0]} does not say which kind")
    if kinds != Counter({"mixed": 1, "little": 1}):
        bad(f"styles.csv: onbepaald kinds {dict(kinds)}, want one mixed and one too little evidence")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad row {r}")
            continue
        k = (r[0], int(r[1]))
        keys.append(k)
        if k[1] % 2 != 0:
            bad(f"orientation.csv: {r} is not a respondent turn (odd index)")
        if r[0] in nturns and not 1 <= k[1] <= nturns[r[0]]:
            bad(f"orientation.csv: {r} beyond the {nturns[r[0]]} turns of the document")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = Counter()
    seen = set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            bad(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            bad(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            bad(f"identifiers.csv: {r[0]} {r[1]!r} not found verbatim in transcript")
    for doc in DOCS:
        if per_doc[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
