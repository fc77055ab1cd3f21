#!/usr/bin/env python3
"""Check set GY using the built transcripts only (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

BASE = Path(__file__).resolve().parent
TR = BASE / "transcripts"

# doc_id -> expected delivery: extension, encoding, line ending, interviewer label, respondent label
EXPECT = {
    "gy01": dict(ext="vtt", enc="utf-8", crlf=False, i="Femke Post", r="Gerard Brinkhuis"),
    "gy02": dict(ext="docx", enc=None, crlf=None, i="Interviewer", r="Anouk Wissink"),
    "gy03": dict(ext="txt", enc="cp1252", crlf=True, i="I", r="R"),
    "gy04": dict(ext="srt", enc="utf-8", crlf=True, i="Eva", r="Bennie"),
    "gy05": dict(ext="txt", enc="utf-8", crlf=False, i="Spreker 1", r="Spreker 2"),
    "gy06": dict(ext="docx", enc=None, crlf=None, i="Interviewer", r="Respondent"),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"Datum", "Duur", "Opname", "Respondent", "Locatie", "Interviewer"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            bold = False
            rpr = r.find(W + "rPr")
            if rpr is not None and rpr.find(W + "b") is not None:
                b = rpr.find(W + "b")
                bold = b.get(W + "val", "true") not in ("0", "false")
            text = "".join(t.text or "" for t in r.iter(W + "t"))
            runs.append((text, bold))
        paras.append(runs)
    return paras


def label_re(exp):
    labels = "|".join(re.escape(x) for x in (exp["i"], exp["r"]))
    return re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + labels + r"):\s*(.*)$")


def parse_lines(lines, exp):
    """Paragraph/line based formats (txt, docx). Returns header lines and [label, text] turns."""
    rx = label_re(exp)
    header, turns = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
        else:
            header.append(line)
    return header, turns


def parse_cues(text, exp, kind):
    blocks = re.split(r"\n\s*\n", text.strip())
    header, segs = [], []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            bad("vtt does not start with WEBVTT")
            return header, []
        blocks = blocks[1:]
    for b in blocks:
        lines = b.split("\n")
        if kind == "vtt" and lines[0].startswith("NOTE"):
            header += [x for x in [lines[0][4:].strip()] + lines[1:] if x.strip()]
            continue
        ti = next((k for k, x in enumerate(lines) if "-->" in x), None)
        if ti is None:
            bad(f"{kind} block without timing: {b[:40]!r}")
            continue
        body = " ".join(x.strip() for x in lines[ti + 1:] if x.strip())
        if kind == "vtt":
            m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
            if not m:
                bad(f"vtt cue without voice tag: {body[:40]!r}")
                continue
            who, said = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        else:
            m = re.match(r"^([^:]{1,40}):\s*(.*)$", body)
            if not m:
                bad(f"srt cue without 'Name:' : {body[:40]!r}")
                continue
            who, said = m.group(1).strip(), m.group(2).strip()
        segs.append([who, said])
    turns = []
    for who, said in segs:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return header, turns


def load(doc_id, exp):
    files = sorted(TR.glob(doc_id + ".*"))
    if len(files) != 1:
        bad(f"{doc_id}: expected one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    if path.suffix[1:] != exp["ext"]:
        bad(f"{doc_id}: extension {path.suffix} (expected .{exp['ext']})")
        return None
    if exp["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc_id}: unreadable docx ({e})")
            return None
        lines = ["".join(t for t, _ in runs) for runs in paras]
        header, turns = parse_lines(lines, exp)
        # speaker runs: label must be in its own run (bold for gy02)
        full = "\n".join(lines)
        return dict(header=header, turns=turns, full=full, paras=paras)
    raw = path.read_bytes()
    try:
        text = raw.decode(exp["enc"])
    except UnicodeDecodeError as e:
        bad(f"{doc_id}: not readable as {exp['enc']} ({e})")
        return None
    if exp["enc"] == "cp1252" and any(b > 127 for b in raw):
        try:
            raw.decode("utf-8")
            bad(f"{doc_id}: non-ASCII bytes are valid UTF-8; expected Windows-1252")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    crlf = "\r\n" in text
    lone_lf = re.search(r"(?<!\r)\n", text) is not None
    if exp["crlf"] and (not crlf or lone_lf):
        bad(f"{doc_id}: expected CRLF line endings throughout")
    if exp["crlf"] is False and crlf:
        bad(f"{doc_id}: unexpected CRLF line endings")
    norm = text.replace("\r\n", "\n")
    if exp["ext"] in ("vtt", "srt"):
        header, turns = parse_cues(norm, exp, exp["ext"])
    else:
        header, turns = parse_lines(norm.split("\n"), exp)
    return dict(header=header, turns=turns, full=norm, paras=None)


def main():
    docs = {}
    extra = {f.stem for f in TR.iterdir()} - set(EXPECT) if TR.exists() else set()
    if extra:
        bad(f"unexpected transcript files: {sorted(extra)}")
    formats = set()
    for doc_id, exp in EXPECT.items():
        d = load(doc_id, exp)
        if d is None:
            continue
        docs[doc_id] = d
        turns = d["turns"]
        # speaker labels and alternation
        for k, (who, said) in enumerate(turns, 1):
            want = exp["i"] if k % 2 == 1 else exp["r"]
            if who != want:
                bad(f"{doc_id}: turn {k} spoken by {who!r}, expected {want!r} (strict alternation, interviewer first)")
                break
            if not said.strip():
                bad(f"{doc_id}: turn {k} is empty")
        nr = sum(1 for k in range(1, len(turns) + 1) if k % 2 == 0)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc_id}: {nr} respondent turns (want {RTURNS[0]}-{RTURNS[1]})")
        words = sum(len(s.split()) for _, s in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc_id}: {words} spoken words (want {WORDS[0]}-{WORDS[1]})")
        d["words"], d["rturns"] = words, nr
        # header lines must not look like speaker turns
        for h in d["header"]:
            m = re.match(r"^([A-Z][\w\- ]{0,30}):\s", h)
            if m and m.group(1) not in META_KEYS:
                bad(f"{doc_id}: header line looks like a speaker turn: {h[:50]!r}")
        if FORBIDDEN.search(d["full"]):
            bad(f"{doc_id}: transcript uses a forbidden label word")
        if d["paras"] is not None and doc_id == "gy02":
            for runs in d["paras"]:
                txt = "".join(t for t, _ in runs)
                if label_re(exp).match(txt) and not (runs and runs[0][1] and runs[0][0].endswith(":")):
                    bad(f"{doc_id}: speaker label not in a bold run: {txt[:40]!r}")
                    break
        key = exp["ext"] + ("-" + exp["enc"] if exp["enc"] else "") + "-" + exp["i"]
        formats.add(key)
    if len({e["ext"] for e in EXPECT.values()}) < 3 or len(formats) < 4:
        bad(f"fewer than four different transcript formats: {sorted(formats)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(BASE / "styles.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        rows = []
        bad("styles.csv missing")
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(EXPECT) or len(ids) != len(set(ids)):
        bad(f"styles.csv doc ids {ids} do not match {sorted(EXPECT)}")
    cnt = Counter(r["style"] for r in rows)
    if dict(cnt) != WANT_STYLES:
        bad(f"style mix {dict(cnt)} != {WANT_STYLES}")
    onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if sorted(("mixed" in x, "too little evidence" in x) for x in onb) != [(False, True), (True, False)]:
        bad("onbepaald rationales must name one 'mixed' and one 'too little evidence'")
    for r in rows:
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(BASE / "orientation.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        orows = []
        bad("orientation.csv missing")
    keys = []
    for r in orows:
        doc_id, o = r["doc_id"], r["orientation"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc_id, idx))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r}")
        if doc_id not in docs:
            bad(f"orientation.csv: unknown doc {doc_id}")
            continue
        n = len(docs[doc_id]["turns"])
        if idx % 2 != 0 or not 2 <= idx <= n:
            bad(f"orientation.csv: {doc_id} turn {idx} is not a respondent turn (doc has {n} turns)")
    if keys != sorted(keys):
        bad("orientation.csv is not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv has duplicate rows")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(BASE / "identifiers.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        irows = []
        bad("identifiers.csv missing")
    seen, per_doc = set(), Counter()
    for r in irows:
        doc_id, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r}")
        if (doc_id, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc_id} {ident!r}")
        seen.add((doc_id, ident))
        per_doc[doc_id] += 1
        if doc_id not in docs:
            bad(f"identifiers.csv: unknown doc {doc_id}")
        elif ident not in docs[doc_id]["full"]:
            bad(f"identifiers.csv: {ident!r} not found verbatim in {doc_id}")
    for doc_id in EXPECT:
        if per_doc[doc_id] < 5:
            bad(f"{doc_id}: only {per_doc[doc_id]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
