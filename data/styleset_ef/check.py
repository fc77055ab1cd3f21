#!/usr/bin/env python3
"""Stdlib self-check for blind set EF. Reads the generated transcripts (not the sources) and the csv files.

Checks: one transcript per id; speaker turns strictly alternate interviewer/respondent starting with the
interviewer; every orientation row points at a respondent turn; every identifier occurs verbatim in its
document; styles.csv complete and valid; word counts within 1,500-2,600; format mix. Prints OK or the errors.
"""
import csv
import html
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
IDS = ["ef01", "ef02", "ef03", "ef04", "ef05", "ef06"]
# (interviewer label, respondent label) as they appear in each file
LABELS = {
    "ef01": ("Interviewer", "Marjolein"),
    "ef02": ("Interviewer", "Youssef"),
    "ef03": ("Eva Kuipers", "Bas Lammers"),
    "ef04": ("INT", "HJW"),
    "ef05": ("I", "R"),
    "ef06": ("Spreker 1", "Spreker 2"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
LINE = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?([^:\[\]<>]{1,30}):\s+(.*)$")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def turns_from_lines(doc, lines):
    li, lr = LABELS[doc]
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = LINE.match(line)
        if m and m.group(1) in (li, lr):
            turns.append(["I" if m.group(1) == li else "R", m.group(2)])
        elif turns:
            turns[-1][1] += " " + line  # continuation paragraph
        # else: header line before the first turn
    return turns


def parse_docx(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def parse_cues(text, kind):
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    cues = []
    for b in blocks:
        lines = [l for l in b.splitlines() if l.strip()]
        if not lines or lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            err(f"{kind}: cue without timing: {lines[0][:40]}")
            continue
        sep = "," if kind == "srt" else "."
        if not re.match(r"^\d{2}:\d{2}:\d{2}%s\d{3} --> \d{2}:\d{2}:\d{2}%s\d{3}" % (re.escape(sep), re.escape(sep)), lines[idx]):
            err(f"{kind}: bad timing line {lines[idx]}")
        cues.append(" ".join(lines[idx + 1:]))
    return cues


def turns_from_cues(doc, cues, kind):
    li, lr = LABELS[doc]
    turns = []
    for c in cues:
        if kind == "vtt":
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", c)
            if not m:
                err(f"{doc}: cue without voice tag: {c[:40]}")
                continue
            spk, txt = m.group(1), html.unescape(m.group(2))
        else:
            m = LINE.match(c)
            if not m:
                err(f"{doc}: cue without speaker label: {c[:40]}")
                continue
            spk, txt = m.group(1), m.group(2)
        if spk not in (li, lr):
            err(f"{doc}: unknown speaker {spk!r}")
            continue
        who = "I" if spk == li else "R"
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def load(doc):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        err(f"{doc}: expected exactly one transcript, found {files}")
        return None, None, None, None
    path = os.path.join(TR, files[0])
    ext = os.path.splitext(path)[1][1:]
    if ext == "docx":
        paras = parse_docx(path)
        full = "\n".join(paras)
        return ext, "docx", full, turns_from_lines(doc, paras)
    text, enc = read_text(path)
    if ext == "txt":
        return ext, enc, text, turns_from_lines(doc, text.splitlines())
    if ext in ("vtt", "srt"):
        if ext == "vtt" and not text.startswith("WEBVTT"):
            err(f"{doc}: vtt does not start with WEBVTT")
        return ext, enc, text, turns_from_cues(doc, parse_cues(text, ext), ext)
    err(f"{doc}: unexpected extension {ext}")
    return None, None, None, None


def main():
    docs = {}
    for doc in IDS:
        ext, enc, full, turns = load(doc)
        if turns is None:
            continue
        if len(turns) < 10:
            err(f"{doc}: only {len(turns)} turns parsed")
        for i, (who, _) in enumerate(turns, start=1):
            if who != ("I" if i % 2 == 1 else "R"):
                err(f"{doc}: alternation broken at turn {i}")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
        docs[doc] = dict(ext=ext, enc=enc, full=full, turns=turns, words=words)

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = [r["doc_id"] for r in rows]
    if sorted(got) != IDS or len(set(got)) != len(got):
        err(f"styles.csv ids {got}")
    for r in rows:
        if r["style"] not in STYLES:
            err(f"styles.csv bad style {r}")
        if not r.get("rationale", "").strip():
            err(f"styles.csv empty rationale for {r['doc_id']}")
    style = {r["doc_id"]: r["style"] for r in rows}

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = []
    for r in orows:
        d, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
        if d not in docs:
            err(f"orientation.csv unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            err(f"orientation.csv bad value {r}")
        try:
            ti = int(ti)
        except ValueError:
            err(f"orientation.csv bad turn index {r}")
            continue
        turns = docs[d]["turns"]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
            err(f"orientation.csv {d} turn {ti} is not a respondent turn")
        keys.append((d, ti))
    if keys != sorted(keys):
        err("orientation.csv not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicate rows")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        d = r["doc_id"]
        if d not in docs:
            err(f"identifiers.csv unknown doc {d}")
            continue
        if r["type"] not in TYPES:
            err(f"identifiers.csv bad type {r}")
        if r["identifier"] not in docs[d]["full"]:
            err(f"identifiers.csv {d}: {r['identifier']!r} not found verbatim")
    for d in IDS:
        if not any(r["doc_id"] == d for r in irows):
            err(f"identifiers.csv has no rows for {d}")

    # format mix
    exts = [docs[d]["ext"] for d in docs]
    if "docx" not in exts:
        err("no .docx in the set")
    if not ({"vtt", "srt"} & set(exts)):
        err("no .vtt/.srt in the set")
    if "txt" not in exts:
        err("no .txt in the set")
    if not any(docs[d]["enc"] == "cp1252" for d in docs):
        err("no Windows-1252 file in the set")
    if not os.path.exists(os.path.join(ROOT, "README.md")):
        err("README.md missing")

    for d in IDS:
        if d in docs:
            x = docs[d]
            nr = sum(1 for w, _ in x["turns"] if w == "R")
            no = sum(1 for k in keys if k[0] == d)
            print(f"{d}  {x['ext']:<4} {x['enc']:<7} {style.get(d, '?'):<15} words={x['words']:<5} "
                  f"turns={len(x['turns']):<3} respondent_turns={nr:<3} orientation_rows={no}")
    if errors:
        print("\n".join("ERROR: " + e for e in errors))
        print(f"FAILED ({len(errors)} errors)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
