#!/usr/bin/env python3
"""Build transcripts + csv files for blind set R from the annotated sources in src/.

Source format (src/brXX.src):
  @key: value            metadata lines (id, format, ilabel, rlabel, header (repeatable),
                         style, rationale, voice, label_ids)
  ---                    end of metadata
  I: text                one paragraph per turn, blank line between turns
  R: text {c}            respondent turns end with {c} (casus), {n} (netwerk) or {-} (neither)
Identifiers are marked inline as [[verbatim text|TYPE]] (also allowed in header lines).

Run with any python3 that has python-docx (only needed for the .docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, "transcripts")

ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT_RE = re.compile(r"\s*\{([cn-])\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
EXT = {"txt-utf8": "txt", "txt-cp1252": "txt", "txt-ts": "txt", "docx": "docx", "srt": "srt",
       "vtt": "vtt"}


def parse_src(path):
    meta = {"header": []}
    turns = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, body = text.split("\n---\n", 1)
    for line in head.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"@(\w+):\s?(.*)$", line)
        if not m:
            raise ValueError(f"{path}: bad meta line {line!r}")
        k, v = m.groups()
        if k == "header":
            meta["header"].append(v)
        else:
            meta[k] = v
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(l.strip() for l in para.splitlines())
        m = re.match(r"([IR]):\s*(.*)$", para)
        if not m:
            raise ValueError(f"{path}: paragraph without I:/R: {para[:60]!r}")
        who, t = m.groups()
        orient = None
        if who == "R":
            om = ORIENT_RE.search(t)
            if not om:
                raise ValueError(f"{path}: respondent turn without orientation mark: {t[:60]!r}")
            orient = om.group(1)
            t = t[: om.start()].rstrip()
        elif ORIENT_RE.search(t):
            raise ValueError(f"{path}: interviewer turn with orientation mark")
        turns.append((who, t, orient))
    # alternation I, R, I, R ...
    for i, (who, _, _) in enumerate(turns):
        exp = "I" if i % 2 == 0 else "R"
        if who != exp:
            raise ValueError(f"{path}: turn {i+1} is {who}, expected {exp}")
    return meta, turns


def clean(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def idents(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            raise ValueError(f"unknown identifier type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def ts(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(marked, maxw=16):
    """Split a marked-up turn into cue-sized chunks at sentence ends, never inside an identifier."""
    tokens = re.findall(r"\[\[[^\]]+\]\]\S*|\S+", marked)
    out, cur = [], []
    for tok in tokens:
        cur.append(tok)
        plain = clean(tok)
        if (plain.endswith((".", "?", "!")) and len(cur) >= 5) or len(cur) >= maxw:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return [clean(c) for c in out]


def render(meta, turns):
    fmt = meta["format"]
    il, rl = meta["ilabel"], meta["rlabel"]
    header = [clean(h) for h in meta["header"]]
    lab = lambda who: il if who == "I" else rl
    if fmt in ("txt-utf8", "txt-cp1252"):
        lines = header + ([""] if header else [])
        for who, t, _ in turns:
            lines.append(f"{lab(who)}: {clean(t)}")
            lines.append("")
        return "\r\n".join(lines) if fmt == "txt-cp1252" else "\n".join(lines)
    if fmt == "txt-ts":
        lines = header + ([""] if header else [])
        clock = 4.0
        for who, t, _ in turns:
            c = clean(t)
            lines.append(f"[{ts(clock)[:8]}] {lab(who)}: {c}")
            lines.append("")
            clock += len(c.split()) / 2.4 + 1.5
        return "\n".join(lines)
    if fmt in ("srt", "vtt"):
        cues = []
        clock = 3.2
        for who, t, _ in turns:
            for ch in chunks(t):
                dur = max(1.2, len(ch.split()) / 2.6)
                cues.append((clock, clock + dur, lab(who), ch))
                clock += dur + 0.25
            clock += 0.9
        if fmt == "srt":
            blocks = []
            for n, (a, b, sp, ch) in enumerate(cues, 1):
                blocks.append(f"{n}\n{ts(a)} --> {ts(b)}\n{sp}: {ch}\n")
            return "\n".join(blocks)
        blocks = ["WEBVTT\n"]
        if header:
            blocks.append("NOTE\n" + "\n".join(header) + "\n")
        for a, b, sp, ch in cues:
            blocks.append(f"{ts(a, '.')} --> {ts(b, '.')}\n<v {sp}>{ch}\n")
        return "\n".join(blocks)
    raise ValueError(fmt)


def write_docx(meta, turns, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    hdr = [clean(h) for h in meta["header"]]
    if hdr:
        p = d.add_paragraph()
        r = p.add_run(hdr[0])
        r.bold = True
        r.font.size = Pt(13)
        for h in hdr[1:]:
            d.add_paragraph(h)
    for who, t, _ in turns:
        p = d.add_paragraph()
        r = p.add_run((meta["ilabel"] if who == "I" else meta["rlabel"]) + ":")
        r.bold = True
        p.add_run(" " + clean(t))
    d.save(path)


def main():
    os.makedirs(TDIR, exist_ok=True)
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src"))
    styles, orients, ids, stats = [], [], [], []
    for fn in srcs:
        meta, turns = parse_src(os.path.join(HERE, fn))
        doc = meta["id"]
        ext = EXT[meta["format"]]
        path = os.path.join(TDIR, f"{doc}.{ext}")
        if meta["format"] == "docx":
            write_docx(meta, turns, path)
        else:
            text = render(meta, turns)
            enc = "cp1252" if meta["format"] == "txt-cp1252" else "utf-8"
            with open(path, "w", encoding=enc, newline="") as f:
                f.write(text + ("\r\n" if enc == "cp1252" else "\n"))
        styles.append((doc, meta["style"], meta["rationale"]))
        seen = set()
        for h in meta["header"]:
            for v, t in idents(h):
                if v not in seen:
                    seen.add(v)
                    ids.append((doc, v, t))
        for lbl in meta.get("label_ids", "").split(";"):
            if lbl.strip():
                v, t = lbl.strip().split("|")
                if v not in seen:
                    seen.add(v)
                    ids.append((doc, v, t))
        words = 0
        rturns = 0
        for i, (who, t, o) in enumerate(turns, 1):
            for v, ty in idents(t):
                if v not in seen:
                    seen.add(v)
                    ids.append((doc, v, ty))
            words += len(clean(t).split())
            if who == "R":
                rturns += 1
                if o in ("c", "n"):
                    orients.append((doc, i, "casus" if o == "c" else "netwerk"))
        nc = sum(1 for d_, _, o in orients if d_ == doc and o == "casus")
        nn = sum(1 for d_, _, o in orients if d_ == doc and o == "netwerk")
        stats.append((doc, meta["voice"], meta["style"], f"{doc}.{ext} ({meta['format']})", words,
                      rturns, nc, nn))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)
    # README: generated table + hand-written notes
    rows = ["| doc | respondent (voice, setting) | style | format | words | respondent turns | turns marked casus / netwerk |",
            "|---|---|---|---|---|---|---|"]
    for doc, voice, style, fmt, words, rt, nc, nn in stats:
        rows.append(f"| {doc} | {voice} | {style} | {fmt} | {words} | {rt} | {nc} / {nn} |")
    with open(os.path.join(HERE, "README_notes.md"), encoding="utf-8") as f:
        notes = f.read()
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(notes.replace("{{TABLE}}", "\n".join(rows)))
    for s in stats:
        print(s[0], s[2], s[3], "words", s[4], "resp_turns", s[5], "casus/netwerk", s[6], s[7])


if __name__ == "__main__":
    sys.exit(main())
