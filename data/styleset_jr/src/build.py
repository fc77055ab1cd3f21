"""Build the transcripts and the three csv files of set JR from the annotated sources.

Source format (src/<doc_id>.txt, UTF-8):
  %key: value          metadata (format, encoding, newline, label_I, label_R, style, rationale)
  H: text              header line of the transcript
  I: text              interviewer turn
  R: text {tag}        respondent turn, tag = casus | netwerk | -
Identifiers are marked inline as [[text|TYPE]] (also inside label_I / label_R).

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")
DOCS = ["jr01", "jr02", "jr03", "jr04", "jr05", "jr06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
IDRE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_labels": "txt", "txt_timestamps": "txt",
       "vtt": "vtt", "srt": "srt"}


def strip(s):
    return IDRE.sub(lambda m: m.group(1), s)


def parse(doc_id):
    meta, header, turns = {}, [], []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("%"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
            elif line.startswith("H: "):
                header.append(line[3:])
            elif line.startswith("I: "):
                turns.append(("I", line[3:], None))
            elif line.startswith("R: "):
                m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", line)
                if not m:
                    sys.exit(f"{doc_id}:{n}: respondent turn without {{tag}}")
                turns.append(("R", line[3:m.start()], m.group(1)))
            else:
                sys.exit(f"{doc_id}:{n}: unknown line: {line[:40]}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != "IR"[i % 2]:
            sys.exit(f"{doc_id}: turn {i + 1} breaks alternation")
    return meta, header, turns


def identifiers(meta, header, turns):
    found = []
    for s in [meta.get("label_I", ""), meta.get("label_R", "")] + header + [t[1] for t in turns]:
        for m in IDRE.finditer(s):
            if m.group(2) not in TYPES:
                sys.exit(f"bad type {m.group(2)}")
            found.append((m.group(1), m.group(2)))
    seen, out = {}, []
    for text, typ in found:
        if text in seen:
            if seen[text] != typ:
                sys.exit(f"identifier {text!r} has two types")
            continue
        seen[text] = typ
        out.append((text, typ))
    return out


# ---------------------------------------------------------------- chunking and timing
def sentences(annotated):
    """Split a turn into sentences without cutting inside an identifier."""
    keep = []

    def hold(m):
        keep.append(m.group(0))
        return f"\x00{len(keep) - 1}\x00"

    s = IDRE.sub(hold, annotated)
    parts = re.split(r"(?<=[.!?…])\s+(?=[A-Z(\"'‘“\x00])", s)
    return [re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], p) for p in parts]


def chunks(annotated, maxw=22):
    out, cur = [], []
    for sent in sentences(annotated):
        n = len(strip(sent).split())
        if cur and len(" ".join(strip(c) for c in cur).split()) + n > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(sent)
    if cur:
        out.append(" ".join(cur))
    return [strip(c) for c in out]


def stamp(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(turns, start=2.4):
    """Yield (speaker, chunk_text, t0, t1, first_chunk_of_turn)."""
    t = start
    for sp, text, _ in turns:
        for k, c in enumerate(chunks(text)):
            dur = max(1.6, len(c.split()) / 2.35)
            yield sp, c, t, t + dur, k == 0
            t += dur + 0.25
        t += 0.7


# ---------------------------------------------------------------- writers
def write_docx(path, meta, header, turns, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for k, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if k == 0:
            r.bold = True
        else:
            r.italic = True
    if header:
        d.add_paragraph()
    lab = {"I": strip(meta["label_I"]), "R": strip(meta["label_R"])}
    for sp, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab[sp] + ":")
            r.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(lab[sp] + ": " + strip(text))
    d.save(path)


def write_text(path, text, meta):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    text = text.replace("\n", nl)
    with open(path, "wb") as f:
        f.write(text.encode(meta.get("encoding", "utf-8")))


def build_txt_labels(meta, header, turns):
    lab = {"I": strip(meta["label_I"]), "R": strip(meta["label_R"])}
    lines = [strip(h) for h in header]
    if lines:
        lines.append("")
    for sp, text, _ in turns:
        lines.append(f"{lab[sp]}: {strip(text)}")
        lines.append("")
    return "\n".join(lines)


def build_txt_timestamps(meta, header, turns):
    lab = {"I": strip(meta["label_I"]), "R": strip(meta["label_R"])}
    lines = [strip(h) for h in header]
    if lines:
        lines.append("")
    t = 3.0
    for sp, text, _ in turns:
        s = int(t)
        lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab[sp]}: {strip(text)}")
        lines.append("")
        t += len(strip(text).split()) / 2.1 + 2.0
    return "\n".join(lines)


def build_vtt(meta, header, turns):
    lab = {"I": strip(meta["label_I"]), "R": strip(meta["label_R"])}
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [strip(h) for h in header]
        out.append("")
    for n, (sp, c, t0, t1, _) in enumerate(timed(turns), 1):
        out.append(f"{stamp(t0)} --> {stamp(t1)}")
        out.append(f"<v {lab[sp]}>{c}</v>")
        out.append("")
    return "\n".join(out)


def build_srt(meta, header, turns):
    lab = {"I": strip(meta["label_I"]), "R": strip(meta["label_R"])}
    out = []
    for n, (sp, c, t0, t1, first) in enumerate(timed(turns), 1):
        out.append(str(n))
        out.append(f"{stamp(t0, ',')} --> {stamp(t1, ',')}")
        out.append(f"{lab[sp]}: {c}")
        out.append("")
    return "\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient, idents = [], [], []
    for doc_id in DOCS:
        meta, header, turns = parse(doc_id)
        fmt = meta["format"]
        path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
        if fmt in ("docx_bold", "docx_plain"):
            write_docx(path, meta, header, turns, fmt == "docx_bold")
        elif fmt == "txt_labels":
            write_text(path, build_txt_labels(meta, header, turns), meta)
        elif fmt == "txt_timestamps":
            write_text(path, build_txt_timestamps(meta, header, turns), meta)
        elif fmt == "vtt":
            write_text(path, build_vtt(meta, header, turns), meta)
        elif fmt == "srt":
            write_text(path, build_srt(meta, header, turns), meta)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (sp, _, tag) in enumerate(turns, 1):
            if sp == "R" and tag in ("casus", "netwerk"):
                orient.append((doc_id, i, tag))
        for text, typ in identifiers(meta, header, turns):
            idents.append((doc_id, text, typ))
        words = sum(len(strip(t[1]).split()) for t in turns)
        print(f"{doc_id}: {fmt}, {len(turns)} turns, {sum(1 for t in turns if t[0] == 'R')} respondent, "
              f"~{words} words")

    def wcsv(name, header, rows):
        with open(os.path.join(SET, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    wcsv("styles.csv", ["doc_id", "style", "rationale"], styles)
    wcsv("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(orient))
    wcsv("identifiers.csv", ["doc_id", "identifier", "type"], idents)


if __name__ == "__main__":
    main()
