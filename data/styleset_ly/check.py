"""Check the setly blind set against the brief, from the BUILT transcripts (standard library only).

Run:  python3 check.py      -> prints OK, or the problems (exit status 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc_id -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    "ly01": ("docx", None, "Marrit", "Hanneke"),
    "ly02": ("txt", "cp1252", "I", "R"),
    "ly03": ("srt", "utf-8", "Interviewer", "Klaas"),
    "ly04": ("vtt", "utf-8", "Marrit de Vries", "Anouk Veenstra"),
    "ly05": ("docx", None, "Interviewer", "Respondent"),
    "ly06": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "van de casus"]
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)

problems = []


def problem(msg):
    problems.append(msg)


def nwords(s):
    return sum(1 for w in s.split() if re.search(r"\w", w))


# ------------------------------------------------------------------ parsers -> (header, turns, fulltext)
# turns: list of [speaker_label, text]

def split_label(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def lines_to_turns(doc, lines, labels, ts_prefix=False):
    header, turns = [], []
    for ln in lines:
        raw = ln.strip()
        if not raw:
            continue
        body = raw
        if ts_prefix:
            m = re.match(r"^\[(\d\d):([0-5]\d):([0-5]\d)\]\s+(.*)$", raw)
            if m:
                body = m.group(4)
            elif turns:
                problem(f"{doc}: line without timestamp after first turn: {raw[:50]!r}")
        lab, text = split_label(body, labels)
        if lab is None:
            if turns:
                turns[-1][1] += " " + raw  # continuation line
            else:
                header.append(raw)
            continue
        if turns and turns[-1][0] == lab:
            problem(f"{doc}: two consecutive paragraphs by {lab!r} (turn {len(turns)})")
            turns[-1][1] += " " + text
        else:
            turns.append([lab, text])
    for h in header:
        if re.match(r"^[A-Z][\w .'-]{0,30}:\s", h) and not re.match(
                r"^(Respondent|Interviewer|Datum|Duur|Locatie|Opname):", h):
            problem(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
    return header, turns


def parse_docx(doc, path, labels):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        buf = []
        for el in p.iter():
            if el.tag == ns + "t":
                buf.append(el.text or "")
            elif el.tag == ns + "tab":
                buf.append("\t")
            elif el.tag == ns + "br":
                buf.append("\n")
        paras.append("".join(buf))
    header, turns = lines_to_turns(doc, paras, labels)
    return header, turns, "\n".join(paras)


def read_text(doc, path, enc):
    data = open(path, "rb").read()
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        text = data.decode(enc, errors="replace")
    if enc == "cp1252":
        try:
            data.decode("utf-8")
            problem(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def parse_txt(doc, path, enc, labels):
    text = read_text(doc, path, enc)
    ts = bool(re.search(r"^\[\d\d:\d\d:\d\d\] ", text, re.M))
    header, turns = lines_to_turns(doc, text.splitlines(), labels, ts_prefix=ts)
    return header, turns, text


TIME_SRT = re.compile(r"^(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})$")
TIME_VTT = re.compile(r"^(?:(\d\d):)?(\d\d):(\d\d)\.(\d{3}) --> (?:(\d\d):)?(\d\d):(\d\d)\.(\d{3})(?:\s.*)?$")


def secs(h, m, s, ms):
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def add_cue(turns, lab, text):
    if turns and turns[-1][0] == lab:
        turns[-1][1] += " " + text
    else:
        turns.append([lab, text])


def parse_srt(doc, path, enc, labels):
    text = read_text(doc, path, enc).replace("\r\n", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    turns, last_end = [], -1.0
    for n, b in enumerate(blocks, 1):
        ls = b.split("\n")
        if ls[0].strip() != str(n):
            problem(f"{doc}: srt cue {n} numbered {ls[0]!r}")
        m = TIME_SRT.match(ls[1].strip()) if len(ls) > 1 else None
        if not m:
            problem(f"{doc}: srt cue {n} bad timing line")
            continue
        a, e = secs(*m.groups()[:4]), secs(*m.groups()[4:])
        if a < last_end or e <= a:
            problem(f"{doc}: srt cue {n} timing not increasing")
        last_end = e
        body = " ".join(x.strip() for x in ls[2:])
        lab, t = split_label(body, labels)
        if lab is None:
            problem(f"{doc}: srt cue {n} without speaker label: {body[:50]!r}")
            continue
        add_cue(turns, lab, t)
    return [], turns, text


def parse_vtt(doc, path, enc, labels):
    text = read_text(doc, path, enc).replace("\r\n", "\n")
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()][1:]
    header, turns, last_end = [], [], -1.0
    for b in blocks:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            header += [x for x in ([ls[0][4:].strip()] + ls[1:]) if x.strip()]
            continue
        i = 0 if "-->" in ls[0] else 1
        m = TIME_VTT.match(ls[i].strip()) if len(ls) > i else None
        if not m:
            problem(f"{doc}: vtt cue without timing: {b[:40]!r}")
            continue
        g = m.groups()
        a, e = secs(*g[:4]), secs(*g[4:])
        if a < last_end or e <= a:
            problem(f"{doc}: vtt cue timing not increasing at {ls[i]!r}")
        last_end = e
        body = " ".join(x.strip() for x in ls[i + 1:])
        vm = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not vm or vm.group(1).strip() not in labels:
            problem(f"{doc}: vtt cue without known voice tag: {body[:50]!r}")
            continue
        add_cue(turns, vm.group(1).strip(), vm.group(2).strip())
    return header, turns, text


# ------------------------------------------------------------------ checks
def check_docs():
    parsed = {}
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    for f in files:
        if os.path.splitext(f)[0] not in DOCS:
            problem(f"unexpected transcript file {f}")
    for doc, (ext, enc, ilab, rlab) in DOCS.items():
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            problem(f"{doc}: expected one transcript, found {mine}")
            continue
        if not mine[0].endswith("." + ext):
            problem(f"{doc}: expected .{ext}, found {mine[0]}")
            continue
        path = os.path.join(TDIR, mine[0])
        labels = sorted([ilab, rlab], key=len, reverse=True)
        try:
            if ext == "docx":
                header, turns, full = parse_docx(doc, path, labels)
            elif ext == "txt":
                header, turns, full = parse_txt(doc, path, enc, labels)
            elif ext == "srt":
                header, turns, full = parse_srt(doc, path, enc, labels)
            else:
                header, turns, full = parse_vtt(doc, path, enc, labels)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: cannot parse {mine[0]}: {e!r}")
            continue
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (lab, _) in enumerate(turns, 1):
            want = ilab if i % 2 == 1 else rlab
            if lab != want:
                problem(f"{doc}: turn {i} is by {lab!r}, expected {want!r} (strict alternation, interviewer first)")
                break
        nresp = sum(1 for lab, _ in turns if lab == rlab)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")
        words = sum(nwords(t) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        spoken = " ".join(t for _, t in turns).lower()
        for w in FORBIDDEN:
            if w in spoken:
                problem(f"{doc}: forbidden wording {w!r}")
        searchable = "\n".join([full, "\n".join(header), ilab, rlab] + [t for _, t in turns])
        parsed[doc] = {"turns": turns, "rlab": rlab, "text": searchable, "words": words, "nresp": nresp}
    return parsed


def read_csv(name, cols):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != cols:
        problem(f"{name}: header should be {','.join(cols)}")
        return []
    out = []
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(cols):
            problem(f"{name} line {n}: {len(r)} fields")
            continue
        out.append(r)
    return out


def check_styles():
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = Counter(r[0] for r in rows)
    for doc in DOCS:
        if seen[doc] != 1:
            problem(f"styles.csv: {doc} occurs {seen[doc]} times")
    for doc in seen:
        if doc not in DOCS:
            problem(f"styles.csv: unknown doc {doc}")
    mix = Counter(r[1] for r in rows)
    for s in mix:
        if s not in MIX:
            problem(f"styles.csv: bad style {s!r}")
    if dict(mix) != MIX:
        problem(f"styles.csv: mix {dict(mix)} != requested {MIX}")
    for doc, style, rat in rows:
        if not rat.strip():
            problem(f"styles.csv: {doc} has no rationale")
        elif len(re.findall(r"[.!?](\s|$)", rat.strip())) > 1:
            problem(f"styles.csv: {doc} rationale is more than one sentence")
        if style == "onbepaald" and not re.search(r"mixed|too little evidence", rat, re.I):
            problem(f"styles.csv: {doc} onbepaald rationale does not say which kind")


def check_orientation(parsed):
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for doc, idx, o in rows:
        if doc not in DOCS:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: {doc} {idx}: bad orientation {o!r}")
        if not idx.isdigit():
            problem(f"orientation.csv: {doc}: bad turn_index {idx!r}")
            continue
        i = int(idx)
        keys.append((doc, i))
        if doc in parsed:
            turns = parsed[doc]["turns"]
            if not 1 <= i <= len(turns):
                problem(f"orientation.csv: {doc} turn {i} out of range (1..{len(turns)})")
            elif turns[i - 1][0] != parsed[doc]["rlab"]:
                problem(f"orientation.csv: {doc} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    dup = [k for k, c in Counter(keys).items() if c > 1]
    if dup:
        problem(f"orientation.csv: duplicate rows {dup}")


def check_identifiers(parsed):
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per = Counter()
    dup = Counter((d, s) for d, s, _ in rows)
    for (d, s), c in dup.items():
        if c > 1:
            problem(f"identifiers.csv: {d} {s!r} listed {c} times")
    for doc, ident, ty in rows:
        if doc not in DOCS:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        per[doc] += 1
        if ty not in TYPES:
            problem(f"identifiers.csv: {doc} {ident!r}: bad type {ty!r}")
        if not ident.strip():
            problem(f"identifiers.csv: {doc}: empty identifier")
        elif doc in parsed and ident not in parsed[doc]["text"]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc in DOCS:
        if per[doc] < 5:
            problem(f"identifiers.csv: {doc} has only {per[doc]} identifiers (at least 5)")


def main():
    parsed = check_docs()
    check_styles()
    check_orientation(parsed)
    check_identifiers(parsed)
    fmts = {DOCS[d][0] + ("-" + DOCS[d][1] if DOCS[d][0] == "txt" else "") for d in DOCS}
    if len({DOCS[d][0] for d in DOCS}) < 4:
        problem(f"fewer than four formats: {sorted(fmts)}")
    if "-v" in sys.argv:
        for d, p in parsed.items():
            print(f"{d}: {p['words']} words, {len(p['turns'])} turns, {p['nresp']} respondent turns")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
