#!/usr/bin/env python3
"""Check the built setLL transcripts and label files (standard library only).

Parses the transcripts themselves (not src/), and checks: one readable transcript per doc in
its encoding, strictly alternating turns starting with the interviewer, 10-45 respondent turns,
1,500-2,600 spoken words, orientation rows pointing at respondent turns, identifiers occurring
verbatim, and styles.csv complete with the requested mix. Prints OK or the problems (exit 1).
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

# doc_id -> (extension, encoding, CRLF required, interviewer label, respondent label)
DOCS = {
    "ll01": ("docx", None, False, "Interviewer", "Nilda"),
    "ll02": ("txt", "cp1252", True, "I", "R"),
    "ll03": ("vtt", "utf-8", False, "Sanne Verhoef", "Yvonne Baak"),
    "ll04": ("srt", "utf-8", True, "Interviewer", "Gerrit-Jan"),
    "ll05": ("txt", "utf-8", False, "Spreker 1", "Spreker 2"),
    "ll06": ("docx", None, False, "Interviewer", "Karim"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def line_turns(lines, labels):
    """Turns from 'Label: text' lines (optionally '[hh:mm:ss] ' first); header lines before."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s+)?(" + "|".join(map(re.escape, labels)) +
                     r"):\s+(.*)$")
    turns, header = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = pat.match(ln)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + ln
        else:
            header.append(ln)
    return turns, header


def merge(segments):
    turns = []
    for spk, txt in segments:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def vtt_turns(text, labels):
    lines = text.split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    segs = []
    for block in re.split(r"\n\s*\n", text):
        bl = [b for b in block.split("\n") if b.strip()]
        if not bl or bl[0].startswith("WEBVTT") or bl[0].startswith("NOTE"):
            continue
        idx = next((i for i, b in enumerate(bl) if "-->" in b), None)
        if idx is None:
            problem(f"vtt block without timing: {bl[0][:40]!r}")
            continue
        cue = " ".join(bl[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m:
            problem(f"vtt cue without voice tag: {cue[:40]!r}")
            continue
        if m.group(1) not in labels:
            problem(f"vtt unknown voice {m.group(1)!r}")
        segs.append((m.group(1), m.group(2)))
    return merge(segs)


def srt_turns(text, labels):
    pat = re.compile(r"^(" + "|".join(map(re.escape, labels)) + r"):\s+(.*)$")
    segs, cur, expect = [], None, 1
    for block in re.split(r"\n\s*\n", text.strip()):
        bl = [b for b in block.split("\n") if b.strip()]
        if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
            problem(f"srt malformed cue: {bl[:2]}")
            continue
        if int(bl[0]) != expect:
            problem(f"srt cue numbering jumps at {bl[0]}")
        expect = int(bl[0]) + 1
        cue = " ".join(x.strip() for x in bl[2:])
        m = pat.match(cue)
        if m:
            cur = m.group(1)
            segs.append((cur, m.group(2)))
        elif cur is None:
            problem("srt first cue has no speaker name")
        else:
            segs.append((cur, cue))
    return merge(segs)


def load(doc_id):
    ext, enc, crlf, ilab, rlab = DOCS[doc_id]
    files = sorted(TR.glob(f"{doc_id}.*"))
    if len(files) != 1:
        problem(f"{doc_id}: expected one transcript, found {len(files)}")
        return None, None
    path = files[0]
    if path.suffix != "." + ext:
        problem(f"{doc_id}: expected .{ext}, found {path.suffix}")
        return None, None
    labels = (ilab, rlab)
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: docx unreadable: {e}")
            return None, None
        full = "\n".join(paras)
        turns, _ = line_turns(paras, labels)
        return turns, full
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc_id}: declared Windows-1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if crlf:
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            problem(f"{doc_id}: expected CRLF line endings throughout")
    elif b"\r\n" in raw:
        problem(f"{doc_id}: unexpected CRLF")
    norm = text.replace("\r\n", "\n")
    if ext == "txt":
        turns, _ = line_turns(norm.split("\n"), labels)
    elif ext == "vtt":
        turns = vtt_turns(norm, labels)
    else:
        turns = srt_turns(norm, labels)
    return turns, norm


def read_csv(name, cols):
    path = ROOT / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != cols:
        problem(f"{name}: header should be {','.join(cols)}")
        return []
    return rows[1:]


def main():
    parsed = {}
    for doc_id, (ext, enc, crlf, ilab, rlab) in DOCS.items():
        turns, full = load(doc_id)
        if turns is None:
            continue
        parsed[doc_id] = (turns, full)
        if not turns:
            problem(f"{doc_id}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns, start=1):
            want = ilab if i % 2 == 1 else rlab
            if spk != want:
                problem(f"{doc_id}: turn {i} is {spk!r}, expected {want!r}")
                break
        n_r = sum(1 for s, _ in turns if s == rlab)
        if not 10 <= n_r <= 45:
            problem(f"{doc_id}: {n_r} respondent turns (10-45 required)")
        words = sum(len(re.sub(r"<[^>]+>", " ", t).split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc_id}: {words} spoken words (1500-2600 required)")
        spoken = " ".join(t for _, t in turns)
        if FORBIDDEN.search(spoken):
            problem(f"{doc_id}: forbidden label word in the interview text")
        if "[[" in full or re.search(r"\{(casus|netwerk|-)\}", full):
            problem(f"{doc_id}: annotation markup leaked into transcript")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    mix = Counter(r[1] for r in rows if len(r) == 3)
    if dict(mix) != MIX:
        problem(f"styles.csv: mix {dict(mix)} != {MIX}")
    for r in rows:
        if len(r) != 3 or not r[2].strip():
            problem(f"styles.csv: bad row {r}")
        elif r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
            problem(f"styles.csv: {r[0]} onbepaald rationale must name its kind")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        doc_id, idx, ori = r[0], int(r[1]), r[2]
        keys.append((doc_id, idx))
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if doc_id not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {doc_id}")
            continue
        turns = parsed[doc_id][0]
        rlab = DOCS[doc_id][4]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != rlab:
            problem(f"orientation.csv: {doc_id} turn {idx} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = Counter()
    seen = set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc_id, ident, typ = r
        if (doc_id, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc_id} {ident!r}")
        seen.add((doc_id, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        if doc_id not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {doc_id}")
            continue
        if ident not in parsed[doc_id][1]:
            problem(f"identifiers.csv: {doc_id} {ident!r} not found verbatim")
        per_doc[doc_id] += 1
    for doc_id in DOCS:
        if per_doc[doc_id] < 5:
            problem(f"identifiers.csv: {doc_id} has only {per_doc[doc_id]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
