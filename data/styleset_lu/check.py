#!/usr/bin/env python3
"""Check blind set 'lu' against the brief, from the BUILT transcripts (standard library only).

Usage: python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

BASE = Path(__file__).resolve().parent
TR = BASE / "transcripts"

# expected delivery per document: extension, encoding, line ending, interviewer label, respondent label
DOCS = {
    "lu01": dict(ext="docx", enc=None, crlf=None, labels=("Lieke Bosch", "Jos Ramakers")),
    "lu02": dict(ext="txt", enc="cp1252", crlf=True, labels=("I", "R")),
    "lu03": dict(ext="vtt", enc="utf-8", crlf=False, labels=("Lotte Kusters", "Wim Hendrikx")),
    "lu04": dict(ext="srt", enc="utf-8", crlf=True, labels=("Sanne", "Marieke")),
    "lu05": dict(ext="txt", enc="utf-8", crlf=False, labels=("Spreker 1", "Spreker 2")),
    "lu06": dict(ext="docx", enc=None, crlf=None, labels=("Interviewer", "Respondent")),
}
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "duur", "opnameduur", "locatie", "plaats", "interviewer"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "meer van de casus", "meer van het netwerk"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def words(s):
    return len(re.findall(r"\w+(?:['’-]\w+)*", s))


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                buf.append("\n")
        paras.append("".join(buf))
    return paras


def label_turns(lines, labels, doc, stamped=False):
    """Turns from 'Label: text' lines (optionally '[hh:mm:ss] Label: text'); header = lines before the first turn."""
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?(" + "|".join(re.escape(l) for l in labels) + r"):\s*(.*)$")
    turns, header = [], []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            if stamped and not m.group(1):
                problem(f"{doc}: turn without timestamp: {s[:40]!r}")
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + s  # continuation paragraph
        else:
            header.append(s)
    for h in header:
        m = re.match(r"^([A-Za-zÀ-ÿ][\w .]{0,30}):\s", h)
        if m and m.group(1).strip().lower() not in META_KEYS:
            problem(f"{doc}: header line looks like a speaker turn: {h[:50]!r}")
    return turns


def merge(cues):
    turns = []
    for sp, text in cues:
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + text
        else:
            turns.append([sp, text])
    return turns


def vtt_turns(text, doc):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", lines[idx]):
            problem(f"{doc}: bad vtt timing line {lines[idx]!r}")
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues)


def srt_turns(text, doc, labels):
    cues = []
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s*(.*)$")
    expect = 1
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            problem(f"{doc}: malformed srt block {block[:40]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: srt numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1].strip()):
            problem(f"{doc}: bad srt timing line {lines[1]!r}")
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if not m:
            problem(f"{doc}: srt cue without speaker name: {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues)


def read_doc(doc, cfg):
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, None, None
    path = files[0]
    ext = path.suffix[1:]
    if ext != cfg["ext"]:
        problem(f"{doc}: extension {ext}, expected {cfg['ext']}")
    labels = cfg["labels"]
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx not readable: {e}")
            return None, None, None
        return label_turns(paras, labels, doc), "\n".join(paras), "docx"
    raw = path.read_bytes()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {cfg['enc']}: {e}")
        return None, None, None
    if cfg["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc}: declared Windows-1252 but the bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    n_crlf, n_lf = text.count("\r\n"), text.count("\n")
    if cfg["crlf"] is True and n_crlf != n_lf:
        problem(f"{doc}: expected CRLF line endings throughout")
    if cfg["crlf"] is False and n_crlf:
        problem(f"{doc}: expected LF line endings")
    text = text.replace("\r\n", "\n")
    if ext == "vtt":
        return vtt_turns(text, doc), text, "vtt"
    if ext == "srt":
        return srt_turns(text, doc, labels), text, "srt"
    stamped = labels[0].startswith("Spreker")
    return label_turns(text.split("\n"), labels, doc, stamped), text, ("txt-stamped" if stamped else "txt-labels") + "-" + cfg["enc"]


def read_csv(name, header):
    path = BASE / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    parsed = {}
    formats = set()
    for doc, cfg in DOCS.items():
        turns, full, fmt = read_doc(doc, cfg)
        if turns is None:
            continue
        formats.add(fmt)
        parsed[doc] = (turns, full)
        i_lab, r_lab = cfg["labels"]
        for k, (sp, _) in enumerate(turns):
            want = i_lab if k % 2 == 0 else r_lab
            if sp != want:
                problem(f"{doc}: turn {k + 1} is by {sp!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
        nresp = sum(1 for sp, _ in turns if sp == r_lab)
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns (10-45 required)")
        nw = sum(words(t) for _, t in turns)
        if not 1500 <= nw <= 2600:
            problem(f"{doc}: {nw} spoken words (1500-2600 required)")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden wording {w!r}")
        print(f"{doc}: {fmt:18s} {len(turns):3d} turns, {nresp:2d} respondent turns, {nw:5d} words")
    if len(formats) < 4:
        problem(f"only {len(formats)} different formats: {sorted(formats)}")
    if len({c['ext'] for c in DOCS.values()}) < 4:
        problem("fewer than four file types")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        d, s, why = r
        if d not in DOCS:
            problem(f"styles.csv: unknown doc {d}")
        if d in seen:
            problem(f"styles.csv: duplicate {d}")
        if s not in MIX:
            problem(f"styles.csv: bad style {s!r} for {d}")
        if not why.strip():
            problem(f"styles.csv: empty rationale for {d}")
        if s == "onbepaald" and not re.search(r"mixed|too little evidence", why, re.I):
            problem(f"styles.csv: onbepaald rationale for {d} does not say which kind")
        seen[d] = s
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs missing {sorted(set(DOCS) - set(seen))}")
    for s, n in MIX.items():
        got = sum(1 for v in seen.values() if v == s)
        if got != n:
            problem(f"styles.csv: {got} x {s}, requested {n}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        d, k, o = r[0], int(r[1]), r[2]
        keys.append((d, k))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if d not in parsed:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = parsed[d][0]
        if not (1 <= k <= len(turns)) or k % 2 or turns[k - 1][0] != DOCS[d]["labels"][1]:
            problem(f"orientation.csv: {d} turn {k} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per = {}
    seen_ids = set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, s, t = r
        if (d, s) in seen_ids:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen_ids.add((d, s))
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t!r}")
        if d not in parsed:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        per[d] = per.get(d, 0) + 1
        if s not in parsed[d][1]:
            problem(f"identifiers.csv: {d}: {s!r} does not occur verbatim")
    for d in DOCS:
        if per.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has {per.get(d, 0)} identifiers (at least 5)")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
