#!/usr/bin/env python3
"""Check the built setGH transcripts and label files (standard library only).

Parses transcripts/<doc>.{docx,txt,vtt,srt} (not the sources), recovers the turns, and checks:
one readable transcript per doc, turns alternate starting with the interviewer, respondent-turn
and word ranges, orientation rows point at respondent turns, identifiers occur verbatim,
styles.csv is complete with the requested mix. Prints OK or the problems (exit status 1).
"""
import collections
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["gh01", "gh02", "gh03", "gh04", "gh05", "gh06"]
EXTS = ("docx", "txt", "vtt", "srt")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^\s:\[][^:\n]{0,40}?):\s+(\S.*)$")
TIMING = re.compile(r"^\d{2}:\d{2}(?::\d{2})?[.,]\d{3}\s+-->\s+\d{2}:\d{2}(?::\d{2})?[.,]\d{3}")
problems = []


def prob(msg):
    problems.append(msg)


def decode(data, doc):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        prob(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def docx_paragraphs(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa
        prob(f"{doc}: cannot read docx ({e})")
        return None
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                parts.append(el.text)
            elif el.tag == W + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def labelled_turns(lines, doc):
    """Turns from lines of 'Label: text' (docx paragraphs, txt lines)."""
    cands = [LABEL.match(l.strip()) for l in lines]
    counts = collections.Counter(m.group(1) for m in cands if m)
    speakers = [lab for lab, _ in counts.most_common(2)]
    if len(speakers) < 2:
        prob(f"{doc}: fewer than two speaker labels found")
        return []
    turns = []
    for line, m in zip(lines, cands):
        if m and m.group(1) in speakers:
            turns.append([m.group(1), m.group(2).strip()])
        elif line.strip() and turns:
            turns[-1][1] += " " + line.strip()   # continuation paragraph
    for a, b in zip(turns, turns[1:]):
        if a[0] == b[0]:
            prob(f"{doc}: two consecutive turns by {a[0]!r}")
            break
    return turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def vtt_turns(text, doc):
    blocks = cue_blocks(text)
    if not blocks or not blocks[0].startswith("WEBVTT"):
        prob(f"{doc}: VTT does not start with WEBVTT")
    turns = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE") or lines[0].startswith("STYLE"):
            continue
        i = 0
        if not TIMING.match(lines[0]):
            i = 1  # cue identifier
        if i >= len(lines) or not TIMING.match(lines[i]):
            prob(f"{doc}: VTT block without timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v(?:\.[^ >]*)?\s+([^>]+)>(.*)$", body)
        if m:
            who, said = m.group(1).strip(), re.sub(r"</?v[^>]*>", "", m.group(2)).strip()
        elif turns:
            who, said = turns[-1][0], re.sub(r"<[^>]+>", "", body).strip()
        else:
            prob(f"{doc}: first VTT cue has no voice tag")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def srt_turns(text, doc):
    turns = []
    for b in cue_blocks(text):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or not TIMING.match(lines[1]):
            prob(f"{doc}: malformed SRT cue: {lines[0][:40]}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = LABEL.match(body)
        if m:
            who, said = m.group(1), m.group(2)
        elif turns:
            who, said = turns[-1][0], body
        else:
            prob(f"{doc}: first SRT cue has no speaker")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    speakers = {t[0] for t in turns}
    if len(speakers) != 2:
        prob(f"{doc}: expected two speakers, found {sorted(speakers)}")
    return turns


def load(doc):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        prob(f"{doc}: expected exactly one transcript, found {files}")
        return None
    fn = files[0]
    ext = fn.rsplit(".", 1)[-1].lower()
    path = os.path.join(TR, fn)
    if ext not in EXTS:
        prob(f"{doc}: unexpected extension {ext}")
        return None
    if ext == "docx":
        paras = docx_paragraphs(path, doc)
        if paras is None:
            return None
        return ext, "docx", "\n".join(paras), labelled_turns(paras, doc)
    with open(path, "rb") as f:
        data = f.read()
    text, enc = decode(data, doc)
    if text is None:
        return None
    text = text.replace("\r\n", "\n")
    if ext == "vtt":
        turns = vtt_turns(text, doc)
    elif ext == "srt":
        turns = srt_turns(text, doc)
    else:
        turns = labelled_turns(text.split("\n"), doc)
    return ext, enc, text, turns


def nwords(s):
    return sum(1 for w in s.split() if re.search(r"\w", w))


def main():
    info = {}
    for doc in DOCS:
        r = load(doc)
        if r is None:
            continue
        ext, enc, text, turns = r
        if len(turns) < 2:
            prob(f"{doc}: no turns found")
            continue
        # interviewer = the speaker who asks most questions; must speak first
        q = collections.Counter()
        n = collections.Counter()
        for who, said in turns:
            n[who] += 1
            q[who] += "?" in said
        spk = list(n)
        ratio = {s: q[s] / n[s] for s in spk}
        interviewer = max(spk, key=lambda s: ratio[s])
        if turns[0][0] != interviewer:
            prob(f"{doc}: first turn is not by the interviewer ({interviewer!r})")
        for i, (who, _) in enumerate(turns):
            if (who == interviewer) != (i % 2 == 0):
                prob(f"{doc}: turns do not alternate at turn {i + 1}")
                break
        resp = [i + 1 for i, (who, _) in enumerate(turns) if who != interviewer]
        words = sum(nwords(said) for _, said in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            prob(f"{doc}: {words} spoken words, outside {WORDS}")
        if not RTURNS[0] <= len(resp) <= RTURNS[1]:
            prob(f"{doc}: {len(resp)} respondent turns, outside {RTURNS}")
        info[doc] = dict(ext=ext, enc=enc, text=text, nturns=len(turns), resp=set(resp),
                         words=words)

    fmts = {(v["ext"], v["enc"]) for v in info.values()}
    if len({v["ext"] for v in info.values()}) < 4:
        prob(f"fewer than four transcript formats: {sorted(fmts)}")

    # styles.csv
    try:
        with open(os.path.join(ROOT, "styles.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        got = {r["doc_id"]: r for r in rows}
        if sorted(got) != DOCS or len(rows) != len(DOCS):
            prob(f"styles.csv: doc ids {sorted(got)} (rows {len(rows)})")
        cnt = collections.Counter(r["style"] for r in rows)
        if dict(cnt) != MIX:
            prob(f"styles.csv: style mix {dict(cnt)} != {MIX}")
        kinds = collections.Counter()
        for r in rows:
            if not r.get("rationale", "").strip():
                prob(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald":
                low = r["rationale"].lower()
                if "mixed" in low or "gemengd" in low:
                    kinds["mixed"] += 1
                elif "too little evidence" in low or "te weinig" in low:
                    kinds["little"] += 1
                else:
                    prob(f"styles.csv: onbepaald {r['doc_id']} does not say which kind")
        if kinds != collections.Counter({"mixed": 1, "little": 1}):
            prob(f"styles.csv: onbepaald kinds {dict(kinds)}, want one mixed and one too little evidence")
    except (OSError, KeyError) as e:
        prob(f"styles.csv unreadable: {e}")

    # orientation.csv
    try:
        with open(os.path.join(ROOT, "orientation.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, idx, o = r["doc_id"], r["turn_index"], r["orientation"]
            if o not in ("casus", "netwerk"):
                prob(f"orientation.csv: bad orientation {o!r} ({doc},{idx})")
            if not idx.isdigit():
                prob(f"orientation.csv: bad turn_index {idx!r} ({doc})")
                continue
            idx = int(idx)
            keys.append((doc, idx))
            if doc not in info:
                prob(f"orientation.csv: unknown or unparsed doc {doc}")
            elif idx not in info[doc]["resp"]:
                prob(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            prob("orientation.csv: rows not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv: duplicate rows")
        per = collections.Counter(d for d, _ in keys)
        for doc in DOCS:
            if doc not in per:
                pass  # a doc may legitimately have no clear turns (too little evidence)
    except (OSError, KeyError) as e:
        prob(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        with open(os.path.join(ROOT, "identifiers.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        seen = set()
        per = collections.Counter()
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if typ not in TYPES:
                prob(f"identifiers.csv: bad type {typ!r} for {ident!r}")
            if (doc, ident) in seen:
                prob(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            per[doc] += 1
            if doc not in info:
                prob(f"identifiers.csv: unknown or unparsed doc {doc}")
            elif ident not in info[doc]["text"]:
                prob(f"identifiers.csv: {doc} {ident!r} not found verbatim")
        for doc in DOCS:
            if per[doc] < 5:
                prob(f"identifiers.csv: {doc} has only {per[doc]} identifiers")
    except (OSError, KeyError) as e:
        prob(f"identifiers.csv unreadable: {e}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
