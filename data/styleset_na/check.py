#!/usr/bin/env python3
"""Check set 'na' against its built transcripts (standard library only).

Parses transcripts/<doc>.<ext> (not the sources) and checks: one readable transcript per doc in its
declared encoding; turns alternate starting with the interviewer; 10-45 respondent turns;
1,500-2,600 words of spoken text; every orientation row points at a respondent turn (sorted, no
duplicates); every identifier occurs verbatim in its document; styles.csv complete with the
requested mix. Prints OK or the problems (exit status 1).
"""
import csv
import glob
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label, crlf expected)
DOCS = {
    "na01": ("docx", None, "Interviewer", "Respondent", False),
    "na02": ("txt", "cp1252", "I", "R", True),
    "na03": ("vtt", "utf-8", "Interviewer", "Mirjam Dassen", False),
    "na04": ("srt", "utf-8", "Interviewer", "Rob", True),
    "na05": ("txt", "utf-8", "Spreker 1", "Spreker 2", False),
    "na06": ("docx", None, "Interviewer", "Annelies", False),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def label_turns(lines, labels):
    """Lines -> (header text, [(label, text)]); a line starting with a known label starts a turn."""
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + "|".join(re.escape(l) for l in labels)
                     + r"):\s*(.*)$")
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + ln.strip()
        else:
            header.append(ln)
    return header, turns


def cue_blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def vtt_turns(text, labels):
    if not text.startswith("WEBVTT"):
        problems.append("vtt without WEBVTT line")
    turns = []
    for b in cue_blocks(text)[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = [i for i, l in enumerate(lines) if "-->" in l]
        if not ti:
            problems.append(f"vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[ti[0] + 1:])
        m = re.match(r"<v ([^>]+)>(.*)$", body)
        if not m or m.group(1) not in labels:
            problems.append(f"vtt cue without known voice: {body[:40]!r}")
            continue
        spk, txt = m.group(1), m.group(2).replace("</v>", "").strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def srt_turns(text, labels):
    turns, n = [], 0
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s*(.*)$")
    for b in cue_blocks(text):
        lines = b.split("\n")
        n += 1
        if lines[0].strip() != str(n) or "-->" not in lines[1]:
            problems.append(f"srt cue {n} malformed: {b[:40]!r}")
            continue
        m = pat.match(" ".join(l.strip() for l in lines[2:]))
        if not m:
            problems.append(f"srt cue {n} without known speaker")
            continue
        spk, txt = m.group(1), m.group(2)
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc):
    ext, enc, ilab, rlab, crlf = DOCS[doc]
    files = glob.glob(os.path.join(TR, doc + ".*"))
    if len(files) != 1:
        problems.append(f"{doc}: expected one transcript, found {len(files)}")
        return None, None
    path = files[0]
    if not path.endswith("." + ext):
        problems.append(f"{doc}: unexpected extension {path}")
        return None, None
    labels = (ilab, rlab)
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            problems.append(f"{doc}: unreadable docx: {e}")
            return None, None
        full = "\n".join(paras)
        _, turns = label_turns(paras, labels)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problems.append(f"{doc}: not readable as {enc}: {e}")
            return None, None
        if text.startswith("\ufeff"):
            text = text[1:]
        has_crlf = "\r\n" in text
        if crlf and (not has_crlf or re.search(r"(?<!\r)\n", text)):
            problems.append(f"{doc}: expected CRLF line endings throughout")
        if not crlf and has_crlf:
            problems.append(f"{doc}: unexpected CRLF")
        text = text.replace("\r\n", "\n")
        full = text
        if ext == "txt":
            _, turns = label_turns(text.split("\n"), labels)
        elif ext == "vtt":
            turns = vtt_turns(text, labels)
        else:
            turns = srt_turns(text, labels)
    return full, turns


def main():
    texts, turnsets = {}, {}
    for doc in DOCS:
        full, turns = load(doc)
        if full is None:
            continue
        texts[doc], turnsets[doc] = full, turns
        ilab, rlab = DOCS[doc][2], DOCS[doc][3]
        for i, (spk, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if spk != want:
                problems.append(f"{doc}: turn {i + 1} by {spk!r}, expected {want!r}")
                break
        rt = sum(1 for s, _ in turns if s == rlab)
        if not 10 <= rt <= 45:
            problems.append(f"{doc}: {rt} respondent turns (10-45)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            problems.append(f"{doc}: {words} words (1500-2600)")

    # styles
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            problems.append(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r["style"]
        if not r.get("rationale", "").strip():
            problems.append(f"styles.csv: no rationale for {r['doc_id']}")
    if set(seen) != set(DOCS):
        problems.append(f"styles.csv: docs {sorted(seen)} != {sorted(DOCS)}")
    mix = {k: list(seen.values()).count(k) for k in MIX}
    if mix != MIX or len(seen) != sum(MIX.values()):
        problems.append(f"styles.csv: mix {mix}, wanted {MIX}")

    # orientation
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc, idx, ori = r["doc_id"], r["turn_index"], r["orientation"]
        if ori not in ("casus", "netwerk"):
            problems.append(f"orientation.csv: bad orientation {ori!r}")
        if doc not in turnsets:
            problems.append(f"orientation.csv: unknown doc {doc}")
            continue
        i = int(idx)
        keys.append((doc, i))
        turns = turnsets[doc]
        if not 1 <= i <= len(turns) or turns[i - 1][0] != DOCS[doc][3]:
            problems.append(f"orientation.csv: {doc} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problems.append("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problems.append("orientation.csv: duplicates")

    # identifiers
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen_ids, count = set(), {}
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problems.append(f"identifiers.csv: bad type {typ!r}")
        if (doc, ident) in seen_ids:
            problems.append(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen_ids.add((doc, ident))
        count[doc] = count.get(doc, 0) + 1
        if doc not in texts:
            problems.append(f"identifiers.csv: unknown doc {doc}")
        elif ident not in texts[doc]:
            problems.append(f"identifiers.csv: {doc} {ident!r} not found verbatim")
    for doc in DOCS:
        if count.get(doc, 0) < 5:
            problems.append(f"{doc}: fewer than 5 identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
