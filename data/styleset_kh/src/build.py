"""Build the setKH transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (from the set folder or anywhere)

Source format (src/<doc>.src, UTF-8):
  first block: '@key: value' lines (doc, format, variant, encoding, newline,
               ilabel, rlabel, style, rationale)
  then paragraphs separated by blank lines, each starting with
  'H: ' (header line), 'I: ' (interviewer turn) or 'R: ' (respondent turn);
  identifiers inline as [[text|TYPE]]; every R paragraph ends in
  {casus}, {netwerk} or {-}.
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
IDRE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAGRE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text, ids):
    for m in IDRE.finditer(text):
        if m.group(2) not in TYPES:
            sys.exit("bad type %r" % m.group(2))
        ids.append((m.group(1), m.group(2)))
    return IDRE.sub(lambda m: m.group(1), text)


def parse(path):
    raw = open(path, encoding="utf-8").read().strip()
    blocks = re.split(r"\n\s*\n", raw)
    meta, header, turns, ids = {}, [], [], []
    for line in blocks[0].splitlines():
        k, v = line[1:].split(":", 1)
        meta[k.strip()] = v.strip()
    for key in ("ilabel", "rlabel"):
        meta[key] = strip(meta[key], ids)
    for b in blocks[1:]:
        para = " ".join(l.strip() for l in b.splitlines())
        kind, text = para[0], para[3:]
        assert para[1:3] == ": ", para[:20]
        tag = None
        if kind == "R":
            m = TAGRE.search(text)
            if not m:
                sys.exit("%s: respondent paragraph without tag: %s" % (path, text[:60]))
            tag = m.group(1)
            text = text[:m.start()]
        elif TAGRE.search(text):
            sys.exit("%s: tag outside respondent paragraph" % path)
        text = strip(text, ids)
        if kind == "H":
            header.append(text)
        elif kind in "IR":
            turns.append((kind, text, tag))
        else:
            sys.exit("unknown paragraph kind %r" % kind)
    for n, (kind, _, _) in enumerate(turns):
        assert kind == ("I" if n % 2 == 0 else "R"), (path, n)
    return meta, header, turns, ids


# ---------------------------------------------------------------- timing
def timeline(turns, start=2.4):
    """Per turn a list of (start, end, text) cues; long turns split at sentences."""
    t = start
    out = []
    for n, (kind, text, _) in enumerate(turns):
        sents = re.split(r"(?<=[.?!])\s+", text)
        cues, cur = [], []
        for s in sents:
            if cur and len(" ".join(cur + [s]).split()) > 38:
                cues.append(" ".join(cur))
                cur = []
            cur.append(s)
        if cur:
            cues.append(" ".join(cur))
        tc = []
        for c in cues:
            dur = max(1.6, len(c.split()) / 2.45)
            tc.append((t, t + dur, c))
            t += dur + 0.25
        out.append(tc)
        t += 0.6 + (n * 37 % 10) / 10.0
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


# ---------------------------------------------------------------- writers
def write_docx(meta, header, turns, path):
    doc = Document()
    doc.core_properties.author = ""
    doc.core_properties.title = ""
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = doc.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        doc.add_paragraph()
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    for kind, text, _ in turns:
        p = doc.add_paragraph()
        if meta.get("variant") == "bold":
            r = p.add_run(labels[kind] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(labels[kind] + ": " + text)
    doc.save(path)


def write_text(lines, meta, path):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    data = nl.join(lines) + nl
    with open(path, "wb") as f:
        f.write(data.encode(meta.get("encoding", "utf-8")))


def write_txt(meta, header, turns, path):
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    lines = list(header)
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines.append("%s: %s" % (labels[kind], text))
        lines.append("")
    write_text(lines[:-1], meta, path)


def write_stamps(meta, header, turns, path):
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    lines = list(header)
    lines.append("")
    for (kind, text, _), cues in zip(turns, timeline(turns)):
        lines.append("[%s] %s: %s" % (ts(cues[0][0], ",")[:8], labels[kind], text))
        lines.append("")
    write_text(lines[:-1], meta, path)


def write_vtt(meta, header, turns, path):
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    for (kind, _, _), cues in zip(turns, timeline(turns)):
        for a, b, c in cues:
            lines.append("%s --> %s" % (ts(a, "."), ts(b, ".")))
            lines.append("<v %s>%s</v>" % (labels[kind], c))
            lines.append("")
    write_text(lines[:-1], meta, path)


def write_srt(meta, header, turns, path):
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    lines, n = [], 0
    for (kind, _, _), cues in zip(turns, timeline(turns)):
        for i, (a, b, c) in enumerate(cues):
            n += 1
            lines.append(str(n))
            lines.append("%s --> %s" % (ts(a, ","), ts(b, ",")))
            lines.append(("%s: %s" % (labels[kind], c)) if i == 0 else c)
            lines.append("")
    write_text(lines[:-1], meta, path)


WRITERS = {"docx": ("docx", write_docx), "txt": ("txt", write_txt),
           "stamps": ("txt", write_stamps), "vtt": ("vtt", write_vtt),
           "srt": ("srt", write_srt)}


def main():
    os.makedirs(OUT, exist_ok=True)
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src"))
    styles, orient, idents = [], [], []
    for f in srcs:
        meta, header, turns, ids = parse(os.path.join(HERE, f))
        doc = meta["doc"]
        ext, writer = WRITERS[meta["format"]]
        for old in os.listdir(OUT):
            if old.startswith(doc + "."):
                os.remove(os.path.join(OUT, old))
        writer(meta, header, turns, os.path.join(OUT, "%s.%s" % (doc, ext)))
        styles.append((doc, meta["style"], meta["rationale"]))
        for n, (kind, _, tag) in enumerate(turns, 1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient.append((doc, n, tag))
        seen = {}
        for text, typ in ids:
            if text in seen and seen[text] != typ:
                sys.exit("%s: %r typed twice" % (doc, text))
            if text not in seen:
                seen[text] = typ
                idents.append((doc, text, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        print("%s %-6s %-15s words=%d respondent_turns=%d ids=%d" % (
            doc, ext, meta["style"], words, nr, len(seen)))

    def dump(name, head, rows):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(head)
            w.writerows(rows)

    dump("styles.csv", ["doc_id", "style", "rationale"], styles)
    dump("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(orient))
    dump("identifiers.csv", ["doc_id", "identifier", "type"], idents)


if __name__ == "__main__":
    main()
