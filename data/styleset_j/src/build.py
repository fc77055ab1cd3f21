#!/usr/bin/env python3
"""Build set J transcripts and csv files from the annotated sources in src/*.src.

Run with a python that has python-docx (only needed for the .docx output):
    /work/main/.venv/bin/python src/build.py

Source format (one file per document, src/<id>.src):
  - metadata lines at the top:  @key: value   (@header may repeat)
  - then one paragraph per speaker turn, separated by a blank line; turns alternate
    interviewer / respondent, starting with the interviewer;
  - every respondent paragraph ends in an orientation mark: #casus, #netwerk or #-
    (#- = shows neither orientation clearly; not written to orientation.csv);
  - identifying details are marked inline as [[verbatim text|TYPE]].
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*#(casus|netwerk|-)\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}


def parse(path):
    meta = {"header": []}
    turns = []
    text = path.read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    for p in paras:
        if p.startswith("@"):
            for line in p.splitlines():
                k, _, v = line[1:].partition(":")
                k, v = k.strip(), v.strip()
                if k == "header":
                    meta["header"].append(v)
                else:
                    meta[k] = v
            continue
        p = " ".join(line.strip() for line in p.splitlines())
        turns.append(p)
    out_turns, idents, orient = [], [], []
    for i, raw in enumerate(turns, start=1):
        respondent = (i % 2 == 0)
        m = MARK_RE.search(raw)
        if respondent:
            if not m:
                sys.exit(f"{path.name}: respondent turn {i} lacks an orientation mark: {raw[:60]}")
            raw = raw[:m.start()]
            if m.group(1) != "-":
                orient.append((i, m.group(1)))
        elif m:
            sys.exit(f"{path.name}: interviewer turn {i} carries a mark: {raw[:60]}")
        for t, typ in ID_RE.findall(raw):
            if typ not in TYPES:
                sys.exit(f"{path.name}: unknown identifier type {typ}")
            if (t, typ) not in idents:
                idents.append((t, typ))
        plain = ID_RE.sub(lambda mm: mm.group(1), raw)
        if "[[" in plain or "]]" in plain or "#casus" in plain or "#netwerk" in plain:
            sys.exit(f"{path.name}: leftover markup in turn {i}")
        out_turns.append(plain)
    for spec in filter(None, meta.get("speaker_ids", "").split(";")):
        t, typ = spec.strip().split("|")
        if (t, typ) not in idents:
            idents.insert(0, (t, typ))
    return meta, out_turns, idents, orient


def words(turns):
    return sum(len(t.split()) for t in turns)


def chunks(text, target=22, hard=34):
    """Split a turn into subtitle-sized cues at sentence boundaries."""
    sents = re.split(r"(?<=[.?!…])\s+", text)
    cues, cur = [], []
    for s in sents:
        cur.append(s)
        n = len(" ".join(cur).split())
        if n >= target:
            cues.append(" ".join(cur))
            cur = []
    if cur:
        if cues and len(" ".join(cur).split()) < 6 and len((cues[-1] + " " + " ".join(cur)).split()) <= hard:
            cues[-1] = cues[-1] + " " + " ".join(cur)
        else:
            cues.append(" ".join(cur))
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def timed_cues(meta, turns):
    t = float(meta.get("start_sec", "3.2"))
    rate = float(meta.get("words_per_sec", "2.6"))
    for i, turn in enumerate(turns, start=1):
        who = meta["label_i"] if i % 2 else meta["label_r"]
        for c in chunks(turn):
            dur = max(1.2, len(c.split()) / rate)
            yield who, t, t + dur, c
            t += dur + 0.25
        t += 0.6


def write_txt(meta, turns, path):
    lines = list(meta["header"])
    if lines:
        lines.append("")
    style = meta.get("label_style", "plain")
    t = float(meta.get("start_sec", "4"))
    rate = float(meta.get("words_per_sec", "2.5"))
    for i, turn in enumerate(turns, start=1):
        who = meta["label_i"] if i % 2 else meta["label_r"]
        if style == "ts":
            lines.append(f"[{hms(t)}] {who}: {turn}")
        else:
            lines.append(f"{who}: {turn}")
        lines.append("")
        t += len(turn.split()) / rate + 1.5
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    path.write_bytes(nl.join(lines).encode(enc))


def write_docx(meta, turns, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    for j, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if j == 0:
            r.bold = True
            r.font.size = Pt(13)
    if meta["header"]:
        d.add_paragraph("")
    for i, turn in enumerate(turns, start=1):
        who = meta["label_i"] if i % 2 else meta["label_r"]
        p = d.add_paragraph()
        p.add_run(f"{who}:").bold = True
        p.add_run(" " + turn)
    d.core_properties.author = "transcriptie"
    d.core_properties.title = meta["header"][0] if meta["header"] else ""
    d.save(str(path))


def write_vtt(meta, turns, path):
    out = ["WEBVTT", ""]
    for h in meta["header"]:
        out += [f"NOTE {h}", ""]
    for n, (who, a, b, c) in enumerate(timed_cues(meta, turns), start=1):
        out += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {who}>{c}</v>", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(meta, turns, path):
    out = []
    for n, (who, a, b, c) in enumerate(timed_cues(meta, turns), start=1):
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{who}: {c}", ""]
    path.write_text("\n".join(out), encoding="utf-8")


WRITERS = {"txt": write_txt, "docx": write_docx, "vtt": write_vtt, "srt": write_srt}


def main():
    OUT.mkdir(exist_ok=True)
    styles, orient_rows, ident_rows, summary = [], [], [], []
    for src in sorted(HERE.glob("*.src")):
        meta, turns, idents, orient = parse(src)
        did, fmt = meta["id"], meta["format"]
        if len(turns) % 2:
            sys.exit(f"{src.name}: odd number of turns (must end with respondent)")
        WRITERS[fmt](meta, turns, OUT / f"{did}.{fmt}")
        styles.append((did, meta["style"], meta["rationale"]))
        orient_rows += [(did, i, o) for i, o in orient]
        ident_rows += [(did, t, typ) for t, typ in idents]
        summary.append((did, fmt, words(turns), len(turns) // 2, meta["style"]))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for row in summary:
        print("%s  %-4s  words=%d  respondent_turns=%d  %s" % row)


if __name__ == "__main__":
    main()
