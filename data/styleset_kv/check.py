#!/usr/bin/env python3
"""Check the built setKV deliverables (standard library only).

Parses the built transcripts in transcripts/ (not the sources) and checks:
- one transcript per doc id, readable in its encoding (kv03: Windows-1252 with CRLF, others UTF-8);
- turns alternate, the interviewer speaks first, exactly two speakers;
- 1,500-2,600 words of spoken text (labels, timestamps, headers not counted), 10-45 respondent turns;
- orientation.csv rows point at respondent turns, are sorted and unique;
- identifiers.csv strings occur verbatim in their document, types are valid, no duplicates;
- styles.csv is complete with the requested mix (3 casusgericht, 2 netwerkgericht, 1 onbepaald);
- the words casusgericht / netwerkgericht / regiestijl do not occur in any transcript.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

BASE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(BASE, "transcripts")
DOCS = ["kv01", "kv02", "kv03", "kv04", "kv05", "kv06"]
ENCODING = {"kv03": "cp1252"}
CRLF = {"kv03", "kv04"}
INTERVIEWER = {"Interviewer", "I", "Spreker 1", "Hanneke Stroeve"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([A-Za-zÀ-ÿ][\w .'-]{0,38}?):\s+(.*)$")
TIME = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}")

problems = []


def err(msg):
    problems.append(msg)


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
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def line_turns(doc, lines):
    """paragraph/line formats: a turn starts with a speaker label; the two most frequent labels are speakers"""
    counts = {}
    for l in lines:
        m = LABEL.match(l.strip())
        if m:
            counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    speakers = sorted(counts, key=lambda k: -counts[k])[:2]
    turns, header = [], []
    for l in lines:
        s = l.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2) in speakers:
            turns.append([m.group(2), m.group(3)])
        elif turns:
            turns[-1][1] += " " + s
        else:
            header.append(s)
    for h in header:
        m = LABEL.match(h)
        if m and m.group(2) in speakers:
            err(f"{doc}: header line looks like a turn: {h[:50]}")
    for i in range(1, len(turns)):
        if turns[i][0] == turns[i - 1][0]:
            err(f"{doc}: turns {i} and {i + 1} have the same speaker {turns[i][0]}")
    return header, turns


def cue_blocks(text):
    blocks = []
    for b in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in b.split("\n") if l.strip()]
        blocks.append(lines)
    return blocks


def vtt_turns(doc, text):
    if not text.startswith("WEBVTT"):
        err(f"{doc}: no WEBVTT signature")
    header, cues = [], []
    for lines in cue_blocks(text)[1:]:
        if lines[0].startswith("NOTE"):
            header += lines[1:]
            continue
        idx = 0 if TIME.match(lines[0]) else 1
        if not TIME.match(lines[idx]):
            err(f"{doc}: bad cue {lines[:2]}")
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m:
            err(f"{doc}: cue without voice tag: {body[:40]}")
            continue
        cues.append((m.group(1).strip(), re.sub(r"</?v[^>]*>", "", m.group(2)).strip()))
    return header, merge(cues)


def srt_turns(doc, text):
    cues = []
    for lines in cue_blocks(text):
        if not lines[0].strip().isdigit() or len(lines) < 3 or not TIME.match(lines[1]):
            err(f"{doc}: bad srt cue {lines[:2]}")
            continue
        body = " ".join(lines[2:])
        m = LABEL.match(body)
        if not m:
            err(f"{doc}: srt cue without speaker: {body[:40]}")
            continue
        cues.append((m.group(2), m.group(3)))
    return [], merge(cues)


def merge(cues):
    turns = []
    for who, t in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + t
        else:
            turns.append([who, t])
    return turns


def read_csv(name):
    path = os.path.join(BASE, name)
    if not os.path.exists(path):
        err(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    parsed = {}
    for doc in DOCS:
        files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
        if len(files) != 1:
            err(f"{doc}: expected one transcript, found {files}")
            continue
        path = os.path.join(TR, files[0])
        ext = os.path.splitext(path)[1]
        raw_full = ""
        if ext == ".docx":
            paras = docx_paragraphs(path)
            raw_full = "\n".join(paras)
            header, turns = line_turns(doc, paras)
        else:
            data = open(path, "rb").read()
            enc = ENCODING.get(doc, "utf-8")
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                err(f"{doc}: not readable as {enc}: {e}")
                continue
            if enc == "cp1252":
                try:
                    data.decode("utf-8")
                    err(f"{doc}: expected Windows-1252 bytes, file is valid UTF-8")
                except UnicodeDecodeError:
                    pass
            if doc in CRLF and (b"\r\n" not in data or re.search(rb"(?<!\r)\n", data)):
                err(f"{doc}: expected CRLF line endings throughout")
            text = text.replace("\r\n", "\n")
            raw_full = text
            if ext == ".vtt":
                header, turns = vtt_turns(doc, text)
            elif ext == ".srt":
                header, turns = srt_turns(doc, text)
            elif ext == ".txt":
                header, turns = line_turns(doc, text.split("\n"))
            else:
                err(f"{doc}: unknown extension {ext}")
                continue
        if not turns:
            err(f"{doc}: no turns parsed")
            continue
        speakers = {t[0] for t in turns}
        if len(speakers) != 2:
            err(f"{doc}: expected two speakers, found {sorted(speakers)}")
        if turns[0][0] not in INTERVIEWER:
            err(f"{doc}: first turn is not by the interviewer ({turns[0][0]})")
        words = sum(len(t[1].split()) for t in turns)
        nresp = len(turns) // 2
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words outside 1500-2600")
        if not 10 <= nresp <= 45:
            err(f"{doc}: {nresp} respondent turns outside 10-45")
        if BANNED.search(raw_full):
            err(f"{doc}: banned label word in transcript")
        norm = re.sub(r"\s+", " ", raw_full + "\n" + " ".join(t[1] for t in turns))
        parsed[doc] = (turns, raw_full, norm, words, nresp, ext)

    # orientation.csv
    rows = read_csv("orientation.csv")
    keys = []
    for r in rows:
        d, o = r.get("doc_id"), r.get("orientation")
        try:
            i = int(r.get("turn_index"))
        except (TypeError, ValueError):
            err(f"orientation: bad turn_index {r}")
            continue
        keys.append((d, i))
        if o not in ("casus", "netwerk"):
            err(f"orientation: bad value {r}")
        if d not in parsed:
            err(f"orientation: unknown doc {d}")
            continue
        turns = parsed[d][0]
        if not 1 <= i <= len(turns) or i % 2 != 0 or turns[i - 1][0] in INTERVIEWER:
            err(f"orientation: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    if len(keys) != len(set(keys)):
        err("orientation.csv has duplicates")

    # identifiers.csv
    seen = set()
    counts = {}
    for r in read_csv("identifiers.csv"):
        d, t, typ = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (d, t) in seen:
            err(f"identifiers: duplicate {d} {t}")
        seen.add((d, t))
        counts[d] = counts.get(d, 0) + 1
        if typ not in TYPES:
            err(f"identifiers: bad type {r}")
        if d not in parsed:
            err(f"identifiers: unknown doc {d}")
            continue
        if t not in parsed[d][1] and t not in parsed[d][2]:
            err(f"identifiers: {d} '{t}' does not occur verbatim")
    for d in DOCS:
        if counts.get(d, 0) < 5:
            err(f"identifiers: {d} has fewer than 5 identifiers")

    # styles.csv
    srows = read_csv("styles.csv")
    got = {}
    for r in srows:
        if r.get("doc_id") in got:
            err(f"styles: duplicate {r.get('doc_id')}")
        got[r.get("doc_id")] = r.get("style")
        if not (r.get("rationale") or "").strip():
            err(f"styles: empty rationale for {r.get('doc_id')}")
    if set(got) != set(DOCS):
        err(f"styles: doc ids {sorted(got)} != {DOCS}")
    mix = {}
    for s in got.values():
        mix[s] = mix.get(s, 0) + 1
    if mix != MIX:
        err(f"styles: mix {mix} != {MIX}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d in DOCS:
        t = parsed[d]
        print(f"  {d}{t[5]:<6} words={t[3]} respondent_turns={t[4]}", file=sys.stderr)
    print("OK")


if __name__ == "__main__":
    main()
