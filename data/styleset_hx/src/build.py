#!/usr/bin/env python3
"""Build set HX: transcripts/ and styles.csv, orientation.csv, identifiers.csv
from the annotated sources src/hx0N.txt.

Source format: paragraphs separated by a blank line, each starting with
  H: header line   I: interviewer turn   R: respondent turn
Identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import random
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# per document: format and speaker labels (names in labels count as PERSOON)
DOCS = {
    "hx01": dict(fmt="txt_ts", ext="txt", enc="utf-8", nl="\n",
                 ilabel="Spreker 1", rlabel="Spreker 2", label_names=False),
    "hx02": dict(fmt="docx", ext="docx", bold=True,
                 ilabel="Interviewer", rlabel="Respondent", label_names=False),
    "hx03": dict(fmt="txt", ext="txt", enc="cp1252", nl="\r\n",
                 ilabel="I", rlabel="R", label_names=False),
    "hx04": dict(fmt="vtt", ext="vtt", enc="utf-8", nl="\n",
                 ilabel="Lotte Brinkman", rlabel="Samira El Idrissi", label_names=True),
    "hx05": dict(fmt="srt", ext="srt", enc="utf-8", nl="\r\n",
                 ilabel="Joost", rlabel="Anneke", label_names=True),
    "hx06": dict(fmt="docx", ext="docx", bold=False,
                 ilabel="Saskia", rlabel="Wim", label_names=True),
}

STYLES = {
    "hx01": ("onbepaald",
             "Too little evidence: a guarded municipal adviser who stays procedural and general and never shows where her own effort or trust goes."),
    "hx02": ("netwerkgericht",
             "Tells a warm client story but hands the contact to the wijkteam and invests her own effort in bank, notary and police agreements, a monthly partner meeting and escalation routes."),
    "hx03": ("casusgericht",
             "Terse ex-wijkagent who spends his effort on the old man's trust and plan, uses partners only as means for it and declines the working group."),
    "hx04": ("onbepaald",
             "Genuinely mixed: she splits her week between her own caseload (trust with the client) and chairing and securing the regional partner table, and invests about equally in both."),
    "hx05": ("casusgericht",
             "Names many partners and a kitchen-table meeting, but all of it serves the client's own plan; she declines the structural working group and leaves system issues to her team leader."),
    "hx06": ("netwerkgericht",
             "Tells a detailed story about one victim but leaves the contact to the wijkteam and invests in linking cases across organisations, a managers' breakthrough table, protocols and funding."),
}


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, _, text = p.partition(": ")
        text = " ".join(text.split())
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{doc_id}: respondent turn without tag: {text[:60]}")
                orient = m.group(1)
                text = TAG.sub("", text)
            elif TAG.search(text):
                sys.exit(f"{doc_id}: interviewer turn with tag")
            turns.append((kind, text, orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph {p[:40]}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at {i + 1}")
    return header, turns


def plain(text):
    return MARK.sub(lambda m: m.group(1), text)


def marks(text):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(text)]


def sentences(text):
    """Split annotated text into sentences, never inside [[...]]."""
    protected = MARK.sub(lambda m: m.group(0).replace(" ", "\x00"), text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"(\[ÉË])", protected)
    return [p.replace("\x00", " ") for p in parts if p.strip()]


def chunks(text, maxw):
    out, cur = [], []
    for s in sentences(text):
        w = len(plain(s).split())
        if cur and len(plain(" ".join(cur)).split()) + w > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [plain(c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(doc_id, turns, maxw):
    """Yield (speaker kind, chunk text, start, end) with plausible timings."""
    rnd = random.Random(doc_id)
    t = rnd.uniform(1.5, 4.0)
    for kind, text, _ in turns:
        for c in chunks(text, maxw):
            dur = len(c.split()) / rnd.uniform(2.3, 2.9) + 0.4
            yield kind, c, t, t + dur
            t += dur + rnd.uniform(0.05, 0.4)
        t += rnd.uniform(0.4, 2.2)


def write_text(path, text, enc, nl):
    data = text.replace("\n", nl).encode(enc)  # strict: fails on characters outside the code page
    with open(path, "wb") as f:
        f.write(data)


def build_doc(doc_id, cfg, header, turns):
    label = {"I": cfg["ilabel"], "R": cfg["rlabel"]}
    hdr = [plain(h) for h in header]
    fmt = cfg["fmt"]
    path = os.path.join(OUT, f"{doc_id}.{cfg['ext']}")
    if fmt == "txt_ts":
        lines = hdr + [""]
        rnd = random.Random(doc_id)
        t = rnd.uniform(2, 6)
        for kind, text, _ in turns:
            p = plain(text)
            lines.append(f"[{ts(t, ',')[:8]}] {label[kind]}: {p}")
            lines.append("")
            t += len(p.split()) / rnd.uniform(2.2, 2.8) + rnd.uniform(0.8, 3.0)
        write_text(path, "\n".join(lines), cfg["enc"], cfg["nl"])
    elif fmt == "txt":
        lines = hdr + [""]
        for kind, text, _ in turns:
            lines.append(f"{label[kind]}: {plain(text)}")
            lines.append("")
        write_text(path, "\n".join(lines), cfg["enc"], cfg["nl"])
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if hdr:
            lines += ["NOTE"] + hdr + [""]
        for kind, c, a, b in timed(doc_id, turns, 22):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label[kind]}>{c}</v>", ""]
        write_text(path, "\n".join(lines), cfg["enc"], cfg["nl"])
    elif fmt == "srt":
        lines = []
        for n, (kind, c, a, b) in enumerate(timed(doc_id, turns, 16), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label[kind]}: {c}", ""]
        write_text(path, "\n".join(lines), cfg["enc"], cfg["nl"])
    elif fmt == "docx":
        d = docx.Document()
        d.styles["Normal"].font.name = "Calibri"
        d.styles["Normal"].font.size = Pt(11)
        for h in hdr:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        if hdr:
            d.add_paragraph()
        for kind, text, _ in turns:
            p = d.add_paragraph()
            if cfg["bold"]:
                r = p.add_run(label[kind] + ":")
                r.bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{label[kind]}: {plain(text)}")
        d.save(path)
    else:
        raise ValueError(fmt)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, ident_rows, stats = [], [], {}
    for doc_id, cfg in DOCS.items():
        header, turns = parse(doc_id)
        build_doc(doc_id, cfg, header, turns)
        seen = {}
        if cfg["label_names"]:
            for name in (cfg["ilabel"], cfg["rlabel"]):
                seen[name] = "PERSOON"
        for text in header + [t for _, t, _ in turns]:
            for s, typ in marks(text):
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: bad type {typ}")
                if seen.get(s, typ) != typ:
                    sys.exit(f"{doc_id}: {s} typed twice")
                seen[s] = typ
        for s, typ in seen.items():
            ident_rows.append((doc_id, s, typ))
        for i, (kind, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        stats[doc_id] = (words, nresp, len(seen))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id, (style, why) in STYLES.items():
            w.writerow([doc_id, style, why])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for doc_id, (words, nresp, nid) in stats.items():
        print(f"{doc_id}: {words} words, {nresp} respondent turns, {nid} identifiers")


if __name__ == "__main__":
    main()
