#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set HJ from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/hjNN.txt):
  #key: value            meta lines (doc, style, rationale, format, bold, label_I, label_R)
  H: / I: / R: ...       one paragraph per turn, paragraphs separated by blank lines
  [[text|TYPE]]          an identifier, inline
  {casus} {netwerk} {-}  at the end of every respondent paragraph
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx": "docx", "txt-ir": "txt", "txt-ts": "txt", "srt": "srt", "vtt": "vtt"}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse(path):
    meta, paras = {}, []
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not body:
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body).strip()):
        block = " ".join(x.strip() for x in block.splitlines())
        kind, _, text = block.partition(": ")
        if kind not in ("H", "I", "R"):
            sys.exit(f"{path.name}: bad paragraph {block[:40]!r}")
        orient = None
        if kind == "R":
            m = TAG.search(text)
            if not m:
                sys.exit(f"{path.name}: respondent paragraph without tag: {text[:50]!r}")
            orient = m.group(1)
            text = text[:m.start()]
        elif TAG.search(text):
            sys.exit(f"{path.name}: tag on non-respondent paragraph: {text[:50]!r}")
        paras.append((kind, text.strip(), orient))
    return meta, paras


def sentences(text):
    """Split annotated text at sentence ends that are not inside an annotation."""
    out, cur, depth, i = [], "", 0, 0
    while i < len(text):
        if text.startswith("[[", i):
            depth += 1
        elif text.startswith("]]", i):
            depth -= 1
        ch = text[i]
        cur += ch
        if depth == 0 and ch in ".?!" and i + 1 < len(text) and text[i + 1] == " ":
            out.append(cur.strip())
            cur = ""
        i += 1
    if cur.strip():
        out.append(cur.strip())
    return out


def chunks(text, maxw):
    res, cur = [], []
    for s in sentences(text):
        n = len(plain(s).split())
        if cur and len(plain(" ".join(cur)).split()) + n > maxw:
            res.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        res.append(" ".join(cur))
    return res


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, maxw, start=2.4):
    """turns: list of (speaker_key, annotated text). Yields (start, end, key, chunk)."""
    t = start
    cues = []
    for key, text in turns:
        for ch in chunks(text, maxw):
            dur = max(1.2, len(plain(ch).split()) / 2.55)
            cues.append((t, t + dur, key, ch))
            t += dur + 0.25
        t += 0.9
    return cues


def build_doc(meta, paras):
    doc_id = meta["doc"]
    fmt = meta["format"]
    head = [plain(t) for k, t, _ in paras if k == "H"]
    turns = [(k, t) for k, t, _ in paras if k in "IR"]
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    path = OUT / f"{doc_id}.{EXT[fmt]}"

    if fmt == "docx":
        d = docx.Document()
        d.core_properties.author = "transcriptie"
        d.core_properties.title = ""
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in head:
            d.add_paragraph(h)
        if head:
            d.add_paragraph("")
        bold = meta.get("bold", "no") == "yes"
        for k, t in turns:
            p = d.add_paragraph()
            if bold:
                p.add_run(lab[k] + ":").bold = True
                p.add_run(" " + plain(t))
            else:
                p.add_run(f"{lab[k]}: {plain(t)}")
        d.save(path)

    elif fmt == "txt-ir":
        lines = head + [""]
        for k, t in turns:
            lines.append(f"{lab[k]}: {plain(t)}")
            lines.append("")
        path.write_bytes("\r\n".join(lines).encode("cp1252"))

    elif fmt == "txt-ts":
        lines = head + [""]
        for c in timed_cues(turns, 10 ** 6, start=3.0):
            lines.append(f"[{ts(c[0], ',')[:8]}] {lab[c[2]]}: {plain(c[3])}")
            lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")

    elif fmt == "srt":
        out = []
        for n, (a, b, k, ch) in enumerate(timed_cues(turns, 16), 1):
            out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[k]}: {plain(ch)}", ""]
        path.write_bytes("\r\n".join(out).encode("utf-8"))

    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if head:
            out += ["NOTE"] + head + [""]
        for a, b, k, ch in timed_cues(turns, 22):
            out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab[k]}>{plain(ch)}</v>", ""]
        path.write_text("\n".join(out), encoding="utf-8")
    else:
        sys.exit(f"unknown format {fmt}")
    return path


def main():
    OUT.mkdir(exist_ok=True)
    styles, orient, idents, summary = [], [], [], []
    for src in sorted(SRC.glob("hj??.txt")):
        meta, paras = parse(src)
        doc_id = meta["doc"]
        path = build_doc(meta, paras)
        # identifiers: labels, header and turns, first appearance order
        seen = {}
        texts = [meta.get("label_I", ""), meta.get("label_R", "")] + [t for _, t, _ in paras]
        for t in texts:
            for m in ANN.finditer(t):
                s, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: bad type {typ}")
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc_id}: {s!r} annotated with two types")
                seen.setdefault(s, typ)
        for s, typ in seen.items():
            idents.append((doc_id, s, typ))
        # warn about unannotated occurrences of an identifier string
        rest = "\n".join(ANN.sub(" ", t) for t in texts)
        for s in seen:
            if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest):
                print(f"WARNING {doc_id}: unannotated occurrence of {s!r}")
        # orientation
        idx = 0
        words = 0
        rturns = 0
        for k, t, o in paras:
            if k == "H":
                continue
            idx += 1
            words += len(plain(t).split())
            if k == "R":
                rturns += 1
                if idx % 2:
                    sys.exit(f"{doc_id}: respondent on odd turn {idx}")
                if o in ("casus", "netwerk"):
                    orient.append((doc_id, idx, o))
            elif idx % 2 == 0:
                sys.exit(f"{doc_id}: interviewer on even turn {idx}")
        styles.append((doc_id, meta["style"], meta["rationale"]))
        summary.append((doc_id, path.name, words, rturns, len(seen)))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    for row in summary:
        print("{} {:10s} words={} respondent_turns={} identifiers={}".format(*row))


if __name__ == "__main__":
    main()
