#!/usr/bin/env python3
"""Check the setKF deliverables against the brief, using the BUILT transcripts only.

Standard library only.  Run:  python3 check.py   (prints OK, or the problems and exits 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label, line ending or None)
SPEC = {
    "kf01": ("docx", None, "Interviewer", "Respondent", None),
    "kf02": ("txt", "cp1252", "I", "R", "crlf"),
    "kf03": ("vtt", "utf-8", "Thijs Oudshoorn", "Ayoub Benali", "lf"),
    "kf04": ("srt", "utf-8", "Jorien", "Marieke", "crlf"),
    "kf05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "lf"),
    "kf06": ("docx", None, "Jorien Bakx", "Ellen Stolk", None),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def label_turns(doc, lines, li, lr, ts=False):
    """Lines/paragraphs -> (header, turns). A turn starts with 'Label:'; other non-empty lines
    after the first turn continue the previous turn."""
    pre = r"\[\d{2}:\d{2}:\d{2}\]\s+" if ts else ""
    pat = re.compile("^" + pre + "(" + re.escape(li) + "|" + re.escape(lr) + r"):\s?(.*)$", re.S)
    header, turns = [], []
    for line in lines:
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            turns.append(["I" if m.group(1) == li else "R", m.group(2).strip()])
        elif turns:
            if ts:
                problem(f"{doc}: line without timestamp/speaker inside transcript: {line[:50]!r}")
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line)
    for h in header:
        if re.match(r"^\s*(" + re.escape(li) + "|" + re.escape(lr) + r")\s*:", h):
            problem(f"{doc}: header line looks like a speaker turn: {h[:50]!r}")
    return header, turns


def merge(doc, cues, li, lr):
    turns = []
    for name, text in cues:
        if name not in (li, lr):
            problem(f"{doc}: unknown speaker {name!r}")
            continue
        sp = "I" if name == li else "R"
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + text
        else:
            turns.append([sp, text])
    return turns


def parse_vtt(doc, text, li, lr):
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: no WEBVTT signature")
        return "", []
    cues = []
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(ls) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(ls[ti + 1:]).strip()
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body, re.S)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return merge(doc, cues, li, lr)


def parse_srt(doc, text, li, lr):
    cues = []
    pat = re.compile("^(" + re.escape(li) + "|" + re.escape(lr) + r"):\s(.*)$", re.S)
    for n, b in enumerate(re.split(r"\n\s*\n", text.strip()), 1):
        ls = b.split("\n")
        if len(ls) < 3 or not ls[0].strip().isdigit() or "-->" not in ls[1]:
            problem(f"{doc}: malformed srt block {n}")
            continue
        if int(ls[0]) != n:
            problem(f"{doc}: srt numbering off at block {n}")
        body = " ".join(ls[2:]).strip()
        m = pat.match(body)
        if not m:
            problem(f"{doc}: srt cue without speaker: {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return merge(doc, cues, li, lr)


def load(doc):
    ext, enc, li, lr, nl = SPEC[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        problem(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx: {e}")
            return None, None
        full = "\n".join(paras)
        _, turns = label_turns(doc, paras, li, lr)
        return full, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: declared Windows-1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        text = text[1:]
    crlf = text.count("\r\n")
    lf = text.count("\n")
    if nl == "crlf" and crlf != lf:
        problem(f"{doc}: expected CRLF line endings throughout")
    if nl == "lf" and crlf:
        problem(f"{doc}: expected LF line endings")
    text = text.replace("\r\n", "\n")
    if ext == "vtt":
        turns = parse_vtt(doc, text, li, lr)
    elif ext == "srt":
        turns = parse_srt(doc, text, li, lr)
    else:
        ts = bool(re.search(r"^\[\d{2}:\d{2}:\d{2}\]", text, re.M))
        _, turns = label_turns(doc, text.split("\n"), li, lr, ts=ts)
    return text, turns


def read_csv(name, header):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    texts, turns_of = {}, {}
    extra = [f for f in os.listdir(TR) if f.split(".")[0] not in SPEC]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    for doc in SPEC:
        full, turns = load(doc)
        if full is None:
            continue
        texts[doc], turns_of[doc] = full, turns
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (sp, _) in enumerate(turns):
            if sp != ("I" if i % 2 == 0 else "R"):
                problem(f"{doc}: turns do not alternate / start with the interviewer (turn {i + 1})")
                break
        nr = sum(1 for sp, _ in turns if sp == "R")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        nw = sum(len(re.sub(r"<[^>]+>", " ", t).split()) for _, t in turns)
        if not WORDS[0] <= nw <= WORDS[1]:
            problem(f"{doc}: {nw} spoken words, outside {WORDS}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        doc, style, why = r
        if doc not in SPEC:
            problem(f"styles.csv: unknown doc {doc}")
        if doc in seen:
            problem(f"styles.csv: duplicate {doc}")
        if style not in MIX:
            problem(f"styles.csv: bad style {style!r} for {doc}")
        if not why.strip():
            problem(f"styles.csv: empty rationale for {doc}")
        if style == "onbepaald" and not re.search(r"too little evidence|mixed", why, re.I):
            problem(f"styles.csv: onbepaald rationale for {doc} does not say which kind")
        seen[doc] = style
    if set(seen) != set(SPEC):
        problem(f"styles.csv: missing docs {sorted(set(SPEC) - set(seen))}")
    counts = {s: list(seen.values()).count(s) for s in MIX}
    if counts != MIX:
        problem(f"styles.csv: style mix {counts}, expected {MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in turns_of:
            problem(f"orientation.csv: unknown or unreadable doc {doc}")
            continue
        t = turns_of[doc]
        if not 1 <= idx <= len(t) or t[idx - 1][0] != "R" or idx % 2:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    pairs = set()
    per_doc = {d: 0 for d in SPEC}
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (doc, ident) in pairs:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        pairs.add((doc, ident))
        if doc not in texts:
            problem(f"identifiers.csv: unknown or unreadable doc {doc}")
            continue
        per_doc[doc] += 1
        if ident not in texts[doc]:
            problem(f"identifiers.csv: {ident!r} not found verbatim in {doc}")
    for d, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: only {n} identifiers for {d}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
