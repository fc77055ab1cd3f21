#!/usr/bin/env python3
"""Build the setHG transcripts and label files from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/hgNN.txt):
    format: <docx-bold|docx-plain|txt-ir-cp1252|txt-spreker-utf8|vtt|srt-crlf>
    label_I: <interviewer label, identifiers as [[text|TYPE]]>
    label_R: <respondent label>
    ---
    H: header line            (one paragraph per line, blank line between paragraphs)
    I: interviewer turn
    R: respondent turn {casus|netwerk|-}
"""
import csv
import os
import re
import sys

from docx import Document

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")
DOCS = ["hg01", "hg02", "hg03", "hg04", "hg05", "hg06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-ir-cp1252": "txt",
       "txt-spreker-utf8": "txt", "vtt": "vtt", "srt-crlf": "srt"}

STYLES = {
    "hg01": ("netwerkgericht",
             "Ex-police process director who tells a warm story about one client but hands the daily contact to VNN "
             "and invests his own effort in OM/VNN/gemeente agreements, a flow table and trust rules between organisations."),
    "hg02": ("casusgericht",
             "Former wijkteam worker who names many partners but uses each of them for one young man's plan, "
             "does the home visits herself and explicitly leaves the covenant working group to her team leader."),
    "hg03": ("onbepaald",
             "Too little evidence: a guarded municipal coordinator who answers procedurally and in generalities "
             "and never shows where his own effort or trust goes."),
    "hg04": ("casusgericht",
             "Ex-VNN nurse who is loudly critical of organisations and covenants but puts all her effort into her "
             "personal bond with one client and solves each blockage for that one man only."),
    "hg05": ("netwerkgericht",
             "Ex-OM process director who describes a client warmly but has seen him twice, leaves contact to "
             "reclassering and invests in cross-organisation agreements, figures across the list and an escalation ladder."),
    "hg06": ("onbepaald",
             "Genuinely mixed: an ex-reclassering regisseur who does weekly home visits and tailor-made arrangements "
             "for one client and, about equally, builds an OM flag, a flow meeting and a partner lunch."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"bad type {m.group(2)} in {s[:60]}")
        out.append((m.group(1), m.group(2)))
    return out


def parse(doc):
    text = open(os.path.join(HERE, doc + ".txt"), encoding="utf-8").read()
    meta_part, body = text.split("\n---\n", 1)
    meta = {}
    for line in meta_part.splitlines():
        k, v = line.split(":", 1)
        meta[k.strip()] = v.strip()
    header, turns = [], []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(l.strip() for l in para.splitlines())
        kind, rest = para.split(":", 1)
        rest = rest.strip()
        if kind == "H":
            header.append(rest)
        elif kind in ("I", "R"):
            tag = None
            m = TAG_RE.search(rest)
            if kind == "R":
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without tag: {rest[:60]}")
                tag = m.group(1)
                rest = rest[:m.start()]
            elif m:
                sys.exit(f"{doc}: interviewer paragraph with tag: {rest[:60]}")
            turns.append((kind, rest, tag))
        else:
            sys.exit(f"{doc}: unknown paragraph kind {kind!r}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


# ---------- chunking for subtitles ----------

def words_of(annot):
    """Split annotated text into atomic words; an identifier never gets split."""
    protected = ID_RE.sub(lambda m: m.group(0).replace(" ", "\x00"), annot)
    return [plain(w.replace("\x00", " ")) for w in protected.split()]


def chunks(annot, lo=7, hi=16):
    ws = words_of(annot)
    out, cur = [], []
    for w in ws:
        cur.append(w)
        n = len(cur)
        if (n >= lo and re.search(r"[.?!]$", w)) or (n >= 11 and w.endswith(",")) or n >= hi:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1].extend(cur)
        else:
            out.append(cur)
    # a continuation cue must not start like "Somebody: ..." (it would read as a speaker label)
    merged = []
    for c in out:
        if merged and re.match(r"^[^:]{1,30}:(\s|$)", " ".join(c)):
            merged[-1].extend(c)
        else:
            merged.append(c)
    return merged


def lines_of(ws):
    if len(ws) <= 9:
        return [" ".join(ws)]
    mid = (len(ws) + 1) // 2
    return [" ".join(ws[:mid]), " ".join(ws[mid:])]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cues(turns, labels):
    """Yield (speaker_label, first_cue_of_turn, start, end, words)."""
    t = 2.0
    for kind, annot, _ in turns:
        first = True
        for ws in chunks(annot):
            dur = max(1.4, len(ws) / 2.6)
            yield labels[kind], first, t, t + dur, ws
            t += dur + 0.25
            first = False
        t += 0.6


# ---------- writers ----------

def write_docx(path, header, turns, labels, bold):
    d = Document()
    for h in header:
        d.add_paragraph(plain(h))
    for kind, annot, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[kind] + ":")
            r.bold = True
            p.add_run(" " + plain(annot))
        else:
            p.add_run(f"{labels[kind]}: {plain(annot)}")
    d.core_properties.author = "transcriptie"
    d.save(path)


def write_txt_ir(path, header, turns, labels):
    lines = [plain(h) for h in header] + [""]
    for kind, annot, _ in turns:
        lines.append(f"{labels[kind]}: {plain(annot)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    open(path, "wb").write(data)


def write_txt_spreker(path, header, turns, labels):
    lines = [plain(h) for h in header] + [""]
    t = 4.0
    for kind, annot, _ in turns:
        txt = plain(annot)
        lines.append(f"[{ts(t, '.')[:8]}] {labels[kind]}: {txt}")
        lines.append("")
        t += len(txt.split()) / 2.5 + 1.5
    open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines))


def write_vtt(path, header, turns, labels):
    out = ["WEBVTT", ""]
    if header:
        out += ["NOTE"] + [plain(h) for h in header] + [""]
    for lab, _first, a, b, ws in cues(turns, labels):
        ls = lines_of(ws)
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {lab}>" + "\n".join(ls) + "</v>")
        out.append("")
    open(path, "w", encoding="utf-8", newline="\n").write("\n".join(out))


def write_srt(path, header, turns, labels):
    out = []
    for n, (lab, first, a, b, ws) in enumerate(cues(turns, labels), 1):
        ls = lines_of(ws)
        if first:
            ls[0] = f"{lab}: {ls[0]}"
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}"] + ls + [""]
    open(path, "w", encoding="utf-8", newline="").write("\r\n".join(out) + "\r\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, orient_rows, id_rows = [], [], []
    for doc in DOCS:
        meta, header, turns = parse(doc)
        fmt = meta["format"]
        labels = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
        # identifiers in order of first occurrence: header, labels, turns
        seen = {}
        for s in header + [meta["label_I"], meta["label_R"]] + [a for _, a, _ in turns]:
            for text, typ in ids(s):
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text!r} has two types")
                seen.setdefault(text, typ)
        id_rows += [(doc, t, ty) for t, ty in seen.items()]
        for i, (kind, _, tag) in enumerate(turns, 1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc, i, tag))
        path = os.path.join(OUT, f"{doc}.{EXT[fmt]}")
        if fmt == "docx-bold":
            write_docx(path, header, turns, labels, True)
        elif fmt == "docx-plain":
            write_docx(path, header, turns, labels, False)
        elif fmt == "txt-ir-cp1252":
            write_txt_ir(path, header, turns, labels)
        elif fmt == "txt-spreker-utf8":
            write_txt_spreker(path, header, turns, labels)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels)
        elif fmt == "srt-crlf":
            write_srt(path, header, turns, labels)
        else:
            sys.exit(f"unknown format {fmt}")
        words = sum(len(plain(a).split()) for _, a, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        tags = [t for k, _, t in turns if k == "R"]
        print(f"{doc}: {fmt:17s} words={words} resp_turns={nr} ids={len(seen)} "
              f"casus={tags.count('casus')} netwerk={tags.count('netwerk')} none={tags.count('-')}")
        style_rows.append((doc,) + STYLES[doc])
    with open(os.path.join(SET, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(SET, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(SET, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
