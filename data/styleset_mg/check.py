#!/usr/bin/env python3
"""Check the setmg deliverables against the BUILT transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TRANS = ROOT / "transcripts"
DOCS = ["mg01", "mg02", "mg03", "mg04", "mg05", "mg06"]
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
# the label the interviewer has in each document
INTERVIEWER = {"mg01": "Interviewer", "mg02": "Lotte de Graaf", "mg03": "I",
               "mg04": "Interviewer", "mg05": "Spreker 1", "mg06": "Interviewer"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
LABEL_RE = re.compile(r"^([A-Z][\w.' -]{0,40}?):\s+(\S.*)$")
TS_RE = re.compile(r"^\[\d{2}:\d{2}:\d{2}\]\s*")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------ readers
def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def turns_from_lines(lines, doc):
    """Label lines ('Name: text', optional [hh:mm:ss] prefix). The two most frequent labels are the
    speakers; lines before the first speaker line are header; other lines continue the previous turn."""
    cand = []
    for ln in lines:
        ln = TS_RE.sub("", ln.strip())
        m = LABEL_RE.match(ln)
        cand.append(m.group(1) if m else None)
    counts = Counter(c for c in cand if c)
    speakers = {lab for lab, _ in counts.most_common(2)}
    turns, header = [], []
    for ln, lab in zip(lines, cand):
        text = TS_RE.sub("", ln.strip())
        if not text:
            continue
        if lab in speakers:
            turns.append([lab, LABEL_RE.match(text).group(2)])
        elif not turns:
            header.append(text)
        else:
            problem(f"{doc}: line outside a turn after the header: {text[:50]!r}")
    return turns, header


def parse_vtt(text, doc):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    turns, header = [], []
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            header += [x for x in lines[1:] if x.strip()]
            continue
        idx = next((i for i, x in enumerate(lines) if "-->" in x), None)
        if idx is None:
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        who, said = m.group(1), m.group(2).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns, header


def parse_srt(text, doc):
    turns = []
    for b in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue: {b[:40]!r}")
            continue
        body = " ".join(x.strip() for x in lines[2:])
        m = LABEL_RE.match(body)
        if not m:
            problem(f"{doc}: srt cue without speaker: {body[:40]!r}")
            continue
        turns.append([m.group(1), m.group(2)])
    return turns, []


def load(doc):
    files = sorted(TRANS.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    ext = path.suffix.lower()
    enc = "utf-8"
    try:
        if ext == ".docx":
            paras = read_docx(path)
            full = "\n".join(paras)
            turns, header = turns_from_lines(paras, doc)
        else:
            full, enc = read_text(path)
            if ext == ".vtt":
                turns, header = parse_vtt(full, doc)
            elif ext == ".srt":
                turns, header = parse_srt(full, doc)
            elif ext == ".txt":
                turns, header = turns_from_lines(full.splitlines(), doc)
            else:
                problem(f"{doc}: unknown format {ext}")
                return None
    except Exception as e:  # unreadable file
        problem(f"{doc}: cannot read {path.name}: {e}")
        return None
    return {"path": path, "ext": ext, "enc": enc, "full": full, "turns": turns, "header": header}


# ------------------------------------------------------------ checks
def main():
    data = {}
    for doc in DOCS:
        d = load(doc)
        if not d:
            continue
        data[doc] = d
        turns = d["turns"]
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        if turns[0][0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn is {turns[0][0]!r}, not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker")
        speakers = {t[0] for t in turns}
        if len(speakers) != 2:
            problem(f"{doc}: expected 2 speakers, found {speakers}")
        n_resp = sum(1 for t in turns if t[0] != INTERVIEWER[doc])
        if not 10 <= n_resp <= 45:
            problem(f"{doc}: {n_resp} respondent turns (want 10-45)")
        words = sum(len(t[1].split()) for t in turns)
        d["words"], d["n_resp"] = words, n_resp
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words (want 1500-2600)")
        for h in d["header"]:
            m = LABEL_RE.match(h)
            if m and m.group(1) not in ("Datum", "Respondent", "Duur", "Locatie"):
                problem(f"{doc}: header line looks like a turn: {h[:50]!r}")
        low = d["full"].lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
        if d["ext"] in (".txt", ".srt", ".vtt") and "\ufffd" in d["full"]:
            problem(f"{doc}: replacement character in text")

    exts = {d["ext"] + ("/" + d["enc"]) for d in data.values()}
    kinds = {d["ext"] for d in data.values()}
    if len(kinds) < 4:
        problem(f"only {len(kinds)} transcript formats: {sorted(exts)}")

    # styles.csv
    try:
        with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        got = {r["doc_id"]: r for r in rows}
        if sorted(got) != DOCS or len(rows) != len(DOCS):
            problem(f"styles.csv: doc ids {sorted(got)}")
        mix = Counter(r["style"] for r in rows)
        if dict(mix) != WANT_MIX:
            problem(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
        for r in rows:
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: {r['doc_id']} has no rationale")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(set(keys)) != len(keys):
            problem("orientation.csv: duplicates")
        for r in rows:
            doc, idx, ori = r["doc_id"], int(r["turn_index"]), r["orientation"]
            if ori not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {ori!r}")
            if doc not in data:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            turns = data[doc]["turns"]
            if not 1 <= idx <= len(turns):
                problem(f"orientation.csv: {doc} turn {idx} out of range ({len(turns)} turns)")
            elif turns[idx - 1][0] == INTERVIEWER[doc] or idx % 2:
                problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    except (OSError, KeyError, ValueError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        seen = set()
        per_doc = Counter()
        for r in rows:
            doc, s, ty = r["doc_id"], r["identifier"], r["type"]
            if (doc, s) in seen:
                problem(f"identifiers.csv: duplicate {doc} {s!r}")
            seen.add((doc, s))
            per_doc[doc] += 1
            if ty not in TYPES:
                problem(f"identifiers.csv: bad type {ty!r}")
            if doc not in data:
                problem(f"identifiers.csv: unknown doc {doc}")
            elif s not in data[doc]["full"]:
                problem(f"identifiers.csv: {doc} {s!r} not found verbatim")
        for doc in DOCS:
            if per_doc[doc] < 5:
                problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    for doc in DOCS if "-v" in sys.argv else []:
        d = data[doc]
        print(f"  {doc}: {d['path'].name:10s} {d['enc']:7s} words={d['words']} "
              f"turns={len(d['turns'])} respondent_turns={d['n_resp']}", file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
