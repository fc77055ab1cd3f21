"""Check set LO against the brief, using the BUILT transcripts (standard library only).

Run: python3 check.py   (prints OK, or the problems and exits with status 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
# doc_id -> (interviewer label, respondent label)
LABELS = {
    "lo01": ("I", "R"),
    "lo02": ("Joris", "Sandra"),
    "lo03": ("Marloes", "Hanneke"),
    "lo04": ("Interviewer", "Respondent"),
    "lo05": ("Spreker 1", "Spreker 2"),
    "lo06": ("Thijs", "Yvonne"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode_text(raw, doc_id):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem("%s: not readable as UTF-8 or Windows-1252" % doc_id)
        return None, None


def turns_from_lines(lines, labels, ts=False):
    """Turns from label-prefixed lines; lines before the first turn are header."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\] )?(%s): (.*)$" % "|".join(re.escape(l) for l in labels))
    turns, header = [], []
    for line in lines:
        line = line.rstrip("\r")
        if not line.strip():
            continue
        m = pat.match(line)
        if m and (not ts or line.startswith("[")):
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line)
    return turns, header


def read_docx(path, doc_id):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa
        problem("%s: unreadable docx (%s)" % (doc_id, e))
        return None
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def parse_srt(text, labels):
    turns = []
    blocks = re.split(r"\r?\n\r?\n", text.strip())
    pat = re.compile(r"^(%s): (.*)$" % "|".join(re.escape(l) for l in labels), re.S)
    for b in blocks:
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem("srt: malformed cue %r" % b[:40])
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if not m:
            problem("srt: cue without speaker %r" % body[:40])
            continue
        if turns and turns[-1][0] == m.group(1):
            turns[-1][1] += " " + m.group(2)
        else:
            turns.append([m.group(1), m.group(2)])
    return turns


def parse_vtt(text):
    if not text.startswith("WEBVTT"):
        problem("vtt: missing WEBVTT")
    turns = []
    for b in re.split(r"\n\n+", text.strip()):
        lines = b.splitlines()
        if not lines or lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        if "-->" not in lines[0]:
            problem("vtt: malformed cue %r" % b[:40])
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m:
            problem("vtt: cue without voice tag %r" % body[:40])
            continue
        who, said = m.group(1), m.group(2).replace("</v>", "").strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def load(doc_id):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        problem("%s: expected one transcript, found %s" % (doc_id, files))
        return None, None, None
    path = os.path.join(TR, files[0])
    ext = os.path.splitext(path)[1].lower()
    labels = LABELS[doc_id]
    if ext == ".docx":
        paras = read_docx(path, doc_id)
        if paras is None:
            return None, None, ext
        turns, _ = turns_from_lines(paras, labels)
        return turns, "\n".join(paras), ext
    with open(path, "rb") as f:
        raw = f.read()
    text, enc = decode_text(raw, doc_id)
    if text is None:
        return None, None, ext
    if ext == ".txt":
        ts = labels[0].startswith("Spreker")
        turns, _ = turns_from_lines(text.split("\n"), labels, ts=ts)
    elif ext == ".srt":
        turns = parse_srt(text, labels)
    elif ext == ".vtt":
        turns = parse_vtt(text)
    else:
        problem("%s: unknown format %s" % (doc_id, ext))
        return None, None, ext
    return turns, text, ext


def read_csv(name):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        problem("missing %s" % name)
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    docs = {}
    exts = set()
    for doc_id in LABELS:
        turns, text, ext = load(doc_id)
        exts.add(ext)
        if turns is None:
            continue
        ilab, rlab = LABELS[doc_id]
        for i, (who, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if who != want:
                problem("%s: turn %d is %r, expected %r (no strict alternation)" % (doc_id, i, who, want))
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for w, _ in turns if w == rlab)
        if not WORDS[0] <= words <= WORDS[1]:
            problem("%s: %d spoken words, outside %s" % (doc_id, words, WORDS))
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem("%s: %d respondent turns, outside %s" % (doc_id, nresp, RESP_TURNS))
        if FORBIDDEN.search(" ".join(t for _, t in turns)):
            problem("%s: forbidden label word in the spoken text" % doc_id)
        docs[doc_id] = (turns, text)
    if len(exts - {None}) < 4:
        problem("fewer than four formats: %s" % sorted(e for e in exts if e))

    # styles.csv
    styles = read_csv("styles.csv")
    seen = {}
    for r in styles:
        if r.get("doc_id") in seen:
            problem("styles.csv: duplicate %s" % r.get("doc_id"))
        seen[r.get("doc_id")] = r.get("style")
        if r.get("style") not in MIX:
            problem("styles.csv: bad style %r" % r.get("style"))
        if not (r.get("rationale") or "").strip():
            problem("styles.csv: empty rationale for %s" % r.get("doc_id"))
    if set(seen) != set(LABELS):
        problem("styles.csv: docs %s, expected %s" % (sorted(seen), sorted(LABELS)))
    for s, n in MIX.items():
        if list(seen.values()).count(s) != n:
            problem("styles.csv: %d x %s, expected %d" % (list(seen.values()).count(s), s, n))

    # orientation.csv
    rows = read_csv("orientation.csv")
    keys = []
    for r in rows:
        d, o = r.get("doc_id"), r.get("orientation")
        try:
            i = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem("orientation.csv: bad turn_index %r" % r)
            continue
        keys.append((d, i))
        if o not in ("casus", "netwerk"):
            problem("orientation.csv: bad orientation %r" % o)
        if d not in docs:
            problem("orientation.csv: unknown doc %r" % d)
            continue
        turns = docs[d][0]
        if not 1 <= i <= len(turns) or turns[i - 1][0] != LABELS[d][1]:
            problem("orientation.csv: %s turn %d is not a respondent turn" % (d, i))
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    ids = read_csv("identifiers.csv")
    count = {}
    pairs = set()
    for r in ids:
        d, s, t = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (d, s) in pairs:
            problem("identifiers.csv: duplicate %s %r" % (d, s))
        pairs.add((d, s))
        if t not in TYPES:
            problem("identifiers.csv: bad type %r" % t)
        if d not in docs:
            problem("identifiers.csv: unknown doc %r" % d)
            continue
        if not s or s not in docs[d][1]:
            problem("identifiers.csv: %s %r does not occur verbatim" % (d, s))
        count[d] = count.get(d, 0) + 1
    for d in LABELS:
        if count.get(d, 0) < 5:
            problem("identifiers.csv: %s has only %d identifiers" % (d, count.get(d, 0)))

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
