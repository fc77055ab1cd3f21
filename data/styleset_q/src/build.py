#!/usr/bin/env python3
"""Build setQ transcripts + csv files from the annotated sources in this folder.

Source format (src/bqNN.src, UTF-8):
  @key value            meta lines at the top (id, style, rationale, format, label_i, label_r,
                        header (repeatable), bold, start, encoding, words_per_sec)
  I: text               interviewer turn  (one paragraph = one turn, turns separated by a blank line)
  R: text {casus}       respondent turn, ending in an orientation mark {casus} | {netwerk} | {-}
  [[text|TYPE]]         inline identifier (PERSOON, LOCATIE, ADRES, DATUM, TELEFOON, EMAIL, DOSSIER,
                        LEEFTIJD, ORGANISATIE_NAAM); allowed in turns, labels and header lines.

Run with a python that has python-docx (only needed for docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, "transcripts")

IDENT = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip_marks(text, idents):
    def rep(m):
        val, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise SystemExit("unknown identifier type %r" % typ)
        if (val, typ) not in idents:
            idents.append((val, typ))
        return val
    return IDENT.sub(rep, text)


def parse(path):
    meta = {"header": []}
    turns = []  # (role, text, orientation)
    idents = []
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    blocks = re.split(r"\n\s*\n", raw.strip())
    for block in blocks:
        block = " ".join(line.strip() for line in block.strip().splitlines())
        if not block:
            continue
        if block.startswith("@"):
            # meta block: may hold several @lines joined by spaces -> re-split
            for part in re.split(r"\s(?=@[a-z_]+ )", block):
                key, _, val = part[1:].partition(" ")
                if key == "header":
                    meta["header"].append(val.strip())
                else:
                    meta[key] = val.strip()
            continue
        role, _, text = block.partition(":")
        role = role.strip()
        if role not in ("I", "R"):
            raise SystemExit("%s: bad block start %r" % (path, block[:40]))
        orient = None
        if role == "R":
            m = ORIENT.search(text)
            if not m:
                raise SystemExit("%s: respondent turn without orientation mark: %r" % (path, text[:60]))
            orient = m.group(1)
            text = text[:m.start()]
        elif ORIENT.search(text):
            raise SystemExit("%s: interviewer turn with orientation mark" % path)
        turns.append((role, text.strip(), orient))
    # alternation check at source level
    for i, (role, _, _) in enumerate(turns):
        if role != ("I" if i % 2 == 0 else "R"):
            raise SystemExit("%s: turn %d breaks alternation" % (path, i + 1))
    # resolve markup (header first, then labels, then turns: order of appearance in the file)
    header = [strip_marks(h, idents) for h in meta["header"]]
    label_i = strip_marks(meta["label_i"], idents)
    label_r = strip_marks(meta["label_r"], idents)
    clean = [(role, strip_marks(text, idents), o) for role, text, o in turns]
    return meta, header, label_i, label_r, clean, idents


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    whole = int(s)
    ms = int(round((s - whole) * 1000))
    if ms == 1000:
        whole, ms = whole + 1, 0
    return "%02d:%02d:%02d%s%03d" % (int(h), int(m), whole, sep, ms)


def chunks(text, maxw=22):
    """split a turn into subtitle-sized pieces at sentence (or comma) boundaries."""
    sents = re.split(r"(?<=[.?!…])\s+", text)
    out, cur = [], []
    for s in sents:
        w = s.split()
        if cur and len(cur) + len(w) > maxw:
            out.append(" ".join(cur))
            cur = []
        if len(w) > maxw * 1.6:
            # long sentence: split at commas
            parts = re.split(r"(?<=,)\s+", s)
            for p in parts:
                pw = p.split()
                if cur and len(cur) + len(pw) > maxw:
                    out.append(" ".join(cur))
                    cur = []
                cur.extend(pw)
        else:
            cur.extend(w)
    if cur:
        out.append(" ".join(cur))
    return out


def timed(turns, start, wps):
    """yield (role, piece, t0, t1) with plausible speech timings."""
    t = start
    for role, text, _ in turns:
        t += 0.6
        for piece in chunks(text):
            dur = max(1.2, len(piece.split()) / wps)
            yield role, piece, t, t + dur
            t += dur + 0.15


def render(meta, header, label_i, label_r, turns):
    fmt = meta["format"]
    lab = {"I": label_i, "R": label_r}
    if fmt == "txt":
        stamp = meta.get("stamps") == "yes"
        lines = []
        if header:
            lines.extend(header)
            lines.append("")
        t = float(meta.get("start", "4"))
        wps = float(meta.get("words_per_sec", "2.4"))
        for role, text, _ in turns:
            if stamp:
                lines.append("[%s] %s: %s" % (ts(t, ",")[:8], lab[role], text))
            else:
                lines.append("%s: %s" % (lab[role], text))
            lines.append("")
            t += len(text.split()) / wps + 1.0
        return "\n".join(lines).rstrip() + "\n"
    if fmt == "srt":
        out = []
        wps = float(meta.get("words_per_sec", "2.5"))
        for n, (role, piece, t0, t1) in enumerate(timed(turns, float(meta.get("start", "2")), wps), 1):
            out.append("%d\n%s --> %s\n%s: %s\n" % (n, ts(t0, ","), ts(t1, ","), lab[role], piece))
        return "\n".join(out)
    if fmt == "vtt":
        out = ["WEBVTT", ""]
        for h in header:
            out.append("NOTE " + h)
            out.append("")
        wps = float(meta.get("words_per_sec", "2.5"))
        for n, (role, piece, t0, t1) in enumerate(timed(turns, float(meta.get("start", "1")), wps), 1):
            out.append("%s\n%s --> %s\n<v %s>%s</v>\n" % ("c%04d" % n, ts(t0, "."), ts(t1, "."), lab[role], piece))
        return "\n".join(out)
    raise SystemExit("unknown text format " + fmt)


def write_docx(path, meta, header, label_i, label_r, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = meta.get("font", "Calibri")
    style.font.size = Pt(11)
    for k, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if k == 0:
            r.bold = True
    if header:
        d.add_paragraph("")
    bold = meta.get("bold") == "yes"
    lab = {"I": label_i, "R": label_r}
    for role, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab[role] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run("%s: %s" % (lab[role], text))
    d.save(path)


def main():
    os.makedirs(TDIR, exist_ok=True)
    srcs = sorted(glob.glob(os.path.join(HERE, "bq*.src")))
    styles, orients, idrows, stats = [], [], [], []
    for src in srcs:
        meta, header, li, lr, turns, idents = parse(src)
        doc = meta["id"]
        fmt = meta["format"]
        ext = {"txt": "txt", "srt": "srt", "vtt": "vtt", "docx": "docx"}[fmt]
        path = os.path.join(TDIR, "%s.%s" % (doc, ext))
        if fmt == "docx":
            write_docx(path, meta, header, li, lr, turns)
        else:
            enc = meta.get("encoding", "utf-8")
            data = render(meta, header, li, lr, turns)
            with open(path, "w", encoding=enc, newline="\r\n" if enc == "cp1252" else "\n") as f:
                f.write(data)
        styles.append((doc, meta["style"], meta["rationale"].strip().strip("\"")))
        for i, (role, _, o) in enumerate(turns, 1):
            if role == "R" and o in ("casus", "netwerk"):
                orients.append((doc, i, o))
        for val, typ in idents:
            idrows.append((doc, val, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for r, _, _ in turns if r == "R")
        oc = sum(1 for r, _, o in turns if o == "casus")
        on = sum(1 for r, _, o in turns if o == "netwerk")
        stats.append((doc, meta.get("who", ""), meta["style"], meta.get("fmt_desc", fmt), words, rturns, oc, on))
        print("%s %-14s %-5s words=%d turns=%d resp=%d casus=%d netwerk=%d idents=%d" % (
            doc, meta["style"], fmt, words, len(turns), rturns, oc, on, len(idents)))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    # README table
    tin = os.path.join(HERE, "README.in.md")
    if os.path.exists(tin):
        rows = ["| doc | respondent (voice, setting) | style | format | words | respondent turns | turns marked casus / netwerk |",
                "|---|---|---|---|---|---|---|"]
        for doc, who, st, fd, words, rt, oc, on in stats:
            rows.append("| %s | %s | %s | %s | %d | %d | %d / %d |" % (doc, who, st, fd, words, rt, oc, on))
        with open(tin, encoding="utf-8") as f:
            txt = f.read().replace("{{TABLE}}", "\n".join(rows))
        with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
            f.write(txt)


if __name__ == "__main__":
    main()
