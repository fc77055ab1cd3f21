#!/usr/bin/env python3
"""Check the built setmc transcripts and label files (standard library only).

Parses the transcripts in transcripts/ (not the sources) and checks:
- every doc id has exactly one transcript, readable in its expected encoding
  (and line endings where the format is specified as CRLF);
- turns alternate between exactly two speakers, the interviewer first;
- 10-45 respondent turns and 1,500-2,600 spoken words (labels, timestamps
  and headers not counted);
- orientation.csv: valid values, sorted, no duplicates, every row points at a
  respondent turn (even index within range);
- identifiers.csv: valid types, no duplicate rows, every identifier occurs
  verbatim in its document;
- styles.csv: complete, valid styles, requested mix (3 casusgericht,
  2 netwerkgericht, 1 onbepaald), one-sentence rationale;
- at least four different transcript formats; no label words in the text.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["mc01", "mc02", "mc03", "mc04", "mc05", "mc06"]
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
# per doc: extension, encoding, CRLF required, interviewer label, respondent label
SPEC = {
    "mc01": ("docx", None, False, "Interviewer", "Respondent"),
    "mc02": ("txt", "cp1252", True, "I", "R"),
    "mc03": ("vtt", "utf-8", False, "Marit Spijkerman", "Bert Nijkamp"),
    "mc04": ("srt", "utf-8", True, "Lotte", "Sandra"),
    "mc05": ("txt", "utf-8", False, "Spreker 1", "Spreker 2"),
    "mc06": ("docx", None, False, "Joost", "Marjolein"),
}
# delivery formats as described in the README (at least four must differ)
FORMAT = {"mc01": "docx, bold role labels, header", "mc02": "txt cp1252 CRLF, I:/R:, header",
          "mc03": "vtt, voice tags, NOTE header", "mc04": "srt CRLF, Name: per cue",
          "mc05": "txt utf-8, [hh:mm:ss] Spreker n:, speaker key",
          "mc06": "docx, plain name labels, one-line header"}
VERBOSE = "-v" in sys.argv
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    if msg not in problems:
        problems.append(msg)


def words(text):
    return sum(1 for w in text.split() if re.search(r"\w", w))


def read_docx(path, ilabel, rlabel):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if text.strip():
            paras.append(text)
    pat = re.compile(r"^(%s|%s):\s*(.*)$" % (re.escape(ilabel), re.escape(rlabel)), re.S)
    turns = []
    for text in paras:
        m = pat.match(text)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + text
    return "\n".join(paras), turns


def read_text(path, enc, crlf, doc):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem("%s: not readable as %s (%s)" % (doc, enc, e))
        return None
    if enc == "cp1252" and any(b > 127 for b in raw):
        try:
            raw.decode("utf-8")
            problem("%s: declared cp1252 but decodes as UTF-8" % doc)
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        text = text[1:]
    if crlf:
        if re.search(rb"(?<!\r)\n", raw):
            problem("%s: expected CRLF line endings throughout" % doc)
    elif b"\r\n" in raw:
        problem("%s: unexpected CRLF line endings" % doc)
    return text.replace("\r\n", "\n")


def parse_txt(text, ilabel, rlabel):
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s|%s):\s*(.*)$" % (
        re.escape(ilabel), re.escape(rlabel)))
    turns = []
    for line in text.split("\n"):
        m = pat.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif line.strip() and turns:
            turns[-1][1] += " " + line.strip()
    return turns


def blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def parse_vtt(text, doc):
    if not text.startswith("WEBVTT"):
        problem("%s: missing WEBVTT signature" % doc)
    turns = []
    for b in blocks(text)[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = [i for i, l in enumerate(lines) if "-->" in l]
        if not idx:
            problem("%s: vtt block without timing: %r" % (doc, b[:40]))
            continue
        cue = " ".join(lines[idx[0] + 1:])
        m = re.match(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m:
            problem("%s: vtt cue without voice tag: %r" % (doc, cue[:40]))
            continue
        who, said = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def parse_srt(text, doc):
    turns = []
    for n, b in enumerate(blocks(text), 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem("%s: malformed srt block %d" % (doc, n))
            continue
        if int(lines[0]) != n:
            problem("%s: srt cue number %s, expected %d" % (doc, lines[0], n))
        cue = " ".join(lines[2:])
        m = re.match(r"^([^:]{1,40}):\s*(.*)$", cue)
        if not m:
            problem("%s: srt cue without speaker: %r" % (doc, cue[:40]))
            continue
        who, said = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def load(doc):
    ext, enc, crlf, il, rl = SPEC[doc]
    found = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc]
    if len(found) != 1:
        problem("%s: expected one transcript, found %s" % (doc, found))
        return None, None
    path = os.path.join(TDIR, found[0])
    if not found[0].endswith("." + ext):
        problem("%s: expected .%s, found %s" % (doc, ext, found[0]))
        return None, None
    if ext == "docx":
        try:
            return read_docx(path, il, rl)
        except Exception as e:  # noqa: BLE001
            problem("%s: docx not readable (%s)" % (doc, e))
            return None, None
    text = read_text(path, enc, crlf, doc)
    if text is None:
        return None, None
    if ext == "txt":
        return text, parse_txt(text, il, rl)
    if ext == "vtt":
        return text, parse_vtt(text, doc)
    return text, parse_srt(text, doc)


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
    texts, turns_by_doc = {}, {}
    exts = set()
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        exts.add(SPEC[doc][0] + ("-" + SPEC[doc][1] if SPEC[doc][1] else ""))
        texts[doc], turns_by_doc[doc] = text, turns
        il, rl = SPEC[doc][3], SPEC[doc][4]
        speakers = {w for w, _ in turns}
        if speakers != {il, rl}:
            problem("%s: speakers %s, expected %s and %s" % (doc, sorted(speakers), il, rl))
        for i, (who, said) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if who != want:
                problem("%s: turn %d by %r, expected %r (turns must alternate, interviewer first)"
                        % (doc, i, who, want))
                break
            if not said.strip():
                problem("%s: turn %d is empty" % (doc, i))
        nresp = sum(1 for w, _ in turns if w == rl)
        if not 10 <= nresp <= 45:
            problem("%s: %d respondent turns (need 10-45)" % (doc, nresp))
        nwords = sum(words(s) for _, s in turns)
        if not 1500 <= nwords <= 2600:
            problem("%s: %d spoken words (need 1500-2600)" % (doc, nwords))
        if VERBOSE:
            print("%s  %-45s words=%d turns=%d respondent_turns=%d" % (
                doc, FORMAT[doc], nwords, len(turns), nresp))
        if FORBIDDEN.search(text):
            problem("%s: label word in transcript: %r" % (doc, FORBIDDEN.search(text).group(0)))
    if len(set(FORMAT.values())) < 4 or len(exts) < 4:
        problem("fewer than four different transcript formats: %s" % sorted(exts))

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem("styles.csv: bad row %s" % r)
            continue
        doc, style, why = r
        if doc not in DOCS:
            problem("styles.csv: unknown doc %s" % doc)
        if doc in seen:
            problem("styles.csv: duplicate %s" % doc)
        if style not in MIX:
            problem("styles.csv: bad style %r for %s" % (style, doc))
        if not why.strip():
            problem("styles.csv: empty rationale for %s" % doc)
        elif len(re.findall(r"[.!?](\s|$)", why.strip())) > 1:
            problem("styles.csv: rationale for %s is more than one sentence" % doc)
        if style == "onbepaald" and not re.search(r"mixed|too little evidence", why, re.I):
            problem("styles.csv: onbepaald rationale for %s must say which kind" % doc)
        seen[doc] = style
    if set(seen) != set(DOCS):
        problem("styles.csv: missing %s" % sorted(set(DOCS) - set(seen)))
    counts = {s: list(seen.values()).count(s) for s in MIX}
    if counts != MIX:
        problem("styles.csv: mix %s, expected %s" % (counts, MIX))

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem("orientation.csv: bad row %s" % r)
            continue
        doc, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem("orientation.csv: bad orientation %r" % o)
        if doc not in turns_by_doc:
            problem("orientation.csv: unknown or unreadable doc %s" % doc)
            continue
        turns = turns_by_doc[doc]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != SPEC[doc][4]:
            problem("orientation.csv: %s turn %d is not a respondent turn" % (doc, idx))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    pairs, per_doc = set(), {}
    for r in rows:
        if len(r) != 3:
            problem("identifiers.csv: bad row %s" % r)
            continue
        doc, ident, typ = r
        if typ not in TYPES:
            problem("identifiers.csv: bad type %r" % typ)
        if (doc, ident) in pairs:
            problem("identifiers.csv: duplicate %s %r" % (doc, ident))
        pairs.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc not in texts:
            problem("identifiers.csv: unknown or unreadable doc %s" % doc)
        elif ident not in texts[doc]:
            problem("identifiers.csv: %r does not occur verbatim in %s" % (ident, doc))
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem("identifiers.csv: %s has fewer than 5 identifiers" % doc)

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
