#!/usr/bin/env python3
"""Stdlib self-check for setEB.

Checks: every transcript parses into turns that strictly alternate interviewer/respondent
(starting with the interviewer; subtitle cues of one speaker in a row are merged into one
turn), cue timings are well-formed and increasing, every orientation row points at a
respondent turn, every identifier occurs verbatim in its document, styles.csv is complete,
and spoken word counts lie within 1,500-2,600.
Usage: python3 check.py
"""
import csv
import html
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["eb01", "eb02", "eb03", "eb04", "eb05", "eb06"]
LABELS = {  # doc_id: (interviewer label, respondent label)
    "eb01": ("Interviewer", "Respondent"),
    "eb02": ("Interviewer", "Femke"),
    "eb03": ("I", "R"),
    "eb04": ("Spreker 1", "Spreker 2"),
    "eb05": ("Interviewer", "Ger"),
    "eb06": ("Interviewer", "Ilse"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def find_file(doc_id):
    hits = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(hits) != 1:
        err(f"{doc_id}: expected exactly one transcript file, found {hits}")
        return None
    return os.path.join(TR, hits[0])


def decode(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def raw_text(path):
    if path.endswith(".docx"):
        return "\n".join(docx_paragraphs(path))
    return decode(open(path, "rb").read())


def label_re(doc_id):
    i, r = LABELS[doc_id]
    return re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(" + re.escape(i) + "|" + re.escape(r) + r"):\s+(.*)$")


def who(doc_id, label):
    return "I" if label == LABELS[doc_id][0] else "R"


def parse_lines(doc_id, lines):
    rx = label_re(doc_id)
    turns, started = [], False
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = rx.match(ln)
        if m:
            started = True
            turns.append([who(doc_id, m.group(1)), m.group(2)])
        elif started:
            err(f"{doc_id}: unlabelled text after first turn: {ln[:60]!r}")
    return turns


def to_sec(t):
    h, m, rest = t.split(":")
    s, ms = re.split(r"[.,]", rest)
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse_cues(doc_id, text, vtt):
    sep = r"\." if vtt else ","
    trx = re.compile(r"^(\d\d:\d\d:\d\d" + sep + r"\d\d\d) --> (\d\d:\d\d:\d\d" + sep + r"\d\d\d)$")
    blocks = [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if b.strip()]
    if vtt:
        if not blocks or not blocks[0].startswith("WEBVTT"):
            err(f"{doc_id}: missing WEBVTT header")
            return []
        blocks = blocks[1:]
    i_lab, r_lab = LABELS[doc_id]
    if vtt:
        srx = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$", re.S)
    else:
        srx = re.compile(r"^(" + re.escape(i_lab) + "|" + re.escape(r_lab) + r"):\s+(.*)$", re.S)
    turns, last_end, n = [], -1.0, 0
    for b in blocks:
        lines = b.split("\n")
        if vtt and lines[0].startswith("NOTE"):
            continue
        if not vtt:
            n += 1
            if lines[0].strip() != str(n):
                err(f"{doc_id}: srt cue number {lines[0]!r}, expected {n}")
            lines = lines[1:]
        m = trx.match(lines[0].strip())
        if not m:
            err(f"{doc_id}: bad timing line {lines[0]!r}")
            continue
        a, e = to_sec(m.group(1)), to_sec(m.group(2))
        if not (a < e and a >= last_end):
            err(f"{doc_id}: cue timing not increasing at {lines[0]!r}")
        last_end = e
        body = " ".join(l.strip() for l in lines[1:])
        sm = srx.match(body)
        if not sm or sm.group(1) not in (i_lab, r_lab):
            err(f"{doc_id}: cue without known speaker: {body[:60]!r}")
            continue
        sp = who(doc_id, sm.group(1))
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + sm.group(2)
        else:
            turns.append([sp, sm.group(2)])
    return turns


def parse(doc_id, path):
    if path.endswith(".docx"):
        return parse_lines(doc_id, docx_paragraphs(path))
    text = raw_text(path)
    if path.endswith(".srt"):
        return parse_cues(doc_id, text, vtt=False)
    if path.endswith(".vtt"):
        return parse_cues(doc_id, text, vtt=True)
    return parse_lines(doc_id, text.splitlines())


def main():
    turns_by_doc, text_by_doc, rows = {}, {}, []
    for d in IDS:
        path = find_file(d)
        if not path:
            continue
        turns = parse(d, path)
        text_by_doc[d] = raw_text(path)
        turns_by_doc[d] = turns
        if not turns:
            err(f"{d}: no turns parsed")
            continue
        for i, (sp, _) in enumerate(turns):
            if sp != ("I" if i % 2 == 0 else "R"):
                err(f"{d}: alternation broken at turn {i + 1}")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} spoken words, outside 1500-2600")
        rows.append((d, os.path.basename(path), words, sum(1 for s, _ in turns if s == "R"), len(turns)))

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        st = list(csv.DictReader(f))
    got = [r["doc_id"] for r in st]
    if sorted(got) != IDS:
        err(f"styles.csv ids {got} != {IDS}")
    for r in st:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    mix = sorted(r["style"] for r in st)
    if mix != sorted(["casusgericht"] * 2 + ["netwerkgericht"] * 2 + ["onbepaald"] * 2):
        err(f"styles.csv: style mix {mix} is not 2/2/2")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o!r}")
        turns = turns_by_doc.get(d)
        if turns is None:
            err(f"orientation.csv: unknown doc {d}")
            continue
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        d = r["doc_id"]
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if d not in text_by_doc:
            err(f"identifiers.csv: unknown doc {d}")
        elif r["identifier"] not in text_by_doc[d]:
            err(f"identifiers.csv: {d}: {r['identifier']!r} not verbatim in document")
    for d in IDS:
        if not any(r["doc_id"] == d for r in irows):
            err(f"identifiers.csv: no identifiers for {d}")

    print(f"{'doc':6} {'file':10} {'words':>6} {'resp_turns':>10} {'turns':>6}")
    for d, fn, w, rt, t in rows:
        print(f"{d:6} {fn:10} {w:>6} {rt:>10} {t:>6}")
    print(f"orientation rows: {len(orows)}, identifier rows: {len(irows)}")
    if errors:
        print("FAILED")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
