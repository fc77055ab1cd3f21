#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set LP from the annotated sources.

Source format (src/lpNN.src):
  #key: value          metadata (file, format, ilabel, rlabel, style, rationale)
  H: / I: / R: text    one paragraph per header line or turn; a paragraph may wrap over
                       several lines and ends at a blank line
  [[text|TYPE]]        inline identifier
  {casus} {netwerk} {-} orientation marker at the end of every respondent paragraph

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent
ROOT = SRC.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
MARK = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip_tags(text):
    return TAG.sub(lambda m: m.group(1), text)


def tags(text):
    out = []
    for m in TAG.finditer(text):
        if m.group(2) not in TYPES:
            raise ValueError(f"unknown type {m.group(2)} in {m.group(0)}")
        out.append((m.group(1), m.group(2)))
    return out


def parse(path):
    meta, paras, cur = {}, [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        if not line.strip():
            if cur:
                paras.append(cur)
            cur = None
            continue
        m = re.match(r"^(H|I|R): (.*)$", line)
        if m and cur is None:
            cur = [m.group(1), m.group(2)]
        elif cur is not None:
            cur[1] += " " + line.strip()
        else:
            raise ValueError(f"{path.name}: stray line {line[:40]!r}")
    if cur:
        paras.append(cur)
    header = [p[1] for p in paras if p[0] == "H"]
    turns = []
    for kind, text in paras:
        if kind == "H":
            continue
        orient = None
        if kind == "R":
            m = MARK.search(text)
            if not m:
                raise ValueError(f"{path.name}: respondent paragraph without marker: {text[:50]!r}")
            orient = m.group(1)
            text = text[:m.start()]
        elif MARK.search(text):
            raise ValueError(f"{path.name}: interviewer paragraph with marker")
        turns.append((kind, text.strip(), orient))
    for i, (kind, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if kind != want:
            raise ValueError(f"{path.name}: turn {i+1} is {kind}, expected {want}")
    return meta, header, turns


# ---------------------------------------------------------------- timing helpers
def words(text):
    return [w for w in strip_tags(text).split() if re.search(r"\w", w)]


def hms(sec, ms_sep=None):
    sec_i = int(sec)
    h, m, s = sec_i // 3600, (sec_i % 3600) // 60, sec_i % 60
    if ms_sep is None:
        return f"{h:02d}:{m:02d}:{s:02d}"
    ms = int(round((sec - sec_i) * 1000))
    if ms == 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{s:02d}{ms_sep}{ms:03d}"


def chunks(tagged_text, max_words=22):
    """Split a turn into cue-sized chunks at sentence ends (or commas), never inside an
    identifier or inside "Top X"."""
    tokens = re.findall(r"\[\[[^\]]+\]\][^\s]*|Top X\S*|\S+", tagged_text)
    out, cur = [], []
    for tok in tokens:
        cur.append(tok)
        plain = strip_tags(tok)
        n = len(cur)
        if ((n >= 7 and re.search(r"[.?!][)\"]?$", plain))
                or (n >= 13 and plain.endswith(","))
                or n >= max_words):
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def timeline(turns, start=4.0, wps=2.5):
    """Yield (kind, chunk_text, t0, t1) for every cue chunk."""
    t = start
    for kind, text, _ in turns:
        for ch in chunks(text):
            n = len(words(ch))
            dur = max(1.2, n / wps)
            yield kind, ch, t, t + dur
            t += dur + 0.25
        t += 0.8


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, ilabel, rlabel, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip_tags(h))
        r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        label = ilabel if kind == "I" else rlabel
        p = d.add_paragraph()
        r = p.add_run(f"{label}:")
        r.bold = bold
        p.add_run(" " + strip_tags(text))
    d.core_properties.author = "transcriptie"
    d.save(path)


def write_txt_ir(path, header, turns, enc, nl):
    lines = [strip_tags(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines.append(f"{kind}: {strip_tags(text)}")
        lines.append("")
    path.write_bytes(nl.join(lines).encode(enc))


def write_txt_ts(path, header, turns, ilabel, rlabel):
    lines = [strip_tags(h) for h in header] + [""]
    t = 3.0
    for kind, text, _ in turns:
        label = ilabel if kind == "I" else rlabel
        lines.append(f"[{hms(t)}] {label}: {strip_tags(text)}")
        lines.append("")
        t += len(words(text)) / 2.4 + 2.0
    path.write_text("\n".join(lines), encoding="utf-8")


def write_vtt(path, header, turns, ilabel, rlabel):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [strip_tags(h) for h in header]
        lines.append("")
    for kind, ch, t0, t1 in timeline(turns):
        label = ilabel if kind == "I" else rlabel
        lines.append(f"{hms(t0, '.')} --> {hms(t1, '.')}")
        lines.append(f"<v {label}>{strip_tags(ch)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_srt(path, header, turns, ilabel, rlabel):
    assert not header, "srt has no header"
    lines = []
    for n, (kind, ch, t0, t1) in enumerate(timeline(turns, start=1.5), 1):
        label = ilabel if kind == "I" else rlabel
        lines += [str(n), f"{hms(t0, ',')} --> {hms(t1, ',')}", f"{label}: {strip_tags(ch)}", ""]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))


# ---------------------------------------------------------------- main
def main():
    OUT.mkdir(exist_ok=True)
    styles, orient_rows, ident_rows = [], [], []
    for src in sorted(SRC.glob("lp*.src")):
        doc = src.stem
        meta, header, turns = parse(src)
        ilabel_t, rlabel_t = meta["ilabel"], meta["rlabel"]
        ilabel, rlabel = strip_tags(ilabel_t), strip_tags(rlabel_t)
        fmt = meta["format"]
        path = OUT / meta["file"]
        for old in OUT.glob(doc + ".*"):
            old.unlink()
        if fmt == "docx_bold":
            write_docx(path, header, turns, ilabel, rlabel, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, ilabel, rlabel, bold=False)
        elif fmt == "txt_ir_cp1252":
            write_txt_ir(path, header, turns, "cp1252", "\r\n")
        elif fmt == "txt_ts_utf8":
            write_txt_ts(path, header, turns, ilabel, rlabel)
        elif fmt == "vtt":
            write_vtt(path, header, turns, ilabel, rlabel)
        elif fmt == "srt":
            write_srt(path, header, turns, ilabel, rlabel)
        else:
            raise ValueError(fmt)

        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (kind, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        seen = {}
        label_tags = tags(ilabel_t) + tags(rlabel_t)
        for h in header:
            for s, t in tags(h):
                seen.setdefault(s, t)
        for s, t in label_tags:
            seen.setdefault(s, t)
        for _, text, _ in turns:
            for s, t in tags(text):
                if seen.setdefault(s, t) != t:
                    raise ValueError(f"{doc}: {s!r} tagged with two types")
        # every occurrence of a tagged string should be tagged (warn only)
        plain_all = "\n".join(strip_tags(x) for x in header + [t[1] for t in turns])
        tagged_all = "\n".join(header + [t[1] for t in turns])
        untagged = TAG.sub("", tagged_all)
        for s in seen:
            if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", untagged):
                print(f"warning {doc}: untagged occurrence of {s!r}", file=sys.stderr)
        for s, t in seen.items():
            ident_rows.append((doc, s, t))
        nw = sum(len(words(t[1])) for t in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        print(f"{doc}: {path.name:10s} words={nw} respondent_turns={nr} "
              f"identifiers={len(seen)} oriented={sum(1 for r in orient_rows if r[0]==doc)}")

    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)


if __name__ == "__main__":
    main()
