"""Stdlib self-check for blind set DC.

Reads the transcripts as delivered (txt utf-8 / cp1252, srt, vtt, docx), splits them into speaker turns,
and verifies:
  - turns strictly alternate interviewer / respondent, starting with the interviewer;
  - every orientation.csv row points at an existing respondent turn and has a valid label;
  - every identifiers.csv row occurs verbatim in its document;
  - styles.csv is complete (all six ids, valid style, non-empty rationale).
Prints words and respondent turns per document. Exit code 1 on any failure.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["dc01", "dc02", "dc03", "dc04", "dc05", "dc06"]
INTERVIEWER = {"I", "Interviewer", "INTERVIEWER", "Spreker 1"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def fail(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def segments_txt(text):
    segs = []
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(I|R|Interviewer|Respondent|Spreker \d):\s+(.*)$")
    for line in text.splitlines():
        m = pat.match(line)
        if m:
            segs.append((m.group(1), m.group(2)))
    return segs


def segments_srt(text):
    segs = []
    for block in re.split(r"\r?\n\r?\n", text.strip()):
        lines = block.splitlines()
        if len(lines) >= 3 and "-->" in lines[1]:
            body = " ".join(lines[2:])
            m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
            if not m:
                fail("srt cue without speaker: %r" % body[:40])
                continue
            segs.append((m.group(1), m.group(2)))
    return segs


def segments_vtt(text):
    segs = []
    for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", text):
        segs.append((m.group(1), m.group(2)))
    return segs


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            bold = r.find(W + "rPr/" + W + "b") is not None
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            runs.append((bold, t))
        paras.append(runs)
    return paras


def segments_docx(paras):
    segs = []
    for runs in paras:
        if runs and runs[0][0] and runs[0][1].endswith(":"):
            segs.append((runs[0][1][:-1], "".join(t for _, t in runs[1:]).strip()))
    return segs


def load(doc_id):
    for ext in ("txt", "srt", "vtt", "docx"):
        path = os.path.join(TR, doc_id + "." + ext)
        if os.path.exists(path):
            break
    else:
        fail("%s: transcript missing" % doc_id)
        return "", []
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join("".join(t for _, t in runs) for runs in paras)
        return full, segments_docx(paras)
    text = read_text(path)
    if ext == "srt":
        return text, segments_srt(text)
    if ext == "vtt":
        if not text.startswith("WEBVTT"):
            fail("%s: vtt without WEBVTT header" % doc_id)
        return text, segments_vtt(text)
    return text, segments_txt(text)


def turns_of(segs):
    turns = []
    for who, text in segs:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + text)
        else:
            turns.append((who, text))
    return turns


def main():
    docs = {}
    for d in IDS:
        full, segs = load(d)
        turns = turns_of(segs)
        if not turns:
            fail("%s: no turns" % d)
            continue
        speakers = {w for w, _ in turns}
        if len(speakers) != 2:
            fail("%s: expected 2 speakers, got %s" % (d, sorted(speakers)))
        if turns[0][0] not in INTERVIEWER:
            fail("%s: does not start with interviewer (%s)" % (d, turns[0][0]))
        for i, (w, _) in enumerate(turns):
            is_int = w in INTERVIEWER
            if is_int != (i % 2 == 0):
                fail("%s: alternation broken at turn %d" % (d, i + 1))
        docs[d] = (full, turns)

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        fail("orientation.csv not sorted")
    for r in rows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            fail("orientation: bad label %r" % o)
        if d not in docs:
            fail("orientation: unknown doc %s" % d)
            continue
        turns = docs[d][1]
        if not (1 <= ti <= len(turns)) or turns[ti - 1][0] in INTERVIEWER:
            fail("orientation: %s turn %d is not a respondent turn" % (d, ti))

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        idrows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in idrows:
        d = r["doc_id"]
        if r["type"] not in types:
            fail("identifier: bad type %r" % r["type"])
        if d not in docs or r["identifier"] not in docs[d][0]:
            fail("identifier: %r not found verbatim in %s" % (r["identifier"], d))

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        st = {r["doc_id"]: r for r in csv.DictReader(f)}
    for d in IDS:
        if d not in st:
            fail("styles.csv: %s missing" % d)
        elif st[d]["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            fail("styles.csv: %s bad style" % d)
        elif not st[d]["rationale"].strip():
            fail("styles.csv: %s empty rationale" % d)
    if set(st) - set(IDS):
        fail("styles.csv: extra ids %s" % sorted(set(st) - set(IDS)))

    print("doc   turns  resp_turns  words  identifiers  orientation_rows")
    for d in IDS:
        if d not in docs:
            continue
        turns = docs[d][1]
        words = sum(len(t.split()) for _, t in turns)
        print("%-5s %5d  %10d  %5d  %11d  %16d" % (
            d, len(turns), sum(1 for w, _ in turns if w not in INTERVIEWER), words,
            sum(1 for r in idrows if r["doc_id"] == d), sum(1 for r in rows if r["doc_id"] == d)))
    if errors:
        print("\nFAILED:")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
