#!/usr/bin/env python3
"""Check blind set IC against its built transcripts (standard library only).

Parses transcripts/*.{docx,txt,srt,vtt} (not the sources) and checks: one readable transcript per
doc, turns alternate starting with the interviewer, orientation rows point at respondent turns,
identifiers occur verbatim, styles.csv complete with the requested mix, word and turn ranges.
Prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

SET = Path(__file__).resolve().parent
TR = SET / "transcripts"
DOCS = [f"ic0{i}" for i in range(1, 7)]
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
# expected speaker labels per document: (interviewer, respondent)
SPEAKERS = {
    "ic01": ("Esther", "Hans"),
    "ic02": ("Interviewer", "Respondent"),
    "ic03": ("I", "R"),
    "ic04": ("Karin Bosman", "Ria Smulders"),
    "ic05": ("Spreker 1", "Spreker 2"),
    "ic06": ("Lotte", "Van Rooij"),
}
GENERIC_LABELS = {"Interviewer", "Respondent", "I", "R", "Spreker 1", "Spreker 2"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def label_turn(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None


def parse_lines(doc, lines, labels, stamped=False):
    """Turns from label lines; unlabeled lines before the first turn are header."""
    turns = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if stamped:
            m = re.match(r"^\[(\d\d):([0-5]\d):([0-5]\d)\]\s+(.*)$", s)
            if m:
                s = m.group(4)
            elif turns:
                problem(f"{doc}: line without timestamp after the first turn: {s[:50]!r}")
        lt = label_turn(s, labels)
        if lt:
            turns.append(list(lt))
        elif turns:
            problem(f"{doc}: unlabeled line inside the turns: {s[:50]!r}")
        elif re.match(r"^[A-Z][\w .'-]{0,30}:\s", s) and not re.match(
                r"^(Datum|Duur|Locatie|Sprekers|Opname|Respondent|Interviewer):", s):
            problem(f"{doc}: header line looks like a speaker turn: {s[:50]!r}")
    return turns


def read_txt(doc, path, labels):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
        enc = "cp1252"
        if "\ufffd" in text:
            problem(f"{doc}: undecodable bytes")
    stamped = bool(re.search(r"^\[\d\d:\d\d:\d\d\] ", text, re.M))
    return text, parse_lines(doc, text.splitlines(), labels, stamped), enc


def read_docx(doc, path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return "\n".join(paras), parse_lines(doc, paras, labels), "docx"


def read_srt(doc, path, labels):
    text = path.read_bytes().decode("utf-8")
    turns = []
    blocks = [b for b in re.split(r"\r?\n\s*\r?\n", text.strip()) if b.strip()]
    last_end = -1.0
    for n, b in enumerate(blocks, 1):
        ls = b.splitlines()
        if len(ls) < 3 or ls[0].strip() != str(n):
            problem(f"{doc}: srt cue {n} malformed")
            continue
        m = re.match(r"^(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})$", ls[1].strip())
        if not m:
            problem(f"{doc}: srt cue {n} bad timing")
            continue
        g = [int(x) for x in m.groups()]
        a = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        e = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        if not (last_end <= a < e):
            problem(f"{doc}: srt cue {n} timing not increasing")
        last_end = e
        body = " ".join(x.strip() for x in ls[2:])
        lt = label_turn(body, labels)
        if lt:
            turns.append(list(lt))
        elif turns:
            turns[-1][1] += " " + body
        else:
            problem(f"{doc}: first srt cue has no speaker")
    return text, turns, "utf-8"


def read_vtt(doc, path, labels):
    text = path.read_bytes().decode("utf-8")
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: no WEBVTT signature")
    turns = []
    blocks = [b for b in re.split(r"\r?\n\s*\r?\n", text.strip()) if b.strip()][1:]
    for b in blocks:
        ls = b.splitlines()
        if ls[0].startswith("NOTE"):
            continue
        if "-->" not in ls[0]:
            problem(f"{doc}: vtt block without timing: {ls[0][:40]!r}")
            continue
        body = " ".join(x.strip() for x in ls[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        who, said = m.group(1), m.group(2).strip()
        if who not in labels:
            problem(f"{doc}: unknown voice {who!r}")
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said  # a turn may span several cues
        else:
            turns.append([who, said])
    return text, turns, "utf-8"


READERS = {".txt": read_txt, ".docx": read_docx, ".srt": read_srt, ".vtt": read_vtt}


def main():
    docs = {}
    for doc in DOCS:
        files = [p for p in TR.glob(f"{doc}.*")]
        if len(files) != 1:
            problem(f"{doc}: expected one transcript, found {len(files)}")
            continue
        path = files[0]
        if path.suffix not in READERS:
            problem(f"{doc}: unsupported format {path.suffix}")
            continue
        labels = SPEAKERS[doc]
        try:
            text, turns, enc = READERS[path.suffix](doc, path, labels)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: cannot read {path.name}: {e}")
            continue
        if not turns:
            problem(f"{doc}: no turns")
            continue
        for i, (who, said) in enumerate(turns, 1):
            want = labels[(i - 1) % 2]
            if who != want:
                problem(f"{doc}: turn {i} by {who!r}, expected {want!r}")
                break
            if not said:
                problem(f"{doc}: turn {i} is empty")
        words = sum(len(said.split()) for _, said in turns)
        resp = sum(1 for who, _ in turns if who == labels[1])
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= resp <= RESP_TURNS[1]:
            problem(f"{doc}: {resp} respondent turns, outside {RESP_TURNS}")
        if FORBIDDEN.search(text):
            problem(f"{doc}: forbidden label word in transcript")
        docs[doc] = dict(text=text, turns=turns, words=words, resp=resp, fmt=path.name, enc=enc)

    # styles.csv
    rows = list(csv.DictReader(open(SET / "styles.csv", encoding="utf-8")))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOCS or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids}")
    cnt = Counter(r["style"] for r in rows)
    if dict(cnt) != MIX:
        problem(f"styles.csv: mix {dict(cnt)} != {MIX}")
    kinds = []
    for r in rows:
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald":
            rl = r["rationale"].lower()
            kinds.append("mixed" if "mixed" in rl else "little" if "too little evidence" in rl else "?")
    if sorted(kinds) != ["little", "mixed"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    rows = list(csv.DictReader(open(SET / "orientation.csv", encoding="utf-8")))
    keys = []
    for r in rows:
        doc, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in docs:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        try:
            ti = int(ti)
        except ValueError:
            problem(f"orientation.csv: bad turn_index {ti!r}")
            continue
        turns = docs[doc]["turns"]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != SPEAKERS[doc][1]:
            problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
        keys.append((doc, ti))
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    rows = list(csv.DictReader(open(SET / "identifiers.csv", encoding="utf-8")))
    per = Counter()
    seen = set()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        if doc not in docs:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        if ident not in docs[doc]["text"]:
            problem(f"identifiers.csv: {doc} {ident!r} not found verbatim")
        per[doc] += 1
    for doc in docs:
        if per[doc] < 5:
            problem(f"{doc}: only {per[doc]} identifiers")
        for lab in SPEAKERS[doc]:
            if lab not in GENERIC_LABELS and (doc, lab) not in seen:
                problem(f"{doc}: speaker label {lab!r} not listed as identifier")

    formats = {d["fmt"].rsplit(".", 1)[1] for d in docs.values()}
    if len(formats) < 4:
        problem(f"only {len(formats)} file formats: {sorted(formats)}")

    for doc, d in docs.items():
        print(f"{doc}: {d['fmt']:10s} {d['enc']:7s} turns={len(d['turns']):3d} "
              f"respondent={d['resp']:3d} words={d['words']}", file=sys.stderr)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
