#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set JM from the annotated sources.

Source format (src/<doc_id>.txt), one paragraph per line, blank lines ignored:
    # style: <style> | <one-sentence rationale>
    H: header line            (identifiers inline as [[text|TYPE]])
    I: interviewer turn
    R: respondent turn ... {casus} | {netwerk} | {-}

Run with:  /work/main/.venv/bin/python src/build.py   (needs python-docx)
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

# Per document: delivery format and speaker labels (labels may carry identifier markup).
DOCS = {
    "jm01": dict(fmt="docx_bold", I="Interviewer", R="Respondent"),
    "jm02": dict(fmt="srt", I="[[Lotte|PERSOON]]", R="[[Ruud|PERSOON]]"),
    "jm03": dict(fmt="txt", enc="cp1252", nl="\r\n", I="I", R="R"),
    "jm04": dict(fmt="vtt", I="Interviewer", R="[[Sandra Pinas|PERSOON]]"),
    "jm05": dict(fmt="txt_ts", enc="utf-8", nl="\n", I="Spreker 1", R="Spreker 2"),
    "jm06": dict(fmt="docx_plain", I="[[Mirjam|PERSOON]]", R="[[Glenn|PERSOON]]"),
}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "srt": "srt", "txt": "txt",
       "txt_ts": "txt", "vtt": "vtt"}

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
WORD = re.compile(r"\w[\w'’-]*")


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    style = rationale = None
    header, turns = [], []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("# style:"):
                style, rationale = [x.strip() for x in line[len("# style:"):].split("|", 1)]
                continue
            if line.startswith("#"):
                continue
            kind, _, text = line.partition(": ")
            if kind == "H":
                header.append(text)
            elif kind in ("I", "R"):
                orient = None
                if kind == "R":
                    m = ORIENT.search(text)
                    if not m:
                        sys.exit(f"{doc_id}:{ln}: respondent paragraph without orientation tag")
                    orient = m.group(1)
                    text = text[:m.start()]
                elif ORIENT.search(text):
                    sys.exit(f"{doc_id}:{ln}: orientation tag on interviewer turn")
                turns.append((kind, text.strip(), orient))
            else:
                sys.exit(f"{doc_id}:{ln}: unknown paragraph kind {kind!r}")
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return style, rationale, header, turns


# ---------------------------------------------------------------- timing / cues
def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(WORD.findall(plain(text))) / 2.5)


def chunks(text, maxw=22):
    """Split an annotated turn into cue-sized chunks at sentence ends, never inside markup."""
    prot = MARK.sub(lambda m: m.group(0).replace(" ", "\x00"), text)
    sents = re.split(r"(?<=[.!?])\s+", prot)
    out, cur = [], []
    for s in sents:
        n = len(WORD.findall(plain(s.replace("\x00", " "))))
        curn = sum(len(WORD.findall(plain(x.replace("\x00", " ")))) for x in cur)
        if cur and curn + n > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [c.replace("\x00", " ") for c in out]


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, cfg, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if h is header[0]:
            r.bold = True
    if header:
        d.add_paragraph()
    for kind, text, _ in turns:
        lab = plain(cfg[kind]) + ":"
        p = d.add_paragraph()
        r = p.add_run(lab)
        r.bold = bold
        p.add_run(" " + plain(text))
    d.save(path)


def write_txt(path, header, turns, cfg):
    nl = cfg["nl"]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines.append(f"{plain(cfg[kind])}: {plain(text)}")
        lines.append("")
    with open(path, "w", encoding=cfg["enc"], newline="") as f:
        f.write(nl.join(lines))


def write_txt_ts(path, header, turns, cfg):
    nl = cfg["nl"]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = 2.0
    for kind, text, _ in turns:
        stamp = ts(t, ",")[:8]
        lines.append(f"[{stamp}] {plain(cfg[kind])}: {plain(text)}")
        lines.append("")
        t += dur(text) + 0.8
    with open(path, "w", encoding=cfg["enc"], newline="") as f:
        f.write(nl.join(lines))


def write_srt(path, header, turns, cfg):
    assert not header, "srt has no header"
    out, n, t = [], 1, 1.0
    for kind, text, _ in turns:
        lab = plain(cfg[kind])
        for c in chunks(text):
            d = dur(c)
            out += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{lab}: {plain(c)}", ""]
            n += 1
            t += d + 0.15
        t += 0.6
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(out))


def write_vtt(path, header, turns, cfg):
    out = ["WEBVTT", ""]
    if header:
        out += ["NOTE"] + [plain(h) for h in header] + [""]
    t = 0.5
    for kind, text, _ in turns:
        lab = plain(cfg[kind])
        for c in chunks(text):
            d = dur(c)
            out += [f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {lab}>{plain(c)}</v>", ""]
            t += d + 0.1
        t += 0.7
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(out))


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient_rows, ident_rows, stats = [], [], [], []
    for doc_id, cfg in DOCS.items():
        style, rationale, header, turns = parse(doc_id)
        ext = EXT[cfg["fmt"]]
        for old in os.listdir(OUT):
            if old.startswith(doc_id + "."):
                os.remove(os.path.join(OUT, old))
        path = os.path.join(OUT, f"{doc_id}.{ext}")
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx(path, header, turns, cfg, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, cfg, bold=False)
        elif fmt == "txt":
            write_txt(path, header, turns, cfg)
        elif fmt == "txt_ts":
            write_txt_ts(path, header, turns, cfg)
        elif fmt == "srt":
            write_srt(path, header, turns, cfg)
        elif fmt == "vtt":
            write_vtt(path, header, turns, cfg)

        styles.append((doc_id, style, rationale))
        for i, (kind, text, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        seen = {}
        sources = header + [cfg["I"], cfg["R"]] + [t for _, t, _ in turns]
        # order: header, then labels, then turns (labels occur in every turn line)
        for s in sources:
            for text, typ in idents(s):
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: unknown type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc_id}: {text!r} typed both {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    ident_rows.append((doc_id, text, typ))
        words = sum(len(WORD.findall(plain(t))) for _, t, _ in turns)
        rturns = sum(1 for k, _, _ in turns if k == "R")
        nor = sum(1 for r in orient_rows if r[0] == doc_id)
        stats.append((doc_id, fmt, style, words, rturns, nor, len(seen)))

    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for s in stats:
        print("%s  %-10s %-14s words=%d respondent_turns=%d orientation_rows=%d identifiers=%d" % s)


if __name__ == "__main__":
    main()
