#!/usr/bin/env python3
"""Stdlib-only self-check for set J. Reads the transcripts as delivered (not the sources).

Checks: six transcripts present; turns strictly alternate between two speakers starting with the
interviewer; every orientation row points at an existing respondent (even) turn; every identifier
occurs verbatim in its document; styles.csv complete and valid; word counts 1500-2600.
Run:  python3 check.py
"""
import csv
import html
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
IDS = [f"bj0{i}" for i in range(1, 7)]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 ]{0,24}?):\s+(.*)$")
errors = []


def err(msg):
    errors.append(msg)


def decode(raw, name):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def labelled_lines(lines, name):
    """Turns from 'Label: text' paragraphs; lines before the first speaker label are header."""
    parsed = [(LABEL_RE.match(l), l) for l in lines if l.strip()]
    counts = {}
    for m, _ in parsed:
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    speakers = sorted(counts, key=counts.get, reverse=True)[:2]
    turns, started = [], False
    for m, l in parsed:
        if m and m.group(1) in speakers:
            started = True
            turns.append((m.group(1), m.group(2)))
        elif started:
            err(f"{name}: line that is not a speaker turn after the header: {l[:60]!r}")
    return turns


def cues(text):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for b in blocks:
        lines = [l for l in b.strip().split("\n") if l.strip()]
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            continue
        out.append(" ".join(lines[idx + 1:]))
    return out


def merge(seq):
    turns = []
    for who, txt in seq:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + txt)
        else:
            turns.append((who, txt))
    return turns


def read_doc(path):
    ext = path.suffix[1:]
    name = path.name
    if ext == "txt":
        text, enc = decode(path.read_bytes(), name)
        return labelled_lines(text.splitlines(), name), text, enc
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        paras = []
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
            paras.append(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S))))
        return labelled_lines(paras, name), "\n".join(paras), "docx"
    if ext == "vtt":
        text = path.read_text(encoding="utf-8")
        if not text.startswith("WEBVTT"):
            err(f"{name}: missing WEBVTT header")
        seq = []
        for c in cues(text):
            m = re.match(r"<v ([^>]+)>(.*?)(?:</v>)?$", c)
            if not m:
                err(f"{name}: cue without <v> voice tag: {c[:50]!r}")
                continue
            seq.append((m.group(1), m.group(2)))
        notes = " ".join(re.findall(r"^NOTE (.*)$", text, flags=re.M))
        return merge(seq), notes + "\n" + "\n".join(f"{w}: {t}" for w, t in merge(seq)), "utf-8"
    if ext == "srt":
        text = path.read_text(encoding="utf-8")
        seq = []
        for c in cues(text):
            m = LABEL_RE.match(c)
            if not m:
                err(f"{name}: cue without speaker label: {c[:50]!r}")
                continue
            seq.append((m.group(1), m.group(2)))
        return merge(seq), "\n".join(f"{w}: {t}" for w, t in merge(seq)), "utf-8"
    err(f"{name}: unknown format")
    return [], "", "?"


def main():
    docs = {}
    for did in IDS:
        found = sorted((ROOT / "transcripts").glob(did + ".*"))
        if len(found) != 1:
            err(f"{did}: expected exactly one transcript, found {len(found)}")
            continue
        turns, fulltext, enc = read_doc(found[0])
        docs[did] = (found[0], turns, fulltext, enc)
        speakers = []
        for who, _ in turns:
            if who not in speakers:
                speakers.append(who)
        if len(speakers) != 2:
            err(f"{did}: expected 2 speakers, got {speakers}")
        for i, (who, _) in enumerate(turns, start=1):
            want = speakers[0] if i % 2 else speakers[1]
            if who != want:
                err(f"{did}: turn {i} by {who!r}, expected {want!r} (no strict alternation)")
                break
        if speakers and not re.match(r"(?i)^(i|interviewer|spreker 1|mvd)$", speakers[0]):
            err(f"{did}: first speaker {speakers[0]!r} does not look like the interviewer")
        if len(turns) % 2:
            err(f"{did}: odd number of turns")
        nwords = sum(len(t.split()) for _, t in turns)
        if not 1500 <= nwords <= 2600:
            err(f"{did}: {nwords} words, outside 1500-2600")

    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err(f"styles.csv: ids {sorted(got)} (expected {IDS}, once each)")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")
    mix = {s: sum(r["style"] == s for r in rows) for s in STYLES}

    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted by doc_id, turn_index or has duplicates")
    for r in orows:
        did, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad value {r['orientation']!r}")
        if did not in docs:
            err(f"orientation.csv: unknown doc {did}")
            continue
        turns = docs[did][1]
        if ti % 2 or not 1 <= ti <= len(turns):
            err(f"orientation.csv: {did} turn {ti} is not a respondent turn (doc has {len(turns)} turns)")

    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in irows:
        did = r["doc_id"]
        if r["type"] not in types:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if did not in docs:
            err(f"identifiers.csv: unknown doc {did}")
            continue
        if r["identifier"] not in docs[did][2]:
            err(f"identifiers.csv: {did} {r['identifier']!r} not found verbatim")

    encs = {d: v[3] for d, v in docs.items()}
    if "cp1252" not in encs.values():
        err("no Windows-1252 transcript found")
    for did, (path, turns, _, enc) in docs.items():
        print(f"{did}  {path.suffix[1:]:5s} {enc:7s} turns={len(turns):3d} "
              f"respondent_turns={len(turns)//2:3d} words={sum(len(t.split()) for _, t in turns)}")
    print(f"style mix: {mix}; orientation rows: {len(orows)}; identifier rows: {len(irows)}")
    if errors:
        print("\nFAILED:")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
