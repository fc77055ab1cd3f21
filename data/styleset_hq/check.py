#!/usr/bin/env python3
"""Check the setHQ deliverables against the built transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import statistics
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = [f"hq{i:02d}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
# speaker labels as they appear in the built transcripts: (interviewer, respondent)
SPEAKERS = {
    "hq01": ("Sanne Vermeulen", "Gerrit Hoekstra"),
    "hq02": ("Interviewer", "Respondent"),
    "hq03": ("I", "R"),
    "hq04": ("Lotte Smeets", "Ronald Vos"),
    "hq05": ("Spreker 1", "Spreker 2"),
    "hq06": ("Bas", "Nadia"),
}
EXTS = ("docx", "txt", "vtt", "srt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


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
        paras.append("".join(parts))
    return paras


def label_turns(lines, labels, doc, pattern=None):
    """Turns from lines that start with 'Label: ' (optionally after a timestamp)."""
    turns, started = [], False
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = None
        if pattern:
            m = pattern.match(s)
            lab, text = (m.group(1), m.group(2)) if m else (None, None)
        else:
            for lab_c in labels:
                if s.startswith(lab_c + ":"):
                    m = True
                    lab, text = lab_c, s[len(lab_c) + 1:].strip()
                    break
        if m and lab in labels:
            started = True
            turns.append([lab, text])
        elif started:
            problem(f"{doc}: line inside the interview that is no turn: {s[:60]!r}")
    return turns


def parse(doc):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {files}")
        return None
    fn = files[0]
    ext = fn.rsplit(".", 1)[1]
    path = os.path.join(TR, fn)
    if ext not in EXTS:
        problem(f"{doc}: unexpected extension {ext}")
        return None
    ilab, rlab = SPEAKERS[doc]
    labels = (ilab, rlab)
    fmt = ext
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx unreadable: {e}")
            return None
        fulltext = "\n".join(paras)
        turns = label_turns(paras, labels, doc)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
            enc = "utf-8"
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
                enc = "cp1252"
            except UnicodeDecodeError:
                problem(f"{doc}: neither UTF-8 nor Windows-1252")
                return None
        if text.startswith("\ufeff"):
            text = text[1:]
        crlf = b"\r\n" in raw
        if crlf and re.search(rb"(?<!\r)\n", raw):
            problem(f"{doc}: mixed line endings")
        text = text.replace("\r\n", "\n")
        fulltext = text
        lines = text.split("\n")
        if ext == "txt":
            ts = re.compile(r"^\[(?:\d\d:){2}\d\d\] (" + "|".join(map(re.escape, labels)) + r"): (.*)$")
            if any(ts.match(l.strip()) for l in lines):
                turns = label_turns(lines, labels, doc, ts)
                fmt = f"txt-timestamped-{enc}"
            else:
                turns = label_turns(lines, labels, doc)
                fmt = f"txt-labels-{enc}{'-crlf' if crlf else ''}"
        elif ext == "vtt":
            if not lines[0].startswith("WEBVTT"):
                problem(f"{doc}: vtt without WEBVTT line")
            turns = []
            for block in re.split(r"\n\s*\n", text):
                bl = [l for l in block.split("\n") if l.strip()]
                if not bl or bl[0].startswith(("WEBVTT", "NOTE")):
                    continue
                ti = [i for i, l in enumerate(bl) if "-->" in l]
                if not ti:
                    problem(f"{doc}: vtt block without timing: {bl[0][:40]!r}")
                    continue
                cue = " ".join(bl[ti[0] + 1:])
                m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
                if not m or m.group(1) not in labels:
                    problem(f"{doc}: vtt cue without known voice: {cue[:50]!r}")
                    continue
                lab, t = m.group(1), m.group(2).strip()
                if turns and turns[-1][0] == lab:
                    turns[-1][1] += " " + t
                else:
                    turns.append([lab, t])
        else:  # srt
            turns = []
            for block in re.split(r"\n\s*\n", text.strip()):
                bl = [l for l in block.split("\n") if l.strip()]
                if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
                    problem(f"{doc}: malformed srt block: {bl[:2]}")
                    continue
                cue = " ".join(l.strip() for l in bl[2:])
                m = re.match(r"^(" + "|".join(map(re.escape, labels)) + r"): (.*)$", cue)
                if not m:
                    problem(f"{doc}: srt cue without speaker: {cue[:50]!r}")
                    continue
                lab, t = m.group(1), m.group(2)
                if turns and turns[-1][0] == lab:
                    turns[-1][1] += " " + t
                else:
                    turns.append([lab, t])
            fmt = f"srt{'-crlf' if crlf else ''}"
    roles = ["I" if lab == ilab else "R" for lab, _ in turns]
    for i, r in enumerate(roles, 1):
        if r != ("I" if i % 2 else "R"):
            problem(f"{doc}: turn {i} is by the wrong speaker (turns must alternate, interviewer first)")
            break
    return {"fmt": fmt if ext != "docx" else "docx", "turns": turns, "roles": roles, "text": fulltext}


def main():
    parsed = {d: parse(d) for d in DOCS}
    for f in os.listdir(TR):
        if os.path.splitext(f)[0] not in DOCS:
            problem(f"unexpected file in transcripts/: {f}")

    # styles.csv
    styles = {}
    try:
        with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for r in rows:
            if r["doc_id"] in styles:
                problem(f"styles.csv: duplicate {r['doc_id']}")
            styles[r["doc_id"]] = (r["style"], r["rationale"])
    except Exception as e:  # noqa: BLE001
        problem(f"styles.csv unreadable: {e}")
    if set(styles) != set(DOCS):
        problem(f"styles.csv: docs {sorted(styles)} != {DOCS}")
    counts = {}
    for d, (s, rat) in styles.items():
        if s not in ("casusgericht", "netwerkgericht", "onbepaald"):
            problem(f"styles.csv: {d} has bad style {s!r}")
        if not rat.strip():
            problem(f"styles.csv: {d} has no rationale")
        counts[s] = counts.get(s, 0) + 1
    if counts != {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}:
        problem(f"styles.csv: style mix is {counts}, want 2/2/2")
    ob = [rat.lower() for s, rat in styles.values() if s == "onbepaald"]
    if not (any("mixed" in r for r in ob) and any("too little evidence" in r for r in ob)):
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")
    for d, (s, rat) in styles.items():
        for w in ("casusgericht", "netwerkgericht", "regiestijl"):
            p = parsed.get(d)
            if p and w in p["text"].lower():
                problem(f"{d}: transcript uses the word {w!r}")

    # words, turns, formats, terse respondent
    fmts = set()
    terse_ok = False
    for d in DOCS:
        p = parsed.get(d)
        if not p:
            continue
        fmts.add(p["fmt"])
        words = sum(len(t.split()) for _, t in p["turns"])
        resp = [t for (_, t), r in zip(p["turns"], p["roles"]) if r == "R"]
        if not 1500 <= words <= 2600:
            problem(f"{d}: {words} spoken words, outside 1500-2600")
        if not 10 <= len(resp) <= 45:
            problem(f"{d}: {len(resp)} respondent turns, outside 10-45")
        if styles.get(d, ("",))[0] == "netwerkgericht" and resp:
            if statistics.median(len(t.split()) for t in resp) <= 20:
                terse_ok = True
    if len(fmts) < 4:
        problem(f"only {len(fmts)} transcript formats: {sorted(fmts)}")
    if not terse_ok:
        problem("no netwerkgericht respondent with terse answers (median <= 20 words)")

    # orientation.csv
    try:
        with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        keys = []
        for r in rows:
            d, o = r["doc_id"], r["orientation"]
            try:
                i = int(r["turn_index"])
            except ValueError:
                problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
                continue
            keys.append((d, i))
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r}")
            p = parsed.get(d)
            if d not in DOCS or not p:
                problem(f"orientation.csv: unknown doc {d}")
                continue
            if not 1 <= i <= len(p["roles"]) or p["roles"][i - 1] != "R":
                problem(f"orientation.csv: {d} turn {i} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicates")
    except Exception as e:  # noqa: BLE001
        problem(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        seen, per_doc = set(), {}
        for r in rows:
            d, s, t = r["doc_id"], r["identifier"], r["type"]
            if (d, s) in seen:
                problem(f"identifiers.csv: duplicate {d} {s!r}")
            seen.add((d, s))
            per_doc[d] = per_doc.get(d, 0) + 1
            if t not in TYPES:
                problem(f"identifiers.csv: bad type {t!r}")
            p = parsed.get(d)
            if not p:
                problem(f"identifiers.csv: unknown doc {d}")
            elif s not in p["text"]:
                problem(f"identifiers.csv: {d} {s!r} not found verbatim")
        for d in DOCS:
            if per_doc.get(d, 0) < 5:
                problem(f"{d}: only {per_doc.get(d, 0)} identifiers")
    except Exception as e:  # noqa: BLE001
        problem(f"identifiers.csv unreadable: {e}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
