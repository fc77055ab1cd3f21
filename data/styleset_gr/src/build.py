#!/usr/bin/env python3
"""Build the setGR transcripts and csv files from the annotated sources.

Source format (src/grNN.txt):
  #key: value      metadata (style, rationale, format, labels "I-label | R-label", names)
  H: ...           header line (metadata of the delivery)
  I: ...           interviewer turn
  R: ... {tag}     respondent turn, tag = casus | netwerk | -
Paragraphs are separated by blank lines. Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
DOCS = ["gr01", "gr02", "gr03", "gr04", "gr05", "gr06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse(doc):
    meta, header, turns = {}, [], []
    text = (SRC / f"{doc}.txt").read_text(encoding="utf-8")
    ids = []  # (string, type) in order of first appearance

    def strip_ids(s):
        for m in ID_RE.finditer(s):
            val, typ = m.group(1), m.group(2)
            assert typ in TYPES, (doc, typ)
            ids.append((val, typ))
        return ID_RE.sub(lambda m: m.group(1), s)

    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        if lines[0].startswith("#"):
            for ln in lines:
                k, _, v = ln[1:].partition(":")
                meta[k.strip()] = v.strip()
            continue
        para = " ".join(ln.strip() for ln in lines)
        kind, body = para[:2], para[2:].strip()
        if kind == "H:":
            header.append(strip_ids(body))
        elif kind == "I:":
            assert not TAG_RE.search(body), (doc, body[:40])
            turns.append(("I", strip_ids(body), None))
        elif kind == "R:":
            m = TAG_RE.search(body)
            assert m, (doc, "respondent turn without tag", body[:60])
            turns.append(("R", strip_ids(body[: m.start()]), m.group(1)))
        else:
            raise ValueError(f"{doc}: bad paragraph {para[:40]!r}")
    for i, (spk, _, _) in enumerate(turns):
        assert spk == ("I" if i % 2 == 0 else "R"), (doc, i + 1)
    ilab, rlab = [x.strip() for x in meta["labels"].split("|")]
    names = [n.strip() for n in meta.get("names", "").split(",") if n.strip()]
    for n in names:
        ids.append((n, "PERSOON"))
    return meta, header, turns, ids, ilab, rlab


def words(s):
    return len(re.findall(r"[\w'’-]+", s))


def timeline(turns, start=3.0, wps=2.5):
    """Cumulative (start, end) seconds per turn."""
    out, t = [], start
    for _, txt, _ in turns:
        d = max(2.0, words(txt) / wps)
        out.append((t, t + d))
        t += d + 1.2
    return out


def hms(t, sep=","):
    t = round(t, 3)
    h, rem = divmod(t, 3600)
    m, s = divmod(rem, 60)
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{int(round((s % 1) * 1000)) % 1000:03d}"


def sentences(txt, maxw=32):
    """Split a turn into cue-sized chunks at sentence boundaries."""
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z\"(ÉÍ])", txt)
    chunks, cur = [], ""
    for p in parts:
        if cur and words(cur) + words(p) > maxw:
            chunks.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        chunks.append(cur)
    return chunks


def build_docx(path, header, turns, ilab, rlab, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph("")
    for spk, txt, _ in turns:
        lab = ilab if spk == "I" else rlab
        p = d.add_paragraph()
        r = p.add_run(f"{lab}:")
        r.bold = bold
        p.add_run(" " + txt)
    d.save(path)


def build_vtt(path, header, turns, ilab, rlab):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    tl = timeline(turns)
    n = 1
    for (spk, txt, _), (a, b) in zip(turns, tl):
        lab = ilab if spk == "I" else rlab
        chunks = sentences(txt)
        tot = sum(words(c) for c in chunks)
        t = a
        for c in chunks:
            d = (b - a) * words(c) / tot
            lines.append(f"{n}")
            lines.append(f"{hms(t, '.')} --> {hms(t + d, '.')}")
            lines.append(f"<v {lab}>{c}</v>")
            lines.append("")
            t += d
            n += 1
    path.write_text("\n".join(lines), encoding="utf-8")


def build_srt(path, turns, ilab, rlab):
    lines = []
    for n, ((spk, txt, _), (a, b)) in enumerate(zip(turns, timeline(turns, start=1.5)), 1):
        lab = ilab if spk == "I" else rlab
        lines += [str(n), f"{hms(a)} --> {hms(b)}", f"{lab}: {txt}", ""]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))


def build_txt(path, header, turns, ilab, rlab, enc, crlf):
    lines = list(header)
    if header:
        lines.append("")
    for spk, txt, _ in turns:
        lab = ilab if spk == "I" else rlab
        lines += [f"{lab}: {txt}", ""]
    nl = "\r\n" if crlf else "\n"
    path.write_bytes(nl.join(lines).encode(enc))


def build_txt_ts(path, header, turns, ilab, rlab):
    lines = list(header)
    if header:
        lines.append("")
    for (spk, txt, _), (a, _) in zip(turns, timeline(turns, start=4.0, wps=2.3)):
        lab = ilab if spk == "I" else rlab
        lines += [f"[{hms(a)[:8]}] {lab}: {txt}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    style_rows, orient_rows, id_rows = [], [], []
    for doc in DOCS:
        meta, header, turns, ids, ilab, rlab = parse(doc)
        fmt = meta["format"]
        if fmt == "docx_bold":
            build_docx(OUT / f"{doc}.docx", header, turns, ilab, rlab, bold=True)
        elif fmt == "docx_plain":
            build_docx(OUT / f"{doc}.docx", header, turns, ilab, rlab, bold=False)
        elif fmt == "vtt":
            build_vtt(OUT / f"{doc}.vtt", header, turns, ilab, rlab)
        elif fmt == "srt":
            assert not header
            build_srt(OUT / f"{doc}.srt", turns, ilab, rlab)
        elif fmt == "txt_cp1252":
            build_txt(OUT / f"{doc}.txt", header, turns, ilab, rlab, "cp1252", True)
        elif fmt == "txt_ts":
            build_txt_ts(OUT / f"{doc}.txt", header, turns, ilab, rlab)
        else:
            raise ValueError(fmt)
        style_rows.append((doc, meta["style"], meta["rationale"]))
        for i, (spk, _, tag) in enumerate(turns, 1):
            if spk == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc, i, tag))
        seen = {}
        for val, typ in ids:
            if val in seen:
                assert seen[val] == typ, (doc, val, typ, seen[val])
                continue
            seen[val] = typ
            id_rows.append((doc, val, typ))
        nw = sum(words(t) for _, t, _ in turns)
        nr = sum(1 for s, _, _ in turns if s == "R")
        print(f"{doc}: {fmt:10s} words={nw} turns={len(turns)} resp={nr} ids={len(seen)}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
