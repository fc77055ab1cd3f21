"""Build the six transcripts of set KJ and the three label files from the annotated sources.

Source format (src/kjNN.txt, UTF-8):
  @key: value            metadata (format, ilabel, rlabel, style, rationale)
  H: text                header line
  I: text                interviewer turn (one paragraph per turn)
  R: text {casus|netwerk|-}   respondent turn with its orientation
Identifiers are written inline as [[text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
DOCS = ["kj01", "kj02", "kj03", "kj04", "kj05", "kj06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
# names of well-known public bodies in which a place name may occur without being labelled
SETTING_PHRASES = ["Nationaal Programma Rotterdam Zuid", "Rotterdam-Rijnmond"]
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-ir-cp1252": "txt", "txt-spreker": "txt", "vtt": "vtt", "srt": "srt"}


def strip(s):
    """Return plain text, list of (start, end, text, type)."""
    out, spans, pos = [], [], 0
    cur = 0
    for m in ANN.finditer(s):
        out.append(s[pos:m.start()])
        cur += len(s[pos:m.start()])
        txt, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} in {s[:60]}")
        spans.append((cur, cur + len(txt), txt, typ))
        out.append(txt)
        cur += len(txt)
        pos = m.end()
    out.append(s[pos:])
    return "".join(out), spans


def parse(doc):
    meta, paras = {}, []
    for line in (SRC / f"{doc}.txt").read_text(encoding="utf-8").splitlines():
        line = line.rstrip()
        if not line.strip():
            continue
        if line.startswith("@"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif line[:3] in ("H: ", "I: ", "R: "):
            paras.append([line[0], line[3:].strip()])
        else:
            paras[-1][1] += " " + line.strip()
    turns, header = [], []
    for kind, text in paras:
        if kind == "H":
            header.append(text)
            continue
        orient = None
        if kind == "R":
            m = ORIENT.search(text)
            if not m:
                sys.exit(f"{doc}: respondent paragraph without orientation: {text[:60]}")
            orient = m.group(1)
            text = text[: m.start()]
        elif ORIENT.search(text):
            sys.exit(f"{doc}: interviewer paragraph with orientation: {text[:60]}")
        turns.append((kind, text.strip(), orient))
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def sentences(annotated):
    """Split an annotated turn into sentences, never inside [[...]]."""
    parts, start, depth, i = [], 0, 0, 0
    while i < len(annotated):
        if annotated.startswith("[[", i):
            depth += 1
            i += 2
            continue
        if annotated.startswith("]]", i):
            depth -= 1
            i += 2
            continue
        c = annotated[i]
        if (depth == 0 and c in ".?!" and i + 2 < len(annotated) and annotated[i + 1] == " "
                and not annotated[i + 2].islower()):
            # keep "(lacht)" etc. together with the sentence before it
            parts.append(annotated[start:i + 1].strip())
            start = i + 2
        i += 1
    rest = annotated[start:].strip()
    if rest:
        parts.append(rest)
    # a stage direction such as "(lacht)" belongs to the sentence before it
    merged = []
    for part in parts:
        m = re.match(r"^(\((?:lacht|stilte|zucht)\))\s*(.*)$", part)
        if m and merged:
            merged[-1] += " " + m.group(1)
            part = m.group(2)
        if part:
            merged.append(part)
    return merged


def cues(annotated, maxwords=24):
    out, cur = [], []
    for s in sentences(annotated):
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > maxwords:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    total = int(round(sec * 1000))
    s, ms = divmod(total, 1000)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build(doc):
    meta, header, turns = parse(doc)
    fmt = meta["format"]
    ilabel, ilab_spans = strip(meta["ilabel"])
    rlabel, rlab_spans = strip(meta["rlabel"])
    idents, orient_rows = [], []
    warnings = []
    plain_paras = []  # (plain, spans) for the unlabelled-occurrence check

    def add(spans):
        for _, _, txt, typ in spans:
            idents.append((txt, typ))

    add(ilab_spans)
    add(rlab_spans)
    hplain = []
    for h in header:
        p, sp = strip(h)
        add(sp)
        hplain.append(p)
        plain_paras.append((p, sp))
    plain_turns = []
    for idx, (kind, text, orient) in enumerate(turns, start=1):
        p, sp = strip(text)
        add(sp)
        plain_paras.append((p, sp))
        plain_turns.append((kind, p, text))
        if kind == "R" and orient in ("casus", "netwerk"):
            orient_rows.append((doc, idx, orient))

    # identifier table: one row per distinct string
    seen = {}
    for txt, typ in idents:
        if txt in seen and seen[txt] != typ:
            sys.exit(f"{doc}: '{txt}' labelled both {seen[txt]} and {typ}")
        seen.setdefault(txt, typ)
    # warn about occurrences of an identifier string outside any label
    for txt in seen:
        pat = re.compile(r"(?<![\w])" + re.escape(txt) + r"(?![\w])", re.IGNORECASE)
        for p, sp in plain_paras:
            for m in pat.finditer(p):
                if any(a <= m.start() and m.end() <= b for a, b, _, _ in sp):
                    continue
                if any(ph in p and p.find(ph) <= m.start() < p.find(ph) + len(ph) for ph in SETTING_PHRASES):
                    continue
                warnings.append(f"{doc}: unlabelled occurrence of '{txt}' in: ...{p[max(0, m.start() - 30):m.end() + 30]}...")

    lab = {"I": ilabel, "R": rlabel}
    path = OUT / f"{doc}.{EXT[fmt]}"
    for old in OUT.glob(f"{doc}.*"):
        old.unlink()

    if fmt.startswith("docx"):
        from docx import Document
        from docx.shared import Pt
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in hplain:
            para = d.add_paragraph()
            r = para.add_run(h)
            r.italic = fmt == "docx-bold"
        if hplain:
            d.add_paragraph()
        for kind, p, _ in plain_turns:
            para = d.add_paragraph()
            if fmt == "docx-bold":
                r = para.add_run(lab[kind] + ":")
                r.bold = True
                para.add_run(" " + p)
            else:
                para.add_run(f"{lab[kind]}: {p}")
        d.save(path)
    elif fmt == "txt-ir-cp1252":
        lines = hplain + [""]
        for kind, p, _ in plain_turns:
            lines += [f"{lab[kind]}: {p}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt-spreker":
        lines = hplain + [""]
        t = 4.0
        for kind, p, _ in plain_turns:
            lines += [f"[{ts(t, '.')[:8]}] {lab[kind]}: {p}", ""]
            t += len(p.split()) / 2.4 + 1.5
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt in ("vtt", "srt"):
        t = 2.0
        blocks = []
        for kind, _, annotated in plain_turns:
            for c in cues(annotated):
                cp, _ = strip(c)
                dur = max(1.6, len(cp.split()) / 2.5)
                blocks.append((t, t + dur, lab[kind], cp))
                t += dur + 0.2
            t += 0.8
        if fmt == "vtt":
            out = ["WEBVTT", ""]
            if hplain:
                out += ["NOTE"] + hplain + [""]
            for a, b, who, cp in blocks:
                out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {who}>{cp}", ""]
            path.write_text("\n".join(out), encoding="utf-8")
        else:
            out = []
            for n, (a, b, who, cp) in enumerate(blocks, start=1):
                out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{who}: {cp}", ""]
            path.write_bytes("\r\n".join(out).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")

    words = sum(len(p.split()) for _, p, _ in plain_turns)
    rturns = sum(1 for k, _, _ in plain_turns if k == "R")
    return meta, [(doc, t, y) for t, y in seen.items()], orient_rows, warnings, words, rturns


def main():
    styles, idrows, orows, allwarn = [], [], [], []
    for doc in DOCS:
        meta, ids, ors, warn, words, rturns = build(doc)
        styles.append((doc, meta["style"], meta["rationale"]))
        idrows += ids
        orows += ors
        allwarn += warn
        print(f"{doc}: {meta['format']:14s} words={words} respondent_turns={rturns} ids={len(ids)} oriented={len(ors)}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orows, key=lambda r: (r[0], r[1])))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    for x in allwarn:
        print("WARNING", x)


if __name__ == "__main__":
    main()
