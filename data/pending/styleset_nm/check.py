"""Check the setnm deliverables against the built transcripts (standard library only).

Usage: python3 check.py      -> prints OK, or the problems and exits with status 1.
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
DOC_IDS = [f"nm0{i}" for i in range(1, 7)]

# (interviewer label, respondent label, encoding) as they appear in each built transcript
SPEAKERS = {
    "nm01": ("Interviewer", "Respondent", "utf-8"),
    "nm02": ("Lotte Kodde", "Henk-Jan Minderhoud", "utf-8"),
    "nm03": ("Spreker 1", "Spreker 2", "cp1252"),
    "nm04": ("Daan", "Anouk", "utf-8"),
    "nm05": ("I", "R", "utf-8"),
    "nm06": ("Femke", "Hamelink", "utf-8"),
}
WANT_MIX = Counter({"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2})
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def merge(raw):
    """raw: list of (speaker, text) segments -> turns with consecutive same speaker merged."""
    turns = []
    for spk, text in raw:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def label_lines(lines, labels, doc_id, stamp=False):
    alt = "|".join(re.escape(l) for l in labels)
    rx = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(%s):\s*(.*)$" % alt)
    raw, started = [], False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            raw.append([m.group(1), m.group(2)])
            started = True
        elif started:
            raw[-1][1] += " " + line
        # lines before the first turn are header lines
    if stamp:
        for line in lines:
            if rx.match(line.strip()) and not line.startswith("["):
                problem(f"{doc_id}: turn line without timestamp: {line[:50]}")
    return [tuple(t) for t in raw]


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def parse(doc_id, path):
    ilab, rlab, enc = SPEAKERS[doc_id]
    labels = (ilab, rlab)
    ext = path.suffix
    if ext == ".docx":
        paras = read_docx(path)
        return "\n".join(paras), label_lines(paras, labels, doc_id)
    data = path.read_bytes()
    if enc == "cp1252":
        try:
            data.decode("utf-8")
            problem(f"{doc_id}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in data:
            problem(f"{doc_id}: expected CRLF line ends")
    text = data.decode(enc)
    if text.startswith("\ufeff"):
        text = text[1:]
    if ext == ".txt":
        return text, label_lines(text.splitlines(), labels, doc_id,
                                 stamp=text.lstrip().startswith("Transcript") or "[00:" in text)
    if ext == ".vtt":
        if not text.startswith("WEBVTT"):
            problem(f"{doc_id}: vtt does not start with WEBVTT")
        raw = []
        for block in re.split(r"\r?\n\s*\r?\n", text):
            lines = block.strip().splitlines()
            if not lines or lines[0].startswith(("WEBVTT", "NOTE")):
                continue
            ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
            if ti is None:
                problem(f"{doc_id}: vtt block without timing: {lines[0][:40]}")
                continue
            cue = " ".join(lines[ti + 1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
            if not m:
                problem(f"{doc_id}: vtt cue without voice tag: {cue[:40]}")
                continue
            if m.group(1) not in labels:
                problem(f"{doc_id}: unknown voice {m.group(1)}")
            raw.append((m.group(1), m.group(2)))
        return text, [tuple(t) for t in merge(raw)]
    if ext == ".srt":
        raw = []
        for block in re.split(r"\r?\n\s*\r?\n", text.strip()):
            lines = block.strip().splitlines()
            if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
                problem(f"{doc_id}: malformed srt block: {block[:40]!r}")
                continue
            m = re.match(r"^(%s):\s*(.*)$" % "|".join(map(re.escape, labels)), lines[2])
            if not m:
                problem(f"{doc_id}: srt cue without speaker label: {lines[2][:40]}")
                continue
            raw.append((m.group(1), " ".join([m.group(2)] + [l.strip() for l in lines[3:]])))
        return text, [tuple(t) for t in merge(raw)]
    problem(f"{doc_id}: unknown transcript format {ext}")
    return text, []


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    docs = {}
    for doc_id in DOC_IDS:
        files = sorted(TR.glob(doc_id + ".*"))
        if len(files) != 1:
            problem(f"{doc_id}: expected exactly one transcript, found {len(files)}")
            continue
        try:
            text, turns = parse(doc_id, files[0])
        except Exception as e:  # unreadable
            problem(f"{doc_id}: cannot read {files[0].name}: {e}")
            continue
        ilab, rlab, _ = SPEAKERS[doc_id]
        if not turns:
            problem(f"{doc_id}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if spk != want:
                problem(f"{doc_id}: turn {i} is {spk}, expected {want}")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == rlab)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc_id}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc_id}: {nresp} respondent turns, outside {RESP_TURNS}")
        if FORBIDDEN.search(text):
            problem(f"{doc_id}: forbidden label word: {FORBIDDEN.search(text).group(0)}")
        docs[doc_id] = (text, turns, rlab, words, nresp)

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    styles = {}
    for r in rows:
        if len(r) != 3 or r[0] not in DOC_IDS or r[0] in styles or not r[2].strip():
            problem(f"styles.csv: bad row {r}")
            continue
        styles[r[0]] = (r[1], r[2])
    if set(styles) != set(DOC_IDS):
        problem(f"styles.csv: missing {sorted(set(DOC_IDS) - set(styles))}")
    mix = Counter(s for s, _ in styles.values())
    if mix != WANT_MIX:
        problem(f"styles.csv: mix {dict(mix)} != {dict(WANT_MIX)}")
    kinds = Counter()
    for s, why in styles.values():
        if s == "onbepaald":
            low = why.lower()
            if "mixed" in low:
                kinds["mixed"] += 1
            elif "too little evidence" in low:
                kinds["little"] += 1
            else:
                problem(f"styles.csv: onbepaald rationale does not name its kind: {why[:50]}")
    if styles and kinds != Counter({"mixed": 1, "little": 1}):
        problem(f"styles.csv: onbepaald kinds {dict(kinds)}, want one mixed and one too little evidence")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in docs or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        idx = int(r[1])
        keys.append((r[0], idx))
        _, turns, rlab, _, _ = docs[r[0]]
        if idx < 1 or idx > len(turns) or turns[idx - 1][0] != rlab:
            problem(f"orientation.csv: {r[0]} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen = set()
    per_doc = Counter()
    for r in rows:
        if len(r) != 3 or r[0] not in DOC_IDS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]}")
        seen.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[0] in docs and r[1] not in docs[r[0]][0]:
            problem(f"identifiers.csv: {r[0]} '{r[1]}' not found verbatim in transcript")
    for doc_id in DOC_IDS:
        if per_doc[doc_id] < 5:
            problem(f"identifiers.csv: {doc_id} has only {per_doc[doc_id]} identifiers")

    # formats
    exts = {next(iter(sorted(TR.glob(d + ".*")))).suffix for d in docs}
    fmts = set()
    for d in docs:
        f = next(iter(sorted(TR.glob(d + ".*"))))
        fmts.add(f.suffix + ("/" + SPEAKERS[d][2] if f.suffix == ".txt" else ""))
    if len(exts) < 3 or len(fmts) < 4:
        problem(f"fewer than four different formats: {sorted(fmts)}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
