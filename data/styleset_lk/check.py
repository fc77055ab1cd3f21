"""Check the built setLK transcripts and csv files (standard library only).

Usage:  python3 check.py        prints OK, or the problems and exits with status 1.
It parses the built transcripts in transcripts/ (not the annotated sources in src/).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOC_IDS = ["lk01", "lk02", "lk03", "lk04", "lk05", "lk06"]
# speaker labels per document: (interviewer, respondent)
LABELS = {
    "lk01": ("I", "R"),
    "lk02": ("Interviewer", "Roel Kicken"),
    "lk03": ("Interviewer", "Yvonne"),
    "lk04": ("I", "R"),
    "lk05": ("Spreker 1", "Spreker 2"),
    "lk06": ("Interviewer", "Carla Mertens-Hamers"),
}
WANT_MIX = {"casusgericht": 1, "netwerkgericht": 2, "onbepaald": 3}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
WORDS = (1500, 2600)
RTURNS = (10, 45)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode(data, doc_id):
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem("%s: not readable as UTF-8 or Windows-1252" % doc_id)
        return data.decode("utf-8", "replace"), "?"


def label_re(doc_id):
    i, r = LABELS[doc_id]
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?(%s|%s):\s+(.*)$" % (re.escape(i), re.escape(r)))


def lines_to_turns(doc_id, lines):
    """Turns from labelled lines; lines before the first turn are the header."""
    rx = label_re(doc_id)
    turns, header = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + line
        else:
            header.append(line)
    for h in header:
        if re.match(r"^[A-Z][\w .'-]{0,30}:\s", h) and not re.match(
                r"^(Respondent|Datum|Duur|Afgenomen|Uitgewerkt)\b", h):
            problem("%s: header line looks like a speaker turn: %r" % (doc_id, h[:60]))
    return turns


def parse_txt(doc_id, path):
    text, enc = decode(open(path, "rb").read(), doc_id)
    return text, lines_to_turns(doc_id, text.splitlines())


def parse_docx(doc_id, path):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa
        problem("%s: cannot read docx: %s" % (doc_id, e))
        return "", []
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return "\n".join(paras), lines_to_turns(doc_id, paras)


def to_sec(stamp):
    h, m, s = stamp.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def merge(doc_id, cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def check_times(doc_id, stamps):
    last = -1.0
    for a, b in stamps:
        a, b = to_sec(a), to_sec(b)
        if a < last or b < a:
            problem("%s: cue times not increasing near %.1f s" % (doc_id, a))
            return
        last = b


def parse_vtt(doc_id, path):
    text, _ = decode(open(path, "rb").read(), doc_id)
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem("%s: no WEBVTT signature" % doc_id)
    cues, stamps = [], []
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            continue
        idx = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            problem("%s: vtt block without timing: %r" % (doc_id, b[:40]))
            continue
        a, _, rest = lines[idx].partition("-->")
        stamps.append((a.strip(), rest.split()[0]))
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v(?:\.[^ >]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            problem("%s: cue without voice tag: %r" % (doc_id, body[:40]))
            continue
        spk = m.group(1).strip()
        if spk not in LABELS[doc_id]:
            problem("%s: unknown voice %r" % (doc_id, spk))
        cues.append((spk, re.sub(r"</v>", "", m.group(2)).strip()))
    check_times(doc_id, stamps)
    return text, merge(doc_id, cues)


def parse_srt(doc_id, path):
    text, _ = decode(open(path, "rb").read(), doc_id)
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    cues, stamps, n = [], [], 0
    rx = label_re(doc_id)
    for b in blocks:
        lines = b.splitlines()
        n += 1
        if len(lines) < 3 or lines[0].strip() != str(n) or "-->" not in lines[1]:
            problem("%s: malformed srt cue %d: %r" % (doc_id, n, b[:40]))
            continue
        a, _, c = lines[1].partition("-->")
        stamps.append((a.strip(), c.strip()))
        m = rx.match(" ".join(l.strip() for l in lines[2:]))
        if not m:
            problem("%s: srt cue %d without speaker name" % (doc_id, n))
            continue
        cues.append((m.group(2), m.group(3)))
    check_times(doc_id, stamps)
    return text, merge(doc_id, cues)


PARSERS = {".txt": parse_txt, ".docx": parse_docx, ".vtt": parse_vtt, ".srt": parse_srt}


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem("missing %s" % name)
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem("%s: header should be %s" % (name, ",".join(header)))
        return []
    return rows[1:]


def main():
    docs = {}
    files = sorted(os.listdir(TDIR)) if os.path.isdir(TDIR) else []
    for doc_id in DOC_IDS:
        mine = [f for f in files if os.path.splitext(f)[0] == doc_id]
        if len(mine) != 1:
            problem("%s: expected exactly one transcript, found %s" % (doc_id, mine))
            continue
        ext = os.path.splitext(mine[0])[1]
        if ext not in PARSERS:
            problem("%s: unknown format %s" % (doc_id, ext))
            continue
        text, turns = PARSERS[ext](doc_id, os.path.join(TDIR, mine[0]))
        docs[doc_id] = (text, turns, ext)
        ilab, rlab = LABELS[doc_id]
        if not turns:
            problem("%s: no turns found" % doc_id)
            continue
        for k, (spk, _) in enumerate(turns, 1):
            want = ilab if k % 2 else rlab
            if spk != want:
                problem("%s: turn %d is %r, expected %r (no strict alternation)" % (doc_id, k, spk, want))
                break
        nr = sum(1 for spk, _ in turns if spk == rlab)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem("%s: %d respondent turns (want %d-%d)" % (doc_id, nr, RTURNS[0], RTURNS[1]))
        words = sum(len([w for w in t.split() if re.search(r"\w", w)]) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem("%s: %d spoken words (want %d-%d)" % (doc_id, words, WORDS[0], WORDS[1]))
        low = text.lower()
        for bad in FORBIDDEN:
            if bad in low:
                problem("%s: transcript uses the word %r" % (doc_id, bad))
    if len({d[2] for d in docs.values()}) < 4:
        problem("fewer than four different formats")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            problem("orientation.csv: bad row %r" % r)
            continue
        d, idx, o = r
        if d not in docs:
            problem("orientation.csv: unknown doc %r" % d)
            continue
        if o not in ("casus", "netwerk"):
            problem("orientation.csv: bad orientation %r" % o)
        try:
            idx = int(idx)
        except ValueError:
            problem("orientation.csv: bad turn_index %r" % idx)
            continue
        turns = docs[d][1]
        if not (1 <= idx <= len(turns)) or idx % 2 or turns[idx - 1][0] != LABELS[d][1]:
            problem("orientation.csv: %s turn %d is not a respondent turn" % (d, idx))
        keys.append((d, idx))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), {}
    for r in rows:
        if len(r) != 3:
            problem("identifiers.csv: bad row %r" % r)
            continue
        d, ident, typ = r
        if d not in docs:
            problem("identifiers.csv: unknown doc %r" % d)
            continue
        if typ not in TYPES:
            problem("identifiers.csv: bad type %r" % typ)
        if (d, ident) in seen:
            problem("identifiers.csv: duplicate %s %r" % (d, ident))
        seen.add((d, ident))
        per_doc[d] = per_doc.get(d, 0) + 1
        if ident not in docs[d][0]:
            problem("identifiers.csv: %s %r does not occur verbatim" % (d, ident))
    for d in docs:
        if per_doc.get(d, 0) < 5:
            problem("%s: fewer than 5 identifiers" % d)
    for d in docs:
        for lab in LABELS[d]:
            if not re.match(r"^(I|R|Interviewer|Spreker \d)$", lab) and (d, lab) not in seen:
                problem("identifiers.csv: speaker label %r of %s missing" % (lab, d))

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    styles = {}
    for r in rows:
        if len(r) != 3 or not r[2].strip():
            problem("styles.csv: bad row %r" % r)
            continue
        if r[0] in styles:
            problem("styles.csv: duplicate %s" % r[0])
        styles[r[0]] = (r[1], r[2])
    if sorted(styles) != DOC_IDS:
        problem("styles.csv: docs %s, want %s" % (sorted(styles), DOC_IDS))
    mix = {}
    for s, _ in styles.values():
        mix[s] = mix.get(s, 0) + 1
    if mix != WANT_MIX:
        problem("styles.csv: mix %s, want %s" % (mix, WANT_MIX))
    onb = [r.lower() for s, r in styles.values() if s == "onbepaald"]
    if sum("too little evidence" in r for r in onb) != 1 or sum("mixed" in r for r in onb) != 2:
        problem("styles.csv: onbepaald should be two 'mixed' and one 'too little evidence'")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
