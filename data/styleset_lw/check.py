"""Check set lw (standard library only). Parses the BUILT transcripts, not the sources.

Usage: python check.py      -> prints OK, or the problems (exit status 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    "lw01": ("docx", None, "Interviewer", "Respondent"),
    "lw02": ("vtt", "utf-8", "Lotte Aarts", "Harrie Swinkels"),
    "lw03": ("txt", "cp1252", "I", "R"),
    "lw04": ("srt", "utf-8", "Interviewer", "Anouk"),
    "lw05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "lw06": ("docx", None, "Eva", "Gerard"),
}
CRLF = {"lw03", "lw04"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)

problems = []


def prob(msg):
    problems.append(msg)


# ------------------------------------------------------------------ parsers -> (full_text, turns)
# turns: list of [speaker, text]; consecutive cues of one speaker are merged (vtt/srt)

def labelled_lines(lines, ilab, rlab, doc_id, stamped=False):
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$")
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            if stamped and not m.group(1):
                prob(f"{doc_id}: turn without timestamp: {s[:40]}")
            spk = "I" if m.group(2) == ilab else "R"
            turns.append([spk, m.group(3), False])
            started = True
        elif started:
            turns[-1][1] += " " + s  # continuation paragraph of the same turn
            prob(f"{doc_id}: unlabelled paragraph inside the turns: {s[:40]}")
    return [[a, b] for a, b, _ in turns]


def parse_docx(path, doc_id, ilab, rlab):
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter("{%s}p" % ns["w"]):
        paras.append("".join(t.text or "" for t in p.iter("{%s}t" % ns["w"])))
    return "\n".join(paras), labelled_lines(paras, ilab, rlab, doc_id)


def parse_txt(path, doc_id, enc, ilab, rlab):
    raw = open(path, "rb").read()
    text = raw.decode(enc)  # strict
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            prob(f"{doc_id}: file also decodes as UTF-8, expected real Windows-1252 bytes")
        except UnicodeDecodeError:
            pass
    if doc_id in CRLF and (b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw)):
        prob(f"{doc_id}: expected CRLF line endings throughout")
    lines = text.replace("\r\n", "\n").split("\n")
    stamped = bool(re.search(r"^\[\d\d:\d\d:\d\d\] ", text, re.M))
    return text, labelled_lines(lines, ilab, rlab, doc_id, stamped)


def merge(seq):
    turns = []
    for spk, txt in seq:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def parse_vtt(path, doc_id, ilab, rlab):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("WEBVTT"):
        prob(f"{doc_id}: missing WEBVTT signature")
    seq = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            prob(f"{doc_id}: block without timing: {block[:40]}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", lines[ti[0]]):
            prob(f"{doc_id}: bad cue timing {lines[ti[0]]}")
        body = " ".join(lines[ti[0] + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            prob(f"{doc_id}: cue without voice tag: {body[:40]}")
            continue
        name = m.group(1)
        if name not in (ilab, rlab):
            prob(f"{doc_id}: unknown voice {name}")
            continue
        seq.append(("I" if name == ilab else "R", m.group(2)))
    return text, merge(seq)


def parse_srt(path, doc_id, ilab, rlab):
    raw = open(path, "rb").read()
    if doc_id in CRLF and re.search(rb"(?<!\r)\n", raw):
        prob(f"{doc_id}: expected CRLF line endings throughout")
    text = raw.decode("utf-8")
    seq, expect = [], 1
    for block in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = block.replace("\r\n", "\n").split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            prob(f"{doc_id}: malformed srt block: {block[:40]}")
            continue
        if int(lines[0]) != expect:
            prob(f"{doc_id}: cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1]):
            prob(f"{doc_id}: bad srt timing {lines[1]}")
        body = " ".join(l.strip() for l in lines[2:])
        m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$", body)
        if not m:
            prob(f"{doc_id}: cue without speaker name: {body[:40]}")
            continue
        seq.append(("I" if m.group(1) == ilab else "R", m.group(2)))
    return text, merge(seq)


# ------------------------------------------------------------------ checks
def main():
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    parsed = {}
    for doc_id, (ext, enc, ilab, rlab) in DOCS.items():
        mine = [f for f in files if f.split(".")[0] == doc_id]
        if len(mine) != 1:
            prob(f"{doc_id}: expected exactly one transcript, found {mine}")
            continue
        fn = mine[0]
        if not fn.endswith("." + ext):
            prob(f"{doc_id}: unexpected format {fn}")
            continue
        path = os.path.join(TDIR, fn)
        try:
            if ext == "docx":
                full, turns = parse_docx(path, doc_id, ilab, rlab)
            elif ext == "txt":
                full, turns = parse_txt(path, doc_id, enc, ilab, rlab)
            elif ext == "vtt":
                full, turns = parse_vtt(path, doc_id, ilab, rlab)
            else:
                full, turns = parse_srt(path, doc_id, ilab, rlab)
        except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
            prob(f"{doc_id}: not readable: {e}")
            continue
        if not turns:
            prob(f"{doc_id}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns):
            if spk != ("I" if i % 2 == 0 else "R"):
                prob(f"{doc_id}: turn {i + 1} breaks strict alternation (interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == "R")
        if not WORDS[0] <= words <= WORDS[1]:
            prob(f"{doc_id}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            prob(f"{doc_id}: {nresp} respondent turns, outside {RESP_TURNS}")
        if FORBIDDEN.search(full):
            prob(f"{doc_id}: a style label word occurs in the transcript")
        parsed[doc_id] = (full, turns, words, nresp)

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
            prob(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
        mix = Counter(r["style"] for r in rows)
        if dict(mix) != WANT_MIX:
            prob(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
        for r in rows:
            if not r.get("rationale", "").strip():
                prob(f"styles.csv: {r['doc_id']} has no rationale")
            if r["style"] == "onbepaald" and not re.search(r"too little evidence|mixed", r["rationale"], re.I):
                prob(f"styles.csv: {r['doc_id']} onbepaald without its kind")
    except (OSError, KeyError) as e:
        prob(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        keys = []
        for r in rows:
            d, idx, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            keys.append((d, idx))
            if o not in ("casus", "netwerk"):
                prob(f"orientation.csv: bad orientation {o}")
            if d not in parsed:
                prob(f"orientation.csv: unknown/unparsed doc {d}")
                continue
            turns = parsed[d][1]
            if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
                prob(f"orientation.csv: {d} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            prob("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv: duplicate rows")
    except (OSError, KeyError, ValueError) as e:
        prob(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        per = Counter()
        seen = set()
        for r in rows:
            d, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                prob(f"identifiers.csv: bad type {typ}")
            if (d, ident) in seen:
                prob(f"identifiers.csv: duplicate {d} {ident!r}")
            seen.add((d, ident))
            per[d] += 1
            if d not in parsed:
                prob(f"identifiers.csv: unknown/unparsed doc {d}")
                continue
            if ident not in parsed[d][0]:
                prob(f"identifiers.csv: {d} {ident!r} not found verbatim in the transcript")
        for d in DOCS:
            if per[d] < 5:
                prob(f"identifiers.csv: {d} has only {per[d]} identifiers")
    except (OSError, KeyError) as e:
        prob(f"identifiers.csv: {e}")

    exts = {DOCS[d][0] for d in DOCS}
    if len(exts) < 4:
        prob(f"only {len(exts)} different formats")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
