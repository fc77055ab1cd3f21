#!/usr/bin/env python3
"""Stdlib-only self-check for blind set B.

Parses the *rendered* transcripts (docx via zipfile/xml, vtt, srt, txt in utf-8 or cp1252) back into
speaker turns and verifies:
  - every transcript exists, turns strictly alternate interviewer/respondent starting with the interviewer;
  - word count per document within 1500-2600 (turn text, labels excluded);
  - orientation.csv: valid values, sorted, each row points at an existing respondent (even) turn;
  - identifiers.csv: valid types, each identifier occurs verbatim in its document's text;
  - styles.csv: all six docs, valid styles, style mix (>=2 casus, >=2 netwerk, <=1 onbepaald);
  - no annotation markup leaked into the transcripts.
Exit code 0 when all checks pass.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
T = os.path.join(HERE, "transcripts")
DOCS = {  # doc: (file, interviewer label, respondent label)
    "bb01": ("bb01.docx", "Interviewer", "Respondent"),
    "bb02": ("bb02.vtt", "Sanne Mulder", "Gert-Jan Hofstede"),
    "bb03": ("bb03.srt", "I", "R"),
    "bb04": ("bb04.txt", "Spreker 1", "Spreker 2"),
    "bb05": ("bb05.txt", "EB", "TK"),
    "bb06": ("bb06.docx", "Interviewer", "Ruud"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def merge(seq):
    """seq of (speaker, text) -> list of turns, merging consecutive same-speaker pieces."""
    turns = []
    for sp, tx in seq:
        if turns and turns[-1][0] == sp:
            turns[-1] = (sp, turns[-1][1] + " " + tx)
        else:
            turns.append((sp, tx))
    return turns


def labelled(lines, il, rl, prefix=r""):
    pat = re.compile(prefix + r"(%s|%s):\s?(.*)$" % (re.escape(il), re.escape(rl)))
    seq = []
    for ln in lines:
        m = pat.match(ln.strip())
        if m:
            seq.append(("I" if m.group(1) == il else "R", m.group(2)))
    return seq


def turns_of(doc):
    fn, il, rl = DOCS[doc]
    path = os.path.join(T, fn)
    if fn.endswith(".docx"):
        paras = docx_paragraphs(path)
        return labelled(paras, il, rl), "\n".join(paras)
    text = read_text(path)
    if fn.endswith(".vtt"):
        if not text.startswith("WEBVTT"):
            err(f"{doc}: vtt does not start with WEBVTT")
        seq = []
        for m in re.finditer(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v ([^>]+)>(.*?)</v>$", text, re.M):
            who = m.group(1)
            if who not in (il, rl):
                err(f"{doc}: unknown voice {who}")
            seq.append(("I" if who == il else "R", m.group(2)))
        return seq, text
    if fn.endswith(".srt"):
        seq = []
        for block in re.split(r"\r?\n\r?\n", text.strip()):
            ls = block.splitlines()
            if len(ls) < 3 or not ls[0].strip().isdigit() or "-->" not in ls[1]:
                err(f"{doc}: malformed srt block {block[:40]!r}")
                continue
            seq += labelled([" ".join(ls[2:])], il, rl)
        return seq, text
    prefix = r"\[\d\d:\d\d:\d\d\]\s+" if doc == "bb04" else ""
    return labelled(text.splitlines(), il, rl, prefix), text


def main():
    turns, texts = {}, {}
    for doc in DOCS:
        seq, full = turns_of(doc)
        tt = merge(seq)
        if len(tt) != len(seq) and not DOCS[doc][0].endswith(".vtt"):
            err(f"{doc}: consecutive same-speaker paragraphs outside vtt")
        turns[doc], texts[doc] = tt, full
        if not tt:
            err(f"{doc}: no turns parsed")
            continue
        for i, (sp, _) in enumerate(tt, 1):
            if sp != ("I" if i % 2 else "R"):
                err(f"{doc}: turn {i} has wrong speaker {sp}")
        words = sum(len(t.split()) for _, t in tt)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words outside 1500-2600")
        for bad in ("[[", "]]", "{casus}", "{netwerk}", "|PERSOON", "|LOCATIE"):
            if bad in full:
                err(f"{doc}: markup {bad!r} leaked")
        print(f"{doc}: {len(tt)} turns ({sum(1 for s, _ in tt if s == 'R')} respondent), {words} words")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    st = {r["doc_id"]: r["style"] for r in rows}
    if set(st) != set(DOCS) or len(rows) != len(DOCS):
        err(f"styles.csv docs {sorted(st)} != {sorted(DOCS)}")
    for d, s in st.items():
        if s not in STYLES:
            err(f"styles.csv: bad style {s} for {d}")
        if not next(r for r in rows if r["doc_id"] == d)["rationale"].strip():
            err(f"styles.csv: empty rationale for {d}")
    vals = list(st.values())
    if vals.count("casusgericht") < 2 or vals.count("netwerkgericht") < 2 or vals.count("onbepaald") > 1:
        err(f"style mix violates brief: {vals}")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        err("orientation.csv not sorted or has duplicates")
    for r in orows:
        d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {o}")
        if d not in turns or not 1 <= i <= len(turns[d]) or turns[d][i - 1][0] != "R" or i % 2:
            err(f"orientation.csv: {d} turn {i} is not a respondent turn")

    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as fh:
        irows = list(csv.DictReader(fh))
    for r in irows:
        d, ident, ty = r["doc_id"], r["identifier"], r["type"]
        if ty not in TYPES:
            err(f"identifiers.csv: bad type {ty}")
        if d not in texts or ident not in texts[d]:
            err(f"identifiers.csv: {ident!r} not found verbatim in {d}")
    per = {d: sum(1 for r in irows if r["doc_id"] == d) for d in DOCS}
    for d, n in per.items():
        if n == 0:
            err(f"{d}: no identifiers listed")
    print(f"orientation rows: {len(orows)}, identifier rows: {len(irows)}, styles: {st}")

    if errors:
        print("FAIL")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
