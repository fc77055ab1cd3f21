"""Build the transcripts and csv files of blind set HD from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/hdNN.txt):
  '#key: value' lines (format, ilabel, rlabel, style, rationale), then paragraphs separated by
  blank lines, each starting with 'H: ' (header line), 'I: ' (interviewer turn) or 'R: '
  (respondent turn). Identifiers are marked inline as [[text|TYPE]]; every respondent paragraph
  ends in {casus}, {netwerk} or {-}.
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt-cp1252-spreker": "txt", "txt-utf8-ir": "txt"}


def strip(text, ids):
    def repl(m):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown type {m.group(2)}")
        ids.append((m.group(1), m.group(2)))
        return m.group(1)
    out = MARK.sub(repl, text)
    if "[[" in out or "]]" in out or "|" in out:
        sys.exit(f"bad markup in: {text[:80]}")
    return out


def parse(path):
    meta, paras = {}, []
    lines = path.read_text(encoding="utf-8").split("\n")
    body = []
    for line in lines:
        if line.startswith("#") and not body and not paras:
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body)):
        block = " ".join(x.strip() for x in block.strip().split("\n")).strip()
        if not block:
            continue
        kind, _, text = block.partition(": ")
        if kind not in ("H", "I", "R"):
            sys.exit(f"{path.name}: bad paragraph {block[:60]}")
        paras.append((kind, text))
    return meta, paras


def ts(sec, sep="."):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def chunks(text, maxw=28):
    """Split turn text (with markup) into cue-sized chunks at sentence ends outside markup."""
    parts, cur, depth, i = [], "", 0, 0
    while i < len(text):
        if text.startswith("[[", i):
            depth += 1
        elif text.startswith("]]", i):
            depth -= 1
        cur += text[i]
        if depth == 0 and text[i] in ".?!" and i + 1 < len(text) and text[i + 1] == " " \
                and len(cur.split()) >= maxw * 0.5:
            parts.append(cur.strip())
            cur = ""
        i += 1
    if cur.strip():
        parts.append(cur.strip())
    # merge very short trailing pieces and cap chunk size at roughly maxw words
    merged = []
    for p in parts:
        if merged and len(merged[-1].split()) + len(p.split()) <= maxw:
            merged[-1] += " " + p
        else:
            merged.append(p)
    return merged


def build_doc(doc_id, meta, paras):
    ids = []
    fmt = meta["format"]
    ilabel = strip(meta["ilabel"], ids)
    rlabel = strip(meta["rlabel"], ids)
    header = [strip(t, ids) for k, t in paras if k == "H"]
    turns, orient = [], []
    for k, t in paras:
        if k == "H":
            continue
        if k == "R":
            m = ORIENT.search(t)
            if not m:
                sys.exit(f"{doc_id}: respondent turn without orientation: {t[:60]}")
            t = t[:m.start()]
            if m.group(1) != "-":
                orient.append((len(turns) + 1, m.group(1)))
        elif ORIENT.search(t):
            sys.exit(f"{doc_id}: interviewer turn with orientation")
        turns.append((k, strip(t, ids), t))
    for n, (k, _, _) in enumerate(turns):
        if k != ("I" if n % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at {n + 1}")
    out = OUT / f"{doc_id}.{EXT[fmt]}"
    label = {"I": ilabel, "R": rlabel}

    # timing: ~2.4 words per second plus a small pause
    times, clock = [], 4.0
    for k, plain, _ in turns:
        dur = len(plain.split()) / 2.4 + 0.8
        times.append((clock, clock + dur))
        clock += dur + 0.7

    if fmt.startswith("docx"):
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            d.add_paragraph(h)
        if header:
            d.add_paragraph("")
        for k, plain, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(label[k] + ":")
            if fmt == "docx-bold":
                r.bold = True
            p.add_run(" " + plain)
        d.save(out)
    elif fmt == "txt-utf8-ir":
        lines = header + [""]
        for k, plain, _ in turns:
            lines += [f"{label[k]}: {plain}", ""]
        out.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "txt-cp1252-spreker":
        lines = header + [""]
        for (k, plain, _), (a, _) in zip(turns, times):
            lines.append(f"[{ts(a)[:8]}] {label[k]}: {plain}")
        out.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    elif fmt == "vtt":
        lines = ["WEBVTT", "", "NOTE"] + header + [""]
        for (k, plain, marked), (a, b) in zip(turns, times):
            cs = chunks(marked)
            total = sum(len(c.split()) for c in cs)
            t0 = a
            for c in cs:
                t1 = t0 + (b - a) * len(c.split()) / total
                lines += [f"{ts(t0)} --> {ts(t1)}", f"<v {label[k]}>{strip(c, [])}", ""]
                t0 = t1 + 0.04
        out.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        lines, n = [], 0
        for (k, plain, marked), (a, b) in zip(turns, times):
            cs = chunks(marked, maxw=22)
            total = sum(len(c.split()) for c in cs)
            t0 = a
            for c in cs:
                n += 1
                t1 = t0 + (b - a) * len(c.split()) / total
                lines += [str(n), f"{ts(t0, ',')} --> {ts(t1, ',')}", f"{label[k]}: {strip(c, [])}", ""]
                t0 = t1 + 0.04
        out.write_bytes("\r\n".join(lines).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")

    # distinct identifiers, in order of first occurrence
    seen, rows = {}, []
    for text, typ in ids:
        if text in seen:
            if seen[text] != typ:
                sys.exit(f"{doc_id}: {text} typed {seen[text]} and {typ}")
            continue
        seen[text] = typ
        rows.append((doc_id, text, typ))
    words = sum(len(p.split()) for _, p, _ in turns)
    nresp = sum(1 for k, _, _ in turns if k == "R")
    return out, rows, orient, words, nresp


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, idrows, orows = [], [], []
    for src in sorted(SRC.glob("hd*.txt")):
        doc_id = src.stem
        meta, paras = parse(src)
        out, rows, orient, words, nresp = build_doc(doc_id, meta, paras)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        idrows += rows
        orows += [(doc_id, t, o) for t, o in orient]
        print(f"{doc_id}: {out.name:10s} {meta['style']:15s} words={words} resp_turns={nresp} "
              f"ids={len(rows)} orient={len(orient)}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)


if __name__ == "__main__":
    main()
