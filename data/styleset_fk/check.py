"""Check set FK against the brief, using only the built transcripts (standard library only).

Usage: python3 check.py      (prints OK, or the problems and exits with status 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"fk{i:02d}" for i in range(1, 7)]
# expected text encoding and line ending for text-based deliveries
ENCODING = {"fk04": "cp1252"}
CRLF = {"fk01": True, "fk04": True}
# label of the interviewer in each document (the first speaker must be this one)
INTERVIEWER = {"fk01": "Interviewer", "fk02": "Interviewer", "fk03": "Interviewer",
               "fk04": "I", "fk05": "Marloes", "fk06": "Spreker 1"}
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)

problems = []


def words(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def decode(doc, raw):
    enc = ENCODING.get(doc, "utf-8")
    if enc != "utf-8":
        try:
            raw.decode("utf-8")
            problems.append(f"{doc}: expected {enc} but the file is valid UTF-8 "
                            "(no non-ASCII characters or wrong encoding)")
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problems.append(f"{doc}: not readable as {enc}: {e}")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if doc in CRLF:
        lone_lf = re.search(r"(?<!\r)\n", text)
        if CRLF[doc] and lone_lf:
            problems.append(f"{doc}: expected CRLF line endings")
    return text.replace("\r\n", "\n")


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return paras


LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\[\]]{1,25}?):\s+(.*)$")


def turns_from_lines(doc, lines):
    """Lines of a txt/docx transcript -> header lines, list of (speaker, text)."""
    counts = Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            counts[m.group(1)] += 1
    speakers = {lab for lab, c in counts.most_common(2) if c >= 5}
    header, turns = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = LABEL.match(ln)
        if m and m.group(1) in speakers:
            turns.append((m.group(1), m.group(2)))
        elif not turns:
            header.append(ln)
        else:
            problems.append(f"{doc}: line after the first turn without a speaker label: {ln[:50]}")
    return header, turns


def turns_from_cues(doc, text, kind):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    cues = []
    for b in blocks:
        lines = b.split("\n")
        if kind == "vtt" and (lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE")):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problems.append(f"{doc}: cue without timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[ti + 1:]).strip()
        if kind == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        else:
            m = re.match(r"^([^:]{1,25}):\s+(.*)$", body)
        if not m:
            problems.append(f"{doc}: cue without speaker: {body[:40]}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    turns = []
    for spk, t in cues:  # consecutive cues of one speaker form one turn
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + t)
        else:
            turns.append((spk, t))
    return turns


def read_doc(doc):
    files = [f for f in TR.iterdir() if f.stem == doc] if TR.is_dir() else []
    if len(files) != 1:
        problems.append(f"{doc}: expected exactly one transcript, found {len(files)}")
        return None, None, None
    f = files[0]
    ext = f.suffix.lower().lstrip(".")
    if ext == "docx":
        try:
            paras = docx_paragraphs(f)
        except Exception as e:  # noqa: BLE001
            problems.append(f"{doc}: unreadable docx: {e}")
            return ext, None, None
        header, turns = turns_from_lines(doc, paras)
        return ext, "\n".join(paras), turns
    text = decode(doc, f.read_bytes())
    if text is None:
        return ext, None, None
    if ext == "txt":
        header, turns = turns_from_lines(doc, text.split("\n"))
    elif ext == "vtt":
        if not text.startswith("WEBVTT"):
            problems.append(f"{doc}: vtt does not start with WEBVTT")
        turns = turns_from_cues(doc, text, "vtt")
    elif ext == "srt":
        if not re.match(r"^1\n\d{2}:\d{2}:\d{2},\d{3} --> ", text):
            problems.append(f"{doc}: srt does not start with cue 1")
        turns = turns_from_cues(doc, text, "srt")
    else:
        problems.append(f"{doc}: unknown format .{ext}")
        return ext, text, None
    return ext, text, turns


def main():
    formats, fulltext, nturns = set(), {}, {}
    for doc in DOCS:
        ext, text, turns = read_doc(doc)
        if turns is None:
            continue
        formats.add(ext)
        fulltext[doc] = text
        nturns[doc] = len(turns)
        spk = [s for s, _ in turns]
        if len(set(spk)) != 2:
            problems.append(f"{doc}: expected 2 speakers, found {sorted(set(spk))}")
        if spk and spk[0] != INTERVIEWER[doc]:
            problems.append(f"{doc}: first turn is by {spk[0]!r}, not the interviewer")
        for i in range(1, len(spk)):
            if spk[i] == spk[i - 1]:
                problems.append(f"{doc}: turns {i} and {i + 1} have the same speaker")
        n_resp = sum(1 for s in spk if s != INTERVIEWER[doc])
        if not RESP_TURNS[0] <= n_resp <= RESP_TURNS[1]:
            problems.append(f"{doc}: {n_resp} respondent turns")
        nw = sum(words(re.sub(r"<[^>]+>", "", t)) for _, t in turns)
        if not WORDS[0] <= nw <= WORDS[1]:
            problems.append(f"{doc}: {nw} spoken words, outside {WORDS}")
        if any(FORBIDDEN.search(t) for _, t in turns):
            problems.append(f"{doc}: a turn uses a label word")
    if len(formats) < 4:
        problems.append(f"only {len(formats)} different formats: {sorted(formats)}")

    # styles.csv
    try:
        with open(ROOT / "styles.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        got = {r["doc_id"]: r for r in rows}
        if sorted(got) != DOCS or len(rows) != len(DOCS):
            problems.append(f"styles.csv: docs {sorted(got)}")
        mix = Counter(r["style"] for r in rows)
        if dict(mix) != WANTED_MIX:
            problems.append(f"styles.csv: mix {dict(mix)} != {WANTED_MIX}")
        for r in rows:
            if not r.get("rationale", "").strip():
                problems.append(f"styles.csv: {r['doc_id']} has no rationale")
            if r["style"] == "onbepaald" and "mixed" not in r["rationale"].lower():
                problems.append(f"styles.csv: {r['doc_id']} onbepaald rationale does not say 'mixed'")
    except (OSError, KeyError) as e:
        problems.append(f"styles.csv: {e}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        keys = []
        for r in rows:
            doc, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            keys.append((doc, ti))
            if o not in ("casus", "netwerk"):
                problems.append(f"orientation.csv: bad orientation {o!r}")
            if doc not in nturns:
                problems.append(f"orientation.csv: unknown doc {doc}")
            elif ti % 2 != 0 or not 2 <= ti <= nturns[doc]:
                problems.append(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            problems.append("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problems.append("orientation.csv: duplicate rows")
    except (OSError, KeyError, ValueError) as e:
        problems.append(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        seen, per_doc = set(), Counter()
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, ident) in seen:
                problems.append(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            per_doc[doc] += 1
            if typ not in TYPES:
                problems.append(f"identifiers.csv: bad type {typ!r}")
            if doc in fulltext and ident not in fulltext[doc]:
                problems.append(f"identifiers.csv: {doc} {ident!r} not found verbatim")
        for doc in DOCS:
            if per_doc[doc] < 5:
                problems.append(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")
    except (OSError, KeyError) as e:
        problems.append(f"identifiers.csv: {e}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
