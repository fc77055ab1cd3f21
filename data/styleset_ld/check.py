#!/usr/bin/env python3
"""Check the built setLD deliverables (standard library only).

Parses the built transcripts in transcripts/ (not the sources), and checks:
- one transcript per doc id, readable in its encoding (cp1252+CRLF / UTF-8 / docx / vtt / srt+CRLF);
- turns alternate, starting with the interviewer; 10-45 respondent turns;
- 1,500-2,600 spoken words (labels, timestamps and headers not counted);
- no header line that looks like a speaker turn; the style words themselves never occur;
- orientation.csv rows point at respondent turns, sorted, no duplicates;
- identifiers.csv rows occur verbatim in their document and have a valid type;
- styles.csv complete with the requested mix (2 casusgericht, 2 netwerkgericht,
  2 onbepaald of the 'too little evidence' kind).
Prints OK, or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc id -> (file name, kind, interviewer label, respondent label)
DOCS = {
    "ld01": ("ld01.docx", "docx", "Interviewer", "Respondent"),
    "ld02": ("ld02.vtt", "vtt", "Interviewer", "Kees Vermolen"),
    "ld03": ("ld03.txt", "txt_cp1252", "I", "R"),
    "ld04": ("ld04.srt", "srt", "Interviewer", "Yvonne"),
    "ld05": ("ld05.txt", "txt_ts", "Spreker 1", "Spreker 2"),
    "ld06": ("ld06.docx", "docx", "L. Brinkman", "S. Bouman"),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
METADATA_KEYS = {"datum", "respondent", "duur", "locatie", "interviewnummer", "opname"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def label_split(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def parse_lines(lines, labels):
    """Generic label-based parsing: lines before the first turn are header."""
    header, turns = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        lab, text = label_split(line, labels)
        if lab is None:
            if turns:
                turns[-1][1] += " " + line  # continuation paragraph
            else:
                header.append(line)
        else:
            turns.append([lab, text])
    return header, turns


def read_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return parse_lines(paras, labels)


def read_txt(path, labels, encoding, crlf):
    raw = open(path, "rb").read()
    if crlf and (raw.count(b"\r\n") == 0 or raw.count(b"\n") != raw.count(b"\r\n")):
        problem(f"{os.path.basename(path)}: expected CRLF line endings throughout")
    if encoding == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{os.path.basename(path)}: decodes as UTF-8, expected Windows-1252")
        except UnicodeDecodeError:
            pass
    text = raw.decode(encoding)
    return parse_lines(text.splitlines(), labels)


def read_txt_ts(path, labels):
    text = open(path, "rb").read().decode("utf-8")
    header, turns = [], []
    rx = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" + "|".join(map(re.escape, labels)) + r"): (.*)$")
    last = -1
    for line in text.splitlines():
        if not line.strip():
            continue
        m = rx.match(line)
        if m:
            sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if sec < last:
                problem(f"{os.path.basename(path)}: timestamps go backwards at {line[:12]}")
            last = sec
            turns.append([m.group(4), m.group(5).strip()])
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line.strip())
    return header, turns


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def read_vtt(path, labels):
    text = open(path, "rb").read().decode("utf-8")
    if not text.startswith("WEBVTT"):
        problem(f"{os.path.basename(path)}: does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(l.strip() for l in lines[1:] if l.strip())
            rest = lines[0][4:].strip()
            if rest:
                header.insert(0, rest)
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{os.path.basename(path)}: block without timing: {b[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{os.path.basename(path)}: cue without voice tag: {body[:40]!r}")
            continue
        if m.group(1) not in labels:
            problem(f"{os.path.basename(path)}: unknown voice {m.group(1)!r}")
        cues.append((m.group(1), m.group(2).strip()))
    return header, merge(cues)


def read_srt(path, labels):
    raw = open(path, "rb").read()
    if raw.count(b"\n") != raw.count(b"\r\n"):
        problem(f"{os.path.basename(path)}: expected CRLF line endings throughout")
    text = raw.decode("utf-8").replace("\r\n", "\n")
    cues = []
    expected = 1
    for b in re.split(r"\n\s*\n", text.strip()):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{os.path.basename(path)}: malformed cue {b[:40]!r}")
            continue
        if int(lines[0]) != expected:
            problem(f"{os.path.basename(path)}: cue numbering jumps at {lines[0]}")
        expected = int(lines[0]) + 1
        body = " ".join(l.strip() for l in lines[2:])
        lab, t = label_split(body, labels)
        if lab is None:
            problem(f"{os.path.basename(path)}: cue {lines[0]} without speaker name")
            continue
        cues.append((lab, t))
    return [], merge(cues)


def load(doc):
    fname, kind, il, rl = DOCS[doc]
    path = os.path.join(TR, fname)
    labels = [il, rl]
    if kind == "docx":
        return read_docx(path, labels)
    if kind == "txt_cp1252":
        return read_txt(path, labels, "cp1252", True)
    if kind == "txt_ts":
        return read_txt_ts(path, labels)
    if kind == "vtt":
        return read_vtt(path, labels)
    if kind == "srt":
        return read_srt(path, labels)
    raise ValueError(kind)


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    present = sorted(os.listdir(TR)) if os.path.isdir(TR) else []
    parsed = {}
    for doc, (fname, kind, il, rl) in DOCS.items():
        mine = [f for f in present if f.split(".")[0] == doc]
        if mine != [fname]:
            problem(f"{doc}: expected exactly one transcript {fname}, found {mine}")
            continue
        try:
            header, turns = load(doc)
        except Exception as e:  # unreadable
            problem(f"{doc}: cannot read {fname}: {e}")
            continue
        parsed[doc] = (header, turns)
        if not turns or turns[0][0] != il:
            problem(f"{doc}: first turn is not the interviewer")
        for i, (spk, _) in enumerate(turns):
            want = il if i % 2 == 0 else rl
            if spk != want:
                problem(f"{doc}: turn {i + 1} by {spk!r}, expected {want!r} (no strict alternation)")
                break
        nresp = sum(1 for s, _ in turns if s == rl)
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns (10-45 wanted)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words (1500-2600 wanted)")
        for h in header:
            m = re.match(r"^([^:]{1,40}):\s", h)
            if m:
                key = m.group(1).strip()
                if key in (il, rl) or key.lower() not in METADATA_KEYS:
                    problem(f"{doc}: header line looks like a speaker turn: {h[:50]!r}")
        alltext = " ".join(header + [f"{s}: {t}" for s, t in turns])
        for w in FORBIDDEN:
            if w in alltext.lower():
                problem(f"{doc}: forbidden word {w!r} occurs")
    extra = [f for f in present if f.split(".")[0] not in DOCS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")

    # styles.csv
    styles = read_csv("styles.csv")
    ids = [r["doc_id"] for r in styles]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    mix = {}
    for r in styles:
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald" and "too little evidence" not in r["rationale"].lower():
            problem(f"styles.csv: {r['doc_id']} onbepaald but not of the 'too little evidence' kind")
    if mix != WANTED_MIX:
        problem(f"styles.csv: mix {mix}, wanted {WANTED_MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")
    for r in rows:
        doc, idx = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = parsed[doc][1]
        rl = DOCS[doc][3]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != rl:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")

    # identifiers.csv
    rows = read_csv("identifiers.csv")
    seen = set()
    per_doc = {}
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        header, turns = parsed[doc]
        text = "\n".join(header + [f"{s}: {t}" for s, t in turns])
        if ident not in text:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
