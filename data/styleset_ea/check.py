#!/usr/bin/env python3
"""Stdlib self-check for blind set EA. Reads the transcripts as delivered (not the sources).

Checks: strict interviewer/respondent alternation starting with the interviewer; every
orientation row points at an existing respondent turn; every identifier occurs verbatim in its
document; styles.csv complete and valid; word counts within 1,500-2,600.
Run: python3 check.py   (exit code 0 = OK)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["ea01", "ea02", "ea03", "ea04", "ea05", "ea06"]
# (interviewer label, respondent label) as they appear in each transcript
LABELS = {
    "ea01": ("Ilse", "Gerard"),
    "ea02": ("Spreker 1", "Spreker 2"),
    "ea03": ("Interviewer", "Marloes"),
    "ea04": ("AdB", "JP"),
    "ea05": ("I", "R"),
    "ea06": ("Interviewer", "Ruben"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def find_file(doc_id):
    hits = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc_id]
    if len(hits) != 1:
        err("%s: expected exactly one transcript file, found %r" % (doc_id, hits))
        return None
    return os.path.join(TR, hits[0])


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def label_re(labels):
    alt = "|".join(re.escape(l) for l in labels)
    return re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(%s):\s?(.*)$" % alt, re.S)


def turns_from_lines(lines, labels):
    """Each line/paragraph that starts with a label opens a turn; others are header/continuation."""
    rx = label_re(labels)
    turns = []
    for line in lines:
        m = rx.match(line.strip())
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns and line.strip():
            turns[-1][1] += " " + line.strip()
    return turns


def blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if b.strip()]


def turns_from_srt(text, labels):
    rx = label_re(labels)
    turns = []
    for b in blocks(text):
        lines = b.split("\n")
        if len(lines) < 3 or "-->" not in lines[1]:
            err("srt: malformed block %r" % b[:40])
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + body
        else:
            err("srt: first cue has no speaker label")
    return turns


def turns_from_vtt(text, labels):
    bl = blocks(text)
    if not bl or not bl[0].startswith("WEBVTT"):
        err("vtt: missing WEBVTT header")
    turns = []
    for b in bl[1:]:
        if b.startswith("NOTE"):
            continue
        lines = b.split("\n")
        ti = 0 if "-->" in lines[0] else 1
        if "-->" not in lines[ti]:
            err("vtt: malformed cue %r" % b[:40])
            continue
        body = " ".join(l.strip() for l in lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m or m.group(1) not in labels:
            err("vtt: cue without known voice: %r" % body[:50])
            continue
        spk, txt = m.group(1), re.sub(r"</v>", "", m.group(2))
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def words(text):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def load(doc_id):
    path = find_file(doc_id)
    if not path:
        return None, []
    labels = LABELS[doc_id]
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        return "\n".join(paras), turns_from_lines(paras, labels)
    text = read_text(path)
    if ext == ".srt":
        return text, turns_from_srt(text, labels)
    if ext == ".vtt":
        return text, turns_from_vtt(text, labels)
    return text, turns_from_lines(text.replace("\r\n", "\n").split("\n"), labels)


def main():
    docs = {}
    for doc_id in IDS:
        text, turns = load(doc_id)
        if text is None:
            continue
        il, rl = LABELS[doc_id]
        if not turns:
            err("%s: no turns found" % doc_id)
        for i, (spk, _) in enumerate(turns, 1):
            want = il if i % 2 == 1 else rl
            if spk != want:
                err("%s: turn %d is %r, expected %r (alternation)" % (doc_id, i, spk, want))
                break
        wc = sum(words(t) for _, t in turns)
        if not 1500 <= wc <= 2600:
            err("%s: %d words, outside 1500-2600" % (doc_id, wc))
        docs[doc_id] = (text, turns, wc)

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = [r["doc_id"] for r in rows]
    if sorted(got) != IDS or len(got) != len(set(got)):
        err("styles.csv: doc ids %r" % got)
    for r in rows:
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r for %s" % (r["style"], r["doc_id"]))
        if not r.get("rationale", "").strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as fh:
        orows = list(csv.DictReader(fh))
    keys = []
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            err("orientation.csv: bad orientation %r" % o)
        if d not in docs:
            err("orientation.csv: unknown doc %s" % d)
            continue
        turns = docs[d][1]
        if not 1 <= ti <= len(turns) or ti % 2 != 0 or turns[ti - 1][0] != LABELS[d][1]:
            err("orientation.csv: %s turn %d is not a respondent turn" % (d, ti))
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        err("orientation.csv: not sorted by doc_id, turn_index or has duplicates")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as fh:
        irows = list(csv.DictReader(fh))
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            err("identifiers.csv: bad type %r" % typ)
        if d not in docs:
            err("identifiers.csv: unknown doc %s" % d)
        elif ident not in docs[d][0]:
            err("identifiers.csv: %r not verbatim in %s" % (ident, d))

    # the style words themselves: at least two respondents must never use them
    free = 0
    for d, (_, turns, _) in docs.items():
        resp = " ".join(t for s, t in turns if s == LABELS[d][1]).lower()
        if not re.search(r"casusgericht|netwerkgericht|regiestijl", resp):
            free += 1
    if free < 2:
        err("fewer than two respondents avoid the style labels")

    print("doc   file        words  turns  resp_turns  orient_rows  identifiers")
    for d in IDS:
        if d in docs:
            text, turns, wc = docs[d]
            f = [x for x in os.listdir(TR) if x.startswith(d + ".")][0]
            print("%-5s %-11s %5d  %5d  %10d  %11d  %11d" % (
                d, f, wc, len(turns), len(turns) // 2,
                sum(1 for r in orows if r["doc_id"] == d),
                sum(1 for r in irows if r["doc_id"] == d)))
    if errors:
        print("\nFAILED (%d problems):" % len(errors))
        for e in errors:
            print("  - " + e)
        return 1
    print("\ncheck.py: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
