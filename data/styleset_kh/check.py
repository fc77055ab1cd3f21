"""Check the setKH deliverables against the built transcripts (standard library only).

Usage: python check.py      -> prints OK, or the problems and exits with status 1.
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
DOCS = ["kh0%d" % i for i in range(1, 7)]
# the label the interviewer uses in each document (the interviewer speaks first)
INTERVIEWER = {"kh01": "Interviewer", "kh02": "I", "kh03": "Daan Mulder",
               "kh04": "Karim", "kh05": "Spreker 1", "kh06": "Jorien"}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?([^:\[\]<>]{1,40}?):\s+(.*)$", re.S)
TIME = re.compile(r"^\d\d:\d\d:\d\d[,.]\d\d\d --> \d\d:\d\d:\d\d[,.]\d\d\d")

problems = []


def bad(msg):
    problems.append(msg)


def decode(data, name):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        bad("%s: neither UTF-8 nor Windows-1252" % name)
        return data.decode("latin-1"), "latin-1"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def labelled_turns(units, name):
    """units: paragraphs / lines / cue texts. Returns (turns, fulltext)."""
    counts = collections.Counter()
    for u in units:
        m = LABEL.match(u.strip())
        if m:
            counts[m.group(2)] += 1
    speakers = [lab for lab, n in counts.most_common(2) if n >= 3]
    if len(speakers) != 2:
        bad("%s: could not find two speaker labels (%s)" % (name, dict(counts)))
        return []
    turns = []
    for u in units:
        u = u.strip()
        if not u:
            continue
        m = LABEL.match(u)
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + u          # continuation (e.g. next subtitle cue)
        # else: header line before the first turn
    return turns


def vtt_turns(text, name):
    lines = text.splitlines()
    if not lines or lines[0].strip() != "WEBVTT":
        bad("%s: does not start with WEBVTT" % name)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    turns = []
    for b in blocks:
        bl = b.strip().split("\n")
        if not bl or bl[0].startswith("WEBVTT") or bl[0].startswith("NOTE"):
            continue
        i = 0
        if not TIME.match(bl[0]):
            i = 1                              # optional cue identifier
        if i >= len(bl) or not TIME.match(bl[i]):
            bad("%s: malformed cue %r" % (name, b[:40]))
            continue
        payload = " ".join(bl[i + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", payload)
        if not m:
            bad("%s: cue without voice tag %r" % (name, payload[:40]))
            continue
        who, said = m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2))
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def srt_units(text, name):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    units, expect = [], 1
    for b in blocks:
        bl = b.strip().split("\n")
        if len(bl) < 3 or not bl[0].strip().isdigit() or not TIME.match(bl[1]):
            bad("%s: malformed srt cue %r" % (name, b[:40]))
            continue
        if int(bl[0]) != expect:
            bad("%s: cue number %s, expected %d" % (name, bl[0], expect))
        expect = int(bl[0]) + 1
        units.append(" ".join(x.strip() for x in bl[2:]))
    return units


def load(doc):
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc]
    if len(files) != 1:
        bad("%s: expected one transcript, found %s" % (doc, files))
        return None
    path = os.path.join(TDIR, files[0])
    ext = files[0].split(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        turns = labelled_turns(paras, doc)
        enc = "docx"
    else:
        raw = open(path, "rb").read()
        full, enc = decode(raw, doc)
        if b"\r\n" in raw and raw.count(b"\n") != raw.count(b"\r\n"):
            bad("%s: mixed line endings" % doc)
        if ext == "txt":
            turns = labelled_turns(full.splitlines(), doc)
        elif ext == "srt":
            turns = labelled_turns(srt_units(full, doc), doc)
        elif ext == "vtt":
            turns = vtt_turns(full, doc)
        else:
            bad("%s: unknown format %s" % (doc, ext))
            return None
    return {"ext": ext, "enc": enc, "full": full, "turns": turns}


def main():
    data = {}
    for doc in DOCS:
        d = load(doc)
        if not d:
            continue
        data[doc] = d
        turns = d["turns"]
        speakers = {t[0] for t in turns}
        if len(speakers) != 2:
            bad("%s: %d speakers %s" % (doc, len(speakers), sorted(speakers)))
        if not turns or turns[0][0] != INTERVIEWER[doc]:
            bad("%s: first turn is not the interviewer (%s)" % (doc, turns[0][0] if turns else None))
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                bad("%s: turns %d and %d by the same speaker" % (doc, i, i + 1))
        words = sum(len(t[1].split()) for t in turns)
        nresp = sum(1 for t in turns if t[0] != INTERVIEWER[doc])
        d["words"], d["nresp"] = words, nresp
        if not 1500 <= words <= 2600:
            bad("%s: %d spoken words (need 1500-2600)" % (doc, words))
        if not 10 <= nresp <= 45:
            bad("%s: %d respondent turns (need 10-45)" % (doc, nresp))
    exts = {d["ext"] for d in data.values()}
    if len(exts) < 4:
        bad("only %d different formats: %s" % (len(exts), sorted(exts)))

    # styles.csv
    rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != DOCS or len(rows) != len(DOCS):
        bad("styles.csv: doc ids %s" % [r["doc_id"] for r in rows])
    mix = collections.Counter(r["style"] for r in rows)
    if dict(mix) != WANTED_MIX:
        bad("styles.csv: mix %s, wanted %s" % (dict(mix), WANTED_MIX))
    kinds = collections.Counter()
    for r in rows:
        rat = r.get("rationale", "").strip()
        if not rat:
            bad("styles.csv: %s without rationale" % r["doc_id"])
        if re.search(r"[.!?]\s+[A-Z]", rat):
            bad("styles.csv: %s rationale is more than one sentence" % r["doc_id"])
        if r["style"] == "onbepaald":
            low = rat.lower()
            k = "mixed" if "mixed" in low else "too little evidence" if "too little evidence" in low else None
            if not k:
                bad("styles.csv: %s onbepaald without kind" % r["doc_id"])
            kinds[k] += 1
    if kinds != collections.Counter({"mixed": 1, "too little evidence": 1}):
        bad("styles.csv: onbepaald kinds %s" % dict(kinds))

    # orientation.csv
    rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    keys = []
    for r in rows:
        doc, idx, o = r["doc_id"], r["turn_index"], r["orientation"]
        if doc not in data or not idx.isdigit():
            bad("orientation.csv: bad row %s" % r)
            continue
        idx = int(idx)
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            bad("orientation.csv: bad orientation %s" % r)
        turns = data[doc]["turns"]
        if idx % 2 or idx < 2 or idx > len(turns) or turns[idx - 1][0] == INTERVIEWER[doc]:
            bad("orientation.csv: %s turn %d is not a respondent turn" % (doc, idx))
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        bad("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    per = collections.Counter()
    seen = set()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if doc not in data:
            bad("identifiers.csv: unknown doc %s" % doc)
            continue
        if typ not in TYPES:
            bad("identifiers.csv: bad type %s" % r)
        if (doc, ident) in seen:
            bad("identifiers.csv: duplicate %s %r" % (doc, ident))
        seen.add((doc, ident))
        per[doc] += 1
        if ident not in data[doc]["full"]:
            bad("identifiers.csv: %s %r not found verbatim" % (doc, ident))
    for doc in DOCS:
        if per[doc] < 5:
            bad("identifiers.csv: %s has only %d identifiers" % (doc, per[doc]))

    for doc in DOCS:
        if doc in data:
            d = data[doc]
            print("%s  %-4s %-6s words=%4d respondent_turns=%2d identifiers=%2d" % (
                doc, d["ext"], d["enc"], d["words"], d["nresp"], per[doc]), file=sys.stderr)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
