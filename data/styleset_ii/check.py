#!/usr/bin/env python3
"""Check the built setII transcripts and csv files (standard library only).

Parses the transcripts themselves (not src/), and checks: one readable transcript per doc in its
encoding, turns alternating interviewer/respondent starting with the interviewer, 10-45 respondent
turns, 1,500-2,600 spoken words, orientation rows pointing at respondent turns, identifiers
occurring verbatim, styles.csv complete with the requested mix. Prints OK or the problems
(exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

DOCS = {
    "ii01": dict(ext="txt", encoding="cp1252", crlf=True, labels=("I", "R")),
    "ii02": dict(ext="vtt", encoding="utf-8", labels=("Kuipers, Sanne", "Marja ter Haar")),
    "ii03": dict(ext="srt", encoding="utf-8", crlf=True, labels=("Interviewer", "Jeroen")),
    "ii04": dict(ext="docx", labels=("Interviewer", "Ellen Verbeek"), bold=True),
    "ii05": dict(ext="txt", encoding="utf-8", crlf=False, labels=("Spreker 1", "Spreker 2"), stamps=True),
    "ii06": dict(ext="docx", labels=("I", "R"), bold=False),
}
MIX = {"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "duur", "interviewer", "locatie", "opname", "project"}
WORDS_MIN, WORDS_MAX = 1500, 2600
RESP_MIN, RESP_MAX = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def looks_like_turn(line):
    m = re.match(r"^\s*(?:\[[\d:.]+\]\s*)?([^:\s][^:]{0,40}):\s+\S", line)
    return bool(m) and m.group(1).strip().lower() not in META_KEYS


def label_re(labels, stamps=False):
    alts = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    pre = r"\[(\d\d:\d\d:\d\d)\] " if stamps else ""
    return re.compile(r"^" + pre + r"(" + alts + r"): (.*)$")


def parse_lines(doc, lines, cfg):
    """Lines of a labelled transcript -> (header lines, turns[(label, text)])."""
    rx = label_re(cfg["labels"], cfg.get("stamps", False))
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            g = m.groups()
            turns.append([g[-2], g[-1]])
        elif turns:
            turns[-1][1] += " " + s
        else:
            header.append(s)
    for h in header:
        if looks_like_turn(h):
            problem(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
    if cfg.get("stamps"):
        stamps = re.findall(r"^\[(\d\d:\d\d:\d\d)\] ", "\n".join(lines), re.M)
        if stamps != sorted(stamps):
            problem(f"{doc}: timestamps not increasing")
    return header, [tuple(t) for t in turns]


def read_text(doc, path, cfg):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(cfg["encoding"])
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {cfg['encoding']}: {e}")
        return None
    if cfg["encoding"] == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared Windows-1252 but the file is also valid UTF-8 (no 1252 bytes)")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    if cfg.get("crlf") is True and ("\n" in text.replace("\r\n", "")):
        problem(f"{doc}: expected CRLF line endings throughout")
    if cfg.get("crlf") is False and "\r" in text:
        problem(f"{doc}: expected LF line endings")
    return text.replace("\r\n", "\n")


def parse_txt(doc, path, cfg):
    text = read_text(doc, path, cfg)
    if text is None:
        return None, None
    _, turns = parse_lines(doc, text.split("\n"), cfg)
    return text, turns


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parse_docx(doc, path, cfg):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
        root = ET.fromstring(xml)
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: docx not readable: {e}")
        return None, None
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
    lines = ["".join(t for t, _ in runs) for runs in paras]
    header, turns = parse_lines(doc, lines, cfg)
    if cfg.get("bold"):
        rx = label_re(cfg["labels"])
        for runs in paras:
            txt = "".join(t for t, _ in runs)
            if rx.match(txt.strip()):
                lab = txt.split(":", 1)[0] + ":"
                if not runs or not runs[0][1] or not lab.startswith(runs[0][0].strip()):
                    problem(f"{doc}: speaker label not in a bold run: {txt[:40]!r}")
                    break
    return "\n".join(lines), turns


def merge(doc, seq):
    turns = []
    for lab, txt in seq:
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return [tuple(t) for t in turns]


TIME_VTT = re.compile(r"^(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)")
TIME_SRT = re.compile(r"^(\d\d:\d\d:\d\d,\d\d\d) --> (\d\d:\d\d:\d\d,\d\d\d)$")


def parse_vtt(doc, path, cfg):
    text = read_text(doc, path, cfg)
    if text is None:
        return None, None
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
        return text, []
    seq, last = [], ""
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        i = 0
        if not TIME_VTT.match(lines[0]):
            i = 1
        if i >= len(lines) or not TIME_VTT.match(lines[i]):
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        st = TIME_VTT.match(lines[i]).group(1)
        if st < last:
            problem(f"{doc}: vtt cue times not increasing at {st}")
        last = st
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        if m.group(1) not in cfg["labels"]:
            problem(f"{doc}: unknown voice {m.group(1)!r}")
            continue
        seq.append((m.group(1), m.group(2).strip()))
    return text, merge(doc, seq)


def parse_srt(doc, path, cfg):
    text = read_text(doc, path, cfg)
    if text is None:
        return None, None
    blocks = re.split(r"\n\s*\n", text.strip())
    rx = label_re(cfg["labels"])
    seq = []
    for n, b in enumerate(blocks, start=1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TIME_SRT.match(lines[1]):
            problem(f"{doc}: malformed srt cue {n}: {b[:40]!r}")
            continue
        body = " ".join(lines[2:])
        m = rx.match(body)
        if not m:
            problem(f"{doc}: srt cue {n} without 'Name:' label")
            continue
        seq.append((m.group(1), m.group(2).strip()))
    return text, merge(doc, seq)


PARSERS = {"txt": parse_txt, "docx": parse_docx, "vtt": parse_vtt, "srt": parse_srt}


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    texts, turns_by_doc = {}, {}
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    for f in files:
        if f.split(".")[0] not in DOCS:
            problem(f"transcripts/{f}: not one of the set's documents")
    for doc, cfg in DOCS.items():
        mine = [f for f in files if f.split(".")[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        if mine[0] != f"{doc}.{cfg['ext']}":
            problem(f"{doc}: expected {doc}.{cfg['ext']}, found {mine[0]}")
            continue
        text, turns = PARSERS[cfg["ext"]](doc, os.path.join(TDIR, mine[0]), cfg)
        if text is None:
            continue
        texts[doc], turns_by_doc[doc] = text, turns
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        ilab, rlab = cfg["labels"]
        for i, (lab, _) in enumerate(turns, start=1):
            want = ilab if i % 2 == 1 else rlab
            if lab != want:
                problem(f"{doc}: turn {i} spoken by {lab!r}, expected {want!r} (no strict alternation)")
                break
        nresp = sum(1 for lab, _ in turns if lab == rlab)
        if not RESP_MIN <= nresp <= RESP_MAX:
            problem(f"{doc}: {nresp} respondent turns (want {RESP_MIN}-{RESP_MAX})")
        nw = sum(nwords(t) for _, t in turns)
        if not WORDS_MIN <= nw <= WORDS_MAX:
            problem(f"{doc}: {nw} spoken words (want {WORDS_MIN}-{WORDS_MAX})")

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, counts = set(), {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        doc, style, rat = r
        if doc not in DOCS or doc in seen:
            problem(f"styles.csv: unknown or duplicate doc {doc}")
        seen.add(doc)
        if style not in MIX:
            problem(f"styles.csv: bad style {style!r} for {doc}")
        counts[style] = counts.get(style, 0) + 1
        if not rat.strip():
            problem(f"styles.csv: empty rationale for {doc}")
        if style == "onbepaald" and not re.search(r"mixed|too little evidence", rat, re.I):
            problem(f"styles.csv: onbepaald rationale for {doc} does not say which kind")
    if seen != set(DOCS):
        problem(f"styles.csv: missing docs {sorted(set(DOCS) - seen)}")
    if counts != MIX:
        problem(f"styles.csv: style mix {counts}, requested {MIX}")
    kinds = [r[2] for r in rows if len(r) == 3 and r[1] == "onbepaald"]
    if sorted(bool(re.search(r"mixed", k, re.I)) for k in kinds) != [False, True]:
        problem("styles.csv: want one onbepaald 'mixed' and one 'too little evidence'")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx = r[0], int(r[1])
        keys.append((doc, idx))
        turns = turns_by_doc.get(doc)
        if turns is None:
            continue
        if not 1 <= idx <= len(turns):
            problem(f"orientation.csv: {doc} turn {idx} out of range (1-{len(turns)})")
        elif turns[idx - 1][0] != DOCS[doc]["labels"][1]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per, seen_rows = {}, set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in seen_rows:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen_rows.add((doc, ident))
        per[doc] = per.get(doc, 0) + 1
        if doc in texts and ident not in texts[doc]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc in DOCS:
        if per.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has {per.get(doc, 0)} identifiers (want at least 5)")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
