#!/usr/bin/env python3
"""Check set FM from the built transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# per document: expected file extension, text encoding, and (interviewer, respondent) speaker labels
DOCS = {
    "fm01": ("docx", None, ("Interviewer", "Marloes")),
    "fm02": ("txt", "cp1252", ("Spreker 1", "Spreker 2")),
    "fm03": ("vtt", "utf-8", ("Interviewer", "Esther Koolen")),
    "fm04": ("srt", "utf-8", ("Interviewer", "Henk")),
    "fm05": ("txt", "utf-8", ("I", "R")),
    "fm06": ("docx", None, ("Interviewer", "Schellekens")),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TIME_PREFIX = re.compile(r"^\[\d{2}:\d{2}:\d{2}\]\s*")

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W_NS + "t":
                parts.append(el.text or "")
            elif el.tag == W_NS + "tab":
                parts.append("\t")
            elif el.tag in (W_NS + "br", W_NS + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def label_of(line, labels):
    for role, lab in zip("IR", labels):
        if line.startswith(lab + ":"):
            return role, line[len(lab) + 1:].strip()
    return None, None


def turns_from_lines(lines, labels, doc):
    """Label-prefixed lines -> turns; lines before the first turn are header."""
    turns = []
    for raw in lines:
        line = TIME_PREFIX.sub("", raw.strip())
        if not line:
            continue
        role, text = label_of(line, labels)
        if role:
            turns.append([role, text])
        elif turns:
            turns[-1][1] += " " + line
        elif TIME_PREFIX.match(raw.strip()):
            problem(f"{doc}: timestamped line with unknown speaker: {raw[:50]!r}")
    return turns


def parse_vtt(text, labels, doc):
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    voice_role = {labels[0]: "I", labels[1]: "R"}
    turns = []
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        cue = " ".join(lines[ti + 1:])
        m = re.match(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", cue)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {cue[:40]!r}")
            continue
        name, body = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        role = voice_role.get(name)
        if role is None:
            problem(f"{doc}: unknown voice {name!r}")
            continue
        if turns and turns[-1][0] == role:
            turns[-1][1] += " " + body
        else:
            turns.append([role, body])
    return turns


def parse_srt(text, labels, doc):
    turns = []
    for b in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        cue = " ".join(l.strip() for l in lines[2:])
        role, body = label_of(cue, labels)
        if role is None:
            if not turns:
                problem(f"{doc}: first srt cue has no speaker")
                continue
            turns[-1][1] += " " + cue
        elif turns and turns[-1][0] == role:
            turns[-1][1] += " " + body
        else:
            turns.append([role, body])
    return turns


def count_words(s):
    return sum(1 for tok in s.split() if re.search(r"\w", tok))


def load(doc):
    ext, enc, labels = DOCS[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, None
    path = files[0]
    if path.suffix[1:] != ext:
        problem(f"{doc}: expected .{ext}, found {path.name}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx unreadable: {e}")
            return None, None
        return "\n".join(paras), turns_from_lines(paras, labels, doc)
    data = path.read_bytes()
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        if b"\r\n" not in data:
            problem(f"{doc}: Windows-1252 file without CRLF line ends")
        try:
            data.decode("utf-8")
            if any(b > 127 for b in data):
                problem(f"{doc}: cp1252 file is also valid UTF-8 (encoding not exercised)")
        except UnicodeDecodeError:
            pass
    if ext == "vtt":
        return text, parse_vtt(text, labels, doc)
    if ext == "srt":
        return text, parse_srt(text, labels, doc)
    return text, turns_from_lines(text.splitlines(), labels, doc)


def main():
    texts, turnmap = {}, {}
    exts = set()
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        ext, enc, _ = DOCS[doc]
        exts.add((ext, enc))
        texts[doc], turnmap[doc] = text, turns
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        if turns[0][0] != "I":
            problem(f"{doc}: first turn is not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} by the same speaker")
        nr = sum(1 for r, _ in turns if r == "R")
        if not 10 <= nr <= 45:
            problem(f"{doc}: {nr} respondent turns (want 10-45)")
        nw = sum(count_words(t) for _, t in turns)
        if not 1500 <= nw <= 2600:
            problem(f"{doc}: {nw} spoken words (want 1500-2600)")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
        print(f"{doc}: {len(turns)} turns, {nr} respondent turns, {nw} words")
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
        if r["style"] not in WANT_STYLES:
            problem(f"styles.csv: bad style {r['style']!r}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs {sorted(seen)} != {sorted(DOCS)}")
    counts = {s: sum(1 for r in rows if r["style"] == s) for s in WANT_STYLES}
    if counts != WANT_STYLES:
        problem(f"styles.csv: mix {counts} != {WANT_STYLES}")
    onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if sum("mixed" in r for r in onb) != 1 or sum("too little evidence" in r for r in onb) != 1:
        problem("styles.csv: onbepaald should be one 'mixed' and one 'too little evidence'")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in turnmap:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = turnmap[doc]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    per = {d: 0 for d in DOCS}
    seen_ids = set()
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r}")
        if (doc, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen_ids.add((doc, ident))
        if doc not in texts:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        per[doc] += 1
        if ident not in texts[doc]:
            problem(f"identifiers.csv: {doc} {ident!r} not found verbatim")
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
