"""Check set LQ: parses the BUILT transcripts (not the sources) with the standard library only.

Usage:  python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOC_IDS = [f"lq{i:02d}" for i in range(1, 7)]
WANTED_MIX = {"casusgericht": 3, "netwerkgericht": 1, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
EXTS = {"docx", "txt", "vtt", "srt"}
# The speaker key of this set: who is the interviewer in each document.
INTERVIEWER = {"lq01": "Interviewer", "lq02": "Lieke Smit", "lq03": "I", "lq04": "Interviewer",
               "lq05": "Spreker 1", "lq06": "Onderzoeker"}
WORDS_MIN, WORDS_MAX = 1500, 2600
RTURNS_MIN, RTURNS_MAX = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                parts.append(el.text)
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def decode(path):
    data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


LABEL_RE = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]\n]{1,40}?):\s+(\S.*)$", re.S)


def turns_from_labelled(lines, doc):
    """Lines/paragraphs of 'Label: text'. Speakers are labels used at least 3 times; lines before
    the first speaker turn are header; later unlabelled lines continue the current turn."""
    parsed = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL_RE.match(s)
        parsed.append((m.group(2).strip(), m.group(3).strip()) if m else (None, s))
    counts = Counter(lab for lab, _ in parsed if lab)
    speakers = {lab for lab, n in counts.items() if n >= 3}
    header, turns = [], []
    for lab, text in parsed:
        if lab in speakers:
            turns.append([lab, text])
        elif not turns:
            header.append(text if lab is None else f"{lab}: {text}")
        else:
            problem(f"{doc}: line after first turn is not a speaker turn, appended: {text[:50]!r}")
            turns[-1][1] += " " + (text if lab is None else f"{lab}: {text}")
    return header, turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def turns_from_vtt(text, doc):
    blocks = cue_blocks(text)
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: VTT does not start with WEBVTT")
    header, cues = [], []
    for b in blocks:
        lines = b.split("\n")
        if lines[0].startswith("WEBVTT"):
            continue
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            rest = lines[0][4:].strip()
            if rest:
                header.insert(0, rest)
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            problem(f"{doc}: VTT block without timing: {b[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[idx + 1:])
        m = re.match(r"^<v(?:\.[^ >]*)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: VTT cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()))
    return header, merge(cues)


def turns_from_srt(text, doc):
    cues = []
    for b in cue_blocks(text):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed SRT block: {b[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = re.match(r"^([^:]{1,40}?):\s+(.*)$", body)
        if not m:
            problem(f"{doc}: SRT cue without speaker name: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return [], merge(cues)


def merge(cues):
    turns = []
    for spk, text in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def load(doc):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None
    fn = files[0]
    ext = fn.rsplit(".", 1)[-1].lower()
    path = os.path.join(TDIR, fn)
    if ext not in EXTS:
        problem(f"{doc}: unknown format {ext}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx not readable: {e}")
            return None
        header, turns = turns_from_labelled(paras, doc)
        full = "\n".join(paras)
        enc = "docx"
    else:
        text, enc = decode(path)
        if text is None:
            problem(f"{doc}: not readable as UTF-8 or Windows-1252")
            return None
        if ext == "txt":
            header, turns = turns_from_labelled(text.replace("\r\n", "\n").split("\n"), doc)
        elif ext == "vtt":
            header, turns = turns_from_vtt(text, doc)
        else:
            header, turns = turns_from_srt(text, doc)
        full = text
    # searchable text: raw text plus the reconstructed header and turns (cues joined)
    search = full + "\n" + "\n".join(header) + "\n" + "\n".join(f"{s}: {t}" for s, t in turns)
    return dict(file=fn, fmt=ext, enc=enc, header=header, turns=turns, search=search)


def main():
    if not os.path.isdir(TDIR):
        print("transcripts/ missing")
        sys.exit(1)
    docs = {}
    formats = set()
    for doc in DOC_IDS:
        d = load(doc)
        if not d:
            continue
        docs[doc] = d
        formats.add((d["fmt"], d["enc"]))
        turns = d["turns"]
        speakers = []
        for s, _ in turns:
            if s not in speakers:
                speakers.append(s)
        if len(speakers) != 2:
            problem(f"{doc}: expected 2 speakers, found {speakers}")
        if not turns or turns[0][0] != INTERVIEWER[doc]:
            problem(f"{doc}: first turn is not by the interviewer {INTERVIEWER[doc]!r}")
        for k in range(1, len(turns)):
            if turns[k][0] == turns[k - 1][0]:
                problem(f"{doc}: turns {k} and {k + 1} by the same speaker")
        rturns = sum(1 for s, _ in turns if s != INTERVIEWER[doc])
        if not RTURNS_MIN <= rturns <= RTURNS_MAX:
            problem(f"{doc}: {rturns} respondent turns (want {RTURNS_MIN}-{RTURNS_MAX})")
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS_MIN <= words <= WORDS_MAX:
            problem(f"{doc}: {words} spoken words (want {WORDS_MIN}-{WORDS_MAX})")
        d["words"], d["rturns"] = words, rturns
    if len({f for f, _ in formats}) < 4 and len(formats) < 4:
        problem(f"fewer than four transcript formats: {sorted(formats)}")

    # styles.csv
    try:
        with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        styles = {}
        for r in rows:
            if r["doc_id"] in styles:
                problem(f"styles.csv: duplicate {r['doc_id']}")
            styles[r["doc_id"]] = r["style"]
            if r["style"] not in WANTED_MIX:
                problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not (r.get("rationale") or "").strip():
                problem(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence",
                                                           r["rationale"], re.I):
                problem(f"styles.csv: onbepaald rationale for {r['doc_id']} does not say which kind")
        if sorted(styles) != DOC_IDS:
            problem(f"styles.csv: doc ids {sorted(styles)} != {DOC_IDS}")
        if Counter(styles.values()) != Counter(WANTED_MIX):
            problem(f"styles.csv: mix {dict(Counter(styles.values()))} != {WANTED_MIX}")
    except (OSError, KeyError) as e:
        problem(f"styles.csv unreadable: {e}")

    # orientation.csv
    try:
        with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, idx, ori = r["doc_id"], r["turn_index"], r["orientation"]
            if ori not in ("casus", "netwerk"):
                problem(f"orientation.csv: bad orientation {ori!r}")
            if not idx.isdigit():
                problem(f"orientation.csv: bad turn_index {idx!r}")
                continue
            k = int(idx)
            keys.append((doc, k))
            if doc not in docs:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            turns = docs[doc]["turns"]
            if not 1 <= k <= len(turns):
                problem(f"orientation.csv: {doc} turn {k} out of range")
            elif turns[k - 1][0] == INTERVIEWER[doc] or k % 2:
                problem(f"orientation.csv: {doc} turn {k} is not a respondent turn")
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        seen = set()
        per_doc = Counter()
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, ident) in seen:
                problem(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            per_doc[doc] += 1
            if typ not in TYPES:
                problem(f"identifiers.csv: bad type {typ!r} for {ident!r}")
            if doc not in docs:
                problem(f"identifiers.csv: unknown doc {doc}")
            elif ident not in docs[doc]["search"]:
                problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
        for doc in DOC_IDS:
            if per_doc[doc] < 5:
                problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv unreadable: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc in DOC_IDS:
        d = docs[doc]
        print(f"{doc}: {d['file']} ({d['enc']}), {len(d['turns'])} turns, "
              f"{d['rturns']} respondent turns, {d['words']} words")
    print("OK")


if __name__ == "__main__":
    main()
