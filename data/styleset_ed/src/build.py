#!/usr/bin/env python3
"""Build setED transcripts and csv files from the annotated sources in this folder.

Source format (src/edNN.txt):
  @key value            metadata (id, format, ilabel, rlabel, style, rationale, header, ident)
  I: text               interviewer turn (one line = one turn)
  R: text {casus}       respondent turn; optional trailing orientation mark {casus} / {netwerk}
  [[verbatim|TYPE]]     inline identifier markup (removed in output, collected in identifiers.csv)

Run with a python that has python-docx (only needed for the .docx document):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk)\}\s*$")
EXT = {"docx": "docx", "vtt": "vtt", "srt": "srt", "txt-cp1252": "txt",
       "txt-timestamps": "txt", "txt-ir": "txt"}
FORMAT_DESC = {"docx": ".docx (bold speaker runs)", "vtt": "WebVTT (<v Naam>)",
               "srt": "SubRip (Naam: in cue)", "txt-cp1252": ".txt Windows-1252 (Interviewer:/Respondent:)",
               "txt-timestamps": ".txt UTF-8 ([hh:mm:ss] Spreker n:)", "txt-ir": ".txt UTF-8 (I:/R:)"}


def strip_marks(text, idents):
    def rep(m):
        idents.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, text)


def parse(path):
    doc = {"headers": [], "turns": [], "idents": [], "extra_idents": []}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                if key == "header":
                    doc["headers"].append(strip_marks(val, doc["idents"]))
                elif key == "ident":
                    ident, typ = val.rsplit("|", 1)
                    doc["extra_idents"].append((ident, typ))
                else:
                    doc[key] = val
                continue
            spk, _, text = line.partition(": ")
            if spk not in ("I", "R"):
                sys.exit(f"{path}: bad line {line[:40]!r}")
            ori = None
            m = ORI.search(text)
            if m:
                if spk != "R":
                    sys.exit(f"{path}: orientation on interviewer turn")
                ori = m.group(1)
                text = text[:m.start()]
            text = strip_marks(text.strip(), doc["idents"])
            if "[[" in text or "{" in text:
                sys.exit(f"{path}: leftover markup in {text[:60]!r}")
            doc["turns"].append((spk, text, ori))
    # alternation in source
    for i, (spk, _, _) in enumerate(doc["turns"]):
        if spk != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path}: alternation broken at turn {i + 1}")
    return doc


def label(doc, spk):
    return doc["ilabel"] if spk == "I" else doc["rlabel"]


def chunks(text, maxw=24):
    """Split a turn into cue-sized chunks at sentence boundaries (never inside a sentence)."""
    sents = re.split(r"(?<=[.!?…])\s+", text)
    out, cur = [], []
    for s in sents:
        w = s.split()
        if cur and len(cur) + len(w) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.extend(w)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}".replace(".", sep)


def wrap(text, width=62):
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines


def render(doc, path):
    fmt = doc["format"]
    if fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for k, h in enumerate(doc["headers"]):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = k == 0
        d.add_paragraph("")
        for spk, text, _ in doc["turns"]:
            p = d.add_paragraph()
            r = p.add_run(label(doc, spk) + ":")
            r.bold = True
            p.add_run(" " + text)
        d.core_properties.title = ""
        d.core_properties.author = ""
        d.save(path)
    elif fmt == "vtt":
        t = 2.0
        lines = ["WEBVTT", ""]
        n = 0
        for spk, text, _ in doc["turns"]:
            for c in chunks(text):
                n += 1
                dur = max(1.8, len(c.split()) / 2.6)
                lines += [f"{n:04d}", f"{ts(t, '.')} --> {ts(t + dur, '.')}",
                          f"<v {label(doc, spk)}>{c}</v>", ""]
                t += dur + 0.15
            t += 0.6
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt == "srt":
        t = 1.5
        lines = []
        n = 0
        for spk, text, _ in doc["turns"]:
            for c in chunks(text, maxw=20):
                n += 1
                dur = max(1.6, len(c.split()) / 2.7)
                lines += [str(n), f"{ts(t, ',')} --> {ts(t + dur, ',')}"]
                lines += wrap(f"{label(doc, spk)}: {c}")
                lines.append("")
                t += dur + 0.1
            t += 0.7
        with open(path, "w", encoding="utf-8", newline="\r\n") as f:
            f.write("\n".join(lines))
    elif fmt == "txt-cp1252":
        names = {"I": "Interviewer", "R": "Respondent"}
        lines = list(doc["headers"]) + [""]
        for spk, text, _ in doc["turns"]:
            lines += [f"{names[spk]}: {text}", ""]
        with open(path, "w", encoding="cp1252", newline="\r\n") as f:
            f.write("\n".join(lines))
    elif fmt == "txt-timestamps":
        t = 4.0
        lines = list(doc["headers"]) + [""]
        for spk, text, _ in doc["turns"]:
            lines += [f"[{ts(int(t), '.')[:8]}] {label(doc, spk)}: {text}", ""]
            t += len(text.split()) / 2.4 + 1.5
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt == "txt-ir":
        lines = list(doc["headers"]) + [""]
        for spk, text, _ in doc["turns"]:
            lines += [f"{label(doc, spk)}: {text}", ""]
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    else:
        sys.exit(f"unknown format {fmt}")


def main():
    os.makedirs(TR, exist_ok=True)
    docs = []
    for name in sorted(os.listdir(HERE)):
        if re.fullmatch(r"ed\d\d\.txt", name):
            docs.append(parse(os.path.join(HERE, name)))
    styles, orient, idents, table = [], [], [], []
    for d in docs:
        fn = f"{d['id']}.{EXT[d['format']]}"
        render(d, os.path.join(TR, fn))
        styles.append((d["id"], d["style"], d["rationale"]))
        for i, (spk, _, ori) in enumerate(d["turns"], start=1):
            if ori:
                orient.append((d["id"], i, ori))
        seen = set()
        for ident, typ in d["idents"] + d["extra_idents"]:
            if ident not in seen:
                seen.add(ident)
                idents.append((d["id"], ident, typ))
        words = sum(len(t.split()) for _, t, _ in d["turns"])
        rturns = sum(1 for s, _, _ in d["turns"] if s == "R")
        table.append((d["id"], fn, d["style"], FORMAT_DESC[d["format"]], words, rturns, len(d["turns"])))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    with open(os.path.join(HERE, "stats.tsv"), "w", encoding="utf-8") as f:
        f.write("doc\tfile\tstyle\tformat\twords\trespondent_turns\tturns\n")
        for row in table:
            f.write("\t".join(map(str, row)) + "\n")
    for row in table:
        print(*row, sep="\t")


if __name__ == "__main__":
    main()
