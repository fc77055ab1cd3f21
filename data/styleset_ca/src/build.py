#!/usr/bin/env python3
"""Build transcripts and csv files of blind set CA from the annotated sources in this folder.

Source format (src/caNN.txt):
  #key: value        metadata (format, ilabel, rlabel, header, style, rationale)
  I: ...  / R: ...   one paragraph per speaker turn, strictly alternating, starting with I
  {{text|TYPE}}      identifying detail (written verbatim as `text`)
  <<casus>> / <<netwerk>> at the end of a respondent paragraph: orientation of that turn

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["ca01", "ca02", "ca03", "ca04", "ca05", "ca06"]
EXT = {"docx-bold": "docx", "srt": "srt", "vtt": "vtt", "txt-cp1252": "txt",
       "txt-initials": "txt", "txt-timestamps": "txt"}
MARK = re.compile(r"\{\{([^{}|]+)\|([A-Z_]+)\}\}")
ORI = re.compile(r"\s*<<(casus|netwerk)>>\s*$")


def plain(s):
    out = MARK.sub(lambda m: m.group(1), s)
    if "{{" in out or "}}" in out:
        raise SystemExit(f"unresolved identifier mark in: {out[:80]!r}")
    return out


def parse(doc_id):
    meta, turns = {}, []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].partition(":")
                meta[k.strip()] = v.strip()
                continue
            spk, _, text = line.partition(": ")
            if spk not in ("I", "R"):
                raise SystemExit(f"{doc_id}: bad line {line[:60]!r}")
            ori = None
            m = ORI.search(text)
            if m:
                if spk != "R":
                    raise SystemExit(f"{doc_id}: orientation on interviewer turn")
                ori = m.group(1)
                text = text[: m.start()]
            if "<<" in text or ">>" in text:
                raise SystemExit(f"{doc_id}: stray orientation mark")
            turns.append((spk, text.strip(), ori))
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: alternation broken at turn {i + 1}")
    return meta, turns


def identifiers(meta, turns):
    seen, out = set(), []
    sources = [meta.get("header", ""), meta.get("ilabel", ""), meta.get("rlabel", "")]
    sources += [t for _, t, _ in turns]
    for s in sources:
        for m in MARK.finditer(s):
            key = (m.group(1), m.group(2))
            if key not in seen:
                seen.add(key)
                out.append(key)
    return out


def chunks(text, maxw=16):
    """Split a marked-up turn into cue texts without breaking an identifier."""
    spans = []

    def keep(m):
        spans.append(m.group(1))
        return f"\x00{len(spans) - 1}\x00"

    protected = MARK.sub(keep, text)
    words = protected.split()
    out, cur = [], []
    for w in words:
        cur.append(w)
        if len(cur) >= maxw or (len(cur) >= 8 and w[-1] in ".?!"):
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    restore = lambda s: re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], s)
    return [restore(c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def labels(meta):
    return plain(meta["ilabel"]), plain(meta["rlabel"])


def write_docx(path, meta, turns):
    import docx
    d = docx.Document()
    il, rl = labels(meta)
    if meta.get("header"):
        d.add_paragraph(plain(meta["header"]))
        d.add_paragraph("")
    for spk, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run((il if spk == "I" else rl) + ": ")
        r.bold = True
        p.add_run(plain(text))
    d.save(path)


def write_subs(path, meta, turns, kind):
    il, rl = labels(meta)
    t = 2.0
    out = ["WEBVTT", ""] if kind == "vtt" else []
    if kind == "vtt":
        out += ["NOTE automatisch gegenereerd, handmatig gecorrigeerd", ""]
    n = 0
    for spk, text, _ in turns:
        lab = il if spk == "I" else rl
        for c in chunks(text):
            n += 1
            dur = max(1.2, len(c.split()) / 2.6)
            start, end = t, t + dur
            t = end + 0.15
            body = plain(c)
            if kind == "srt":
                out += [str(n), f"{ts(start, ',')} --> {ts(end, ',')}", f"{lab}: {body}", ""]
            else:
                out += [f"{ts(start, '.')} --> {ts(end, '.')}", f"<v {lab}>{body}", ""]
        t += 0.9
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_txt(path, meta, turns, kind):
    il, rl = labels(meta)
    lines = []
    if meta.get("header"):
        lines += [plain(meta["header"]), ""]
    t = 4.0
    for spk, text, _ in turns:
        lab = il if spk == "I" else rl
        body = plain(text)
        if kind == "txt-timestamps":
            lines.append(f"[{ts(t, '.')[:8]}] {lab}: {body}")
        else:
            lines.append(f"{lab}: {body}")
        lines.append("")
        t += len(body.split()) / 2.5 + 1.5
    if kind == "txt-cp1252":
        with open(path, "wb") as f:
            f.write("\r\n".join(lines).encode("cp1252"))
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))


def main():
    os.makedirs(TR, exist_ok=True)
    styles, oris, idrows, table = [], [], [], []
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        fmt = meta["format"]
        path = os.path.join(TR, f"{doc_id}.{EXT[fmt]}")
        if fmt == "docx-bold":
            write_docx(path, meta, turns)
        elif fmt in ("srt", "vtt"):
            write_subs(path, meta, turns, fmt)
        else:
            write_txt(path, meta, turns, fmt)
        styles.append((doc_id, meta["style"], meta["rationale"].strip('"')))
        for i, (spk, _, ori) in enumerate(turns, 1):
            if ori:
                oris.append((doc_id, i, ori))
        for ident, typ in identifiers(meta, turns):
            idrows.append((doc_id, ident, typ))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        table.append((doc_id, meta["style"], os.path.basename(path), fmt, words, rturns))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    with open(os.path.join(HERE, "stats.tsv"), "w", encoding="utf-8") as f:
        for row in table:
            f.write("\t".join(map(str, row)) + "\n")
    for row in table:
        print(*row, sep="\t")


if __name__ == "__main__":
    sys.exit(main())
