"""Check setKZ: parses the BUILT transcripts (not the sources). Standard library only.

Usage: python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOC_IDS = ["kz01", "kz02", "kz03", "kz04", "kz05", "kz06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
# expected delivery per document: extension, encoding, interviewer label, respondent label, line ending
EXPECT = {
    "kz01": dict(ext="docx", I="Interviewer", R="Marcia Doelwijt"),
    "kz02": dict(ext="vtt", enc="utf-8", I="Interviewer", R="Rudsel Martina"),
    "kz03": dict(ext="txt", enc="cp1252", I="I", R="R", crlf=True),
    "kz04": dict(ext="srt", enc="utf-8", I="Interviewer", R="Errol", crlf=True),
    "kz05": dict(ext="txt", enc="utf-8", I="Spreker 1", R="Spreker 2", timestamps=True),
    "kz06": dict(ext="docx", I="Interviewer", R="Respondent"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker\b", re.I)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def merge(turns, speaker, text):
    """Append text to the current turn if the speaker continues, else start a new turn."""
    if turns and turns[-1][0] == speaker:
        turns[-1][1] += " " + text
    else:
        turns.append([speaker, text])


def parse_docx(path, exp):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    labels = {exp["I"]: "I", exp["R"]: "R"}
    turns, started = [], False
    for txt in paras:
        m = re.match(r"^([^:]{1,40}):\s*(.*)$", txt)
        if m and m.group(1) in labels:
            started = True
            turns.append([labels[m.group(1)], m.group(2)])
        elif started and txt.strip():
            turns[-1][1] += " " + txt.strip()
    return "\n".join(paras), turns


def parse_txt(raw, exp):
    labels = {exp["I"]: "I", exp["R"]: "R"}
    if exp.get("timestamps"):
        pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] ([^:]{1,40}):\s*(.*)$")
    else:
        pat = re.compile(r"^()()()([^:]{1,40}):\s*(.*)$")
    turns, started = [], False
    for line in raw.splitlines():
        m = pat.match(line)
        if m and m.group(4) in labels:
            if not started and labels[m.group(4)] != "I":
                problem("first labelled line is not the interviewer")
            started = True
            turns.append([labels[m.group(4)], m.group(5)])
        elif started and line.strip():
            if pat.match(line) and not exp.get("timestamps"):
                problem(f"unknown speaker label in line: {line[:50]}")
            turns[-1][1] += " " + line.strip()
    return turns


def parse_vtt(raw, exp):
    if not raw.startswith("WEBVTT"):
        problem("vtt does not start with WEBVTT")
    labels = {exp["I"]: "I", exp["R"]: "R"}
    turns = []
    for block in re.split(r"\n\s*\n", raw.strip()):
        lines = block.splitlines()
        tl = [k for k, l in enumerate(lines) if "-->" in l]
        if not tl:
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$", lines[tl[0]]):
            problem(f"bad vtt timing line {lines[tl[0]]}")
        text = " ".join(lines[tl[0] + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", text)
        if not m or m.group(1) not in labels:
            problem(f"vtt cue without known voice: {text[:50]}")
            continue
        merge(turns, labels[m.group(1)], m.group(2))
    return turns


def parse_srt(raw, exp):
    labels = {exp["I"]: "I", exp["R"]: "R"}
    turns, expected_no = [], 1
    for block in re.split(r"\n\s*\n", raw.strip()):
        lines = block.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit():
            problem(f"bad srt block: {block[:40]}")
            continue
        if int(lines[0]) != expected_no:
            problem(f"srt cue numbering jumps at {lines[0]}")
        expected_no = int(lines[0]) + 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1]):
            problem(f"bad srt timing {lines[1]}")
        text = " ".join(lines[2:])
        m = re.match(r"^([^:]{1,40}):\s*(.*)$", text)
        if not m or m.group(1) not in labels:
            problem(f"srt cue without known speaker: {text[:50]}")
            continue
        merge(turns, labels[m.group(1)], m.group(2))
    return turns


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def main():
    docs = {}
    exts_seen = set()
    for d in DOC_IDS:
        exp = EXPECT[d]
        files = [f for f in os.listdir(TDIR) if f.split(".")[0] == d]
        if len(files) != 1:
            problem(f"{d}: expected exactly one transcript, found {files}")
            continue
        path = os.path.join(TDIR, files[0])
        ext = files[0].rsplit(".", 1)[1]
        if ext != exp["ext"]:
            problem(f"{d}: extension {ext}, expected {exp['ext']}")
        fmt_key = ext if ext != "txt" else f"txt-{exp['enc']}{'-ts' if exp.get('timestamps') else ''}"
        exts_seen.add(ext)
        try:
            if ext == "docx":
                full, turns = parse_docx(path, exp)
            else:
                data = open(path, "rb").read()
                raw = data.decode(exp["enc"])  # strict: must be readable in its encoding
                if exp.get("crlf") and (b"\r\n" not in data or re.search(rb"(?<!\r)\n", data)):
                    problem(f"{d}: expected CRLF line endings throughout")
                if exp["enc"] == "cp1252":
                    try:
                        data.decode("utf-8")
                        problem(f"{d}: file also decodes as UTF-8; expected real Windows-1252 bytes")
                    except UnicodeDecodeError:
                        pass
                full = raw
                if ext == "txt":
                    turns = parse_txt(raw, exp)
                elif ext == "vtt":
                    turns = parse_vtt(raw.replace("\r\n", "\n"), exp)
                else:
                    turns = parse_srt(raw.replace("\r\n", "\n"), exp)
        except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
            problem(f"{d}: not readable: {e}")
            continue
        if not turns:
            problem(f"{d}: no turns parsed")
            continue
        for k, (who, _) in enumerate(turns, 1):
            want = "I" if k % 2 == 1 else "R"
            if who != want:
                problem(f"{d}: turn {k} is {who}, expected {want} (turns must alternate, interviewer first)")
                break
        n_resp = sum(1 for t in turns if t[0] == "R")
        n_words = sum(words(t[1]) for t in turns)
        if not 10 <= n_resp <= 45:
            problem(f"{d}: {n_resp} respondent turns (want 10-45)")
        if not 1500 <= n_words <= 2600:
            problem(f"{d}: {n_words} spoken words (want 1500-2600)")
        if FORBIDDEN.search(full):
            problem(f"{d}: transcript uses a forbidden label word: {FORBIDDEN.search(full).group(0)}")
        docs[d] = dict(full=full, turns=turns, words=n_words, resp=n_resp, fmt=fmt_key)
    if len(exts_seen) < 4:
        problem(f"only {len(exts_seen)} different transcript formats: {sorted(exts_seen)}")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOC_IDS:
        problem(f"styles.csv doc ids {ids}")
    mix = {}
    kinds = []
    for r in rows:
        s = r["style"]
        if s not in WANT_MIX:
            problem(f"styles.csv: bad style {s} for {r['doc_id']}")
        mix[s] = mix.get(s, 0) + 1
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: no rationale for {r['doc_id']}")
        if s == "onbepaald":
            rat = r["rationale"].lower()
            kinds.append("mixed" if "mixed" in rat else "too little" if "too little evidence" in rat else "?")
    if mix != WANT_MIX:
        problem(f"styles.csv mix {mix}, expected {WANT_MIX}")
    if sorted(kinds) != ["mixed", "too little"]:
        problem(f"onbepaald rationales should name one 'mixed' and one 'too little evidence': {kinds}")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        d = r["doc_id"]
        try:
            k = int(r["turn_index"])
        except ValueError:
            problem(f"orientation: bad turn_index {r}")
            continue
        keys.append((d, k))
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation: bad value {r}")
        if d not in docs:
            problem(f"orientation: unknown doc {d}")
            continue
        turns = docs[d]["turns"]
        if not 1 <= k <= len(turns) or turns[k - 1][0] != "R":
            problem(f"orientation: {d} turn {k} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv is not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv has duplicates")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    seen = set()
    count = {}
    for r in irows:
        d, s, ty = r["doc_id"], r["identifier"], r["type"]
        if ty not in TYPES:
            problem(f"identifiers: bad type {r}")
        if (d, s) in seen:
            problem(f"identifiers: duplicate {d} {s!r}")
        seen.add((d, s))
        count[d] = count.get(d, 0) + 1
        if d not in docs:
            problem(f"identifiers: unknown doc {d}")
        elif s not in docs[d]["full"]:
            problem(f"identifiers: {d} {s!r} does not occur verbatim in the transcript")
    for d in DOC_IDS:
        if count.get(d, 0) < 5:
            problem(f"{d}: fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
