#!/usr/bin/env python
"""Build the transcripts and the three csv files of set HV from the annotated sources.

Source format (src/hvNN.src.txt), one paragraph per line:
  # key: value        metadata (doc_id, format, style, rationale, label_I, label_R)
  H: ...              header line (not a turn)
  I: ...              interviewer turn
  R: ... {casus}      respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers inline as [[text|TYPE]].
Run with: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
TRANS = OUT / "transcripts"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip_ids(text, found):
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            raise SystemExit(f"unknown type {t} in {m.group(0)}")
        found.append((s, t))
        return s
    out = ID_RE.sub(rep, text)
    if "[[" in out or "]]" in out:
        raise SystemExit(f"broken identifier markup: {text[:80]}")
    return out


def parse(path):
    meta, header, turns, ids = {}, [], [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        kind, _, text = line.partition(": ")
        if kind == "H":
            header.append(strip_ids(text, ids))
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = TAG_RE.search(text)
                if not m:
                    raise SystemExit(f"{path.name}:{n}: respondent turn without tag")
                tag = m.group(1)
                text = text[: m.start()]
            elif TAG_RE.search(text):
                raise SystemExit(f"{path.name}:{n}: tag on interviewer turn")
            turns.append((kind, strip_ids(text.strip(), ids), tag))
        else:
            raise SystemExit(f"{path.name}:{n}: cannot parse line")
    for key in ("label_I", "label_R"):
        meta[key] = strip_ids(meta[key], ids)
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return meta, header, turns, ids


def sentences(text):
    parts = re.split(r"(?<=[.?!…])\s+(?=[A-Z\"'(ÀÉÈ])", text)
    return [p for p in parts if p]


def chunks(text, max_words=24):
    """Split a turn into cue-sized pieces at sentence boundaries."""
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def dur(text):
    return max(1.2, len(text.split()) / 2.6)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def label(meta, kind):
    return meta["label_I"] if kind == "I" else meta["label_R"]


def write_txt_ir(meta, header, turns, path, encoding, newline):
    lines = list(header)
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines.append(f"{label(meta, kind)}: {text}")
        lines.append("")
    data = newline.join(lines).rstrip() + newline
    path.write_bytes(data.encode(encoding))


def write_txt_spreker(meta, header, turns, path):
    lines = list(header) + [""]
    t = 3.0
    for kind, text, _ in turns:
        lines.append(f"[{ts(t, ',')[:8]}] {label(meta, kind)}: {text}")
        lines.append("")
        t += dur(text) + 1.4
    path.write_bytes(("\n".join(lines).rstrip() + "\n").encode("utf-8"))


def write_vtt(meta, header, turns, path):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t = 1.5
    for kind, text, _ in turns:
        for piece in chunks(text):
            d = dur(piece)
            lines.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            lines.append(f"<v {label(meta, kind)}>{piece}")
            lines.append("")
            t += d + 0.3
        t += 0.9
    path.write_bytes(("\n".join(lines)).encode("utf-8"))


def write_srt(meta, header, turns, path):
    lines, n, t = [], 1, 2.0
    for kind, text, _ in turns:
        for piece in chunks(text, 18):
            d = dur(piece)
            lines += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{label(meta, kind)}: {piece}", ""]
            n += 1
            t += d + 0.25
        t += 0.8
    path.write_bytes(("\r\n".join(lines)).encode("utf-8"))


def write_docx(meta, header, turns, path, bold):
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph()
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{label(meta, kind)}:")
            r.bold = True
            p.add_run(f" {text}")
        else:
            p.add_run(f"{label(meta, kind)}: {text}")
    d.core_properties.author = meta.get("docx_author", "")
    d.core_properties.title = ""
    d.save(path)


def main():
    TRANS.mkdir(exist_ok=True)
    for old in TRANS.iterdir():
        old.unlink()
    styles, orient, idents = [], [], []
    for src in sorted(HERE.glob("hv*.src.txt")):
        meta, header, turns, ids = parse(src)
        doc = meta["doc_id"]
        fmt = meta["format"]
        if fmt == "txt_cp1252_ir":
            write_txt_ir(meta, header, turns, TRANS / f"{doc}.txt", "cp1252", "\r\n")
        elif fmt == "txt_utf8_spreker":
            write_txt_spreker(meta, header, turns, TRANS / f"{doc}.txt")
        elif fmt == "vtt":
            write_vtt(meta, header, turns, TRANS / f"{doc}.vtt")
        elif fmt == "srt_crlf":
            write_srt(meta, header, turns, TRANS / f"{doc}.srt")
        elif fmt == "docx_bold":
            write_docx(meta, header, turns, TRANS / f"{doc}.docx", True)
        elif fmt == "docx_plain":
            write_docx(meta, header, turns, TRANS / f"{doc}.docx", False)
        else:
            raise SystemExit(f"unknown format {fmt}")
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (kind, _, tag) in enumerate(turns, 1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient.append((doc, i, tag))
        seen = {}
        for s, t in ids:
            if s in seen and seen[s] != t:
                raise SystemExit(f"{doc}: '{s}' has two types {seen[s]} / {t}")
            seen[s] = t
        idents += [(doc, s, t) for s, t in seen.items()]
        words = sum(len(x.split()) for _, x, _ in turns)
        print(f"{doc}: {fmt:18s} turns={len(turns)} resp={sum(k == 'R' for k, _, _ in turns)} words={words} "
              f"casus={sum(t == 'casus' for _, _, t in turns)} netwerk={sum(t == 'netwerk' for _, _, t in turns)} ids={len(seen)}")
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
