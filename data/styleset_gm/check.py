#!/usr/bin/env python3
"""Check setGM: parses the BUILT transcripts (not src/) with the standard library only.

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    "gm01": ("vtt", "utf-8", "Lotte Verhagen", "Ruud Brinkman"),
    "gm02": ("docx", None, "Interviewer", "Agnieszka"),
    "gm03": ("txt", "cp1252", "I", "R"),
    "gm04": ("srt", "utf-8", "Daan", "Marja"),
    "gm05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "gm06": ("docx", None, "Interviewer", "Respondent"),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "duur", "interviewer", "locatie", "opname", "sprekers"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RESP, MAX_RESP = 10, 45

problems = []


def bad(msg):
    problems.append(msg)


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def parse_lines(doc, lines, ilab, rlab, stamp=False):
    """Label-per-paragraph formats (txt, docx). Returns header lines and turns."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s+)?(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$")
    header, turns = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = pat.match(ln)
        if m:
            if stamp and not ln.startswith("["):
                bad(f"{doc}: turn without timestamp: {ln[:50]}")
            turns.append(("I" if m.group(1) == ilab else "R", m.group(2)))
        elif not turns:
            header.append(ln)
        else:
            bad(f"{doc}: unlabelled line after first turn: {ln[:60]}")
    return header, turns


def merge(doc, segs):
    """Cue formats: consecutive cues of one speaker form one turn."""
    turns = []
    for who, text in segs:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + text)
        else:
            turns.append((who, text))
    return turns


def parse_vtt(doc, text, ilab, rlab):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT signature")
    header, segs = [], []
    blocks = re.split(r"\n\s*\n", text.strip())
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            header.extend(l for l in lines[1:] if l.strip())
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            bad(f"{doc}: cue without timing: {b[:40]}")
            continue
        cue = " ".join(lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m:
            bad(f"{doc}: cue without voice tag: {cue[:40]}")
            continue
        who = m.group(1)
        if who not in (ilab, rlab):
            bad(f"{doc}: unknown voice {who}")
            continue
        segs.append(("I" if who == ilab else "R", m.group(2)))
    return header, merge(doc, segs)


def parse_srt(doc, text, ilab, rlab):
    segs, n = [], 0
    for b in re.split(r"\n\s*\n", text.strip()):
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt cue: {b[:40]}")
            continue
        n += 1
        if int(lines[0]) != n:
            bad(f"{doc}: cue numbering off at {lines[0]}")
        cue = " ".join(lines[2:])
        m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$", cue)
        if not m:
            bad(f"{doc}: srt cue without speaker: {cue[:40]}")
            continue
        segs.append(("I" if m.group(1) == ilab else "R", m.group(2)))
    return [], merge(doc, segs)


def load(doc):
    ext, enc, ilab, rlab = DOCS[doc]
    found = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(found) != 1:
        bad(f"{doc}: expected one transcript, found {found}")
        return None
    path = os.path.join(TDIR, found[0])
    if not found[0].endswith("." + ext):
        bad(f"{doc}: expected .{ext}, found {found[0]}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            bad(f"{doc}: unreadable docx: {e}")
            return None
        header, turns = parse_lines(doc, paras, ilab, rlab)
        full = "\n".join(paras)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            bad(f"{doc}: not readable as {enc}: {e}")
            return None
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                if re.search(rb"[\x80-\xff]", raw):
                    bad(f"{doc}: expected Windows-1252 but file is valid UTF-8")
            except UnicodeDecodeError:
                pass
            if b"\r\n" not in raw:
                bad(f"{doc}: Windows-1252 transcript without CRLF")
        text = text.replace("\r\n", "\n")
        full = text
        if ext == "vtt":
            header, turns = parse_vtt(doc, text, ilab, rlab)
        elif ext == "srt":
            header, turns = parse_srt(doc, text, ilab, rlab)
        else:
            header, turns = parse_lines(doc, text.split("\n"), ilab, rlab,
                                        stamp=ilab.startswith("Spreker"))
    for h in header:
        m = re.match(r"^([^:]{1,40}):\s", h)
        if m and m.group(1).strip().lower() not in META_KEYS:
            bad(f"{doc}: header line looks like a speaker turn: {h[:50]}")
    return dict(turns=turns, full=full, header=header)


def main():
    parsed = {}
    kinds = set()
    for doc, (ext, enc, ilab, rlab) in DOCS.items():
        d = load(doc)
        if d is None:
            continue
        parsed[doc] = d
        kinds.add((ext, enc, "labels" if ilab in ("I", "Interviewer") else ilab))
        turns = d["turns"]
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        if turns[0][0] != "I":
            bad(f"{doc}: first turn is not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                bad(f"{doc}: turns {i} and {i + 1} have the same speaker")
        nresp = sum(1 for w, _ in turns if w == "R")
        if not MIN_RESP <= nresp <= MAX_RESP:
            bad(f"{doc}: {nresp} respondent turns (want {MIN_RESP}-{MAX_RESP})")
        words = sum(len(t.split()) for _, t in turns)
        if not MIN_WORDS <= words <= MAX_WORDS:
            bad(f"{doc}: {words} spoken words (want {MIN_WORDS}-{MAX_WORDS})")
        low = d["full"].lower()
        for f in FORBIDDEN:
            if f in low:
                bad(f"{doc}: forbidden word '{f}' in transcript")
        d["nresp"], d["words"] = nresp, words
    formats = {(e, x) for e, x, _ in kinds}
    if len(kinds) < 4 or len(formats) < 4:
        bad(f"fewer than four different transcript formats: {sorted(map(str, kinds))}")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    styles = {}
    for r in rows:
        if r["doc_id"] in styles:
            bad(f"styles.csv: duplicate {r['doc_id']}")
        styles[r["doc_id"]] = r["style"]
        if r["style"] not in WANTED_MIX:
            bad(f"styles.csv: bad style {r['style']} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and "mixed" not in r["rationale"].lower():
            bad(f"styles.csv: onbepaald {r['doc_id']} should be the genuinely mixed kind")
    if set(styles) != set(DOCS):
        bad(f"styles.csv: docs {sorted(styles)} != {sorted(DOCS)}")
    counts = {s: list(styles.values()).count(s) for s in WANTED_MIX}
    if counts != WANTED_MIX:
        bad(f"styles.csv: mix {counts} != {WANTED_MIX}")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keys = []
    for r in rows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad index {r}")
            continue
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o}")
        if doc not in parsed:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = parsed[doc]["turns"]
        if not 1 <= idx <= len(turns):
            bad(f"orientation.csv: {doc} turn {idx} out of range ({len(turns)})")
        elif turns[idx - 1][0] != "R" or idx % 2:
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen, per_doc = set(), {}
    for r in rows:
        doc, val, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ}")
        if (doc, val) in seen:
            bad(f"identifiers.csv: duplicate {doc} {val}")
        seen.add((doc, val))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc not in parsed:
            bad(f"identifiers.csv: unknown doc {doc}")
        elif val not in parsed[doc]["full"]:
            bad(f"identifiers.csv: {doc} '{val}' not found verbatim")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if "-v" in sys.argv:
        for doc, d in parsed.items():
            print(f"{doc}: turns={len(d['turns'])} resp={d.get('nresp')} words={d.get('words')}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
