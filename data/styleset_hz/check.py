#!/usr/bin/env python3
"""Check set HZ: parses the BUILT transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# per document: file extension, encoding, interviewer label, respondent label, line ending
DOCS = {
    "hz01": dict(ext="txt", enc="cp1252", ilab="I", rlab="R", crlf=True),
    "hz02": dict(ext="docx", enc=None, ilab="Lotte", rlab="Anouk", crlf=False),
    "hz03": dict(ext="vtt", enc="utf-8", ilab="Sanne", rlab="Erik Jonkers", crlf=False),
    "hz04": dict(ext="srt", enc="utf-8", ilab="Marloes", rlab="Hennie", crlf=True),
    "hz05": dict(ext="txt", enc="utf-8", ilab="Spreker 1", rlab="Spreker 2", crlf=False),
    "hz06": dict(ext="docx", enc=None, ilab="Interviewer", rlab="Respondent", crlf=False),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
WORDS_MIN, WORDS_MAX = 1500, 2600
RTURNS_MIN, RTURNS_MAX = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def words(text):
    return len([t for t in text.split() if re.search(r"\w", t)])


def merge(segments):
    """segments: list of (speaker, text); merge consecutive same-speaker segments."""
    turns = []
    for spk, text in segments:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + text)
        else:
            turns.append((spk, text))
    return turns


def label_re(cfg):
    labs = "|".join(re.escape(l) for l in (cfg["ilab"], cfg["rlab"]))
    return re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + labs + r"):\s+(.*)$")


def parse_lines(lines, cfg):
    rx = label_re(cfg)
    segs = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            segs.append([m.group(1), m.group(2)])
        elif segs:
            segs[-1][1] += " " + line  # continuation paragraph of the same turn
        # lines before the first turn are header
    return merge([tuple(s) for s in segs])


def read_docx(path):
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter("{%s}p" % ns["w"]):
        paras.append("".join(t.text or "" for t in p.iter("{%s}t" % ns["w"])))
    return "\n".join(paras)


def parse_vtt(text, cfg):
    if not text.startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    segs = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"vtt block without timing: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[ti + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if m:
            segs.append((m.group(1).strip(), m.group(2).strip()))
        elif segs:
            segs.append((segs[-1][0], body))
    return merge(segs)


def parse_srt(text, cfg):
    rx = re.compile(r"^(" + "|".join(re.escape(l) for l in (cfg["ilab"], cfg["rlab"])) + r"):\s+(.*)$")
    segs = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"malformed srt block: {block[:40]!r}")
            continue
        body = " ".join(lines[2:])
        m = rx.match(body)
        if m:
            segs.append((m.group(1), m.group(2)))
        elif segs:
            segs.append((segs[-1][0], body))
        else:
            problem("srt starts without a speaker")
    return merge(segs)


def load(doc, cfg):
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {len(files)}")
        return None, None
    path = files[0]
    if path.suffix[1:] != cfg["ext"]:
        problem(f"{doc}: expected .{cfg['ext']}, found {path.suffix}")
    if cfg["ext"] == "docx":
        try:
            full = read_docx(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx ({e})")
            return None, None
        return full, parse_lines(full.split("\n"), cfg)
    raw = path.read_bytes()
    try:
        full = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {cfg['enc']} ({e})")
        return None, None
    if cfg["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared Windows-1252 but also valid UTF-8 (no non-ASCII text?)")
        except UnicodeDecodeError:
            pass
    has_crlf = b"\r\n" in raw
    bare_lf = raw.count(b"\n") - raw.count(b"\r\n")
    if cfg["crlf"] and (not has_crlf or bare_lf):
        problem(f"{doc}: expected CRLF line endings")
    if not cfg["crlf"] and has_crlf:
        problem(f"{doc}: unexpected CRLF line endings")
    if cfg["ext"] == "vtt":
        return full, parse_vtt(full, cfg)
    if cfg["ext"] == "srt":
        return full, parse_srt(full, cfg)
    return full, parse_lines(full.replace("\r\n", "\n").split("\n"), cfg)


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    texts, turns_by_doc = {}, {}
    for doc, cfg in DOCS.items():
        full, turns = load(doc, cfg)
        if full is None:
            continue
        texts[doc], turns_by_doc[doc] = full, turns
        spk = {cfg["ilab"]: "I", cfg["rlab"]: "R"}
        for i, (s, _) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if spk.get(s) != want:
                problem(f"{doc}: turn {i + 1} by {s!r}, expected {want}")
                break
        nw = sum(words(t) for _, t in turns)
        nr = sum(1 for s, _ in turns if spk.get(s) == "R")
        if not WORDS_MIN <= nw <= WORDS_MAX:
            problem(f"{doc}: {nw} spoken words, outside {WORDS_MIN}-{WORDS_MAX}")
        if not RTURNS_MIN <= nr <= RTURNS_MAX:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS_MIN}-{RTURNS_MAX}")
        if FORBIDDEN.search(full):
            problem(f"{doc}: contains a forbidden label word")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    cnt = Counter(r[1] for r in rows if len(r) == 3)
    if dict(cnt) != WANT_STYLES:
        problem(f"styles.csv: style mix {dict(cnt)} != {WANT_STYLES}")
    for r in rows:
        if len(r) != 3 or not r[2].strip():
            problem(f"styles.csv: bad row {r}")
        elif r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
            problem(f"styles.csv: {r[0]} onbepaald rationale does not say which kind")

    # orientation.csv
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
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != DOCS[doc]["rlab"]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen = Counter()
    per_doc = Counter()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        seen[(r[0], r[1])] += 1
        per_doc[r[0]] += 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            problem(f"identifiers.csv: {r[0]} {r[1]!r} not found verbatim")
    for k, v in seen.items():
        if v > 1:
            problem(f"identifiers.csv: duplicate {k}")
    for doc in DOCS:
        if per_doc[doc] < 5:
            problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
