#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set GI from the annotated sources.

Source format (src/giNN.src, UTF-8):
  '# key: value' lines   metadata (format, style, rationale, ilabel, rlabel, start)
  paragraphs separated by a blank line, each starting with
     'H:' header line, 'I:' interviewer turn, 'R:' respondent turn
  identifiers inline as [[text|TYPE]]; every R: paragraph ends in {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse(path):
    meta, header, turns = {}, [], []
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"\n[ \t]*\n", text):
        lines = []
        for ln in block.strip().split("\n"):
            if ln.startswith("#"):
                k, _, v = ln[1:].partition(":")
                meta[k.strip()] = v.strip()
            elif ln.strip():
                lines.append(ln.strip())
        if not lines:
            continue
        para = " ".join(lines)
        kind, _, body = para.partition(":")
        kind, body = kind.strip(), body.strip()
        if kind == "H":
            header.append(body)
        elif kind in ("I", "R"):
            ori = None
            if kind == "R":
                m = ORI.search(body)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without orientation tag: {body[:60]}")
                ori = m.group(1)
                body = body[: m.start()].rstrip()
            elif ORI.search(body):
                sys.exit(f"{path.name}: interviewer paragraph with orientation tag")
            turns.append((kind, body, ori))
        else:
            sys.exit(f"{path.name}: unknown paragraph kind {kind!r}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def idents(doc_id, strings):
    seen = {}
    for s in strings:
        for m in ANN.finditer(s):
            t, ty = m.group(1), m.group(2)
            if ty not in TYPES:
                sys.exit(f"{doc_id}: unknown type {ty}")
            if t in seen and seen[t] != ty:
                sys.exit(f"{doc_id}: {t!r} has two types")
            seen.setdefault(t, ty)
    return list(seen.items())


# ---------- timing helpers ----------
def words(s):
    return len(re.findall(r"\w+", plain(s)))


def split_sentences(s):
    """Split annotated text into sentences, never inside [[...]]."""
    parts = re.split(r"(?<=[.?!…])\s+", s)
    out, cur = [], ""
    for p in parts:
        cur = f"{cur} {p}" if cur else p
        if cur.count("[[") == cur.count("]]"):
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def split_long(s, maxw=26):
    if words(s) <= maxw:
        return [s]
    parts = re.split(r"(?<=,)\s+", s)
    out, cur = [], ""
    for p in parts:
        cand = f"{cur} {p}" if cur else p
        if cur and words(cand) > maxw and cur.count("[[") == cur.count("]]"):
            out.append(cur)
            cur = p
        else:
            cur = cand
    if cur:
        out.append(cur)
    return out


def cues_of(body, maxw=22):
    sents = []
    for s in split_sentences(body):
        sents.extend(split_long(s))
    cues, cur = [], ""
    for s in sents:
        cand = f"{cur} {s}" if cur else s
        if cur and words(cand) > maxw:
            cues.append(cur)
            cur = s
        else:
            cur = cand
    if cur:
        cues.append(cur)
    return cues


def hms(t, sep=".", ms=True):
    total = int(round(t * 1000))
    h, rem = divmod(total, 3600000)
    m, rem = divmod(rem, 60000)
    s, milli = divmod(rem, 1000)
    if ms:
        return f"{h:02d}:{m:02d}:{s:02d}{sep}{milli:03d}"
    return f"{h:02d}:{m:02d}:{s:02d}"


def dur(s):
    return max(1.4, words(s) / 2.55)


# ---------- writers ----------
def labels(meta):
    return plain(meta["ilabel"]), plain(meta["rlabel"])


def write_docx(path, meta, header, turns, bold):
    il, rl = labels(meta)
    d = docx.Document()
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for kind, body, _ in turns:
        p = d.add_paragraph()
        r = p.add_run((il if kind == "I" else rl) + ":")
        r.bold = bold
        p.add_run(" " + plain(body))
    d.save(path)


def write_txt(path, meta, header, turns, encoding, newline, timestamps):
    il, rl = labels(meta)
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = float(meta.get("start", "2"))
    for kind, body, _ in turns:
        lab = il if kind == "I" else rl
        if timestamps:
            lines.append(f"[{hms(t, ms=False)}] {lab}: {plain(body)}")
        else:
            lines.append(f"{lab}: {plain(body)}")
        lines.append("")
        t += dur(body) + 0.9
    data = newline.join(lines).rstrip() + newline
    path.write_bytes(data.encode(encoding))


def write_vtt(path, meta, header, turns):
    il, rl = labels(meta)
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = float(meta.get("start", "2"))
    for kind, body, _ in turns:
        lab = il if kind == "I" else rl
        for c in cues_of(body):
            d = dur(c)
            out.append(f"{hms(t)} --> {hms(t + d)}")
            out.append(f"<v {lab}>{plain(c)}")
            out.append("")
            t += d + 0.15
        t += 0.7
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_srt(path, meta, header, turns, newline):
    il, rl = labels(meta)
    out, n = [], 1
    t = float(meta.get("start", "2"))
    for kind, body, _ in turns:
        lab = il if kind == "I" else rl
        for c in cues_of(body, maxw=18):
            d = dur(c)
            out += [str(n), f"{hms(t, ',')} --> {hms(t + d, ',')}", f"{lab}: {plain(c)}", ""]
            n += 1
            t += d + 0.15
        t += 0.7
    path.write_bytes(newline.join(out).encode("utf-8"))


def main():
    styles, orient, ids = [], [], []
    for src in sorted(SRC.glob("gi*.src")):
        doc_id = src.stem
        meta, header, turns = parse(src)
        fmt = meta["format"]
        for old in OUT.glob(doc_id + ".*"):
            old.unlink()
        if fmt == "docx-bold":
            write_docx(OUT / f"{doc_id}.docx", meta, header, turns, True)
        elif fmt == "docx-plain":
            write_docx(OUT / f"{doc_id}.docx", meta, header, turns, False)
        elif fmt == "txt-cp1252":
            write_txt(OUT / f"{doc_id}.txt", meta, header, turns, "cp1252", "\r\n", False)
        elif fmt == "txt-utf8-ts":
            write_txt(OUT / f"{doc_id}.txt", meta, header, turns, "utf-8", "\n", True)
        elif fmt == "vtt":
            write_vtt(OUT / f"{doc_id}.vtt", meta, header, turns)
        elif fmt == "srt":
            write_srt(OUT / f"{doc_id}.srt", meta, header, turns, "\r\n")
        else:
            sys.exit(f"{doc_id}: unknown format {fmt}")
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (kind, _, ori) in enumerate(turns, start=1):
            if kind == "R" and ori in ("casus", "netwerk"):
                orient.append((doc_id, i, ori))
        strings = [meta["ilabel"], meta["rlabel"]] + header + [b for _, b, _ in turns]
        for t, ty in idents(doc_id, strings):
            ids.append((doc_id, t, ty))
        spoken = sum(words(b) for _, b, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        print(f"{doc_id}: {fmt:12s} {meta['style']:15s} words={spoken} resp_turns={nresp} "
              f"casus={sum(1 for d, _, o in orient if d == doc_id and o == 'casus')} "
              f"netwerk={sum(1 for d, _, o in orient if d == doc_id and o == 'netwerk')}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)


if __name__ == "__main__":
    main()
