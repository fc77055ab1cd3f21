#!/usr/bin/env python3
"""Check the built setHY transcripts and csv files (standard library only).

Parses the transcripts in transcripts/ (not the sources), and checks: one readable transcript per
doc, strictly alternating turns starting with the interviewer, 10-45 respondent turns, 1,500-2,600
spoken words, orientation rows pointing at respondent turns, identifiers occurring verbatim, and a
complete styles.csv with the requested mix. Prints OK or the problems (exit status 1).
"""
import csv
import html
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRANS = HERE / "transcripts"
DOC_IDS = [f"hy0{i}" for i in range(1, 7)]
# (interviewer label, respondent label) as they appear in the transcripts
SPEAKERS = {
    "hy01": ("Sanne", "Herman"),
    "hy02": ("I", "R"),
    "hy03": ("Nadia Bouzid", "Bart Lammerink"),
    "hy04": ("Tom", "Ingrid"),
    "hy05": ("Spreker 1", "Spreker 2"),
    "hy06": ("Interviewer", "Respondent"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker|meer van de casus",
                       re.IGNORECASE)
TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")

problems = []


def problem(msg):
    problems.append(msg)


def decode(doc_id, raw):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc_id}: not decodable as UTF-8 or Windows-1252")
        return None, None


def label_re(labels):
    alts = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^(?:\[(\d{{2}}:\d{{2}}:\d{{2}})\]\s+)?({alts}):\s+(.*)$")


def parse_lines(doc_id, lines, labels):
    """txt/docx: one turn per labelled line; header lines precede the first turn."""
    rx = label_re(labels)
    turns, started = [], False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            started = True
            turns.append([m.group(2), m.group(3)])
        elif started:
            turns[-1][1] += " " + line  # continuation line of the same turn
    return turns


def parse_docx(doc_id, path, labels):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
    except Exception as e:  # noqa: BLE001
        problem(f"{doc_id}: unreadable docx ({e})")
        return None, None
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(html.unescape("".join(texts)))
    return parse_lines(doc_id, paras, labels), "\n".join(paras)


def parse_cues(doc_id, text, fmt, labels):
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    segs = []
    if fmt == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problem(f"{doc_id}: vtt does not start with WEBVTT")
        blocks = blocks[1:]
    lab_rx = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s*(.*)$")
    for b in blocks:
        lines = b.split("\n")
        if fmt == "vtt" and lines[0].startswith("NOTE"):
            continue
        i = 0
        if not TIMING.match(lines[0]):
            i = 1  # cue number / identifier
        if i >= len(lines) or not TIMING.match(lines[i]):
            problem(f"{doc_id}: cue without timing line: {lines[0][:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[i + 1:])
        if fmt == "vtt":
            m = re.match(r"^<v ([^>]+)>(.*)$", body)
            spk, txt = (m.group(1), m.group(2)) if m else (None, body)
            txt = re.sub(r"</?[^>]+>", "", txt)
        else:
            m = lab_rx.match(body)
            spk, txt = (m.group(1), m.group(2)) if m else (None, body)
        if spk is None:
            if not segs:
                problem(f"{doc_id}: first cue has no speaker")
                continue
            spk = segs[-1][0]
        segs.append([spk, txt])
    turns = []
    for spk, txt in segs:  # a turn may span several consecutive cues
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc_id):
    files = sorted(TRANS.glob(f"{doc_id}.*"))
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {len(files)}")
        return None, None, None
    path = files[0]
    ext = path.suffix.lower().lstrip(".")
    labels = SPEAKERS[doc_id]
    if ext == "docx":
        turns, full = parse_docx(doc_id, path, labels)
        return turns, full, ext
    raw = path.read_bytes()
    text, enc = decode(doc_id, raw)
    if text is None:
        return None, None, None
    if "\r\n" in text:
        if re.search(r"(?<!\r)\n", text):
            problem(f"{doc_id}: mixed line endings")
        text = text.replace("\r\n", "\n")
    if ext == "txt":
        turns = parse_lines(doc_id, text.split("\n"), labels)
    elif ext in ("vtt", "srt"):
        turns = parse_cues(doc_id, text, ext, labels)
    else:
        problem(f"{doc_id}: unknown format .{ext}")
        return None, None, None
    return turns, text, f"{ext}/{enc}"


def read_csv(name, header):
    path = HERE / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    docs = {}
    for d in DOC_IDS:
        turns, full, fmt = load(d)
        if turns is None:
            continue
        i_lab, r_lab = SPEAKERS[d]
        if not turns:
            problem(f"{d}: no turns found")
            continue
        for k, (spk, _) in enumerate(turns, start=1):
            want = i_lab if k % 2 == 1 else r_lab
            if spk != want:
                problem(f"{d}: turn {k} is by {spk!r}, expected {want!r} (alternation)")
                break
        n_resp = len(turns) // 2
        if not 10 <= n_resp <= 45:
            problem(f"{d}: {n_resp} respondent turns (want 10-45)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problem(f"{d}: {words} spoken words (want 1500-2600)")
        if FORBIDDEN.search(full):
            problem(f"{d}: forbidden label word: {FORBIDDEN.search(full).group(0)!r}")
        docs[d] = dict(turns=turns, full=full, fmt=fmt, words=words, resp=n_resp)

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        if r[0] in seen:
            problem(f"styles.csv: duplicate {r[0]}")
        seen[r[0]] = r
        if r[1] not in WANT_MIX:
            problem(f"styles.csv: bad style {r[1]!r} for {r[0]}")
        if not r[2].strip():
            problem(f"styles.csv: empty rationale for {r[0]}")
    if sorted(seen) != DOC_IDS:
        problem(f"styles.csv: docs {sorted(seen)} != {DOC_IDS}")
    mix = Counter(r[1] for r in seen.values())
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
    kinds = Counter()
    for r in seen.values():
        if r[1] == "onbepaald":
            low = r[2].lower()
            if "too little evidence" in low:
                kinds["little"] += 1
            elif "mixed" in low:
                kinds["mixed"] += 1
            else:
                problem(f"styles.csv: onbepaald {r[0]} does not say which kind")
    if r and kinds != Counter({"little": 1, "mixed": 1}):
        problem(f"styles.csv: onbepaald kinds {dict(kinds)} (want one mixed, one too little evidence)")

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
            problem(f"orientation.csv: bad orientation {o!r} in {r}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d]["turns"]
        if k % 2 != 0 or k < 1 or k > len(turns) or turns[k - 1][0] != SPEAKERS[d][1]:
            problem(f"orientation.csv: {d} turn {k} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = Counter()
    seen_ids = set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} in {r}")
        if (d, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen_ids.add((d, ident))
        per_doc[d] += 1
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
        elif ident not in docs[d]["full"]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d in DOC_IDS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has only {per_doc[d]} identifiers (want >= 5)")

    fmts = {v["fmt"] for v in docs.values()}
    if len(fmts) < 4:
        problem(f"fewer than four transcript formats: {sorted(fmts)}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d, v in docs.items():
        print(f"  {d}: {v['fmt']:10s} words={v['words']} respondent_turns={v['resp']}")
    print("OK")


if __name__ == "__main__":
    main()
