"""Build the setJF transcripts and csv files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/jfNN.src.txt):
  '#key: value' lines  -> metadata (format, labels, style, rationale, ...)
  'H: ...'             -> header line (not a turn)
  'I: ...' / 'R: ...'  -> one turn (interviewer / respondent), one line each
Identifiers are written inline as [[text|TYPE]]; every R line ends in
{casus}, {netwerk} or {-}.
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
DOCS = [f"jf0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TOKEN_RE = re.compile(r"(?:\[\[[^\]]+\]\]|\S)+")


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def parse(doc):
    meta, header, turns = {}, [], []
    for raw in (SRC / f"{doc}.src.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
            continue
        tag, body = line.split(":", 1)
        body = body.strip()
        if tag == "H":
            header.append(body)
        elif tag in ("I", "R"):
            ori = None
            if tag == "R":
                m = ORI_RE.search(body)
                if not m:
                    sys.exit(f"{doc}: respondent turn without orientation tag: {body[:60]}")
                ori = m.group(1)
                body = body[: m.start()].rstrip()
            elif ORI_RE.search(body):
                sys.exit(f"{doc}: interviewer turn with orientation tag: {body[:60]}")
            turns.append((tag, body, ori))
        else:
            sys.exit(f"{doc}: unknown tag {tag!r}")
    for i, (tag, _, _) in enumerate(turns):
        if tag != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def label(meta, tag):
    return meta["ilabel" if tag == "I" else "rlabel"]


def ts(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(annotated):
    """Split an annotated turn into cue-sized pieces, never inside an identifier."""
    toks = TOKEN_RE.findall(annotated)
    out, cur = [], []
    for k, t in enumerate(toks):
        cur.append(t)
        n = len(cur)
        end = plain(t)
        # never start a cue with a few words followed by a colon: that reads as a speaker label
        risky = any(plain(x).endswith(":") for x in toks[k + 1:k + 6])
        if risky and n < 26:
            continue
        if (n >= 9 and end[-1] in ".?!") or (n >= 14 and end[-1] in ",;") or n >= 17:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return out


def wrap(tokens, width=48):
    lines, cur = [], ""
    for t in tokens:
        p = plain(t)
        if cur and len(cur) + 1 + len(p) > width:
            lines.append(cur)
            cur = p
        else:
            cur = f"{cur} {p}" if cur else p
    lines.append(cur)
    return lines


def seconds_for(words):
    return max(1.2, words / 2.6)


def write_docx(doc, meta, header, turns):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = meta.get("font", "Calibri")
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if meta.get("header_style") == "bold":
            r.bold = True
        else:
            r.italic = True
    for tag, body, _ in turns:
        p = d.add_paragraph()
        lab = plain(label(meta, tag)) + ":"
        if meta.get("label_style") == "bold":
            p.add_run(lab).bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(lab + " " + plain(body))
    d.save(OUT / f"{doc}.docx")


def write_txt(doc, meta, header, turns):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    lines = [plain(h) for h in header]
    if lines:
        lines.append("")
    t = float(meta.get("start", "3"))
    for tag, body, _ in turns:
        txt = plain(body)
        if meta.get("label_mode") == "timestamp":
            secs = int(t)
            stamp = f"[{secs // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}]"
            lines.append(f"{stamp} {plain(label(meta, tag))}: {txt}")
        else:
            lines.append(f"{plain(label(meta, tag))}: {txt}")
        lines.append("")
        t += seconds_for(len(txt.split())) + 0.8
    data = nl.join(lines).rstrip() + nl
    (OUT / f"{doc}.txt").write_bytes(data.encode(meta.get("encoding", "utf-8")))


def write_vtt(doc, meta, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h) for h in header]
        out.append("")
    t = 2.0
    n = 0
    for tag, body, _ in turns:
        for piece in chunks(body):
            n += 1
            txt = " ".join(plain(x) for x in piece)
            dur = seconds_for(len(txt.split()))
            out.append(f"{n}")
            out.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
            lines = wrap(piece)
            out.append(f"<v {plain(label(meta, tag))}>" + lines[0])
            out += lines[1:]
            out.append("")
            t += dur + 0.1
        t += 0.7
    (OUT / f"{doc}.vtt").write_text("\n".join(out), encoding="utf-8")


def write_srt(doc, meta, header, turns):
    out = []
    t = 1.5
    n = 0
    for tag, body, _ in turns:
        for k, piece in enumerate(chunks(body)):
            n += 1
            txt = " ".join(plain(x) for x in piece)
            dur = seconds_for(len(txt.split()))
            out.append(str(n))
            out.append(f"{ts(t)} --> {ts(t + dur)}")
            lines = wrap(piece)
            if k == 0:
                lines[0] = f"{plain(label(meta, tag))}: " + lines[0]
            out += lines
            out.append("")
            t += dur + 0.1
        t += 0.7
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    (OUT / f"{doc}.srt").write_bytes(nl.join(out).encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "vtt": write_vtt, "srt": write_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, oris, ids = [], [], []
    for doc in DOCS:
        meta, header, turns = parse(doc)
        WRITERS[meta["format"]](doc, meta, header, turns)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (tag, _, ori) in enumerate(turns, start=1):
            if tag == "R" and ori in ("casus", "netwerk"):
                oris.append((doc, i, ori))
        seen = {}
        annotated = header + [meta["ilabel"], meta["rlabel"]] + [b for _, b, _ in turns]
        for s in annotated:
            for text, typ in ID_RE.findall(s):
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text!r} has two types {seen[text]} / {typ}")
                if text not in seen:
                    seen[text] = typ
                    ids.append((doc, text, typ))
        # QA: identifier strings occurring outside an annotation
        rest = "\n".join(ID_RE.sub(" ", s) for s in annotated)
        for text in seen:
            if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", rest):
                print(f"warning {doc}: {text!r} also occurs unannotated")
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        nresp = sum(1 for t, _, _ in turns if t == "R")
        nori = sum(1 for t, _, o in turns if t == "R" and o != "-")
        print(f"{doc}: {meta['format']:4s} words={words} turns={len(turns)} "
              f"respondent={nresp} oriented={nori} ids={len(seen)}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)


if __name__ == "__main__":
    main()
