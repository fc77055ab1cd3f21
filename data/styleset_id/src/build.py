"""Build the transcripts and the three csv files of this blind set from the annotated sources.

Source format (src/idNN.txt):
  '# style: ...' and '# rationale: ...' lines (styles.csv), then paragraphs separated by blank lines,
  each starting with 'H:' (header line), 'I:' (interviewer turn) or 'R:' (respondent turn).
  Identifiers are marked inline as [[text|TYPE]]; every R: paragraph ends in {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

SRC = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.dirname(SRC)
OUT = os.path.join(BASE, "transcripts")

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# Per document: delivery format and speaker labels (labels may carry identifier markup).
CONFIG = {
    "id01": dict(fmt="docx", bold=True, I="[[Mirjam|PERSOON]]", R="[[Ton|PERSOON]]"),
    "id02": dict(fmt="srt", I="Interviewer", R="[[Rob|PERSOON]]"),
    "id03": dict(fmt="txt", enc="cp1252", I="I", R="R"),
    "id04": dict(fmt="vtt", I="Interviewer", R="[[Samira Bouali|PERSOON]]"),
    "id05": dict(fmt="txt_ts", enc="utf-8", I="Spreker 1", R="Spreker 2"),
    "id06": dict(fmt="docx", bold=False, I="[[Femke|PERSOON]]", R="[[Ingrid|PERSOON]]"),
}


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def marks(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def parse(doc_id):
    path = os.path.join(SRC, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta = {}
    body = []
    for line in raw.splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    paras = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(body)) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, _, text = p.partition(":")
        text = text.strip()
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(text)
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without tag: {text[:60]}")
                tag = m.group(1)
                text = text[:m.start()].rstrip()
            elif TAG.search(text):
                sys.exit(f"{doc_id}: interviewer paragraph with tag")
            if turns and turns[-1][0] == kind:
                sys.exit(f"{doc_id}: turns do not alternate at {text[:60]}")
            if not turns and kind != "I":
                sys.exit(f"{doc_id}: first turn is not the interviewer")
            turns.append((kind, text, tag))
        else:
            sys.exit(f"{doc_id}: bad paragraph {p[:60]}")
    for k in ("style", "rationale"):
        if k not in meta:
            sys.exit(f"{doc_id}: missing # {k}")
    return meta, header, turns


SENT = re.compile(r"(?<=[.!?…])\s+")


def chunks(text, maxw=26):
    """Split a turn into cue texts at sentence boundaries, at most ~maxw words each."""
    sents = SENT.split(text)
    out, cur = [], []
    for s in sents:
        w = len(s.split())
        if cur and len(" ".join(cur).split()) + w > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def fmt_time(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(turns, labels):
    """Yield (label, cue_text, start, end) with a plausible speaking rate."""
    t = 2.0
    for kind, text, _ in turns:
        for c in chunks(plain(text)):
            words = len(c.split())
            pause = 2.5 if "(stilte)" in c else 0.0
            dur = max(1.4, words / 2.6) + pause
            yield labels[kind], c, t, t + dur
            t += dur + 0.25
        t += 0.7


def build_docx(doc_id, cfg, header, turns, labels):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if cfg["bold"]:
            r.italic = True
    d.add_paragraph()
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if cfg["bold"]:
            p.add_run(labels[kind] + ":").bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(labels[kind] + ": " + plain(text))
    d.save(os.path.join(OUT, doc_id + ".docx"))


def build_srt(doc_id, turns, labels):
    lines = []
    for n, (lab, c, a, b) in enumerate(timed(turns, labels), 1):
        lines += [str(n), f"{fmt_time(a, ',')} --> {fmt_time(b, ',')}", f"{lab}: {c}", ""]
    with open(os.path.join(OUT, doc_id + ".srt"), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def build_vtt(doc_id, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines += ["NOTE"] + [plain(h) for h in header] + [""]
    for lab, c, a, b in timed(turns, labels):
        lines += [f"{fmt_time(a, '.')} --> {fmt_time(b, '.')}", f"<v {lab}>{c}", ""]
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_txt(doc_id, cfg, header, turns, labels):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines += [f"{labels[kind]}: {plain(text)}", ""]
    data = "\r\n".join(lines)
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(data.encode(cfg["enc"]))  # strict: every character must exist in the encoding


def build_txt_ts(doc_id, cfg, header, turns, labels):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = 3.0
    for kind, text, _ in turns:
        s = int(t)
        lines += [f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {labels[kind]}: {plain(text)}", ""]
        t += len(plain(text).split()) / 2.4 + 1.5 + (3 if "(stilte)" in text else 0)
    with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding=cfg["enc"], newline="\n") as f:
        f.write("\n".join(lines))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient, idents = [], [], []
    stats = []
    for doc_id, cfg in CONFIG.items():
        meta, header, turns = parse(doc_id)
        labels = {"I": plain(cfg["I"]), "R": plain(cfg["R"])}
        fmt = cfg["fmt"]
        if fmt == "docx":
            build_docx(doc_id, cfg, header, turns, labels)
        elif fmt == "srt":
            build_srt(doc_id, turns, labels)
        elif fmt == "vtt":
            build_vtt(doc_id, header, turns, labels)
        elif fmt == "txt":
            build_txt(doc_id, cfg, header, turns, labels)
        elif fmt == "txt_ts":
            build_txt_ts(doc_id, cfg, header, turns, labels)
        if fmt == "srt" and header:
            sys.exit(f"{doc_id}: srt cannot carry a header")
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (kind, text, tag) in enumerate(turns, 1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient.append((doc_id, i, tag))
        seen = {}
        used_labels = [cfg["I"], cfg["R"]]
        everything = header + used_labels + [t[1] for t in turns]
        for s in everything:
            for text, typ in marks(s):
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: unknown type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc_id}: {text!r} typed both {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    idents.append((doc_id, text, typ))
        # warn about identifier strings that also occur unmarked
        full_plain_unmarked = "\n".join(MARK.sub(" ", s) for s in everything)
        for text in seen:
            if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", full_plain_unmarked):
                print(f"note {doc_id}: {text!r} also occurs unmarked")
        words = sum(len(plain(t[1]).split()) for t in turns)
        nresp = sum(1 for t in turns if t[0] == "R")
        tags = [t[2] for t in turns if t[0] == "R"]
        stats.append((doc_id, meta["style"], fmt, words, nresp, tags.count("casus"),
                      tags.count("netwerk"), len(seen)))
    with open(os.path.join(BASE, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(BASE, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(BASE, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    for s in stats:
        print("%s %-15s %-6s words=%d resp_turns=%d casus=%d netwerk=%d identifiers=%d" % s)


if __name__ == "__main__":
    main()
