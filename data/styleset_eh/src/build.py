#!/usr/bin/env python3
"""Build setEH transcripts and csv files from the annotated sources in src/.

Source format (src/ehNN.src):
    key: value            metadata lines (id, format, encoding, label_I, label_R, header, note, start)
    ===                   separator
    I: text               one paragraph per turn, blank line between turns
    R: text [[casus]]     respondent turns may end in [[casus]] or [[netwerk]]
Identifiers are marked inline as {{verbatim text|TYPE}}.

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

ID_RE = re.compile(r"\{\{([^{}|]+)\|([A-Z_]+)\}\}")
MARK_RE = re.compile(r"\s*\[\[(casus|netwerk)\]\]\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip_ids(text, found):
    def rep(m):
        ident, typ = m.group(1), m.group(2)
        assert typ in TYPES, typ
        if (ident, typ) not in found:
            found.append((ident, typ))
        return ident
    return ID_RE.sub(rep, text)


def parse(path):
    raw = path.read_text(encoding="utf-8")
    head, body = raw.split("\n===\n", 1)
    meta = {"header": [], "note": [], "extra_id": []}
    for line in head.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        k, v = line.split(":", 1)
        k, v = k.strip(), v.strip()
        if k in ("header", "note", "extra_id"):
            meta[k].append(v)
        else:
            meta[k] = v
    found = []
    meta["header"] = [strip_ids(h, found) for h in meta["header"]]
    meta["note"] = [strip_ids(h, found) for h in meta["note"]]
    for e in meta["extra_id"]:  # identifiers that occur in speaker labels or unmarked repeats
        ident, typ = e.rsplit("|", 1)
        assert typ in TYPES, typ
        if (ident, typ) not in found:
            found.append((ident, typ))
    turns = []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(para.split())
        spk, text = para.split(":", 1)
        spk = spk.strip()
        assert spk in ("I", "R"), para[:60]
        text = text.strip()
        orient = None
        m = MARK_RE.search(text)
        if m:
            assert spk == "R", para[:60]
            orient = m.group(1)
            text = text[: m.start()].rstrip()
        text = strip_ids(text, found)
        assert "{{" not in text and "[[" not in text, text[:80]
        turns.append((spk, text, orient))
    for i, (spk, _, _) in enumerate(turns):
        assert spk == ("I" if i % 2 == 0 else "R"), (path.name, i + 1)
    return meta, turns, found


def words(text):
    # spoken words only: drop bracketed annotations like [lacht]
    return len(re.sub(r"\[[^\]]*\]", " ", text).split())


def timings(turns, start=3.0, wps=2.4):
    t = start
    out = []
    for spk, text, _ in turns:
        dur = max(1.5, words(text) / wps)
        out.append((t, t + dur))
        t += dur + 0.6
    return out


def hms(t, sep):
    h = int(t // 3600)
    m = int(t % 3600 // 60)
    s = int(t % 60)
    ms = int(round((t - int(t)) * 1000)) % 1000
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def label(meta, spk):
    return meta["label_" + spk]


def render_txt(meta, turns):
    lines = []
    for h in meta["header"]:
        lines.append(h)
    if lines:
        lines.append("")
    stamp = meta.get("stamps") == "yes"
    tm = timings(turns, float(meta.get("start", 3)))
    for (spk, text, _), (a, _) in zip(turns, tm):
        prefix = f"[{hms(a, ',')[:8]}] " if stamp else ""
        lines.append(f"{prefix}{label(meta, spk)}: {text}")
        lines.append("")
    return "\r\n".join(lines) if meta.get("newline") == "crlf" else "\n".join(lines)


def render_srt(meta, turns):
    out = []
    for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns, float(meta.get("start", 3)))), 1):
        out.append(str(n))
        out.append(f"{hms(a, ',')} --> {hms(b, ',')}")
        out.append(f"{label(meta, spk)}: {text}")
        out.append("")
    return "\n".join(out)


def render_vtt(meta, turns):
    out = ["WEBVTT", ""]
    for note in meta["note"]:
        out.append("NOTE " + note)
        out.append("")
    for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns, float(meta.get("start", 3)))), 1):
        out.append(f"{meta['id']}-{n:03d}")
        out.append(f"{hms(a, '.')} --> {hms(b, '.')}")
        out.append(f"<v {label(meta, spk)}>{text}</v>")
        out.append("")
    return "\n".join(out)


def render_docx(meta, turns, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    bold = meta.get("bold_labels") == "yes"
    for spk, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label(meta, spk) + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label(meta, spk)}: {text}")
    d.save(path)


def main():
    OUT.mkdir(exist_ok=True)
    styles = list(csv.DictReader((HERE / "styles_src.csv").open(encoding="utf-8")))
    style_of = {r["doc_id"]: r for r in styles}
    orient_rows, ident_rows, summary = [], [], []
    for src in sorted(HERE.glob("eh*.src")):
        meta, turns, found = parse(src)
        doc = meta["id"]
        fmt = meta["format"]
        enc = meta.get("encoding", "utf-8")
        dest = OUT / f"{doc}.{fmt}"
        if fmt == "txt":
            dest.write_bytes(render_txt(meta, turns).encode(enc))
        elif fmt == "srt":
            dest.write_text(render_srt(meta, turns), encoding=enc)
        elif fmt == "vtt":
            dest.write_text(render_vtt(meta, turns), encoding=enc)
        elif fmt == "docx":
            render_docx(meta, turns, dest)
        else:
            raise ValueError(fmt)
        for i, (spk, _, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((doc, i, o))
        for ident, typ in found:
            ident_rows.append((doc, ident, typ))
        total = sum(words(t) for _, t, _ in turns)
        resp = sum(1 for s, _, _ in turns if s == "R")
        n_c = sum(1 for _, _, o in turns if o == "casus")
        n_n = sum(1 for _, _, o in turns if o == "netwerk")
        summary.append((doc, fmt, enc, total, resp, n_c, n_n, style_of[doc]["style"]))
    with (ROOT / "styles.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for r in styles:
            w.writerow([r["doc_id"], r["style"], r["rationale"]])
    with (ROOT / "orientation.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with (ROOT / "identifiers.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("doc   fmt   enc      words resp casus netwerk style")
    for s in summary:
        print("{:5} {:5} {:8} {:5} {:4} {:5} {:7} {}".format(*s))


if __name__ == "__main__":
    main()
