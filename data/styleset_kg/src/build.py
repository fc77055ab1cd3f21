"""Build the setKG transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/kgNN.txt):
  #key: value         meta lines (doc, format, labels, style, rationale, start, respondent)
  H: / I: / R: ...    one paragraph per turn (blank line between paragraphs)
  [[text|TYPE]]       inline identifier
  {casus} {netwerk} {-}   orientation tag at the end of every R: paragraph
  " ¶ "               paragraph break inside a turn (docx only)
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252": "txt", "txt-ts": "txt",
       "vtt": "vtt", "srt": "srt"}
WPS = 2.55  # spoken words per second for invented timings


def strip_ids(text, ids):
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            raise ValueError(f"bad type {t} for {s}")
        ids.append((s, t))
        return s
    return ID_RE.sub(rep, text)


def parse(path):
    meta, paras = {}, []
    raw = path.read_text(encoding="utf-8")
    body = []
    for line in raw.splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    blocks = re.split(r"\n\s*\n", "\n".join(body).strip())
    ids = []
    header, turns = [], []
    for b in blocks:
        b = " ".join(x.strip() for x in b.splitlines())
        kind, _, text = b.partition(": ")
        if kind == "H":
            header.append(strip_ids(text, ids))
            continue
        if kind not in ("I", "R"):
            raise ValueError(f"{path.name}: bad paragraph {b[:40]!r}")
        orient = None
        if kind == "R":
            m = TAG_RE.search(text)
            if not m:
                raise ValueError(f"{path.name}: respondent paragraph without tag: {text[:50]!r}")
            orient = m.group(1)
            text = text[: m.start()]
        elif TAG_RE.search(text):
            raise ValueError(f"{path.name}: interviewer paragraph with tag")
        turns.append({"spk": kind, "ann": text.strip(), "text": strip_ids(text.strip(), ids),
                      "orient": orient})
    labels = {}
    for part in meta["labels"].split(" | "):
        k, _, v = part.strip().partition("=")
        labels[k.strip()] = strip_ids(v.strip(), ids)
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["spk"] != want:
            raise ValueError(f"{path.name}: turn {i+1} should be {want}")
    return meta, header, turns, labels, ids


def plain(t):
    return t.replace(" ¶ ", " ")


def words(t):
    return len(plain(t).split())


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


ABBR = ("mr.", "dr.", "mw.", "dhr.", "bijv.", "o.a.", "ca.")


def chunks(ann, maxw=17):
    """Split an annotated turn into cue texts, never inside an identifier."""
    keep = []

    def hide(m):
        keep.append(m.group(1))
        return f"\x00{len(keep)-1}\x00"
    hidden = ID_RE.sub(hide, plain(ann))
    toks = hidden.split()
    sents, cur = [], []
    for tok in toks:
        cur.append(tok)
        if re.search(r"[.!?…]\)?$|[.!?]\"$", tok) and tok.lower() not in ABBR:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    out, buf = [], []
    for s in sents:
        while len(s) > maxw + 6:  # very long sentence: cut at a comma near maxw
            cut = None
            for j in range(min(len(s), maxw + 4) - 1, 5, -1):
                if s[j].endswith(","):
                    cut = j + 1
                    break
            cut = cut or maxw
            if buf:
                out.append(buf)
                buf = []
            out.append(s[:cut])
            s = s[cut:]
        if buf and len(buf) + len(s) > maxw:
            out.append(buf)
            buf = []
        buf = buf + s
    if buf:
        out.append(buf)
    res = []
    for c in out:
        txt = " ".join(c)
        txt = re.sub("\x00(\\d+)\x00", lambda m: keep[int(m.group(1))], txt)
        res.append(txt)
    return res


def timeline(turns, start):
    t = start
    out = []
    for tr in turns:
        out.append(t)
        t += words(tr["text"]) / WPS + 0.9
    return out


def build_docx(meta, header, turns, labels, path, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        if bold and h is header[0]:
            r.bold = True
    if header:
        d.add_paragraph()
    for tr in turns:
        lab = labels[tr["spk"]]
        parts = tr["text"].split(" ¶ ")
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + parts[0])
        for extra in parts[1:]:
            d.add_paragraph(extra)
    d.save(path)


def build_txt_cp1252(meta, header, turns, labels, path):
    lines = list(header)
    if header:
        lines.append("")
    for tr in turns:
        lines.append(f"{labels[tr['spk']]}: {plain(tr['text'])}")
        lines.append("")
    data = "\r\n".join(lines).rstrip("\r\n") + "\r\n"
    path.write_bytes(data.encode("cp1252"))


def build_txt_ts(meta, header, turns, labels, path):
    start = float(meta.get("start", "3"))
    times = timeline(turns, start)
    lines = list(header)
    if header:
        lines.append("")
    for tr, t in zip(turns, times):
        lines.append(f"[{ts(t)[:8]}] {labels[tr['spk']]}: {plain(tr['text'])}")
        lines.append("")
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def cue_times(turns, start):
    t = start
    for tr in turns:
        for c in chunks(tr["ann"]):
            dur = max(1.2, len(c.split()) / WPS)
            yield tr, c, t, t + dur
            t += dur + 0.15
        t += 0.8


def build_vtt(meta, header, turns, labels, path):
    start = float(meta.get("start", "2"))
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    for tr, c, a, b in cue_times(turns, start):
        lines.append(f"{ts(a)} --> {ts(b)}")
        lines.append(f"<v {labels[tr['spk']]}>{c}")
        lines.append("")
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def build_srt(meta, header, turns, labels, path):
    start = float(meta.get("start", "1"))
    lines = []
    n = 0
    for tr, c, a, b in cue_times(turns, start):
        n += 1
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{labels[tr['spk']]}: {c}", ""]
    data = "\r\n".join(lines).rstrip("\r\n") + "\r\n"
    path.write_bytes(data.encode("utf-8"))


def main():
    TR.mkdir(exist_ok=True)
    styles, orient, idrows = [], [], []
    for f in sorted(SRC.glob("kg*.txt")):
        meta, header, turns, labels, ids = parse(f)
        doc = meta["doc"]
        fmt = meta["format"]
        for old in TR.glob(doc + ".*"):
            old.unlink()
        out = TR / f"{doc}.{EXT[fmt]}"
        if fmt == "docx-bold":
            build_docx(meta, header, turns, labels, out, True)
        elif fmt == "docx-plain":
            build_docx(meta, header, turns, labels, out, False)
        elif fmt == "txt-cp1252":
            build_txt_cp1252(meta, header, turns, labels, out)
        elif fmt == "txt-ts":
            build_txt_ts(meta, header, turns, labels, out)
        elif fmt == "vtt":
            build_vtt(meta, header, turns, labels, out)
        elif fmt == "srt":
            build_srt(meta, header, turns, labels, out)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, tr in enumerate(turns, 1):
            if tr["spk"] == "R" and tr["orient"] in ("casus", "netwerk"):
                orient.append((doc, i, tr["orient"]))
        seen = {}
        for s, t in ids:
            if s in seen and seen[s] != t:
                raise ValueError(f"{doc}: {s!r} typed both {seen[s]} and {t}")
            if s not in seen:
                seen[s] = t
                idrows.append((doc, s, t))
        nw = sum(words(t["text"]) for t in turns)
        nr = sum(1 for t in turns if t["spk"] == "R")
        oc = {k: sum(1 for t in turns if t["orient"] == k) for k in ("casus", "netwerk", "-")}
        print(f"{doc} {fmt:10s} words={nw} turns={len(turns)} resp={nr} ids={len(seen)} {oc}")
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)


if __name__ == "__main__":
    sys.exit(main())
