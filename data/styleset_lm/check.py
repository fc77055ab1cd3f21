"""Check the built setLM transcripts and csv files (standard library only).

Parses transcripts/<doc_id>.<ext> (docx, txt, vtt, srt) -- not the sources -- and checks:
one readable transcript per doc in its expected encoding, turns alternate starting with the
interviewer, orientation rows point at respondent turns, identifiers occur verbatim,
styles.csv is complete with the requested mix, word range 1500-2600 and 10-45 respondent turns.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["lm01", "lm02", "lm03", "lm04", "lm05", "lm06"]
# expected delivery per document: extension, encoding, line ending (None = not checked)
EXPECT = {
    "lm01": ("docx", None, None),
    "lm02": ("vtt", "utf-8", "lf"),
    "lm03": ("txt", "cp1252", "crlf"),
    "lm04": ("docx", None, None),
    "lm05": ("srt", "utf-8", "crlf"),
    "lm06": ("txt", "utf-8", "lf"),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def decode(raw, enc, nl, doc):
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    if nl == "crlf" and re.search(r"(?<!\r)\n", text):
        bad(f"{doc}: expected CRLF line endings throughout")
    if nl == "lf" and "\r" in text:
        bad(f"{doc}: expected LF line endings")
    return text.replace("\r\n", "\n")


def label_turns(lines, doc, pattern):
    """Lines 'Label: text' (optionally '[hh:mm:ss] Label: text'); labels = prefixes used >= 3x."""
    cands = []
    for ln in lines:
        m = pattern.match(ln)
        cands.append((m.group("label").strip(), m.group("text").strip()) if m else None)
    counts = Counter(c[0] for c in cands if c)
    labels = {l for l, n in counts.items() if n >= 3}
    turns, started = [], False
    for ln, c in zip(lines, cands):
        if c and c[0] in labels:
            started = True
            turns.append([c[0], c[1]])
        elif ln.strip() and started:
            bad(f"{doc}: stray line after turns began: {ln[:60]!r}")
    return turns


def parse_docx(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:
        bad(f"{doc}: unreadable docx: {e}")
        return None, ""
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    full = "\n".join(paras)
    pat = re.compile(r"^(?P<label>[^:\n]{1,40}):\s+(?P<text>.+)$")
    return label_turns(paras, doc, pat), full


def parse_txt(text, doc):
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?(?P<label>[^:\n\[\]]{1,40}):\s+(?P<text>.+)$")
    return label_turns(text.split("\n"), doc, pat)


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_vtt(text, doc):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT signature")
    cues = []
    for block in re.split(r"\n\s*\n", text.strip())[1:]:
        lines = block.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            bad(f"{doc}: cue without timing: {block[:40]!r}")
            continue
        body = " ".join(lines[ti + 1:])
        m = re.match(r"<v\s+([^>]+)>(.*)$", body)
        if not m:
            bad(f"{doc}: cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()))
    return merge(cues)


def parse_srt(text, doc):
    cues, expect = [], 1
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt cue: {block[:40]!r}")
            continue
        if int(lines[0]) != expect:
            bad(f"{doc}: cue numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        body = " ".join(lines[2:])
        m = re.match(r"([^:]{1,40}):\s+(.*)$", body)
        if not m:
            bad(f"{doc}: cue without speaker: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return merge(cues)


def load_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    docs = {}
    files = os.listdir(TR) if os.path.isdir(TR) else []
    for doc in DOCS:
        mine = [f for f in files if f.split(".")[0] == doc]
        if len(mine) != 1:
            bad(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        ext, enc, nl = EXPECT[doc]
        fn = mine[0]
        if not fn.endswith("." + ext):
            bad(f"{doc}: expected .{ext}, found {fn}")
            continue
        path = os.path.join(TR, fn)
        if ext == "docx":
            turns, full = parse_docx(path, doc)
        else:
            with open(path, "rb") as f:
                text = decode(f.read(), enc, nl, doc)
            if text is None:
                continue
            full = text
            turns = {"txt": parse_txt, "vtt": parse_vtt, "srt": parse_srt}[ext](text, doc)
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            bad(f"{doc}: expected 2 speakers, found {speakers}")
        for i, (s, _) in enumerate(turns, 1):
            want = speakers[0] if i % 2 else (speakers[1] if len(speakers) > 1 else None)
            if s != want:
                bad(f"{doc}: turn {i} by {s!r} breaks alternation")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = len(turns) // 2
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words outside {WORDS}")
        if not RESP[0] <= nresp <= RESP[1]:
            bad(f"{doc}: {nresp} respondent turns outside {RESP}")
        docs[doc] = (len(turns), full, words, nresp)

    styles = load_csv("styles.csv")
    seen = Counter(r["doc_id"] for r in styles)
    for doc in DOCS:
        if seen[doc] != 1:
            bad(f"styles.csv: {doc} appears {seen[doc]} times")
    for r in styles:
        if r["doc_id"] not in DOCS:
            bad(f"styles.csv: unknown doc {r['doc_id']}")
        if not (r.get("rationale") or "").strip():
            bad(f"styles.csv: {r['doc_id']} without rationale")
    mix = Counter(r["style"] for r in styles)
    if dict(mix) != MIX:
        bad(f"styles.csv: style mix {dict(mix)} != {MIX}")

    orient = load_csv("orientation.csv")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orient]
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")
    for r in orient:
        doc, i = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in docs:
            bad(f"orientation.csv: unknown or unparsed doc {doc}")
            continue
        if i % 2 != 0 or not 1 <= i <= docs[doc][0]:
            bad(f"orientation.csv: {doc} turn {i} is not a respondent turn")

    idents = load_csv("identifiers.csv")
    pairs = Counter((r["doc_id"], r["identifier"]) for r in idents)
    for (doc, s), n in pairs.items():
        if n > 1:
            bad(f"identifiers.csv: duplicate row {doc} {s!r}")
    per_doc = Counter(r["doc_id"] for r in idents)
    for doc in DOCS:
        if per_doc[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")
    for r in idents:
        doc = r["doc_id"]
        if r["type"] not in TYPES:
            bad(f"identifiers.csv: bad type {r['type']!r}")
        if doc not in docs:
            bad(f"identifiers.csv: unknown or unparsed doc {doc}")
            continue
        if r["identifier"] not in docs[doc][1]:
            bad(f"identifiers.csv: {doc} {r['identifier']!r} not found verbatim")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
