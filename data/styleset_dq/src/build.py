#!/usr/bin/env python3
"""Build set DQ: transcripts + csv files from the annotated sources in this folder.

Source format (src/dqNN.txt):
  '# key: value'   metadata (doc, style, rationale, format, labels = interviewer|respondent)
  'H: text'        header line of the transcript (may contain identifier marks)
  'I: text'        interviewer turn (one paragraph)
  'R: text {casus}' respondent turn; optional trailing {casus} / {netwerk} orientation mark
  '[[text|TYPE]]'  identifier, rendered as 'text', listed in identifiers.csv
Run with an interpreter that has python-docx (e.g. /work/main/.venv/bin/python).
"""
import csv
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"

IDENT = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "srt": "srt", "vtt": "vtt",
       "txt-utf8": "txt", "txt-cp1252-timestamps": "txt"}
FORMAT_LABEL = {"docx-bold": "docx (bold speaker runs)", "docx-plain": "docx (plain initials)",
                "srt": "SubRip .srt", "vtt": "WebVTT (<v Name>)", "txt-utf8": "txt UTF-8 (I:/R:)",
                "txt-cp1252-timestamps": "txt Windows-1252 ([hh:mm:ss] Spreker n:)"}


def strip_ids(text, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return IDENT.sub(rep, text)


def parse(path):
    meta, header, turns, ids = {}, [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            k, v = line[2:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif line.startswith("H: "):
            header.append(strip_ids(line[3:], ids))
        elif line.startswith(("I: ", "R: ")):
            who, text = line[0], line[3:]
            orient = None
            m = ORIENT.search(text)
            if m:
                orient, text = m.group(1), text[: m.start()]
            if who == "I" and orient:
                raise SystemExit(f"{path.name}: orientation mark on interviewer turn")
            turns.append((who, strip_ids(text.strip(), ids), orient))
        else:
            raise SystemExit(f"{path.name}: cannot parse line: {line[:60]}")
    for n, (who, _, _) in enumerate(turns):
        if who != ("I" if n % 2 == 0 else "R"):
            raise SystemExit(f"{path.name}: turns do not alternate at turn {n + 1}")
    return meta, header, turns, ids


def timings(turns, start=2.0):
    t, out = start, []
    for _, text, _ in turns:
        dur = max(2.0, len(text.split()) / 2.6)
        out.append((t, t + dur))
        t += dur + 0.8
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write(meta, header, turns, dest):
    fmt = meta["format"]
    il, rl = meta["labels"].split("|")
    lab = lambda who: il if who == "I" else rl
    if fmt.startswith("docx"):
        import docx
        d = docx.Document()
        for k, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = (k == 0)
        d.add_paragraph("")
        for who, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                p.add_run(lab(who) + ":").bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{lab(who)}: {text}")
        d.save(dest)
    elif fmt == "srt":
        lines = []
        for n, ((who, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab(who)}: {text}", ""]
        dest.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines += header + [""]
        for (who, text, _), (a, b) in zip(turns, timings(turns, 1.0)):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab(who)}>{text}", ""]
        dest.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "txt-utf8":
        body = header + [""] + [f"{lab(w)}: {t}\n" for w, t, _ in turns]
        dest.write_text("\n".join(body), encoding="utf-8")
    elif fmt == "txt-cp1252-timestamps":
        body = header + [""]
        for (who, text, _), (a, _b) in zip(turns, timings(turns, 4.0)):
            body.append(f"[{ts(a, '.')[:8]}] {lab(who)}: {text}")
            body.append("")
        with open(dest, "w", encoding="cp1252", newline="\r\n") as f:
            f.write("\n".join(body))
    else:
        raise SystemExit(f"unknown format {fmt}")


def main():
    TR.mkdir(exist_ok=True)
    styles, orient_rows, id_rows, table = [], [], [], []
    for src in sorted(SRC.glob("dq??.txt")):
        meta, header, turns, ids = parse(src)
        doc = meta["doc"]
        dest = TR / f"{doc}.{EXT[meta['format']]}"
        write(meta, header, turns, dest)
        styles.append((doc, meta["style"], meta["rationale"]))
        for n, (who, _, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((doc, n, o))
        seen = set()
        for ident, typ in ids:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                id_rows.append((doc, ident, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        nresp = sum(1 for w, _, _ in turns if w == "R")
        table.append((doc, meta["style"], FORMAT_LABEL[meta["format"]], dest.name, words, nresp))
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(SRC / "stats.tsv", "w", encoding="utf-8") as f:
        f.write("doc\tstyle\tformat\tfile\twords\trespondent_turns\n")
        for row in table:
            f.write("\t".join(map(str, row)) + "\n")
    for row in table:
        print(*row, sep="\t")


if __name__ == "__main__":
    main()
