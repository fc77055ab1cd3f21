#!/usr/bin/env python3
"""Build the setDY transcripts and csv files from the annotated sources in src/.

Source format (one file per document, src/<id>.src):
  @key value        metadata (format, ilabel, rlabel, style, rationale, respondent, header...)
  I: text           interviewer turn (one paragraph)
  R: text {X}       respondent turn; X = C (casus), N (netwerk) or - (neither / mixed)
Identifiers are marked inline as [[verbatim text|TYPE]].

Run with a python that has python-docx:  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["dy01", "dy02", "dy03", "dy04", "dy05", "dy06"]
EXT = {"docx_bold": "docx", "docx_plain": "docx", "srt": "srt", "vtt": "vtt",
       "txt_cp1252": "txt", "txt_ts": "txt"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{([CN-])\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}


def parse(doc_id):
    meta = {"header": []}
    turns = []  # (speaker, text, orientation)
    idents = []
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                for m in MARK.finditer(val):
                    idents.append((m.group(1), m.group(2)))
                val = MARK.sub(r"\1", val)
                if key == "header":
                    meta["header"].append(val)
                else:
                    meta[key] = val
                continue
            spk, _, text = line.partition(": ")
            if spk not in ("I", "R"):
                sys.exit(f"{doc_id}: bad line {line[:40]!r}")
            ori = "-"
            if spk == "R":
                m = ORI.search(text)
                if not m:
                    sys.exit(f"{doc_id}: respondent turn without orientation mark: {text[:50]!r}")
                ori = m.group(1)
                text = ORI.sub("", text)
            elif ORI.search(text):
                sys.exit(f"{doc_id}: interviewer turn with orientation mark")
            for m in MARK.finditer(text):
                if m.group(2) not in TYPES:
                    sys.exit(f"{doc_id}: unknown identifier type {m.group(2)}")
                idents.append((m.group(1), m.group(2)))
            text = MARK.sub(r"\1", text)
            if "[[" in text or "]]" in text or "{" in text:
                sys.exit(f"{doc_id}: leftover markup in {text[:60]!r}")
            turns.append((spk, text, ori))
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return meta, turns, idents


def timings(turns, start=2.0):
    out = []
    t = start
    for _, text, _ in turns:
        dur = len(text.split()) / 2.6 + 0.8
        out.append((t, t + dur))
        t = t + dur + 0.7
    return out


def hms(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def label(meta, spk):
    return meta["ilabel"] if spk == "I" else meta["rlabel"]


def write_docx(path, meta, turns, bold):
    import docx
    d = docx.Document()
    for h in meta["header"]:
        p = d.add_paragraph()
        r = p.add_run(h)
        if h is meta["header"][0]:
            r.bold = True
    d.add_paragraph("")
    for spk, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label(meta, spk) + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label(meta, spk)}: {text}")
    d.save(path)


def write_srt(path, meta, turns):
    lines = []
    for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
        lines += [str(n), f"{hms(a)} --> {hms(b)}", f"{label(meta, spk)}: {text}", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def write_vtt(path, meta, turns):
    lines = ["WEBVTT", ""]
    for (spk, text, _), (a, b) in zip(turns, timings(turns, 1.2)):
        lines += [f"{hms(a, '.')} --> {hms(b, '.')}", f"<v {label(meta, spk)}>{text}</v>", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def write_txt_cp1252(path, meta, turns):
    lines = list(meta["header"]) + [""]
    for spk, text, _ in turns:
        lines += [f"{label(meta, spk)}: {text}", ""]
    with open(path, "wb") as fh:
        fh.write("\r\n".join(lines).encode("cp1252"))


def write_txt_ts(path, meta, turns):
    lines = list(meta["header"]) + [""]
    for (spk, text, _), (a, _) in zip(turns, timings(turns, 3.0)):
        lines += [f"[{hms(a)[:8]}] {label(meta, spk)}: {text}", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def main():
    os.makedirs(TR, exist_ok=True)
    styles, orient, idrows, table = [], [], [], []
    for doc_id in IDS:
        meta, turns, idents = parse(doc_id)
        fmt = meta["format"]
        path = os.path.join(TR, f"{doc_id}.{EXT[fmt]}")
        if fmt.startswith("docx"):
            write_docx(path, meta, turns, fmt == "docx_bold")
        elif fmt == "srt":
            write_srt(path, meta, turns)
        elif fmt == "vtt":
            write_vtt(path, meta, turns)
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, meta, turns)
        elif fmt == "txt_ts":
            write_txt_ts(path, meta, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (spk, _, ori) in enumerate(turns, 1):
            if spk == "R" and ori in "CN":
                orient.append((doc_id, i, "casus" if ori == "C" else "netwerk"))
        seen = set()
        for ident, typ in idents:
            if ident not in seen:
                seen.add(ident)
                idrows.append((doc_id, ident, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        nC = sum(1 for s, _, o in turns if s == "R" and o == "C")
        nN = sum(1 for s, _, o in turns if s == "R" and o == "N")
        table.append((doc_id, meta["respondent"], meta["style"], fmt_name(fmt, path),
                      words, rturns, nC, nN))
        print(f"{doc_id}: {os.path.basename(path)} words={words} turns={len(turns)} "
              f"R={rturns} C={nC} N={nN} ids={len(seen)}")
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    # README table (notes are kept in src/README_notes.md and appended)
    notes_path = os.path.join(HERE, "README_notes.md")
    notes = open(notes_path, encoding="utf-8").read() if os.path.exists(notes_path) else ""
    rows = ["| doc | respondent (voice, setting) | style | format | words | respondent turns | casus/netwerk turns |",
            "|---|---|---|---|---|---|---|"]
    for r in table:
        rows.append(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]}/{r[7]} |")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("# setDY – blind, style-labelled interview set (Midden- en West-Brabant)\n\n")
        fh.write("Generated by `src/build.py` from the annotated sources `src/dy0N.src`; "
                 "verify with `python3 check.py`.\n\n")
        fh.write("\n".join(rows) + "\n\n")
        fh.write("Words = words in the interviewer + respondent turns (labels, headers and timings excluded).\n\n")
        fh.write(notes)


def fmt_name(fmt, path):
    return {"docx_bold": "docx (bold first-name labels)",
            "docx_plain": "docx (plain Interviewer:/Respondent:)",
            "srt": "SubRip .srt (INT:/WIM: in cue text)",
            "vtt": "WebVTT (`<v Name>` voice tags)",
            "txt_cp1252": "txt Windows-1252, CRLF (I:/R:)",
            "txt_ts": "txt UTF-8 ([hh:mm:ss] Spreker 1/2:)"}[fmt]


if __name__ == "__main__":
    main()
