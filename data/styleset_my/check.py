#!/usr/bin/env python3
"""Check blind set 'setmy' against its built transcripts (standard library only).

Parses transcripts/<doc>.{txt,docx,srt,vtt} (not the sources) and checks:
- one transcript per doc, readable in its encoding (UTF-8 / UTF-8-BOM / Windows-1252);
- turns alternate strictly, interviewer first; 10-45 respondent turns;
- 1,500-2,600 words of spoken text (labels, timestamps, headers not counted);
- orientation.csv rows point at respondent turns, sorted, no duplicates;
- every identifier in identifiers.csv occurs verbatim in its transcript; >= 5 per doc;
- styles.csv complete with the requested mix;
- header lines do not look like speaker turns; label words are not used.
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
DOCS = ["my01", "my02", "my03", "my04", "my05", "my06"]
# (interviewer label, respondent label) per document
LABELS = {
    "my01": ("I", "R"),
    "my02": ("Sanne Mulder", "Ruud Kalverda"),
    "my03": ("Joost", "Esther"),
    "my04": ("Daan Koster", "Samira El Khatib"),
    "my05": ("Spreker 1", "Spreker 2"),
    "my06": ("Interviewer", "Respondent"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "duur", "interviewer", "geïnterviewde", "locatie"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
WORDS_MIN, WORDS_MAX = 1500, 2600
RTURNS_MIN, RTURNS_MAX = 10, 45
FORMATS_MIN = 4

problems = []


def problem(msg):
    problems.append(msg)


def decode(raw, doc):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem("%s: not readable as UTF-8 or Windows-1252" % doc)
        return None, None


def label_re(labels):
    return re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s+)?(" + "|".join(re.escape(l) for l in labels)
                      + r"):\s*(.*)$")


def check_header(doc, lines):
    for line in lines:
        m = re.match(r"^\s*([^\s:]+(?: [^\s:]+){0,2}):\s", line)
        if m and m.group(1).lower() not in META_KEYS:
            problem("%s: header line looks like a speaker turn: %r" % (doc, line[:60]))


def turns_from_lines(doc, lines, labels):
    rx = label_re(labels)
    turns, header, started = [], [], False
    for line in lines:
        if not line.strip():
            continue
        m = rx.match(line.strip())
        if m:
            started = True
            turns.append([m.group(2), m.group(3).strip()])
        elif not started:
            header.append(line.strip())
        else:
            turns[-1][1] += " " + line.strip()
    check_header(doc, header)
    return turns


def parse_txt(doc, raw, labels):
    text, enc = decode(raw, doc)
    if text is None:
        return None, None
    return turns_from_lines(doc, text.splitlines(), labels), text


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parse_docx(doc, raw, labels):
    import io
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa
        problem("%s: docx not readable (%s)" % (doc, e))
        return None, None
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W + "t":
                parts.append(node.text or "")
            elif node.tag == W + "tab":
                parts.append("\t")
            elif node.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return turns_from_lines(doc, paras, labels), "\n".join(paras)


def blocks_of(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def merge(turns_raw):
    turns = []
    for spk, txt in turns_raw:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_srt(doc, raw, labels):
    text, enc = decode(raw, doc)
    if text is None:
        return None, None
    rx = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s*(.*)$", re.S)
    seq, cur, expect = [], None, 1
    for b in blocks_of(text):
        lines = b.split("\n")
        if not lines[0].strip().isdigit() or int(lines[0]) != expect:
            problem("%s: srt cue numbering broken at %r" % (doc, lines[0][:20]))
        expect += 1
        if len(lines) < 3 or "-->" not in lines[1]:
            problem("%s: srt cue without timing/text: %r" % (doc, b[:40]))
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if m:
            cur = m.group(1)
            seq.append((cur, m.group(2)))
        elif cur:
            seq.append((cur, body))
        else:
            problem("%s: srt cue without speaker: %r" % (doc, body[:40]))
    return merge(seq), text


def parse_vtt(doc, raw, labels):
    text, enc = decode(raw, doc)
    if text is None:
        return None, None
    blocks = blocks_of(text)
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem("%s: vtt does not start with WEBVTT" % doc)
        return None, None
    seq = []
    for b in blocks[1:]:
        if b.startswith("NOTE") or b.startswith("STYLE"):
            continue
        lines = b.split("\n")
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem("%s: vtt block without timing: %r" % (doc, b[:40]))
            continue
        body = " ".join(l.strip() for l in lines[ti + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem("%s: vtt cue without voice tag: %r" % (doc, body[:40]))
            continue
        spk = m.group(1).strip()
        if spk not in labels:
            problem("%s: unknown voice %r" % (doc, spk))
        seq.append((spk, re.sub(r"<[^>]+>", "", m.group(2)).strip()))
    return merge(seq), text


PARSERS = {".txt": parse_txt, ".docx": parse_docx, ".srt": parse_srt, ".vtt": parse_vtt}


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem("missing %s" % name)
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    turns_of, text_of, formats = {}, {}, set()
    for doc in DOCS:
        files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc] if os.path.isdir(TDIR) else []
        if len(files) != 1:
            problem("%s: expected exactly one transcript, found %s" % (doc, files))
            continue
        ext = os.path.splitext(files[0])[1].lower()
        if ext not in PARSERS:
            problem("%s: unsupported format %s" % (doc, ext))
            continue
        with open(os.path.join(TDIR, files[0]), "rb") as f:
            raw = f.read()
        turns, text = PARSERS[ext](doc, raw, LABELS[doc])
        if turns is None:
            continue
        variant = ext
        if ext == ".txt":
            variant += "-ts" if re.search(r"^\[\d\d:\d\d:\d\d\]", text, re.M) else "-labels"
            variant += "-cp1252" if decode(raw, doc)[1] == "cp1252" else "-utf8"
        formats.add(variant)
        turns_of[doc], text_of[doc] = turns, text
        il, rl = LABELS[doc]
        for i, (spk, txt) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if spk != want:
                problem("%s: turn %d spoken by %r, expected %r" % (doc, i, spk, want))
            if not txt.strip():
                problem("%s: turn %d is empty" % (doc, i))
        nwords = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == rl)
        if not WORDS_MIN <= nwords <= WORDS_MAX:
            problem("%s: %d words, outside %d-%d" % (doc, nwords, WORDS_MIN, WORDS_MAX))
        if not RTURNS_MIN <= nresp <= RTURNS_MAX:
            problem("%s: %d respondent turns, outside %d-%d" % (doc, nresp, RTURNS_MIN, RTURNS_MAX))
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem("%s: forbidden word %r in transcript" % (doc, w))
        print("%s %-16s words=%d turns=%d respondent_turns=%d" % (doc, variant, nwords, len(turns), nresp))
    if len(formats) < FORMATS_MIN:
        problem("only %d transcript formats (%s), need %d" % (len(formats), sorted(formats), FORMATS_MIN))

    # styles.csv
    styles = read_csv("styles.csv")
    got = {}
    for r in styles:
        if r.get("doc_id") in got:
            problem("styles.csv: duplicate %s" % r.get("doc_id"))
        got[r.get("doc_id")] = r.get("style")
        if not (r.get("rationale") or "").strip():
            problem("styles.csv: %s has no rationale" % r.get("doc_id"))
    if sorted(got) != DOCS:
        problem("styles.csv: docs %s, expected %s" % (sorted(got), DOCS))
    counts = {}
    for s in got.values():
        counts[s] = counts.get(s, 0) + 1
    if counts != MIX:
        problem("styles.csv: mix %s, expected %s" % (counts, MIX))

    # orientation.csv
    rows = read_csv("orientation.csv")
    keys = []
    for r in rows:
        doc = r.get("doc_id")
        try:
            idx = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem("orientation.csv: bad turn_index %r" % r)
            continue
        keys.append((doc, idx))
        if r.get("orientation") not in ("casus", "netwerk"):
            problem("orientation.csv: bad orientation %r" % r)
        if doc not in turns_of:
            problem("orientation.csv: unknown doc %r" % doc)
            continue
        turns = turns_of[doc]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != LABELS[doc][1]:
            problem("orientation.csv: %s turn %d is not a respondent turn" % (doc, idx))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    ids = read_csv("identifiers.csv")
    per_doc, seen = {}, set()
    for r in ids:
        doc, ident, typ = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (doc, ident) in seen:
            problem("identifiers.csv: duplicate %s %r" % (doc, ident))
        seen.add((doc, ident))
        if typ not in TYPES:
            problem("identifiers.csv: bad type %r for %r" % (typ, ident))
        if doc not in text_of:
            problem("identifiers.csv: unknown doc %r" % doc)
            continue
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if not ident or ident not in text_of[doc]:
            problem("identifiers.csv: %s %r does not occur verbatim" % (doc, ident))
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem("%s: fewer than 5 identifiers" % doc)

    if problems:
        for p in problems:
            print("PROBLEM:", p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
