"""Check set GQ: parses the BUILT transcripts (not the sources). Standard library only.

Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc_id: (extension, format, encoding, line ending or None, interviewer label, respondent label)
SPEC = {
    "gq01": ("docx", "docx", None, None, "Interviewer", "Hanneke Wolters"),
    "gq02": ("txt", "labels", "cp1252", "\r\n", "I", "R"),
    "gq03": ("vtt", "vtt", "utf-8", "\n", "Interviewer", "Wim Hofstede"),
    "gq04": ("srt", "srt", "utf-8", "\r\n", "Ellen Kuipers", "Youssef Amrani"),
    "gq05": ("txt", "spreker", "utf-8", "\n", "Spreker 1", "Spreker 2"),
    "gq06": ("docx", "docx", None, None, "Interviewer", "Respondent"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
ONBEPAALD_KIND = "mixed"          # both onbepaald docs in this set are genuinely mixed
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def label_split(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def add_turn(turns, spk, text, merge):
    if turns and turns[-1][0] == spk and merge:
        turns[-1][1] = (turns[-1][1] + " " + text).strip()
    else:
        turns.append([spk, text])


def parse_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W_NS + "t":
                parts.append(el.text or "")
            elif el.tag == W_NS + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    turns = []
    for para in paras:
        s = para.strip()
        if not s:
            continue
        lab, text = label_split(s, labels)
        if lab:
            add_turn(turns, lab, text, merge=False)
        elif turns:
            turns[-1][1] += " " + s
    return "\n".join(paras), turns


def decode(path, enc, nl, doc):
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None
    if nl == "\r\n":
        if re.search(r"(?<!\r)\n", text):
            problem(f"{doc}: expected CRLF line endings throughout")
    elif nl == "\n" and "\r" in text:
        problem(f"{doc}: unexpected CR characters")
    return text.lstrip("\ufeff")


def parse_labels(text, labels):
    turns = []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        lab, body = label_split(s, labels)
        if lab:
            add_turn(turns, lab, body, merge=False)
        elif turns:
            turns[-1][1] += " " + s
    return turns


def parse_spreker(text, labels, doc):
    turns, last = [], -1
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+(.+?):\s?(.*)$")
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        m = pat.match(s)
        if m and m.group(4) in labels:
            secs = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if secs < last:
                problem(f"{doc}: timestamps go backwards at {s[:12]}")
            last = secs
            add_turn(turns, m.group(4), m.group(5), merge=False)
        elif m:
            problem(f"{doc}: unknown speaker {m.group(4)}")
        elif turns:
            turns[-1][1] += " " + s
    return turns


TS = r"(\d\d):(\d\d):(\d\d)[.,](\d\d\d)"


def secs(m, off):
    return int(m.group(off)) * 3600 + int(m.group(off + 1)) * 60 + int(m.group(off + 2)) + int(m.group(off + 3)) / 1000


def parse_vtt(text, labels, doc):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: VTT does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text)
    turns, last = [], -1.0
    for b in blocks[1:]:
        lines = [l for l in b.split("\n") if l.strip()]
        if not lines or lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines[:2]) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: VTT block without timing: {lines[0][:40]}")
            continue
        m = re.match(TS + r"\s+-->\s+" + TS, lines[ti].strip())
        if not m:
            problem(f"{doc}: bad VTT timing {lines[ti][:40]}")
            continue
        start, end = secs(m, 1), secs(m, 5)
        if start < last or end <= start:
            problem(f"{doc}: VTT timings out of order at {lines[ti]}")
        last = start
        body = " ".join(lines[ti + 1:])
        v = re.match(r"<v(?:\.[^ >]+)?\s+([^>]+)>(.*)$", body)
        if not v:
            problem(f"{doc}: VTT cue without voice tag: {body[:40]}")
            continue
        spk = v.group(1).strip()
        if spk not in labels:
            problem(f"{doc}: unknown VTT voice {spk}")
        txt = re.sub(r"</?[^>]+>", "", v.group(2)).strip()
        add_turn(turns, spk, txt, merge=True)
    return turns


def parse_srt(text, labels, doc):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    turns, expect, last = [], 1, -1.0
    for b in blocks:
        lines = [l for l in b.split("\n") if l.strip()]
        if len(lines) < 3:
            problem(f"{doc}: short SRT block {b[:30]!r}")
            continue
        if lines[0].strip() != str(expect):
            problem(f"{doc}: SRT numbering {lines[0]!r}, expected {expect}")
        expect = int(lines[0]) + 1 if lines[0].strip().isdigit() else expect + 1
        m = re.match(TS + r"\s+-->\s+" + TS, lines[1].strip())
        if not m:
            problem(f"{doc}: bad SRT timing {lines[1][:40]}")
            continue
        start, end = secs(m, 1), secs(m, 5)
        if start < last or end <= start:
            problem(f"{doc}: SRT timings out of order at cue {lines[0]}")
        last = start
        body = " ".join(l.strip() for l in lines[2:])
        lab, txt = label_split(body, labels)
        if lab:
            add_turn(turns, lab, txt, merge=True)
        elif turns:
            turns[-1][1] += " " + body
        else:
            problem(f"{doc}: first SRT cue without speaker")
    return turns


def words(s):
    return [w for w in s.split() if re.search(r"\w", w)]


def main():
    # styles
    styles = {}
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            r = csv.DictReader(f)
            if r.fieldnames != ["doc_id", "style", "rationale"]:
                problem(f"styles.csv header {r.fieldnames}")
            for row in r:
                if row["doc_id"] in styles:
                    problem(f"styles.csv duplicate {row['doc_id']}")
                styles[row["doc_id"]] = row
    except FileNotFoundError:
        problem("styles.csv missing")
    for doc in SPEC:
        row = styles.get(doc)
        if not row:
            problem(f"styles.csv lacks {doc}")
            continue
        if row["style"] not in MIX:
            problem(f"{doc}: bad style {row['style']}")
        if not row["rationale"].strip():
            problem(f"{doc}: empty rationale")
        if row["style"] == "onbepaald" and ONBEPAALD_KIND not in row["rationale"].lower():
            problem(f"{doc}: onbepaald rationale does not say which kind ({ONBEPAALD_KIND})")
    extra = set(styles) - set(SPEC)
    if extra:
        problem(f"styles.csv has unknown docs {sorted(extra)}")
    counts = {k: sum(1 for d in SPEC if styles.get(d, {}).get("style") == k) for k in MIX}
    if counts != MIX:
        problem(f"style mix {counts}, expected {MIX}")

    # transcripts
    parsed = {}
    for doc, (ext, fmt, enc, nl, ilab, rlab) in SPEC.items():
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
            continue
        path = files[0]
        if path.suffix != "." + ext:
            problem(f"{doc}: expected .{ext}, found {path.name}")
            continue
        labels = (ilab, rlab)
        if fmt == "docx":
            try:
                full, turns = parse_docx(path, labels)
            except (zipfile.BadZipFile, KeyError, ET.ParseError) as e:
                problem(f"{doc}: unreadable docx: {e}")
                continue
        else:
            full = decode(path, enc, nl, doc)
            if full is None:
                continue
            if fmt == "labels":
                turns = parse_labels(full, labels)
            elif fmt == "spreker":
                turns = parse_spreker(full, labels, doc)
            elif fmt == "vtt":
                turns = parse_vtt(full, labels, doc)
            else:
                turns = parse_srt(full, labels, doc)
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if spk != want:
                problem(f"{doc}: turn {i + 1} is by {spk}, expected {want} (strict alternation, interviewer first)")
                break
        nresp = sum(1 for s, _ in turns if s == rlab)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, expected {RESP_TURNS}")
        nw = sum(len(words(t)) for _, t in turns)
        if not WORDS[0] <= nw <= WORDS[1]:
            problem(f"{doc}: {nw} spoken words, expected {WORDS}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word '{w}' in transcript")
        parsed[doc] = (full, turns, rlab, nw, nresp)

    # orientation
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            r = csv.DictReader(f)
            if r.fieldnames != ["doc_id", "turn_index", "orientation"]:
                problem(f"orientation.csv header {r.fieldnames}")
            keys = []
            for row in r:
                doc = row["doc_id"]
                try:
                    idx = int(row["turn_index"])
                except ValueError:
                    problem(f"orientation.csv bad index {row}")
                    continue
                keys.append((doc, idx))
                if row["orientation"] not in ("casus", "netwerk"):
                    problem(f"orientation.csv bad orientation {row}")
                if doc not in SPEC:
                    problem(f"orientation.csv unknown doc {doc}")
                    continue
                if doc not in parsed:
                    continue
                _, turns, rlab, _, _ = parsed[doc]
                if not 1 <= idx <= len(turns) or turns[idx - 1][0] != rlab:
                    problem(f"orientation.csv {doc} turn {idx} is not a respondent turn")
            if keys != sorted(keys):
                problem("orientation.csv not sorted")
            if len(keys) != len(set(keys)):
                problem("orientation.csv has duplicates")
    except FileNotFoundError:
        problem("orientation.csv missing")

    # identifiers
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            r = csv.DictReader(f)
            if r.fieldnames != ["doc_id", "identifier", "type"]:
                problem(f"identifiers.csv header {r.fieldnames}")
            seen, per_doc = set(), {}
            for row in r:
                doc, ident, typ = row["doc_id"], row["identifier"], row["type"]
                if (doc, ident) in seen:
                    problem(f"identifiers.csv duplicate {doc} {ident!r}")
                seen.add((doc, ident))
                per_doc[doc] = per_doc.get(doc, 0) + 1
                if typ not in TYPES:
                    problem(f"identifiers.csv bad type {typ} for {ident!r}")
                if doc not in SPEC:
                    problem(f"identifiers.csv unknown doc {doc}")
                    continue
                if doc in parsed and ident not in parsed[doc][0]:
                    problem(f"{doc}: identifier {ident!r} does not occur verbatim")
            for doc in SPEC:
                if per_doc.get(doc, 0) < 5:
                    problem(f"{doc}: only {per_doc.get(doc, 0)} identifiers (need at least 5)")
    except FileNotFoundError:
        problem("identifiers.csv missing")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
