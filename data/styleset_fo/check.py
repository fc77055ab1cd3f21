#!/usr/bin/env python3
"""Check set FO: parses the BUILT transcripts (not src/) and the three csv files.

Standard library only.  Prints OK, or the problems (exit status 1).
Use --stats to also print words / turns per document.
"""
import csv
import html
import os
import re
import sys
import zipfile
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["fo01", "fo02", "fo03", "fo04", "fo05", "fo06"]
# expected delivery per document: extension, encoding, line ending, interviewer label
EXPECT = {
    "fo01": dict(ext="docx", enc=None, crlf=None, interviewer="Interviewer"),
    "fo02": dict(ext="txt", enc="cp1252", crlf=True, interviewer="I"),
    "fo03": dict(ext="vtt", enc="utf-8", crlf=False, interviewer="Ilse de Bruijn"),
    "fo04": dict(ext="srt", enc="utf-8", crlf=True, interviewer="Marloes"),
    "fo05": dict(ext="txt", enc="utf-8", crlf=False, interviewer="Spreker 1"),
    "fo06": dict(ext="docx", enc=None, crlf=None, interviewer="Tom"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
METADATA_KEYS = {"respondent", "datum", "duur", "interviewer", "locatie", "functie", "opname"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
WORDS = (1500, 2600)
RTURNS = (10, 45)
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]<>]{1,40}?):\s+(.*)$")

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ readers
def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        parts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>|<w:(tab|br)/>", p, flags=re.S)
        text = "".join(html.unescape(t) if t else ("\t" if k == "tab" else "\n") for t, k in parts)
        paras.append(text)
    return paras


def decode(doc, raw, enc):
    try:
        text = raw.decode("utf-8")
        used = "utf-8"
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
            used = "cp1252"
        except UnicodeDecodeError:
            problem(f"{doc}: not readable as utf-8 or cp1252")
            return None
    if enc and used != enc:
        problem(f"{doc}: expected encoding {enc}, file reads as {used}")
    if "\ufffd" in text:
        problem(f"{doc}: replacement characters in text")
    return text


def parse_lines(doc, lines):
    """Label-per-paragraph formats (docx, txt). Returns header, turns [(speaker, text)]."""
    labels = Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            labels[m.group(2).strip()] += 1
    speakers = {lab for lab, n in labels.most_common(2) if n >= 3}
    header, turns, started = [], [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2).strip() in speakers:
            started = True
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif not started:
            header.append(s)
            if m and m.group(2).strip().lower() not in METADATA_KEYS:
                problem(f"{doc}: header line looks like a speaker turn: {s[:60]}")
        else:
            turns[-1][1] += " " + s   # continuation paragraph of the same turn
    return header, [tuple(t) for t in turns]


def parse_vtt(doc, text):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    header, turns = [], []
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: vtt block without timing: {b[:40]}")
            continue
        body = " ".join(lines[ti + 1:]).strip()
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        spk, t = m.group(1).strip(), m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + t
        else:
            turns.append([spk, t])
    return header, [tuple(t) for t in turns]


def parse_srt(doc, text):
    turns = []
    for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt block: {b[:40]}")
            continue
        body = " ".join(lines[2:]).strip()
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
        if m:
            spk, t = m.group(1).strip(), m.group(2).strip()
        elif turns:
            spk, t = turns[-1][0], body
        else:
            problem(f"{doc}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + t
        else:
            turns.append([spk, t])
    return [], [tuple(t) for t in turns]


def load(doc):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None
    fn = files[0]
    path = os.path.join(TR, fn)
    ext = fn.rsplit(".", 1)[1]
    exp = EXPECT[doc]
    if ext != exp["ext"]:
        problem(f"{doc}: expected .{exp['ext']}, found .{ext}")
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            problem(f"{doc}: docx unreadable: {e}")
            return None
        header, turns = parse_lines(doc, paras)
        full = "\n".join(paras)
    else:
        raw = open(path, "rb").read()
        text = decode(doc, raw, exp["enc"])
        if text is None:
            return None
        if exp["crlf"] is True and (b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw)):
            problem(f"{doc}: expected CRLF line endings throughout")
        if exp["crlf"] is False and b"\r\n" in raw:
            problem(f"{doc}: unexpected CRLF line endings")
        full = text
        if ext == "txt":
            header, turns = parse_lines(doc, text.replace("\r\n", "\n").split("\n"))
        elif ext == "vtt":
            header, turns = parse_vtt(doc, text)
        elif ext == "srt":
            header, turns = parse_srt(doc, text)
        else:
            problem(f"{doc}: unknown extension {ext}")
            return None
    return dict(header=header, turns=turns, full=full, ext=ext)


def read_csv(name, head):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != head:
        problem(f"{name}: header should be {','.join(head)}")
        return []
    return rows[1:]


def main():
    stats = "--stats" in sys.argv
    data = {}
    for doc in DOCS:
        d = load(doc)
        if d is None:
            continue
        data[doc] = d
        turns = d["turns"]
        spk = {s for s, _ in turns}
        iv = EXPECT[doc]["interviewer"]
        if len(spk) != 2:
            problem(f"{doc}: expected 2 speakers, found {sorted(spk)}")
        if not turns or turns[0][0] != iv:
            problem(f"{doc}: first turn is not the interviewer ({iv})")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} by the same speaker")
        for i, (s, _) in enumerate(turns, start=1):
            if (i % 2 == 1) != (s == iv):
                problem(f"{doc}: turn {i} has the wrong speaker ({s})")
                break
        words = sum(len(t.split()) for _, t in turns)
        nr = sum(1 for s, _ in turns if s != iv)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} words, outside {WORDS}")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        if FORBIDDEN.search(d["full"]):
            problem(f"{doc}: forbidden label word in transcript: {FORBIDDEN.search(d['full']).group(0)}")
        d["words"], d["nr"] = words, nr
        if stats:
            print(f"{doc}: .{d['ext']} words={words} turns={len(turns)} respondent_turns={nr} "
                  f"header_lines={len(d['header'])}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {r[0]: r for r in rows if len(r) == 3}
    if sorted(got) != DOCS or len(rows) != len(DOCS):
        problem(f"styles.csv: doc ids {sorted(got)} / {len(rows)} rows, expected {DOCS}")
    c = Counter(r[1] for r in got.values())
    if c != Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}):
        problem(f"styles.csv: mix is {dict(c)}, expected 2/2/2")
    ond = [r[2].lower() for r in got.values() if r[1] == "onbepaald"]
    if sum("mixed" in r for r in ond) != 1 or sum("too little evidence" in r for r in ond) != 1:
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")
    for r in got.values():
        if not r[2].strip():
            problem(f"styles.csv: {r[0]} has no rationale")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        k = (r[0], int(r[1]))
        keys.append(k)
        d = data.get(r[0])
        if d:
            i = k[1]
            if i < 1 or i > len(d["turns"]) or i % 2 == 1 or d["turns"][i - 1][0] == EXPECT[r[0]]["interviewer"]:
                problem(f"orientation.csv: {r[0]} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, per = set(), Counter()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]}")
        seen.add((r[0], r[1]))
        per[r[0]] += 1
        d = data.get(r[0])
        if d and r[1] not in d["full"]:
            problem(f"identifiers.csv: {r[0]} '{r[1]}' not found verbatim in transcript")
    for doc in DOCS:
        if per[doc] < 5:
            problem(f"identifiers.csv: {doc} has only {per[doc]} identifiers")

    formats = set()
    for doc, d in data.items():
        e = EXPECT[doc]
        formats.add((d["ext"], e["enc"], e["crlf"]))
    if len({d["ext"] for d in data.values()}) < 4 and len(formats) < 4:
        problem("fewer than four transcript formats")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
