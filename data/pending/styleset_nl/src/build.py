"""Build the transcripts and the three csv files of set nl from the annotated sources.

Source format (src/nlNN.src, UTF-8, one paragraph per line):
  #key value        metadata: format, ilabel, rlabel, style, rationale, start
  H: text           header line (not a turn)
  I: text           interviewer turn
  R: text {casus}   respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are marked inline as [[text|TYPE]] (also inside ilabel/rlabel).

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252": "txt",
       "txt-ts": "txt", "vtt": "vtt", "srt": "srt"}


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse(path):
    meta, header, turns, ids = {}, [], [], []

    def collect(s):
        for m in MARK.finditer(s):
            text, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{path.name}: unknown type {typ}")
            if (text, typ) not in ids:
                ids.append((text, typ))

    for raw in path.read_text(encoding="utf-8").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, _, val = line[1:].partition(" ")
            meta[key] = val.strip()
            if key in ("ilabel", "rlabel"):
                collect(val)
            continue
        tag, sep, text = line.partition(": ")
        if not sep or tag not in ("H", "I", "R"):
            sys.exit(f"{path.name}: bad line {line[:60]!r}")
        collect(text)
        if tag == "H":
            header.append(text)
            continue
        orient = None
        if tag == "R":
            m = ORIENT.search(text)
            if not m:
                sys.exit(f"{path.name}: respondent turn without orientation: {text[:60]!r}")
            orient, text = m.group(1), text[: m.start()].rstrip()
        elif ORIENT.search(text):
            sys.exit(f"{path.name}: orientation on interviewer turn")
        turns.append((tag, text, orient))
    for i, (tag, _, _) in enumerate(turns):
        if tag != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at {i + 1}")
    # an identifier string must not be claimed by two types
    seen = {}
    for text, typ in ids:
        if seen.setdefault(text, typ) != typ:
            sys.exit(f"{path.name}: {text!r} has two types")
    return meta, header, turns, ids


def sentences(text):
    """Split marked-up text into sentences, never inside [[...]]."""
    holders = []

    def hold(m):
        holders.append(m.group(0))
        return f"\x00{len(holders) - 1}\x00"

    t = MARK.sub(hold, text)
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z(\"'\x00])", t)
    out = []
    for p in parts:
        p = re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], p)
        out.append(plain(p))
    return out


def chunks(text, max_words):
    out, cur = [], []
    for s in sentences(text):
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def timeline(turns, start, max_words):
    """Yield (speaker_tag, [(t0, t1, text), ...]) with ~2.6 words per second."""
    t = start
    res = []
    for tag, text, _ in turns:
        cues = []
        for c in chunks(text, max_words):
            dur = max(1.2, len(c.split()) / 2.6)
            cues.append((t, t + dur, c))
            t += dur + 0.25
        res.append((tag, cues))
        t += 0.8
    return res


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"[{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}]"


def build(doc_id, meta, header, turns):
    fmt = meta["format"]
    ilab, rlab = plain(meta["ilabel"]), plain(meta["rlabel"])
    lab = {"I": ilab, "R": rlab}
    start = float(meta.get("start", "3.4"))
    path = OUT / f"{doc_id}.{EXT[fmt]}"
    if fmt in ("docx-bold", "docx-plain"):
        d = docx.Document()
        style = d.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(plain(h))
            if fmt == "docx-bold":
                r.italic = True
        if header:
            d.add_paragraph()
        for tag, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                p.add_run(lab[tag] + ":").bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{lab[tag]}: {plain(text)}")
        d.save(path)
    elif fmt == "txt-cp1252":
        lines = [plain(h) for h in header] + [""]
        for tag, text, _ in turns:
            lines += [f"{lab[tag]}: {plain(text)}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt-ts":
        lines = [plain(h) for h in header] + [""]
        for tag, cues in timeline(turns, start, 10 ** 6):
            text = " ".join(c for _, _, c in cues)
            lines += [f"{hms(cues[0][0])} {lab[tag]}: {text}", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + [plain(h) for h in header] + [""]
        for tag, cues in timeline(turns, start, 24):
            for t0, t1, c in cues:
                lines += [f"{ts(t0, '.')} --> {ts(t1, '.')}", f"<v {lab[tag]}>{c}</v>", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        lines, n = [], 0
        for tag, cues in timeline(turns, start, 42):
            for t0, t1, c in cues:
                n += 1
                lines += [str(n), f"{ts(t0, ',')} --> {ts(t1, ',')}", f"{lab[tag]}: {c}", ""]
        path.write_bytes("\r\n".join(lines).encode("utf-8"))
    else:
        sys.exit(f"{doc_id}: unknown format {fmt}")
    return path


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient_rows, id_rows = [], [], []
    for src in sorted(SRC.glob("nl*.src")):
        doc_id = src.stem
        meta, header, turns, ids = parse(src)
        path = build(doc_id, meta, header, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (tag, _, o) in enumerate(turns, start=1):
            if tag == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        for text, typ in ids:
            id_rows.append((doc_id, text, typ))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nresp = sum(1 for t in turns if t[0] == "R")
        print(f"{doc_id}: {path.name:10s} {meta['style']:15s} words={words} resp_turns={nresp} ids={len(ids)}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
