"""Check blind set GF: parses the built transcripts (standard library only).

Usage: python3 check.py     -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOC_IDS = [f"gf{i:02d}" for i in range(1, 7)]
# how each delivered transcript is read: kind, encoding, line ending, interviewer label, respondent label
FORMATS = {
    "gf01": ("docx", None, None, "Interviewer", "Respondent"),
    "gf02": ("txt", "cp1252", "\r\n", "I", "R"),
    "gf03": ("vtt", "utf-8", None, "Interviewer", "Hans Wolterink"),
    "gf04": ("srt", "utf-8", "\r\n", "Interviewer", "Ron"),
    "gf05": ("docx", None, None, "Lotte", "Joyce"),
    "gf06": ("ts", "utf-8", "\n", "Spreker 1", "Spreker 2"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "meer van de casus",
             "meer van het netwerk"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def label_re(labels):
    return re.compile(r"^(" + "|".join(re.escape(x) for x in labels) + r"):\s+(.*)$")


def parse(doc):
    """Return (full_text, [(role, text)]) for a delivered transcript."""
    kind, enc, eol, lab_i, lab_r = FORMATS[doc]
    ext = {"docx": "docx", "txt": "txt", "ts": "txt", "vtt": "vtt", "srt": "srt"}[kind]
    found = sorted(TR.glob(f"{doc}.*"))
    if len(found) != 1 or found[0].suffix != "." + ext:
        problem(f"{doc}: expected exactly one transcript {doc}.{ext}, found {[f.name for f in found]}")
        return "", []
    path = found[0]
    role = {lab_i: "I", lab_r: "R"}
    turns = []

    def add(r, text):
        text = text.strip()
        if turns and turns[-1][0] == r and kind in ("vtt", "srt"):
            turns[-1] = (r, turns[-1][1] + " " + text)   # a turn may span several cues
        else:
            turns.append((r, text))

    if kind == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: cannot read docx: {e}")
            return "", []
        full = "\n".join(paras)
        rx = label_re([lab_i, lab_r])
        started = False
        for p in paras:
            m = rx.match(p)
            if m:
                started = True
                add(role[m.group(1)], m.group(2))
            elif p.strip() and started:
                problem(f"{doc}: paragraph without speaker label after the first turn: {p[:50]}")
        return full, turns

    raw = path.read_bytes()
    try:
        full = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return "", []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: declared Windows-1252 but decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    if eol == "\r\n":
        if re.search(r"(?<!\r)\n", full):
            problem(f"{doc}: expected CRLF line endings throughout")
    elif eol == "\n" and "\r" in full:
        problem(f"{doc}: unexpected CR characters")
    lines = full.replace("\r\n", "\n").split("\n")

    if kind == "txt":
        rx = label_re([lab_i, lab_r])
        started = False
        for ln in lines:
            m = rx.match(ln)
            if m:
                started = True
                add(role[m.group(1)], m.group(2))
            elif ln.strip() and started:
                problem(f"{doc}: line without speaker label after the first turn: {ln[:50]}")
    elif kind == "ts":
        rx = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" + re.escape(lab_i) + "|" + re.escape(lab_r) + r"):\s+(.*)$")
        started, last = False, -1
        for ln in lines:
            m = rx.match(ln)
            if m:
                started = True
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last:
                    problem(f"{doc}: timestamps go backwards at {ln[:20]}")
                last = t
                add(role[m.group(4)], m.group(5))
            elif ln.strip() and started:
                problem(f"{doc}: line without timestamp/speaker after the first turn: {ln[:50]}")
    elif kind == "vtt":
        if not lines or lines[0].strip() != "WEBVTT":
            problem(f"{doc}: missing WEBVTT signature")
        blocks = re.split(r"\n\s*\n", "\n".join(lines[1:]))
        trx = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$")
        vrx = re.compile(r"^<v ([^>]+)>(.*?)(</v>)?$")
        for b in blocks:
            bl = [x for x in b.split("\n") if x.strip()]
            if not bl or bl[0].startswith("NOTE"):
                continue
            i = 0
            if not trx.match(bl[0]):
                i = 1
            if i >= len(bl) or not trx.match(bl[i]):
                problem(f"{doc}: vtt block without timing: {bl[:2]}")
                continue
            text = " ".join(bl[i + 1:])
            m = vrx.match(text)
            if not m or m.group(1) not in role:
                problem(f"{doc}: cue without known voice tag: {text[:50]}")
                continue
            add(role[m.group(1)], m.group(2))
    elif kind == "srt":
        blocks = re.split(r"\n\s*\n", "\n".join(lines).strip())
        trx = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")
        rx = label_re([lab_i, lab_r])
        expect = 1
        for b in blocks:
            bl = [x for x in b.split("\n") if x.strip()]
            if len(bl) < 3 or not bl[0].isdigit() or not trx.match(bl[1]):
                problem(f"{doc}: malformed srt cue: {bl[:2]}")
                continue
            if int(bl[0]) != expect:
                problem(f"{doc}: srt cue numbering jumps at {bl[0]}")
            expect = int(bl[0]) + 1
            m = rx.match(" ".join(bl[2:]))
            if not m:
                problem(f"{doc}: srt cue without speaker: {bl[2][:50]}")
                continue
            add(role[m.group(1)], m.group(2))
    return full, turns


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}, is {rows[:1]}")
        return []
    return rows[1:]


def main():
    parsed = {}
    for doc in DOC_IDS:
        full, turns = parse(doc)
        parsed[doc] = (full, turns)
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (r, _t) in enumerate(turns, 1):
            if r != ("I" if i % 2 else "R"):
                problem(f"{doc}: turn {i} is {r}; turns must alternate starting with the interviewer")
                break
        n_r = sum(1 for r, _ in turns if r == "R")
        if not 10 <= n_r <= 45:
            problem(f"{doc}: {n_r} respondent turns (need 10-45)")
        n_words = sum(len(t.split()) for _r, t in turns)
        if not 1500 <= n_words <= 2600:
            problem(f"{doc}: {n_words} spoken words (need 1500-2600)")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden wording '{w}'")

    # styles
    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    sdocs = [r[0] for r in styles]
    if sorted(sdocs) != DOC_IDS or len(set(sdocs)) != len(sdocs):
        problem(f"styles.csv: doc ids {sdocs} should be exactly {DOC_IDS}")
    count = {"casusgericht": 0, "netwerkgericht": 0, "onbepaald": 0}
    kinds = set()
    for r in styles:
        if len(r) != 3 or r[1] not in count or not r[2].strip():
            problem(f"styles.csv: bad row {r}")
            continue
        count[r[1]] += 1
        if r[1] == "onbepaald":
            low = r[2].lower()
            if "mixed" in low:
                kinds.add("mixed")
            if "too little evidence" in low:
                kinds.add("too little evidence")
    if count != {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}:
        problem(f"styles.csv: mix is {count}, want 2/2/2")
    if kinds != {"mixed", "too little evidence"}:
        problem(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence', got {kinds}")

    # orientation
    ori = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in ori:
        if len(r) != 3 or r[0] not in DOC_IDS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        k = (r[0], int(r[1]))
        keys.append(k)
        turns = parsed[r[0]][1]
        if k[1] % 2 or k[1] < 2 or k[1] > len(turns) or turns[k[1] - 1][0] != "R":
            problem(f"orientation.csv: {r} does not point at a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(set(keys)) != len(keys):
        problem("orientation.csv: duplicate rows")

    # identifiers
    ids = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), {d: 0 for d in DOC_IDS}
    for r in ids:
        if len(r) != 3 or r[0] not in DOC_IDS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[1] not in parsed[r[0]][0]:
            problem(f"identifiers.csv: {r[1]!r} does not occur verbatim in {r[0]}")
    for d, n in per_doc.items():
        if n < 5:
            problem(f"{d}: only {n} identifiers (need at least 5)")

    # formats
    exts = {f.suffix for f in TR.glob("gf*.*")}
    if len(exts) < 4:
        problem(f"only {len(exts)} different file formats: {exts}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
