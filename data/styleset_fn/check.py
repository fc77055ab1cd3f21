#!/usr/bin/env python3
"""Check set FN: parses the built transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import collections
import csv
import glob
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
DOCS = [f"fn{i:02d}" for i in range(1, 7)]
WANTED_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
ONBEPAALD_KIND = "mixed"          # both onbepaald documents are to be genuinely mixed
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RTURNS, MAX_RTURNS = 10, 45
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def decode_text(doc, data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                buf.append(el.text)
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                buf.append("\n")
        paras.append("".join(buf))
    return paras


LABEL = re.compile(r"^([A-Za-zÀ-ÿ][\w .'’-]{0,40}?):\s+\S")


def labelled_turns(doc, lines):
    """Turns from paragraphs/lines of the form 'Label: text' (docx, plain txt)."""
    counts = collections.Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            counts[m.group(1)] += 1
    labels = [lab for lab, c in counts.most_common() if c >= 5]
    if len(labels) != 2:
        problem(f"{doc}: expected two speaker labels, found {labels}")
        return None
    turns = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(1) in labels:
            turns.append([m.group(1), s[m.end(1) + 1:].strip()])
        elif turns:
            turns[-1][1] += " " + s            # continuation paragraph of the same turn
        # lines before the first turn are the header
    return turns


TS = re.compile(r"^\[(\d{2}):(\d{2}):(\d{2})\]\s+([^:]{1,40}):\s*(.*)$")


def ts_turns(doc, lines):
    turns = []
    for ln in lines:
        s = ln.strip()
        m = TS.match(s)
        if m:
            turns.append([m.group(4), m.group(5)])
        elif s and turns:
            turns[-1][1] += " " + s
    return turns


TIMING = re.compile(r"^\d{2}:\d{2}(:\d{2})?[.,]\d{3}\s+-->\s+\d{2}:\d{2}(:\d{2})?[.,]\d{3}")
VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")


def merge(segments):
    turns = []
    for sp, text in segments:
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + text
        else:
            turns.append([sp, text])
    return turns


def vtt_turns(doc, text):
    lines = text.splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
        return None
    blocks = re.split(r"\n\s*\n", "\n".join(lines[1:]).strip())
    segs, cur = [], None
    for b in blocks:
        bl = b.split("\n")
        if bl[0].startswith("NOTE") or bl[0].startswith("STYLE"):
            continue
        idx = next((i for i, l in enumerate(bl) if TIMING.match(l.strip())), None)
        if idx is None:
            problem(f"{doc}: vtt block without timing: {bl[0][:40]!r}")
            continue
        for l in bl[idx + 1:]:
            m = VOICE.search(l)
            if m:
                cur = m.group(1).strip()
            content = re.sub(r"</?[^>]+>", "", l).strip()
            if cur is None:
                problem(f"{doc}: vtt cue without speaker")
                continue
            if content:
                segs.append((cur, content))
    return merge(segs)


SRT_LABEL = re.compile(r"^([^:]{1,40}):\s*(.*)$")


def srt_turns(doc, text):
    blocks = re.split(r"\n\s*\n", text.strip())
    segs, cur = [], None
    for b in blocks:
        bl = [l for l in b.split("\n")]
        if len(bl) < 3 or not bl[0].strip().isdigit() or not TIMING.match(bl[1].strip()):
            problem(f"{doc}: malformed srt block: {bl[0][:40]!r}")
            continue
        for l in bl[2:]:
            m = SRT_LABEL.match(l.strip())
            if m:
                cur, content = m.group(1), m.group(2)
            else:
                content = l.strip()
            if cur is None:
                problem(f"{doc}: srt cue without speaker")
                continue
            if content:
                segs.append((cur, content))
    return merge(segs)


def load(doc):
    paths = [p for p in glob.glob(os.path.join(ROOT, "transcripts", doc + ".*"))]
    if len(paths) != 1:
        problem(f"{doc}: expected exactly one transcript, found {len(paths)}")
        return None, None
    path = paths[0]
    ext = path.rsplit(".", 1)[1].lower()
    if ext == "docx":
        paras = docx_paragraphs(path)
        return labelled_turns(doc, paras), "\n".join(paras)
    data = open(path, "rb").read()
    text, enc = decode_text(doc, data)
    if text is None:
        return None, None
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        lines = text.split("\n")
        if any(TS.match(l.strip()) for l in lines):
            return ts_turns(doc, lines), text
        return labelled_turns(doc, lines), text
    if ext == "vtt":
        return vtt_turns(doc, text), text + "\n" + re.sub(r"</?[^>]+>", "", text)
    if ext == "srt":
        return srt_turns(doc, text), text
    problem(f"{doc}: unknown transcript format .{ext}")
    return None, None


def main():
    turns_of, text_of = {}, {}
    for doc in DOCS:
        turns, full = load(doc)
        if turns is None:
            continue
        turns_of[doc], text_of[doc] = turns, full
        speakers = []
        for sp, _ in turns:
            if sp not in speakers:
                speakers.append(sp)
        if len(speakers) != 2:
            problem(f"{doc}: expected 2 speakers, found {speakers}")
            continue
        interviewer = turns[0][0]
        for i, (sp, _) in enumerate(turns, 1):
            want_int = i % 2 == 1
            if (sp == interviewer) != want_int:
                problem(f"{doc}: turn {i} by {sp!r} breaks alternation (interviewer first)")
                break
        words = sum(len(re.sub(r"<[^>]+>", " ", t).split()) for _, t in turns)
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{doc}: {words} spoken words, outside {MIN_WORDS}-{MAX_WORDS}")
        nresp = sum(1 for sp, _ in turns if sp != interviewer)
        if not MIN_RTURNS <= nresp <= MAX_RTURNS:
            problem(f"{doc}: {nresp} respondent turns, outside {MIN_RTURNS}-{MAX_RTURNS}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"styles.csv: {e}")
        rows = []
    seen = {}
    for r in rows:
        d, st, ra = r.get("doc_id"), r.get("style"), (r.get("rationale") or "").strip()
        if d not in DOCS:
            problem(f"styles.csv: unknown doc_id {d!r}")
        elif d in seen:
            problem(f"styles.csv: duplicate {d}")
        seen[d] = st
        if st not in WANTED_MIX:
            problem(f"styles.csv: {d}: invalid style {st!r}")
        if not ra:
            problem(f"styles.csv: {d}: empty rationale")
        if st == "onbepaald" and ONBEPAALD_KIND not in ra.lower():
            problem(f"styles.csv: {d}: onbepaald rationale does not say '{ONBEPAALD_KIND}'")
    for d in DOCS:
        if d not in seen:
            problem(f"styles.csv: missing {d}")
    mix = collections.Counter(seen.values())
    if dict(mix) != WANTED_MIX:
        problem(f"styles.csv: mix {dict(mix)} differs from {WANTED_MIX}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"orientation.csv: {e}")
        rows = []
    keys = []
    for r in rows:
        d, o = r.get("doc_id"), r.get("orientation")
        try:
            ti = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem(f"orientation.csv: bad turn_index {r.get('turn_index')!r}")
            continue
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: {d} {ti}: invalid orientation {o!r}")
        if d not in turns_of:
            problem(f"orientation.csv: {d}: no parsed transcript")
            continue
        turns = turns_of[d]
        if not 1 <= ti <= len(turns):
            problem(f"orientation.csv: {d} {ti}: outside 1-{len(turns)}")
        elif ti % 2 != 0 or turns[ti - 1][0] == turns[0][0]:
            problem(f"orientation.csv: {d} {ti}: not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")
    for d in DOCS:
        if d not in {k[0] for k in keys}:
            problem(f"orientation.csv: no rows for {d}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except OSError as e:
        problem(f"identifiers.csv: {e}")
        rows = []
    per_doc = collections.Counter()
    seen_ids = set()
    for r in rows:
        d, ident, typ = r.get("doc_id"), r.get("identifier") or "", r.get("type")
        if (d, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {d} {ident!r}")
        seen_ids.add((d, ident))
        per_doc[d] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv: {d} {ident!r}: invalid type {typ!r}")
        if d not in text_of:
            problem(f"identifiers.csv: {d}: no parsed transcript")
        elif not ident or ident not in text_of[d]:
            problem(f"identifiers.csv: {d}: {ident!r} does not occur verbatim")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has {per_doc[d]} identifiers (< 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
