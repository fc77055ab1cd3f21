#!/usr/bin/env python3
"""Build the transcripts and the three label files of set KT from the annotated sources.

Source format (src/ktNN.txt):
  @key value          metadata (format, ext, encoding, newline, ilabel, rlabel,
                      ilabel_pii, rlabel_pii, style, rationale)
  H: ...              header line (one paragraph each)
  I: ...              interviewer turn
  R: ... {casus}      respondent turn, ending in {casus}, {netwerk} or {-}
Paragraphs are separated by blank lines. Identifiers are marked inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
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
DOCS = ["kt01", "kt02", "kt03", "kt04", "kt05", "kt06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse(path):
    meta, header, turns = {}, [], []
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [ln for ln in block.strip().split("\n") if ln.strip()]
        rest = []
        for ln in lines:
            if ln.startswith("@"):
                key, _, val = ln[1:].partition(" ")
                meta[key.strip()] = val.strip()
            else:
                rest.append(ln.strip())
        if rest:
            paras.append(" ".join(rest))
    for p in paras:
        tag, _, body = p.partition(":")
        body = body.strip()
        if tag == "H":
            header.append(body)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = ORIENT.search(body)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[:m.start()].rstrip()
            elif ORIENT.search(body):
                sys.exit(f"{path}: interviewer paragraph with orientation: {body[:60]}")
            turns.append((tag, body, orient))
        else:
            sys.exit(f"{path}: unknown paragraph tag {tag!r}")
    return meta, header, turns


def plain(marked):
    return MARK.sub(lambda m: m.group(1), marked)


def idents(marked):
    out = []
    for m in MARK.finditer(marked):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown identifier type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def sentences(marked):
    """Split a marked-up turn into plain sentences without cutting identifiers."""
    keep = []

    def protect(m):
        keep.append(m.group(0))
        return f"\x00{len(keep) - 1}\x00"

    prot = MARK.sub(protect, marked)
    parts = re.split(r"(?<=[.!?])\s+", prot)
    res = []
    for part in parts:
        part = re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], part)
        res.append(plain(part))
    return [s for s in res if s.strip()]


def chunks(marked, maxwords=22):
    out, cur = [], []
    for s in sentences(marked):
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > maxwords:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels):
    """Yield (start, end, label, text) cues; a turn may span several cues."""
    t = 2.4
    for tag, body, _ in turns:
        for ch in chunks(body):
            dur = max(1.6, len(ch.split()) / 2.6)
            yield t, t + dur, labels[tag], ch
            t += dur + 0.25
        t += 0.7


def write_text(path, text, encoding, newline):
    if newline == "crlf":
        text = text.replace("\n", "\r\n")
    with open(path, "wb") as f:
        f.write(text.encode(encoding))


def build_doc(doc_id):
    meta, header, turns = parse(os.path.join(HERE, doc_id + ".txt"))
    fmt = meta["format"]
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    head_plain = [plain(h) for h in header]
    path = os.path.join(OUT, f"{doc_id}.{meta['ext']}")

    if fmt in ("docx_bold", "docx_plain"):
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in head_plain:
            p = d.add_paragraph()
            r = p.add_run(h)
            if fmt == "docx_bold":
                r.italic = True
        if head_plain:
            d.add_paragraph("")
        for tag, body, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(labels[tag] + ":")
                r.bold = True
                p.add_run(" " + plain(body))
            else:
                p.add_run(f"{labels[tag]}: {plain(body)}")
        d.save(path)
    elif fmt == "txt_ir":
        lines = head_plain + ([""] if head_plain else [])
        for tag, body, _ in turns:
            lines += [f"{labels[tag]}: {plain(body)}", ""]
        write_text(path, "\n".join(lines), meta.get("encoding", "utf-8"), meta.get("newline", "lf"))
    elif fmt == "txt_spreker":
        lines = head_plain + ([""] if head_plain else [])
        t = 1.0
        for tag, body, _ in turns:
            stamp = ts(t, ",")[:8]
            txt = plain(body)
            lines += [f"[{stamp}] {labels[tag]}: {txt}", ""]
            t += len(txt.split()) / 2.5 + 1.8
        write_text(path, "\n".join(lines), meta.get("encoding", "utf-8"), meta.get("newline", "lf"))
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if head_plain:
            lines += ["NOTE"] + head_plain + [""]
        for a, b, lab, txt in timed_cues(turns, labels):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{txt}", ""]
        write_text(path, "\n".join(lines), "utf-8", meta.get("newline", "lf"))
    elif fmt == "srt":
        lines = []
        for n, (a, b, lab, txt) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {txt}", ""]
        write_text(path, "\n".join(lines), "utf-8", meta.get("newline", "lf"))
    else:
        sys.exit(f"unknown format {fmt}")

    # labels
    ids, seen = [], {}

    def add(text, typ):
        if text in seen:
            if seen[text] != typ:
                sys.exit(f"{doc_id}: {text!r} typed both {seen[text]} and {typ}")
            return
        seen[text] = typ
        ids.append((doc_id, text, typ))

    if meta.get("ilabel_pii") == "1":
        add(labels["I"], "PERSOON")
    if meta.get("rlabel_pii") == "1":
        add(labels["R"], "PERSOON")
    for h in header:
        for text, typ in idents(h):
            add(text, typ)
    orient = []
    for i, (tag, body, o) in enumerate(turns, 1):
        for text, typ in idents(body):
            add(text, typ)
        if tag == "R" and o in ("casus", "netwerk"):
            orient.append((doc_id, i, o))
    style = (doc_id, meta["style"], meta["rationale"])
    return style, orient, ids


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orients, idrows = [], [], []
    for doc_id in DOCS:
        s, o, ids = build_doc(doc_id)
        styles.append(s)
        orients += o
        idrows += ids
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    print(f"built {len(DOCS)} transcripts, {len(orients)} orientation rows, {len(idrows)} identifiers")


if __name__ == "__main__":
    main()
