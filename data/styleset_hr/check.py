#!/usr/bin/env python3
"""Check set HR: parses the BUILT transcripts (not the sources) with the standard library only.

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# expected delivery per document: extension, encoding, interviewer label, respondent label
CONFIG = {
    "hr01": dict(ext="srt", enc="utf-8", I="Lotte", R="Ruud"),
    "hr02": dict(ext="docx", I="Interviewer", R="Yvonne"),
    "hr03": dict(ext="txt", enc="cp1252", I="I", R="R"),
    "hr04": dict(ext="vtt", enc="utf-8", I="Onderzoeker", R="Samira Bouzian"),
    "hr05": dict(ext="txt", enc="utf-8", I="Spreker 1", R="Spreker 2"),
    "hr06": dict(ext="docx", I="Interviewer", R="Monique"),
}
EXPECTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
EXPECTED_ONBEPAALD_KIND = {"too little evidence": 2}
MIN_FORMATS = 4
WORDS = (1500, 2600)
R_TURNS = (10, 45)
MIN_IDS = 5
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
METADATA_KEYS = {"respondent", "datum", "duur", "onderzoeker", "opname", "sprekerindeling",
                 "transcriptie", "locatie", "project"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
LABELISH = re.compile(r"^([^:\s][^:]{0,40}):\s")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ parsers
def label_lines(doc_id, lines, cfg):
    """Parse 'Label: text' lines (optionally '[hh:mm:ss] Label: text'); header before first turn."""
    labels = [cfg["I"], cfg["R"]]
    rx = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$")
    header, turns = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
            continue
        lm = LABELISH.match(line)
        if not turns:
            header.append(line)
            if lm and lm.group(1).strip().lower() not in METADATA_KEYS:
                problem(f"{doc_id}: header line looks like a speaker turn: {line[:60]!r}")
        else:
            if lm and not re.match(r"^\[\d", line):
                problem(f"{doc_id}: unknown speaker or stray label in body: {line[:60]!r}")
            turns[-1][1] += " " + line
    return header, turns


def parse_srt(doc_id, text, cfg):
    labels = [cfg["I"], cfg["R"]]
    rx = re.compile(r"^(" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$", re.S)
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc_id}: malformed srt block: {block[:50]!r}")
            continue
        payload = " ".join(l.strip() for l in lines[2:])
        m = rx.match(payload)
        if m:
            cues.append((m.group(1), m.group(2)))
        elif cues and not LABELISH.match(payload):
            cues.append((cues[-1][0], payload))
        else:
            problem(f"{doc_id}: srt cue without known speaker: {payload[:50]!r}")
    return [], merge(cues)


def parse_vtt(doc_id, text, cfg):
    labels = {cfg["I"], cfg["R"]}
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc_id}: vtt does not start with WEBVTT")
        return [], []
    header, cues = [], []
    for block in blocks[1:]:
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        if lines[0].startswith("NOTE") or lines[0].startswith("STYLE"):
            header.extend(lines[1:])
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # cue identifier
        if not lines or "-->" not in lines[0]:
            problem(f"{doc_id}: malformed vtt block: {block[:50]!r}")
            continue
        payload = " ".join(lines[1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", payload.strip(), re.S)
        if not m:
            if cues:
                cues.append((cues[-1][0], re.sub(r"<[^>]+>", "", payload)))
                continue
            problem(f"{doc_id}: vtt cue without voice tag: {payload[:50]!r}")
            continue
        spk = m.group(1).strip()
        if spk not in labels:
            problem(f"{doc_id}: unknown vtt voice {spk!r}")
        cues.append((spk, re.sub(r"<[^>]+>", "", m.group(2))))
    return header, merge(cues)


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt.strip()
        else:
            turns.append([spk, txt.strip()])
    return turns


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W + "t":
                parts.append(node.text or "")
            elif node.tag == W + "tab":
                parts.append("\t")
            elif node.tag == W + "br":
                parts.append("\n")
        runs = list(p.iter(W + "r"))
        bold = bool(runs) and runs[0].find(W + "rPr/" + W + "b") is not None
        paras.append(("".join(parts), bold))
    return paras


def load(doc_id, cfg):
    files = sorted(TR.glob(doc_id + ".*"))
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {[f.name for f in files]}")
        if not files:
            return None
    path = files[0]
    if path.suffix[1:] != cfg["ext"]:
        problem(f"{doc_id}: expected .{cfg['ext']}, found {path.name}")
    if cfg["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: cannot read docx: {e}")
            return None
        full = "\n".join(t for t, _ in paras)
        header, turns = label_lines(doc_id, [t for t, _ in paras], cfg)
        bold = any(b for t, b in paras if t.startswith(cfg["I"] + ":") or t.startswith(cfg["R"] + ":"))
        return full, header, turns, ("docx", "bold labels" if bold else "plain labels")
    raw = path.read_bytes()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {cfg['enc']}: {e}")
        return None
    if cfg["enc"] != "utf-8":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc_id}: declared {cfg['enc']} but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if cfg["ext"] == "srt":
        header, turns = parse_srt(doc_id, text, cfg)
    elif cfg["ext"] == "vtt":
        header, turns = parse_vtt(doc_id, text, cfg)
    else:
        header, turns = label_lines(doc_id, text.split("\n"), cfg)
    stamped = bool(re.search(r"^\[\d{2}:\d{2}:\d{2}\]", text, re.M))
    return text, header, turns, (cfg["ext"], cfg["enc"], "timestamped" if stamped else "")


# ------------------------------------------------------------------ csv helpers
def read_csv(name, cols):
    path = ROOT / name
    if not path.exists():
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != cols:
        problem(f"{name}: header must be {','.join(cols)}")
        return []
    out = []
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(cols):
            problem(f"{name}: line {n} has {len(r)} fields")
            continue
        out.append(r)
    return out


def main():
    docs = {}
    exts = set()
    for doc_id, cfg in CONFIG.items():
        res = load(doc_id, cfg)
        if res is None:
            continue
        full, header, turns, kind = res
        docs[doc_id] = (full, turns)
        exts.add(kind)
        if not turns:
            problem(f"{doc_id}: no turns parsed")
            continue
        for i, (spk, txt) in enumerate(turns):
            want = cfg["I"] if i % 2 == 0 else cfg["R"]
            if spk != want:
                problem(f"{doc_id}: turn {i + 1} is {spk!r}, expected {want!r} (no strict alternation)")
                break
            if not txt.strip():
                problem(f"{doc_id}: turn {i + 1} is empty")
        words = sum(len(t.split()) for _, t in turns)
        n_r = sum(1 for s, _ in turns if s == cfg["R"])
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc_id}: {words} spoken words, outside {WORDS}")
        if not R_TURNS[0] <= n_r <= R_TURNS[1]:
            problem(f"{doc_id}: {n_r} respondent turns, outside {R_TURNS}")
        if FORBIDDEN.search(full):
            problem(f"{doc_id}: contains a forbidden label word")
    extra = [f.name for f in TR.iterdir() if f.stem not in CONFIG] if TR.exists() else []
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    if len(exts) < MIN_FORMATS:
        problem(f"only {len(exts)} different transcript formats: {sorted(exts)}")

    # styles
    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in styles]
    if sorted(ids) != sorted(CONFIG) or len(set(ids)) != len(ids):
        problem(f"styles.csv must list each of {sorted(CONFIG)} once, has {ids}")
    mix = {}
    kinds = {}
    for d, st, rat in styles:
        if st not in EXPECTED_MIX:
            problem(f"styles.csv: {d} has invalid style {st!r}")
        if not rat.strip():
            problem(f"styles.csv: {d} has no rationale")
        mix[st] = mix.get(st, 0) + 1
        if st == "onbepaald":
            low = rat.lower()
            kind = "too little evidence" if "too little evidence" in low else ("mixed" if "mixed" in low else None)
            if kind is None:
                problem(f"styles.csv: onbepaald {d} does not say which kind")
            else:
                kinds[kind] = kinds.get(kind, 0) + 1
    if mix != EXPECTED_MIX:
        problem(f"styles.csv: mix {mix} != {EXPECTED_MIX}")
    if kinds != EXPECTED_ONBEPAALD_KIND:
        problem(f"styles.csv: onbepaald kinds {kinds} != {EXPECTED_ONBEPAALD_KIND}")

    # orientation
    orient = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for d, ti, o in orient:
        if d not in CONFIG:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if not ti.isdigit():
            problem(f"orientation.csv: bad turn_index {ti!r}")
            continue
        ti = int(ti)
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: {d} {ti}: bad orientation {o!r}")
        if d in docs:
            turns = docs[d][1]
            if ti < 1 or ti > len(turns):
                problem(f"orientation.csv: {d} turn {ti} does not exist ({len(turns)} turns)")
            elif ti % 2 != 0 or turns[ti - 1][0] != CONFIG[d]["R"]:
                problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        problem("orientation.csv: duplicate rows")

    # identifiers
    idents = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen = set()
    per_doc = {}
    for d, ident, typ in idents:
        if d not in CONFIG:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if typ not in TYPES:
            problem(f"identifiers.csv: {d} {ident!r}: bad type {typ!r}")
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        per_doc[d] = per_doc.get(d, 0) + 1
        if d in docs and ident not in docs[d][0]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim in the transcript")
    for d in CONFIG:
        if per_doc.get(d, 0) < MIN_IDS:
            problem(f"identifiers.csv: {d} has only {per_doc.get(d, 0)} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
