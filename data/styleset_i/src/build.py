#!/usr/bin/env python3
"""Build set I transcripts + csv files from the annotated sources in this folder.

Source format (src/<id>.src, UTF-8):
  @id bi01
  @format txt | txt-cp1252 | txt-ts | docx | srt | vtt
  @label_i <interviewer label>          (may contain {TYPE|text} markup)
  @label_r <respondent label>
  @header <line>                         (0..n; written above the turns in txt/docx, NOTE in vtt)
  @style <casusgericht|netwerkgericht|onbepaald>
  @rationale <one English sentence>
  I: <interviewer turn, one line>
  R: <respondent turn, one line> ##casus | ##netwerk | ##-

Identifiers are marked inline as {TYPE|verbatim text}. Turns must alternate I/R starting with I.
Turn index = 1-based speaker turn (interviewer turns counted). In vtt files a long turn is split over
several consecutive cues with the same <v speaker>; consecutive cues of one speaker form one turn.

Run with python-docx available (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
TR = OUT / "transcripts"
MARK = re.compile(r"\{([A-Z_]+)\|([^{}]+)\}")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
EXT = {"txt": "txt", "txt-cp1252": "txt", "txt-ts": "txt", "docx": "docx", "srt": "srt", "vtt": "vtt"}


def strip(s, idents):
    def rep(m):
        typ, txt = m.group(1), m.group(2)
        if typ not in TYPES:
            raise SystemExit(f"unknown identifier type {typ}")
        idents.append((txt, typ))
        return txt
    out = MARK.sub(rep, s)
    if "{" in out or "}" in out:
        raise SystemExit(f"stray brace in: {s[:80]}")
    return out


def parse(path):
    meta = {"header": []}
    turns = []  # (speaker, text, orientation)
    idents = []
    for ln, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            if key == "header":
                meta["header"].append(strip(val, idents))
            elif key in ("label_i", "label_r"):
                meta[key] = strip(val, idents)
            else:
                meta[key] = val.strip()
            continue
        spk, sep, body = line.partition(": ")
        if spk not in ("I", "R") or not sep:
            raise SystemExit(f"{path.name}:{ln}: bad line")
        orient = None
        if spk == "R":
            m = re.search(r"\s*##(casus|netwerk|-)\s*$", body)
            if not m:
                raise SystemExit(f"{path.name}:{ln}: respondent turn without orientation mark")
            orient = None if m.group(1) == "-" else m.group(1)
            body = body[: m.start()]
        elif "##" in body:
            raise SystemExit(f"{path.name}:{ln}: orientation mark on interviewer turn")
        expected = "I" if len(turns) % 2 == 0 else "R"
        if spk != expected:
            raise SystemExit(f"{path.name}:{ln}: turns do not alternate")
        turns.append((spk, strip(body, idents), orient))
    if turns[-1][0] != "R":
        raise SystemExit(f"{path.name}: last turn should be the respondent")
    return meta, turns, idents


def words(s):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", s))


def ts(sec, sep):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, maxw=45):
    """split a turn into caption-sized pieces at sentence boundaries"""
    sents = re.split(r"(?<=[.?!…])\s+", text)
    out, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        if out and words(" ".join(cur)) < 12:
            out[-1] = out[-1] + " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def label(meta, spk):
    return meta["label_i"] if spk == "I" else meta["label_r"]


def write(meta, turns):
    fmt, did = meta["format"], meta["id"]
    path = TR / f"{did}.{EXT[fmt]}"
    if fmt in ("txt", "txt-cp1252"):
        lines = list(meta["header"])
        if lines:
            lines.append("")
        for spk, text, _ in turns:
            lines.append(f"{label(meta, spk)}: {text}")
            lines.append("")
        enc = "cp1252" if fmt == "txt-cp1252" else "utf-8"
        nl = "\r\n" if fmt == "txt-cp1252" else "\n"
        path.write_bytes(nl.join(lines).encode(enc))
    elif fmt == "txt-ts":
        lines = list(meta["header"])
        if lines:
            lines.append("")
        t = float(meta.get("start", 4))
        for spk, text, _ in turns:
            lines.append(f"[{ts(t, ',')[:8]}] {label(meta, spk)}: {text}")
            lines.append("")
            t += words(text) / 2.6 + 1.5
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        out, t, n = [], 2.0, 1
        for spk, text, _ in turns:
            dur = words(text) / 2.5 + 0.8
            out += [str(n), f"{ts(t, ',')} --> {ts(t + dur, ',')}", f"{label(meta, spk)}: {text}", ""]
            t += dur + 0.6
            n += 1
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        for h in meta["header"]:
            out += [f"NOTE {h}", ""]
        t, n = 1.0, 1
        for spk, text, _ in turns:
            for piece in chunks(text):
                dur = words(piece) / 2.6 + 0.5
                out += [f"{n}", f"{ts(t, '.')} --> {ts(t + dur, '.')}",
                        f"<v {label(meta, spk)}>{piece}</v>", ""]
                t += dur + 0.3
                n += 1
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for i, h in enumerate(meta["header"]):
            p = d.add_paragraph()
            r = p.add_run(h)
            if i == 0:
                r.bold = True
                r.font.size = Pt(13)
        for spk, text, _ in turns:
            p = d.add_paragraph()
            p.add_run(f"{label(meta, spk)}:").bold = True
            p.add_run(" " + text)
        d.save(path)
    else:
        raise SystemExit(f"unknown format {fmt}")
    return path


def main():
    TR.mkdir(exist_ok=True)
    styles, orient_rows, ident_rows, summary = [], [], [], []
    for src in sorted(HERE.glob("*.src")):
        meta, turns, idents = parse(src)
        did = meta["id"]
        p = write(meta, turns)
        styles.append((did, meta["style"], meta["rationale"]))
        for i, (spk, _, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((did, i, o))
        seen = set()
        for txt, typ in idents:
            if (txt, typ) not in seen:
                seen.add((txt, typ))
                ident_rows.append((did, txt, typ))
        wc = sum(words(t) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        oc = sum(1 for _, _, o in turns if o == "casus")
        on = sum(1 for _, _, o in turns if o == "netwerk")
        summary.append((did, p.name, meta["style"], wc, rturns, oc, on))
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for row in summary:
        print("%s  %-10s %-15s words=%d resp_turns=%d casus=%d netwerk=%d" % row)


if __name__ == "__main__":
    sys.exit(main())
