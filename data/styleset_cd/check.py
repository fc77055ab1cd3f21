"""Stdlib self-check for set CD.

Parses the transcripts themselves (not the sources; only the speaker labels and the
encoding are taken from the %-lines of src/<id>.src) and verifies:
  - turns strictly alternate interviewer / respondent, starting with the interviewer;
  - every orientation row points at an existing respondent turn, values casus/netwerk, sorted;
  - every identifier occurs verbatim in its document;
  - styles.csv has exactly the six documents with a valid style and a rationale.
Run: python3 check.py
"""
import csv
import os
import re
import sys
import zipfile
from html import unescape

ROOT = os.path.dirname(os.path.abspath(__file__))
IDS = ["cd01", "cd02", "cd03", "cd04", "cd05", "cd06"]
errors = []


def meta(doc_id):
    m = {}
    with open(os.path.join(ROOT, "src", doc_id + ".src"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("%") and not line.startswith("%header"):
                k, _, v = line[1:].strip().partition(" ")
                m[k] = v
    return m


def find_file(doc_id):
    for f in os.listdir(os.path.join(ROOT, "transcripts")):
        if f.split(".")[0] == doc_id:
            return os.path.join(ROOT, "transcripts", f)
    raise SystemExit(f"no transcript for {doc_id}")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(unescape("".join(texts)))
    return paras


def load(doc_id):
    """Return (full text, list of (speaker 'I'/'R', text))."""
    m = meta(doc_id)
    labels = {m["label_i"]: "I", m["label_r"]: "R"}
    path = find_file(doc_id)
    ext = path.rsplit(".", 1)[1]
    units = []  # (label, text) in document order; consecutive same-label units are one turn
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            mm = re.match(r"^(.{1,20}?): (.*)$", p, flags=re.S)
            if mm and mm.group(1) in labels:
                units.append((mm.group(1), mm.group(2)))
    else:
        enc = m.get("encoding", "utf-8")
        with open(path, encoding=enc) as fh:
            full = fh.read()
        if ext in ("srt", "vtt"):
            blocks = re.split(r"\n\s*\n", full.strip())
            for b in blocks:
                lines = b.splitlines()
                idx = [i for i, l in enumerate(lines) if "-->" in l]
                if not idx:
                    continue
                text = " ".join(lines[idx[0] + 1:])
                if ext == "vtt":
                    mm = re.match(r"^<v ([^>]+)>(.*)$", text)
                else:
                    mm = re.match(r"^(.{1,20}?): (.*)$", text)
                if not mm or mm.group(1) not in labels:
                    errors.append(f"{doc_id}: cue without known speaker: {text[:50]!r}")
                    continue
                units.append((mm.group(1), mm.group(2)))
        else:
            for line in full.splitlines():
                mm = re.match(r"^(?:\[\d\d:\d\d:\d\d\] )?(.{1,20}?): (.*)$", line)
                if mm and mm.group(1) in labels:
                    units.append((mm.group(1), mm.group(2)))
                elif line.strip() and units:
                    units[-1] = (units[-1][0], units[-1][1] + " " + line.strip())
    turns = []
    for lab, text in units:
        spk = labels[lab]
        if turns and turns[-1][0] == spk and ext in ("srt", "vtt"):
            turns[-1] = (spk, turns[-1][1] + " " + text)
        else:
            turns.append((spk, text))
    return full, turns


def main():
    docs = {}
    for doc_id in IDS:
        full, turns = load(doc_id)
        docs[doc_id] = (full, turns)
        for i, (spk, _) in enumerate(turns, 1):
            want = "I" if i % 2 == 1 else "R"
            if spk != want:
                errors.append(f"{doc_id}: turn {i} is {spk}, expected {want}")
                break
        words = sum(len(t.split()) for _, t in turns)
        print(f"{doc_id}: {len(turns)} turns, {sum(1 for s, _ in turns if s == 'R')} respondent turns, {words} words")
        if not 1500 <= words <= 2600:
            errors.append(f"{doc_id}: word count {words} outside 1500-2600")

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys, key=lambda k: (IDS.index(k[0]), k[1])):
        errors.append("orientation.csv not sorted by doc_id, turn_index")
    for r in rows:
        d, t = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            errors.append(f"orientation: unknown doc {d}")
            continue
        turns = docs[d][1]
        if not (1 <= t <= len(turns)) or turns[t - 1][0] != "R":
            errors.append(f"orientation: {d} turn {t} is not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append(f"orientation: bad value {r['orientation']}")

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as fh:
        idrows = list(csv.DictReader(fh))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in idrows:
        if r["type"] not in types:
            errors.append(f"identifiers: bad type {r['type']}")
        if r["identifier"] not in docs[r["doc_id"]][0]:
            errors.append(f"identifiers: {r['doc_id']} lacks {r['identifier']!r}")
    print(f"identifiers: {len(idrows)} rows; orientation: {len(rows)} rows")

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as fh:
        srows = list(csv.DictReader(fh))
    if sorted(r["doc_id"] for r in srows) != IDS:
        errors.append("styles.csv does not list exactly the six documents")
    for r in srows:
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            errors.append(f"styles: bad style {r['style']}")
        if not r["rationale"].strip():
            errors.append(f"styles: empty rationale for {r['doc_id']}")

    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
