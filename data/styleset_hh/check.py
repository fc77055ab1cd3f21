#!/usr/bin/env python3
"""Check blind set HH against the brief. Standard library only.

Parses the BUILT transcripts in transcripts/ (not the sources) and checks:
one readable transcript per doc, strict alternation starting with the interviewer,
10-45 respondent turns, 1500-2600 spoken words, orientation rows point at respondent
turns, identifiers occur verbatim, styles.csv complete with the requested mix,
no forbidden label words. Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")
DOC_IDS = [f"hh{i:02d}" for i in range(1, 7)]
# expected transcript per doc: extension, encoding, (interviewer label, respondent label)
CONF = {
    "hh01": ("docx", "utf-8", ("Interviewer", "Marianne")),
    "hh02": ("vtt", "utf-8", ("Lieke Janssen", "Dennis Ramdin")),
    "hh03": ("txt", "cp1252", ("I", "R")),
    "hh04": ("srt", "utf-8", ("Eva", "Mohamed")),
    "hh05": ("txt", "utf-8", ("Spreker 1", "Spreker 2")),
    "hh06": ("docx", "utf-8", ("Femke", "Annelies")),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker|ik ben meer van de casus", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def merge(seq):
    """seq of (speaker, text) -> list of turns, consecutive same speaker merged."""
    turns = []
    for spk, text in seq:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def read_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    full = "\n".join(paras)
    seq = []
    pat = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels), re.S)
    started = False
    for para in paras:
        m = pat.match(para)
        if m:
            started = True
            seq.append(("I" if m.group(1) == labels[0] else "R", m.group(2)))
        elif para.strip() and started:
            prob(f"{os.path.basename(path)}: paragraph without speaker label after turns began: {para[:50]!r}")
    return full, merge(seq)


def read_text(path, enc):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{os.path.basename(path)}: not readable as {enc}: {e}")
        text = raw.decode(enc, errors="replace")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                prob(f"{os.path.basename(path)}: cp1252 file decodes as UTF-8 (encoding not Windows-1252?)")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            prob(f"{os.path.basename(path)}: Windows-1252 file should use CRLF throughout")
    return text


def read_txt(path, enc, labels):
    text = read_text(path, enc)
    seq = []
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels))
    started = False
    for line in text.splitlines():
        m = pat.match(line)
        if m:
            started = True
            seq.append(("I" if m.group(1) == labels[0] else "R", m.group(2)))
        elif line.strip() and started:
            prob(f"{os.path.basename(path)}: line without speaker label after turns began: {line[:50]!r}")
    return text, merge(seq)


def read_vtt(path, labels):
    text = read_text(path, "utf-8")
    if not text.startswith("WEBVTT"):
        prob(f"{os.path.basename(path)}: missing WEBVTT header")
    seq = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip("\n").split("\n")
        if not lines or "-->" not in "".join(lines[:2]):
            continue
        i = 0 if "-->" in lines[0] else 1
        payload = " ".join(lines[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", payload)
        if not m or m.group(1) not in labels:
            prob(f"{os.path.basename(path)}: cue without known voice tag: {payload[:50]!r}")
            continue
        seq.append(("I" if m.group(1) == labels[0] else "R", re.sub(r"</v>", "", m.group(2))))
    return text, merge(seq)


def read_srt(path, labels):
    text = read_text(path, "utf-8")
    seq = []
    pat = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels), re.S)
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip("\n").split("\n")
        if len(lines) < 3:
            if block.strip():
                prob(f"{os.path.basename(path)}: short cue block {block[:40]!r}")
            continue
        if not lines[0].strip().isdigit() or "-->" not in lines[1]:
            prob(f"{os.path.basename(path)}: malformed cue {block[:40]!r}")
            continue
        payload = " ".join(lines[2:])
        m = pat.match(payload)
        if not m:
            prob(f"{os.path.basename(path)}: cue without speaker name: {payload[:50]!r}")
            continue
        seq.append(("I" if m.group(1) == labels[0] else "R", m.group(2)))
    return text, merge(seq)


def load(doc_id):
    ext, enc, labels = CONF[doc_id]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        prob(f"{doc_id}: expected exactly one transcript, found {files}")
        return None, []
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + ext):
        prob(f"{doc_id}: expected .{ext}, found {files[0]}")
        return None, []
    if ext == "docx":
        return read_docx(path, labels)
    if ext == "txt":
        return read_txt(path, enc, labels)
    if ext == "vtt":
        return read_vtt(path, labels)
    return read_srt(path, labels)


def main():
    docs = {}
    for d in DOC_IDS:
        full, turns = load(d)
        if full is None:
            continue
        docs[d] = (full, turns)
        if not turns:
            prob(f"{d}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if spk != want:
                prob(f"{d}: turn {i+1} is {spk}, expected {want} (strict alternation, interviewer first)")
                break
        nres = sum(1 for s, _ in turns if s == "R")
        if not 10 <= nres <= 45:
            prob(f"{d}: {nres} respondent turns (need 10-45)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            prob(f"{d}: {words} spoken words (need 1500-2600)")
        if FORBIDDEN.search(full):
            prob(f"{d}: forbidden label word: {FORBIDDEN.search(full).group(0)!r}")
        print(f"{d}: turns={len(turns)} respondent={nres} words={words}")

    # styles.csv
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOC_IDS or len(set(ids)) != len(ids):
        prob(f"styles.csv: doc ids {ids}")
    mix = {}
    for r in rows:
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if r["style"] not in WANT_MIX:
            prob(f"styles.csv: bad style {r['style']!r}")
        if not r.get("rationale", "").strip():
            prob(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald" and "too little evidence" not in r["rationale"]:
            prob(f"styles.csv: {r['doc_id']} onbepaald should be 'too little evidence' kind")
    if mix != WANT_MIX:
        prob(f"styles.csv: mix {mix}, want {WANT_MIX}")

    # orientation.csv
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        prob("orientation.csv: not sorted or has duplicates")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {o!r}")
        if d not in docs:
            prob(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][1]
        if ti % 2 != 0 or ti < 1 or ti > len(turns) or turns[ti - 1][0] != "R":
            prob(f"orientation.csv: {d} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    seen = set()
    count = {}
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            prob(f"identifiers.csv: bad type {typ!r}")
        if (d, ident) in seen:
            prob(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        count[d] = count.get(d, 0) + 1
        if d in docs and ident not in docs[d][0]:
            prob(f"identifiers.csv: {d} {ident!r} not found verbatim in transcript")
    for d in DOC_IDS:
        if count.get(d, 0) < 5:
            prob(f"identifiers.csv: {d} has {count.get(d, 0)} identifiers (need >= 5)")

    exts = {CONF[d][0] + ("-" + CONF[d][1] if CONF[d][0] == "txt" else "") for d in DOC_IDS}
    if len({CONF[d][0] for d in DOC_IDS}) < 4:
        prob(f"fewer than four formats: {exts}")

    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
