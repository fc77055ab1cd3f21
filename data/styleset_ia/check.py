#!/usr/bin/env python3
"""Check set IA: parses the built transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# what each transcript is expected to be: extension, encoding, newline, interviewer / respondent label
DOCS = {
    "ia01": dict(ext="docx", enc=None, nl=None, i="Sanne", r="Wilma"),
    "ia02": dict(ext="txt", enc="cp1252", nl="\r\n", i="I", r="R"),
    "ia03": dict(ext="docx", enc=None, nl=None, i="I", r="R"),
    "ia04": dict(ext="txt", enc="utf-8", nl="\n", i="Spreker 1", r="Spreker 2"),
    "ia05": dict(ext="vtt", enc="utf-8", nl="\n", i="Sanne Wolters", r="Marieke"),
    "ia06": dict(ext="srt", enc="utf-8", nl="\r\n", i="Interviewer", r="Tom"),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RTURNS, MAX_RTURNS = 10, 45
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def words(text):
    return [w for w in text.split() if re.search(r"\w", w)]


# ------------------------------------------------------------------ readers
def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W_NS + "t":
                parts.append(el.text or "")
            elif el.tag in (W_NS + "tab", W_NS + "br"):
                parts.append(" ")
        paras.append("".join(parts))
    return paras


def read_text(doc, path, cfg):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        problem("%s: not readable as %s (%s)" % (doc, cfg["enc"], e))
        return None
    if cfg["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            if any(ord(c) > 127 for c in text):
                problem("%s: declared Windows-1252 but the bytes are valid UTF-8" % doc)
        except UnicodeDecodeError:
            pass
    if cfg["nl"] == "\r\n":
        if re.search(r"(?<!\r)\n", text):
            problem("%s: expected CRLF line ends throughout" % doc)
    elif "\r" in text:
        problem("%s: unexpected CR characters" % doc)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n")


def turns_from_lines(doc, lines, cfg):
    """Header lines until the first labelled line; afterwards every line must be a turn."""
    labels = (cfg["i"], cfg["r"])
    pat = re.compile(r"^(?:\[(\d\d):(\d\d):(\d\d)\]\s+)?(%s):\s+(.*\S)\s*$"
                     % "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True)))
    header, turns, last_ts = [], [], -1
    for line in lines:
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            if m.group(1):
                ts = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if ts < last_ts:
                    problem("%s: timestamps go backwards at %r" % (doc, line[:30]))
                last_ts = ts
            turns.append([m.group(4), m.group(5)])
        elif not turns:
            header.append(line.strip())
        else:
            problem("%s: line that is no turn after the header: %r" % (doc, line[:50]))
    return header, turns


def parse_time(s, sep):
    m = re.match(r"^(\d\d):(\d\d):(\d\d)%s(\d\d\d)$" % re.escape(sep), s.strip())
    if not m:
        return None
    h, mi, se, ms = map(int, m.groups())
    return h * 3600 + mi * 60 + se + ms / 1000.0


def merge(turns, speaker, text):
    if turns and turns[-1][0] == speaker:
        turns[-1][1] += " " + text
    else:
        turns.append([speaker, text])


def parse_vtt(doc, text):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem("%s: no WEBVTT signature" % doc)
        return [], []
    header, turns, last = [], [], -1.0
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            rest = lines[0][4:].strip()
            header.extend(([rest] if rest else []) + [l.strip() for l in lines[1:] if l.strip()])
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # cue identifier
        if not lines or "-->" not in lines[0]:
            problem("%s: vtt block without timing: %r" % (doc, b[:40]))
            continue
        a, _, z = lines[0].partition("-->")
        t0, t1 = parse_time(a, "."), parse_time(z.split()[0], ".")
        if t0 is None or t1 is None or t1 <= t0 or t0 < last:
            problem("%s: bad vtt timing %r" % (doc, lines[0]))
        else:
            last = t0
        body = " ".join(l.strip() for l in lines[1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem("%s: vtt cue without voice tag: %r" % (doc, body[:40]))
            continue
        merge(turns, m.group(1).strip(), m.group(2).strip())
    return header, turns


def parse_srt(doc, text, cfg):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    turns, last, n_expected = [], -1.0, 1
    labels = (cfg["i"], cfg["r"])
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem("%s: malformed srt block %r" % (doc, b[:40]))
            continue
        if int(lines[0]) != n_expected:
            problem("%s: srt numbering jumps at %s" % (doc, lines[0]))
        n_expected = int(lines[0]) + 1
        a, _, z = lines[1].partition("-->")
        t0, t1 = parse_time(a, ","), parse_time(z, ",")
        if t0 is None or t1 is None or t1 <= t0 or t0 < last:
            problem("%s: bad srt timing %r" % (doc, lines[1]))
        else:
            last = t0
        body = " ".join(l.strip() for l in lines[2:])
        m = re.match(r"^(%s):\s+(.*)$" % "|".join(re.escape(l) for l in labels), body)
        if not m:
            problem("%s: srt cue without known speaker: %r" % (doc, body[:40]))
            continue
        merge(turns, m.group(1), m.group(2).strip())
    return [], turns


def load(doc, cfg):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem("%s: expected exactly one transcript, found %s" % (doc, files))
        return None
    fn = files[0]
    if not fn.endswith("." + cfg["ext"]):
        problem("%s: expected .%s, found %s" % (doc, cfg["ext"], fn))
        return None
    path = os.path.join(TDIR, fn)
    if cfg["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem("%s: docx not readable (%s)" % (doc, e))
            return None
        header, turns = turns_from_lines(doc, paras, cfg)
        raw = "\n".join(paras)
    else:
        raw = read_text(doc, path, cfg)
        if raw is None:
            return None
        if cfg["ext"] == "txt":
            header, turns = turns_from_lines(doc, raw.split("\n"), cfg)
        elif cfg["ext"] == "vtt":
            header, turns = parse_vtt(doc, raw)
        else:
            header, turns = parse_srt(doc, raw, cfg)
    return dict(header=header, turns=turns, raw=raw)


# ------------------------------------------------------------------ checks
def check_doc(doc, cfg, d):
    turns = d["turns"]
    if not turns:
        problem("%s: no turns found" % doc)
        return
    speakers = {s for s, _ in turns}
    if speakers - {cfg["i"], cfg["r"]}:
        problem("%s: unexpected speakers %s" % (doc, sorted(speakers - {cfg["i"], cfg["r"]})))
    if turns[0][0] != cfg["i"]:
        problem("%s: first turn is not the interviewer's" % doc)
    for k, (s, _) in enumerate(turns, 1):
        want = cfg["i"] if k % 2 == 1 else cfg["r"]
        if s != want:
            problem("%s: turn %d is %s, expected %s (turns must alternate)" % (doc, k, s, want))
            break
    nr = sum(1 for s, _ in turns if s == cfg["r"])
    if not MIN_RTURNS <= nr <= MAX_RTURNS:
        problem("%s: %d respondent turns (want %d-%d)" % (doc, nr, MIN_RTURNS, MAX_RTURNS))
    nw = sum(len(words(t)) for _, t in turns)
    if not MIN_WORDS <= nw <= MAX_WORDS:
        problem("%s: %d spoken words (want %d-%d)" % (doc, nw, MIN_WORDS, MAX_WORDS))
    low = d["raw"].lower()
    for w in FORBIDDEN:
        if w in low:
            problem("%s: forbidden word %r in transcript" % (doc, w))
    d["n_words"], d["n_rturns"] = nw, nr


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem("%s missing" % name)
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem("%s: header should be %s" % (name, ",".join(header)))
        return []
    return rows[1:]


def main():
    docs = {}
    for doc, cfg in DOCS.items():
        d = load(doc, cfg)
        if d is not None:
            check_doc(doc, cfg, d)
            docs[doc] = d

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, count, kinds = set(), {}, []
    for r in rows:
        if len(r) != 3:
            problem("styles.csv: bad row %s" % r)
            continue
        doc, style, why = r
        if doc not in DOCS or doc in seen:
            problem("styles.csv: unknown or duplicate doc %s" % doc)
        seen.add(doc)
        if style not in WANT_STYLES:
            problem("styles.csv: bad style %r for %s" % (style, doc))
        count[style] = count.get(style, 0) + 1
        if not why.strip():
            problem("styles.csv: empty rationale for %s" % doc)
        if style == "onbepaald":
            lw = why.lower()
            if "mixed" in lw:
                kinds.append("mixed")
            elif "too little evidence" in lw:
                kinds.append("too little evidence")
            else:
                problem("styles.csv: onbepaald rationale of %s does not say which kind" % doc)
    if seen != set(DOCS):
        problem("styles.csv: docs missing: %s" % sorted(set(DOCS) - seen))
    if count != WANT_STYLES:
        problem("styles.csv: style mix %s, want %s" % (count, WANT_STYLES))
    if sorted(kinds) != ["mixed", "too little evidence"]:
        problem("styles.csv: onbepaald kinds %s, want one mixed and one too little evidence" % kinds)

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem("orientation.csv: bad row %s" % r)
            continue
        doc, k = r[0], int(r[1])
        keys.append((doc, k))
        d = docs.get(doc)
        if d is None:
            continue
        if k < 1 or k > len(d["turns"]):
            problem("orientation.csv: %s turn %d does not exist" % (doc, k))
        elif d["turns"][k - 1][0] != DOCS[doc]["r"]:
            problem("orientation.csv: %s turn %d is not a respondent turn" % (doc, k))
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, seen_id = {}, set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1].strip():
            problem("identifiers.csv: bad row %s" % r)
            continue
        doc, val, _typ = r
        if (doc, val) in seen_id:
            problem("identifiers.csv: duplicate %s %r" % (doc, val))
        seen_id.add((doc, val))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        d = docs.get(doc)
        if d is None:
            continue
        flat = " ".join(d["header"] + [s + ": " + t for s, t in d["turns"]])
        flat = re.sub(r"\s+", " ", flat)
        if val not in flat and val not in d["raw"]:
            problem("identifiers.csv: %s %r not found verbatim in the transcript" % (doc, val))
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem("identifiers.csv: %s has fewer than 5 identifiers" % doc)

    formats = {os.path.splitext(f)[1] + ("/" + DOCS[os.path.splitext(f)[0]]["enc"]
                                          if DOCS.get(os.path.splitext(f)[0], {}).get("enc") else "")
               for f in os.listdir(TDIR)}
    if len(formats) < 4:
        problem("fewer than four different transcript formats: %s" % sorted(formats))

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc in DOCS:
        d = docs[doc]
        print("%s: %d turns, %d respondent turns, %d words" % (
            doc, len(d["turns"]), d["n_rturns"], d["n_words"]), file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
