#!/usr/bin/env python3
"""Build the transcripts and the three label files of set JN from the annotated sources.

Source syntax (src/<doc_id>.src):
  #key: value        directives (format, encoding, newline, labels, bold ...); may contain tags
  H: text            one header line (paragraphs before the first turn)
  I: text            interviewer turn
  R: text {casus}    respondent turn, ending in {casus}, {netwerk} or {-}
  [[text|TYPE]]      identifier, inline
Paragraphs are separated by blank lines.
Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
DOCS = ["jn01", "jn02", "jn03", "jn04", "jn05", "jn06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def parse(doc_id):
    text = (SRC / f"{doc_id}.src").read_text("utf-8")
    meta, header, turns, idents = {}, [], [], []

    def collect(s):
        for m in TAG.finditer(s):
            if m.group(2) not in TYPES:
                sys.exit(f"{doc_id}: unknown type {m.group(2)}")
            idents.append((m.group(1), m.group(2)))

    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        rest = []
        for ln in lines:
            if ln.startswith("#"):
                k, v = ln[1:].split(":", 1)
                meta[k.strip()] = v.strip()
                collect(v)
            else:
                rest.append(ln)
        if not rest:
            continue
        para = " ".join(rest)
        kind, body = para.split(":", 1)
        body = body.strip()
        collect(body)
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after first turn")
            header.append(body)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent turn without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()].rstrip()
            elif ORIENT.search(body):
                sys.exit(f"{doc_id}: interviewer turn with orientation")
            expected = "I" if len(turns) % 2 == 0 else "R"
            if kind != expected:
                sys.exit(f"{doc_id}: turns do not alternate at turn {len(turns)+1}")
            turns.append((kind, body, orient))
        else:
            sys.exit(f"{doc_id}: unknown paragraph kind {kind!r}")
    # identifiers: distinct strings, consistent type
    seen = {}
    for s, t in idents:
        if s in seen and seen[s] != t:
            sys.exit(f"{doc_id}: identifier {s!r} has two types")
        seen.setdefault(s, t)
    return meta, header, turns, seen


def chunks(body, maxw):
    """Split an annotated turn into cue texts without breaking an identifier."""
    prot = TAG.sub(lambda m: m.group(0).replace(" ", "\x00"), body)
    words = prot.split()
    out, cur = [], []
    for w in words:
        cur.append(w)
        end = w.rstrip(")\"'”’").endswith((".", "?", "!"))
        if len(cur) >= maxw or (end and len(cur) >= maxw * 0.55):
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return [plain(" ".join(c).replace("\x00", " ")) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, maxw):
    t = 2.4
    cues = []
    for kind, body, _ in turns:
        parts = chunks(body, maxw)
        for i, part in enumerate(parts):
            dur = max(1.6, len(part.split()) / 2.6)
            cues.append((kind, i == 0, t, t + dur, part))
            t += dur + 0.15
        t += 0.9
    return cues


def write_text(path, text, meta):
    nl = "\r\n" if meta.get("newline", "lf") == "crlf" else "\n"
    data = text.replace("\n", nl).encode(meta.get("encoding", "utf-8"))
    path.write_bytes(data)


def build(doc_id):
    meta, header, turns, idents = parse(doc_id)
    fmt = meta["format"]
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    for old in OUT.glob(f"{doc_id}.*"):
        old.unlink()
    if fmt == "docx":
        d = Document()
        st = d.styles["Normal"]
        st.font.name = meta.get("font", "Calibri")
        st.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(plain(h))
            if meta.get("header_italic") == "yes":
                r.italic = True
        if header:
            d.add_paragraph()
        for kind, body, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(lab[kind] + ":")
            r.bold = meta.get("bold") == "yes"
            p.add_run(" " + plain(body))
        d.save(OUT / f"{doc_id}.docx")
    elif fmt == "txt":
        lines = [plain(h) for h in header]
        if header:
            lines.append("")
        t = 3.0
        for kind, body, _ in turns:
            b = plain(body)
            if meta.get("timestamps") == "yes":
                s = int(t)
                stamp = f"[{s//3600:02d}:{s%3600//60:02d}:{s%60:02d}] "
                t += len(b.split()) / 2.5 + 1.5
            else:
                stamp = ""
            lines.append(f"{stamp}{lab[kind]}: {b}")
            lines.append("")
        write_text(OUT / f"{doc_id}.txt", "\n".join(lines), meta)
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out.append("NOTE")
            out.extend(plain(h) for h in header)
            out.append("")
        for kind, first, a, b, part in timed_cues(turns, int(meta.get("cue_words", 16))):
            out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
            out.append(f"<v {lab[kind]}>{part}</v>")
            out.append("")
        write_text(OUT / f"{doc_id}.vtt", "\n".join(out), meta)
    elif fmt == "srt":
        if header:
            sys.exit(f"{doc_id}: srt cannot carry a header")
        out = []
        for n, (kind, first, a, b, part) in enumerate(
                timed_cues(turns, int(meta.get("cue_words", 14))), 1):
            out.append(str(n))
            out.append(f"{ts(a, ',')} --> {ts(b, ',')}")
            out.append(f"{lab[kind]}: {part}")
            out.append("")
        write_text(OUT / f"{doc_id}.srt", "\n".join(out), meta)
    else:
        sys.exit(f"{doc_id}: unknown format {fmt}")
    words = sum(len(plain(b).split()) for _, b, _ in turns)
    nresp = sum(1 for k, _, _ in turns if k == "R")
    return turns, idents, words, nresp, fmt


def main():
    OUT.mkdir(exist_ok=True)
    orient_rows, ident_rows = [], []
    for doc_id in DOCS:
        turns, idents, words, nresp, fmt = build(doc_id)
        for i, (kind, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        for s, t in idents.items():
            ident_rows.append((doc_id, s, t))
        c = sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "casus")
        n = sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "netwerk")
        print(f"{doc_id}: {fmt:4s} words={words} respondent_turns={nresp} "
              f"identifiers={len(idents)} casus={c} netwerk={n}")
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    styles = [ln.split("|", 2) for ln in
              (SRC / "styles.src").read_text("utf-8").strip().splitlines() if ln.strip()]
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows([[a.strip(), b.strip(), c.strip()] for a, b, c in styles])


if __name__ == "__main__":
    main()
