#!/usr/bin/env python3
"""Check set lz: parses the BUILT transcripts (not the sources) with the standard library only.

Checks: one readable transcript per doc (in its encoding), turns alternate starting with the
interviewer, every orientation row points at a respondent turn, every identifier occurs verbatim,
styles.csv complete with the requested mix, 1,500-2,600 spoken words and 10-45 respondent turns,
and the style labels themselves never appear in a transcript.  Prints OK or the problems.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = [f"lz0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MIX = {"casusgericht": 1, "netwerkgericht": 2, "onbepaald": 3}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
INTERVIEWER_LABELS = {"interviewer", "i", "int", "int.", "interv."}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ decoding
def decode_text(raw, doc):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        txt = raw.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        try:
            txt = raw.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError as e:
            problem(f"{doc}: neither UTF-8 nor Windows-1252: {e}")
            return None, None
    if "\ufffd" in txt or re.search("Ã[\u0080-\u00bf]|â€", txt):
        problem(f"{doc}: decoded text contains replacement characters or mojibake ({enc})")
    return txt, enc


def docx_paragraphs(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as e:
        problem(f"{doc}: unreadable docx: {e}")
        return None
    root = ET.fromstring(xml)
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


# ------------------------------------------------------------------ turn parsers
LABEL = re.compile(r"^([^\s:][^:\n]{0,40}?):\s+(.*)$", re.S)


def labelled_blocks(blocks, doc):
    """blocks: non-empty text blocks. Returns header lines and turns [(label, text)]."""
    counts = {}
    for b in blocks:
        m = LABEL.match(b)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    speakers = [k for k, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:2]]
    if len(speakers) < 2:
        problem(f"{doc}: could not find two speaker labels")
        return [], []
    header, turns = [], []
    for b in blocks:
        m = LABEL.match(b)
        if m and m.group(1) in speakers:
            turns.append((m.group(1), m.group(2).strip()))
        elif not turns:
            header.append(b)
        else:
            problem(f"{doc}: text outside a speaker turn: {b[:60]!r}")
    return header, turns


def parse_docx(path, doc):
    paras = docx_paragraphs(path, doc)
    if paras is None:
        return None
    blocks = [p.strip() for p in paras if p.strip()]
    header, turns = labelled_blocks(blocks, doc)
    return dict(header=header, turns=turns, text="\n".join(paras))


STAMP = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+([^:]{1,40}):\s+(.*)$")


def parse_txt(path, doc):
    raw = open(path, "rb").read()
    txt, enc = decode_text(raw, doc)
    if txt is None:
        return None
    lines = txt.replace("\r\n", "\n").split("\n")
    if any(STAMP.match(l) for l in lines):
        header, turns = [], []
        for l in lines:
            if not l.strip():
                continue
            m = STAMP.match(l)
            if m:
                turns.append((m.group(4).strip(), m.group(5).strip()))
            elif not turns:
                header.append(l.strip())
            else:
                problem(f"{doc}: line without timestamp after the first turn: {l[:60]!r}")
    else:
        blocks = [l.strip() for l in lines if l.strip()]
        header, turns = labelled_blocks(blocks, doc)
    return dict(header=header, turns=turns, text=txt, enc=enc)


TIMING = re.compile(r"^\d\d:\d\d(:\d\d)?[.,]\d{3}\s+-->\s+\d\d:\d\d(:\d\d)?[.,]\d{3}")


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + text)
        else:
            turns.append((spk, text))
    return turns


def parse_vtt(path, doc):
    txt, _ = decode_text(open(path, "rb").read(), doc)
    if txt is None:
        return None
    txt = txt.replace("\r\n", "\n")
    if not txt.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", txt.strip())
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            rest = lines[0][4:].strip()
            if rest:
                header.insert(0, rest)
            continue
        i = 0
        if not TIMING.match(lines[0]):
            i = 1
        if i >= len(lines) or not TIMING.match(lines[i]):
            problem(f"{doc}: vtt block without timing: {b[:50]!r}")
            continue
        body = " ".join(lines[i + 1:]).strip()
        m = re.match(r"^<v(?:\.[^ >]*)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:50]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return dict(header=header, turns=merge(cues), text=txt)


def parse_srt(path, doc):
    txt, _ = decode_text(open(path, "rb").read(), doc)
    if txt is None:
        return None
    txt = txt.replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", txt.strip())
    cues, expect = [], 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not TIMING.match(lines[1]):
            problem(f"{doc}: malformed srt block: {b[:50]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: srt cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        body = " ".join(lines[2:]).strip()
        m = LABEL.match(body)
        if m:
            cues.append((m.group(1).strip(), m.group(2).strip()))
        elif cues:
            cues.append((cues[-1][0], body))
        else:
            problem(f"{doc}: first srt cue has no speaker label")
    return dict(header=[], turns=merge(cues), text=txt)


PARSERS = {"docx": parse_docx, "txt": parse_txt, "vtt": parse_vtt, "srt": parse_srt}


# ------------------------------------------------------------------ interviewer detection
def interviewer_label(header, speakers):
    for s in speakers:
        if s.lower() in INTERVIEWER_LABELS:
            return s
    for h in header:
        m = re.search(r"(Spreker\s*\d+)\s*=\s*interviewer", h, re.I)
        if m:
            return m.group(1)
        m = re.match(r"^Interviewer\s*:\s*(.+)$", h, re.I)
        if m:
            val = m.group(1).strip()
            cands = {val, val.split()[0]}
            cands.update(re.findall(r"\(([^)]+)\)", val))
            cands.add(re.sub(r"\s*\(.*?\)\s*", "", val).strip())
            for s in speakers:
                if s in cands:
                    return s
    return None


def spoken_words(text):
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


# ------------------------------------------------------------------ main
def main():
    parsed = {}
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    for doc in DOCS:
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        ext = mine[0].rsplit(".", 1)[1].lower()
        if ext not in PARSERS:
            problem(f"{doc}: unsupported format .{ext}")
            continue
        res = PARSERS[ext](os.path.join(TDIR, mine[0]), doc)
        if res is None:
            continue
        res["ext"] = ext
        turns = res["turns"]
        speakers = sorted({s for s, _ in turns})
        if len(speakers) != 2:
            problem(f"{doc}: expected two speakers, found {speakers}")
            continue
        ilabel = interviewer_label(res["header"], speakers)
        if ilabel is None:
            problem(f"{doc}: cannot tell which speaker is the interviewer")
            continue
        if turns[0][0] != ilabel:
            problem(f"{doc}: first turn is not the interviewer's")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker")
        roles = ["I" if s == ilabel else "R" for s, _ in turns]
        nresp = roles.count("R")
        if not RTURNS[0] <= nresp <= RTURNS[1]:
            problem(f"{doc}: {nresp} respondent turns (want {RTURNS[0]}-{RTURNS[1]})")
        words = sum(spoken_words(t) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words (want {WORDS[0]}-{WORDS[1]})")
        low = res["text"].lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: transcript contains the word {w!r}")
        res.update(roles=roles, words=words, nresp=nresp)
        parsed[doc] = res

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    styles = {}
    for r in rows:
        if r["doc_id"] in styles:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r
        if r["style"] not in MIX:
            problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if sorted(styles) != DOCS:
        problem(f"styles.csv: docs {sorted(styles)} != {DOCS}")
    for st, n in MIX.items():
        got = sum(1 for r in styles.values() if r["style"] == st)
        if got != n:
            problem(f"styles.csv: {got} x {st}, want {n}")
    ob = [r["rationale"].lower() for r in styles.values() if r["style"] == "onbepaald"]
    mixed = sum(1 for r in ob if "genuinely mixed" in r)
    little = sum(1 for r in ob if "too little evidence" in r)
    if (mixed, little) != (2, 1):
        problem(f"styles.csv: onbepaald kinds mixed={mixed}, too little evidence={little}; want 2 and 1")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = []
    for r in orows:
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
        roles = parsed[doc]["roles"]
        if not 1 <= idx <= len(roles) or roles[idx - 1] != "R":
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    seen, per_doc = set(), {}
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {doc}")
            continue
        if ident not in parsed[doc]["text"]:
            problem(f"identifiers.csv: {doc}: {ident!r} not found verbatim")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    exts = {p["ext"] + ("-stamp" if p["ext"] == "txt" and any(
        re.match(r"^\[\d\d:", l) for l in p["text"].splitlines()) else "") for p in parsed.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats: {sorted(exts)}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")
    if "-v" not in sys.argv[1:]:
        return
    for doc in DOCS:
        p = parsed[doc]
        print(f"  {doc}.{p['ext']}: {len(p['roles'])} turns, {p['nresp']} respondent, "
              f"{p['words']} words, {per_doc.get(doc, 0)} identifiers, style {styles[doc]['style']}")


if __name__ == "__main__":
    main()
