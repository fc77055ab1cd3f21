#!/usr/bin/env python3
"""Check set JV: parses the BUILT transcripts (not the sources) with the standard library only.

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

# doc -> (file, kind, encoding, interviewer label, respondent label, CRLF required)
CONFIG = {
    "jv01": ("jv01.docx", "docx", None, "Interviewer", "H. Verschuren", False),
    "jv02": ("jv02.txt", "txt_labels", "cp1252", "I", "R", True),
    "jv03": ("jv03.vtt", "vtt", "utf-8", "Daan Kuijpers", "Lotte Brouwers", False),
    "jv04": ("jv04.srt", "srt", "utf-8", "Interviewer", "J. Rovers", True),
    "jv05": ("jv05.txt", "txt_timestamps", "utf-8", "Spreker 1", "Spreker 2", False),
    "jv06": ("jv06.docx", "docx", None, "Interviewer", "Respondent", False),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ---------------- parsers: return (full_text, [(speaker, text), ...]) ----------------
def merge(turns):
    out = []
    for sp, txt in turns:
        if out and out[-1][0] == sp:
            out[-1] = (sp, out[-1][1] + " " + txt)
        else:
            out.append((sp, txt))
    return out


def label_turn(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None


def parse_docx(path, labels):
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
    turns = []
    for para in paras:
        t = label_turn(para.strip(), labels)
        if t:
            turns.append(t)
        elif turns and para.strip():
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + para.strip())
    return "\n".join(paras), turns


def parse_txt_labels(text, labels):
    turns = []
    for line in text.splitlines():
        t = label_turn(line.strip(), labels)
        if t:
            turns.append(t)
        elif turns and line.strip():
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + line.strip())
    return turns


def parse_txt_timestamps(text, labels):
    rx = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" + "|".join(map(re.escape, labels)) + r"): (.*)$")
    turns, last = [], -1
    for line in text.splitlines():
        m = rx.match(line.strip())
        if m:
            t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if t < last:
                problem(f"timestamps go backwards at [{m.group(1)}:{m.group(2)}:{m.group(3)}]")
            last = t
            turns.append((m.group(4), m.group(5).strip()))
        elif turns and line.strip():
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + line.strip())
    return turns


TIMING = re.compile(r"^(\d\d:)?\d\d:\d\d[.,]\d\d\d --> (\d\d:)?\d\d:\d\d[.,]\d\d\d")


def blocks(text):
    return [b.strip("\n").split("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def parse_vtt(text, labels, doc):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    turns = []
    for b in blocks(text)[1:]:
        if b[0].startswith("NOTE"):
            continue
        i = 0 if TIMING.match(b[0]) else 1
        if i >= len(b) or not TIMING.match(b[i]):
            problem(f"{doc}: vtt block without timing: {b[0][:40]}")
            continue
        body = " ".join(b[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        if m.group(1) not in labels:
            problem(f"{doc}: unknown voice {m.group(1)}")
        turns.append((m.group(1), m.group(2).strip()))
    return merge(turns)


def parse_srt(text, labels, doc):
    turns, expect = [], 1
    for b in blocks(text):
        if not b[0].strip().isdigit() or int(b[0]) != expect:
            problem(f"{doc}: srt cue numbering broken at {b[0][:20]}")
        expect += 1
        if len(b) < 3 or not TIMING.match(b[1]):
            problem(f"{doc}: srt cue without timing: {b[0]}")
            continue
        body = " ".join(b[2:]).strip()
        t = label_turn(body, labels)
        if t:
            turns.append(t)
        elif turns:
            turns.append((turns[-1][0], body))
        else:
            problem(f"{doc}: first srt cue has no speaker")
    return merge(turns)


# ---------------- checks ----------------
def main():
    docs = {}
    kinds = set()
    files = [p.name for p in TR.iterdir()] if TR.is_dir() else []
    for doc, (fname, kind, enc, il, rl, crlf) in CONFIG.items():
        mine = [f for f in files if f.split(".")[0] == doc]
        if mine != [fname]:
            problem(f"{doc}: expected exactly one transcript {fname}, found {mine}")
            continue
        path = TR / fname
        labels = (il, rl)
        try:
            if kind == "docx":
                full, turns = parse_docx(path, labels)
            else:
                raw = path.read_bytes()
                full = raw.decode(enc)  # strict
                if crlf and (b"\r\n" not in raw or raw.replace(b"\r\n", b"").count(b"\n")):
                    problem(f"{doc}: expected CRLF line endings throughout")
                if kind == "txt_labels":
                    turns = parse_txt_labels(full, labels)
                elif kind == "txt_timestamps":
                    turns = parse_txt_timestamps(full, labels)
                elif kind == "vtt":
                    turns = parse_vtt(full, labels, doc)
                else:
                    turns = parse_srt(full, labels, doc)
        except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
            problem(f"{doc}: not readable ({e})")
            continue
        kinds.add((kind, enc))
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (sp, _) in enumerate(turns):
            want = il if i % 2 == 0 else rl
            if sp != want:
                problem(f"{doc}: turn {i + 1} is by {sp!r}, expected {want!r} (alternation, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for sp, _ in turns if sp == rl)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word '{w}' in transcript")
        docs[doc] = {"full": full, "turns": turns, "rl": rl, "words": words, "nresp": nresp}

    if len(kinds) < 4:
        problem(f"only {len(kinds)} different transcript formats, need at least 4")

    # styles.csv
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        seen = {}
        for r in rows:
            if r["doc_id"] in seen:
                problem(f"styles.csv: duplicate {r['doc_id']}")
            seen[r["doc_id"]] = r
            if r["style"] not in MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
        if set(seen) != set(CONFIG):
            problem(f"styles.csv: docs {sorted(seen)} != {sorted(CONFIG)}")
        counts = {s: sum(1 for r in rows if r["style"] == s) for s in MIX}
        if counts != MIX:
            problem(f"styles.csv: mix {counts} != {MIX}")
        onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
        if sum("mixed" in x for x in onb) != 1 or sum("too little evidence" in x for x in onb) != 1:
            problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")
    except (OSError, KeyError) as e:
        problem(f"styles.csv unreadable: {e}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r}")
            if not ti.isdigit():
                problem(f"orientation.csv: bad turn_index {ti!r}")
                continue
            ti = int(ti)
            keys.append((doc, ti))
            if doc not in docs:
                problem(f"orientation.csv: unknown/unparsed doc {doc}")
                continue
            turns = docs[doc]["turns"]
            if not 1 <= ti <= len(turns) or turns[ti - 1][0] != docs[doc]["rl"] or ti % 2:
                problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted by doc_id, turn_index")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        seen = set()
        per_doc = {d: 0 for d in CONFIG}
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
            if (doc, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            if doc not in docs:
                problem(f"identifiers.csv: unknown/unparsed doc {doc}")
                continue
            per_doc[doc] += 1
            if ident not in docs[doc]["full"]:
                problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
        for d, n in per_doc.items():
            if n < 5:
                problem(f"identifiers.csv: {d} has only {n} identifiers (need >= 5)")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv unreadable: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
