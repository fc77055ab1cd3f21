"""Build the six transcripts of set JS and styles.csv, orientation.csv, identifiers.csv
from the annotated sources in this folder.

Source format (one file per document, src/<doc_id>.src, UTF-8):
  @format  docx_bold | docx_plain | txt_cp1252 | txt_ts | vtt | srt
  @ilabel  interviewer speaker label (may be annotated, e.g. [[Lotte|PERSOON]])
  @rlabel  respondent speaker label
  @style / @rationale   label for styles.csv
  then paragraphs separated by blank lines:
  H: header line    I: interviewer turn    R: respondent turn ending in {casus} {netwerk} or {-}
  identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = ["js01", "js02", "js03", "js04", "js05", "js06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt", "txt_ts": "txt", "vtt": "vtt", "srt": "srt"}
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")


def strip(s, ids):
    def rep(m):
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ!r} for {text!r}")
        ids.append((text, typ))
        return text
    out = ANN.sub(rep, s)
    if "[[" in out or "]]" in out:
        sys.exit(f"unbalanced annotation in: {s[:80]}")
    return out


def parse(doc):
    raw = (HERE / f"{doc}.src").read_text(encoding="utf-8")
    cfg, header, turns, ids = {}, [], [], []
    for para in re.split(r"\n\s*\n", raw.strip()):
        lines = [x for x in para.split("\n") if x.strip()]
        cfg_lines = [x for x in lines if x.startswith("@")]
        for x in cfg_lines:
            k, _, v = x[1:].partition(" ")
            cfg[k] = v.strip()
        lines = [x for x in lines if not x.startswith("@")]
        if not lines:
            continue
        text = " ".join(x.strip() for x in lines)
        kind, _, body = text.partition(": ")
        if kind == "H":
            header.append(strip(body, ids))
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", body)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without tag: {body[:60]}")
                tag = m.group(1)
                body = body[: m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}\s*$", body):
                sys.exit(f"{doc}: tag on interviewer paragraph")
            turns.append((kind, strip(body, ids), tag))
        else:
            sys.exit(f"{doc}: bad paragraph start {text[:30]!r}")
    cfg["ilabel"] = strip(cfg["ilabel"], ids)
    cfg["rlabel"] = strip(cfg["rlabel"], ids)
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t[0] != want:
            sys.exit(f"{doc}: turn {i + 1} should be {want}")
    return cfg, header, turns, ids


def words(text):
    text = re.sub(r"\([^)]*\)", " ", text)
    return len([w for w in text.split() if re.search(r"\w", w)])


def chunks(text, limit=22):
    """Split a turn into cue texts at sentence (or, for long sentences, comma) boundaries."""
    sents = re.split(r"(?<=[.!?])\s+", text.strip())
    pieces = []
    for s in sents:
        if words(s) > limit + 6:
            parts = re.split(r"(?<=,)\s+", s)
            cur = ""
            for p in parts:
                if cur and words(cur + " " + p) > limit:
                    pieces.append(cur)
                    cur = p
                else:
                    cur = (cur + " " + p).strip()
            if cur:
                pieces.append(cur)
        else:
            pieces.append(s)
    out, cur = [], ""
    for p in pieces:
        if cur and words(cur + " " + p) > limit:
            out.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        out.append(cur)
    return out


def dur(text):
    return max(1.4, len(text.split()) / 2.45)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def label_of(cfg, kind):
    return cfg["ilabel"] if kind == "I" else cfg["rlabel"]


def build_docx(doc, cfg, header, turns, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(h)
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        p = d.add_paragraph()
        lab = label_of(cfg, kind)
        if bold:
            r = p.add_run(f"{lab}:")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{lab}: {text}")
    path = OUT / f"{doc}.docx"
    d.save(path)
    return path


def build_txt_cp1252(doc, cfg, header, turns):
    lines = list(header) + [""]
    for kind, text, _ in turns:
        lines.append(f"{label_of(cfg, kind)}: {text}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    path = OUT / f"{doc}.txt"
    path.write_bytes(data)
    return path


def build_txt_ts(doc, cfg, header, turns):
    lines = list(header) + [""]
    t = 3.0
    for kind, text, _ in turns:
        lines.append(f"[{ts(t, ',')[:8]}] {label_of(cfg, kind)}: {text}")
        lines.append("")
        t += dur(text) + 1.1
    path = OUT / f"{doc}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build_vtt(doc, cfg, header, turns):
    lines = ["WEBVTT", "", "NOTE"] + list(header) + [""]
    t = 1.2
    n = 0
    for kind, text, _ in turns:
        lab = label_of(cfg, kind)
        for c in chunks(text):
            n += 1
            d = dur(c)
            lines += [f"{n}", f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {lab}>{c}</v>", ""]
            t += d + 0.25
        t += 0.7
    path = OUT / f"{doc}.vtt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build_srt(doc, cfg, header, turns):
    lines = []
    t = 0.8
    n = 0
    for kind, text, _ in turns:
        lab = label_of(cfg, kind)
        for k, c in enumerate(chunks(text, 18)):
            n += 1
            d = dur(c)
            body = f"{lab}: {c}" if k == 0 else c
            lines += [f"{n}", f"{ts(t, ',')} --> {ts(t + d, ',')}", body, ""]
            t += d + 0.2
        t += 0.6
    path = OUT / f"{doc}.srt"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    return path


def raw_text(path):
    if path.suffix == ".docx":
        d = Document(path)
        return "\n".join(p.text for p in d.paragraphs)
    enc = "cp1252" if path.name == "js02.txt" else "utf-8"
    return path.read_bytes().decode(enc)


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, idrows, summary = [], [], [], []
    for doc in DOCS:
        cfg, header, turns, ids = parse(doc)
        fmt = cfg["format"]
        if fmt == "docx_bold":
            path = build_docx(doc, cfg, header, turns, True)
        elif fmt == "docx_plain":
            path = build_docx(doc, cfg, header, turns, False)
        elif fmt == "txt_cp1252":
            path = build_txt_cp1252(doc, cfg, header, turns)
        elif fmt == "txt_ts":
            path = build_txt_ts(doc, cfg, header, turns)
        elif fmt == "vtt":
            path = build_vtt(doc, cfg, header, turns)
        elif fmt == "srt":
            path = build_srt(doc, cfg, header, turns)
        else:
            sys.exit(f"{doc}: unknown format {fmt}")
        styles.append((doc, cfg["style"], cfg["rationale"]))
        for i, (kind, _, tag) in enumerate(turns, start=1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient.append((doc, i, tag))
        seen = {}
        for text, typ in ids:
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc}: {text!r} typed both {seen[text]} and {typ}")
            if text not in seen:
                seen[text] = typ
                idrows.append((doc, text, typ))
        full = raw_text(path)
        for text in seen:
            if text not in full:
                sys.exit(f"{doc}: identifier {text!r} not verbatim in {path.name}")
        # warn about name parts that occur standalone but are not listed
        spoken = " ".join(t for _, t, _ in turns)
        for text, typ in seen.items():
            if typ in ("PERSOON", "ORGANISATIE_NAAM") and " " in text:
                for part in text.split():
                    if len(part) > 3 and part[0].isupper() and part not in seen:
                        rest = spoken.replace(text, " ")
                        for other in seen:
                            rest = rest.replace(other, " ")
                        if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", rest):
                            print(f"warning {doc}: {part!r} occurs outside listed identifiers")
        nw = sum(words(t) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        tags = [t for k, _, t in turns if k == "R"]
        summary.append((doc, fmt, path.name, nw, nr, tags.count("casus"), tags.count("netwerk"), len(seen)))
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
        w.writerows(idrows)
    for s in summary:
        print("{} {:10s} {:9s} words={} resp_turns={} casus={} netwerk={} ids={}".format(*s))


if __name__ == "__main__":
    main()
