#!/usr/bin/env python3
"""Check set nh: parses the BUILT transcripts (not src/) with the standard library only.

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc -> (extension, encoding, (interviewer label, respondent label), required newline or None)
SPEC = {
    "nh01": ("docx", None, ("Lotte", "Mustafa"), None),
    "nh02": ("vtt", "utf-8", ("Interviewer", "Ingrid Poelman"), None),
    "nh03": ("txt", "cp1252", ("I", "R"), "\r\n"),
    "nh04": ("srt", "utf-8", ("Joost", "Esther"), "\r\n"),
    "nh05": ("txt", "utf-8", ("Spreker 1", "Spreker 2"), None),
    "nh06": ("docx", None, ("I", "R"), None),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl", "casusgerichte", "netwerkgerichte")
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RT, MAX_RT = 10, 45

problems = []


def bad(msg):
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
        paras.append("".join(parts))
    return paras


def label_turns(doc, lines, labels):
    """Lines with 'Label: text' (optionally '[hh:mm:ss] ' first). Returns header, turns."""
    alt = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    rx = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?(" + alt + r"):\s*(.*)$")
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = rx.match(ln)
        if m:
            turns.append([m.group(2), m.group(3)])
        elif not turns:
            header.append(ln)
        else:
            turns[-1][1] += " " + ln.strip()
    return header, turns


def merge(cues):
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return turns


def parse_vtt(doc, text):
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
        return [], []
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += lines[1:] if lines[0].strip() == "NOTE" else [lines[0][5:]] + lines[1:]
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            bad(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[ti[0] + 1:]).strip()
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def parse_srt(doc, text, labels):
    alt = "|".join(re.escape(l) for l in labels)
    rx = re.compile(r"^(" + alt + r"):\s*(.*)$")
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    expect = 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt block {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            bad(f"{doc}: srt numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if not m:
            bad(f"{doc}: srt cue without speaker: {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return [], merge(cues)


def load(doc):
    ext, enc, labels, nl = SPEC[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        bad(f"{doc}: expected .{ext}, found {files[0]}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            bad(f"{doc}: cannot read docx: {e}")
            return None
        full = "\n".join(paras)
        header, turns = label_turns(doc, paras, labels)
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
                if any(b > 127 for b in raw):
                    bad(f"{doc}: declared cp1252 but bytes are valid UTF-8")
            except UnicodeDecodeError:
                pass
        if nl == "\r\n":
            if "\r\n" not in text or re.search(r"(?<!\r)\n", text):
                bad(f"{doc}: expected CRLF line endings throughout")
        text = text.replace("\r\n", "\n")
        full = text
        if ext == "vtt":
            header, turns = parse_vtt(doc, text)
        elif ext == "srt":
            header, turns = parse_srt(doc, text, labels)
        else:
            header, turns = label_turns(doc, text.split("\n"), labels)
    # header lines must not look like turns
    for h in header:
        m = re.match(r"^([A-Z][\w .'-]{0,30}):\s", h)
        if m and m.group(1) not in ("Respondent", "Datum", "Sprekers", "Interviewer"):
            bad(f"{doc}: header line looks like a speaker turn: {h!r}")
    return dict(full=full, header=header, turns=turns, labels=labels)


def main():
    docs = {}
    for doc in SPEC:
        d = load(doc)
        if d is None:
            continue
        docs[doc] = d
        il, rl = d["labels"]
        turns = d["turns"]
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        for i, (who, text) in enumerate(turns, 1):
            want = il if i % 2 == 1 else rl
            if who != want:
                bad(f"{doc}: turn {i} is {who!r}, expected {want!r} (strict alternation, interviewer first)")
                break
            if not text.strip():
                bad(f"{doc}: turn {i} is empty")
        nr = sum(1 for who, _ in turns if who == rl)
        if not MIN_RT <= nr <= MAX_RT:
            bad(f"{doc}: {nr} respondent turns (want {MIN_RT}-{MAX_RT})")
        words = sum(len(t.split()) for _, t in turns)
        d["words"], d["nr"] = words, nr
        if not MIN_WORDS <= words <= MAX_WORDS:
            bad(f"{doc}: {words} spoken words (want {MIN_WORDS}-{MAX_WORDS})")
        low = d["full"].lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: forbidden word {w!r} in transcript")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(SPEC) or len(ids) != len(set(ids)):
        bad(f"styles.csv: doc ids {ids} do not match {sorted(SPEC)}")
    mix = {}
    kinds = []
    for r in rows:
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald":
            rat = r["rationale"].lower()
            if "too little evidence" in rat:
                kinds.append("too little evidence")
            elif "mixed" in rat:
                kinds.append("mixed")
            else:
                bad(f"styles.csv: {r['doc_id']} onbepaald without kind (mixed / too little evidence)")
    if mix != WANT_MIX:
        bad(f"styles.csv: style mix {mix}, want {WANT_MIX}")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        bad(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc, ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if doc not in docs:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc]["turns"]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != docs[doc]["labels"][1] or ti % 2:
            bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        bad("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = set()
    per_doc = {}
    for r in rows:
        doc, s, t = r["doc_id"], r["identifier"], r["type"]
        if (doc, s) in seen:
            bad(f"identifiers.csv: duplicate {doc} {s!r}")
        seen.add((doc, s))
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {r}")
        if doc not in docs:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if s not in docs[doc]["full"]:
            bad(f"identifiers.csv: {doc} {s!r} does not occur verbatim in the transcript")
    for doc in SPEC:
        if per_doc.get(doc, 0) < 5:
            bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")
    for doc, d in docs.items():
        for lab in d["labels"]:
            if lab not in ("I", "R", "Interviewer", "Spreker 1", "Spreker 2") and (doc, lab) not in seen:
                bad(f"identifiers.csv: speaker label {lab!r} of {doc} missing as PERSOON")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc, d in docs.items():
        print(f"# {doc}: {d['words']} words, {d['nr']} respondent turns", file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
