"""Build the transcripts and the three csv files of set FJ from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/fjNN.txt):
  @key value          directives: format, ilabel, rlabel, style, rationale
  H: text             header line (not a turn)
  I: text             interviewer turn
  R: text {casus|netwerk|-}   respondent turn with its orientation tag
Paragraphs are separated by blank lines. Identifiers inline as [[text|TYPE]].
"""
import csv
import re
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = [f"fj0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse(path):
    meta, header, turns = {}, [], []
    idents = []  # (text, type) in order of occurrence
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        block = block.strip()
        if not block:
            continue
        if block.startswith("@"):
            for line in block.splitlines():
                k, _, v = line[1:].partition(" ")
                meta[k] = v.strip()
            continue
        kind, _, text = block.partition(":")
        text = " ".join(text.split())
        if kind not in ("H", "I", "R"):
            raise SystemExit(f"{path.name}: bad paragraph {block[:40]!r}")
        orient = None
        if kind == "R":
            m = TAG.search(text)
            if not m:
                raise SystemExit(f"{path.name}: respondent turn without tag: {text[:50]!r}")
            orient = m.group(1)
            text = TAG.sub("", text)
        for m in MARK.finditer(text):
            if m.group(2) not in TYPES:
                raise SystemExit(f"{path.name}: bad type {m.group(2)}")
            idents.append((m.group(1), m.group(2)))
        if kind == "H":
            header.append(plain(text))
        else:
            turns.append((kind, text, orient))
    labels = {}
    for k in ("ilabel", "rlabel"):
        v = meta[k]
        for m in MARK.finditer(v):
            idents.append((m.group(1), m.group(2)))
        labels[k] = plain(v)
    return meta, header, turns, labels, idents


def words(s):
    return len(plain(s).split())


def timings(turns, start=4.0):
    """Fake but plausible start/end seconds per turn (about 125 words a minute)."""
    t, out = start, []
    for _, text, _ in turns:
        dur = max(1.5, words(text) / 2.1)
        out.append((t, t + dur))
        t += dur + 1.5
    return out


def chunks(text, maxw=17):
    """Split a turn into cue-sized pieces at sentence ends; identifiers stay whole."""
    keep = []

    def protect(m):
        keep.append(m.group(1))
        return f"\x00{len(keep) - 1}\x00"

    prot = MARK.sub(protect, text)
    sents = re.split(r"(?<=[.?!])\s+", prot)
    pieces, cur = [], []
    for s in sents:
        w = s.split()
        if cur and len(cur) + len(w) > maxw:
            pieces.append(" ".join(cur))
            cur = []
        cur.extend(w)
        while len(cur) > maxw + 8:  # very long sentence: cut at a word boundary
            pieces.append(" ".join(cur[:maxw]))
            cur = cur[maxw:]
    if cur:
        pieces.append(" ".join(cur))
    restore = lambda p: re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], p)
    return [restore(p) for p in pieces]


def hms(sec, sep=".", frac=True):
    ms = int(round(sec * 1000))
    s, ms = divmod(ms, 1000)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return f"{h:02d}:{m:02d}:{s:02d}" + (f"{sep}{ms:03d}" if frac else "")


def label(kind, labels):
    return labels["ilabel"] if kind == "I" else labels["rlabel"]


def build_txt_ir(doc, header, turns, labels, enc, eol):
    lines = list(header) + [""]
    for kind, text, _ in turns:
        lines += [f"{label(kind, labels)}: {plain(text)}", ""]
    data = eol.join(lines).encode(enc)
    (OUT / f"{doc}.txt").write_bytes(data)


def build_txt_ts(doc, header, turns, labels):
    lines = list(header) + [""]
    for (kind, text, _), (a, _) in zip(turns, timings(turns)):
        lines += [f"[{hms(a, frac=False)}] {label(kind, labels)}: {plain(text)}", ""]
    (OUT / f"{doc}.txt").write_text("\n".join(lines), encoding="utf-8", newline="\n")


def build_docx(doc, header, turns, labels, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
        else:
            r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            p.add_run(f"{label(kind, labels)}:").bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{label(kind, labels)}: {plain(text)}")
    d.core_properties.title = f"Interview {doc}"
    d.core_properties.author = "transcriptie"
    d.save(OUT / f"{doc}.docx")


def cue_times(turns):
    out = []
    for (kind, text, _), (a, b) in zip(turns, timings(turns)):
        pcs = chunks(text)
        total = sum(len(p.split()) for p in pcs)
        t = a
        for p in pcs:
            d = (b - a) * len(p.split()) / total
            out.append((kind, p, t, t + d - 0.05))
            t += d
    return out


def build_vtt(doc, header, turns, labels):
    lines = ["WEBVTT", "", "NOTE"] + list(header) + [""]
    for n, (kind, p, a, b) in enumerate(cue_times(turns), 1):
        lines += [f"{hms(a)} --> {hms(b)}", f"<v {label(kind, labels)}>{p}", ""]
    (OUT / f"{doc}.vtt").write_text("\n".join(lines), encoding="utf-8", newline="\n")


def build_srt(doc, header, turns, labels):
    lines, n = [], 0
    for (kind, text, _), (a, b) in zip(turns, timings(turns)):
        pcs = chunks(text)
        total = sum(len(p.split()) for p in pcs)
        t = a
        for j, p in enumerate(pcs):
            d = (b - a) * len(p.split()) / total
            n += 1
            body = f"{label(kind, labels)}: {p}" if j == 0 else p
            lines += [str(n), f"{hms(t, ',')} --> {hms(t + d - 0.05, ',')}", body, ""]
            t += d
    (OUT / f"{doc}.srt").write_bytes("\r\n".join(lines).encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, orient_rows, ident_rows, stats = [], [], [], []
    for doc in DOCS:
        meta, header, turns, labels, idents = parse(HERE / f"{doc}.txt")
        fmt = meta["format"]
        if fmt == "txt-ir-cp1252":
            build_txt_ir(doc, header, turns, labels, "cp1252", "\r\n")
        elif fmt == "txt-ts-utf8":
            build_txt_ts(doc, header, turns, labels)
        elif fmt == "docx-bold":
            build_docx(doc, header, turns, labels, bold=True)
        elif fmt == "docx-plain":
            build_docx(doc, header, turns, labels, bold=False)
        elif fmt == "vtt":
            build_vtt(doc, header, turns, labels)
        elif fmt == "srt":
            build_srt(doc, header, turns, labels)
        else:
            raise SystemExit(f"{doc}: unknown format {fmt}")
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (kind, text, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        seen = {}
        for text, typ in idents:
            if text in seen and seen[text] != typ:
                raise SystemExit(f"{doc}: {text!r} typed both {seen[text]} and {typ}")
            if text not in seen:
                seen[text] = typ
                ident_rows.append((doc, text, typ))
        nw = sum(words(t) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        stats.append((doc, fmt, meta["style"], nw, nr, len(seen),
                      sum(1 for k, _, o in turns if o == "casus"),
                      sum(1 for k, _, o in turns if o == "netwerk")))
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
        w.writerows(ident_rows)
    print("doc   format          style           words  R-turns  idents  casus  netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<15} {s[2]:<15} {s[3]:>5}  {s[4]:>7}  {s[5]:>6}  {s[6]:>5}  {s[7]:>7}")


if __name__ == "__main__":
    main()
