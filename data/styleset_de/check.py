#!/usr/bin/env python3
"""Stdlib self-check for blind set DE: re-parses the transcripts as delivered (not the sources)."""
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
T = os.path.join(ROOT, "transcripts")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# label of interviewer, label of respondent, as they appear in each file
LABELS = {
    "de01": ("Interviewer:", "Respondent:"),
    "de02": ("INT:", "Bas:"),
    "de03": ("Interviewer", "Ingrid Zwaan"),
    "de04": ("I:", "R:"),
    "de05": ("Interviewer:", "Respondent:"),
    "de06": ("Spreker 1:", "Spreker 2:"),
}
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def load(doc):
    """return (full_text, [(speaker_label, text), ...]) with consecutive cues of one speaker merged"""
    fn = [f for f in os.listdir(T) if f.startswith(doc + ".")]
    if len(fn) != 1:
        err(f"{doc}: expected one transcript file, found {fn}")
        return "", []
    path = os.path.join(T, fn[0])
    ext = fn[0].split(".", 1)[1]
    li, lr = LABELS[doc]
    segs = []
    if ext == "docx":
        root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        full = "\n".join(paras)
        for p in paras:
            for lab in (li, lr):
                if p.startswith(lab + " "):
                    segs.append((lab, p[len(lab):].strip()))
    elif ext == "srt":
        full = read_text(path)
        for block in re.split(r"\n\s*\n", full.strip()):
            lines = block.splitlines()
            if len(lines) < 3 or "-->" not in lines[1]:
                err(f"{doc}: bad srt block {block[:40]!r}")
                continue
            text = " ".join(lines[2:])
            lab = next((l for l in (li, lr) if text.startswith(l + " ")), None)
            if lab is None:
                err(f"{doc}: srt cue without speaker: {text[:40]!r}")
                continue
            segs.append((lab, text[len(lab):].strip()))
    elif ext == "vtt":
        full = read_text(path)
        if not full.startswith("WEBVTT"):
            err(f"{doc}: missing WEBVTT header")
        for m in re.finditer(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v ([^>]+)>(.*?)(?:</v>)?$", full, re.M):
            segs.append((m.group(1), m.group(2)))
    else:  # txt
        full = read_text(path)
        for line in full.splitlines():
            line2 = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", line)
            for lab in (li, lr):
                if line2.startswith(lab + " "):
                    segs.append((lab, line2[len(lab):].strip()))
    turns = []
    for lab, text in segs:
        if lab not in (li, lr):
            err(f"{doc}: unknown speaker {lab!r}")
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    return full, turns


def main():
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        styles = {r["doc_id"]: r for r in csv.DictReader(f)}
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        orient = list(csv.DictReader(f))
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        idents = list(csv.DictReader(f))
    docs = sorted(LABELS)
    if sorted(styles) != docs:
        err(f"styles.csv docs {sorted(styles)} != {docs}")
    for d, r in styles.items():
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"):
            err(f"{d}: bad style {r['style']}")
        if not r["rationale"].strip():
            err(f"{d}: empty rationale")
    data = {}
    for d in docs:
        full, turns = load(d)
        data[d] = (full, turns)
        li, lr = LABELS[d]
        for k, (lab, _) in enumerate(turns):
            if lab != (li if k % 2 == 0 else lr):
                err(f"{d}: turn {k+1} breaks alternation ({lab})")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{d}: {words} words outside 1500-2600")
        print(f"{d}: turns={len(turns)} respondent_turns={len(turns) // 2} words={words}")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orient]
    if keys != sorted(keys):
        err("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        err("orientation.csv has duplicates")
    for r in orient:
        d, k = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err(f"{d}:{k} bad orientation {r['orientation']}")
        if d not in data:
            err(f"orientation row for unknown doc {d}")
            continue
        n = len(data[d][1])
        if not (1 <= k <= n and k % 2 == 0):
            err(f"{d}: orientation turn {k} is not a respondent turn (n={n})")
    for r in idents:
        d = r["doc_id"]
        if d not in data or r["identifier"] not in data[d][0]:
            err(f"{d}: identifier {r['identifier']!r} not found verbatim")
        if r["type"] not in ("PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"):
            err(f"{d}: bad identifier type {r['type']}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print(f"OK: {len(docs)} docs, {len(orient)} orientation rows, {len(idents)} identifiers")


if __name__ == "__main__":
    main()
