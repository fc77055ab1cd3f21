#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set JL from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/<doc>.txt):
  '# style: ...' and '# rationale: ...' lines, then paragraphs separated by blank lines,
  each starting with 'H: ' (header), 'I: ' (interviewer) or 'R: ' (respondent).
  Identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import random
import re
from pathlib import Path

import docx
from docx.shared import Pt

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"

# per document: format, speaker labels (interviewer, respondent), and whether labels are names
DOCS = {
    "jl01": dict(fmt="docx_bold", ext="docx", labels=("Tessa Haverkamp", "Gerrit Jan Leferink"), names=True),
    "jl02": dict(fmt="srt", ext="srt", labels=("J. Wolbers", "M. Kamphuis"), names=True, crlf=True),
    "jl03": dict(fmt="txt_ir", ext="txt", labels=("I", "R"), names=False, enc="cp1252", crlf=True),
    "jl04": dict(fmt="vtt", ext="vtt", labels=("Tessa Haverkamp", "Marloes ten Dam"), names=True),
    "jl05": dict(fmt="txt_ts", ext="txt", labels=("Spreker 1", "Spreker 2"), names=False, enc="utf-8"),
    "jl06": dict(fmt="docx_plain", ext="docx", labels=("Interviewer", "Respondent"), names=False),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    meta, paras = {}, []
    block = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            k, _, v = line[2:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        if line.strip():
            block.append(line.strip())
        elif block:
            paras.append(" ".join(block))
            block = []
    if block:
        paras.append(" ".join(block))
    items = []
    for p in paras:
        kind, text = p[0], p[3:]
        assert p[1:3] == ": " and kind in "HIR", p[:40]
        orient = None
        if kind == "R":
            m = ORIENT.search(text)
            assert m, "respondent paragraph without orientation: " + text[:60]
            orient, text = m.group(1), text[: m.start()]
        else:
            assert not ORIENT.search(text), text[:60]
        for _, t in MARK.findall(text):
            assert t in TYPES, t
        items.append((kind, text.strip(), orient))
    return meta, items


def plain(text):
    return MARK.sub(lambda m: m.group(1), text)


def atoms(text):
    """Split into breakable units; an identifier is never split over units."""
    found = []

    def ph(m):
        found.append(m.group(1))
        return f"\x00{len(found) - 1}\x00"

    tmp = MARK.sub(ph, text)
    return [re.sub(r"\x00(\d+)\x00", lambda m: found[int(m.group(1))], tok) for tok in tmp.split()]


def chunks(text, maxw=13):
    """Cue-sized chunks of atoms, preferring to break after sentence ends."""
    a = atoms(text)
    res, cur = [], []
    for tok in a:
        cur.append(tok)
        nw = sum(len(x.split()) for x in cur)
        if (nw >= maxw) or (nw >= 6 and re.search(r"[.?!]$", tok)):
            res.append(cur)
            cur = []
    if cur:
        if res and sum(len(x.split()) for x in cur) < 3:
            res[-1].extend(cur)
        else:
            res.append(cur)
    return res


def two_lines(toks, first_prefix=""):
    s = " ".join(toks)
    if len(first_prefix) + len(s) <= 46 or len(toks) < 2:
        return [first_prefix + s]
    best, bi = None, 1
    for i in range(1, len(toks)):
        l1 = len(first_prefix) + len(" ".join(toks[:i]))
        l2 = len(" ".join(toks[i:]))
        d = abs(l1 - l2)
        if best is None or d < best:
            best, bi = d, i
    return [first_prefix + " ".join(toks[:bi]), " ".join(toks[bi:])]


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def nwords(s):
    return len(s.split())


def build_docx(doc_id, cfg, items):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    cp = d.core_properties
    cp.author = "Onderzoeker"
    cp.last_modified_by = "Onderzoeker"
    cp.comments = ""
    cp.title = ""
    for kind, text, _ in items:
        if kind == "H":
            p = d.add_paragraph()
            r = p.add_run(plain(text))
            r.italic = cfg["fmt"] == "docx_bold"
            continue
        label = cfg["labels"][0 if kind == "I" else 1]
        p = d.add_paragraph()
        if cfg["fmt"] == "docx_bold":
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{label}: {plain(text)}")
    d.save(TR / f"{doc_id}.docx")


def build_txt_ir(doc_id, cfg, items):
    lines = []
    head = [plain(t) for k, t, _ in items if k == "H"]
    lines.extend(head)
    if head:
        lines.append("")
    for kind, text, _ in items:
        if kind == "H":
            continue
        lines.append(f"{cfg['labels'][0 if kind == 'I' else 1]}: {plain(text)}")
        lines.append("")
    write_text(doc_id, cfg, lines)


def build_txt_ts(doc_id, cfg, items, rng):
    lines = []
    head = [plain(t) for k, t, _ in items if k == "H"]
    lines.extend(head)
    if head:
        lines.append("")
    t = 3.0
    for kind, text, _ in items:
        if kind == "H":
            continue
        label = cfg["labels"][0 if kind == "I" else 1]
        stamp = fmt_ts(t, ",")[:8]
        lines.append(f"[{stamp}] {label}: {plain(text)}")
        lines.append("")
        t += nwords(plain(text)) / 2.5 + rng.uniform(0.8, 3.5)
    write_text(doc_id, cfg, lines)


def build_vtt(doc_id, cfg, items, rng):
    out = ["WEBVTT", ""]
    head = [plain(t) for k, t, _ in items if k == "H"]
    if head:
        out.append("NOTE")
        out.extend(head)
        out.append("")
    t = 1.2
    for kind, text, _ in items:
        if kind == "H":
            continue
        label = cfg["labels"][0 if kind == "I" else 1]
        for ch in chunks(text):
            dur = sum(len(x.split()) for x in ch) / 2.6 + 0.3
            out.append(f"{fmt_ts(t, '.')} --> {fmt_ts(t + dur, '.')}")
            ls = two_lines(ch)
            out.append(f"<v {label}>{ls[0]}")
            out.extend(ls[1:])
            out.append("")
            t += dur + rng.uniform(0.05, 0.4)
        t += rng.uniform(0.5, 2.0)
    write_text(doc_id, cfg, out)


def build_srt(doc_id, cfg, items, rng):
    out = []
    n = 0
    t = 2.0
    for kind, text, _ in items:
        if kind == "H":
            continue
        label = cfg["labels"][0 if kind == "I" else 1]
        for ch in chunks(text, maxw=11):
            n += 1
            dur = sum(len(x.split()) for x in ch) / 2.6 + 0.3
            out.append(str(n))
            out.append(f"{fmt_ts(t, ',')} --> {fmt_ts(t + dur, ',')}")
            out.extend(two_lines(ch, first_prefix=label + ": "))
            out.append("")
            t += dur + rng.uniform(0.05, 0.4)
        t += rng.uniform(0.5, 2.0)
    write_text(doc_id, cfg, out)


def write_text(doc_id, cfg, lines):
    nl = "\r\n" if cfg.get("crlf") else "\n"
    enc = cfg.get("enc", "utf-8")
    data = nl.join(lines).rstrip() + nl
    (TR / f"{doc_id}.{cfg['ext']}").write_bytes(data.encode(enc))


def main():
    TR.mkdir(exist_ok=True)
    for f in TR.iterdir():
        f.unlink()
    styles, orient_rows, ident_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        meta, items = parse_src(SRC / f"{doc_id}.txt")
        rng = random.Random(doc_id)
        fmt = cfg["fmt"]
        if fmt.startswith("docx"):
            build_docx(doc_id, cfg, items)
        elif fmt == "txt_ir":
            build_txt_ir(doc_id, cfg, items)
        elif fmt == "txt_ts":
            build_txt_ts(doc_id, cfg, items, rng)
        elif fmt == "vtt":
            build_vtt(doc_id, cfg, items, rng)
        elif fmt == "srt":
            build_srt(doc_id, cfg, items, rng)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        turn = 0
        for kind, text, o in items:
            if kind == "H":
                continue
            turn += 1
            assert (kind == "I") == (turn % 2 == 1), (doc_id, turn)
            if o in ("casus", "netwerk"):
                orient_rows.append((doc_id, turn, o))
        seen = {}
        if cfg["names"]:
            for lab in cfg["labels"]:
                seen.setdefault(lab, "PERSOON")
        for kind, text, _ in items:
            for ident, typ in MARK.findall(text):
                if ident in seen and seen[ident] != typ:
                    raise SystemExit(f"{doc_id}: {ident} has two types")
                seen.setdefault(ident, typ)
        for ident, typ in seen.items():
            ident_rows.append((doc_id, ident, typ))
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("built", len(DOCS), "transcripts,", len(orient_rows), "orientation rows,", len(ident_rows), "identifiers")


if __name__ == "__main__":
    main()
