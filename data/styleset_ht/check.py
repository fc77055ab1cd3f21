#!/usr/bin/env python3
"""Check the built setHT transcripts and csv files (standard library only).

Parses the transcripts in transcripts/ (not the sources) and checks:
- every doc id has exactly one transcript, readable in its encoding;
- turns alternate strictly, starting with the interviewer;
- 1,500-2,600 spoken words (labels, timestamps, headers not counted), 10-45 respondent turns;
- every orientation row points at a respondent turn; rows sorted, no duplicates;
- every identifier occurs verbatim in its document and has a valid type;
- styles.csv is complete with the requested mix (2 casusgericht, 2 netwerkgericht,
  2 onbepaald: one mixed, one too little evidence);
- at least four different transcript formats; the label words do not occur in the transcripts.
Prints OK, or the problems and exits with status 1.
"""
import csv
import glob
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

BASE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(BASE, "transcripts")
DOC_IDS = [f"ht{i:02d}" for i in range(1, 7)]
# (interviewer label, respondent label) as they appear in each transcript
LABELS = {
    "ht01": ("Interviewer", "Respondent"),
    "ht02": ("I", "R"),
    "ht03": ("Lotte van Dijk", "Ingrid Salomons"),
    "ht04": ("Tom", "Marieke"),
    "ht05": ("Spreker 1", "Spreker 2"),
    "ht06": ("Eva", "Hanneke"),
}
ID_TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
            "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def n_words(text):
    return sum(1 for w in text.split() if re.search(r"\w", w))


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras, "utf-8 (docx)"


def decode_text(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def label_re(labels):
    alt = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(r"^(?:\[\d{1,2}:\d{2}:\d{2}\]\s*)?(" + alt + r"):\s*(.*)$")


def turns_from_lines(lines, labels):
    """Line-based formats (docx paragraphs, txt lines). Consecutive labels are NOT merged."""
    rx = label_re(labels)
    turns = []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + s  # continuation paragraph of the same turn
        # lines before the first turn are header
    return turns


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def turns_from_vtt(text):
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", "\n".join(lines[1:]))
    cues = []
    for b in blocks:
        bl = [x for x in b.split("\n") if x.strip()]
        if not bl or bl[0].startswith("NOTE"):
            continue
        idx = next((i for i, x in enumerate(bl) if "-->" in x), None)
        if idx is None:
            continue
        body = " ".join(bl[idx + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if m:
            spk, t = m.group(1).strip(), m.group(2)
        else:
            spk, t = (cues[-1][0] if cues else None), body
        t = re.sub(r"</?v[^>]*>", "", t).strip()
        cues.append((spk, t))
    return merge(cues)


def turns_from_srt(text, labels):
    rx = re.compile(r"^(" + "|".join(re.escape(x) for x in labels) + r"):\s*(.*)$", re.S)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    for b in blocks:
        bl = [x for x in b.split("\n") if x.strip()]
        if len(bl) < 2 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
            problem(f"srt: malformed cue block {b[:40]!r}")
            continue
        body = " ".join(bl[2:])
        m = rx.match(body)
        if m:
            cues.append((m.group(1), m.group(2)))
        else:
            cues.append((cues[-1][0] if cues else None, body))
    return merge(cues)


def load(doc_id):
    files = [f for f in glob.glob(os.path.join(TDIR, doc_id + ".*"))]
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {len(files)}")
        return None
    path = files[0]
    ext = os.path.splitext(path)[1].lower()
    labels = LABELS[doc_id]
    if ext == ".docx":
        try:
            paras, enc = read_docx(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: cannot read docx: {e}")
            return None
        full = "\n".join(paras)
        turns = turns_from_lines(paras, labels)
    else:
        full, enc = decode_text(path)
        if full is None:
            problem(f"{doc_id}: not readable as UTF-8 or Windows-1252")
            return None
        if ext == ".txt":
            turns = turns_from_lines(full.splitlines(), labels)
        elif ext == ".vtt":
            turns = turns_from_vtt(full)
        elif ext == ".srt":
            turns = turns_from_srt(full, labels)
        else:
            problem(f"{doc_id}: unknown transcript extension {ext}")
            return None
    fmt = ext + ("/cp1252" if enc == "cp1252" else "")
    return dict(path=path, ext=ext, fmt=fmt, full=full, turns=turns, labels=labels)


def main():
    docs = {}
    for d in DOC_IDS:
        r = load(d)
        if r:
            docs[d] = r
    extra = {os.path.basename(f).split(".")[0] for f in glob.glob(os.path.join(TDIR, "*"))} - set(DOC_IDS)
    if extra:
        problem(f"unexpected transcripts: {sorted(extra)}")

    exts = {r["ext"] for r in docs.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} different formats: {sorted(exts)}")

    for d, r in docs.items():
        ilab, rlab = r["labels"]
        turns = r["turns"]
        if not turns:
            problem(f"{d}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = ilab if i % 2 == 1 else rlab
            if spk != want:
                problem(f"{d}: turn {i} is spoken by {spk!r}, expected {want!r} (no strict alternation)")
                break
        words = sum(n_words(t) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{d}: {words} spoken words, outside 1500-2600")
        nres = sum(1 for s, _ in turns if s == rlab)
        if not 10 <= nres <= 45:
            problem(f"{d}: {nres} respondent turns, outside 10-45")
        low = r["full"].lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{d}: forbidden word {w!r} in transcript")
        r["words"], r["nres"] = words, nres

    # orientation.csv
    path = os.path.join(BASE, "orientation.csv")
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    keys = []
    for row in rows:
        d = row.get("doc_id")
        try:
            ti = int(row.get("turn_index", ""))
        except ValueError:
            problem(f"orientation.csv: bad turn_index {row}")
            continue
        keys.append((d, ti))
        if row.get("orientation") not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {row}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d]["turns"]
        if not 1 <= ti <= len(turns):
            problem(f"orientation.csv: {d} turn {ti} out of range (1-{len(turns)})")
        elif ti % 2 != 0 or turns[ti - 1][0] != docs[d]["labels"][1]:
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    path = os.path.join(BASE, "identifiers.csv")
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    seen, count = set(), {}
    for row in rows:
        d, ident, typ = row.get("doc_id"), row.get("identifier"), row.get("type")
        if (d, ident) in seen:
            problem(f"identifiers.csv: duplicate row {d} {ident!r}")
        seen.add((d, ident))
        if typ not in ID_TYPES:
            problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if not ident or ident not in docs[d]["full"]:
            problem(f"identifiers.csv: {d} identifier {ident!r} not found verbatim")
        count[d] = count.get(d, 0) + 1
    for d in DOC_IDS:
        if count.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has only {count.get(d, 0)} identifiers")

    # styles.csv
    path = os.path.join(BASE, "styles.csv")
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    styles = {}
    for row in rows:
        if row.get("doc_id") in styles:
            problem(f"styles.csv: duplicate {row.get('doc_id')}")
        styles[row.get("doc_id")] = row
    if sorted(styles) != DOC_IDS:
        problem(f"styles.csv: doc ids {sorted(styles)} != {DOC_IDS}")
    mix = {}
    for d, row in styles.items():
        st = row.get("style")
        if st not in ("casusgericht", "netwerkgericht", "onbepaald"):
            problem(f"styles.csv: bad style {st!r} for {d}")
        mix[st] = mix.get(st, 0) + 1
        if not (row.get("rationale") or "").strip():
            problem(f"styles.csv: empty rationale for {d}")
    if mix != {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}:
        problem(f"styles.csv: mix {mix} is not 2/2/2")
    onb = [r.get("rationale", "").lower() for r in styles.values() if r.get("style") == "onbepaald"]
    n_mixed = sum(1 for x in onb if "mixed" in x)
    n_little = sum(1 for x in onb if "too little evidence" in x)
    if n_mixed != 1 or n_little != 1:
        problem("styles.csv: onbepaald must be one 'mixed' and one 'too little evidence'")

    if problems:
        for p in problems:
            print(p)
        return 1
    for d in DOC_IDS if "-v" in sys.argv else []:
        r = docs[d]
        print(f"# {d}: {r['fmt']:<12} {r['words']} words, {len(r['turns'])} turns, "
              f"{r['nres']} respondent turns")
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
