#!/usr/bin/env python3
"""Check the built setGL transcripts and csv files (standard library only).

Parses the transcripts in transcripts/ (not the sources), and checks:
- one transcript per doc id, readable in its expected encoding / container;
- turns alternate between exactly two speakers, the interviewer first;
- 10-45 respondent turns and 1,500-2,600 spoken words per document;
- every orientation row points at a respondent turn (sorted, no duplicates);
- every identifier occurs verbatim in its document, with a valid type, at least 5 per doc;
- styles.csv is complete with the requested mix (2 casusgericht, 2 netwerkgericht,
  2 onbepaald: one genuinely mixed, one too little evidence).
Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id: (extension, encoding, interviewer label, respondent label, line ending or None)
EXPECT = {
    "gl01": ("docx", None, "Interviewer", "Respondent", None),
    "gl02": ("txt", "cp1252", "I", "R", "\r\n"),
    "gl03": ("vtt", "utf-8", "Sanne Hoekstra", "Ruud Verschoor", "\n"),
    "gl04": ("srt", "utf-8", "Karin", "Dennis", "\r\n"),
    "gl05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "\n"),
    "gl06": ("docx", None, "Marieke", "Johan", None),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
LABEL_RE = re.compile(r"^(?:\[(\d{1,2}:\d{2}:\d{2})\]\s*)?([^\s:\[\]][^:\[\]]{0,39}?):\s+(\S.*)$")
TIMING_RE = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3}\s+-->\s+\d{2}:\d{2}:\d{2}[.,]\d{3}")
VOICE_RE = re.compile(r"^<v(?:\.[^ >]*)?\s+([^>]+)>(.*?)(?:</v>)?$")

problems = []


def problem(msg):
    problems.append(msg)


def speakers_from(lines):
    counts = {}
    for ln in lines:
        m = LABEL_RE.match(ln)
        if m:
            counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    return {k for k, v in counts.items() if v >= 3}


def turns_from_lines(lines):
    """lines: paragraphs or text lines. Returns header lines and [speaker, text] turns."""
    spk = speakers_from(lines)
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = LABEL_RE.match(ln)
        if m and m.group(2) in spk:
            turns.append([m.group(2), m.group(3).strip()])
        elif not turns:
            header.append(ln.strip())
        else:
            turns[-1][1] += " " + ln.strip()  # continuation paragraph of the same turn
    return header, turns


def read_docx(path):
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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
                buf.append(" ")
        paras.append("".join(buf))
    return turns_from_lines(paras)


def read_text(path, enc, eol):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{os.path.basename(path)}: not readable as {enc}: {e}")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if eol == "\r\n" and re.search(r"(?<!\r)\n", text):
        problem(f"{os.path.basename(path)}: expected CRLF line endings throughout")
    if eol == "\n" and "\r" in text:
        problem(f"{os.path.basename(path)}: unexpected CR characters")
    return text.replace("\r\n", "\n")


def merge(segments):
    turns = []
    for spk, txt in segments:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def read_vtt(text, name):
    if not text.startswith("WEBVTT"):
        problem(f"{name}: does not start with WEBVTT")
    header, segs = [], []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith("WEBVTT"):
            continue
        if lines[0].startswith("NOTE"):
            rest = lines[0][4:].strip()
            header.extend(([rest] if rest else []) + lines[1:])
            continue
        ti = next((i for i, l in enumerate(lines) if TIMING_RE.match(l)), None)
        if ti is None:
            problem(f"{name}: block without timing line: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[ti + 1:])
        m = VOICE_RE.match(body)
        if m:
            segs.append((m.group(1).strip(), m.group(2).strip()))
        elif segs:
            segs.append((segs[-1][0], re.sub(r"</?v[^>]*>", "", body).strip()))
        else:
            problem(f"{name}: first cue has no voice tag")
    return header, merge(segs)


def read_srt(text, name):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    cues = []
    for n, block in enumerate(blocks, 1):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or not TIMING_RE.match(lines[1]):
            problem(f"{name}: malformed cue {n}: {block[:40]!r}")
            continue
        if int(lines[0]) != n:
            problem(f"{name}: cue number {lines[0]} where {n} expected")
        cues.append(" ".join(l.strip() for l in lines[2:]))
    spk = speakers_from(cues)
    segs = []
    for c in cues:
        m = LABEL_RE.match(c)
        if m and m.group(2) in spk:
            segs.append((m.group(2), m.group(3).strip()))
        elif segs:
            segs.append((segs[-1][0], c.strip()))
        else:
            problem(f"{name}: first cue has no speaker label")
    return [], merge(segs)


def load_doc(doc_id):
    ext, enc, i_lab, r_lab, eol = EXPECT[doc_id]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {files}")
        return None
    fn = files[0]
    if not fn.endswith("." + ext):
        problem(f"{doc_id}: expected .{ext}, found {fn}")
        return None
    path = os.path.join(TDIR, fn)
    if ext == "docx":
        try:
            header, turns = read_docx(path)
        except (zipfile.BadZipFile, KeyError, ET.ParseError) as e:
            problem(f"{fn}: not a readable docx: {e}")
            return None
    else:
        text = read_text(path, enc, eol)
        if text is None:
            return None
        if ext == "txt":
            header, turns = turns_from_lines(text.split("\n"))
        elif ext == "vtt":
            header, turns = read_vtt(text, fn)
        else:
            header, turns = read_srt(text, fn)
    return dict(file=fn, header=header, turns=turns, i_lab=i_lab, r_lab=r_lab)


def check_doc(doc_id, d):
    turns, fn = d["turns"], d["file"]
    labs = {t[0] for t in turns}
    if labs != {d["i_lab"], d["r_lab"]}:
        problem(f"{fn}: speakers {sorted(labs)}, expected {d['i_lab']!r} and {d['r_lab']!r}")
    for i, (spk, txt) in enumerate(turns, 1):
        want = d["i_lab"] if i % 2 == 1 else d["r_lab"]
        if spk != want:
            problem(f"{fn}: turn {i} is spoken by {spk!r}, expected {want!r} (no strict alternation)")
            break
        if not txt.strip():
            problem(f"{fn}: turn {i} is empty")
    n_resp = sum(1 for t in turns if t[0] == d["r_lab"])
    if not 10 <= n_resp <= 45:
        problem(f"{fn}: {n_resp} respondent turns (10-45 required)")
    words = sum(len(t[1].split()) for t in turns)
    if not 1500 <= words <= 2600:
        problem(f"{fn}: {words} spoken words (1,500-2,600 required)")
    d["words"], d["n_resp"] = words, n_resp
    d["fulltext"] = "\n".join(d["header"] + [f"{s}: {t}" for s, t in turns])


def read_csv(name, cols):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != cols:
        problem(f"{name}: header should be {','.join(cols)}")
        return []
    for r in rows[1:]:
        if len(r) != len(cols):
            problem(f"{name}: bad row {r}")
    return [r for r in rows[1:] if len(r) == len(cols)]


def main():
    docs = {}
    if not os.path.isdir(TDIR):
        problem("transcripts/ missing")
    else:
        for doc_id in EXPECT:
            d = load_doc(doc_id)
            if d:
                check_doc(doc_id, d)
                docs[doc_id] = d
        extra = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] not in EXPECT]
        if extra:
            problem(f"transcripts/: unexpected files {extra}")

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in rows]
    if sorted(ids) != sorted(EXPECT) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids} do not match {sorted(EXPECT)}")
    count = {}
    for doc_id, style, rat in rows:
        if style not in ("casusgericht", "netwerkgericht", "onbepaald"):
            problem(f"styles.csv: {doc_id}: invalid style {style!r}")
        if not rat.strip():
            problem(f"styles.csv: {doc_id}: empty rationale")
        count[style] = count.get(style, 0) + 1
    if count != {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}:
        problem(f"styles.csv: mix is {count}, expected 2/2/2")
    onb = [r[2].lower() for r in rows if r[1] == "onbepaald"]
    if not (any("mixed" in r for r in onb) and any("too little evidence" in r for r in onb)):
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for doc_id, idx, ori in rows:
        if doc_id not in EXPECT:
            problem(f"orientation.csv: unknown doc {doc_id}")
            continue
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: {doc_id},{idx}: invalid orientation {ori!r}")
        if not idx.isdigit():
            problem(f"orientation.csv: {doc_id}: turn_index {idx!r} is not a number")
            continue
        i = int(idx)
        keys.append((doc_id, i))
        d = docs.get(doc_id)
        if d:
            if not 1 <= i <= len(d["turns"]):
                problem(f"orientation.csv: {doc_id},{i}: no such turn")
            elif d["turns"][i - 1][0] != d["r_lab"]:
                problem(f"orientation.csv: {doc_id},{i}: not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, seen = {}, set()
    for doc_id, ident, typ in rows:
        if doc_id not in EXPECT:
            problem(f"identifiers.csv: unknown doc {doc_id}")
            continue
        if (doc_id, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc_id},{ident}")
        seen.add((doc_id, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: {doc_id},{ident}: invalid type {typ!r}")
        per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        d = docs.get(doc_id)
        if d and ident not in d["fulltext"]:
            problem(f"identifiers.csv: {doc_id}: {ident!r} does not occur verbatim in {d['file']}")
    for doc_id in EXPECT:
        if per_doc.get(doc_id, 0) < 5:
            problem(f"identifiers.csv: {doc_id} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc_id, d in docs.items():
        print(f"{doc_id}  {d['file']:10} turns={len(d['turns']):3}  respondent={d['n_resp']:3}  words={d['words']}")
    print("OK")


if __name__ == "__main__":
    main()
