#!/usr/bin/env python3
"""Check the built transcripts and csv files of set 'setmr' (standard library only).

Parses the transcripts in transcripts/ (not the sources) and checks:
- every doc in styles.csv has exactly one transcript, readable in its encoding
  (.txt: UTF-8, else Windows-1252; mr03 is meant to be Windows-1252 with CRLF)
- turns alternate between two speakers, starting with the interviewer; 10-45 respondent turns
- 1,500-2,600 words of spoken text (turn texts only; labels, timestamps, headers not counted)
- orientation.csv rows point at respondent turns, sorted, no duplicates
- every identifier in identifiers.csv occurs verbatim in its document; types valid; >= 5 per doc
- styles.csv complete with the requested mix (2 casusgericht, 2 netwerkgericht, 2 onbepaald:
  one 'mixed', one 'too little evidence'); at least four transcript formats
- the label words themselves do not occur in the transcripts
Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# interviewer label per document (as it appears in the transcript)
INTERVIEWER = {"mr01": "Interviewer", "mr02": "Daan Hofstede", "mr03": "I",
               "mr04": "Interviewer", "mr05": "Spreker 1", "mr06": "Noor Kaddouri"}
EXPECT_ENCODING = {"mr03": "cp1252"}
EXPECT_CRLF = {"mr03", "mr04"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ readers
def read_docx(path):
    """Return list of paragraphs as (text, first_run_bold, first_run_text)."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            txt = ""
            for el in r:
                if el.tag == W + "t":
                    txt += el.text or ""
                elif el.tag == W + "tab":
                    txt += "\t"
                elif el.tag in (W + "br", W + "cr"):
                    txt += "\n"
            rpr = r.find(W + "rPr")
            bold = False
            if rpr is not None:
                b = rpr.find(W + "b")
                if b is not None and b.get(W + "val", "true") not in ("0", "false"):
                    bold = True
            runs.append((txt, bold))
        text = "".join(t for t, _b in runs)
        first = next(((t, b) for t, b in runs if t.strip()), ("", False))
        paras.append((text, first[1], first[0]))
    return paras


LABEL_RE = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?([^:\[\]\n]{1,40}):\s+(.*)$")


def turns_from_lines(lines):
    """Generic 'Label: text' transcript: speakers are labels used at least 3 times."""
    counts = {}
    for ln in lines:
        m = LABEL_RE.match(ln)
        if m:
            counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    speakers = {k for k, v in counts.items() if v >= 3}
    turns = []
    for ln in lines:
        m = LABEL_RE.match(ln)
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3).strip()])
        elif turns and ln.strip():
            turns[-1][1] += " " + ln.strip()
    return turns


def turns_from_docx(paras):
    bold_labels = {}
    for text, bold, first in paras:
        if bold and first.strip().endswith(":"):
            lab = first.strip()[:-1].strip()
            bold_labels[lab] = bold_labels.get(lab, 0) + 1
    speakers = {k for k, v in bold_labels.items() if v >= 3}
    if speakers:
        turns = []
        for text, bold, first in paras:
            lab = first.strip()[:-1].strip() if first.strip().endswith(":") else None
            if bold and lab in speakers:
                turns.append([lab, text.split(":", 1)[1].strip()])
            elif turns and text.strip():
                turns[-1][1] += " " + text.strip()
        return turns
    return turns_from_lines([t for t, _b, _f in paras])


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def merge(cues):
    turns = []
    for spk, txt in cues:
        if spk is None and turns:
            spk = turns[-1][0]
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def turns_from_vtt(text):
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    cues = []
    for b in cue_blocks(text):
        lines = b.split("\n")
        ti = next((i for i, ln in enumerate(lines) if "-->" in ln), None)
        if ti is None:
            continue
        body = " ".join(lines[ti + 1:])
        m = re.match(r"\s*<v\s+([^>]+)>(.*)$", body)
        spk = m.group(1).strip() if m else None
        content = re.sub(r"</?[^>]+>", "", m.group(2) if m else body).strip()
        cues.append((spk, content))
    return merge(cues)


def turns_from_srt(text):
    cues = []
    for b in cue_blocks(text):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem("malformed srt cue: %r" % b[:60])
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
        if m:
            cues.append((m.group(1).strip(), m.group(2)))
        else:
            cues.append((None, body))
    return merge(cues)


def load(doc_id, path):
    """Return (full_text, turns)."""
    ext = path.rsplit(".", 1)[1].lower()
    if ext == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa
            problem("%s: unreadable docx (%s)" % (doc_id, e))
            return "", []
        return "\n".join(t for t, _b, _f in paras), turns_from_docx(paras)
    raw = open(path, "rb").read()
    enc = "utf-8"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        enc = "cp1252"
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as e:
            problem("%s: neither UTF-8 nor Windows-1252 (%s)" % (doc_id, e))
            return "", []
    want = EXPECT_ENCODING.get(doc_id, "utf-8")
    if enc != want:
        problem("%s: decoded as %s, expected %s" % (doc_id, enc, want))
    if doc_id in EXPECT_CRLF and b"\r\n" not in raw:
        problem("%s: expected CRLF line endings" % doc_id)
    if "\ufffd" in text:
        problem("%s: replacement characters in text" % doc_id)
    if ext == "vtt":
        return text, turns_from_vtt(text)
    if ext == "srt":
        return text, turns_from_srt(text)
    return text, turns_from_lines(text.replace("\r\n", "\n").split("\n"))


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem("missing " + name)
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem("%s: header should be %s" % (name, ",".join(header)))
        return []
    return rows[1:]


def main():
    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    orient = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    idents = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])

    # ---- styles
    docs = []
    mix = {}
    kinds = set()
    for row in styles:
        if len(row) != 3:
            problem("styles.csv: bad row %r" % row)
            continue
        doc_id, style, rat = row
        if doc_id in docs:
            problem("styles.csv: duplicate %s" % doc_id)
        docs.append(doc_id)
        if style not in WANT_MIX:
            problem("styles.csv: %s has invalid style %r" % (doc_id, style))
        mix[style] = mix.get(style, 0) + 1
        if not rat.strip():
            problem("styles.csv: %s has no rationale" % doc_id)
        if style == "onbepaald":
            low = rat.lower()
            if "too little evidence" in low:
                kinds.add("too little evidence")
            elif "mixed" in low:
                kinds.add("mixed")
            else:
                problem("styles.csv: onbepaald %s does not say which kind" % doc_id)
    if docs != ["mr%02d" % i for i in range(1, 7)]:
        problem("styles.csv: expected mr01..mr06 in order, got %s" % docs)
    if mix != WANT_MIX:
        problem("styles.csv: mix is %s, want %s" % (mix, WANT_MIX))
    if kinds != {"mixed", "too little evidence"}:
        problem("styles.csv: onbepaald kinds are %s, want one mixed and one too little evidence" % kinds)

    # ---- transcripts
    files = sorted(os.listdir(TDIR)) if os.path.isdir(TDIR) else []
    info = {}
    exts = set()
    for doc_id in docs:
        mine = [f for f in files if f.rsplit(".", 1)[0] == doc_id]
        if len(mine) != 1:
            problem("%s: expected exactly one transcript, found %s" % (doc_id, mine))
            continue
        exts.add(mine[0].rsplit(".", 1)[1])
        text, turns = load(doc_id, os.path.join(TDIR, mine[0]))
        info[doc_id] = (text, turns)
        if not turns:
            problem("%s: no turns found" % doc_id)
            continue
        speakers = []
        for s, _t in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            problem("%s: expected 2 speakers, found %s" % (doc_id, speakers))
        if turns[0][0] != INTERVIEWER.get(doc_id):
            problem("%s: first turn by %r, expected interviewer %r" % (doc_id, turns[0][0], INTERVIEWER.get(doc_id)))
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem("%s: turns %d and %d by the same speaker" % (doc_id, i, i + 1))
        nresp = sum(1 for s, _t in turns if s != INTERVIEWER.get(doc_id))
        if not 10 <= nresp <= 45:
            problem("%s: %d respondent turns (want 10-45)" % (doc_id, nresp))
        words = sum(len(t.split()) for _s, t in turns)
        if not 1500 <= words <= 2600:
            problem("%s: %d words (want 1500-2600)" % (doc_id, words))
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem("%s: forbidden word %r occurs" % (doc_id, w))
        print("%s %-5s turns=%d respondent=%d words=%d" % (doc_id, mine[0].rsplit(".", 1)[1], len(turns), nresp, words))
    extra = [f for f in files if f.rsplit(".", 1)[0] not in docs]
    if extra:
        problem("unexpected files in transcripts/: %s" % extra)
    if len(exts) < 4:
        problem("only %d formats used: %s" % (len(exts), sorted(exts)))

    # ---- orientation
    keys = []
    for row in orient:
        if len(row) != 3:
            problem("orientation.csv: bad row %r" % row)
            continue
        doc_id, idx, o = row
        if doc_id not in info:
            problem("orientation.csv: unknown doc %s" % doc_id)
            continue
        if o not in ("casus", "netwerk"):
            problem("orientation.csv: %s %s invalid orientation %r" % (doc_id, idx, o))
        try:
            n = int(idx)
        except ValueError:
            problem("orientation.csv: bad turn_index %r" % idx)
            continue
        keys.append((doc_id, n))
        turns = info[doc_id][1]
        if not 1 <= n <= len(turns):
            problem("orientation.csv: %s turn %d out of range" % (doc_id, n))
        elif n % 2 != 0 or turns[n - 1][0] == INTERVIEWER.get(doc_id):
            problem("orientation.csv: %s turn %d is not a respondent turn" % (doc_id, n))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # ---- identifiers
    seen = set()
    per_doc = {}
    for row in idents:
        if len(row) != 3:
            problem("identifiers.csv: bad row %r" % row)
            continue
        doc_id, ident, typ = row
        if (doc_id, ident) in seen:
            problem("identifiers.csv: duplicate %s %r" % (doc_id, ident))
        seen.add((doc_id, ident))
        if typ not in TYPES:
            problem("identifiers.csv: %s %r invalid type %r" % (doc_id, ident, typ))
        if doc_id not in info:
            problem("identifiers.csv: unknown doc %s" % doc_id)
            continue
        per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        if ident not in info[doc_id][0]:
            problem("identifiers.csv: %s %r does not occur verbatim" % (doc_id, ident))
    for doc_id in docs:
        if per_doc.get(doc_id, 0) < 5:
            problem("identifiers.csv: %s has fewer than 5 identifiers" % doc_id)

    if problems:
        for p in problems:
            print("PROBLEM: " + p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
