#!/usr/bin/env python3
"""Check the built setLE transcripts and csv files (standard library only).

Parses the transcripts themselves (not src/), and checks: one readable transcript per doc,
alternating turns starting with the interviewer, orientation rows on respondent turns,
identifiers verbatim in their document, styles.csv complete with the requested mix
(3 casusgericht, 2 netwerkgericht, 1 onbepaald), word range 1500-2600 and 10-45 respondent turns.
Prints OK or the problems (exit status 1).
"""
import collections
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOC_IDS = [f"le{i:02d}" for i in range(1, 7)]
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
# interviewer's speaker label per document (as it appears in the transcript)
INTERVIEWER = {"le01": "Lotte Vermeer", "le02": "I", "le03": "Femke Jansen",
               "le04": "Interviewer", "le05": "Spreker 1", "le06": "Interviewer"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode_text(raw, name):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{name}: neither UTF-8 nor Windows-1252")
        return None, None


LABEL = re.compile(r"^([^:\[\]<>]{1,40}):\s+(\S.*)$")
TSLABEL = re.compile(r"^\[(\d\d:\d\d:\d\d)\]\s+([^:]{1,40}):\s+(\S.*)$")


def turns_from_lines(lines, name, merge=False):
    """lines: non-empty paragraphs/lines. Speaker labels are the labels used >= 3 times;
    everything before the first speaker line is header."""
    parsed = []
    for ln in lines:
        m = TSLABEL.match(ln)
        if m:
            parsed.append((m.group(2).strip(), m.group(3), ln))
            continue
        m = LABEL.match(ln)
        parsed.append((m.group(1).strip(), m.group(2), ln) if m else (None, None, ln))
    freq = collections.Counter(lab for lab, _, _ in parsed if lab)
    speakers = {lab for lab, c in freq.items() if c >= 3}
    turns, started = [], False
    for lab, text, ln in parsed:
        if lab in speakers:
            started = True
            if merge and turns and turns[-1][0] == lab:
                turns[-1] = (lab, turns[-1][1] + " " + text)
            else:
                turns.append((lab, text))
        elif started:
            problem(f"{name}: line after the first turn that is not a turn: {ln[:60]!r}")
    return turns


def parse_docx(path, name):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{name}: unreadable docx ({e})")
        return None, None
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    full = "\n".join(paras)
    return turns_from_lines([p.strip() for p in paras if p.strip()], name), full


def parse_txt(path, name):
    raw = open(path, "rb").read()
    text, enc = decode_text(raw, name)
    if text is None:
        return None, None
    if "\ufffd" in text or "Ã" in text:
        problem(f"{name}: looks mis-encoded")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return turns_from_lines(lines, name), text


TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3}\s+-->\s+\d\d:\d\d:\d\d[.,]\d{3}")


def parse_vtt(path, name):
    raw = open(path, "rb").read()
    text, _ = decode_text(raw, name)
    if text is None:
        return None, None
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks[0].startswith("WEBVTT"):
        problem(f"{name}: missing WEBVTT line")
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, ln in enumerate(lines) if TIMING.match(ln)), None)
        if idx is None:
            problem(f"{name}: block without timing: {b[:50]!r}")
            continue
        cue = " ".join(lines[idx + 1:]).strip()
        m = re.match(r"^<v(?:\.[^ >]+)?\s+([^>]+)>(.*)$", cue)
        if not m:
            problem(f"{name}: cue without voice tag: {cue[:50]!r}")
            continue
        lab, t = m.group(1).strip(), re.sub(r"</v>\s*$", "", m.group(2)).strip()
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + t)
        else:
            turns.append((lab, t))
    return turns, text


def parse_srt(path, name):
    raw = open(path, "rb").read()
    text, _ = decode_text(raw, name)
    if text is None:
        return None, None
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    lines = []
    for b in blocks:
        bl = b.split("\n")
        if len(bl) < 3 or not bl[0].strip().isdigit() or not TIMING.match(bl[1]):
            problem(f"{name}: malformed srt cue: {b[:50]!r}")
            continue
        lines.append(" ".join(x.strip() for x in bl[2:]))
    return turns_from_lines(lines, name, merge=True), text


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def main():
    if not os.path.isdir(TDIR):
        print(f"no transcripts folder at {TDIR}")
        return 1
    files = collections.defaultdict(list)
    for f in sorted(os.listdir(TDIR)):
        files[os.path.splitext(f)[0]].append(f)
    for d in files:
        if d not in DOC_IDS:
            problem(f"unexpected transcript {files[d]}")
    exts = set()
    docs = {}
    for d in DOC_IDS:
        if len(files.get(d, [])) != 1:
            problem(f"{d}: expected exactly one transcript, found {files.get(d, [])}")
            continue
        fname = files[d][0]
        ext = os.path.splitext(fname)[1].lower()
        exts.add(ext)
        path = os.path.join(TDIR, fname)
        parser = {".docx": parse_docx, ".txt": parse_txt, ".vtt": parse_vtt, ".srt": parse_srt}.get(ext)
        if not parser:
            problem(f"{d}: unsupported format {ext}")
            continue
        turns, full = parser(path, fname)
        if turns is None:
            continue
        speakers = []
        for lab, _ in turns:
            if lab not in speakers:
                speakers.append(lab)
        if len(speakers) != 2:
            problem(f"{d}: expected 2 speakers, found {speakers}")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{d}: turns {i} and {i + 1} have the same speaker {turns[i][0]!r}")
        if turns and turns[0][0] != INTERVIEWER[d]:
            problem(f"{d}: first turn by {turns[0][0]!r}, expected the interviewer {INTERVIEWER[d]!r}")
        resp = [i + 1 for i, (lab, _) in enumerate(turns) if len(speakers) > 1 and lab == speakers[1]]
        if not (RESP_TURNS[0] <= len(resp) <= RESP_TURNS[1]):
            problem(f"{d}: {len(resp)} respondent turns (want {RESP_TURNS[0]}-{RESP_TURNS[1]})")
        wc = sum(nwords(t) for _, t in turns)
        if not (WORDS[0] <= wc <= WORDS[1]):
            problem(f"{d}: {wc} spoken words (want {WORDS[0]}-{WORDS[1]})")
        low = full.lower()
        for fw in FORBIDDEN:
            if fw in low:
                problem(f"{d}: forbidden word {fw!r} in transcript")
        docs[d] = dict(turns=turns, resp=set(resp), full=full, words=wc)
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats: {sorted(exts)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        seen = {}
        for r in rows:
            if r["doc_id"] in seen:
                problem(f"styles.csv: duplicate {r['doc_id']}")
            seen[r["doc_id"]] = r
            if r["style"] not in MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not (r.get("rationale") or "").strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
        if sorted(seen) != DOC_IDS:
            problem(f"styles.csv: doc ids {sorted(seen)} != {DOC_IDS}")
        mix = collections.Counter(r["style"] for r in seen.values())
        if dict(mix) != MIX:
            problem(f"styles.csv: mix {dict(mix)} != {MIX}")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        keys = []
        for r in rows:
            d, o = r["doc_id"], r["orientation"]
            try:
                ti = int(r["turn_index"])
            except ValueError:
                problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
                continue
            keys.append((DOC_IDS.index(d) if d in DOC_IDS else 99, ti))
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r} ({d} {ti})")
            if d not in docs:
                problem(f"orientation.csv: unknown or unparsed doc {d}")
                continue
            if ti not in docs[d]["resp"]:
                problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        per = collections.Counter()
        seen = set()
        for r in rows:
            d, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (d, ident) in seen:
                problem(f"identifiers.csv: duplicate {d} {ident!r}")
            seen.add((d, ident))
            per[d] += 1
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} for {d} {ident!r}")
            if d not in docs:
                problem(f"identifiers.csv: unknown or unparsed doc {d}")
                continue
            if ident not in docs[d]["full"]:
                problem(f"identifiers.csv: {d}: {ident!r} not found verbatim")
        for d in DOC_IDS:
            if per[d] < 5:
                problem(f"identifiers.csv: {d} has only {per[d]} identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
