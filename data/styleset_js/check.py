#!/usr/bin/env python3
"""Check blind set JS: parses the BUILT transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = {
    # doc: (extension, encoding, interviewer label, respondent label, kind)
    "js01": ("docx", None, "Lotte", "Adrie", "docx_bold"),
    "js02": ("txt", "cp1252", "I", "R", "txt_labels"),
    "js03": ("vtt", "utf-8", "Sanne de Wolf", "Gert-Jan Bolier", "vtt"),
    "js04": ("docx", None, "Interviewer", "Respondent", "docx_plain"),
    "js05": ("srt", "utf-8", "Esra", "Ruben", "srt"),
    "js06": ("txt", "utf-8", "Spreker 1", "Spreker 2", "txt_timestamps"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RT, MAX_RT = 10, 45
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def count_words(text):
    text = re.sub(r"\([^)]*\)", " ", text)
    return len([w for w in text.split() if re.search(r"\w", w)])


def role(label, cfg):
    if label == cfg[2]:
        return "I"
    if label == cfg[3]:
        return "R"
    return None


def parse_docx(doc, path, cfg):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: cannot read docx ({e})")
        return "", []
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            txt = ""
            for el in r:
                if el.tag == W + "t":
                    txt += el.text or ""
                elif el.tag == W + "tab":
                    txt += "\t"
                elif el.tag == W + "br":
                    txt += "\n"
            rpr = r.find(W + "rPr")
            bold = rpr is not None and rpr.find(W + "b") is not None and rpr.find(W + "b").get(W + "val", "true") not in ("0", "false")
            runs.append((txt, bold))
        paras.append(("".join(t for t, _ in runs), runs))
    labels = "|".join(re.escape(x) for x in (cfg[2], cfg[3]))
    pat = re.compile(rf"^({labels}):\s+(.*)$", re.S)
    turns, started = [], False
    for text, runs in paras:
        m = pat.match(text)
        if m:
            started = True
            turns.append((role(m.group(1), cfg), m.group(2).strip()))
            if cfg[4] == "docx_bold":
                first = next(((t, b) for t, b in runs if t.strip()), None)
                if not first or not first[1] or not first[0].strip().startswith(m.group(1)):
                    problem(f"{doc}: speaker label not in a bold run: {text[:40]!r}")
        elif text.strip() and started:
            problem(f"{doc}: paragraph after the first turn that is not a turn: {text[:50]!r}")
    full = "\n".join(t for t, _ in paras)
    return full, turns


def read_text(doc, path, enc):
    data = path.read_bytes()
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc} ({e})")
        return data.decode(enc, errors="replace")


def parse_txt_labels(doc, text, cfg):
    if "\r\n" not in text:
        problem(f"{doc}: expected CRLF line endings")
    lines = text.replace("\r\n", "\n").split("\n")
    labels = "|".join(re.escape(x) for x in (cfg[2], cfg[3]))
    pat = re.compile(rf"^({labels}):\s+(.*)$")
    turns, started = [], False
    for ln in lines:
        m = pat.match(ln)
        if m:
            started = True
            turns.append((role(m.group(1), cfg), m.group(2).strip()))
        elif ln.strip() and started:
            problem(f"{doc}: line after the first turn that is not a turn: {ln[:50]!r}")
    return turns


def parse_txt_timestamps(doc, text, cfg):
    labels = "|".join(re.escape(x) for x in (cfg[2], cfg[3]))
    pat = re.compile(rf"^\[(\d\d):(\d\d):(\d\d)\] ({labels}):\s+(.*)$")
    turns, started, last = [], False, -1
    for ln in text.split("\n"):
        m = pat.match(ln.rstrip("\r"))
        if m:
            started = True
            t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if t < last:
                problem(f"{doc}: timestamps go backwards at {ln[:12]}")
            last = t
            turns.append((role(m.group(4), cfg), m.group(5).strip()))
        elif ln.strip() and started:
            problem(f"{doc}: line after the first turn that is not a turn: {ln[:50]!r}")
    return turns


def secs(stamp, sep):
    h, m, rest = stamp.split(":")
    s, ms = rest.split(sep)
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse_vtt(doc, text, cfg):
    text = text.replace("\r\n", "\n")
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: file does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    turns, last = [], -1.0
    timing = re.compile(r"^(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)")
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, ln in enumerate(lines) if "-->" in ln), None)
        if idx is None:
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        m = timing.match(lines[idx])
        if not m:
            problem(f"{doc}: bad vtt timing {lines[idx]!r}")
            continue
        a, z = secs(m.group(1), "."), secs(m.group(2), ".")
        if a < last or z < a:
            problem(f"{doc}: vtt timing out of order at {lines[idx]}")
        last = z
        body = " ".join(lines[idx + 1:])
        vm = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not vm:
            problem(f"{doc}: cue without voice tag: {body[:40]!r}")
            continue
        r = role(vm.group(1), cfg)
        if r is None:
            problem(f"{doc}: unknown voice {vm.group(1)!r}")
            continue
        cue = re.sub(r"<[^>]+>", "", vm.group(2)).strip()
        if turns and turns[-1][0] == r:
            turns[-1] = (r, turns[-1][1] + " " + cue)
        else:
            turns.append((r, cue))
    return turns


def parse_srt(doc, text, cfg):
    if "\r\n" not in text:
        problem(f"{doc}: expected CRLF line endings in srt")
    text = text.replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", text.strip())
    labels = "|".join(re.escape(x) for x in (cfg[2], cfg[3]))
    pat = re.compile(rf"^({labels}):\s+(.*)$", re.S)
    timing = re.compile(r"^(\d\d:\d\d:\d\d,\d\d\d) --> (\d\d:\d\d:\d\d,\d\d\d)$")
    turns, last, expect = [], -1.0, 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            problem(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: srt cue number {lines[0]} (expected {expect})")
        expect = int(lines[0]) + 1
        m = timing.match(lines[1].strip())
        if not m:
            problem(f"{doc}: bad srt timing {lines[1]!r}")
            continue
        a, z = secs(m.group(1), ","), secs(m.group(2), ",")
        if a < last or z < a:
            problem(f"{doc}: srt timing out of order at cue {lines[0]}")
        last = z
        body = " ".join(lines[2:]).strip()
        lm = pat.match(body)
        if lm:
            turns.append((role(lm.group(1), cfg), lm.group(2).strip()))
        elif turns:
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + body)
        else:
            problem(f"{doc}: first srt cue has no speaker label")
    return turns


def load_doc(doc, cfg):
    files = sorted(p for p in TR.glob(f"{doc}.*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[p.name for p in files]}")
        if not files:
            return "", []
    path = files[0]
    if path.suffix != "." + cfg[0]:
        problem(f"{doc}: expected .{cfg[0]}, found {path.name}")
        return "", []
    kind = cfg[4]
    if kind.startswith("docx"):
        return parse_docx(doc, path, cfg)
    text = read_text(doc, path, cfg[1])
    if text.startswith("\ufeff"):
        text = text[1:]
    if kind == "txt_labels":
        return text, parse_txt_labels(doc, text, cfg)
    if kind == "txt_timestamps":
        return text, parse_txt_timestamps(doc, text, cfg)
    if kind == "vtt":
        return text, parse_vtt(doc, text, cfg)
    if kind == "srt":
        return text, parse_srt(doc, text, cfg)
    problem(f"{doc}: unknown kind {kind}")
    return "", []


def read_csv(name, header):
    path = ROOT / name
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
    extra = [p.name for p in TR.iterdir() if p.stem not in DOCS] if TR.exists() else []
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    parsed = {}
    for doc, cfg in DOCS.items():
        full, turns = load_doc(doc, cfg)
        parsed[doc] = (full, turns)
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (r, _) in enumerate(turns, start=1):
            want = "I" if i % 2 == 1 else "R"
            if r != want:
                problem(f"{doc}: turn {i} is {r}, expected {want} (turns must alternate, interviewer first)")
                break
        nw = sum(count_words(t) for _, t in turns)
        if not MIN_WORDS <= nw <= MAX_WORDS:
            problem(f"{doc}: {nw} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        nr = sum(1 for r, _ in turns if r == "R")
        if not MIN_RT <= nr <= MAX_RT:
            problem(f"{doc}: {nr} respondent turns, outside {MIN_RT}-{MAX_RT}")

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
        if s not in WANT_MIX:
            problem(f"styles.csv: bad style {s!r} for {d}")
        if not why.strip():
            problem(f"styles.csv: empty rationale for {d}")
        seen[d] = (s, why)
    if set(seen) != set(DOCS):
        problem(f"styles.csv: missing docs {sorted(set(DOCS) - set(seen))}")
    mix = {k: sum(1 for s, _ in seen.values() if s == k) for k in WANT_MIX}
    if mix != WANT_MIX:
        problem(f"styles.csv: style mix {mix}, wanted {WANT_MIX}")
    kinds = sorted(
        "mixed" if "mixed" in why.lower() else "little" if "too little evidence" in why.lower() else "?"
        for s, why in seen.values() if s == "onbepaald"
    )
    if kinds != ["little", "mixed"]:
        problem(f"styles.csv: onbepaald rationales should name one 'genuinely mixed' and one 'too little evidence' ({kinds})")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        d, idx, o = r
        if d not in DOCS:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        try:
            i = int(idx)
        except ValueError:
            problem(f"orientation.csv: bad turn_index {idx!r}")
            continue
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r} ({d} {i})")
        turns = parsed[d][1]
        if not 1 <= i <= len(turns) or turns[i - 1][0] != "R":
            problem(f"orientation.csv: {d} turn {i} is not a respondent turn")
        keys.append((d, i))
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per = {d: 0 for d in DOCS}
    seen_ids = set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if d not in DOCS:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (d, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen_ids.add((d, ident))
        if ident not in parsed[d][0]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim in the transcript")
        per[d] += 1
    for d, n in per.items():
        if n < 5:
            problem(f"identifiers.csv: {d} has only {n} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
