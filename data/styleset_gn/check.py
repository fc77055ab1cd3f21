#!/usr/bin/env python3
"""Check set GN (standard library only). Parses the BUILT transcripts, not the sources.

Prints OK, or the problems found (exit status 1).  `python3 check.py --stats` also prints
per-document statistics.
"""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOC_IDS = [f"gn{k:02d}" for k in range(1, 7)]

# expected delivery per document: extension, encoding, interviewer label, respondent label
EXPECTED = {
    "gn01": ("docx", "utf-8", "Interviewer", "Respondent"),
    "gn02": ("vtt", "utf-8", "Femke Dijkstra", "Ruud Terpstra"),
    "gn03": ("txt", "cp1252", "I", "R"),
    "gn04": ("srt", "utf-8", "Hanneke", "Mourad"),
    "gn05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "gn06": ("docx", "utf-8", "Tom", "Wendy"),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


# ---------------- readers: return (full_text, [(label, text), ...]) ----------------

def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W_NS + "t" and node.text:
                parts.append(node.text)
            elif node.tag == W_NS + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def split_labelled_lines(lines, labels, doc_id):
    """Lines before the first labelled line are header; a labelled line starts a turn;
    other non-empty lines continue the current turn."""
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    turns, header = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        if m:
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + line
        else:
            header.append(line)
    for h in header:
        if re.match(r"^\[\d\d:\d\d:\d\d\]", h):
            problem(f"{doc_id}: timestamped line before the first turn: {h[:50]}")
    return header, [tuple(t) for t in turns]


def read_vtt(text, doc_id):
    if not text.startswith("WEBVTT"):
        problem(f"{doc_id}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            problem(f"{doc_id}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[idx + 1:]).strip()
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc_id}: vtt cue without voice tag: {body[:40]!r}")
            continue
        spk, txt = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return [tuple(t) for t in turns]


def read_srt(text, doc_id, labels):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$", re.S)
    for n, b in enumerate(blocks, start=1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc_id}: malformed srt block {n}")
            continue
        if int(lines[0]) != n:
            problem(f"{doc_id}: srt cue numbering off at {n}")
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if not m:
            problem(f"{doc_id}: srt cue {n} without speaker label")
            continue
        spk, txt = m.group(1), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return [tuple(t) for t in turns]


def load(doc_id):
    ext, enc, ilab, rlab = EXPECTED[doc_id]
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected one transcript, found {files}")
        return None
    fname = files[0]
    path = os.path.join(TR, fname)
    if not fname.endswith("." + ext):
        problem(f"{doc_id}: expected .{ext}, found {fname}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: docx unreadable: {e}")
            return None
        full = "\n".join(paras)
        _, turns = split_labelled_lines(paras, [ilab, rlab], doc_id)
        return fname, full, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc_id}: declared Windows-1252 but the file is valid UTF-8")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            problem(f"{doc_id}: Windows-1252 file should use CRLF line ends")
    if text.startswith("\ufeff"):
        text = text[1:]
    if ext == "vtt":
        turns = read_vtt(text, doc_id)
    elif ext == "srt":
        turns = read_srt(text, doc_id, [ilab, rlab])
    else:
        _, turns = split_labelled_lines(text.replace("\r\n", "\n").split("\n"), [ilab, rlab], doc_id)
    return fname, text, turns


def words(t):
    return len(t.split())


def main():
    stats = {}
    docs = {}
    for d in DOC_IDS:
        res = load(d)
        if res is None:
            continue
        fname, full, turns = res
        ext, enc, ilab, rlab = EXPECTED[d]
        if not turns:
            problem(f"{d}: no turns found")
            continue
        if turns[0][0] != ilab:
            problem(f"{d}: first turn is not the interviewer ({turns[0][0]})")
        for k, (spk, _) in enumerate(turns, start=1):
            want = ilab if k % 2 == 1 else rlab
            if spk != want:
                problem(f"{d}: turn {k} is {spk}, expected {want} (turns must alternate)")
                break
        nresp = sum(1 for s, _ in turns if s == rlab)
        nwords = sum(words(t) for _, t in turns)
        if not 1500 <= nwords <= 2600:
            problem(f"{d}: {nwords} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            problem(f"{d}: {nresp} respondent turns, outside 10-45")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{d}: forbidden word {w!r} in transcript")
        joined = " ".join(" ".join(t.split()) for _, t in turns)
        docs[d] = (full, joined, turns, rlab)
        stats[d] = (fname, nwords, nresp, len(turns))

    exts = {os.path.splitext(v[0])[1] for v in stats.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats: {sorted(exts)}")

    # styles.csv
    try:
        with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as e:
        problem(f"styles.csv: {e}")
        rows = []
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
        if r["style"] not in WANTED_MIX:
            problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(seen) != set(DOC_IDS):
        problem(f"styles.csv: doc ids {sorted(seen)} != {DOC_IDS}")
    mix = {s: sum(1 for r in rows if r["style"] == s) for s in WANTED_MIX}
    if mix != WANTED_MIX:
        problem(f"styles.csv: mix {mix}, wanted {WANTED_MIX}")
    kinds = sorted(
        "mixed" if "mixed" in r["rationale"].lower() else
        "little" if "too little evidence" in r["rationale"].lower() else "?"
        for r in rows if r["style"] == "onbepaald")
    if kinds != ["little", "mixed"]:
        problem(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence' ({kinds})")

    # orientation.csv
    try:
        with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as fh:
            orows = list(csv.DictReader(fh))
    except OSError as e:
        problem(f"orientation.csv: {e}")
        orows = []
    keys = []
    for r in orows:
        d, k, o = r["doc_id"], r["turn_index"], r["orientation"]
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if not k.isdigit():
            problem(f"orientation.csv: bad turn index {k!r}")
            continue
        k = int(k)
        keys.append((d, k))
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns, rlab = docs[d][2], docs[d][3]
        if not 1 <= k <= len(turns) or turns[k - 1][0] != rlab:
            problem(f"orientation.csv: {d} turn {k} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as fh:
            irows = list(csv.DictReader(fh))
    except OSError as e:
        problem(f"identifiers.csv: {e}")
        irows = []
    per_doc = {}
    iseen = set()
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (d, ident) in iseen:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        iseen.add((d, ident))
        per_doc[d] = per_doc.get(d, 0) + 1
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        full, joined = docs[d][0], docs[d][1]
        if ident not in full and ident not in joined:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d in DOC_IDS:
        if per_doc.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has {per_doc.get(d, 0)} identifiers (< 5)")

    if "--stats" in sys.argv:
        ocount = {}
        for r in orows:
            ocount.setdefault(r["doc_id"], {}).setdefault(r["orientation"], 0)
            ocount[r["doc_id"]][r["orientation"]] += 1
        for d, (fname, nw, nr, nt) in stats.items():
            print(f"{d}\t{fname}\twords={nw}\tresp_turns={nr}\tturns={nt}\t"
                  f"ids={per_doc.get(d, 0)}\tstyle={seen.get(d, {}).get('style')}\t{ocount.get(d, {})}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
