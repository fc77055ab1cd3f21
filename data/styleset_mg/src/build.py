#!/usr/bin/env python3
"""Build the setmg transcripts and the three csv files from the annotated sources.

Source format (src/<doc_id>.src):
  '# key: value' meta lines (style, rationale, format, labels = interviewer | respondent)
  paragraphs separated by blank lines, each starting with 'H: ' (header), 'I: ' or 'R: ';
  identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx formats)
"""
import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
TRANS = OUT / "transcripts"
DOCS = ["mg01", "mg02", "mg03", "mg04", "mg05", "mg06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
GENERIC_LABELS = {"Interviewer", "Respondent", "I", "R", "Spreker 1", "Spreker 2"}
EXT = {"docx-bold": "docx", "docx-plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt-cp1252": "txt", "txt-spreker": "txt"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def parse_src(path):
    meta, paras = {}, []
    text = path.read_text(encoding="utf-8")
    body = []
    for line in text.splitlines():
        if line.startswith("# "):
            k, _, v = line[2:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body)):
        block = " ".join(block.split("\n")).strip()
        if not block:
            continue
        kind, sep, rest = block.partition(": ")
        if kind not in ("H", "I", "R") or not sep:
            sys.exit(f"{path.name}: bad paragraph start: {block[:40]!r}")
        ori = None
        if kind == "R":
            m = ORI_RE.search(rest)
            if not m:
                sys.exit(f"{path.name}: respondent paragraph without orientation: {rest[:50]!r}")
            ori = m.group(1)
            rest = rest[:m.start()].rstrip()
        elif ORI_RE.search(rest):
            sys.exit(f"{path.name}: orientation on non-respondent paragraph: {rest[:50]!r}")
        for m in ID_RE.finditer(rest):
            if m.group(2) not in TYPES:
                sys.exit(f"{path.name}: unknown type {m.group(2)}")
        paras.append({"kind": kind, "ann": rest, "text": plain(rest), "ori": ori})
    labels = [x.strip() for x in meta["labels"].split("|")]
    meta["ilabel"], meta["rlabel"] = labels
    return meta, paras


# ---------------------------------------------------------------- helpers
def chunks(ann, max_words=32):
    """Split an annotated turn into cue-sized pieces at sentence ends, never inside an identifier."""
    store = []

    def protect(m):
        store.append(m.group(1))
        return f"\x00{len(store) - 1}\x00"

    prot = ID_RE.sub(protect, ann)
    prot = re.sub(r"\x00(\d+)\x00", lambda m: "\x00" + m.group(1).replace(" ", "") + "\x00", prot)
    sents = re.split(r"(?<=[.?!])\s+(?=[A-Z\"(\x00])", prot)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and sum(len(c.split()) for c in cur) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    restore = lambda s: re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], s)
    return [restore(c) for c in out]


class Clock:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.t = 2.0 + self.rng.random() * 3

    def span(self, text):
        start = self.t
        dur = len(text.split()) / (2.3 + self.rng.random() * 0.6) + 0.4
        self.t = start + dur + 0.2 + self.rng.random() * 1.2
        return start, start + dur

    def gap(self):
        self.t += 0.5 + self.rng.random() * 2.5


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_docx(doc_id, meta, heads, turns, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in heads:
        p = d.add_paragraph()
        r = p.add_run(h["text"])
        r.italic = True
    if heads:
        d.add_paragraph()
    for t in turns:
        label = meta["ilabel"] if t["kind"] == "I" else meta["rlabel"]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(f"{label}: {t['text']}")
    d.core_properties.author = "transcriptie"
    d.core_properties.title = f"Interview {doc_id}"
    path = TRANS / f"{doc_id}.docx"
    d.save(str(path))
    return path


def write_vtt(doc_id, meta, heads, turns):
    clock = Clock(doc_id)
    lines = ["WEBVTT", ""]
    if heads:
        lines.append("NOTE")
        lines += [h["text"] for h in heads]
        lines.append("")
    n = 0
    for t in turns:
        label = meta["ilabel"] if t["kind"] == "I" else meta["rlabel"]
        for piece in chunks(t["ann"], 28):
            txt = plain(piece)
            a, b = clock.span(txt)
            n += 1
            lines += [f"{n}", f"{ts(a)} --> {ts(b)}", f"<v {label}>{txt}</v>", ""]
        clock.gap()
    path = TRANS / f"{doc_id}.vtt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_srt(doc_id, meta, heads, turns):
    assert not heads, "srt has no header"
    clock = Clock(doc_id)
    lines = []
    for n, t in enumerate(turns, 1):
        label = meta["ilabel"] if t["kind"] == "I" else meta["rlabel"]
        a, b = clock.span(t["text"])
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {t['text']}", ""]
    path = TRANS / f"{doc_id}.srt"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def write_txt_cp1252(doc_id, meta, heads, turns):
    lines = [h["text"] for h in heads]
    if heads:
        lines.append("")
    for t in turns:
        label = meta["ilabel"] if t["kind"] == "I" else meta["rlabel"]
        lines += [f"{label}: {t['text']}", ""]
    path = TRANS / f"{doc_id}.txt"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def write_txt_spreker(doc_id, meta, heads, turns):
    clock = Clock(doc_id)
    lines = [h["text"] for h in heads]
    if heads:
        lines.append("")
    for t in turns:
        label = meta["ilabel"] if t["kind"] == "I" else meta["rlabel"]
        a, _ = clock.span(t["text"])
        lines += [f"[{ts(a)[:8]}] {label}: {t['text']}", ""]
    path = TRANS / f"{doc_id}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# ---------------------------------------------------------------- main
def main():
    TRANS.mkdir(exist_ok=True)
    for old in TRANS.iterdir():
        old.unlink()
    styles, oris, idents = [], [], []
    for doc_id in DOCS:
        meta, paras = parse_src(HERE / f"{doc_id}.src")
        heads = [p for p in paras if p["kind"] == "H"]
        turns = [p for p in paras if p["kind"] != "H"]
        if paras.index(turns[0]) < len(heads):
            sys.exit(f"{doc_id}: header paragraphs must come first")
        for i, t in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if t["kind"] != want:
                sys.exit(f"{doc_id}: turn {i + 1} should be {want}")
        fmt = meta["format"]
        if fmt == "docx-bold":
            write_docx(doc_id, meta, heads, turns, True)
        elif fmt == "docx-plain":
            write_docx(doc_id, meta, heads, turns, False)
        elif fmt == "vtt":
            write_vtt(doc_id, meta, heads, turns)
        elif fmt == "srt":
            write_srt(doc_id, meta, heads, turns)
        elif fmt == "txt-cp1252":
            write_txt_cp1252(doc_id, meta, heads, turns)
        elif fmt == "txt-spreker":
            write_txt_spreker(doc_id, meta, heads, turns)
        else:
            sys.exit(f"{doc_id}: unknown format {fmt}")
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, t in enumerate(turns, 1):
            if t["kind"] == "R" and t["ori"] in ("casus", "netwerk"):
                oris.append((doc_id, i, t["ori"]))
        seen = {}
        for lab in (meta["ilabel"], meta["rlabel"]):
            if lab not in GENERIC_LABELS:
                seen.setdefault(lab, "PERSOON")
        for p in paras:
            for m in ID_RE.finditer(p["ann"]):
                s, ty = m.group(1), m.group(2)
                if s in seen and seen[s] != ty:
                    sys.exit(f"{doc_id}: {s!r} has two types")
                seen.setdefault(s, ty)
        # warn about unmarked occurrences of an identifier string
        marked_text = "\n".join(ID_RE.sub("\x01", p["ann"]) for p in paras)
        for s in seen:
            if re.search(r"(?<![\w-])" + re.escape(s) + r"(?![\w-])", marked_text):
                print(f"warning {doc_id}: unmarked occurrence of {s!r}")
        for s, ty in seen.items():
            idents.append((doc_id, s, ty))
        words = sum(len(t["text"].split()) for t in turns)
        nr = sum(1 for t in turns if t["kind"] == "R")
        print(f"{doc_id}: {fmt:12s} words={words} respondent_turns={nr} ids={len(seen)} "
              f"casus={sum(1 for t in turns if t['ori'] == 'casus')} "
              f"netwerk={sum(1 for t in turns if t['ori'] == 'netwerk')}")
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
