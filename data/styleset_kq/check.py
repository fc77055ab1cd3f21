#!/usr/bin/env python3
"""Check set KQ: parses the BUILT transcripts (standard library only) and the three csv files.

Prints OK, or the list of problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

SET = Path(__file__).resolve().parent
TR = SET / "transcripts"

# doc_id: (extension, encoding, interviewer label, respondent label)
DOCS = {
    "kq01": ("docx", "utf-8", "Interviewer", "Respondent"),
    "kq02": ("vtt", "utf-8", "Lotte van Wijk", "Marco Doornbos"),
    "kq03": ("txt", "cp1252", "I", "R"),
    "kq04": ("srt", "utf-8", "Joost", "Yasmina"),
    "kq05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "kq06": ("docx", "utf-8", "Nadia", "Bert"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")

problems = []


def problem(msg):
    problems.append(msg)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return lines


def labelled(lines, labels):
    """header lines and turns [(label, text)] from label-prefixed lines"""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + "|".join(re.escape(x) for x in labels)
                     + r"):\s+(.*)$")
    header, turns = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = pat.match(ln)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + ln
        else:
            header.append(ln)
    return header, turns


TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")


def vtt_parse(text):
    if not text.startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    header, turns = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(x for x in [lines[0][4:].strip()] + lines[1:] if x.strip())
            continue
        if not TIMING.match(lines[0]):
            lines = lines[1:]  # cue identifier
        if not lines or not TIMING.match(lines[0]):
            problem(f"vtt: bad cue {b[:40]!r}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"vtt: cue without voice tag {body[:40]!r}")
            continue
        who, said = m.group(1), m.group(2).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return header, turns


def srt_parse(text, labels):
    blocks = re.split(r"\n\s*\n", text.strip())
    pat = re.compile(r"^(" + "|".join(re.escape(x) for x in labels) + r"):\s+(.*)$")
    turns = []
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not TIMING.match(lines[1]):
            problem(f"srt: bad cue {b[:40]!r}")
            continue
        body = " ".join(x.strip() for x in lines[2:])
        m = pat.match(body)
        if m:
            who, said = m.group(1), m.group(2)
        elif turns:
            who, said = turns[-1][0], body
        else:
            problem("srt: first cue without speaker")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return [], turns


def load(doc_id):
    ext, enc, li, lr = DOCS[doc_id]
    files = sorted(TR.glob(doc_id + ".*"))
    if len(files) != 1:
        problem(f"{doc_id}: expected one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    if path.suffix != "." + ext:
        problem(f"{doc_id}: expected .{ext}, found {path.name}")
        return None
    try:
        if ext == "docx":
            header, turns = labelled(docx_lines(path), (li, lr))
        else:
            raw = path.read_bytes()
            text = raw.decode(enc)  # strict
            if text.startswith("\ufeff"):
                text = text[1:]
            if enc == "cp1252":
                if "\r\n" not in text or re.search(r"(?<!\r)\n", text):
                    problem(f"{doc_id}: Windows-1252 file without consistent CRLF line ends")
                try:
                    raw.decode("utf-8")
                    if any(b > 127 for b in raw):
                        problem(f"{doc_id}: cp1252 file is also valid UTF-8 (not really cp1252?)")
                except UnicodeDecodeError:
                    pass
            text = text.replace("\r\n", "\n")
            if ext == "txt":
                header, turns = labelled(text.split("\n"), (li, lr))
            elif ext == "vtt":
                header, turns = vtt_parse(text)
            else:
                header, turns = srt_parse(text, (li, lr))
    except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
        problem(f"{doc_id}: cannot read {path.name}: {e}")
        return None
    return path, header, turns


def main():
    parsed = {}
    for doc_id, (ext, enc, li, lr) in DOCS.items():
        res = load(doc_id)
        if not res:
            continue
        path, header, turns = res
        if not turns:
            problem(f"{doc_id}: no turns parsed")
            continue
        for i, (who, _) in enumerate(turns, start=1):
            want = li if i % 2 else lr
            if who != want:
                problem(f"{doc_id}: turn {i} is by {who!r}, expected {want!r}")
                break
        nresp = sum(1 for w, _ in turns if w == lr)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc_id}: {nresp} respondent turns")
        words = sum(len([w for w in t.split() if re.search(r"\w", w)]) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc_id}: {words} spoken words")
        for h in header:
            if re.match(r"^(" + re.escape(li) + "|" + re.escape(lr) + r"):\s", h):
                problem(f"{doc_id}: header line looks like a turn: {h[:50]!r}")
        full = "\n".join(header + [f"{w}: {t}" for w, t in turns])
        low = full.lower()
        for f in FORBIDDEN:
            if f in low:
                problem(f"{doc_id}: forbidden word {f!r} in transcript")
        parsed[doc_id] = (turns, full, li, lr, words, nresp)

    # styles.csv
    with open(SET / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != MIX:
        problem(f"styles.csv: mix {dict(mix)} != {MIX}")
    for r in rows:
        if not (r.get("rationale") or "").strip():
            problem(f"styles.csv: {r['doc_id']} without rationale")
        if r["style"] == "onbepaald" and not re.search(r"too little evidence|mixed", r["rationale"], re.I):
            problem(f"styles.csv: {r['doc_id']} onbepaald without kind")

    # orientation.csv
    with open(SET / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        d, o = r["doc_id"], r["orientation"]
        try:
            t = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, t))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if d not in parsed:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns, _, li, lr, _, _ = parsed[d]
        if not 1 <= t <= len(turns) or turns[t - 1][0] != lr:
            problem(f"orientation.csv: {d} turn {t} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    with open(SET / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    per_doc = Counter()
    seen = set()
    for r in rows:
        d, s, typ = r["doc_id"], r["identifier"], r["type"]
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        per_doc[d] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        if d not in parsed:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if s not in parsed[d][1]:
            problem(f"identifiers.csv: {d} {s!r} not found verbatim")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has only {per_doc[d]} identifiers")

    exts = {DOCS[d][0] + ("-" + DOCS[d][1] if DOCS[d][0] == "txt" else "") for d in DOCS}
    if len(exts) < 4:
        problem(f"only {len(exts)} formats")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d, (_, _, _, _, words, nresp) in parsed.items():
        print(f"{d}: {words} words, {nresp} respondent turns", file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
