#!/usr/bin/env python3
"""Check set 'nt' from the BUILT transcripts (standard library only).

Checks: one readable transcript per document in its encoding; turns alternate and start with the
interviewer; every orientation row points at a respondent turn; every identifier occurs verbatim in its
document; styles.csv complete with the requested mix (2 casusgericht, 2 netwerkgericht, 2 onbepaald:
one genuinely mixed, one too little evidence); 1,500-2,600 spoken words and 10-45 respondent turns.
Prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"

# doc -> (extension, encoding, interviewer label, respondent label, line ending or None)
EXPECT = {
    "nt01": ("docx", None, "Interviewer", "Respondent", None),
    "nt02": ("vtt", "utf-8", "Lotte Brink", "Marieke Dijkhuis", "\n"),
    "nt03": ("txt", "cp1252", "I", "R", "\r\n"),
    "nt04": ("srt", "utf-8", "Hanna", "Theo Brandsma", "\r\n"),
    "nt05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "\n"),
    "nt06": ("docx", None, "Interviewer", "Carolien", None),
}
WORDS = (1500, 2600)
RTURNS = (10, 45)
problems = []


def problem(msg):
    problems.append(msg)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def label_turns(lines, ilab, rlab, doc, ts=False):
    """Lines after the header must each be one turn 'Label: text' (optionally '[hh:mm:ss] ')."""
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\] )?(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.+)$")
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if not m:
            if started:
                problem(f"{doc}: line after the first turn is not a turn: {ln[:60]!r}")
            continue
        if ts and not m.group(1):
            problem(f"{doc}: turn without timestamp: {ln[:40]!r}")
        started = True
        turns.append((m.group(2), m.group(3)))
    return turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def vtt_turns(text, ilab, rlab, doc):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: no WEBVTT signature")
    raw = []
    for b in cue_blocks(text)[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if "-->" not in lines[0]:
            if len(lines) > 1 and "-->" in lines[1]:
                lines = lines[1:]
            else:
                problem(f"{doc}: block without timing: {b[:40]!r}")
                continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: cue without voice tag: {body[:40]!r}")
            continue
        raw.append((m.group(1), m.group(2)))
    return merge(raw)


def srt_turns(text, ilab, rlab, doc):
    raw = []
    pat = re.compile(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.*)$")
    for n, b in enumerate(cue_blocks(text), 1):
        lines = b.split("\n")
        if lines[0].strip() != str(n) or len(lines) < 3 or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue {n}")
            continue
        body = " ".join(lines[2:])
        m = pat.match(body)
        if not m:
            problem(f"{doc}: cue {n} does not start with a speaker name")
            continue
        raw.append((m.group(1), m.group(2)))
    return merge(raw)


def merge(raw):
    """A turn may span several cues: merge consecutive cues of the same speaker."""
    turns = []
    for spk, txt in raw:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def main():
    docs_text, docs_turns = {}, {}
    for doc, (ext, enc, ilab, rlab, nl) in EXPECT.items():
        files = [f for f in TR.glob(doc + ".*")]
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        f = files[0]
        if f.suffix != "." + ext:
            problem(f"{doc}: expected .{ext}, found {f.suffix}")
            continue
        try:
            if ext == "docx":
                paras = docx_paragraphs(f)
                text = "\n".join(paras)
                turns = label_turns(paras, ilab, rlab, doc)
            else:
                data = f.read_bytes()
                if enc == "cp1252":
                    try:
                        data.decode("utf-8")
                        problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
                    except UnicodeDecodeError:
                        pass
                text = data.decode(enc)
                if nl == "\r\n" and re.search(r"(?<!\r)\n", text):
                    problem(f"{doc}: expected CRLF line endings throughout")
                if nl == "\n" and "\r" in text:
                    problem(f"{doc}: unexpected CR characters")
                text = text.replace("\r\n", "\n")
                if ext == "txt":
                    turns = label_turns(text.split("\n"), ilab, rlab, doc, ts=(doc == "nt05"))
                elif ext == "vtt":
                    turns = vtt_turns(text, ilab, rlab, doc)
                else:
                    turns = srt_turns(text, ilab, rlab, doc)
        except Exception as e:  # unreadable
            problem(f"{doc}: cannot read {f.name}: {e}")
            continue
        docs_text[doc], docs_turns[doc] = text, turns
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        speakers = {s for s, _ in turns}
        if speakers - {ilab, rlab}:
            problem(f"{doc}: unexpected speakers {speakers - {ilab, rlab}}")
        for i, (s, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if s != want:
                problem(f"{doc}: turn {i + 1} is {s!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        nr = sum(1 for s, _ in turns if s == rlab)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")

    # styles.csv
    with open(HERE / "styles.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(EXPECT) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids} do not match {sorted(EXPECT)}")
    count = {}
    for r in rows:
        count[r["style"]] = count.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")
    if count != {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}:
        problem(f"styles.csv: mix is {count}, expected 2/2/2")
    kinds = sorted("mixed" if "mixed" in r["rationale"].lower() else
                   "too little" if "too little evidence" in r["rationale"].lower() else "?"
                   for r in rows if r["style"] == "onbepaald")
    if kinds != ["mixed", "too little"]:
        problem(f"styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence' ({kinds})")

    # orientation.csv
    with open(HERE / "orientation.csv", encoding="utf-8", newline="") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")
    for r in orows:
        doc, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r['orientation']!r}")
        turns = docs_turns.get(doc)
        if turns is None:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != EXPECT[doc][3]:
            problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")

    # identifiers.csv
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    with open(HERE / "identifiers.csv", encoding="utf-8", newline="") as fh:
        irows = list(csv.DictReader(fh))
    seen, per_doc = set(), {}
    for r in irows:
        doc, s, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in types:
            problem(f"identifiers.csv: bad type {typ!r}")
        if (doc, s) in seen:
            problem(f"identifiers.csv: duplicate {doc} {s!r}")
        seen.add((doc, s))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc in docs_text and s not in docs_text[doc]:
            problem(f"identifiers.csv: {doc} {s!r} not found verbatim")
    for doc in EXPECT:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
