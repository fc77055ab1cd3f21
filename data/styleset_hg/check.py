#!/usr/bin/env python3
"""Check set HG from the built transcripts (standard library only).

Usage: python3 check.py      -> prints OK, or the problems (exit status 1)
"""
import collections
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

SET = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(SET, "transcripts")
DOCS = ["hg01", "hg02", "hg03", "hg04", "hg05", "hg06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
WORDS = (1500, 2600)
RTURNS = (10, 45)
MIN_FORMATS = 4
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\[\]\n]{1,40}?):(?:\s+|$)(.*)$")
TIMING_RE = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")
VOICE_RE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")

problems = []


def problem(msg):
    problems.append(msg)


# ---------- readers: each returns (full_text, turns=[(label, text)], format_name) ----------

def decode(raw, doc):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252")
        return raw.decode("utf-8", "replace"), "?"


def line_turns(lines, doc):
    """Generic 'Label: text' parser; the two most frequent labels are the speakers."""
    counts = collections.Counter()
    for ln in lines:
        m = LABEL_RE.match(ln.strip())
        if m:
            counts[m.group(1).strip()] += 1
    speakers = [l for l, _ in counts.most_common(2)]
    if len(speakers) < 2:
        problem(f"{doc}: could not find two speaker labels")
        return []
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL_RE.match(s)
        if m and m.group(1).strip() in speakers:
            turns.append([m.group(1).strip(), m.group(2).strip()])
            started = True
        elif started:
            turns[-1][1] += " " + s
        # else: header line before the first turn
    return turns


def read_docx(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: docx not readable ({e})")
        return "", [], "docx?"
    paras = []
    bold_labels = 0
    for p in root.iter(W + "p"):
        parts = []
        first_run_bold = None
        for r in p.iter(W + "r"):
            t = "".join((x.text or "") if x.tag == W + "t" else " "
                        for x in r if x.tag in (W + "t", W + "tab", W + "br"))
            if first_run_bold is None and t.strip():
                rpr = r.find(W + "rPr")
                first_run_bold = rpr is not None and rpr.find(W + "b") is not None
                if first_run_bold and t.strip().endswith(":"):
                    bold_labels += 1
            parts.append(t)
        paras.append("".join(parts))
    text = "\n".join(paras)
    return text, line_turns(paras, doc), "docx-bold" if bold_labels else "docx-plain"


def read_txt(path, doc):
    raw = open(path, "rb").read()
    text, enc = decode(raw, doc)
    crlf = "crlf" if "\r\n" in text else "lf"
    lines = text.replace("\r\n", "\n").split("\n")
    stamped = any(re.match(r"^\[\d{2}:\d{2}:\d{2}\]", l) for l in lines)
    return text, line_turns(lines, doc), f"txt-{enc}-{crlf}{'-stamped' if stamped else ''}"


def merge(cues):
    turns = []
    for lab, txt in cues:
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return turns


def read_vtt(path, doc):
    text, enc = decode(open(path, "rb").read(), doc)
    norm = text.replace("\r\n", "\n")
    if not norm.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    cues = []
    for block in re.split(r"\n\s*\n", norm.strip()):
        ls = block.split("\n")
        if ls[0].startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        i = next((k for k, l in enumerate(ls) if TIMING_RE.match(l)), None)
        if i is None:
            problem(f"{doc}: vtt block without timing: {block[:40]!r}")
            continue
        body = "\n".join(ls[i + 1:])
        m = VOICE_RE.search(body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"<[^>]+>", "", body).replace("\n", " ").strip()))
    return text, merge(cues), f"vtt-{enc}"


def read_srt(path, doc):
    text, enc = decode(open(path, "rb").read(), doc)
    crlf = "crlf" if "\r\n" in text else "lf"
    norm = text.replace("\r\n", "\n")
    blocks = []
    for block in re.split(r"\n\s*\n", norm.strip()):
        ls = block.split("\n")
        if len(ls) < 3 or not ls[0].strip().isdigit() or not TIMING_RE.match(ls[1]):
            problem(f"{doc}: malformed srt block: {block[:40]!r}")
            continue
        blocks.append(" ".join(l.strip() for l in ls[2:]))
    counts = collections.Counter(m.group(1).strip() for b in blocks for m in [LABEL_RE.match(b)] if m)
    speakers = [l for l, _ in counts.most_common(2)]
    cues, cur = [], None
    for b in blocks:
        m = LABEL_RE.match(b)
        if m and m.group(1).strip() in speakers:
            cur = m.group(1).strip()
            cues.append((cur, m.group(2).strip()))
        elif cur is None:
            problem(f"{doc}: srt starts without a speaker label")
        else:
            cues.append((cur, b))
    return text, merge(cues), f"srt-{enc}-{crlf}"


READERS = {".docx": read_docx, ".txt": read_txt, ".vtt": read_vtt, ".srt": read_srt}


def main():
    # styles
    styles = {}
    try:
        with open(os.path.join(SET, "styles.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    for r in rows:
        if r.get("doc_id") in styles:
            problem(f"styles.csv: duplicate {r.get('doc_id')}")
        styles[r.get("doc_id")] = r
        if r.get("style") not in WANT_MIX:
            problem(f"styles.csv: bad style {r.get('style')!r} for {r.get('doc_id')}")
        if not (r.get("rationale") or "").strip():
            problem(f"styles.csv: empty rationale for {r.get('doc_id')}")
    if sorted(styles) != DOCS:
        problem(f"styles.csv: docs {sorted(styles)} != {DOCS}")
    mix = collections.Counter(r["style"] for r in styles.values())
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
    kinds = sorted("mixed" if re.search(r"mixed|gemengd", r["rationale"], re.I) else
                   "little" if re.search(r"too little evidence|te weinig", r["rationale"], re.I) else "?"
                   for r in styles.values() if r["style"] == "onbepaald")
    if kinds != ["little", "mixed"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, want one 'mixed' and one 'too little evidence'")

    # transcripts
    parsed, formats = {}, set()
    files = os.listdir(TR) if os.path.isdir(TR) else []
    for doc in DOCS:
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected one transcript, found {mine}")
            continue
        ext = os.path.splitext(mine[0])[1].lower()
        if ext not in READERS:
            problem(f"{doc}: unsupported extension {ext}")
            continue
        text, turns, fmt = READERS[ext](os.path.join(TR, mine[0]), doc)
        formats.add(fmt)
        parsed[doc] = (text, turns)
        labels = []
        for lab, _ in turns:
            if lab not in labels:
                labels.append(lab)
        if len(labels) != 2:
            problem(f"{doc}: {len(labels)} speaker labels {labels}")
            continue
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker")
        nr = sum(1 for lab, _ in turns if lab == labels[1])
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, want {RTURNS}")
        nw = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= nw <= WORDS[1]:
            problem(f"{doc}: {nw} spoken words, want {WORDS}")
        if any(not t.strip() for _, t in turns):
            problem(f"{doc}: empty turn")
    if len(formats) < MIN_FORMATS:
        problem(f"only {len(formats)} transcript formats: {sorted(formats)}")

    # orientation
    try:
        with open(os.path.join(SET, "orientation.csv"), encoding="utf-8", newline="") as f:
            orows = list(csv.DictReader(f))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = []
    for r in orows:
        doc, o = r.get("doc_id"), r.get("orientation")
        try:
            idx = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r} ({doc},{idx})")
        if doc not in parsed:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = parsed[doc][1]
        if idx % 2 or not 1 <= idx <= len(turns):
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn (doc has {len(turns)})")
        elif turns[idx - 1][0] == turns[0][0]:
            problem(f"orientation.csv: {doc} turn {idx} is spoken by the interviewer")
    if keys != sorted(set(keys)):
        problem("orientation.csv: not sorted or has duplicates")

    # identifiers
    try:
        with open(os.path.join(SET, "identifiers.csv"), encoding="utf-8", newline="") as f:
            irows = list(csv.DictReader(f))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    seen, per_doc = set(), collections.Counter()
    for r in irows:
        doc, ident, typ = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {doc} {ident!r}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif not ident or ident not in parsed[doc][0]:
            problem(f"identifiers.csv: {doc} {ident!r} not found verbatim in transcript")
    for doc in DOCS:
        if per_doc[doc] < 5:
            problem(f"{doc}: only {per_doc[doc]} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
