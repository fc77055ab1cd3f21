#!/usr/bin/env python3
"""Check set mx: parses the BUILT transcripts (not the sources), standard library only.

Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
DOCS = ["mx01", "mx02", "mx03", "mx04", "mx05", "mx06"]
# expected speaker labels (interviewer, respondent) as they appear in the built files
LABELS = {
    "mx01": ("Interviewer", "Respondent"),
    "mx02": ("I", "R"),
    "mx03": ("Interviewer", "Carla Meijerink"),
    "mx04": ("Interviewer", "Janneke"),
    "mx05": ("Spreker 1", "Spreker 2"),
    "mx06": ("Femke Dijkstra", "Hanneke Wolters"),
}
EXPECT_ENC = {"mx02": "cp1252"}          # all others UTF-8
EXPECT_CRLF = {"mx02", "mx04"}
WANTED_MIX = Counter({"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2})
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def decode(doc, raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            bad(f"{doc}: not decodable as UTF-8 or Windows-1252")
            return None
    want = EXPECT_ENC.get(doc, "utf-8")
    if enc != want:
        bad(f"{doc}: decoded as {enc}, expected {want}")
    if doc in EXPECT_CRLF:
        if "\n" in text.replace("\r\n", "") :
            bad(f"{doc}: expected CRLF line endings throughout")
    elif "\r" in text:
        bad(f"{doc}: unexpected CR characters")
    return text.replace("\r\n", "\n")


def label_turns(doc, lines):
    """lines: header + turn lines (docx paragraphs or txt lines). Returns (turns, fulltext)."""
    ilab, rlab = LABELS[doc]
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + re.escape(ilab) + "|" + re.escape(rlab)
                     + r"):\s+(\S.*)$")
    turns, started, last_ts = [], False, None
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if not m:
            if started:
                bad(f"{doc}: line after first turn is not a turn: {s[:60]!r}")
            elif re.match(r"^[A-Z][\w .]{0,30}:\s", s) and not re.match(
                    r"^(Respondent|Datum|Duur|Opname|Locatie|Interviewer\b.*\(|Spreker \d =)", s):
                bad(f"{doc}: header line looks like a speaker turn: {s[:60]!r}")
            continue
        started = True
        if m.group(1):
            if last_ts and m.group(1) < last_ts:
                bad(f"{doc}: timestamps go backwards at {m.group(1)}")
            last_ts = m.group(1)
        turns.append((m.group(2), m.group(3)))
    return turns


def parse_docx(doc, path):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa
        bad(f"{doc}: cannot read docx: {e}")
        return [], ""
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return label_turns(doc, paras), "\n".join(paras)


def parse_txt(doc, path):
    text = decode(doc, path.read_bytes())
    if text is None:
        return [], ""
    return label_turns(doc, text.split("\n")), text


def ts_sec(s):
    h, m, rest = s.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(rest)


def merge(doc, cues):
    turns = []
    for who, txt in cues:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + txt)
        else:
            turns.append((who, txt))
    return turns


def parse_vtt(doc, path):
    text = decode(doc, path.read_bytes())
    if text is None:
        return [], ""
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT signature")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    cues, last = [], -1.0
    tim = re.compile(r"^(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)")
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        k = 0 if tim.match(lines[0]) else 1
        m = tim.match(lines[k]) if k < len(lines) else None
        if not m:
            bad(f"{doc}: cue without timing: {b[:50]!r}")
            continue
        a, e = ts_sec(m.group(1)), ts_sec(m.group(2))
        if not (last <= a < e):
            bad(f"{doc}: bad cue timing {m.group(0)}")
        last = e
        body = " ".join(lines[k + 1:])
        vm = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not vm:
            bad(f"{doc}: cue without voice tag: {body[:50]!r}")
            continue
        who, txt = vm.group(1).strip(), re.sub(r"</?[^>]+>", "", vm.group(2)).strip()
        if who not in LABELS[doc]:
            bad(f"{doc}: unknown voice {who!r}")
        cues.append((who, txt))
    return merge(doc, cues), text


def parse_srt(doc, path):
    text = decode(doc, path.read_bytes())
    if text is None:
        return [], ""
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    cues, last, n_expect = [], -1.0, 1
    tim = re.compile(r"^(\d\d:\d\d:\d\d,\d\d\d) --> (\d\d:\d\d:\d\d,\d\d\d)$")
    ilab, rlab = LABELS[doc]
    lab = re.compile(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(\S.*)$")
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not tim.match(lines[1]):
            bad(f"{doc}: malformed srt block: {b[:50]!r}")
            continue
        if int(lines[0]) != n_expect:
            bad(f"{doc}: cue number {lines[0]} where {n_expect} expected")
        n_expect = int(lines[0]) + 1
        m = tim.match(lines[1])
        a, e = ts_sec(m.group(1)), ts_sec(m.group(2))
        if not (last <= a < e):
            bad(f"{doc}: bad cue timing {lines[1]}")
        last = e
        body = " ".join(l.strip() for l in lines[2:])
        lm = lab.match(body)
        if not lm:
            bad(f"{doc}: cue text does not start with a speaker label: {body[:50]!r}")
            continue
        cues.append((lm.group(1), lm.group(2)))
    return merge(doc, cues), text


PARSERS = {".docx": parse_docx, ".txt": parse_txt, ".vtt": parse_vtt, ".srt": parse_srt}


def read_csv(name):
    p = HERE / name
    if not p.exists():
        bad(f"{name} missing")
        return []
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    parsed = {}
    for doc in DOCS:
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            bad(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
            continue
        f = files[0]
        if f.suffix not in PARSERS:
            bad(f"{doc}: unsupported format {f.suffix}")
            continue
        turns, full = PARSERS[f.suffix](doc, f)
        parsed[doc] = (turns, full, f.suffix)
        ilab, rlab = LABELS[doc]
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        for i, (who, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if who != want:
                bad(f"{doc}: turn {i + 1} is {who!r}, expected {want!r} (strict alternation, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        rturns = sum(1 for w, _ in turns if w == rlab)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words (1500-2600 required)")
        if not 10 <= rturns <= 45:
            bad(f"{doc}: {rturns} respondent turns (10-45 required)")
        print(f"{doc}{f.suffix:6} turns={len(turns):3} respondent={rturns:3} words={words}")
    # formats
    if len({p[2] for p in parsed.values()}) < 4:
        bad("fewer than four different transcript formats")
    # styles
    rows = read_csv("styles.csv")
    st = {r["doc_id"]: r for r in rows}
    if sorted(st) != DOCS or len(rows) != len(DOCS):
        bad(f"styles.csv: doc ids {sorted(st)}")
    mix = Counter(r["style"] for r in rows)
    if mix != WANTED_MIX:
        bad(f"styles.csv: mix {dict(mix)} != {dict(WANTED_MIX)}")
    for r in rows:
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: {r['doc_id']} without rationale")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
            bad(f"styles.csv: {r['doc_id']} onbepaald without kind")
    # orientation
    rows = read_csv("orientation.csv")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        bad("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        bad("orientation.csv has duplicates")
    for r in rows:
        doc, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad value {o!r}")
        if doc not in parsed:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = parsed[doc][0]
        if ti < 1 or ti > len(turns) or ti % 2 != 0 or turns[ti - 1][0] != LABELS[doc][1]:
            bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    # identifiers
    rows = read_csv("identifiers.csv")
    per = Counter()
    seen = set()
    for r in rows:
        doc, s, t = r["doc_id"], r["identifier"], r["type"]
        if (doc, s) in seen:
            bad(f"identifiers.csv: duplicate {doc} {s!r}")
        seen.add((doc, s))
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {t!r}")
        if doc not in parsed:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        per[doc] += 1
        if s not in parsed[doc][1]:
            bad(f"identifiers.csv: {doc} {s!r} not found verbatim in the transcript")
    for doc in DOCS:
        if per[doc] < 5:
            bad(f"{doc}: only {per[doc]} identifiers")
    for doc, (turns, full, ext) in parsed.items():
        for w in ("casusgericht", "netwerkgericht", "regiestijl"):
            if w in full.lower():
                bad(f"{doc}: forbidden word {w!r} in transcript")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
