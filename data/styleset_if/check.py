"""Check set IF: parses the BUILT transcripts (not the sources). Standard library only.

Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOC_IDS = ["if01", "if02", "if03", "if04", "if05", "if06"]

# how each delivered transcript is to be read
SPEC = {
    "if01": dict(ext="docx", labels=("Interviewer", "Respondent")),
    "if02": dict(ext="txt", encoding="cp1252", labels=("I", "R"), crlf=True),
    "if03": dict(ext="vtt", encoding="utf-8", labels=("Pieter Jansma", "Yasmina Tahiri")),
    "if04": dict(ext="srt", encoding="utf-8", labels=("Lotte", "Wilma"), crlf=True),
    "if05": dict(ext="txt", encoding="utf-8", labels=("Spreker 1", "Spreker 2"), ts=True),
    "if06": dict(ext="docx", labels=("Femke", "Ronald")),
}
WANT_MIX = Counter({"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2})
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
        txt = "".join(t.text or "" for t in p.iter(W + "t"))
        paras.append(txt)
    return paras


def label_turns(lines, labels, ts=False):
    """lines: text lines/paragraphs. Returns (header_text, turns [(speaker_idx, text)])."""
    pat = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\] )?(" + "|".join(re.escape(l) for l in labels) + r"): (.*)$")
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            if ts and not m.group(1):
                bad(f"turn without timestamp: {ln[:50]!r}")
            turns.append([labels.index(m.group(2)), m.group(3)])
        elif not turns:
            header.append(ln)
        else:
            # continuation of previous turn would be unusual here: flag it
            bad(f"line outside a turn: {ln[:60]!r}")
    return header, turns


def vtt_turns(text, labels):
    if not text.startswith("WEBVTT"):
        bad("vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if "-->" in lines[0]:
            body = " ".join(lines[1:])
        elif len(lines) > 1 and "-->" in lines[1]:
            body = " ".join(lines[2:])
        else:
            bad(f"vtt block without timing: {b[:40]!r}")
            continue
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            bad(f"vtt cue without voice tag: {body[:40]!r}")
            continue
        if m.group(1) not in labels:
            bad(f"unknown voice {m.group(1)!r}")
            continue
        cues.append((labels.index(m.group(1)), m.group(2)))
    return merge(cues)


def srt_turns(text, labels):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"): (.*)$")
    for i, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if lines[0].strip() != str(i) or "-->" not in lines[1]:
            bad(f"srt cue {i} malformed")
            continue
        body = " ".join(lines[2:])
        m = pat.match(body)
        if not m:
            bad(f"srt cue {i} without speaker name")
            continue
        cues.append((labels.index(m.group(1)), m.group(2)))
    return merge(cues)


def merge(cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def read_doc(doc_id):
    spec = SPEC[doc_id]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        bad(f"{doc_id}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + spec["ext"]):
        bad(f"{doc_id}: expected .{spec['ext']}, found {files[0]}")
    if spec["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            bad(f"{doc_id}: unreadable docx: {e}")
            return None, None
        full = "\n".join(paras)
        _, turns = label_turns(paras, spec["labels"])
        return full, turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(spec["encoding"])
    except UnicodeDecodeError as e:
        bad(f"{doc_id}: not readable as {spec['encoding']}: {e}")
        return None, None
    if spec["encoding"] == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{doc_id}: file also decodes as UTF-8, expected real Windows-1252 bytes")
        except UnicodeDecodeError:
            pass
    if spec.get("crlf"):
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            bad(f"{doc_id}: expected CRLF line endings throughout")
    text = text.replace("\r\n", "\n")
    if spec["ext"] == "txt":
        _, turns = label_turns(text.split("\n"), spec["labels"], ts=spec.get("ts", False))
    elif spec["ext"] == "vtt":
        turns = vtt_turns(text, spec["labels"])
    else:
        turns = srt_turns(text, spec["labels"])
    return text, turns


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    texts, turnsets = {}, {}
    for d in DOC_IDS:
        full, turns = read_doc(d)
        if full is None:
            continue
        texts[d], turnsets[d] = full, turns
        if not turns:
            bad(f"{d}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns):
            if spk != i % 2:
                bad(f"{d}: turn {i + 1} breaks alternation (interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nres = sum(1 for s, _ in turns if s == 1)
        if not 1500 <= words <= 2600:
            bad(f"{d}: {words} spoken words, outside 1500-2600")
        if not 10 <= nres <= 45:
            bad(f"{d}: {nres} respondent turns, outside 10-45")
        print(f"{d}: turns={len(turns)} respondent_turns={nres} words={words}")

    # styles
    rows = read_csv("styles.csv")
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != DOC_IDS or len(rows) != len(DOC_IDS):
        bad(f"styles.csv doc ids: {sorted(got)}")
    mix = Counter(r["style"] for r in rows)
    if mix != WANT_MIX:
        bad(f"style mix {dict(mix)} != {dict(WANT_MIX)}")
    kinds = []
    for r in rows:
        if not r.get("rationale", "").strip():
            bad(f"{r['doc_id']}: empty rationale")
        if r["style"] == "onbepaald":
            rl = r["rationale"].lower()
            if "mixed" in rl or "gemengd" in rl:
                kinds.append("mixed")
            elif "too little evidence" in rl:
                kinds.append("little")
            else:
                bad(f"{r['doc_id']}: onbepaald rationale does not say which kind")
    if sorted(kinds) != ["little", "mixed"]:
        bad(f"onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation
    rows = read_csv("orientation.csv")
    keys = []
    for r in rows:
        d, o = r["doc_id"], r["orientation"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            bad(f"orientation: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation {d}/{ti}: bad value {o!r}")
        if d not in turnsets:
            bad(f"orientation: unknown doc {d}")
            continue
        if ti < 1 or ti > len(turnsets[d]) or turnsets[d][ti - 1][0] != 1:
            bad(f"orientation {d}/{ti}: not a respondent turn")
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        bad("orientation.csv not sorted or has duplicates")

    # identifiers
    rows = read_csv("identifiers.csv")
    seen, per_doc = set(), Counter()
    for r in rows:
        d, s, t = r["doc_id"], r["identifier"], r["type"]
        if (d, s) in seen:
            bad(f"identifiers: duplicate {d}/{s!r}")
        seen.add((d, s))
        per_doc[d] += 1
        if t not in TYPES:
            bad(f"identifiers {d}/{s!r}: bad type {t}")
        if d not in texts:
            bad(f"identifiers: unknown doc {d}")
        elif s not in texts[d]:
            bad(f"identifiers {d}: {s!r} not found verbatim in transcript")
    for d in DOC_IDS:
        if per_doc[d] < 5:
            bad(f"{d}: only {per_doc[d]} identifiers")

    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
