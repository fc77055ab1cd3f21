#!/usr/bin/env python3
"""Check the built setKI transcripts and csv files (standard library only).

Parses the transcripts themselves (not the annotated sources) and prints OK or the problems
(exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id -> (extension, parser kind, encoding, {label: role})
SPEC = {
    "ki01": ("docx", "docx_bold", None, {"Interviewer": "I", "Hanneke": "R"}),
    "ki02": ("txt", "txt_stamps", "utf-8", {"Spreker 1": "I", "Spreker 2": "R"}),
    "ki03": ("vtt", "vtt", "utf-8", {"Eline Haverkamp": "I", "Ruud Kemperman": "R"}),
    "ki04": ("txt", "txt_labels", "cp1252", {"I": "I", "R": "R"}),
    "ki05": ("srt", "srt", "utf-8", {"Daan": "I", "Marieke": "R"}),
    "ki06": ("docx", "docx_plain", None, {"Interviewer": "I", "Respondent": "R"}),
}
MIX = {"netwerkgericht": 3, "casusgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def merge(turns):
    """Merge consecutive segments of the same speaker into one turn."""
    out = []
    for label, text in turns:
        if out and out[-1][0] == label:
            out[-1] = (label, out[-1][1] + " " + text)
        else:
            out.append((label, text))
    return out


def parse_docx(path, labels, bold_labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            b = rpr is not None and rpr.find(W + "b") is not None and \
                rpr.find(W + "b").get(W + "val", "true") not in ("0", "false")
            runs.append((t, b))
        paras.append(runs)
    full = "\n".join("".join(t for t, _ in runs) for runs in paras)
    turns, started = [], False
    pat = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels), re.S)
    for runs in paras:
        text = "".join(t for t, _ in runs)
        if not text.strip():
            continue
        m = pat.match(text)
        if m and bold_labels:
            first = next(((t, b) for t, b in runs if t), ("", False))
            if not (first[1] and first[0].strip().rstrip(":") == m.group(1)):
                m = None
        if m:
            started = True
            turns.append((m.group(1), m.group(2).strip()))
        elif started:
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + text.strip())
    return full, turns


def read_text(path, enc, crlf_expected=None):
    data = open(path, "rb").read()
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{os.path.basename(path)}: not readable as {enc}: {e}")
        return ""
    if crlf_expected is True and b"\n" in data.replace(b"\r\n", b""):
        problem(f"{os.path.basename(path)}: expected CRLF line endings")
    return text.replace("\r\n", "\n")


def parse_txt(text, labels, stamps):
    if stamps:
        pat = re.compile(r"^\[(\d\d:\d\d:\d\d)\] (%s):\s*(.*)$" % "|".join(map(re.escape, labels)))
    else:
        pat = re.compile(r"^()(%s):\s*(.*)$" % "|".join(map(re.escape, labels)))
    turns, started = [], False
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            started = True
            turns.append((m.group(2), m.group(3).strip()))
        elif started:
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + line.strip())
    return turns


def parse_vtt(text):
    if not text.startswith("WEBVTT"):
        problem("vtt: missing WEBVTT signature")
    segs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [l for l in block.split("\n") if l.strip()]
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"vtt: cue without voice tag: {body[:50]!r}")
            continue
        segs.append((m.group(1), m.group(2).strip()))
    return merge(segs)


def parse_srt(text, labels):
    segs = []
    pat = re.compile(r"^(%s):\s*(.*)$" % "|".join(map(re.escape, labels)), re.S)
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"srt: malformed cue: {block[:50]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if m:
            segs.append((m.group(1), m.group(2).strip()))
        elif segs:
            segs[-1] = (segs[-1][0], segs[-1][1] + " " + body)
        else:
            problem(f"srt: first cue without speaker: {body[:50]!r}")
    return merge(segs)


def nwords(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def load_doc(doc_id):
    ext, kind, enc, labmap = SPEC[doc_id]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {files}")
        return None, None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + ext):
        problem(f"{doc_id}: unexpected extension {files[0]}")
    labels = list(labmap)
    if kind.startswith("docx"):
        try:
            full, turns = parse_docx(path, labels, kind == "docx_bold")
        except (zipfile.BadZipFile, KeyError, ET.ParseError) as e:
            problem(f"{doc_id}: unreadable docx: {e}")
            return None, None
    elif kind == "txt_stamps":
        full = read_text(path, enc)
        turns = parse_txt(full, labels, True)
    elif kind == "txt_labels":
        full = read_text(path, enc, crlf_expected=True)
        turns = parse_txt(full, labels, False)
    elif kind == "vtt":
        full = read_text(path, enc)
        turns = parse_vtt(full)
    elif kind == "srt":
        full = read_text(path, enc, crlf_expected=True)
        turns = parse_srt(full, labels)
    roles = []
    for label, text in turns:
        if label not in labmap:
            problem(f"{doc_id}: unknown speaker {label!r}")
        roles.append((labmap.get(label, "?"), text))
    return full, roles


def main():
    docs = {}
    for doc_id in SPEC:
        full, turns = load_doc(doc_id)
        if full is None:
            continue
        docs[doc_id] = (full, turns)
        if not turns:
            problem(f"{doc_id}: no turns parsed")
            continue
        for i, (role, text) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if role != want:
                problem(f"{doc_id}: turn {i + 1} is {role}, expected {want} (strict alternation)")
                break
            if not text.strip():
                problem(f"{doc_id}: turn {i + 1} is empty")
        nw = sum(nwords(t) for _, t in turns)
        nr = sum(1 for r, _ in turns if r == "R")
        if not WORDS[0] <= nw <= WORDS[1]:
            problem(f"{doc_id}: {nw} spoken words, outside {WORDS}")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc_id}: {nr} respondent turns, outside {RTURNS}")
        print(f"{doc_id}: {len(turns)} turns, {nr} respondent turns, {nw} words")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    styles = {}
    for r in rows:
        if r["doc_id"] in styles:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r["style"]
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(styles) != set(SPEC):
        problem(f"styles.csv: docs {sorted(styles)} do not match {sorted(SPEC)}")
    for st, n in MIX.items():
        if list(styles.values()).count(st) != n:
            problem(f"styles.csv: expected {n} x {st}, found {list(styles.values()).count(st)}")
    for st in styles.values():
        if st not in MIX:
            problem(f"styles.csv: unknown style {st}")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(set(keys)) != len(keys):
        problem("orientation.csv: duplicate rows")
    for r in rows:
        d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][1]
        if not (1 <= i <= len(turns)) or turns[i - 1][0] != "R":
            problem(f"orientation.csv: {d} turn {i} is not a respondent turn")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen, count = set(), {}
    for r in rows:
        d, s, t = r["doc_id"], r["identifier"], r["type"]
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t!r}")
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        count[d] = count.get(d, 0) + 1
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
        elif s not in docs[d][0]:
            problem(f"identifiers.csv: {d}: {s!r} does not occur verbatim")
    for d in SPEC:
        if count.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
