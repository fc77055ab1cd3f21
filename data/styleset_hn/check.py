#!/usr/bin/env python3
"""Check set HN against the brief, using only the built transcripts and the three csv files.

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

DOC_IDS = [f"hn{i:02d}" for i in range(1, 7)]
# speaker labels as they appear in the delivered transcripts: (interviewer, respondent)
LABELS = {
    "hn01": ("Sanne Mulder", "Ton Verstraeten"),
    "hn02": ("I", "R"),
    "hn03": ("Joost de Bruijn", "Carla Timmermans"),
    "hn04": ("Eva", "Mehmet"),
    "hn05": ("Spreker 1", "Spreker 2"),
    "hn06": ("Interviewer", "Respondent"),
}
EXTS = {"docx", "txt", "vtt", "srt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    alt = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?(" + alt + r"):\s?(.*)$")


def read_text_file(path, doc_id):
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if path.suffix == ".txt":
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as e:
            problem(f"{doc_id}: {path.name} is neither UTF-8 nor Windows-1252 ({e})")
            return None, None
        return text, "cp1252"
    problem(f"{doc_id}: {path.name} is not valid UTF-8")
    return None, None


def docx_paragraphs(path, doc_id):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as e:
        problem(f"{doc_id}: {path.name} is not a readable docx ({e})")
        return None
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def turns_from_lines(lines, labels, doc_id):
    """Label-per-turn formats (docx paragraphs, txt lines). Returns turns, header lines."""
    rx = label_re(labels)
    turns, header = [], []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            turns.append([m.group(2), m.group(3).strip()])
        elif turns:
            turns[-1][1] += " " + s  # continuation of the previous turn
        else:
            header.append(s)
    return turns, header


def turns_from_vtt(text, doc_id):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc_id}: vtt does not start with WEBVTT")
        return []
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE") or lines[0].startswith("STYLE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc_id}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[ti + 1:]).strip()
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc_id}: vtt cue without voice tag: {body[:40]!r}")
            continue
        spk, txt = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt  # a turn may span several cues
        else:
            turns.append([spk, txt])
    return turns


def turns_from_srt(text, labels, doc_id):
    rx = label_re(labels)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns = []
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc_id}: malformed srt block: {b[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if not m:
            problem(f"{doc_id}: srt cue without speaker name: {body[:40]!r}")
            continue
        turns.append([m.group(2), m.group(3).strip()])
    return turns


def load_doc(doc_id):
    files = [p for p in TR.glob(doc_id + ".*") if p.suffix.lstrip(".") in EXTS]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {[p.name for p in files]}")
        return None
    path = files[0]
    labels = LABELS[doc_id]
    ext = path.suffix.lstrip(".")
    if ext == "docx":
        paras = docx_paragraphs(path, doc_id)
        if paras is None:
            return None
        full = "\n".join(paras)
        turns, _ = turns_from_lines(paras, labels, doc_id)
        enc = "docx"
    else:
        text, enc = read_text_file(path, doc_id)
        if text is None:
            return None
        full = text
        if ext == "txt":
            turns, _ = turns_from_lines(text.splitlines(), labels, doc_id)
        elif ext == "vtt":
            turns = turns_from_vtt(text, doc_id)
        else:
            turns = turns_from_srt(text, labels, doc_id)
    return dict(path=path, enc=enc, full=full, turns=turns, labels=labels)


def check_turns(doc_id, d):
    turns, (il, rl) = d["turns"], d["labels"]
    if not turns:
        problem(f"{doc_id}: no turns parsed")
        return
    speakers = {t[0] for t in turns}
    if speakers != {il, rl}:
        problem(f"{doc_id}: speakers {sorted(speakers)} != {[il, rl]}")
    for i, (spk, txt) in enumerate(turns, start=1):
        want = il if i % 2 == 1 else rl
        if spk != want:
            problem(f"{doc_id}: turn {i} is by {spk!r}, expected {want!r} (strict alternation, interviewer first)")
            break
        if not txt:
            problem(f"{doc_id}: turn {i} is empty")
    n_words = sum(len(t[1].split()) for t in turns)
    n_resp = sum(1 for t in turns if t[0] == rl)
    d["n_words"], d["n_resp"] = n_words, n_resp
    if not WORDS[0] <= n_words <= WORDS[1]:
        problem(f"{doc_id}: {n_words} spoken words, outside {WORDS}")
    if not RESP_TURNS[0] <= n_resp <= RESP_TURNS[1]:
        problem(f"{doc_id}: {n_resp} respondent turns, outside {RESP_TURNS}")


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}, got {rows[:1]}")
        return []
    return rows[1:]


def main():
    docs = {}
    for doc_id in DOC_IDS:
        d = load_doc(doc_id)
        if d is not None:
            check_turns(doc_id, d)
            docs[doc_id] = d

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, mix = set(), {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        doc_id, style, why = r
        if doc_id not in DOC_IDS:
            problem(f"styles.csv: unknown doc {doc_id}")
        if doc_id in seen:
            problem(f"styles.csv: duplicate {doc_id}")
        seen.add(doc_id)
        if style not in WANT_MIX:
            problem(f"styles.csv: {doc_id} has invalid style {style!r}")
        mix[style] = mix.get(style, 0) + 1
        if not why.strip():
            problem(f"styles.csv: {doc_id} has no rationale")
        if style == "onbepaald" and not re.search(r"mixed|too little evidence", why, re.I):
            problem(f"styles.csv: onbepaald {doc_id} does not say which kind")
    if seen != set(DOC_IDS):
        problem(f"styles.csv: missing {sorted(set(DOC_IDS) - seen)}")
    if mix != WANT_MIX:
        problem(f"styles.csv: mix {mix} != {WANT_MIX}")
    kinds = [r[2].lower() for r in rows if len(r) == 3 and r[1] == "onbepaald"]
    if len(kinds) == 2 and not (any("mixed" in k for k in kinds) and any("too little" in k for k in kinds)):
        problem("styles.csv: onbepaald should have one 'mixed' and one 'too little evidence'")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        doc_id, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc_id, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        d = docs.get(doc_id)
        if d is None:
            problem(f"orientation.csv: unknown or unreadable doc {doc_id}")
            continue
        if not 1 <= idx <= len(d["turns"]):
            problem(f"orientation.csv: {doc_id} turn {idx} out of range (1..{len(d['turns'])})")
        elif d["turns"][idx - 1][0] != d["labels"][1]:
            problem(f"orientation.csv: {doc_id} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, pairs = {}, set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc_id, ident, typ = r
        if (doc_id, ident) in pairs:
            problem(f"identifiers.csv: duplicate {doc_id} {ident!r}")
        pairs.add((doc_id, ident))
        per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        d = docs.get(doc_id)
        if d is None:
            problem(f"identifiers.csv: unknown or unreadable doc {doc_id}")
            continue
        if not ident or ident not in d["full"]:
            problem(f"identifiers.csv: {doc_id} {ident!r} does not occur verbatim in {d['path'].name}")
    for doc_id in DOC_IDS:
        if per_doc.get(doc_id, 0) < 5:
            problem(f"identifiers.csv: {doc_id} has {per_doc.get(doc_id, 0)} identifiers (< 5)")

    # formats
    exts = {d["path"].suffix for d in docs.values()}
    fmts = {(d["path"].suffix, d["enc"]) for d in docs.values()}
    if len(fmts) < 4:
        problem(f"only {len(fmts)} different transcript formats: {sorted(fmts)}")

    if "-v" in sys.argv:
        for doc_id, d in docs.items():
            print(f"{doc_id}: {d['path'].name} [{d['enc']}] turns={len(d['turns'])} "
                  f"resp={d.get('n_resp')} words={d.get('n_words')}")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
