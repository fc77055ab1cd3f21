#!/usr/bin/env python3
"""Check set IR (standard library only). Parses the BUILT transcripts, not the sources.

Usage: python3 check.py        -> prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id -> (extension, format, encoding, interviewer label, respondent label)
DOCS = {
    "ir01": ("docx", "docx", None, "Interviewer", "Ferry"),
    "ir02": ("vtt", "vtt", "utf-8", "Lotte Brandsma", "Sandra Oosterhout"),
    "ir03": ("txt", "txt", "cp1252", "I", "R"),
    "ir04": ("srt", "srt", "utf-8", "Interviewer", "Esra"),
    "ir05": ("txt", "txt_ts", "utf-8", "Spreker 1", "Spreker 2"),
    "ir06": ("docx", "docx", None, "I", "R"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)

problems = []


def problem(msg):
    problems.append(msg)


def label_turns(lines, labels, doc):
    """Lines 'Label: text'; lines before the first turn are the header; other lines continue a turn."""
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif not turns:
            header.append(ln)
        else:
            turns[-1][1] += " " + ln.strip()
    for h in header:
        if re.match(r"^[A-Z][\w .]{0,30}:\s", h) and not re.match(
                r"^(Respondent|Interviewer|Datum|Duur|Locatie|Sprekers?)\s*:", h):
            problem(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
    return header, turns


def read_docx(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        parts = []
        for el in p.iter():
            if el.tag == ns + "t":
                parts.append(el.text or "")
            elif el.tag == ns + "tab":
                parts.append("\t")
            elif el.tag == ns + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def parse_cues(text, doc, kind):
    blocks = re.split(r"\n\s*\n", text.strip())
    header, cues = [], []
    start = 0
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{doc}: vtt does not start with WEBVTT")
            return [], []
        start = 1
    for b in blocks[start:]:
        lines = b.split("\n")
        if kind == "vtt" and lines[0].startswith("NOTE"):
            header.extend(l for l in lines[1:] if l.strip())
            rest = lines[0][4:].strip()
            if rest:
                header.insert(0, rest)
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: block without timing line: {b[:50]!r}")
            continue
        tl = lines[ti]
        tre = (r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}" if kind == "vtt"
               else r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")
        if not re.match(tre, tl):
            problem(f"{doc}: bad timing line {tl!r}")
        if kind == "srt" and (ti != 1 or not lines[0].strip().isdigit()):
            problem(f"{doc}: srt cue without number: {b[:40]!r}")
        body = " ".join(l.strip() for l in lines[ti + 1:] if l.strip())
        if kind == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*?)(</v>)?$", body)
            if not m:
                problem(f"{doc}: vtt cue without voice tag: {body[:50]!r}")
                continue
            spk, txt = m.group(1).strip(), m.group(2).strip()
        else:
            m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
            if not m:
                problem(f"{doc}: srt cue without 'Name:' prefix: {body[:50]!r}")
                continue
            spk, txt = m.group(1).strip(), m.group(2).strip()
        cues.append((spk, txt))
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return header, turns


def load(doc):
    ext, fmt, enc, il, rl = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None
    if files[0] != f"{doc}.{ext}":
        problem(f"{doc}: expected {doc}.{ext}, found {files[0]}")
        return None
    path = os.path.join(TDIR, files[0])
    if fmt == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa
            problem(f"{doc}: cannot read docx: {e}")
            return None
        header, turns = label_turns(paras, (il, rl), doc)
        fulltext = "\n".join(paras)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as {enc}: {e}")
            return None
        if enc == "cp1252":
            if b"\r\n" not in raw:
                problem(f"{doc}: Windows-1252 file without CRLF line ends")
            try:
                raw.decode("utf-8")
                problem(f"{doc}: declared Windows-1252 but also valid UTF-8 (no non-ASCII?)")
            except UnicodeDecodeError:
                pass
        if text.startswith("\ufeff"):
            text = text[1:]
        fulltext = text
        text = text.replace("\r\n", "\n")
        if fmt in ("vtt", "srt"):
            header, turns = parse_cues(text, doc, fmt)
        elif fmt == "txt_ts":
            pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" + re.escape(il) + "|" + re.escape(rl) + r"):\s+(.*)$")
            header, turns, last = [], [], -1
            for ln in text.split("\n"):
                if not ln.strip():
                    continue
                m = pat.match(ln)
                if m:
                    sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                    if sec < last:
                        problem(f"{doc}: timestamps go backwards at {ln[:12]}")
                    last = sec
                    turns.append([m.group(4), m.group(5).strip()])
                elif not turns:
                    header.append(ln)
                else:
                    turns[-1][1] += " " + ln.strip()
        else:
            header, turns = label_turns(text.split("\n"), (il, rl), doc)
    return dict(header=header, turns=turns, fulltext=fulltext, labels=(il, rl))


def main():
    parsed = {}
    for doc in DOCS:
        d = load(doc)
        if d is None:
            continue
        parsed[doc] = d
        il, rl = d["labels"]
        turns = d["turns"]
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (spk, txt) in enumerate(turns):
            want = il if i % 2 == 0 else rl
            if spk != want:
                problem(f"{doc}: turn {i + 1} is by {spk!r}, expected {want!r} (strict alternation)")
                break
            if not txt.strip():
                problem(f"{doc}: turn {i + 1} is empty")
        words = sum(len(t[1].split()) for t in turns)
        nresp = sum(1 for t in turns if t[0] == rl)
        d["words"], d["nresp"] = words, nresp
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != sorted(DOCS) or len(set(ids)) != len(ids):
            problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
        count = {}
        for r in rows:
            if r["style"] not in MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not (r.get("rationale") or "").strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
            count[r["style"]] = count.get(r["style"], 0) + 1
        if count != MIX:
            problem(f"styles.csv: mix {count} differs from requested {MIX}")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        keys = []
        for r in rows:
            doc, ori = r["doc_id"], r["orientation"]
            try:
                ti = int(r["turn_index"])
            except ValueError:
                problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
                continue
            keys.append((doc, ti))
            if ori not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {ori!r}")
            if doc not in parsed:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            turns = parsed[doc]["turns"]
            rl = parsed[doc]["labels"][1]
            if not 1 <= ti <= len(turns) or ti % 2 != 0 or turns[ti - 1][0] != rl:
                problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: rows not sorted by doc_id, turn_index")
        if len(set(keys)) != len(keys):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        seen = set()
        per_doc = {}
        for r in rows:
            doc, s, t = r["doc_id"], r["identifier"], r["type"]
            if (doc, s) in seen:
                problem(f"identifiers.csv: duplicate {doc} {s!r}")
            seen.add((doc, s))
            per_doc[doc] = per_doc.get(doc, 0) + 1
            if t not in TYPES:
                problem(f"identifiers.csv: bad type {t!r} for {s!r}")
            if doc not in parsed:
                problem(f"identifiers.csv: unknown doc {doc}")
                continue
            if s not in parsed[doc]["fulltext"]:
                problem(f"identifiers.csv: {doc} {s!r} does not occur verbatim in the transcript")
        for doc in DOCS:
            if per_doc.get(doc, 0) < 5:
                problem(f"identifiers.csv: {doc} has {per_doc.get(doc, 0)} identifiers (< 5)")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    fmts = {DOCS[d][1] for d in DOCS}
    if len(fmts) < 4:
        problem(f"only {len(fmts)} different transcript formats")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
