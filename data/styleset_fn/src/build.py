#!/usr/bin/env python
"""Build the transcripts and the three csv files of set FN from the annotated sources.

Source syntax (src/fnXX.src):
  @key value          directives: style, rationale, format (docx|txt|tstxt|vtt|srt), bold (yes|no),
                      encoding (utf-8|cp1252), newline (lf|crlf), ilabel, rlabel, start (hh:mm:ss)
  H: text             header line (metadata)
  I: text             interviewer turn
  R: text {o}         respondent turn, o in casus|netwerk|-
  [[text|TYPE]]       identifier, written to the transcript as text
  " ¶ "               paragraph break inside a turn (docx / txt only)

Run with /work/main/.venv/bin/python src/build.py (needs python-docx).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
PARA = " ¶ "


def strip(text, ids):
    def rep(m):
        t, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise SystemExit(f"unknown type {typ} for {t!r}")
        ids.append((t, typ))
        return t
    return MARK.sub(rep, text)


def parse(path):
    meta, header, turns = {}, [], []
    ids = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                k, _, v = line[1:].partition(" ")
                meta[k] = v.strip()
            elif line.startswith("H: "):
                header.append(strip(line[3:], ids))
            elif line.startswith("I: "):
                turns.append(("I", strip(line[3:], ids), None))
            elif line.startswith("R: "):
                m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", line)
                if not m:
                    raise SystemExit(f"{path}: respondent turn without orientation: {line[:60]}")
                turns.append(("R", strip(line[3:m.start()], ids), m.group(1)))
            else:
                raise SystemExit(f"{path}: bad line {line[:60]!r}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path}: turns do not alternate at turn {i + 1}")
    meta["ilabel_plain"] = strip(meta["ilabel"], ids)
    meta["rlabel_plain"] = strip(meta["rlabel"], ids)
    return meta, header, turns, ids


def words(text):
    return len(text.replace(PARA, " ").split())


def ts(sec, sep):
    total = int(round(sec * 1000))
    h, rem = divmod(total, 3600000)
    m, rem = divmod(rem, 60000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def start_seconds(meta):
    h, m, s = (int(x) for x in meta.get("start", "00:00:02").split(":"))
    return h * 3600 + m * 60 + s


def chunks(text, maxw=16):
    """Split a turn into subtitle cues at sentence (or comma) boundaries."""
    text = text.replace(PARA, " ")
    sents = re.split(r"(?<=[.!?…])\s+(?=[^\s])", text)
    pieces = []
    for s in sents:
        if len(s.split()) <= maxw + 6:
            pieces.append(s)
            continue
        parts = re.split(r"(?<=,)\s+", s)
        cur = ""
        for p in parts:
            if cur and len((cur + " " + p).split()) > maxw:
                pieces.append(cur)
                cur = p
            else:
                cur = (cur + " " + p).strip()
        if cur:
            pieces.append(cur)
    out, cur = [], ""
    for p in pieces:
        if cur and len((cur + " " + p).split()) > maxw:
            out.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        out.append(cur)
    return out


def build_docx(meta, header, turns, path):
    import docx
    d = docx.Document()
    bold = meta.get("bold", "yes") == "yes"
    for h in header:
        d.add_paragraph(h)
    if header:
        d.add_paragraph("")
    for sp, text, _ in turns:
        label = meta["ilabel_plain"] if sp == "I" else meta["rlabel_plain"]
        paras = text.split(PARA)
        p = d.add_paragraph()
        if bold:
            p.add_run(label + ":").bold = True
            p.add_run(" " + paras[0])
        else:
            p.add_run(f"{label}: {paras[0]}")
        for extra in paras[1:]:
            d.add_paragraph(extra)
    d.save(path)


def write_text(path, lines, meta):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    enc = meta.get("encoding", "utf-8")
    data = nl.join(lines) + nl
    with open(path, "wb") as fh:
        fh.write(data.encode(enc))


def build_txt(meta, header, turns, path):
    lines = list(header)
    if header:
        lines.append("")
    for sp, text, _ in turns:
        label = meta["ilabel_plain"] if sp == "I" else meta["rlabel_plain"]
        paras = text.split(PARA)
        lines.append(f"{label}: {paras[0]}")
        for extra in paras[1:]:
            lines.append(extra)
        lines.append("")
    write_text(path, lines[:-1], meta)


def build_tstxt(meta, header, turns, path):
    lines = list(header)
    if header:
        lines.append("")
    t = start_seconds(meta)
    for sp, text, _ in turns:
        label = meta["ilabel_plain"] if sp == "I" else meta["rlabel_plain"]
        stamp = ts(t, ".")[:8]
        lines.append(f"[{stamp}] {label}: {text.replace(PARA, ' ')}")
        t += words(text) / 2.4 + 1.5
    write_text(path, lines, meta)


def build_vtt(meta, header, turns, path):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t = start_seconds(meta)
    n = 0
    for sp, text, _ in turns:
        label = meta["ilabel_plain"] if sp == "I" else meta["rlabel_plain"]
        for c in chunks(text):
            dur = max(1.2, len(c.split()) / 2.5)
            n += 1
            lines.append(str(n))
            lines.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
            lines.append(f"<v {label}>{c}</v>")
            lines.append("")
            t += dur + 0.2
        t += 0.8
    write_text(path, lines, meta)


def build_srt(meta, header, turns, path):
    lines = []
    t = start_seconds(meta)
    n = 0
    for sp, text, _ in turns:
        label = meta["ilabel_plain"] if sp == "I" else meta["rlabel_plain"]
        for c in chunks(text, 14):
            dur = max(1.2, len(c.split()) / 2.5)
            n += 1
            lines.append(str(n))
            lines.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
            lines.append(f"{label}: {c}")
            lines.append("")
            t += dur + 0.2
        t += 0.8
    write_text(path, lines, meta)


EXT = {"docx": "docx", "txt": "txt", "tstxt": "txt", "vtt": "vtt", "srt": "srt"}
BUILDERS = {"docx": build_docx, "txt": build_txt, "tstxt": build_tstxt, "vtt": build_vtt,
            "srt": build_srt}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    docs = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith(".src"))
    styles, orient, idrows = [], [], []
    warnings = []
    for doc in docs:
        meta, header, turns, ids = parse(os.path.join(HERE, doc + ".src"))
        fmt = meta["format"]
        path = os.path.join(OUT, f"{doc}.{EXT[fmt]}")
        BUILDERS[fmt](meta, header, turns, path)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (sp, _, o) in enumerate(turns, 1):
            if sp == "R" and o in ("casus", "netwerk"):
                orient.append((doc, i, o))
        seen = {}
        for t, typ in ids:
            if t in seen and seen[t] != typ:
                raise SystemExit(f"{doc}: {t!r} typed both {seen[t]} and {typ}")
            if t not in seen:
                seen[t] = typ
                idrows.append((doc, t, typ))
        # consistency: identifier strings occurring unmarked in the spoken text
        src = open(os.path.join(HERE, doc + ".src"), encoding="utf-8").read()
        plain_unmarked = MARK.sub(lambda m: "\0" * len(m.group(1)), src)
        for t in seen:
            if re.search(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", plain_unmarked):
                warnings.append(f"{doc}: {t!r} also occurs unmarked")
        spoken = sum(words(x) for _, x, _ in turns)
        nresp = sum(1 for sp, _, _ in turns if sp == "R")
        print(f"{doc}: {fmt:5s} words={spoken} turns={len(turns)} respondent_turns={nresp} "
              f"identifiers={len(seen)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    for wmsg in warnings:
        print("warning:", wmsg, file=sys.stderr)


if __name__ == "__main__":
    main()
