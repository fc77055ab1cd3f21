#!/usr/bin/env python3
"""Build transcripts and csv files of blind set HS from the annotated sources.

Source format (src/hsNN.txt):
  lines starting with '%' are build settings (format, style, rationale, speaker labels);
  paragraphs separated by blank lines, each starting with 'H:' (header), 'I:' or 'R:';
  identifiers inline as [[text|TYPE]]; every R paragraph ends with {casus}, {netwerk} or {-}.
Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = [f"hs{i:02d}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
GLUE = "\x00"  # keeps identifiers unbreakable while chunking/wrapping


def parse_source(path):
    meta, paras = {}, []
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("%"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body)):
        block = " ".join(block.split())
        if not block:
            continue
        kind, _, text = block.partition(":")
        assert kind in ("H", "I", "R"), (path, block[:40])
        text = text.strip()
        tag = None
        if kind == "R":
            m = TAG.search(text)
            assert m, (path, "respondent paragraph without tag", text[:60])
            tag = m.group(1)
            text = text[:m.start()].rstrip()
        else:
            assert not TAG.search(text), (path, text[:60])
        paras.append((kind, text, tag))
    return meta, paras


def strip_marks(text, ids, glue=False):
    def rep(m):
        s, t = m.group(1), m.group(2)
        assert t in TYPES, t
        if (s, t) not in ids:
            ids.append((s, t))
        return s.replace(" ", GLUE) if glue else s
    return MARK.sub(rep, text)


def unglue(s):
    return s.replace(GLUE, " ")


def chunk_turn(text, max_words):
    """Split a (glued) turn into cue-sized chunks at sentence, then comma boundaries."""
    sents = re.split(r"(?<=[.?!])\s+(?=\S)", text)
    pieces = []
    for s in sents:
        if len(s.split()) > max_words:
            parts = re.split(r"(?<=,)\s+", s)
            cur = []
            for p in parts:
                if cur and len(" ".join(cur + [p]).split()) > max_words:
                    pieces.append(" ".join(cur))
                    cur = []
                cur.append(p)
            if cur:
                pieces.append(" ".join(cur))
        else:
            pieces.append(s)
    # hard split of still-too-long pieces at word boundaries
    out = []
    for p in pieces:
        w = p.split()
        while len(w) > max_words + 6:
            out.append(" ".join(w[:max_words]))
            w = w[max_words:]
        out.append(" ".join(w))
    # merge very short pieces with the previous one
    merged = []
    for p in out:
        if merged and len(merged[-1].split()) + len(p.split()) <= max_words and len(p.split()) < 5:
            merged[-1] += " " + p
        else:
            merged.append(p)
    return merged


def wrap2(text, width=44):
    """Wrap into at most two lines near the middle (only at real spaces)."""
    if len(text) <= width:
        return [text]
    mid = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return [text]
    cut = min(spaces, key=lambda i: abs(i - mid))
    return [text[:cut], text[cut + 1:]]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    n = len(text.split())
    return max(1.4, n / 2.6)


def build_doc(doc_id):
    meta, paras = parse_source(HERE / f"{doc_id}.txt")
    fmt = meta["format"]
    ids = []
    lab = {}
    for k in ("I", "R"):
        lab[k] = strip_marks(meta[f"label_{k}"], ids)
    header = [strip_marks(t, ids) for k, t, _ in paras if k == "H"]
    turns = [(k, t, tag) for k, t, tag in paras if k != "H"]
    # alternate, interviewer first
    for n, (k, _, _) in enumerate(turns):
        assert k == ("I" if n % 2 == 0 else "R"), (doc_id, n + 1)
    glued = [(k, strip_marks(t, ids, glue=True), tag) for k, t, tag in turns]
    plain = [(k, unglue(t), tag) for k, t, tag in glued]
    path = None

    if fmt in ("docx-bold", "docx-plain"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            d.add_paragraph(h)
        if header:
            d.add_paragraph("")
        for k, t, _ in plain:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                r = p.add_run(f"{lab[k]}:")
                r.bold = True
                p.add_run(f" {t}")
            else:
                p.add_run(f"{lab[k]}: {t}")
        path = OUT / f"{doc_id}.docx"
        d.save(path)

    elif fmt == "txt-cp1252":
        lines = header + [""] if header else []
        for k, t, _ in plain:
            lines += [f"{lab[k]}: {t}", ""]
        text = "\n".join(lines).rstrip("\n") + "\n"
        path = OUT / f"{doc_id}.txt"
        path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))

    elif fmt == "txt-spreker":
        lines = header + [""] if header else []
        t0 = 3.0
        for k, t, _ in plain:
            s = int(t0)
            lines += [f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab[k]}: {t}", ""]
            t0 += dur(t) + 1.2
        path = OUT / f"{doc_id}.txt"
        path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")

    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out += ["NOTE"] + header + [""]
        t0 = 2.4
        cue = 0
        for k, t, _ in glued:
            for ch in chunk_turn(t, 22):
                cue += 1
                d_ = dur(ch)
                out += [f"{cue}", f"{ts(t0, '.')} --> {ts(t0 + d_, '.')}",
                        f"<v {lab[k]}>{unglue(ch)}</v>", ""]
                t0 += d_ + 0.15
            t0 += 0.7
        path = OUT / f"{doc_id}.vtt"
        path.write_text("\n".join(out), encoding="utf-8")

    elif fmt == "srt":
        out = []
        t0 = 1.0
        cue = 0
        for k, t, _ in glued:
            for ch in chunk_turn(t, 13):
                cue += 1
                d_ = dur(ch)
                lines = [unglue(x) for x in wrap2(f"{lab[k]}:{GLUE}{ch}".replace(f":{GLUE}", ": ", 1))]
                out += [str(cue), f"{ts(t0, ',')} --> {ts(t0 + d_, ',')}"] + lines + [""]
                t0 += d_ + 0.12
            t0 += 0.6
        path = OUT / f"{doc_id}.srt"
        path.write_bytes(("\n".join(out)).replace("\n", "\r\n").encode("utf-8"))
    else:
        raise SystemExit(f"unknown format {fmt}")

    orient = [(doc_id, n + 1, tag) for n, (k, _, tag) in enumerate(plain)
              if k == "R" and tag in ("casus", "netwerk")]
    words = sum(len([w for w in t.split() if not re.fullmatch(r"\(.*\)", w)]) for _, t, _ in plain)
    rturns = sum(1 for k, _, _ in plain if k == "R")
    return dict(doc=doc_id, path=path, style=meta["style"], rationale=meta["rationale"],
                ids=ids, orient=orient, words=words, rturns=rturns, fmt=fmt,
                tags=[tag for k, _, tag in plain if k == "R"])


def main():
    OUT.mkdir(exist_ok=True)
    for p in OUT.iterdir():
        p.unlink()
    res = [build_doc(d) for d in DOCS]
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for r in res:
            w.writerow([r["doc"], r["style"], r["rationale"]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in res:
            for row in sorted(r["orient"], key=lambda x: x[1]):
                w.writerow(row)
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in res:
            for s, t in r["ids"]:
                w.writerow([r["doc"], s, t])
    for r in res:
        c = {x: r["tags"].count(x) for x in ("casus", "netwerk", "-")}
        print(f"{r['doc']} {r['fmt']:12s} {r['style']:15s} words={r['words']:5d} "
              f"rturns={r['rturns']:2d} ids={len(r['ids']):2d} tags={c} -> {r['path'].name}")


if __name__ == "__main__":
    main()
