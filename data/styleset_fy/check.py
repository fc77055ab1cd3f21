#!/usr/bin/env python3
"""Check set FY: parses the BUILT transcripts (not the sources). Standard library only.

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
DOCS = ["fy%02d" % i for i in range(1, 7)]
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
# labels the interviewer may carry in this set (one interviewer per interview)
INTERVIEWER_LABELS = {"Interviewer", "I", "Noor", "Noor Aarts", "Spreker 1"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RT, MAX_RT = 10, 45

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_RE = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]\n]{1,40}?):\s+(.*)$", re.S)
TIMING_RE = re.compile(r"^\d\d:\d\d:\d\d[.,]\d\d\d --> \d\d:\d\d:\d\d[.,]\d\d\d")

problems = []


def problem(msg):
    problems.append(msg)


def nwords(s):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", s))


# ------------------------------------------------------------------ readers
def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml")
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def detect_labels(lines, min_count=4):
    counts = {}
    for ln in lines:
        m = LABEL_RE.match(ln)
        if m:
            counts[m.group(2).strip()] = counts.get(m.group(2).strip(), 0) + 1
    return {k for k, v in counts.items() if v >= min_count}


def turns_from_lines(lines):
    """Paragraph/line based formats (docx, txt). Returns (turns, header_lines)."""
    labels = detect_labels(lines)
    turns, header = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = LABEL_RE.match(ln)
        if m and m.group(2).strip() in labels:
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif turns:
            turns[-1][1] += " " + ln.strip()
        else:
            header.append(ln)
    return turns, header


def turns_from_vtt(text):
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        problem("vtt without WEBVTT signature")
    blocks = re.split(r"\n\s*\n", "\n".join(lines))
    turns = []
    for b in blocks:
        bl = [x for x in b.split("\n") if x.strip()]
        if not bl or bl[0].startswith("WEBVTT") or bl[0].startswith("NOTE"):
            continue
        idx = next((i for i, x in enumerate(bl) if TIMING_RE.match(x)), None)
        if idx is None:
            problem(f"vtt block without timing: {bl[0][:40]}")
            continue
        payload = " ".join(bl[idx + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", payload)
        if m:
            spk, txt = m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()
        elif turns:
            spk, txt = turns[-1][0], payload.strip()
        else:
            problem("vtt cue without voice before any voice")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def turns_from_srt(text):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    for b in blocks:
        bl = [x for x in b.split("\n") if x.strip()]
        if len(bl) < 3 or not bl[0].strip().isdigit() or not TIMING_RE.match(bl[1]):
            problem(f"malformed srt block: {b[:40]!r}")
            continue
        cues.append(" ".join(x.strip() for x in bl[2:]))
    labels = detect_labels(cues, min_count=3)
    turns = []
    for c in cues:
        m = LABEL_RE.match(c)
        if m and m.group(2).strip() in labels:
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif turns:
            turns[-1][1] += " " + c
        else:
            problem("srt cue without speaker before any speaker")
    return turns


def load(doc):
    cands = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(cands) != 1:
        problem(f"{doc}: expected exactly one transcript, found {cands}")
        return None
    path = os.path.join(TDIR, cands[0])
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            problem(f"{doc}: unreadable docx ({e})")
            return None
        turns, _ = turns_from_lines(paras)
        full = "\n".join(paras)
        enc = "docx"
    else:
        full, enc = read_text(path)
        if full is None:
            problem(f"{doc}: not readable as UTF-8 or Windows-1252")
            return None
        if "\ufffd" in full or "Ã" in full:
            problem(f"{doc}: looks like mojibake")
        if ext == ".txt":
            turns, _ = turns_from_lines(full.replace("\r\n", "\n").split("\n"))
        elif ext == ".vtt":
            turns = turns_from_vtt(full)
        elif ext == ".srt":
            turns = turns_from_srt(full)
        else:
            problem(f"{doc}: unknown extension {ext}")
            return None
    return {"path": path, "ext": ext, "enc": enc, "turns": turns, "full": full}


# ------------------------------------------------------------------ checks
def main():
    data = {}
    for doc in DOCS:
        d = load(doc)
        if not d:
            continue
        data[doc] = d
        turns = d["turns"]
        if len(turns) < 2:
            problem(f"{doc}: fewer than two turns parsed")
            continue
        spk = [t[0] for t in turns]
        names = list(dict.fromkeys(spk))
        if len(names) != 2:
            problem(f"{doc}: expected two speakers, found {names}")
            continue
        iv = spk[0]
        if iv not in INTERVIEWER_LABELS:
            problem(f"{doc}: first turn is not by the interviewer ({iv})")
        other = [n for n in names if n != iv][0]
        if other in INTERVIEWER_LABELS:
            problem(f"{doc}: respondent label {other!r} looks like an interviewer label")
        for i, s in enumerate(spk):
            want = iv if i % 2 == 0 else other
            if s != want:
                problem(f"{doc}: turns do not alternate at turn {i + 1}")
                break
        words = sum(nwords(t[1]) for t in turns)
        d["words"] = words
        d["rturns"] = sum(1 for s in spk if s == other)
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{doc}: {words} words of spoken text (want {MIN_WORDS}-{MAX_WORDS})")
        if not MIN_RT <= d["rturns"] <= MAX_RT:
            problem(f"{doc}: {d['rturns']} respondent turns (want {MIN_RT}-{MAX_RT})")
        low = d["full"].lower()
        for fw in FORBIDDEN:
            if fw in low:
                problem(f"{doc}: forbidden word {fw!r} in transcript")
        for t in turns:
            if "[[" in t[1] or re.search(r"\{(casus|netwerk|-)\}", t[1]):
                problem(f"{doc}: annotation left in transcript")
                break

    exts = {d["ext"] + ":" + d["enc"] for d in data.values()}
    fmt_kinds = set()
    for d in data.values():
        if d["ext"] == ".txt":
            fmt_kinds.add("txt-" + d["enc"] + ("-ts" if re.search(r"^\[\d\d:\d\d:\d\d\]", d["full"], re.M) else ""))
        else:
            fmt_kinds.add(d["ext"])
    if len(fmt_kinds) < 4:
        problem(f"fewer than four transcript formats: {sorted(fmt_kinds)} / {sorted(exts)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != DOCS or len(rows) != len(DOCS):
        problem(f"styles.csv does not list each doc exactly once: {[r['doc_id'] for r in rows]}")
    mix = {}
    for r in rows:
        if r["style"] not in WANTED_MIX:
            problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and "genuinely mixed" not in r["rationale"].lower():
            problem(f"styles.csv: onbepaald {r['doc_id']} should be the genuinely mixed kind")
    if mix != WANTED_MIX:
        problem(f"styles.csv mix {mix} != requested {WANTED_MIX}")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = []
    for r in orows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        d = data.get(doc)
        if not d:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = d["turns"]
        if not 1 <= ti <= len(turns):
            problem(f"orientation.csv: {doc} turn {ti} out of range ({len(turns)} turns)")
        elif ti % 2 != 0 or turns[ti - 1][0] == turns[0][0]:
            problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv is not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv has duplicates")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    seen = set()
    per_doc = {}
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        d = data.get(doc)
        if not d:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif ident not in d["full"]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem(f"{doc}: fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc in DOCS:
        d = data[doc]
        print(f"{doc}: {os.path.basename(d['path'])} ({d['enc']}) words={d['words']} "
              f"turns={len(d['turns'])} respondent_turns={d['rturns']}")
    print("OK")


if __name__ == "__main__":
    main()
