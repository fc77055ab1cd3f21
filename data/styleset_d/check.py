"""Stdlib self-check for setD (does not use src/ or python-docx; parses the transcripts as delivered).

Checks: every transcript parses into speaker turns that strictly alternate between two speakers,
starting with the interviewer; word count 1,500-2,600; every orientation row points at an existing
respondent (even) turn; every identifier occurs verbatim in its document; styles.csv complete and
within the style mix; csv files sorted / well-formed.
Run: python3 check.py
"""
import csv
import html
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"bd0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Za-zÀ-ÿ][^:\[\]]{0,24}):\s+(.*)$", re.S)
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        paras.append(html.unescape("".join(re.findall(r"<w:t[^>]*>(.*?)</w:t>", p, re.S))))
    return paras


def turns_from_paragraphs(paras):
    """Labelled paragraphs; header lines before the first turn may be unlabelled or use a 3rd label."""
    lab = []
    for p in paras:
        m = LABEL_RE.match(p.strip())
        if m:
            lab.append((m.group(1).strip(), m.group(2)))
    counts = Counter(s for s, _ in lab)
    speakers = {s for s, _ in counts.most_common(2)}
    return [(s, t) for s, t in lab if s in speakers]


def parse(path):
    ext = path.suffix
    if ext == ".docx":
        paras = docx_paragraphs(path)
        return turns_from_paragraphs(paras), "\n".join(paras)
    text = read_text(path)
    if ext == ".txt":
        paras = [p for p in re.split(r"\r?\n\s*\r?\n", text) if p.strip()]
        return turns_from_paragraphs(paras), text
    if ext == ".vtt":
        cues = re.findall(r"-->[^\n]*\n(.*?)(?:\n\n|\Z)", text, re.S)
        turns = []
        for c in cues:
            m = re.match(r"<v ([^>]+)>(.*)", c.strip(), re.S)
            if not m:
                err(f"{path.name}: cue without <v> voice: {c[:40]!r}")
                continue
            turns.append((m.group(1).strip(), re.sub(r"</v>\s*$", "", m.group(2))))
        merged = []
        for s, t in turns:  # consecutive cues of one speaker = one turn
            if merged and merged[-1][0] == s:
                merged[-1] = (s, merged[-1][1] + " " + t)
            else:
                merged.append((s, t))
        return merged, text
    if ext == ".srt":
        cues = re.findall(r"-->[^\n]*\n(.*?)(?:\n\n|\Z)", text, re.S)
        turns = []
        for c in cues:
            m = LABEL_RE.match(c.strip())
            if not m:
                err(f"{path.name}: cue without speaker label: {c[:40]!r}")
                continue
            if turns and turns[-1][0] == m.group(1):
                turns[-1] = (m.group(1), turns[-1][1] + " " + m.group(2))
            else:
                turns.append((m.group(1), m.group(2)))
        return turns, text
    raise ValueError(path)


def main():
    files = {p.stem: p for p in TR.iterdir()}
    if sorted(files) != DOCS:
        err(f"transcripts folder should hold exactly {DOCS}, has {sorted(files)}")
    info = {}
    for d in DOCS:
        if d not in files:
            continue
        turns, full = parse(files[d])
        speakers = [s for s, _ in turns]
        if len(set(speakers)) != 2:
            err(f"{d}: expected 2 speakers, got {Counter(speakers)}")
        for i in range(1, len(speakers)):
            if speakers[i] == speakers[i - 1]:
                err(f"{d}: turns {i} and {i + 1} by the same speaker {speakers[i]}")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words, outside 1500-2600")
        info[d] = {"n": len(turns), "full": full, "first": speakers[0] if speakers else None,
                   "words": words, "rturns": len(turns) // 2}
        print(f"{d}: {files[d].name:10s} turns={len(turns):3d} words={words} "
              f"interviewer={speakers[0]!r} respondent={speakers[1]!r}")

    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if [r["doc_id"] for r in rows] != DOCS:
        err(f"styles.csv doc ids {[r['doc_id'] for r in rows]}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    c = Counter(r["style"] for r in rows)
    if c["casusgericht"] < 2 or c["netwerkgericht"] < 2 or c["onbepaald"] > 1:
        err(f"style mix not allowed: {dict(c)}")

    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as fh:
        orows = list(csv.DictReader(fh))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        err("orientation.csv not sorted by doc_id, turn_index or has duplicates")
    for r in orows:
        d, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in {"casus", "netwerk"}:
            err(f"orientation.csv: bad orientation {r}")
        if d not in info or ti % 2 or not 1 <= ti <= info[d]["n"]:
            err(f"orientation.csv: {r} does not point at a respondent turn")

    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as fh:
        irows = list(csv.DictReader(fh))
    for r in irows:
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r}")
        if r["doc_id"] not in info or r["identifier"] not in info[r["doc_id"]]["full"]:
            err(f"identifiers.csv: {r} not found verbatim in its document")
    per_doc = Counter(r["doc_id"] for r in irows)
    for d in DOCS:
        if per_doc[d] < 5:
            err(f"{d}: only {per_doc[d]} identifiers")

    if errors:
        print("\nFAILED:")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print(f"\nOK: {len(DOCS)} docs, {len(orows)} orientation rows, {len(irows)} identifiers, "
          f"styles {dict(c)}")


if __name__ == "__main__":
    main()
