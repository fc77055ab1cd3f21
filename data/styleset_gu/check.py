#!/usr/bin/env python3
"""Check set GU: parses the BUILT transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"

# doc_id -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    "gu01": ("docx", None, "Interviewer", "Respondent"),
    "gu02": ("txt", "cp1252", "I", "R"),
    "gu03": ("vtt", "utf-8", "Joost Akkerman", "Ingrid"),
    "gu04": ("srt", "utf-8", "Pieter", "Esther"),
    "gu05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "gu06": ("docx", None, "Karin", "Demi"),
}
BOLD_LABELS = {"gu01"}  # docx with bold speaker runs
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def docx_paragraphs(path):
    """List of (text, first_run_bold) per non-empty paragraph."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            b = r.find(f"{W}rPr/{W}b")
            bold = b is not None and b.get(W + "val", "true") not in ("0", "false")
            if t:
                runs.append((t, bold))
        text = "".join(t for t, _ in runs)
        if text.strip():
            out.append((text, runs[0][1] if runs else False))
    return out


def turns_from_lines(lines, labels, doc, prefix=r""):
    """Generic: header lines first, then 'Label: text' lines (one per turn)."""
    pat = re.compile(prefix + r"(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    turns, header = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif turns:
            prob(f"{doc}: line after first turn is not a turn: {ln[:60]!r}")
        else:
            header.append(ln)
    return header, turns


def parse(doc):
    ext, enc, il, rl = DOCS[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        prob(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, [], ""
    path = files[0]
    if path.suffix != "." + ext:
        prob(f"{doc}: expected .{ext}, found {path.name}")
    raw = path.read_bytes()
    labels = (il, rl)
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            prob(f"{doc}: docx unreadable: {e}")
            return None, [], ""
        full = "\n".join(t for t, _ in paras)
        header, turns = turns_from_lines([t for t, _ in paras], labels, doc)
        if doc in BOLD_LABELS:
            nb = [t[:30] for t, b in paras[len(header):] if not b]
            if nb:
                prob(f"{doc}: speaker label not bold in {len(nb)} paragraphs, e.g. {nb[0]!r}")
        return header, turns, full
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None, [], ""
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            prob(f"{doc}: declared Windows-1252 but decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    if "\ufffd" in text:
        prob(f"{doc}: replacement characters in text")
    lines = text.splitlines()
    if ext == "txt":
        prefix = r"\[\d\d:\d\d:\d\d\] " if il.startswith("Spreker") else r""
        header, turns = turns_from_lines(lines, labels, doc, prefix)
        return header, turns, text
    if ext == "vtt":
        if not lines or not lines[0].startswith("WEBVTT"):
            prob(f"{doc}: missing WEBVTT signature")
        blocks = re.split(r"\n\s*\n", text.strip())
        header, turns = [], []
        tpat = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$")
        for b in blocks[1:]:
            bl = b.splitlines()
            if bl[0].startswith("NOTE"):
                header += bl[1:]
                continue
            if bl[0].strip().isdigit():
                bl = bl[1:]
            if not bl or not tpat.match(bl[0]):
                prob(f"{doc}: bad cue {b[:50]!r}")
                continue
            cue = " ".join(bl[1:])
            m = re.match(r"<v ([^>]+)>(.*)$", cue)
            if not m or m.group(1) not in labels:
                prob(f"{doc}: cue without known voice tag: {cue[:50]!r}")
                continue
            who, t = m.group(1), m.group(2).replace("</v>", "").strip()
            if turns and turns[-1][0] == who:
                turns[-1][1] += " " + t
            else:
                turns.append([who, t])
        return header, turns, text
    if ext == "srt":
        blocks = re.split(r"\n\s*\n", text.strip())
        turns = []
        tpat = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")
        for i, b in enumerate(blocks, 1):
            bl = b.splitlines()
            if len(bl) < 3 or bl[0].strip() != str(i) or not tpat.match(bl[1]):
                prob(f"{doc}: bad srt cue #{i}: {b[:50]!r}")
                continue
            cue = " ".join(x.strip() for x in bl[2:])
            m = re.match(r"(" + "|".join(map(re.escape, labels)) + r"):\s+(.*)$", cue)
            if not m:
                prob(f"{doc}: cue #{i} does not start with a speaker name")
                continue
            if turns and turns[-1][0] == m.group(1):
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([m.group(1), m.group(2)])
        return [], turns, text
    prob(f"{doc}: unknown format {ext}")
    return None, [], ""


def nwords(t):
    return len([w for w in t.split() if re.search(r"\w", w)])


def main():
    parsed = {}
    for doc in DOCS:
        header, turns, full = parse(doc)
        if header is None:
            continue
        il, rl = DOCS[doc][2], DOCS[doc][3]
        for i, (who, _) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if who != want:
                prob(f"{doc}: turn {i} is {who!r}, expected {want!r} (alternation)")
                break
        nr = sum(1 for w, _ in turns if w == rl)
        nw = sum(nwords(t) for _, t in turns)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            prob(f"{doc}: {nr} respondent turns outside {RTURNS}")
        if not WORDS[0] <= nw <= WORDS[1]:
            prob(f"{doc}: {nw} spoken words outside {WORDS}")
        if FORBIDDEN.search(full):
            prob(f"{doc}: forbidden label word in transcript")
        parsed[doc] = (turns, full, nw, nr)

    # styles.csv
    try:
        rows = list(csv.DictReader(open(HERE / "styles.csv", encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        prob("styles.csv missing")
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(set(ids)) != len(ids):
        prob(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    counts = {}
    for r in rows:
        counts[r["style"]] = counts.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            prob(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald" and "too little evidence" not in r["rationale"].lower():
            prob(f"styles.csv: {r['doc_id']} onbepaald rationale does not say 'too little evidence'")
    if counts != MIX:
        prob(f"styles.csv: style mix {counts} != {MIX}")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(HERE / "orientation.csv", encoding="utf-8")))
    except FileNotFoundError:
        orows = []
        prob("orientation.csv missing")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        prob("orientation.csv: not sorted")
    if len(set(keys)) != len(keys):
        prob("orientation.csv: duplicate rows")
    for r in orows:
        d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {o!r}")
        if d not in parsed:
            prob(f"orientation.csv: unknown doc {d}")
            continue
        turns = parsed[d][0]
        if i % 2 or i < 2 or i > len(turns) or turns[i - 1][0] != DOCS[d][3]:
            prob(f"orientation.csv: {d} turn {i} is not a respondent turn")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(HERE / "identifiers.csv", encoding="utf-8")))
    except FileNotFoundError:
        irows = []
        prob("identifiers.csv missing")
    seen = set()
    per_doc = {}
    for r in irows:
        d, s, t = r["doc_id"], r["identifier"], r["type"]
        if (d, s) in seen:
            prob(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        per_doc[d] = per_doc.get(d, 0) + 1
        if t not in TYPES:
            prob(f"identifiers.csv: bad type {t!r}")
        if d not in parsed:
            prob(f"identifiers.csv: unknown doc {d}")
            continue
        if s not in parsed[d][1]:
            prob(f"identifiers.csv: {d} {s!r} not found verbatim in transcript")
    for d in DOCS:
        if per_doc.get(d, 0) < 5:
            prob(f"identifiers.csv: {d} has fewer than 5 identifiers")
        lab = DOCS[d][2:]
        for l in lab:
            if not (l in ("Interviewer", "Respondent", "I", "R") or l.startswith("Spreker")):
                if (d, l) not in seen:
                    prob(f"identifiers.csv: speaker label {l!r} of {d} not listed as PERSOON")

    formats = {DOCS[d][0] + ("-" + DOCS[d][1] if DOCS[d][0] == "txt" else "") for d in DOCS}
    if len(formats) < 4:
        prob(f"fewer than four formats: {sorted(formats)}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
