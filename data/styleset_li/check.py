#!/usr/bin/env python3
"""Check set LI from the built transcripts (standard library only).

Usage: python check.py [--stats]
Prints OK, or the problems found (exit status 1). With --stats also prints per-document figures.
"""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

SET = Path(__file__).resolve().parent
TR = SET / "transcripts"
DOCS = [f"li{i:02d}" for i in range(1, 7)]
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]<>]{1,40}?):\s+(\S.*)$")
problems = []


def problem(msg):
    problems.append(msg)


def decode(raw, doc):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def labelled_lines(lines, doc):
    """Lines of a docx/txt transcript -> (header, turns[(speaker, text)])."""
    lines = [l.strip() for l in lines if l.strip()]
    counts = Counter()
    for l in lines:
        m = LABEL.match(l)
        if m:
            counts[m.group(2)] += 1
    speakers = [s for s, n in counts.items() if n >= 5]
    if len(speakers) != 2:
        problem(f"{doc}: expected 2 speaker labels, found {speakers}")
        return [], []
    header, turns = [], []
    for l in lines:
        m = LABEL.match(l)
        if m and m.group(2) in speakers:
            turns.append((m.group(2), m.group(3)))
        elif not turns:
            header.append(l)
        else:
            problem(f"{doc}: line after the first turn is not a turn: {l[:50]!r}")
    for h in header:
        m = LABEL.match(h)
        if m and m.group(2) in speakers:
            problem(f"{doc}: header line looks like a turn: {h[:50]!r}")
    return header, turns


def cues(text):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    out = []
    for b in blocks:
        ls = b.split("\n")
        idx = next((i for i, l in enumerate(ls) if "-->" in l), None)
        if idx is None:
            out.append((None, ls))
        else:
            out.append((ls[idx], ls[idx + 1:]))
    return out


def merge(seq):
    turns = []
    for spk, txt in seq:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def read(doc, path):
    """-> (full text, header lines, turns, encoding)"""
    ext = path.suffix.lower()
    if ext == ".docx":
        try:
            with zipfile.ZipFile(path) as z:
                root = ET.fromstring(z.read("word/document.xml"))
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: cannot read docx ({e})")
            return "", [], [], None
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        header, turns = labelled_lines(paras, doc)
        return "\n".join(paras), header, turns, "docx"
    raw = path.read_bytes()
    text, enc = decode(raw, doc)
    if text is None:
        return "", [], [], None
    if ext == ".txt":
        header, turns = labelled_lines(text.splitlines(), doc)
        return text, header, turns, enc
    if ext == ".vtt":
        cs = cues(text)
        if not cs or cs[0][1][0].strip() != "WEBVTT":
            problem(f"{doc}: vtt does not start with WEBVTT")
        header = [l for t, ls in cs if t is None for l in ls if l.strip() not in ("WEBVTT", "NOTE")]
        seq = []
        for t, ls in cs:
            if t is None:
                continue
            body = " ".join(ls)
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
                continue
            seq.append((m.group(1).strip(), m.group(2).strip()))
        return text, header, merge(seq), enc
    if ext == ".srt":
        seq = []
        for n, (t, ls) in enumerate(cues(text), 1):
            if t is None:
                problem(f"{doc}: srt block without timing line")
                continue
            body = " ".join(l.strip() for l in ls)
            m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
            if not m:
                problem(f"{doc}: srt cue {n} without speaker")
                continue
            seq.append((m.group(1), m.group(2)))
        return text, [], merge(seq), enc
    problem(f"{doc}: unknown transcript format {ext}")
    return "", [], [], None


def count_words(s):
    s = re.sub(r"\([^)]*\)", " ", s)
    return len([w for w in s.split() if re.search(r"\w", w)])


def main():
    stats = {}
    # styles
    with open(SET / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    styles = {}
    for r in rows:
        if r["doc_id"] in styles:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r["style"]
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
            problem(f"styles.csv: onbepaald {r['doc_id']} must say which kind")
    if sorted(styles) != DOCS:
        problem(f"styles.csv: docs {sorted(styles)} != {DOCS}")
    if Counter(styles.values()) != Counter(MIX):
        problem(f"styles.csv: mix {dict(Counter(styles.values()))} != {MIX}")

    # transcripts
    docs = {}
    kinds = set()
    for doc in DOCS:
        found = sorted(TR.glob(doc + ".*"))
        if len(found) != 1:
            problem(f"{doc}: expected one transcript, found {[p.name for p in found]}")
            continue
        text, header, turns, enc = read(doc, found[0])
        if not turns:
            problem(f"{doc}: no turns")
            continue
        kinds.add((found[0].suffix, enc))
        interviewer = turns[0][0]
        spk = {s for s, _ in turns}
        if len(spk) != 2:
            problem(f"{doc}: {len(spk)} speakers")
        for i, (s, _) in enumerate(turns):
            if (s == interviewer) != (i % 2 == 0):
                problem(f"{doc}: turns do not alternate at turn {i + 1}")
                break
        nresp = len(turns) // 2
        words = sum(count_words(t) for _, t in turns)
        if not RTURNS[0] <= nresp <= RTURNS[1]:
            problem(f"{doc}: {nresp} respondent turns outside {RTURNS}")
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words outside {WORDS}")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word '{w}' in transcript")
        docs[doc] = (text, turns)
        stats[doc] = (found[0].name, enc, words, nresp, len(turns), len(header))
    if len(kinds) < 4:
        problem(f"only {len(kinds)} different formats")

    # orientation
    with open(SET / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")
    for r in orows:
        d, i = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad value {r['orientation']}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if i % 2 != 0 or not 1 <= i <= len(docs[d][1]):
            problem(f"orientation.csv: {d} turn {i} is not a respondent turn")

    # identifiers
    with open(SET / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    seen, per = set(), Counter()
    for r in irows:
        d, s, t = r["doc_id"], r["identifier"], r["type"]
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        per[d] += 1
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t} for {s!r}")
        if d in docs and s not in docs[d][0]:
            problem(f"identifiers.csv: {d} {s!r} does not occur verbatim")
    for d in DOCS:
        if per[d] < 5:
            problem(f"{d}: only {per[d]} identifiers")

    if "--stats" in sys.argv:
        for d, (name, enc, words, nresp, nturns, nhead) in stats.items():
            print(f"{d}\t{name}\t{enc}\twords={words}\trespondent_turns={nresp}\tturns={nturns}\t"
                  f"header_lines={nhead}\tidentifiers={per[d]}\tstyle={styles.get(d)}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
