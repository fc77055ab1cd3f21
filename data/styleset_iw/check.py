#!/usr/bin/env python3
"""Check set IW: parses the BUILT transcripts (not the sources). Standard library only.
Prints OK or the problems (exit status 1)."""
import csv
import html
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

EXPECTED_STYLE = {"iw01": "casusgericht", "iw02": "netwerkgericht", "iw03": "casusgericht",
                  "iw04": "netwerkgericht", "iw05": "onbepaald", "iw06": "netwerkgericht"}
# doc -> (extension, format, encoding, interviewer label, respondent label)
CFG = {
    "iw01": ("docx", "docx", None, "Interviewer", "Ingrid Vermeulen"),
    "iw02": ("txt", "txt_label", "cp1252", "I", "R"),
    "iw03": ("vtt", "vtt", "utf-8", "Eline Smit", "Nadia Bouzid"),
    "iw04": ("srt", "srt", "utf-8", "Interviewer", "Thea"),
    "iw05": ("txt", "txt_ts", "utf-8", "Spreker 1", "Spreker 2"),
    "iw06": ("docx", "docx", None, "Interviewer", "Respondent"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RT, MAX_RT = 10, 45

problems = []


def err(msg):
    problems.append(msg)


def words(text):
    return [w for w in text.split() if re.search(r"\w", w)]


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        parts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>|<w:(tab|br)/>", p, flags=re.S)
        txt = "".join(html.unescape(t) if t else ("\t" if k == "tab" else "\n") for t, k in parts)
        paras.append(txt)
    return paras


def parse(doc):
    """Return (full_text, turns) where turns = [(role, text)], role 'I' or 'R'."""
    ext, fmt, enc, il, rl = CFG[doc]
    path = os.path.join(TR, f"{doc}.{ext}")
    if not os.path.exists(path):
        err(f"{doc}: missing transcript {doc}.{ext}")
        return None, []
    role = {il: "I", rl: "R"}
    turns = []
    if fmt == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            err(f"{doc}: unreadable docx ({e})")
            return None, []
        full = "\n".join(paras)
        started = False
        for p in paras:
            m = re.match(r"^(%s|%s):\s*(.*)$" % (re.escape(il), re.escape(rl)), p, flags=re.S)
            if m:
                started = True
                turns.append((role[m.group(1)], m.group(2)))
            elif p.strip() and started:
                err(f"{doc}: paragraph without speaker label after turns began: {p[:50]!r}")
        return full, turns
    raw = open(path, "rb").read()
    try:
        full = raw.decode(enc)
    except UnicodeDecodeError as e:
        err(f"{doc}: not readable as {enc} ({e})")
        return None, []
    if enc == "cp1252":
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            err(f"{doc}: expected CRLF line endings throughout")
    text = full.replace("\r\n", "\n")
    if fmt == "txt_label":
        started = False
        for line in text.split("\n"):
            m = re.match(r"^(%s|%s): (.*)$" % (re.escape(il), re.escape(rl)), line)
            if m:
                started = True
                turns.append((role[m.group(1)], m.group(2)))
            elif line.strip() and started:
                err(f"{doc}: unlabelled line after turns began: {line[:50]!r}")
    elif fmt == "txt_ts":
        started = False
        for line in text.split("\n"):
            m = re.match(r"^\[(\d\d):(\d\d):(\d\d)\] (%s|%s): (.*)$" % (re.escape(il), re.escape(rl)), line)
            if m:
                started = True
                turns.append((role[m.group(4)], m.group(5)))
            elif line.strip() and started:
                err(f"{doc}: unlabelled line after turns began: {line[:50]!r}")
    elif fmt == "vtt":
        if not text.startswith("WEBVTT"):
            err(f"{doc}: no WEBVTT signature")
        blocks = re.split(r"\n\s*\n", text.strip())
        for b in blocks[1:]:
            lines = b.split("\n")
            if lines[0].startswith("NOTE"):
                continue
            if "-->" not in lines[0]:
                lines = lines[1:]  # cue identifier
            if not lines or not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", lines[0]):
                err(f"{doc}: bad cue timing {lines[:1]}")
                continue
            body = " ".join(lines[1:])
            m = re.match(r"^<v ([^>]+)>(.*)$", body)
            if not m or m.group(1) not in role:
                err(f"{doc}: cue without known voice tag: {body[:50]!r}")
                continue
            r, t = role[m.group(1)], re.sub(r"</?v[^>]*>", "", m.group(2))
            if turns and turns[-1][0] == r:
                turns[-1] = (r, turns[-1][1] + " " + t)
            else:
                turns.append((r, t))
    elif fmt == "srt":
        blocks = re.split(r"\n\s*\n", text.strip())
        expect = 1
        for b in blocks:
            lines = b.split("\n")
            if len(lines) < 3 or lines[0].strip() != str(expect) or not re.match(
                    r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1]):
                err(f"{doc}: bad srt block near cue {expect}")
                expect += 1
                continue
            expect += 1
            body = " ".join(lines[2:])
            m = re.match(r"^(%s|%s): (.*)$" % (re.escape(il), re.escape(rl)), body)
            if m:
                turns.append((role[m.group(1)], m.group(2)))
            elif turns:
                turns[-1] = (turns[-1][0], turns[-1][1] + " " + body)
            else:
                err(f"{doc}: first srt cue has no speaker")
    return full, turns


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        err(f"missing {name}")
        return None, []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return (rows[0] if rows else None), rows[1:]


def main():
    files = sorted(os.listdir(TR)) if os.path.isdir(TR) else []
    stems = [os.path.splitext(f)[0] for f in files]
    for doc in EXPECTED_STYLE:
        if stems.count(doc) != 1:
            err(f"{doc}: expected exactly one transcript, found {stems.count(doc)}")
    for f in files:
        if os.path.splitext(f)[0] not in EXPECTED_STYLE:
            err(f"unexpected file in transcripts/: {f}")

    parsed = {}
    for doc in EXPECTED_STYLE:
        full, turns = parse(doc)
        parsed[doc] = (full, turns)
        if full is None:
            continue
        if not turns:
            err(f"{doc}: no turns parsed")
            continue
        for i, (r, _) in enumerate(turns, start=1):
            want = "I" if i % 2 else "R"
            if r != want:
                err(f"{doc}: turn {i} is {r}, expected {want} (turns must alternate, interviewer first)")
                break
        nw = sum(len(words(t)) for _, t in turns)
        nr = sum(1 for r, _ in turns if r == "R")
        if not MIN_WORDS <= nw <= MAX_WORDS:
            err(f"{doc}: {nw} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        if not MIN_RT <= nr <= MAX_RT:
            err(f"{doc}: {nr} respondent turns, outside {MIN_RT}-{MAX_RT}")

    hdr, rows = read_csv("styles.csv")
    if hdr is not None:
        if hdr != ["doc_id", "style", "rationale"]:
            err(f"styles.csv: bad header {hdr}")
        got = {}
        for r in rows:
            if len(r) != 3 or not r[2].strip():
                err(f"styles.csv: bad row {r}")
                continue
            if r[0] in got:
                err(f"styles.csv: duplicate {r[0]}")
            got[r[0]] = r[1]
        if got != EXPECTED_STYLE:
            err(f"styles.csv: style mix {got} differs from requested {EXPECTED_STYLE}")
        for r in rows:
            if len(r) == 3 and r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
                err(f"styles.csv: onbepaald row {r[0]} does not say which kind")

    hdr, rows = read_csv("orientation.csv")
    if hdr is not None:
        if hdr != ["doc_id", "turn_index", "orientation"]:
            err(f"orientation.csv: bad header {hdr}")
        keys = []
        for r in rows:
            if len(r) != 3 or r[0] not in EXPECTED_STYLE or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
                err(f"orientation.csv: bad row {r}")
                continue
            k = (r[0], int(r[1]))
            keys.append(k)
            turns = parsed[r[0]][1]
            i = int(r[1])
            if i < 1 or i > len(turns) or turns[i - 1][0] != "R":
                err(f"orientation.csv: {r[0]} turn {i} is not a respondent turn")
        if keys != sorted(keys):
            err("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            err("orientation.csv: duplicate rows")

    hdr, rows = read_csv("identifiers.csv")
    if hdr is not None:
        if hdr != ["doc_id", "identifier", "type"]:
            err(f"identifiers.csv: bad header {hdr}")
        seen, count = set(), {d: 0 for d in EXPECTED_STYLE}
        for r in rows:
            if len(r) != 3 or r[0] not in EXPECTED_STYLE or r[2] not in TYPES or not r[1].strip():
                err(f"identifiers.csv: bad row {r}")
                continue
            if (r[0], r[1]) in seen:
                err(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
            seen.add((r[0], r[1]))
            count[r[0]] += 1
            full = parsed[r[0]][0]
            if full is None:
                continue
            norm = " ".join(full.split())
            if r[1] not in full and " ".join(r[1].split()) not in norm:
                err(f"identifiers.csv: {r[0]} {r[1]!r} does not occur verbatim in the transcript")
        for d, n in count.items():
            if n < 5:
                err(f"identifiers.csv: {d} has only {n} identifiers (need at least 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
