"""Check set IX: parses the built transcripts (not the sources). Standard library only.

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

BASE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(BASE, "transcripts")
DOC_IDS = ["ix01", "ix02", "ix03", "ix04", "ix05", "ix06"]

# expected delivery per document: extension, encoding, line ending, label -> role
EXPECT = {
    "ix01": dict(ext="docx", roles={"Marloes": "I", "Ad": "R"}),
    "ix02": dict(ext="vtt", encoding="utf-8", roles={"Pieter Hoek": "I", "Jolanda Dieleman": "R"}),
    "ix03": dict(ext="txt", encoding="cp1252", crlf=True, roles={"I": "I", "R": "R"}),
    "ix04": dict(ext="srt", encoding="utf-8", crlf=True, roles={"Bram": "I", "Sevda": "R"}),
    "ix05": dict(ext="txt", encoding="utf-8", crlf=False, roles={"Spreker 1": "I", "Spreker 2": "R"}),
    "ix06": dict(ext="docx", roles={"Interviewer": "I", "Respondent": "R"}),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RTURNS, MAX_RTURNS = 10, 45

LABEL_LINE = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]]{1,40}?):\s+(.*)$")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        text = "".join(t.text or "" for t in p.iter(W_NS + "t"))
        paras.append(text)
    return paras


def parse_lines(lines, roles):
    """Label-per-turn text (txt, docx): header lines before the first known label."""
    header, turns = [], []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = LABEL_LINE.match(s)
        if m and m.group(2) in roles:
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + s
        else:
            header.append(s)
    return header, turns


def merge(cues):
    turns = []
    for name, text in cues:
        if turns and turns[-1][0] == name:
            turns[-1][1] += " " + text
        else:
            turns.append([name, text])
    return turns


def parse_vtt(text, roles):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem("vtt: missing WEBVTT signature")
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in ([lines[0][4:].strip()] + lines[1:]) if l.strip()]
            continue
        while lines and "-->" not in lines[0]:
            lines = lines[1:]  # optional cue id
        if not lines:
            problem(f"vtt: block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v(?:\.[^ >]*)? ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"vtt: cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def parse_srt(text, roles):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"srt: malformed cue {n}")
            continue
        if int(lines[0]) != n:
            problem(f"srt: cue numbered {lines[0]} at position {n}")
        body = " ".join(l.strip() for l in lines[2:])
        m = LABEL_LINE.match(body)
        if not m or m.group(2) not in roles:
            problem(f"srt: cue {n} does not start with a known speaker")
            continue
        cues.append((m.group(2), m.group(3)))
    return [], merge(cues)


def load(doc_id):
    exp = EXPECT[doc_id]
    found = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc_id]
    if len(found) != 1:
        problem(f"{doc_id}: expected one transcript, found {found}")
        return None
    path = os.path.join(TDIR, found[0])
    ext = found[0].split(".", 1)[1]
    if ext != exp["ext"]:
        problem(f"{doc_id}: extension {ext}, expected {exp['ext']}")
    roles = exp["roles"]
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: unreadable docx ({e})")
            return None
        header, turns = parse_lines(paras, roles)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode(exp["encoding"])
        except UnicodeDecodeError as e:
            problem(f"{doc_id}: not readable as {exp['encoding']} ({e})")
            return None
        if raw.startswith(b"\xef\xbb\xbf"):
            text = text.lstrip("\ufeff")
        if "crlf" in exp:
            has_lf_only = re.search(rb"(?<!\r)\n", raw) is not None
            if exp["crlf"] and has_lf_only:
                problem(f"{doc_id}: expected CRLF line endings")
            if not exp["crlf"] and b"\r\n" in raw:
                problem(f"{doc_id}: expected LF line endings")
        if ext == "txt":
            header, turns = parse_lines(text.split("\n"), roles)
        elif ext == "vtt":
            header, turns = parse_vtt(text, roles)
        elif ext == "srt":
            header, turns = parse_srt(text, roles)
        else:
            problem(f"{doc_id}: unknown format {ext}")
            return None
    for name, _ in turns:
        if name not in roles:
            problem(f"{doc_id}: unknown speaker {name!r}")
    for h in header:
        m = LABEL_LINE.match(h)
        if m and m.group(2) in roles:
            problem(f"{doc_id}: header line looks like a turn: {h[:50]!r}")
    return dict(header=header, turns=[(roles.get(n, "?"), n, t) for n, t in turns])


def main():
    if not os.path.isdir(TDIR):
        problem("no transcripts/ folder")
        docs = {}
    else:
        docs = {d: load(d) for d in DOC_IDS}
        extra = [f for f in os.listdir(TDIR) if f.split(".")[0] not in DOC_IDS]
        if extra:
            problem(f"unexpected transcripts: {extra}")
    exts = {EXPECT[d]["ext"] for d in DOC_IDS}
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats")

    for d, doc in docs.items():
        if not doc:
            continue
        turns = doc["turns"]
        if not turns:
            problem(f"{d}: no turns")
            continue
        for i, (role, _, _) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if role != want:
                problem(f"{d}: turn {i} is {role}, expected {want} (strict alternation)")
                break
        words = sum(len(t.split()) for _, _, t in turns)
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{d}: {words} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        nr = sum(1 for r, _, _ in turns if r == "R")
        if not MIN_RTURNS <= nr <= MAX_RTURNS:
            problem(f"{d}: {nr} respondent turns, outside {MIN_RTURNS}-{MAX_RTURNS}")
        alltext = "\n".join(doc["header"] + [n for _, n, _ in turns] + [t for _, _, t in turns])
        if FORBIDDEN.search(alltext):
            problem(f"{d}: forbidden label word in transcript: {FORBIDDEN.search(alltext).group(0)}")
        doc["alltext"] = alltext

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(BASE, "styles.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOC_IDS:
        problem(f"styles.csv doc ids {ids}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv mix {dict(mix)}, expected {WANT_MIX}")
    onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if not any("mixed" in r for r in onb) or not any("too little evidence" in r for r in onb):
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")
    for r in rows:
        if not r["rationale"].strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(os.path.join(BASE, "orientation.csv"), encoding="utf-8")))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problem("orientation.csv not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv has duplicates")
    for r in orows:
        d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        doc = docs.get(d)
        if not doc:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if not 1 <= i <= len(doc["turns"]) or doc["turns"][i - 1][0] != "R":
            problem(f"orientation.csv: {d} turn {i} is not a respondent turn")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(BASE, "identifiers.csv"), encoding="utf-8")))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    seen = set()
    per_doc = Counter()
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ}")
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        per_doc[d] += 1
        doc = docs.get(d)
        if not doc or "alltext" not in doc:
            problem(f"identifiers.csv: unknown or unparsed doc {d}")
            continue
        if ident not in doc["alltext"]:
            problem(f"identifiers.csv: {d} {ident!r} not found verbatim")
    for d in DOC_IDS:
        if per_doc[d] < 5:
            problem(f"{d}: only {per_doc[d]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
