#!/usr/bin/env python3
"""Check set GV from the built transcripts and the three csv files (standard library only).

Prints OK, or the problems found (exit status 1)."""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"gv0{i}" for i in range(1, 7)]
# speaker labels as they appear in each built transcript: (interviewer, respondent)
SPEAKERS = {
    "gv01": ("Interviewer", "Frank Mertens"),
    "gv02": ("I", "R"),
    "gv03": ("Interviewer", "Nadia"),
    "gv04": ("Spreker 1", "Spreker 2"),
    "gv05": ("Interviewer", "Erik"),
    "gv06": ("I", "R"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def bad(msg):
    problems.append(msg)


def decode(raw, name):
    for enc in ("utf-8", "cp1252"):
        try:
            txt = raw.decode(enc)
            if txt.startswith("\ufeff"):
                txt = txt[1:]
            return txt, enc
        except UnicodeDecodeError:
            continue
    bad(f"{name}: not readable as UTF-8 or Windows-1252")
    return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                parts.append(el.text)
            elif el.tag in (W + "tab",):
                parts.append("\t")
            elif el.tag in (W + "br",):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def line_turns(lines, labels, name):
    """Paragraph/line formats: one turn per labelled line, header before the first turn."""
    alt = "|".join(re.escape(l) for l in labels)
    rx = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + alt + r"):\s?(.*)$")
    turns, header = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif not turns:
            header.append(s)
        else:
            turns[-1][1] += " " + s
    if len(header) > 6:
        bad(f"{name}: {len(header)} header lines before the first turn")
    for h in header:
        if re.match(r"^[^:]{1,30}:\s", h) and not re.match(r"^(Respondent|Datum|Duur|Locatie)\b", h):
            bad(f"{name}: header line looks like a speaker turn: {h[:50]}")
    return turns, False


def vtt_turns(text, name):
    if not text.startswith("WEBVTT"):
        bad(f"{name}: does not start with WEBVTT")
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            continue
        i = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if i is None:
            bad(f"{name}: cue without timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            bad(f"{name}: cue without voice tag: {body[:40]}")
            continue
        cues.append([m.group(1).strip(), m.group(2).replace("</v>", "").strip()])
    return cues, True


def srt_turns(text, labels, name):
    alt = "|".join(re.escape(l) for l in labels)
    rx = re.compile(r"^(" + alt + r"):\s?(.*)$", re.S)
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{name}: malformed srt block: {block[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if not m:
            bad(f"{name}: srt cue without speaker: {body[:40]}")
            continue
        cues.append([m.group(1), m.group(2)])
    return cues, True


def merge(cues):
    out = []
    for who, txt in cues:
        if out and out[-1][0] == who:
            out[-1][1] += " " + txt
        else:
            out.append([who, txt])
    return out


def load(doc):
    files = sorted(p for p in TR.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    labels = SPEAKERS[doc]
    ext = path.suffix.lower()
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{path.name}: unreadable docx ({e})")
            return None
        full = "\n".join(paras)
        turns, timed = line_turns(paras, labels, path.name)
    else:
        full, enc = decode(path.read_bytes(), path.name)
        if full is None:
            return None
        if ext == ".txt":
            turns, timed = line_turns(full.splitlines(), labels, path.name)
        elif ext == ".vtt":
            turns, timed = vtt_turns(full, path.name)
        elif ext == ".srt":
            turns, timed = srt_turns(full, labels, path.name)
        else:
            bad(f"{path.name}: unknown format")
            return None
    if timed:
        turns = merge(turns)
    return path, ext, full, turns


def main():
    info = {}
    for doc in DOCS:
        r = load(doc)
        if r is None:
            continue
        path, ext, full, turns = r
        ilab, rlab = SPEAKERS[doc]
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        for k, (who, _) in enumerate(turns, start=1):
            want = ilab if k % 2 == 1 else rlab
            if who != want:
                bad(f"{doc}: turn {k} is spoken by {who!r}, expected {want!r} (alternation, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for w, _ in turns if w == rlab)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns, outside 10-45")
        info[doc] = dict(ext=ext, full=full, turns=turns, rlab=rlab, words=words, nresp=nresp)

    exts = {v["ext"] for v in info.values()}
    fmts = set()
    for doc, v in info.items():
        if v["ext"] == ".txt":
            fmts.add("txt-ts" if re.search(r"^\[\d\d:\d\d:\d\d\]", v["full"], re.M) else "txt")
        else:
            fmts.add(v["ext"])
    if len(exts) < 4:
        bad(f"only {len(exts)} different file formats: {sorted(exts)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "styles.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        rows = []
        bad("styles.csv missing")
    sdocs = [r["doc_id"] for r in rows]
    if sorted(sdocs) != DOCS:
        bad(f"styles.csv doc ids {sdocs} != {DOCS}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        bad(f"styles.csv mix {dict(mix)} != {WANT_MIX}")
    onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if not (any("mixed" in x for x in onb) and any("too little evidence" in x for x in onb)):
        bad("styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence'")
    for r in rows:
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")

    # orientation.csv
    try:
        orows = list(csv.reader(open(ROOT / "orientation.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        orows = [["doc_id", "turn_index", "orientation"]]
        bad("orientation.csv missing")
    if orows[0] != ["doc_id", "turn_index", "orientation"]:
        bad(f"orientation.csv header {orows[0]}")
    keys = []
    for r in orows[1:]:
        doc, ti, o = r[0], int(r[1]), r[2]
        keys.append((doc, ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r}")
        if doc not in info:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = info[doc]["turns"]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != info[doc]["rlab"] or ti % 2:
            bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv has duplicates")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        irows = []
        bad("identifiers.csv missing")
    seen = Counter()
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ}")
        seen[(doc, ident)] += 1
        if doc in info and ident not in info[doc]["full"]:
            bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for k, n in seen.items():
        if n > 1:
            bad(f"identifiers.csv: duplicate row {k}")
    per = Counter(d for d, _ in seen)
    for doc in DOCS:
        if per[doc] < 5:
            bad(f"{doc}: only {per[doc]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc in DOCS:
        v = info[doc]
        print(f"# {doc}{v['ext']:6} words={v['words']} respondent_turns={v['nresp']} identifiers={per[doc]}")
    print(f"# formats: {sorted(fmts)}")
    print("OK")


if __name__ == "__main__":
    main()
