"""Stdlib self-check for set CN.

Verifies per transcript: speaker turns strictly alternate interviewer/respondent starting with the
interviewer (consecutive subtitle cues of one speaker form one turn); every orientation row points at a
respondent turn; every identifier occurs verbatim in its document; styles.csv is complete and valid.
Also prints word counts (turn text only, labels excluded).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = ["cn01", "cn02", "cn03", "cn04", "cn05", "cn06"]
LABELS = {  # interviewer label, respondent label
    "cn01": ("Interviewer:", "Respondent:"),
    "cn02": ("Interviewer:", "Bas:"),
    "cn03": ("I:", "R:"),
    "cn04": ("Interviewer", "Hendriks"),
    "cn05": ("Spreker 1:", "Spreker 2:"),
    "cn06": ("EvD:", "TK:"),
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def find_file(doc):
    for f in os.listdir(TR):
        if f.startswith(doc + "."):
            return os.path.join(TR, f)
    errors.append("%s: transcript missing" % doc)
    return None


def read_text(path):
    if path.endswith(".docx"):
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        paras = []
        for p in root.iter(W + "p"):
            paras.append("".join(t.text or "" for t in p.iter(W + "t")))
        return "\n".join(paras), paras
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n")
    return text, text.split("\n")


def turns_of(doc, path, lines):
    li, lr = LABELS[doc]
    seq = []  # (speaker, text) per labelled unit
    if path.endswith(".vtt"):
        for ln in lines:
            m = re.match(r"<v ([^>]+)>(.*)$", ln)
            if m:
                seq.append(("I" if m.group(1) == li else "R" if m.group(1) == lr else "?", m.group(2)))
    else:
        for ln in lines:
            s = re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", ln)
            if s.startswith(li + " "):
                seq.append(("I", s[len(li) + 1:]))
            elif s.startswith(lr + " "):
                seq.append(("R", s[len(lr) + 1:]))
    turns = []
    for spk, txt in seq:
        if spk == "?":
            errors.append("%s: unknown speaker label" % doc)
        if turns and turns[-1][0] == spk and path.endswith((".srt", ".vtt")):
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def main():
    info = {}
    for doc in DOCS:
        path = find_file(doc)
        if not path:
            continue
        text, lines = read_text(path)
        turns = turns_of(doc, path, lines)
        for k, (spk, _) in enumerate(turns):
            if spk != ("I" if k % 2 == 0 else "R"):
                errors.append("%s: alternation broken at turn %d" % (doc, k + 1))
        words = sum(len(t.split()) for _, t in turns)
        info[doc] = (os.path.basename(path), text, turns, words)
        if not 1500 <= words <= 2600:
            errors.append("%s: %d words outside 1500-2600" % (doc, words))
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        errors.append("orientation.csv not sorted")
    for r in rows:
        d, k = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append("orientation value %r" % r["orientation"])
        if d not in info or k > len(info[d][2]) or info[d][2][k - 1][0] != "R":
            errors.append("orientation row %s/%d is not a respondent turn" % (d, k))
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["doc_id"] not in info or r["identifier"] not in info[r["doc_id"]][1]:
                errors.append("identifier not verbatim: %s %r" % (r["doc_id"], r["identifier"]))
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        st = {r["doc_id"]: r for r in csv.DictReader(f)}
    for doc in DOCS:
        if doc not in st or st[doc]["style"] not in ("casusgericht", "netwerkgericht", "onbepaald") \
                or not st[doc]["rationale"].strip():
            errors.append("styles.csv incomplete for %s" % doc)
    for doc, (fn, _, turns, words) in info.items():
        print("%s  %-10s words=%d turns=%d respondent_turns=%d style=%s" % (
            doc, fn, words, len(turns), sum(1 for s, _ in turns if s == "R"), st.get(doc, {}).get("style")))
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
