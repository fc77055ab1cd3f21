#!/usr/bin/env python3
"""Check the built setHF deliverables (standard library only).

Parses the built transcripts in transcripts/ (not the sources) and checks:
- every doc has exactly one transcript, readable in its encoding (and CRLF where required);
- turns strictly alternate, starting with the interviewer; 10-45 respondent turns;
- header lines do not look like speaker turns (only known metadata keys);
- 1,500-2,600 words of spoken text (labels, timestamps, headers not counted);
- orientation.csv rows are sorted, unique, valid and point at respondent turns;
- every identifier in identifiers.csv occurs verbatim in its document, with a valid type;
- styles.csv is complete with the requested mix (2 casusgericht, 2 netwerkgericht, 2 onbepaald);
- the label words themselves are not used in the transcripts.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

BASE = os.path.dirname(os.path.abspath(__file__))
TRANS = os.path.join(BASE, "transcripts")

# doc_id: (extension, encoding, crlf required, interviewer label, respondent label)
DOCS = {
    "hf01": ("vtt", "utf-8", False, "Thijs Kramer", "Samira Bouzid"),
    "hf02": ("srt", "utf-8", True, "Sanne", "Henk"),
    "hf03": ("docx", None, False, "Interviewer", "Respondent"),
    "hf04": ("txt", "utf-8", False, "Spreker 1", "Spreker 2"),
    "hf05": ("txt", "cp1252", True, "I", "R"),
    "hf06": ("docx", None, False, "Mirjam", "Rob"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "interviewer", "datum", "duur", "opname", "locatie", "plaats", "tijd"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORDS_MIN, WORDS_MAX = 1500, 2600
RTURNS_MIN, RTURNS_MAX = 10, 45

problems = []


def prob(msg):
    problems.append(msg)


def docx_paragraphs(path):
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


def parse_lines(doc_id, lines, li, lr):
    """Label-based parsing for txt/docx. Returns header lines and [(label, text)]."""
    rx = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s+)?(" + re.escape(li) + "|" + re.escape(lr) + r"):\s*(.*)$")
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        m = rx.match(s)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif not s:
            continue
        elif not turns:
            header.append(s)
        else:
            turns[-1][1] += " " + s
    for h in header:
        m = re.match(r"^([^:]{1,40}):\s", h)
        if m and m.group(1).strip().lower() not in META_KEYS:
            prob(f"{doc_id}: header line looks like a speaker turn: {h[:60]!r}")
    return header, [tuple(t) for t in turns]


def merge(seq):
    out = []
    for spk, txt in seq:
        if out and out[-1][0] == spk:
            out[-1] = (spk, out[-1][1] + " " + txt)
        else:
            out.append((spk, txt))
    return out


def parse_vtt(doc_id, text):
    if not text.startswith("WEBVTT"):
        prob(f"{doc_id}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    header, cues = [], []
    for b in blocks[1:]:
        lines = [l for l in b.split("\n") if l.strip()]
        if not lines:
            continue
        if lines[0].startswith("NOTE"):
            header += lines[1:]
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            prob(f"{doc_id}: vtt block without timing: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            prob(f"{doc_id}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def parse_srt(doc_id, text, li, lr):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    rx = re.compile(r"^(" + re.escape(li) + "|" + re.escape(lr) + r"):\s*(.*)$", re.S)
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            prob(f"{doc_id}: malformed srt cue {n}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if not m:
            prob(f"{doc_id}: srt cue {n} without speaker name")
            continue
        cues.append((m.group(1), m.group(2)))
    return [], merge(cues)


def load(doc_id):
    ext, enc, crlf, li, lr = DOCS[doc_id]
    found = [f for f in os.listdir(TRANS) if os.path.splitext(f)[0] == doc_id]
    if len(found) != 1:
        prob(f"{doc_id}: expected exactly one transcript, found {found}")
        return None
    path = os.path.join(TRANS, found[0])
    if not found[0].endswith("." + ext):
        prob(f"{doc_id}: expected .{ext}, found {found[0]}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            prob(f"{doc_id}: unreadable docx: {e}")
            return None
        full = "\n".join(paras)
        header, turns = parse_lines(doc_id, paras, li, lr)
        return full, header, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc_id}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                prob(f"{doc_id}: declared cp1252 but decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    if crlf and (raw.count(b"\n") != raw.count(b"\r\n") or b"\r\n" not in raw):
        prob(f"{doc_id}: expected CRLF line endings throughout")
    if ext == "vtt":
        header, turns = parse_vtt(doc_id, text)
    elif ext == "srt":
        header, turns = parse_srt(doc_id, text, li, lr)
    else:
        header, turns = parse_lines(doc_id, text.splitlines(), li, lr)
    return text, header, turns


def read_csv(name):
    path = os.path.join(BASE, name)
    if not os.path.exists(path):
        prob(f"missing {name}")
        return None, []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def main():
    if not os.path.isdir(TRANS):
        print(f"missing {TRANS}")
        sys.exit(1)
    extra = [f for f in os.listdir(TRANS) if os.path.splitext(f)[0] not in DOCS]
    if extra:
        prob(f"unexpected files in transcripts/: {extra}")
    info = {}
    for doc_id, (ext, enc, crlf, li, lr) in DOCS.items():
        res = load(doc_id)
        if res is None:
            continue
        full, header, turns = res
        if not turns:
            prob(f"{doc_id}: no turns parsed")
            continue
        for i, (spk, txt) in enumerate(turns, 1):
            want = li if i % 2 == 1 else lr
            if spk != want:
                prob(f"{doc_id}: turn {i} is {spk!r}, expected {want!r} (strict alternation, interviewer first)")
                break
            if not txt.strip():
                prob(f"{doc_id}: turn {i} is empty")
        nw = sum(len(t.split()) for _, t in turns)
        nr = sum(1 for i in range(2, len(turns) + 1, 2))
        if not WORDS_MIN <= nw <= WORDS_MAX:
            prob(f"{doc_id}: {nw} words of spoken text, outside {WORDS_MIN}-{WORDS_MAX}")
        if not RTURNS_MIN <= nr <= RTURNS_MAX:
            prob(f"{doc_id}: {nr} respondent turns, outside {RTURNS_MIN}-{RTURNS_MAX}")
        low = " ".join(t for _, t in turns).lower() + " " + " ".join(header).lower()
        for w in FORBIDDEN:
            if w in low:
                prob(f"{doc_id}: forbidden word {w!r} in transcript")
        info[doc_id] = dict(full=full, nturns=len(turns), words=nw, rturns=nr)

    # styles.csv
    head, rows = read_csv("styles.csv")
    if head is not None:
        if head != ["doc_id", "style", "rationale"]:
            prob(f"styles.csv header {head}")
        ids = [r[0] for r in rows]
        if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
            prob(f"styles.csv doc ids {ids}")
        counts = {}
        for r in rows:
            if len(r) != 3 or not r[2].strip():
                prob(f"styles.csv bad row {r}")
                continue
            counts[r[1]] = counts.get(r[1], 0) + 1
            if r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
                prob(f"styles.csv {r[0]}: onbepaald rationale must say which kind")
        if counts != MIX:
            prob(f"styles.csv mix {counts}, expected {MIX}")

    # orientation.csv
    head, rows = read_csv("orientation.csv")
    if head is not None:
        if head != ["doc_id", "turn_index", "orientation"]:
            prob(f"orientation.csv header {head}")
        keys = []
        for r in rows:
            if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
                prob(f"orientation.csv bad row {r}")
                continue
            k = (r[0], int(r[1]))
            keys.append(k)
            d = info.get(r[0])
            if d and (k[1] % 2 != 0 or not 2 <= k[1] <= d["nturns"]):
                prob(f"orientation.csv {r}: not a respondent turn")
        if keys != sorted(keys):
            prob("orientation.csv not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv has duplicates")

    # identifiers.csv
    head, rows = read_csv("identifiers.csv")
    if head is not None:
        if head != ["doc_id", "identifier", "type"]:
            prob(f"identifiers.csv header {head}")
        seen, per = set(), {}
        for r in rows:
            if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
                prob(f"identifiers.csv bad row {r}")
                continue
            if (r[0], r[1]) in seen:
                prob(f"identifiers.csv duplicate {r}")
            seen.add((r[0], r[1]))
            per[r[0]] = per.get(r[0], 0) + 1
            d = info.get(r[0])
            if d and r[1] not in d["full"]:
                prob(f"identifiers.csv {r}: not found verbatim in transcript")
        for doc_id in DOCS:
            if per.get(doc_id, 0) < 5:
                prob(f"{doc_id}: fewer than 5 identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    for doc_id, d in info.items():
        print(f"{doc_id}: turns={d['nturns']} respondent_turns={d['rturns']} words={d['words']}", file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
