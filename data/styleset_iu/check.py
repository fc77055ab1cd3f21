#!/usr/bin/env python3
"""Check set IU: parses the built transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

SET = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(SET, "transcripts")

# doc_id: (extension, encoding, interviewer label, respondent label)
SPEC = {
    "iu01": ("docx", None, "L. Verhagen", "N. Bouzian"),
    "iu02": ("srt", "utf-8", "Interviewer", "Ruud"),
    "iu03": ("txt", "cp1252", "I", "R"),
    "iu04": ("vtt", "utf-8", "Bram Hoekstra", "Ellen Sprenger"),
    "iu05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "iu06": ("docx", None, "Interviewer", "Respondent"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
MIN_IDS = 5

problems = []


def bad(msg):
    problems.append(msg)


def words(s):
    return [w for w in s.split() if re.search(r"\w", w)]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def label_turns(lines, ilab, rlab, prefix=r""):
    """Lines of a docx/txt transcript -> list of [speaker, text]; header lines before the first turn
    are ignored, unlabelled lines after it continue the previous turn."""
    pat = re.compile(r"^" + prefix + r"(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$")
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = pat.match(line)
        if m:
            turns.append(["I" if m.group(1) == ilab else "R", m.group(2)])
        elif turns:
            turns[-1][1] += " " + line
    return turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def srt_turns(text, ilab, rlab, doc):
    segs = []
    for n, b in enumerate(cue_blocks(text), 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt cue #{n}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s+(.*)$", body)
        if m:
            segs.append(["I" if m.group(1) == ilab else "R", m.group(2)])
        elif segs:
            segs.append([segs[-1][0], body])
        else:
            bad(f"{doc}: first srt cue has no speaker")
    return merge(segs)


def vtt_turns(text, ilab, rlab, doc):
    blocks = cue_blocks(text.lstrip("\ufeff"))
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT signature")
        return []
    segs = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            bad(f"{doc}: vtt block without timing: {lines[0][:40]}")
            continue
        body = " ".join(l.strip() for l in lines[idx + 1:])
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if m:
            name, rest = m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()
            if name not in (ilab, rlab):
                bad(f"{doc}: unknown voice {name!r}")
                continue
            segs.append(["I" if name == ilab else "R", rest])
        elif segs:
            segs.append([segs[-1][0], re.sub(r"<[^>]+>", "", body)])
        else:
            bad(f"{doc}: first vtt cue has no voice")
    return merge(segs)


def merge(segs):
    turns = []
    for sp, t in segs:
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + t
        else:
            turns.append([sp, t])
    return turns


def read_csv(name, header):
    path = os.path.join(SET, name)
    if not os.path.exists(path):
        bad(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    docs = {}
    formats = set()
    for doc, (ext, enc, ilab, rlab) in SPEC.items():
        found = [f for f in os.listdir(TR) if f.split(".")[0] == doc] if os.path.isdir(TR) else []
        if len(found) != 1:
            bad(f"{doc}: expected exactly one transcript, found {found}")
            continue
        path = os.path.join(TR, found[0])
        if not found[0].endswith("." + ext):
            bad(f"{doc}: expected .{ext}, found {found[0]}")
            continue
        try:
            if ext == "docx":
                paras = docx_paragraphs(path)
                full = "\n".join(paras)
                turns = label_turns(paras, ilab, rlab)
                formats.add("docx")
            else:
                raw = open(path, "rb").read()
                full = raw.decode(enc)
                if enc == "cp1252":
                    try:
                        raw.decode("utf-8")
                        bad(f"{doc}: declared Windows-1252 but the file is also valid UTF-8")
                    except UnicodeDecodeError:
                        pass
                    if b"\r\n" not in raw:
                        bad(f"{doc}: Windows-1252 transcript without CRLF line ends")
                lines = full.replace("\r\n", "\n").split("\n")
                if ext == "srt":
                    turns = srt_turns(full, ilab, rlab, doc)
                    formats.add("srt")
                elif ext == "vtt":
                    turns = vtt_turns(full, ilab, rlab, doc)
                    formats.add("vtt")
                elif re.search(r"^\[\d\d:\d\d:\d\d\]", full, re.M):
                    turns = label_turns(lines, ilab, rlab, prefix=r"\[\d\d:\d\d:\d\d\]\s+")
                    formats.add("txt-" + enc + "-timestamps")
                else:
                    turns = label_turns(lines, ilab, rlab)
                    formats.add("txt-" + enc)
        except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError, KeyError) as e:
            bad(f"{doc}: cannot read {found[0]}: {e}")
            continue
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        for i, (sp, _) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if sp != want:
                bad(f"{doc}: turn {i} is {sp}, expected {want} (turns must alternate, interviewer first)")
                break
        n_resp = sum(1 for sp, _ in turns if sp == "R")
        if not RESP_TURNS[0] <= n_resp <= RESP_TURNS[1]:
            bad(f"{doc}: {n_resp} respondent turns, outside {RESP_TURNS}")
        n_words = sum(len(words(t)) for _, t in turns)
        if not WORDS[0] <= n_words <= WORDS[1]:
            bad(f"{doc}: {n_words} spoken words, outside {WORDS}")
        docs[doc] = dict(turns=turns, full=full, words=n_words, resp=n_resp)

    if len(formats) < 4:
        bad(f"only {len(formats)} different transcript formats: {sorted(formats)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, counts = set(), {}
    for r in rows:
        if len(r) != 3:
            bad(f"styles.csv: bad row {r}")
            continue
        doc, style, why = r
        if doc not in SPEC:
            bad(f"styles.csv: unknown doc {doc}")
        if doc in seen:
            bad(f"styles.csv: duplicate {doc}")
        seen.add(doc)
        if style not in MIX:
            bad(f"styles.csv: {doc} has invalid style {style!r}")
        counts[style] = counts.get(style, 0) + 1
        if not why.strip():
            bad(f"styles.csv: {doc} without rationale")
        if style == "onbepaald" and not re.search(r"too little evidence|mixed", why, re.I):
            bad(f"styles.csv: {doc} onbepaald rationale must say which kind")
    if seen != set(SPEC):
        bad(f"styles.csv: missing docs {sorted(set(SPEC) - seen)}")
    if counts != MIX:
        bad(f"styles.csv: mix is {counts}, requested {MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: invalid orientation {o!r} in {r}")
        if doc not in docs:
            if doc not in SPEC:
                bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc]["turns"]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, pairs = {}, set()
    for r in rows:
        if len(r) != 3:
            bad(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in pairs:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        pairs.add((doc, ident))
        if typ not in TYPES:
            bad(f"identifiers.csv: invalid type {typ!r} for {ident!r}")
        if doc not in docs:
            if doc not in SPEC:
                bad(f"identifiers.csv: unknown doc {doc}")
            continue
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if ident not in docs[doc]["full"]:
            bad(f"identifiers.csv: {ident!r} does not occur verbatim in {doc}")
    for doc in docs:
        if per_doc.get(doc, 0) < MIN_IDS:
            bad(f"identifiers.csv: {doc} has only {per_doc.get(doc, 0)} identifiers")

    if "-v" in sys.argv:
        for doc, d in docs.items():
            print(f"{doc}: {d['words']} words, {len(d['turns'])} turns, {d['resp']} respondent turns, "
                  f"{per_doc.get(doc, 0)} identifiers")
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
