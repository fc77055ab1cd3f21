#!/usr/bin/env python3
"""Build the transcripts and csv files of set nk from the annotated sources.

Source format (src/nkXX.src.txt), one paragraph per line:
    @format <docx_bold|docx_plain|vtt|srt|txt_ir_cp1252|txt_spk_utf8>
    @ilabel <interviewer label, may contain [[name|PERSOON]]>
    @rlabel <respondent label, idem>
    @style <casusgericht|netwerkgericht|onbepaald>
    @rationale <one sentence>
    H: header line           (identifiers inline as [[text|TYPE]])
    I: interviewer turn
    R: respondent turn ... {casus|netwerk|-}
Run with: /work/main/.venv/bin/python src/build.py
"""
import csv
import hashlib
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["nk01", "nk02", "nk03", "nk04", "nk05", "nk06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt_ir_cp1252": "txt", "txt_spk_utf8": "txt"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
PROT = "\x01"  # protects spaces inside identifiers from cue splitting


class Doc:
    pass


def parse_marked(s, ids, protect=False):
    """Return plain text; record identifiers in ids (ordered dict str->type)."""
    def rep(m):
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} in {text!r}")
        if text in ids and ids[text] != typ:
            sys.exit(f"identifier {text!r} typed {ids[text]} and {typ}")
        ids.setdefault(text, typ)
        return text.replace(" ", PROT) if protect else text
    out = MARK.sub(rep, s)
    if "[[" in out or "]]" in out:
        sys.exit(f"broken markup: {s[:80]!r}")
    return out


def load(doc_id):
    d = Doc()
    d.id = doc_id
    d.meta, d.header, d.turns, d.ids = {}, [], [], {}
    path = os.path.join(HERE, f"{doc_id}.src.txt")
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n") for ln in f]
    for ln in lines:
        if not ln.strip() or ln.startswith("#"):
            continue
        if ln.startswith("@"):
            k, _, v = ln[1:].partition(" ")
            d.meta[k] = v.strip()
            continue
        tag, _, body = ln.partition(": ")
        if tag == "H":
            d.header.append(body)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", body)
                if not m:
                    sys.exit(f"{doc_id}: respondent turn without tag: {body[:60]!r}")
                orient = m.group(1)
                body = body[:m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}\s*$", body):
                sys.exit(f"{doc_id}: interviewer turn with tag")
            d.turns.append((tag, body, orient))
        else:
            sys.exit(f"{doc_id}: bad line {ln[:60]!r}")
    # labels first so speaker names are registered as identifiers
    d.ilabel = parse_marked(d.meta["ilabel"], d.ids)
    d.rlabel = parse_marked(d.meta["rlabel"], d.ids)
    d.header_plain = [parse_marked(h, d.ids) for h in d.header]
    d.turns_plain = [(t, parse_marked(b, d.ids), o) for t, b, o in d.turns]
    d.turns_prot = [(t, parse_marked(b, {}, protect=True), o) for t, b, o in d.turns]
    for i, (t, _, _) in enumerate(d.turns):
        want = "I" if i % 2 == 0 else "R"
        if t != want:
            sys.exit(f"{doc_id}: turn {i+1} should be {want}")
    return d


# ---------------------------------------------------------------- chunking
def sentences(text):
    return [s for s in re.split(r"(?<=[.!?…])\s+", text) if s]


def chunks(text, maxw):
    """Split a protected text into cue chunks of at most ~maxw words."""
    out, cur = [], []
    for s in sentences(text):
        w = s.split(" ")
        if len(w) > maxw:
            # long sentence: split at commas, then hard at maxw
            parts, buf = [], []
            for tok in w:
                buf.append(tok)
                if (tok.endswith(",") and len(buf) >= maxw // 2) or len(buf) >= maxw:
                    parts.append(buf)
                    buf = []
            if buf:
                if parts and len(buf) < 3:
                    parts[-1].extend(buf)
                else:
                    parts.append(buf)
            if cur:
                out.append(cur)
                cur = []
            out.extend(parts)
            continue
        if cur and len(cur) + len(w) > maxw:
            out.append(cur)
            cur = []
        cur.extend(w)
    if cur:
        out.append(cur)
    return [" ".join(c) for c in out]


def unprot(s):
    return s.replace(PROT, " ")


def wrap2(line, width=42):
    """Wrap a protected line into at most two lines at a space near the middle."""
    if len(line) <= width:
        return [line]
    mid = len(line) // 2
    spaces = [i for i, ch in enumerate(line) if ch == " "]
    if not spaces:
        return [line]
    # never start the second line with something that looks like "Name: text"
    looks_like_label = re.compile(r"^[^\s:]+( [^\s:]+){0,2}: ")
    for best in sorted(spaces, key=lambda i: abs(i - mid)):
        if not looks_like_label.match(unprot(line[best + 1:])):
            return [line[:best], line[best + 1:]]
    return [line]


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(words):
    return max(1.2, words / 2.6)


# ---------------------------------------------------------------- writers
def label_of(d, tag):
    return d.ilabel if tag == "I" else d.rlabel


def write_docx(d, path, bold):
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in d.header_plain:
        p = doc.add_paragraph()
        r = p.add_run(h)
        r.italic = bold  # the bold-label typist sets the header in italics
    if d.header_plain:
        doc.add_paragraph()
    for tag, text, _ in d.turns_plain:
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(label_of(d, tag) + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label_of(d, tag)}: {text}")
    doc.core_properties.author = "transcriptie"
    doc.save(path)


def write_vtt(d, path):
    out = ["WEBVTT", ""]
    if d.header_plain:
        out.append("NOTE")
        out.extend(d.header_plain)
        out.append("")
    t = 3.2
    n = 0
    for tag, text, _ in d.turns_prot:
        for c in chunks(text, 18):
            n += 1
            e = t + dur(len(c.split(" ")))
            h = hashlib.md5(f"{d.id}-{n}".encode()).hexdigest()
            out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}/{n + 11}-0")
            out.append(f"{fmt_ts(t, '.')} --> {fmt_ts(e, '.')}")
            out.append(f"<v {label_of(d, tag)}>{unprot(c)}</v>")
            out.append("")
            t = e + 0.25
        t += 0.9
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(d, path):
    out = []
    t = 1.5
    n = 0
    for tag, text, _ in d.turns_prot:
        for c in chunks(text, 12):
            n += 1
            e = t + dur(len(c.split(" ")))
            line = f"{label_of(d, tag)}: {c}"
            out.append(str(n))
            out.append(f"{fmt_ts(t, ',')} --> {fmt_ts(e, ',')}")
            out.extend(unprot(x) for x in wrap2(line))
            out.append("")
            t = e + 0.2
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(out) + "\r\n")


def write_txt_ir(d, path):
    out = list(d.header_plain)
    if out:
        out.append("")
    for tag, text, _ in d.turns_plain:
        out.append(f"{label_of(d, tag)}: {text}")
        out.append("")
    data = "\r\n".join(out).encode("cp1252")  # strict: fails on unencodable chars
    with open(path, "wb") as f:
        f.write(data)


def write_txt_spk(d, path):
    out = list(d.header_plain)
    if out:
        out.append("")
    t = 2.0
    for tag, text, _ in d.turns_plain:
        s = int(t)
        ts = f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}]"
        out.append(f"{ts} {label_of(d, tag)}: {text}")
        out.append("")
        t += dur(len(text.split())) + 1.1
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


WRITERS = {
    "docx_bold": lambda d, p: write_docx(d, p, True),
    "docx_plain": lambda d, p: write_docx(d, p, False),
    "vtt": write_vtt,
    "srt": write_srt,
    "txt_ir_cp1252": write_txt_ir,
    "txt_spk_utf8": write_txt_spk,
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient, idents, stats = [], [], [], []
    table = ["| doc | respondent voice and setting | style | format | words | respondent turns |",
             "|---|---|---|---|---|---|"]
    for doc_id in DOCS:
        d = load(doc_id)
        fmt = d.meta["format"]
        path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
        WRITERS[fmt](d, path)
        styles.append((doc_id, d.meta["style"], d.meta["rationale"]))
        for i, (tag, _, o) in enumerate(d.turns_plain, start=1):
            if tag == "R" and o in ("casus", "netwerk"):
                orient.append((doc_id, i, o))
        for s, typ in d.ids.items():
            idents.append((doc_id, s, typ))
        words = sum(len(t.split()) for _, t, _ in d.turns_plain)
        rturns = sum(1 for tag, _, _ in d.turns_plain if tag == "R")
        oc = sum(1 for x in orient if x[0] == doc_id and x[2] == "casus")
        on = sum(1 for x in orient if x[0] == doc_id and x[2] == "netwerk")
        stats.append((doc_id, fmt, words, rturns, len(d.ids), oc, on))
        kind = ""
        if d.meta["style"] == "onbepaald":
            kind = " (mixed)" if "mixed" in d.meta["rationale"].lower() else " (too little evidence)"
        table.append(f"| {doc_id} | {d.meta['voice']} | {d.meta['style']}{kind} | "
                     f"`{os.path.basename(path)}`: {d.meta['fmtdesc']} | {words} | {rturns} |")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    with open(os.path.join(HERE, "README.src.md"), encoding="utf-8") as f:
        readme = f.read().replace("{{TABLE}}", "\n".join(table))
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme)
    print("doc   format          words  R-turns  ids  casus netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<14} {s[2]:>6} {s[3]:>7} {s[4]:>4} {s[5]:>6} {s[6]:>6}")


if __name__ == "__main__":
    main()
