#!/usr/bin/env python3
"""Check set 'mo' (standard library only).

Parses the BUILT transcripts in transcripts/ (not the sources) and checks:
  * one transcript per doc id, readable in its encoding (docx / UTF-8 / Windows-1252);
  * turns alternate, interviewer first; no stray body lines; header lines do not look like turns;
  * 1,500-2,600 words of spoken text and 10-45 respondent turns per document;
  * orientation.csv: sorted, no duplicates, valid values, every row on a respondent turn;
  * identifiers.csv: valid types, no duplicate rows, every identifier verbatim in its document,
    at least 5 per document;
  * styles.csv: complete, valid, with the requested mix (1 casus, 3 netwerk, 2 onbepaald:
    one mixed, one too little evidence);
  * at least four different formats; the label words never occur in the transcripts.
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
DOCS = ["mo01", "mo02", "mo03", "mo04", "mo05", "mo06"]
# (interviewer label, respondent label, expected format / encoding)
LABELS = {
    "mo01": ("Interviewer", "Respondent", "docx"),
    "mo02": ("Interviewer", "Marij Kessels", "srt"),
    "mo03": ("I", "R", "txt-cp1252"),
    "mo04": ("Interviewer", "Roger Frissen", "vtt"),
    "mo05": ("Spreker 1", "Spreker 2", "txt-utf8"),
    "mo06": ("Lotte", "Nadia", "docx"),
}
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "geïnterviewde", "duur", "locatie", "transcriptie"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    alt = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?(" + alt + r"):\s*(.*)$")


def check_header(doc, lines, labels):
    for h in lines:
        m = re.match(r"^\s*([^:\s][^:]{0,24}):\s", h)
        if not m:
            continue
        key = m.group(1).strip()
        if key in labels:
            problem("%s: header line looks like a %r turn: %r" % (doc, key, h[:60]))
        elif key.lower() not in META_KEYS:
            problem("%s: header line looks like a speaker turn: %r" % (doc, h[:60]))


def turns_from_lines(doc, lines, labels):
    """lines: list of body text lines (docx paragraphs or txt lines)."""
    rx = label_re(labels)
    header, turns, started = [], [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = rx.match(ln)
        if m:
            started = True
            turns.append([m.group(2), m.group(3).strip()])
        elif not started:
            header.append(ln)
        else:
            problem("%s: stray line in body: %r" % (doc, ln[:60]))
    check_header(doc, header, labels)
    return turns


def read_docx(doc, path, labels):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
        root = ET.fromstring(xml)
    except Exception as e:  # noqa
        problem("%s: docx not readable: %s" % (doc, e))
        return "", []
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return "\n".join(paras), turns_from_lines(doc, paras, labels)


def decode(doc, path, enc):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode(enc), raw
    except UnicodeDecodeError as e:
        problem("%s: not readable as %s: %s" % (doc, enc, e))
        return raw.decode(enc, errors="replace"), raw


def read_txt(doc, path, labels, enc):
    text, raw = decode(doc, path, enc)
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem("%s: expected Windows-1252 but file is valid UTF-8" % doc)
        except UnicodeDecodeError:
            pass
    return text, turns_from_lines(doc, re.split(r"\r?\n", text), labels)


def read_vtt(doc, path, labels):
    text, _ = decode(doc, path, "utf-8")
    blocks = [b for b in re.split(r"\r?\n\s*\r?\n", text.strip()) if b.strip()]
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem("%s: missing WEBVTT signature" % doc)
    turns = []
    for b in blocks[1:]:
        lines = re.split(r"\r?\n", b)
        if lines[0].startswith("NOTE"):
            check_header(doc, lines[1:], labels)
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # cue identifier
        if not lines or "-->" not in lines[0]:
            problem("%s: malformed cue %r" % (doc, b[:40]))
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v\s+([^>]+)>(.*)$", body)
        if not m:
            problem("%s: cue without voice tag: %r" % (doc, body[:50]))
            continue
        who, said = m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()
        if who not in labels:
            problem("%s: unknown voice %r" % (doc, who))
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return text, turns


def read_srt(doc, path, labels):
    text, _ = decode(doc, path, "utf-8")
    rx = label_re(labels)
    blocks = [b for b in re.split(r"\r?\n\s*\r?\n", text.strip()) if b.strip()]
    turns, expect = [], 1
    for b in blocks:
        lines = re.split(r"\r?\n", b)
        if not lines[0].strip().isdigit() or int(lines[0]) != expect or len(lines) < 3 \
                or "-->" not in lines[1]:
            problem("%s: malformed srt cue %r" % (doc, b[:40]))
            expect += 1
            continue
        expect += 1
        body = " ".join(lines[2:])
        m = rx.match(body)
        if not m:
            problem("%s: cue %s without speaker label" % (doc, lines[0]))
            continue
        who, said = m.group(2), m.group(3).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return text, turns


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem("missing %s" % name)
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    texts, nturns, formats = {}, {}, set()
    for doc in DOCS:
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            problem("%s: expected exactly one transcript, found %s" % (doc, mine))
            continue
        fn = mine[0]
        path = os.path.join(TDIR, fn)
        il, rl, kind = LABELS[doc]
        labels = (il, rl)
        ext = os.path.splitext(fn)[1].lower()
        if ext == ".docx":
            text, turns = read_docx(doc, path, labels)
            formats.add("docx")
        elif ext == ".txt":
            enc = "cp1252" if kind == "txt-cp1252" else "utf-8"
            text, turns = read_txt(doc, path, labels, enc)
            formats.add("txt-" + enc)
        elif ext == ".vtt":
            text, turns = read_vtt(doc, path, labels)
            formats.add("vtt")
        elif ext == ".srt":
            text, turns = read_srt(doc, path, labels)
            formats.add("srt")
        else:
            problem("%s: unknown extension %s" % (doc, ext))
            continue
        if not kind.startswith(ext[1:]):
            problem("%s: format %s, expected %s" % (doc, ext, kind))
        texts[doc] = text
        nturns[doc] = [t[0] for t in turns]
        if not turns:
            problem("%s: no turns parsed" % doc)
            continue
        for i, (who, said) in enumerate(turns, 1):
            want = il if i % 2 == 1 else rl
            if who != want:
                problem("%s: turn %d is %r, expected %r (no strict alternation)" % (doc, i, who, want))
                break
            if not said:
                problem("%s: empty turn %d" % (doc, i))
        words = sum(len(WORD.findall(s)) for _, s in turns)
        nresp = sum(1 for w, _ in turns if w == rl)
        if not 1500 <= words <= 2600:
            problem("%s: %d words of spoken text (want 1500-2600)" % (doc, words))
        if not 10 <= nresp <= 45:
            problem("%s: %d respondent turns (want 10-45)" % (doc, nresp))
        low = text.lower()
        for fw in FORBIDDEN:
            if fw in low:
                problem("%s: forbidden word %r in transcript" % (doc, fw))
        print("%s  %-10s words=%4d turns=%2d respondent=%2d" % (doc, fn, words, len(turns), nresp))
    if len(formats) < 4:
        problem("only %d different formats: %s" % (len(formats), sorted(formats)))

    # styles.csv
    styles = read_csv("styles.csv")
    got = {}
    for r in styles:
        d, s, why = r.get("doc_id"), r.get("style"), (r.get("rationale") or "").strip()
        if d not in DOCS:
            problem("styles.csv: unknown doc %r" % d)
            continue
        if d in got:
            problem("styles.csv: duplicate %s" % d)
        got[d] = (s, why)
        if s not in MIX:
            problem("styles.csv: %s has invalid style %r" % (d, s))
        if not why:
            problem("styles.csv: %s has no rationale" % d)
    for d in DOCS:
        if d not in got:
            problem("styles.csv: %s missing" % d)
    counts = {k: sum(1 for s, _ in got.values() if s == k) for k in MIX}
    if counts != MIX:
        problem("styles.csv: mix %s, want %s" % (counts, MIX))
    kinds = [why.lower() for s, why in got.values() if s == "onbepaald"]
    if not (any("mixed" in k for k in kinds) and any("too little evidence" in k for k in kinds)):
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    orient = read_csv("orientation.csv")
    keys = []
    for r in orient:
        d, o = r.get("doc_id"), r.get("orientation")
        try:
            ti = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem("orientation.csv: bad turn_index %r" % r)
            continue
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            problem("orientation.csv: %s/%d invalid orientation %r" % (d, ti, o))
        if d not in nturns:
            problem("orientation.csv: unknown doc %r" % d)
            continue
        if ti < 1 or ti > len(nturns[d]):
            problem("orientation.csv: %s turn %d out of range (1-%d)" % (d, ti, len(nturns[d])))
        elif nturns[d][ti - 1] != LABELS[d][1] or ti % 2:
            problem("orientation.csv: %s turn %d is not a respondent turn" % (d, ti))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    ids = read_csv("identifiers.csv")
    seen, per = set(), {d: 0 for d in DOCS}
    for r in ids:
        d, ident, typ = r.get("doc_id"), r.get("identifier") or "", r.get("type")
        if (d, ident) in seen:
            problem("identifiers.csv: duplicate %s %r" % (d, ident))
        seen.add((d, ident))
        if typ not in TYPES:
            problem("identifiers.csv: %s %r invalid type %r" % (d, ident, typ))
        if d not in texts:
            problem("identifiers.csv: unknown doc %r" % d)
            continue
        per[d] += 1
        if not ident or ident not in texts[d]:
            problem("identifiers.csv: %s %r does not occur verbatim" % (d, ident))
    for d in DOCS:
        if per[d] < 5:
            problem("identifiers.csv: %s has only %d identifiers" % (d, per[d]))

    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
