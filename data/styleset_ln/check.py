#!/usr/bin/env python3
"""Check the setLN blind set. Standard library only.

Parses the BUILT transcripts in transcripts/ (not the annotated sources) and the
three csv files. Prints OK, or the problems (exit status 1).
Use --stats to also print words / turns per document.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TDIR = ROOT / "transcripts"
DOC_IDS = [f"ln{i:02d}" for i in range(1, 7)]
# interviewer label per document (the first speaker must be this one)
INTERVIEWER = {"ln01": "I", "ln02": "Fleur", "ln03": "Sanne Mulder",
               "ln04": "Lotte", "ln05": "I", "ln06": "Spreker 1"}
WANT_MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD = re.compile(r"\w+(?:['’\-]\w+)*")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
LABEL = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([^\s:\[][^:]{0,40}?):\s+(.*)$")
LOOKS_LIKE_LABEL = re.compile(r"^[A-Za-zÀ-ÿ][\w.'\-]*(?: [\w.'\-]+){0,2}:\s")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode(data):
    """utf-8 (with or without BOM), else Windows-1252; both strict."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


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


def line_turns(lines):
    """turns from label lines ('Name: text'); speakers are labels used >= 3 times."""
    counts = {}
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    speakers = {k for k, v in counts.items() if v >= 3}
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + s
        else:
            header.append(s)
    return header, turns


def blocks(text):
    return [b.split("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())]


def vtt_turns(text, doc):
    bl = blocks(text)
    if not bl or not bl[0][0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    turns = []
    for b in bl[1:]:
        if b[0].startswith("NOTE"):
            continue
        k = next((i for i, ln in enumerate(b) if "-->" in ln), None)
        if k is None:
            problem(f"{doc}: vtt block without timing: {b[0][:40]}")
            continue
        lines = b[k + 1:]
        if not lines:
            continue
        m = re.match(r"<v(?:\.[^\s>]+)?\s+([^>]+)>", lines[0])
        who = m.group(1).strip() if m else (turns[-1][0] if turns else None)
        txt = " ".join(re.sub(r"</?[^>]+>", "", ln).strip() for ln in lines)
        for ln in lines[1:]:
            if LOOKS_LIKE_LABEL.match(ln):
                problem(f"{doc}: vtt continuation line looks like a speaker label: {ln[:40]}")
        if who is None:
            problem(f"{doc}: vtt cue without speaker")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def srt_turns(text, doc):
    cues = []
    for b in blocks(text):
        if len(b) < 3 or not b[0].strip().isdigit() or "-->" not in b[1]:
            problem(f"{doc}: malformed srt cue: {b[0][:40]}")
            continue
        cues.append(b[2:])
    counts = {}
    for c in cues:
        m = LABEL.match(c[0])
        if m:
            counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    speakers = {k for k, v in counts.items() if v >= 3}
    turns = []
    for c in cues:
        m = LABEL.match(c[0])
        for ln in c[1:]:
            if LOOKS_LIKE_LABEL.match(ln):
                problem(f"{doc}: srt continuation line looks like a speaker label: {ln[:40]}")
        rest = " ".join(ln.strip() for ln in c[1:])
        if m and m.group(2) in speakers:
            who, txt = m.group(2), (m.group(3) + " " + rest).strip()
        elif turns:
            who, txt = turns[-1][0], " ".join(ln.strip() for ln in c)
        else:
            problem(f"{doc}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def load(doc):
    files = sorted(TDIR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {len(files)}")
        return None
    path = files[0]
    ext = path.suffix[1:]
    try:
        if ext == "docx":
            paras = docx_paragraphs(path)
            full = "\n".join(paras)
            _, turns = line_turns(paras)
            enc = "docx"
        else:
            full, enc = decode(path.read_bytes())
            if ext == "txt":
                _, turns = line_turns(full.replace("\r\n", "\n").split("\n"))
            elif ext == "vtt":
                turns = vtt_turns(full, doc)
            elif ext == "srt":
                turns = srt_turns(full, doc)
            else:
                problem(f"{doc}: unknown format .{ext}")
                return None
    except Exception as e:  # unreadable file
        problem(f"{doc}: cannot read {path.name}: {e}")
        return None
    return dict(path=path, ext=ext, enc=enc, full=full, turns=turns)


def main():
    stats = "--stats" in sys.argv
    docs = {}
    extra = [p.name for p in TDIR.iterdir() if p.stem not in DOC_IDS] if TDIR.exists() else []
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    for doc in DOC_IDS:
        d = load(doc)
        if d is None:
            continue
        docs[doc] = d
        turns = d["turns"]
        who = [t[0] for t in turns]
        sp = list(dict.fromkeys(who))
        if len(sp) != 2:
            problem(f"{doc}: expected 2 speakers, found {sp}")
        if not turns or who[0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn is not the interviewer ({who[:1]})")
        for i in range(1, len(who)):
            if who[i] == who[i - 1]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker")
        n_resp = sum(1 for w in who if w != INTERVIEWER[doc])
        if not 10 <= n_resp <= 45:
            problem(f"{doc}: {n_resp} respondent turns (want 10-45)")
        n_words = sum(len(WORD.findall(t[1])) for t in turns)
        if not 1500 <= n_words <= 2600:
            problem(f"{doc}: {n_words} spoken words (want 1500-2600)")
        if FORBIDDEN.search(d["full"]):
            problem(f"{doc}: forbidden label word: {FORBIDDEN.search(d['full']).group(0)}")
        d["n_resp"], d["n_words"] = n_resp, n_words
        if stats:
            print(f"{doc}: {d['path'].name} ({d['enc']}) words={n_words} "
                  f"turns={len(turns)} respondent_turns={n_resp}")
    exts = {d["ext"] for d in docs.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats: {sorted(exts)}")

    # styles.csv
    try:
        with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "style", "rationale"]:
            problem("styles.csv: bad header")
        body = rows[1:]
        ids = [r[0] for r in body]
        if sorted(ids) != DOC_IDS:
            problem(f"styles.csv: doc ids {ids}")
        mix = {}
        kinds = []
        for r in body:
            if len(r) != 3 or not r[2].strip():
                problem(f"styles.csv: bad row {r}")
                continue
            mix[r[1]] = mix.get(r[1], 0) + 1
            if r[1] not in WANT_MIX:
                problem(f"styles.csv: unknown style {r[1]}")
            if r[1] == "onbepaald":
                low = r[2].lower()
                if "gemengd" in low or "mixed" in low:
                    kinds.append("mixed")
                elif "te weinig" in low or "too little" in low:
                    kinds.append("too little")
                else:
                    problem(f"styles.csv: {r[0]} onbepaald without kind")
        if mix != WANT_MIX:
            problem(f"styles.csv: mix {mix} != {WANT_MIX}")
        if sorted(kinds) != ["mixed", "too little"]:
            problem(f"styles.csv: onbepaald kinds {kinds}")
    except (OSError, IndexError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "turn_index", "orientation"]:
            problem("orientation.csv: bad header")
        keys = []
        for r in rows[1:]:
            if len(r) != 3 or r[0] not in DOC_IDS or not r[1].isdigit() \
                    or r[2] not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad row {r}")
                continue
            k = (r[0], int(r[1]))
            keys.append(k)
            d = docs.get(r[0])
            if d:
                idx = int(r[1])
                if not 1 <= idx <= len(d["turns"]):
                    problem(f"orientation.csv: {r} outside the document")
                elif d["turns"][idx - 1][0] == INTERVIEWER[r[0]] or idx % 2:
                    problem(f"orientation.csv: {r} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicates")
    except (OSError, IndexError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["doc_id", "identifier", "type"]:
            problem("identifiers.csv: bad header")
        seen, per_doc = set(), {}
        for r in rows[1:]:
            if len(r) != 3 or r[0] not in DOC_IDS or r[2] not in TYPES or not r[1]:
                problem(f"identifiers.csv: bad row {r}")
                continue
            if (r[0], r[1]) in seen:
                problem(f"identifiers.csv: duplicate {r[:2]}")
            seen.add((r[0], r[1]))
            per_doc[r[0]] = per_doc.get(r[0], 0) + 1
            d = docs.get(r[0])
            if d and r[1] not in d["full"]:
                problem(f"identifiers.csv: {r[1]!r} not verbatim in {r[0]}")
        for doc in DOC_IDS:
            if per_doc.get(doc, 0) < 5:
                problem(f"identifiers.csv: {doc} has {per_doc.get(doc, 0)} identifiers (want >= 5)")
    except (OSError, IndexError) as e:
        problem(f"identifiers.csv: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
