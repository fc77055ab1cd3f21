#!/usr/bin/env python3
"""Check set HO. Standard library only. Parses the BUILT transcripts (not src/).

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id: (extension, encoding, interviewer label, respondent label)
EXPECT = {
    "ho01": ("docx", "docx", "Jasper", "Ingrid"),
    "ho02": ("txt", "cp1252", "I", "R"),
    "ho03": ("vtt", "utf-8", "Noor el Idrissi", "Ruud Baaijens"),
    "ho04": ("srt", "utf-8", "Interviewer", "Dewi"),
    "ho05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "ho06": ("docx", "docx", "Interviewer", "Respondent"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "duur", "interviewer", "locatie", "opname", "project", "deelnemers", "onderzoeker"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


# ------------------------------------------------------------------ readers
def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                buf.append("\n")
        paras.append("".join(buf))
    return paras


def decode(doc_id, path, encoding):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as e:
        bad(f"{doc_id}: not readable as {encoding}: {e}")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if encoding == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{doc_id}: declared Windows-1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw:
            bad(f"{doc_id}: Windows-1252 file without CRLF line endings")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def label_re(labels):
    alt = "|".join(re.escape(l) for l in labels)
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + alt + r"):\s+(.*)$")


def parse_lines(doc_id, lines, labels):
    """Lines of a .txt/.docx transcript -> (header lines, turns)."""
    rx = label_re(labels)
    header, turns, stamps = [], [], []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            if m.group(1):
                stamps.append(m.group(1))
            turns.append([m.group(2), m.group(3)])
        elif not turns:
            k = re.match(r"^([^:\[\]]{1,30}):\s", s)
            if k and k.group(1).strip().lower() not in META_KEYS:
                bad(f"{doc_id}: header line looks like a speaker turn: {s[:60]!r}")
            header.append(s)
        else:
            bad(f"{doc_id}: line after the first turn without a speaker label: {s[:60]!r}")
    if stamps and stamps != sorted(stamps):
        bad(f"{doc_id}: timestamps not in order")
    return header, turns


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


TIMING_VTT = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}")
TIMING_SRT = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")


def parse_vtt(doc_id, text):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip("\n")) if b.strip()]
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc_id}: missing WEBVTT signature")
        return [], []
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            continue
        if not TIMING_VTT.match(lines[0]):
            lines = lines[1:]  # cue identifier
        if not lines or not TIMING_VTT.match(lines[0]):
            bad(f"{doc_id}: vtt block without timing: {b[:50]!r}")
            continue
        body = " ".join(l.strip() for l in lines[1:] if l.strip())
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad(f"{doc_id}: vtt cue without voice tag: {body[:50]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def parse_srt(doc_id, text, labels):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip("\n")) if b.strip()]
    rx = label_re(labels)
    cues = []
    for n, b in enumerate(blocks, start=1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TIMING_SRT.match(lines[1].strip()):
            bad(f"{doc_id}: malformed srt cue {n}: {b[:50]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:] if l.strip())
        m = rx.match(body)
        if not m:
            bad(f"{doc_id}: srt cue {n} does not start with a speaker name")
            continue
        cues.append((m.group(2), m.group(3)))
    return [], merge(cues)


def load(doc_id):
    ext, enc, ilab, rlab = EXPECT[doc_id]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        bad(f"{doc_id}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + ext):
        bad(f"{doc_id}: expected .{ext}, found {files[0]}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc_id}: unreadable docx: {e}")
            return None
        full = "\n".join(paras)
        header, turns = parse_lines(doc_id, paras, (ilab, rlab))
    else:
        full = decode(doc_id, path, enc)
        if full is None:
            return None
        if ext == "txt":
            header, turns = parse_lines(doc_id, full.split("\n"), (ilab, rlab))
        elif ext == "vtt":
            header, turns = parse_vtt(doc_id, full)
        else:
            header, turns = parse_srt(doc_id, full, (ilab, rlab))
    return full, header, turns


# ------------------------------------------------------------------ checks
def read_csv(name, head):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or tuple(rows[0]) != head:
        bad(f"{name}: header should be {','.join(head)}")
        return []
    return rows[1:]


def main():
    docs = {}
    for doc_id in EXPECT:
        got = load(doc_id)
        if got is None:
            continue
        full, header, turns = got
        ilab, rlab = EXPECT[doc_id][2], EXPECT[doc_id][3]
        if not turns:
            bad(f"{doc_id}: no turns found")
            continue
        if turns[0][0] != ilab:
            bad(f"{doc_id}: first turn is by {turns[0][0]!r}, not the interviewer {ilab!r}")
        speakers = {t[0] for t in turns}
        if speakers != {ilab, rlab}:
            bad(f"{doc_id}: speakers {sorted(speakers)} != {[ilab, rlab]}")
        for i, (spk, _) in enumerate(turns, start=1):
            want = ilab if i % 2 else rlab
            if spk != want:
                bad(f"{doc_id}: turn {i} is by {spk!r}, expected {want!r} (turns must alternate)")
                break
        words = sum(len(t[1].split()) for t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc_id}: {words} spoken words, outside {WORDS}")
        nr = sum(1 for t in turns if t[0] == rlab)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc_id}: {nr} respondent turns, outside {RTURNS}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc_id}: forbidden word {w!r} in transcript")
        docs[doc_id] = (full, turns, words, nr)
    extra = [f for f in os.listdir(TDIR) if f.split(".")[0] not in EXPECT]
    if extra:
        bad(f"unexpected files in transcripts/: {extra}")

    # styles.csv
    rows = read_csv("styles.csv", ("doc_id", "style", "rationale"))
    seen, mix, kinds = set(), {}, []
    for r in rows:
        if len(r) != 3:
            bad(f"styles.csv: bad row {r}")
            continue
        d, s, why = r
        if d not in EXPECT or d in seen:
            bad(f"styles.csv: unknown or duplicate doc {d}")
        seen.add(d)
        if s not in WANT_MIX:
            bad(f"styles.csv: bad style {s!r} for {d}")
        mix[s] = mix.get(s, 0) + 1
        if not why.strip():
            bad(f"styles.csv: empty rationale for {d}")
        if s == "onbepaald":
            w = why.lower()
            kinds.append("mixed" if "mixed" in w else "little" if "too little evidence" in w else "?")
    if seen != set(EXPECT):
        bad(f"styles.csv: docs missing: {sorted(set(EXPECT) - seen)}")
    if mix != WANT_MIX:
        bad(f"styles.csv: mix {mix} != {WANT_MIX}")
    if sorted(kinds) != ["little", "mixed"]:
        bad(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence', got {kinds}")

    # orientation.csv
    rows = read_csv("orientation.csv", ("doc_id", "turn_index", "orientation"))
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in EXPECT or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        d, idx, o = r[0], int(r[1]), r[2]
        keys.append((d, idx))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r} in {r}")
        if d in docs:
            turns = docs[d][1]
            if idx < 1 or idx > len(turns):
                bad(f"orientation.csv: {d} turn {idx} does not exist ({len(turns)} turns)")
            elif turns[idx - 1][0] != EXPECT[d][3]:
                bad(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ("doc_id", "identifier", "type"))
    per, seen_ids = {}, set()
    for r in rows:
        if len(r) != 3 or r[0] not in EXPECT:
            bad(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r} in {r}")
        if (d, ident) in seen_ids:
            bad(f"identifiers.csv: duplicate {d} {ident!r}")
        seen_ids.add((d, ident))
        per[d] = per.get(d, 0) + 1
        if d in docs and ident not in docs[d][0]:
            bad(f"identifiers.csv: {d} {ident!r} does not occur verbatim in the transcript")
    for d in EXPECT:
        if per.get(d, 0) < 5:
            bad(f"identifiers.csv: {d} has only {per.get(d, 0)} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d, (_, turns, words, nr) in docs.items():
        print(f"{d}: {len(turns)} turns, {nr} respondent turns, {words} words")
    print("OK")


if __name__ == "__main__":
    main()
