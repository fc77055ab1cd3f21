#!/usr/bin/env python3
"""Check set HL (standard library only). Parses the BUILT transcripts, not the sources.

Prints OK, or the problems found (exit status 1).
"""
import csv
import html
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOC_IDS = ["hl01", "hl02", "hl03", "hl04", "hl05", "hl06"]
# expected transcript: extension, encoding, (interviewer label, respondent label), format kind
EXPECT = {
    "hl01": ("vtt", "utf-8", ("Lotte Brink", "Jantina Oosterhof"), "vtt"),
    "hl02": ("docx", None, ("Sanne Hoekstra", "Henk Zwerver"), "docx-bold-names"),
    "hl03": ("txt", "cp1252", ("I", "R"), "txt-cp1252-IR"),
    "hl04": ("srt", "utf-8", ("Femke", "Berend"), "srt"),
    "hl05": ("txt", "utf-8", ("Spreker 1", "Spreker 2"), "txt-utf8-timestamps"),
    "hl06": ("docx", None, ("Interviewer", "Respondent"), "docx-plain-labels"),
}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
TIME = r"\d\d:\d\d:\d\d[.,]\d\d\d"

problems = []


def problem(msg):
    problems.append(msg)


def count_words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def merge(pairs):
    """Merge consecutive (speaker, text) pairs of the same speaker into turns."""
    turns = []
    for spk, txt in pairs:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def label_split(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def parse_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(html.unescape("".join(texts)))
    full = "\n".join(paras)
    header, pairs = [], []
    for para in paras:
        if not para.strip():
            continue
        lab, txt = label_split(para, labels)
        if lab is None:
            if pairs:
                problem(f"{path.name}: paragraph without speaker label after first turn: {para[:50]!r}")
            else:
                header.append(para)
            continue
        pairs.append((lab, txt))
    return full, header, pairs


def parse_txt_labels(text, labels, name):
    header, pairs = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab, txt = label_split(line, labels)
        if lab is None:
            if pairs:
                problem(f"{name}: line without speaker label after first turn: {line[:50]!r}")
            else:
                header.append(line)
            continue
        pairs.append((lab, txt))
    return header, pairs


def parse_txt_ts(text, labels, name):
    header, pairs, last = [], [], -1
    rx = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" + "|".join(map(re.escape, labels)) + r"):\s*(.*)$")
    for line in text.splitlines():
        if not line.strip():
            continue
        m = rx.match(line)
        if not m:
            if pairs:
                problem(f"{name}: line without timestamp/speaker after first turn: {line[:50]!r}")
            else:
                header.append(line)
            continue
        sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
        if sec < last:
            problem(f"{name}: timestamps go backwards at {line[:12]}")
        last = sec
        pairs.append((m.group(4), m.group(5)))
    return header, pairs


def parse_vtt(text, labels, name):
    lines = text.splitlines()
    if not lines or lines[0].strip() != "WEBVTT":
        problem(f"{name}: does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    header, pairs = [], []
    for b in blocks[1:]:
        bl = b.splitlines()
        if bl[0].startswith("NOTE"):
            header.extend(bl[1:])
            continue
        i = 0
        if not re.match(TIME + r" --> " + TIME, bl[0]):
            i = 1  # optional cue identifier
        if i >= len(bl) or not re.match(TIME + r" --> " + TIME, bl[i]):
            problem(f"{name}: cue without timing: {b[:40]!r}")
            continue
        body = " ".join(bl[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m:
            problem(f"{name}: cue without voice tag: {body[:40]!r}")
            continue
        spk = m.group(1)
        if spk not in labels:
            problem(f"{name}: unknown voice {spk!r}")
        pairs.append((spk, re.sub(r"</v>", "", m.group(2)).strip()))
    return header, merge(pairs)


def parse_srt(text, labels, name):
    blocks = re.split(r"\n\s*\n", text.strip())
    pairs, n = [], 0
    for b in blocks:
        bl = b.splitlines()
        n += 1
        if len(bl) < 3 or bl[0].strip() != str(n) or not re.match(TIME + r" --> " + TIME, bl[1]):
            problem(f"{name}: malformed cue {n}: {b[:40]!r}")
            continue
        body = " ".join(bl[2:])
        lab, txt = label_split(body, labels)
        if lab is None:
            problem(f"{name}: cue {n} does not start with a speaker name")
            continue
        pairs.append((lab, txt))
    return [], merge(pairs)


def load(doc):
    ext, enc, labels, kind = EXPECT[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    if path.suffix != "." + ext:
        problem(f"{doc}: expected .{ext}, found {path.name}")
        return None
    if ext == "docx":
        full, header, pairs = parse_docx(path, labels)
        turns = pairs
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{path.name}: not readable as {enc}: {e}")
            return None
        if enc == "cp1252":
            if b"\n" in raw.replace(b"\r\n", b""):
                problem(f"{path.name}: cp1252 file should use CRLF line endings throughout")
            try:
                raw.decode("utf-8")
                if any(c > 127 for c in raw):
                    problem(f"{path.name}: cp1252 file is also valid UTF-8 (expected real Windows-1252 bytes)")
            except UnicodeDecodeError:
                pass
        if text.startswith("\ufeff"):
            text = text[1:]
        full = text
        norm = text.replace("\r\n", "\n")
        if ext == "vtt":
            header, turns = parse_vtt(norm, labels, path.name)
        elif ext == "srt":
            header, turns = parse_srt(norm, labels, path.name)
        elif kind == "txt-utf8-timestamps":
            header, turns = parse_txt_ts(norm, labels, path.name)
        else:
            header, turns = parse_txt_labels(norm, labels, path.name)
    # header lines must not look like turns of either speaker
    for h in header:
        lab, _ = label_split(h, labels)
        if lab is not None:
            problem(f"{doc}: header line looks like a turn: {h[:50]!r}")
    return dict(path=path, full=full, turns=turns, labels=labels, kind=kind)


def main():
    docs = {}
    for doc in DOC_IDS:
        d = load(doc)
        if d:
            docs[doc] = d
    extra = [f.name for f in TR.iterdir() if f.stem not in DOC_IDS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    kinds = {d["kind"] for d in docs.values()}
    if len(kinds) < 4:
        problem(f"fewer than four transcript formats: {sorted(kinds)}")

    for doc, d in docs.items():
        turns, (ilab, rlab) = d["turns"], d["labels"]
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for i, (spk, txt) in enumerate(turns, 1):
            want = ilab if i % 2 == 1 else rlab
            if spk != want:
                problem(f"{doc}: turn {i} is by {spk!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
            if not txt.strip():
                problem(f"{doc}: turn {i} is empty")
        nresp = len(turns) // 2
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns (need 10-45)")
        words = sum(count_words(t) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words (need 1500-2600)")
        d["words"], d["nresp"] = words, nresp
        low = d["full"].lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} occurs in the transcript")

    # styles.csv
    with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0] != ["doc_id", "style", "rationale"]:
        problem("styles.csv: bad header")
    styles = {}
    for r in rows[1:]:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        if r[0] in styles:
            problem(f"styles.csv: duplicate {r[0]}")
        styles[r[0]] = r
        if r[1] not in WANTED_MIX:
            problem(f"styles.csv: bad style {r[1]!r} for {r[0]}")
        if not r[2].strip():
            problem(f"styles.csv: empty rationale for {r[0]}")
        if r[1] == "onbepaald" and "mixed" not in r[2].lower():
            problem(f"styles.csv: onbepaald {r[0]} should say it is the genuinely mixed kind")
    if sorted(styles) != DOC_IDS:
        problem(f"styles.csv: docs {sorted(styles)} != {DOC_IDS}")
    mix = {}
    for r in styles.values():
        mix[r[1]] = mix.get(r[1], 0) + 1
    if mix != WANTED_MIX:
        problem(f"styles.csv: mix {mix} != {WANTED_MIX}")

    # orientation.csv
    with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0] != ["doc_id", "turn_index", "orientation"]:
        problem("orientation.csv: bad header")
    keys = []
    for r in rows[1:]:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, ori = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if doc not in docs:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc]["turns"]
        if idx < 1 or idx > len(turns):
            problem(f"orientation.csv: {doc} turn {idx} out of range (1-{len(turns)})")
        elif idx % 2 != 0 or turns[idx - 1][0] != docs[doc]["labels"][1]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0] != ["doc_id", "identifier", "type"]:
        problem("identifiers.csv: bad header")
    seen, per_doc = set(), {}
    for r in rows[1:]:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if doc not in docs:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        if ident not in docs[doc]["full"]:
            problem(f"identifiers.csv: {doc} {ident!r} not found verbatim in {docs[doc]['path'].name}")
    for doc in DOC_IDS:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc, d in docs.items():
        print(f"{doc}: {d['path'].name:10} {d['kind']:22} words={d['words']} respondent_turns={d['nresp']}")
    print("OK")


if __name__ == "__main__":
    main()
