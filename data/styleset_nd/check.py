#!/usr/bin/env python3
"""Check set nd: parses the BUILT transcripts (not the sources) with the standard library only.

Prints OK, or the problems found (exit status 1).  `--stats` also prints per-document counts.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label, parser, needs CRLF)
DOCS = {
    "nd01": ("docx", None, "Lotte", "Marcia", "docx", False),
    "nd02": ("vtt", "utf-8", "Sanne Hoekstra", "Kwabena Mensah", "vtt", False),
    "nd03": ("txt", "cp1252", "I", "R", "txt", True),
    "nd04": ("srt", "utf-8", "Daan", "Ingrid", "srt", True),
    "nd05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "txt_ts", False),
    "nd06": ("docx", None, "Interviewer", "Respondent", "docx", False),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def label_turns(lines, labels):
    """Lines of text; a turn starts with '<label>: '. Lines before the first turn are header."""
    turns, header = [], []
    pat = re.compile(r"^(%s):\s?(.*)$" % "|".join(re.escape(l) for l in labels))
    for line in lines:
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line)
    return header, turns


def ts_turns(lines, labels):
    turns, header = [], []
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (%s):\s?(.*)$"
                     % "|".join(re.escape(l) for l in labels))
    last = -1
    for line in lines:
        if not line.strip():
            continue
        m = pat.match(line)
        if m:
            sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if sec < last:
                problem(f"timestamps go backwards at {line[:20]!r}")
            last = sec
            turns.append([m.group(4), m.group(5).strip()])
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line)
    return header, turns


def merge(cues):
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return turns


TIME = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}")


def vtt_turns(text, doc):
    lines = text.split("\n")
    if not lines[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    for b in blocks[1:]:
        bl = b.split("\n")
        if bl[0].startswith("NOTE"):
            continue
        i = 0
        if not TIME.match(bl[0]):
            i = 1
        if i >= len(bl) or not TIME.match(bl[i]):
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(bl[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return merge(cues)


def srt_turns(text, doc, labels):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    pat = re.compile(r"^(%s):\s?(.*)$" % "|".join(re.escape(l) for l in labels))
    for n, b in enumerate(blocks, 1):
        bl = b.split("\n")
        if len(bl) < 3 or not bl[0].strip().isdigit() or not TIME.match(bl[1]):
            problem(f"{doc}: malformed srt block {n}")
            continue
        if int(bl[0]) != n:
            problem(f"{doc}: srt cue numbering off at {n}")
        body = " ".join(bl[2:])
        m = pat.match(body)
        if not m:
            problem(f"{doc}: srt cue {n} without speaker name")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return merge(cues)


def nwords(s):
    return sum(1 for w in s.split() if re.search(r"\w", w))


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    stats = "--stats" in sys.argv
    docs = {}
    files = os.listdir(TR) if os.path.isdir(TR) else []
    for doc, (ext, enc, il, rl, parser, crlf) in DOCS.items():
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected one transcript, found {mine}")
            continue
        path = os.path.join(TR, mine[0])
        if not mine[0].endswith("." + ext):
            problem(f"{doc}: unexpected extension {mine[0]}")
            continue
        if parser == "docx":
            try:
                paras = docx_paragraphs(path)
            except Exception as e:  # noqa: BLE001
                problem(f"{doc}: unreadable docx ({e})")
                continue
            full = "\n".join(paras)
            header, turns = label_turns(paras, [il, rl])
        else:
            raw = open(path, "rb").read()
            try:
                full = raw.decode(enc)
            except UnicodeDecodeError as e:
                problem(f"{doc}: not readable as {enc} ({e})")
                continue
            if enc == "cp1252":
                try:
                    raw.decode("utf-8")
                    problem(f"{doc}: claimed Windows-1252 but is valid UTF-8")
                except UnicodeDecodeError:
                    pass
            if enc == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
                full = full[1:]
            if crlf and (b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw)):
                problem(f"{doc}: expected CRLF line endings throughout")
            text = full.replace("\r\n", "\n")
            if parser == "txt":
                header, turns = label_turns(text.split("\n"), [il, rl])
            elif parser == "txt_ts":
                header, turns = ts_turns(text.split("\n"), [il, rl])
            elif parser == "vtt":
                header, turns = [], vtt_turns(text, doc)
            else:
                header, turns = [], srt_turns(text, doc, [il, rl])
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (who, _) in enumerate(turns):
            want = il if i % 2 == 0 else rl
            if who != want:
                problem(f"{doc}: turn {i + 1} is by {who!r}, expected {want!r}")
                break
        nw = sum(nwords(t) for _, t in turns)
        nr = sum(1 for w, _ in turns if w == rl)
        if not WORDS[0] <= nw <= WORDS[1]:
            problem(f"{doc}: {nw} spoken words, outside {WORDS}")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        for h in header:
            if re.match(r"^(%s):" % "|".join(map(re.escape, [il, rl])), h):
                problem(f"{doc}: header line looks like a turn: {h[:40]!r}")
        if BANNED.search(full):
            problem(f"{doc}: transcript uses a forbidden label word")
        docs[doc] = dict(full=full, turns=turns, il=il, rl=rl, words=nw, rturns=nr,
                         fmt=mine[0])

    # styles.csv
    rows = read_csv("styles.csv")
    got = {}
    for r in rows:
        d, s, why = r.get("doc_id"), r.get("style"), (r.get("rationale") or "").strip()
        if d not in DOCS:
            problem(f"styles.csv: unknown doc {d}")
            continue
        if d in got:
            problem(f"styles.csv: duplicate {d}")
        got[d] = s
        if s not in WANT_MIX:
            problem(f"styles.csv: {d} has bad style {s!r}")
        if not why:
            problem(f"styles.csv: {d} has no rationale")
        if s == "onbepaald" and not re.search(r"genuinely mixed|too little evidence", why, re.I):
            problem(f"styles.csv: {d} onbepaald without its kind")
    for d in DOCS:
        if d not in got:
            problem(f"styles.csv: {d} missing")
    mix = {k: list(got.values()).count(k) for k in WANT_MIX}
    if mix != WANT_MIX:
        problem(f"styles.csv: mix {mix}, wanted {WANT_MIX}")
    kinds = [r["rationale"].lower() for r in rows if r.get("style") == "onbepaald"]
    if not (any("genuinely mixed" in k for k in kinds) and
            any("too little evidence" in k for k in kinds)):
        problem("styles.csv: onbepaald should be one genuinely mixed and one too little evidence")

    # orientation.csv
    rows = read_csv("orientation.csv")
    keys = []
    for r in rows:
        d = r.get("doc_id")
        try:
            i = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, i))
        if r.get("orientation") not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if d not in docs:
            problem(f"orientation.csv: unknown or unparsed doc {d}")
            continue
        turns = docs[d]["turns"]
        if not 1 <= i <= len(turns) or turns[i - 1][0] != docs[d]["rl"] or i % 2:
            problem(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys, key=lambda k: (k[0], k[1])):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv")
    seen = set()
    count = {d: 0 for d in DOCS}
    for r in rows:
        d, s, t = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t!r} for {s!r}")
        if d not in docs:
            problem(f"identifiers.csv: unknown or unparsed doc {d}")
            continue
        count[d] += 1
        if not s or s not in docs[d]["full"]:
            problem(f"identifiers.csv: {d}: {s!r} not found verbatim in transcript")
    for d, n in count.items():
        if n < 5:
            problem(f"identifiers.csv: {d} has only {n} identifiers")

    if stats:
        for d, v in docs.items():
            print(f"{d}\t{v['fmt']}\twords={v['words']}\trespondent_turns={v['rturns']}\t"
                  f"turns={len(v['turns'])}\tidentifiers={count.get(d)}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
