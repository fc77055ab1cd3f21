"""Stdlib self-check for blind set CI.

Reads the transcripts as delivered (docx via zipfile/XML, srt, vtt, txt in utf-8 or cp1252),
reconstructs speaker turns (consecutive cues of one speaker merged), and verifies:
  - turns strictly alternate interviewer/respondent, starting with the interviewer;
  - every orientation row points at an existing respondent (even) turn, values valid, sorted;
  - every identifier occurs verbatim in its document;
  - styles.csv has exactly the six docs with valid styles and a rationale.
Run: python3 check.py
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = ["ci01", "ci02", "ci03", "ci04", "ci05", "ci06"]
LABELS = {  # doc -> (interviewer label, respondent label)
    "ci01": ("Interviewer", "Gerda"),
    "ci02": ("I", "R"),
    "ci03": ("Spreker 1", "Spreker 2"),
    "ci04": ("Interviewer", "Peter Zwaan"),
    "ci05": ("Interviewer", "Respondent"),
    "ci06": ("MK", "JH"),
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def load(doc_id):
    """Return (full_text, [(speaker_label, text), ...]) with merged turns."""
    files = [f for f in os.listdir(TR) if f.startswith(doc_id + ".")]
    if len(files) != 1:
        err("%s: expected one transcript file, found %s" % (doc_id, files))
        return "", []
    path = os.path.join(TR, files[0])
    ext = files[0].split(".", 1)[1]
    lines = []
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        for p in root.iter(W + "p"):
            lines.append("".join(t.text or "" for t in p.iter(W + "t")))
    elif ext == "txt":
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        lines = text.replace("\r\n", "\n").split("\n")
    elif ext == "srt":
        blocks = open(path, encoding="utf-8").read().strip().split("\n\n")
        for b in blocks:
            bl = b.split("\n")
            if len(bl) < 3 or "-->" not in bl[1]:
                err("%s: bad srt block %r" % (doc_id, b[:40]))
                continue
            lines.append(" ".join(bl[2:]))
    elif ext == "vtt":
        text = open(path, encoding="utf-8").read()
        if not text.startswith("WEBVTT"):
            err("%s: missing WEBVTT header" % doc_id)
        for b in text.strip().split("\n\n")[1:]:
            bl = b.split("\n")
            if len(bl) < 3 or "-->" not in bl[1]:
                err("%s: bad vtt block %r" % (doc_id, b[:40]))
                continue
            m = re.match(r"<v ([^>]+)>(.*)</v>$", " ".join(bl[2:]))
            if not m:
                err("%s: vtt cue without voice tag" % doc_id)
                continue
            lines.append("%s: %s" % (m.group(1), m.group(2)))
    full = "\n".join(lines)
    il, rl = LABELS[doc_id]
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(%s|%s): (.*)$" % (re.escape(il), re.escape(rl)))
    turns = []
    for ln in lines:
        m = pat.match(ln)
        if not m:
            continue
        spk, txt = m.group(1), m.group(2)
        if turns and turns[-1][0] == spk and ext in ("srt", "vtt"):
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return full, turns


def main():
    docs = {}
    for doc_id in IDS:
        full, turns = load(doc_id)
        docs[doc_id] = (full, turns)
        il, rl = LABELS[doc_id]
        if not turns:
            err("%s: no turns" % doc_id)
        for i, (spk, _) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if spk != want:
                err("%s: turn %d is %r, expected %r" % (doc_id, i, spk, want))
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (doc_id, words))
        print("%s: %d turns (%d respondent), %d words" % (doc_id, len(turns), len(turns) // 2, words))

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((d, ti))
        if d not in docs:
            err("orientation: unknown doc %s" % d)
            continue
        if o not in ("casus", "netwerk"):
            err("orientation: bad value %r" % o)
        if ti % 2 or ti < 2 or ti > len(docs[d][1]):
            err("orientation: %s turn %d is not a respondent turn" % (d, ti))
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicates")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        idrows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in idrows:
        if r["type"] not in types:
            err("identifier: bad type %r" % r["type"])
        if r["identifier"] not in docs.get(r["doc_id"], ("", []))[0]:
            err("identifier %r not found verbatim in %s" % (r["identifier"], r["doc_id"]))

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        st = list(csv.DictReader(f))
    if sorted(r["doc_id"] for r in st) != IDS:
        err("styles.csv does not list exactly %s" % IDS)
    for r in st:
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            err("styles.csv: bad style for %s" % r["doc_id"])
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])

    print("orientation rows: %d, identifier rows: %d" % (len(rows), len(idrows)))
    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
