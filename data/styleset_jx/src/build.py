#!/usr/bin/env python
"""Build the setJX transcripts and csv files from the annotated sources in src/.

Source format (one paragraph per line):
    FORMAT: docx_bold | docx_plain | txt_labels | txt_stamp | vtt | srt
    ENCODING: utf-8 | cp1252        (txt/srt only; default utf-8)
    NEWLINE: lf | crlf              (txt/srt only; default lf)
    LABELS: I=<label> | R=<label>   (labels may contain [[name|PERSOON]])
    STYLE: casusgericht | netwerkgericht | onbepaald
    RATIONALE: one sentence for styles.csv
    H: header line                  (may contain [[text|TYPE]])
    I: interviewer turn
    R: respondent turn ... {casus} | {netwerk} | {-}

Run with: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = ["jx01", "jx02", "jx03", "jx04", "jx05", "jx06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_labels": "txt",
       "txt_stamp": "txt", "vtt": "vtt", "srt": "srt"}


def strip(text, ids):
    for m in ANN.finditer(text):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"unknown type {t}")
        ids.append((s, t))
    return ANN.sub(lambda m: m.group(1), text)


def parse(doc):
    meta = {"ENCODING": "utf-8", "NEWLINE": "lf"}
    header, turns, ids = [], [], []
    labels = {}
    for raw in (HERE / f"{doc}.src").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, rest = line.partition(":")
        rest = rest.strip()
        if key in ("FORMAT", "ENCODING", "NEWLINE", "STYLE", "RATIONALE"):
            meta[key] = rest
        elif key == "LABELS":
            for part in re.split(r"\s\|\s", rest):
                k, _, v = part.partition("=")
                labels[k.strip()] = strip(v.strip(), ids)
        elif key == "H":
            header.append(strip(rest, ids))
        elif key in ("I", "R"):
            ori = None
            if key == "R":
                m = ORI.search(rest)
                if not m:
                    sys.exit(f"{doc}: respondent turn without orientation: {rest[:60]}")
                ori = m.group(1)
                rest = rest[:m.start()]
            elif ORI.search(rest):
                sys.exit(f"{doc}: interviewer turn with orientation")
            turns.append((key, strip(rest, ids), ori))
        else:
            sys.exit(f"{doc}: bad line {line[:60]}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at {i + 1}")
    return meta, labels, header, turns, ids


def sentences(text):
    parts = re.split(r"(?<=[.?!…])\s+(?=[A-Z(‘“'\"À-Ý])", text)
    return [p for p in parts if p]


def chunks(text, maxw=26):
    out, cur = [], []
    for s in sentences(text):
        w = len(s.split())
        if cur and sum(len(c.split()) for c in cur) + w > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(turns, labels, start=4.2, rate=2.45):
    """Yield (label, cue_text, start, end) for cue-based formats."""
    t = start
    for n, (k, text, _) in enumerate(turns):
        t += 0.6 + (n * 7 % 5) * 0.17
        for c in chunks(text):
            dur = max(1.2, len(c.split()) / rate)
            yield labels[k], c, t, t + dur
            t += dur + 0.08


def write_text(path, text, meta):
    nl = "\r\n" if meta["NEWLINE"] == "crlf" else "\n"
    data = text.replace("\n", nl).encode(meta["ENCODING"])
    path.write_bytes(data)


def build(doc):
    meta, labels, header, turns, ids = parse(doc)
    fmt = meta["FORMAT"]
    path = OUT / f"{doc}.{EXT[fmt]}"
    for old in OUT.glob(f"{doc}.*"):
        old.unlink()
    if fmt.startswith("docx"):
        from docx import Document
        from docx.shared import Pt
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        if header:
            d.add_paragraph("")
        for k, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(labels[k] + ":")
                r.bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{labels[k]}: {text}")
        d.save(path)
    elif fmt == "txt_labels":
        lines = header + ([""] if header else [])
        for k, text, _ in turns:
            lines += [f"{labels[k]}: {text}", ""]
        write_text(path, "\n".join(lines), meta)
    elif fmt == "txt_stamp":
        lines = header + ([""] if header else [])
        t = 3.0
        for n, (k, text, _) in enumerate(turns):
            stamp = ts(t, ",")[:8]
            lines += [f"[{stamp}] {labels[k]}: {text}", ""]
            t += len(text.split()) / 2.4 + 1.1 + (n % 3) * 0.4
        write_text(path, "\n".join(lines), meta)
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + header + [""]
        for n, (lab, c, a, b) in enumerate(timed(turns, labels), 1):
            lines += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}", ""]
        write_text(path, "\n".join(lines), meta)
    elif fmt == "srt":
        lines = []
        for n, (lab, c, a, b) in enumerate(timed(turns, labels, start=1.5), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
        write_text(path, "\n".join(lines), meta)
    else:
        sys.exit(f"{doc}: unknown format {fmt}")
    spoken = sum(len(t.split()) for _, t, _ in turns)
    full = " ".join(header + [t for _, t, _ in turns]).lower()
    for f in FORBIDDEN:
        if f in full:
            sys.exit(f"{doc}: forbidden word {f}")
    return turns, ids, spoken, fmt, meta


def main():
    OUT.mkdir(exist_ok=True)
    ori_rows, id_rows, style_rows = [], [], []
    for doc in DOCS:
        turns, ids, spoken, fmt, meta = build(doc)
        style_rows.append((doc, meta["STYLE"], meta["RATIONALE"]))
        seen = {}
        for s, t in ids:
            if s in seen and seen[s] != t:
                sys.exit(f"{doc}: identifier {s!r} typed {seen[s]} and {t}")
            if s not in seen:
                seen[s] = t
                id_rows.append((doc, s, t))
        nr = 0
        for i, (k, _, o) in enumerate(turns, 1):
            if k == "R":
                nr += 1
                if o in ("casus", "netwerk"):
                    ori_rows.append((doc, i, o))
        counts = {o: sum(1 for _, _, x in turns if x == o) for o in ("casus", "netwerk", "-")}
        print(f"{doc} {fmt:10s} words={spoken} r_turns={nr} ids={len(seen)} {counts}")
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows, key=lambda r: (r[0], r[1])))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)


if __name__ == "__main__":
    main()
