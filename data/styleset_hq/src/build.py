"""Build the setHQ transcripts and csv files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/hqNN.txt):
  #format: docx-plain | docx-bold | txt-ir-cp1252 | txt-ts | vtt | srt
  #style: casusgericht | netwerkgericht | onbepaald
  #rationale: one sentence
  #label I: <interviewer label>   (may contain [[Name|PERSOON]])
  #label R: <respondent label>
  then paragraphs separated by blank lines, each starting with
  "H: " (header), "I: " (interviewer turn) or "R: " (respondent turn).
  Identifiers inline as [[text|TYPE]]; respondent paragraphs end in
  {casus}, {netwerk} or {-}.
"""
import csv
import glob
import os
import re

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx-plain": "docx", "docx-bold": "docx", "txt-ir-cp1252": "txt",
       "txt-ts": "txt", "vtt": "vtt", "srt": "srt"}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse(path):
    doc_id = os.path.splitext(os.path.basename(path))[0]
    text = open(path, encoding="utf-8").read()
    meta, labels, header, turns = {}, {}, [], []
    idents = []  # (string, type) in order of appearance
    body = []
    for line in text.split("\n"):
        if line.startswith("#label "):
            who, lab = line[len("#label "):].split(":", 1)
            labels[who.strip()] = lab.strip()
        elif line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    paras = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(body)) if p.strip()]
    for lab in labels.values():
        for m in ANN.finditer(lab):
            idents.append((m.group(1), m.group(2)))
    for p in paras:
        p = " ".join(p.split())
        kind, rest = p[:2], p[3:]
        for m in ANN.finditer(rest):
            idents.append((m.group(1), m.group(2)))
        if kind == "H:":
            header.append(rest)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", rest)
                if not m:
                    raise SystemExit(f"{doc_id}: respondent paragraph without tag: {rest[:60]}")
                orient = m.group(1)
                rest = rest[:m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}$", rest):
                raise SystemExit(f"{doc_id}: interviewer paragraph with tag")
            turns.append((kind[0], rest, orient))
        else:
            raise SystemExit(f"{doc_id}: bad paragraph start: {p[:40]}")
    for s, t in idents:
        if t not in TYPES:
            raise SystemExit(f"{doc_id}: bad type {t}")
    return doc_id, meta, labels, header, turns, idents


def units(annotated):
    """Whitespace-separated units, keeping [[...]] identifiers atomic."""
    return re.findall(r"(?:\[\[.+?\]\]|\S)+", annotated)


def wrap(annotated, width):
    lines, cur = [], ""
    for u in units(annotated):
        w = plain(u)
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    if cur:
        lines.append(cur)
    return lines


def chunks(annotated, max_words=18):
    """Split a turn into cue-sized pieces at sentence ends (identifiers atomic)."""
    us = units(annotated)
    sents, cur = [], []
    for u in us:
        cur.append(u)
        if re.search(r"[.?!](\)|\")?$", plain(u)) and not re.fullmatch(r"[A-Z]\.", plain(u)):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    out, buf = [], []
    for s in sents:
        if buf and len(buf) + len(s) > max_words:
            out.append(buf)
            buf = []
        buf = buf + s
        if len(buf) >= max_words:
            out.append(buf)
            buf = []
    if buf:
        out.append(buf)
    return [" ".join(c) for c in out]


def nwords(s):
    return len(plain(s).split())


def ts_hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def ts_ms(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_docx(path, header, turns, labels, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if bold:
            r.italic = True
    if header:
        d.add_paragraph("")
    for who, text, _ in turns:
        lab = plain(labels[who])
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(lab + ": " + plain(text))
    d.core_properties.author = "transcriptie"
    d.save(path)


def build_txt_ir(path, header, turns, labels):
    lines = [plain(h) for h in header] + [""]
    for who, text, _ in turns:
        lines.append(f"{plain(labels[who])}: {plain(text)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    open(path, "wb").write(data)


def build_txt_ts(path, header, turns, labels):
    lines = [plain(h) for h in header] + [""]
    t = 3.0
    for who, text, _ in turns:
        lines.append(f"[{ts_hms(t)}] {plain(labels[who])}: {plain(text)}")
        t += nwords(text) / 2.2 + 1.8
    open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines) + "\n")


def build_vtt(path, header, turns, labels):
    out = ["WEBVTT", ""]
    for h in header:
        out += [plain(h), ""]
    t = 1.2
    for who, text, _ in turns:
        lab = plain(labels[who])
        for c in chunks(text):
            dur = max(1.2, nwords(c) / 2.3)
            out += [f"{ts_ms(t, '.')} --> {ts_ms(t + dur, '.')}", f"<v {lab}>{plain(c)}</v>", ""]
            t += dur + 0.25
        t += 0.6
    open(path, "w", encoding="utf-8", newline="\n").write("\n".join(out))


def build_srt(path, header, turns, labels):
    out = []
    t = 0.8
    for i, (who, text, _) in enumerate(turns, 1):
        lab = plain(labels[who])
        dur = max(1.5, nwords(text) / 2.3)
        out.append(str(i))
        out.append(f"{ts_ms(t, ',')} --> {ts_ms(t + dur, ',')}")
        out += wrap(f"{lab}: {text}", 84)
        out.append("")
        t += dur + 0.7
    data = "\r\n".join(out) + "\r\n"
    open(path, "wb").write(data.encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient_rows, ident_rows = [], [], []
    for src in sorted(glob.glob(os.path.join(HERE, "hq*.txt"))):
        doc_id, meta, labels, header, turns, idents = parse(src)
        fmt = meta["format"]
        for i, (who, _, _) in enumerate(turns, 1):
            if (who == "I") != (i % 2 == 1):
                raise SystemExit(f"{doc_id}: turns do not alternate at {i}")
        path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
        for old in glob.glob(os.path.join(OUT, doc_id + ".*")):
            os.remove(old)
        if fmt == "docx-plain":
            build_docx(path, header, turns, labels, bold=False)
        elif fmt == "docx-bold":
            build_docx(path, header, turns, labels, bold=True)
        elif fmt == "txt-ir-cp1252":
            build_txt_ir(path, header, turns, labels)
        elif fmt == "txt-ts":
            build_txt_ts(path, header, turns, labels)
        elif fmt == "vtt":
            build_vtt(path, header, turns, labels)
        elif fmt == "srt":
            build_srt(path, header, turns, labels)
        else:
            raise SystemExit(f"{doc_id}: unknown format {fmt}")
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (who, _, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        seen = {}
        for s, t in idents:
            if s in seen and seen[s] != t:
                raise SystemExit(f"{doc_id}: {s!r} has two types")
            if s not in seen:
                seen[s] = t
                ident_rows.append((doc_id, s, t))
        words = sum(nwords(t) for _, t, _ in turns)
        nresp = sum(1 for w, _, _ in turns if w == "R")
        print(f"{doc_id}: {fmt:14s} words={words} resp_turns={nresp} idents={len(seen)} "
              f"casus={sum(1 for _, _, o in turns if o == 'casus')} "
              f"netwerk={sum(1 for _, _, o in turns if o == 'netwerk')}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)


if __name__ == "__main__":
    main()
