#!/usr/bin/env python3
"""Check set JE against its built transcripts (standard library only).

Parses transcripts/ (not src/), then checks: one readable transcript per doc in its encoding,
strictly alternating turns starting with the interviewer, orientation rows pointing at respondent
turns, identifiers occurring verbatim, styles.csv complete with the requested mix, 1,500-2,600
spoken words and 10-45 respondent turns per document. Prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

SET = Path(__file__).resolve().parent
TR = SET / "transcripts"
DOCS = ["je01", "je02", "je03", "je04", "je05", "je06"]
EXPECTED = {"je01": "casusgericht", "je02": "netwerkgericht", "je03": "onbepaald",
            "je04": "casusgericht", "je05": "onbepaald", "je06": "netwerkgericht"}
ONBEPAALD_KIND = {"je03": "too little evidence", "je05": "mixed"}
# (interviewer label, respondent label, encoding, required line ending or None)
FORMAT = {
    "je01": ("Femke Alberts", "Yvonne Brouwer", "utf-8", None),
    "je02": ("Daan Hofman", "Ronald Veenstra", "utf-8", None),
    "je03": ("I", "R", "cp1252", "\r\n"),
    "je04": ("Jorien", "Esra", "utf-8", "\r\n"),
    "je05": ("Spreker 1", "Spreker 2", "utf-8", None),
    "je06": ("I", "R", "utf-8", None),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
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


def line_turns(lines, ilab, rlab, doc):
    """Turns from paragraph/line based formats: 'Label: text', optional [hh:mm:ss] stamp."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(" + re.escape(ilab) + "|" + re.escape(rlab)
                     + r"):\s*(.*)$")
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            turns.append(["I" if m.group(1) == ilab else "R", m.group(2)])
        elif not turns:
            header.append(s)
        else:
            turns[-1][1] += " " + s
    return header, turns


def vtt_turns(text, ilab, rlab, doc):
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    header, segs = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        cue = " ".join(lines[ti + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?\s*$", cue)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {cue[:40]!r}")
            continue
        name = m.group(1).strip()
        if name not in (ilab, rlab):
            problem(f"{doc}: unknown voice {name!r}")
            continue
        segs.append(["I" if name == ilab else "R", m.group(2)])
    return header, merge(segs)


def srt_turns(text, ilab, rlab, doc):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    segs, last = [], None
    pat = re.compile(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$", re.S)
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue {n}")
            continue
        if int(lines[0]) != n:
            problem(f"{doc}: srt cue numbered {lines[0]} at position {n}")
        cue = " ".join(l.strip() for l in lines[2:])
        m = pat.match(cue)
        if m:
            last = "I" if m.group(1) == ilab else "R"
            segs.append([last, m.group(2)])
        elif last:
            segs.append([last, cue])
        else:
            problem(f"{doc}: srt cue {n} without speaker")
    return [], merge(segs)


def merge(segs):
    out = []
    for sp, t in segs:
        if out and out[-1][0] == sp:
            out[-1][1] += " " + t
        else:
            out.append([sp, t])
    return out


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def load(doc):
    ilab, rlab, enc, eol = FORMAT[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    ext = path.suffix.lower()
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx: {e}")
            return None
        header, turns = line_turns(paras, ilab, rlab, doc)
        full = "\n".join(paras)
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as {enc}: {e}")
            return None
        if "\ufffd" in text or re.search("[ÃÂ][\x80-\xbf©«»¨]", text):
            problem(f"{doc}: looks like mojibake")
        if eol == "\r\n" and re.search(r"(?<!\r)\n", text):
            problem(f"{doc}: expected CRLF line endings throughout")
        if ext == ".vtt":
            header, turns = vtt_turns(text, ilab, rlab, doc)
        elif ext == ".srt":
            header, turns = srt_turns(text, ilab, rlab, doc)
        elif ext == ".txt":
            header, turns = line_turns(text.splitlines(), ilab, rlab, doc)
        else:
            problem(f"{doc}: unexpected extension {ext}")
            return None
        full = text
    return {"path": path, "ext": ext, "header": header, "turns": turns, "full": norm(full)}


def main():
    extra = [p.name for p in TR.iterdir() if p.stem not in DOCS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    data = {d: load(d) for d in DOCS}
    labelstyles = {(data[d]["ext"], FORMAT[d][0]) for d in DOCS if data[d]}
    if len(labelstyles) < 4:
        problem(f"fewer than four different transcript formats: {sorted(labelstyles)}")
    for d in DOCS:
        x = data[d]
        if not x:
            continue
        turns = x["turns"]
        if not turns:
            problem(f"{d}: no turns parsed")
            continue
        for i, (sp, t) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if sp != want:
                problem(f"{d}: turn {i} is {sp}, expected {want} (turns must alternate, interviewer first)")
                break
            if not t.strip():
                problem(f"{d}: turn {i} is empty")
        words = sum(len(t.split()) for _, t in turns)
        rturns = sum(1 for sp, _ in turns if sp == "R")
        x["words"], x["rturns"] = words, rturns
        if not 1500 <= words <= 2600:
            problem(f"{d}: {words} spoken words, outside 1500-2600")
        if not 10 <= rturns <= 45:
            problem(f"{d}: {rturns} respondent turns, outside 10-45")
        spoken = " ".join(t for _, t in turns)
        if FORBIDDEN.search(spoken):
            problem(f"{d}: forbidden label word in the interview: {FORBIDDEN.search(spoken).group(0)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(SET / "styles.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
    for d in DOCS:
        r = seen.get(d)
        if not r:
            problem(f"styles.csv: {d} missing")
            continue
        if r["style"] != EXPECTED[d]:
            problem(f"styles.csv: {d} is {r['style']}, requested {EXPECTED[d]}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {d} has no rationale")
        if d in ONBEPAALD_KIND and ONBEPAALD_KIND[d] not in r.get("rationale", "").lower():
            problem(f"styles.csv: {d} rationale does not name the onbepaald kind")
    if set(seen) - set(DOCS):
        problem(f"styles.csv: unknown docs {sorted(set(seen) - set(DOCS))}")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(SET / "orientation.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = []
    for r in orows:
        d, o = r["doc_id"], r["orientation"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: {d} {ti} bad orientation {o!r}")
        x = data.get(d)
        if not x:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if not 1 <= ti <= len(x["turns"]) or x["turns"][ti - 1][0] != "R":
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(SET / "identifiers.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    count, pairs = {d: 0 for d in DOCS}, set()
    for r in irows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (d, ident) in pairs:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        pairs.add((d, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: {d} {ident!r} bad type {typ}")
        x = data.get(d)
        if not x:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        count[d] += 1
        if norm(ident) not in x["full"]:
            problem(f"identifiers.csv: {d} {ident!r} does not occur verbatim in {x['path'].name}")
    for d in DOCS:
        if count[d] < 5:
            problem(f"identifiers.csv: {d} has only {count[d]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d in DOCS:
        x = data[d]
        print(f"{d}  {x['path'].name:10s} words={x['words']}  respondent_turns={x['rturns']}"
              f"  identifiers={count[d]}")
    print("OK")


if __name__ == "__main__":
    main()
