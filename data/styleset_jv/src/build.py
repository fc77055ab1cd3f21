#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set JV from the annotated sources.

Source format (src/<doc>.txt), one paragraph per line:
  #format: docx_bold | docx_plain | txt_ir_cp1252 | txt_spreker_utf8 | vtt | srt
  #ilabel: / #rlabel:   speaker labels (may contain [[text|TYPE]])
  #style: / #rationale:  label for styles.csv
  H: header line        I: interviewer turn        R: respondent turn ending in {casus}|{netwerk}|{-}
Identifiers inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = ["jv01", "jv02", "jv03", "jv04", "jv05", "jv06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir_cp1252": "txt",
       "txt_spreker_utf8": "txt", "vtt": "vtt", "srt": "srt"}


def strip(text):
    return ANN.sub(lambda m: m.group(1), text)


def masked(text):
    return ANN.sub(lambda m: "\u2588" * len(m.group(1)), text)


def parse(doc):
    meta, header, turns = {}, [], []
    for n, line in enumerate((HERE / f"{doc}.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        elif line.startswith("H: "):
            header.append(line[3:].strip())
        elif line.startswith("I: "):
            turns.append(("I", line[3:].strip(), None))
        elif line.startswith("R: "):
            m = ORI.search(line)
            if not m:
                sys.exit(f"{doc}:{n}: respondent turn without orientation marker")
            turns.append(("R", line[3:m.start()].strip(), m.group(1)))
        else:
            sys.exit(f"{doc}:{n}: unknown line: {line[:40]}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turn {i + 1} breaks alternation")
    return meta, header, turns


# ---------- timing and cue splitting ----------
def fmt_time(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(t):
    t = int(t)
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"


def split_cues(text, maxw=16):
    """Split a turn (plain text) into cue texts at sentence ends; long sentences at commas."""
    sents = re.split(r"(?<=[.!?])\s+|(?<=\))\s+(?=[A-Z])", text)
    pieces = []
    for s in sents:
        words = s.split()
        if len(words) <= 24:
            pieces.append(s)
            continue
        # split long sentence at a comma near the middle
        parts, cur = [], []
        for w in words:
            cur.append(w)
            if w.endswith(",") and len(cur) >= 9:
                parts.append(" ".join(cur))
                cur = []
        if cur:
            parts.append(" ".join(cur))
        pieces.extend(parts)
    cues, cur = [], []
    for p in pieces:
        if cur and len(" ".join(cur + [p]).split()) > maxw:
            cues.append(" ".join(cur))
            cur = []
        cur.append(p)
    if cur:
        cues.append(" ".join(cur))
    return cues


def dur(text):
    return 0.6 + 0.36 * len(text.split())


# ---------- writers ----------
def write_docx(path, header, turns, il, rl, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = not bold
    if header:
        d.add_paragraph()
    for sp, text, _ in turns:
        label = il if sp == "I" else rl
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label}: {text}")
    d.save(path)


def write_txt_ir(path, header, turns, il, rl):
    lines = header + [""] if header else []
    for sp, text, _ in turns:
        lines.append(f"{il if sp == 'I' else rl}: {text}")
        lines.append("")
    path.write_bytes("\r\n".join(lines).encode("cp1252"))


def write_txt_spreker(path, header, turns, il, rl):
    lines = header + [""] if header else []
    t = 3.0
    for sp, text, _ in turns:
        lines.append(f"[{hms(t)}] {il if sp == 'I' else rl}: {text}")
        lines.append("")
        t += dur(text) + 1.4
    path.write_text("\n".join(lines), encoding="utf-8")


def write_vtt(path, header, turns, il, rl):
    out = ["WEBVTT", ""]
    if header:
        out += ["NOTE"] + header + [""]
    t, n = 1.5, 1
    for sp, text, _ in turns:
        name = il if sp == "I" else rl
        for cue in split_cues(text):
            d = dur(cue)
            out += [str(n), f"{fmt_time(t, '.')} --> {fmt_time(t + d, '.')}", f"<v {name}>{cue}</v>", ""]
            t += d + 0.15
            n += 1
        t += 0.9
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(path, header, turns, il, rl):
    out = []
    t, n = 2.0, 1
    for sp, text, _ in turns:
        name = il if sp == "I" else rl
        for cue in split_cues(text, maxw=14):
            d = dur(cue)
            out += [str(n), f"{fmt_time(t, ',')} --> {fmt_time(t + d, ',')}", f"{name}: {cue}", ""]
            t += d + 0.2
            n += 1
        t += 1.0
    path.write_bytes("\r\n".join(out).encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    style_rows, ori_rows, id_rows = [], [], []
    problems = []
    for doc in DOCS:
        meta, header, turns = parse(doc)
        fmt = meta["format"]
        ids = {}
        order = []

        def collect(s):
            for m in ANN.finditer(s):
                txt, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    problems.append(f"{doc}: bad type {typ}")
                if txt in ids and ids[txt] != typ:
                    problems.append(f"{doc}: '{txt}' typed {ids[txt]} and {typ}")
                if txt not in ids:
                    ids[txt] = typ
                    order.append(txt)

        il_a, rl_a = meta["ilabel"], meta["rlabel"]
        for s in header:
            collect(s)
        collect(il_a)
        collect(rl_a)
        for _, s, _ in turns:
            collect(s)
        # unannotated mentions of an identifier string elsewhere in the document
        all_masked = "\n".join([masked(s) for s in header] + [masked(s) for _, s, _ in turns])
        for txt in order:
            if re.search(r"(?<!\w)" + re.escape(txt) + r"(?!\w)", all_masked):
                problems.append(f"{doc}: unannotated occurrence of '{txt}'")

        il, rl = strip(il_a), strip(rl_a)
        hdr = [strip(h) for h in header]
        plain = [(sp, strip(s), o) for sp, s, o in turns]
        path = OUT / f"{doc}.{EXT[fmt]}"
        if fmt == "docx_bold":
            write_docx(path, hdr, plain, il, rl, True)
        elif fmt == "docx_plain":
            write_docx(path, hdr, plain, il, rl, False)
        elif fmt == "txt_ir_cp1252":
            write_txt_ir(path, hdr, plain, il, rl)
        elif fmt == "txt_spreker_utf8":
            write_txt_spreker(path, hdr, plain, il, rl)
        elif fmt == "vtt":
            write_vtt(path, hdr, plain, il, rl)
        elif fmt == "srt":
            write_srt(path, hdr, plain, il, rl)
        else:
            sys.exit(f"{doc}: unknown format {fmt}")

        style_rows.append((doc, meta["style"], meta["rationale"]))
        for i, (sp, _, o) in enumerate(plain, 1):
            if sp == "R" and o in ("casus", "netwerk"):
                ori_rows.append((doc, i, o))
        for txt in order:
            id_rows.append((doc, txt, ids[txt]))
        words = sum(len(s.split()) for _, s, _ in plain)
        nres = sum(1 for sp, _, _ in plain if sp == "R")
        cnt = {k: sum(1 for sp, _, o in plain if o == k) for k in ("casus", "netwerk", "-")}
        print(f"{doc}: {path.name:10s} words={words} resp_turns={nres} ids={len(order)} ori={cnt}")

    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows, key=lambda r: (r[0], r[1])))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for p in problems:
        print("WARNING:", p)


if __name__ == "__main__":
    main()
