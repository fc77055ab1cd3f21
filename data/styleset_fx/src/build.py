#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set FX from the annotated sources.

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines.
  H: header line        I: interviewer turn        R: respondent turn ending in {casus}, {netwerk} or {-}
Identifiers are written inline as [[text|TYPE]].
Per-document delivery settings and the style labels live in src/meta.json.

Run with: /work/main/.venv/bin/python src/build.py   (python-docx is needed for the .docx files)
"""
import csv
import json
import os
import re
import textwrap

from docx import Document
from docx.shared import Pt

SRC = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.dirname(SRC)
OUT = os.path.join(BASE, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
PROTECT = "\x00"  # keeps multi-word identifiers together while wrapping / splitting cues


def parse_source(path):
    text = open(path, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, body = p[:2], p[2:].strip()
        if "\n" in body:
            raise ValueError(f"{path}: paragraph spans several lines: {body[:60]}")
        if kind == "H:":
            if turns:
                raise ValueError(f"{path}: header after first turn")
            header.append(body)
        elif kind == "I:":
            if TAG_RE.search(body):
                raise ValueError(f"{path}: interviewer turn carries a tag: {body[:60]}")
            turns.append(["I", body, None])
        elif kind == "R:":
            m = TAG_RE.search(body)
            if not m:
                raise ValueError(f"{path}: respondent turn without tag: {body[:60]}")
            turns.append(["R", body[: m.start()].strip(), m.group(1)])
        else:
            raise ValueError(f"{path}: unknown paragraph kind {kind!r}")
    for i, t in enumerate(turns):
        if t[0] != ("I" if i % 2 == 0 else "R"):
            raise ValueError(f"{path}: turns do not alternate at turn {i + 1}")
    return header, turns


def identifiers(annotated):
    out = []
    for m in ID_RE.finditer(annotated):
        if m.group(2) not in TYPES:
            raise ValueError(f"unknown identifier type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def plain(annotated):
    return ID_RE.sub(lambda m: m.group(1), annotated)


def protected(annotated):
    return ID_RE.sub(lambda m: m.group(1).replace(" ", PROTECT), annotated)


def unprotect(s):
    return s.replace(PROTECT, " ")


def wrap(annotated, width):
    lines = textwrap.wrap(protected(annotated), width=width, break_long_words=False, break_on_hyphens=False)
    return [unprotect(l) for l in lines]


def sentences(annotated):
    prot = protected(annotated)
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z(ÉÖ'\"])", prot)
    return [p for p in parts if p]


def chunks(annotated, max_words=16):
    out, cur = [], []
    for s in sentences(annotated):
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [unprotect(c) for c in out]


def dur(text):
    return 0.6 + len(text.split()) / 2.55


def ts_srt(t):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def ts_vtt(t):
    return ts_srt(t).replace(",", ".")


def ts_hms(t):
    s = int(t)
    return f"{s // 3600:02d}:{(s % 3600) // 60:02d}:{s % 60:02d}"


def gap(i):
    # deterministic pseudo-random pause between turns
    return 0.3 + ((i * 37) % 11) / 10.0


def build_srt(meta, header, turns):
    t = meta.get("start_offset", 0.0)
    blocks = []
    for i, (who, text, _) in enumerate(turns, 1):
        label = meta["interviewer_label"] if who == "I" else meta["respondent_label"]
        d = dur(plain(text))
        lines = wrap(f"{label}: {text}", 84)
        blocks.append(f"{i}\n{ts_srt(t)} --> {ts_srt(t + d)}\n" + "\n".join(lines))
        t += d + gap(i)
    return "\n\n".join(blocks) + "\n"


def build_vtt(meta, header, turns):
    t = meta.get("start_offset", 0.0)
    out = ["WEBVTT", ""]
    if header:
        out += ["NOTE"] + [plain(h) for h in header] + [""]
    for i, (who, text, _) in enumerate(turns, 1):
        label = meta["interviewer_label"] if who == "I" else meta["respondent_label"]
        for c in chunks(text):
            d = dur(c)
            out += [f"{ts_vtt(t)} --> {ts_vtt(t + d)}", f"<v {label}>{c}</v>", ""]
            t += d + 0.15
        t += gap(i)
    return "\n".join(out)


def build_txt(meta, header, turns):
    out = [plain(h) for h in header]
    if header:
        out.append("")
    for who, text, _ in turns:
        label = meta["interviewer_label"] if who == "I" else meta["respondent_label"]
        out += [f"{label}: {plain(text)}", ""]
    return "\n".join(out)


def build_ts(meta, header, turns):
    t = meta.get("start_offset", 0.0)
    out = [plain(h) for h in header]
    if header:
        out.append("")
    for i, (who, text, _) in enumerate(turns, 1):
        label = meta["interviewer_label"] if who == "I" else meta["respondent_label"]
        out += [f"[{ts_hms(t)}] {label}: {plain(text)}", ""]
        t += dur(plain(text)) + gap(i) + 0.8
    return "\n".join(out)


def build_docx(meta, header, turns, path):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = doc.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = not meta.get("bold_labels")
        r.bold = bool(meta.get("bold_labels")) and h is header[0]
    if header:
        doc.add_paragraph()
    for who, text, _ in turns:
        label = meta["interviewer_label"] if who == "I" else meta["respondent_label"]
        p = doc.add_paragraph()
        if meta.get("bold_labels"):
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{label}: {plain(text)}")
    doc.save(path)


def write_text(path, text, meta):
    nl = meta.get("newline", "\n")
    text = text.replace("\n", nl)
    with open(path, "wb") as f:
        f.write(text.encode(meta.get("encoding", "utf-8")))


def main():
    meta_all = json.load(open(os.path.join(SRC, "meta.json"), encoding="utf-8"))
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, orient_rows, id_rows, stats = [], [], [], []
    for doc_id in sorted(meta_all):
        meta = meta_all[doc_id]
        header, turns = parse_source(os.path.join(SRC, doc_id + ".txt"))
        fmt = meta["format"]
        if fmt == "srt":
            ext = ".srt"
            write_text(os.path.join(OUT, doc_id + ext), build_srt(meta, header, turns), meta)
        elif fmt == "vtt":
            ext = ".vtt"
            write_text(os.path.join(OUT, doc_id + ext), build_vtt(meta, header, turns), meta)
        elif fmt == "txt":
            ext = ".txt"
            write_text(os.path.join(OUT, doc_id + ext), build_txt(meta, header, turns), meta)
        elif fmt == "ts":
            ext = ".txt"
            write_text(os.path.join(OUT, doc_id + ext), build_ts(meta, header, turns), meta)
        elif fmt == "docx":
            ext = ".docx"
            build_docx(meta, header, turns, os.path.join(OUT, doc_id + ext))
        else:
            raise ValueError(fmt)

        style_rows.append((doc_id, meta["style"], meta["rationale"]))
        for idx, (who, _, tag) in enumerate(turns, 1):
            if who == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc_id, idx, tag))

        seen = {}
        ids = [(l, "PERSOON") for l in meta.get("label_identifiers", [])]
        for h in header:
            ids += identifiers(h)
        for _, text, _ in turns:
            ids += identifiers(text)
        for s, typ in ids:
            if s in seen:
                if seen[s] != typ:
                    raise ValueError(f"{doc_id}: {s!r} typed both {seen[s]} and {typ}")
                continue
            seen[s] = typ
            id_rows.append((doc_id, s, typ))

        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nresp = sum(1 for w, _, _ in turns if w == "R")
        stats.append((doc_id, fmt, words, nresp, len(seen)))

        # warn about identifier strings that also occur un-annotated in spoken text
        spoken = " ".join(ID_RE.sub("", t) for _, t, _ in turns)
        for s in seen:
            if len(s) > 3 and re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", spoken):
                print(f"  note {doc_id}: {s!r} also occurs un-annotated")

    with open(os.path.join(BASE, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(BASE, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(BASE, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for s in stats:
        print("%s  %-4s  words=%d  respondent_turns=%d  identifiers=%d" % s)


if __name__ == "__main__":
    main()
