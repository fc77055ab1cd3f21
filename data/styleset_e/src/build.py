#!/usr/bin/env python3
"""Build set E transcripts + csv files from the annotated sources in this folder.

Source format (src/be0N.src):
    key: value            meta lines until a line '---'
        doc, style, rationale, format (docx|txt|vtt|srt), encoding, newline (lf|crlf),
        labels (interviewer|respondent; may contain {{..|TYPE}} markup),
        label_style (bold|plain|stamp|voice|cue), header (repeatable), voice, setting, start (seconds)
    ---
    I: interviewer turn (one paragraph = one turn)
    R: respondent turn ... [[casus]] | [[netwerk]] | [[-]]

Inline identifiers: {{verbatim text|TYPE}}.
Run: /work/main/.venv/bin/python src/build.py   (python-docx only needed for .docx)
"""
import csv
import hashlib
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
TR = OUT / "transcripts"
ID_RE = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
MARK_RE = re.compile(r"\s*\[\[(casus|netwerk|-)\]\]\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
EXT = {"docx": "docx", "txt": "txt", "vtt": "vtt", "srt": "srt"}


def strip_ids(s, sink):
    def rep(m):
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ}")
        sink.append((text, typ))
        return text
    return ID_RE.sub(rep, s)


def parse(path):
    meta = {"header": []}
    turns = []
    ids = []
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while lines[i].strip() != "---":
        ln = lines[i]
        i += 1
        if not ln.strip() or ln.startswith("#"):
            continue
        k, v = ln.split(":", 1)
        k, v = k.strip(), v.strip()
        if k == "header":
            meta["header"].append(strip_ids(v, ids))
        elif k == "labels":
            parts = re.split(r"\|(?![A-Z_]+\}\})", v)
            meta["labels"] = [strip_ids(p.strip(), ids) for p in parts]
        else:
            meta[k] = v
    body = "\n".join(lines[i + 1:])
    for para in re.split(r"\n\s*\n", body):
        para = " ".join(x.strip() for x in para.strip().split("\n"))
        if not para:
            continue
        spk, text = para.split(":", 1)
        spk = spk.strip()
        mark = None
        m = MARK_RE.search(text)
        if m:
            mark = m.group(1)
            text = text[:m.start()]
        if spk == "R" and mark is None:
            sys.exit(f"{path.name}: respondent turn without mark: {text[:60]}")
        if spk == "I" and mark is not None:
            sys.exit(f"{path.name}: interviewer turn with mark")
        text = strip_ids(text.strip(), ids)
        if "{{" in text or "}}" in text or "[[" in text:
            sys.exit(f"{path.name}: leftover markup: {text[:80]}")
        turns.append((spk, text, mark))
    for n, (spk, _, _) in enumerate(turns):
        want = "I" if n % 2 == 0 else "R"
        if spk != want:
            sys.exit(f"{path.name}: turn {n+1} is {spk}, expected {want}")
    return meta, turns, ids


def jitter(doc, n, lo, hi):
    h = int(hashlib.md5(f"{doc}-{n}".encode()).hexdigest(), 16)
    return lo + (h % 1000) / 1000 * (hi - lo)


def timed(doc, turns, start):
    """Yield (turn_no, speaker, chunk, t0, t1); long turns split at sentence ends."""
    t = float(start)
    out = []
    for n, (spk, text, _) in enumerate(turns):
        sents = re.split(r"(?<=[.?!…])\s+", text)
        chunks, cur = [], ""
        for s in sents:
            if cur and len((cur + " " + s).split()) > 42:
                chunks.append(cur)
                cur = s
            else:
                cur = (cur + " " + s).strip()
        if cur:
            chunks.append(cur)
        t += jitter(doc, n, 0.4, 1.6)
        for c in chunks:
            dur = max(1.2, len(c.split()) / 2.5)
            out.append((n, spk, c, t, t + dur))
            t += dur + 0.15
    return out


def hms(t, sep="."):
    ms = int(round((t - int(t)) * 1000))
    t = int(t)
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}{sep}{ms:03d}"


def render(meta, turns):
    doc = meta["doc"]
    fmt = meta["format"]
    lab = {"I": meta["labels"][0], "R": meta["labels"][1]}
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    style = meta.get("label_style", "plain")
    if fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for h in meta["header"]:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = True
            r.font.size = Pt(12)
        d.add_paragraph("")
        for spk, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(lab[spk] + ":")
            r.bold = style == "bold"
            p.add_run(" " + text)
        path = TR / f"{doc}.docx"
        d.core_properties.author = ""
        d.core_properties.title = ""
        d.save(path)
        return path
    if fmt == "txt":
        lines = list(meta["header"])
        if lines:
            lines.append("")
        if style == "stamp":
            t = float(meta.get("start", 0))
            for n, (spk, text, _) in enumerate(turns):
                t += jitter(doc, n, 0.5, 2.0)
                lines.append(f"[{hms(t)[:8]}] {lab[spk]}: {text}")
                lines.append("")
                t += len(text.split()) / 2.6
        else:
            for spk, text, _ in turns:
                lines.append(f"{lab[spk]}: {text}")
                lines.append("")
        s = nl.join(lines).rstrip() + nl
        path = TR / f"{doc}.txt"
        path.write_bytes(s.encode(meta.get("encoding", "utf-8")))
        return path
    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        if meta["header"]:
            lines.append("NOTE")
            lines.extend(meta["header"])
            lines.append("")
        for k, (n, spk, c, t0, t1) in enumerate(timed(doc, turns, meta.get("start", 0)), 1):
            lines.append(f"{k}")
            lines.append(f"{hms(t0)} --> {hms(t1)}")
            lines.append(f"<v {lab[spk]}>{c}</v>")
            lines.append("")
        path = TR / f"{doc}.vtt"
        path.write_bytes((nl.join(lines)).encode("utf-8"))
        return path
    if fmt == "srt":
        lines = []
        for k, (n, spk, c, t0, t1) in enumerate(timed(doc, turns, meta.get("start", 0)), 1):
            lines.append(f"{k}")
            lines.append(f"{hms(t0, ',')} --> {hms(t1, ',')}")
            lines.append(f"{lab[spk]}: {c}")
            lines.append("")
        path = TR / f"{doc}.srt"
        path.write_bytes((nl.join(lines)).encode("utf-8"))
        return path
    sys.exit(f"unknown format {fmt}")


def main():
    TR.mkdir(exist_ok=True)
    styles, orient, idrows, table = [], [], [], []
    for src in sorted(HERE.glob("be0*.src")):
        meta, turns, ids = parse(src)
        doc = meta["doc"]
        path = render(meta, turns)
        seen = {}
        for text, typ in ids:
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc}: {text} typed {seen[text]} and {typ}")
            if text not in seen:
                seen[text] = typ
                idrows.append((doc, text, typ))
        for n, (spk, text, mark) in enumerate(turns, 1):
            if spk == "R" and mark in ("casus", "netwerk"):
                orient.append((doc, n, mark))
        styles.append((doc, meta["style"], meta["rationale"].strip().strip('"')))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        table.append((doc, meta["voice"], meta["style"], path.name.split(".", 1)[1] +
                      (f" ({meta['encoding']})" if meta.get("encoding", "utf-8") != "utf-8" else ""),
                      words, rturns))
        print(f"{doc}: {path.name} words={words} turns={len(turns)} "
              f"casus={sum(1 for o in orient if o[0]==doc and o[2]=='casus')} "
              f"netwerk={sum(1 for o in orient if o[0]==doc and o[2]=='netwerk')}")
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    notes = (HERE / "README_notes.md").read_text(encoding="utf-8") if (HERE / "README_notes.md").exists() else ""
    rd = ["# Blind interview set E (be01-be06)", "",
          "Fictitious Dutch interviews with regisseurs in domestic-violence / child-safety and Top400 settings. "
          "Generated by `src/build.py` from `src/be0N.src`; verified by `check.py`.", "",
          "| doc | respondent (voice, setting) | style | format | words | respondent turns |",
          "|---|---|---|---|---|---|"]
    for r in table:
        rd.append("| " + " | ".join(str(x) for x in r) + " |")
    rd += ["", notes]
    (OUT / "README.md").write_text("\n".join(rd).rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
