#!/usr/bin/env python3
"""Build transcripts + csv files for set DI from the annotated sources in src/*.src.

Source format:
  key: value lines (id, format, encoding, label_I, label_R, header (repeatable), ident (repeatable: text|TYPE))
  ---
  one turn per line: "I: text" or "R: text [~casus|~netwerk]"
  identifiers inline as {{verbatim text|TYPE}}

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python) for the .docx outputs.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDENT_RE = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt": "txt", "txt-ts": "txt", "srt": "srt", "vtt": "vtt"}


def strip_ids(text, sink):
    def rep(m):
        sink.append((m.group(1), m.group(2)))
        return m.group(1)
    return IDENT_RE.sub(rep, text)


def parse(path):
    meta = {"header": [], "ident": []}
    turns = []
    idents = []
    with open(path, encoding="utf-8") as f:
        head, body = f.read().split("\n---\n", 1)
    for line in head.splitlines():
        if not line.strip():
            continue
        k, v = line.split(":", 1)
        v = v.strip()
        if k in ("header", "ident"):
            meta[k].append(v)
        else:
            meta[k] = v
    meta["header"] = [strip_ids(h, idents) for h in meta["header"]]
    for v in meta["ident"]:
        t, typ = v.rsplit("|", 1)
        idents.append((t, typ))
    for line in body.splitlines():
        if not line.strip():
            continue
        spk, text = line.split(":", 1)
        text = text.strip()
        orient = None
        m = re.search(r"\s*~(casus|netwerk)\s*$", text)
        if m:
            orient = m.group(1)
            text = text[: m.start()].rstrip()
        text = strip_ids(text, idents)
        turns.append({"spk": spk.strip(), "text": text, "orient": orient})
    # dedupe identifiers, keep order
    seen, uniq = set(), []
    for t, typ in idents:
        if (t, typ) not in seen:
            seen.add((t, typ))
            uniq.append((t, typ))
    return meta, turns, uniq


def label(meta, spk):
    return meta["label_" + spk]


def ts(sec, sep):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, maxw=24):
    sents = re.split(r"(?<=[.?!])\s+", text)
    out, cur = [], []
    for s in sents:
        w = s.split()
        if cur and len(cur) + len(w) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.extend(w)
        while len(cur) > maxw + 10:
            out.append(" ".join(cur[:maxw]))
            cur = cur[maxw:]
    if cur:
        out.append(" ".join(cur))
    return out


def write_txt(meta, turns, path, timestamps=False):
    enc = meta.get("encoding", "utf-8")
    lines = list(meta["header"])
    if lines:
        lines.append("")
    t = 2.0
    for tu in turns:
        lab = label(meta, tu["spk"])
        if timestamps:
            lines.append(f"[{ts(t, ',')[:8]}] {lab}: {tu['text']}")
            t += len(tu["text"].split()) / 2.6 + 1.4
        else:
            lines.append(f"{lab}: {tu['text']}")
        lines.append("")
    data = "\r\n".join(lines) if enc.lower() in ("cp1252", "windows-1252") else "\n".join(lines)
    with open(path, "wb") as f:
        f.write(data.encode(enc))


def write_srt(meta, turns, path):
    out, n, t = [], 1, 1.5
    for tu in turns:
        lab = label(meta, tu["spk"])
        for i, c in enumerate(chunks(tu["text"])):
            dur = max(1.2, len(c.split()) / 2.7)
            txt = f"{lab}: {c}" if i == 0 else c
            out.append(f"{n}\n{ts(t, ',')} --> {ts(t + dur, ',')}\n{txt}\n")
            n += 1
            t += dur + 0.2
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_vtt(meta, turns, path):
    out = ["WEBVTT", ""]
    for h in meta["header"]:
        out += [h, ""]
    t = 0.8
    for tu in turns:
        lab = label(meta, tu["spk"])
        for c in chunks(tu["text"], 20):
            dur = max(1.2, len(c.split()) / 2.5)
            out += [f"{ts(t, '.')} --> {ts(t + dur, '.')}", f"<v {lab}>{c}</v>", ""]
            t += dur + 0.25
        t += 0.9
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_docx(meta, turns, path, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph("")
    for tu in turns:
        lab = label(meta, tu["spk"])
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + tu["text"])
        else:
            p.add_run(f"{lab}: {tu['text']}")
    d.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src"))
    styles = {}
    with open(os.path.join(HERE, "styles.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                did, st, rat = line.rstrip("\n").split("\t")
                styles[did] = (st, rat)
    orient_rows, ident_rows, stats = [], [], []
    for s in srcs:
        meta, turns, idents = parse(os.path.join(HERE, s))
        did, fmt = meta["id"], meta["format"]
        for i, tu in enumerate(turns):
            assert tu["spk"] == ("I" if i % 2 == 0 else "R"), (did, i)
            if tu["orient"]:
                assert tu["spk"] == "R"
                orient_rows.append((did, i + 1, tu["orient"]))
        path = os.path.join(OUT, f"{did}.{EXT[fmt]}")
        if fmt == "txt":
            write_txt(meta, turns, path)
        elif fmt == "txt-ts":
            write_txt(meta, turns, path, timestamps=True)
        elif fmt == "srt":
            write_srt(meta, turns, path)
        elif fmt == "vtt":
            write_vtt(meta, turns, path)
        else:
            write_docx(meta, turns, path, bold=(fmt == "docx-bold"))
        for t, typ in idents:
            ident_rows.append((did, t, typ))
        words = sum(len(tu["text"].split()) for tu in turns)
        rwords = sum(len(tu["text"].split()) for tu in turns if tu["spk"] == "R")
        nr = sum(1 for tu in turns if tu["spk"] == "R")
        nc = sum(1 for tu in turns if tu["orient"] == "casus")
        nn = sum(1 for tu in turns if tu["orient"] == "netwerk")
        stats.append((did, fmt, meta.get("encoding", "utf-8"), words, rwords, nr, nc, nn))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for did in sorted(styles):
            w.writerow([did, styles[did][0], styles[did][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in ident_rows:
            w.writerow(r)
    print("doc fmt enc words resp_words resp_turns casus netwerk")
    for st in stats:
        print(*st)


if __name__ == "__main__":
    main()
