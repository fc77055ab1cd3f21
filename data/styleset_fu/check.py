#!/usr/bin/env python3
"""Check set FU against the brief, from the BUILT transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"fu{n:02d}" for n in range(1, 7)]
# who speaks for the interviewer in each transcript (labels are part of the delivered format)
INTERVIEWER = {"fu01": "Sanne", "fu02": "I", "fu03": "Thijs Hofman", "fu04": "Joost",
               "fu05": "Spreker 1", "fu06": "Interviewer"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\[\]<>\n]{1,40}?):\s+(\S.*)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return "\n".join(paras), paras


def decode(path):
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"   # raises if not readable either


def labelled_turns(doc, lines):
    """Turns from lines of the form 'Label: text' (docx paragraphs, txt lines)."""
    labels = Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            labels[m.group(1)] += 1
    speakers = [lab for lab, _ in labels.most_common(2)]
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(1) in speakers:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            if turns:
                turns[-1][1] += " " + s   # continuation line
        # lines before the first turn are the header
    return turns


def cue_turns(doc, text, kind):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for b in blocks:
        lines = [l for l in b.split("\n") if l.strip()]
        if not lines or lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: cue without timing: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[ti + 1:]).strip()
        if kind == "vtt":
            m = re.match(r"<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        else:
            m = LABEL.match(body)
        if not m:
            problem(f"{doc}: cue without speaker: {body[:50]!r}")
            continue
        spk, txt = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse(doc):
    files = [p for p in TR.glob(doc + ".*")]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {len(files)}")
        return None
    path = files[0]
    ext = path.suffix.lower()
    try:
        if ext == ".docx":
            full, paras = read_docx(path)
            turns, enc = labelled_turns(doc, paras), "docx"
        else:
            full, enc = decode(path)
            if ext == ".txt":
                turns = labelled_turns(doc, full.replace("\r\n", "\n").split("\n"))
            elif ext in (".vtt", ".srt"):
                if ext == ".vtt" and not full.startswith("WEBVTT"):
                    problem(f"{doc}: vtt does not start with WEBVTT")
                turns = cue_turns(doc, full, ext[1:])
            else:
                problem(f"{doc}: unknown transcript format {ext}")
                return None
    except Exception as e:  # unreadable in its encoding / broken container
        problem(f"{doc}: cannot read {path.name}: {e}")
        return None
    return {"path": path, "full": full, "turns": turns, "enc": enc}


def main():
    parsed = {}
    for doc in DOCS:
        d = parse(doc)
        if d is None:
            continue
        parsed[doc] = d
        turns = d["turns"]
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        if turns[0][0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn is by {turns[0][0]!r}, not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker")
        spk = {t[0] for t in turns}
        if len(spk) != 2:
            problem(f"{doc}: expected 2 speakers, found {sorted(spk)}")
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} words outside 1500-2600")
        nresp = sum(1 for t in turns if t[0] != INTERVIEWER[doc])
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns outside 10-45")
        if FORBIDDEN.search(d["full"]):
            problem(f"{doc}: transcript uses a forbidden label word")
        d["words"], d["nresp"] = words, nresp

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if [r["doc_id"] for r in rows] != DOCS:
        problem(f"styles.csv: doc ids {[r['doc_id'] for r in rows]} are not {DOCS}")
    cnt = Counter(r["style"] for r in rows)
    if any(r["style"] not in STYLES for r in rows) or cnt != Counter({s: 2 for s in STYLES}):
        problem(f"styles.csv: style mix {dict(cnt)} is not 2/2/2")
    kinds = sorted("mixed" if "mixed" in r["rationale"].lower() else
                   "little" if "too little evidence" in r["rationale"].lower() else "?"
                   for r in rows if r["style"] == "onbepaald")
    if kinds != ["little", "mixed"]:
        problem(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")
    for r in rows:
        if not r["rationale"].strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = parsed[doc]["turns"]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] == INTERVIEWER[doc]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv: rows not sorted or duplicated")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    per = Counter()
    seen = set()
    for r in irows:
        doc, ident, ty = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        if ty not in TYPES:
            problem(f"identifiers.csv: bad type {ty!r}")
        if doc not in parsed:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        if ident not in parsed[doc]["full"]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
        per[doc] += 1
    for doc in DOCS:
        if per[doc] < 5:
            problem(f"{doc}: only {per[doc]} identifiers")

    # formats
    exts = {parsed[d]["path"].suffix for d in parsed}
    if len(exts) < 4:
        problem(f"only {len(exts)} formats used: {sorted(exts)}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
