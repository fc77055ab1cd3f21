#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set 'setno' from the annotated sources.

Source format (src/noXX.src), UTF-8:
  - lines starting with '@key value' are directives (doc settings);
  - paragraphs are separated by blank lines; each paragraph starts with 'H:' (header line),
    'I:' (interviewer turn) or 'R:' (respondent turn); continuation lines are joined with a space;
  - identifiers are marked inline as [[text|TYPE]];
  - every respondent paragraph ends in {casus}, {netwerk} or {-}.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TAG = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    meta, paras, cur = {}, [], []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                meta[key.strip()] = val.strip()
                continue
            if line.startswith("#"):
                continue
            if not line.strip():
                if cur:
                    paras.append(" ".join(cur))
                    cur = []
                continue
            if re.match(r"^[HIR]: ", line) and cur:
                paras.append(" ".join(cur))
                cur = []
            cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    header, turns = [], []
    for p in paras:
        kind, _, text = p.partition(":")
        text = text.strip()
        if kind == "H":
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(text)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without orientation: {text[:60]}")
                orient = m.group(1)
                text = text[: m.start()].rstrip()
            elif ORIENT.search(text):
                sys.exit(f"{path}: interviewer paragraph with orientation: {text[:60]}")
            turns.append((kind, text, orient))
        else:
            sys.exit(f"{path}: bad paragraph: {p[:60]}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def plain(text):
    return TAG.sub(lambda m: m.group(1), text)


def idents(text):
    for m in TAG.finditer(text):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown identifier type {m.group(2)}")
        yield m.group(1), m.group(2)


# ---------------------------------------------------------------- chunking for subtitles
def tokens(text):
    """Split marked-up text into words, keeping each identifier atomic."""
    holders = []

    def keep(m):
        holders.append(m.group(1))
        return f"\x00{len(holders) - 1}\x00"

    tmp = TAG.sub(keep, text)
    out = []
    for tok in tmp.split():
        out.append(re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], tok))
    return out


def chunks(text, maxw=16):
    words = tokens(text)
    res, cur = [], []
    for w in words:
        cur.append(w)
        end = w.endswith((".", "?", "!", "…")) or (w.endswith((",", ";")) and len(cur) >= 9)
        if (end and len(cur) >= 5) or len(cur) >= maxw:
            res.append(" ".join(cur))
            cur = []
    if cur:
        if res and len(cur) < 3:
            res[-1] += " " + " ".join(cur)
        else:
            res.append(" ".join(cur))
    return res


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def dur(text):
    return max(1.2, len(text.split()) / 2.55)


# ---------------------------------------------------------------- writers
def write_docx(path, meta, header, turns, bold):
    import docx  # python-docx
    from docx.shared import Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = meta.get("font", "Calibri")
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        if meta.get("headerbold") == "yes":
            r.bold = True
    if header:
        d.add_paragraph()
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[kind] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{labels[kind]}: {text}")
    d.core_properties.author = meta.get("author", "")
    d.core_properties.title = meta.get("title", "")
    d.save(path)


def write_text(path, content, meta):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    content = content.replace("\n", nl)
    enc = meta.get("encoding", "utf-8")
    with open(path, "wb") as fh:
        fh.write(content.encode(enc))  # strict: fails on characters outside the encoding


def build_txt_ir(meta, header, turns):
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    out = []
    out.extend(header)
    if header:
        out.append("")
    for kind, text, _ in turns:
        out.append(f"{labels[kind]}: {text}")
        out.append("")
    return "\n".join(out)


def build_txt_spreker(meta, header, turns):
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    out = list(header)
    if header:
        out.append("")
    t = float(meta.get("start", "3"))
    for kind, text, _ in turns:
        out.append(f"[{hms(t)}] {labels[kind]}: {text}")
        out.append("")
        t += dur(text) + 1.5
    return "\n".join(out)


def build_vtt(meta, header, turns):
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    t = float(meta.get("start", "2"))
    n = 1
    for kind, text, _ in turns:
        for c in chunks(text):
            d = dur(c)
            out.append(f"{n}")
            out.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            out.append(f"<v {labels[kind]}>{c}</v>")
            out.append("")
            t += d + 0.25
            n += 1
        t += 0.9
    return "\n".join(out)


def build_srt(meta, header, turns):
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    out = []
    t = float(meta.get("start", "1"))
    n = 1
    for kind, text, _ in turns:
        for j, c in enumerate(chunks(text)):
            d = dur(c)
            out.append(f"{n}")
            out.append(f"{ts(t, ',')} --> {ts(t + d, ',')}")
            out.append(f"{labels[kind]}: {c}" if j == 0 else c)
            out.append("")
            t += d + 0.2
            n += 1
        t += 0.8
    return "\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src"))
    styles, orient_rows, ident_rows = [], [], []
    for f in srcs:
        meta, header, turns = parse_src(os.path.join(HERE, f))
        doc = meta["doc"]
        fmt = meta["format"]
        # collect identifiers (header, labels, turns) in order of first occurrence
        seen = {}
        for s in header + [meta["ilabel"], meta["rlabel"]] + [t[1] for t in turns]:
            for txt, typ in idents(s):
                if txt in seen and seen[txt] != typ:
                    sys.exit(f"{doc}: identifier {txt!r} has two types")
                seen.setdefault(txt, typ)
        header_p = [plain(h) for h in header]
        turns_p = [(k, plain(t), o) for k, t, o in turns]
        turns_m = turns  # marked-up, used for atomic chunking
        path = os.path.join(OUT, f"{doc}.{meta['ext']}")
        for old in os.listdir(OUT):
            if old.startswith(doc + "."):
                os.remove(os.path.join(OUT, old))
        if fmt == "docx_bold":
            write_docx(path, meta, header_p, turns_p, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, meta, header_p, turns_p, bold=False)
        elif fmt == "txt_ir":
            write_text(path, build_txt_ir(meta, header_p, turns_p), meta)
        elif fmt == "txt_spreker":
            write_text(path, build_txt_spreker(meta, header_p, turns_p), meta)
        elif fmt == "vtt":
            content = build_vtt(meta, header_p, turns_m)
            write_text(path, plain(content), meta)
        elif fmt == "srt":
            content = build_srt(meta, header_p, turns_m)
            write_text(path, plain(content), meta)
        else:
            sys.exit(f"{doc}: unknown format {fmt}")
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (k, _, o) in enumerate(turns, start=1):
            if k == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        for txt, typ in seen.items():
            ident_rows.append((doc, txt, typ))
        words = sum(len([w for w in plain(t).split() if re.search(r"\w", w)]) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        oc = {o: sum(1 for k, _, oo in turns if k == "R" and oo == o) for o in ("casus", "netwerk", "-")}
        print(f"{doc}: {fmt:12s} words={words} respondent_turns={nr} ids={len(seen)} orient={oc}")

    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(sorted(styles))
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)


if __name__ == "__main__":
    main()
