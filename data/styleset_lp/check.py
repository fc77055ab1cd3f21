#!/usr/bin/env python3
"""Check set LP from its *built* transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
Run: python3 check.py   (from anywhere)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc -> (file, kind, encoding, interviewer label, respondent label)
DOCS = {
    "lp01": ("lp01.docx", "docx", None, "Interviewer", "Youssef"),
    "lp02": ("lp02.vtt", "vtt", "utf-8", "Interviewer", "Anouk Brandsma"),
    "lp03": ("lp03.txt", "txt_ir", "cp1252", "I", "R"),
    "lp04": ("lp04.srt", "srt", "utf-8", "Interviewer", "Marit"),
    "lp05": ("lp05.txt", "txt_ts", "utf-8", "Spreker 1", "Spreker 2"),
    "lp06": ("lp06.docx", "docx", None, "Interviewer", "Kromhout"),
}
BOLD_LABELS = {"lp01"}
GENERIC_LABELS = {"Interviewer", "Respondent", "I", "R", "Spreker 1", "Spreker 2"}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
METADATA_KEYS = {"respondent", "datum", "duur", "locatie", "interviewer", "opname", "date"}
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RT, MAX_RT = 10, 45

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def problem(msg):
    problems.append(msg)


def nwords(text):
    return sum(1 for w in text.split() if re.search(r"\w", w))


def looks_like_turn(line):
    m = re.match(r"^\s*([A-Za-zÀ-ÿ][\w .'-]{0,30}):\s+\S", line)
    return bool(m) and m.group(1).strip().lower() not in METADATA_KEYS


# ------------------------------------------------------------------ parsers
# each returns (full_text, header_lines, segments[(label, text)], merge_allowed)
def parse_docx(doc, path, ilabel, rlabel):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            bold = rpr is not None and rpr.find(W + "b") is not None and \
                rpr.find(W + "b").get(W + "val", "true") not in ("0", "false")
            runs.append((t, bold))
        paras.append(runs)
    header, segs, full = [], [], []
    for runs in paras:
        text = "".join(t for t, _ in runs)
        full.append(text)
        if not text.strip():
            continue
        label = None
        for lab in (ilabel, rlabel):
            if text.startswith(lab + ":"):
                label = lab
        if label is None:
            if segs:
                problem(f"{doc}: paragraph after the first turn without speaker label: {text[:50]!r}")
            else:
                header.append(text)
            continue
        if doc in BOLD_LABELS:
            first = runs[0]
            if not (first[1] and first[0].strip().startswith(label)):
                problem(f"{doc}: speaker label not in a bold run: {text[:40]!r}")
        segs.append((label, text[len(label) + 1:].strip()))
    return "\n".join(full), header, segs, False


def decode(doc, path, enc):
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    return text


def parse_txt_ir(doc, path, enc, ilabel, rlabel):
    text = decode(doc, path, enc)
    if text is None:
        return None
    if "\r\n" not in text or re.search(r"(?<!\r)\n", text):
        problem(f"{doc}: expected CRLF line endings throughout")
    lines = text.replace("\r\n", "\n").split("\n")
    header, segs = [], []
    pat = re.compile(r"^(%s|%s): (.*)$" % (re.escape(ilabel), re.escape(rlabel)))
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            segs.append((m.group(1), m.group(2)))
        elif segs:
            problem(f"{doc}: stray line after first turn: {ln[:50]!r}")
        else:
            header.append(ln)
    return text, header, segs, False


def parse_txt_ts(doc, path, enc, ilabel, rlabel):
    text = decode(doc, path, enc)
    if text is None:
        return None
    header, segs, last, body = [], [], -1, []
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (%s|%s): (.*)$" % (re.escape(ilabel), re.escape(rlabel)))
    for ln in text.splitlines():
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if t < last:
                problem(f"{doc}: timestamps go backwards at {ln[:12]}")
            last = t
            segs.append((m.group(4), m.group(5)))
            body.append(m.group(4) + ": " + m.group(5))
        elif segs:
            problem(f"{doc}: stray line after first turn: {ln[:50]!r}")
        else:
            header.append(ln)
    return "\n".join(header + body), header, segs, False


TIME_VTT = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})")
TIME_SRT = re.compile(r"^(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})$")


def secs(g):
    return int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2]) + int(g[3]) / 1000


def parse_vtt(doc, path, enc, ilabel, rlabel):
    text = decode(doc, path, enc)
    if text is None:
        return None
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip("\n"))
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: missing WEBVTT signature")
        return None
    header, segs, last, bodies = [], [], -1.0, []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            continue
        i = 0
        if not TIME_VTT.match(lines[0]):
            i = 1  # optional cue identifier
        m = TIME_VTT.match(lines[i]) if i < len(lines) else None
        if not m:
            problem(f"{doc}: block without cue timing: {b[:40]!r}")
            continue
        t0, t1 = secs(m.groups()[:4]), secs(m.groups()[4:])
        if t1 <= t0 or t0 < last:
            problem(f"{doc}: bad cue timing {lines[i]}")
        last = t1
        body = " ".join(lines[i + 1:]).strip()
        v = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not v or v.group(1) not in (ilabel, rlabel):
            problem(f"{doc}: cue without a known voice tag: {body[:40]!r}")
            continue
        segs.append((v.group(1), re.sub(r"</v>\s*$", "", v.group(2)).strip()))
        bodies.append(body)
    # identifiers are looked up in the header and cue texts, not in the timing lines
    return "\n".join(header + bodies), header, segs, True


def parse_srt(doc, path, enc, ilabel, rlabel):
    text = decode(doc, path, enc)
    if text is None:
        return None
    text_n = text.lstrip("\ufeff").replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", text_n.strip("\n"))
    segs, last, expect, bodies = [], -1.0, 1, []
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            problem(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        m = TIME_SRT.match(lines[1])
        if not m:
            problem(f"{doc}: bad srt timing line {lines[1]!r}")
            continue
        t0, t1 = secs(m.groups()[:4]), secs(m.groups()[4:])
        if t1 <= t0 or t0 < last:
            problem(f"{doc}: bad cue timing {lines[1]}")
        last = t1
        body = " ".join(lines[2:]).strip()
        lab = None
        for cand in (ilabel, rlabel):
            if body.startswith(cand + ":"):
                lab = cand
        if lab is None:
            problem(f"{doc}: cue text without speaker name: {body[:40]!r}")
            continue
        segs.append((lab, body[len(lab) + 1:].strip()))
        bodies.append(body)
    return "\n".join(bodies), [], segs, True


# ------------------------------------------------------------------ main
def main():
    docs = {}
    for doc, (fname, kind, enc, ilabel, rlabel) in DOCS.items():
        found = sorted(TR.glob(doc + ".*"))
        if len(found) != 1:
            problem(f"{doc}: expected exactly one transcript, found {[p.name for p in found]}")
            continue
        if found[0].name != fname:
            problem(f"{doc}: expected {fname}, found {found[0].name}")
            continue
        path = found[0]
        if kind == "docx":
            res = parse_docx(doc, path, ilabel, rlabel)
        elif kind == "txt_ir":
            res = parse_txt_ir(doc, path, enc, ilabel, rlabel)
        elif kind == "txt_ts":
            res = parse_txt_ts(doc, path, enc, ilabel, rlabel)
        elif kind == "vtt":
            res = parse_vtt(doc, path, enc, ilabel, rlabel)
        else:
            res = parse_srt(doc, path, enc, ilabel, rlabel)
        if res is None:
            continue
        full, header, segs, merge = res
        for h in header:
            if looks_like_turn(h):
                problem(f"{doc}: header line looks like a speaker turn: {h[:50]!r}")
        turns = []
        for lab, txt in segs:
            if turns and turns[-1][0] == lab:
                if not merge:
                    problem(f"{doc}: two consecutive turns by {lab!r}")
                turns[-1][1] += " " + txt
            else:
                turns.append([lab, txt])
        if not turns or turns[0][0] != ilabel:
            problem(f"{doc}: the interviewer does not speak first")
        for i, (lab, _) in enumerate(turns):
            want = ilabel if i % 2 == 0 else rlabel
            if lab != want:
                problem(f"{doc}: turn {i+1} is by {lab!r}, expected {want!r}")
                break
        words = sum(nwords(t) for _, t in turns)
        rturns = sum(1 for lab, _ in turns if lab == rlabel)
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{doc}: {words} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        if not MIN_RT <= rturns <= MAX_RT:
            problem(f"{doc}: {rturns} respondent turns, outside {MIN_RT}-{MAX_RT}")
        if BANNED.search(full):
            problem(f"{doc}: transcript contains a forbidden label word")
        docs[doc] = {"full": full, "turns": turns, "rlabel": rlabel, "ilabel": ilabel,
                     "words": words, "rturns": rturns}

    # styles.csv
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != sorted(DOCS) or len(set(ids)) != len(ids):
            problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
        counts = {}
        for r in rows:
            counts[r["style"]] = counts.get(r["style"], 0) + 1
            if not r.get("rationale", "").strip():
                problem(f"styles.csv: {r['doc_id']} has no rationale")
        if counts != WANT_STYLES:
            problem(f"styles.csv: style mix {counts}, wanted {WANT_STYLES}")
        kinds = sorted(("mixed" if "mixed" in r["rationale"].lower() else
                        "little" if "too little evidence" in r["rationale"].lower() else "?")
                       for r in rows if r["style"] == "onbepaald")
        if kinds != ["little", "mixed"]:
            problem(f"styles.csv: onbepaald rationales should name one 'mixed' and one "
                    f"'too little evidence', got {kinds}")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, idx, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            keys.append((doc, idx))
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o!r} ({doc} {idx})")
            if doc not in docs:
                problem(f"orientation.csv: unknown or unparsed doc {doc}")
                continue
            turns = docs[doc]["turns"]
            if idx < 1 or idx > len(turns) or turns[idx - 1][0] != docs[doc]["rlabel"]:
                problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: rows not sorted")
        if len(set(keys)) != len(keys):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError, ValueError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        seen, per_doc = set(), {}
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
            if (doc, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            per_doc.setdefault(doc, {})[ident] = typ
            if doc not in docs:
                problem(f"identifiers.csv: unknown or unparsed doc {doc}")
            elif ident not in docs[doc]["full"]:
                problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
        for doc, d in docs.items():
            ids = per_doc.get(doc, {})
            if len(ids) < 5:
                problem(f"identifiers.csv: {doc} has only {len(ids)} identifiers")
            for lab in (d["ilabel"], d["rlabel"]):
                if lab not in GENERIC_LABELS and ids.get(lab) != "PERSOON":
                    problem(f"identifiers.csv: {doc} speaker label {lab!r} missing as PERSOON")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    fmts = {Path(DOCS[d][0]).suffix + ":" + DOCS[d][1] for d in DOCS}
    if len({DOCS[d][1] for d in DOCS}) < 4:
        problem(f"fewer than four transcript formats: {fmts}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
