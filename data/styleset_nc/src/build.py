#!/usr/bin/env python3
"""Build the setnc transcripts and csv files from the annotated sources in this folder.

Source format (src/<doc_id>.txt): paragraphs separated by a blank line, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are marked
inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# Per document: output format and speaker labels (label names that are identifiers are listed).
DOCS = {
    "nc01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Ingrid",
                 label_ids=[("Ingrid", "PERSOON")]),
    "nc02": dict(fmt="vtt", ilabel="Joyce Smit", rlabel="Bas Kuiper",
                 label_ids=[("Joyce Smit", "PERSOON"), ("Bas Kuiper", "PERSOON")]),
    "nc03": dict(fmt="docx_plain", ilabel="Interviewer", rlabel="Yvonne",
                 label_ids=[("Yvonne", "PERSOON")]),
    "nc04": dict(fmt="txt_cp1252", ilabel="I", rlabel="R", label_ids=[]),
    "nc05": dict(fmt="txt_ts", ilabel="Spreker 1", rlabel="Spreker 2", label_ids=[]),
    "nc06": dict(fmt="srt", ilabel="Merel", rlabel="Thijs",
                 label_ids=[("Merel", "PERSOON"), ("Thijs", "PERSOON")]),
}

STYLES = {
    "nc01": ("netwerkgericht",
             "Procesregisseur die de dagelijkse cliëntcontacten bewust aan casusregisseur en opvang laat en haar eigen uren en vertrouwen investeert in werkafspraken, FG-overleg, de stuurgroep en patronen over gezinnen heen."),
    "nc02": ("casusgericht",
             "Regisseur die veel partners en overleggen noemt maar ze allemaal inzet voor het plan van één pleger en zijn gezin, zelf het vertrouwen van de persoon in regie draagt en structureel werk expliciet afwijst."),
    "nc03": ("onbepaald",
             "Genuinely mixed: ze investeert ongeveer evenveel in haar eigen huisbezoeken en het plan rond één moeder als in het protocol tussen GGZ en Veilig Thuis en de casustafel."),
    "nc04": ("netwerkgericht",
             "Ketenregisseur die niet meer achter de voordeur komt en zijn energie steekt in het escalatiemodel, de privacyafspraken, bestuurlijke afspraken en patronen in de cijfers."),
    "nc05": ("onbepaald",
             "Too little evidence: behoedzame, procedurele antwoorden over protocollen en de Wet politiegegevens zonder ooit te laten zien waar haar eigen inzet of vertrouwen ligt."),
    "nc06": ("netwerkgericht",
             "Coördinator die een verhaal over een kind gebruikt om de werkwijze van alle tafels te veranderen en zijn inzet steekt in de samenwerking tussen Raad, Veilig Thuis, GGZ en de privacyspreekuren."),
}

TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    ids = []  # (string, type) in order of first occurrence
    seen = {}

    def strip_tags(text):
        for m in TAG.finditer(text):
            s, t = m.group(1), m.group(2)
            if t not in TYPES:
                sys.exit(f"{doc_id}: unknown type {t}")
            if s in seen and seen[s] != t:
                sys.exit(f"{doc_id}: {s!r} tagged as {seen[s]} and {t}")
            if s not in seen:
                seen[s] = t
                ids.append((s, t))
        return TAG.sub(lambda m: m.group(1), text)

    for p in paras:
        p = " ".join(p.split())
        kind, _, body = p.partition(": ")
        if kind == "H":
            header.append(strip_tags(body))
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif ORIENT.search(body):
                sys.exit(f"{doc_id}: interviewer paragraph with orientation: {body[:60]}")
            turns.append((kind, strip_tags(body).strip(), orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph start {p[:30]!r}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    for s, t in DOCS[doc_id]["label_ids"]:
        if s in seen and seen[s] != t:
            sys.exit(f"{doc_id}: label id {s} type clash")
        if s not in seen:
            seen[s] = t
            ids.append((s, t))
    return header, turns, ids


# ---------------------------------------------------------------- helpers for cue splitting

def forbidden_spans(text, ids):
    spans = []
    for s, _ in ids:
        start = 0
        while True:
            k = text.find(s, start)
            if k < 0:
                break
            spans.append((k, k + len(s)))
            start = k + 1
    return spans


def split_chunks(text, ids, target=14, hard=24):
    """Split a turn into cue-sized chunks at spaces that are not inside an identifier."""
    spans = forbidden_spans(text, ids)
    ok = lambda pos: not any(a < pos < b for a, b in spans)
    chunks, start, words, pos = [], 0, 0, 0
    n = len(text)
    while pos < n:
        sp = text.find(" ", pos)
        if sp < 0:
            break
        words += 1
        prev = text[sp - 1]
        if ok(sp) and ((words >= target and prev in ".?!,;:") or words >= hard):
            chunks.append(text[start:sp])
            start, words = sp + 1, 0
        pos = sp + 1
    chunks.append(text[start:])
    # avoid a tiny trailing chunk
    if len(chunks) > 1 and len(chunks[-1].split()) < 4:
        last = chunks.pop()
        chunks[-1] += " " + last
    return chunks


def wrap2(text, ids, width=44):
    """Wrap a cue text into at most two lines at a safe space near the middle."""
    if len(text) <= width:
        return [text]
    spans = forbidden_spans(text, ids)
    mid = len(text) // 2
    best = None
    for i, ch in enumerate(text):
        if ch == " " and not any(a < i < b for a, b in spans):
            if best is None or abs(i - mid) < abs(best - mid):
                best = i
    if best is None:
        return [text]
    return [text[:best], text[best + 1:]]


def ts(sec, sep="."):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = int(sec % 60)
    ms = int(round((sec - int(sec)) * 1000)) % 1000
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers

def write_docx(doc_id, header, turns, cfg, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        if bold:
            r.italic = True
    d.add_paragraph("")
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        r.bold = bold
        p.add_run(" " + text)
    d.save(os.path.join(OUT, doc_id + ".docx"))


def write_txt(doc_id, header, turns, cfg, encoding, newline):
    lines = list(header)
    if header:
        lines.append("")
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        lines.append(f"{label}: {text}")
        lines.append("")
    data = newline.join(lines)
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(data.encode(encoding))


def write_txt_ts(doc_id, header, turns, cfg):
    lines = list(header)
    lines.append("")
    t = 4.0
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        stamp = ts(t)[:8]
        lines.append(f"[{stamp}] {label}: {text}")
        lines.append("")
        t += len(text.split()) / 2.4 + 1.7
    with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_vtt(doc_id, header, turns, cfg, ids):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    t = 2.5
    for kind, text, _ in turns:
        name = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for chunk in split_chunks(text, ids):
            dur = max(1.4, len(chunk.split()) / 2.6)
            out.append(f"{ts(t)} --> {ts(t + dur)}")
            lines = wrap2(chunk, ids)
            out.append(f"<v {name}>" + lines[0])
            out.extend(lines[1:])
            out.append("")
            t += dur + 0.12
        t += 0.6
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc_id, header, turns, cfg, ids):
    out = []
    t = 1.0
    n = 0
    for kind, text, _ in turns:
        name = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for j, chunk in enumerate(split_chunks(text, ids, target=12, hard=20)):
            n += 1
            dur = max(1.3, len(chunk.split()) / 2.7)
            out.append(str(n))
            out.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
            body = (name + ": " + chunk) if j == 0 else chunk
            out.extend(wrap2(body, ids, width=48))
            out.append("")
            t += dur + 0.1
        t += 0.5
    with open(os.path.join(OUT, doc_id + ".srt"), "wb") as f:
        f.write("\r\n".join(out).encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, id_rows = [], []
    for doc_id, cfg in DOCS.items():
        header, turns, ids = parse_source(doc_id)
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx(doc_id, header, turns, cfg, bold=True)
        elif fmt == "docx_plain":
            write_docx(doc_id, header, turns, cfg, bold=False)
        elif fmt == "txt_cp1252":
            write_txt(doc_id, header, turns, cfg, "cp1252", "\r\n")
        elif fmt == "txt_ts":
            write_txt_ts(doc_id, header, turns, cfg)
        elif fmt == "vtt":
            write_vtt(doc_id, header, turns, cfg, ids)
        elif fmt == "srt":
            write_srt(doc_id, header, turns, cfg, ids)
        else:
            sys.exit(f"unknown format {fmt}")
        for i, (kind, text, orient) in enumerate(turns, start=1):
            if kind == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, orient))
        for s, t in ids:
            id_rows.append((doc_id, s, t))
        words = sum(len(t.split()) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        oc = [o for k, _, o in turns if k == "R"]
        print(f"{doc_id}: {fmt:11s} words={words} R-turns={nr} ids={len(ids)} "
              f"casus={oc.count('casus')} netwerk={oc.count('netwerk')} none={oc.count('-')}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient_rows):
            w.writerow(row)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in id_rows:
            w.writerow(row)


if __name__ == "__main__":
    main()
