#!/usr/bin/env python3
"""Check blind set HA using only the built transcripts and the csv files (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = ["ha01", "ha02", "ha03", "ha04", "ha05", "ha06"]
# expected speaker labels (interviewer, respondent) and encoding per document
SPEAKERS = {
    "ha01": ("Ilse Vermaat", "Ruud Hoekstra"),
    "ha02": ("I", "R"),
    "ha03": ("Interviewer", "Wolters"),
    "ha04": ("Sanne Mulder", "Erwin Bakker"),
    "ha05": ("Spreker 1", "Spreker 2"),
    "ha06": ("Interviewer", "Respondent"),
}
ENCODING = {"ha02": "cp1252"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
STYLE_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
WORD = re.compile(r"\w+(?:['’-]\w+)*")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    return re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")


def parse_docx(path, labels):
    """Return (full_text, turns, fmt) for a docx: header paragraphs before the first turn."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras, any_bold_label = [], False
    for p in root.iter(W_NS + "p"):
        runs = []
        for r in p.iter(W_NS + "r"):
            t = "".join(x.text or "" for x in r.iter(W_NS + "t"))
            rpr = r.find(W_NS + "rPr")
            bold = rpr is not None and rpr.find(W_NS + "b") is not None and \
                rpr.find(W_NS + "b").get(W_NS + "val", "true") not in ("0", "false")
            runs.append((t, bold))
        text = "".join(t for t, _ in runs)
        if runs and runs[0][1] and re.match(r"^[^:]{1,40}:$", runs[0][0].strip()):
            any_bold_label = True
        paras.append(text)
    rx = label_re(labels)
    turns, started = [], False
    for text in paras:
        m = rx.match(text.strip())
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif text.strip() and started:
            problem(f"{path.name}: paragraph after the first turn without speaker label: {text[:50]!r}")
    return "\n".join(paras), turns, "docx-bold" if any_bold_label else "docx-plain"


def parse_txt(path, labels, enc):
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{path.name}: not readable as {enc}: {e}")
        return "", [], "txt"
    if enc == "cp1252":
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            problem(f"{path.name}: Windows-1252 file should have CRLF line ends")
        try:
            raw.decode("utf-8")
            problem(f"{path.name}: expected Windows-1252 but the file is also valid UTF-8")
        except UnicodeDecodeError:
            pass
    stamped = re.compile(r"^\[(\d\d:\d\d:\d\d)\]\s+(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    plain = label_re(labels)
    turns, started, fmt = [], False, None
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        m = stamped.match(s)
        if m:
            started, fmt = True, "txt-stamped-" + enc
            turns.append([m.group(2), m.group(3)])
            continue
        m = plain.match(s)
        if m:
            started, fmt = True, "txt-labels-" + enc
            turns.append([m.group(1), m.group(2)])
            continue
        if started:
            problem(f"{path.name}: line after the first turn without speaker label: {s[:50]!r}")
    return text, turns, fmt or "txt"


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_vtt(path, labels):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("WEBVTT"):
        problem(f"{path.name}: does not start with WEBVTT")
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{path.name}: block without timing: {lines[0][:40]!r}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", lines[ti]):
            problem(f"{path.name}: bad timing line {lines[ti]!r}")
        body = " ".join(lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{path.name}: cue without voice tag: {body[:40]!r}")
            continue
        if m.group(1) not in labels:
            problem(f"{path.name}: unknown voice {m.group(1)!r}")
        cues.append((m.group(1), m.group(2)))
    return text, merge(cues), "vtt"


def parse_srt(path, labels):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(f"{path.name}: not UTF-8: {e}")
        return "", [], "srt"
    rx = label_re(labels)
    cues, expect = [], 1
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3:
            problem(f"{path.name}: short cue block {block[:40]!r}")
            continue
        if lines[0].strip() != str(expect):
            problem(f"{path.name}: cue number {lines[0]!r}, expected {expect}")
        expect += 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1].strip()):
            problem(f"{path.name}: bad timing line {lines[1]!r}")
        m = rx.match(" ".join(lines[2:]).strip())
        if not m:
            problem(f"{path.name}: cue without known speaker: {lines[2][:40]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return text, merge(cues), "srt"


def main():
    docs = {}
    for doc in DOCS:
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        path = files[0]
        labels = SPEAKERS[doc]
        ext = path.suffix.lower()
        if ext == ".docx":
            full, turns, fmt = parse_docx(path, labels)
        elif ext == ".txt":
            full, turns, fmt = parse_txt(path, labels, ENCODING.get(doc, "utf-8"))
        elif ext == ".vtt":
            full, turns, fmt = parse_vtt(path, labels)
        elif ext == ".srt":
            full, turns, fmt = parse_srt(path, labels)
        else:
            problem(f"{doc}: unknown extension {ext}")
            continue
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns):
            exp = labels[0] if i % 2 == 0 else labels[1]
            if spk != exp:
                problem(f"{doc}: turn {i + 1} by {spk!r}, expected {exp!r} (turns must alternate, interviewer first)")
                break
        words = sum(len(WORD.findall(t)) for _, t in turns)
        n_resp = sum(1 for s, _ in turns if s == labels[1])
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= n_resp <= 45:
            problem(f"{doc}: {n_resp} respondent turns, outside 10-45")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
        docs[doc] = {"full": full, "turns": turns, "fmt": fmt, "words": words, "resp": n_resp}

    fmts = {d["fmt"] for d in docs.values()}
    if len(fmts) < 4:
        problem(f"only {len(fmts)} different transcript formats: {sorted(fmts)}")

    # styles.csv
    with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
        if r["style"] not in STYLE_MIX:
            problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(seen) != set(DOCS):
        problem(f"styles.csv: documents {sorted(seen)} instead of {DOCS}")
    counts = {s: sum(1 for r in rows if r["style"] == s) for s in STYLE_MIX}
    if counts != STYLE_MIX:
        problem(f"styles.csv: style mix {counts}, expected {STYLE_MIX}")
    kinds = []
    for r in rows:
        if r["style"] == "onbepaald":
            t = r["rationale"].lower()
            if "gemengd" in t or "mixed" in t:
                kinds.append("mixed")
            elif "te weinig" in t or "too little" in t:
                kinds.append("too little evidence")
            else:
                problem(f"styles.csv: onbepaald rationale of {r['doc_id']} does not say which kind")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, expected one mixed and one too little evidence")

    # orientation.csv
    with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        doc, idx, o = r["doc_id"], r["turn_index"], r["orientation"]
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in docs:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        try:
            i = int(idx)
        except ValueError:
            problem(f"orientation.csv: bad turn_index {idx!r}")
            continue
        keys.append((doc, i))
        turns = docs[doc]["turns"]
        if not 1 <= i <= len(turns) or turns[i - 1][0] != SPEAKERS[doc][1]:
            problem(f"orientation.csv: {doc} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    ikeys, per_doc = set(), {d: 0 for d in DOCS}
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (doc, ident) in ikeys:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        ikeys.add((doc, ident))
        if doc not in docs:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        per_doc[doc] += 1
        if ident not in docs[doc]["full"]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for d, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: {d} has only {n} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
