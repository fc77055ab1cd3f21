#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set FM from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/fmNN.txt):
  #format: docx-bold | docx-plain | txt-cp1252-spreker | txt-utf8-ir | vtt | srt
  #ilabel: <interviewer label>          (may contain [[text|TYPE]])
  #rlabel: <respondent label>           (may contain [[text|TYPE]])
  paragraphs separated by blank lines, each starting with H: (header), I: or R:
  identifiers inline as [[text|TYPE]]; every R: paragraph ends in {casus}, {netwerk} or {-}
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
DOC_IDS = [f"fm{i:02d}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text, ids):
    def repl(m):
        t, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} in {text[:60]}")
        ids.append((t, typ))
        return t
    return ANN.sub(repl, text)


def parse(path):
    meta, header, turns, ids = {}, [], [], []
    paras = re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip())
    for p in paras:
        lines = [l for l in p.splitlines() if l.strip()]
        rest = []
        for l in lines:
            if l.startswith("#"):
                k, v = l[1:].split(":", 1)
                meta[k.strip()] = v.strip()
            else:
                rest.append(l.strip())
        if not rest:
            continue
        text = " ".join(rest)
        kind, body = text[:2], text[2:].strip()
        if kind == "H:":
            header.append(strip(body, ids))
        elif kind in ("I:", "R:"):
            ori = None
            if kind == "R:":
                m = ORI.search(body)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without orientation: {body[:60]}")
                ori = m.group(1)
                body = body[:m.start()]
            elif ORI.search(body):
                sys.exit(f"{path.name}: interviewer paragraph with orientation")
            turns.append((kind[0], strip(body, ids), ori))
        else:
            sys.exit(f"{path.name}: bad paragraph {text[:40]}")
    labels = {"I": strip(meta["ilabel"], ids), "R": strip(meta["rlabel"], ids)}
    for a, b in zip(turns, turns[1:]):
        if a[0] == b[0]:
            sys.exit(f"{path.name}: turns do not alternate")
    if turns[0][0] != "I":
        sys.exit(f"{path.name}: interviewer must speak first")
    return meta["format"], header, labels, turns, ids


def words(s):
    return len(re.findall(r"\w+", s))


def timeline(turns, start=4.0, rate=2.2):
    """Approximate start/end seconds per chunk of speech."""
    t = start
    out = []
    for spk, text, _ in turns:
        dur = max(1.5, words(text) / rate)
        out.append((t, t + dur))
        t += dur + 1.3
    return out


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def ts(sec, sep):
    ms = int(round((sec - int(sec)) * 1000))
    s = int(sec)
    if ms == 1000:
        s, ms = s + 1, 0
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}{sep}{ms:03d}"


def chunks(text, maxw=24):
    sents = re.split(r"(?<=[.?!])\s+", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def build_docx(path, header, labels, turns, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(h)
    if header:
        d.add_paragraph("")
    for spk, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(labels[spk] + ":")
        r.bold = bold
        p.add_run(" " + text)
    d.save(path)


def build_txt_spreker(path, header, labels, turns):
    lines = list(header) + [""]
    for (spk, text, _), (a, _b) in zip(turns, timeline(turns)):
        lines.append(f"[{hms(a)}] {labels[spk]}: {text}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    path.write_bytes(data)


def build_txt_ir(path, header, labels, turns):
    lines = list(header) + [""]
    for spk, text, _ in turns:
        lines.append(f"{labels[spk]}: {text}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def build_vtt(path, header, labels, turns):
    for _, text, _ in turns:
        if "&" in text or "<" in text or "-->" in text:
            sys.exit("vtt text must not contain & < -->")
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t = 3.2
    for spk, text, _ in turns:
        for c in chunks(text):
            dur = max(1.2, words(c) / 2.2)
            lines.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
            lines.append(f"<v {labels[spk]}>{c}")
            lines.append("")
            t += dur + 0.25
        t += 0.6
    path.write_text("\n".join(lines), encoding="utf-8")


def build_srt(path, header, labels, turns):
    lines = []
    for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timeline(turns, start=1.8)), 1):
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{labels[spk]}: {text}", ""]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))


EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252-spreker": "txt",
       "txt-utf8-ir": "txt", "vtt": "vtt", "srt": "srt"}

STYLES = {
    "fm01": ("casusgericht",
             "She invests her own time and trust in the returning man himself (prison visits, going along to "
             "counters and intakes, fetching him from his room) and uses every partner as a means for his plan, "
             "while explicitly leaving the covenant and structural fixes to her team leader."),
    "fm02": ("netwerkgericht",
             "Despite a warm story about one client he leaves all client contact to the supervising officer and "
             "puts his own effort into a shared process map, signed agreements with the housing corporation and "
             "the debt foundation, monitoring figures and escalation."),
    "fm03": ("onbepaald",
             "Genuinely mixed: she keeps a small caseload she visits weekly and equally chairs and develops the "
             "organisational exit table with its agreements, and says she invests in both halves."),
    "fm04": ("netwerkgericht",
             "He tells a detailed, warm story about one returning man but hands the daily contact to the "
             "neighbourhood team and probation, and invests in directors' agreements, a pattern meeting, "
             "an escalation route and making the arrangement survive him."),
    "fm05": ("casusgericht",
             "He names many partners and meetings but uses each as a means for one young man's plan, relies on "
             "personal contacts per case and declines the structural working group."),
    "fm06": ("onbepaald",
             "Too little evidence: guarded and procedural answers (process descriptions, frameworks, privacy) "
             "that never show where her own effort or trust goes."),
}


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    ori_rows, id_rows = [], []
    for doc in DOC_IDS:
        fmt, header, labels, turns, ids = parse(SRC / f"{doc}.txt")
        path = OUT / f"{doc}.{EXT[fmt]}"
        if fmt == "docx-bold":
            build_docx(path, header, labels, turns, True)
        elif fmt == "docx-plain":
            build_docx(path, header, labels, turns, False)
        elif fmt == "txt-cp1252-spreker":
            build_txt_spreker(path, header, labels, turns)
        elif fmt == "txt-utf8-ir":
            build_txt_ir(path, header, labels, turns)
        elif fmt == "vtt":
            build_vtt(path, header, labels, turns)
        elif fmt == "srt":
            build_srt(path, header, labels, turns)
        for i, (spk, _t, ori) in enumerate(turns, 1):
            if spk == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc, i, ori))
        seen = {}
        for t, typ in ids:
            if t in seen and seen[t] != typ:
                sys.exit(f"{doc}: identifier {t!r} with two types")
            if t not in seen:
                seen[t] = typ
                id_rows.append((doc, t, typ))
        nw = sum(words(t) for _s, t, _o in turns)
        nr = sum(1 for s, _t, _o in turns if s == "R")
        print(f"{doc}: {path.name} words={nw} respondent_turns={nr} ids={len(seen)}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOC_IDS:
            w.writerow([doc, *STYLES[doc]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
