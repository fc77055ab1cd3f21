#!/usr/bin/env python3
"""Build the transcripts and the three label files of set GV from the annotated sources.

Source format (src/gvNN.txt):
  '# key: value'  configuration (doc, style, rationale, format, ilabel, rlabel)
  'H: ...'        a header line (metadata, not a turn)
  'I: ...'        an interviewer turn
  'R: ... {x}'    a respondent turn, x in casus / netwerk / -
Identifiers are inline as [[text|TYPE]]. Run with /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ts": "txt", "txt_ir": "txt",
       "vtt": "vtt", "srt": "srt"}


def strip(s):
    """Plain text, list of (start, end) spans of identifiers, list of (text, type)."""
    out, spans, ids, pos = [], [], [], 0
    n = 0
    for m in MARK.finditer(s):
        out.append(s[pos:m.start()])
        n += len(s[pos:m.start()])
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} in {s[:60]}")
        spans.append((n, n + len(text)))
        ids.append((text, typ))
        out.append(text)
        n += len(text)
        pos = m.end()
    out.append(s[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"broken markup: {s[:80]}")
    return plain, spans, ids


def parse(path):
    cfg, header, turns = {}, [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            cfg[k.strip()] = v.strip()
        elif line.startswith("H: "):
            header.append(line[3:])
        elif line.startswith("I: "):
            turns.append(["I", line[3:], None])
        elif line.startswith("R: "):
            m = re.search(r"\s*\{(casus|netwerk|-)\}$", line)
            if not m:
                sys.exit(f"{path.name}: respondent turn without orientation: {line[:60]}")
            turns.append(["R", line[3:m.start()], m.group(1)])
        else:
            sys.exit(f"{path.name}: unparsable line: {line[:60]}")
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t[0] != want:
            sys.exit(f"{path.name}: turn {i+1} should be {want}")
    return cfg, header, turns


def split_points(plain, spans):
    """Sentence boundaries (indices of the space after the sentence) outside identifiers."""
    pts = []
    for m in re.finditer(r"(?<=[.!?…)])\s+(?=[A-Z\"'“‘(ÀÉÈËÏÖÜ\d])", plain):
        i = m.start()
        if any(a <= i < b for a, b in spans):
            continue
        pts.append((m.start(), m.end()))
    return pts


def sentences(plain, spans):
    res, last = [], 0
    for a, b in split_points(plain, spans):
        res.append(plain[last:a])
        last = b
    res.append(plain[last:])
    return [r for r in res if r.strip()]


def chunks(plain, spans, maxw):
    out, cur = [], []
    for s in sentences(plain, spans):
        w = len(s.split())
        if cur and sum(len(c.split()) for c in cur) + w > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def wrap_safe(text, ids, width):
    """Wrap at spaces, never inside an identifier string."""
    protected = []
    for t, _ in ids:
        for m in re.finditer(re.escape(t), text):
            protected.append((m.start(), m.end()))
    lines, start = [], 0
    while len(text) - start > width:
        cut = None
        for i in range(start + width, start, -1):
            if text[i] == " " and not any(a <= i < b for a, b in protected):
                cut = i
                break
        if cut is None:
            break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return "\n".join(lines)


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def build(doc, cfg, header, turns):
    fmt = cfg["format"]
    ilab, _, _ = strip(cfg["ilabel"])
    rlab, _, _ = strip(cfg["rlabel"])
    hplain = [strip(h)[0] for h in header]
    tplain = [(who, *strip(text)) for who, text, _ in turns]
    label = {"I": ilab, "R": rlab}
    path = OUT / f"{doc}.{EXT[fmt]}"
    if fmt in ("docx_bold", "docx_plain"):
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in hplain:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = fmt == "docx_plain"
            r.bold = fmt == "docx_bold"
        if hplain:
            d.add_paragraph("")
        for who, text, _, _ in tplain:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(label[who] + ":")
                r.bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{label[who]}: {text}")
        d.save(path)
        return path
    if fmt == "txt_ir":
        lines = hplain + ([""] if hplain else [])
        for who, text, _, _ in tplain:
            lines += [f"{label[who]}: {text}", ""]
        path.write_text("\n".join(lines), encoding="utf-8", newline="\n")
        return path
    # timed formats
    t = 2.0
    if fmt == "txt_ts":
        lines = hplain + [""]
        for who, text, _, _ in tplain:
            lines += [f"[{ts(t, ',')[:8]}] {label[who]}: {text}", ""]
            t += len(text.split()) / 2.5 + 1.4
        data = "\r\n".join(lines)
        path.write_bytes(data.encode("cp1252"))
        return path
    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        if hplain:
            lines += ["NOTE"] + hplain + [""]
        n = 0
        for who, text, spans, ids in tplain:
            for c in chunks(text, spans, 22):
                n += 1
                dur = len(c.split()) / 2.6 + 0.4
                lines += [f"{ts(t, '.')} --> {ts(t + dur, '.')}", f"<v {label[who]}>{c}", ""]
                t += dur + 0.2
            t += 0.8
        path.write_text("\n".join(lines), encoding="utf-8", newline="\n")
        return path
    if fmt == "srt":
        lines, n = [], 0
        for who, text, spans, ids in tplain:
            for c in chunks(text, spans, 14):
                n += 1
                dur = len(c.split()) / 2.6 + 0.4
                body = wrap_safe(f"{label[who]}: {c}", ids, 46)
                lines += [str(n), f"{ts(t, ',')} --> {ts(t + dur, ',')}", *body.split("\n"), ""]
                t += dur + 0.2
            t += 0.8
        path.write_bytes("\r\n".join(lines).encode("utf-8"))
        return path
    sys.exit(f"unknown format {fmt}")


def main():
    styles, orient, idents, stats = [], [], [], []
    srcs = sorted(HERE.glob("gv*.txt"))
    for src in srcs:
        cfg, header, turns = parse(src)
        doc = cfg["doc"]
        assert src.stem == doc
        path = build(doc, cfg, header, turns)
        styles.append((doc, cfg["style"], cfg["rationale"]))
        seen = {}
        pieces = [cfg["ilabel"], cfg["rlabel"]] + header + [t[1] for t in turns]
        for p in pieces:
            for text, typ in strip(p)[2]:
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text} typed {seen[text]} and {typ}")
                seen.setdefault(text, typ)
        for text, typ in seen.items():
            idents.append((doc, text, typ))
        for i, (who, _, o) in enumerate(turns, start=1):
            if who == "R" and o in ("casus", "netwerk"):
                orient.append((doc, i, o))
        # warn when an identifier string also occurs unmarked in a turn or header
        for p in header + [t[1] for t in turns]:
            plain, spans, _ = strip(p)
            for text in seen:
                for m in re.finditer(r"(?<![\w-])" + re.escape(text) + r"(?![\w])", plain):
                    if not any(a <= m.start() < b for a, b in spans):
                        print(f"WARN {doc}: unmarked occurrence of {text!r}: ...{plain[max(0,m.start()-30):m.end()+30]}...")
        words = sum(len(strip(t[1])[0].split()) for t in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        oc = sum(1 for d, _, o in orient if d == doc and o == "casus")
        on = sum(1 for d, _, o in orient if d == doc and o == "netwerk")
        stats.append((doc, cfg["style"], cfg["format"], path.name, words, nr, oc, on, len(seen)))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    print("doc   style           format      file        words  R-turns casus netwerk ids")
    for s in stats:
        print(f"{s[0]:5} {s[1]:15} {s[2]:11} {s[3]:11} {s[4]:5}  {s[5]:7} {s[6]:5} {s[7]:7} {s[8]:3}")


if __name__ == "__main__":
    main()
