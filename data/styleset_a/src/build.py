#!/usr/bin/env python3
"""Build transcripts + csv files for blind set A from the annotated sources in this folder.

Source format (src/baNN.src, UTF-8):
    # key: value          metadata (format, label_i, label_r, style, rationale, voice)
    H: text               header line (kept in the transcript, not a turn)
    I: text               interviewer turn (one paragraph = one turn)
    R: text {casus}       respondent turn; must end with {casus}, {netwerk} or {-}
Inline identifiers: [[verbatim text|TYPE]].

Run with any python3 that has python-docx:  python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"
IDS = [f"ba0{i}" for i in range(1, 7)]
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def parse(path):
    meta, header, turns, idents = {}, [], [], []
    for ln, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        tag, _, body = line.partition(":")
        body = body.strip()
        ori = None
        if tag == "R":
            m = ORI_RE.search(body)
            if not m:
                sys.exit(f"{path.name}:{ln}: respondent turn without orientation mark")
            ori = m.group(1)
            body = body[:m.start()]
        elif ORI_RE.search(body):
            sys.exit(f"{path.name}:{ln}: orientation mark outside respondent turn")
        for m in ID_RE.finditer(body):
            if m.group(2) not in TYPES:
                sys.exit(f"{path.name}:{ln}: unknown type {m.group(2)}")
            idents.append((m.group(1), m.group(2)))
        text = ID_RE.sub(lambda m: m.group(1), body)
        if "[[" in text or "]]" in text or "{" in text:
            sys.exit(f"{path.name}:{ln}: stray markup")
        if tag == "H":
            header.append(text)
        elif tag in ("I", "R"):
            want = "I" if len(turns) % 2 == 0 else "R"
            if tag != want:
                sys.exit(f"{path.name}:{ln}: expected {want} turn")
            turns.append((tag, text, ori))
        else:
            sys.exit(f"{path.name}:{ln}: unknown tag {tag!r}")
    return meta, header, turns, idents


def sentences(text):
    return [s for s in re.split(r"(?<=[.?!…])\s+", text) if s]


def chunks(text, maxw=22):
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > maxw:
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


def cue_stream(turns, start=4.2):
    """Yield (speaker, start, end, text) per cue, ~2.6 words/second, pauses between turns."""
    t = start
    for i, (tag, text, _) in enumerate(turns):
        for c in chunks(text):
            dur = max(1.2, len(c.split()) / 2.6)
            yield tag, t, t + dur, c
            t += dur + 0.15
        t += 0.6 + (i * 7 % 11) / 10.0


def write(doc, meta, header, turns):
    fmt = meta["format"]
    li, lr = meta["label_i"], meta["label_r"]
    lab = {"I": li, "R": lr}
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in header:
            p = d.add_paragraph()
            p.add_run(h).italic = True
        for tag, text, _ in turns:
            p = d.add_paragraph()
            if meta.get("bold", "no") == "yes":
                p.add_run(lab[tag] + ":").bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{lab[tag]}: {text}")
        d.save(TR / f"{doc}.docx")
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        for h in header:
            lines += ["NOTE " + h, ""]
        for n, (tag, a, b, c) in enumerate(cue_stream(turns), 1):
            lines += [f"{doc}-{n}", f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab[tag]}>{c}</v>", ""]
        (TR / f"{doc}.vtt").write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        lines = []
        for n, (tag, a, b, c) in enumerate(cue_stream(turns, 1.0), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[tag]}: {c}", ""]
        (TR / f"{doc}.srt").write_text("\r\n".join(lines), encoding="utf-8")
    elif fmt in ("txt", "txt1252"):
        lines = list(header)
        if header:
            lines.append("")
        stamp = meta.get("stamps") == "yes"
        t = 7.0
        for i, (tag, text, _) in enumerate(turns):
            if stamp:
                s = int(t)
                lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab[tag]}: {text}")
                t += len(text.split()) / 2.5 + 1.5 + (i * 5 % 7) / 2.0
            else:
                lines.append(f"{lab[tag]}: {text}")
            lines.append("")
        enc = "cp1252" if fmt == "txt1252" else "utf-8"
        nl = "\r\n" if fmt == "txt1252" else "\n"
        (TR / f"{doc}.txt").write_bytes(nl.join(lines).encode(enc))
    else:
        sys.exit(f"unknown format {fmt}")
    return "txt" if fmt == "txt1252" else fmt


def main():
    TR.mkdir(exist_ok=True)
    for old in TR.iterdir():
        old.unlink()
    styles, oris, idrows, summary = [], [], [], []
    for doc in IDS:
        meta, header, turns, idents = parse(SRC / f"{doc}.src")
        ext = write(doc, meta, header, turns)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (tag, _, ori) in enumerate(turns, 1):
            if tag == "R" and ori in ("casus", "netwerk"):
                oris.append((doc, i, ori))
        seen = set()
        for spec in filter(None, (x.strip() for x in meta.get("labelids", "").split(";"))):
            ident, typ = spec.split("|")
            idents.insert(0, (ident, typ))
        for ident, typ in idents:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                idrows.append((doc, ident, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for t in turns if t[0] == "R")
        summary.append((doc, meta["voice"], meta["style"], ext + meta.get("fmtnote", ""), words, rturns))
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    with open(SRC / "summary.tsv", "w", encoding="utf-8") as f:
        for row in summary:
            f.write("\t".join(map(str, row)) + "\n")
    for row in summary:
        print(*row, sep=" | ")


if __name__ == "__main__":
    main()
