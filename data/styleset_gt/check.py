#!/usr/bin/env python3
"""Check the setGT deliverables against the built transcripts (standard library only).

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
DOC_IDS = [f"gt{i:02d}" for i in range(1, 7)]
INTERVIEWER = {"gt01": "Interviewer", "gt02": "I", "gt03": "Interviewer",
               "gt04": "Spreker 1", "gt05": "Interviewer", "gt06": "Ellen"}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
LABELED = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^\s:\[][^:]{0,40}?):\s+(\S.*)$")
TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker|netwerkregisseur", re.I)
W_MIN, W_MAX, R_MIN, R_MAX = 1500, 2600, 10, 45

problems = []


def problem(msg):
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
        problem(f"{name}: neither UTF-8 nor Windows-1252")
        return None, None


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def turns_from_lines(lines, name):
    """Labelled-line formats (docx, txt). Returns (turns, header_lines)."""
    lines = [l.strip() for l in lines if l.strip()]
    labels = Counter(m.group(2) for l in lines if (m := LABELED.match(l)))
    speakers = {lab for lab, _ in labels.most_common(2)}
    turns, header = [], []
    for line in lines:
        m = LABELED.match(line)
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3)])
        elif not turns:
            header.append(line)
        elif m and labels[m.group(2)] == 1 and m.group(2)[0].isupper() and len(m.group(2).split()) <= 3 \
                and not line.startswith("["):
            problem(f"{name}: line after the first turn looks like a turn of a third speaker: {line[:60]!r}")
        else:
            turns[-1][1] += " " + line
    return turns, header


def turns_from_cues(text, name, kind):
    """vtt / srt: merge consecutive cues of the same speaker into one turn."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns, header = [], []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{name}: missing WEBVTT signature")
    for block in blocks:
        lines = block.split("\n")
        if lines[0].startswith("WEBVTT"):
            continue
        if lines[0].startswith("NOTE"):
            header += [l for l in [lines[0][4:].strip()] + lines[1:] if l.strip()]
            continue
        tline = next((i for i, l in enumerate(lines) if TIMING.match(l)), None)
        if tline is None:
            problem(f"{name}: block without timing line: {block[:50]!r}")
            continue
        body = " ".join(lines[tline + 1:]).strip()
        if kind == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                problem(f"{name}: cue without <v> voice tag: {body[:50]!r}")
                continue
            speaker, txt = m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()
        else:
            m = LABELED.match(body)
            if not m:
                problem(f"{name}: cue without 'Name:' prefix: {body[:50]!r}")
                continue
            speaker, txt = m.group(2), m.group(3)
        if turns and turns[-1][0] == speaker:
            turns[-1][1] += " " + txt
        else:
            turns.append([speaker, txt])
    return turns, header


def read_doc(doc_id):
    files = sorted((ROOT / "transcripts").glob(f"{doc_id}.*"))
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    ext = path.suffix.lower()
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as exc:  # noqa: BLE001
            problem(f"{path.name}: unreadable docx ({exc})")
            return None
        turns, header = turns_from_lines(paras, path.name)
        full = "\n".join(paras)
        enc = "docx"
    else:
        full, enc = decode(path.read_bytes(), path.name)
        if full is None:
            return None
        if ext == ".txt":
            turns, header = turns_from_lines(full.splitlines(), path.name)
        elif ext in (".vtt", ".srt"):
            turns, header = turns_from_cues(full, path.name, ext[1:])
        else:
            problem(f"{path.name}: unsupported extension")
            return None
    return {"path": path, "enc": enc, "turns": turns, "header": header, "text": full}


def main():
    docs = {d: read_doc(d) for d in DOC_IDS}
    extra = {p.name.split(".")[0] for p in (ROOT / "transcripts").iterdir()} - set(DOC_IDS)
    if extra:
        problem(f"unexpected transcripts: {sorted(extra)}")
    exts = set()
    stats = {}
    for doc_id, doc in docs.items():
        if doc is None:
            continue
        exts.add((doc["path"].suffix, doc["enc"]))
        turns = doc["turns"]
        speakers = [t[0] for t in turns]
        if len(set(speakers)) != 2:
            problem(f"{doc_id}: expected two speakers, found {sorted(set(speakers))}")
        if not turns or speakers[0] != INTERVIEWER[doc_id]:
            problem(f"{doc_id}: first turn is not the interviewer ({INTERVIEWER[doc_id]!r})")
        for i in range(1, len(turns)):
            if speakers[i] == speakers[i - 1]:
                problem(f"{doc_id}: turns {i} and {i + 1} have the same speaker")
        for i, (spk, _) in enumerate(turns, 1):
            if (spk == INTERVIEWER[doc_id]) != (i % 2 == 1):
                problem(f"{doc_id}: turn {i} has speaker {spk!r}, breaks the I/R alternation")
                break
        n_words = sum(len(WORD.findall(t[1])) for t in turns)
        n_resp = sum(1 for s in speakers if s != INTERVIEWER[doc_id])
        if not W_MIN <= n_words <= W_MAX:
            problem(f"{doc_id}: {n_words} spoken words, outside {W_MIN}-{W_MAX}")
        if not R_MIN <= n_resp <= R_MAX:
            problem(f"{doc_id}: {n_resp} respondent turns, outside {R_MIN}-{R_MAX}")
        if FORBIDDEN.search(doc["text"]):
            problem(f"{doc_id}: transcript uses a label word: {FORBIDDEN.search(doc['text']).group(0)!r}")
        stats[doc_id] = (len(turns), n_words, n_resp)
    if len({e for e, _ in exts}) < 4 and len(exts) < 4:
        problem(f"fewer than four transcript formats: {sorted(exts)}")

    # styles.csv
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != DOC_IDS or len(ids) != len(set(ids)):
            problem(f"styles.csv: doc ids {ids}")
        counts = Counter(r["style"] for r in rows)
        if dict(counts) != MIX:
            problem(f"styles.csv: style mix {dict(counts)} != {MIX}")
        kinds = []
        for r in rows:
            if not r["rationale"].strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald":
                low = r["rationale"].lower()
                kinds.append("mixed" if "mixed" in low else "little" if "too little evidence" in low else "?")
        if sorted(kinds) != ["little", "mixed"]:
            problem(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")
    except (OSError, KeyError) as exc:
        problem(f"styles.csv: {exc}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            d, idx, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            keys.append((d, idx))
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r}")
            if d not in stats:
                problem(f"orientation.csv: unknown doc {d}")
                continue
            if idx % 2 or not 2 <= idx <= stats[d][0]:
                problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
        if keys != sorted(keys) or len(keys) != len(set(keys)):
            problem("orientation.csv: not sorted or has duplicates")
    except (OSError, KeyError, ValueError) as exc:
        problem(f"orientation.csv: {exc}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        per_doc = Counter()
        seen = set()
        for r in rows:
            d, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (d, ident) in seen:
                problem(f"identifiers.csv: duplicate {d} {ident!r}")
            seen.add((d, ident))
            per_doc[d] += 1
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r}")
            doc = docs.get(d)
            if doc is None:
                problem(f"identifiers.csv: unknown or unreadable doc {d}")
            elif ident not in doc["text"]:
                problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
        for d in DOC_IDS:
            if per_doc[d] < 5:
                problem(f"identifiers.csv: {d} has only {per_doc[d]} identifiers")
    except (OSError, KeyError) as exc:
        problem(f"identifiers.csv: {exc}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
