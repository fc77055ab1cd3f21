#!/usr/bin/env python3
"""Check blind set 'setlx' against the brief, using the BUILT transcripts only (standard library).

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRANS = HERE / "transcripts"
DOC_IDS = [f"lx{i:02d}" for i in range(1, 7)]
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
INTERVIEWER = re.compile(r"^(interviewer|i|spreker 1|onderzoeker)$", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode(raw, name):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            problem(f"{name}: neither UTF-8 nor Windows-1252")
            return raw.decode("latin-1"), "latin-1"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def turns_from_lines(lines, stamped=False):
    """Label-per-paragraph formats. A label is a 'Name:' prefix used at least 3 times; lines
    before the first labelled line are header; unlabelled lines after it continue the turn."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\[\]]{1,40}?):\s+(.*)$")
    counts = Counter()
    for ln in lines:
        m = pat.match(ln.strip())
        if m:
            counts[m.group(1).strip()] += 1
    labels = {lab for lab, n in counts.items() if n >= 3}
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m and m.group(1).strip() in labels:
            if stamped and not s.startswith("["):
                problem(f"timestamped file has an unstamped turn: {s[:50]}")
            turns.append([m.group(1).strip(), m.group(2)])
        elif turns:
            turns[-1][1] += " " + s
        else:
            header.append(s)
    return header, turns


def merge(cues):
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return turns


def parse_vtt(text):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks[0].startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [x for x in lines[1:] if x.strip()]
            continue
        ti = next((i for i, x in enumerate(lines) if "-->" in x), None)
        if ti is None:
            problem(f"vtt block without timing: {b[:40]}")
            continue
        body = " ".join(lines[ti + 1:])
        m = re.match(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"vtt cue without voice tag: {body[:40]}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def parse_srt(text):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if lines[0].strip() != str(n) or "-->" not in lines[1]:
            problem(f"srt cue {n} malformed")
            continue
        body = " ".join(lines[2:])
        m = re.match(r"([^:]{1,40}):\s+(.*)$", body)
        if not m:
            problem(f"srt cue {n} without 'Name:'")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return [], merge(cues)


def load(doc_id):
    files = sorted(TRANS.glob(doc_id + ".*"))
    if len(files) != 1:
        problem(f"{doc_id}: expected one transcript, found {len(files)}")
        return None
    path = files[0]
    ext = path.suffix.lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        header, turns = turns_from_lines(paras)
        enc = "docx"
    else:
        full, enc = decode(path.read_bytes(), path.name)
        if ext == ".vtt":
            header, turns = parse_vtt(full)
        elif ext == ".srt":
            header, turns = parse_srt(full)
        elif ext == ".txt":
            lines = full.replace("\r\n", "\n").split("\n")
            stamped = any(re.match(r"^\[\d{2}:\d{2}:\d{2}\]", x) for x in lines)
            header, turns = turns_from_lines(lines, stamped)
        else:
            problem(f"{doc_id}: unknown format {ext}")
            return None
    return dict(path=path, ext=ext, enc=enc, full=full, header=header, turns=turns)


def read_csv(name, cols):
    path = HERE / name
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
    docs = {}
    stats = {}
    for d in DOC_IDS:
        info = load(d)
        if not info:
            continue
        docs[d] = info
        turns = info["turns"]
        speakers = [t[0] for t in turns]
        uniq = list(dict.fromkeys(speakers))
        if len(uniq) != 2:
            problem(f"{d}: expected 2 speakers, found {uniq}")
            continue
        if not INTERVIEWER.match(speakers[0]):
            problem(f"{d}: first turn is not the interviewer ({speakers[0]!r})")
        for i in range(1, len(speakers)):
            if speakers[i] == speakers[i - 1]:
                problem(f"{d}: turns {i} and {i + 1} do not alternate")
        resp = [t for i, t in enumerate(turns) if i % 2 == 1]
        words = sum(len(t[1].split()) for t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{d}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= len(resp) <= RESP_TURNS[1]:
            problem(f"{d}: {len(resp)} respondent turns, outside {RESP_TURNS}")
        if BANNED.search(info["full"]):
            problem(f"{d}: transcript uses a label word: {BANNED.search(info['full']).group(0)}")
        for h in info["header"]:
            m = re.match(r"^([^:]{1,40}):\s", h)
            if m and m.group(1).strip() in uniq:
                problem(f"{d}: header line looks like a turn: {h[:50]}")
        stats[d] = (info["ext"], info["enc"], words, len(resp), len(turns))

    formats = {docs[d]["ext"] + ("/" + docs[d]["enc"] if docs[d]["ext"] == ".txt" else "") for d in docs}
    if len({docs[d]["ext"] for d in docs}) < 4:
        problem(f"fewer than four formats: {sorted(formats)}")

    # styles
    srows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in srows]
    if sorted(ids) != DOC_IDS or len(ids) != len(set(ids)):
        problem(f"styles.csv doc ids {ids} != {DOC_IDS}")
    mix = Counter(r[1] for r in srows)
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv mix {dict(mix)} != {WANT_MIX}")
    for r in srows:
        if len(r) != 3 or not r[2].strip():
            problem(f"styles.csv row without rationale: {r}")
        elif r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
            problem(f"styles.csv {r[0]}: onbepaald rationale does not say which kind")

    # orientation
    orows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in orows:
        d, ti, o = r[0], int(r[1]), r[2]
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv bad value {r}")
        if d not in docs:
            problem(f"orientation.csv unknown doc {d}")
            continue
        n = len(docs[d]["turns"])
        if ti % 2 != 0 or not 2 <= ti <= n:
            problem(f"orientation.csv {d} turn {ti} is not a respondent turn (doc has {n} turns)")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv not sorted or has duplicates")

    # identifiers
    irows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen = set()
    per_doc = Counter()
    for d, s, typ in irows:
        if (d, s) in seen:
            problem(f"identifiers.csv duplicate {d} {s!r}")
        seen.add((d, s))
        per_doc[d] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv bad type {typ} for {s!r}")
        if d not in docs:
            problem(f"identifiers.csv unknown doc {d}")
        elif s not in docs[d]["full"]:
            problem(f"{d}: identifier {s!r} not found verbatim in transcript")
    for d in DOC_IDS:
        if per_doc[d] < 5:
            problem(f"{d}: only {per_doc[d]} identifiers")

    if "-v" in sys.argv:
        for d, (ext, enc, w, r, t) in stats.items():
            print(f"{d}\t{ext}\t{enc}\twords={w}\trespondent_turns={r}\tturns={t}\tids={per_doc[d]}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
