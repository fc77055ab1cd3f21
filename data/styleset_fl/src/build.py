"""Build the transcripts and the three label files of set FL from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/flNN.txt):
  # style: ...            label for styles.csv
  # rationale: ...        one sentence for styles.csv
  # format: ...           docx-bold | docx-plain-names | txt-cp1252-IR | txt-utf8-timestamps | vtt | srt
  # label_i: ...          interviewer speaker label (may contain [[name|PERSOON]])
  # label_r: ...          respondent speaker label
  H: header line          (0..n)
  I: interviewer turn     one paragraph per turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers are written inline as [[text|TYPE]].
"""
import csv
import glob
import os
import re

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
LABELISH = re.compile(r"^[A-Z][\w'-]*(?: [\w'-]+){0,2}:\s")
PH = "\u0000"  # protects spaces inside identifiers while splitting


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def idents(s):
    out = []
    for m in TAG.finditer(s):
        if m.group(2) not in TYPES:
            raise SystemExit(f"unknown type {m.group(2)} in {s[:60]}")
        out.append((m.group(1), m.group(2)))
    return out


def parse(path):
    cfg, headers, turns = {}, [], []
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("# "):
            k, v = line[2:].split(":", 1)
            cfg[k.strip()] = v.strip()
        elif line.startswith("H: "):
            headers.append(line[3:])
        elif line.startswith("I: "):
            turns.append(("I", line[3:], None))
        elif line.startswith("R: "):
            m = ORIENT.search(line)
            if not m:
                raise SystemExit(f"{path}: respondent turn without orientation: {line[:60]}")
            turns.append(("R", line[3:m.start()], m.group(1)))
        else:
            raise SystemExit(f"{path}: cannot parse line: {line[:60]}")
    for i, t in enumerate(turns):
        if t[0] != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path}: turns do not alternate at turn {i + 1}")
    return cfg, headers, turns


def chunks(tagged, max_words):
    """Split a tagged turn into sentence groups of at most ~max_words, never inside an identifier."""
    prot = TAG.sub(lambda m: "[[" + m.group(1).replace(" ", PH) + "|" + m.group(2) + "]]", tagged)
    sents = re.split(r"(?<=[.?!])\s+", prot)
    groups, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur).split()) >= 5 and len(" ".join(cur + [s]).split()) > max_words:
            groups.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        groups.append(" ".join(cur))
    return [plain(g.replace(PH, " ")) for g in groups]


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def write_docx(path, headers, turns, li, lr, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in headers:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if headers:
        d.add_paragraph()
    for who, text, _ in turns:
        label = li if who == "I" else lr
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        r.bold = bold
        p.add_run(" " + plain(text))
    d.save(path)


def write_txt(path, headers, turns, li, lr, encoding, newline, stamps):
    lines = [plain(h) for h in headers]
    if headers:
        lines.append("")
    t = 4.0
    for who, text, _ in turns:
        label = li if who == "I" else lr
        body = plain(text)
        if stamps:
            lines.append(f"[{ts(t, ',')[:8]}] {label}: {body}")
        else:
            lines.append(f"{label}: {body}")
        lines.append("")
        t += len(body.split()) / 2.4 + 1.5
    data = newline.join(lines).rstrip(newline) + newline
    with open(path, "wb") as f:
        f.write(data.encode(encoding))


def write_vtt(path, headers, turns, li, lr):
    out = ["WEBVTT", ""]
    if headers:
        out.append("NOTE")
        out.extend(plain(h) for h in headers)
        out.append("")
    t = 1.2
    for who, text, _ in turns:
        label = li if who == "I" else lr
        for c in chunks(text, 28):
            dur = max(1.5, len(c.split()) / 2.5)
            out.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
            out.append(f"<v {label}>{c}</v>")
            out.append("")
            t += dur + 0.2
        t += 0.6
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(path, turns, li, lr):
    out = []
    t = 0.8
    for n, (who, text, _) in enumerate(turns, 1):
        label = li if who == "I" else lr
        lines = []
        for c in chunks(text, 16):
            # never start a continuation line with something that looks like "Name: text"
            if lines and LABELISH.match(c):
                lines[-1] += " " + c
            else:
                lines.append(c)
        lines[0] = f"{label}: {lines[0]}"
        dur = len(plain(text).split()) / 2.5 + 0.5
        out.append(str(n))
        out.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
        out.extend(lines)
        out.append("")
        t += dur + 0.8
    with open(path, "wb") as f:
        f.write(("\r\n".join(out) + "\r\n").encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in glob.glob(os.path.join(OUT, "*")):
        os.remove(old)
    styles, orient, ids = [], [], []
    stats = []
    for src in sorted(glob.glob(os.path.join(HERE, "fl*.txt"))):
        doc = os.path.splitext(os.path.basename(src))[0]
        cfg, headers, turns = parse(src)
        li, lr = plain(cfg["label_i"]), plain(cfg["label_r"])
        fmt = cfg["format"]
        if fmt in ("docx-bold", "docx-plain-names"):
            write_docx(os.path.join(OUT, doc + ".docx"), headers, turns, li, lr, fmt == "docx-bold")
        elif fmt == "txt-cp1252-IR":
            write_txt(os.path.join(OUT, doc + ".txt"), headers, turns, li, lr, "cp1252", "\r\n", False)
        elif fmt == "txt-utf8-timestamps":
            write_txt(os.path.join(OUT, doc + ".txt"), headers, turns, li, lr, "utf-8", "\n", True)
        elif fmt == "vtt":
            write_vtt(os.path.join(OUT, doc + ".vtt"), headers, turns, li, lr)
        elif fmt == "srt":
            write_srt(os.path.join(OUT, doc + ".srt"), turns, li, lr)
        else:
            raise SystemExit(f"unknown format {fmt}")
        styles.append((doc, cfg["style"], cfg["rationale"]))
        for i, (who, _, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orient.append((doc, i, o))
        seen = {}
        for piece in headers + [cfg["label_i"], cfg["label_r"]] + [t[1] for t in turns]:
            for text, typ in idents(piece):
                if text in seen and seen[text] != typ:
                    raise SystemExit(f"{doc}: {text!r} tagged as {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    ids.append((doc, text, typ))
        words = sum(len(plain(t[1]).split()) for t in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        oc = {k: sum(1 for t in turns if t[2] == k) for k in ("casus", "netwerk", "-")}
        stats.append((doc, fmt, words, nr, oc, len(seen)))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)
    for s in stats:
        print(*s, sep="\t")


if __name__ == "__main__":
    main()
