#!/usr/bin/env python3
"""Check the setJX deliverables against the built transcripts (standard library only).

Usage: python3 check.py        (prints OK, or the problems and exits with status 1)
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
# doc id -> label of the interviewer (the speaker who must open the interview)
INTERVIEWER = {"jx01": "Interviewer", "jx02": "I", "jx03": "Interviewer",
               "jx04": "Interviewer", "jx05": "Spreker 1", "jx06": "Sanne"}
MIX = {"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([^:\[\]<>]{1,40}?):\s+(\S.*)$")
TIMING = re.compile(r"^(\d{2}:)?\d{2}:\d{2}[.,]\d{3}\s+-->\s+(\d{2}:)?\d{2}:\d{2}[.,]\d{3}")
VOICE = re.compile(r"<v(?:\.[^\s>]+)?\s+([^>]+)>")

problems = []


def problem(msg):
    problems.append(msg)


def decode(path):
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
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
            elif el.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def labelled_turns(doc, lines):
    """Turns from 'Label: text' lines; lines before the first turn are header."""
    parsed = [(i, LABEL.match(l.strip())) for i, l in enumerate(lines) if l.strip()]
    counts = Counter(m.group(2).strip() for _, m in parsed if m)
    speakers = {lab for lab, n in counts.items() if n >= 3}
    turns, started = [], False
    for i, m in parsed:
        if m and m.group(2).strip() in speakers:
            started = True
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif started:
            problem(f"{doc}: line {i + 1} after the first turn has no speaker label: "
                    f"{lines[i].strip()[:50]!r}")
    return turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def vtt_turns(doc, text):
    blocks = cue_blocks(text)
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
        return []
    cues = []
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE") or ls[0].startswith("STYLE"):
            continue
        k = next((j for j, l in enumerate(ls) if TIMING.match(l)), None)
        if k is None:
            problem(f"{doc}: vtt block without timing: {ls[0][:40]!r}")
            continue
        body = " ".join(ls[k + 1:])
        m = VOICE.search(body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"<[^>]+>", "", body).strip()))
    return merge(cues)


def srt_turns(doc, text):
    cues = []
    for b in cue_blocks(text):
        ls = b.split("\n")
        if len(ls) < 3 or not ls[0].strip().isdigit() or not TIMING.match(ls[1]):
            problem(f"{doc}: malformed srt block: {ls[0][:30]!r}")
            continue
        body = " ".join(l.strip() for l in ls[2:])
        m = LABEL.match(body)
        if m:
            cues.append((m.group(2).strip(), m.group(3).strip()))
        elif cues:  # continuation cue without a name
            cues.append((cues[-1][0], body))
        else:
            problem(f"{doc}: first srt cue has no speaker")
    return merge(cues)


def merge(cues):
    turns = []
    for sp, t in cues:
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + t
        else:
            turns.append([sp, t])
    return turns


def read_doc(doc):
    files = [p for p in TR.glob(f"{doc}.*")] if TR.is_dir() else []
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {len(files)}")
        return None, None
    path = files[0]
    ext = path.suffix.lower()
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx ({e})")
            return None, None
        return labelled_turns(doc, paras), "\n".join(paras)
    text, enc = decode(path)
    if text is None:
        problem(f"{doc}: {path.name} is neither UTF-8 nor Windows-1252")
        return None, None
    if ext == ".txt":
        return labelled_turns(doc, text.replace("\r\n", "\n").split("\n")), text
    if ext == ".vtt":
        if enc != "utf-8":
            problem(f"{doc}: vtt must be UTF-8")
        return vtt_turns(doc, text), text
    if ext == ".srt":
        return srt_turns(doc, text), text
    problem(f"{doc}: unknown transcript format {ext}")
    return None, None


def main():
    info = {}
    for doc, ilab in INTERVIEWER.items():
        turns, full = read_doc(doc)
        if turns is None:
            continue
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        speakers = {sp for sp, _ in turns}
        if len(speakers) != 2:
            problem(f"{doc}: expected 2 speakers, found {sorted(speakers)}")
        if turns[0][0] != ilab:
            problem(f"{doc}: first turn is by {turns[0][0]!r}, not the interviewer {ilab!r}")
        for n, (sp, _) in enumerate(turns, 1):
            want_i = n % 2 == 1
            if (sp == ilab) != want_i:
                problem(f"{doc}: turns do not alternate at turn {n} ({sp})")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for sp, _ in turns if sp != ilab)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RTURNS[0] <= nresp <= RTURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, outside {RTURNS}")
        low = full.lower()
        for f in FORBIDDEN:
            if f in low:
                problem(f"{doc}: forbidden word {f!r} in transcript")
        info[doc] = {"turns": turns, "full": full, "ilab": ilab}

    # styles.csv
    try:
        with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        seen = Counter(r["doc_id"] for r in rows)
        for doc in INTERVIEWER:
            if seen[doc] != 1:
                problem(f"styles.csv: {doc} occurs {seen[doc]} times")
        for r in rows:
            if r["doc_id"] not in INTERVIEWER:
                problem(f"styles.csv: unknown doc {r['doc_id']}")
            if r["style"] not in MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald":
                rl = r["rationale"].lower()
                if "mixed" not in rl and "too little evidence" not in rl:
                    problem(f"styles.csv: onbepaald rationale of {r['doc_id']} names no kind")
        mix = Counter(r["style"] for r in rows)
        if dict(mix) != MIX:
            problem(f"styles.csv: mix {dict(mix)} != {MIX}")
        kinds = Counter(("mixed" if "mixed" in r["rationale"].lower() else "little")
                        for r in rows if r["style"] == "onbepaald")
        if kinds != Counter({"mixed": 1, "little": 1}):
            problem(f"styles.csv: onbepaald kinds {dict(kinds)}, want one mixed and one too little evidence")
    except (OSError, KeyError) as e:
        problem(f"styles.csv unreadable: {e}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, o = r["doc_id"], r["orientation"]
            try:
                ti = int(r["turn_index"])
            except ValueError:
                problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
                continue
            keys.append((doc, ti))
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r} ({doc},{ti})")
            if doc not in info:
                problem(f"orientation.csv: unknown or unreadable doc {doc}")
                continue
            turns = info[doc]["turns"]
            if not 1 <= ti <= len(turns):
                problem(f"orientation.csv: {doc} turn {ti} out of range (1..{len(turns)})")
            elif turns[ti - 1][0] == info[doc]["ilab"]:
                problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: rows not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        per_doc = Counter()
        seen = set()
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            per_doc[doc] += 1
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
            if doc not in info:
                problem(f"identifiers.csv: unknown or unreadable doc {doc}")
            elif ident not in info[doc]["full"]:
                problem(f"identifiers.csv: {doc} {ident!r} not found verbatim")
        for doc in INTERVIEWER:
            if per_doc[doc] < 5:
                problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv unreadable: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
