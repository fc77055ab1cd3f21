#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set FR from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (from the set folder or anywhere)

Source format (src/frNN.txt):
  '# key: value' metadata lines (format, label_I, label_R, style, rationale);
  paragraphs separated by blank lines, each starting with 'H: ' (header line),
  'I: ' (interviewer turn) or 'R: ' (respondent turn);
  identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

SET = Path(__file__).resolve().parent.parent
SRC = SET / "src"
OUT = SET / "transcripts"
DOCS = ["fr01", "fr02", "fr03", "fr04", "fr05", "fr06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXTS = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252_ir": "txt",
        "txt_utf8_spreker": "txt", "vtt": "vtt", "srt": "srt"}

problems = []


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse(doc):
    text = (SRC / f"{doc}.txt").read_text(encoding="utf-8")
    meta, paras = {}, []
    for block in re.split(r"\n\s*\n", text):
        for line in [l for l in block.split("\n") if l.strip()]:
            if line.startswith("# "):
                k, v = line[2:].split(":", 1)
                meta[k.strip()] = v.strip()
            else:
                paras.append(line)
    header, turns, ids = [], [], []

    def collect(s):
        for m in ANN.finditer(s):
            if m.group(2) not in TYPES:
                problems.append(f"{doc}: bad type {m.group(2)}")
            if (m.group(1), m.group(2)) not in ids:
                ids.append((m.group(1), m.group(2)))

    for k in ("label_I", "label_R"):
        collect(meta[k])
    for p in paras:
        kind, body = p[:2], p[3:].strip()
        if kind == "H:":
            collect(body)
            header.append(body)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = TAG.search(body)
                if not m:
                    problems.append(f"{doc}: respondent paragraph without tag: {body[:50]}")
                else:
                    orient = m.group(1)
                    body = body[:m.start()]
            elif TAG.search(body):
                problems.append(f"{doc}: interviewer paragraph with tag")
            collect(body)
            turns.append((kind[0], body, orient))
        else:
            problems.append(f"{doc}: unknown paragraph {p[:40]}")
    # consistency: an annotated string must not also occur unannotated
    masked = "\n".join([meta["label_I"], meta["label_R"]] + header + [t[1] for t in turns])
    masked = ANN.sub("\x00", masked)
    for s, _ in ids:
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", masked):
            problems.append(f"{doc}: '{s}' also occurs unannotated")
    for i, t in enumerate(turns):
        if t[0] != ("I" if i % 2 == 0 else "R"):
            problems.append(f"{doc}: turns do not alternate at {i + 1}")
    return meta, header, turns, ids


def words(s):
    return len(re.findall(r"\S+", s))


def sentences(annotated):
    """Split annotated text into sentences without splitting inside identifiers."""
    spans = []

    def keep(m):
        spans.append(m.group(0))
        return f"\x01{len(spans) - 1}\x02"

    masked = ANN.sub(keep, annotated)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\u00C0-\u00DE(\"\x01])", masked)
    restore = lambda s: re.sub(r"\x01(\d+)\x02", lambda m: spans[int(m.group(1))], s)
    return [plain(restore(p)) for p in parts if p.strip()]


def chunks(annotated, limit=24):
    out, cur = [], []
    for s in sentences(annotated):
        if cur and words(" ".join(cur + [s])) > limit:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build(doc, meta, header, turns):
    fmt = meta["format"]
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    hdr = [plain(h) for h in header]
    path = OUT / f"{doc}.{EXTS[fmt]}"
    if fmt.startswith("docx"):
        d = docx.Document()
        d.styles["Normal"].font.name = "Calibri"
        d.styles["Normal"].font.size = Pt(11)
        for h in hdr:
            d.add_paragraph(h)
        if hdr:
            d.add_paragraph("")
        for who, body, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(lab[who] + ":")
            r.bold = fmt == "docx_bold"
            p.add_run(" " + plain(body))
        d.save(path)
    elif fmt == "txt_cp1252_ir":
        lines = hdr + [""] if hdr else []
        for who, body, _ in turns:
            lines += [f"{lab[who]}: {plain(body)}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt_utf8_spreker":
        t, lines = 4.0, []
        for who, body, _ in turns:
            lines += [f"[{ts(t, ',')[:8]}] {lab[who]}: {plain(body)}", ""]
            t += words(plain(body)) / 2.6 + 1.5
        hdr = [h.replace("{DUUR}", f"{round(t / 60)} min.") for h in hdr]
        lines = hdr + [""] + lines
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt in ("vtt", "srt"):
        t, n, cues = 2.0, 0, []
        for who, body, _ in turns:
            for c in chunks(body):
                dur = max(1.2, words(c) / 2.7)
                n += 1
                cues.append((n, t, t + dur, who, c))
                t += dur + 0.15
            t += 0.8
        if fmt == "vtt":
            hdr = [h.replace("{DUUR}", ts(t, ".")[:8]) for h in hdr]
            out = ["WEBVTT", "", "NOTE"] + hdr + [""]
            for n, a, b, who, c in cues:
                out += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab[who]}>{c}", ""]
            path.write_text("\n".join(out), encoding="utf-8")
        else:
            out = []
            for n, a, b, who, c in cues:
                out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[who]}: {c}", ""]
            path.write_bytes("\r\n".join(out).encode("utf-8"))
    return path


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, idents, stats = [], [], [], []
    for doc in DOCS:
        meta, header, turns, ids = parse(doc)
        build(doc, meta, header, turns)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (who, _, o) in enumerate(turns, start=1):
            if who == "R" and o in ("casus", "netwerk"):
                orient.append((doc, i, o))
        for s, typ in ids:
            idents.append((doc, s, typ))
        wc = sum(words(plain(b)) for _, b, _ in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        stats.append((doc, meta["format"], wc, nr, len(ids)))
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    for s in stats:
        print("%s  %-17s words=%d  respondent_turns=%d  identifiers=%d" % s)
    if problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
