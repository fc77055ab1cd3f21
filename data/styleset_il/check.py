#!/usr/bin/env python3
"""Check the built setIL transcripts and label files (standard library only).

Parses the transcripts in transcripts/ (not the sources) and prints OK or the problems.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label, kind)
DOCS = {
    "il01": ("vtt", "utf-8", "Marloes Aarts", "Jos Hendrikx", "vtt"),
    "il02": ("docx", None, "Interviewer", "Respondent", "docx"),
    "il03": ("txt", "cp1252", "I", "R", "txt"),
    "il04": ("srt", "utf-8", "Sanne de Laat", "Ad Mutsaers", "srt"),
    "il05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "txt_ts"),
    "il06": ("docx", None, "Joyce", "Roel", "docx"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
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


def label_turns(lines, ilab, rlab, ts=False):
    """Lines -> header lines and turns [(speaker, text)] for labelled line formats."""
    pre = r"\[\d\d:\d\d:\d\d\] " if ts else ""
    rx = re.compile("^" + pre + "(" + re.escape(ilab) + "|" + re.escape(rlab) + "): (.*)$")
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            turns.append(("I" if m.group(1) == ilab else "R", m.group(2)))
        elif not turns:
            header.append(s)
        else:
            prob(f"unlabelled line after the first turn: {s[:50]!r}")
    return header, turns


def parse_vtt(text, ilab, rlab):
    if not text.startswith("WEBVTT"):
        prob("vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    turns = []
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            continue
        if "-->" not in ls[0]:
            prob(f"vtt block without timing: {ls[0][:40]!r}")
            continue
        body = " ".join(ls[1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m:
            prob(f"vtt cue without voice tag: {body[:40]!r}")
            continue
        name, t = m.group(1), re.sub(r"</v>\s*$", "", m.group(2))
        if name not in (ilab, rlab):
            prob(f"unknown voice {name!r}")
            continue
        sp = "I" if name == ilab else "R"
        if turns and turns[-1][0] == sp:
            turns[-1] = (sp, turns[-1][1] + " " + t)
        else:
            turns.append((sp, t))
    return turns


def parse_srt(text, ilab, rlab):
    blocks = re.split(r"\n\s*\n", text.strip())
    turns, expect = [], 1
    rx = re.compile("^(" + re.escape(ilab) + "|" + re.escape(rlab) + "): (.*)$", re.S)
    for b in blocks:
        ls = b.split("\n")
        if ls[0].strip() != str(expect) or len(ls) < 3 or "-->" not in ls[1]:
            prob(f"srt cue {expect} malformed")
        expect += 1
        body = " ".join(x.strip() for x in ls[2:])
        m = rx.match(body)
        if m:
            sp = "I" if m.group(1) == ilab else "R"
            if turns and turns[-1][0] == sp:
                turns[-1] = (sp, turns[-1][1] + " " + m.group(2))
            else:
                turns.append((sp, m.group(2)))
        elif turns:
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + body)
        else:
            prob("srt starts without a speaker label")
    return turns


def load(doc):
    ext, enc, ilab, rlab, kind = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc]
    if len(files) != 1:
        prob(f"{doc}: expected one transcript, found {files}")
        return None, []
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + ext):
        prob(f"{doc}: expected .{ext}, found {files[0]}")
        return None, []
    if kind == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        _, turns = label_turns(paras, ilab, rlab)
        return full, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None, []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if re.search(rb"[\x80-\xff]", raw):
                prob(f"{doc}: cp1252 file is also valid UTF-8 (expected Windows-1252 bytes)")
        except UnicodeDecodeError:
            pass
        if b"\n" in raw.replace(b"\r\n", b""):
            prob(f"{doc}: cp1252 txt has bare LF line endings")
    text = text.replace("\r\n", "\n")
    if kind == "vtt":
        turns = parse_vtt(text, ilab, rlab)
    elif kind == "srt":
        turns = parse_srt(text, ilab, rlab)
    else:
        _, turns = label_turns(text.split("\n"), ilab, rlab, ts=(kind == "txt_ts"))
    return text, turns


def words(turns, drop_directions):
    n = 0
    for _, t in turns:
        if drop_directions:
            t = re.sub(r"\([^)]*\)", " ", t)
        n += len(re.findall(r"\w+(?:[-'’]\w+)*", t))
    return n


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        prob(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    texts, turnsets = {}, {}
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc], turnsets[doc] = text, turns
        if not turns:
            prob(f"{doc}: no turns parsed")
            continue
        for i, (sp, _) in enumerate(turns):
            if sp != ("I" if i % 2 == 0 else "R"):
                prob(f"{doc}: turn {i+1} is {sp}, alternation broken")
                break
        nr = sum(1 for sp, _ in turns if sp == "R")
        if not 10 <= nr <= 45:
            prob(f"{doc}: {nr} respondent turns (want 10-45)")
        for drop in (False, True):
            n = words(turns, drop)
            if not 1500 <= n <= 2600:
                prob(f"{doc}: {n} spoken words (directions dropped={drop}); want 1500-2600")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                prob(f"{doc}: forbidden word {w!r} in transcript")

    # styles
    rows = read_csv("styles.csv")
    got = {r["doc_id"]: r for r in rows}
    if set(got) != set(DOCS) or len(rows) != len(DOCS):
        prob(f"styles.csv docs {sorted(got)} != {sorted(DOCS)}")
    mix = {}
    for r in rows:
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if r["style"] not in WANT_MIX:
            prob(f"styles.csv: bad style {r['style']!r}")
        if not r.get("rationale", "").strip():
            prob(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald" and not re.search(r"too little evidence|mixed", r["rationale"], re.I):
            prob(f"styles.csv: {r['doc_id']} onbepaald rationale does not name its kind")
    if mix != WANT_MIX:
        prob(f"styles mix {mix} != {WANT_MIX}")

    # orientation
    rows = read_csv("orientation.csv")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        prob("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        prob("orientation.csv has duplicates")
    for r in rows:
        doc, idx, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            prob(f"orientation {doc}/{idx}: bad value {o!r}")
        turns = turnsets.get(doc)
        if turns is None:
            prob(f"orientation {doc}/{idx}: unknown doc")
            continue
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            prob(f"orientation {doc}/{idx}: not a respondent turn")

    # identifiers
    rows = read_csv("identifiers.csv")
    seen, per_doc = set(), {}
    for r in rows:
        doc, s, t = r["doc_id"], r["identifier"], r["type"]
        if (doc, s) in seen:
            prob(f"identifiers: duplicate {doc} {s!r}")
        seen.add((doc, s))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if t not in TYPES:
            prob(f"identifiers: bad type {t!r}")
        if doc not in texts:
            prob(f"identifiers: unknown doc {doc}")
        elif s not in texts[doc]:
            prob(f"identifiers: {doc} {s!r} not found verbatim")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            prob(f"identifiers: {doc} has fewer than 5")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
