#!/usr/bin/env python3
"""Check set IV: parses the BUILT transcripts (not src/) and the three csv files.

Standard library only. Prints OK, or the list of problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

DOCS = ["iv01", "iv02", "iv03", "iv04", "iv05", "iv06"]
EXPECTED_STYLE = {
    "iv01": "netwerkgericht",
    "iv02": "casusgericht",
    "iv03": "onbepaald",
    "iv04": "casusgericht",
    "iv05": "netwerkgericht",
    "iv06": "onbepaald",
}
ONBEPAALD_KIND = {"iv03": "mixed", "iv06": "too little evidence"}
# (interviewer label, respondent label, expected text encoding or None)
SPEAKERS = {
    "iv01": ("Femke", "Jolanda", None),
    "iv02": ("Spreker 1", "Spreker 2", "cp1252"),
    "iv03": ("Pieter Lambregts", "Hanneke Schellekens", "utf-8"),
    "iv04": ("Esther", "Wim", "utf-8"),
    "iv05": ("I", "R", "utf-8"),
    "iv06": ("Interviewer", "Respondent", None),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ---------------- transcript readers ----------------

def read_docx(path):
    """Return (full_text, paragraphs, first_label_bold)."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras, bold_flags = [], []
    for p in root.iter(W + "p"):
        texts, first_bold = [], None
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            if not t:
                continue
            if first_bold is None:
                rpr = r.find(W + "rPr")
                first_bold = rpr is not None and rpr.find(W + "b") is not None
            texts.append(t)
        paras.append("".join(texts))
        bold_flags.append(first_bold)
    return "\n".join(paras), paras, bold_flags


def turns_from_lines(doc, lines, labels, ts_prefix=False):
    """Lines -> (header_lines, turns[(speaker, text)]); each turn on one line."""
    il, rl = labels
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(%s|%s):\s+(.*)$" % (re.escape(il), re.escape(rl)))
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            if ts_prefix and not m.group(1):
                problem("%s: turn without timestamp: %r" % (doc, ln[:50]))
            turns.append(("I" if m.group(2) == il else "R", m.group(3).strip()))
        elif turns:
            problem("%s: line after the first turn that is not a turn: %r" % (doc, ln[:60]))
        else:
            header.append(ln)
    return header, turns


def read_vtt(doc, text, labels):
    il, rl = labels
    if not text.startswith("WEBVTT"):
        problem("%s: vtt does not start with WEBVTT" % doc)
    turns = []
    blocks = re.split(r"\n\s*\n", text.strip())
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if "-->" in lines[0]:
            timing, body = lines[0], lines[1:]
        elif len(lines) > 1 and "-->" in lines[1]:
            timing, body = lines[1], lines[2:]
        else:
            problem("%s: vtt block without timing: %r" % (doc, lines[0][:40]))
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", timing):
            problem("%s: bad vtt timing %r" % (doc, timing))
        cue = " ".join(body)
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m:
            problem("%s: vtt cue without voice tag: %r" % (doc, cue[:40]))
            continue
        name, t = m.group(1).strip(), m.group(2).strip()
        if name not in (il, rl):
            problem("%s: unknown voice %r" % (doc, name))
            continue
        sp = "I" if name == il else "R"
        if turns and turns[-1][0] == sp:
            turns[-1] = (sp, turns[-1][1] + " " + t)
        else:
            turns.append((sp, t))
    return turns


def read_srt(doc, text, labels):
    il, rl = labels
    pat = re.compile(r"^(%s|%s):\s+(.*)$" % (re.escape(il), re.escape(rl)))
    turns = []
    expect = 1
    for b in re.split(r"\n\s*\n", text.strip()):
        lines = b.split("\n")
        if len(lines) < 3:
            problem("%s: short srt block %r" % (doc, b[:40]))
            continue
        if lines[0].strip() != str(expect):
            problem("%s: srt numbering %r, expected %d" % (doc, lines[0], expect))
        expect += 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1].strip()):
            problem("%s: bad srt timing %r" % (doc, lines[1]))
        cue = " ".join(l.strip() for l in lines[2:])
        m = pat.match(cue)
        if not m:
            problem("%s: srt cue without speaker: %r" % (doc, cue[:40]))
            continue
        sp = "I" if m.group(1) == il else "R"
        if turns and turns[-1][0] == sp:
            turns[-1] = (sp, turns[-1][1] + " " + m.group(2).strip())
        else:
            turns.append((sp, m.group(2).strip()))
    return turns


def load(doc):
    """Return (full_text, turns, format_signature) or None."""
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        problem("%s: expected exactly one transcript, found %s" % (doc, files))
        return None
    fn = files[0]
    path = os.path.join(TR, fn)
    ext = fn.rsplit(".", 1)[1]
    il, rl, enc = SPEAKERS[doc]
    if ext == "docx":
        try:
            full, paras, bolds = read_docx(path)
        except Exception as e:  # noqa
            problem("%s: unreadable docx (%s)" % (doc, e))
            return None
        header, turns = turns_from_lines(doc, paras, (il, rl))
        bold = any(b for p, b in zip(paras, bolds) if re.match(r"^(%s|%s):" % (re.escape(il), re.escape(rl)), p))
        return full, turns, "docx-" + ("bold" if bold else "plain")
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode(enc or "utf-8")
    except UnicodeDecodeError as e:
        problem("%s: not readable as %s (%s)" % (doc, enc, e))
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem("%s: declared Windows-1252 but the file is valid UTF-8" % doc)
        except UnicodeDecodeError:
            pass
    crlf = b"\r\n" in raw
    if crlf and re.search(rb"[^\r]\n", raw):
        problem("%s: mixed line endings" % doc)
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        lines = text.split("\n")
        ts_prefix = bool(re.search(r"^\[\d\d:\d\d:\d\d\]", text, re.M))
        header, turns = turns_from_lines(doc, lines, (il, rl), ts_prefix)
        for h in header:
            if re.match(r"^[A-Z][\w .]{0,30}:\s", h) and not re.match(r"^(Respondent|Datum|Interviewer|Duur|Locatie):", h):
                problem("%s: header line looks like a turn: %r" % (doc, h[:50]))
        sig = "txt-%s-%s-%s" % (enc, "crlf" if crlf else "lf", "ts" if ts_prefix else "plain")
        return text, turns, sig
    if ext == "vtt":
        return text, read_vtt(doc, text, (il, rl)), "vtt"
    if ext == "srt":
        return text, read_srt(doc, text, (il, rl)), "srt-" + ("crlf" if crlf else "lf")
    problem("%s: unknown extension %s" % (doc, ext))
    return None


# ---------------- csv readers ----------------

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
    if not os.path.isdir(TR):
        print("missing transcripts/")
        return 1
    extra = [f for f in os.listdir(TR) if f.split(".")[0] not in DOCS]
    if extra:
        problem("unexpected files in transcripts/: %s" % extra)

    data, sigs = {}, set()
    for doc in DOCS:
        r = load(doc)
        if not r:
            continue
        full, turns, sig = r
        sigs.add(sig)
        data[doc] = (full, turns)
        if not turns:
            problem("%s: no turns found" % doc)
            continue
        for i, (sp, _) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if sp != want:
                problem("%s: turn %d is %s, expected %s (strict alternation, interviewer first)" % (doc, i + 1, sp, want))
                break
        nr = sum(1 for sp, _ in turns if sp == "R")
        if not 10 <= nr <= 45:
            problem("%s: %d respondent turns (10-45)" % (doc, nr))
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem("%s: %d spoken words (1500-2600)" % (doc, words))
        if FORBIDDEN.search(full):
            problem("%s: forbidden label word in transcript" % doc)
    if len(sigs) < 4:
        problem("only %d different transcript formats: %s" % (len(sigs), sorted(sigs)))

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem("styles.csv: bad row %r" % r)
            continue
        if r[0] in seen:
            problem("styles.csv: duplicate %s" % r[0])
        seen[r[0]] = r
        if r[0] not in EXPECTED_STYLE:
            problem("styles.csv: unknown doc %s" % r[0])
            continue
        if r[1] != EXPECTED_STYLE[r[0]]:
            problem("styles.csv: %s is %s, requested mix says %s" % (r[0], r[1], EXPECTED_STYLE[r[0]]))
        if not r[2].strip():
            problem("styles.csv: empty rationale for %s" % r[0])
        if r[0] in ONBEPAALD_KIND and ONBEPAALD_KIND[r[0]] not in r[2].lower():
            problem("styles.csv: rationale of %s should name the kind (%s)" % (r[0], ONBEPAALD_KIND[r[0]]))
    for d in DOCS:
        if d not in seen:
            problem("styles.csv: missing %s" % d)

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem("orientation.csv: bad row %r" % r)
            continue
        k = (r[0], int(r[1]))
        keys.append(k)
        if r[0] not in data:
            continue
        turns = data[r[0]][1]
        i = int(r[1])
        if not 1 <= i <= len(turns):
            problem("orientation.csv: %s turn %d out of range" % k)
        elif turns[i - 1][0] != "R":
            problem("orientation.csv: %s turn %d is not a respondent turn" % k)
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    count, seen_id = {}, set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem("identifiers.csv: bad row %r" % r)
            continue
        if (r[0], r[1]) in seen_id:
            problem("identifiers.csv: duplicate %r" % r[:2])
        seen_id.add((r[0], r[1]))
        count[r[0]] = count.get(r[0], 0) + 1
        if r[0] in data and r[1] not in data[r[0]][0]:
            problem("identifiers.csv: %s %r not found verbatim in the transcript" % (r[0], r[1]))
    for d in DOCS:
        if count.get(d, 0) < 5:
            problem("identifiers.csv: %s has %d identifiers (at least 5)" % (d, count.get(d, 0)))

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
