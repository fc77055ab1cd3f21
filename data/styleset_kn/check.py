"""Check setKN: parses the BUILT transcripts (not the sources). Standard library only.

Usage: python3 check.py            prints OK or the problems (exit 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
# interviewer label per document (the respondent is the only other speaker)
INTERVIEWER = {"kn01": "Esther", "kn02": "Marloes Tjon", "kn03": "I",
               "kn04": "Joost", "kn05": "Spreker 1", "kn06": "Interviewer"}
META_KEYS = {"Datum", "Datum opname", "Respondent", "Duur", "Interviewer",
             "Locatie", "Sprekers"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker",
             "meer van de casus"]
WORD_MIN, WORD_MAX = 1500, 2600
RESP_MIN, RESP_MAX = 10, 45

problems = []


def prob(msg):
    problems.append(msg)


# ------------------------------------------------------------- readers
def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            bold = False
            rpr = r.find(W + "rPr")
            if rpr is not None and rpr.find(W + "b") is not None:
                b = rpr.find(W + "b")
                bold = b.get(W + "val") not in ("0", "false")
            txt = "".join(t.text or "" for t in r.iter(W + "t"))
            runs.append((txt, bold))
        paras.append(("".join(t for t, _ in runs), runs))
    return paras


LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([A-Z][\w .'-]{0,30}?):\s+(\S.*)$")


def turns_from_lines(doc, lines, speakers):
    """Generic: lines with 'Label: text'; header lines before the first turn."""
    turns = []
    header = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3)])
        elif turns:
            if m and m.group(2) not in META_KEYS:
                prob("%s: line looks like a turn of unknown speaker %r" % (doc, m.group(2)))
            turns[-1][1] += " " + s
        else:
            header.append(s)
            if m and m.group(2) not in META_KEYS:
                prob("%s: header line looks like a speaker turn: %r" % (doc, s[:60]))
    return header, turns


def parse_vtt(doc, text):
    if not text.startswith("WEBVTT"):
        prob("%s: missing WEBVTT signature" % doc)
    blocks = re.split(r"\r?\n\r?\n", text.strip())
    turns = []
    header = []
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            header += lines[1:]
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            prob("%s: vtt block without timing: %r" % (doc, b[:40]))
            continue
        body = " ".join(lines[ti[0] + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            prob("%s: vtt cue without voice tag: %r" % (doc, body[:40]))
            continue
        spk, txt = m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return header, turns


def parse_srt(doc, text):
    blocks = re.split(r"\r?\n\r?\n", text.strip())
    turns = []
    for n, b in enumerate(blocks, start=1):
        lines = b.splitlines()
        if len(lines) < 3 or lines[0].strip() != str(n) or "-->" not in lines[1]:
            prob("%s: malformed srt cue %d" % (doc, n))
            continue
        body = " ".join(lines[2:])
        m = re.match(r"^([A-Z][\w .'-]{0,30}?):\s+(.*)$", body)
        if not m:
            prob("%s: srt cue %d without 'Name:'" % (doc, n))
            continue
        spk, txt = m.group(1), m.group(2)
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return [], turns


def respondent_candidates(labels, ilab):
    """The respondent is the most frequent other label (seen at least 5 times)."""
    return [c for c in sorted(labels, key=lambda k: -labels[k])
            if c != ilab and labels[c] >= 5]


def load(doc, path):
    ext = os.path.splitext(path)[1].lower()
    ilab = INTERVIEWER[doc]
    if ext == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(p for p, _ in paras)
        labels = {}
        for p, _ in paras:
            m = LABEL.match(p.strip())
            if m:
                labels[m.group(2)] = labels.get(m.group(2), 0) + 1
        others = respondent_candidates(labels, ilab)
        speakers = {ilab} | ({others[0]} if others else set())
        header, turns = turns_from_lines(doc, [p for p, _ in paras], speakers)
        enc = "docx"
    else:
        text, enc = read_text(path)
        if text is None:
            prob("%s: not readable as utf-8 or cp1252" % doc)
            return None, []
        full = text
        if ext == ".vtt":
            header, turns = parse_vtt(doc, text)
        elif ext == ".srt":
            header, turns = parse_srt(doc, text)
        elif ext == ".txt":
            labels = {}
            for ln in text.splitlines():
                m = LABEL.match(ln.strip())
                if m:
                    labels[m.group(2)] = labels.get(m.group(2), 0) + 1
            others = respondent_candidates(labels, ilab)
            speakers = {ilab} | ({others[0]} if others else set())
            header, turns = turns_from_lines(doc, text.splitlines(), speakers)
        else:
            prob("%s: unknown format %s" % (doc, ext))
            return None, []
    return (full, enc, ext), turns


# ------------------------------------------------------------- main checks
def main():
    styles = {}
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        if next(r) != ["doc_id", "style", "rationale"]:
            prob("styles.csv: bad header")
        for row in r:
            if len(row) != 3:
                prob("styles.csv: bad row %r" % row)
                continue
            if row[0] in styles:
                prob("styles.csv: duplicate %s" % row[0])
            styles[row[0]] = (row[1], row[2])
    docs = ["kn%02d" % i for i in range(1, 7)]
    if sorted(styles) != docs:
        prob("styles.csv: expected docs %s, got %s" % (docs, sorted(styles)))
    mix = {}
    for d, (s, rat) in styles.items():
        if s not in WANT_MIX:
            prob("styles.csv: %s bad style %r" % (d, s))
        mix[s] = mix.get(s, 0) + 1
        if not rat.strip():
            prob("styles.csv: %s empty rationale" % d)
        if s == "onbepaald" and not re.search(r"(?i)mixed|too little evidence", rat):
            prob("styles.csv: %s onbepaald rationale must say which kind" % d)
    if mix != WANT_MIX:
        prob("styles.csv: mix %r != %r" % (mix, WANT_MIX))
    kinds = [re.search(r"(?i)mixed|too little evidence", styles[d][1]).group(0).lower()
             for d in styles if styles[d][0] == "onbepaald"
             and re.search(r"(?i)mixed|too little evidence", styles[d][1])]
    if sorted(kinds) != ["mixed", "too little evidence"]:
        prob("styles.csv: onbepaald kinds should be one mixed and one too little evidence, got %r" % kinds)

    files = {}
    for fn in sorted(os.listdir(TR)):
        d = os.path.splitext(fn)[0]
        files.setdefault(d, []).append(os.path.join(TR, fn))
    info = {}
    exts = set()
    for d in docs:
        fl = files.get(d, [])
        if len(fl) != 1:
            prob("%s: expected exactly one transcript, found %d" % (d, len(fl)))
            continue
        meta, turns = load(d, fl[0])
        if meta is None:
            continue
        full, enc, ext = meta
        exts.add(ext)
        ilab = INTERVIEWER[d]
        spk = []
        for t in turns:
            if t[0] not in spk:
                spk.append(t[0])
        if len(spk) != 2:
            prob("%s: expected 2 speakers, found %r" % (d, spk))
        if not turns or turns[0][0] != ilab:
            prob("%s: first turn is not the interviewer (%r)" % (d, ilab))
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                prob("%s: turns %d and %d by the same speaker" % (d, i, i + 1))
        for i, t in enumerate(turns, start=1):
            if (i % 2 == 1) != (t[0] == ilab):
                prob("%s: turn %d speaker %r breaks I/R alternation" % (d, i, t[0]))
                break
        nresp = sum(1 for t in turns if t[0] != ilab)
        words = sum(len(t[1].split()) for t in turns)
        if not RESP_MIN <= nresp <= RESP_MAX:
            prob("%s: %d respondent turns" % (d, nresp))
        if not WORD_MIN <= words <= WORD_MAX:
            prob("%s: %d words" % (d, words))
        low = full.lower()
        for fw in FORBIDDEN:
            if fw in low:
                prob("%s: forbidden wording %r" % (d, fw))
        info[d] = (full, len(turns), ilab, enc, ext, words, nresp)

    if len(exts) < 4:
        prob("fewer than four formats: %r" % sorted(exts))

    # orientation.csv
    rows = []
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        if next(r) != ["doc_id", "turn_index", "orientation"]:
            prob("orientation.csv: bad header")
        for row in r:
            try:
                rows.append((row[0], int(row[1]), row[2]))
            except (ValueError, IndexError):
                prob("orientation.csv: bad row %r" % row)
    if rows != sorted(rows):
        prob("orientation.csv: not sorted")
    if len(set((a, b) for a, b, _ in rows)) != len(rows):
        prob("orientation.csv: duplicates")
    for d, i, o in rows:
        if o not in ("casus", "netwerk"):
            prob("orientation.csv: %s %d bad orientation %r" % (d, i, o))
        if d not in info:
            prob("orientation.csv: unknown doc %s" % d)
            continue
        if i % 2 != 0 or i < 2 or i > info[d][1]:
            prob("orientation.csv: %s turn %d is not a respondent turn" % (d, i))

    # identifiers.csv
    seen = set()
    per_doc = {}
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        if next(r) != ["doc_id", "identifier", "type"]:
            prob("identifiers.csv: bad header")
        for row in r:
            if len(row) != 3:
                prob("identifiers.csv: bad row %r" % row)
                continue
            d, ident, typ = row
            if (d, ident) in seen:
                prob("identifiers.csv: duplicate %s %r" % (d, ident))
            seen.add((d, ident))
            if typ not in TYPES:
                prob("identifiers.csv: %s %r bad type %s" % (d, ident, typ))
            if d not in info:
                prob("identifiers.csv: unknown doc %s" % d)
                continue
            if ident not in info[d][0]:
                prob("identifiers.csv: %s %r not found verbatim" % (d, ident))
            per_doc[d] = per_doc.get(d, 0) + 1
    for d in docs:
        if per_doc.get(d, 0) < 5:
            prob("%s: fewer than 5 identifiers" % d)

    if "-v" in sys.argv:
        for d, v in sorted(info.items()):
            print("%s %s %-7s words=%d resp=%d turns=%d" % (d, v[4], v[3], v[5], v[6], v[1]))
    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
