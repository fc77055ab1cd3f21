#!/usr/bin/env python3
"""Check blind set GW from the built transcripts (standard library only).

Prints OK, or the problems and exits with status 1.
"""
import collections
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["gw01", "gw02", "gw03", "gw04", "gw05", "gw06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
WANT = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^\s:\[\]][^:\[\]]{0,39}?):\s+(.*)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def bad(msg):
    problems.append(msg)


def decode(raw, doc):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            bad(f"{doc}: not readable as UTF-8 or Windows-1252")
            return None, None


def labelled_lines(lines):
    """Header + turns from 'Label: text' lines; speaker labels are those used 3+ times."""
    parsed = [(ln, LABEL.match(ln)) for ln in lines]
    counts = collections.Counter(m.group(2) for _, m in parsed if m)
    speakers = {lab for lab, c in counts.items() if c >= 3}
    header, turns = [], []
    for ln, m in parsed:
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3).strip()])
        elif not turns:
            if ln.strip():
                header.append(ln.strip())
        elif ln.strip():
            turns[-1][1] += " " + ln.strip()
    return header, turns


def read_docx(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        bad(f"{doc}: unreadable docx ({e})")
        return [], []
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return labelled_lines(paras)


def read_txt(path, doc):
    text, enc = decode(open(path, "rb").read(), doc)
    if text is None:
        return [], []
    return labelled_lines(text.splitlines())


def merge(cues):
    turns = []
    for sp, txt in cues:
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + txt
        else:
            turns.append([sp, txt])
    return turns


def read_vtt(path, doc):
    text, _ = decode(open(path, "rb").read(), doc)
    if text is None:
        return [], []
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    header, cues = [], []
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            header += [ln for ln in [lines[0][4:].strip()] + lines[1:] if ln.strip()]
            continue
        i = next((k for k, ln in enumerate(lines) if "-->" in ln), None)
        if i is None:
            bad(f"{doc}: vtt block without timing")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def read_srt(path, doc):
    text, _ = decode(open(path, "rb").read(), doc)
    if text is None:
        return [], []
    cues = []
    for b in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        body = " ".join(lines[2:])
        m = re.match(r"([^:]{1,40}):\s+(.*)$", body)
        if not m:
            bad(f"{doc}: srt cue without speaker: {body[:40]}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return [], merge(cues)


READERS = {".docx": read_docx, ".txt": read_txt, ".vtt": read_vtt, ".srt": read_srt}


def load(doc):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {files}")
        return None
    ext = os.path.splitext(files[0])[1]
    if ext not in READERS:
        bad(f"{doc}: unknown format {ext}")
        return None
    header, turns = READERS[ext](os.path.join(TDIR, files[0]), doc)
    return ext, header, turns


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main():
    info = {}
    for doc in DOCS:
        got = load(doc)
        if not got:
            continue
        ext, header, turns = got
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        labels = [t[0] for t in turns]
        if len(set(labels)) != 2:
            bad(f"{doc}: expected two speakers, found {sorted(set(labels))}")
        for i in range(1, len(labels)):
            if labels[i] == labels[i - 1]:
                bad(f"{doc}: turns {i} and {i + 1} by the same speaker")
        interviewer = labels[0]
        words = sum(len(t[1].split()) for t in turns)
        rturns = sum(1 for t in turns if t[0] != interviewer)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} words outside {WORDS}")
        if not RTURNS[0] <= rturns <= RTURNS[1]:
            bad(f"{doc}: {rturns} respondent turns outside {RTURNS}")
        full = "\n".join(header + [f"{a}: {b}" for a, b in turns])
        info[doc] = dict(ext=ext, turns=turns, interviewer=interviewer, text=full,
                         words=words, rturns=rturns)

    exts = {v["ext"] for v in info.values()}
    if len(exts) < 4:
        bad(f"only {len(exts)} transcript formats: {sorted(exts)}")

    styles = read_csv("styles.csv")
    seen = collections.Counter()
    kinds = set()
    for r in styles:
        if r.get("doc_id") not in DOCS:
            bad(f"styles.csv: unknown doc {r.get('doc_id')}")
        if r.get("style") not in WANT:
            bad(f"styles.csv: bad style {r.get('style')}")
        if not (r.get("rationale") or "").strip():
            bad(f"styles.csv: empty rationale for {r.get('doc_id')}")
        seen[r.get("style")] += 1
        if r.get("style") == "onbepaald":
            rat = r.get("rationale", "").lower()
            if "mixed" in rat:
                kinds.add("mixed")
            if "too little evidence" in rat:
                kinds.add("too little evidence")
    if sorted(r.get("doc_id") for r in styles) != DOCS:
        bad("styles.csv: doc ids incomplete or duplicated")
    if dict(seen) != WANT:
        bad(f"styles.csv: style mix {dict(seen)} != {WANT}")
    if kinds != {"mixed", "too little evidence"}:
        bad(f"styles.csv: onbepaald kinds {sorted(kinds)}")

    orient = read_csv("orientation.csv")
    keys = []
    for r in orient:
        doc = r.get("doc_id")
        try:
            idx = int(r.get("turn_index"))
        except (TypeError, ValueError):
            bad(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc, idx))
        if r.get("orientation") not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if doc not in info:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = info[doc]["turns"]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] == info[doc]["interviewer"]:
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        bad("orientation.csv: not sorted or has duplicates")

    ids = read_csv("identifiers.csv")
    per = collections.Counter()
    pairs = set()
    for r in ids:
        doc, val, typ = r.get("doc_id"), r.get("identifier"), r.get("type")
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ}")
        if (doc, val) in pairs:
            bad(f"identifiers.csv: duplicate {doc} {val!r}")
        pairs.add((doc, val))
        per[doc] += 1
        if doc not in info:
            bad(f"identifiers.csv: unknown doc {doc}")
        elif not val or val not in info[doc]["text"]:
            bad(f"identifiers.csv: {doc} {val!r} not found verbatim")
    for doc in DOCS:
        if per[doc] < 5:
            bad(f"{doc}: only {per[doc]} identifiers")

    if "-v" in sys.argv:
        for doc, v in info.items():
            print(f"{doc} {v['ext']:5} words={v['words']} respondent_turns={v['rturns']} "
                  f"identifiers={per[doc]}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
