#!/usr/bin/env python3
"""Check set FR from the built transcripts (standard library only).

Usage: python3 check.py      prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
T = HERE / "transcripts"
# doc -> (extension, encoding, interviewer label, respondent label, crlf expected)
DOCS = {
    "fr01": ("docx", None, "Interviewer", "Respondent", None),
    "fr02": ("txt", "cp1252", "I", "R", True),
    "fr03": ("srt", "utf-8", "Merel", "Ingrid", True),
    "fr04": ("txt", "utf-8", "Spreker 1", "Spreker 2", False),
    "fr05": ("vtt", "utf-8", "Interviewer", "Paul Verschoor", False),
    "fr06": ("docx", None, "Joost", "Dewi", None),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def turns_from_lines(doc, lines, labels, stamp=False):
    """One line/paragraph per turn; lines before the first turn are header."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(%s): (.+)$" % "|".join(map(re.escape, labels)))
    if stamp:
        pat = re.compile(r"^\[\d\d:\d\d:\d\d\] (%s): (.+)$" % "|".join(map(re.escape, labels)))
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            bad(f"{doc}: line after the first turn that is not a turn: {ln[:60]!r}")
    return turns


def merge(turns):
    out = []
    for who, text in turns:
        if out and out[-1][0] == who:
            out[-1][1] += " " + text
        else:
            out.append([who, text])
    return out


def cues(doc, text, vtt):
    blocks = re.split(r"\n\s*\n", text.strip())
    if vtt:
        if not blocks[0].startswith("WEBVTT"):
            bad(f"{doc}: no WEBVTT line")
        blocks = blocks[1:]
    got = []
    for b in blocks:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            bad(f"{doc}: block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[ti[0] + 1:]).strip()
        if vtt:
            m = re.match(r"^<v ([^>]+)>(.*)$", body)
        else:
            if not re.fullmatch(r"\d+", lines[0].strip()):
                bad(f"{doc}: srt cue without number")
            m = re.match(r"^([^:]{1,40}): (.*)$", body)
        if not m:
            bad(f"{doc}: cue without speaker: {body[:50]!r}")
            continue
        got.append([m.group(1), re.sub(r"</v>", "", m.group(2)).strip()])
    return merge(got)


def load(doc):
    ext, enc, li, lr, crlf = DOCS[doc]
    files = sorted(T.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None, []
    f = files[0]
    if f.suffix != "." + ext:
        bad(f"{doc}: expected .{ext}, found {f.name}")
    if ext == "docx":
        paras = docx_paragraphs(f)
        full = "\n".join(paras)
        turns = turns_from_lines(doc, paras, [li, lr])
    else:
        raw = f.read_bytes()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            bad(f"{doc}: not readable as {enc}: {e}")
            return None, []
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                if re.search(rb"[\x80-\xff]", raw):
                    bad(f"{doc}: declared Windows-1252 but decodes as UTF-8")
            except UnicodeDecodeError:
                pass
        if crlf is True and (b"\n" in raw.replace(b"\r\n", b"")):
            bad(f"{doc}: expected CRLF line endings throughout")
        if crlf is False and b"\r\n" in raw:
            bad(f"{doc}: unexpected CRLF")
        text = text.replace("\r\n", "\n")
        full = text
        if ext == "txt":
            turns = turns_from_lines(doc, text.split("\n"), [li, lr], stamp=(li == "Spreker 1"))
        else:
            turns = cues(doc, text, ext == "vtt")
    speakers = {t[0] for t in turns}
    if speakers - {li, lr}:
        bad(f"{doc}: unexpected speakers {speakers - {li, lr}}")
    for i, (who, _) in enumerate(turns):
        want = li if i % 2 == 0 else lr
        if who != want:
            bad(f"{doc}: turn {i + 1} is {who!r}, expected {want!r} (no strict alternation)")
            break
    return full, turns


def main():
    texts, nturns = {}, {}
    for doc in DOCS:
        full, turns = load(doc)
        if full is None:
            continue
        texts[doc], nturns[doc] = full, len(turns)
        nr = len(turns) // 2
        if not 10 <= nr <= 45:
            bad(f"{doc}: {nr} respondent turns (want 10-45)")
        wc = sum(len(re.findall(r"\S+", t)) for _, t in turns)
        if not 1500 <= wc <= 2600:
            bad(f"{doc}: {wc} spoken words (want 1500-2600)")

    # styles.csv
    with open(HERE / "styles.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen = Counter(r["doc_id"] for r in rows)
    for doc in DOCS:
        if seen[doc] != 1:
            bad(f"styles.csv: {doc} appears {seen[doc]} times")
    extra = set(seen) - set(DOCS)
    if extra:
        bad(f"styles.csv: unknown docs {extra}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        bad(f"styles.csv: style mix {dict(mix)}, want {WANT_MIX}")
    kinds = []
    for r in rows:
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: {r['doc_id']} without rationale")
        if r["style"] == "onbepaald":
            low = r["rationale"].lower()
            kinds.append("mixed" if "mixed" in low else "little" if "too little evidence" in low else "?")
    if sorted(kinds) != ["little", "mixed"]:
        bad(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    with open(HERE / "orientation.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")
    for r in rows:
        d, i = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r['orientation']!r}")
        if d not in nturns:
            bad(f"orientation.csv: unknown doc {d}")
        elif i % 2 != 0 or not 1 <= i <= nturns[d]:
            bad(f"orientation.csv: {d} turn {i} is not a respondent turn")

    # identifiers.csv
    with open(HERE / "identifiers.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    pairs = [(r["doc_id"], r["identifier"]) for r in rows]
    for p, n in Counter(pairs).items():
        if n > 1:
            bad(f"identifiers.csv: duplicate {p}")
    per_doc = Counter(r["doc_id"] for r in rows)
    for doc in DOCS:
        if per_doc[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")
    for r in rows:
        if r["type"] not in TYPES:
            bad(f"identifiers.csv: bad type {r['type']!r}")
        if r["doc_id"] in texts and r["identifier"] not in texts[r["doc_id"]]:
            bad(f"identifiers.csv: {r['identifier']!r} not found verbatim in {r['doc_id']}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
