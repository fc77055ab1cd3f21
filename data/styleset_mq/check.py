#!/usr/bin/env python3
"""Check blind style set mq against its built transcripts (standard library only).

Parses transcripts/<doc>.<ext> (docx, txt in UTF-8 or Windows-1252, vtt, srt), recovers the turns
from the delivered text (not from src/), and checks them against styles.csv, orientation.csv and
identifiers.csv. Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DOCS = ["mq01", "mq02", "mq03", "mq04", "mq05", "mq06"]
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
ONBEPAALD_KIND = {"mq03": "too little evidence"}
INTERVIEWER = {"mq01": "Sanne", "mq02": "I", "mq03": "Tom Wiersma", "mq04": "Interviewer",
               "mq05": "Spreker 1", "mq06": "Interviewer"}
ENCODING = {"mq02": "cp1252", "mq05": "utf-8"}          # txt files
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RTURNS, MAX_RTURNS = 10, 45
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
BANNED = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "casusgerichte", "netwerkgerichte"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


# ---------- readers: each returns (full_text, turns=[(speaker, text)], header_lines) ----------

def read_docx(path):
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
            elif el.tag == W + "br":
                buf.append("\n")
        paras.append("".join(buf))
    return "\n".join(paras), paras


def decode_txt(doc, raw):
    enc = ENCODING.get(doc)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode(enc or "utf-8")
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc or 'utf-8'}: {e}")
        text = raw.decode(enc or "utf-8", errors="replace")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: declared Windows-1252 but the file is also valid UTF-8 (no cp1252-only bytes)")
        except UnicodeDecodeError:
            pass
    if re.search("Ã[\u0080-\u00bf]|â€|\ufffd", text):
        bad(f"{doc}: mojibake or replacement characters in decoded text")
    return text


TS_LINE = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+([^:\[\]]{1,40}):\s+(.*)$")
LAB_LINE = re.compile(r"^([^\s:\[][^:]{0,39}):\s+(.*)$")


def turns_from_lines(doc, lines):
    """Line-based transcripts (docx paragraphs, txt lines): 'Label: text' or '[hh:mm:ss] Label: text'."""
    lines = [l.rstrip("\r") for l in lines]
    ts_mode = sum(1 for l in lines if TS_LINE.match(l)) >= 10
    rx = TS_LINE if ts_mode else LAB_LINE
    labels = Counter()
    for l in lines:
        m = rx.match(l)
        if m:
            labels[m.group(4) if ts_mode else m.group(1)] += 1
    speakers = [lab for lab, n in labels.most_common(2) if n >= 5]
    if len(speakers) != 2:
        bad(f"{doc}: could not find two speaker labels (found {labels.most_common(4)})")
        return [], []
    turns, header, last_ts = [], [], -1
    for l in lines:
        m = rx.match(l)
        lab = (m.group(4) if ts_mode else m.group(1)) if m else None
        if m and lab in speakers:
            text = m.group(5) if ts_mode else m.group(2)
            if ts_mode:
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last_ts:
                    bad(f"{doc}: timestamps go backwards at {l[:30]}")
                last_ts = t
            turns.append([lab, text.strip()])
        elif not turns:
            if l.strip():
                header.append(l)
        elif l.strip():
            if m and not ts_mode:
                bad(f"{doc}: line inside the transcript looks like a turn of an unknown speaker: {l[:50]}")
            turns[-1][1] += " " + l.strip()
    return turns, header


def check_header(doc, header, speakers):
    for h in header:
        m = LAB_LINE.match(h) or TS_LINE.match(h)
        if not m:
            continue
        lab = m.group(4) if m.re is TS_LINE else m.group(1)
        if lab in speakers:
            bad(f"{doc}: header line looks like a speaker turn: {h[:50]}")
        elif lab.lower() not in ("respondent", "datum", "duur", "interviewer", "locatie", "opname", "project"):
            bad(f"{doc}: header line looks like 'Name: text': {h[:50]}")


VTT_TIME = re.compile(r"^(\d\d:)?\d\d:\d\d\.\d{3} --> (\d\d:)?\d\d:\d\d\.\d{3}")
SRT_TIME = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")


def read_vtt(doc, text):
    text = text.replace("\r\n", "\n")
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        if not VTT_TIME.match(lines[0]):
            if len(lines) > 1 and VTT_TIME.match(lines[1]):
                lines = lines[1:]
            else:
                bad(f"{doc}: vtt block without timing: {lines[0][:40]}")
                continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        spk, txt = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def read_srt(doc, text):
    text = text.replace("\r\n", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    turns, expect = [], 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not SRT_TIME.match(lines[1].strip()):
            bad(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            bad(f"{doc}: srt cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        body = " ".join(l.strip() for l in lines[2:])
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
        if m:
            spk, txt = m.group(1), m.group(2)
        elif turns:
            spk, txt = turns[-1][0], body
        else:
            bad(f"{doc}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc, path):
    ext = path.suffix.lower()
    header = []
    if ext == ".docx":
        full, paras = read_docx(path)
        turns, header = turns_from_lines(doc, paras)
    elif ext == ".txt":
        raw = path.read_bytes()
        full = decode_txt(doc, raw)
        if doc == "mq02" and b"\r\n" not in raw:
            bad(f"{doc}: expected CRLF line endings")
        turns, header = turns_from_lines(doc, full.split("\n"))
    elif ext == ".vtt":
        full = decode_txt(doc, path.read_bytes())
        turns = read_vtt(doc, full)
    elif ext == ".srt":
        full = decode_txt(doc, path.read_bytes())
        turns = read_srt(doc, full)
    else:
        bad(f"{doc}: unsupported extension {ext}")
        return "", []
    if header:
        check_header(doc, header, {t[0] for t in turns})
    return full, turns


def main():
    tdir = ROOT / "transcripts"
    files = sorted(p for p in tdir.iterdir() if p.is_file()) if tdir.is_dir() else []
    byid = {}
    for p in files:
        if p.stem not in DOCS:
            bad(f"unexpected file in transcripts/: {p.name}")
        byid.setdefault(p.stem, []).append(p)
    exts = set()
    info = {}
    for doc in DOCS:
        ps = byid.get(doc, [])
        if len(ps) != 1:
            bad(f"{doc}: expected exactly one transcript, found {[p.name for p in ps]}")
            continue
        path = ps[0]
        fmt = path.suffix.lower()
        if fmt == ".txt":
            fmt += "/" + ENCODING.get(doc, "utf-8")
        exts.add(fmt)
        full, turns = load(doc, path)
        if not turns:
            bad(f"{doc}: no turns recovered")
            continue
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            bad(f"{doc}: expected 2 speakers, found {speakers}")
        if turns[0][0] != INTERVIEWER[doc]:
            bad(f"{doc}: first turn is by {turns[0][0]!r}, not the interviewer {INTERVIEWER[doc]!r}")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                bad(f"{doc}: turns {i} and {i + 1} have the same speaker")
        rturns = sum(1 for s, _ in turns if s != INTERVIEWER[doc])
        words = sum(nwords(t) for _, t in turns)
        if not MIN_RTURNS <= rturns <= MAX_RTURNS:
            bad(f"{doc}: {rturns} respondent turns (want {MIN_RTURNS}-{MAX_RTURNS})")
        if not MIN_WORDS <= words <= MAX_WORDS:
            bad(f"{doc}: {words} spoken words (want {MIN_WORDS}-{MAX_WORDS})")
        low = full.lower()
        for w in BANNED:
            if w in low:
                bad(f"{doc}: banned word {w!r} occurs")
        info[doc] = {"full": full, "turns": turns, "words": words, "rturns": rturns}
    if len(exts) < 4:
        bad(f"only {len(exts)} different transcript formats: {sorted(exts)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "styles.csv", encoding="utf-8", newline="")))
    except OSError as e:
        bad(f"styles.csv: {e}")
        rows = []
    seen = Counter(r["doc_id"] for r in rows)
    for doc in DOCS:
        if seen[doc] != 1:
            bad(f"styles.csv: {doc} occurs {seen[doc]} times")
    for d in seen:
        if d not in DOCS:
            bad(f"styles.csv: unknown doc {d}")
    mix = Counter()
    for r in rows:
        st = r["style"]
        if st not in MIX:
            bad(f"styles.csv: {r['doc_id']} has invalid style {st!r}")
        mix[st] += 1
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: {r['doc_id']} has no rationale")
        if st == "onbepaald":
            kind = ONBEPAALD_KIND.get(r["doc_id"])
            if kind is None:
                bad(f"styles.csv: {r['doc_id']} is onbepaald but not planned as such")
            elif kind not in r["rationale"].lower():
                bad(f"styles.csv: {r['doc_id']} rationale does not name the kind ({kind})")
    if dict(mix) != MIX:
        bad(f"styles.csv: mix is {dict(mix)}, want {MIX}")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(ROOT / "orientation.csv", encoding="utf-8", newline="")))
    except OSError as e:
        bad(f"orientation.csv: {e}")
        orows = []
    keys = []
    for r in orows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((DOCS.index(doc) if doc in DOCS else 99, idx))
        if doc not in info:
            bad(f"orientation.csv: unknown or unreadable doc {doc}")
            continue
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: {doc} turn {idx}: invalid orientation {o!r}")
        turns = info[doc]["turns"]
        if not 1 <= idx <= len(turns):
            bad(f"orientation.csv: {doc} turn {idx} out of range (1-{len(turns)})")
        elif idx % 2 != 0 or turns[idx - 1][0] == INTERVIEWER[doc]:
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8", newline="")))
    except OSError as e:
        bad(f"identifiers.csv: {e}")
        irows = []
    per = Counter()
    seen_ids = set()
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen_ids:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen_ids.add((doc, ident))
        per[doc] += 1
        if typ not in TYPES:
            bad(f"identifiers.csv: {doc} {ident!r} has invalid type {typ!r}")
        if doc not in info:
            bad(f"identifiers.csv: unknown or unreadable doc {doc}")
        elif ident not in info[doc]["full"]:
            bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc in DOCS:
        if per[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
