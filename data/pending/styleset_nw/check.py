"""Check set nw by parsing the BUILT transcripts (standard library only).

Usage:  python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc -> (file, kind, encoding, newline, interviewer label, respondent label)
DOCS = {
    "nw01": ("nw01.docx", "docx", None, None, "Sanne", "Marieke"),
    "nw02": ("nw02.vtt", "vtt", "utf-8", "\n", "Tarik Bouzid", "Ron Verhagen"),
    "nw03": ("nw03.txt", "txt", "cp1252", "\r\n", "Spreker 1", "Spreker 2"),
    "nw04": ("nw04.srt", "srt", "utf-8", "\r\n", "Tarik", "Gerard"),
    "nw05": ("nw05.txt", "txt", "utf-8", "\n", "I", "R"),
    "nw06": ("nw06.docx", "docx", None, None, "Interviewer", "Respondent"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
GENERIC_LABELS = {"I", "R", "Interviewer", "Respondent", "Spreker 1", "Spreker 2"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def read_docx(path):
    """Return (paragraph texts, list of (paragraph text, first-run-bold))."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            b = rpr is not None and rpr.find(W + "b") is not None
            runs.append((t, b))
        paras.append(("".join(t for t, _ in runs), runs[0][1] if runs else False))
    return paras


def turns_from_lines(doc, lines, labels, pattern):
    """Lines/paragraphs: header until the first turn; afterwards every non-empty line is a turn."""
    turns, seen_turn = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = pattern.match(ln)
        if m and m.group(1) in labels:
            seen_turn = True
            turns.append([m.group(1), m.group(2).strip()])
        elif seen_turn:
            bad(f"{doc}: line after the first turn is not a turn: {ln[:60]!r}")
    return turns


def merge(segments):
    turns = []
    for spk, text in segments:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def parse(doc):
    fname, kind, enc, nl, il, rl = DOCS[doc]
    labels = {il, rl}
    path = TR / fname
    if kind == "docx":
        paras = read_docx(path)
        full = "\n".join(t for t, _ in paras)
        pat = re.compile(r"^(" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$", re.S)
        turns = turns_from_lines(doc, [t for t, _ in paras], labels, pat)
        return full, turns
    raw = path.read_bytes()
    try:
        full = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return "", []
    if enc == "cp1252" and any(b > 127 for b in raw):
        try:
            raw.decode("utf-8")
            bad(f"{doc}: expected Windows-1252 bytes but the file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if full.startswith("\ufeff"):
        full = full[1:]
    if nl == "\r\n":
        if raw.count(b"\n") != raw.count(b"\r\n"):
            bad(f"{doc}: mixed line endings, expected CRLF")
    elif b"\r" in raw:
        bad(f"{doc}: unexpected CR in LF file")
    text = full.replace("\r\n", "\n")
    if kind == "txt":
        if il.startswith("Spreker"):
            pat = re.compile(r"^\[\d\d:\d\d:\d\d\] (Spreker \d): (.*)$")
        else:
            pat = re.compile(r"^(" + "|".join(map(re.escape, labels)) + r"): (.*)$")
        return full, turns_from_lines(doc, text.split("\n"), labels, pat)
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    segs = []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            bad(f"{doc}: missing WEBVTT signature")
        for b in blocks[1:]:
            if b.startswith("NOTE"):
                continue
            ls = b.split("\n")
            if "-->" not in ls[0]:
                ls = ls[1:]
            if not ls or not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", ls[0]):
                bad(f"{doc}: bad cue timing: {b[:40]!r}")
                continue
            body = " ".join(ls[1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
            if not m or m.group(1) not in labels:
                bad(f"{doc}: cue without a known voice tag: {body[:50]!r}")
                continue
            segs.append((m.group(1), re.sub(r"<[^>]+>", "", m.group(2)).strip()))
    elif kind == "srt":
        for i, b in enumerate(blocks, 1):
            ls = b.split("\n")
            if len(ls) < 3 or ls[0].strip() != str(i):
                bad(f"{doc}: cue {i} badly numbered")
                continue
            if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", ls[1]):
                bad(f"{doc}: cue {i} bad timing")
                continue
            body = " ".join(ls[2:])
            m = re.match(r"^([^:]{1,40}): (.*)$", body)
            if not m or m.group(1) not in labels:
                bad(f"{doc}: cue {i} without a known speaker")
                continue
            segs.append((m.group(1), m.group(2).strip()))
    return full, merge(segs)


def main():
    files = sorted(p.name for p in TR.iterdir()) if TR.exists() else []
    for doc in DOCS:
        mine = [f for f in files if f.split(".")[0] == doc]
        if mine != [DOCS[doc][0]]:
            bad(f"{doc}: expected exactly one transcript {DOCS[doc][0]}, found {mine}")
    extra = [f for f in files if f.split(".")[0] not in DOCS]
    if extra:
        bad(f"unexpected transcripts: {extra}")
    exts = {DOCS[d][0].rsplit(".", 1)[1] + ("/" + (DOCS[d][2] or "")) for d in DOCS}
    if len({DOCS[d][1] for d in DOCS}) < 4:
        bad(f"fewer than four formats: {exts}")

    texts, nturns = {}, {}
    for doc, (fname, kind, enc, nl, il, rl) in DOCS.items():
        if not (TR / fname).exists():
            continue
        full, turns = parse(doc)
        texts[doc] = full
        nturns[doc] = len(turns)
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if spk != want:
                bad(f"{doc}: turn {i} is {spk!r}, expected {want!r} (strict alternation, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words, outside {WORDS}")
        nr = sum(1 for s, _ in turns if s == rl)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        if FORBIDDEN.search(full):
            bad(f"{doc}: transcript uses a forbidden label word: {FORBIDDEN.search(full).group(0)}")
        print(f"{doc}: {fname:10s} turns={len(turns)} respondent={nr} words={words}")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        bad(f"styles.csv: doc ids {ids}")
    count = {}
    for r in rows:
        count[r["style"]] = count.get(r["style"], 0) + 1
        if not r["rationale"].strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(r"too little evidence|mixed", r["rationale"], re.I):
            bad(f"styles.csv: onbepaald rationale of {r['doc_id']} does not say which kind")
        if r["style"] == "onbepaald" and "too little evidence" not in r["rationale"].lower():
            bad(f"styles.csv: {r['doc_id']} should be the 'too little evidence' kind for this set")
    if count != MIX:
        bad(f"styles.csv: mix {count}, expected {MIX}")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        d, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
        if d not in DOCS:
            bad(f"orientation.csv: unknown doc {d}")
            continue
        if not ti.isdigit():
            bad(f"orientation.csv: bad turn index {ti!r}")
            continue
        ti = int(ti)
        keys.append((sorted(DOCS).index(d), ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r} at {d}/{ti}")
        if ti % 2 or ti < 2 or ti > nturns.get(d, 0):
            bad(f"orientation.csv: {d}/{ti} is not a respondent turn (doc has {nturns.get(d)} turns)")
    if keys != sorted(set(keys)):
        bad("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, per_doc = set(), {}
    for r in rows:
        d, s, t = r["doc_id"], r["identifier"], r["type"]
        if d not in DOCS:
            bad(f"identifiers.csv: unknown doc {d}")
            continue
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {t!r} for {s!r}")
        if (d, s) in seen:
            bad(f"identifiers.csv: duplicate {d}/{s!r}")
        seen.add((d, s))
        per_doc.setdefault(d, {})[s] = t
        if s not in texts.get(d, ""):
            bad(f"identifiers.csv: {s!r} does not occur verbatim in {d}")
    for d, (_, _, _, _, il, rl) in DOCS.items():
        n = len(per_doc.get(d, {}))
        if n < 5:
            bad(f"identifiers.csv: {d} has only {n} identifiers")
        for lab in (il, rl):
            if lab not in GENERIC_LABELS and per_doc.get(d, {}).get(lab) != "PERSOON":
                bad(f"identifiers.csv: speaker label {lab!r} of {d} missing as PERSOON")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
