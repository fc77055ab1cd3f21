#!/usr/bin/env python3
"""Check blind set FS. Standard library only. Parses the BUILT transcripts
(transcripts/fsNN.*), not the sources, and checks the csv files against them.
Prints OK or the list of problems (exit status 1)."""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["fs01", "fs02", "fs03", "fs04", "fs05", "fs06"]
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
# the speaker label the interviewer has in each built transcript
INTERVIEWER = {"fs01": "Femke Dijkstra", "fs02": "Spreker 1", "fs03": "Sanne Koops",
               "fs04": "Mark", "fs05": "I", "fs06": "Interviewer"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker\b", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]]{1,40}?):\s+(.*)$")
problems = []


def err(msg):
    problems.append(msg)


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def read_txt(path):
    raw = open(path, "rb").read()
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = raw.decode("cp1252"), "cp1252"
        if b"\r\n" not in raw:
            err(f"{os.path.basename(path)}: cp1252 file without CRLF line ends")
    return text.lstrip("\ufeff").replace("\r\n", "\n").split("\n"), enc


def turns_from_lines(lines, name):
    """Label-based formats (docx, txt): speakers are the labels used >= 3 times;
    lines before the first speaker line are header; unlabeled lines continue a turn."""
    cands = Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            cands[m.group(2).strip()] += 1
    speakers = {lab for lab, n in cands.items() if n >= 3}
    if len(speakers) != 2:
        err(f"{name}: expected 2 speaker labels, found {sorted(speakers)}")
    turns, header = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2).strip() in speakers:
            turns.append([m.group(2).strip(), m.group(3)])
        elif turns:
            turns[-1][1] += " " + s
        else:
            header.append(s)
    return turns, header


def read_cues(path, kind):
    text = open(path, encoding="utf-8-sig").read()
    if kind == "srt" and "\r\n" not in text and "\n" in text:
        pass  # CRLF optional for srt
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns, header = [], []
    timing = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}")
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            err(f"{os.path.basename(path)}: missing WEBVTT header")
        blocks = blocks[1:]
    for b in blocks:
        lines = b.split("\n")
        if kind == "vtt" and lines[0].startswith("NOTE"):
            header += lines[1:]
            continue
        ti = next((i for i, l in enumerate(lines) if timing.match(l)), None)
        if ti is None:
            err(f"{os.path.basename(path)}: cue without timing: {b[:40]!r}")
            continue
        if kind == "srt" and not (ti == 1 and lines[0].strip().isdigit()):
            err(f"{os.path.basename(path)}: srt cue without number: {b[:40]!r}")
        body = " ".join(lines[ti + 1:]).strip()
        if kind == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                err(f"{os.path.basename(path)}: cue without voice tag: {body[:40]!r}")
                continue
            spk, txt = m.group(1).strip(), m.group(2)
        else:
            m = LABEL.match(body)
            if m:
                spk, txt = m.group(2).strip(), m.group(3)
            elif turns:
                spk, txt = turns[-1][0], body
            else:
                err(f"{os.path.basename(path)}: first cue without speaker")
                continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns, header


def load_doc(doc):
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        err(f"{doc}: expected one transcript, found {files}")
        return None
    path = os.path.join(TR, files[0])
    ext = files[0].split(".", 1)[1]
    try:
        if ext == "docx":
            paras = read_docx(path)
            turns, header = turns_from_lines(paras, doc)
            fulltext = "\n".join(paras)
            fmt = "docx"
        elif ext == "txt":
            lines, enc = read_txt(path)
            turns, header = turns_from_lines(lines, doc)
            fulltext = "\n".join(lines)
            fmt = "txt-" + enc
        elif ext in ("vtt", "srt"):
            turns, header = read_cues(path, ext)
            fulltext = open(path, encoding="utf-8-sig").read()
            fmt = ext
        else:
            err(f"{doc}: unsupported extension {ext}")
            return None
    except Exception as e:  # unreadable
        err(f"{doc}: cannot read {files[0]}: {e}")
        return None
    return {"fmt": fmt, "turns": turns, "header": header, "text": fulltext, "file": files[0]}


def main():
    docs = {}
    for d in DOCS:
        info = load_doc(d)
        if info is None:
            continue
        docs[d] = info
        turns = info["turns"]
        if not turns:
            err(f"{d}: no turns")
            continue
        spk = [t[0] for t in turns]
        if spk[0] != INTERVIEWER[d]:
            err(f"{d}: first turn by {spk[0]!r}, expected interviewer {INTERVIEWER[d]!r}")
        resp = {s for s in spk if s != INTERVIEWER[d]}
        if len(resp) != 1:
            err(f"{d}: expected one respondent label, found {sorted(resp)}")
        for i in range(1, len(spk)):
            if spk[i] == spk[i - 1]:
                err(f"{d}: turns {i} and {i+1} by the same speaker")
        iw = sum(nwords(t[1]) for t in turns if t[0] == INTERVIEWER[d])
        rw = sum(nwords(t[1]) for t in turns if t[0] != INTERVIEWER[d])
        words = iw + rw
        nr = sum(1 for t in turns if t[0] != INTERVIEWER[d])
        info.update(words=words, nresp=nr)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} spoken words, outside 1500-2600")
        if not 10 <= nr <= 45:
            err(f"{d}: {nr} respondent turns, outside 10-45")
        if iw >= rw:
            err(f"{d}: interviewer speaks more than respondent")
        if FORBIDDEN.search(" ".join(t[1] for t in turns)):
            err(f"{d}: forbidden label wording in turns")
    fmts = {v["fmt"].split("-")[0] + ("-" + v["fmt"].split("-")[1] if v["fmt"].startswith("txt") else "") for v in docs.values()}
    exts = {v["file"].split(".", 1)[1] for v in docs.values()}
    if len(exts) < 4 and len(fmts) < 4:
        err(f"fewer than four formats: {sorted(fmts)}")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if [r["doc_id"] for r in rows] != DOCS:
        err(f"styles.csv: doc ids {[r['doc_id'] for r in rows]}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        err(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
    for r in rows:
        if not r.get("rationale", "").strip():
            err(f"styles.csv: {r['doc_id']} without rationale")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
            err(f"styles.csv: {r['doc_id']} onbepaald without kind")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        err("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        err("orientation.csv: duplicate rows")
    for r in orows:
        d, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {o!r}")
        if d not in docs:
            err(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d]["turns"]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] == INTERVIEWER[d] or ti % 2:
            err(f"orientation.csv: {d} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    seen = set()
    per_doc = Counter()
    for r in irows:
        d, val, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            err(f"identifiers.csv: bad type {typ} for {val!r}")
        if (d, val) in seen:
            err(f"identifiers.csv: duplicate {d} {val!r}")
        seen.add((d, val))
        per_doc[d] += 1
        if d not in docs:
            err(f"identifiers.csv: unknown doc {d}")
        elif val not in docs[d]["text"]:
            err(f"identifiers.csv: {d} {val!r} not found verbatim")
    for d in DOCS:
        if per_doc[d] < 5:
            err(f"identifiers.csv: {d} has only {per_doc[d]} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    for d in DOCS:
        v = docs[d]
        print(f"  {d} {v['file']:10s} {v['fmt']:12s} words={v['words']} respondent_turns={v['nresp']} ids={per_doc[d]}")
    print("OK")


if __name__ == "__main__":
    main()
