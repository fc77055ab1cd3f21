"""Build the six transcripts and the three csv files of set GY from the annotated sources.

Source format (src/gyNN.txt, UTF-8, one paragraph per line):
  @key value        metadata: format, style, rationale, ilabel, rlabel
  H: text           header line (not a turn)
  I: text           interviewer turn
  R: text {tag}     respondent turn, tag = casus | netwerk | -
  # ...             comment
Identifiers are marked inline as [[text|TYPE]] (also inside @ilabel / @rlabel).

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
BASE = HERE.parent
OUT = BASE / "transcripts"

TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"vtt": "vtt", "srt": "srt", "docx_bold": "docx", "docx_plain": "docx",
       "txt_ir_cp1252": "txt", "txt_spk_utf8": "txt"}


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def tags(s):
    return [(m.group(1), m.group(2)) for m in TAG.finditer(s)]


def parse(path):
    meta, header, turns = {}, [], []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            k, v = line[1:].split(" ", 1)
            meta[k] = v.strip()
            continue
        kind, text = line[:2], line[2:].strip()
        if kind == "H:":
            header.append(text)
        elif kind == "I:":
            turns.append(["I", text, None])
        elif kind == "R:":
            m = ORI.search(text)
            if not m:
                sys.exit(f"{path.name}:{n}: respondent paragraph without {{tag}}")
            turns.append(["R", text[:m.start()].rstrip(), m.group(1)])
        else:
            sys.exit(f"{path.name}:{n}: unknown line kind {kind!r}")
    for i, t in enumerate(turns):
        if t[0] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def sentences(markup):
    """Split marked-up text into sentences, never inside [[...]]."""
    out, buf, depth, i = [], "", 0, 0
    while i < len(markup):
        if markup.startswith("[[", i):
            depth += 1
            buf += "[["
            i += 2
            continue
        if markup.startswith("]]", i):
            depth -= 1
            buf += "]]"
            i += 2
            continue
        c = markup[i]
        buf += c
        i += 1
        if depth == 0 and c in ".?!…" and (i >= len(markup) or markup[i] == " "):
            # keep closing quotes / brackets with the sentence
            while i < len(markup) and markup[i] in "’”)":
                buf += markup[i]
                i += 1
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def cues(markup, maxwords=26):
    chunks, cur = [], []
    for s in sentences(markup):
        if cur and len(" ".join(cur + [s]).split()) > maxwords:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return [plain(c) for c in chunks]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text, rate=2.45):
    return max(1.2, len(text.split()) / rate)


def build_vtt(meta, header, turns):
    il, rl = plain(meta["ilabel"]), plain(meta["rlabel"])
    lines = ["WEBVTT", ""]
    if header:
        lines += ["NOTE"] + [plain(h) for h in header] + [""]
    t, k = 3.4, 0
    for who, text, _ in turns:
        label = il if who == "I" else rl
        for c in cues(text):
            k += 1
            d = dur(c)
            lines += [f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {label}>{c}", ""]
            t += d + 0.35
        t += 0.9
    return "\n".join(lines)


def build_srt(meta, header, turns):
    il, rl = plain(meta["ilabel"]), plain(meta["rlabel"])
    lines, t, k = [], 1.8, 0
    for who, text, _ in turns:
        label = il if who == "I" else rl
        for c in cues(text, maxwords=22):
            k += 1
            d = dur(c)
            lines += [str(k), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{label}: {c}", ""]
            t += d + 0.3
        t += 0.8
    return "\r\n".join(lines)


def build_txt_ir(meta, header, turns):
    lines = [plain(h) for h in header] + [""]
    for who, text, _ in turns:
        lines += [f"{who}: {plain(text)}", ""]
    return "\r\n".join(lines)


def build_txt_spk(meta, header, turns):
    il, rl = plain(meta["ilabel"]), plain(meta["rlabel"])
    lines = [plain(h) for h in header] + [""]
    t = 6.0
    for who, text, _ in turns:
        p = plain(text)
        s = int(t)
        lines += [f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {il if who == 'I' else rl}: {p}", ""]
        t += dur(p, 2.3) + 2.5
    return "\n".join(lines)


def build_docx(meta, header, turns, path, bold):
    il, rl = plain(meta["ilabel"]), plain(meta["rlabel"])
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for j, h in enumerate(header):
        p = doc.add_paragraph()
        r = p.add_run(plain(h))
        if j == 0:
            r.bold = True
    if header:
        doc.add_paragraph()
    for who, text, _ in turns:
        label = il if who == "I" else rl
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(f"{label}:")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{label}: {plain(text)}")
    doc.core_properties.author = "transcriptie"
    doc.save(path)


def untagged_hits(doc_id, all_markup, idents):
    """Warn when an identifier string also occurs untagged in the document."""
    masked = TAG.sub(lambda m: "#" * len(m.group(1)), all_markup)
    warn = []
    for ident in idents:
        pat = r"(?<!\w)" + re.escape(ident) + r"(?!\w)"
        if re.search(pat, masked):
            warn.append(f"{doc_id}: untagged occurrence of {ident!r}")
    return warn


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, orient, ident_rows, warns, stats = [], [], [], [], []
    for src in sorted(HERE.glob("gy*.txt")):
        doc_id = src.stem
        meta, header, turns = parse(src)
        fmt = meta["format"]
        path = OUT / f"{doc_id}.{EXT[fmt]}"
        if fmt == "vtt":
            path.write_text(build_vtt(meta, header, turns) + "\n", encoding="utf-8", newline="")
        elif fmt == "srt":
            path.write_text(build_srt(meta, header, turns) + "\r\n", encoding="utf-8", newline="")
        elif fmt == "txt_ir_cp1252":
            path.write_bytes((build_txt_ir(meta, header, turns)).encode("cp1252"))
        elif fmt == "txt_spk_utf8":
            path.write_text(build_txt_spk(meta, header, turns), encoding="utf-8", newline="")
        elif fmt in ("docx_bold", "docx_plain"):
            build_docx(meta, header, turns, path, fmt == "docx_bold")
        else:
            sys.exit(f"unknown format {fmt}")
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (who, text, ori) in enumerate(turns, 1):
            if who == "R" and ori in ("casus", "netwerk"):
                orient.append((doc_id, i, ori))
        markup = "\n".join([meta["ilabel"], meta["rlabel"]] + header + [t[1] for t in turns])
        seen = {}
        for text, typ in tags(markup):
            if typ not in TYPES:
                sys.exit(f"{doc_id}: bad type {typ}")
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc_id}: {text!r} tagged as {seen[text]} and {typ}")
            seen.setdefault(text, typ)
        for text, typ in seen.items():
            ident_rows.append((doc_id, text, typ))
        warns += untagged_hits(doc_id, markup, seen)
        words = sum(len(plain(t[1]).split()) for t in turns)
        rturns = sum(1 for t in turns if t[0] == "R")
        stats.append((doc_id, fmt, meta["style"], words, rturns, len(seen),
                      sum(1 for o in orient if o[0] == doc_id)))
    with open(BASE / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(BASE / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(BASE / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for s in stats:
        print("%s %-14s %-15s words=%d rturns=%d idents=%d orient=%d" % s)
    for w_ in warns:
        print("WARNING", w_)


if __name__ == "__main__":
    main()
