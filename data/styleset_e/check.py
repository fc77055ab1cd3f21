#!/usr/bin/env python3
"""Stdlib self-check for set E. Parses the transcripts themselves (not the sources) and verifies:
alternation (interviewer first, two speakers), orientation rows -> respondent turns, identifiers occur
verbatim, styles.csv complete and within the brief's mix, word counts 1500-2600, no leftover markup."""
import csv
import html
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
IDS = [f"be0{i}" for i in range(1, 7)]
INTERVIEWER = {"Interviewer", "I", "IV", "Spreker 1"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Z][\w\- ]{0,30}?):\s+(.*)$")
errors = []


def err(msg):
    errors.append(msg)


def units_of(path):
    """Return (full_text, units[(label, text)], cue_based)."""
    ext = path.suffix
    if ext == ".docx":
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        lines = []
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
            t = "".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S))
            lines.append(html.unescape(t))
        return "\n".join(lines), [LABEL.match(l) for l in lines if l.strip()], False
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n")
    if ext == ".vtt":
        if not text.startswith("WEBVTT"):
            err(f"{path.name}: no WEBVTT header")
        units = []
        for m in re.finditer(r"^<v ([^>]+)>(.*?)</v>$", text, flags=re.M):
            units.append((m.group(1), m.group(2)))
        return text, units, True
    if ext == ".srt":
        units = []
        for block in re.split(r"\n\s*\n", text.strip()):
            bl = block.split("\n")
            if len(bl) < 3 or not bl[0].isdigit() or "-->" not in bl[1]:
                err(f"{path.name}: malformed cue {bl[:2]}")
                continue
            m = LABEL.match(" ".join(bl[2:]))
            units.append((m.group(1), m.group(2)) if m else (None, " ".join(bl[2:])))
        return text, units, True
    lines = [l for l in text.split("\n") if l.strip()]
    return text, [LABEL.match(l) for l in lines], False


def turns_of(path):
    full, units, cue_based = units_of(path)
    norm = []
    for u in units:
        if u is None:
            norm.append((None, None))
        elif isinstance(u, tuple):
            norm.append(u)
        else:
            norm.append((u.group(1), u.group(2)))
    counts = Counter(l for l, _ in norm if l)
    speakers = {l for l, c in counts.items() if c >= 3}
    turns = []
    started = False
    for lab, txt in norm:
        if lab in speakers:
            started = True
            if turns and turns[-1][0] == lab:
                if not cue_based:
                    err(f"{path.name}: two consecutive paragraphs by {lab}")
                turns[-1][1] += " " + txt
            else:
                turns.append([lab, txt])
        elif started:
            err(f"{path.name}: unlabelled/unknown line after start: {str(txt)[:60]}")
    if len(speakers) != 2:
        err(f"{path.name}: expected 2 speakers, got {speakers}")
    if turns and turns[0][0] not in INTERVIEWER:
        err(f"{path.name}: first turn by {turns[0][0]}, not interviewer")
    for a, b in zip(turns, turns[1:]):
        if a[0] == b[0]:
            err(f"{path.name}: no alternation")
    if re.search(r"\{\{|\}\}|\[\[(casus|netwerk|-)\]\]", full):
        err(f"{path.name}: leftover markup")
    return full, turns


def main():
    docs = {}
    for doc in IDS:
        files = list(TR.glob(doc + ".*"))
        if len(files) != 1:
            err(f"{doc}: expected one transcript, found {files}")
            continue
        full, turns = turns_of(files[0])
        words = sum(len(t.split()) for _, t in turns)
        docs[doc] = (full, turns)
        ok = 1500 <= words <= 2600
        if not ok:
            err(f"{doc}: {words} words outside 1500-2600")
        print(f"{doc}: {files[0].name:10s} turns={len(turns):3d} respondent_turns={len(turns)//2:3d} words={words}")
    # styles
    with open(HERE / "styles.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    st = {r["doc_id"]: r["style"] for r in rows}
    if sorted(st) != IDS:
        err(f"styles.csv docs {sorted(st)}")
    for r in rows:
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald") or not r["rationale"].strip():
            err(f"styles.csv bad row {r}")
    c = Counter(st.values())
    if c["casusgericht"] < 2 or c["netwerkgericht"] < 2 or c["onbepaald"] > 1:
        err(f"style mix violates brief: {dict(c)}")
    # orientation
    with open(HERE / "orientation.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted/unique")
    for r in rows:
        d, n = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation bad value {r}")
        if d not in docs or n < 1 or n > len(docs[d][1]):
            err(f"orientation {d}:{n} out of range")
        elif n % 2 != 0 or docs[d][1][n - 1][0] in INTERVIEWER:
            err(f"orientation {d}:{n} is not a respondent turn")
    # identifiers
    with open(HERE / "identifiers.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["type"] not in TYPES:
            err(f"identifier bad type {r}")
        if r["doc_id"] not in docs or r["identifier"] not in docs[r["doc_id"]][0]:
            err(f"identifier not verbatim in {r['doc_id']}: {r['identifier']}")
    print(f"styles={dict(c)} orientation_rows={len(keys)} identifier_rows={len(rows)}")
    if errors:
        print("ERRORS:")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
