#!/usr/bin/env python3
"""Check set GS (standard library only). Parses the BUILT transcripts, not the sources.

Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOC_IDS = ["gs01", "gs02", "gs03", "gs04", "gs05", "gs06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
# header keys that are clear metadata, never speaker labels
META = {"respondent", "datum", "duur", "locatie", "plaats", "project", "opname",
        "transcriptie", "sprekers", "functie", "organisatie", "gemeente", "bestand"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([^:\[\]<>]{1,40}?):\s+(.*)$")

problems = []


def prob(msg):
    problems.append(msg)


def is_turn_label(label):
    return label.strip().lower() not in META


# ---------------------------------------------------------------- parsers
def parse_docx(path):
    """Returns (turns, fulltext); turns = [(label, text)]."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            bold = False
            if rpr is not None:
                b = rpr.find(W + "b")
                bold = b is not None and b.get(W + "val", "true") not in ("0", "false")
            runs.append((t, bold))
        paras.append(runs)
    full = "\n".join("".join(t for t, _ in runs) for runs in paras)
    bold_mode = any(runs and runs[0][1] and runs[0][0].strip().endswith(":") for runs in paras)
    turns = []
    for runs in paras:
        text = "".join(t for t, _ in runs).strip()
        if not text:
            continue
        if bold_mode:
            if runs[0][1] and runs[0][0].strip().endswith(":"):
                label = runs[0][0].strip()[:-1].strip()
                turns.append([label, "".join(t for t, _ in runs[1:]).strip()])
            elif turns:
                turns[-1][1] += " " + text
            # else: header paragraph
        else:
            m = LABEL.match(text)
            if m and is_turn_label(m.group(2)):
                turns.append([m.group(2).strip(), m.group(3).strip()])
            elif turns:
                turns[-1][1] += " " + text
            elif m is None or not is_turn_label(m.group(2)):
                pass  # header line
    return [tuple(t) for t in turns], full, False


def read_text(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def parse_txt(path):
    text, enc = read_text(path)
    if text is None:
        prob(f"{os.path.basename(path)}: not readable as UTF-8 or Windows-1252")
        return [], "", False
    turns = []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and is_turn_label(m.group(2)):
            turns.append([m.group(2).strip(), m.group(3).strip()])
        elif turns:
            turns[-1][1] += " " + s
        elif m and not is_turn_label(m.group(2)):
            pass  # metadata header
        # else plain header line
    return [tuple(t) for t in turns], text, False


def blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def parse_vtt(path):
    text, _ = read_text(path)
    if text is None or not text.startswith("WEBVTT"):
        prob(f"{os.path.basename(path)}: not a WEBVTT file")
        return [], text or "", True
    turns = []
    for b in blocks(text)[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # cue identifier
        if not lines or "-->" not in lines[0]:
            prob(f"{os.path.basename(path)}: bad cue block {b[:40]!r}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v\s+([^>]+)>(.*)$", body)
        if not m:
            prob(f"{os.path.basename(path)}: cue without voice tag {body[:40]!r}")
            continue
        label, t = m.group(1).strip(), re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == label:
            turns[-1][1] += " " + t
        else:
            turns.append([label, t])
    return [tuple(t) for t in turns], text, True


def parse_srt(path):
    text, _ = read_text(path)
    if text is None:
        prob(f"{os.path.basename(path)}: not readable")
        return [], "", True
    turns = []
    for n, b in enumerate(blocks(text), 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            prob(f"{os.path.basename(path)}: bad srt block {n}")
            continue
        if int(lines[0]) != n:
            prob(f"{os.path.basename(path)}: cue numbering off at {n}")
        body = " ".join(l.strip() for l in lines[2:])
        m = LABEL.match(body)
        if not m:
            prob(f"{os.path.basename(path)}: cue {n} without 'Name:'")
            continue
        label, t = m.group(2).strip(), m.group(3).strip()
        if turns and turns[-1][0] == label:
            turns[-1][1] += " " + t
        else:
            turns.append([label, t])
    return [tuple(t) for t in turns], text, True


PARSERS = {".docx": parse_docx, ".txt": parse_txt, ".vtt": parse_vtt, ".srt": parse_srt}


# ---------------------------------------------------------------- main checks
def load_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        prob(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    docs = {}
    for d in DOC_IDS:
        files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == d]
        if len(files) != 1:
            prob(f"{d}: expected exactly one transcript, found {files}")
            continue
        ext = os.path.splitext(files[0])[1]
        if ext not in PARSERS:
            prob(f"{d}: unsupported extension {ext}")
            continue
        turns, full, merged = PARSERS[ext](os.path.join(TR, files[0]))
        docs[d] = (turns, full, ext)
        if len(turns) < 2:
            prob(f"{d}: fewer than two turns")
            continue
        labels = [l for l, _ in turns]
        if len(set(labels)) != 2:
            prob(f"{d}: expected 2 speakers, found {sorted(set(labels))}")
        for i in range(1, len(labels)):
            if labels[i] == labels[i - 1]:
                prob(f"{d}: turns {i} and {i + 1} have the same speaker {labels[i]!r}")
                break
        interviewer = labels[0]
        for i, l in enumerate(labels, 1):
            if (l == interviewer) != (i % 2 == 1):
                prob(f"{d}: turn {i} breaks alternation (interviewer first)")
                break
        nresp = sum(1 for l in labels if l != interviewer)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            prob(f"{d}: {nresp} respondent turns, outside {RESP_TURNS}")
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            prob(f"{d}: {words} spoken words, outside {WORDS}")
        if any(not t for _, t in turns):
            prob(f"{d}: empty turn")
    exts = {v[2] for v in docs.values()}
    fmts = set()
    for d, (_, full, ext) in docs.items():
        if ext == ".txt":
            fmts.add("txt-cp1252" if read_text(os.path.join(TR, d + ext))[1] == "cp1252"
                     else ("txt-stamped" if re.search(r"^\[\d\d:\d\d:\d\d\]", full, re.M)
                           else "txt-utf8"))
        elif ext == ".docx":
            fmts.add("docx")
        else:
            fmts.add(ext)
    if len(exts) < 4 and len(fmts) < 4:
        prob(f"fewer than four transcript formats: {sorted(fmts)}")

    # styles.csv
    rows = load_csv("styles.csv")
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            prob(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
        if r["style"] not in WANT_STYLES:
            prob(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            prob(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(seen) != set(DOC_IDS):
        prob(f"styles.csv: doc ids {sorted(seen)} != {DOC_IDS}")
    counts = {s: sum(1 for r in rows if r["style"] == s) for s in WANT_STYLES}
    if counts != WANT_STYLES:
        prob(f"styles.csv: style mix {counts} != {WANT_STYLES}")
    kinds = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if not any("mixed" in k for k in kinds) or not any("too little evidence" in k for k in kinds):
        prob("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    rows = load_csv("orientation.csv")
    keys = []
    for r in rows:
        d = r["doc_id"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            prob(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((d, ti))
        if r["orientation"] not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {r['orientation']!r}")
        if d not in docs:
            prob(f"orientation.csv: unknown doc {d}")
            continue
        turns = docs[d][0]
        if not 1 <= ti <= len(turns) or ti % 2 != 0 or turns[ti - 1][0] == turns[0][0]:
            prob(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = load_csv("identifiers.csv")
    pairs = set()
    per_doc = {d: 0 for d in DOC_IDS}
    for r in rows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (d, ident) in pairs:
            prob(f"identifiers.csv: duplicate {d} {ident!r}")
        pairs.add((d, ident))
        if typ not in TYPES:
            prob(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if d not in docs:
            prob(f"identifiers.csv: unknown doc {d}")
            continue
        per_doc[d] += 1
        if ident not in docs[d][1]:
            prob(f"identifiers.csv: {d} {ident!r} not found verbatim")
    for d, n in per_doc.items():
        if n < 5:
            prob(f"identifiers.csv: {d} has only {n} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
