#!/usr/bin/env python3
"""Build the setKY transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py [--propagate]

Source format (src/kyNN.txt): one paragraph per turn, separated by blank lines,
each starting with "H:" (header line), "I:" (interviewer) or "R:" (respondent).
Identifiers are inline as [[text|TYPE]]; every R paragraph ends with {casus},
{netwerk} or {-}.  --propagate annotates later unannotated occurrences of an
identifier string that is annotated elsewhere in the same source (rewrites src).
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "ky01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Hanneke"),
    "ky02": dict(fmt="txt_ts", ilabel="Spreker 1", rlabel="Spreker 2",
                 start=131.0),
    "ky03": dict(fmt="vtt", ilabel="Interviewer", rlabel="Naomi Hofstede",
                 start=4.0),
    "ky04": dict(fmt="txt_ir", ilabel="I", rlabel="R"),
    "ky05": dict(fmt="srt", ilabel="Thijs", rlabel="Marloes", start=2.5),
    "ky06": dict(fmt="docx_plain", ilabel="Interviewer", rlabel="Respondent"),
}
# speaker labels that are names (count as PERSOON identifiers)
LABEL_PERSONS = {"ky01": ["Hanneke"], "ky03": ["Naomi Hofstede"],
                 "ky05": ["Thijs", "Marloes"]}

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def read_src(doc):
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    out = []
    for p in paras:
        m = re.match(r"^(H|I|R):\s+(.*)$", p, re.S)
        if not m:
            sys.exit(f"{doc}: bad paragraph: {p[:60]}")
        kind, text = m.group(1), " ".join(m.group(2).split())
        orient = None
        if kind == "R":
            t = TAG.search(text)
            if not t:
                sys.exit(f"{doc}: respondent paragraph without tag: {text[:60]}")
            orient = t.group(1)
            text = text[:t.start()].rstrip()
        elif TAG.search(text):
            sys.exit(f"{doc}: tag on non-respondent paragraph: {text[:60]}")
        out.append(dict(kind=kind, ann=text, orient=orient))
    return out


def plain(ann):
    return ANN.sub(lambda m: m.group(1), ann)


def annotations(ann):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(ann)]


def unannotated_hits(ann, ident):
    """Occurrences of ident outside [[...]] (word-bounded)."""
    masked = ANN.sub(lambda m: "\0" * len(m.group(0)), ann)
    pat = re.compile(r"(?<![\w])" + re.escape(ident) + r"(?![\w])")
    return [m.start() for m in pat.finditer(masked)]


def propagate(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    idents = {}
    for t, ty in annotations(raw):
        idents.setdefault(t, ty)
    changed = 0
    for ident in sorted(idents, key=len, reverse=True):
        while True:
            hits = unannotated_hits(raw, ident)
            if not hits:
                break
            s = hits[0]
            raw = raw[:s] + f"[[{ident}|{idents[ident]}]]" + raw[s + len(ident):]
            changed += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(raw)
    print(f"{doc}: propagated {changed} annotations")


# ---------------------------------------------------------------- cue helpers
def protect(ann):
    """Replace spaces inside annotations so they are never split."""
    return ANN.sub(lambda m: m.group(0).replace(" ", "\u00a0"), ann)


def unprotect(s):
    return s.replace("\u00a0", " ")


def sentences(ann):
    p = protect(ann)
    parts = re.split(r"(?<=[.!?])\s+", p)
    return [x for x in parts if x]


def nwords(s):
    return len(plain(unprotect(s)).split())


def cues_for(ann, maxw=20, hardmax=28):
    cues, cur = [], []
    for s in sentences(ann):
        pieces = [s]
        if nwords(s) > hardmax:  # split long sentences at commas
            chunks, buf = [], []
            for seg in re.split(r"(?<=,)\s+", s):
                if buf and nwords(" ".join(buf + [seg])) > maxw:
                    chunks.append(" ".join(buf))
                    buf = []
                buf.append(seg)
            if buf:
                chunks.append(" ".join(buf))
            pieces = chunks
        for piece in pieces:
            if cur and nwords(" ".join(cur + [piece])) > maxw:
                cues.append(" ".join(cur))
                cur = []
            cur.append(piece)
    if cur:
        cues.append(" ".join(cur))
    return [plain(unprotect(c)) for c in cues]


def ts(sec, sep):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = sec % 60
    whole = int(s)
    ms = int(round((s - whole) * 1000))
    if ms == 1000:
        whole, ms = whole + 1, 0
    return f"{h:02d}:{m:02d}:{whole:02d}{sep}{ms:03d}"


def timed_cues(turns, start):
    """turns: list of (speaker, ann). Yields (speaker, start, end, text)."""
    t = start
    prev = None
    for spk, ann in turns:
        if prev is not None and spk != prev:
            t += 0.9
        for c in cues_for(ann):
            dur = max(1.4, len(c.split()) * 0.37)
            yield spk, t, t + dur, c
            t += dur + 0.2
        prev = spk


# ---------------------------------------------------------------- writers
def write_docx(doc, cfg, paras, bold):
    d = Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for p in paras:
        text = plain(p["ann"])
        if p["kind"] == "H":
            d.add_paragraph(text)
            continue
        label = cfg["ilabel"] if p["kind"] == "I" else cfg["rlabel"]
        para = d.add_paragraph()
        if bold:
            r = para.add_run(label + ":")
            r.bold = True
            para.add_run(" " + text)
        else:
            para.add_run(f"{label}: {text}")
    d.save(os.path.join(OUT, doc + ".docx"))


def write_txt_ts(doc, cfg, paras):
    lines = [plain(p["ann"]) for p in paras if p["kind"] == "H"]
    lines.append("")
    t = cfg["start"]
    for p in paras:
        if p["kind"] == "H":
            continue
        label = cfg["ilabel"] if p["kind"] == "I" else cfg["rlabel"]
        text = plain(p["ann"])
        stamp = ts(t, ",")[:8]
        lines.append(f"[{stamp}] {label}: {text}")
        t += len(text.split()) * 0.38 + 1.5
    with open(os.path.join(OUT, doc + ".txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_txt_ir(doc, cfg, paras):
    blocks, head = [], []
    for p in paras:
        if p["kind"] == "H":
            head.append(plain(p["ann"]))
    blocks.append("\r\n".join(head))
    for p in paras:
        if p["kind"] == "H":
            continue
        label = cfg["ilabel"] if p["kind"] == "I" else cfg["rlabel"]
        blocks.append(f"{label}: {plain(p['ann'])}")
    data = "\r\n\r\n".join(blocks) + "\r\n"
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode("cp1252"))


def write_vtt(doc, cfg, paras):
    head = [plain(p["ann"]) for p in paras if p["kind"] == "H"]
    turns = [(cfg["ilabel"] if p["kind"] == "I" else cfg["rlabel"], p["ann"])
             for p in paras if p["kind"] != "H"]
    out = ["WEBVTT", "", "NOTE"] + head + [""]
    for i, (spk, a, b, text) in enumerate(timed_cues(turns, cfg["start"]), 1):
        out += [str(i), f"{ts(a, '.')} --> {ts(b, '.')}",
                f"<v {spk}>{text}</v>", ""]
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, cfg, paras):
    turns = [(cfg["ilabel"] if p["kind"] == "I" else cfg["rlabel"], p["ann"])
             for p in paras if p["kind"] != "H"]
    out = []
    for i, (spk, a, b, text) in enumerate(timed_cues(turns, cfg["start"]), 1):
        out += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{spk}: {text}", ""]
    with open(os.path.join(OUT, doc + ".srt"), "wb") as f:
        f.write(("\r\n".join(out) + "\r\n").encode("utf-8"))


def main():
    if "--propagate" in sys.argv:
        for doc in DOCS:
            propagate(doc)
        return
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, ident_rows = [], []
    problems = []
    for doc, cfg in DOCS.items():
        paras = read_src(doc)
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx(doc, cfg, paras, True)
        elif fmt == "docx_plain":
            write_docx(doc, cfg, paras, False)
        elif fmt == "txt_ts":
            write_txt_ts(doc, cfg, paras)
        elif fmt == "txt_ir":
            write_txt_ir(doc, cfg, paras)
        elif fmt == "vtt":
            write_vtt(doc, cfg, paras)
        elif fmt == "srt":
            write_srt(doc, cfg, paras)
        # orientation: turn index counts I/R paragraphs from 1
        idx = 0
        words = 0
        rturns = 0
        for p in paras:
            if p["kind"] == "H":
                continue
            idx += 1
            words += len(plain(p["ann"]).split())
            if p["kind"] == "R":
                rturns += 1
                if idx % 2:
                    problems.append(f"{doc}: respondent at odd turn {idx}")
                if p["orient"] in ("casus", "netwerk"):
                    orient_rows.append((doc, idx, p["orient"]))
        # identifiers: distinct strings in order of first occurrence
        seen = {}
        for p in paras:
            for t, ty in annotations(p["ann"]):
                if ty not in TYPES:
                    problems.append(f"{doc}: bad type {ty}")
                if t in seen and seen[t] != ty:
                    problems.append(f"{doc}: {t!r} has types {seen[t]} and {ty}")
                seen.setdefault(t, ty)
        for name in LABEL_PERSONS.get(doc, []):
            seen.setdefault(name, "PERSOON")
        for t, ty in seen.items():
            ident_rows.append((doc, t, ty))
        # unannotated occurrences
        for p in paras:
            for t in seen:
                if unannotated_hits(p["ann"], t):
                    problems.append(f"{doc}: unannotated {t!r} in "
                                    f"{plain(p['ann'])[:50]!r}")
        c = dict(casus=0, netwerk=0)
        for d_, _, o in orient_rows:
            if d_ == doc:
                c[o] += 1
        print(f"{doc}: {fmt:10s} words={words} turns={idx} "
              f"respondent_turns={rturns} ids={len(seen)} casus={c['casus']} "
              f"netwerk={c['netwerk']}")
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8",
              newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8",
              newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(HERE, "styles_src.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8",
              newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerows(rows)
    if problems:
        print("\n".join("WARN " + p for p in problems))


if __name__ == "__main__":
    main()
