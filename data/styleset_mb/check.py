#!/usr/bin/env python3
"""Check set mb from the BUILT transcripts (standard library only).

Usage: python3 check.py [-v]   (from anywhere; -v also prints per-document counts)
Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

SET = Path(__file__).resolve().parent
TDIR = SET / "transcripts"
DOC_IDS = [f"mb{n:02d}" for n in range(1, 7)]
# per document: file extension, encoding, interviewer label, respondent label
DOCS = {
    "mb01": ("docx", None, "Interviewer", "Respondent"),
    "mb02": ("vtt", "utf-8", "Lotte", "Youssef"),
    "mb03": ("txt", "cp1252", "I", "R"),
    "mb04": ("srt", "utf-8", "Wendy", "Ruud"),
    "mb05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "mb06": ("docx", None, "Interviewer", "Femke"),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
METADATA_KEYS = {"respondent", "datum", "interviewer", "duur", "opname", "locatie"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def read_docx(path):
    """Return list of (text, first_run_bold) per paragraph."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = list(p.iter(W + "r"))
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        bold = False
        if runs:
            rpr = runs[0].find(W + "rPr")
            if rpr is not None:
                b = rpr.find(W + "b")
                bold = b is not None and b.get(W + "val", "true") not in ("0", "false")
        paras.append((text, bold))
    return paras


def parse_lines(doc, lines, ilab, rlab, ts=False, need_bold=None):
    """Lines before the first interviewer turn are the header. Returns header lines and turns."""
    prefix = r"\[\d\d:\d\d:\d\d\] " if ts else ""
    pat = re.compile(r"^" + prefix + r"(" + re.escape(ilab) + r"|" + re.escape(rlab) + r"): (.+)$")
    header, turns, started = [], [], False
    for i, item in enumerate(lines):
        line, bold = item if isinstance(item, tuple) else (item, None)
        line = line.rstrip()
        m = pat.match(line)
        if not started:
            if m and m.group(1) == ilab:
                started = True
            else:
                if line.strip():
                    header.append(line)
                continue
        if not line.strip():
            continue
        if not m:
            problem(f"{doc}: line {i+1} is neither a turn nor blank: {line[:60]!r}")
            continue
        if need_bold is not None and bold != need_bold:
            problem(f"{doc}: label bold={bold} on line {i+1}, expected {need_bold}")
        turns.append((m.group(1), m.group(2)))
    return header, turns


def parse_cues(doc, text, kind, ilab, rlab):
    blocks = [b for b in re.split(r"\r?\n\r?\n", text.strip()) if b.strip()]
    header, cues = [], []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{doc}: no WEBVTT signature")
            return [], []
        blocks = blocks[1:]
    expect = 1
    for b in blocks:
        ls = b.splitlines()
        if kind == "vtt" and ls[0].startswith("NOTE"):
            header += [l for l in ls[1:] if l.strip()]
            continue
        if kind == "srt":
            if ls[0].strip() != str(expect):
                problem(f"{doc}: srt cue number {ls[0]!r}, expected {expect}")
            expect += 1
            ls = ls[1:]
        elif "-->" not in ls[0]:
            ls = ls[1:]  # optional vtt cue identifier
        sep = "," if kind == "srt" else "."
        if not ls or not re.match(r"^\d\d:\d\d:\d\d" + sep + r"\d{3} --> \d\d:\d\d:\d\d" + sep + r"\d{3}", ls[0]):
            problem(f"{doc}: bad timing line in cue {b[:40]!r}")
            continue
        body = " ".join(l.strip() for l in ls[1:])
        if kind == "vtt":
            m = re.match(r"^<v ([^>]+)>(.*)$", body)
        else:
            m = re.match(r"^(" + re.escape(ilab) + r"|" + re.escape(rlab) + r"): (.*)$", body)
        if not m:
            problem(f"{doc}: cue without speaker: {body[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2).replace("</v>", "").strip()))
    turns = []
    for spk, t in cues:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + t)
        else:
            turns.append((spk, t))
    return header, turns


def load(doc):
    ext, enc, ilab, rlab = DOCS[doc]
    files = sorted(TDIR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    if path.suffix != "." + ext:
        problem(f"{doc}: expected .{ext}, found {path.name}")
        return None
    if ext == "docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx ({e})")
            return None
        full = "\n".join(p for p, _ in paras)
        bold = True if doc == "mb01" else False
        header, turns = parse_lines(doc, paras, ilab, rlab, need_bold=bold)
        fmt = "docx-bold" if bold else "docx-plain"
    else:
        raw = path.read_bytes()
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                problem(f"{doc}: decodes as UTF-8, expected Windows-1252 with non-ASCII characters")
            except UnicodeDecodeError:
                pass
        try:
            full = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as {enc} ({e})")
            return None
        crlf = b"\r\n" in raw
        if doc in ("mb03", "mb04") and (not crlf or re.search(rb"(?<!\r)\n", raw)):
            problem(f"{doc}: expected CRLF line endings throughout")
        if ext in ("vtt", "srt"):
            header, turns = parse_cues(doc, full, ext, ilab, rlab)
            fmt = ext
        else:
            header, turns = parse_lines(doc, full.splitlines(), ilab, rlab, ts=(doc == "mb05"))
            fmt = f"txt-{enc}" + ("-ts" if doc == "mb05" else "")
    for h in header:
        m = re.match(r"^([^:\[\]]{1,30}): \S", h)
        if m and m.group(1).strip().lower() not in METADATA_KEYS:
            problem(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
    return {"full": full, "turns": turns, "ilab": ilab, "rlab": rlab, "fmt": fmt}


def main():
    docs = {}
    extra = [f.name for f in TDIR.iterdir() if f.stem not in DOC_IDS] if TDIR.is_dir() else []
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    for doc in DOC_IDS:
        d = load(doc)
        if d is None:
            continue
        docs[doc] = d
        turns = d["turns"]
        for k, (spk, _) in enumerate(turns, start=1):
            want = d["ilab"] if k % 2 == 1 else d["rlab"]
            if spk != want:
                problem(f"{doc}: turn {k} spoken by {spk!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
        nresp = sum(1 for s, _ in turns if s == d["rlab"])
        nwords = sum(words(t) for _, t in turns)
        d["nresp"], d["nwords"] = nresp, nwords
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")
        if not WORDS[0] <= nwords <= WORDS[1]:
            problem(f"{doc}: {nwords} spoken words, outside {WORDS}")
        for _, t in turns:
            if FORBIDDEN.search(t):
                problem(f"{doc}: forbidden label word in turn: {FORBIDDEN.search(t).group(0)}")
    fmts = {d["fmt"] for d in docs.values()}
    if len(fmts) < 4:
        problem(f"only {len(fmts)} different formats: {sorted(fmts)}")

    # styles.csv
    try:
        with open(SET / "styles.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        seen = {}
        for r in rows:
            if r["doc_id"] in seen:
                problem(f"styles.csv: duplicate {r['doc_id']}")
            seen[r["doc_id"]] = r
            if r["style"] not in WANTED_MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
                problem(f"styles.csv: onbepaald rationale for {r['doc_id']} does not say which kind")
        if sorted(seen) != DOC_IDS:
            problem(f"styles.csv: doc ids {sorted(seen)} != {DOC_IDS}")
        mix = {s: sum(1 for r in seen.values() if r["style"] == s) for s in WANTED_MIX}
        if mix != WANTED_MIX:
            problem(f"styles.csv: mix {mix} != {WANTED_MIX}")
        ob = [r for r in seen.values() if r["style"] == "onbepaald"]
        if any(not re.search(r"mixed", r["rationale"], re.I) for r in ob):
            problem("styles.csv: both onbepaald documents should be genuinely mixed")
    except (OSError, KeyError) as e:
        problem(f"styles.csv unreadable: {e}")

    # orientation.csv
    try:
        with open(SET / "orientation.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, idx, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            keys.append((doc, idx))
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r}")
            d = docs.get(doc)
            if d is None:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            if not 1 <= idx <= len(d["turns"]) or d["turns"][idx - 1][0] != d["rlab"]:
                problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted by doc_id, turn_index")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError, ValueError) as e:
        problem(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        with open(SET / "identifiers.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        seen = set()
        count = {doc: 0 for doc in DOC_IDS}
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
            d = docs.get(doc)
            if d is None:
                problem(f"identifiers.csv: unknown doc {doc}")
                continue
            count[doc] += 1
            if ident not in d["full"]:
                problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
        for doc, n in count.items():
            if n < 5:
                problem(f"identifiers.csv: {doc} has only {n} identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv unreadable: {e}")

    if "-v" in sys.argv:
        for doc, d in docs.items():
            print(f"{doc}: {d['fmt']:16s} words={d['nwords']} respondent_turns={d['nresp']} turns={len(d['turns'])}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
