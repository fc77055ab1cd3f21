#!/usr/bin/env python3
"""Check blind style set IT (standard library only).

Parses the BUILT transcripts in transcripts/ (not the sources) and checks:
- every doc in styles.csv has exactly one transcript, readable in its expected encoding;
- turns alternate strictly, starting with the interviewer; 10-45 respondent turns;
- 1,500-2,600 spoken words per document (labels, timestamps and headers not counted);
- every orientation row points at a respondent turn; rows sorted, unique, valid values;
- every identifier occurs verbatim in its document; valid types; one row per string per doc;
- styles.csv complete with the requested mix (2 casusgericht, 2 netwerkgericht,
  2 onbepaald: one 'mixed', one 'too little evidence');
- at least four different transcript formats; the label words do not occur in transcripts.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# expected delivery per document: extension, encoding, newline, interviewer label, respondent label
EXPECT = {
    "it01": dict(ext="docx", ilabel="Interviewer", rlabel="Esther Verhulst"),
    "it02": dict(ext="vtt", encoding="utf-8", ilabel="Sanne de Groot", rlabel="Ricardo Pinas"),
    "it03": dict(ext="txt", encoding="cp1252", crlf=True, ilabel="I", rlabel="R"),
    "it04": dict(ext="srt", encoding="utf-8", crlf=True, ilabel="Interviewer", rlabel="Yusuf"),
    "it05": dict(ext="txt", encoding="utf-8", ilabel="Spreker 1", rlabel="Spreker 2", timestamps=True),
    "it06": dict(ext="docx", ilabel="I", rlabel="R"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def err(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W_NS + "t":
                parts.append(node.text or "")
            elif node.tag == W_NS + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def read_text(doc, path, exp):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(exp["encoding"])
    except UnicodeDecodeError as e:
        err(f"{doc}: not readable as {exp['encoding']}: {e}")
        return None
    if exp["encoding"] == "cp1252":
        try:
            raw.decode("utf-8")
            err(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    if exp.get("crlf"):
        if "\n" in text.replace("\r\n", "") or "\r\n" not in text:
            err(f"{doc}: expected CRLF line endings throughout")
    text = text.replace("\r\n", "\n")
    return text


def labelled(lines, exp, doc, ts=False):
    """Header lines before the first turn; every later non-empty line must be a turn."""
    labels = {exp["ilabel"]: "I", exp["rlabel"]: "R"}
    header, turns = [], []
    if ts:
        pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" + "|".join(map(re.escape, labels)) + r"): (.+)$")
    else:
        pat = re.compile(r"^(" + "|".join(map(re.escape, labels)) + r"): (.+)$")
    last = -1
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            if ts:
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last:
                    err(f"{doc}: timestamps not increasing at {m.group(0)[:30]!r}")
                last = t
                spk, body = labels[m.group(4)], m.group(5)
            else:
                spk, body = labels[m.group(1)], m.group(2)
            turns.append([spk, body.strip()])
        elif not turns:
            header.append(ln)
        else:
            err(f"{doc}: line after first turn without speaker label: {ln[:50]!r}")
    return header, turns


def cues(doc, text, kind, exp):
    """Parse vtt/srt cues into (speaker, text) with consecutive same-speaker cues merged."""
    labels = {exp["ilabel"]: "I", exp["rlabel"]: "R"}
    blocks = [b for b in re.split(r"\n\s*\n", text.strip("\n")) if b.strip()]
    header, turns, extra = [], [], []
    if kind == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            err(f"{doc}: missing WEBVTT signature")
            return header, turns, extra
        blocks = blocks[1:]
    timing = re.compile(r"^(\d\d:\d\d:\d\d[.,]\d\d\d) --> (\d\d:\d\d:\d\d[.,]\d\d\d)")
    expected_num = 1
    for b in blocks:
        lines = b.split("\n")
        if kind == "vtt" and lines[0].startswith("NOTE"):
            header += [lines[0][4:].strip()] + lines[1:]
            continue
        if kind == "srt":
            if lines[0].strip() != str(expected_num):
                err(f"{doc}: srt cue number {lines[0]!r}, expected {expected_num}")
            expected_num += 1
            lines = lines[1:]
        elif not timing.match(lines[0]):
            lines = lines[1:]  # optional vtt cue identifier
        if not lines or not timing.match(lines[0]):
            err(f"{doc}: cue without timing line: {b[:40]!r}")
            continue
        sep = "." if kind == "vtt" else ","
        if sep not in timing.match(lines[0]).group(1):
            err(f"{doc}: wrong millisecond separator in {lines[0]!r}")
        body = " ".join(l.strip() for l in lines[1:] if l.strip())
        if kind == "vtt":
            m = re.match(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$", body)
            if not m:
                err(f"{doc}: cue without voice tag: {body[:40]!r}")
                continue
            name, content = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
            extra.append(name)
        else:
            m = re.match(r"^(" + "|".join(map(re.escape, labels)) + r"): (.*)$", body)
            if not m:
                err(f"{doc}: cue without speaker name: {body[:40]!r}")
                continue
            name, content = m.group(1), m.group(2).strip()
            extra.append(name)
        if name not in labels:
            err(f"{doc}: unknown speaker {name!r}")
            continue
        spk = labels[name]
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + content
        else:
            turns.append([spk, content])
    return header, turns, extra


def load_doc(doc):
    exp = EXPECT.get(doc)
    if exp is None:
        err(f"{doc}: no expected format configured")
        return None
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        err(f"{doc}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    ext = files[0].rsplit(".", 1)[-1]
    if ext != exp["ext"]:
        err(f"{doc}: expected .{exp['ext']}, found .{ext}")
        return None
    extra = []
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            err(f"{doc}: unreadable docx: {e}")
            return None
        header, turns = labelled(paras, exp, doc)
        extra = [exp["ilabel"], exp["rlabel"]]
    else:
        text = read_text(doc, path, exp)
        if text is None:
            return None
        if ext == "txt":
            header, turns = labelled(text.split("\n"), exp, doc, ts=exp.get("timestamps", False))
            extra = [exp["ilabel"], exp["rlabel"]]
        else:
            header, turns, extra = cues(doc, text, ext, exp)
    full = "\n".join(header + sorted(set(extra)) + [t for _, t in turns])
    return dict(ext=ext, header=header, turns=turns, full=full)


def main():
    # styles
    styles = {}
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        if next(r, None) != ["doc_id", "style", "rationale"]:
            err("styles.csv: bad header")
        for row in r:
            if len(row) != 3:
                err(f"styles.csv: bad row {row}")
                continue
            d, s, why = row
            if d in styles:
                err(f"styles.csv: duplicate {d}")
            if s not in MIX:
                err(f"styles.csv: bad style {s!r} for {d}")
            if not why.strip():
                err(f"styles.csv: empty rationale for {d}")
            styles[d] = (s, why)
    if set(styles) != set(EXPECT):
        err(f"styles.csv: docs {sorted(styles)} != expected {sorted(EXPECT)}")
    for s, n in MIX.items():
        got = sum(1 for v in styles.values() if v[0] == s)
        if got != n:
            err(f"styles.csv: {got} x {s}, expected {n}")
    ob = [why.lower() for s, why in styles.values() if s == "onbepaald"]
    if sum("mixed" in w for w in ob) != 1 or sum("too little evidence" in w for w in ob) != 1:
        err("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    docs = {}
    for d in sorted(styles):
        info = load_doc(d)
        if info is None:
            continue
        docs[d] = info
        turns = info["turns"]
        if not turns:
            err(f"{d}: no turns")
            continue
        if turns[0][0] != "I":
            err(f"{d}: first turn is not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                err(f"{d}: turns {i} and {i + 1} have the same speaker")
        nresp = sum(1 for s, _ in turns if s == "R")
        if not 10 <= nresp <= 45:
            err(f"{d}: {nresp} respondent turns (10-45)")
        words = sum(len(WORD.findall(t)) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} spoken words (1500-2600)")
        if FORBIDDEN.search(info["full"]):
            err(f"{d}: transcript uses a forbidden label word")
        for h in info["header"]:
            m = re.match(r"^([^:]{1,40}):\s", h)
            if m and m.group(1) in (EXPECT[d]["ilabel"], EXPECT[d]["rlabel"]):
                err(f"{d}: header line looks like a turn: {h[:40]!r}")
        info["words"], info["nresp"] = words, nresp
    if len({v["ext"] + str(EXPECT[k].get("encoding", "")) + str(EXPECT[k].get("timestamps", ""))
            for k, v in docs.items()}) < 4 or len({v["ext"] for v in docs.values()}) < 4:
        err("fewer than four different transcript formats")

    # orientation
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        if next(r, None) != ["doc_id", "turn_index", "orientation"]:
            err("orientation.csv: bad header")
        rows = []
        for row in r:
            if len(row) != 3:
                err(f"orientation.csv: bad row {row}")
                continue
            d, idx, o = row
            try:
                idx = int(idx)
            except ValueError:
                err(f"orientation.csv: bad index {row}")
                continue
            rows.append((d, idx, o))
            if o not in ("casus", "netwerk"):
                err(f"orientation.csv: bad orientation {row}")
            if d not in docs:
                err(f"orientation.csv: unknown doc {row}")
                continue
            t = docs[d]["turns"]
            if not 1 <= idx <= len(t) or t[idx - 1][0] != "R":
                err(f"orientation.csv: {row} is not a respondent turn")
        keys = [(d, i) for d, i, _ in rows]
        if keys != sorted(keys):
            err("orientation.csv: not sorted")
        if len(set(keys)) != len(keys):
            err("orientation.csv: duplicate rows")

    # identifiers
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        if next(r, None) != ["doc_id", "identifier", "type"]:
            err("identifiers.csv: bad header")
        seen, per_doc = set(), {}
        for row in r:
            if len(row) != 3:
                err(f"identifiers.csv: bad row {row}")
                continue
            d, s, t = row
            if t not in TYPES:
                err(f"identifiers.csv: bad type {row}")
            if (d, s) in seen:
                err(f"identifiers.csv: duplicate {row}")
            seen.add((d, s))
            per_doc[d] = per_doc.get(d, 0) + 1
            if d not in docs:
                err(f"identifiers.csv: unknown doc {row}")
            elif s not in docs[d]["full"]:
                err(f"identifiers.csv: {s!r} not found verbatim in {d}")
        for d in docs:
            if per_doc.get(d, 0) < 5:
                err(f"{d}: fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
