"""Build the transcripts and the three csv files of set ni from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/niXX.txt):
  '#key: value'  meta lines (format, encoding, newline, ilabel, rlabel, style, rationale)
  'H: ...'       header line        'I: ...' interviewer turn     'R: ... {casus|netwerk|-}' respondent turn
  identifiers inline as [[text|TYPE]]
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["ni01", "ni02", "ni03", "ni04", "ni05", "ni06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt": "txt", "txt-ts": "txt", "vtt": "vtt",
       "srt": "srt"}


def strip(s):
    return TAG.sub(lambda m: m.group(1), s)


def tags(s):
    return [(m.group(1), m.group(2)) for m in TAG.finditer(s)]


def parse(doc):
    meta, header, turns = {}, [], []
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
                continue
            kind, text = line[:2], line[3:]
            if kind == "H:":
                header.append(text)
            elif kind in ("I:", "R:"):
                ori = None
                m = ORI.search(text)
                if kind == "R:":
                    if not m:
                        sys.exit(f"{doc}:{n}: respondent paragraph without orientation marker")
                    ori, text = m.group(1), text[:m.start()]
                elif m:
                    sys.exit(f"{doc}:{n}: orientation marker on interviewer turn")
                turns.append((kind[0], text.strip(), ori))
            else:
                sys.exit(f"{doc}:{n}: unknown paragraph {line[:20]!r}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


# ---------------------------------------------------------------- timing / cue splitting
def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def nwords(s):
    return len(strip(s).split())


def protected(s):
    spans = [(m.start(), m.end()) for m in TAG.finditer(s)]
    return lambda i: any(a <= i < b for a, b in spans)


def split_at(s, pattern):
    inside = protected(s)
    parts, last = [], 0
    for m in re.finditer(pattern, s):
        if inside(m.start()):
            continue
        parts.append(s[last:m.start() + len(m.group(0).rstrip())].strip())
        last = m.end()
    parts.append(s[last:].strip())
    return [p for p in parts if p]


def cues_for(text, maxw=20):
    sents = []
    for sent in split_at(text, r"(?<=[.!?])\)?\s+(?=[A-Z(\"'“])"):
        if nwords(sent) > 32:
            sents.extend(split_at(sent, r",\s+"))
        else:
            sents.append(sent)
    cues, cur = [], ""
    for s in sents:
        if cur and nwords(cur) + nwords(s) > maxw:
            cues.append(cur)
            cur = s
        else:
            cur = (cur + " " + s).strip()
    if cur:
        cues.append(cur)
    return cues


# ---------------------------------------------------------------- writers
def labels(meta):
    return strip(meta["ilabel"]), strip(meta["rlabel"])


def write_docx(doc, meta, header, turns, bold):
    il, rl = labels(meta)
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = True
    if header:
        d.add_paragraph()
    for sp, text, _ in turns:
        p = d.add_paragraph()
        lab = p.add_run((il if sp == "I" else rl) + ":")
        lab.bold = bold
        p.add_run(" " + strip(text))
    path = os.path.join(OUT, doc + ".docx")
    d.save(path)
    return path


def write_txt(doc, meta, header, turns, stamps):
    il, rl = labels(meta)
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    enc = meta.get("encoding", "utf-8")
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    t = 2.0
    for sp, text, _ in turns:
        lab = il if sp == "I" else rl
        pre = f"[{ts(t)[:8]}] " if stamps else ""
        lines.append(f"{pre}{lab}: {strip(text)}")
        lines.append("")
        t += nwords(text) / 2.2 + 1.6
    path = os.path.join(OUT, doc + ".txt")
    with open(path, "wb") as fh:
        fh.write(nl.join(lines).encode(enc))
    return path


def timed_cues(turns, il, rl):
    t = 3.0
    for sp, text, _ in turns:
        lab = il if sp == "I" else rl
        for c in cues_for(text):
            dur = max(1.2, nwords(c) / 2.2)
            yield t, t + dur, lab, strip(c)
            t += dur + 0.25
        t += 1.4


def write_vtt(doc, meta, header, turns):
    il, rl = labels(meta)
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(strip(h) for h in header)
        out.append("")
    for a, b, lab, c in timed_cues(turns, il, rl):
        out += [f"{ts(a)} --> {ts(b)}", f"<v {lab}>{c}", ""]
    path = os.path.join(OUT, doc + ".vtt")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))
    return path


def write_srt(doc, meta, header, turns):
    il, rl = labels(meta)
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    out = []
    for i, (a, b, lab, c) in enumerate(timed_cues(turns, il, rl), 1):
        out += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
    path = os.path.join(OUT, doc + ".srt")
    with open(path, "wb") as fh:
        fh.write(nl.join(out).encode("utf-8"))
    return path


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.split(".")[0] in DOCS:
            os.remove(os.path.join(OUT, f))
    styles, orients, idents, stats = [], [], [], []
    for doc in DOCS:
        meta, header, turns = parse(doc)
        fmt = meta["format"]
        if fmt.startswith("docx"):
            write_docx(doc, meta, header, turns, bold=(fmt == "docx-bold"))
        elif fmt in ("txt", "txt-ts"):
            write_txt(doc, meta, header, turns, stamps=(fmt == "txt-ts"))
        elif fmt == "vtt":
            write_vtt(doc, meta, header, turns)
        elif fmt == "srt":
            write_srt(doc, meta, header, turns)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (sp, _, ori) in enumerate(turns, 1):
            if sp == "R" and ori in ("casus", "netwerk"):
                orients.append((doc, i, ori))
        seen = {}
        for src in [meta["ilabel"], meta["rlabel"]] + header + [t for _, t, _ in turns]:
            for text, typ in tags(src):
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text!r} tagged as {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    idents.append((doc, text, typ))
        words = sum(nwords(t) for _, t, _ in turns)
        rt = sum(1 for sp, _, _ in turns if sp == "R")
        ocount = sum(1 for d, _, _ in orients if d == doc)
        stats.append((doc, fmt, meta.get("encoding", ""), words, rt, len(seen), ocount))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    print("doc   format      enc     words  r-turns  idents  oriented")
    for s in stats:
        print(f"{s[0]}  {s[1]:<10}  {s[2]:<6}  {s[3]:>5}  {s[4]:>7}  {s[5]:>6}  {s[6]:>8}")


if __name__ == "__main__":
    main()
