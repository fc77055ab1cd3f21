#!/usr/bin/env python3
"""Build the setnp transcripts and the three csv files from the annotated sources.

Sources: src/<doc_id>.txt, one paragraph per turn separated by blank lines:
  H: header line            (rendered as header / NOTE; not a turn)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].  Speaker labels (also annotated) and the
output format per document are configured below; styles come from src/styles.txt.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "np01": dict(fmt="docx_bold", ext="docx", i="Interviewer", r="Respondent"),
    "np02": dict(fmt="txt_ir", ext="txt", enc="cp1252", nl="\r\n", i="I", r="R"),
    "np03": dict(fmt="vtt", ext="vtt", enc="utf-8", nl="\n",
                 i="[[Tamara Lindeboom|PERSOON]]", r="[[Ineke Zwaagstra|PERSOON]]"),
    "np04": dict(fmt="srt", ext="srt", enc="utf-8", nl="\r\n",
                 i="[[Fleur|PERSOON]]", r="[[Joost|PERSOON]]"),
    "np05": dict(fmt="txt_ts", ext="txt", enc="utf-8", nl="\n", i="Spreker 1", r="Spreker 2"),
    "np06": dict(fmt="docx_plain", ext="docx",
                 i="[[Annelies|PERSOON]]", r="[[Peter|PERSOON]]"),
}

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def idents(s):
    out = []
    for m in ANN.finditer(s):
        if m.group(2) not in TYPES:
            raise SystemExit(f"unknown type {m.group(2)} in {s[:60]}")
        out.append((m.group(1), m.group(2)))
    return out


def parse(doc_id):
    text = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    header, turns = [], []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(l.strip() for l in para.splitlines())
        kind, body = para[:2], para[2:].strip()
        if kind == "H:":
            if turns:
                raise SystemExit(f"{doc_id}: header after turns")
            header.append(body)
        elif kind == "I:":
            if TAG.search(body):
                raise SystemExit(f"{doc_id}: tag on interviewer turn")
            turns.append(("I", body, None))
        elif kind == "R:":
            m = TAG.search(body)
            if not m:
                raise SystemExit(f"{doc_id}: respondent turn without tag: {body[:60]}")
            turns.append(("R", body[: m.start()].rstrip(), m.group(1)))
        else:
            raise SystemExit(f"{doc_id}: bad paragraph {para[:40]}")
    for k, (sp, _, _) in enumerate(turns):
        if sp != ("I" if k % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: turns do not alternate at {k + 1}")
    return header, turns


def sentences(ann):
    """Split annotated text into sentences, never inside [[...]]."""
    out, buf, depth, i = [], "", 0, 0
    while i < len(ann):
        if ann.startswith("[[", i):
            depth += 1
            buf += "[["
            i += 2
            continue
        if ann.startswith("]]", i) and depth:
            depth -= 1
            buf += "]]"
            i += 2
            continue
        c = ann[i]
        buf += c
        i += 1
        if depth == 0 and c in ".?!" and (i == len(ann) or ann[i] == " "):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def chunks(ann, target=16, limit=26):
    out, cur, n = [], [], 0
    for s in sentences(ann):
        w = len(plain(s).split())
        if cur and (n >= target or n + w > limit):
            out.append(" ".join(cur))
            cur, n = [], 0
        cur.append(s)
        n += w
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start=2.4):
    """Yield (speaker, start, end, chunk_plain) with a plausible speaking rate."""
    t = start
    for sp, body, _ in turns:
        for ch in chunks(body):
            p = plain(ch)
            dur = max(1.6, len(p.split()) * 0.41)
            yield sp, t, t + dur, p
            t += dur + 0.25
        t += 0.9


def render(doc_id, cfg, header, turns):
    lab = {"I": plain(cfg["i"]), "R": plain(cfg["r"])}
    fmt = cfg["fmt"]
    path = OUT / f"{doc_id}.{cfg['ext']}"
    hdr = [plain(h) for h in header]
    if fmt in ("docx_bold", "docx_plain"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in hdr:
            d.add_paragraph(h)
        if hdr:
            d.add_paragraph("")
        for sp, body, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab[sp] + ":")
                r.bold = True
                p.add_run(" " + plain(body))
            else:
                p.add_run(f"{lab[sp]}: {plain(body)}")
        d.save(path)
        return
    nl = cfg["nl"]
    lines = []
    if fmt == "txt_ir":
        lines += hdr + [""]
        for sp, body, _ in turns:
            lines += [f"{lab[sp]}: {plain(body)}", ""]
    elif fmt == "txt_ts":
        lines += hdr + [""]
        t = 3.0
        for sp, body, _ in turns:
            s = int(t)
            lines += [f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab[sp]}: {plain(body)}", ""]
            t += len(plain(body).split()) * 0.41 + 1.2
    elif fmt == "vtt":
        lines += ["WEBVTT", ""]
        if hdr:
            lines += ["NOTE"] + hdr + [""]
        for sp, a, b, p in timed_cues(turns):
            lines += [f"{ts(a)} --> {ts(b)}", f"<v {lab[sp]}>{p}</v>", ""]
    elif fmt == "srt":
        for n, (sp, a, b, p) in enumerate(timed_cues(turns), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[sp]}: {p}", ""]
    else:
        raise SystemExit(fmt)
    data = nl.join(lines).rstrip("\r\n") + nl
    path.write_bytes(data.encode(cfg["enc"]))


def main():
    OUT.mkdir(exist_ok=True)
    styles = {}
    for line in (SRC / "styles.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d, s, r = line.split("|", 2)
            styles[d.strip()] = (s.strip(), r.strip())
    orient_rows, ident_rows, stats = [], [], []
    for doc_id, cfg in DOCS.items():
        for old in OUT.glob(f"{doc_id}.*"):
            old.unlink()
        header, turns = parse(doc_id)
        render(doc_id, cfg, header, turns)
        seen = {}
        pieces = header + [cfg["i"], cfg["r"]] + [b for _, b, _ in turns]
        for piece in pieces:
            for txt, typ in idents(piece):
                if txt in seen:
                    if seen[txt] != typ:
                        raise SystemExit(f"{doc_id}: {txt} typed {seen[txt]} and {typ}")
                    continue
                seen[txt] = typ
                ident_rows.append((doc_id, txt, typ))
        for k, (sp, _, tag) in enumerate(turns, 1):
            if sp == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc_id, k, tag))
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        nr = sum(1 for sp, _, _ in turns if sp == "R")
        tags = [t for sp, _, t in turns if sp == "R"]
        stats.append((doc_id, cfg["fmt"], words, nr, tags.count("casus"), tags.count("netwerk"),
                      tags.count("-"), len(seen)))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in DOCS:
            w.writerow([d, *styles[d]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("doc   format      words  R-turns casus netwerk -  identifiers")
    for s in stats:
        print("{:5} {:11} {:5}  {:7} {:5} {:7} {:2} {:3}".format(*s))


if __name__ == "__main__":
    main()
