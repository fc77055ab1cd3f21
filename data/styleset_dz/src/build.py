#!/usr/bin/env python3
"""Build transcripts + csv files for setDZ from the annotated sources in src/dzNN.src.

Source format (UTF-8):
  @key value            metadata: format (docx|vtt|srt|txt), encoding, ilabel, rlabel,
                        labelstyle (plain|bracket_time), style, rationale, respondent, start (seconds)
  @header text          a header line (may contain inline identifiers)
  @ids text|TYPE        an identifier that appears in a label/header but is not marked inline
  I: text               interviewer turn
  R: text [casus]       respondent turn, optional orientation mark [casus] / [netwerk] at the end
Inline identifiers: {{verbatim text|TYPE}}
Run with a python that has python-docx (only needed for .docx output).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
ID_RE = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
ORI_RE = re.compile(r"\s*\[(casus|netwerk)\]\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip_ids(text, found):
    def rep(m):
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise ValueError("unknown identifier type %s" % typ)
        if (ident, typ) not in found:
            found.append((ident, typ))
        return ident
    return ID_RE.sub(rep, text)


def parse(path):
    meta, headers, ids, turns = {}, [], [], []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@header "):
                headers.append(strip_ids(line[8:], ids))
            elif line.startswith("@ids "):
                ident, typ = line[5:].rsplit("|", 1)
                if (ident, typ) not in ids:
                    ids.append((ident, typ))
            elif line.startswith("@"):
                k, _, v = line[1:].partition(" ")
                meta[k] = v.strip()
            elif line.startswith("I: ") or line.startswith("R: "):
                spk = line[0]
                body = line[3:].strip()
                ori = None
                m = ORI_RE.search(body)
                if m:
                    if spk != "R":
                        raise ValueError("orientation on interviewer turn in %s" % path)
                    ori = m.group(1)
                    body = body[:m.start()].rstrip()
                body = strip_ids(body, ids)
                turns.append((spk, body, ori))
            else:
                raise ValueError("unparsed line in %s: %r" % (path, line[:60]))
    for i, (spk, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if spk != want:
            raise ValueError("%s: turn %d is %s, expected %s" % (path, i + 1, spk, want))
    return meta, headers, ids, turns


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def timings(meta, turns):
    t = float(meta.get("start", "4"))
    out = []
    for spk, body, _ in turns:
        dur = max(1.5, len(body.split()) / 2.6)
        out.append((t, t + dur))
        t += dur + (0.6 if spk == "I" else 0.9)
    return out


def label(meta, spk):
    return meta["ilabel"] if spk == "I" else meta["rlabel"]


def write_txt(path, meta, headers, turns):
    lines = []
    for h in headers:
        lines.append(h)
    if headers:
        lines.append("")
    style = meta.get("labelstyle", "plain")
    tms = timings(meta, turns)
    for (spk, body, _), (a, _) in zip(turns, tms):
        if style == "bracket_time":
            lines.append("[%s] %s: %s" % (ts(a, ",")[:8], label(meta, spk), body))
        else:
            lines.append("%s: %s" % (label(meta, spk), body))
        lines.append("")
    text = "\r\n".join(lines) if meta.get("newline") == "crlf" else "\n".join(lines)
    enc = meta.get("encoding", "utf-8")
    with open(path, "wb") as fh:
        fh.write(text.encode(enc))


def write_vtt(path, meta, headers, turns):
    lines = ["WEBVTT"]
    for h in headers:
        lines.append("NOTE " + h)
    lines.append("")
    for n, ((spk, body, _), (a, b)) in enumerate(zip(turns, timings(meta, turns)), 1):
        lines.append(str(n))
        lines.append("%s --> %s" % (ts(a, "."), ts(b, ".")))
        lines.append("<v %s>%s</v>" % (label(meta, spk), body))
        lines.append("")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def write_srt(path, meta, headers, turns):
    lines = []
    for n, ((spk, body, _), (a, b)) in enumerate(zip(turns, timings(meta, turns)), 1):
        lines.append(str(n))
        lines.append("%s --> %s" % (ts(a, ","), ts(b, ",")))
        lines.append("%s: %s" % (label(meta, spk), body))
        lines.append("")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def write_docx(path, meta, headers, turns):
    import docx
    d = docx.Document()
    for i, h in enumerate(headers):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
    if headers:
        d.add_paragraph("")
    for spk, body, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, spk) + ":")
        r.bold = True
        p.add_run(" " + body)
    d.save(path)


WRITERS = {"txt": write_txt, "vtt": write_vtt, "srt": write_srt, "docx": write_docx}


def main():
    os.makedirs(TR, exist_ok=True)
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src"))
    styles, oris, idrows, table = [], [], [], []
    for f in srcs:
        doc = f[:-4]
        meta, headers, ids, turns = parse(os.path.join(HERE, f))
        fmt = meta["format"]
        fname = "%s.%s" % (doc, fmt)
        WRITERS[fmt](os.path.join(TR, fname), meta, headers, turns)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (spk, _, ori) in enumerate(turns, 1):
            if ori:
                oris.append((doc, i, ori))
        for ident, typ in ids:
            idrows.append((doc, ident, typ))
        words = sum(len(b.split()) for _, b, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        fmtdesc = fmt + (" (%s)" % meta["encoding"] if "encoding" in meta else "")
        table.append((doc, meta.get("respondent", ""), meta["style"], fmtdesc, words, rturns,
                      sum(1 for _, _, o in turns if o == "casus"),
                      sum(1 for _, _, o in turns if o == "netwerk")))
        print("%s %-5s %-15s words=%d respondent_turns=%d" % (doc, fmt, meta["style"], words, rturns))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    # README: table + notes
    notes_path = os.path.join(HERE, "README_notes.md")
    notes = open(notes_path, encoding="utf-8").read() if os.path.exists(notes_path) else ""
    rows = ["| doc | respondent (voice, setting) | style | format | words | respondent turns | casus/netwerk turns marked |",
            "|---|---|---|---|---|---|---|"]
    for doc, resp, st, fm, wd, rt, nc, nn in table:
        rows.append("| %s | %s | %s | %s | %d | %d | %d / %d |" % (doc, resp, st, fm, wd, rt, nc, nn))
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("# setDZ — blind, style-labelled interviews (Gelderland-Midden / Achterhoek)\n\n")
        fh.write("Generated by `src/build.py` from `src/*.src`; verify with `python3 check.py`.\n")
        fh.write("Words = words in the interview turns (labels, headers and timings excluded).\n\n")
        fh.write("\n".join(rows) + "\n\n" + notes)


if __name__ == "__main__":
    sys.exit(main())
