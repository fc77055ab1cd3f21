#!/usr/bin/env python3
"""Build transcripts + csv files of set EJ from the annotated sources in this folder.

Source format (src/<id>.src), one line per item:
  @format  docx | srt | vtt | txt | txt1252 | stamped
  @ilabel  speaker label of the interviewer
  @rlabel  speaker label of the respondent
  # ...    header line (rendered at the top of txt/docx/stamped files, as a NOTE in vtt, not in srt)
  I: ...   interviewer turn
  R: ...   respondent turn, optionally ending in {casus} or {netwerk}
Identifiers are marked inline as [[verbatim text|TYPE]].

Run with a python that has python-docx (only needed for .docx output).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, "transcripts")

IDS = ["ej01", "ej02", "ej03", "ej04", "ej05", "ej06"]
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt": "txt", "txt1252": "txt", "stamped": "txt"}

STYLES = {
    "ej01": ("casusgericht", "Regisseur invests her time, trust and partner contacts in one radicalising teenager's plan and his mother; meetings are a means to deliver for him."),
    "ej02": ("netwerkgericht", "Despite warm stories about a grandmother in a feud, the respondent's work and pride lie in building a standing feud table, cross-border contacts and durable agreements between organisations."),
    "ej03": ("onbepaald", "Guarded police respondent who only describes procedures and gives no evidence of investing in either the persons or the network (too little evidence)."),
    "ej04": ("netwerkgericht", "Chair of the regional radicalisation table whose trust and effort go to partners, escalation, convenants and cross-border arrangements, deliberately leaving client contact to others."),
    "ej05": ("casusgericht", "Probation officer who builds a personal plan with one client in a family feud and uses partners and the feud table only as entrances for that client."),
    "ej06": ("onbepaald", "GGZ nurse who invests about equally in weekly trust-building with one woman and in structural GGZ-police arrangements (genuinely mixed)."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
OR_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}


def parse(doc_id):
    meta, header, turns = {}, [], []
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                k, v = line[1:].split(" ", 1)
                meta[k] = v.strip()
            elif line.startswith("#"):
                header.append(line[1:].strip())
            elif line.startswith("I: ") or line.startswith("R: "):
                who = line[0]
                text = line[3:].strip()
                orient = None
                m = OR_RE.search(text)
                if m:
                    if who != "R":
                        sys.exit(f"{doc_id}: orientation mark on interviewer turn: {text[:40]}")
                    orient = m.group(1)
                    text = text[: m.start()].rstrip()
                turns.append({"who": who, "raw": text, "orient": orient})
            else:
                sys.exit(f"{doc_id}: unparseable line: {line[:60]}")
    idents = []
    for src_line in header + [t["raw"] for t in turns]:
        for m in ID_RE.finditer(src_line):
            if m.group(2) not in TYPES:
                sys.exit(f"{doc_id}: bad identifier type {m.group(2)}")
            if (m.group(1), m.group(2)) not in idents:
                idents.append((m.group(1), m.group(2)))
    clean = lambda s: ID_RE.sub(lambda m: m.group(1), s)
    header = [clean(h) for h in header]
    for t in turns:
        t["text"] = clean(t["raw"])
    for i, t in enumerate(turns):
        if t["who"] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return meta, header, turns, idents


def split_cues(text, max_words=22):
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z\"(“])", text)
    cues, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_list(turns, labels):
    t = 2.4
    out = []
    for turn in turns:
        for c in split_cues(turn["text"]):
            dur = max(1.5, len(c.split()) / 2.6)
            out.append((t, t + dur, labels[turn["who"]], c))
            t += dur + 0.12
        t += 0.8
    return out


def write(doc_id, meta, header, turns):
    fmt = meta["format"]
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    path = os.path.join(TDIR, f"{doc_id}.{EXT[fmt]}")
    if fmt == "docx":
        import docx
        d = docx.Document()
        for i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if i == 0:
                r.bold = True
        d.add_paragraph("")
        for t in turns:
            p = d.add_paragraph()
            p.add_run(labels[t["who"]] + ":").bold = True
            p.add_run(" " + t["text"])
        d.save(path)
    elif fmt in ("txt", "txt1252"):
        lines = header + [""] if header else []
        for t in turns:
            lines.append(f"{labels[t['who']]}: {t['text']}")
            lines.append("")
        if fmt == "txt1252":
            with open(path, "w", encoding="cp1252", newline="\r\n") as f:
                f.write("\n".join(lines))
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
    elif fmt == "stamped":
        lines = header + [""] if header else []
        sec = 3.0
        for t in turns:
            stamp = ts(sec, ".")[:8]
            lines.append(f"[{stamp}] {labels[t['who']]}: {t['text']}")
            lines.append("")
            sec += len(t["text"].split()) / 2.5 + 1.5
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    elif fmt == "srt":
        blocks = []
        for n, (a, b, who, c) in enumerate(cue_list(turns, labels), 1):
            blocks.append(f"{n}\n{ts(a, ',')} --> {ts(b, ',')}\n{who}: {c}\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(blocks))
    elif fmt == "vtt":
        blocks = ["WEBVTT\n"]
        if header:
            blocks.append("NOTE\n" + "\n".join(header) + "\n")
        for n, (a, b, who, c) in enumerate(cue_list(turns, labels), 1):
            blocks.append(f"{n}\n{ts(a, '.')} --> {ts(b, '.')}\n<v {who}>{c}</v>\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(blocks))
    else:
        sys.exit(f"unknown format {fmt}")
    return path


def main():
    os.makedirs(TDIR, exist_ok=True)
    orient_rows, ident_rows, stats = [], [], []
    for doc_id in IDS:
        meta, header, turns, idents = parse(doc_id)
        path = write(doc_id, meta, header, turns)
        for i, t in enumerate(turns, 1):
            if t["orient"]:
                orient_rows.append((doc_id, i, t["orient"]))
        for ident, typ in idents:
            ident_rows.append((doc_id, ident, typ))
        words = sum(len(t["text"].split()) for t in turns)
        rturns = sum(1 for t in turns if t["who"] == "R")
        stats.append((doc_id, os.path.basename(path), words, rturns,
                      sum(1 for t in turns if t["orient"] == "casus"),
                      sum(1 for t in turns if t["orient"] == "netwerk")))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, STYLES[d][0], STYLES[d][1]])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for s in stats:
        print("%s  %-10s words=%4d  resp_turns=%2d  casus=%2d netwerk=%2d" % s)


if __name__ == "__main__":
    main()
