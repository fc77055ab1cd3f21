#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set GS from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/gsNN.txt):
  '# key: value' meta lines (format, style, rationale, label_i, label_r)
  paragraphs separated by blank lines; each paragraph starts with 'H:' (header line),
  'I:' (interviewer turn) or 'R:' (respondent turn); identifiers inline as [[text|TYPE]];
  every R paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOC_IDS = ["gs01", "gs02", "gs03", "gs04", "gs05", "gs06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip_ann(text, found):
    def rep(m):
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} for {ident}")
        found.append((ident, typ))
        return ident
    out = ANN.sub(rep, text)
    if "[[" in out or "]]" in out:
        sys.exit(f"broken annotation in: {text[:80]}")
    return out


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta, body = {}, []
    for line in raw.splitlines():
        if line.startswith("# "):
            k, _, v = line[2:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    paras = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", "\n".join(body))]
    paras = [p for p in paras if p]
    found = []
    labels = {}
    for key in ("label_i", "label_r"):
        labels[key] = strip_ann(meta.get(key, ""), found)
    header, turns = [], []
    for p in paras:
        kind, _, text = p.partition(":")
        text = text.strip()
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after first turn")
            header.append(strip_ann(text, found))
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without tag: {text[:60]}")
                orient = m.group(1)
                text = TAG.sub("", text)
            elif TAG.search(text):
                sys.exit(f"{doc_id}: interviewer paragraph with tag")
            turns.append((kind, strip_ann(text, found), orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph kind {kind!r}")
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return meta, labels, header, turns, found


# ---------------------------------------------------------------- timing helpers
def durations(turns, wps=2.45, start=3.0):
    t = start
    out = []
    for _, text, _ in turns:
        d = max(1.2, len(text.split()) / wps)
        out.append((t, t + d))
        t += d + 0.9
    return out


def hms(t):
    t = int(t)
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"


def ts(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, limit=16):
    sents = re.split(r"(?<=[.!?])\s+", text)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > limit:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def cues(turns, labels):
    """Split turns into subtitle cues with timings: list of (start, end, label, text)."""
    res = []
    for (kind, text, _), (a, b) in zip(turns, durations(turns)):
        parts = chunks(text)
        total = sum(len(p.split()) for p in parts)
        t = a
        for p in parts:
            d = (b - a) * len(p.split()) / total
            res.append((t, t + d - 0.04, labels["label_i" if kind == "I" else "label_r"], p))
            t += d
    return res


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = bold  # the bold-label variant has an italic header
    if header:
        d.add_paragraph()
    for kind, text, _ in turns:
        lab = labels["label_i" if kind == "I" else "label_r"]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{lab}: {text}")
    d.save(path)
    return path


def build_doc(doc_id):
    meta, labels, header, turns, found = parse(doc_id)
    fmt = meta["format"]
    for old in os.listdir(OUT):
        if old.startswith(doc_id + "."):
            os.remove(os.path.join(OUT, old))
    if fmt in ("docx-bold", "docx-plain"):
        path = write_docx(os.path.join(OUT, doc_id + ".docx"), header, turns, labels,
                          fmt == "docx-bold")
        import docx
        full = "\n".join(p.text for p in docx.Document(path).paragraphs)
        units = [p.text for p in docx.Document(path).paragraphs]
    elif fmt == "txt-cp1252-ir":
        lines = header + [""] if header else []
        for kind, text, _ in turns:
            lines.append(f"{kind}: {text}")
            lines.append("")
        full = "\r\n".join(lines)
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "wb") as f:
            f.write(full.encode("cp1252"))
        units = lines
    elif fmt == "txt-utf8-stamps":
        lines = header + [""] if header else []
        for (kind, text, _), (a, _) in zip(turns, durations(turns)):
            lab = labels["label_i" if kind == "I" else "label_r"]
            lines.append(f"[{hms(a)}] {lab}: {text}")
        full = "\n".join(lines) + "\n"
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(full)
        units = lines
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out += ["NOTE"] + header + [""]
        units = list(header)
        for a, b, lab, text in cues(turns, labels):
            out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{text}", ""]
            units.append(f"<v {lab}>{text}")
        full = "\n".join(out)
        path = os.path.join(OUT, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(full)
    elif fmt == "srt":
        if header:
            sys.exit("srt has no header")
        out, units = [], []
        for n, (a, b, lab, text) in enumerate(cues(turns, labels), 1):
            out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {text}", ""]
            units.append(f"{lab}: {text}")
        full = "\r\n".join(out)
        path = os.path.join(OUT, doc_id + ".srt")
        with open(path, "wb") as f:
            f.write(full.encode("utf-8"))
    else:
        sys.exit(f"{doc_id}: unknown format {fmt}")
    # identifiers: distinct strings, first type wins (conflicts are errors)
    idents = {}
    for ident, typ in found:
        if ident in idents and idents[ident] != typ:
            sys.exit(f"{doc_id}: {ident} has two types")
        idents.setdefault(ident, typ)
    for ident in idents:
        if not any(ident in u for u in units):
            sys.exit(f"{doc_id}: identifier {ident!r} not found inside one line/cue/paragraph")
    words = sum(len(t.split()) for _, t, _ in turns)
    nresp = sum(1 for k, _, _ in turns if k == "R")
    return meta, turns, idents, words, nresp


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient, ids = [], [], []
    for doc_id in DOC_IDS:
        meta, turns, idents, words, nresp = build_doc(doc_id)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (kind, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient.append((doc_id, i, o))
        for ident, typ in idents.items():
            ids.append((doc_id, ident, typ))
        oc = sum(1 for d, _, o in orient if d == doc_id and o == "casus")
        on = sum(1 for d, _, o in orient if d == doc_id and o == "netwerk")
        print(f"{doc_id}: {meta['format']:16s} words={words} resp_turns={nresp} "
              f"ids={len(idents)} casus={oc} netwerk={on}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        DOC_IDS[:] = sys.argv[1:]
    main()
