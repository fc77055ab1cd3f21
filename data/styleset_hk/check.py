#!/usr/bin/env python3
"""Check set HK: parses the BUILT transcripts (not the sources). Standard library only.

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc: (format, interviewer label, respondent label, encoding, line ending or None)
DOCS = {
    "hk01": ("docx", "Interviewer", "Respondent", None, None),
    "hk02": ("srt", "Sanne", "Ronald", "utf-8", "\r\n"),
    "hk03": ("txt", "I", "R", "cp1252", "\r\n"),
    "hk04": ("vtt", "Joost de Rooij", "Priscilla Mahabier", "utf-8", None),
    "hk05": ("txt", "Spreker 1", "Spreker 2", "utf-8", None),
    "hk06": ("docx", "Lotte", "Dennis", None, None),
}
EXT = {"docx": ".docx", "txt": ".txt", "srt": ".srt", "vtt": ".vtt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
WMIN, WMAX = 1500, 2600
RMIN, RMAX = 10, 45
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def label_re(ilab, rlab):
    labs = "|".join(re.escape(x) for x in (ilab, rlab))
    return re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?(" + labs + r"):\s*(.*)$")


def role(lab, ilab):
    return "I" if lab == ilab else "R"


def parse_lines(doc, lines, ilab, rlab):
    rx = label_re(ilab, rlab)
    turns, started = [], False
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = rx.match(ln)
        if m:
            started = True
            turns.append([role(m.group(1), ilab), m.group(2)])
        elif started:
            problem(f"{doc}: line outside a turn after the first turn: {ln[:50]!r}")
    return turns


def read_docx(doc, path, ilab, rlab):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: unreadable docx ({e})")
        return "", []
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return "\n".join(paras), parse_lines(doc, paras, ilab, rlab)


def read_text(doc, path, enc, nl):
    raw = open(path, "rb").read()
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc} ({e})")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if nl == "\r\n":
        if text.replace("\r\n", "").count("\n") or text.replace("\r\n", "").count("\r"):
            problem(f"{doc}: mixed line endings, expected CRLF")
    return text.replace("\r\n", "\n")


def read_srt(doc, text, ilab, rlab):
    rx = label_re(ilab, rlab)
    turns = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue: {block[:40]!r}")
            continue
        body = " ".join(x.strip() for x in lines[2:])
        m = rx.match(body)
        if not m:
            problem(f"{doc}: srt cue without speaker label: {body[:40]!r}")
            continue
        turns.append([role(m.group(1), ilab), m.group(2)])
    return turns


def read_vtt(doc, text, ilab, rlab):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: missing WEBVTT signature")
    turns = []
    blocks = re.split(r"\n\s*\n", text.strip())
    for block in blocks[1:]:
        lines = block.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if "-->" in lines[0]:
            body = lines[1:]
        elif len(lines) > 1 and "-->" in lines[1]:
            body = lines[2:]
        else:
            problem(f"{doc}: malformed vtt block: {block[:40]!r}")
            continue
        body = " ".join(body)
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m or m.group(1) not in (ilab, rlab):
            problem(f"{doc}: vtt cue without known voice: {body[:40]!r}")
            continue
        r, t = role(m.group(1), ilab), m.group(2).strip()
        if turns and turns[-1][0] == r:
            turns[-1][1] += " " + t  # a turn may span several cues
        else:
            turns.append([r, t])
    return turns


def load(doc):
    fmt, ilab, rlab, enc, nl = DOCS[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc] if os.path.isdir(TR) else []
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith(EXT[fmt]):
        problem(f"{doc}: unexpected extension {files[0]}")
        return None, None
    if fmt == "docx":
        return read_docx(doc, path, ilab, rlab)
    text = read_text(doc, path, enc, nl)
    if text is None:
        return None, None
    if fmt == "srt":
        return text, read_srt(doc, text, ilab, rlab)
    if fmt == "vtt":
        return text, read_vtt(doc, text, ilab, rlab)
    return text, parse_lines(doc, text.split("\n"), ilab, rlab)


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != list(header):
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    parsed = {}
    for doc in DOCS:
        full, turns = load(doc)
        if turns is None:
            continue
        parsed[doc] = (full, turns)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (r, _) in enumerate(turns):
            if r != ("I" if i % 2 == 0 else "R"):
                problem(f"{doc}: turn {i + 1} breaks the alternation (interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for r, _ in turns if r == "R")
        if not WMIN <= words <= WMAX:
            problem(f"{doc}: {words} words of spoken text, outside {WMIN}-{WMAX}")
        if not RMIN <= nresp <= RMAX:
            problem(f"{doc}: {nresp} respondent turns, outside {RMIN}-{RMAX}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: transcript uses the forbidden word {w!r}")

    # styles.csv
    srows = read_csv("styles.csv", ("doc_id", "style", "rationale"))
    seen, counts, kinds = set(), {k: 0 for k in STYLES}, []
    for row in srows:
        if len(row) != 3:
            problem(f"styles.csv: bad row {row}")
            continue
        doc, st, rat = row
        if doc not in DOCS or doc in seen:
            problem(f"styles.csv: unknown or duplicate doc {doc}")
        seen.add(doc)
        if st not in STYLES:
            problem(f"styles.csv: bad style {st} for {doc}")
            continue
        counts[st] += 1
        if not rat.strip():
            problem(f"styles.csv: empty rationale for {doc}")
        if st == "onbepaald":
            rl = rat.lower()
            kinds.append("mixed" if "mixed" in rl else "little" if "too little evidence" in rl else "?")
    if seen != set(DOCS):
        problem(f"styles.csv: missing docs {sorted(set(DOCS) - seen)}")
    if counts != STYLES:
        problem(f"styles.csv: style mix {counts}, expected {STYLES}")
    if sorted(kinds) != ["little", "mixed"]:
        problem(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence', got {kinds}")

    # orientation.csv
    orows = read_csv("orientation.csv", ("doc_id", "turn_index", "orientation"))
    keys = []
    for row in orows:
        if len(row) != 3:
            problem(f"orientation.csv: bad row {row}")
            continue
        doc, idx, ori = row
        if doc not in DOCS:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        try:
            idx = int(idx)
        except ValueError:
            problem(f"orientation.csv: bad turn index {row}")
            continue
        keys.append((doc, idx))
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {row}")
        if doc in parsed:
            turns = parsed[doc][1]
            if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
                problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv: rows not sorted or duplicated")

    # identifiers.csv
    irows = read_csv("identifiers.csv", ("doc_id", "identifier", "type"))
    ikeys, per_doc = set(), {d: 0 for d in DOCS}
    for row in irows:
        if len(row) != 3:
            problem(f"identifiers.csv: bad row {row}")
            continue
        doc, ident, ty = row
        if doc not in DOCS:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        if (doc, ident) in ikeys:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        ikeys.add((doc, ident))
        per_doc[doc] += 1
        if ty not in TYPES:
            problem(f"identifiers.csv: bad type {ty} for {ident!r}")
        if doc in parsed and ident not in parsed[doc][0]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: {doc} has only {n} identifiers (need at least 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
