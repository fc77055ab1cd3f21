#!/usr/bin/env python3
"""Check set HE: parses the BUILT transcripts (not the sources) with the standard library only.

Prints OK, or the problems found (exit status 1).
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
DOC_IDS = [f"he{i:02d}" for i in range(1, 7)]
EXTS = {".docx", ".txt", ".vtt", ".srt"}
# expected text encoding per document (docx is always UTF-8 XML)
ENCODING = {"he03": "cp1252"}
# the label the interviewer speaks under in each transcript
INTERVIEWER = {"he01": "Interviewer", "he02": "Sanne de Graaf", "he03": "I",
               "he04": "Lieke", "he05": "Spreker 1", "he06": "Interviewer"}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)

problems = []


def prob(msg):
    problems.append(msg)


# ------------------------------------------------------------------ readers
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag == W + "br":
                buf.append("\n")
        paras.append("".join(buf))
    return paras


LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?([^\W\d][\w .'\-]{0,40}?):\s+(\S.*)$", re.S)


def parse_labelled(lines):
    """Lines/paragraphs with 'Label: text' turns, optional header before the first turn."""
    cand = Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            cand[m.group(2)] += 1
    speakers = {lab for lab, _ in cand.most_common(2)}
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3)])
        elif not turns:
            header.append(s)
        else:
            turns[-1][1] += " " + s  # continuation paragraph of the same turn
    return header, turns, False


def parse_vtt(text):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        prob("vtt does not start with WEBVTT")
    header, turns = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(x for x in [lines[0][4:].strip()] + lines[1:] if x.strip())
            continue
        ti = next((i for i, x in enumerate(lines) if "-->" in x), None)
        if ti is None:
            prob(f"vtt block without timing: {b[:50]!r}")
            continue
        body = " ".join(lines[ti + 1:]).strip()
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if m:
            spk, txt = m.group(1).strip(), m.group(2).strip()
        else:
            spk, txt = None, re.sub(r"<[^>]+>", "", body)
        if turns and (spk is None or spk == turns[-1][0]):
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return header, turns, True


def parse_srt(text):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            prob(f"malformed srt cue: {b[:50]!r}")
            continue
        cues.append(" ".join(x.strip() for x in lines[2:]))
    cand = Counter()
    for c in cues:
        m = LABEL.match(c)
        if m:
            cand[m.group(2)] += 1
    speakers = {lab for lab, _ in cand.most_common(2)}
    turns = []
    for c in cues:
        m = LABEL.match(c)
        if m and m.group(2) in speakers:
            # a labelled cue opens a turn; unlabelled cues continue the current one
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + c
        else:
            prob("srt starts with an unlabelled cue")
    return [], turns, True


def load(doc_id, path):
    ext = path.suffix
    if ext == ".docx":
        paras = docx_paragraphs(path)
        return ("\n".join(paras),) + parse_labelled(paras)
    raw = path.read_bytes()
    enc = ENCODING.get(doc_id, "utf-8")
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc_id}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                prob(f"{doc_id}: declared Windows-1252 but bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            prob(f"{doc_id}: Windows-1252 file should use CRLF line endings throughout")
    if ext == ".txt":
        return (text,) + parse_labelled(text.replace("\r\n", "\n").split("\n"))
    if ext == ".vtt":
        return (text,) + parse_vtt(text)
    if ext == ".srt":
        return (text,) + parse_srt(text)
    return None


# ------------------------------------------------------------------ transcripts
docs = {}
exts = set()
for doc_id in DOC_IDS:
    files = [p for p in TR.glob(f"{doc_id}.*") if p.suffix in EXTS]
    if len(files) != 1:
        prob(f"{doc_id}: expected exactly one transcript, found {len(files)}")
        continue
    path = files[0]
    exts.add(path.suffix)
    res = load(doc_id, path)
    if res is None:
        continue
    raw, header, turns, merges_same = res
    spk = [t[0] for t in turns]
    if len(set(spk)) != 2:
        prob(f"{doc_id}: expected two speakers, found {sorted(set(map(str, spk)))}")
    if not turns or spk[0] != INTERVIEWER[doc_id]:
        prob(f"{doc_id}: first turn is not by the interviewer ({INTERVIEWER[doc_id]!r})")
    for i in range(1, len(spk)):
        if spk[i] == spk[i - 1]:
            prob(f"{doc_id}: turns {i} and {i + 1} have the same speaker {spk[i]!r}")
    n_resp = sum(1 for s in spk if s != INTERVIEWER[doc_id])
    if not RESP_TURNS[0] <= n_resp <= RESP_TURNS[1]:
        prob(f"{doc_id}: {n_resp} respondent turns, outside {RESP_TURNS}")
    words = sum(len(t[1].split()) for t in turns)
    if not WORDS[0] <= words <= WORDS[1]:
        prob(f"{doc_id}: {words} words of spoken text, outside {WORDS}")
    joined = "\n".join(header + [t[1] for t in turns])
    if FORBIDDEN.search(raw):
        prob(f"{doc_id}: forbidden label word in transcript: {FORBIDDEN.search(raw).group(0)}")
    docs[doc_id] = {"turns": turns, "raw": raw, "joined": joined, "words": words,
                    "resp": n_resp, "fmt": path.name}

if len(exts) < 4:
    prob(f"only {len(exts)} different transcript formats: {sorted(exts)}")


# ------------------------------------------------------------------ csv files
def read_csv(name, cols):
    p = ROOT / name
    if not p.exists():
        prob(f"{name} missing")
        return []
    with open(p, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != cols:
        prob(f"{name}: header should be {cols}")
        return []
    for r in rows[1:]:
        if len(r) != len(cols):
            prob(f"{name}: bad row {r}")
    return [r for r in rows[1:] if len(r) == len(cols)]


styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
ids = [r[0] for r in styles]
if sorted(ids) != DOC_IDS:
    prob(f"styles.csv should list each of {DOC_IDS} once, has {ids}")
cnt = Counter(r[1] for r in styles)
if dict(cnt) != WANT_STYLES:
    prob(f"styles.csv mix is {dict(cnt)}, wanted {WANT_STYLES}")
kinds = set()
for d, s, why in styles:
    if not why.strip():
        prob(f"styles.csv: {d} has no rationale")
    if s == "onbepaald":
        w = why.lower()
        if "mixed" in w:
            kinds.add("mixed")
        elif "too little evidence" in w:
            kinds.add("too little evidence")
        else:
            prob(f"styles.csv: {d} onbepaald rationale does not say which kind")
if kinds != {"mixed", "too little evidence"}:
    prob(f"onbepaald kinds present: {sorted(kinds)}; want one mixed and one too little evidence")

orient = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
keys = []
for d, ti, o in orient:
    if not ti.isdigit():
        prob(f"orientation.csv: bad turn_index {ti!r}")
        continue
    k = (d, int(ti))
    keys.append(k)
    if o not in ("casus", "netwerk"):
        prob(f"orientation.csv: bad orientation {o!r} at {k}")
    if d not in docs:
        prob(f"orientation.csv: unknown doc {d}")
        continue
    turns = docs[d]["turns"]
    if not 1 <= k[1] <= len(turns):
        prob(f"orientation.csv: {k} out of range (doc has {len(turns)} turns)")
    elif k[1] % 2 != 0 or turns[k[1] - 1][0] == INTERVIEWER[d]:
        prob(f"orientation.csv: {k} is not a respondent turn")
if keys != sorted(keys):
    prob("orientation.csv is not sorted by doc_id, turn_index")
if len(keys) != len(set(keys)):
    prob("orientation.csv has duplicate rows")

idents = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
seen = set()
per_doc = Counter()
for d, s, t in idents:
    if t not in TYPES:
        prob(f"identifiers.csv: bad type {t!r} for {s!r}")
    if (d, s) in seen:
        prob(f"identifiers.csv: duplicate {d} {s!r}")
    seen.add((d, s))
    per_doc[d] += 1
    if d not in docs:
        prob(f"identifiers.csv: unknown doc {d}")
        continue
    if s not in docs[d]["raw"] and s not in docs[d]["joined"]:
        prob(f"identifiers.csv: {d}: {s!r} does not occur verbatim in the transcript")
for d in DOC_IDS:
    if per_doc[d] < 5:
        prob(f"{d}: only {per_doc[d]} identifiers (need at least 5)")

# ------------------------------------------------------------------ report
if problems:
    for p in problems:
        print("PROBLEM:", p)
    sys.exit(1)
for d in DOC_IDS:
    x = docs[d]
    print(f"  {d}: {x['fmt']:10s} turns={len(x['turns']):3d} respondent={x['resp']:3d} "
          f"words={x['words']}")
print("OK")
