#!/usr/bin/env python3
"""Build the setHY transcripts and csv files from the annotated sources.

Source syntax (src/<doc_id>.txt), one unit per line:
  # style: ... / # rationale: ...   metadata
  H: ...                             header line (format-specific rendering)
  I: ... / R: ...                    turns; identifiers inline as [[text|TYPE]]
  every R line ends in {casus}, {netwerk} or {-}

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
from pathlib import Path

import docx
from docx.shared import Pt

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TRANS = OUT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# format configuration per document; label names that are person names are identifiers
DOCS = {
    "hy01": dict(fmt="srt", crlf=True, labels=("Sanne", "Herman"), label_ids=True, start=4.2),
    "hy02": dict(fmt="txt", enc="cp1252", crlf=True, labels=("I", "R")),
    "hy03": dict(fmt="vtt", labels=("Nadia Bouzid", "Bart Lammerink"), label_ids=True, start=1.6),
    "hy04": dict(fmt="docx", bold=False, labels=("Tom", "Ingrid"), label_ids=True),
    "hy05": dict(fmt="txt", enc="utf-8", crlf=False, labels=("Spreker 1", "Spreker 2"),
                 timestamps=True, start=2.0),
    "hy06": dict(fmt="docx", bold=True, labels=("Interviewer", "Respondent")),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse(doc_id):
    meta, header, turns, ids = {}, [], [], []

    def strip(s):
        for m in MARK.finditer(s):
            text, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                raise SystemExit(f"{doc_id}: bad type {typ}")
            if (text, typ) not in ids:
                ids.append((text, typ))
        return MARK.sub(r"\1", s)

    for raw in (SRC / f"{doc_id}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith("# "):
            k, v = line[2:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif line.startswith("H: "):
            header.append(strip(line[3:]))
        elif line.startswith(("I: ", "R: ")):
            spk, body = line[0], line[3:]
            orient = None
            if spk == "R":
                m = ORIENT.search(body)
                if not m:
                    raise SystemExit(f"{doc_id}: respondent turn without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif ORIENT.search(body):
                raise SystemExit(f"{doc_id}: interviewer turn with orientation")
            turns.append((spk, strip(body).strip(), orient))
        else:
            raise SystemExit(f"{doc_id}: unparsed line: {line[:60]}")
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: turns do not alternate at {i + 1}")
    return meta, header, turns, ids


# ---------------------------------------------------------------- helpers
def protect(text, ids):
    """Replace spaces inside identifiers by \x01 so that wrapping never splits them."""
    for s in sorted({i for i, _ in ids}, key=len, reverse=True):
        if " " in s:
            text = text.replace(s, s.replace(" ", "\x01"))
    return text


def chunks(text, ids, max_words=15):
    words = protect(text, ids).split(" ")
    out, cur = [], []
    for w in words:
        cur.append(w)
        end = w.endswith((".", "?", "!", ".\"", "?\"", "!\"", ")"))
        if (end and len(cur) >= 7) or len(cur) >= max_words:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return out


def wrap(words, width=46):
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return [l.replace("\x01", " ") for l in lines]


def dur(words):
    return 0.38 * words + 0.4


def ts(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- renderers
def render_srt(cfg, header, turns, ids):
    lines, n, t = [], 0, cfg.get("start", 1.0)
    for spk, text, _ in turns:
        label = cfg["labels"][0 if spk == "I" else 1]
        for ch in chunks(text, ids):
            n += 1
            d = dur(len(ch))
            body = wrap([f"{label}:"] + ch)
            lines += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", *body, ""]
            t += d + 0.15
        t += 0.9
    return "\n".join(lines)


def render_vtt(cfg, header, turns, ids):
    lines = ["WEBVTT", "", "NOTE", *header, ""]
    t = cfg.get("start", 1.0)
    for spk, text, _ in turns:
        label = cfg["labels"][0 if spk == "I" else 1]
        for ch in chunks(text, ids):
            d = dur(len(ch))
            body = wrap(ch)
            body[0] = f"<v {label}>{body[0]}"
            lines += [f"{ts(t, '.')} --> {ts(t + d, '.')}", *body, ""]
            t += d + 0.1
        t += 0.8
    return "\n".join(lines)


def render_txt(cfg, header, turns, ids):
    lines = []
    if header:
        lines += header + [""]
    t = cfg.get("start", 0.0)
    for spk, text, _ in turns:
        label = cfg["labels"][0 if spk == "I" else 1]
        if cfg.get("timestamps"):
            s = int(t)
            stamp = f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] "
            lines.append(f"{stamp}{label}: {text}")
            t += dur(len(text.split())) + 1.2
        else:
            lines.append(f"{label}: {text}")
        lines.append("")
    return "\n".join(lines)


def write_docx(cfg, header, turns, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(h)
    if header:
        d.add_paragraph("")
    for spk, text, _ in turns:
        label = cfg["labels"][0 if spk == "I" else 1]
        p = d.add_paragraph()
        if cfg.get("bold"):
            p.add_run(f"{label}:").bold = True
            p.add_run(f" {text}")
        else:
            p.add_run(f"{label}: {text}")
    d.save(path)


# ---------------------------------------------------------------- main
def main():
    TRANS.mkdir(exist_ok=True)
    for f in TRANS.iterdir():
        f.unlink()
    styles, orient_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        meta, header, turns, ids = parse(doc_id)
        if cfg.get("label_ids"):
            for lab in cfg["labels"]:
                if (lab, "PERSOON") not in ids:
                    ids.append((lab, "PERSOON"))
        fmt = cfg["fmt"]
        if fmt == "docx":
            write_docx(cfg, header, turns, TRANS / f"{doc_id}.docx")
        else:
            text = {"srt": render_srt, "vtt": render_vtt, "txt": render_txt}[fmt](cfg, header, turns, ids)
            text = text.rstrip("\n") + "\n"
            if cfg.get("crlf"):
                text = text.replace("\n", "\r\n")
            enc = cfg.get("enc", "utf-8")
            (TRANS / f"{doc_id}.{fmt}").write_bytes(text.encode(enc))
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (spk, _, o) in enumerate(turns, start=1):
            if spk == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        seen = set()
        for text, typ in ids:
            if text in seen:
                raise SystemExit(f"{doc_id}: identifier {text!r} with two types")
            seen.add(text)
            id_rows.append((doc_id, text, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        print(f"{doc_id}: {fmt:4s} turns={len(turns):3d} resp={len(turns) // 2:3d} words={words}")

    def write(name, head, rows):
        with open(OUT / name, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(head)
            w.writerows(rows)

    write("styles.csv", ["doc_id", "style", "rationale"], styles)
    write("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(orient_rows))
    write("identifiers.csv", ["doc_id", "identifier", "type"], id_rows)


if __name__ == "__main__":
    main()
