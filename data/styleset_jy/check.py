#!/usr/bin/env python3
"""Check set JY: parses the built transcripts (not the sources) with the standard library only.

Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["jy01", "jy02", "jy03", "jy04", "jy05", "jy06"]
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


# ---------- readers: each returns (full_text, [(speaker, text), ...] as raw segments) ----------

def decode_txt(data, doc):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        bad(f"{doc}: text file is neither UTF-8 nor Windows-1252")
        return None


LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?([^:\[\]]{1,40}?):\s+(.*)$")


def lines_to_segments(lines, doc):
    """Lines/paragraphs with 'Label: text'. Labels are the prefixes used at least 3 times."""
    cnt = Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            cnt[m.group(1)] += 1
    labels = {lab for lab, n in cnt.items() if n >= 3}
    if len(labels) != 2:
        bad(f"{doc}: expected 2 speaker labels, found {sorted(labels)}")
        return []
    segs, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(1) in labels:
            started = True
            segs.append([m.group(1), m.group(2)])
        elif started:
            segs[-1][1] += " " + s  # continuation paragraph
        # else: header line
    return segs


def read_docx(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except Exception as e:  # noqa
        bad(f"{doc}: cannot read docx: {e}")
        return None, []
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return "\n".join(paras), lines_to_segments(paras, doc)


def read_txt(path, doc):
    with open(path, "rb") as f:
        text = decode_txt(f.read(), doc)
    if text is None:
        return None, []
    return text, lines_to_segments(text.splitlines(), doc)


def read_vtt(path, doc):
    with open(path, "rb") as f:
        text = decode_txt(f.read(), doc)
    if text is None:
        return None, []
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    segs = []
    for b in blocks[1:]:
        ls = b.splitlines()
        if ls and ls[0].startswith("NOTE"):
            continue
        ti = [i for i, l in enumerate(ls) if "-->" in l]
        if not ti:
            continue
        body = " ".join(ls[ti[0] + 1:]).strip()
        m = re.match(r"<v(?:\.[^ >]+)?\s+([^>]+)>(.*)$", body)
        if m:
            spk, tx = m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()
        elif segs:
            spk, tx = segs[-1][0], body
        else:
            bad(f"{doc}: first cue without voice tag")
            continue
        segs.append([spk, tx])
    return text, segs


def read_srt(path, doc):
    with open(path, "rb") as f:
        text = decode_txt(f.read(), doc)
    if text is None:
        return None, []
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    segs = []
    for b in blocks:
        ls = b.splitlines()
        if len(ls) < 3 or not ls[0].strip().isdigit() or "-->" not in ls[1]:
            bad(f"{doc}: malformed srt cue: {ls[:2]}")
            continue
        body = " ".join(l.strip() for l in ls[2:])
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
        if m:
            segs.append([m.group(1), m.group(2)])
        elif segs:
            segs.append([segs[-1][0], body])
    return text, segs


READERS = {".docx": read_docx, ".txt": read_txt, ".vtt": read_vtt, ".srt": read_srt}


def merge(segs):
    turns = []
    for spk, tx in segs:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + tx
        else:
            turns.append([spk, tx])
    return turns


def main():
    if not os.path.isdir(TR):
        print("no transcripts/ folder")
        sys.exit(1)
    files = os.listdir(TR)
    docs_text, docs_turns = {}, {}
    formats = set()
    for doc in DOCS:
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            bad(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        ext = os.path.splitext(mine[0])[1]
        if ext not in READERS:
            bad(f"{doc}: unknown extension {ext}")
            continue
        path = os.path.join(TR, mine[0])
        text, segs = READERS[ext](path, doc)
        if text is None:
            continue
        raw = open(path, "rb").read()
        crlf = b"\r\n" in raw
        enc = "utf-8"
        if ext != ".docx":
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                enc = "cp1252"
        formats.add((ext, enc, crlf if ext != ".docx" else None,
                     "bold" if ext == ".docx" and b"<w:b/>" in zipfile.ZipFile(path).read("word/document.xml") else ""))
        turns = merge(segs)
        docs_text[doc], docs_turns[doc] = text, turns
        spk = []
        for s, _ in turns:
            if s not in spk:
                spk.append(s)
        if len(spk) != 2:
            bad(f"{doc}: expected 2 speakers, found {spk}")
            continue
        interviewer = turns[0][0]
        for i, (s, _) in enumerate(turns, start=1):
            if (s == interviewer) != (i % 2 == 1):
                bad(f"{doc}: turns do not alternate at turn {i}")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words, outside {WORDS}")
        nr = sum(1 for s, _ in turns if s != interviewer)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns, outside {RTURNS}")
    if len(formats) < 4:
        bad(f"only {len(formats)} distinct transcript formats: {sorted(map(str, formats))}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
            bad(f"styles.csv: doc ids {ids}")
        c = Counter(r["style"] for r in rows)
        if dict(c) != MIX:
            bad(f"styles.csv: mix {dict(c)} != {MIX}")
        for r in rows:
            if not r.get("rationale", "").strip():
                bad(f"styles.csv: {r['doc_id']} has no rationale")
            if r["style"] == "onbepaald" and not re.search(r"mixed|gemengd|too little|te weinig", r["rationale"], re.I):
                bad(f"styles.csv: {r['doc_id']} onbepaald without kind")
    except Exception as e:  # noqa
        bad(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
        if keys != sorted(keys):
            bad("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            bad("orientation.csv: duplicates")
        for r in rows:
            d, i, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            if o not in ("casus", "netwerk"):
                bad(f"orientation.csv: bad orientation {o!r}")
            t = docs_turns.get(d)
            if t is None:
                bad(f"orientation.csv: unknown doc {d}")
            elif not (1 <= i <= len(t)) or i % 2 != 0:
                bad(f"orientation.csv: {d} turn {i} is not a respondent turn")
    except Exception as e:  # noqa
        bad(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        seen = set()
        per = Counter()
        for r in rows:
            d, s, t = r["doc_id"], r["identifier"], r["type"]
            if (d, s) in seen:
                bad(f"identifiers.csv: duplicate {d} {s!r}")
            seen.add((d, s))
            per[d] += 1
            if t not in TYPES:
                bad(f"identifiers.csv: bad type {t}")
            if d not in docs_text:
                bad(f"identifiers.csv: unknown doc {d}")
            elif s not in docs_text[d]:
                bad(f"identifiers.csv: {d}: {s!r} not found verbatim")
        for d in DOCS:
            if per[d] < 5:
                bad(f"identifiers.csv: {d} has only {per[d]} identifiers")
    except Exception as e:  # noqa
        bad(f"identifiers.csv: {e}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
