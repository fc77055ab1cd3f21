#!/usr/bin/env python3
"""Check set FQ: parses the BUILT transcripts (not the sources). Standard library only.

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

BASE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(BASE, "transcripts")
DOCS = ["fq01", "fq02", "fq03", "fq04", "fq05", "fq06"]
# (interviewer label, respondent label) as they appear in each delivered transcript
SPEAKERS = {
    "fq01": ("Interviewer", "Respondent"),
    "fq02": ("I", "R"),
    "fq03": ("Thijs Brouwer", "Ria Schoonhoven"),
    "fq04": ("Hanneke", "Ronald"),
    "fq05": ("Spreker 1", "Spreker 2"),
    "fq06": ("Sanne", "Linda"),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXTS = (".docx", ".txt", ".vtt", ".srt")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_R, MAX_R = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def words(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def decode(raw, doc):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252 ({e})")
        return None, None
    return text, "cp1252"


def label_re(labels):
    return re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s*(.*)$")


def any_label_like(line):
    """Something that looks like 'Name: text' (a possible stray speaker turn)."""
    return re.match(r"^[A-Z][\w .'-]{0,30}:\s+\S", line) is not None


def turns_from_lines(doc, lines, labels, allow_meta=("Respondent", "Datum", "Sprekers", "Locatie", "Duur")):
    """Lines with 'Label: text' start turns; lines before the first turn are header."""
    rx = label_re(labels)
    turns, header = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif not turns:
            header.append(line)
            if any_label_like(line) and line.split(":")[0] not in allow_meta:
                problem(f"{doc}: header line looks like a speaker turn: {line[:50]}")
        else:
            turns[-1][1] += " " + line  # continuation paragraph
    return header, turns


def parse_docx(doc, path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    full = "\n".join(paras)
    header, turns = turns_from_lines(doc, paras, SPEAKERS[doc])
    return full, turns


def parse_txt(doc, text):
    lines = text.splitlines()
    if doc == "fq05" or any(re.match(r"^\[\d\d:\d\d:\d\d\]", l) for l in lines):
        rx = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+(" + "|".join(map(re.escape, SPEAKERS[doc])) + r"):\s*(.*)$")
        turns, last = [], -1
        for line in lines:
            line = line.strip()
            if not line:
                continue
            m = rx.match(line)
            if m:
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last:
                    problem(f"{doc}: timestamps go backwards at {line[:20]}")
                last = t
                turns.append([m.group(4), m.group(5)])
            elif turns:
                turns[-1][1] += " " + line
            elif re.match(r"^\[\d\d:\d\d:\d\d\]", line):
                problem(f"{doc}: unknown speaker: {line[:40]}")
        return text, turns
    _, turns = turns_from_lines(doc, lines, SPEAKERS[doc])
    return text, turns


def parse_vtt(doc, text):
    lines = text.splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        problem(f"{doc}: VTT does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    turns = []
    vre = re.compile(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$")
    for b in blocks[1:]:
        bl = b.splitlines()
        if bl[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(bl) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: VTT block without timing: {b[:40]}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", bl[ti]):
            problem(f"{doc}: bad VTT timing: {bl[ti]}")
        content = " ".join(bl[ti + 1:]).strip()
        m = vre.match(content)
        if not m:
            problem(f"{doc}: cue without voice tag: {content[:40]}")
            continue
        who, say = m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()
        if who not in SPEAKERS[doc]:
            problem(f"{doc}: unknown voice {who}")
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + say
        else:
            turns.append([who, say])
    return text, turns


def parse_srt(doc, text):
    blocks = re.split(r"\n\s*\n", text.strip())
    rx = label_re(SPEAKERS[doc])
    turns, expect = [], 1
    for b in blocks:
        bl = [l.strip() for l in b.splitlines()]
        if len(bl) < 3 or not bl[0].isdigit():
            problem(f"{doc}: bad SRT block: {b[:40]}")
            continue
        if int(bl[0]) != expect:
            problem(f"{doc}: SRT numbering jumps at {bl[0]}")
        expect = int(bl[0]) + 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", bl[1]):
            problem(f"{doc}: bad SRT timing: {bl[1]}")
        content = " ".join(bl[2:])
        m = rx.match(content)
        if m:
            who, say = m.group(1), m.group(2)
            if turns and turns[-1][0] == who:
                turns[-1][1] += " " + say
            else:
                turns.append([who, say])
        elif turns:
            turns[-1][1] += " " + content
        else:
            problem(f"{doc}: first SRT cue has no speaker")
    return text, turns


def load(doc):
    found = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(found) != 1:
        problem(f"{doc}: expected exactly one transcript, found {found}")
        return None, None
    fn = found[0]
    ext = os.path.splitext(fn)[1].lower()
    path = os.path.join(TDIR, fn)
    if ext not in EXTS:
        problem(f"{doc}: unexpected extension {ext}")
        return None, None
    if ext == ".docx":
        try:
            return parse_docx(doc, path)
        except Exception as e:  # noqa
            problem(f"{doc}: unreadable docx ({e})")
            return None, None
    with open(path, "rb") as f:
        raw = f.read()
    text, enc = decode(raw, doc)
    if text is None:
        return None, None
    text = text.replace("\r\n", "\n")
    if ext == ".txt":
        return parse_txt(doc, text)
    if ext == ".vtt":
        return parse_vtt(doc, text)
    return parse_srt(doc, text)


def main():
    if not os.path.isdir(TDIR):
        print("transcripts/ missing")
        sys.exit(1)
    fulltext, parsed, formats = {}, {}, set()
    for doc in DOCS:
        full, turns = load(doc)
        if full is None:
            continue
        fulltext[doc], parsed[doc] = full, turns
        ext = [os.path.splitext(f)[1] for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc][0]
        formats.add(ext if ext != ".txt" else (".txt-ts" if doc == "fq05" else ".txt"))
        ilab, rlab = SPEAKERS[doc]
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (who, _) in enumerate(turns, start=1):
            want = ilab if i % 2 == 1 else rlab
            if who != want:
                problem(f"{doc}: turn {i} is {who}, expected {want} (turns must alternate, interviewer first)")
                break
        nr = sum(1 for w, _ in turns if w == rlab)
        if not MIN_R <= nr <= MAX_R:
            problem(f"{doc}: {nr} respondent turns (want {MIN_R}-{MAX_R})")
        nw = sum(words(s) for _, s in turns)
        if not MIN_WORDS <= nw <= MAX_WORDS:
            problem(f"{doc}: {nw} spoken words (want {MIN_WORDS}-{MAX_WORDS})")
        if FORBIDDEN.search(full):
            problem(f"{doc}: forbidden label word in transcript: {FORBIDDEN.search(full).group(0)}")
    if len(formats) < 4:
        problem(f"only {len(formats)} different formats: {sorted(formats)}")

    # styles.csv
    try:
        with open(os.path.join(BASE, "styles.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        got = {r["doc_id"]: r for r in rows}
        if sorted(got) != DOCS or len(rows) != len(DOCS):
            problem(f"styles.csv: doc ids {sorted(got)}")
        counts = {}
        for r in rows:
            counts[r["style"]] = counts.get(r["style"], 0) + 1
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: {r['doc_id']} has no rationale")
            if r["style"] == "onbepaald" and "mixed" not in r["rationale"].lower():
                problem(f"styles.csv: {r['doc_id']} onbepaald should be genuinely mixed")
        if counts != WANT_STYLES:
            problem(f"styles.csv: style mix {counts}, want {WANT_STYLES}")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        with open(os.path.join(BASE, "orientation.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, idx, ori = r["doc_id"], int(r["turn_index"]), r["orientation"]
            keys.append((doc, idx))
            if ori not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {ori}")
            if doc not in parsed:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            turns = parsed[doc]
            if idx < 1 or idx > len(turns) or idx % 2 != 0 or turns[idx - 1][0] != SPEAKERS[doc][1]:
                problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicates")
    except (OSError, KeyError, ValueError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        with open(os.path.join(BASE, "identifiers.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        seen, per_doc = set(), {}
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ}")
            if (doc, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc} {ident}")
            seen.add((doc, ident))
            per_doc[doc] = per_doc.get(doc, 0) + 1
            if doc in fulltext and ident not in fulltext[doc]:
                problem(f"identifiers.csv: '{ident}' not found verbatim in {doc}")
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
