#!/usr/bin/env python3
"""Check set HX against the brief, from the built transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# how each delivered transcript is to be read: extension, encoding, line ending, speaker labels
DOCS = {
    "hx01": dict(ext="txt", parser="txt_ts", enc="utf-8", crlf=False, i="Spreker 1", r="Spreker 2"),
    "hx02": dict(ext="docx", parser="docx", bold=True, i="Interviewer", r="Respondent"),
    "hx03": dict(ext="txt", parser="txt", enc="cp1252", crlf=True, i="I", r="R"),
    "hx04": dict(ext="vtt", parser="vtt", enc="utf-8", crlf=False, i="Lotte Brinkman", r="Samira El Idrissi"),
    "hx05": dict(ext="srt", parser="srt", enc="utf-8", crlf=True, i="Joost", r="Anneke"),
    "hx06": dict(ext="docx", parser="docx", bold=False, i="Saskia", r="Wim"),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RESP, MAX_RESP = 10, 45
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def read_text(path, enc, crlf, doc_id):
    with open(path, "rb") as f:
        data = f.read()
    if enc == "cp1252":
        try:
            data.decode("utf-8")
            if any(b > 127 for b in data):
                problem(f"{doc_id}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode(enc, errors="strict")
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {enc}: {e}")
        return None
    lf = data.count(b"\n")
    crlfs = data.count(b"\r\n")
    if crlf and crlfs != lf:
        problem(f"{doc_id}: expected CRLF line endings throughout")
    if not crlf and crlfs:
        problem(f"{doc_id}: unexpected CRLF line endings")
    return text.replace("\r\n", "\n")


def labelled(line, labels):
    for lab in labels:
        if line.startswith(lab + ": "):
            return lab, line[len(lab) + 2:]
    return None


def parse_txt(text, cfg, ts):
    turns = []
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (.+?): (.*)$")
    for line in text.split("\n"):
        if not line.strip():
            continue
        if ts:
            m = pat.match(line)
            if m and m.group(4) in (cfg["i"], cfg["r"]):
                turns.append((m.group(4), m.group(5)))
        else:
            hit = labelled(line, (cfg["i"], cfg["r"]))
            if hit:
                turns.append(hit)
    return turns


def merge(segments):
    turns = []
    for spk, txt in segments:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def parse_vtt(text, doc_id):
    if not text.startswith("WEBVTT"):
        problem(f"{doc_id}: VTT does not start with WEBVTT")
    segs = []
    timing = re.compile(r"^\d\d:\d\d:\d\d\.\d\d\d --> \d\d:\d\d:\d\d\.\d\d\d")
    blocks = re.split(r"\n\s*\n", text.strip())
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if not timing.match(lines[0]):
            problem(f"{doc_id}: VTT block without timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            problem(f"{doc_id}: VTT cue without voice tag: {body[:40]}")
            continue
        segs.append((m.group(1), m.group(2)))
    return merge(segs)


def parse_srt(text, cfg, doc_id):
    segs = []
    timing = re.compile(r"^\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d$")
    expected = 1
    for b in re.split(r"\n\s*\n", text.strip()):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(expected) or not timing.match(lines[1]):
            problem(f"{doc_id}: malformed SRT cue near #{expected}")
            return []
        expected += 1
        hit = labelled(" ".join(lines[2:]), (cfg["i"], cfg["r"]))
        if not hit:
            problem(f"{doc_id}: SRT cue {expected - 1} without speaker name")
            continue
        segs.append(hit)
    return merge(segs)


def parse_docx(path, cfg, doc_id):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as e:
        problem(f"{doc_id}: unreadable docx: {e}")
        return None, []
    paras, turns = [], []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            b = r.find(W + "rPr/" + W + "b")
            bold = b is not None and b.get(W + "val", "true") not in ("0", "false")
            runs.append((t, bold))
        text = "".join(t for t, _ in runs)
        paras.append(text)
        hit = labelled(text, (cfg["i"], cfg["r"]))
        if hit:
            if cfg["bold"]:
                first = next((r for r in runs if r[0].strip()), ("", False))
                if not (first[1] and first[0].strip() == hit[0] + ":"):
                    problem(f"{doc_id}: speaker label not a separate bold run: {text[:40]}")
            turns.append(hit)
    return "\n".join(paras), turns


def load_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    docs = {}
    files = os.listdir(TR) if os.path.isdir(TR) else []
    for doc_id, cfg in DOCS.items():
        mine = [f for f in files if f.split(".")[0] == doc_id]
        if len(mine) != 1:
            problem(f"{doc_id}: expected exactly one transcript, found {mine}")
            continue
        if mine[0] != f"{doc_id}.{cfg['ext']}":
            problem(f"{doc_id}: unexpected file {mine[0]}")
            continue
        path = os.path.join(TR, mine[0])
        if cfg["parser"] == "docx":
            full, turns = parse_docx(path, cfg, doc_id)
        else:
            full = read_text(path, cfg["enc"], cfg["crlf"], doc_id)
            if full is None:
                continue
            if cfg["parser"] in ("txt", "txt_ts"):
                turns = parse_txt(full, cfg, cfg["parser"] == "txt_ts")
            elif cfg["parser"] == "vtt":
                turns = parse_vtt(full, doc_id)
            else:
                turns = parse_srt(full, cfg, doc_id)
        if full is None:
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = cfg["i"] if i % 2 else cfg["r"]
            if spk != want:
                problem(f"{doc_id}: turn {i} is {spk}, expected {want} (strict alternation, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == cfg["r"])
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{doc_id}: {words} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        if not MIN_RESP <= nresp <= MAX_RESP:
            problem(f"{doc_id}: {nresp} respondent turns, outside {MIN_RESP}-{MAX_RESP}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc_id}: transcript contains the word '{w}'")
        docs[doc_id] = dict(full=full, turns=turns, cfg=cfg, words=words, nresp=nresp)

    # styles.csv
    styles = load_csv("styles.csv")
    ids = [r.get("doc_id") for r in styles]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    mix = {}
    for r in styles:
        st = r.get("style", "")
        mix[st] = mix.get(st, 0) + 1
        if st not in WANTED_MIX:
            problem(f"styles.csv: {r.get('doc_id')} has invalid style {st!r}")
        if not (r.get("rationale") or "").strip():
            problem(f"styles.csv: {r.get('doc_id')} has no rationale")
    if mix != WANTED_MIX:
        problem(f"styles.csv: style mix {mix} differs from {WANTED_MIX}")
    kinds = [(r.get("rationale") or "").lower() for r in styles if r.get("style") == "onbepaald"]
    if sum("mixed" in k for k in kinds) != 1 or sum("too little evidence" in k for k in kinds) != 1:
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    rows = load_csv("orientation.csv")
    keys = []
    for r in rows:
        d = r.get("doc_id")
        try:
            idx = int(r.get("turn_index", ""))
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, idx))
        if r.get("orientation") not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d]["turns"]
        if idx % 2 or not 1 <= idx <= len(turns) or turns[idx - 1][0] != docs[d]["cfg"]["r"]:
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv: not sorted or has duplicates")

    # identifiers.csv
    idrows = load_csv("identifiers.csv")
    seen = set()
    count = {}
    for r in idrows:
        d, s, t = r.get("doc_id"), r.get("identifier", ""), r.get("type")
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        count[d] = count.get(d, 0) + 1
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t} for {s!r}")
        if d not in docs:
            if d not in DOCS:
                problem(f"identifiers.csv: unknown doc {d}")
            continue
        if not s or s not in docs[d]["full"]:
            problem(f"identifiers.csv: {d} {s!r} does not occur verbatim in the transcript")
    for d in DOCS:
        if count.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if len({c["ext"] + c["parser"] + str(c.get("enc")) + str(c.get("bold")) for c in DOCS.values()}) < 4:
        problem("fewer than four transcript formats")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d, v in docs.items():
        print(f"{d}: {v['words']} words, {v['nresp']} respondent turns, {len(v['turns'])} turns")
    print("OK")


if __name__ == "__main__":
    main()
