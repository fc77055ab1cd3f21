"""Stdlib self-check for setCM.

Verifies, per transcript: it parses into speaker turns, exactly two speakers, the interviewer
speaks first and turns strictly alternate (consecutive subtitle cues of one speaker form one
turn); the turn texts equal the annotated source; word count 1,500-2,600.
Verifies the csv files: styles.csv complete (six ids, valid styles, mix 2/3/1); every
orientation row points at an existing respondent (even) turn; every identifier occurs
verbatim in its document. Exit code 0 when everything passes.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "src"))
import build  # noqa: E402  (stdlib-only at import time; used to cross-check turn texts)

IDS = build.IDS
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\n]{1,40}?):\s+(.*)$", re.S)
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = build.TYPES
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def labelled(blocks):
    """blocks -> list of (speaker, text) keeping only blocks whose label is one of the 2 commonest."""
    found = []
    for b in blocks:
        m = LABEL.match(b.strip())
        if m:
            found.append((m.group(1).strip(), m.group(2).strip()))
    counts = {}
    for s, _ in found:
        counts[s] = counts.get(s, 0) + 1
    speakers = sorted(counts, key=lambda s: -counts[s])[:2]
    return [(s, t) for s, t in found if s in speakers]


def parse_transcript(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return labelled(paras), "\n".join(paras), False
    text, _ = read_text(path)
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        return labelled(re.split(r"\n\s*\n", text)), text, False
    cues = []
    if ext == "srt":
        for block in re.split(r"\n\s*\n", text.strip()):
            lines = block.split("\n")
            if len(lines) < 3 or "-->" not in lines[1]:
                err(f"{path}: malformed srt block {lines[:2]}")
                continue
            m = LABEL.match(" ".join(lines[2:]))
            if not m:
                err(f"{path}: srt cue without speaker label: {lines[2][:40]}")
                continue
            cues.append((m.group(1), m.group(2)))
    elif ext == "vtt":
        if not text.startswith("WEBVTT"):
            err(f"{path}: missing WEBVTT header")
        for block in re.split(r"\n\s*\n", text.strip())[1:]:
            lines = block.split("\n")
            if lines[0].startswith("NOTE"):
                continue
            if "-->" not in lines[0]:
                err(f"{path}: malformed vtt cue {lines[0][:40]}")
                continue
            m = re.match(r"^<v ([^>]+)>(.*)$", " ".join(lines[1:]), re.S)
            if not m:
                err(f"{path}: vtt cue without <v> tag")
                continue
            cues.append((m.group(1), m.group(2)))
    merged = []
    for s, t in cues:
        if merged and merged[-1][0] == s:
            merged[-1] = (s, merged[-1][1] + " " + t)
        else:
            merged.append((s, t))
    return merged, text, True


def main():
    tdir = os.path.join(ROOT, "transcripts")
    files = {f.rsplit(".", 1)[0]: os.path.join(tdir, f) for f in os.listdir(tdir)}
    nturns, doctext, fmt = {}, {}, {}
    for doc_id in IDS:
        if doc_id not in files:
            err(f"{doc_id}: transcript missing")
            continue
        path = files[doc_id]
        fmt[doc_id] = path.rsplit(".", 1)[1]
        turns, text, _ = parse_transcript(path)
        doctext[doc_id] = text
        nturns[doc_id] = len(turns)
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            err(f"{doc_id}: expected 2 speakers, got {speakers}")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                err(f"{doc_id}: turns {i} and {i + 1} by the same speaker")
        meta, src_turns, _ = build.parse(doc_id)
        if turns and turns[0][0] != meta["ilabel"]:
            err(f"{doc_id}: first speaker {turns[0][0]!r} is not the interviewer")
        if len(turns) != len(src_turns):
            err(f"{doc_id}: {len(turns)} turns in transcript, {len(src_turns)} in source")
        for i, ((s, t), st) in enumerate(zip(turns, src_turns), 1):
            if re.sub(r"\s+", " ", t).strip() != st["text"]:
                err(f"{doc_id}: turn {i} text differs from source")
        wc = sum(build.words(t) for _, t in turns)
        if not 1500 <= wc <= 2600:
            err(f"{doc_id}: {wc} words, outside 1500-2600")
        for word in ("casusgericht", "netwerkgericht", "regiestijl"):
            if word in text.lower():
                print(f"note: {doc_id} contains {word!r}")
        print(f"{doc_id}: {fmt[doc_id]:4s} {len(turns):2d} turns ({len(turns) // 2} respondent), {wc} words")

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = {r["doc_id"]: r for r in rows}
    if sorted(seen) != sorted(IDS) or len(rows) != len(IDS):
        err(f"styles.csv ids {sorted(seen)}")
    mix = {}
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
        mix[r["style"]] = mix.get(r["style"], 0) + 1
    if mix != {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}:
        err(f"styles.csv: mix {mix} differs from the task's 2/3/1")

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv not sorted or has duplicates")
    for r in orows:
        d, i = r["doc_id"], int(r["turn_index"])
        if d not in nturns:
            err(f"orientation.csv: unknown doc {d}")
        elif i % 2 != 0 or not 2 <= i <= nturns[d]:
            err(f"orientation.csv: {d} turn {i} is not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {r['orientation']}")

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        if r["type"] not in TYPES:
            err(f"identifiers.csv: bad type {r['type']}")
        if r["identifier"] not in doctext.get(r["doc_id"], ""):
            err(f"identifiers.csv: {r['doc_id']} {r['identifier']!r} not found verbatim")
    print(f"styles: {len(rows)} rows; orientation: {len(orows)} rows; identifiers: {len(irows)} rows")

    if errors:
        print(f"FAIL ({len(errors)} problems)")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
