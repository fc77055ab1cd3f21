#!/usr/bin/env python3
"""Build transcripts + csv files for setDU from the annotated sources in src/*.src.

Source format (one file per document):
  @key: value          metadata lines until a line '---'
  then paragraphs separated by blank lines, one per speaker turn:
  I: <interviewer text>
  R: <respondent text> #casus | #netwerk | #-
Identifiers are marked inline as [[verbatim text|TYPE]] (also allowed in @header and @rlabel values).

Run with an interpreter that has python-docx (needed for the .docx document):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT_T = os.path.join(ROOT, "transcripts")
IDS = ["du01", "du02", "du03", "du04", "du05", "du06"]
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip(text, found):
    def rep(m):
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise ValueError("unknown identifier type %s" % typ)
        if (ident, typ) not in found:
            found.append((ident, typ))
        return ident
    out = MARK.sub(rep, text)
    if "[[" in out or "]]" in out:
        raise ValueError("unbalanced identifier mark in: %s" % text[:80])
    return out


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".src")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    head, body = raw.split("\n---\n", 1)
    meta = {"header": []}
    found = []
    for line in head.splitlines():
        if not line.strip():
            continue
        key, val = line[1:].split(":", 1)
        key, val = key.strip(), val.strip()
        if key == "header":
            meta["header"].append(strip(val, found))
        elif key in ("ilabel", "rlabel"):
            meta[key] = strip(val, found)
        else:
            meta[key] = val
    turns = []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(para.split())
        spk, text = para[0], para[2:].strip()
        if spk not in "IR" or para[1] != ":":
            raise ValueError("%s: bad paragraph start: %s" % (doc_id, para[:60]))
        orient = None
        if spk == "R":
            m = re.search(r"\s#(casus|netwerk|-)$", " " + text)
            if not m:
                raise ValueError("%s: respondent turn without orientation mark: %s" % (doc_id, text[-60:]))
            orient = None if m.group(1) == "-" else m.group(1)
            text = text[: len(text) - len(m.group(0))].rstrip()
        turns.append((spk, strip(text, found), orient))
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            raise ValueError("%s: turn %d breaks alternation" % (doc_id, i + 1))
    return meta, turns, found


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    return "%02d:%02d:%02d%s%03d" % (h, m, int(s), sep, ms)


def timings(turns, start):
    t = start
    out = []
    for _, text, _ in turns:
        dur = max(2.0, len(text.split()) / 2.45)
        out.append((t, t + dur))
        t += dur + 1.3
    return out


def write_txt(doc_id, meta, turns):
    lines = list(meta["header"])
    if lines:
        lines.append("")
    stamps = meta.get("stamps") == "yes"
    tim = timings(turns, float(meta.get("start", "3")))
    for i, (spk, text, _) in enumerate(turns):
        label = meta["ilabel"] if spk == "I" else meta["rlabel"]
        pre = "[%s] " % ts(tim[i][0], ",")[:8] if stamps else ""
        lines.append("%s%s: %s" % (pre, label, text))
        lines.append("")
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if enc == "cp1252" else "\n"
    with open(os.path.join(OUT_T, doc_id + ".txt"), "w", encoding=enc, newline="") as f:
        f.write(nl.join(lines))


def write_srt(doc_id, meta, turns):
    tim = timings(turns, float(meta.get("start", "2")))
    out = []
    for i, (spk, text, _) in enumerate(turns):
        label = meta["ilabel"] if spk == "I" else meta["rlabel"]
        out.append("%d\n%s --> %s\n%s: %s\n" % (i + 1, ts(tim[i][0], ","), ts(tim[i][1], ","), label, text))
    with open(os.path.join(OUT_T, doc_id + ".srt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_vtt(doc_id, meta, turns):
    tim = timings(turns, float(meta.get("start", "2")))
    out = ["WEBVTT", ""]
    if meta["header"]:
        out.append("NOTE")
        out.extend(meta["header"])
        out.append("")
    for i, (spk, text, _) in enumerate(turns):
        if "<" in text or ">" in text or "&" in text or "-->" in text:
            raise ValueError("character not allowed in vtt cue text")
        label = meta["ilabel"] if spk == "I" else meta["rlabel"]
        out.append("%d" % (i + 1))
        out.append("%s --> %s" % (ts(tim[i][0], "."), ts(tim[i][1], ".")))
        out.append("<v %s>%s" % (label, text))
        out.append("")
    with open(os.path.join(OUT_T, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_docx(doc_id, meta, turns):
    import docx
    d = docx.Document()
    for j, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if j == 0:
            r.bold = True
        else:
            r.italic = True
    for spk, text, _ in turns:
        label = meta["ilabel"] if spk == "I" else meta["rlabel"]
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        r.bold = True
        p.add_run(" " + text)
    d.save(os.path.join(OUT_T, doc_id + ".docx"))


def main():
    writers = {"txt": write_txt, "srt": write_srt, "vtt": write_vtt, "docx": write_docx}
    for fn in os.listdir(OUT_T):
        os.remove(os.path.join(OUT_T, fn))
    styles, orient_rows, ident_rows, stats = [], [], [], []
    for doc_id in IDS:
        meta, turns, found = parse(doc_id)
        writers[meta["format"]](doc_id, meta, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (spk, _, o) in enumerate(turns):
            if spk == "R" and o:
                orient_rows.append((doc_id, i + 1, o))
        for ident, typ in found:
            ident_rows.append((doc_id, ident, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        rwords = sum(len(t.split()) for s, t, _ in turns if s == "R")
        nc = sum(1 for s, _, o in turns if o == "casus")
        nn = sum(1 for s, _, o in turns if o == "netwerk")
        stats.append((doc_id, meta["respondent"], meta["style"], meta["format"] + (
            " (" + meta["encoding"] + ")" if "encoding" in meta else ""), words, rwords, rturns, nc, nn))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    # README = generated table + hand-written notes
    with open(os.path.join(HERE, "README_notes.md"), encoding="utf-8") as f:
        notes = f.read()
    tab = ["| doc | respondent (voice, setting) | style | format | words (all / respondent) | respondent turns | turns marked casus / netwerk |",
           "|---|---|---|---|---|---|---|"]
    for s in stats:
        tab.append("| %s | %s | %s | %s | %d / %d | %d | %d / %d |" % s)
    readme = notes.replace("{{TABLE}}", "\n".join(tab))
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme)
    for s in stats:
        print("%s  %-14s %-8s words=%d resp_words=%d resp_turns=%d casus=%d netwerk=%d" % (
            s[0], s[2], s[3], s[4], s[5], s[6], s[7], s[8]))


if __name__ == "__main__":
    sys.exit(main())
