#!/usr/bin/env python3
"""Check the lv blind set by parsing the BUILT transcripts (not the sources).

Standard library only. Prints OK, or the problems and exits with status 1.
Run from anywhere:  python3 check.py
"""
import csv
import glob
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TRANS = os.path.join(ROOT, "transcripts")

# doc -> (extension, interviewer label, respondent label, encoding, newline)
EXPECT = {
    "lv01": ("docx", "Interviewer", "Respondent", None, None),
    "lv02": ("vtt", "Bas Verhoef", "Gerda Hooijmans", "utf-8", "lf"),
    "lv03": ("txt", "I", "R", "cp1252", "crlf"),
    "lv04": ("srt", "Interviewer", "Yvonne", "utf-8", "crlf"),
    "lv05": ("txt", "Spreker 1", "Spreker 2", "utf-8", "lf"),
    "lv06": ("docx", "Sanne Kuipers", "Ingrid Pauwels", None, None),
}
MIX = {"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"datum", "respondent", "sprekers", "uitgewerkt door", "opname", "interviewer",
             "duur", "locatie", "transcriptie"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
LABEL_RE = re.compile(r"^\s*(?:\[(\d\d):(\d\d):(\d\d)\]\s*)?([^:\n]{1,40}?):\s+(.*)$", re.S)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def nwords(s):
    return len(re.findall(r"\w+(?:['’-]\w+)*", s))


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        text = "".join(t.text or "" for t in p.iter(W_NS + "t"))
        paras.append(text)
    return paras


def lines_to_turns(doc, lines, ilab, rlab):
    """Label lines ('Label: text', optionally '[hh:mm:ss] Label: text') -> turns."""
    header, turns = [], []
    for line in lines:
        if not line.strip():
            continue
        m = LABEL_RE.match(line)
        if m and m.group(4).strip() in (ilab, rlab):
            lab = m.group(4).strip()
            if turns and turns[-1][0] == lab:
                bad(f"{doc}: two consecutive paragraphs by {lab!r} (turns must alternate)")
                turns[-1][1] += " " + m.group(5)
            else:
                turns.append([lab, m.group(5)])
        elif not turns:
            header.append(line)
            if m and m.group(4).strip().lower() not in META_KEYS:
                bad(f"{doc}: header line looks like a speaker turn: {line[:60]!r}")
        else:
            turns[-1][1] += " " + line.strip()
    return header, turns


def parse_vtt(doc, text, ilab, rlab):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    turns = []
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(ls) if "-->" in l), None)
        if ti is None:
            bad(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(ls[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if m:
            lab, txt = m.group(1).strip(), m.group(2)
        elif turns:
            lab, txt = turns[-1][0], body
        else:
            bad(f"{doc}: first vtt cue has no voice tag")
            continue
        if lab not in (ilab, rlab):
            bad(f"{doc}: unknown voice {lab!r}")
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return turns


def parse_srt(doc, text, ilab, rlab):
    blocks = re.split(r"\n\s*\n", text.strip())
    turns = []
    for n, b in enumerate(blocks, 1):
        ls = b.split("\n")
        if len(ls) < 3 or ls[0].strip() != str(n) or "-->" not in ls[1]:
            bad(f"{doc}: malformed srt cue {n}: {b[:40]!r}")
            continue
        body = " ".join(ls[2:])
        m = LABEL_RE.match(body)
        if m and m.group(4).strip() in (ilab, rlab):
            lab, txt = m.group(4).strip(), m.group(5)
        elif turns:
            lab, txt = turns[-1][0], body
        else:
            bad(f"{doc}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return turns


def read_doc(doc):
    ext, ilab, rlab, enc, nl = EXPECT[doc]
    files = glob.glob(os.path.join(TRANS, doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {len(files)}")
        return None, None
    path = files[0]
    if not path.endswith("." + ext):
        bad(f"{doc}: expected .{ext}, found {os.path.basename(path)}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: unreadable docx ({e})")
            return None, None
        _, turns = lines_to_turns(doc, paras, ilab, rlab)
        return "\n".join(paras), turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc} ({e})")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: declared Windows-1252 but the file is valid UTF-8 (no cp1252-only bytes)")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    crlf = raw.count(b"\r\n")
    lf = raw.count(b"\n")
    if nl == "crlf" and crlf != lf:
        bad(f"{doc}: expected CRLF line endings throughout")
    if nl == "lf" and crlf:
        bad(f"{doc}: expected LF line endings")
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        _, turns = lines_to_turns(doc, text.split("\n"), ilab, rlab)
    elif ext == "vtt":
        turns = parse_vtt(doc, text, ilab, rlab)
    else:
        turns = parse_srt(doc, text, ilab, rlab)
    return text, turns


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    texts, turnsets = {}, {}
    for doc in EXPECT:
        text, turns = read_doc(doc)
        if text is None:
            continue
        texts[doc], turnsets[doc] = text, turns
        ilab, rlab = EXPECT[doc][1], EXPECT[doc][2]
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        for i, (lab, _) in enumerate(turns, 1):
            want = ilab if i % 2 == 1 else rlab
            if lab != want:
                bad(f"{doc}: turn {i} by {lab!r}, expected {want!r} (alternation from interviewer)")
                break
        words = sum(nwords(t) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words, outside {WORDS}")
        nresp = sum(1 for lab, _ in turns if lab == rlab)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            bad(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")
        if FORBIDDEN.search(text):
            bad(f"{doc}: transcript uses a forbidden label word")
        if "-v" in sys.argv:
            print(f"{doc}: turns={len(turns)} respondent_turns={nresp} words={words}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for doc, style, rat in rows:
        if doc in seen:
            bad(f"styles.csv: duplicate {doc}")
        seen[doc] = style
        if style not in MIX:
            bad(f"styles.csv: {doc} has invalid style {style!r}")
        if not rat.strip():
            bad(f"styles.csv: {doc} has no rationale")
        if style == "onbepaald" and not re.search(r"mixed|too little evidence", rat, re.I):
            bad(f"styles.csv: {doc} onbepaald rationale does not say which kind")
    if set(seen) != set(EXPECT):
        bad(f"styles.csv: docs {sorted(seen)} != {sorted(EXPECT)}")
    counts = {s: list(seen.values()).count(s) for s in MIX}
    if counts != MIX:
        bad(f"styles.csv: mix {counts} != requested {MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for doc, idx, ori in rows:
        if ori not in ("casus", "netwerk"):
            bad(f"orientation.csv: invalid orientation {ori!r}")
        if not idx.isdigit():
            bad(f"orientation.csv: bad turn_index {idx!r}")
            continue
        k = (doc, int(idx))
        keys.append(k)
        turns = turnsets.get(doc)
        if turns is None:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        i = int(idx)
        if i < 1 or i > len(turns) or turns[i - 1][0] != EXPECT[doc][2]:
            bad(f"orientation.csv: {doc} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = {}
    seen_ids = set()
    for doc, ident, ty in rows:
        if ty not in TYPES:
            bad(f"identifiers.csv: {doc} {ident!r} has invalid type {ty!r}")
        if (doc, ident) in seen_ids:
            bad(f"identifiers.csv: duplicate row {doc} {ident!r}")
        seen_ids.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc not in texts:
            bad(f"identifiers.csv: unknown doc {doc}")
        elif ident not in texts[doc]:
            bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc in EXPECT:
        if per_doc.get(doc, 0) < 5:
            bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if len({EXPECT[d][0] for d in EXPECT}) < 4:
        bad("fewer than four transcript formats")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
