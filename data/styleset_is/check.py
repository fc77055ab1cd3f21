#!/usr/bin/env python3
"""Check set IS: parses the BUILT transcripts (not src/) and the three csv files.

Standard library only.  Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

SET = Path(__file__).resolve().parent
TR = SET / "transcripts"
DOCS = [f"is{n:02d}" for n in range(1, 7)]
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
INTERVIEWER = {"i", "int", "interviewer", "onderzoeker", "spreker 1"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LINE = re.compile(r"^(?:\[(\d{1,2}:\d{2}:\d{2})\]\s*)?([^\s:\[][^:]{0,40}?):\s+(.*\S)\s*$")
TIMING = re.compile(r"^\d{2}:\d{2}(?::\d{2})?[.,]\d{3}\s+-->\s+\d{2}:\d{2}(?::\d{2})?[.,]\d{3}")

problems = []


def bad(msg):
    problems.append(msg)


def decode(data, name):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        bad(f"{name}: neither UTF-8 nor Windows-1252")
        return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                parts.append(el.text)
            elif el.tag == W + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def labelled_lines(lines, name):
    """Turns from 'Label: text' lines (txt, docx). Returns list of [label, text]."""
    cand = []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = LINE.match(ln)
        cand.append((m.group(2).strip(), m.group(3)) if m else (None, ln))
    counts = Counter(l for l, _ in cand if l)
    speakers = {l for l, c in counts.items() if c >= 3}
    turns = []
    for label, text in cand:
        if label in speakers:
            if turns and turns[-1][0] == label:
                bad(f"{name}: two consecutive turns by {label!r}")
                turns[-1][1] += " " + text
            else:
                turns.append([label, text])
        elif turns:  # continuation paragraph of the current turn
            full = f"{label}: {text}" if label else text
            turns[-1][1] += " " + full
        # else: header line before the first turn
    return turns


def cue_turns(blocks, name, kind):
    turns = []
    for label, text in blocks:
        if label is None:
            if not turns:
                bad(f"{name}: first cue has no speaker")
                continue
            label = turns[-1][0]
        if turns and turns[-1][0] == label:
            turns[-1][1] += " " + text
        else:
            turns.append([label, text])
    return turns


def parse_vtt(text, name):
    text = text.replace("\r\n", "\n")
    if not text.startswith("WEBVTT"):
        bad(f"{name}: does not start with WEBVTT")
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            continue
        if not TIMING.match(lines[0]):
            lines = lines[1:]  # cue identifier
        if not lines or not TIMING.match(lines[0]):
            bad(f"{name}: block without timing: {block[:50]!r}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if m:
            blocks.append((m.group(1).strip(), re.sub(r"</v>\s*$", "", m.group(2)).strip()))
        else:
            blocks.append((None, body.strip()))
    return cue_turns(blocks, name, "vtt")


def parse_srt(text, name):
    text = text.replace("\r\n", "\n")
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or not TIMING.match(lines[1]):
            bad(f"{name}: malformed srt block: {block[:50]!r}")
            continue
        body = " ".join(lines[2:])
        m = LINE.match(body)
        blocks.append((m.group(2).strip(), m.group(3)) if m else (None, body.strip()))
    return cue_turns(blocks, name, "srt")


def load(doc):
    files = [p for p in TR.glob(doc + ".*")]
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {[p.name for p in files]}")
        return None, None, None
    path = files[0]
    ext = path.suffix.lower().lstrip(".")
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{path.name}: unreadable docx ({e})")
            return None, None, ext
        return labelled_lines(paras, path.name), "\n".join(paras), ext
    text, _ = decode(path.read_bytes(), path.name)
    if text is None:
        return None, None, ext
    if "\ufffd" in text:
        bad(f"{path.name}: contains replacement characters")
    if ext == "txt":
        return labelled_lines(text.splitlines(), path.name), text, ext
    if ext == "vtt":
        return parse_vtt(text, path.name), text, ext
    if ext == "srt":
        return parse_srt(text, path.name), text, ext
    bad(f"{path.name}: unknown transcript extension")
    return None, text, ext


def read_csv(name, header):
    path = SET / name
    if not path.exists():
        bad(f"{name}: missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    info, exts = {}, set()
    for doc in DOCS:
        turns, fulltext, ext = load(doc)
        exts.add(ext)
        if turns is None:
            continue
        labels = []
        for l, _ in turns:
            if l not in labels:
                labels.append(l)
        if len(labels) != 2:
            bad(f"{doc}: expected 2 speakers, found {labels}")
            continue
        ints = [l for l in labels if l.lower() in INTERVIEWER]
        if len(ints) != 1:
            bad(f"{doc}: cannot identify the interviewer among {labels}")
            continue
        if turns[0][0] != ints[0]:
            bad(f"{doc}: first turn is not the interviewer")
        for k in range(1, len(turns)):
            if turns[k][0] == turns[k - 1][0]:
                bad(f"{doc}: turns do not alternate at {k + 1}")
        roles = ["I" if l == ints[0] else "R" for l, _ in turns]
        words = sum(len(t.split()) for _, t in turns)
        nresp = roles.count("R")
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} words outside {WORDS}")
        if not RTURNS[0] <= nresp <= RTURNS[1]:
            bad(f"{doc}: {nresp} respondent turns outside {RTURNS}")
        info[doc] = {"roles": roles, "text": fulltext, "words": words, "nresp": nresp}
    if len(exts & {"docx", "txt", "vtt", "srt"}) < 4:
        bad(f"fewer than four transcript formats: {sorted(e for e in exts if e)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = Counter(r[0] for r in rows)
    for doc in DOCS:
        if seen[doc] != 1:
            bad(f"styles.csv: {doc} appears {seen[doc]} times")
    styles = {r[0]: r for r in rows if len(r) == 3}
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS:
            bad(f"styles.csv: bad row {r}")
        elif r[1] not in MIX:
            bad(f"styles.csv: bad style {r[1]!r} for {r[0]}")
        elif not r[2].strip():
            bad(f"styles.csv: empty rationale for {r[0]}")
    mix = Counter(r[1] for r in styles.values())
    if dict(mix) != MIX:
        bad(f"styles.csv: mix {dict(mix)} != {MIX}")
    onb = [r[2].lower() for r in styles.values() if r[1] == "onbepaald"]
    if not (any("mixed" in x for x in onb) and any("too little evidence" in x for x in onb)):
        bad("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in info or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad row {r}")
            continue
        idx = int(r[1])
        keys.append((r[0], idx))
        roles = info[r[0]]["roles"]
        if not 1 <= idx <= len(roles) or roles[idx - 1] != "R":
            bad(f"orientation.csv: {r[0]} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per = Counter()
    pairs = Counter((r[0], r[1]) for r in rows if len(r) == 3)
    for (d, i), c in pairs.items():
        if c > 1:
            bad(f"identifiers.csv: {d} {i!r} listed {c} times")
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            bad(f"identifiers.csv: bad row {r}")
            continue
        per[r[0]] += 1
        if r[0] in info and r[1] not in info[r[0]]["text"]:
            bad(f"identifiers.csv: {r[0]} {r[1]!r} not found verbatim in transcript")
    for doc in DOCS:
        if per[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per[doc]} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    for doc in DOCS:
        i = info[doc]
        print(f"{doc}: {i['words']} words, {i['nresp']} respondent turns, style {styles[doc][1]}",
              file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
