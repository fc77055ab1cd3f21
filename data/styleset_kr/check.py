#!/usr/bin/env python3
"""Check the setKR deliverables against the built transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import glob
import html
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc_id -> (extension, expected encoding, interviewer label, respondent label)
DOCS = {
    "kr01": ("docx", "utf-8", "Interviewer", "Respondent"),
    "kr02": ("txt", "cp1252", "I", "R"),
    "kr03": ("vtt", "utf-8", "Interviewer", "Hanneke Dominicus"),
    "kr04": ("srt", "utf-8", "Interviewer", "Ilse"),
    "kr05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "kr06": ("docx", "utf-8", "Lotte", "Tim"),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
MIN_IDS = 5

problems = []


def problem(msg):
    problems.append(msg)


def n_words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def decode(data, doc_id, expected):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError:
            problem(f"{doc_id}: not readable as UTF-8 or Windows-1252")
            return None
    if enc != expected:
        # pure-ASCII cp1252 files decode as UTF-8 too; only flag a real mismatch
        if not (expected == "cp1252" and all(b < 128 for b in data)):
            problem(f"{doc_id}: decoded as {enc}, expected {expected}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def label_match(line, labels):
    for lab in labels:
        m = re.match(r"^" + re.escape(lab) + r":\s*(.*)$", line)
        if m:
            return lab, m.group(1)
    return None


def parse_docx(path, doc_id, labels):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
    except Exception as exc:  # noqa: BLE001
        problem(f"{doc_id}: cannot open docx ({exc})")
        return None, []
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        ts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(html.unescape("".join(ts)))
    segs, started = [], False
    for t in paras:
        if not t.strip():
            continue
        m = label_match(t, labels)
        if m:
            started = True
            segs.append(m)
        elif started:
            problem(f"{doc_id}: unlabeled paragraph after the first turn: {t[:50]!r}")
    return "\n".join(paras), segs


def parse_txt(text, doc_id, labels):
    segs, started = [], False
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = re.match(r"^\[(\d\d):(\d\d):(\d\d)\] (.*)$", line)
        body = m.group(4) if m else line
        lm = label_match(body, labels)
        if lm:
            started = True
            segs.append(lm)
        elif started:
            problem(f"{doc_id}: unlabeled line after the first turn: {line[:50]!r}")
    return segs


TIME_RE = r"(\d\d:)?\d\d:\d\d[.,]\d\d\d --> (\d\d:)?\d\d:\d\d[.,]\d\d\d"


def parse_vtt(text, doc_id, labels):
    if not text.startswith("WEBVTT"):
        problem(f"{doc_id}: vtt does not start with WEBVTT")
    segs = []
    for block in re.split(r"\n\s*\n", text.strip())[1:]:
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines or lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None or not re.match(TIME_RE, lines[ti]):
            problem(f"{doc_id}: vtt block without valid timing: {block[:40]!r}")
            continue
        cue = " ".join(lines[ti + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)? ([^>]+)>(.*)$", cue)
        if not m:
            problem(f"{doc_id}: vtt cue without voice tag: {cue[:40]!r}")
            continue
        spk, body = m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()
        if spk not in labels:
            problem(f"{doc_id}: unknown voice {spk!r}")
            continue
        segs.append((spk, body))
    return segs


def parse_srt(text, doc_id, labels):
    segs = []
    expect = 1
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 3 or not lines[0].strip().isdigit() or not re.match(TIME_RE, lines[1]):
            problem(f"{doc_id}: malformed srt block: {block[:40]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc_id}: srt cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        cue = " ".join(lines[2:])
        lm = label_match(cue, labels)
        if not lm:
            problem(f"{doc_id}: srt cue without speaker label: {cue[:40]!r}")
            continue
        segs.append(lm)
    return segs


def merge(segs):
    turns = []
    for spk, body in segs:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + body)
        else:
            turns.append((spk, body))
    return turns


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    fulltext, turns_by_doc = {}, {}
    exts = set()
    for doc_id, (ext, enc, li, lr) in DOCS.items():
        files = glob.glob(os.path.join(TR, doc_id + ".*"))
        if len(files) != 1:
            problem(f"{doc_id}: expected exactly one transcript, found {len(files)}")
            continue
        path = files[0]
        if not path.endswith("." + ext):
            problem(f"{doc_id}: expected .{ext}, found {os.path.basename(path)}")
            continue
        exts.add(ext)
        labels = (li, lr)
        if ext == "docx":
            text, segs = parse_docx(path, doc_id, labels)
        else:
            with open(path, "rb") as fh:
                text = decode(fh.read(), doc_id, enc)
            if text is None:
                continue
            if ext == "txt":
                segs = parse_txt(text, doc_id, labels)
            elif ext == "vtt":
                segs = parse_vtt(text, doc_id, labels)
            else:
                segs = parse_srt(text, doc_id, labels)
        if text is None:
            continue
        turns = merge(segs)
        fulltext[doc_id] = text
        turns_by_doc[doc_id] = turns
        if not turns or turns[0][0] != li:
            problem(f"{doc_id}: first turn is not the interviewer")
        for i, (spk, _) in enumerate(turns, 1):
            want = li if i % 2 else lr
            if spk != want:
                problem(f"{doc_id}: turn {i} is {spk!r}, expected {want!r} (no strict alternation)")
                break
        words = sum(n_words(b) for _, b in turns)
        resp = sum(1 for s, _ in turns if s == lr)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc_id}: {words} spoken words, outside {WORDS}")
        if not RESP_TURNS[0] <= resp <= RESP_TURNS[1]:
            problem(f"{doc_id}: {resp} respondent turns, outside {RESP_TURNS}")
    if len(exts) < 4 and len(DOCS) == 6:
        # docx/txt/vtt/srt are the four delivery families
        problem(f"only {len(exts)} different transcript formats")

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
        if s == "onbepaald" and not re.search(r"mixed|gemengd|too little|te weinig", why, re.I):
            problem(f"styles.csv: onbepaald rationale for {d} does not say which kind")
        seen[d] = s
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs missing: {sorted(set(DOCS) - set(seen))}")
    counts = {k: list(seen.values()).count(k) for k in MIX}
    if counts != MIX:
        problem(f"styles.csv: mix {counts}, requested {MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        d, idx, o = r[0], int(r[1]), r[2]
        keys.append((d, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        turns = turns_by_doc.get(d)
        if turns is None:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if idx < 1 or idx > len(turns) or turns[idx - 1][0] != DOCS[d][3]:
            problem(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, seen_ids = {}, set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        d, s, t = r
        if d not in DOCS:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if t not in TYPES:
            problem(f"identifiers.csv: bad type {t!r}")
        if (d, s) in seen_ids:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen_ids.add((d, s))
        per_doc[d] = per_doc.get(d, 0) + 1
        if d in fulltext and s not in fulltext[d]:
            problem(f"identifiers.csv: {d} {s!r} does not occur verbatim in the transcript")
    for d in DOCS:
        if per_doc.get(d, 0) < MIN_IDS:
            problem(f"identifiers.csv: {d} has {per_doc.get(d, 0)} identifiers (< {MIN_IDS})")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
