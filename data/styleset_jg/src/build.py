#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set JG from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt), one paragraph per line:
  #key: value      metadata (format, bold, encoding, newline, ilabel, rlabel, style, rationale)
  H: ...           header line
  I: ...           interviewer turn
  R: ... {casus}   respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are marked inline as [[text|TYPE]] (also allowed inside ilabel/rlabel).
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
DOCS = ["jg01", "jg02", "jg03", "jg04", "jg05", "jg06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TOKEN = re.compile(r"\S*\[\[.*?\]\]\S*|\S+")


def strip(s):
    return ANN.sub(lambda m: m.group(1), s)


def idents(s):
    out = []
    for m in ANN.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown type {m.group(2)!r} in {s[:60]!r}")
        out.append((m.group(1), m.group(2)))
    return out


def parse(doc):
    meta, header, turns = {}, [], []
    for n, line in enumerate((SRC / f"{doc}.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        tag, _, text = line.partition(": ")
        if tag == "H":
            header.append(text)
        elif tag == "I":
            turns.append(("I", text, None))
        elif tag == "R":
            m = ORI.search(text)
            if not m:
                sys.exit(f"{doc}:{n}: respondent paragraph without {{casus}}/{{netwerk}}/{{-}}")
            turns.append(("R", text[:m.start()].rstrip(), m.group(1)))
        else:
            sys.exit(f"{doc}:{n}: unknown paragraph tag {tag!r}")
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(annotated, min_words=16, max_words=34):
    """Split an annotated turn into cue texts at sentence ends; annotations stay whole."""
    toks = TOKEN.findall(annotated)
    out, cur, words = [], [], 0
    for t in toks:
        cur.append(t)
        words += len(strip(t).split())
        end = strip(t).rstrip(")'\"").endswith((".", "?", "!"))
        if (end and words >= min_words) or words >= max_words:
            out.append(" ".join(cur))
            cur, words = [], 0
    if cur:
        if out and words < 5:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def dur(text):
    return max(1.2, len(strip(text).split()) / 2.4)


def build_docx(doc, meta, header, turns, labels):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = True
    if header:
        d.add_paragraph()
    bold = meta.get("bold") == "1"
    for spk, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[spk] + ":")
            r.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(f"{labels[spk]}: {strip(text)}")
    path = OUT / f"{doc}.docx"
    d.save(path)
    return path


def write_text(doc, ext, meta, lines):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    enc = meta.get("encoding", "utf-8")
    path = OUT / f"{doc}.{ext}"
    path.write_bytes(nl.join(lines).encode(enc) + nl.encode(enc))
    return path


def build_txt(doc, meta, header, turns, labels):
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    for spk, text, _ in turns:
        lines += [f"{labels[spk]}: {strip(text)}", ""]
    return write_text(doc, "txt", meta, lines[:-1])


def build_txt_ts(doc, meta, header, turns, labels):
    lines = [strip(h) for h in header] + [""]
    t = 4.0
    for spk, text, _ in turns:
        lines += [f"[{ts(t, ',')[:8]}] {labels[spk]}: {strip(text)}", ""]
        t += dur(text) + 1.1
    return write_text(doc, "txt", meta, lines[:-1])


def build_vtt(doc, meta, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines += ["NOTE"] + [strip(h) for h in header] + [""]
    t = 3.0
    for spk, text, _ in turns:
        for c in chunks(text):
            d = dur(c)
            lines += [f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {labels[spk]}>{strip(c)}</v>", ""]
            t += d + 0.15
        t += 0.9
    return write_text(doc, "vtt", meta, lines[:-1])


def build_srt(doc, meta, header, turns, labels):
    lines = []
    t = 2.0
    for n, (spk, text, _) in enumerate(turns, 1):
        d = dur(text)
        lines += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{labels[spk]}: {strip(text)}", ""]
        t += d + 0.8
    return write_text(doc, "srt", meta, lines[:-1])


BUILDERS = {"docx": build_docx, "txt": build_txt, "txt-ts": build_txt_ts,
            "vtt": build_vtt, "srt": build_srt}


def unannotated(doc, header, turns, meta, ids):
    """Warn about identifier strings that also occur without annotation."""
    masked = []
    for s in header + [t for _, t, _ in turns] + [meta["ilabel"], meta["rlabel"]]:
        masked.append(ANN.sub(lambda m: "#" * len(m.group(1)), s))
    text = "\n".join(masked)
    for ident, _ in ids:
        if re.search(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", text):
            print(f"  WARNING {doc}: {ident!r} also occurs unannotated")


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, orient, identrows = [], [], []
    for doc in DOCS:
        meta, header, turns = parse(doc)
        labels = {"I": strip(meta["ilabel"]), "R": strip(meta["rlabel"])}
        path = BUILDERS[meta["format"]](doc, meta, header, turns, labels)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (spk, _, o) in enumerate(turns, 1):
            if spk == "R" and o in ("casus", "netwerk"):
                orient.append((doc, i, o))
        seen, ids = set(), []
        sources = header + [meta["ilabel"], meta["rlabel"]] + [t for _, t, _ in turns]
        for s in sources:
            for ident, typ in idents(s):
                if ident not in seen:
                    seen.add(ident)
                    ids.append((ident, typ))
        types = {}
        for s in sources:
            for ident, typ in idents(s):
                if types.setdefault(ident, typ) != typ:
                    sys.exit(f"{doc}: {ident!r} has two types")
        identrows += [(doc, a, b) for a, b in ids]
        unannotated(doc, header, turns, meta, ids)
        words = sum(len(strip(t).split()) for _, t, _ in turns)
        nresp = sum(1 for s, _, _ in turns if s == "R")
        oc = sum(1 for d, _, o in orient if d == doc and o == "casus")
        on = sum(1 for d, _, o in orient if d == doc and o == "netwerk")
        print(f"{doc}: {path.name:10s} words={words} turns={len(turns)} resp={nresp} "
              f"ids={len(ids)} casus={oc} netwerk={on} style={meta['style']}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(identrows)


if __name__ == "__main__":
    main()
