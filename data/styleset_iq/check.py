#!/usr/bin/env python3
"""Check setIQ: parses the BUILT transcripts (not the sources). Standard library only.

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

BASE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(BASE, "transcripts")

SPEC = {
    "iq01": dict(ext="txt", enc="cp1252", crlf=True, kind="lines", ilabel="I", rlabel="R"),
    "iq02": dict(ext="docx", kind="docx", ilabel="Joost", rlabel="Wilma", bold=True),
    "iq03": dict(ext="vtt", enc="utf-8", kind="vtt", ilabel="Lotte Smit", rlabel="Marjolein Hofstede"),
    "iq04": dict(ext="srt", enc="utf-8", crlf=True, kind="srt", ilabel="Interviewer", rlabel="Arjen"),
    "iq05": dict(ext="txt", enc="utf-8", crlf=False, kind="lines", ilabel="Spreker 1", rlabel="Spreker 2",
                 timestamps=True),
    "iq06": dict(ext="docx", kind="docx", ilabel="Interviewer", rlabel="Respondent", bold=False),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
TERSE = {"iq01": 40}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker|ik ben meer van de casus",
                       re.IGNORECASE)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path, want_bold):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            txt = "".join((t.text or "") for t in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            bold = rpr is not None and rpr.find(W + "b") is not None
            runs.append((txt, bold))
        paras.append(runs)
    return paras


def parse_lines(doc, lines, spec):
    """lines: list of str. Returns (header_lines, turns[(speaker, text)])."""
    labs = {spec["ilabel"]: "I", spec["rlabel"]: "R"}
    ts = r"\[\d\d:\d\d:\d\d\]\s*" if spec.get("timestamps") else ""
    pat = re.compile(r"^" + ts + r"(" + "|".join(re.escape(l) for l in labs) + r"):\s*(.*)$")
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            turns.append([labs[m.group(1)], m.group(2)])
        elif spec.get("timestamps") and turns and re.match(r"^\[\d\d:\d\d:\d\d\]", s):
            problem(f"{doc}: timestamped line with unknown speaker: {s[:60]}")
        elif turns:
            turns[-1][1] += " " + s
        else:
            header.append(s)
    return header, turns


def merge(doc, cues):
    turns = []
    for sp, txt in cues:
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + txt
        else:
            turns.append([sp, txt])
    return turns


def parse_vtt(doc, text, spec):
    labs = {spec["ilabel"]: "I", spec["rlabel"]: "R"}
    blocks = re.split(r"\n\s*\n", text.strip("\ufeff").strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: missing WEBVTT signature")
        return [], []
    header, cues = [], []
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            header += [x for x in ls[1:] if x.strip()]
            continue
        ti = next((i for i, x in enumerate(ls) if "-->" in x), None)
        if ti is None:
            problem(f"{doc}: vtt block without timing: {b[:50]}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$", ls[ti].strip()):
            problem(f"{doc}: bad vtt timing {ls[ti]}")
        body = " ".join(ls[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body.strip())
        if not m or m.group(1) not in labs:
            problem(f"{doc}: vtt cue without known voice tag: {body[:50]}")
            continue
        cues.append((labs[m.group(1)], m.group(2)))
    return header, merge(doc, cues)


def parse_srt(doc, text, spec):
    labs = {spec["ilabel"]: "I", spec["rlabel"]: "R"}
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labs) + r"):\s*(.*)$")
    blocks = re.split(r"\n\s*\n", text.strip("\ufeff").strip())
    cues, expect = [], 1
    for b in blocks:
        ls = b.split("\n")
        if len(ls) < 3:
            problem(f"{doc}: short srt block: {b[:50]}")
            continue
        if ls[0].strip() != str(expect):
            problem(f"{doc}: srt numbering broken at {ls[0]!r} (expected {expect})")
        expect = int(ls[0]) + 1 if ls[0].strip().isdigit() else expect + 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", ls[1].strip()):
            problem(f"{doc}: bad srt timing {ls[1]}")
        body = " ".join(x.strip() for x in ls[2:])
        m = pat.match(body)
        if not m:
            problem(f"{doc}: srt cue without known speaker: {body[:50]}")
            continue
        cues.append((labs[m.group(1)], m.group(2)))
    return [], merge(doc, cues)


def load(doc, spec):
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None, [], []
    fn = files[0]
    path = os.path.join(TR, fn)
    if not fn.endswith("." + spec["ext"]):
        problem(f"{doc}: expected .{spec['ext']}, found {fn}")
    if spec["kind"] == "docx":
        try:
            paras = docx_paragraphs(path, spec.get("bold"))
        except Exception as e:  # noqa
            problem(f"{doc}: unreadable docx: {e}")
            return None, [], []
        lines = ["".join(t for t, _ in runs) for runs in paras]
        header, turns = parse_lines(doc, lines, spec)
        labs = (spec["ilabel"] + ":", spec["rlabel"] + ":")
        for runs in paras:
            txt = "".join(t for t, _ in runs)
            if txt.startswith(labs):
                first = runs[0]
                if spec.get("bold") and not (first[1] and first[0].strip().endswith(":")):
                    problem(f"{doc}: speaker label not a bold run: {txt[:40]}")
                if spec.get("bold") is False and any(b for _, b in runs):
                    problem(f"{doc}: unexpected bold run in plain-label docx")
        return "\n".join(lines), header, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(spec["enc"])
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {spec['enc']}: {e}")
        return None, [], []
    if spec["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared Windows-1252 but file is also valid UTF-8 (no 8-bit characters?)")
        except UnicodeDecodeError:
            pass
    if spec.get("crlf") and (b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw)):
        problem(f"{doc}: expected CRLF line endings throughout")
    if spec.get("crlf") is False and b"\r" in raw:
        problem(f"{doc}: expected LF line endings")
    norm = text.replace("\r\n", "\n")
    if spec["kind"] == "vtt":
        header, turns = parse_vtt(doc, norm, spec)
    elif spec["kind"] == "srt":
        header, turns = parse_srt(doc, norm, spec)
    else:
        header, turns = parse_lines(doc, norm.split("\n"), spec)
    return norm, header, turns


def main():
    texts, turnmap = {}, {}
    for doc, spec in SPEC.items():
        text, header, turns = load(doc, spec)
        if text is None:
            continue
        texts[doc], turnmap[doc] = text, turns
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (sp, _) in enumerate(turns):
            if sp != ("I" if i % 2 == 0 else "R"):
                problem(f"{doc}: turns do not alternate / start with interviewer at turn {i + 1}")
                break
        for h in header:
            if re.match(r"^(" + re.escape(spec["ilabel"]) + "|" + re.escape(spec["rlabel"]) + r"):", h):
                problem(f"{doc}: header line looks like a turn: {h[:50]}")
        nresp = sum(1 for sp, _ in turns if sp == "R")
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns (want 10-45)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words (want 1500-2600)")
        if doc in TERSE:
            rw = [len(t.split()) for sp, t in turns if sp == "R"]
            avg = sum(rw) / max(1, len(rw))
            if avg >= TERSE[doc]:
                problem(f"{doc}: terse respondent averages {avg:.1f} words per answer (want < {TERSE[doc]})")
        if FORBIDDEN.search(text):
            problem(f"{doc}: forbidden label word in transcript: {FORBIDDEN.search(text).group(0)}")
    kinds = {(s["ext"], s["kind"], s.get("timestamps", False), s.get("bold")) for s in SPEC.values()}
    exts = {s["ext"] for s in SPEC.values()}
    if len(kinds) < 4 or len(exts) < 4:
        problem(f"fewer than four different transcript formats ({len(kinds)} kinds, {len(exts)} extensions)")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(BASE, "styles.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"styles.csv: {e}")
        rows = []
    got = {r["doc_id"]: r for r in rows}
    if len(rows) != len(got):
        problem("styles.csv: duplicate doc ids")
    if set(got) != set(SPEC):
        problem(f"styles.csv: doc ids {sorted(got)} != {sorted(SPEC)}")
    mix = {}
    for r in rows:
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if r["style"] not in WANT_MIX:
            problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if mix != WANT_MIX:
        problem(f"styles.csv: mix {mix} != {WANT_MIX}")
    ob = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if sum("mixed" in x for x in ob) != 1 or sum("too little evidence" in x for x in ob) != 1:
        problem("styles.csv: need one onbepaald 'mixed' and one 'too little evidence'")

    # orientation.csv
    try:
        orows = list(csv.reader(open(os.path.join(BASE, "orientation.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"orientation.csv: {e}")
        orows = [["doc_id", "turn_index", "orientation"]]
    if orows[0] != ["doc_id", "turn_index", "orientation"]:
        problem("orientation.csv: bad header")
    keys = []
    for r in orows[1:]:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r
        if doc not in SPEC:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        try:
            i = int(idx)
        except ValueError:
            problem(f"orientation.csv: bad turn index {idx!r}")
            continue
        keys.append((doc, i))
        turns = turnmap.get(doc, [])
        if not 1 <= i <= len(turns) or turns[i - 1][0] != "R":
            problem(f"orientation.csv: {doc} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(BASE, "identifiers.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"identifiers.csv: {e}")
        irows = []
    seen, count = set(), {}
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if doc not in SPEC:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        count[doc] = count.get(doc, 0) + 1
        if doc in texts and ident not in texts[doc]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in SPEC:
        if count.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has only {count.get(doc, 0)} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
