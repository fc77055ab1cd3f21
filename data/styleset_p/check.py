#!/usr/bin/env python3
"""Stdlib self-check for blind set P. Parses the transcripts themselves (not src/) and verifies:
- every document parses into turns by exactly two speakers, strictly alternating, interviewer first
  (consecutive cues/lines by the same speaker in .srt/.vtt are merged into one turn);
- every orientation.csv row points at an existing respondent (even) turn;
- every identifiers.csv value occurs verbatim in its document's text;
- styles.csv has exactly one valid row per transcript;
- word counts within 1,500-2,600 (spoken text, labels/timings excluded).
Exit code 0 if all is well."""
import collections
import csv
import html
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
LABEL_RE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^\s:][^:]{0,24}):\s+(.*)$")
TIMING_RE = re.compile(r"^\d\d:\d\d:\d\d[.,]\d\d\d --> \d\d:\d\d:\d\d[.,]\d\d\d")
errors = []


def err(msg):
    errors.append(msg)
    print("FAIL:", msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    lines = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        ts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        lines.append(html.unescape("".join(ts)))
    return lines


def top_labels(cands):
    c = collections.Counter(cands)
    return [l for l, _ in c.most_common(2)]


def turns_from_lines(lines):
    cands = [m.group(1) for m in (LABEL_RE.match(l) for l in lines) if m]
    labels = top_labels(cands)
    turns = []
    for l in lines:
        m = LABEL_RE.match(l)
        if m and m.group(1) in labels:
            turns.append([m.group(1), m.group(2)])
        elif l.strip() and turns:
            turns[-1][1] += " " + l.strip()
    return turns


def turns_from_srt(text):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    cues = []
    for b in blocks:
        ls = b.splitlines()
        i = next(k for k, l in enumerate(ls) if TIMING_RE.match(l))
        cues.append(" ".join(ls[i + 1:]))
    cands = [m.group(1) for m in (LABEL_RE.match(c) for c in cues) if m]
    labels = top_labels(cands)
    turns = []
    for c in cues:
        m = LABEL_RE.match(c)
        if m and m.group(1) in labels:
            if turns and turns[-1][0] == m.group(1):
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + c
        else:
            err("srt: first cue has no speaker label")
    return turns


def turns_from_vtt(text):
    turns = []
    for spk, body in re.findall(r"<v ([^>]+)>(.*?)(?:</v>|$)", text, flags=re.M):
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + body
        else:
            turns.append([spk, body])
    return turns


def load(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        lines = docx_lines(path)
        return turns_from_lines(lines), "\n".join(lines), "docx"
    text, enc = read_text(path)
    if ext == "srt":
        return turns_from_srt(text), text, "srt"
    if ext == "vtt":
        return turns_from_vtt(text), text, "vtt"
    return turns_from_lines(text.splitlines()), text, "txt/" + enc


def main():
    docs = {}
    for fn in sorted(os.listdir(TR)):
        doc = fn.rsplit(".", 1)[0]
        turns, text, fmt = load(os.path.join(TR, fn))
        docs[doc] = (turns, text, fmt)
        spk = [t[0] for t in turns]
        if len(set(spk)) != 2:
            err(f"{doc}: {len(set(spk))} speakers: {set(spk)}")
        for i in range(1, len(spk)):
            if spk[i] == spk[i - 1]:
                err(f"{doc}: turn {i + 1} same speaker as turn {i}")
        if len(spk) % 2:
            print(f"note: {doc} ends with an interviewer turn")
        words = sum(len(t[1].split()) for t in turns)
        nresp = len(spk[1::2])
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words outside 1500-2600")
        print(f"{doc:5} {fmt:10} turns={len(turns):3} respondent_turns={nresp:3} words={words}"
              f"  interviewer='{spk[0]}' respondent='{spk[1]}'")
    if len(docs) != 6:
        err(f"expected 6 transcripts, found {len(docs)}")

    with open(os.path.join(HERE, "styles.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(docs) or len(ids) != len(set(ids)):
        err(f"styles.csv ids {ids} do not match transcripts {sorted(docs)}")
    for r in rows:
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            err(f"styles.csv: bad style {r}")
        if not r["rationale"].strip():
            err(f"styles.csv: empty rationale for {r['doc_id']}")

    with open(os.path.join(HERE, "orientation.csv"), newline="", encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        err("orientation.csv not sorted/unique")
    for r in orows:
        d, i = r["doc_id"], int(r["turn_index"])
        if d not in docs:
            err(f"orientation: unknown doc {d}")
            continue
        if i % 2 or i < 2 or i > len(docs[d][0]):
            err(f"orientation: {d} turn {i} is not a respondent turn")
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation: bad value {r}")

    with open(os.path.join(HERE, "identifiers.csv"), newline="", encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
             "ORGANISATIE_NAAM"}
    for r in irows:
        d = r["doc_id"]
        if d not in docs:
            err(f"identifiers: unknown doc {d}")
            continue
        if r["type"] not in types:
            err(f"identifiers: bad type {r}")
        if r["identifier"] not in docs[d][1]:
            err(f"identifiers: {d} '{r['identifier']}' not found verbatim")
    per = collections.Counter(r["doc_id"] for r in irows)
    print("identifiers per doc:", dict(sorted(per.items())))
    print("orientation rows per doc:", dict(sorted(collections.Counter(k[0] for k in keys).items())))
    print("styles:", {r["doc_id"]: r["style"] for r in rows})
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
