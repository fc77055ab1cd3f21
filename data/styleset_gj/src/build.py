"""Build the transcripts and the three label files of set GJ from the annotated sources.

Source format (src/gjNN.txt, UTF-8):
  @style / @rationale / @format / @ilabel / @rlabel / @start   metadata lines
  H: ...   header line (one per line, in order)
  I: ...   interviewer turn (one line)
  R: ... {casus|netwerk|-}   respondent turn (one line), orientation tag at the end
Identifiers are marked inline as [[text|TYPE]], also inside @ilabel/@rlabel.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir_cp1252": "txt",
       "txt_ts_utf8": "txt", "vtt": "vtt", "srt": "srt"}


def strip(s, ids):
    def rep(m):
        if m.group(2) not in TYPES:
            raise ValueError(f"unknown type {m.group(2)}")
        ids.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, s)


def parse(path):
    meta, header, turns, ids = {}, [], [], []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            meta[key] = val.strip()
            continue
        tag, _, body = line.partition(": ")
        if tag == "H":
            header.append(strip(body, ids))
        elif tag == "I":
            turns.append(("I", body, None))
        elif tag == "R":
            m = ORIENT.search(body)
            if not m:
                raise ValueError(f"{path.name}:{n} respondent turn without orientation tag")
            turns.append(("R", body[:m.start()], m.group(1)))
        else:
            raise ValueError(f"{path.name}:{n} unknown line: {line[:40]}")
    labels = {"I": strip(meta["ilabel"], ids), "R": strip(meta["rlabel"], ids)}
    plain_turns = []
    for who, body, orient in turns:
        plain_turns.append((who, strip(body, ids), body, orient))
    return meta, header, labels, plain_turns, ids


# ---------------------------------------------------------------- timing / cues
def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def sentences(annotated):
    """Split an annotated turn into plain-text chunks without breaking identifiers."""
    marks = []

    def hold(m):
        marks.append(m.group(1))
        return f"\x00{len(marks) - 1}\x00"
    held = MARK.sub(hold, annotated)
    parts = re.split(r"(?<=[.?!])\s+(?=\S)", held)
    restore = lambda s: re.sub(r"\x00(\d+)\x00", lambda m: marks[int(m.group(1))], s)
    return [restore(p) for p in parts if p.strip()]


def cues_for(annotated, max_words=18):
    cues, cur = [], []
    for s in sentences(annotated):
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def dur(text):
    return len(text.split()) / 2.4 + 0.6


# ---------------------------------------------------------------- writers
def write_docx(path, header, labels, turns, bold):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        doc.add_paragraph(h)
    if header:
        doc.add_paragraph("")
    for who, text, _, _ in turns:
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(labels[who] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{labels[who]}: {text}")
    doc.save(path)


def write_txt_ir(path, header, labels, turns):
    lines = list(header)
    if header:
        lines.append("")
    for who, text, _, _ in turns:
        lines.append(f"{labels[who]}: {text}")
        lines.append("")
    data = "\r\n".join(lines).rstrip("\r\n") + "\r\n"
    path.write_bytes(data.encode("cp1252"))


def write_txt_ts(path, header, labels, turns, start):
    lines = list(header)
    if header:
        lines.append("")
    t = start
    for who, text, _, _ in turns:
        lines.append(f"[{fmt_ts(t, '.')[:8]}] {labels[who]}: {text}")
        lines.append("")
        t += dur(text) + 1.1
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def write_vtt(path, header, labels, turns, start):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    t, n = start, 0
    for who, _, annotated, _ in turns:
        for cue in cues_for(annotated):
            n += 1
            d = dur(cue)
            out += [str(n), f"{fmt_ts(t, '.')} --> {fmt_ts(t + d, '.')}",
                    f"<v {labels[who]}>{cue}</v>", ""]
            t += d + 0.15
        t += 0.8
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(path, labels, turns, start):
    out = []
    t, n = start, 0
    for who, _, annotated, _ in turns:
        for cue in cues_for(annotated, max_words=16):
            n += 1
            d = dur(cue)
            out += [str(n), f"{fmt_ts(t, ',')} --> {fmt_ts(t + d, ',')}",
                    f"{labels[who]}: {cue}", ""]
            t += d + 0.12
        t += 0.7
    path.write_bytes("\r\n".join(out).encode("utf-8"))


# ---------------------------------------------------------------- main
def main():
    OUT.mkdir(exist_ok=True)
    styles, orient_rows, id_rows = [], [], []
    for src in sorted(SRC.glob("gj*.txt")):
        doc_id = src.stem
        meta, header, labels, turns, ids = parse(src)
        fmt = meta["format"]
        for old in OUT.glob(doc_id + ".*"):
            old.unlink()
        path = OUT / f"{doc_id}.{EXT[fmt]}"
        start = float(meta.get("start", "0"))
        # re-annotate turns with plain text for writers that take annotated text
        wturns = [(w, plain, ann, o) for (w, plain, ann, o) in turns]
        if fmt == "docx_bold":
            write_docx(path, header, labels, wturns, True)
        elif fmt == "docx_plain":
            write_docx(path, header, labels, wturns, False)
        elif fmt == "txt_ir_cp1252":
            write_txt_ir(path, header, labels, wturns)
        elif fmt == "txt_ts_utf8":
            write_txt_ts(path, header, labels, wturns, start)
        elif fmt == "vtt":
            write_vtt(path, header, labels, wturns, start)
        elif fmt == "srt":
            write_srt(path, labels, wturns, start)
        else:
            raise ValueError(fmt)
        # alternation in the source
        for i, (w, *_rest) in enumerate(turns):
            if w != ("I" if i % 2 == 0 else "R"):
                raise ValueError(f"{doc_id}: turn {i + 1} breaks alternation")
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (w, _, _, o) in enumerate(turns, 1):
            if w == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        seen = {}
        for text, typ in ids:
            if text in seen and seen[text] != typ:
                raise ValueError(f"{doc_id}: {text!r} has two types {seen[text]} / {typ}")
            if text not in seen:
                seen[text] = typ
                id_rows.append((doc_id, text, typ))
        words = sum(len(p.split()) for _, p, _, _ in turns)
        nresp = sum(1 for w, *_ in turns if w == "R")
        print(f"{doc_id}: {path.name} words={words} respondent_turns={nresp} ids={len(seen)}")

    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    sys.exit(main())
