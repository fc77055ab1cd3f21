#!/usr/bin/env python3
"""Check the setnp blind set (standard library only).

Parses the BUILT transcripts in transcripts/ (not the sources) and checks:
- every doc has exactly one transcript, readable in its expected encoding
  (cp1252 documents must not be valid UTF-8, CRLF where expected);
- turns strictly alternate and start with the interviewer (consecutive
  vtt/srt cues of one speaker are merged into one turn);
- 10-45 respondent turns and 1,500-2,600 spoken words (labels, timestamps,
  headers excluded);
- orientation.csv: valid header and values, sorted, no duplicates, every row
  points at a respondent turn;
- identifiers.csv: valid types, one row per distinct string per doc, at least
  5 per doc, every identifier occurs verbatim in its document;
- styles.csv: complete, valid styles, the requested 2/2/2 mix, onbepaald
  rationales name their kind (one mixed, one too little evidence);
- the label words themselves do not occur in any transcript.
Prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc_id: (extension, encoding, newline, interviewer label, respondent label)
EXPECT = {
    "np01": ("docx", None, None, "Interviewer", "Respondent"),
    "np02": ("txt", "cp1252", "\r\n", "I", "R"),
    "np03": ("vtt", "utf-8", "\n", "Tamara Lindeboom", "Ineke Zwaagstra"),
    "np04": ("srt", "utf-8", "\r\n", "Fleur", "Joost"),
    "np05": ("txt", "utf-8", "\n", "Spreker 1", "Spreker 2"),
    "np06": ("docx", None, None, "Annelies", "Peter"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def read_text(doc, path, enc, nl):
    raw = path.read_bytes()
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            prob(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if nl == "\r\n":
        if re.search(r"(?<!\r)\n", text):
            prob(f"{doc}: bare LF in a CRLF file")
    elif "\r" in text:
        prob(f"{doc}: CR in an LF file")
    return text.replace("\r\n", "\n")


def label_turns(lines, labels, doc, prefix=""):
    """Lines 'Label: text' (optionally after a prefix regex) -> segments; others before
    the first turn are header, others after it are problems (blank lines ignored)."""
    pat = re.compile(r"^" + prefix + r"(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*\S)\s*$")
    segs, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            started = True
            segs.append((m.group(1), m.group(2)))
        elif started:
            prob(f"{doc}: line that is not a turn after the header: {ln[:60]!r}")
    return segs


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def parse(doc, path, cfg):
    ext, enc, nl, li, lr = cfg
    labels = [li, lr]
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            prob(f"{doc}: cannot read docx: {e}")
            return None, []
        return "\n".join(paras), label_turns(paras, labels, doc)
    text = read_text(doc, path, enc, nl)
    if text is None:
        return None, []
    if ext == "txt" and labels[0].startswith("Spreker"):
        segs = label_turns(text.split("\n"), labels, doc, prefix=r"\[\d\d:\d\d:\d\d\]\s+")
        return text, segs
    if ext == "txt":
        return text, label_turns(text.split("\n"), labels, doc)
    segs = []
    if ext == "vtt":
        if not text.startswith("WEBVTT"):
            prob(f"{doc}: missing WEBVTT signature")
        for b in cue_blocks(text)[1:]:
            if b.startswith("NOTE"):
                continue
            lines = b.split("\n")
            ti = next((k for k, l in enumerate(lines) if "-->" in l), None)
            if ti is None:
                prob(f"{doc}: vtt block without timing: {b[:40]!r}")
                continue
            body = " ".join(lines[ti + 1:])
            m = re.fullmatch(r"<v ([^>]+)>(.*?)(?:</v>)?", body)
            if not m or m.group(1) not in labels:
                prob(f"{doc}: vtt cue without known voice tag: {body[:50]!r}")
                continue
            segs.append((m.group(1), m.group(2)))
    elif ext == "srt":
        pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
        for n, b in enumerate(cue_blocks(text), 1):
            lines = b.split("\n")
            if len(lines) < 3 or lines[0].strip() != str(n) or "-->" not in lines[1]:
                prob(f"{doc}: malformed srt cue {n}")
                continue
            m = pat.match(" ".join(lines[2:]))
            if not m:
                prob(f"{doc}: srt cue {n} without speaker name")
                continue
            segs.append((m.group(1), m.group(2)))
    return text, segs


def merge(segs):
    turns = []
    for sp, t in segs:
        if turns and turns[-1][0] == sp:
            turns[-1] = (sp, turns[-1][1] + " " + t)
        else:
            turns.append((sp, t))
    return turns


def words(s):
    return sum(1 for tok in s.split() if re.search(r"\w", tok))


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        prob(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        prob(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    docs = {}
    for doc, cfg in EXPECT.items():
        found = sorted(p for p in TR.glob(f"{doc}.*"))
        if len(found) != 1:
            prob(f"{doc}: expected exactly one transcript, found {len(found)}")
            continue
        if found[0].suffix != "." + cfg[0]:
            prob(f"{doc}: expected .{cfg[0]}, found {found[0].name}")
            continue
        text, segs = parse(doc, found[0], cfg)
        if text is None:
            continue
        if cfg[0] in ("vtt", "srt"):
            turns = merge(segs)
        else:
            turns = segs
        li, lr = cfg[3], cfg[4]
        for k, (sp, _) in enumerate(turns, 1):
            want = li if k % 2 else lr
            if sp != want:
                prob(f"{doc}: turn {k} is {sp!r}, expected {want!r} (strict alternation from the interviewer)")
                break
        nr = sum(1 for sp, _ in turns if sp == lr)
        nw = sum(words(t) for _, t in turns)
        if not 10 <= nr <= 45:
            prob(f"{doc}: {nr} respondent turns (want 10-45)")
        if not 1500 <= nw <= 2600:
            prob(f"{doc}: {nw} spoken words (want 1500-2600)")
        if FORBIDDEN.search(text):
            prob(f"{doc}: forbidden label word {FORBIDDEN.search(text).group(0)!r} in transcript")
        docs[doc] = dict(text=text, turns=turns, resp=lr, words=nw, nresp=nr)

    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            prob(f"orientation.csv: bad row {r}")
            continue
        d, ti, o = r
        if d not in EXPECT:
            prob(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {o!r}")
        try:
            ti = int(ti)
        except ValueError:
            prob(f"orientation.csv: bad turn_index {ti!r}")
            continue
        keys.append((d, ti))
        if d in docs:
            turns = docs[d]["turns"]
            if not 1 <= ti <= len(turns) or ti % 2 or turns[ti - 1][0] != docs[d]["resp"]:
                prob(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv: duplicate rows")

    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, count = set(), {d: 0 for d in EXPECT}
    for r in rows:
        if len(r) != 3:
            prob(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if d not in EXPECT:
            prob(f"identifiers.csv: unknown doc {d}")
            continue
        if typ not in TYPES:
            prob(f"identifiers.csv: bad type {typ!r}")
        if (d, ident) in seen:
            prob(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        count[d] += 1
        if d in docs and ident not in docs[d]["text"]:
            prob(f"identifiers.csv: {d} {ident!r} not found verbatim in transcript")
    for d, n in count.items():
        if n < 5:
            prob(f"identifiers.csv: {d} has only {n} identifiers")

    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in rows:
        if len(r) != 3:
            prob(f"styles.csv: bad row {r}")
            continue
        got[r[0]] = (r[1], r[2])
    if set(got) != set(EXPECT):
        prob(f"styles.csv: docs {sorted(got)} != {sorted(EXPECT)}")
    mix = {}
    for d, (s, rat) in got.items():
        if s not in WANT_MIX:
            prob(f"styles.csv: {d} bad style {s!r}")
        mix[s] = mix.get(s, 0) + 1
        if not rat.strip():
            prob(f"styles.csv: {d} empty rationale")
    if mix != WANT_MIX:
        prob(f"styles.csv: mix {mix} != {WANT_MIX}")
    kinds = sorted("mixed" if "mixed" in rat.lower() else "little" if "too little evidence" in rat.lower() else "?"
                   for s, rat in got.values() if s == "onbepaald")
    if kinds != ["little", "mixed"]:
        prob(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence' ({kinds})")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
