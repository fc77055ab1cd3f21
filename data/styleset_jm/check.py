#!/usr/bin/env python3
"""Check blind set JM against its brief. Standard library only.

Parses the BUILT transcripts in transcripts/ (not the sources) and checks them together with
styles.csv, orientation.csv and identifiers.csv. Prints OK, or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id: (kind, encoding, interviewer label, respondent label, expected newline or None)
SPEC = {
    "jm01": ("docx", None, "Interviewer", "Respondent", None),
    "jm02": ("srt", "utf-8", "Lotte", "Ruud", "\r\n"),
    "jm03": ("txt", "cp1252", "I", "R", "\r\n"),
    "jm04": ("vtt", "utf-8", "Interviewer", "Sandra Pinas", "\n"),
    "jm05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "\n"),
    "jm06": ("docx", None, "Mirjam", "Glenn", None),
}
MIX = {"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"datum", "respondent", "duur", "locatie", "interviewer", "opname", "onderwerp"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "meer van de casus"]
WORD = re.compile(r"\w[\w'’-]*")
LABELISH = re.compile(r"^\s*([^:\[\]]{1,40}):\s+\S")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ parsers
def split_label(text, labels):
    for lab in labels:
        if text.startswith(lab + ":"):
            return lab, text[len(lab) + 1:].strip()
    return None, None


def parse_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml")
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return lines_to_turns(paras, labels, stamp=False)


def lines_to_turns(lines, labels, stamp):
    header, turns, started = [], [], False
    rx = re.compile(r"^\[(\d\d:\d\d:\d\d)\] (.*)$")
    for ln in lines:
        if not ln.strip():
            continue
        body = ln
        if stamp:
            m = rx.match(ln)
            if m:
                body = m.group(2)
        lab, text = split_label(body, labels)
        if lab is None:
            if started:
                problem(f"unexpected non-turn line after first turn: {ln[:60]!r}")
            else:
                header.append(ln)
            continue
        if stamp and not rx.match(ln):
            problem(f"turn without timestamp: {ln[:60]!r}")
        started = True
        turns.append((lab, text))
    return header, turns


def merge(cues):
    turns = []
    for lab, text in cues:
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    return turns


def parse_srt(raw, labels):
    blocks = [b for b in re.split(r"\n\s*\n", raw.strip()) if b.strip()]
    cues, expect = [], 1
    for b in blocks:
        ls = b.split("\n")
        if len(ls) < 3 or not ls[0].strip().isdigit() or "-->" not in ls[1]:
            problem(f"malformed srt cue: {b[:60]!r}")
            continue
        if int(ls[0]) != expect:
            problem(f"srt cue numbering: expected {expect}, got {ls[0]}")
        expect = int(ls[0]) + 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", ls[1].strip()):
            problem(f"srt timing line malformed: {ls[1]!r}")
        text = " ".join(x.strip() for x in ls[2:])
        lab, t = split_label(text, labels)
        if lab is None:
            problem(f"srt cue without speaker label: {text[:60]!r}")
            continue
        cues.append((lab, t))
    return [], merge(cues)


def parse_vtt(raw, labels):
    if not raw.startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    blocks = [b for b in re.split(r"\n\s*\n", raw.strip()) if b.strip()]
    header, cues = [], []
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            rest = ls[0][4:].strip()
            header += ([rest] if rest else []) + ls[1:]
            continue
        i = 0 if "-->" in ls[0] else 1
        if i >= len(ls) or "-->" not in ls[i]:
            problem(f"malformed vtt cue: {b[:60]!r}")
            continue
        payload = " ".join(ls[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", payload)
        if not m or m.group(1) not in labels:
            problem(f"vtt cue without known voice tag: {payload[:60]!r}")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return header, merge(cues)


def load(doc_id):
    kind, enc, ilab, rlab, nl = SPEC[doc_id]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    ext = files[0].split(".", 1)[1]
    if ext != kind:
        problem(f"{doc_id}: extension {ext} but expected {kind}")
    labels = (ilab, rlab)
    if kind == "docx":
        try:
            header, turns = parse_docx(path, labels)
        except Exception as e:  # noqa
            problem(f"{doc_id}: docx unreadable: {e}")
            return None
        full = "\n".join(header + [f"{l}: {t}" for l, t in turns])
        fmt = "docx"
    else:
        data = open(path, "rb").read()
        try:
            raw = data.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc_id}: not readable as {enc}: {e}")
            return None
        if raw.startswith("\ufeff"):
            raw = raw[1:]
        if enc == "cp1252":
            try:
                data.decode("utf-8")
                problem(f"{doc_id}: declared Windows-1252 but file is valid UTF-8 (no cp1252 bytes)")
            except UnicodeDecodeError:
                pass
        if nl == "\r\n":
            if raw.count("\n") != raw.count("\r\n"):
                problem(f"{doc_id}: expected CRLF line endings throughout")
        elif "\r" in raw:
            problem(f"{doc_id}: unexpected CR characters")
        text = raw.replace("\r\n", "\n")
        full = text
        if kind == "txt":
            header, turns = lines_to_turns(text.split("\n"), labels,
                                           stamp=bool(re.search(r"^\[\d\d:", text, re.M)))
        elif kind == "srt":
            header, turns = parse_srt(text, labels)
        else:
            header, turns = parse_vtt(text, labels)
        fmt = f"{kind}/{enc}"
    return dict(header=header, turns=turns, full=full, fmt=fmt, labels=labels)


# ------------------------------------------------------------------ checks
def main():
    docs = {}
    for doc_id in SPEC:
        d = load(doc_id)
        if d is None:
            continue
        docs[doc_id] = d
        ilab, rlab = d["labels"]
        turns = d["turns"]
        for i, (lab, text) in enumerate(turns, 1):
            want = ilab if i % 2 == 1 else rlab
            if lab != want:
                problem(f"{doc_id}: turn {i} by {lab!r}, expected {want!r} (alternation)")
                break
            if not text:
                problem(f"{doc_id}: turn {i} is empty")
        for h in d["header"]:
            m = LABELISH.match(h)
            if m and m.group(1).strip().lower() not in META_KEYS:
                problem(f"{doc_id}: header line looks like a speaker turn: {h[:60]!r}")
            if split_label(h, d["labels"])[0]:
                problem(f"{doc_id}: header line starts with a speaker label: {h[:60]!r}")
        words = sum(len(WORD.findall(t)) for _, t in turns)
        rturns = sum(1 for i in range(1, len(turns) + 1) if i % 2 == 0)
        d["words"], d["rturns"] = words, rturns
        if not 1500 <= words <= 2600:
            problem(f"{doc_id}: {words} spoken words, outside 1500-2600")
        if not 10 <= rturns <= 45:
            problem(f"{doc_id}: {rturns} respondent turns, outside 10-45")
        low = d["full"].lower()
        for fw in FORBIDDEN:
            if fw in low:
                problem(f"{doc_id}: forbidden wording {fw!r}")

    fmts = {d["fmt"].split("/")[0] for d in docs.values()}
    if len(fmts) < 4:
        problem(f"only {len(fmts)} different formats: {sorted(fmts)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    seen, counts, kinds = set(), {}, []
    for r in rows:
        if r["doc_id"] not in SPEC:
            problem(f"styles.csv: unknown doc {r['doc_id']}")
        if r["doc_id"] in seen:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        seen.add(r["doc_id"])
        if r["style"] not in MIX:
            problem(f"styles.csv: bad style {r['style']!r}")
        counts[r["style"]] = counts.get(r["style"], 0) + 1
        if not (r.get("rationale") or "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald":
            rl = r["rationale"].lower()
            kinds.append("mixed" if "mixed" in rl else "little" if "too little evidence" in rl else "?")
    if seen != set(SPEC):
        problem(f"styles.csv: docs missing {sorted(set(SPEC) - seen)}")
    if counts != MIX:
        problem(f"styles.csv: mix {counts}, expected {MIX}")
    if sorted(kinds) != ["little", "mixed"]:
        problem(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence', got {kinds}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("orientation.csv missing")
    keys = []
    for r in rows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in docs:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        n = len(docs[doc]["turns"])
        if not (1 <= ti <= n) or ti % 2 != 0:
            problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn (doc has {n} turns)")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("identifiers.csv missing")
    per, seen = {}, set()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if doc not in docs:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        per[doc] = per.get(doc, 0) + 1
        if ident not in docs[doc]["full"]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in docs:
        if per.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has only {per.get(doc, 0)} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    if "-v" in sys.argv:
        for doc, d in docs.items():
            print(f"{doc} {d['fmt']:<12} words={d['words']} respondent_turns={d['rturns']}")
    print("OK")


if __name__ == "__main__":
    main()
