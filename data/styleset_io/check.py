#!/usr/bin/env python3
"""Check setIO: parses the BUILT transcripts (not src/) and the three csv files.

Standard library only. Prints OK, or the problems (exit status 1).
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

# doc -> extension, encoding, interviewer label, respondent label, timestamped labels
DOCS = {
    "io01": dict(ext="docx", I="Marloes", R="Anneke"),
    "io02": dict(ext="txt", enc="cp1252", I="I", R="R", crlf=True),
    "io03": dict(ext="vtt", enc="utf-8", I="Sanne Vos", R="Albert Schuiling"),
    "io04": dict(ext="srt", enc="utf-8", I="Bas", R="Ineke", crlf=True),
    "io05": dict(ext="txt", enc="utf-8", I="Spreker 1", R="Spreker 2", stamp=True),
    "io06": dict(ext="docx", I="Interviewer", R="Respondent"),
}
MIX = {"netwerkgericht": 3, "casusgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
MIN_IDS = 5

problems = []


def problem(msg):
    problems.append(msg)


def nwords(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def norm(s):
    return re.sub(r"\s+", " ", s)


def merge(seq):
    """seq of (speaker, text) -> turns, consecutive same-speaker pieces merged."""
    turns = []
    for spk, txt in seq:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def label_re(cfg):
    labs = "|".join(re.escape(cfg[k]) for k in ("I", "R"))
    stamp = r"\[\d{2}:\d{2}:\d{2}\]\s*" if cfg.get("stamp") else ""
    return re.compile(r"^" + stamp + r"(" + labs + r"):\s+(.*)$")


def who(cfg, label):
    return "I" if label == cfg["I"] else "R"


def parse_lines(doc, cfg, lines):
    """Labelled paragraphs/lines: header before the first turn, continuation lines appended."""
    rx = label_re(cfg)
    seq, header = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = rx.match(ln)
        if m:
            seq.append([who(cfg, m.group(1)), m.group(2)])
        elif not seq:
            header.append(ln)
        else:
            seq[-1][1] += " " + ln
    # a header line must not look like a turn of some other speaker
    for h in header:
        if re.match(r"^(\[\d{2}:\d{2}:\d{2}\]\s*)?[A-Z][\w .'-]{0,30}:\s", h) and not re.match(
                r"^(Respondent|Datum|Interviewer|Duur|Locatie|Sprekers?):", h):
            problem(f"{doc}: header line looks like a speaker turn: {h[:60]}")
    # consecutive same-speaker paragraphs are NOT merged here: they would break alternation
    return [tuple(x) for x in seq], header


def read_docx(doc, cfg, path):
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter("{%s}p" % ns["w"]):
        paras.append("".join(t.text or "" for t in p.iter("{%s}t" % ns["w"])))
    turns, header = parse_lines(doc, cfg, paras)
    return turns, "\n".join(paras)


def read_txt(doc, cfg, path):
    raw = path.read_bytes()
    text = raw.decode(cfg["enc"])  # strict: raises if not readable in its encoding
    if cfg.get("crlf") and b"\n" in raw.replace(b"\r\n", b""):
        problem(f"{doc}: expected CRLF line endings")
    turns, header = parse_lines(doc, cfg, text.splitlines())
    return turns, text


def read_vtt(doc, cfg, path):
    text = path.read_text(encoding=cfg["enc"])
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: no WEBVTT signature")
    seq = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        if not any("-->" in ln for ln in lines):
            continue
        i = next(k for k, ln in enumerate(lines) if "-->" in ln)
        body = " ".join(lines[i + 1:])
        vs = re.findall(r"<v\s+([^>]+)>(.*?)(?:</v>|$)", body)
        if not vs:
            problem(f"{doc}: cue without voice tag: {body[:50]}")
            continue
        for name, txt in vs:
            name = name.strip()
            if name not in (cfg["I"], cfg["R"]):
                problem(f"{doc}: unknown voice {name}")
                continue
            seq.append((who(cfg, name), re.sub(r"<[^>]+>", "", txt).strip()))
    return merge(seq), text


def read_srt(doc, cfg, path):
    raw = path.read_bytes()
    text = raw.decode(cfg["enc"])
    if cfg.get("crlf") and b"\n" in raw.replace(b"\r\n", b""):
        problem(f"{doc}: expected CRLF line endings")
    rx = re.compile(r"^(" + re.escape(cfg["I"]) + "|" + re.escape(cfg["R"]) + r"):\s+(.*)$", re.S)
    seq, last = [], None
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        if len(lines) < 3 or "-->" not in lines[1] or not lines[0].strip().isdigit():
            if block.strip():
                problem(f"{doc}: malformed srt block: {block[:40]!r}")
            continue
        body = " ".join(lines[2:])
        m = rx.match(body)
        if m:
            last = who(cfg, m.group(1))
            seq.append((last, m.group(2)))
        elif last:
            seq.append((last, body))
        else:
            problem(f"{doc}: first cue has no speaker")
    return merge(seq), text


READERS = {"docx": read_docx, "txt": read_txt, "vtt": read_vtt, "srt": read_srt}


def main():
    docs_turns, docs_text = {}, {}
    # transcripts
    for doc, cfg in DOCS.items():
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
            continue
        path = files[0]
        if path.suffix[1:] != cfg["ext"]:
            problem(f"{doc}: unexpected extension {path.suffix}")
            continue
        try:
            turns, text = READERS[cfg["ext"]](doc, cfg, path)
        except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError, KeyError) as e:
            problem(f"{doc}: not readable: {e}")
            continue
        docs_turns[doc], docs_text[doc] = turns, norm(text)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            if spk != ("I" if i % 2 else "R"):
                problem(f"{doc}: turn {i} is {spk}; turns must alternate starting with interviewer")
                break
        w = sum(nwords(t) for _, t in turns)
        if not WORDS[0] <= w <= WORDS[1]:
            problem(f"{doc}: {w} spoken words, outside {WORDS}")
        nr = sum(1 for s, _ in turns if s == "R")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "styles.csv", encoding="utf-8")))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
            problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
        c = Counter(r["style"] for r in rows)
        if dict(c) != MIX:
            problem(f"styles.csv: mix {dict(c)} is not {MIX}")
        for r in rows:
            if not r["rationale"].strip():
                problem(f"styles.csv: {r['doc_id']} has no rationale")
            if r["style"] == "onbepaald" and not re.search(
                    r"too little evidence|mixed", r["rationale"], re.I):
                problem(f"styles.csv: {r['doc_id']} onbepaald rationale does not say which kind")
    except (OSError, KeyError) as e:
        problem(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "orientation.csv", encoding="utf-8")))
        keys = []
        for r in rows:
            doc, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {o}")
            if doc not in DOCS:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            ti = int(ti)
            keys.append((doc, ti))
            turns = docs_turns.get(doc, [])
            if not (1 <= ti <= len(turns)) or turns[ti - 1][0] != "R":
                problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicates")
    except (OSError, KeyError, ValueError) as e:
        problem(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8")))
        per = Counter()
        seen = set()
        for r in rows:
            doc, s, t = r["doc_id"], r["identifier"], r["type"]
            if t not in TYPES:
                problem(f"identifiers.csv: bad type {t}")
            if (doc, s) in seen:
                problem(f"identifiers.csv: duplicate {doc} {s!r}")
            seen.add((doc, s))
            per[doc] += 1
            if doc in docs_text and norm(s) not in docs_text[doc]:
                problem(f"identifiers.csv: {doc} {s!r} does not occur verbatim")
        for doc in DOCS:
            if per[doc] < MIN_IDS:
                problem(f"identifiers.csv: {doc} has only {per[doc]} identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv: {e}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
