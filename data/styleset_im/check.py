#!/usr/bin/env python3
"""Check set IM from the built transcripts (standard library only).

Parses every transcript in transcripts/ in its own format and encoding, and checks turns,
words, orientation.csv, identifiers.csv and styles.csv against it. Prints OK or the problems
(exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# What the set was asked to contain.
DOCS = {
    # doc: (format, encoding, interviewer label, respondent label)
    "im01": ("docx", "utf-8", "Joost", "Ilse"),
    "im02": ("srt", "utf-8", "Noor", "Erik"),
    "im03": ("vtt", "utf-8", "Sophie de Wit", "Petra Lagerweij"),
    "im04": ("txt_ts", "utf-8", "Spreker 1", "Spreker 2"),
    "im05": ("docx", "utf-8", "Interviewer", "Respondent"),
    "im06": ("txt", "cp1252", "I", "R"),
}
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt_ts": "txt", "txt": "txt"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
BRIEF_DOCS = 2                 # respondents answering < 40 words on average
BRIEF_LIMIT = 40
WORDS = (1500, 2600)
RTURNS = (10, 45)
MIN_IDS = 5
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "interviewer", "datum", "opname", "duur", "locatie", "transcript"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)

problems = []


def bad(msg):
    problems.append(msg)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        paras.append(text)
    return "\n".join(paras), paras


def split_labelled(lines, il, rl):
    """Lines/paragraphs; a turn starts with 'Label:'; unlabelled lines continue the turn.
    Lines before the first interviewer turn are header."""
    pat = re.compile(r"^(%s|%s):\s*(.*)$" % (re.escape(il), re.escape(rl)))
    header, turns = [], []
    for ln in lines:
        s = ln.strip()
        m = pat.match(s)
        if m:
            turns.append(["I" if m.group(1) == il else "R", m.group(2)])
        elif not turns:
            if s:
                header.append(s)
        elif s:
            turns[-1][1] += " " + s
    return header, turns


def parse_txt_ts(text, il, rl):
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+(%s|%s):\s*(.*)$" % (re.escape(il), re.escape(rl)))
    header, turns = [], []
    for ln in text.split("\n"):
        s = ln.strip()
        m = pat.match(s)
        if m:
            turns.append(["I" if m.group(4) == il else "R", m.group(5)])
        elif not turns:
            if s:
                header.append(s)
        elif s:
            turns[-1][1] += " " + s
    return header, turns


def parse_srt(text, il, rl):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    pat = re.compile(r"^(%s|%s):\s*(.*)$" % (re.escape(il), re.escape(rl)), re.S)
    turns, n_exp = [], 1
    for b in blocks:
        ls = b.split("\n")
        if len(ls) < 3 or not ls[0].strip().isdigit() or "-->" not in ls[1]:
            bad(f"srt: malformed cue: {b[:50]!r}")
            continue
        if int(ls[0]) != n_exp:
            bad(f"srt: cue number {ls[0]} where {n_exp} expected")
        n_exp = int(ls[0]) + 1
        cue = " ".join(x.strip() for x in ls[2:])
        m = pat.match(cue)
        if not m:
            bad(f"srt: cue without speaker: {cue[:50]!r}")
            continue
        spk = "I" if m.group(1) == il else "R"
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + m.group(2)
        else:
            turns.append([spk, m.group(2)])
    return [], turns


def parse_vtt(text, il, rl):
    text = text.replace("\r\n", "\n")
    if not text.startswith("WEBVTT"):
        bad("vtt: no WEBVTT signature")
    blocks = re.split(r"\n\s*\n", text.strip())[1:]
    header, turns = [], []
    vpat = re.compile(r"<v\s+([^>]+)>(.*?)(?:</v>)?$", re.S)
    for b in blocks:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            header += [x for x in [ls[0][4:].strip()] + ls[1:] if x.strip()]
            continue
        i = 0
        if "-->" not in ls[0]:
            i = 1
        if i >= len(ls) or "-->" not in ls[i]:
            bad(f"vtt: malformed cue {b[:50]!r}")
            continue
        cue = " ".join(x.strip() for x in ls[i + 1:])
        m = vpat.match(cue)
        if not m or m.group(1).strip() not in (il, rl):
            bad(f"vtt: cue without known voice: {cue[:50]!r}")
            continue
        spk = "I" if m.group(1).strip() == il else "R"
        body = m.group(2).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + body
        else:
            turns.append([spk, body])
    return header, turns


def load(doc):
    fmt, enc, il, rl = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + EXT[fmt]):
        bad(f"{doc}: extension of {files[0]} does not match {fmt}")
    try:
        if fmt == "docx":
            raw, paras = read_docx(path)
            header, turns = split_labelled(paras, il, rl)
        else:
            with open(path, "rb") as f:
                data = f.read()
            raw = data.decode(enc)  # strict
            if enc == "cp1252":
                try:
                    data.decode("utf-8")
                    if any(ord(c) > 127 for c in raw):
                        bad(f"{doc}: declared Windows-1252 but the file also decodes as UTF-8")
                except UnicodeDecodeError:
                    pass
                if b"\r\n" not in data or re.search(rb"(?<!\r)\n", data):
                    bad(f"{doc}: Windows-1252 file should have CRLF line ends throughout")
            text = raw.replace("\r\n", "\n")
            if fmt == "txt":
                header, turns = split_labelled(text.split("\n"), il, rl)
            elif fmt == "txt_ts":
                header, turns = parse_txt_ts(text, il, rl)
            elif fmt == "srt":
                header, turns = parse_srt(text, il, rl)
            elif fmt == "vtt":
                header, turns = parse_vtt(text, il, rl)
    except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
        bad(f"{doc}: cannot read {files[0]}: {e}")
        return None
    return dict(fmt=fmt, raw=raw, header=header, turns=turns, ext=EXT[fmt])


def main():
    docs = {}
    extra = [f for f in os.listdir(TDIR) if f.split(".")[0] not in DOCS]
    if extra:
        bad(f"unexpected files in transcripts/: {extra}")
    for doc in DOCS:
        d = load(doc)
        if d is None:
            continue
        docs[doc] = d
        turns = d["turns"]
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        for i, (spk, _) in enumerate(turns):
            if spk != ("I" if i % 2 == 0 else "R"):
                bad(f"{doc}: turn {i + 1} is {spk}; turns must alternate starting with the interviewer")
                break
        nr = sum(1 for s, _ in turns if s == "R")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns (want {RTURNS[0]}-{RTURNS[1]})")
        words = sum(len(t.split()) for _, t in turns)
        d["words"] = words
        rw = [len(t.split()) for s, t in turns if s == "R"]
        d["avg_r"] = sum(rw) / max(1, len(rw))
        d["nr"] = nr
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words (want {WORDS[0]}-{WORDS[1]})")
        if FORBIDDEN.search(d["raw"]):
            bad(f"{doc}: transcript uses a label word ({FORBIDDEN.search(d['raw']).group(0)})")
        for h in d["header"]:
            m = re.match(r"^([^\s:]+(?: [^\s:]+)?):\s", h)
            if m and m.group(1).lower() not in META_KEYS:
                bad(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
        d["joined"] = "\n".join(d["header"] + [t for _, t in turns])

    if len({d["fmt"] for d in docs.values()}) < 4:
        bad("fewer than four transcript formats")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {}
    for r in rows:
        if r["doc_id"] in got:
            bad(f"styles.csv: duplicate {r['doc_id']}")
        got[r["doc_id"]] = r
        if r["style"] not in WANT_MIX:
            bad(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: no rationale for {r['doc_id']}")
    if set(got) != set(DOCS):
        bad(f"styles.csv: docs {sorted(got)} do not match {sorted(DOCS)}")
    mix = {k: sum(1 for r in rows if r["style"] == k) for k in WANT_MIX}
    if mix != WANT_MIX:
        bad(f"styles.csv: mix {mix}, want {WANT_MIX}")
    ond = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    kinds = sorted("mixed" if "mixed" in x else "too little" if "too little evidence" in x else "?"
                   for x in ond)
    if kinds != ["mixed", "too little"]:
        bad(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence': {kinds}")

    # brief respondents
    brief = [doc for doc, d in docs.items() if d.get("avg_r", 999) < BRIEF_LIMIT]
    if len(brief) != BRIEF_DOCS:
        bad(f"brief respondents: {brief} (want {BRIEF_DOCS})")
    elif not any(got.get(b, {}).get("style") == "netwerkgericht" for b in brief):
        bad("none of the brief respondents is netwerkgericht")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc = r["doc_id"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, ti))
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in docs:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc]["turns"]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
            bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, per_doc = set(), {}
    for r in rows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if doc not in docs:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        if ident not in docs[doc]["raw"] and ident not in docs[doc]["joined"]:
            bad(f"identifiers.csv: {doc}: {ident!r} does not occur verbatim in the transcript")
    for doc in DOCS:
        if per_doc.get(doc, 0) < MIN_IDS:
            bad(f"identifiers.csv: {doc} has {per_doc.get(doc, 0)} identifiers (want >= {MIN_IDS})")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc, d in (docs.items() if "-v" in sys.argv else []):
        print(f"# {doc}: {d['fmt']:6s} words={d['words']} respondent_turns={d['nr']} "
              f"avg_resp_words={d['avg_r']:.1f}", file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
