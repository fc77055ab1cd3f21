#!/usr/bin/env python3
"""Check the built setGG deliverables (standard library only).

Parses the transcripts in transcripts/ (not the sources) and verifies:
- one transcript per doc id, readable in its expected encoding;
- turns alternate and start with the interviewer;
- every orientation row points at a respondent turn (even index within range),
  rows sorted and without duplicates;
- every identifier occurs verbatim in its document, with a valid type;
- styles.csv is complete with the requested mix (2 casusgericht, 2 netwerkgericht,
  2 onbepaald);
- 1,500-2,600 spoken words and 10-45 respondent turns per document.
Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"

# expected speaker labels per document (interviewer, respondent) and encoding
DOCS = {
    "gg01": dict(ext="docx", I="Interviewer", R="Respondent"),
    "gg02": dict(ext="txt", I="I", R="R", enc="cp1252", crlf=True),
    "gg03": dict(ext="vtt", I="Femke Arts", R="Emre Yılmaz", enc="utf-8"),
    "gg04": dict(ext="srt", I="Mirjam", R="Gert-Jan", enc="utf-8", crlf=True),
    "gg05": dict(ext="txt", I="Spreker 1", R="Spreker 2", enc="utf-8"),
    "gg06": dict(ext="docx", I="Eva", R="Rania"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def merge(seq):
    """merge consecutive (speaker, text) pieces of the same speaker into turns"""
    turns = []
    for spk, txt in seq:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def label_split(line, cfg):
    for role in ("I", "R"):
        lab = cfg[role] + ":"
        if line.startswith(lab + " "):
            return role, line[len(lab) + 1:].strip()
    return None


def parse_docx(path, cfg):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    full = "\n".join(paras)
    seq, started = [], False
    for i, para in enumerate(paras):
        hit = label_split(para, cfg)
        if hit:
            started = True
            seq.append(hit)
        elif para.strip() and started:
            bad(f"{path.name}: paragraph {i + 1} after the first turn has no speaker label: {para[:50]!r}")
    return full, seq


def parse_txt_labels(text, name, cfg):
    seq, started = [], False
    for i, line in enumerate(text.split("\n")):
        line = line.rstrip("\r")
        hit = label_split(line, cfg)
        if hit:
            started = True
            seq.append(hit)
        elif line.strip() and started:
            bad(f"{name}: line {i + 1} after the first turn has no speaker label")
    return seq


def parse_txt_stamped(text, name, cfg):
    rx = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (.+?): (.*)$")
    seq, started, last = [], False, -1
    for i, line in enumerate(text.split("\n")):
        line = line.rstrip("\r")
        m = rx.match(line)
        if m:
            started = True
            secs = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if secs < last:
                bad(f"{name}: timestamp goes back at line {i + 1}")
            last = secs
            spk = m.group(4)
            role = "I" if spk == cfg["I"] else "R" if spk == cfg["R"] else None
            if role is None:
                bad(f"{name}: unknown speaker {spk!r} at line {i + 1}")
                continue
            seq.append((role, m.group(5).strip()))
        elif line.strip() and started:
            bad(f"{name}: line {i + 1} after the first turn is not a stamped turn")
    return seq


TIME_VTT = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$")
TIME_SRT = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")


def parse_vtt(text, name, cfg):
    if not text.startswith("WEBVTT"):
        bad(f"{name}: does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    seq = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if not TIME_VTT.match(lines[0]):
            bad(f"{name}: cue without timing line: {lines[0][:40]!r}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            bad(f"{name}: cue without voice tag: {body[:40]!r}")
            continue
        spk = m.group(1)
        role = "I" if spk == cfg["I"] else "R" if spk == cfg["R"] else None
        if role is None:
            bad(f"{name}: unknown voice {spk!r}")
            continue
        seq.append((role, m.group(2).strip()))
    return seq


def parse_srt(text, name, cfg):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    seq = []
    for n, b in enumerate(blocks, start=1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TIME_SRT.match(lines[1]):
            bad(f"{name}: malformed cue {n}")
            continue
        body = " ".join(lines[2:])
        hit = label_split(body, cfg)
        if not hit:
            bad(f"{name}: cue {n} does not start with a speaker name")
            continue
        seq.append(hit)
    return seq


def read_doc(doc, cfg):
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {len(files)}")
        return None, None
    path = files[0]
    if path.suffix[1:] != cfg["ext"]:
        bad(f"{doc}: expected .{cfg['ext']}, found {path.name}")
        return None, None
    if cfg["ext"] == "docx":
        try:
            full, seq = parse_docx(path, cfg)
        except Exception as e:  # noqa
            bad(f"{path.name}: unreadable docx ({e})")
            return None, None
        return full, merge(seq)
    raw = path.read_bytes()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        bad(f"{path.name}: not readable as {cfg['enc']} ({e})")
        return None, None
    if text.startswith("\ufeff"):
        text = text[1:]
    if cfg.get("crlf") and text.count("\n") != text.count("\r\n"):
        bad(f"{path.name}: expected CRLF line endings throughout")
    name = path.name
    if cfg["ext"] == "vtt":
        seq = parse_vtt(text, name, cfg)
    elif cfg["ext"] == "srt":
        seq = parse_srt(text, name, cfg)
    elif cfg["I"].startswith("Spreker"):
        seq = parse_txt_stamped(text, name, cfg)
    else:
        seq = parse_txt_labels(text, name, cfg)
    return text.replace("\r\n", "\n"), merge(seq)


def read_csv(name, header):
    path = HERE / name
    if not path.exists():
        bad(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    texts, turns = {}, {}
    for doc, cfg in DOCS.items():
        full, t = read_doc(doc, cfg)
        if full is None:
            continue
        texts[doc], turns[doc] = full, t
        if not t:
            bad(f"{doc}: no turns found")
            continue
        for i, (role, _) in enumerate(t, start=1):
            want = "I" if i % 2 else "R"
            if role != want:
                bad(f"{doc}: turn {i} is {role}, expected {want} (alternation)")
                break
        words = sum(len(txt.split()) for _, txt in t)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words, outside {WORDS}")
        nresp = sum(1 for r, _ in t if r == "R")
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            bad(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            bad(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r
        if doc not in DOCS:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r} in {r}")
        try:
            idx = int(idx)
        except ValueError:
            bad(f"orientation.csv: bad turn_index in {r}")
            continue
        keys.append((doc, idx))
        t = turns.get(doc)
        if t is not None and not (1 <= idx <= len(t) and t[idx - 1][0] == "R"):
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per_doc = set(), {d: 0 for d in DOCS}
    for r in rows:
        if len(r) != 3:
            bad(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if doc not in DOCS:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if doc in texts and ident not in texts[doc]:
            bad(f"identifiers.csv: {ident!r} not found verbatim in {doc}")
    for doc, n in per_doc.items():
        if n < 5:
            bad(f"identifiers.csv: {doc} has only {n} identifiers (need >= 5)")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in rows:
        if len(r) != 3 or not r[2].strip():
            bad(f"styles.csv: bad row {r}")
            continue
        if r[0] in got:
            bad(f"styles.csv: duplicate {r[0]}")
        got[r[0]] = r[1]
    if set(got) != set(DOCS):
        bad(f"styles.csv: docs {sorted(got)} != {sorted(DOCS)}")
    mix = {s: list(got.values()).count(s) for s in WANT_MIX}
    if mix != WANT_MIX or len(got) != sum(WANT_MIX.values()):
        bad(f"styles.csv: mix {mix}, expected {WANT_MIX}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
