#!/usr/bin/env python3
"""Build the setHU transcripts and csv files from the annotated sources.

Source format (src/huNN.txt):
  # key: value          metadata (format, labels, style, rationale)
  H: ...                header line (one paragraph per line of header)
  I: ...                interviewer turn
  R: ... {casus}        respondent turn, ending in {casus}, {netwerk} or {-}
Paragraphs are separated by blank lines. Identifiers are marked inline as
[[text|TYPE]]. Run with /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["hu01", "hu02", "hu03", "hu04", "hu05", "hu06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt-cp1252": "txt", "txt-ts": "txt"}


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta, header, turns = {}, [], []
    for block in re.split(r"\n\s*\n", raw):
        block = block.strip()
        if not block:
            continue
        lines = block.split("\n")
        rest = []
        for ln in lines:
            if ln.startswith("# "):
                k, v = ln[2:].split(":", 1)
                meta[k.strip()] = v.strip()
            else:
                rest.append(ln)
        if not rest:
            continue
        if rest[0].startswith("H:"):
            for ln in rest:
                assert ln.startswith("H:"), (doc_id, ln)
                header.append(ln[2:].strip())
            continue
        text = " ".join(x.strip() for x in rest)
        who, body = text[:2], text[2:].strip()
        assert who in ("I:", "R:"), (doc_id, text[:60])
        if who == "R:":
            m = TAG.search(body)
            assert m, (doc_id, "respondent turn without tag", body[:60])
            tag = m.group(1)
            body = TAG.sub("", body)
        else:
            assert not TAG.search(body), (doc_id, body[:60])
            tag = None
        turns.append({"who": who[0], "text": body, "tag": tag})
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        assert t["who"] == want, (doc_id, i + 1, "turns do not alternate")
    for k in ("format", "interviewer_label", "respondent_label", "style", "rationale"):
        assert k in meta, (doc_id, k)
    return meta, header, turns


def idents(doc_id, meta, header, turns):
    seen, rows = {}, []
    sources = [meta["interviewer_label"], meta["respondent_label"]] + header + [t["text"] for t in turns]
    for s in sources:
        for m in MARK.finditer(s):
            ident, typ = m.group(1), m.group(2)
            assert typ in TYPES, (doc_id, ident, typ)
            if ident in seen:
                assert seen[ident] == typ, (doc_id, ident, typ, seen[ident])
                continue
            seen[ident] = typ
            rows.append((doc_id, ident, typ))
    return rows


def words(s):
    return len(s.split())


def split_cues(text, maxw=22):
    """Split annotated text into cue texts at sentence ends, never inside [[...]]."""
    protected = []

    def keep(m):
        protected.append(m.group(0))
        return "\x00%d\x00" % (len(protected) - 1)

    t = MARK.sub(keep, text)
    sents = re.split(r"(?<=[.!?)])\s+(?=[A-Z(\x00\"'])", t)
    cues, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > maxw:
            cues.append(" ".join(cur))
            cur = [s]
        else:
            cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    restore = lambda c: re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], c)
    return [plain(restore(c)) for c in cues]


def timeline(turns, cue_split):
    """Yield (turn_index, start, end, cue_text) with invented but plausible timings."""
    t = 2.4
    out = []
    for i, turn in enumerate(turns):
        parts = split_cues(turn["text"]) if cue_split else [plain(turn["text"])]
        for p in parts:
            dur = max(1.2, words(p) / 2.55)
            out.append((i, t, t + dur, p))
            t += dur + 0.25
        t += 0.9
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def labels(meta):
    return plain(meta["interviewer_label"]), plain(meta["respondent_label"])


def write_docx(path, meta, header, turns, bold):
    li, lr = labels(meta)
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for t in turns:
        p = d.add_paragraph()
        lab = li if t["who"] == "I" else lr
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + plain(t["text"]))
    d.save(path)


def write_vtt(path, meta, header, turns):
    li, lr = labels(meta)
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    for i, a, b, txt in timeline(turns, True):
        lab = li if turns[i]["who"] == "I" else lr
        out.append("%s --> %s" % (ts(a, "."), ts(b, ".")))
        out.append("<v %s>%s" % (lab, txt))
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(path, meta, header, turns):
    li, lr = labels(meta)
    out = []
    for n, (i, a, b, txt) in enumerate(timeline(turns, True), 1):
        lab = li if turns[i]["who"] == "I" else lr
        out += [str(n), "%s --> %s" % (ts(a, ","), ts(b, ",")), "%s: %s" % (lab, txt), ""]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(out))


def write_txt_cp1252(path, meta, header, turns):
    li, lr = labels(meta)
    out = [plain(h) for h in header]
    if header:
        out.append("")
    for t in turns:
        lab = li if t["who"] == "I" else lr
        out.append("%s: %s" % (lab, plain(t["text"])))
        out.append("")
    data = "\r\n".join(out).encode("cp1252")
    with open(path, "wb") as f:
        f.write(data)


def write_txt_ts(path, meta, header, turns):
    li, lr = labels(meta)
    out = [plain(h) for h in header]
    if header:
        out.append("")
    starts = {}
    for i, a, b, txt in timeline(turns, False):
        starts.setdefault(i, a)
    for i, t in enumerate(turns):
        lab = li if t["who"] == "I" else lr
        out.append("[%s] %s: %s" % (ts(starts[i], ".")[:8], lab, plain(t["text"])))
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient, ids = [], [], []
    for doc_id in DOCS:
        meta, header, turns = parse(doc_id)
        fmt = meta["format"]
        path = os.path.join(OUT, "%s.%s" % (doc_id, EXT[fmt]))
        if fmt == "docx-bold":
            write_docx(path, meta, header, turns, True)
        elif fmt == "docx-plain":
            write_docx(path, meta, header, turns, False)
        elif fmt == "vtt":
            write_vtt(path, meta, header, turns)
        elif fmt == "srt":
            write_srt(path, meta, header, turns)
        elif fmt == "txt-cp1252":
            write_txt_cp1252(path, meta, header, turns)
        elif fmt == "txt-ts":
            write_txt_ts(path, meta, header, turns)
        else:
            raise SystemExit("unknown format " + fmt)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, t in enumerate(turns, 1):
            if t["tag"] in ("casus", "netwerk"):
                orient.append((doc_id, i, t["tag"]))
        ids += idents(doc_id, meta, header, turns)
        w = sum(words(plain(t["text"])) for t in turns)
        wr = sum(words(plain(t["text"])) for t in turns if t["who"] == "R")
        nr = sum(1 for t in turns if t["who"] == "R")
        tags = [t["tag"] for t in turns if t["who"] == "R"]
        print("%s %-10s %-15s words=%d (resp %d) resp_turns=%d casus=%d netwerk=%d ids=%d" % (
            doc_id, fmt, meta["style"], w, wr, nr, tags.count("casus"), tags.count("netwerk"),
            sum(1 for r in ids if r[0] == doc_id)))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        wcsv = csv.writer(f)
        wcsv.writerow(["doc_id", "style", "rationale"])
        wcsv.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        wcsv = csv.writer(f)
        wcsv.writerow(["doc_id", "turn_index", "orientation"])
        wcsv.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        wcsv = csv.writer(f)
        wcsv.writerow(["doc_id", "identifier", "type"])
        wcsv.writerows(ids)


if __name__ == "__main__":
    sys.exit(main())
