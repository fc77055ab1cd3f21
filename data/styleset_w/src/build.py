#!/usr/bin/env python3
"""Build setW transcripts and csv files from the annotated sources in this folder.

Source format (one file per document, src/<id>.src):
  @key: value          metadata (format, ilabel, rlabel, style, rationale)
  H: text              header line (not a turn)
  I: text / R: text    one turn per paragraph (interviewer / respondent), strictly alternating
  [[text|TYPE]]        identifying detail, written out as `text`
  {casus} / {netwerk}  at the end of a respondent paragraph: its orientation
Run with a python that has python-docx (only needed for the .docx output).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, "transcripts")
IDS = ["bw01", "bw02", "bw03", "bw04", "bw05", "bw06"]
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt-cp1252": "txt",
       "txt-utf8": "txt", "txt-timestamps": "txt"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
OR_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")


def strip_ids(text, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(rep, text)


def parse(doc_id):
    meta, header, turns, idents = {}, [], [], []
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
            elif line.startswith("H: "):
                header.append(strip_ids(line[3:], idents))
            elif line[:3] in ("I: ", "R: "):
                spk = line[0]
                body = line[3:]
                orient = None
                m = OR_RE.search(body)
                if m:
                    orient = m.group(1)
                    body = body[:m.start()]
                    if spk != "R":
                        raise ValueError(f"{doc_id}: orientation on interviewer turn")
                body = strip_ids(body, idents).strip()
                turns.append({"spk": spk, "text": body, "orient": orient})
            else:
                raise ValueError(f"{doc_id}: unparsed line: {line[:60]}")
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["spk"] != want:
            raise ValueError(f"{doc_id}: turn {i+1} should be {want}")
    return meta, header, turns, idents


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns):
    t = 2.0
    out = []
    for tr in turns:
        dur = max(1.5, len(tr["text"].split()) / 2.6)
        out.append((t, t + dur))
        t += dur + 0.9
    return out


def label(meta, t):
    return meta["ilabel"] if t["spk"] == "I" else meta["rlabel"]


def write(doc_id, meta, header, turns):
    fmt = meta["format"]
    path = os.path.join(TDIR, f"{doc_id}.{EXT[fmt]}")
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        for t in turns:
            p = d.add_paragraph()
            r = p.add_run(label(meta, t) + ":")
            r.bold = True
            p.add_run(" " + t["text"])
        d.save(path)
    elif fmt == "srt":
        lines = []
        for n, (t, (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label(meta, t)}: {t['text']}", ""]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
    elif fmt == "vtt":
        lines = ["WEBVTT", "", "NOTE interview 4, Top600-ketenfunctie verslavingszorg", ""]
        for t, (a, b) in zip(turns, timings(turns)):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label(meta, t)}>{t['text']}", ""]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
    elif fmt in ("txt-cp1252", "txt-utf8"):
        parts = header + [""] if header else []
        for t in turns:
            parts += [f"{label(meta, t)}: {t['text']}", ""]
        text = "\n".join(parts)
        if fmt == "txt-cp1252":
            with open(path, "wb") as fh:
                fh.write(text.replace("\n", "\r\n").encode("cp1252"))
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
    elif fmt == "txt-timestamps":
        parts = header + [""]
        for t, (a, _b) in zip(turns, timings(turns)):
            parts += [f"[{ts(a, ',')[:8]}] {label(meta, t)}: {t['text']}", ""]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(parts))
    else:
        raise ValueError(fmt)
    return os.path.basename(path)


def main():
    os.makedirs(TDIR, exist_ok=True)
    styles, orients, idrows, table = [], [], [], []
    for doc_id in IDS:
        meta, header, turns, idents = parse(doc_id)
        fname = write(doc_id, meta, header, turns)
        styles.append((doc_id, meta["style"], meta["rationale"].strip('"')))
        for i, t in enumerate(turns, 1):
            if t["orient"]:
                orients.append((doc_id, i, t["orient"]))
        seen = set()
        for ident, typ in idents:
            if ident not in seen:
                seen.add(ident)
                idrows.append((doc_id, ident, typ))
        words = sum(len(t["text"].split()) for t in turns)
        rturns = sum(1 for t in turns if t["spk"] == "R")
        nc = sum(1 for t in turns if t["orient"] == "casus")
        nn = sum(1 for t in turns if t["orient"] == "netwerk")
        table.append((doc_id, meta["style"], fname, words, rturns, nc, nn))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    for row in table:
        print("{}\t{}\t{}\twords={}\trturns={}\tcasus={}\tnetwerk={}".format(*row))


if __name__ == "__main__":
    main()
