#!/usr/bin/env python3
"""Check the setmw blind set from the BUILT transcripts (standard library only).

Prints OK, or the list of problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
DOCS = ["mw01", "mw02", "mw03", "mw04", "mw05", "mw06"]
# expected delivery per document: extension, encoding, line ending, interviewer label, respondent label
EXPECT = {
    "mw01": ("docx", None, None, "Interviewer", "Respondent"),
    "mw02": ("txt", "cp1252", "\r\n", "Spreker 1", "Spreker 2"),
    "mw03": ("vtt", "utf-8", "\n", "Anouk Dijkstra", "Dennis Wolbers"),
    "mw04": ("srt", "utf-8", "\r\n", "Thijs", "Hans"),
    "mw05": ("txt", "utf-8", "\n", "I", "R"),
    "mw06": ("docx", None, None, "Marloes", "Peter-Jan"),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def prob(msg):
    problems.append(msg)


def label_split(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def merge(turns):
    out = []
    for spk, text in turns:
        if out and out[-1][0] == spk:
            out[-1] = (spk, out[-1][1] + " " + text)
        else:
            out.append((spk, text))
    return out


def parse_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    turns, header, started = [], [], False
    for t in paras:
        if not t.strip():
            continue
        spk, text = label_split(t, labels)
        if spk:
            started = True
            turns.append((spk, text))
        elif not started:
            header.append(t)
        else:
            prob(f"{os.path.basename(path)}: paragraph without speaker label after first turn: {t[:50]!r}")
    return "\n".join(paras), header, turns


def read_text(path, enc, eol, doc):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            prob(f"{doc}: expected Windows-1252 but file is valid UTF-8 (no cp1252-only bytes)")
        except UnicodeDecodeError:
            pass
    if "\ufffd" in text:
        prob(f"{doc}: replacement characters in text")
    if eol == "\r\n":
        if re.search(r"(?<!\r)\n", text):
            prob(f"{doc}: expected CRLF line endings throughout")
    elif "\r" in text:
        prob(f"{doc}: unexpected CR characters")
    return text.replace("\r\n", "\n")


def parse_txt(text, labels, doc):
    turns, header, started = [], [], False
    ts = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+")
    for line in text.split("\n"):
        if not line.strip():
            continue
        body = ts.sub("", line)
        spk, t = label_split(body, labels)
        if spk:
            started = True
            turns.append((spk, t))
        elif not started:
            header.append(line)
        else:
            prob(f"{doc}: line without speaker label after first turn: {line[:50]!r}")
    return header, turns


TIME = re.compile(r"^(\d\d:\d\d:\d\d[.,]\d{3}) --> (\d\d:\d\d:\d\d[.,]\d{3})$")


def parse_vtt(text, labels, doc):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    if not blocks or not blocks[0].startswith("WEBVTT"):
        prob(f"{doc}: missing WEBVTT signature")
        return [], []
    header, turns, last_end = [], [], ""
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(lines[1:])
            continue
        i = 0
        if not TIME.match(lines[0]):
            i = 1
        m = TIME.match(lines[i]) if i < len(lines) else None
        if not m:
            prob(f"{doc}: cue without timing: {b[:40]!r}")
            continue
        if m.group(1) >= m.group(2) or m.group(1) < last_end:
            prob(f"{doc}: cue times not increasing at {m.group(0)}")
        last_end = m.group(2)
        body = " ".join(lines[i + 1:])
        v = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not v:
            prob(f"{doc}: cue without voice tag: {body[:40]!r}")
            continue
        if v.group(1) not in labels:
            prob(f"{doc}: unknown voice {v.group(1)!r}")
            continue
        turns.append((v.group(1), re.sub(r"<[^>]+>", "", v.group(2)).strip()))
    return header, merge(turns)


def parse_srt(text, labels, doc):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    turns, expect_n, last_end = [], 1, ""
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(expect_n):
            prob(f"{doc}: bad srt cue numbering near {b[:30]!r}")
            return [], []
        expect_n += 1
        m = TIME.match(lines[1])
        if not m or "," not in lines[1]:
            prob(f"{doc}: bad srt timing {lines[1]!r}")
            continue
        if m.group(1) >= m.group(2) or m.group(1) < last_end:
            prob(f"{doc}: cue times not increasing at {lines[1]}")
        last_end = m.group(2)
        body = " ".join(lines[2:])
        spk, t = label_split(body, labels)
        if not spk:
            prob(f"{doc}: srt cue without speaker name: {body[:40]!r}")
            continue
        turns.append((spk, t))
    return [], merge(turns)


def words(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def main():
    docs = {}
    files = os.listdir(TR) if os.path.isdir(TR) else []
    for doc in DOCS:
        ext, enc, eol, il, rl = EXPECT[doc]
        mine = [f for f in files if f.split(".")[0] == doc]
        if len(mine) != 1:
            prob(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        if not mine[0].endswith("." + ext):
            prob(f"{doc}: expected .{ext}, found {mine[0]}")
            continue
        path = os.path.join(TR, mine[0])
        labels = [il, rl]
        if ext == "docx":
            try:
                full, header, turns = parse_docx(path, labels)
            except Exception as e:
                prob(f"{doc}: docx unreadable: {e}")
                continue
        else:
            full = read_text(path, enc, eol, doc)
            if full is None:
                continue
            if ext == "txt":
                header, turns = parse_txt(full, labels, doc)
            elif ext == "vtt":
                header, turns = parse_vtt(full, labels, doc)
            else:
                header, turns = parse_srt(full, labels, doc)
        for h in header:
            if re.match(r"^\s*[\w .\-]{1,30}:\s", h) and not re.match(
                    r"^\s*(Respondent|Interviewer|Datum|Duur|Locatie)\s*:", h, re.I):
                prob(f"{doc}: header line looks like a speaker turn: {h[:50]!r}")
        if not turns:
            prob(f"{doc}: no turns parsed")
            continue
        for i, (spk, text) in enumerate(turns, 1):
            want = il if i % 2 == 1 else rl
            if spk != want:
                prob(f"{doc}: turn {i} is {spk!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
            if not text.strip():
                prob(f"{doc}: turn {i} is empty")
        nresp = sum(1 for s, _ in turns if s == rl)
        nw = sum(words(t) for _, t in turns)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            prob(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")
        if not WORDS[0] <= nw <= WORDS[1]:
            prob(f"{doc}: {nw} spoken words, outside {WORDS}")
        flat = re.sub(r"\s+", " ", full)
        docs[doc] = dict(turns=turns, rl=rl, full=full, flat=flat, words=nw, resp=nresp)

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "styles.csv"), encoding="utf-8")))
        seen = {}
        for r in rows:
            if r["doc_id"] in seen:
                prob(f"styles.csv: duplicate {r['doc_id']}")
            seen[r["doc_id"]] = r["style"]
            if r["style"] not in MIX:
                prob(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not r.get("rationale", "").strip():
                prob(f"styles.csv: empty rationale for {r['doc_id']}")
        if set(seen) != set(DOCS):
            prob(f"styles.csv: doc ids {sorted(seen)} != {DOCS}")
        for st, n in MIX.items():
            if list(seen.values()).count(st) != n:
                prob(f"styles.csv: expected {n} x {st}, found {list(seen.values()).count(st)}")
    except (OSError, KeyError) as e:
        prob(f"styles.csv unreadable: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "orientation.csv"), encoding="utf-8")))
        keys = []
        for r in rows:
            d, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
            if o not in ("casus", "netwerk"):
                prob(f"orientation.csv: bad orientation {o!r}")
            if d not in docs:
                prob(f"orientation.csv: unknown or unparsed doc {d}")
                continue
            ti = int(ti)
            keys.append((DOCS.index(d), ti))
            turns = docs[d]["turns"]
            if not 1 <= ti <= len(turns) or turns[ti - 1][0] != docs[d]["rl"]:
                prob(f"orientation.csv: {d} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            prob("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv: duplicate rows")
    except (OSError, KeyError, ValueError) as e:
        prob(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8")))
        count, seen = {}, set()
        for r in rows:
            d, s, t = r["doc_id"], r["identifier"], r["type"]
            if (d, s) in seen:
                prob(f"identifiers.csv: duplicate {d} {s!r}")
            seen.add((d, s))
            if t not in TYPES:
                prob(f"identifiers.csv: bad type {t!r}")
            if d not in docs:
                prob(f"identifiers.csv: unknown or unparsed doc {d}")
                continue
            count[d] = count.get(d, 0) + 1
            if s not in docs[d]["full"] and re.sub(r"\s+", " ", s) not in docs[d]["flat"]:
                prob(f"identifiers.csv: {d} {s!r} does not occur verbatim")
        for d in docs:
            if count.get(d, 0) < 5:
                prob(f"identifiers.csv: {d} has fewer than 5 identifiers")
    except (OSError, KeyError) as e:
        prob(f"identifiers.csv unreadable: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
