#!/usr/bin/env python3
"""Check the setHP deliverables against the built transcripts (standard library only).

Usage: python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
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

# delivery per document: extension, encoding, line ending, (interviewer label, respondent label)
DOCS = {
    "hp01": dict(ext="srt", enc="utf-8", crlf=True, labels=("Lotte Verhagen", "Dennis Oosthoek")),
    "hp02": dict(ext="vtt", enc="utf-8", crlf=False, labels=("Inge Bosman", "Marjolein Stam")),
    "hp03": dict(ext="txt", enc="cp1252", crlf=True, labels=("I", "R"), txt="plain"),
    "hp04": dict(ext="docx", labels=("Interviewer", "Respondent")),
    "hp05": dict(ext="txt", enc="utf-8", crlf=False, labels=("Spreker 1", "Spreker 2"), txt="stamp"),
    "hp06": dict(ext="docx", labels=("Thijs Vermeulen", "Rob Mulders")),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS_MIN, WORDS_MAX = 1500, 2600
RTURNS_MIN, RTURNS_MAX = 10, 45
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    return "|".join(re.escape(lab) for lab in labels)


def merge(doc, raw_turns):
    """raw_turns: [(speaker_label, text)] -> merged consecutive same-speaker segments."""
    turns = []
    for sp, text in raw_turns:
        if turns and turns[-1][0] == sp:
            turns[-1] = (sp, turns[-1][1] + " " + text)
        else:
            turns.append((sp, text))
    return turns


def parse_docx(doc, cfg, path):
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
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
    full = "\n".join(paras)
    rx = re.compile(rf"^({label_re(cfg['labels'])}):\s+(.*)$", re.S)
    raw, started = [], False
    for t in paras:
        if not t.strip():
            continue
        m = rx.match(t)
        if m:
            started = True
            raw.append((m.group(1), m.group(2).strip()))
        elif started:
            problem(f"{doc}: paragraph without speaker label after the first turn: {t[:60]!r}")
    return full, raw


def parse_txt(doc, cfg, text):
    labs = label_re(cfg["labels"])
    if cfg["txt"] == "stamp":
        rx = re.compile(rf"^\[(\d\d):(\d\d):(\d\d)\] ({labs}):\s+(.*)$")
    else:
        rx = re.compile(rf"^({labs}):\s+(.*)$")
    raw, started, last = [], False, -1
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = rx.match(line)
        if m:
            started = True
            if cfg["txt"] == "stamp":
                sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if sec < last:
                    problem(f"{doc}: timestamps go backwards at {line[:12]}")
                last = sec
                raw.append((m.group(4), m.group(5).strip()))
            else:
                raw.append((m.group(1), m.group(2).strip()))
        elif started:
            problem(f"{doc}: line without speaker label after the first turn: {line[:60]!r}")
    return raw


TIMING = re.compile(r"^(\d\d:)?\d\d:\d\d[.,]\d\d\d --> (\d\d:)?\d\d:\d\d[.,]\d\d\d")


def parse_vtt(doc, cfg, text):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    raw = []
    vrx = re.compile(rf"^<v ({label_re(cfg['labels'])})>(.*)$", re.S)
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if not TIMING.match(lines[0]):
            if len(lines) > 1 and TIMING.match(lines[1]):
                lines = lines[1:]
            else:
                problem(f"{doc}: vtt block without timing: {b[:50]!r}")
                continue
        body = " ".join(lines[1:])
        m = vrx.match(body)
        if not m:
            problem(f"{doc}: vtt cue without a known voice tag: {body[:50]!r}")
            continue
        raw.append((m.group(1), re.sub(r"</?[^>]+>", "", m.group(2)).strip()))
    return raw


def parse_srt(doc, cfg, text):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    rx = re.compile(rf"^({label_re(cfg['labels'])}):\s+(.*)$", re.S)
    raw = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if lines[0].strip() != str(n):
            problem(f"{doc}: srt cue {n} has number {lines[0]!r}")
        if len(lines) < 3 or not TIMING.match(lines[1]):
            problem(f"{doc}: srt cue {n} malformed")
            continue
        body = " ".join(lines[2:])
        m = rx.match(body)
        if not m:
            problem(f"{doc}: srt cue {n} without a known speaker: {body[:50]!r}")
            continue
        raw.append((m.group(1), m.group(2).strip()))
    return raw


def read_doc(doc, cfg):
    files = sorted(TR.glob(f"{doc}.*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, None
    path = files[0]
    if path.suffix[1:] != cfg["ext"]:
        problem(f"{doc}: expected .{cfg['ext']}, found {path.name}")
        return None, None
    if cfg["ext"] == "docx":
        try:
            full, raw = parse_docx(doc, cfg, path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx not readable: {e}")
            return None, None
    else:
        data = path.read_bytes()
        try:
            text = data.decode(cfg["enc"])
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as {cfg['enc']}: {e}")
            return None, None
        if cfg["enc"] == "cp1252":
            if all(b < 128 for b in data):
                problem(f"{doc}: cp1252 file has no non-ASCII characters to test the encoding")
            try:
                data.decode("utf-8")
                problem(f"{doc}: cp1252 file also decodes as UTF-8")
            except UnicodeDecodeError:
                pass
        if cfg["crlf"]:
            if "\n" in text.replace("\r\n", ""):
                problem(f"{doc}: expected CRLF line endings throughout")
        elif "\r" in text:
            problem(f"{doc}: unexpected CR characters")
        text = text.replace("\r\n", "\n")
        full = text
        raw = {"txt": parse_txt, "vtt": parse_vtt, "srt": parse_srt}[cfg["ext"]](doc, cfg, text)
    return full, merge(doc, raw)


def main():
    # styles
    styles = {}
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            rd = csv.DictReader(f)
            if rd.fieldnames != ["doc_id", "style", "rationale"]:
                problem(f"styles.csv header is {rd.fieldnames}")
            for row in rd:
                if row["doc_id"] in styles:
                    problem(f"styles.csv: duplicate {row['doc_id']}")
                styles[row["doc_id"]] = row
    except FileNotFoundError:
        problem("styles.csv missing")
    if set(styles) != set(DOCS):
        problem(f"styles.csv covers {sorted(styles)}, expected {sorted(DOCS)}")
    mix = Counter(r["style"] for r in styles.values())
    if dict(mix) != WANT_MIX:
        problem(f"style mix is {dict(mix)}, expected {WANT_MIX}")
    kinds = []
    for d, r in styles.items():
        if not r["rationale"].strip():
            problem(f"styles.csv: empty rationale for {d}")
        if r["style"] == "onbepaald":
            rl = r["rationale"].lower()
            if "mixed" in rl:
                kinds.append("mixed")
            elif "too little evidence" in rl:
                kinds.append("too little evidence")
            else:
                problem(f"styles.csv: onbepaald rationale for {d} does not say which kind")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        problem(f"onbepaald kinds are {kinds}, expected one mixed and one too little evidence")

    # transcripts
    parsed = {}
    exts = set()
    for doc, cfg in DOCS.items():
        full, turns = read_doc(doc, cfg)
        if full is None:
            continue
        exts.add(cfg["ext"] + ("/" + cfg.get("txt", "") if cfg["ext"] == "txt" else ""))
        parsed[doc] = (full, turns)
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        ilab, rlab = cfg["labels"]
        for i, (sp, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if sp != want:
                problem(f"{doc}: turn {i} is spoken by {sp!r}, expected {want!r}")
                break
        nwords = sum(len(t.split()) for _, t in turns)
        if not WORDS_MIN <= nwords <= WORDS_MAX:
            problem(f"{doc}: {nwords} spoken words, outside {WORDS_MIN}-{WORDS_MAX}")
        nr = sum(1 for sp, _ in turns if sp == rlab)
        if not RTURNS_MIN <= nr <= RTURNS_MAX:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS_MIN}-{RTURNS_MAX}")
        if any(not t.strip() for _, t in turns):
            problem(f"{doc}: empty turn")
        m = BANNED.search(full)
        if m:
            problem(f"{doc}: forbidden word {m.group(0)!r} in transcript")
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats: {sorted(exts)}")

    # orientation
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            rd = csv.reader(f)
            header = next(rd)
            if header != ["doc_id", "turn_index", "orientation"]:
                problem(f"orientation.csv header is {header}")
            rows = [r for r in rd]
    except FileNotFoundError:
        problem("orientation.csv missing")
        rows = []
    keys = []
    for r in rows:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        d, idx, o = r
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if d not in DOCS:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        try:
            idx = int(idx)
        except ValueError:
            problem(f"orientation.csv: bad index {r}")
            continue
        keys.append((d, idx))
        if d in parsed:
            turns = parsed[d][1]
            if idx % 2 != 0 or not 1 <= idx <= len(turns) or turns[idx - 1][0] != DOCS[d]["labels"][1]:
                problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv is not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv has duplicates")

    # identifiers
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            rd = csv.reader(f)
            header = next(rd)
            if header != ["doc_id", "identifier", "type"]:
                problem(f"identifiers.csv header is {header}")
            irows = [r for r in rd]
    except FileNotFoundError:
        problem("identifiers.csv missing")
        irows = []
    seen = set()
    per_doc = Counter()
    for r in irows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        per_doc[d] += 1
        if d not in DOCS:
            problem(f"identifiers.csv: unknown doc {d}")
        elif d in parsed and ident not in parsed[d][0]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim in the transcript")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"{d}: only {per_doc[d]} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
