#!/usr/bin/env python3
"""Check set KT from the built transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["kt01", "kt02", "kt03", "kt04", "kt05", "kt06"]
# expected extension, encoding, interviewer label, respondent label
SPEC = {
    "kt01": ("docx", None, "Interviewer", "Respondent"),
    "kt02": ("txt", "utf-8", "I", "R"),
    "kt03": ("vtt", "utf-8", "Joost Hendriks", "Ferry Smit"),
    "kt04": ("srt", "utf-8", "Interviewer", "Bas"),
    "kt05": ("txt", "cp1252", "Spreker 1", "Spreker 2"),
    "kt06": ("docx", None, "Interviewer", "H. Oosterhuis"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def label_turns(lines, ilab, rlab, doc, stamp=False):
    """Turns from 'Label: text' lines; lines before the first turn are header."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\] )?(%s|%s): (.*)$" % (re.escape(ilab), re.escape(rlab)))
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            if stamp and not ln.startswith("["):
                bad(f"{doc}: turn without timestamp: {ln[:50]}")
            started = True
            turns.append(["I" if m.group(1) == ilab else "R", m.group(2)])
        elif started:
            bad(f"{doc}: line after first turn that is not a turn: {ln[:60]}")
    return turns


def cue_turns(blocks, doc, kind, ilab, rlab):
    turns = []
    for blk in blocks:
        lines = [l for l in blk.split("\n") if l.strip()]
        if not lines:
            continue
        if kind == "vtt":
            if lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
                continue
            if "-->" in lines[0]:
                body = lines[1:]
            elif len(lines) > 1 and "-->" in lines[1]:
                body = lines[2:]
            else:
                bad(f"{doc}: vtt block without timing: {lines[0][:40]}")
                continue
            text = " ".join(body)
            m = re.match(r"^<v ([^>]+)>(.*)$", text)
            if not m:
                bad(f"{doc}: cue without voice tag: {text[:40]}")
                continue
            who, txt = m.group(1), m.group(2)
        else:
            if not lines[0].isdigit() or len(lines) < 3 or "-->" not in lines[1]:
                bad(f"{doc}: malformed srt block: {lines[0][:40]}")
                continue
            text = " ".join(lines[2:])
            m = re.match(r"^([^:]{1,40}): (.*)$", text)
            if not m:
                bad(f"{doc}: srt cue without speaker: {text[:40]}")
                continue
            who, txt = m.group(1), m.group(2)
        if who not in (ilab, rlab):
            bad(f"{doc}: unknown speaker {who!r}")
            continue
        sp = "I" if who == ilab else "R"
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + txt
        else:
            turns.append([sp, txt])
    return turns


def read_doc(doc):
    ext, enc, ilab, rlab = SPEC[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        bad(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            bad(f"{doc}: unreadable docx: {e}")
            return None, None
        return "\n".join(paras), label_turns(paras, ilab, rlab, doc)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw or raw.count(b"\n") != raw.count(b"\r\n"):
            bad(f"{doc}: expected CRLF line endings throughout")
    if ext == "srt" and raw.count(b"\n") != raw.count(b"\r\n"):
        bad(f"{doc}: expected CRLF line endings throughout")
    norm = text.replace("\r\n", "\n")
    if ext == "txt":
        return norm, label_turns(norm.split("\n"), ilab, rlab, doc, stamp=(doc == "kt05"))
    if ext == "vtt":
        if not norm.startswith("WEBVTT"):
            bad(f"{doc}: vtt does not start with WEBVTT")
        return norm, cue_turns(re.split(r"\n\s*\n", norm), doc, "vtt", ilab, rlab)
    if ext == "srt":
        return norm, cue_turns(re.split(r"\n\s*\n", norm.strip()), doc, "srt", ilab, rlab)
    return None, None


def load_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    texts, turns = {}, {}
    for doc in DOCS:
        text, tr = read_doc(doc)
        if text is None:
            continue
        texts[doc], turns[doc] = text, tr
        if not tr:
            bad(f"{doc}: no turns found")
            continue
        for i, (sp, _) in enumerate(tr, 1):
            want = "I" if i % 2 else "R"
            if sp != want:
                bad(f"{doc}: turn {i} is {sp}, expected {want} (strict alternation, interviewer first)")
                break
        nresp = sum(1 for sp, _ in tr if sp == "R")
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns (need 10-45)")
        words = sum(len(t.split()) for _, t in tr)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words (need 1500-2600)")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: forbidden word {w!r}")

    # styles
    srows = load_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in srows:
        if len(r) != 3:
            bad(f"styles.csv: bad row {r}")
            continue
        if r[0] in got:
            bad(f"styles.csv: duplicate {r[0]}")
        got[r[0]] = r[1]
        if not r[2].strip():
            bad(f"styles.csv: empty rationale for {r[0]}")
    if sorted(got) != DOCS:
        bad(f"styles.csv: docs {sorted(got)} != {DOCS}")
    counts = {}
    for s in got.values():
        if s not in MIX:
            bad(f"styles.csv: unknown style {s}")
        counts[s] = counts.get(s, 0) + 1
    if counts != MIX:
        bad(f"styles.csv: mix {counts} != {MIX}")

    # orientation
    orows = load_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in orows:
        if len(r) != 3 or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if doc not in turns:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        if idx < 1 or idx > len(turns[doc]) or turns[doc][idx - 1][0] != "R":
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicates")

    # identifiers
    irows = load_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), {}
    for r in irows:
        if len(r) != 3:
            bad(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {r}")
        if doc not in texts:
            bad(f"identifiers.csv: unknown doc {doc}")
        elif ident not in texts[doc]:
            bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
