#!/usr/bin/env python3
"""Check setIN: parses the BUILT transcripts (not src/) with the standard library only.

Checks per doc: exactly one transcript, readable in its encoding (and line endings as delivered),
turns alternate starting with the interviewer, 1,500-2,600 spoken words, 10-45 respondent turns;
orientation rows point at respondent turns (sorted, no duplicates); every identifier occurs verbatim;
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

# doc -> (extension, encoding, crlf required, interviewer label, respondent label)
DOCS = {
    "in01": ("docx", None, None, "Interviewer", "Respondent"),
    "in02": ("txt", "utf-8", False, "I", "R"),
    "in03": ("vtt", "utf-8", False, "Lotte Vermeulen", "Gerard Pronk"),
    "in04": ("srt", "utf-8", True, "Joost", "Ingrid"),
    "in05": ("txt", "cp1252", True, "Spreker 1", "Spreker 2"),
    "in06": ("docx", None, None, "Interviewer", "Mw. Van der Laan"),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        txt = "".join(t.text or "" for t in p.iter(W + "t"))
        paras.append(txt)
    return paras


def label_turns(lines, labels):
    """Line/paragraph based: a turn starts with 'Label:' (optionally after a [hh:mm:ss] stamp).
    Lines before the first turn are header; later unlabeled non-empty lines continue the turn."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
    return turns


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def vtt_turns(text):
    if not text.startswith("WEBVTT"):
        bad("vtt does not start with WEBVTT")
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body.strip())
        if not m:
            bad(f"vtt cue without voice tag: {body[:50]}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues)


def srt_turns(text, labels):
    cues, last = [], None
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"malformed srt block: {block[:50]!r}")
            continue
        body = " ".join(lines[2:])
        m = pat.match(body)
        if m:
            last = m.group(1)
            cues.append((last, m.group(2)))
        elif last:
            cues.append((last, body))
        else:
            bad("srt cue without speaker before any speaker")
    return merge(cues)


def read_doc(doc):
    ext, enc, crlf, li, lr = DOCS[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        bad(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: docx not readable: {e}")
            return None, None
        return "\n".join(paras), label_turns(paras, [li, lr])
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if crlf and ("\r\n" not in text or re.search(r"(?<!\r)\n", text)):
        bad(f"{doc}: expected CRLF line endings throughout")
    if crlf is False and "\r" in text:
        bad(f"{doc}: unexpected CR characters")
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        return text, label_turns(text.split("\n"), [li, lr])
    if ext == "vtt":
        return text, vtt_turns(text)
    if ext == "srt":
        return text, srt_turns(text, [li, lr])
    return None, None


def main():
    texts, nturns = {}, {}
    for doc, (ext, enc, crlf, li, lr) in DOCS.items():
        text, turns = read_doc(doc)
        if text is None:
            continue
        texts[doc] = text
        nturns[doc] = len(turns)
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns):
            want = li if i % 2 == 0 else lr
            if spk != want:
                bad(f"{doc}: turn {i + 1} is {spk!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
            if spk not in (li, lr):
                bad(f"{doc}: unknown speaker {spk!r}")
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == lr)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns, outside 10-45")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except OSError as e:
        bad(f"styles.csv: {e}")
        rows = []
    got = {}
    kinds = []
    for r in rows:
        if r["doc_id"] in got:
            bad(f"styles.csv: duplicate {r['doc_id']}")
        got[r["doc_id"]] = r["style"]
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald":
            rl = r["rationale"].lower()
            if "mixed" in rl:
                kinds.append("mixed")
            elif "too little evidence" in rl:
                kinds.append("too little evidence")
            else:
                bad(f"styles.csv: onbepaald rationale for {r['doc_id']} does not say which kind")
    if set(got) != set(DOCS):
        bad(f"styles.csv: docs {sorted(got)} != {sorted(DOCS)}")
    counts = {}
    for s in got.values():
        counts[s] = counts.get(s, 0) + 1
    if counts != WANT_STYLES:
        bad(f"styles.csv: style mix {counts} != {WANT_STYLES}")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        bad(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except OSError as e:
        bad(f"orientation.csv: {e}")
        orows = []
    keys = []
    for r in orows:
        doc, idx, o = r["doc_id"], r["turn_index"], r["orientation"]
        if doc not in DOCS:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r}")
        try:
            n = int(idx)
        except ValueError:
            bad(f"orientation.csv: bad turn_index {idx!r}")
            continue
        if n % 2 != 0 or n < 2 or n > nturns.get(doc, 0):
            bad(f"orientation.csv: {doc} turn {n} is not a respondent turn")
        keys.append((doc, n))
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicates")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except OSError as e:
        bad(f"identifiers.csv: {e}")
        irows = []
    seen, per_doc = set(), {}
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if doc not in DOCS:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r}")
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc in texts and ident not in texts[doc]:
            bad(f"identifiers.csv: {doc} {ident!r} not found verbatim in transcript")
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
