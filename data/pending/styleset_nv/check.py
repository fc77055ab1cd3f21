"""Check the built setnv transcripts and csv files (standard library only).

Run: python3 check.py   -> prints OK, or the problems and exits with status 1.
The transcripts are parsed as delivered (docx/txt/vtt/srt), not from src/.
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
DOCS = [f"nv{i:02d}" for i in range(1, 7)]
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
BANNED = ("casusgericht", "netwerkgericht", "regiestijl", "netwerker", "netwerkgerichte",
          "casusgerichte")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]\n]{1,40}):\s+(.*)$", re.S)
STAGE = re.compile(r"\((?:lacht|stilte|[a-z ]{1,20})\)")

problems = []


def bad(msg):
    problems.append(msg)


# ---------------------------------------------------------------- readers
def decode_text(raw, name):
    """UTF-8 if it decodes strictly, otherwise Windows-1252."""
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            bad(f"{name}: neither UTF-8 nor Windows-1252")
            return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                buf.append(el.text)
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag == W + "br":
                buf.append("\n")
        paras.append("".join(buf))
    return paras


def turns_from_lines(lines, name):
    """Label lines ('Name: text', optionally '[hh:mm:ss] ') define turns; labels used
    at least three times are speakers; lines before the first speaker line are header;
    unlabelled non-empty lines continue the previous turn."""
    lines = [l.strip() for l in lines]
    counts = Counter()
    for l in lines:
        m = LABEL.match(l)
        if m:
            counts[m.group(2).strip()] += 1
    speakers = {lab for lab, c in counts.items() if c >= 3}
    turns, header = [], []
    for l in lines:
        if not l:
            continue
        m = LABEL.match(l)
        if m and m.group(2).strip() in speakers:
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif turns:
            turns[-1][1] += " " + l
        else:
            header.append(l)
    return turns, header


def turns_from_cues(blocks, name, kind):
    turns = []
    for spk, text in blocks:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def read_vtt(text, name):
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        bad(f"{name}: does not start with WEBVTT")
    blocks, cues = [], []
    cur = []
    for l in lines[1:] + [""]:
        if l.strip():
            cur.append(l)
        elif cur:
            blocks.append(cur)
            cur = []
    for b in blocks:
        if b[0].startswith("NOTE"):
            continue
        i = 0 if "-->" in b[0] else 1
        if i >= len(b) or "-->" not in b[i]:
            bad(f"{name}: malformed cue {b[:2]}")
            continue
        body = " ".join(b[i + 1:])
        m = re.match(r"<v(?:\.[^ >]*)?\s+([^>]+)>(.*)$", body)
        if not m:
            bad(f"{name}: cue without voice tag: {body[:50]!r}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()))
    return turns_from_cues(cues, name, "vtt")


def read_srt(text, name):
    lines = text.replace("\r\n", "\n").split("\n")
    blocks, cur = [], []
    for l in lines + [""]:
        if l.strip():
            cur.append(l)
        elif cur:
            blocks.append(cur)
            cur = []
    cues, expect = [], 1
    for b in blocks:
        if len(b) < 3 or not b[0].strip().isdigit() or "-->" not in b[1]:
            bad(f"{name}: malformed cue {b[:2]}")
            continue
        if int(b[0]) != expect:
            bad(f"{name}: cue number {b[0]} where {expect} expected")
        expect = int(b[0]) + 1
        body = " ".join(b[2:])
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
        if not m:
            bad(f"{name}: cue {b[0]} without 'Name:'")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return turns_from_cues(cues, name, "srt")


def load(doc_id):
    found = [p for p in TR.iterdir() if p.stem == doc_id] if TR.is_dir() else []
    if len(found) != 1:
        bad(f"{doc_id}: expected exactly one transcript, found {[p.name for p in found]}")
        return None, None
    path = found[0]
    ext = path.suffix.lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        turns, _ = turns_from_lines(paras, path.name)
        return turns, "\n".join(paras)
    text, _ = decode_text(path.read_bytes(), path.name)
    if text is None:
        return None, None
    if ext == ".txt":
        turns, _ = turns_from_lines(text.replace("\r\n", "\n").split("\n"), path.name)
    elif ext == ".vtt":
        turns = read_vtt(text, path.name)
    elif ext == ".srt":
        turns = read_srt(text, path.name)
    else:
        bad(f"{path.name}: unsupported format")
        return None, None
    return turns, text


def nwords(text):
    return len([w for w in STAGE.sub(" ", text).split() if re.search(r"\w", w)])


# ---------------------------------------------------------------- checks
def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        bad(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != list(header):
        bad(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    parsed = {}
    formats = set()
    for doc_id in DOCS:
        turns, text = load(doc_id)
        if turns is None:
            continue
        formats.add(next(p.suffix for p in TR.iterdir() if p.stem == doc_id))
        parsed[doc_id] = (turns, text)
        speakers = []
        for spk, _ in turns:
            if spk not in speakers:
                speakers.append(spk)
        if len(speakers) != 2:
            bad(f"{doc_id}: expected 2 speakers, found {speakers}")
            continue
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                bad(f"{doc_id}: turns {i} and {i + 1} have the same speaker")
        interviewer = turns[0][0]
        nresp = sum(1 for s, _ in turns if s != interviewer)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            bad(f"{doc_id}: {nresp} respondent turns")
        words = sum(nwords(t) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc_id}: {words} spoken words, outside {WORDS}")
        low = text.lower()
        for w in BANNED:
            if re.search(r"\b" + w + r"\b", low):
                bad(f"{doc_id}: contains banned word {w!r}")
    if len(formats) < 4 and len(parsed) == len(DOCS):
        # four different deliveries: distinguish txt variants by their labels
        pass

    # styles
    rows = read_csv("styles.csv", ("doc_id", "style", "rationale"))
    seen = {}
    for r in rows:
        if len(r) != 3:
            bad(f"styles.csv: bad row {r}")
            continue
        if r[0] in seen:
            bad(f"styles.csv: duplicate {r[0]}")
        seen[r[0]] = r[1]
        if r[1] not in MIX:
            bad(f"styles.csv: {r[0]} has style {r[1]!r}")
        if not r[2].strip():
            bad(f"styles.csv: {r[0]} has no rationale")
        if r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
            bad(f"styles.csv: {r[0]} onbepaald without kind (mixed / too little evidence)")
    if set(seen) != set(DOCS):
        bad(f"styles.csv: docs {sorted(seen)} != {DOCS}")
    if Counter(seen.values()) != Counter(MIX):
        bad(f"styles.csv: mix {dict(Counter(seen.values()))} != {MIX}")

    # orientation
    rows = read_csv("orientation.csv", ("doc_id", "turn_index", "orientation"))
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        doc_id, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc_id, idx))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: {doc_id} {idx} orientation {o!r}")
        if doc_id not in parsed:
            bad(f"orientation.csv: unknown doc {doc_id}")
            continue
        turns = parsed[doc_id][0]
        if not 1 <= idx <= len(turns):
            bad(f"orientation.csv: {doc_id} turn {idx} out of range (1..{len(turns)})")
        elif idx % 2 or turns[idx - 1][0] == turns[0][0]:
            bad(f"orientation.csv: {doc_id} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")
    for doc_id in DOCS:
        if doc_id in seen and seen[doc_id] != "onbepaald" and doc_id not in {k[0] for k in keys}:
            bad(f"orientation.csv: no rows for {doc_id}")

    # identifiers
    rows = read_csv("identifiers.csv", ("doc_id", "identifier", "type"))
    per_doc = Counter()
    pairs = set()
    for r in rows:
        if len(r) != 3:
            bad(f"identifiers.csv: bad row {r}")
            continue
        doc_id, ident, typ = r
        if (doc_id, ident) in pairs:
            bad(f"identifiers.csv: duplicate {doc_id} {ident!r}")
        pairs.add((doc_id, ident))
        per_doc[doc_id] += 1
        if typ not in TYPES:
            bad(f"identifiers.csv: {doc_id} {ident!r} has type {typ!r}")
        if doc_id not in parsed:
            bad(f"identifiers.csv: unknown doc {doc_id}")
        elif ident not in parsed[doc_id][1]:
            bad(f"identifiers.csv: {doc_id} {ident!r} not found verbatim in the transcript")
    for doc_id in DOCS:
        if per_doc[doc_id] < 5:
            bad(f"identifiers.csv: {doc_id} has {per_doc[doc_id]} identifiers (< 5)")

    # formats: docx, txt, vtt, srt all present (txt in two encodings/label styles)
    if not {".docx", ".txt", ".vtt", ".srt"} <= formats:
        bad(f"formats used: {sorted(formats)}; need at least four different deliveries")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
