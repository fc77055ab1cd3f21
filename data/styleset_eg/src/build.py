#!/usr/bin/env python3
"""Build set EG: transcripts + csv files + README table from the annotated sources.

Source format (src/<id>.src):
  @format txt|docx|srt|vtt      @encoding utf-8|cp1252
  @style <style>                @rationale <one English sentence>
  @ilabel / @rlabel <speaker label>   ({ts} is replaced by a running hh:mm:ss timestamp)
  @header <line>  (repeatable; empty = blank line)     @note <vtt NOTE text>     @respondent <README description>
  then paragraphs separated by blank lines, each starting with "I: " or "R: ".
  Identifiers are marked inline as [[text|TYPE]]; respondent paragraphs end with {casus}, {netwerk} or {-}.
Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent
ROOT = SRC.parent
OUT = ROOT / "transcripts"
IDS = ["eg01", "eg02", "eg03", "eg04", "eg05", "eg06"]
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}


def strip(s):
    return MARK.sub(r"\1", s)


def parse(doc_id):
    text = (SRC / f"{doc_id}.src").read_text(encoding="utf-8")
    meta, headers, turns, idents = {}, [], [], []

    def collect(s):
        for m in MARK.finditer(s):
            assert m.group(2) in TYPES, (doc_id, m.group(0))
            key = (m.group(1), m.group(2))
            if key not in idents:
                idents.append(key)

    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        rest = []
        for ln in lines:
            if ln.startswith("@"):
                key, _, val = ln[1:].partition(" ")
                if key == "header":
                    headers.append(val)
                    collect(val)
                else:
                    meta[key] = val.strip().strip('"')
                    if key in ("ilabel", "rlabel"):
                        collect(val)
            else:
                rest.append(ln)
        if not rest:
            continue
        para = " ".join(x.strip() for x in rest)
        spk, _, body = para.partition(": ")
        assert spk in ("I", "R"), (doc_id, para[:40])
        ori = ""
        m = ORI.search(body)
        if spk == "R":
            assert m, (doc_id, "missing orientation mark", body[:60])
            ori = m.group(1)
            body = body[: m.start()]
        else:
            assert not m, (doc_id, body[:60])
        collect(body)
        turns.append({"spk": spk, "raw": body.strip(), "text": strip(body.strip()), "ori": ori})
    for i, t in enumerate(turns):
        assert t["spk"] == ("I" if i % 2 == 0 else "R"), (doc_id, i + 1)
    meta["ilabel_s"] = strip(meta["ilabel"])
    meta["rlabel_s"] = strip(meta["rlabel"])
    return meta, [strip(h) for h in headers], turns, idents


def chunks(text, maxw=30):
    sents = re.split(r"(?<=[.!?])\s+", text)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def hms(sec, sep=","):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def label(meta, spk, t):
    lab = meta["ilabel_s"] if spk == "I" else meta["rlabel_s"]
    return lab.replace("{ts}", hms(t)[:8])


def write_txt(doc_id, meta, headers, turns):
    t = 4.0
    parts = []
    if headers:
        parts.append("\n".join(headers).rstrip("\n"))
        parts.append("")
    for tr in turns:
        parts.append(f"{label(meta, tr['spk'], t)} {tr['text']}")
        parts.append("")
        t += len(tr["text"].split()) / 2.4 + 1.5
    body = "\n".join(parts).rstrip("\n") + "\n"
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if enc == "cp1252" else "\n"
    (OUT / f"{doc_id}.txt").write_bytes(body.replace("\n", nl).encode(enc))


def write_docx(doc_id, meta, headers, turns):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(headers):
        if not h:
            continue
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    for tr in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, tr["spk"], 0))
        r.bold = True
        p.add_run(" " + tr["text"])
    d.core_properties.author = "TS"
    d.save(OUT / f"{doc_id}.docx")


def cues(meta, turns, maxw=30):
    t = 1.2
    out = []
    for tr in turns:
        for c in chunks(tr["text"], maxw):
            dur = max(1.5, len(c.split()) / 2.6)
            out.append((t, t + dur, tr["spk"], c))
            t += dur + 0.25
        t += 0.8
    return out


def write_srt(doc_id, meta, turns):
    lines = []
    for n, (a, b, spk, c) in enumerate(cues(meta, turns, 42), 1):
        lines += [str(n), f"{hms(a)} --> {hms(b)}", f"{label(meta, spk, a)} {c}", ""]
    (OUT / f"{doc_id}.srt").write_text("\n".join(lines), encoding="utf-8")


def write_vtt(doc_id, meta, turns):
    lines = ["WEBVTT", ""]
    if meta.get("note"):
        lines += ["NOTE " + meta["note"], ""]
    for a, b, spk, c in cues(meta, turns):
        lines += [f"{hms(a, '.')} --> {hms(b, '.')}", f"<v {label(meta, spk, a)}>{c}", ""]
    (OUT / f"{doc_id}.vtt").write_text("\n".join(lines), encoding="utf-8")


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, ident, table = [], [], [], []
    for doc_id in IDS:
        meta, headers, turns, idents = parse(doc_id)
        fmt = meta["format"]
        if fmt == "txt":
            write_txt(doc_id, meta, headers, turns)
        elif fmt == "docx":
            write_docx(doc_id, meta, headers, turns)
        elif fmt == "srt":
            write_srt(doc_id, meta, turns)
        elif fmt == "vtt":
            write_vtt(doc_id, meta, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, tr in enumerate(turns, 1):
            if tr["spk"] == "R" and tr["ori"] in ("casus", "netwerk"):
                orient.append((doc_id, i, tr["ori"]))
        for text, typ in idents:
            ident.append((doc_id, text, typ))
        words = sum(len(tr["text"].split()) for tr in turns)
        rwords = sum(len(tr["text"].split()) for tr in turns if tr["spk"] == "R")
        nr = sum(1 for tr in turns if tr["spk"] == "R")
        nc = sum(1 for tr in turns if tr["ori"] == "casus")
        nn = sum(1 for tr in turns if tr["ori"] == "netwerk")
        enc = meta.get("encoding", "utf-8")
        table.append((doc_id, meta["respondent"], meta["style"], f".{fmt}" + (" (Windows-1252)" if enc == "cp1252" else ""),
                      words, rwords, nr, nc, nn))
        print(doc_id, meta["style"], fmt, "words", words, "resp-words", rwords, "R-turns", nr, "casus", nc, "netwerk", nn)

    def wcsv(name, header, rows):
        with open(ROOT / name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    wcsv("styles.csv", ["doc_id", "style", "rationale"], styles)
    wcsv("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(orient))
    wcsv("identifiers.csv", ["doc_id", "identifier", "type"], ident)

    notes = (SRC / "README_notes.md").read_text(encoding="utf-8")
    rows = ["| doc | respondent (voice, setting) | style | format | words (spoken) | respondent words | respondent turns | casus / netwerk turns |",
            "|---|---|---|---|---|---|---|---|"]
    for d, r, s, f, w, rw, nr, nc, nn in table:
        rows.append(f"| {d} | {r} | {s} | {f} | {w} | {rw} | {nr} | {nc} / {nn} |")
    (ROOT / "README.md").write_text(notes.replace("{{TABLE}}", "\n".join(rows)), encoding="utf-8")


if __name__ == "__main__":
    main()
