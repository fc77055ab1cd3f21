#!/usr/bin/env python3
"""Check blind set GK from the BUILT transcripts (standard library only).

Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

SET = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(SET, "transcripts")

# doc_id: (extension, encoding, crlf, interviewer label, respondent label)
DOCS = {
    "gk01": ("srt", "utf-8", True, "Interviewer", "Danny"),
    "gk02": ("docx", None, None, "Interviewer", "Respondent"),
    "gk03": ("docx", None, None, "Onderzoeker", "Marieke"),
    "gk04": ("txt", "cp1252", True, "I", "R"),
    "gk05": ("vtt", "utf-8", False, "Interviewer", "Petra Hoogeveen"),
    "gk06": ("txt", "utf-8", False, "Spreker 1", "Spreker 2"),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "casusgerichte", "netwerkgerichte"]
WORDS = (1500, 2600)
RTURNS = (10, 45)

problems = []


def bad(msg):
    problems.append(msg)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path):
    """Return list of (text, first_run_bold) per paragraph."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            b = rpr is not None and rpr.find(W + "b") is not None and \
                rpr.find(W + "b").get(W + "val", "true") not in ("0", "false")
            runs.append((t, b))
        text = "".join(t for t, _ in runs)
        first_bold = bool(runs) and runs[0][1]
        paras.append((text, first_bold))
    return paras


def split_label(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def turns_from_lines(doc, lines, labels):
    """Lines: header lines first (ignored), then label lines; continuation lines appended."""
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        lab, txt = split_label(ln, labels)
        if lab is None:
            if started:
                bad(f"{doc}: line without speaker label inside the interview: {ln[:50]!r}")
            continue
        started = True
        turns.append([lab, txt])
    return turns


def merge(turns):
    out = []
    for lab, txt in turns:
        if out and out[-1][0] == lab:
            out[-1][1] += " " + txt
        else:
            out.append([lab, txt])
    return out


def parse(doc):
    ext, enc, crlf, il, rl = DOCS[doc]
    labels = (il, rl)
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        bad(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    if ext == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa
            bad(f"{doc}: docx unreadable: {e}")
            return None, None
        full = "\n".join(t for t, _ in paras)
        turns = turns_from_lines(doc, [t for t, _ in paras], labels)
        if doc == "gk02":
            for t, b in paras:
                if split_label(t, labels)[0] and not b:
                    bad(f"{doc}: speaker label not bold: {t[:40]!r}")
        return full, turns
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
                bad(f"{doc}: cp1252 file is also valid UTF-8 (not really Windows-1252)")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    has_crlf = "\r\n" in text
    if crlf and (not has_crlf or re.search(r"(?<!\r)\n", text)):
        bad(f"{doc}: expected CRLF line endings throughout")
    if not crlf and has_crlf:
        bad(f"{doc}: unexpected CRLF")
    text_n = text.replace("\r\n", "\n")
    if ext == "txt":
        lines = []
        for ln in text_n.split("\n"):
            ln2 = re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", ln)
            lines.append(ln2)
        return text_n, turns_from_lines(doc, lines, labels)
    if ext == "srt":
        turns = []
        for block in re.split(r"\n\s*\n", text_n.strip()):
            bl = block.split("\n")
            if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
                bad(f"{doc}: malformed srt cue: {block[:50]!r}")
                continue
            cue = " ".join(bl[2:]).strip()
            lab, txt = split_label(cue, labels)
            if lab is None:
                bad(f"{doc}: srt cue without speaker: {cue[:50]!r}")
                continue
            turns.append([lab, txt])
        return text_n, merge(turns)
    if ext == "vtt":
        if not text_n.startswith("WEBVTT"):
            bad(f"{doc}: missing WEBVTT signature")
        turns = []
        for block in re.split(r"\n\s*\n", text_n.strip())[1:]:
            bl = block.split("\n")
            if bl[0].startswith("NOTE"):
                continue
            k = [i for i, l in enumerate(bl) if "-->" in l]
            if not k:
                bad(f"{doc}: malformed vtt cue: {block[:50]!r}")
                continue
            cue = " ".join(bl[k[0] + 1:])
            m = re.match(r"<v ([^>]+)>(.*?)(</v>)?$", cue.strip())
            if not m or m.group(1) not in labels:
                bad(f"{doc}: vtt cue without known voice: {cue[:50]!r}")
                continue
            turns.append([m.group(1), m.group(2).strip()])
        return text_n, merge(turns)
    bad(f"{doc}: unknown format")
    return None, None


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def main():
    parsed = {}
    for doc in DOCS:
        full, turns = parse(doc)
        if full is None:
            continue
        il, rl = DOCS[doc][3], DOCS[doc][4]
        if not turns:
            bad(f"{doc}: no turns")
            continue
        for i, (lab, _) in enumerate(turns, 1):
            want = il if i % 2 == 1 else rl
            if lab != want:
                bad(f"{doc}: turn {i} is {lab!r}, expected {want!r} (strict alternation, interviewer first)")
                break
        nr = sum(1 for lab, _ in turns if lab == rl)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns, want {RTURNS}")
        words = sum(nwords(t) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words, want {WORDS}")
        low = full.lower()
        for f in FORBIDDEN:
            if f in low:
                bad(f"{doc}: forbidden word {f!r} in transcript")
        parsed[doc] = (full, turns, words, nr)

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(SET, "styles.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        bad("styles.csv missing")
    sdocs = [r["doc_id"] for r in rows]
    if sorted(sdocs) != sorted(DOCS) or len(sdocs) != len(set(sdocs)):
        bad(f"styles.csv: doc ids {sdocs} do not match {sorted(DOCS)}")
    count = {}
    kinds = []
    for r in rows:
        st = r["style"]
        if st not in WANT_STYLES:
            bad(f"styles.csv: bad style {st!r} for {r['doc_id']}")
        count[st] = count.get(st, 0) + 1
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
        if st == "onbepaald":
            ra = r["rationale"].lower()
            if "mixed" in ra:
                kinds.append("mixed")
            elif "too little evidence" in ra:
                kinds.append("too little evidence")
            else:
                bad(f"styles.csv: onbepaald rationale of {r['doc_id']} does not say which kind")
    if count != WANT_STYLES:
        bad(f"styles.csv: style mix {count}, want {WANT_STYLES}")
    if sorted(kinds) != ["mixed", "too little evidence"]:
        bad(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    try:
        orows = list(csv.reader(open(os.path.join(SET, "orientation.csv"), encoding="utf-8")))
    except FileNotFoundError:
        orows = [["doc_id", "turn_index", "orientation"]]
        bad("orientation.csv missing")
    if orows[0] != ["doc_id", "turn_index", "orientation"]:
        bad("orientation.csv: bad header")
    keys = []
    for r in orows[1:]:
        doc, ti, o = r[0], int(r[1]), r[2]
        keys.append((doc, ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r}")
        if doc not in parsed:
            bad(f"orientation.csv: unknown/unparsed doc {doc}")
            continue
        turns = parsed[doc][1]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != DOCS[doc][4]:
            bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        bad("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    try:
        irows = list(csv.reader(open(os.path.join(SET, "identifiers.csv"), encoding="utf-8")))
    except FileNotFoundError:
        irows = [["doc_id", "identifier", "type"]]
        bad("identifiers.csv missing")
    if irows[0] != ["doc_id", "identifier", "type"]:
        bad("identifiers.csv: bad header")
    seen, per = set(), {}
    for r in irows[1:]:
        doc, ident, typ = r
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per[doc] = per.get(doc, 0) + 1
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r}")
        if doc not in parsed:
            bad(f"identifiers.csv: unknown/unparsed doc {doc}")
            continue
        if ident not in parsed[doc][0]:
            bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in DOCS:
        if per.get(doc, 0) < 5:
            bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc, (_, turns, words, nr) in parsed.items():
        print(f"  {doc}: {len(turns)} turns, {nr} respondent turns, {words} words")
    print("OK")


if __name__ == "__main__":
    main()
