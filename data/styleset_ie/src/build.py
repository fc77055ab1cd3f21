"""Build the transcripts and the three csv files of set IE from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/ieNN.txt):
  # key: value            configuration (format, labels, style, rationale, start)
  H: header line          (header paragraph, may hold identifiers)
  I: interviewer turn
  R: respondent turn {casus} | {netwerk} | {-}
Paragraphs are separated by blank lines. Identifiers are written inline as [[text|TYPE]].
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = ["ie01", "ie02", "ie03", "ie04", "ie05", "ie06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
WORD = re.compile(r"\w", re.UNICODE)


def strip(s):
    return ANN.sub(lambda m: m.group(1), s)


def annotations(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def nwords(s):
    return sum(1 for t in s.split() if WORD.search(t))


def parse(doc):
    raw = (HERE / f"{doc}.txt").read_text(encoding="utf-8")
    cfg, paras = {}, []
    for block in re.split(r"\n\s*\n", raw):
        lines = [l for l in block.strip().split("\n") if l.strip()]
        rest = []
        for l in lines:
            if l.startswith("#"):
                k, _, v = l[1:].partition(":")
                cfg[k.strip()] = v.strip()
            else:
                rest.append(l.strip())
        if not rest:
            continue
        for l in rest if rest[0].startswith("H:") else [" ".join(rest)]:
            kind, _, text = l.partition(":")
            if kind not in ("H", "I", "R"):
                sys.exit(f"{doc}: bad paragraph {l[:60]!r}")
            ori = None
            if kind == "R":
                m = ORI.search(text)
                if not m:
                    sys.exit(f"{doc}: respondent turn without orientation: {text[:60]!r}")
                ori = m.group(1)
                text = text[: m.start()]
            paras.append((kind, text.strip(), ori))
    return cfg, paras


# ---------------------------------------------------------------- sentence / cue splitting
def sentences(annotated):
    """Split annotated text into sentences, never inside [[...]]."""
    spans = [(m.start(), m.end()) for m in ANN.finditer(annotated)]
    out, start = [], 0
    for m in re.finditer(r"(?<=[.?!])\s+(?=\S)", annotated):
        if any(a <= m.start() < b for a, b in spans):
            continue
        out.append(annotated[start:m.start()])
        start = m.end()
    out.append(annotated[start:])
    return [s for s in out if s.strip()]


def chunks(annotated, maxw=24):
    out, cur = [], []
    for s in sentences(annotated):
        if cur and nwords(strip(" ".join(cur + [s]))) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [strip(c) for c in out]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(h)
    if header:
        d.add_paragraph("")
    for who, text in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{labels[who]}:")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{labels[who]}: {text}")
    d.save(path)


def write_txt_ir(path, header, turns, labels, encoding, newline):
    lines = list(header) + ([""] if header else [])
    for who, text in turns:
        lines += [f"{labels[who]}: {text}", ""]
    data = newline.join(lines).rstrip() + newline
    path.write_bytes(data.encode(encoding))


def write_spreker(path, header, turns, labels, start):
    t = start
    lines = list(header) + [""]
    for who, text in turns:
        lines += [f"[{hms(t)}] {labels[who]}: {text}", ""]
        t += nwords(text) / 2.5 + 1.2
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def write_vtt(path, header, aturns, labels, start):
    t = start
    out = ["WEBVTT", ""]
    if header:
        out += ["NOTE"] + list(header) + [""]
    for who, atext in aturns:
        for c in chunks(atext):
            dur = max(1.5, nwords(c) / 2.6)
            out += [f"{ts(t)} --> {ts(t + dur)}", f"<v {labels[who]}>{c}</v>", ""]
            t += dur + 0.15
        t += 0.8
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(path, aturns, labels, start, newline="\r\n"):
    t, n, out = start, 1, []
    for who, atext in aturns:
        for i, c in enumerate(chunks(atext, maxw=20)):
            dur = max(1.2, nwords(c) / 2.6)
            text = f"{labels[who]}: {c}" if i == 0 else c
            out += [str(n), f"{ts(t, ',')} --> {ts(t + dur, ',')}", text, ""]
            n += 1
            t += dur + 0.1
        t += 0.7
    path.write_bytes(newline.join(out).encode("utf-8"))


# ---------------------------------------------------------------- main
def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, orient, idents, stats = [], [], [], []
    for doc in DOCS:
        cfg, paras = parse(doc)
        fmt = cfg["format"]
        lab_ann = [x.strip() for x in cfg["labels"].split(" | ")]
        labels = {"I": strip(lab_ann[0]), "R": strip(lab_ann[1])}
        header_a = [t for k, t, _ in paras if k == "H"]
        turns_a = [(k, t) for k, t, _ in paras if k != "H"]
        header = [strip(h) for h in header_a]
        turns = [(k, strip(t)) for k, t in turns_a]
        # alternation
        for i, (k, _) in enumerate(turns):
            if k != ("I" if i % 2 == 0 else "R"):
                sys.exit(f"{doc}: turn {i + 1} breaks alternation")
        # orientation rows
        idx = 0
        for k, t, o in paras:
            if k == "H":
                continue
            idx += 1
            if k == "R" and o in ("casus", "netwerk"):
                orient.append((doc, idx, o))
        # identifiers (header, labels, turns), first occurrence order
        seen = {}
        for s in header_a + lab_ann + [t for _, t in turns_a]:
            for text, typ in annotations(s):
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text!r} typed {seen[text]} and {typ}")
                seen.setdefault(text, typ)
        for text, typ in seen.items():
            idents.append((doc, text, typ))
        # warn about unannotated occurrences of known identifier strings
        for s in header_a + [t for _, t in turns_a]:
            bare = ANN.sub(lambda m: "\0" * len(m.group(1)), s)
            for text in seen:
                if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", bare):
                    print(f"  warning {doc}: unannotated {text!r} in: {strip(s)[:50]!r}")
        styles.append((doc, cfg["style"], cfg["rationale"]))

        ext = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt",
               "txt_spreker": "txt", "vtt": "vtt", "srt": "srt"}[fmt]
        path = OUT / f"{doc}.{ext}"
        start = float(cfg.get("start", "2"))
        if fmt in ("docx_bold", "docx_plain"):
            write_docx(path, header, turns, labels, bold=(fmt == "docx_bold"))
        elif fmt == "txt_cp1252":
            write_txt_ir(path, header, turns, labels, "cp1252", "\r\n")
        elif fmt == "txt_spreker":
            write_spreker(path, header, turns, labels, start)
        elif fmt == "vtt":
            write_vtt(path, header, turns_a, labels, start)
        elif fmt == "srt":
            write_srt(path, turns_a, labels, start)
        words = sum(nwords(t) for _, t in turns)
        rturns = sum(1 for k, _ in turns if k == "R")
        rwords = sum(nwords(t) for k, t in turns if k == "R")
        stats.append((doc, fmt, words, rwords, rturns, len(seen),
                      sum(1 for d, _, o in orient if d == doc and o == "casus"),
                      sum(1 for d, _, o in orient if d == doc and o == "netwerk")))

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
        w.writerows(idents)
    print("doc   format       words  resp_words  resp_turns  idents  casus  netwerk")
    for s in stats:
        print("{:5} {:12} {:5}  {:10}  {:10}  {:6}  {:5}  {:7}".format(*s))


if __name__ == "__main__":
    main()
