#!/usr/bin/env python3
"""Check set nj against its built transcripts (standard library only).

Parses transcripts/<doc_id>.<ext> (not the sources) and checks: one transcript per doc readable
in its encoding; turns alternate starting with the interviewer; 10-45 respondent turns;
1500-2600 spoken words; orientation rows point at respondent turns; identifiers occur verbatim;
styles.csv complete with the requested mix. Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc_id: (extension, kind, encoding, interviewer label, respondent label)
DOCS = {
    "nj01": ("vtt", "vtt", "utf-8", "Marloes Kuiper", "Saskia Brouwer"),
    "nj02": ("docx", "docx", None, "Interviewer", "Respondent"),
    "nj03": ("txt", "labels", "cp1252", "I", "R"),
    "nj04": ("srt", "srt", "utf-8", "Jeroen Bakker", "Petra Zandbergen"),
    "nj05": ("txt", "spreker", "utf-8", "Spreker 1", "Spreker 2"),
    "nj06": ("docx", "docx", None, "Sanne de Groot", "Henk Oosterbaan"),
}
WANT_MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
ONBEPAALD_KINDS = {"mixed": 2}          # both onbepaald docs are genuinely mixed
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
MIN_W, MAX_W = 1500, 2600
MIN_RT, MAX_RT = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def merge(cues):
    """merge consecutive (speaker, text) pieces of the same speaker into turns"""
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return [(w, t.strip()) for w, t in turns]


def parse_labels(text, labels):
    pat = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels))
    turns, header = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line)
    return [tuple(t) for t in turns], header


def parse_spreker(text, labels):
    pat = re.compile(r"^\[(\d\d):([0-5]\d):([0-5]\d)\] (%s):\s*(.*)$"
                     % "|".join(re.escape(l) for l in labels))
    turns, header, last = [], [], -1
    for line in text.splitlines():
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if t < last:
                problem("timestamps go backwards at %s" % line[:12])
            last = t
            turns.append([m.group(4), m.group(5)])
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line)
    return [tuple(t) for t in turns], header


TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d\d\d --> \d\d:\d\d:\d\d[.,]\d\d\d")


def parse_vtt(text, labels):
    lines = text.splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", "\n".join(lines[1:]))
    cues, header = [], []
    for b in blocks:
        bl = [l for l in b.split("\n") if l.strip()]
        if not bl:
            continue
        if bl[0].startswith("NOTE"):
            header += bl
            continue
        idx = next((i for i, l in enumerate(bl) if TIMING.match(l)), None)
        if idx is None:
            problem("vtt block without timing: %r" % bl[0][:40])
            continue
        body = " ".join(bl[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem("vtt cue without voice tag: %r" % body[:40])
            continue
        if m.group(1) not in labels:
            problem("vtt unknown voice %r" % m.group(1))
        cues.append((m.group(1), m.group(2)))
    return merge(cues), header


def parse_srt(text, labels):
    pat = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels))
    blocks = re.split(r"\n\s*\n", text.strip())
    cues, prev = [], None
    for n, b in enumerate(blocks, 1):
        bl = [l for l in b.split("\n") if l.strip()]
        if len(bl) < 3 or not bl[0].strip().isdigit() or not TIMING.match(bl[1]):
            problem("srt block %d malformed" % n)
            continue
        if int(bl[0]) != n:
            problem("srt cue numbering off at %d" % n)
        body = " ".join(l.strip() for l in bl[2:])
        m = pat.match(body)
        if m:
            prev = m.group(1)
            cues.append((prev, m.group(2)))
        elif prev:
            cues.append((prev, body))
        else:
            problem("srt first cue without speaker")
    return merge(cues), []


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def parse_docx_paras(paras, labels):
    return parse_labels("\n".join(paras), labels)


def read_doc(doc):
    ext, kind, enc, il, rl = DOCS[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        problem("%s: expected one transcript, found %s" % (doc, files))
        return None
    fn = files[0]
    if not fn.endswith("." + ext):
        problem("%s: expected .%s, found %s" % (doc, ext, fn))
        return None
    path = os.path.join(TR, fn)
    labels = (il, rl)
    if kind == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            problem("%s: docx unreadable: %s" % (doc, e))
            return None
        full = "\n".join(paras)
        turns, header = parse_docx_paras(paras, labels)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem("%s: not readable as %s: %s" % (doc, enc, e))
            return None
        if enc == "cp1252" and b"\r\n" not in raw:
            problem("%s: Windows-1252 file without CRLF line ends" % doc)
        text = text.replace("\r\n", "\n")
        full = text
        parser = dict(labels=parse_labels, spreker=parse_spreker, vtt=parse_vtt, srt=parse_srt)[kind]
        turns, header = parser(text, labels)
    return dict(turns=turns, header=header, full=full, labels=labels, fmt=kind if kind != "labels" else "txt")


def norm_ws(s):
    return re.sub(r"\s+", " ", s)


def main():
    parsed = {}
    for doc in DOCS:
        d = read_doc(doc)
        if d is None:
            continue
        parsed[doc] = d
        turns = d["turns"]
        il, rl = d["labels"]
        if not turns:
            problem("%s: no turns found" % doc)
            continue
        for i, (who, _) in enumerate(turns, 1):
            want = il if i % 2 == 1 else rl
            if who != want:
                problem("%s: turn %d is %s, expected %s" % (doc, i, who, want))
                break
        nr = sum(1 for w, _ in turns if w == rl)
        if not MIN_RT <= nr <= MAX_RT:
            problem("%s: %d respondent turns (want %d-%d)" % (doc, nr, MIN_RT, MAX_RT))
        nw = sum(len(t.split()) for _, t in turns)
        d["words"], d["rturns"] = nw, nr
        if not MIN_W <= nw <= MAX_W:
            problem("%s: %d spoken words (want %d-%d)" % (doc, nw, MIN_W, MAX_W))
        low = d["full"].lower()
        for f in FORBIDDEN:
            if f in low:
                problem("%s: forbidden word %r" % (doc, f))
        for h in d["header"]:
            if re.match(r"^(%s):" % "|".join(re.escape(l) for l in d["labels"]), h):
                problem("%s: header line looks like a turn: %r" % (doc, h))

    formats = {d["fmt"] + ("-" + DOCS[k][2] if DOCS[k][2] else "") for k, d in parsed.items()}
    kinds = {DOCS[k][1] for k in parsed}
    if len(kinds) < 4:
        problem("fewer than four transcript formats: %s" % sorted(kinds))

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    seen = {}
    for r in rows:
        if r.get("doc_id") in seen:
            problem("styles.csv: duplicate %s" % r.get("doc_id"))
        seen[r.get("doc_id")] = r
        if r.get("style") not in WANT_MIX:
            problem("styles.csv: bad style %r for %s" % (r.get("style"), r.get("doc_id")))
        if not (r.get("rationale") or "").strip():
            problem("styles.csv: empty rationale for %s" % r.get("doc_id"))
    if set(seen) != set(DOCS):
        problem("styles.csv: docs %s, expected %s" % (sorted(seen), sorted(DOCS)))
    mix = {s: sum(1 for r in rows if r.get("style") == s) for s in WANT_MIX}
    if mix != WANT_MIX:
        problem("styles.csv: mix %s, expected %s" % (mix, WANT_MIX))
    kinds_found = {"mixed": 0, "too little evidence": 0}
    for r in rows:
        if r.get("style") == "onbepaald":
            rat = (r.get("rationale") or "").lower()
            if "mixed" in rat:
                kinds_found["mixed"] += 1
            elif "too little evidence" in rat:
                kinds_found["too little evidence"] += 1
            else:
                problem("styles.csv: onbepaald %s does not say which kind" % r["doc_id"])
    for k, n in ONBEPAALD_KINDS.items():
        if kinds_found[k] != n:
            problem("styles.csv: %d onbepaald of kind %r, expected %d" % (kinds_found[k], k, n))

    # orientation.csv
    try:
        rows = list(csv.reader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = [["doc_id", "turn_index", "orientation"]]
        problem("orientation.csv missing")
    if rows[0] != ["doc_id", "turn_index", "orientation"]:
        problem("orientation.csv: bad header %s" % rows[0])
    body = rows[1:]
    keys = []
    for r in body:
        if len(r) != 3:
            problem("orientation.csv: bad row %s" % r)
            continue
        doc, ti, o = r
        if o not in ("casus", "netwerk"):
            problem("orientation.csv: bad orientation %s" % r)
        if not ti.isdigit():
            problem("orientation.csv: bad turn index %s" % r)
            continue
        ti = int(ti)
        keys.append((doc, ti))
        d = parsed.get(doc)
        if d is None:
            problem("orientation.csv: unknown or unreadable doc %s" % doc)
            continue
        if ti < 1 or ti > len(d["turns"]):
            problem("orientation.csv: %s turn %d out of range" % (doc, ti))
        elif d["turns"][ti - 1][0] != d["labels"][1]:
            problem("orientation.csv: %s turn %d is not a respondent turn" % (doc, ti))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")
    for doc in DOCS:
        if not any(k[0] == doc for k in keys):
            problem("orientation.csv: no rows for %s" % doc)

    # identifiers.csv
    try:
        rows = list(csv.reader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = [["doc_id", "identifier", "type"]]
        problem("identifiers.csv missing")
    if rows[0] != ["doc_id", "identifier", "type"]:
        problem("identifiers.csv: bad header %s" % rows[0])
    count, seen_ids = {}, set()
    for r in rows[1:]:
        if len(r) != 3:
            problem("identifiers.csv: bad row %s" % r)
            continue
        doc, ident, typ = r
        if (doc, ident) in seen_ids:
            problem("identifiers.csv: duplicate %s %r" % (doc, ident))
        seen_ids.add((doc, ident))
        if typ not in TYPES:
            problem("identifiers.csv: bad type %s" % r)
        d = parsed.get(doc)
        if d is None:
            problem("identifiers.csv: unknown or unreadable doc %s" % doc)
            continue
        if ident not in d["full"]:
            problem("identifiers.csv: %s %r not found verbatim" % (doc, ident))
        count[doc] = count.get(doc, 0) + 1
    for doc in DOCS:
        if count.get(doc, 0) < 5:
            problem("identifiers.csv: %s has only %d identifiers" % (doc, count.get(doc, 0)))

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
