"""Check set mn (standard library only).

Parses the built transcripts in transcripts/ (not the sources) and checks them against
styles.csv, orientation.csv and identifiers.csv. Prints OK, or the problems and exits 1.
Run:  python check.py
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id: (extension, kind, encoding, newline, interviewer label, respondent label)
DOCS = {
    "mn01": ("docx", "docx", None, None, "Sanne", "Ruud"),
    "mn02": ("vtt", "vtt", "utf-8", "lf", "Jorien Blom", "Derya Yıldız"),
    "mn03": ("txt", "labels", "cp1252", "crlf", "I", "R"),
    "mn04": ("srt", "srt", "utf-8", "crlf", "Interviewer", "Romano"),
    "mn05": ("txt", "timestamps", "utf-8", "lf", "Spreker 1", "Spreker 2"),
    "mn06": ("docx", "docx", None, None, "I", "R"),
}
GENERIC_LABELS = {"I", "R", "Interviewer", "Respondent", "Spreker 1", "Spreker 2"}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RTURNS, MAX_RTURNS = 10, 45
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag == W + "br":
                parts.append("\n")
        lines.append("".join(parts))
    return lines


def label_turns(doc, lines, labels, stamped):
    """Turns from lines that start with a known label (optionally after [hh:mm:ss])."""
    alt = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    pat = re.compile((r"^\[(\d\d):([0-5]\d):([0-5]\d)\] " if stamped else r"^")
                     + r"(" + alt + r"):\s+(\S.*)$")
    turns, last_t = [], -1
    for n, line in enumerate(lines, 1):
        m = pat.match(line)
        if m:
            if stamped:
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last_t:
                    problem(f"{doc}: timestamp goes back at line {n}")
                last_t = t
            turns.append([m.group(m.lastindex - 1), m.group(m.lastindex)])
        elif line.strip():
            if stamped and re.match(r"^\[\d", line):
                problem(f"{doc}: malformed timestamped line {n}: {line[:50]!r}")
            if turns:
                turns[-1][1] += " " + line.strip()
    return turns


TIMING_VTT = re.compile(r"^(\d\d:)?\d\d:\d\d\.\d{3} --> (\d\d:)?\d\d:\d\d\.\d{3}")
TIMING_SRT = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def vtt_turns(doc, text, labels):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: does not start with WEBVTT")
        return []
    cues = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if not TIMING_VTT.match(lines[0]):
            if len(lines) > 1 and TIMING_VTT.match(lines[1]):
                lines = lines[1:]
            else:
                problem(f"{doc}: cue without timing: {lines[0][:50]!r}")
                continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc}: cue without voice tag: {body[:50]!r}")
            continue
        spk, words = m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()
        if spk not in labels:
            problem(f"{doc}: unknown voice {spk!r}")
        cues.append((spk, words))
    return merge(cues)


def srt_turns(doc, text, labels):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    cues = []
    alt = "|".join(re.escape(l) for l in labels)
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TIMING_SRT.match(lines[1]):
            problem(f"{doc}: malformed srt cue {n}: {b[:60]!r}")
            continue
        body = " ".join(lines[2:])
        m = re.match(r"^(" + alt + r"):\s+(.*)$", body)
        if not m:
            problem(f"{doc}: srt cue {n} without speaker label: {body[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues)


def load_doc(doc):
    ext, kind, enc, nl, ilab, rlab = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {files}")
        return None
    if not files[0].endswith("." + ext):
        problem(f"{doc}: expected .{ext}, found {files[0]}")
        return None
    path = os.path.join(TDIR, files[0])
    labels = (ilab, rlab)
    if kind == "docx":
        try:
            lines = docx_lines(path)
        except Exception as exc:  # noqa: BLE001
            problem(f"{doc}: unreadable docx ({exc})")
            return None
        full = "\n".join(lines)
        turns = label_turns(doc, lines, labels, False)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as exc:
            problem(f"{doc}: not readable as {enc} ({exc})")
            return None
        if enc != "utf-8":
            try:
                raw.decode("utf-8")
                problem(f"{doc}: declared {enc} but file is valid UTF-8 (no non-ASCII text?)")
            except UnicodeDecodeError:
                pass
        if text.startswith("\ufeff"):
            text = text[1:]
        n_crlf, n_lf = text.count("\r\n"), text.count("\n")
        if nl == "crlf" and n_crlf != n_lf:
            problem(f"{doc}: expected CRLF line ends throughout")
        if nl == "lf" and n_crlf:
            problem(f"{doc}: expected LF line ends")
        text = text.replace("\r\n", "\n")
        full = text
        if kind == "vtt":
            turns = vtt_turns(doc, text, labels)
        elif kind == "srt":
            turns = srt_turns(doc, text, labels)
        else:
            turns = label_turns(doc, text.split("\n"), labels, kind == "timestamps")
    for i, (spk, _) in enumerate(turns, 1):
        want = ilab if i % 2 else rlab
        if spk != want:
            problem(f"{doc}: turn {i} is by {spk!r}, expected {want!r} (no strict alternation)")
            break
    if not turns:
        problem(f"{doc}: no turns found")
    words = sum(len(WORD.findall(t)) for _, t in turns)
    rturns = sum(1 for s, _ in turns if s == rlab)
    if not MIN_WORDS <= words <= MAX_WORDS:
        problem(f"{doc}: {words} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
    if not MIN_RTURNS <= rturns <= MAX_RTURNS:
        problem(f"{doc}: {rturns} respondent turns, outside {MIN_RTURNS}-{MAX_RTURNS}")
    low = full.lower()
    for w in FORBIDDEN:
        if w in low:
            problem(f"{doc}: transcript contains the forbidden word {w!r}")
    return {"turns": turns, "full": full, "words": words, "rturns": rturns, "labels": labels}


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    if not os.path.isdir(TDIR):
        print("transcripts/ missing")
        sys.exit(1)
    for f in os.listdir(TDIR):
        if f.split(".")[0] not in DOCS:
            problem(f"unexpected transcript {f}")
    docs = {d: load_doc(d) for d in DOCS}

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, counts, kinds = set(), {}, []
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        doc, style, why = r
        if doc not in DOCS:
            problem(f"styles.csv: unknown doc {doc}")
        if doc in seen:
            problem(f"styles.csv: {doc} twice")
        seen.add(doc)
        if style not in WANT_STYLES:
            problem(f"styles.csv: {doc} has invalid style {style!r}")
        counts[style] = counts.get(style, 0) + 1
        if not why.strip():
            problem(f"styles.csv: {doc} has no rationale")
        if style == "onbepaald":
            low = why.lower()
            if "mixed" in low:
                kinds.append("mixed")
            elif "too little evidence" in low:
                kinds.append("too little evidence")
            else:
                problem(f"styles.csv: {doc} onbepaald rationale does not say which kind")
    if seen != set(DOCS):
        problem(f"styles.csv: missing docs {sorted(set(DOCS) - seen)}")
    if counts != WANT_STYLES:
        problem(f"styles.csv: style mix {counts}, wanted {WANT_STYLES}")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, wanted one mixed and one too little evidence")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, ori = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: {doc} {idx} invalid orientation {ori!r}")
        d = docs.get(doc)
        if doc not in DOCS:
            problem(f"orientation.csv: unknown doc {doc}")
        elif d is not None:
            if idx % 2 or idx < 2 or idx > len(d["turns"]):
                problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
            elif d["turns"][idx - 1][0] != d["labels"][1]:
                problem(f"orientation.csv: {doc} turn {idx} is not spoken by the respondent")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, seen_ids = {}, set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen_ids.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if typ not in TYPES:
            problem(f"identifiers.csv: {doc} {ident!r} invalid type {typ!r}")
        if doc not in DOCS:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif docs[doc] is not None and ident not in docs[doc]["full"]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc, d in docs.items():
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")
        for lab in DOCS[doc][4:]:
            if lab not in GENERIC_LABELS and (doc, lab) not in seen_ids:
                problem(f"identifiers.csv: speaker label {lab!r} of {doc} not listed")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc, d in docs.items():
        print(f"{doc}: {len(d['turns'])} turns, {d['rturns']} respondent turns, {d['words']} words")
    print("OK")


if __name__ == "__main__":
    main()
