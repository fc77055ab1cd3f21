#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set IS from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (from the set folder or anywhere)

Source format (src/isNN.src.txt), paragraphs separated by blank lines:
  #key: value      meta (format, I, R, style, rationale)
  H: ...           header line (not a turn)
  I: ...           interviewer turn
  R: ... {tag}     respondent turn, tag casus | netwerk | -
Identifiers inline as [[text|TYPE]], also allowed in the #I / #R speaker labels.
"""
import csv
import random
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
SET = HERE.parent
OUT = SET / "transcripts"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def parse(path):
    meta, header, turns = {}, [], []
    text = path.read_text(encoding="utf-8")
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(l.strip() for l in para.strip().splitlines())
        if not para:
            continue
        if para.startswith("#"):
            for piece in re.split(r"(?=#[A-Za-z_]+:)", para):
                piece = piece.strip()
                if piece:
                    k, v = piece[1:].split(":", 1)
                    meta[k.strip()] = v.strip()
            continue
        role, body = para.split(":", 1)
        body = body.strip()
        if role == "H":
            header.append(body)
        elif role in ("I", "R"):
            tag = None
            if role == "R":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without tag: {body[:60]}")
                tag = m.group(1)
                body = body[:m.start()].rstrip()
            elif TAG.search(body):
                sys.exit(f"{path.name}: tag on interviewer turn: {body[:60]}")
            turns.append((role, body, tag))
        else:
            sys.exit(f"{path.name}: unknown paragraph role {role!r}")
    return meta, header, turns


def split_cues(annotated, max_words=24):
    """Split a turn into cue texts at sentence ends, never inside an identifier."""
    masked = ANN.sub(lambda m: "\x00" * len(m.group(0)), annotated)
    cuts = [m.end() for m in re.finditer(r"(?<=[.?!)])\s+(?=[A-Z(\"'‘“])", masked)]
    pieces, start = [], 0
    for c in cuts + [len(annotated)]:
        pieces.append(annotated[start:c].strip())
        start = c
    cues, cur = [], ""
    for p in pieces:
        if not p:
            continue
        if cur and len(plain(cur + " " + p).split()) > max_words:
            cues.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        cues.append(cur)
    return [plain(c) for c in cues]


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def timed(turns, labels, seed, with_cues):
    """Yield (label, start, end, text) per cue (or per turn)."""
    rnd = random.Random(seed)
    t = 3.0 + rnd.random() * 4
    out = []
    for role, body, _ in turns:
        parts = split_cues(body) if with_cues else [plain(body)]
        for p in parts:
            dur = max(1.2, len(p.split()) / 2.6 + rnd.random() * 0.8)
            out.append((labels[role], t, t + dur, p))
            t += dur + 0.15 + rnd.random() * 0.5
        t += 0.4 + rnd.random() * 1.6
    return out


def write_txt_ir(doc, header, turns, labels, enc, nl):
    lines = [plain(h) for h in header] + [""]
    for role, body, _ in turns:
        lines.append(f"{labels[role]}: {plain(body)}")
        lines.append("")
    data = nl.join(lines).rstrip() + nl
    (OUT / f"{doc}.txt").write_bytes(data.encode(enc))


def write_txt_ts(doc, header, turns, labels, seed):
    lines = [plain(h) for h in header] + [""]
    for label, start, _, text in timed(turns, labels, seed, with_cues=False):
        lines.append(f"[{ts(start, ',')[:8]}] {label}: {text}")
    (OUT / f"{doc}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_vtt(doc, header, turns, labels, seed):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h) for h in header]
        out.append("")
    for label, start, end, text in timed(turns, labels, seed, with_cues=True):
        out.append(f"{ts(start, '.')} --> {ts(end, '.')}")
        out.append(f"<v {label}>{text}")
        out.append("")
    (OUT / f"{doc}.vtt").write_text("\n".join(out), encoding="utf-8")


def write_srt(doc, turns, labels, seed, nl):
    out = []
    for n, (label, start, end, text) in enumerate(timed(turns, labels, seed, with_cues=True), 1):
        out += [str(n), f"{ts(start, ',')} --> {ts(end, ',')}", f"{label}: {text}", ""]
    (OUT / f"{doc}.srt").write_bytes(nl.join(out).encode("utf-8"))


def write_docx(doc, header, turns, labels, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
    if header:
        d.add_paragraph()
    for role, body, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(f"{labels[role]}:")
        r.bold = bold
        p.add_run(" " + plain(body))
    d.save(OUT / f"{doc}.docx")


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, ids = [], [], []
    report = []
    for src in sorted(HERE.glob("is*.src.txt")):
        doc = src.name.split(".")[0]
        meta, header, turns = parse(src)
        labels = {"I": plain(meta["I"]), "R": plain(meta["R"])}
        # identifiers: header, labels, turns (first occurrence order)
        seen = {}
        def add(s):
            for text, typ in idents(s):
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text!r} typed {seen[text]} and {typ}")
                seen.setdefault(text, typ)
        for h in header:
            add(h)
        add(meta["I"])
        add(meta["R"])
        for _, body, _ in turns:
            add(body)
        # warn about unannotated occurrences of known identifiers
        for _, body, _ in turns:
            masked = ANN.sub(lambda m: "\x00" * len(m.group(0)), body)
            for text in seen:
                for m in re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", masked):
                    print(f"WARN {doc}: unannotated {text!r} in: ...{masked[max(0,m.start()-30):m.end()+30]}...")
        for text, typ in seen.items():
            ids.append((doc, text, typ))
        # alternation
        for k, (role, _, _) in enumerate(turns):
            if role != ("I" if k % 2 == 0 else "R"):
                sys.exit(f"{doc}: turns do not alternate at turn {k+1}")
        for k, (role, _, tag) in enumerate(turns, 1):
            if role == "R" and tag in ("casus", "netwerk"):
                orient.append((doc, k, tag))
        styles.append((doc, meta["style"], meta["rationale"]))
        fmt = meta["format"]
        seed = int(doc[2:]) * 7919
        if fmt == "txt-ir-cp1252":
            write_txt_ir(doc, header, turns, labels, "cp1252", "\r\n")
        elif fmt == "txt-ir-utf8":
            write_txt_ir(doc, header, turns, labels, "utf-8", "\n")
        elif fmt == "txt-ts-utf8":
            write_txt_ts(doc, header, turns, labels, seed)
        elif fmt == "vtt":
            write_vtt(doc, header, turns, labels, seed)
        elif fmt == "srt-crlf":
            write_srt(doc, turns, labels, seed, "\r\n")
        elif fmt == "docx-bold":
            write_docx(doc, header, turns, labels, True)
        elif fmt == "docx-plain":
            write_docx(doc, header, turns, labels, False)
        else:
            sys.exit(f"{doc}: unknown format {fmt}")
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        rw = sum(len(plain(b).split()) for r, b, _ in turns if r == "R")
        nr = sum(1 for r, _, _ in turns if r == "R")
        tags = [t for r, _, t in turns if r == "R"]
        report.append(f"{doc} {fmt:14s} words={words} (resp {rw}) resp_turns={nr} "
                      f"casus={tags.count('casus')} netwerk={tags.count('netwerk')} "
                      f"ids={len(seen)} style={meta['style']}")
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)
    print("\n".join(report))


if __name__ == "__main__":
    main()
