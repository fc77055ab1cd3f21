"""Stdlib self-check for blind set Z.

Parses every transcript independently of src/build.py and verifies:
  - turns strictly alternate interviewer / respondent, starting with the interviewer;
  - every orientation.csv row points at a respondent (even) turn that exists, with a valid label;
  - every identifiers.csv row occurs verbatim in its document;
  - styles.csv has exactly the six documents with a valid style.
Prints word counts and respondent-turn counts. Exit code 1 on any failure.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = ["bz01", "bz02", "bz03", "bz04", "bz05", "bz06"]
LABELS = {  # interviewer label, respondent label as they appear in the files
    "bz01": ("Interviewer", "Hanneke"),
    "bz02": ("Interviewer", "Orlando Pinas"),
    "bz03": ("I", "R"),
    "bz04": ("Lotte Verhoef", "Ruud Hoekstra"),
    "bz05": ("Spreker 1", "Spreker 2"),
    "bz06": ("Joost", "Fatima"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def label_re(doc):
    i, r = LABELS[doc]
    return re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(%s|%s): (.*)$" % (re.escape(i), re.escape(r)))


def turns_from_lines(doc, lines):
    rx = label_re(doc)
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            spk = "I" if m.group(1) == LABELS[doc][0] else "R"
            if turns and turns[-1][0] == spk:
                turns[-1][1] += " " + m.group(2)
                errors.append(f"{doc}: two consecutive labelled turns by {spk}")
            else:
                turns.append([spk, m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
    return turns


def parse(doc):
    files = [f for f in os.listdir(TR) if f.startswith(doc + ".")]
    if len(files) != 1:
        errors.append(f"{doc}: expected one transcript, found {files}")
        return "", []
    path = os.path.join(TR, files[0])
    ext = files[0].split(".", 1)[1]
    if ext == "docx":
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]
        full = "\n".join(paras)
        return full, turns_from_lines(doc, paras)
    full = read_text(path)
    if ext == "srt":
        cues = []
        for block in re.split(r"\r?\n\r?\n", full.strip()):
            ls = block.splitlines()
            if len(ls) >= 3 and "-->" in ls[1]:
                cues.append(" ".join(ls[2:]))
        return full, turns_from_lines(doc, cues)
    if ext == "vtt":
        turns = []
        for m in re.finditer(r"<v ([^>]+)>(.*?)</v>", full):
            spk = "I" if m.group(1) == LABELS[doc][0] else "R" if m.group(1) == LABELS[doc][1] else None
            if spk is None:
                errors.append(f"{doc}: unknown voice {m.group(1)}")
                continue
            if turns and turns[-1][0] == spk:
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([spk, m.group(2)])
        return full, turns
    return full, turns_from_lines(doc, full.splitlines())


def main():
    texts, counts = {}, {}
    for doc in DOCS:
        full, turns = parse(doc)
        texts[doc] = full
        for k, (spk, _) in enumerate(turns, 1):
            want = "I" if k % 2 else "R"
            if spk != want:
                errors.append(f"{doc}: turn {k} is {spk}, expected {want}")
                break
        words = sum(len(t.split()) for _, t in turns)
        counts[doc] = (len(turns), sum(1 for s, _ in turns if s == "R"), words)
        if not 1500 <= words <= 2600:
            errors.append(f"{doc}: {words} words outside 1500-2600")
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        errors.append("orientation.csv not sorted")
    for r in rows:
        doc, k = r["doc_id"], int(r["turn_index"])
        if doc not in counts or k > counts[doc][0] or k % 2:
            errors.append(f"orientation row {doc},{k} does not point at a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append(f"orientation row {doc},{k} has label {r['orientation']}")
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as fh:
        ids = list(csv.DictReader(fh))
    for r in ids:
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            errors.append(f"identifier not found verbatim: {r['doc_id']} {r['identifier']!r}")
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as fh:
        st = list(csv.DictReader(fh))
    if sorted(r["doc_id"] for r in st) != DOCS:
        errors.append("styles.csv does not list exactly the six documents")
    for r in st:
        if r["style"] not in STYLES or not r["rationale"].strip():
            errors.append(f"styles.csv bad row for {r['doc_id']}")
    for doc in DOCS:
        n, rt, w = counts[doc]
        print(f"{doc}: {n} turns, {rt} respondent turns, {w} words")
    print(f"{len(rows)} orientation rows, {len(ids)} identifiers, {len(st)} styles")
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
