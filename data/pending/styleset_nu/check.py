#!/usr/bin/env python3
"""Check set nu from its BUILT transcripts and csv files (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOC_IDS = [f"nu{i:02d}" for i in range(1, 7)]
# interviewer label, respondent label as they appear in each transcript
LABELS = {
    "nu01": ("Lotte", "Yasmina"),
    "nu02": ("Interviewer", "Erik Swinkels"),
    "nu03": ("I", "R"),
    "nu04": ("Interviewer", "H. Rovers"),
    "nu05": ("Spreker 1", "Spreker 2"),
    "nu06": ("Interviewer", "Respondent"),
}
WANT_MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def read_text(path, doc_id):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if path.endswith(".txt"):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    problem(f"{doc_id}: {os.path.basename(path)} is not readable as UTF-8 or Windows-1252")
    return None, None


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


def line_turns(lines, doc_id, labels):
    """Turns from docx paragraphs or txt lines: '[hh:mm:ss] Label: text' or 'Label: text'."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + "|".join(re.escape(l) for l in labels)
                     + r"):\s+(.*\S)\s*$")
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            problem(f"{doc_id}: line after the first turn is not a turn: {ln[:60]!r}")
    return turns


def vtt_turns(text, doc_id):
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        problem(f"{doc_id}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            problem(f"{doc_id}: vtt block without timing: {b[:50]!r}")
            continue
        body = " ".join(lines[ti[0] + 1:]).strip()
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc_id}: vtt cue without voice tag: {body[:50]!r}")
            continue
        spk, txt = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def srt_turns(text, doc_id, labels):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$", re.S)
    turns, expect = [], 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc_id}: malformed srt block: {b[:50]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc_id}: srt cue {lines[0]} out of sequence (expected {expect})")
        expect = int(lines[0]) + 1
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if m:
            spk, txt = m.group(1), m.group(2)
        elif turns:
            spk, txt = turns[-1][0], body
        else:
            problem(f"{doc_id}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load_doc(doc_id):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    ext = os.path.splitext(path)[1].lower()
    labels = LABELS[doc_id]
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: cannot read docx: {e}")
            return None
        full = "\n".join(paras)
        turns = line_turns(paras, doc_id, labels)
    else:
        full, enc = read_text(path, doc_id)
        if full is None:
            return None
        if ext == ".txt":
            turns = line_turns(full.replace("\r\n", "\n").split("\n"), doc_id, labels)
        elif ext == ".vtt":
            turns = vtt_turns(full, doc_id)
        elif ext == ".srt":
            turns = srt_turns(full, doc_id, labels)
        else:
            problem(f"{doc_id}: unknown format {ext}")
            return None
    return dict(ext=ext, full=full, turns=turns)


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
    docs = {}
    for d in DOC_IDS:
        doc = load_doc(d)
        if doc is None:
            continue
        docs[d] = doc
        turns = doc["turns"]
        iv, rs = LABELS[d]
        for i, (spk, _) in enumerate(turns, start=1):
            want = iv if i % 2 == 1 else rs
            if spk != want:
                problem(f"{d}: turn {i} spoken by {spk!r}, expected {want!r} (turns must alternate, "
                        f"interviewer first)")
                break
        nwords = sum(len(re.findall(r"\S*\w\S*", t)) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == rs)
        doc["nwords"], doc["nresp"] = nwords, nresp
        if not WORDS[0] <= nwords <= WORDS[1]:
            problem(f"{d}: {nwords} spoken words, outside {WORDS}")
        if not RTURNS[0] <= nresp <= RTURNS[1]:
            problem(f"{d}: {nresp} respondent turns, outside {RTURNS}")
        if FORBIDDEN.search(doc["full"]):
            problem(f"{d}: transcript uses a label word ({FORBIDDEN.search(doc['full']).group(0)})")
    if len({doc["ext"] for doc in docs.values()}) < 4:
        problem("fewer than four different transcript formats")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, mix = set(), {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        d, style, why = r
        if d not in DOC_IDS or d in seen:
            problem(f"styles.csv: unknown or duplicate doc {d}")
        seen.add(d)
        if style not in WANT_MIX:
            problem(f"styles.csv: {d} has bad style {style!r}")
        mix[style] = mix.get(style, 0) + 1
        if not why.strip():
            problem(f"styles.csv: {d} without rationale")
        if style == "onbepaald" and not re.search(r"mixed|too little evidence", why, re.I):
            problem(f"styles.csv: {d} onbepaald without its kind (mixed / too little evidence)")
    if seen != set(DOC_IDS):
        problem(f"styles.csv: missing docs {sorted(set(DOC_IDS) - seen)}")
    if mix != WANT_MIX:
        problem(f"styles.csv: mix is {mix}, wanted {WANT_MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        d, idx, o = r
        if not idx.isdigit():
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        idx = int(idx)
        keys.append((d, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d]["turns"]
        if idx < 1 or idx > len(turns) or turns[idx - 1][0] != LABELS[d][1]:
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, seen = {}, set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, s, t = r
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        per_doc[d] = per_doc.get(d, 0) + 1
        if s not in docs[d]["full"]:
            problem(f"identifiers.csv: {d} {s!r} does not occur verbatim in the transcript")
    for d in DOC_IDS:
        if per_doc.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    if "-v" in sys.argv:
        for d, doc in docs.items():
            print(f"{d} {doc['ext']}: {doc['nwords']} words, {len(doc['turns'])} turns, "
                  f"{doc['nresp']} respondent turns")
    print("OK")


if __name__ == "__main__":
    main()
