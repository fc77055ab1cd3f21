"""Check the setKX deliverables by parsing the BUILT transcripts (standard library only).

Prints OK, or the problems found (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# per document: expected extension, text encoding, interviewer label, respondent label
DOCS = {
    "kx01": (".txt", "cp1252", "I", "R"),
    "kx02": (".docx", None, "Interviewer", "Hanneke Verhulst"),
    "kx03": (".docx", None, "Interviewer", "Respondent"),
    "kx04": (".vtt", "utf-8", "Jurre Sinke", "Laura Meulmeester"),
    "kx05": (".srt", "utf-8", "Interviewer", "Lotte"),
    "kx06": (".txt", "utf-8", "Spreker 1", "Spreker 2"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def label_re(ilab, rlab):
    alts = "|".join(re.escape(x) for x in sorted([ilab, rlab], key=len, reverse=True))
    return re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\] )?(" + alts + r"):\s+(.*)$")


def role(lab, ilab, rlab):
    return "I" if lab == ilab else "R"


def parse_lines(lines, ilab, rlab):
    rx = label_re(ilab, rlab)
    turns = []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = rx.match(ln)
        if m:
            turns.append([role(m.group(2), ilab, rlab), m.group(3)])
        elif turns:
            turns[-1][1] += " " + ln
        # lines before the first turn are header lines
    return turns


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def parse_vtt(text, ilab, rlab):
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "WEBVTT":
        prob("vtt without WEBVTT line")
    blocks = re.split(r"\n\s*\n", "\n".join(lines[1:]))
    turns = []
    vrx = re.compile(r"^<v ([^>]+)>(.*?)(?:</v>)?$")
    for b in blocks:
        bl = [x for x in b.split("\n") if x.strip()]
        if not bl or bl[0].startswith("NOTE"):
            continue
        ti = next((i for i, x in enumerate(bl) if "-->" in x), None)
        if ti is None:
            prob(f"vtt block without timing: {bl[0][:40]}")
            continue
        for x in bl[ti + 1:]:
            m = vrx.match(x.strip())
            if not m:
                prob(f"vtt cue line without voice tag: {x[:40]}")
                continue
            name, t = m.group(1), m.group(2)
            if name not in (ilab, rlab):
                prob(f"vtt unknown voice {name}")
                continue
            r = role(name, ilab, rlab)
            if turns and turns[-1][0] == r:
                turns[-1][1] += " " + t
            else:
                turns.append([r, t])
    return turns


def parse_srt(text, ilab, rlab):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    rx = label_re(ilab, rlab)
    turns = []
    expect = 1
    for b in blocks:
        bl = [x for x in b.split("\n") if x.strip()]
        if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
            prob(f"srt malformed block: {b[:40]!r}")
            continue
        if int(bl[0]) != expect:
            prob(f"srt numbering jumps at {bl[0]}")
        expect = int(bl[0]) + 1
        t = " ".join(x.strip() for x in bl[2:])
        m = rx.match(t)
        if m:
            turns.append([role(m.group(2), ilab, rlab), m.group(3)])
        elif turns:
            turns[-1][1] += " " + t
        else:
            prob("srt starts without a speaker label")
    return turns


def load(doc):
    ext, enc, ilab, rlab = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        prob(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith(ext):
        prob(f"{doc}: expected {ext}, found {files[0]}")
        return None, None
    if ext == ".docx":
        try:
            paras = read_docx(path)
        except Exception as e:  # noqa
            prob(f"{doc}: docx unreadable: {e}")
            return None, None
        return "\n".join(paras), parse_lines(paras, ilab, rlab)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        if b"\r\n" not in raw or re.search(rb"[^\r]\n", raw):
            prob(f"{doc}: Windows-1252 file should use CRLF line ends")
        try:
            raw.decode("utf-8")
            if any(ord(c) > 127 for c in text):
                prob(f"{doc}: declared cp1252 but decodes as utf-8")
        except UnicodeDecodeError:
            pass
    if ext == ".vtt":
        return text, parse_vtt(text, ilab, rlab)
    if ext == ".srt":
        return text, parse_srt(text, ilab, rlab)
    return text, parse_lines(text.replace("\r\n", "\n").split("\n"), ilab, rlab)


def words(t):
    return sum(1 for w in t.split() if re.search(r"\w", w))


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        prob(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        prob(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    texts, turns = {}, {}
    extra = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] not in DOCS]
    if extra:
        prob(f"unexpected transcript files: {extra}")
    for doc in DOCS:
        text, tr = load(doc)
        if text is None:
            continue
        texts[doc], turns[doc] = text, tr
        if not tr:
            prob(f"{doc}: no turns parsed")
            continue
        for i, (r, _) in enumerate(tr, 1):
            want = "I" if i % 2 else "R"
            if r != want:
                prob(f"{doc}: turn {i} is {r}, expected {want} (turns must alternate, interviewer first)")
                break
        nw = sum(words(t) for _, t in tr)
        nr = sum(1 for r, _ in tr if r == "R")
        if not 1500 <= nw <= 2600:
            prob(f"{doc}: {nw} spoken words, outside 1500-2600")
        if not 10 <= nr <= 45:
            prob(f"{doc}: {nr} respondent turns, outside 10-45")
        low = text.lower()
        for fw in FORBIDDEN:
            if fw in low:
                prob(f"{doc}: forbidden word {fw!r} in transcript")
        print(f"{doc}: {nw} words, {len(tr)} turns ({nr} respondent)")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in rows:
        if len(r) != 3:
            prob(f"styles.csv: bad row {r}")
            continue
        if r[0] in got:
            prob(f"styles.csv: duplicate {r[0]}")
        got[r[0]] = (r[1], r[2])
    if set(got) != set(DOCS):
        prob(f"styles.csv: docs {sorted(got)} != {sorted(DOCS)}")
    counts = {}
    kinds = []
    for d, (st, why) in got.items():
        if st not in MIX:
            prob(f"styles.csv: bad style {st} for {d}")
        counts[st] = counts.get(st, 0) + 1
        if not why.strip():
            prob(f"styles.csv: empty rationale for {d}")
        if st == "onbepaald":
            w = why.lower()
            if "mixed" in w:
                kinds.append("mixed")
            elif "too little evidence" in w:
                kinds.append("little")
            else:
                prob(f"styles.csv: onbepaald rationale for {d} must say which kind")
    if counts != MIX:
        prob(f"styles.csv: style mix {counts} != {MIX}")
    if sorted(kinds) != ["little", "mixed"]:
        prob(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            prob(f"orientation.csv: bad row {r}")
            continue
        d, i, o = r[0], int(r[1]), r[2]
        keys.append((d, i))
        if d not in DOCS:
            prob(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {o}")
        tr = turns.get(d)
        if tr is None:
            continue
        if not 1 <= i <= len(tr) or tr[i - 1][0] != "R":
            prob(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv: duplicates")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per = set(), {}
    for r in rows:
        if len(r) != 3:
            prob(f"identifiers.csv: bad row {r}")
            continue
        d, s, ty = r
        if (d, s) in seen:
            prob(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        per[d] = per.get(d, 0) + 1
        if ty not in TYPES:
            prob(f"identifiers.csv: bad type {ty}")
        if d not in DOCS:
            prob(f"identifiers.csv: unknown doc {d}")
        elif d in texts and s not in texts[d]:
            prob(f"identifiers.csv: {d} {s!r} does not occur verbatim")
    for d in DOCS:
        if per.get(d, 0) < 5:
            prob(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
