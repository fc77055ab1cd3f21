#!/usr/bin/env python3
"""Check set JU: parses the BUILT transcripts (not the sources). Standard library only.

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["ju01", "ju02", "ju03", "ju04", "ju05", "ju06"]
# (interviewer label, respondent label) as they appear in each transcript
SPEAKERS = {
    "ju01": ("Lotte", "Gerard"),
    "ju02": ("I", "R"),
    "ju03": ("Eva Schuurman", "Ruben Sitaldin"),
    "ju04": ("Fleur", "Tineke"),
    "ju05": ("Spreker 1", "Spreker 2"),
    "ju06": ("Interviewer", "Respondent"),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WMIN, WMAX = 1500, 2600
RMIN, RMAX = 10, 45
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def label_re(doc):
    i, r = SPEAKERS[doc]
    return re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s+)?(%s|%s):\s+(.*)$" % (re.escape(i), re.escape(r)))


def lines_to_turns(doc, lines):
    """Generic labelled-line parser: header lines before the first turn, continuation lines appended."""
    rx = label_re(doc)
    turns, started = [], False
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            started = True
            turns.append([m.group(2), m.group(3)])
        elif started:
            turns[-1][1] += " " + s
    return turns


def read_docx(doc, path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras, bold_labels = [], 0
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            txt = "".join(t.text or "" for t in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            bold = rpr is not None and rpr.find(W + "b") is not None
            runs.append((txt, bold))
        text = "".join(t for t, _ in runs)
        if runs and runs[0][1] and runs[0][0].strip().rstrip(":") in SPEAKERS[doc]:
            bold_labels += 1
        paras.append(text)
    return "\n".join(paras), lines_to_turns(doc, paras)


def read_txt(doc, path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
        enc = "cp1252"
        if b"\r\n" not in raw:
            prob("%s: Windows-1252 file without CRLF line ends" % doc)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, lines_to_turns(doc, text.splitlines()), enc


def read_vtt(doc, path):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("WEBVTT"):
        prob("%s: VTT does not start with WEBVTT" % doc)
    turns = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            continue
        k = next((n for n, l in enumerate(lines) if "-->" in l), None)
        if k is None:
            prob("%s: VTT block without timing: %r" % (doc, lines[0][:40]))
            continue
        body = " ".join(lines[k + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            prob("%s: VTT cue without voice tag: %r" % (doc, body[:40]))
            continue
        who, said = m.group(1).strip(), re.sub(r"</v>\s*$", "", m.group(2)).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return text, turns


def read_srt(doc, path):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    rx = re.compile(r"^(%s|%s):\s+(.*)$" % tuple(re.escape(x) for x in SPEAKERS[doc]))
    turns = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        if not lines[0].strip().isdigit() or len(lines) < 3 or "-->" not in lines[1]:
            prob("%s: malformed SRT block: %r" % (doc, block[:40]))
            continue
        body = " ".join(lines[2:])
        m = rx.match(body)
        if m:
            if turns and turns[-1][0] == m.group(1):
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + body
        else:
            prob("%s: first SRT cue has no speaker" % doc)
    return text, turns


def main():
    fulltext, nturns, who_at = {}, {}, {}
    formats = set()
    for doc in DOCS:
        files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
        if len(files) != 1:
            prob("%s: expected exactly one transcript, found %s" % (doc, files))
            continue
        path = os.path.join(TDIR, files[0])
        ext = os.path.splitext(files[0])[1].lower()
        try:
            if ext == ".docx":
                text, turns = read_docx(doc, path)
                formats.add("docx")
            elif ext == ".txt":
                text, turns, enc = read_txt(doc, path)
                formats.add("txt-" + enc + ("-ts" if re.search(r"^\[\d\d:\d\d:\d\d\]", text, re.M) else ""))
            elif ext == ".vtt":
                text, turns = read_vtt(doc, path)
                formats.add("vtt")
            elif ext == ".srt":
                text, turns = read_srt(doc, path)
                formats.add("srt")
            else:
                prob("%s: unknown extension %s" % (doc, ext))
                continue
        except Exception as e:  # unreadable in its encoding / container
            prob("%s: cannot read %s: %s" % (doc, files[0], e))
            continue
        ilab, rlab = SPEAKERS[doc]
        fulltext[doc] = text
        nturns[doc] = len(turns)
        who_at[doc] = {}
        for n, (who, _) in enumerate(turns, 1):
            want = ilab if n % 2 else rlab
            if who != want:
                prob("%s: turn %d is %r, expected %r (no strict alternation)" % (doc, n, who, want))
                break
        for n, (who, _) in enumerate(turns, 1):
            who_at[doc][n] = "R" if who == rlab else "I"
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for w, _ in turns if w == rlab)
        if not WMIN <= words <= WMAX:
            prob("%s: %d spoken words, outside %d-%d" % (doc, words, WMIN, WMAX))
        if not RMIN <= nresp <= RMAX:
            prob("%s: %d respondent turns, outside %d-%d" % (doc, nresp, RMIN, RMAX))
        for bad in ("casusgericht", "netwerkgericht", "regiestijl"):
            if bad in text.lower():
                prob("%s: label word %r occurs in the transcript" % (doc, bad))
    if len(formats) < 4:
        prob("only %d different transcript formats: %s" % (len(formats), sorted(formats)))

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        seen = {}
        for r in rows:
            if r["doc_id"] in seen:
                prob("styles.csv: duplicate %s" % r["doc_id"])
            seen[r["doc_id"]] = r["style"]
            if r["style"] not in MIX:
                prob("styles.csv: bad style %r for %s" % (r["style"], r["doc_id"]))
            if not (r.get("rationale") or "").strip():
                prob("styles.csv: empty rationale for %s" % r["doc_id"])
        if sorted(seen) != sorted(DOCS):
            prob("styles.csv: doc ids %s, expected %s" % (sorted(seen), DOCS))
        counts = {s: list(seen.values()).count(s) for s in MIX}
        if counts != MIX:
            prob("styles.csv: mix %s, expected %s" % (counts, MIX))
    except (OSError, KeyError) as e:
        prob("styles.csv unreadable: %s" % e)

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        keys = []
        for r in rows:
            d, o = r["doc_id"], r["orientation"]
            try:
                i = int(r["turn_index"])
            except ValueError:
                prob("orientation.csv: bad turn_index %r" % r["turn_index"])
                continue
            keys.append((DOCS.index(d) if d in DOCS else 99, i))
            if d not in DOCS:
                prob("orientation.csv: unknown doc %s" % d)
                continue
            if o not in ("casus", "netwerk"):
                prob("orientation.csv: bad orientation %r (%s %d)" % (o, d, i))
            if who_at.get(d, {}).get(i) != "R":
                prob("orientation.csv: %s turn %d is not a respondent turn" % (d, i))
        if keys != sorted(keys):
            prob("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        prob("orientation.csv unreadable: %s" % e)

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        seen, per_doc = set(), {}
        for r in rows:
            d, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (d, ident) in seen:
                prob("identifiers.csv: duplicate %s %r" % (d, ident))
            seen.add((d, ident))
            per_doc[d] = per_doc.get(d, 0) + 1
            if typ not in TYPES:
                prob("identifiers.csv: bad type %r" % typ)
            if d not in fulltext:
                prob("identifiers.csv: unknown or unreadable doc %s" % d)
            elif ident not in fulltext[d]:
                prob("identifiers.csv: %s %r does not occur verbatim" % (d, ident))
        for d in DOCS:
            if per_doc.get(d, 0) < 5:
                prob("identifiers.csv: %s has fewer than 5 identifiers" % d)
    except (OSError, KeyError) as e:
        prob("identifiers.csv unreadable: %s" % e)

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
