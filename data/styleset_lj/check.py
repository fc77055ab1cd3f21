#!/usr/bin/env python3
"""Check the built setLJ transcripts and label files (standard library only).

Parses the transcripts in transcripts/ (not the sources) and checks: one readable transcript
per document in its encoding, strict alternation starting with the interviewer, orientation rows
pointing at respondent turns, identifiers occurring verbatim, styles.csv complete with the
requested mix, word and respondent-turn ranges. Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

SPEC = {  # doc_id: (extension, encoding, interviewer label, respondent label, line ending or None)
    "lj01": ("docx", None, "Interviewer", "Erik", None),
    "lj02": ("vtt", "utf-8", "Lotte Brinkman", "Mirjam Oude Egberink", "\n"),
    "lj03": ("txt", "cp1252", "I", "R", "\r\n"),
    "lj04": ("srt", "utf-8", "Onderzoeker", "Nadia", "\r\n"),
    "lj05": ("txt", "utf-8", "Spreker 1", "Spreker 2", "\n"),
    "lj06": ("docx", None, "Marloes", "Thijs", None),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
METADATA_KEYS = {"respondent", "datum", "locatie", "sprekers", "duur", "interviewer"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def label_re(ia, ra):
    return re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + re.escape(ia) + "|" + re.escape(ra) + r"):\s*(.*)$")


def parse_docx(path, ia, ra):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    rx = label_re(ia, ra)
    header, turns = [], []
    for text in paras:
        m = rx.match(text)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif text.strip():
            if turns:
                turns[-1][1] += " " + text.strip()
            else:
                header.append(text)
    return "\n".join(paras), header, turns


def parse_txt(text, ia, ra):
    rx = label_re(ia, ra)
    header, turns = [], []
    for line in text.splitlines():
        m = rx.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif line.strip():
            if turns:
                turns[-1][1] += " " + line.strip()
            else:
                header.append(line)
    return header, turns


def parse_vtt(text, doc):
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    header, turns = [], []
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            header.extend(l for l in lines[1:] if l.strip())
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            bad(f"{doc}: vtt block without timing: {lines[0][:40]}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$", lines[ti].strip()):
            bad(f"{doc}: bad vtt timing {lines[ti]}")
        body = " ".join(lines[ti + 1:]).strip()
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        who, txt = m.group(1), m.group(2).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return header, turns


def parse_srt(text, doc, ia, ra):
    blocks = re.split(r"\n\s*\n", text.strip().replace("\r\n", "\n"))
    rx = re.compile(r"^(" + re.escape(ia) + "|" + re.escape(ra) + r"):\s*(.*)$", re.S)
    turns, n = [], 0
    for b in blocks:
        lines = b.split("\n")
        n += 1
        if len(lines) < 3 or lines[0].strip() != str(n):
            bad(f"{doc}: srt cue {n} malformed")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1].strip()):
            bad(f"{doc}: srt cue {n} bad timing")
        body = " ".join(lines[2:]).strip()
        m = rx.match(body)
        if m:
            who, txt = m.group(1), m.group(2).strip()
        elif turns:
            who, txt = turns[-1][0], body
        else:
            bad(f"{doc}: srt cue {n} without speaker")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return [], turns


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    docs = {}
    files = os.listdir(TR) if os.path.isdir(TR) else []
    for doc, (ext, enc, ia, ra, nl) in SPEC.items():
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1 or mine[0] != f"{doc}.{ext}":
            bad(f"{doc}: expected exactly one transcript {doc}.{ext}, found {mine}")
            continue
        path = os.path.join(TR, mine[0])
        try:
            if ext == "docx":
                full, header, turns = parse_docx(path, ia, ra)
            else:
                raw = open(path, "rb").read()
                text = raw.decode(enc)  # strict
                if enc == "cp1252":
                    try:
                        raw.decode("utf-8")
                        if any(b > 127 for b in raw):
                            bad(f"{doc}: declared cp1252 but file is valid UTF-8")
                    except UnicodeDecodeError:
                        pass
                if nl == "\r\n" and raw.count(b"\n") != raw.count(b"\r\n"):
                    bad(f"{doc}: expected CRLF line endings throughout")
                if nl == "\n" and b"\r" in raw:
                    bad(f"{doc}: unexpected CR characters")
                full = text
                if ext == "vtt":
                    header, turns = parse_vtt(text, doc)
                elif ext == "srt":
                    header, turns = parse_srt(text, doc, ia, ra)
                else:
                    header, turns = parse_txt(text, ia, ra)
        except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
            bad(f"{doc}: cannot read transcript: {e}")
            continue
        for h in header:
            m = re.match(r"^\s*([A-Za-zÀ-ÿ][\w .'-]{0,30}):\s", h)
            if m and m.group(1).strip().lower() not in METADATA_KEYS:
                bad(f"{doc}: header line looks like a speaker turn: {h[:50]}")
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        for i, (who, txt) in enumerate(turns):
            want = ia if i % 2 == 0 else ra
            if who != want:
                bad(f"{doc}: turn {i+1} is by {who}, expected {want}")
                break
            if not txt.strip():
                bad(f"{doc}: turn {i+1} is empty")
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words outside {WORDS}")
        nr = sum(1 for w, _ in turns if w == ra)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns outside {RTURNS}")
        if FORBIDDEN.search(full):
            bad(f"{doc}: transcript uses a style label word")
        docs[doc] = dict(full=full, turns=turns, ra=ra, words=words, nr=nr)

    styles = read_csv("styles.csv")
    seen = {}
    for r in styles:
        if r.get("doc_id") in seen:
            bad(f"styles.csv: duplicate {r.get('doc_id')}")
        seen[r.get("doc_id")] = r.get("style")
        if r.get("style") not in MIX:
            bad(f"styles.csv: bad style {r.get('style')} for {r.get('doc_id')}")
        if not (r.get("rationale") or "").strip():
            bad(f"styles.csv: empty rationale for {r.get('doc_id')}")
        if r.get("style") == "onbepaald" and not re.search(r"too little evidence|mixed", r.get("rationale", ""), re.I):
            bad(f"styles.csv: onbepaald rationale for {r.get('doc_id')} must say which kind")
    if set(seen) != set(SPEC):
        bad(f"styles.csv: documents {sorted(seen)} != {sorted(SPEC)}")
    for st, n in MIX.items():
        if list(seen.values()).count(st) != n:
            bad(f"styles.csv: {list(seen.values()).count(st)} x {st}, expected {n}")

    ori = read_csv("orientation.csv")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in ori]
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")
    for r in ori:
        d, i = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r['orientation']}")
        if d not in docs:
            bad(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d]["turns"]
        if not (1 <= i <= len(turns)) or i % 2 != 0 or turns[i - 1][0] != docs[d]["ra"]:
            bad(f"orientation.csv: {d} turn {i} is not a respondent turn")

    ids = read_csv("identifiers.csv")
    pairs = [(r["doc_id"], r["identifier"]) for r in ids]
    if len(pairs) != len(set(pairs)):
        bad("identifiers.csv: duplicate identifier rows")
    per_doc = {}
    for r in ids:
        d = r["doc_id"]
        per_doc[d] = per_doc.get(d, 0) + 1
        if r["type"] not in TYPES:
            bad(f"identifiers.csv: bad type {r['type']}")
        if d not in docs:
            bad(f"identifiers.csv: unknown doc {d}")
            continue
        if r["identifier"] not in docs[d]["full"]:
            bad(f"identifiers.csv: {d} '{r['identifier']}' not found verbatim")
    for d in SPEC:
        if per_doc.get(d, 0) < 5:
            bad(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
