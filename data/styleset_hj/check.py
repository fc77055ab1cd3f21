#!/usr/bin/env python3
"""Check set HJ (standard library only). Parses the BUILT transcripts, not the sources.

Prints OK, or the problems found (exit status 1).
"""
import collections
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = ["hj01", "hj02", "hj03", "hj04", "hj05", "hj06"]
# expected delivery per document: extension, encoding, line ending, label of the interviewer
EXPECT = {
    "hj01": ("docx", None, None, "Interviewer"),
    "hj02": ("srt", "utf-8", "crlf", "Joost"),
    "hj03": ("txt", "cp1252", "crlf", "I"),
    "hj04": ("vtt", "utf-8", "lf", "Rik Veldhuis"),
    "hj05": ("txt", "utf-8", "lf", "Spreker 1"),
    "hj06": ("docx", None, None, "Jasper"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_LABELS = {"respondent", "interviewer", "datum", "duur", "locatie", "plaats",
               "transcriptie", "spreker 1", "spreker 2"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
LINE_TURN = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]<>]{1,40}):\s+(\S.*)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode(raw, enc, doc):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared Windows-1252 but is also valid UTF-8 (no 8-bit characters?)")
        except UnicodeDecodeError:
            pass
    return text


def check_eol(raw, eol, doc):
    crlf = raw.count(b"\r\n")
    lf = raw.count(b"\n")
    if eol == "crlf" and crlf != lf:
        problem(f"{doc}: expected CRLF line endings only")
    if eol == "lf" and crlf:
        problem(f"{doc}: expected LF line endings only")


def lines_to_turns(lines, doc, kind):
    """Generic parser for docx paragraphs and txt lines: 'Label: text' turns after a header."""
    parsed = [(ln, LINE_TURN.match(ln.strip())) for ln in lines if ln.strip()]
    counts = collections.Counter(m.group(2).strip() for _, m in parsed if m)
    speakers = {lab for lab, _ in counts.most_common(2)}
    turns, started, header = [], False, []
    for ln, m in parsed:
        lab = m.group(2).strip() if m else None
        if m and lab in speakers:
            started = True
            turns.append([lab, m.group(3).strip()])
        elif not started:
            header.append(ln)
            if m and lab.lower() not in META_LABELS:
                problem(f"{doc}: header line looks like a speaker turn: {ln[:60]!r}")
        else:
            problem(f"{doc}: line after the first turn is not a turn: {ln[:60]!r}")
    for a, b in zip(turns, turns[1:]):
        if a[0] == b[0]:
            problem(f"{doc}: two consecutive {kind} turns by {a[0]!r}: {b[1][:40]!r}")
    return turns, header


def parse_docx(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: cannot read docx: {e}")
        return None, ""
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    turns, _ = lines_to_turns(paras, doc, "docx")
    return turns, "\n".join(paras)


def parse_txt(raw, enc, doc):
    text = decode(raw, enc, doc)
    if text is None:
        return None, ""
    turns, _ = lines_to_turns(text.splitlines(), doc, "txt")
    return turns, text


def merge(cues):
    turns = []
    for lab, txt in cues:
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return turns


def parse_srt(raw, enc, doc):
    text = decode(raw, enc, doc)
    if text is None:
        return None, ""
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        ls = block.split("\n")
        if len(ls) < 3 or not ls[0].strip().isdigit() or "-->" not in ls[1]:
            problem(f"{doc}: malformed srt cue: {block[:50]!r}")
            continue
        body = " ".join(x.strip() for x in ls[2:])
        m = re.match(r"^([^:]{1,40}):\s+(\S.*)$", body)
        if not m:
            problem(f"{doc}: srt cue without 'Name:' {body[:50]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return merge(cues), text


def parse_vtt(raw, enc, doc):
    text = decode(raw, enc, doc)
    if text is None:
        return None, ""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    cues = []
    for block in blocks[1:]:
        if block.startswith(("NOTE", "STYLE", "REGION")):
            continue
        ls = block.split("\n")
        i = 0 if "-->" in ls[0] else 1
        if i >= len(ls) or "-->" not in ls[i]:
            problem(f"{doc}: malformed vtt cue: {block[:50]!r}")
            continue
        body = " ".join(x.strip() for x in ls[i + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:50]!r}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()))
    return merge(cues), text


def main():
    parsed = {}
    formats = set()
    for doc in DOCS:
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
            continue
        path = files[0]
        ext, enc, eol, interviewer = EXPECT[doc]
        if path.suffix[1:] != ext:
            problem(f"{doc}: expected .{ext}, found {path.name}")
            continue
        raw = path.read_bytes()
        if ext == "docx":
            turns, full = parse_docx(path, doc)
        else:
            check_eol(raw, eol, doc)
            turns, full = {"txt": parse_txt, "srt": parse_srt, "vtt": parse_vtt}[ext](raw, enc, doc)
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        speakers = {t[0] for t in turns}
        if len(speakers) != 2:
            problem(f"{doc}: expected two speakers, found {sorted(speakers)}")
        if turns[0][0] != interviewer:
            problem(f"{doc}: first turn is by {turns[0][0]!r}, expected interviewer {interviewer!r}")
        resp = [t for t in turns[1::2]]
        if any(t[0] == interviewer for t in resp) or any(t[0] != interviewer for t in turns[0::2]):
            problem(f"{doc}: turns do not alternate interviewer/respondent")
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} words of spoken text (want 1500-2600)")
        if not 10 <= len(resp) <= 45:
            problem(f"{doc}: {len(resp)} respondent turns (want 10-45)")
        if FORBIDDEN.search(full):
            problem(f"{doc}: transcript uses a forbidden label word")
        label_kind = "timestamped" if re.search(r"^\[\d\d:\d\d:\d\d\]", full, re.M) else "plain"
        formats.add((ext, enc, label_kind))
        parsed[doc] = (turns, full, interviewer, words)
    if len(formats) < 4:
        problem(f"only {len(formats)} different transcript formats (want at least 4)")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = collections.Counter(r["doc_id"] for r in rows)
    for doc in DOCS:
        if seen[doc] != 1:
            problem(f"styles.csv: {doc} occurs {seen[doc]} times")
    for r in rows:
        if r["doc_id"] not in DOCS:
            problem(f"styles.csv: unknown doc {r['doc_id']}")
        if r["style"] not in WANT_MIX:
            problem(f"styles.csv: bad style {r['style']!r}")
        if not r["rationale"].strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    mix = collections.Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
    onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if sum("mixed" in x for x in onb) != 1 or sum("too little evidence" in x for x in onb) != 1:
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc = r["doc_id"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, idx))
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {doc}")
            continue
        turns, _, interviewer, _ = parsed[doc]
        if not 1 <= idx <= len(turns) or idx % 2 or turns[idx - 1][0] == interviewer:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    per_doc = collections.Counter()
    pairs = set()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in pairs:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        pairs.add((doc, ident))
        per_doc[doc] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {doc}")
            continue
        if ident not in parsed[doc][1]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in DOCS:
        if per_doc[doc] < 5:
            problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers (want >= 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc in DOCS:
        turns, _, _, words = parsed[doc]
        print(f"# {doc}: {len(turns)} turns, {len(turns) // 2} respondent, {words} words",
              file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
