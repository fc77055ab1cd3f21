#!/usr/bin/env python3
"""Stdlib self-check for blind set EI. Parses the transcripts themselves (not the sources) and verifies:
- every id has exactly one transcript; turns strictly alternate interviewer/respondent, starting with the interviewer
  (consecutive .srt/.vtt cues of the same speaker are merged into one turn);
- every orientation row points at an existing respondent (even) turn, values valid, sorted, no duplicates;
- every identifier occurs verbatim in its document and has a valid type;
- styles.csv is complete (one valid style + rationale per id) and matches the requested mix (2/2/2);
- word counts of the turn texts are within 1,500-2,600; README.md mentions every id.
Run: python3 check.py
"""
import collections
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
IDS = ["ei01", "ei02", "ei03", "ei04", "ei05", "ei06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([A-Za-zÀ-ÿ][\w .'-]{0,30}?):\s+(.*)$")
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_lines(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(ns + "p"):
        out.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return out


def turns_from_lines(lines):
    cands = [LABEL.match(l.strip()) for l in lines]
    freq = collections.Counter(m.group(1) for m in cands if m)
    speakers = {s for s, _ in freq.most_common(2)}
    turns = []
    for l, m in zip(lines, cands):
        if m and m.group(1) in speakers:
            turns.append([m.group(1), m.group(2)])
        elif l.strip() and turns:
            turns[-1][1] += " " + l.strip()
    return turns


def turns_from_subs(text, kind):
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            continue
        body = " ".join(lines[idx + 1:])
        if kind == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        else:
            m = re.match(r"^([^:]{1,30}):\s+(.*)$", body)
        if not m:
            err(f"cue without speaker: {body[:50]}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc_id):
    files = [f for f in os.listdir(os.path.join(ROOT, "transcripts")) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        err(f"{doc_id}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(ROOT, "transcripts", files[0])
    ext = files[0].rsplit(".", 1)[1]
    if ext == "docx":
        lines = docx_lines(path)
        return "\n".join(lines), turns_from_lines(lines)
    text = read_text(path)
    if ext in ("srt", "vtt"):
        return text, turns_from_subs(text, ext)
    return text, turns_from_lines(text.replace("\r\n", "\n").split("\n"))


def main():
    docs = {}
    for doc_id in IDS:
        text, turns = load(doc_id)
        if text is None:
            continue
        docs[doc_id] = (text, turns)
        spk = [t[0] for t in turns]
        if len(set(spk)) != 2:
            err(f"{doc_id}: expected 2 speakers, got {sorted(set(spk))}")
        for k in range(1, len(spk)):
            if spk[k] == spk[k - 1]:
                err(f"{doc_id}: turns {k} and {k + 1} by same speaker {spk[k]}")
        words = sum(len(t[1].split()) for t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words outside 1500-2600")
        print(f"{doc_id}: {len(turns)} turns ({len(turns) // 2} respondent), {words} words, interviewer={spk[0]!r}")

    rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        err("orientation.csv has duplicate rows")
    for r in rows:
        d, k = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            err(f"orientation: unknown doc {d}")
            continue
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation: bad value {r['orientation']}")
        n = len(docs[d][1])
        if k < 2 or k > n or k % 2 != 0:
            err(f"orientation: {d} turn {k} is not a respondent turn (n={n})")

    idrows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    seen = set()
    for r in idrows:
        d = r["doc_id"]
        if (d, r["identifier"], r["type"]) in seen:
            err(f"identifiers: duplicate {r}")
        seen.add((d, r["identifier"], r["type"]))
        if r["type"] not in TYPES:
            err(f"identifiers: bad type {r}")
        if d not in docs or r["identifier"] not in docs[d][0]:
            err(f"identifiers: {d} {r['identifier']!r} not found verbatim")
    for d in IDS:
        if not any(r["doc_id"] == d for r in idrows):
            err(f"identifiers: none for {d}")

    srows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    sids = [r["doc_id"] for r in srows]
    if sorted(sids) != IDS:
        err(f"styles.csv ids {sids}")
    for r in srows:
        if r["style"] not in STYLES:
            err(f"styles.csv bad style {r}")
        if not r["rationale"].strip():
            err(f"styles.csv empty rationale {r['doc_id']}")
    mix = collections.Counter(r["style"] for r in srows)
    if dict(mix) != MIX:
        err(f"style mix {dict(mix)} != {MIX}")

    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    for d in IDS:
        if d not in readme:
            err(f"README.md does not mention {d}")

    if errors:
        for e in errors:
            print("ERROR:", e)
        print(f"FAILED ({len(errors)} errors)")
        sys.exit(1)
    print(f"OK — {len(docs)} docs, {len(rows)} orientation rows, {len(idrows)} identifiers")


if __name__ == "__main__":
    main()
