#!/usr/bin/env python3
"""Check the built transcripts and the label files of this blind set (standard library only).

Parses transcripts/ (not src/), and checks: one readable transcript per doc in its encoding, turns
alternate starting with the interviewer, 10-45 respondent turns, 1,500-2,600 spoken words,
orientation rows point at respondent turns, identifiers occur verbatim, styles.csv complete with
the requested mix. Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

BASE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(BASE, "transcripts")

# doc_id: (extension, encoding, interviewer label, respondent label, line endings)
SPEC = {
    "id01": ("docx", None, "Mirjam", "Ton", None),
    "id02": ("srt", "utf-8", "Interviewer", "Rob", "\r\n"),
    "id03": ("txt", "cp1252", "I", "R", "\r\n"),
    "id04": ("vtt", "utf-8", "Interviewer", "Samira Bouali", None),
    "id05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "\n"),
    "id06": ("docx", None, "Femke", "Ingrid", None),
}
WANT = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TS = r"\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}"

problems = []


def prob(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        out.append("".join(t.text or "" for t in p.iter(W + "t")))
    return out


def label_lines(lines, labels, doc):
    """Header lines until the first labelled line; afterwards every non-empty line is a turn."""
    pat = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\] )?(" + "|".join(map(re.escape, labels)) + r"): (.+)$")
    header, turns = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = pat.match(ln)
        if m:
            turns.append((m.group(2), m.group(3)))
        elif turns:
            prob(f"{doc}: unlabelled line inside the interview: {ln[:60]!r}")
        else:
            header.append(ln)
    return header, turns


def cues(text, doc, vtt):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    header, out = [], []
    if vtt:
        if not blocks or not blocks[0].startswith("WEBVTT"):
            prob(f"{doc}: missing WEBVTT line")
            return header, out
        blocks = blocks[1:]
    for b in blocks:
        ls = b.split("\n")
        if vtt and ls[0].startswith("NOTE"):
            header += [x for x in ([ls[0][4:].strip()] + ls[1:]) if x.strip()]
            continue
        if not vtt:
            if not ls[0].strip().isdigit():
                prob(f"{doc}: srt cue without number: {ls[0][:40]!r}")
                continue
            ls = ls[1:]
        if not ls or not re.match(TS, ls[0].strip()):
            prob(f"{doc}: cue without timing: {b[:50]!r}")
            continue
        body = " ".join(x.strip() for x in ls[1:])
        if vtt:
            m = re.match(r"^<v ([^>]+)>(.*)$", body)
        else:
            m = re.match(r"^([^:]{1,40}): (.*)$", body)
        if not m:
            prob(f"{doc}: cue without speaker: {body[:50]!r}")
            continue
        who, said = m.group(1), m.group(2).replace("</v>", "").strip()
        if out and out[-1][0] == who:
            out[-1] = (who, out[-1][1] + " " + said)  # a turn may span several cues
        else:
            out.append((who, said))
    return header, out


def read_doc(doc):
    ext, enc, ilab, rlab, eol = SPEC[doc]
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        prob(f"{doc}: expected one transcript, found {files}")
        return None
    fn = files[0]
    path = os.path.join(TR, fn)
    if not fn.endswith("." + ext):
        prob(f"{doc}: expected .{ext}, found {fn}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            prob(f"{doc}: unreadable docx: {e}")
            return None
        header, turns = label_lines(paras, [ilab, rlab], doc)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            prob(f"{doc}: not valid {enc}: {e}")
            return None
        if enc == "cp1252" and any(b > 127 for b in raw):
            try:
                raw.decode("utf-8")
                prob(f"{doc}: declared Windows-1252 but the bytes are UTF-8")
            except UnicodeDecodeError:
                pass
        if eol == "\r\n" and (text.count("\r\n") == 0 or text.count("\n") != text.count("\r\n")):
            prob(f"{doc}: expected CRLF line endings throughout")
        if eol == "\n" and "\r" in text:
            prob(f"{doc}: expected LF line endings")
        text = text.replace("\r\n", "\n")
        if ext in ("srt", "vtt"):
            header, turns = cues(text, doc, ext == "vtt")
        else:
            header, turns = label_lines(text.split("\n"), [ilab, rlab], doc)
    for who, _ in turns:
        if who not in (ilab, rlab):
            prob(f"{doc}: unknown speaker {who!r}")
    if not turns:
        prob(f"{doc}: no turns")
        return None
    if turns[0][0] != ilab:
        prob(f"{doc}: first turn is not the interviewer")
    for a, b in zip(turns, turns[1:]):
        if a[0] == b[0]:
            prob(f"{doc}: turns do not alternate near {b[1][:50]!r}")
    nresp = sum(1 for w, _ in turns if w == rlab)
    if not 10 <= nresp <= 45:
        prob(f"{doc}: {nresp} respondent turns (10-45)")
    words = sum(len(t.split()) for _, t in turns)
    if not 1500 <= words <= 2600:
        prob(f"{doc}: {words} spoken words (1500-2600)")
    full = "\n".join(header + [f"{w}: {t}" for w, t in turns])
    return dict(turns=turns, rlab=rlab, full=full, words=words, nresp=nresp)


def read_csv(name, cols):
    path = os.path.join(BASE, name)
    if not os.path.exists(path):
        prob(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != cols:
        prob(f"{name}: header should be {cols}")
        return []
    for r in rows[1:]:
        if len(r) != len(cols):
            prob(f"{name}: bad row {r}")
    return [r for r in rows[1:] if len(r) == len(cols)]


def main():
    docs = {d: read_doc(d) for d in SPEC}
    extra = [f for f in os.listdir(TR) if os.path.splitext(f)[0] not in SPEC]
    if extra:
        prob(f"unexpected files in transcripts/: {extra}")
    exts = {SPEC[d][0] + ("-" + SPEC[d][2] if SPEC[d][0] == "txt" else "") for d in SPEC}
    if len(exts) < 4:
        prob("fewer than four transcript formats")

    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for d, s, r in styles:
        if d in got:
            prob(f"styles.csv: duplicate {d}")
        got[d] = (s, r)
    if set(got) != set(SPEC):
        prob(f"styles.csv: docs {sorted(got)} != {sorted(SPEC)}")
    counts = {}
    for s, r in got.values():
        counts[s] = counts.get(s, 0) + 1
        if not r.strip():
            prob("styles.csv: empty rationale")
    if counts != WANT:
        prob(f"styles.csv: mix {counts} != {WANT}")
    kinds = sorted(("mixed" if "mixed" in r.lower() else "too little" if "too little evidence" in r.lower()
                    else "?") for s, r in got.values() if s == "onbepaald")
    if kinds != ["mixed", "too little"]:
        prob(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence': {kinds}")

    orient = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for d, i, o in orient:
        if d not in SPEC:
            prob(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {o!r}")
        try:
            i = int(i)
        except ValueError:
            prob(f"orientation.csv: bad turn_index {i!r}")
            continue
        keys.append((d, i))
        info = docs.get(d)
        if info is None:
            continue
        if not 1 <= i <= len(info["turns"]) or info["turns"][i - 1][0] != info["rlab"]:
            prob(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        prob("orientation.csv: not sorted or has duplicates")

    idents = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen = set()
    per_doc = {}
    for d, ident, t in idents:
        if (d, ident) in seen:
            prob(f"identifiers.csv: duplicate {d} {ident!r}")
        seen.add((d, ident))
        if t not in TYPES:
            prob(f"identifiers.csv: bad type {t!r}")
        if d not in SPEC:
            prob(f"identifiers.csv: unknown doc {d}")
            continue
        per_doc[d] = per_doc.get(d, 0) + 1
        info = docs.get(d)
        if info is not None and ident not in info["full"]:
            prob(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d in SPEC:
        if per_doc.get(d, 0) < 5:
            prob(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
