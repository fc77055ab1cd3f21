#!/usr/bin/env python3
"""Stdlib self-check for blind set R. Parses the transcripts themselves (not src/) and verifies:
- every transcript parses into turns that strictly alternate interviewer/respondent, starting with
  the interviewer (in .srt/.vtt, consecutive cues of one speaker form one turn);
- every orientation row points at an existing respondent (even) turn, valid value, sorted, no dupes;
- every identifier occurs verbatim in its document, with a valid type;
- styles.csv has exactly the six ids with a valid style and a rationale;
- word counts (spoken text, labels/timings excluded) are within 1,500-2,600.
Usage: python3 check.py
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, "transcripts")
IDS = ["br01", "br02", "br03", "br04", "br05", "br06"]
# doc -> (file, interviewer label, respondent label)
LABELS = {
    "br01": ("br01.txt", "Interviewer", "Respondent"),
    "br02": ("br02.docx", "Interviewer", "Marieke"),
    "br03": ("br03.srt", "Spreker 1", "Spreker 2"),
    "br04": ("br04.txt", "I", "R"),
    "br05": ("br05.vtt", "Interviewer", "Sevda"),
    "br06": ("br06.txt", "INT", "HL"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
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
    lines = []
    for p in root.iter(ns + "p"):
        lines.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return lines


def turns_from_lines(lines, il, ir):
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + re.escape(il) + "|" + re.escape(ir) + r"):\s*(.*)$")
    turns = []
    for line in lines:
        m = pat.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns and line.strip():
            turns[-1][1] += " " + line.strip()
    return turns


def turns_from_cues(text, fmt, il, ir):
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    cues = []
    for b in blocks:
        ls = b.splitlines()
        if fmt == "vtt" and (ls[0].startswith("WEBVTT") or ls[0].startswith("NOTE")):
            continue
        ti = next((i for i, l in enumerate(ls) if "-->" in l), None)
        if ti is None:
            err(f"{fmt}: block without timing: {b[:40]!r}")
            continue
        body = " ".join(ls[ti + 1:]).strip()
        if fmt == "vtt":
            m = re.match(r"<v ([^>]+)>(.*?)(?:</v>)?$", body)
        else:
            m = re.match(r"([^:]{1,30}):\s*(.*)$", body)
        if not m or m.group(1) not in (il, ir):
            err(f"{fmt}: cue without known speaker: {body[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    turns = []
    for sp, t in cues:
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + t
        else:
            turns.append([sp, t])
    return turns


def load(doc):
    fn, il, ir = LABELS[doc]
    path = os.path.join(TDIR, fn)
    if not os.path.exists(path):
        err(f"{doc}: missing {fn}")
        return "", []
    if fn.endswith(".docx"):
        lines = docx_lines(path)
        return "\n".join(lines), turns_from_lines(lines, il, ir)
    text = read_text(path)
    if fn.endswith(".srt"):
        return text, turns_from_cues(text, "srt", il, ir)
    if fn.endswith(".vtt"):
        return text, turns_from_cues(text, "vtt", il, ir)
    return text, turns_from_lines(text.splitlines(), il, ir)


def main():
    full, nturns = {}, {}
    print(f"{'doc':5} {'file':10} {'turns':>5} {'resp':>4} {'words':>6}")
    for doc in IDS:
        text, turns = load(doc)
        full[doc] = text
        nturns[doc] = len(turns)
        il, ir = LABELS[doc][1], LABELS[doc][2]
        if not turns:
            err(f"{doc}: no turns parsed")
            continue
        for i, (sp, t) in enumerate(turns, 1):
            exp = il if i % 2 == 1 else ir
            if sp != exp:
                err(f"{doc}: turn {i} by {sp!r}, expected {exp!r}")
            if not t.strip():
                err(f"{doc}: turn {i} empty")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words outside 1500-2600")
        print(f"{doc:5} {LABELS[doc][0]:10} {len(turns):5d} {len(turns)//2:4d} {words:6d}")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = [r["doc_id"] for r in rows]
    if sorted(got) != IDS:
        err(f"styles.csv ids {got}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: no rationale for {r['doc_id']}")
    counts = {s: sum(1 for r in rows if r["style"] == s) for s in STYLES}

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if d not in IDS:
            err(f"orientation: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            err(f"orientation: bad value {r}")
        if ti % 2 != 0 or ti < 2 or ti > nturns[d]:
            err(f"orientation: {d} turn {ti} is not a respondent turn (doc has {nturns[d]} turns)")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        d = r["doc_id"]
        if d not in IDS:
            err(f"identifiers: unknown doc {d}")
            continue
        if r["type"] not in TYPES:
            err(f"identifiers: bad type {r}")
        if r["identifier"] not in full[d]:
            err(f"identifiers: {d} {r['identifier']!r} not found verbatim")
    for d in IDS:
        if not any(r["doc_id"] == d for r in irows):
            err(f"identifiers: none for {d}")

    print("styles:", counts, "| orientation rows:", len(orows), "| identifier rows:", len(irows))
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
