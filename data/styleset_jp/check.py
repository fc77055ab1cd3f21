#!/usr/bin/env python3
"""Check the built setJP transcripts and csv files (standard library only).

Parses the transcripts in transcripts/ (not the sources) and prints OK or the problems
(exit status 1). With --stats it also prints words and turns per document.
"""
import csv
import io
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

DOCS = {
    # doc_id: (extension, encoding, expect CRLF, interviewer label, respondent label)
    "jp01": ("docx", None, False, "Interviewer", "Respondent"),
    "jp02": ("txt", "cp1252", True, "I", "R"),
    "jp03": ("vtt", "utf-8", False, "Lotte Brink", "Ans Verhoeff"),
    "jp04": ("srt", "utf-8", True, "Interviewer", "Martijn"),
    "jp05": ("txt", "utf-8", False, "Spreker 1", "Spreker 2"),
    "jp06": ("docx", None, False, "Noor", "Frits"),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_MIN, WORD_MAX = 1500, 2600
RTURN_MIN, RTURN_MAX = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                buf.append("\n")
        paras.append("".join(buf))
    return paras


def label_re(il, rl):
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\] )?(" + re.escape(il) + "|" + re.escape(rl) + r"):\s+(.*)$", re.S)


def parse_lines(doc, lines, il, rl):
    """Paragraph/line formats: every turn starts with a label; lines before the first turn are header."""
    rx = label_re(il, rl)
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = rx.match(ln)
        if m:
            started = True
            turns.append([m.group(2), m.group(3).strip()])
        elif started:
            turns[-1][1] += " " + ln.strip()  # continuation paragraph
    return turns


def parse_cues(doc, text, kind, il, rl):
    blocks = re.split(r"\n\s*\n", text.strip("\ufeff").strip())
    cues = []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{doc}: vtt does not start with WEBVTT")
        blocks = blocks[1:]
    for b in blocks:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: cue without timing: {b[:60]!r}")
            continue
        body = " ".join(l.strip() for l in lines[ti + 1:] if l.strip())
        if kind == "vtt":
            m = re.match(r"^<v(?:\.[\w.-]+)? ([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                problem(f"{doc}: vtt cue without voice tag: {body[:60]!r}")
                continue
            spk, txt = m.group(1).strip(), m.group(2)
        else:
            m = re.match(r"^(" + re.escape(il) + "|" + re.escape(rl) + r"):\s+(.*)$", body)
            if not m:
                problem(f"{doc}: srt cue without speaker name: {body[:60]!r}")
                continue
            spk, txt = m.group(1), m.group(2)
        if spk not in (il, rl):
            problem(f"{doc}: unknown speaker {spk!r}")
        cues.append((spk, re.sub(r"<[^>]+>", "", txt).strip()))
    turns = []
    for spk, txt in cues:  # a turn may span several cues
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc):
    ext, enc, crlf, il, rl = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None, None
    fn = files[0]
    if not fn.endswith("." + ext):
        problem(f"{doc}: expected .{ext}, found {fn}")
        return None, None
    path = os.path.join(TDIR, fn)
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx: {e}")
            return None, None
        return "\n".join(paras), parse_lines(doc, paras, il, rl)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252" and any(b > 127 for b in raw):
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared cp1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if crlf:
        if raw.count(b"\n") != raw.count(b"\r\n"):
            problem(f"{doc}: expected CRLF line endings throughout")
    elif b"\r" in raw:
        problem(f"{doc}: unexpected CR characters")
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        return text, parse_lines(doc, text.split("\n"), il, rl)
    return text, parse_cues(doc, text, ext, il, rl)


def count_words(s):
    return sum(1 for tok in s.split() if re.search(r"\w", tok))


def main():
    stats = "--stats" in sys.argv
    parsed = {}
    if not os.path.isdir(TDIR):
        problem("transcripts/ missing")
    else:
        extra = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] not in DOCS]
        if extra:
            problem(f"unexpected files in transcripts/: {extra}")
        exts = set()
        for doc, (ext, enc, crlf, il, rl) in DOCS.items():
            text, turns = load(doc)
            if text is None:
                continue
            exts.add(ext)
            if not turns:
                problem(f"{doc}: no turns parsed")
                continue
            for i, (spk, _) in enumerate(turns):
                want = il if i % 2 == 0 else rl
                if spk != want:
                    problem(f"{doc}: turn {i + 1} spoken by {spk!r}, expected {want!r}")
                    break
            nr = sum(1 for s, _ in turns if s == rl)
            words = sum(count_words(t) for _, t in turns)
            if not RTURN_MIN <= nr <= RTURN_MAX:
                problem(f"{doc}: {nr} respondent turns (want {RTURN_MIN}-{RTURN_MAX})")
            if not WORD_MIN <= words <= WORD_MAX:
                problem(f"{doc}: {words} spoken words (want {WORD_MIN}-{WORD_MAX})")
            parsed[doc] = (text, turns, rl)
            if stats:
                print(f"{doc}: {words} words, {len(turns)} turns, {nr} respondent turns")
        if len(exts) < 4:
            problem(f"only {len(exts)} different transcript formats")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        got = {r["doc_id"]: r for r in rows}
        if len(rows) != len(got):
            problem("styles.csv: duplicate doc ids")
        if set(got) != set(DOCS):
            problem(f"styles.csv: doc ids {sorted(got)} != {sorted(DOCS)}")
        counts = {}
        for r in rows:
            counts[r["style"]] = counts.get(r["style"], 0) + 1
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: {r['doc_id']} has no rationale")
        if counts != WANT_STYLES:
            problem(f"styles.csv: style mix {counts} != {WANT_STYLES}")
        onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
        if sum("mixed" in x for x in onb) != 1 or sum("too little evidence" in x for x in onb) != 1:
            problem("styles.csv: onbepaald must be one 'mixed' and one 'too little evidence'")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.reader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        if rows[0] != ["doc_id", "turn_index", "orientation"]:
            problem("orientation.csv: bad header")
        body = rows[1:]
        keys = []
        for r in body:
            doc, idx, ori = r[0], int(r[1]), r[2]
            keys.append((doc, idx))
            if ori not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {r}")
            if doc not in parsed:
                problem(f"orientation.csv: unknown or unparsed doc {doc}")
                continue
            turns, rl = parsed[doc][1], parsed[doc][2]
            if idx % 2 or not 1 <= idx <= len(turns) or turns[idx - 1][0] != rl:
                problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, ValueError, IndexError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        seen, per_doc = set(), {}
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
            if (doc, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            per_doc[doc] = per_doc.get(doc, 0) + 1
            if doc in parsed and ident not in parsed[doc][0]:
                problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
        for doc in DOCS:
            if per_doc.get(doc, 0) < 5:
                problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
