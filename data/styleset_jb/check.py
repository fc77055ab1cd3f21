"""Check setJB (standard library only). Parses the BUILT transcripts, not the sources.

Usage: python3 check.py     -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label, crlf required)
DOCS = {
    "jb01": ("docx", None, "Interviewer", "Respondent", False),
    "jb02": ("txt", "cp1252", "I", "R", True),
    "jb03": ("vtt", "utf-8", "Noor Bosch", "Yvonne Peeters", False),
    "jb04": ("srt", "utf-8", "Fleur", "Ruud", True),
    "jb05": ("txt", "utf-8", "Spreker 1", "Spreker 2", False),
    "jb06": ("docx", None, "Mirjam Coenen", "Bart Vaessen", False),
}
EXPECTED_STYLE = {
    "jb01": "casusgericht", "jb02": "netwerkgericht", "jb03": "onbepaald",
    "jb04": "netwerkgericht", "jb05": "casusgericht", "jb06": "onbepaald",
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD_MIN, WORD_MAX = 1500, 2600
RESP_MIN, RESP_MAX = 10, 45
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def label_rx(labels):
    alts = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + alts + r"):\s+(.*)$", re.S)


def parse_lines(doc, lines, labels):
    """Generic line parser: header before first turn, continuation lines appended."""
    rx = label_rx(labels)
    turns = []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = rx.match(ln)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif turns:
            turns[-1][1] += " " + ln
    return turns


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml")
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                parts.append(el.text)
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def parse_vtt(doc, text, labels):
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        prob("%s: VTT does not start with WEBVTT" % doc)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    turns = []
    for b in blocks[1:]:
        lines = [l for l in b.split("\n") if l.strip()]
        if not lines or lines[0].startswith("NOTE") or lines[0].startswith("STYLE"):
            continue
        i = 0
        if "-->" not in lines[0]:
            i = 1
        if i >= len(lines) or "-->" not in lines[i]:
            prob("%s: VTT cue without timing: %r" % (doc, b[:60]))
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body, re.S)
        if not m:
            prob("%s: VTT cue without voice tag: %r" % (doc, body[:60]))
            continue
        spk, txt = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if spk not in labels:
            prob("%s: unknown VTT voice %r" % (doc, spk))
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_srt(doc, text, labels):
    rx = label_rx(labels)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for k, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            prob("%s: malformed SRT cue %d: %r" % (doc, k, b[:60]))
            continue
        if int(lines[0]) != k:
            prob("%s: SRT cue numbering off at %d" % (doc, k))
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif turns:
            turns[-1][1] += " " + body
        else:
            prob("%s: SRT starts without a speaker label" % doc)
    return turns


def load(doc):
    ext, enc, il, rl, crlf = DOCS[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        prob("%s: expected exactly one transcript, found %s" % (doc, files))
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        prob("%s: expected .%s, found %s" % (doc, ext, files[0]))
        return None, None
    labels = (il, rl)
    if ext == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa
            prob("%s: unreadable docx: %s" % (doc, e))
            return None, None
        return parse_lines(doc, paras, labels), "\n".join(paras)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob("%s: not decodable as %s: %s" % (doc, enc, e))
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                prob("%s: expected Windows-1252 but file is valid UTF-8" % doc)
        except UnicodeDecodeError:
            pass
    if crlf and (b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw)):
        prob("%s: expected CRLF line endings throughout" % doc)
    if ext == "vtt":
        return parse_vtt(doc, text, labels), text
    if ext == "srt":
        return parse_srt(doc, text, labels), text
    return parse_lines(doc, text.splitlines(), labels), text


def main():
    parsed = {}
    for doc in sorted(DOCS):
        turns, text = load(doc)
        if turns is None:
            continue
        il, rl = DOCS[doc][2], DOCS[doc][3]
        if not turns:
            prob("%s: no turns found" % doc)
            continue
        for i, (spk, _) in enumerate(turns):
            want = il if i % 2 == 0 else rl
            if spk != want:
                prob("%s: turn %d is %r, expected %r (no strict alternation)" % (doc, i + 1, spk, want))
                break
        nresp = sum(1 for s, _ in turns if s == rl)
        if not RESP_MIN <= nresp <= RESP_MAX:
            prob("%s: %d respondent turns (need %d-%d)" % (doc, nresp, RESP_MIN, RESP_MAX))
        nwords = sum(len(t.split()) for _, t in turns)
        if not WORD_MIN <= nwords <= WORD_MAX:
            prob("%s: %d spoken words (need %d-%d)" % (doc, nwords, WORD_MIN, WORD_MAX))
        if FORBIDDEN.search(text):
            prob("%s: forbidden label word in transcript" % doc)
        parsed[doc] = (turns, text, rl)

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        seen = {}
        for r in rows:
            d = r.get("doc_id")
            if d in seen:
                prob("styles.csv: duplicate %s" % d)
            seen[d] = r
            if d not in DOCS:
                prob("styles.csv: unknown doc %s" % d)
            if not (r.get("rationale") or "").strip():
                prob("styles.csv: empty rationale for %s" % d)
        for d, st in EXPECTED_STYLE.items():
            if d not in seen:
                prob("styles.csv: missing %s" % d)
            elif seen[d]["style"] != st:
                prob("styles.csv: %s is %r, requested %r" % (d, seen[d]["style"], st))
            elif st == "onbepaald" and not re.search(r"mixed|too little evidence", seen[d]["rationale"], re.I):
                prob("styles.csv: %s onbepaald rationale does not say which kind" % d)
    except FileNotFoundError:
        prob("styles.csv missing")

    # orientation.csv
    try:
        rows = list(csv.reader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        if rows[0] != ["doc_id", "turn_index", "orientation"]:
            prob("orientation.csv: bad header %r" % rows[0])
        keys = []
        for r in rows[1:]:
            d, ti, o = r[0], int(r[1]), r[2]
            keys.append((d, ti))
            if o not in ("casus", "netwerk"):
                prob("orientation.csv: bad orientation %r" % o)
            if d not in parsed:
                prob("orientation.csv: unknown/unparsed doc %s" % d)
                continue
            turns, _, rl = parsed[d]
            if not 1 <= ti <= len(turns):
                prob("orientation.csv: %s turn %d out of range" % (d, ti))
            elif turns[ti - 1][0] != rl or ti % 2 != 0:
                prob("orientation.csv: %s turn %d is not a respondent turn" % (d, ti))
        if keys != sorted(keys):
            prob("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv: duplicates")
    except FileNotFoundError:
        prob("orientation.csv missing")

    # identifiers.csv
    try:
        rows = list(csv.reader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        if rows[0] != ["doc_id", "identifier", "type"]:
            prob("identifiers.csv: bad header %r" % rows[0])
        seen = set()
        count = {}
        for r in rows[1:]:
            d, ident, t = r
            if (d, ident) in seen:
                prob("identifiers.csv: duplicate %s %r" % (d, ident))
            seen.add((d, ident))
            count[d] = count.get(d, 0) + 1
            if t not in TYPES:
                prob("identifiers.csv: bad type %r" % t)
            if d not in parsed:
                prob("identifiers.csv: unknown/unparsed doc %s" % d)
                continue
            if ident not in parsed[d][1]:
                prob("identifiers.csv: %s %r does not occur verbatim" % (d, ident))
        for d in DOCS:
            if count.get(d, 0) < 5:
                prob("identifiers.csv: %s has only %d identifiers" % (d, count.get(d, 0)))
    except FileNotFoundError:
        prob("identifiers.csv missing")

    # only this set's files in transcripts/
    for f in os.listdir(TR):
        if f.split(".")[0] not in DOCS:
            prob("transcripts/: unexpected file %s" % f)

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
