"""Build the transcripts and the three csv files of set JW from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/jwNN.txt), one line per paragraph, blank lines ignored:
  @key value      configuration (format, encoding, newline, ilabel, rlabel, start, style, rationale)
  H: text         header line (not a turn)
  I: text         interviewer turn
  R: text {x}     respondent turn, x = casus | netwerk | -
Identifiers are marked inline as [[text|TYPE]]; labels (@ilabel/@rlabel) may carry markup too.
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOCS = ["jw01", "jw02", "jw03", "jw04", "jw05", "jw06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt": "txt", "txt_ts": "txt", "vtt": "vtt", "srt": "srt"}


def strip(text, ids):
    def rep(m):
        val, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ}")
        ids.append((val, typ))
        return val
    return MARK.sub(rep, text)


def parse(doc_id):
    cfg, header, turns = {}, [], []
    ids = []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                cfg[key] = val.strip()
                continue
            tag, _, body = line.partition(": ")
            if tag == "H":
                header.append(strip(body, ids))
            elif tag in ("I", "R"):
                orient = None
                if tag == "R":
                    m = ORIENT.search(body)
                    if not m:
                        sys.exit(f"{doc_id}: respondent paragraph without marker: {body[:60]}")
                    orient = m.group(1)
                    body = body[: m.start()]
                turns.append({"spk": tag, "marked": body.strip(), "text": strip(body.strip(), ids), "orient": orient})
            else:
                sys.exit(f"{doc_id}: bad line {line[:60]}")
    cfg["ilabel_plain"] = strip(cfg["ilabel"], ids)
    cfg["rlabel_plain"] = strip(cfg["rlabel"], ids)
    return cfg, header, turns, ids


def label(cfg, spk):
    return cfg["ilabel_plain"] if spk == "I" else cfg["rlabel_plain"]


def chunks(marked, max_words=16):
    """Split a marked-up turn into cue texts at sentence ends outside identifiers."""
    sents, buf, depth, i = [], "", 0, 0
    while i < len(marked):
        if marked.startswith("[[", i):
            depth += 1; buf += "[["; i += 2; continue
        if marked.startswith("]]", i):
            depth -= 1; buf += "]]"; i += 2; continue
        ch = marked[i]
        buf += ch
        i += 1
        if depth == 0 and ch in ".?!" and (i >= len(marked) or marked[i] == " "):
            # keep "(lacht)" style asides attached; split here
            sents.append(buf.strip()); buf = ""
    if buf.strip():
        sents.append(buf.strip())
    out, cur = [], []
    for s in sents:
        n = len(MARK.sub(r"\1", s).split())
        if cur and sum(len(MARK.sub(r"\1", c).split()) for c in cur) + n > max_words:
            out.append(" ".join(cur)); cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [MARK.sub(r"\1", c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_text(path, text, cfg):
    nl = "\r\n" if cfg.get("newline") == "crlf" else "\n"
    data = text.replace("\n", nl)
    with open(path, "wb") as f:
        f.write(data.encode(cfg.get("encoding", "utf-8")))


def build_doc(doc_id, cfg, header, turns):
    fmt = cfg["format"]
    path = os.path.join(ROOT, "transcripts", f"{doc_id}.{EXT[fmt]}")
    if fmt.startswith("docx"):
        d = Document()
        d.styles["Normal"].font.name = "Calibri"
        d.styles["Normal"].font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        if header:
            d.add_paragraph()
        for t in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(label(cfg, t["spk"]) + ":")
                r.bold = True
                p.add_run(" " + t["text"])
            else:
                p.add_run(f"{label(cfg, t['spk'])}: {t['text']}")
        d.save(path)
        return
    clock = float(cfg.get("start", 0))
    if fmt == "txt":
        lines = header + ([""] if header else [])
        for t in turns:
            lines.append(f"{label(cfg, t['spk'])}: {t['text']}")
            lines.append("")
        write_text(path, "\n".join(lines), cfg)
    elif fmt == "txt_ts":
        lines = header + ([""] if header else [])
        for t in turns:
            lines.append(f"[{ts(clock, '.')[:8]}] {label(cfg, t['spk'])}: {t['text']}")
            lines.append("")
            clock += len(t["text"].split()) / 2.6 + 1.2
        write_text(path, "\n".join(lines), cfg)
    elif fmt in ("vtt", "srt"):
        out = ["WEBVTT", ""] if fmt == "vtt" else []
        if fmt == "vtt" and header:
            out.append("NOTE")
            out.extend(header)
            out.append("")
        n = 0
        for t in turns:
            for c in chunks(t["marked"]):
                dur = max(1.5, len(c.split()) / 2.7)
                n += 1
                if fmt == "vtt":
                    out.append(f"{ts(clock, '.')} --> {ts(clock + dur, '.')}")
                    out.append(f"<v {label(cfg, t['spk'])}>{c}</v>")
                else:
                    out.append(str(n))
                    out.append(f"{ts(clock, ',')} --> {ts(clock + dur, ',')}")
                    out.append(f"{label(cfg, t['spk'])}: {c}")
                out.append("")
                clock += dur + 0.2
            clock += 0.8
        write_text(path, "\n".join(out), cfg)
    else:
        sys.exit(f"unknown format {fmt}")


def main():
    os.makedirs(os.path.join(ROOT, "transcripts"), exist_ok=True)
    styles, orient_rows, id_rows = [], [], []
    for doc_id in DOCS:
        cfg, header, turns, ids = parse(doc_id)
        build_doc(doc_id, cfg, header, turns)
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        for idx, t in enumerate(turns, start=1):
            if t["spk"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc_id, idx, t["orient"]))
        seen = {}
        for val, typ in ids:
            if val in seen:
                if seen[val] != typ:
                    sys.exit(f"{doc_id}: {val!r} has two types")
                continue
            seen[val] = typ
            id_rows.append((doc_id, val, typ))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("built", len(DOCS), "transcripts,", len(orient_rows), "orientation rows,", len(id_rows), "identifiers")


if __name__ == "__main__":
    main()
