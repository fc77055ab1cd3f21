"""Build set KP: transcripts + styles.csv, orientation.csv, identifiers.csv from src/kpNN.txt.

Source format (one paragraph per turn, blank line between paragraphs):
  # key: value        metadata (format, ilabel, rlabel, style, rationale)
  H: text             header line
  I: text             interviewer turn
  R: text {tag}       respondent turn, tag = casus | netwerk | -
Identifiers inline as [[text|TYPE]]; labels in metadata may carry markup too.

Run: /work/main/.venv/bin/python src/build.py
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
DOCS = [f"kp0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir_cp1252": "txt", "txt_ts_utf8": "txt",
       "vtt": "vtt", "srt_crlf": "srt"}


def strip_ids(text, found):
    """Replace [[x|T]] by x; append (x, T, start, end) spans in the plain text to found."""
    out, pos, plain_len = [], 0, 0
    spans = []
    for m in ID_RE.finditer(text):
        chunk = text[pos:m.start()]
        out.append(chunk)
        plain_len += len(chunk)
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} in {text[:60]}")
        spans.append((plain_len, plain_len + len(ident)))
        found.append((ident, typ))
        out.append(ident)
        plain_len += len(ident)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"unbalanced markup: {plain[:80]}")
    return plain, spans


def parse(path):
    meta, header, turns, ids = {}, [], [], []
    raw = path.read_text(encoding="utf-8")
    for line in raw.splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
    paras = [p for p in re.split(r"\n\s*\n", raw) if p.strip() and not p.lstrip().startswith("#")]
    for p in paras:
        p = " ".join(l.strip() for l in p.strip().splitlines())
        kind, _, body = p.partition(": ")
        if kind not in ("H", "I", "R"):
            sys.exit(f"{path.name}: bad paragraph start {p[:40]!r}")
        tag = None
        if kind == "R":
            m = TAG_RE.search(body)
            if not m:
                sys.exit(f"{path.name}: respondent turn without tag: {body[:60]!r}")
            tag = m.group(1)
            body = body[:m.start()]
        plain, spans = strip_ids(body, ids)
        if kind == "H":
            header.append(plain)
        else:
            turns.append({"who": kind, "text": plain, "spans": spans, "tag": tag})
    labels = {}
    for key, who in (("ilabel", "I"), ("rlabel", "R")):
        plain, _ = strip_ids(meta[key], ids)
        labels[who] = plain
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["who"] != want:
            sys.exit(f"{path.name}: turn {i + 1} should be {want}")
    return meta, header, turns, labels, ids


SENT_RE = re.compile(r"(?<=[.!?])\s+")


def chunks(turn, max_words=28):
    """Split a turn into cue texts at sentence ends, never inside an identifier."""
    text, spans = turn["text"], turn["spans"]
    cuts = [m for m in SENT_RE.finditer(text)
            if not any(s < m.start() < e or s < m.end() < e for s, e in spans)]
    sents, pos = [], 0
    for m in cuts:
        sents.append(text[pos:m.start()])
        pos = m.end()
    sents.append(text[pos:])
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        if out and len(" ".join(cur).split()) < 7:
            out[-1] = out[-1] + " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, start=1.2):
    t, cues = start, []
    for turn in turns:
        for c in chunks(turn):
            dur = max(1.6, len(c.split()) / 2.5)
            cues.append((t, t + dur, labels[turn["who"]], c))
            t += dur + 0.25
        t += 0.9
    return cues


def write_docx(path, header, turns, labels, bold):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = doc.add_paragraph()
        r = p.add_run(h)
        r.italic = bold
    if header:
        doc.add_paragraph()
    for turn in turns:
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(labels[turn["who"]] + ":")
            r.bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(f"{labels[turn['who']]}: {turn['text']}")
    doc.save(path)


def build_doc(doc_id):
    meta, header, turns, labels, ids = parse(HERE / f"{doc_id}.txt")
    fmt = meta["format"]
    path = OUT / f"{doc_id}.{EXT[fmt]}"
    for old in OUT.glob(f"{doc_id}.*"):
        old.unlink()
    if fmt in ("docx_bold", "docx_plain"):
        write_docx(path, header, turns, labels, bold=(fmt == "docx_bold"))
    elif fmt == "txt_ir_cp1252":
        lines = header + [""] if header else []
        for turn in turns:
            lines += [f"{labels[turn['who']]}: {turn['text']}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt_ts_utf8":
        lines = header + [""] if header else []
        t = 2.0
        for turn in turns:
            hh, rem = divmod(int(t), 3600)
            mm, ss = divmod(rem, 60)
            lines += [f"[{hh:02d}:{mm:02d}:{ss:02d}] {labels[turn['who']]}: {turn['text']}", ""]
            t += len(turn["text"].split()) / 2.4 + 1.5
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + header + [""]
        for a, b, lab, c in timed_cues(turns, labels):
            lines += [f"{fmt_ts(a, '.')} --> {fmt_ts(b, '.')}", f"<v {lab}>{c}</v>", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt_crlf":
        lines = []
        for n, (a, b, lab, c) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}", f"{lab}: {c}", ""]
        path.write_bytes("\r\n".join(lines).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")

    # identifiers: one row per distinct string; warn on type conflicts and unmarked repeats
    seen = {}
    for ident, typ in ids:
        if ident in seen and seen[ident] != typ:
            print(f"WARN {doc_id}: {ident!r} typed {seen[ident]} and {typ}")
        seen.setdefault(ident, typ)
    orient = [(doc_id, i + 1, t["tag"]) for i, t in enumerate(turns)
              if t["who"] == "R" and t["tag"] in ("casus", "netwerk")]
    words = sum(len(re.findall(r"\w+(?:['’-]\w+)*", t["text"])) for t in turns)
    nresp = sum(1 for t in turns if t["who"] == "R")
    tags = [t["tag"] for t in turns if t["who"] == "R"]
    print(f"{doc_id}: {path.name:9s} words={words} resp_turns={nresp} ids={len(seen)} "
          f"casus={tags.count('casus')} netwerk={tags.count('netwerk')} none={tags.count('-')} "
          f"style={meta['style']}")
    return meta, orient, [(doc_id, k, v) for k, v in seen.items()]


def main():
    OUT.mkdir(exist_ok=True)
    styles, orient, idents = [], [], []
    for d in DOCS:
        meta, o, ids = build_doc(d)
        styles.append((d, meta["style"], meta["rationale"]))
        orient += o
        idents += ids
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


if __name__ == "__main__":
    main()
