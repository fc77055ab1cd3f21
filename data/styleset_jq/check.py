#!/usr/bin/env python3
"""Check the built setJQ transcripts and csv files (standard library only).

Parses the transcripts in transcripts/ (not the sources), prints OK or the
problems and exits with status 1 on problems.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# Expected delivery per document: extension, encoding, speaker labels.
EXPECT = {
    "jq01": dict(ext="docx", ilabel="Femke", rlabel="Ruud"),
    "jq02": dict(ext="txt", enc="cp1252", crlf=True, ilabel="I", rlabel="R"),
    "jq03": dict(ext="vtt", enc="utf-8", ilabel="Noor Haddou", rlabel="Joost Brandsma"),
    "jq04": dict(ext="srt", enc="utf-8", crlf=True, ilabel="Bram", rlabel="Marga"),
    "jq05": dict(ext="txt", enc="utf-8", ilabel="Spreker 1", rlabel="Spreker 2", ts=True),
    "jq06": dict(ext="docx", ilabel="Interviewer", rlabel="Respondent"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "interviewer", "duur", "locatie",
             "opname", "uitgewerkt door", "spreker 1", "spreker 2"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    alt = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(%s):\s+(.*)$" % alt)


def header_check(doc, lines):
    for line in lines:
        m = re.match(r"^\s*([A-Za-zÀ-ÿ][\w .'-]{0,30}):\s+\S", line)
        if m and m.group(1).strip().lower() not in META_KEYS:
            problem("%s: header line looks like a speaker turn: %r" % (doc, line[:60]))


# ------------------------------------------------------------------ parsers
def parse_docx(path, exp):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml")
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter("{%s}p" % ns["w"]):
        text = "".join(t.text or "" for t in p.iter("{%s}t" % ns["w"]))
        paras.append(text)
    full = "\n".join(paras)
    lre = label_re([exp["ilabel"], exp["rlabel"]])
    turns, header, started = [], [], False
    for text in paras:
        m = lre.match(text.strip())
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif not started:
            if text.strip():
                header.append(text)
        elif text.strip():
            turns[-1][1] += " " + text.strip()
    return full, header, turns


def decode(path, exp, doc):
    raw = open(path, "rb").read()
    enc = exp.get("enc", "utf-8")
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem("%s: not readable as %s: %s" % (doc, enc, e))
        text = raw.decode(enc, errors="replace")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem("%s: expected Windows-1252 but file is valid UTF-8" % doc)
        except UnicodeDecodeError:
            pass
    if exp.get("crlf") and "\r\n" not in text:
        problem("%s: expected CRLF line endings" % doc)
    if exp.get("crlf") and re.search(r"(?<!\r)\n", text):
        problem("%s: mixed line endings" % doc)
    if "\ufffd" in text:
        problem("%s: replacement characters in text" % doc)
    return text


def parse_txt(text, exp):
    lines = text.replace("\r\n", "\n").split("\n")
    if exp.get("ts"):
        alt = "|".join(re.escape(l) for l in (exp["ilabel"], exp["rlabel"]))
        lre = re.compile(r"^\[\d{2}:\d{2}:\d{2}\]\s+(%s):\s+(.*)$" % alt)
    else:
        lre = label_re([exp["ilabel"], exp["rlabel"]])
    turns, header, started = [], [], False
    for line in lines:
        m = lre.match(line.strip())
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif not started:
            if line.strip():
                header.append(line)
        elif line.strip():
            turns[-1][1] += " " + line.strip()
    return header, turns


def blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if b.strip()]


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_vtt(text, doc):
    bl = blocks(text)
    if not bl or not bl[0].startswith("WEBVTT"):
        problem("%s: missing WEBVTT signature" % doc)
    header, cues = [], []
    for b in bl[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += lines[1:]
            continue
        tl = [i for i, l in enumerate(lines) if "-->" in l]
        if not tl:
            problem("%s: vtt block without timing: %r" % (doc, b[:40]))
            continue
        body = " ".join(lines[tl[0] + 1:]).strip()
        m = re.match(r"^<v\s+([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            problem("%s: vtt cue without voice tag: %r" % (doc, body[:40]))
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def parse_srt(text, exp, doc):
    lre = label_re([exp["ilabel"], exp["rlabel"]])
    cues, expected_no = [], 1
    for b in blocks(text):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem("%s: malformed srt block: %r" % (doc, b[:40]))
            continue
        if int(lines[0]) != expected_no:
            problem("%s: srt numbering jumps at %s" % (doc, lines[0]))
        expected_no = int(lines[0]) + 1
        body = " ".join(lines[2:]).strip()
        m = lre.match(body)
        if not m:
            problem("%s: srt cue without speaker name: %r" % (doc, body[:40]))
            continue
        cues.append((m.group(1), m.group(2)))
    return [], merge(cues)


# ------------------------------------------------------------------ checks
def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def main():
    docs = {}
    for doc, exp in EXPECT.items():
        files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
        if len(files) != 1:
            problem("%s: expected exactly one transcript, found %s" % (doc, files))
            continue
        fn = files[0]
        path = os.path.join(TDIR, fn)
        if not fn.endswith("." + exp["ext"]):
            problem("%s: unexpected extension %s" % (doc, fn))
        if exp["ext"] == "docx":
            try:
                full, header, turns = parse_docx(path, exp)
            except Exception as e:  # noqa
                problem("%s: docx unreadable: %s" % (doc, e))
                continue
        else:
            full = decode(path, exp, doc)
            if exp["ext"] == "txt":
                header, turns = parse_txt(full, exp)
            elif exp["ext"] == "vtt":
                header, turns = parse_vtt(full, doc)
            else:
                header, turns = parse_srt(full, exp, doc)
        header_check(doc, header)
        if not turns:
            problem("%s: no turns found" % doc)
            continue
        speakers = {t[0] for t in turns}
        if speakers != {exp["ilabel"], exp["rlabel"]}:
            problem("%s: speakers %s" % (doc, sorted(speakers)))
        if turns[0][0] != exp["ilabel"]:
            problem("%s: first turn is not the interviewer" % doc)
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem("%s: turns %d and %d by the same speaker" % (doc, i, i + 1))
        for i, (spk, _) in enumerate(turns, start=1):
            want = exp["ilabel"] if i % 2 else exp["rlabel"]
            if spk != want:
                problem("%s: turn %d should be %s" % (doc, i, want))
                break
        nresp = sum(1 for t in turns if t[0] == exp["rlabel"])
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem("%s: %d respondent turns" % (doc, nresp))
        words = sum(nwords(t[1]) for t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem("%s: %d words of spoken text" % (doc, words))
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem("%s: forbidden word %r in transcript" % (doc, w))
        docs[doc] = dict(full=full, turns=turns, exp=exp, words=words, nresp=nresp)

    # styles.csv
    try:
        with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != sorted(EXPECT) or len(ids) != len(set(ids)):
            problem("styles.csv: doc ids %s" % ids)
        counts = {}
        for r in rows:
            if r["style"] not in MIX:
                problem("styles.csv: bad style %r" % r["style"])
            counts[r["style"]] = counts.get(r["style"], 0) + 1
            if not r.get("rationale", "").strip():
                problem("styles.csv: empty rationale for %s" % r["doc_id"])
            elif r["style"] == "onbepaald" and not re.search(
                    r"mixed|gemengd|too little evidence|te weinig", r["rationale"], re.I):
                problem("styles.csv: onbepaald rationale for %s must name its kind" % r["doc_id"])
        if counts != MIX:
            problem("styles.csv: mix %s, expected %s" % (counts, MIX))
    except (OSError, KeyError) as e:
        problem("styles.csv: %s" % e)

    # orientation.csv
    try:
        with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            head = next(reader)
            if head != ["doc_id", "turn_index", "orientation"]:
                problem("orientation.csv: header %s" % head)
            keys = []
            for row in reader:
                doc, idx, ori = row[0], int(row[1]), row[2]
                keys.append((doc, idx))
                if ori not in ("casus", "netwerk"):
                    problem("orientation.csv: bad orientation %s" % row)
                d = docs.get(doc)
                if d is None:
                    problem("orientation.csv: unknown doc %s" % doc)
                    continue
                if not 1 <= idx <= len(d["turns"]) or d["turns"][idx - 1][0] != d["exp"]["rlabel"]:
                    problem("orientation.csv: %s turn %d is not a respondent turn" % (doc, idx))
            if keys != sorted(keys):
                problem("orientation.csv: not sorted")
            if len(keys) != len(set(keys)):
                problem("orientation.csv: duplicates")
    except (OSError, ValueError, IndexError) as e:
        problem("orientation.csv: %s" % e)

    # identifiers.csv
    try:
        with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        per = {}
        seen = set()
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, ident) in seen:
                problem("identifiers.csv: duplicate %s %r" % (doc, ident))
            seen.add((doc, ident))
            per[doc] = per.get(doc, 0) + 1
            if typ not in TYPES:
                problem("identifiers.csv: bad type %s" % typ)
            d = docs.get(doc)
            if d is None:
                problem("identifiers.csv: unknown doc %s" % doc)
            elif ident not in d["full"]:
                problem("identifiers.csv: %s %r not found verbatim" % (doc, ident))
        for doc in EXPECT:
            if per.get(doc, 0) < 5:
                problem("identifiers.csv: %s has %d identifiers" % (doc, per.get(doc, 0)))
    except (OSError, KeyError) as e:
        problem("identifiers.csv: %s" % e)

    exts = {EXPECT[d]["ext"] + ("-ts" if EXPECT[d].get("ts") else "") for d in EXPECT}
    if len({EXPECT[d]["ext"] for d in EXPECT}) < 4:
        problem("fewer than four formats: %s" % exts)

    if "-v" in sys.argv:
        for doc, d in docs.items():
            print("%s words=%d respondent_turns=%d turns=%d" % (doc, d["words"], d["nresp"], len(d["turns"])))
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
