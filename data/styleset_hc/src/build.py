"""Build the setHC transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/hcNN.txt, UTF-8), one paragraph per line:
  # key: value        metadata (format, label_I, label_R, style, rationale)
  H: ...              header line (rendered where the format has a header)
  I: ...              interviewer turn
  R: ... {casus}      respondent turn, ends in {casus}, {netwerk} or {-}
Identifiers inline as [[text|TYPE]]; labels may also carry [[...|PERSOON]].
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
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TOKEN_RE = re.compile(r"\S*?\[\[[^\]]+\]\]\S*|\S+")


def strip(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids_in(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"bad type {m.group(2)} in {s[:60]}")
        out.append((m.group(1), m.group(2)))
    return out


def parse(path):
    meta, header, turns = {}, [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        elif line.startswith("H: "):
            header.append(line[3:])
        elif line.startswith("I: ") or line.startswith("R: "):
            who, text = line[0], line[3:]
            orient = None
            if who == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", text)
                if not m:
                    sys.exit(f"{path.name}:{n}: respondent turn without orientation tag")
                orient, text = m.group(1), text[:m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}", text):
                sys.exit(f"{path.name}:{n}: orientation tag on interviewer turn")
            turns.append((who, text, orient))
        else:
            sys.exit(f"{path.name}:{n}: unknown line {line[:40]}")
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turn {i+1} breaks alternation")
    return meta, header, turns


# ---------------------------------------------------------------- cue splitting
def chunks(text, soft=13, hard=22):
    """Split annotated text into cue-sized pieces, never inside an identifier."""
    toks = TOKEN_RE.findall(text)
    out, cur = [], []
    for t in toks:
        cur.append(t)
        vis = strip(t)
        n = len(strip(" ".join(cur)).split())
        if (vis.endswith((".", "?", "!", "…", ".)", "?)")) and n >= 6) or \
           (vis.endswith(",") and n >= soft) or n >= hard:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(strip(" ".join(cur)).split()) < 3:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def dur(text):
    return max(1.3, len(strip(text).split()) / 2.6)


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, lab, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = True
    if header:
        d.add_paragraph("")
    for who, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab[who] + ":")
            r.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(lab[who] + ": " + strip(text))
    d.save(path)


def write_txt_spreker(path, header, turns, lab):
    lines = [strip(h) for h in header] + [""]
    t = 4.0
    for who, text, _ in turns:
        lines.append(f"[{hms(t)}] {lab[who]}: {strip(text)}")
        lines.append("")
        t += dur(text) + 0.8
    path.write_text("\n".join(lines), encoding="utf-8")


def write_txt_ir(path, header, turns, lab, encoding, newline):
    lines = [strip(h) for h in header] + [""]
    for who, text, _ in turns:
        lines.append(f"{lab[who]}: {strip(text)}")
        lines.append("")
    data = newline.join(lines)
    path.write_bytes(data.encode(encoding))


def write_vtt(path, header, turns, lab):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [strip(h) for h in header]
        lines.append("")
    t = 2.0
    for who, text, _ in turns:
        for c in chunks(text):
            d = dur(c)
            lines.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            lines.append(f"<v {lab[who]}>{strip(c)}</v>")
            lines.append("")
            t += d + 0.1
        t += 0.7
    path.write_text("\n".join(lines), encoding="utf-8")


def write_srt(path, header, turns, lab, newline):
    lines, n, t = [], 1, 1.5
    for who, text, _ in turns:
        for c in chunks(text):
            d = dur(c)
            lines += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{lab[who]}: {strip(c)}", ""]
            n += 1
            t += d + 0.1
        t += 0.6
    path.write_bytes(newline.join(lines).encode("utf-8"))


# ---------------------------------------------------------------- main
def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient_rows, id_rows = [], [], []
    for src in sorted(HERE.glob("hc*.txt")):
        doc = src.stem
        meta, header, turns = parse(src)
        lab_src = {"I": meta["label_I"], "R": meta["label_R"]}
        lab = {k: strip(v) for k, v in lab_src.items()}
        fmt = meta["format"]
        if fmt == "docx_bold":
            write_docx(OUT / f"{doc}.docx", header, turns, lab, True)
        elif fmt == "docx_plain":
            write_docx(OUT / f"{doc}.docx", header, turns, lab, False)
        elif fmt == "txt_spreker_utf8":
            write_txt_spreker(OUT / f"{doc}.txt", header, turns, lab)
        elif fmt == "txt_ir_cp1252_crlf":
            write_txt_ir(OUT / f"{doc}.txt", header, turns, lab, "cp1252", "\r\n")
        elif fmt == "vtt":
            write_vtt(OUT / f"{doc}.vtt", header, turns, lab)
        elif fmt == "srt_crlf":
            write_srt(OUT / f"{doc}.srt", header, turns, lab, "\r\n")
        else:
            sys.exit(f"unknown format {fmt}")
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (who, _, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        seen = {}
        # order: header, labels, turns
        texts = header + [lab_src["I"], lab_src["R"]] + [t for _, t, _ in turns]
        for s in texts:
            for ident, typ in ids_in(s):
                if ident in seen and seen[ident] != typ:
                    sys.exit(f"{doc}: '{ident}' typed {seen[ident]} and {typ}")
                if ident not in seen:
                    seen[ident] = typ
                    id_rows.append((doc, ident, typ))
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
    print(f"built {len(styles)} docs, {len(orient_rows)} orientation rows, {len(id_rows)} identifiers")


if __name__ == "__main__":
    main()
