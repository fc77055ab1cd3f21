#!/usr/bin/env python3
"""Check setJT: parses the BUILT transcripts (not src/) with the standard library only.

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = ["jt01", "jt02", "jt03", "jt04", "jt05", "jt06"]
# expected speaker labels (interviewer, respondent), encoding and line ending per document
EXPECT = {
    "jt01": ("Marloes", "Henk", "docx", None, None),
    "jt02": ("I", "R", "txt", "cp1252", "crlf"),
    "jt03": ("Ilham", "Soufiane", "vtt", "utf-8", None),
    "jt04": ("Interviewer", "Rakesh", "srt", "utf-8", "crlf"),
    "jt05": ("Spreker 1", "Spreker 2", "txt", "utf-8", "lf"),
    "jt06": ("Interviewer", "Respondent", "docx", None, None),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
LABEL_RE = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([^:\[\]<>]{1,40}?):\s+(.*)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def labelled_lines(lines, speakers):
    """Turn-per-line formats (txt, docx). Lines before the first speaker label are header;
    afterwards every non-empty line must start with one of the two speaker labels."""
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = LABEL_RE.match(ln.strip())
        if m and m.group(2).strip() in speakers:
            started = True
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif not started:
            continue  # header / metadata
        else:
            turns[-1][1] += " " + ln.strip()  # wrapped continuation line
    return turns


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def cues(text, is_vtt):
    blocks = re.split(r"\n\s*\n", text.strip())
    out = []
    for b in blocks:
        ls = b.split("\n")
        if is_vtt and (ls[0].startswith("WEBVTT") or ls[0].startswith("NOTE")):
            continue
        i = 0
        if not is_vtt and ls[0].strip().isdigit():
            i = 1
        if i >= len(ls) or "-->" not in ls[i]:
            bad("cue without timing: %r" % b[:40])
            continue
        out.append(" ".join(l.strip() for l in ls[i + 1:]))
    return out


def parse(doc, path):
    iv, rs, fmt, enc, nl = EXPECT[doc]
    speakers = {iv, rs}
    raw = path.read_bytes()
    if fmt == "docx":
        paras = read_docx(path)
        full = "\n".join(paras)
        turns = labelled_lines(paras, speakers)
    else:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            bad("%s: not readable as %s (%s)" % (doc, enc, e))
            return None, ""
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                bad("%s: expected Windows-1252 but file is valid UTF-8" % doc)
            except UnicodeDecodeError:
                pass
        if nl == "crlf" and (text.count("\n") != text.count("\r\n")):
            bad("%s: expected CRLF line endings throughout" % doc)
        if nl == "lf" and "\r" in text:
            bad("%s: unexpected CR characters" % doc)
        text = text.replace("\r\n", "\n")
        full = text
        if fmt == "txt":
            turns = labelled_lines(text.split("\n"), speakers)
        elif fmt == "vtt":
            if not text.startswith("WEBVTT"):
                bad("%s: missing WEBVTT signature" % doc)
            turns = []
            for c in cues(text, True):
                m = re.match(r"^<v ([^>]+)>(.*)$", c)
                if not m:
                    bad("%s: cue without voice tag: %r" % (doc, c[:40]))
                    continue
                sp, tx = m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()
                if turns and turns[-1][0] == sp:
                    turns[-1][1] += " " + tx
                else:
                    turns.append([sp, tx])
        else:  # srt
            turns = []
            nums = [b.split("\n")[0].strip() for b in re.split(r"\n\s*\n", text.strip())]
            if nums != [str(i) for i in range(1, len(nums) + 1)]:
                bad("%s: srt cues not numbered 1..n" % doc)
            for c in cues(text, False):
                m = LABEL_RE.match(c)
                if not m:
                    bad("%s: srt cue without speaker: %r" % (doc, c[:40]))
                    continue
                sp, tx = m.group(2).strip(), m.group(3).strip()
                if turns and turns[-1][0] == sp:
                    turns[-1][1] += " " + tx
                else:
                    turns.append([sp, tx])
    labels = Counter(sp for sp, _ in turns)
    if set(labels) != speakers:
        bad("%s: speakers found %s, expected %s" % (doc, dict(labels), sorted(speakers)))
    for i, (sp, _) in enumerate(turns):
        want = iv if i % 2 == 0 else rs
        if sp != want:
            bad("%s: turn %d is %r, expected %r (turns must alternate, interviewer first)" % (doc, i + 1, sp, want))
            break
    return turns, full


def main():
    info = {}
    for doc in DOCS:
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            bad("%s: expected exactly one transcript, found %s" % (doc, [f.name for f in files]))
            continue
        ext = files[0].suffix[1:]
        if ext != EXPECT[doc][2]:
            bad("%s: format %s, expected %s" % (doc, ext, EXPECT[doc][2]))
        turns, full = parse(doc, files[0])
        if turns is None:
            continue
        words = sum(len(t.split()) for _, t in turns)
        rturns = sum(1 for i in range(len(turns)) if i % 2 == 1)
        if not WORDS[0] <= words <= WORDS[1]:
            bad("%s: %d spoken words, outside %d-%d" % (doc, words, *WORDS))
        if not RTURNS[0] <= rturns <= RTURNS[1]:
            bad("%s: %d respondent turns, outside %d-%d" % (doc, rturns, *RTURNS))
        info[doc] = (turns, full, words, rturns, ext)
    formats = {v[4] for v in info.values()}
    if len(formats) < 4:
        bad("only %d different formats: %s" % (len(formats), sorted(formats)))

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if [r["doc_id"] for r in rows] != DOCS:
        bad("styles.csv: doc ids %s, expected %s" % ([r["doc_id"] for r in rows], DOCS))
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != MIX:
        bad("styles.csv: mix %s, expected %s" % (dict(mix), MIX))
    kinds = Counter()
    for r in rows:
        if not r.get("rationale", "").strip():
            bad("styles.csv: %s has no rationale" % r["doc_id"])
        if r["style"] == "onbepaald":
            low = r["rationale"].lower()
            if "mixed" in low:
                kinds["mixed"] += 1
            elif "too little evidence" in low:
                kinds["little"] += 1
            else:
                bad("styles.csv: %s onbepaald without kind" % r["doc_id"])
    if kinds != Counter({"mixed": 1, "little": 1}):
        bad("styles.csv: onbepaald kinds %s, expected one mixed and one too little evidence" % dict(kinds))

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        doc, idx, o = r["doc_id"], r["turn_index"], r["orientation"]
        if o not in ("casus", "netwerk"):
            bad("orientation.csv: bad orientation %r" % o)
        if doc not in info:
            bad("orientation.csv: unknown doc %s" % doc)
            continue
        i = int(idx)
        n = len(info[doc][0])
        if not (1 <= i <= n) or i % 2 != 0:
            bad("orientation.csv: %s turn %d is not a respondent turn (doc has %d turns)" % (doc, i, n))
        keys.append((DOCS.index(doc), i))
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        bad("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    seen, count = set(), Counter()
    for r in irows:
        doc, s, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            bad("identifiers.csv: bad type %r" % typ)
        if (doc, s) in seen:
            bad("identifiers.csv: duplicate %s %r" % (doc, s))
        seen.add((doc, s))
        count[doc] += 1
        if doc in info and s not in info[doc][1]:
            bad("identifiers.csv: %s %r does not occur verbatim in the transcript" % (doc, s))
    for doc in DOCS:
        if count[doc] < 5:
            bad("identifiers.csv: %s has only %d identifiers" % (doc, count[doc]))

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")
    for doc in DOCS:
        t = info[doc]
        print("  %s  %-4s  %4d words  %2d respondent turns  %2d identifiers" % (doc, t[4], t[2], t[3], count[doc]))


if __name__ == "__main__":
    main()
