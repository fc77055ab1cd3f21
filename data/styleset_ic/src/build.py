#!/usr/bin/env python3
"""Build the transcripts and the three label files of blind set IC from the annotated sources.

Source format (src/icNN.txt, UTF-8):
  #key: value       directives (format, encoding, crlf, label_I, label_R, style, rationale)
  H: text           header line (identifiers allowed)
  I: text           interviewer turn
  R: text {tag}     respondent turn, tag one of {casus} {netwerk} {-}
Identifiers are written inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)
"""
import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE.parent
OUT = SET / "transcripts"
DOCS = [f"ic0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"srt": ".srt", "vtt": ".vtt", "txt_ir": ".txt", "txt_spreker": ".txt",
       "docx_bold": ".docx", "docx_plain": ".docx"}


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse(doc):
    meta, header, turns, ids = {}, [], [], []

    def collect(s):
        for m in MARK.finditer(s):
            if m.group(2) not in TYPES:
                sys.exit(f"{doc}: unknown type {m.group(2)}")
            ids.append((m.group(1), m.group(2)))

    for n, line in enumerate((HERE / f"{doc}.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
            continue
        tag, text = line[:3], line[3:].strip()
        if tag == "H: ":
            collect(text)
            header.append(text)
        elif tag in ("I: ", "R: "):
            orient = None
            if tag == "R: ":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{doc}:{n}: respondent turn without orientation tag")
                orient, text = m.group(1), text[:m.start()]
            elif TAG.search(text):
                sys.exit(f"{doc}:{n}: interviewer turn with orientation tag")
            collect(text)
            turns.append((tag[0], text, orient))
        else:
            sys.exit(f"{doc}:{n}: cannot parse line")
    for i, (who, _, _) in enumerate(turns):
        if who != "IR"[i % 2]:
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    labels = {}
    for who in "IR":
        lab = meta[f"label_{who}"]
        collect(lab)
        labels[who] = plain(lab)
    return meta, header, turns, ids, labels


def split_sentences(text, max_words=24):
    """Split annotated text into cue chunks at sentence ends outside identifier markup."""
    spans = [m.span() for m in MARK.finditer(text)]
    cuts = []
    for m in re.finditer(r"(?<=[.?!])\s+", text):
        p = m.start()
        if not any(a <= p < b for a, b in spans):
            cuts.append((m.start(), m.end()))
    sents, last = [], 0
    for a, b in cuts:
        sents.append(text[last:a])
        last = b
    sents.append(text[last:])
    chunks, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


class Clock:
    def __init__(self, seed):
        self.t = 2.0 + random.Random(seed).random() * 3
        self.rnd = random.Random(seed)

    def span(self, text):
        start = self.t
        dur = max(1.2, len(text.split()) / 2.6 + self.rnd.random() * 0.8)
        self.t = start + dur
        return start, self.t

    def pause(self):
        self.t += 0.4 + self.rnd.random() * 1.6


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_text(path, lines, encoding="utf-8", crlf=False):
    data = ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")
    path.write_bytes(data.encode(encoding))


def build_doc(doc):
    meta, header, turns, ids, labels = parse(doc)
    fmt = meta["format"]
    path = OUT / f"{doc}{EXT[fmt]}"
    crlf = meta.get("crlf") == "yes"
    enc = meta.get("encoding", "utf-8")
    clock = Clock(doc)
    hdr = [plain(h) for h in header]
    if fmt == "srt":
        if hdr:
            sys.exit(f"{doc}: srt cannot carry a header")
        lines = []
        for n, (who, text, _) in enumerate(turns, 1):
            t = plain(text)
            a, b = clock.span(t)
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{labels[who]}: {t}", ""]
            clock.pause()
        write_text(path, lines[:-1], enc, crlf)
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if hdr:
            lines += ["NOTE"] + hdr + [""]
        for who, text, _ in turns:
            for chunk in split_sentences(text):
                c = plain(chunk)
                a, b = clock.span(c)
                lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {labels[who]}>{c}</v>", ""]
            clock.pause()
        write_text(path, lines[:-1], enc, crlf)
    elif fmt == "txt_ir":
        lines = hdr + [""] if hdr else []
        for who, text, _ in turns:
            lines += [f"{labels[who]}: {plain(text)}", ""]
        write_text(path, lines[:-1], enc, crlf)
    elif fmt == "txt_spreker":
        lines = hdr + [""] if hdr else []
        for who, text, _ in turns:
            t = plain(text)
            a, _b = clock.span(t)
            lines += [f"[{ts(a, ',')[:8]}] {labels[who]}: {t}", ""]
            clock.pause()
        write_text(path, lines[:-1], enc, crlf)
    elif fmt in ("docx_bold", "docx_plain"):
        import docx
        from docx.shared import Pt
        d = docx.Document()
        d.styles["Normal"].font.name = "Calibri"
        d.styles["Normal"].font.size = Pt(11)
        for h in hdr:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        if hdr:
            d.add_paragraph("")
        for who, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(f"{labels[who]}:")
                r.bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{labels[who]}: {plain(text)}")
        d.core_properties.author = "transcriptie"
        d.save(path)
    else:
        sys.exit(f"{doc}: unknown format {fmt}")
    return meta, turns, ids


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, idrows = [], [], []
    for doc in DOCS:
        meta, turns, ids = build_doc(doc)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (who, _, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orient.append((doc, i, o))
        seen = {}
        for text, typ in ids:
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc}: identifier {text!r} has two types")
            if text not in seen:
                seen[text] = typ
                idrows.append((doc, text, typ))
    orient.sort()
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient)
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    print(f"built {len(DOCS)} transcripts, {len(orient)} orientation rows, {len(idrows)} identifiers")


if __name__ == "__main__":
    main()
