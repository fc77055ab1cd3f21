"""Check set FL using the built transcripts (standard library only).

Usage: python3 check.py      prints OK, or the problems and exits with status 1.
"""
import csv
import glob
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
DOCS = [f"fl{i:02d}" for i in range(1, 7)]
INTERVIEWER = {"Interviewer", "I", "Spreker 1", "Femke Rouwhorst", "Bas"}
STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s+)?([A-Z][\w'-]*(?: [\w'-]+){0,2}):\s+(.*)$")


def turns_from_lines(lines, doc):
    """Paragraph/line based formats: 'Label: text', continuation lines appended."""
    turns, started = [], False
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            turns[-1][1] += " " + s
        # lines before the first turn are header lines
    return turns


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return "\n".join(paras), paras


def read_txt(path):
    raw = open(path, "rb").read()
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = raw.decode("cp1252"), "cp1252"
        if b"\r\n" not in raw or raw.count(b"\n") != raw.count(b"\r\n"):
            bad(f"{os.path.basename(path)}: cp1252 file without consistent CRLF line ends")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, enc


def parse_vtt(text, name):
    if not text.startswith("WEBVTT"):
        bad(f"{name}: does not start with WEBVTT")
    turns = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            bad(f"{name}: block without timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[ti + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad(f"{name}: cue without voice tag: {body[:40]}")
            continue
        who, txt = m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def parse_srt(text, name):
    turns = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{name}: malformed cue: {block[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = LABEL.match(body)
        if m:
            who, txt = m.group(1), m.group(2)
        elif turns:
            who, txt = turns[-1][0], body
        else:
            bad(f"{name}: first cue has no speaker")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def load(doc):
    files = [f for f in glob.glob(os.path.join(ROOT, "transcripts", doc + ".*"))]
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {len(files)}")
        return None, None
    path = files[0]
    name = os.path.basename(path)
    ext = os.path.splitext(path)[1].lower()
    try:
        if ext == ".docx":
            full, paras = read_docx(path)
            turns = turns_from_lines(paras, doc)
        elif ext == ".txt":
            full, _ = read_txt(path)
            turns = turns_from_lines(full.splitlines(), doc)
        elif ext == ".vtt":
            full = open(path, encoding="utf-8").read()
            turns = parse_vtt(full, name)
        elif ext == ".srt":
            full = open(path, encoding="utf-8").read()
            turns = parse_srt(full, name)
        else:
            bad(f"{name}: unknown extension")
            return None, None
    except Exception as e:  # unreadable
        bad(f"{name}: cannot read ({e})")
        return None, None
    return full, turns


def main():
    texts, nturns = {}, {}
    rturn = {}
    for doc in DOCS:
        full, turns = load(doc)
        if full is None:
            continue
        texts[doc] = full
        nturns[doc] = len(turns)
        speakers = []
        for t in turns:
            if t[0] not in speakers:
                speakers.append(t[0])
        if len(speakers) != 2:
            bad(f"{doc}: expected 2 speakers, found {speakers}")
            continue
        if speakers[0] not in INTERVIEWER:
            bad(f"{doc}: first speaker {speakers[0]!r} is not the interviewer")
        for i, t in enumerate(turns):
            if t[0] != speakers[i % 2]:
                bad(f"{doc}: turns do not alternate at turn {i + 1}")
                break
        rturn[doc] = {i + 1 for i in range(len(turns)) if turns[i][0] == speakers[1]}
        words = sum(len(t[1].split()) for t in turns)
        nr = len(rturn[doc])
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words outside {WORDS}")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns outside {RTURNS}")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {}
    for r in rows:
        if r["doc_id"] in got:
            bad(f"styles.csv: duplicate {r['doc_id']}")
        got[r["doc_id"]] = r
        if r["style"] not in STYLES:
            bad(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r["rationale"].strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(got) != set(DOCS):
        bad(f"styles.csv: docs {sorted(got)} != {DOCS}")
    for st, n in STYLES.items():
        c = sum(1 for r in rows if r["style"] == st)
        if c != n:
            bad(f"styles.csv: {c} x {st}, expected {n}")
    kinds = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if not (sum("mixed" in k for k in kinds) == 1 and sum("too little evidence" in k for k in kinds) == 1):
        bad("styles.csv: onbepaald should be one 'mixed' and one 'too little evidence'")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        d, o = r["doc_id"], r["orientation"]
        try:
            i = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((d, i))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r} ({d},{i})")
        if d not in rturn:
            bad(f"orientation.csv: unknown doc {d}")
        elif i not in rturn[d]:
            bad(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, count = set(), {d: 0 for d in DOCS}
    for r in rows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (d, ident) in seen:
            bad(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r} for {d} {ident!r}")
        if d not in texts:
            bad(f"identifiers.csv: unknown doc {d}")
            continue
        count[d] += 1
        if ident not in texts[d]:
            bad(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d, c in count.items():
        if c < 5:
            bad(f"identifiers.csv: {d} has only {c} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
