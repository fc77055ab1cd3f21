#!/usr/bin/env python3
"""Check the built setKG transcripts and csv files (standard library only).

Parses the transcripts themselves (not src/), then checks turns, orientation rows,
identifiers, styles and word counts. Prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"
DOCS = [f"kg{i:02d}" for i in range(1, 7)]
# expected extension, encoding, interviewer label, respondent label
SPEC = {
    "kg01": ("docx", "utf-8", "Interviewer", "Respondent"),
    "kg02": ("txt", "cp1252", "I", "R"),
    "kg03": ("docx", "utf-8", "Sanne", "Bart"),
    "kg04": ("vtt", "utf-8", "Interviewer", "Gerard Pennings"),
    "kg05": ("srt", "utf-8", "Interviewer", "Nadia"),
    "kg06": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                parts.append(el.text)
            elif el.tag in (W + "tab",):
                parts.append("\t")
            elif el.tag in (W + "br",):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def labelled_turns(lines, ilab, rlab, ts=False):
    """Header = everything before the first interviewer line; unlabelled
    non-empty lines after that continue the previous turn."""
    pre = r"(?:\[\d{2}:\d{2}:\d{2}\]\s*)?" if ts else ""
    pat = re.compile(r"^" + pre + "(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$")
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m and (started or m.group(1) == ilab):
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            if ts and re.match(r"^\[\d{2}:\d{2}:\d{2}\]", s):
                bad(f"timestamped line with unknown speaker: {s[:50]!r}")
            turns[-1][1] += " " + s
    return turns


def cue_blocks(text):
    return [b for b in re.split(r"\r?\n\s*\r?\n", text.strip()) if b.strip()]


def vtt_turns(text, doc):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    turns = []
    for b in cue_blocks(text)[1:]:
        lines = b.splitlines()
        if lines[0].startswith("NOTE"):
            continue
        tl = [i for i, ln in enumerate(lines) if "-->" in ln]
        if not tl:
            bad(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[tl[0] + 1:])
        m = re.match(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        spk, txt = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def srt_turns(text, doc, labels):
    turns = []
    pat = re.compile(r"^(" + "|".join(re.escape(x) for x in labels) + r"):\s*(.*)$", re.S)
    for b in cue_blocks(text):
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        body = " ".join(x.strip() for x in lines[2:])
        m = pat.match(body)
        if m:
            spk, txt = m.group(1), m.group(2)
        elif turns:
            spk, txt = turns[-1][0], body
        else:
            bad(f"{doc}: first srt cue without speaker")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc):
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {len(files)}")
        return None, None
    path = files[0]
    ext, enc, ilab, rlab = SPEC[doc]
    if path.suffix[1:] != ext:
        bad(f"{doc}: expected .{ext}, found {path.name}")
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: docx unreadable: {e}")
            return None, None
        return "\n".join(paras), labelled_turns(paras, ilab, rlab)
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: expected Windows-1252 but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if ext == "txt":
        return text, labelled_turns(text.splitlines(), ilab, rlab, ts=(doc == "kg06"))
    if ext == "vtt":
        return text, vtt_turns(text, doc)
    if ext == "srt":
        return text, srt_turns(text, doc, (ilab, rlab))
    return None, None


def main():
    texts, nturns = {}, {}
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        _, _, ilab, rlab = SPEC[doc]
        texts[doc] = text
        nturns[doc] = len(turns)
        for i, (spk, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if spk != want:
                bad(f"{doc}: turn {i} is {spk!r}, expected {want!r}")
                break
        nresp = sum(1 for s, _ in turns if s == rlab)
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns (10-45)")
        nw = sum(len(t.split()) for _, t in turns)
        if not 1500 <= nw <= 2600:
            bad(f"{doc}: {nw} words of spoken text (1500-2600)")

    # styles.csv
    with open(HERE / "styles.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = {}
    for r in rows:
        if r["doc_id"] in got:
            bad(f"styles.csv: duplicate {r['doc_id']}")
        got[r["doc_id"]] = r["style"]
        if r["style"] not in MIX:
            bad(f"styles.csv: bad style {r['style']!r}")
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence",
                                                       r["rationale"], re.I):
            bad(f"styles.csv: onbepaald rationale for {r['doc_id']} does not say which kind")
    if set(got) != set(DOCS):
        bad(f"styles.csv: docs {sorted(got)} != {DOCS}")
    for st, n in MIX.items():
        if sum(1 for v in got.values() if v == st) != n:
            bad(f"styles.csv: expected {n} x {st}")

    # orientation.csv
    with open(HERE / "orientation.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keys = []
    for r in rows:
        doc, idx, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        keys.append((doc, idx))
        if doc not in nturns:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r}")
        if idx % 2 or not 1 <= idx <= nturns[doc]:
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicates")

    # identifiers.csv
    with open(HERE / "identifiers.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen, count = set(), {}
    for r in rows:
        doc, s, t = r["doc_id"], r["identifier"], r["type"]
        if (doc, s) in seen:
            bad(f"identifiers.csv: duplicate {doc} {s!r}")
        seen.add((doc, s))
        count[doc] = count.get(doc, 0) + 1
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {t!r}")
        if doc in texts and s not in texts[doc]:
            bad(f"identifiers.csv: {doc} {s!r} not found verbatim")
    for doc in DOCS:
        if count.get(doc, 0) < 5:
            bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if problems:
        print("\n".join(problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
