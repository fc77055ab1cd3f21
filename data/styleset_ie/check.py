#!/usr/bin/env python3
"""Check set IE (standard library only). Parses the BUILT transcripts, not the sources.

Checks: one transcript per doc, readable in its expected encoding (and line endings);
turns alternate and start with the interviewer; word range 1500-2600 spoken words and
10-45 respondent turns; orientation rows point at respondent turns, sorted, no duplicates;
every identifier occurs verbatim in its document; styles.csv complete with the requested
mix (2 casusgericht, 2 netwerkgericht, 2 onbepaald of the kind 'too little evidence');
the label words themselves do not occur in the transcripts.
Prints OK or the problems (exit status 1).
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
# doc -> (extension, encoding, line ending or None, interviewer label)
EXPECTED = {
    "ie01": ("docx", None, None, "Floor Dekker"),
    "ie02": ("txt", "cp1252", "\r\n", "I"),
    "ie03": ("vtt", "utf-8", "\n", "Sem Wisse"),
    "ie04": ("srt", "utf-8", "\r\n", "Interviewer"),
    "ie05": ("txt", "utf-8", "\n", "Spreker 1"),
    "ie06": ("docx", None, None, "Interviewer"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\[\]\n]{1,40}):\s+(.*)$", re.S)
TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")

problems = []


def problem(msg):
    problems.append(msg)


def nwords(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag == W + "br":
                buf.append("\n")
        paras.append("".join(buf))
    return paras


def labelled_turns(paras):
    """paras: list of paragraph strings. Speaker labels are the labels used >= 3 times;
    everything before the first such paragraph is header; unlabelled paragraphs after it
    continue the previous turn."""
    cands = [LABEL.match(p.strip()) for p in paras]
    freq = Counter(m.group(1).strip() for m in cands if m)
    speakers = {l for l, n in freq.items() if n >= 3}
    turns = []
    for p, m in zip(paras, cands):
        if not p.strip():
            continue
        if m and m.group(1).strip() in speakers:
            turns.append([m.group(1).strip(), m.group(2).strip()])
        elif turns:
            turns[-1][1] += " " + p.strip()
    return turns


def parse_vtt(text):
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        i = next((k for k, l in enumerate(lines) if TIMING.match(l)), None)
        if i is None:
            problem(f"vtt block without timing: {b[:40]!r}")
            continue
        cue = " ".join(lines[i + 1:])
        m = re.match(r"<v ([^>]+)>(.*?)(?:</v>)?$", cue, re.S)
        if not m:
            problem(f"vtt cue without voice tag: {cue[:40]!r}")
            continue
        who, said = m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def parse_srt(text):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TIMING.match(lines[1]):
            problem(f"srt cue {n} malformed")
            continue
        cues.append(" ".join(l.strip() for l in lines[2:]))
    return labelled_turns(cues)


def load(doc):
    ext, enc, nl, _ = EXPECTED[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None, None
    f = files[0]
    if f.suffix != "." + ext:
        problem(f"{doc}: expected .{ext}, found {f.name}")
    if ext == "docx":
        try:
            paras = docx_paragraphs(f)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx ({e})")
            return None, None
        return "\n".join(paras), labelled_turns(paras)
    raw = f.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc} ({e})")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if nl == "\r\n" and text.count("\r\n") != text.count("\n"):
        problem(f"{doc}: expected CRLF line endings throughout")
    if nl == "\n" and "\r" in text:
        problem(f"{doc}: unexpected CR characters")
    norm = text.replace("\r\n", "\n")
    if ext == "vtt":
        turns = parse_vtt(norm)
    elif ext == "srt":
        turns = parse_srt(norm)
    else:
        turns = labelled_turns(re.split(r"\n\s*\n", norm))
    return norm, turns


def main():
    texts, nturns = {}, {}
    for doc in EXPECTED:
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc] = text
        nturns[doc] = len(turns or [])
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        labels = []
        for t in turns:
            if t[0] not in labels:
                labels.append(t[0])
        if len(labels) != 2:
            problem(f"{doc}: expected 2 speakers, found {labels}")
            continue
        if turns[0][0] != EXPECTED[doc][3]:
            problem(f"{doc}: first turn by {turns[0][0]!r}, expected interviewer {EXPECTED[doc][3]!r}")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} by the same speaker")
        words = sum(nwords(t[1]) for t in turns)
        rturns = sum(1 for t in turns if t[0] != turns[0][0])
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= rturns <= 45:
            problem(f"{doc}: {rturns} respondent turns, outside 10-45")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")

    # styles.csv
    with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    seen = Counter(r["doc_id"] for r in rows)
    for doc in EXPECTED:
        if seen[doc] != 1:
            problem(f"styles.csv: {doc} occurs {seen[doc]} times")
    for r in rows:
        if r["doc_id"] not in EXPECTED:
            problem(f"styles.csv: unknown doc {r['doc_id']}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} without rationale")
        if r["style"] == "onbepaald" and "too little evidence" not in r["rationale"].lower():
            problem(f"styles.csv: {r['doc_id']} onbepaald should be of the kind 'too little evidence'")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != MIX:
        problem(f"styles.csv: mix {dict(mix)} != {MIX}")

    # orientation.csv
    with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc, idx, o = r["doc_id"], r["turn_index"], r["orientation"]
        if doc not in EXPECTED:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if not idx.isdigit():
            problem(f"orientation.csv: bad turn_index {idx!r}")
            continue
        idx = int(idx)
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if idx % 2 != 0 or not 1 <= idx <= nturns.get(doc, 0):
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    per = Counter()
    dup = Counter((r["doc_id"], r["identifier"]) for r in rows)
    for k, n in dup.items():
        if n > 1:
            problem(f"identifiers.csv: {k} listed {n} times")
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        per[doc] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if doc not in texts:
            problem(f"identifiers.csv: no transcript for {doc}")
        elif ident not in texts[doc]:
            problem(f"identifiers.csv: {ident!r} not found verbatim in {doc}")
    for doc in EXPECTED:
        if per[doc] < 5:
            problem(f"identifiers.csv: {doc} has only {per[doc]} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
