#!/usr/bin/env python3
"""Check set KP against the brief, parsing the built transcripts (standard library only).

Usage: python3 check.py        prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# per document: extension, encoding, speaker labels (interviewer, respondent)
DOCS = {
    "kp01": {"ext": "docx", "enc": None, "labels": ("Interviewer", "Respondent")},
    "kp02": {"ext": "txt", "enc": "cp1252", "crlf": True, "labels": ("I", "R")},
    "kp03": {"ext": "srt", "enc": "utf-8", "crlf": True, "labels": ("Interviewer", "Ton Lemmens")},
    "kp04": {"ext": "vtt", "enc": "utf-8", "labels": ("Interviewer", "Rob Gielen")},
    "kp05": {"ext": "txt", "enc": "utf-8", "labels": ("Spreker 1", "Spreker 2")},
    "kp06": {"ext": "docx", "enc": None, "labels": ("Fleur Dassen", "Jo Houben")},
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "opname", "duur", "interviewer", "locatie", "transcriptie"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W_NS + "t":
                parts.append(el.text or "")
            elif el.tag == W_NS + "tab":
                parts.append("\t")
            elif el.tag == W_NS + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def parse_lines(doc_id, lines, labels):
    """Label-per-line transcripts (docx, txt). Returns header lines and [(speaker, text)]."""
    lab_re = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + "|".join(map(re.escape, labels))
                        + r"):\s*(.*)$")
    header, turns = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = lab_re.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif not turns:
            header.append(line)
        else:
            turns[-1][1] += " " + line
    for h in header:
        m = re.match(r"^([A-Za-zÀ-ÿ][\w .]{0,30}):\s", h)
        if m and m.group(1).strip().lower() not in META_KEYS:
            bad(f"{doc_id}: header line looks like a speaker turn: {h[:60]!r}")
    return header, turns


def parse_cues(doc_id, text, kind, labels):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            bad(f"{doc_id}: missing WEBVTT signature")
        blocks = blocks[1:]
    for b in blocks:
        lines = [l for l in b.splitlines() if l.strip()]
        if not lines or lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            bad(f"{doc_id}: block without timing: {lines[0][:40]!r}")
            continue
        if kind == "srt" and not (ti == 1 and lines[0].strip().isdigit()):
            bad(f"{doc_id}: srt cue without number: {lines[0][:40]!r}")
        body = " ".join(lines[ti + 1:])
        if kind == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        else:
            m = re.match(r"^(" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$", body)
        if not m:
            bad(f"{doc_id}: cue without speaker: {body[:50]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc_id, cfg):
    files = sorted(TR.glob(doc_id + ".*"))
    if len(files) != 1:
        bad(f"{doc_id}: expected one transcript, found {[f.name for f in files]}")
        return None, None
    path = files[0]
    if path.suffix[1:] != cfg["ext"]:
        bad(f"{doc_id}: extension {path.suffix} != .{cfg['ext']}")
    labels = cfg["labels"]
    if cfg["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc_id}: unreadable docx ({e})")
            return None, None
        full = "\n".join(paras)
        _, turns = parse_lines(doc_id, paras, labels)
        return full, turns
    raw = path.read_bytes()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        bad(f"{doc_id}: not readable as {cfg['enc']} ({e})")
        return None, None
    if cfg.get("crlf") and "\r\n" not in text:
        bad(f"{doc_id}: expected CRLF line endings")
    if cfg["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{doc_id}: declared Windows-1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    text = text.replace("\r\n", "\n")
    if cfg["ext"] in ("vtt", "srt"):
        return text, parse_cues(doc_id, text, cfg["ext"], labels)
    _, turns = parse_lines(doc_id, text.split("\n"), labels)
    return text, turns


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        bad(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    texts, nturns = {}, {}
    exts = set()
    for doc_id, cfg in DOCS.items():
        full, turns = load(doc_id, cfg)
        if full is None:
            continue
        exts.add(cfg["ext"])
        texts[doc_id] = full
        nturns[doc_id] = len(turns)
        ilab, rlab = cfg["labels"]
        for i, (spk, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if spk != want:
                bad(f"{doc_id}: turn {i + 1} is {spk!r}, expected {want!r}")
                break
        resp = sum(1 for s, _ in turns if s == rlab)
        if not 10 <= resp <= 45:
            bad(f"{doc_id}: {resp} respondent turns (10-45)")
        words = sum(len(WORD_RE.findall(t)) for _, t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc_id}: {words} spoken words (1500-2600)")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc_id}: forbidden word {w!r} in transcript")
    if len(exts) < 4:
        bad(f"only {len(exts)} different transcript formats: {sorted(exts)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS:
            bad(f"styles.csv: bad row {r}")
            continue
        if r[0] in got:
            bad(f"styles.csv: duplicate {r[0]}")
        if r[1] not in MIX:
            bad(f"styles.csv: bad style {r[1]!r} for {r[0]}")
        if not r[2].strip():
            bad(f"styles.csv: empty rationale for {r[0]}")
        got[r[0]] = r[1]
    if set(got) != set(DOCS):
        bad(f"styles.csv: docs missing {sorted(set(DOCS) - set(got))}")
    counts = {s: list(got.values()).count(s) for s in MIX}
    if counts != MIX:
        bad(f"styles.csv: mix {counts}, expected {MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        idx = int(r[1])
        keys.append((r[0], idx))
        if r[2] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if idx % 2 != 0 or idx < 2 or idx > nturns.get(r[0], 0):
            bad(f"orientation.csv: {r} does not point at a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), {d: 0 for d in DOCS}
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS:
            bad(f"identifiers.csv: bad row {r}")
            continue
        if r[2] not in TYPES:
            bad(f"identifiers.csv: bad type {r}")
        if (r[0], r[1]) in seen:
            bad(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            bad(f"identifiers.csv: {r[1]!r} not found verbatim in {r[0]}")
    for d, n in per_doc.items():
        if n < 5:
            bad(f"identifiers.csv: {d} has only {n} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
