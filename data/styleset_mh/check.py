"""Check the setmh set against the brief, reading the BUILT transcripts (standard library only).

Usage: python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TRANS = ROOT / "transcripts"
DOCS = [f"mh{i:02d}" for i in range(1, 7)]
MIX = {"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]\n]{1,40}?):\s+(\S.*)$")
CUE_TIME = re.compile(r"^(\d\d:\d\d:\d\d[.,]\d{3}) --> (\d\d:\d\d:\d\d[.,]\d{3})")

problems = []


def problem(msg):
    problems.append(msg)


def decode(raw, name):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{name}: neither UTF-8 nor Windows-1252")
        return raw.decode("utf-8", "replace"), "broken"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def labelled_turns(lines, name):
    """Turns from 'Label: text' lines; the two most frequent labels are the speakers,
    other labelled lines are only allowed before the first turn (metadata)."""
    hits = [(i, LABEL.match(l.strip())) for i, l in enumerate(lines)]
    counts = Counter(m.group(2) for _, m in hits if m)
    speakers = {lab for lab, _ in counts.most_common(2)}
    turns, started = [], False
    for i, m in hits:
        line = lines[i].strip()
        if not line:
            continue
        if m and m.group(2) in speakers:
            started = True
            if turns and turns[-1][0] == m.group(2):
                problem(f"{name}: two consecutive turns by {m.group(2)} (line {i + 1})")
            turns.append([m.group(2), m.group(3)])
        elif started:
            if m:
                problem(f"{name}: unexpected label line after turns began: {line[:50]}")
            turns[-1][1] += " " + line
    return turns


def cue_turns(blocks, name, voice):
    turns = []
    for b in blocks:
        who, text = voice(b)
        if who is None:
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return turns


def read_vtt(text, name):
    if not text.startswith("WEBVTT"):
        problem(f"{name}: missing WEBVTT header")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]

    def voice(b):
        lines = b.strip().split("\n")
        idx = next((i for i, l in enumerate(lines) if CUE_TIME.match(l)), None)
        if idx is None:
            return None, None
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{name}: cue without voice tag: {body[:50]}")
            return None, None
        return m.group(1), m.group(2).strip()

    return cue_turns(blocks, name, voice)


def read_srt(text, name):
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]

    def voice(b):
        lines = b.strip().split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not CUE_TIME.match(lines[1]):
            problem(f"{name}: malformed srt block: {b[:50]!r}")
            return None, None
        body = " ".join(lines[2:])
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
        if not m:
            problem(f"{name}: srt cue without speaker: {body[:50]}")
            return None, None
        return m.group(1), m.group(2)

    return cue_turns(blocks, name, voice)


def load(doc):
    files = sorted(TRANS.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, None, None
    path = files[0]
    ext = path.suffix.lower()
    if ext == ".docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        turns = labelled_turns(paras, path.name)
        fmt = "docx"
    else:
        text, enc = decode(path.read_bytes(), path.name)
        text = text.replace("\r\n", "\n")
        full = text
        fmt = f"{ext[1:]} ({enc})"
        if ext == ".vtt":
            turns = read_vtt(text, path.name)
        elif ext == ".srt":
            turns = read_srt(text, path.name)
        elif ext == ".txt":
            turns = labelled_turns(text.split("\n"), path.name)
        else:
            problem(f"{path.name}: unknown format")
            return None, None, None
    return turns, full, fmt


def nwords(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def main():
    docs = {}
    formats = set()
    extra = {p.stem for p in TRANS.iterdir()} - set(DOCS) if TRANS.exists() else set()
    if extra:
        problem(f"unexpected transcripts: {sorted(extra)}")
    for doc in DOCS:
        turns, full, fmt = load(doc)
        if turns is None:
            continue
        formats.add(fmt)
        docs[doc] = (turns, full)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        labels = [t[0] for t in turns]
        first = labels[0]
        others = {l for l in labels if l != first}
        if len(others) != 1:
            problem(f"{doc}: expected two speakers, found {sorted(set(labels))}")
        for i, l in enumerate(labels):
            if (l == first) != (i % 2 == 0):
                problem(f"{doc}: turns do not alternate at turn {i + 1}")
                break
        # interviewer first: the first speaker's label must not look like the respondent
        if re.search(r"respondent|spreker 2|^r$", first, re.I):
            problem(f"{doc}: first turn is not the interviewer ({first})")
        n_resp = len(turns) // 2
        if not RESP_TURNS[0] <= n_resp <= RESP_TURNS[1]:
            problem(f"{doc}: {n_resp} respondent turns")
        n = sum(nwords(t[1]) for t in turns)
        if not WORDS[0] <= n <= WORDS[1]:
            problem(f"{doc}: {n} spoken words, outside {WORDS}")
        if BANNED.search(" ".join(t[1] for t in turns)):
            problem(f"{doc}: banned label word in spoken text")
    if len({f.split()[0] for f in formats}) < 4:
        problem(f"fewer than four formats: {sorted(formats)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "styles.csv", encoding="utf-8")))
        got = {r["doc_id"]: r for r in rows}
        if sorted(got) != DOCS or len(rows) != len(DOCS):
            problem(f"styles.csv: doc ids {sorted(got)}")
        mix = Counter(r["style"] for r in rows)
        if dict(mix) != MIX:
            problem(f"styles.csv: mix {dict(mix)} != {MIX}")
        for r in rows:
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: {r['doc_id']} without rationale")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "orientation.csv", encoding="utf-8")))
        keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicates")
        for r in rows:
            doc, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o}")
            if doc not in docs:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            turns = docs[doc][0]
            if ti % 2 != 0 or not 1 <= ti <= len(turns):
                problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    except (OSError, KeyError, ValueError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8")))
        seen = Counter((r["doc_id"], r["identifier"]) for r in rows)
        for k, c in seen.items():
            if c > 1:
                problem(f"identifiers.csv: duplicate {k}")
        per_doc = Counter(r["doc_id"] for r in rows)
        for doc in DOCS:
            if per_doc[doc] < 5:
                problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ}")
            if doc not in docs:
                problem(f"identifiers.csv: unknown doc {doc}")
                continue
            if ident not in docs[doc][1]:
                problem(f"identifiers.csv: {doc} '{ident}' not found verbatim")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
