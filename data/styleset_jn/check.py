#!/usr/bin/env python3
"""Check set JN: parses the BUILT transcripts (not the sources). Standard library only.
Prints OK or the problems (exit status 1). Use --stats for per-document numbers."""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DOCS = ["jn01", "jn02", "jn03", "jn04", "jn05", "jn06"]
# per document: extension, encoding, interviewer label, respondent label, newline
CONF = {
    "jn01": ("srt", "utf-8", "Femke Dassen", "Ruud Wetzels", "crlf"),
    "jn02": ("docx", None, "Joost", "Annemie", None),
    "jn03": ("txt", "cp1252", "I", "R", "crlf"),
    "jn04": ("docx", None, "Interviewer", "Respondent", None),
    "jn05": ("vtt", "utf-8", "Sanne Lenaerts", "Noor Vaessen", "lf"),
    "jn06": ("txt", "utf-8", "Spreker 1", "Spreker 2", "lf"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
WORDS = (1500, 2600)
RTURNS = (10, 45)
problems = []


def prob(msg):
    problems.append(msg)


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


def label_re(labels):
    return re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + "|".join(map(re.escape, labels)) + r"):\s+(.*)$")


def parse_lines(doc, lines, li, lr):
    """docx paragraphs or txt lines: header before first turn, then one turn per line."""
    rx = label_re([li, lr])
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = rx.match(ln.strip())
        if m:
            started = True
            turns.append(["I" if m.group(1) == li else "R", m.group(2)])
        elif started:
            prob(f"{doc}: line after the first turn without a speaker label: {ln[:50]!r}")
    return turns


def parse_vtt(doc, text, li, lr):
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks[0].startswith("WEBVTT"):
        prob(f"{doc}: no WEBVTT signature")
    turns = []
    names = {li: "I", lr: "R"}
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            prob(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        cue = " ".join(lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m or m.group(1) not in names:
            prob(f"{doc}: vtt cue without known voice tag: {cue[:40]!r}")
            continue
        spk = names[m.group(1)]
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + m.group(2)
        else:
            turns.append([spk, m.group(2)])
    return turns


def parse_srt(doc, text, li, lr):
    rx = label_re([li, lr])
    turns = []
    for b in re.split(r"\n\s*\n", text.strip()):
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            prob(f"{doc}: malformed srt cue: {b[:40]!r}")
            continue
        cue = " ".join(lines[2:])
        m = rx.match(cue)
        if m:
            spk, body = ("I" if m.group(1) == li else "R"), m.group(2)
        elif turns:
            spk, body = turns[-1][0], cue
        else:
            prob(f"{doc}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + body
        else:
            turns.append([spk, body])
    return turns


def load(doc):
    ext, enc, li, lr, nl = CONF[doc]
    files = sorted((ROOT / "transcripts").glob(doc + ".*"))
    if len(files) != 1:
        prob(f"{doc}: expected one transcript, found {len(files)}")
        return None, None
    path = files[0]
    if path.suffix != "." + ext:
        prob(f"{doc}: expected .{ext}, found {path.suffix}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            prob(f"{doc}: docx unreadable: {e}")
            return None, None
        return "\n".join(paras), parse_lines(doc, paras, li, lr)
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            prob(f"{doc}: declared Windows-1252 but bytes are valid UTF-8 (no cp1252-specific bytes)")
        except UnicodeDecodeError:
            pass
    text = text.lstrip("\ufeff")
    if nl == "crlf" and (raw.count(b"\n") != raw.count(b"\r\n")):
        prob(f"{doc}: expected CRLF line ends throughout")
    if nl == "lf" and b"\r" in raw:
        prob(f"{doc}: expected LF line ends")
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        return text, parse_lines(doc, text.split("\n"), li, lr)
    if ext == "vtt":
        return text, parse_vtt(doc, text, li, lr)
    return text, parse_srt(doc, text, li, lr)


def nwords(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        prob(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        prob(f"{name}: header must be {','.join(header)}")
        return []
    return rows[1:]


def main():
    stats = {}
    texts, turnsets = {}, {}
    extra = {p.stem for p in (ROOT / "transcripts").glob("*")} - set(DOCS)
    if extra:
        prob(f"transcripts: unexpected files {sorted(extra)}")
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc], turnsets[doc] = text, turns
        if FORBIDDEN.search(text):
            prob(f"{doc}: contains a forbidden label word: {FORBIDDEN.search(text).group(0)}")
        if not turns:
            prob(f"{doc}: no turns found")
            continue
        if turns[0][0] != "I":
            prob(f"{doc}: first turn is not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                prob(f"{doc}: turns {i} and {i+1} have the same speaker")
        nr = sum(1 for s, _ in turns if s == "R")
        w = sum(nwords(t) for _, t in turns)
        stats[doc] = (w, nr, len(turns))
        if not RTURNS[0] <= nr <= RTURNS[1]:
            prob(f"{doc}: {nr} respondent turns (need {RTURNS[0]}-{RTURNS[1]})")
        if not WORDS[0] <= w <= WORDS[1]:
            prob(f"{doc}: {w} spoken words (need {WORDS[0]}-{WORDS[1]})")

    # styles
    srows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in srows]
    if sorted(ids) != DOCS:
        prob(f"styles.csv: doc ids {ids} do not match {DOCS}")
    cnt = Counter()
    for r in srows:
        if len(r) != 3 or r[1] not in MIX or not r[2].strip():
            prob(f"styles.csv: bad row {r}")
            continue
        cnt[r[1]] += 1
        if r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
            prob(f"styles.csv: {r[0]} onbepaald rationale must say mixed or too little evidence")
    if dict(cnt) != MIX:
        prob(f"styles.csv: mix is {dict(cnt)}, requested {MIX}")

    # orientation
    orows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in orows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad row {r}")
            continue
        k = (r[0], int(r[1]))
        keys.append(k)
        turns = turnsets.get(r[0])
        if turns is None:
            continue
        idx = k[1]
        if idx < 1 or idx > len(turns) or turns[idx - 1][0] != "R":
            prob(f"orientation.csv: {r[0]} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv: duplicate rows")

    # identifiers
    irows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per = set(), Counter()
    for r in irows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            prob(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            prob(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen.add((r[0], r[1]))
        per[r[0]] += 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            prob(f"identifiers.csv: {r[0]} {r[1]!r} not found verbatim in transcript")
    for doc in DOCS:
        if per[doc] < 5:
            prob(f"identifiers.csv: {doc} has only {per[doc]} identifiers (need at least 5)")

    if len({CONF[d][0] for d in DOCS}) < 4:
        prob("fewer than four different transcript formats")

    if "--stats" in sys.argv:
        for d in DOCS:
            if d in stats:
                w, nr, nt = stats[d]
                print(f"{d}: {CONF[d][0]} words={w} turns={nt} respondent_turns={nr} identifiers={per[d]}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
