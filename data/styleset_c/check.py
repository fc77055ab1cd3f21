#!/usr/bin/env python3
"""Stdlib self-check for blind set C. Reads the generated transcripts directly (not the sources).

Checks: every transcript parses into turns that strictly alternate interviewer/respondent starting
with the interviewer; every orientation row points at an existing respondent (even) turn; every
identifier occurs verbatim in its document's text; styles.csv is complete and valid; word counts in
the 1,500-2,600 range. Exit code 1 on any failure.
"""
import csv
import html
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = ["bc01", "bc02", "bc03", "bc04", "bc05", "bc06"]
# (file, interviewer label, respondent label, encoding)
SPEC = {
    "bc01": ("bc01.docx", "Interviewer", "Respondent", None),
    "bc02": ("bc02.vtt", "Lotte", "Erwin", "utf-8"),
    "bc03": ("bc03.txt", "I", "R", "utf-8"),
    "bc04": ("bc04.srt", "Anouk", "Gerrit", "utf-8-sig"),
    "bc05": ("bc05.txt", "Spreker 1", "Spreker 2", "cp1252"),
    "bc06": ("bc06.docx", "JK", "JH", None),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def err(msg):
    errors.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        paras.append(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S))))
    return paras


def segments(doc):
    """Return (full_text, [(label, text), ...]) with consecutive same-label segments kept separate."""
    fn, li, lr, enc = SPEC[doc]
    path = os.path.join(HERE, "transcripts", fn)
    segs = []
    if fn.endswith(".docx"):
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            for lab in (li, lr):
                if p.startswith(lab + ":"):
                    segs.append((lab, p[len(lab) + 1:].strip()))
    else:
        raw = open(path, "rb").read()
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                err(f"{doc}: expected a Windows-1252 file but it decodes as UTF-8")
            except UnicodeDecodeError:
                pass
        full = raw.decode(enc).replace("\r\n", "\n")
        if fn.endswith(".vtt"):
            if not full.startswith("WEBVTT"):
                err(f"{doc}: missing WEBVTT header")
            for m in re.finditer(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v ([^>]+)>(.*)$", full, flags=re.M):
                segs.append((m.group(1), m.group(2)))
        elif fn.endswith(".srt"):
            blocks = [b for b in full.strip().split("\n\n") if b.strip()]
            for k, b in enumerate(blocks, 1):
                lines = b.split("\n")
                if lines[0].strip() != str(k) or "-->" not in lines[1]:
                    err(f"{doc}: malformed SRT block {k}")
                lab, _, txt = " ".join(lines[2:]).partition(": ")
                segs.append((lab, txt))
        else:
            for line in full.split("\n"):
                m = re.match(r"^(?:\[\d\d:\d\d:\d\d\] )?(" + re.escape(li) + "|" + re.escape(lr) + r"): (.*)$", line)
                if m:
                    segs.append((m.group(1), m.group(2)))
    return full, segs, li, lr


def turns_of(segs):
    turns = []
    for lab, txt in segs:
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return turns


def main():
    texts, nturns = {}, {}
    for doc in DOCS:
        full, segs, li, lr = segments(doc)
        texts[doc] = full
        labs = {l for l, _ in segs}
        if labs - {li, lr}:
            err(f"{doc}: unexpected speaker labels {labs - {li, lr}}")
        turns = turns_of(segs)
        nturns[doc] = len(turns)
        if not turns:
            err(f"{doc}: no turns parsed")
            continue
        for i, (lab, _) in enumerate(turns, 1):
            want = li if i % 2 == 1 else lr
            if lab != want:
                err(f"{doc}: turn {i} is {lab!r}, expected {want!r}")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc}: {words} words, outside 1500-2600")
        if "[[" in full or "{c}" in full or "{n}" in full or "{0}" in full:
            err(f"{doc}: annotation markup leaked into transcript")
        print(f"{doc}: {len(turns)} turns, {sum(1 for l, _ in turns if l == lr)} respondent turns, {words} words")

    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != DOCS or len(rows) != len(DOCS):
        err(f"styles.csv: doc ids {sorted(got)}")
    for d, r in got.items():
        if r["style"] not in STYLES:
            err(f"styles.csv: {d} has invalid style {r['style']!r}")
        if not r["rationale"].strip():
            err(f"styles.csv: {d} has no rationale")
    styles = [r["style"] for r in rows]
    if styles.count("casusgericht") < 2 or styles.count("netwerkgericht") < 2 or styles.count("onbepaald") > 1:
        err(f"styles.csv: style mix {styles} violates the brief")

    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted by doc_id, turn_index or has duplicates")
    for r in orows:
        d, t = r["doc_id"], int(r["turn_index"])
        if d not in nturns:
            err(f"orientation.csv: unknown doc {d}")
        elif t % 2 != 0 or not 1 <= t <= nturns[d]:
            err(f"orientation.csv: {d} turn {t} is not a respondent turn (doc has {nturns[d]} turns)")
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad orientation {r['orientation']!r}")

    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    for r in irows:
        if r["type"] not in types:
            err(f"identifiers.csv: bad type {r['type']!r}")
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            err(f"identifiers.csv: {r['doc_id']} {r['identifier']!r} not found verbatim")
    for d in DOCS:
        if not any(r["doc_id"] == d for r in irows):
            err(f"identifiers.csv: no identifiers for {d}")
    print(f"styles: {len(rows)} rows, orientation: {len(orows)} rows, identifiers: {len(irows)} rows")
    if errors:
        print("FAILED:")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
