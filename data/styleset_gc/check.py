"""Check set GC: parses the BUILT transcripts (not src/) and the three csv files.

Standard library only.  Usage:  python3 check.py   -> prints OK or the problems (exit 1).
"""
import csv
import html
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = ["gc01", "gc02", "gc03", "gc04", "gc05", "gc06"]
# the label the interviewer speaks under in each built transcript
INTERVIEWER = {"gc01": "I", "gc02": "Bram", "gc03": "Sanne", "gc04": "I",
               "gc05": "Lotte van Rijn", "gc06": "Spreker 1"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "casusgerichte", "netwerkgerichte"]
LABEL = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([^:\[\]\n]{1,40}?):\s+(\S.*)$")
W = r"\w"  # word character for boundary tests

problems = []


def err(msg):
    problems.append(msg)


def decode(raw, name):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as e:
        err(f"{name}: not readable as UTF-8 or Windows-1252 ({e})")
        return None, None


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def turns_from_lines(lines, name):
    """Speaker labels are line prefixes used at least three times; other lines before the first
    turn are header, later non-empty lines continue the current turn."""
    counts = Counter(m.group(2).strip() for m in map(LABEL.match, lines) if m)
    speakers = {lab for lab, n in counts.items() if n >= 3}
    if len(speakers) != 2:
        err(f"{name}: expected 2 speaker labels, found {sorted(speakers)}")
    turns, stamps = [], []
    for line in lines:
        m = LABEL.match(line)
        if m and m.group(2).strip() in speakers:
            turns.append([m.group(2).strip(), m.group(3).strip()])
            if m.group(1):
                stamps.append(m.group(1))
        elif line.strip() and turns:
            turns[-1][1] += " " + line.strip()
    if stamps and stamps != sorted(stamps):
        err(f"{name}: timestamps not increasing")
    return turns


def cue_turns(cues, name):
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return turns


def parse_vtt(text, name):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks[0].startswith("WEBVTT"):
        err(f"{name}: does not start with WEBVTT")
    cues, last = [], -1.0
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        i = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if i is None:
            err(f"{name}: block without timing: {lines[0][:40]!r}")
            continue
        m = re.match(r"(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})", lines[i])
        if not m:
            err(f"{name}: bad timing line {lines[i]!r}")
            continue
        t0 = int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) + int(m[4]) / 1000
        if t0 < last:
            err(f"{name}: cues out of order at {lines[i]}")
        last = t0
        body = " ".join(lines[i + 1:])
        v = re.match(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if not v:
            err(f"{name}: cue without voice tag: {body[:40]!r}")
            continue
        cues.append((v.group(1).strip(), html.unescape(re.sub(r"</?[^>]+>", "", v.group(2))).strip()))
    return cue_turns(cues, name)


def parse_srt(text, name):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n):
            err(f"{name}: cue {n} malformed or misnumbered")
            continue
        if not re.match(r"\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$", lines[1].strip()):
            err(f"{name}: cue {n} bad timing line")
        m = re.match(r"([^:]{1,40}):\s+(.*)$", " ".join(lines[2:]))
        if not m:
            err(f"{name}: cue {n} without 'Name:'")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return cue_turns(cues, name)


def load(doc):
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        err(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, None
    f = files[0]
    ext = f.suffix.lower()
    if ext == ".docx":
        try:
            paras = docx_paragraphs(f)
        except Exception as e:  # noqa: BLE001
            err(f"{f.name}: unreadable docx ({e})")
            return None, None
        return "\n".join(paras), turns_from_lines(paras, f.name)
    text, enc = decode(f.read_bytes(), f.name)
    if text is None:
        return None, None
    if ext == ".txt":
        return text, turns_from_lines(text.replace("\r\n", "\n").split("\n"), f.name)
    if ext == ".vtt":
        return html.unescape(text), parse_vtt(text, f.name)
    if ext == ".srt":
        return text, parse_srt(text, f.name)
    err(f"{f.name}: unknown format")
    return None, None


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        err(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        err(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    info = {}
    extra = [f.name for f in TR.iterdir() if f.stem not in DOCS] if TR.exists() else []
    if extra:
        err(f"transcripts/: unexpected files {extra}")
    for doc in DOCS:
        text, turns = load(doc)
        if turns is None:
            continue
        if not turns:
            err(f"{doc}: no turns found")
            continue
        ilab = INTERVIEWER[doc]
        for i, (who, _) in enumerate(turns, 1):
            if (who == ilab) != (i % 2 == 1):
                err(f"{doc}: turn {i} by {who!r} breaks alternation (interviewer {ilab!r} first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        rturns = len(turns) // 2
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= rturns <= 45:
            err(f"{doc}: {rturns} respondent turns, outside 10-45")
        low = text.lower()
        for w in FORBIDDEN:
            if re.search(rf"(?<!{W}){w}(?!{W})", low):
                err(f"{doc}: transcript contains forbidden word {w!r}")
        info[doc] = (text, len(turns), words, rturns)

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            err(f"styles.csv: bad row {r}")
            continue
        if r[0] in seen:
            err(f"styles.csv: duplicate {r[0]}")
        seen[r[0]] = r
        if r[1] not in WANT_STYLES:
            err(f"styles.csv: {r[0]} bad style {r[1]!r}")
        if not r[2].strip():
            err(f"styles.csv: {r[0]} empty rationale")
    if set(seen) != set(DOCS):
        err(f"styles.csv: docs {sorted(seen)} != {DOCS}")
    mix = Counter(r[1] for r in seen.values())
    if dict(mix) != WANT_STYLES:
        err(f"styles.csv: style mix {dict(mix)} != {WANT_STYLES}")
    kinds = Counter()
    for r in seen.values():
        if r[1] == "onbepaald":
            low = r[2].lower()
            k = "mixed" if "mixed" in low else "too little" if "too little evidence" in low else None
            if k is None:
                err(f"styles.csv: {r[0]} onbepaald rationale must say 'mixed' or 'too little evidence'")
            kinds[k] += 1
    if mix.get("onbepaald") == 2 and (kinds["mixed"], kinds["too little"]) != (1, 1):
        err("styles.csv: onbepaald should be one 'mixed' and one 'too little evidence'")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad row {r}")
            continue
        k = (r[0], int(r[1]))
        keys.append(k)
        if r[0] in info:
            n = info[r[0]][1]
            if k[1] % 2 or not 2 <= k[1] <= n:
                err(f"orientation.csv: {r} is not a respondent turn (doc has {n} turns)")
    if keys != sorted(keys):
        err("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        err("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, pairs = Counter(), set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            err(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in pairs:
            err(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        pairs.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[0] in info and r[1] not in info[r[0]][0]:
            err(f"identifiers.csv: {r[0]} {r[1]!r} not found verbatim in transcript")
    for doc in DOCS:
        if per_doc[doc] < 5:
            err(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    if "-v" in sys.argv:
        for doc, (_, n, words, rt) in info.items():
            print(f"{doc}: {n} turns, {rt} respondent turns, {words} words, {per_doc[doc]} identifiers")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
