#!/usr/bin/env python3
"""Build the transcripts of set HH and styles.csv, orientation.csv, identifiers.csv
from the annotated sources in this folder.

Source format: one paragraph per line (blank lines ignored), starting with
  H: header line   I: interviewer turn   R: respondent turn (ends in {casus}/{netwerk}/{-})
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")

# per document: format, speaker labels (interviewer, respondent; may be annotated), style
DOCS = {
    "hh01": dict(fmt="docx_bold", labels=("Interviewer", "[[Marianne|PERSOON]]"),
                 style="netwerkgericht",
                 rationale="Ex-wijkagent, procesregisseur: vertelt warm over een jongen maar laat het dagelijkse contact aan het jongerenwerk en steekt haar tijd en vertrouwen in de lijnen tussen moskeebesturen, scholen, jongerenwerk en politie (belafspraak, convenant, uren-potje, route voor scholen)."),
    "hh02": dict(fmt="vtt", labels=("[[Lieke Janssen|PERSOON]]", "[[Dennis Ramdin|PERSOON]]"),
                 style="onbepaald",
                 rationale="Onbepaald, too little evidence (guarded/procedural): gemeentelijke coördinator weigert casuïstiek, beschrijft alleen de formele route in passieve algemeenheden en laat nergens zien waar zijn eigen inzet of vertrouwen zit."),
    "hh03": dict(fmt="txt", enc="cp1252", nl="\r\n", labels=("I", "R"),
                 style="casusgericht",
                 rationale="Jongerenregisseur uit de jeugdzorg: noemt veel partners en overleggen, maar zet ze allemaal in voor het plan dat zij met de jongen maakt, investeert in zijn vertrouwen en weigert de stedelijke werkgroep."),
    "hh04": dict(fmt="srt", nl="\r\n", labels=("[[Eva|PERSOON]]", "[[Mohamed|PERSOON]]"),
                 style="netwerkgericht",
                 rationale="Boze teamleider jongerenwerk: vertelt over een jongen, maar laat het contact aan zijn jongerenwerkers en investeert in het sleutelfigurenoverleg, afspraken met politie en Veiligheidshuis, terugkoppeling en patronen over casussen heen."),
    "hh05": dict(fmt="txt_ts", enc="utf-8", nl="\n", labels=("Spreker 1", "Spreker 2"),
                 style="onbepaald",
                 rationale="Onbepaald, too little evidence (terse): reclasseringswerker antwoordt in een paar woorden ('verschilt', 'met wie er betrokken is') en laat nergens zien of zijn inzet bij de persoon of bij de partners ligt."),
    "hh06": dict(fmt="docx_plain", labels=("[[Femke|PERSOON]]", "[[Annelies|PERSOON]]"),
                 style="casusgericht",
                 rationale="Reflectieve regisseur met GGZ-achtergrond: benoemt het structurele gat tussen zorg en veiligheid scherp, maar stopte met de expertgroep en steekt haar tijd en vertrouwen in één vrouw, voor wie ze partners per stuk inschakelt."),
}


def strip(s):
    return ANN.sub(lambda m: m.group(1), s)


def anns(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    header, turns = [], []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            tag, _, text = line.partition(": ")
            if tag == "H":
                header.append(text)
            elif tag == "I":
                turns.append(["I", text, None])
            elif tag == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", text)
                if not m:
                    sys.exit(f"{doc_id}:{ln}: respondent paragraph without {{casus}}/{{netwerk}}/{{-}}")
                turns.append(["R", text[:m.start()], m.group(1)])
            else:
                sys.exit(f"{doc_id}:{ln}: bad paragraph tag {tag!r}")
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t[0] != want:
            sys.exit(f"{doc_id}: turn {i+1} should be {want}")
    return header, turns


def sentences(text, max_words=24):
    """Split annotated text into chunks of whole sentences (annotations kept intact)."""
    keep = []

    def hide(m):
        keep.append(m.group(0))
        return f"\x00{len(keep)-1}\x00"
    hidden = ANN.sub(hide, text)
    parts = re.split(r"(?<=[.!?])\s+", hidden)
    chunks, cur = [], []
    for p in parts:
        n = len(p.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(p)
    if cur:
        chunks.append(" ".join(cur))
    return [re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], c) for c in chunks]


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, start=2.4):
    """Yield (start, end, label, text) cues; turns split into sentence chunks."""
    t = start
    out = []
    for spk, text, _ in turns:
        lab = labels[0] if spk == "I" else labels[1]
        for chunk in sentences(text):
            dur = max(1.2, len(strip(chunk).split()) / 2.3)
            out.append((t, t + dur, lab, chunk))
            t += dur + 0.15
        t += 1.4
    return out


def build(doc_id, cfg, header, turns):
    labels = [strip(l) for l in cfg["labels"]]
    fmt = cfg["fmt"]
    if fmt in ("docx_bold", "docx_plain"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(strip(h))
            r.italic = True
        if header:
            d.add_paragraph()
        for spk, text, _ in turns:
            lab = labels[0] if spk == "I" else labels[1]
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab + ":")
                r.bold = True
                p.add_run(" " + strip(text))
            else:
                p.add_run(f"{lab}: {strip(text)}")
        path = os.path.join(TDIR, doc_id + ".docx")
        d.save(path)
        return path
    if fmt == "txt":
        nl = cfg["nl"]
        lines = [strip(h) for h in header] + [""]
        for spk, text, _ in turns:
            lab = labels[0] if spk == "I" else labels[1]
            lines += [f"{lab}: {strip(text)}", ""]
        data = nl.join(lines)
        path = os.path.join(TDIR, doc_id + ".txt")
        with open(path, "wb") as f:
            f.write(data.encode(cfg["enc"]))
        return path
    if fmt == "txt_ts":
        nl = cfg["nl"]
        lines = [strip(h) for h in header] + [""]
        t = 3.0
        for spk, text, _ in turns:
            lab = labels[0] if spk == "I" else labels[1]
            s = int(t)
            lines += [f"[{s//3600:02d}:{s%3600//60:02d}:{s%60:02d}] {lab}: {strip(text)}", ""]
            t += len(strip(text).split()) / 2.4 + 2.5
        path = os.path.join(TDIR, doc_id + ".txt")
        with open(path, "wb") as f:
            f.write(nl.join(lines).encode(cfg["enc"]))
        return path
    if fmt == "vtt":
        out = ["WEBVTT", "", "NOTE"] + [strip(h) for h in header] + [""]
        for a, b, lab, chunk in timed_cues(turns, labels):
            out += [f"{fmt_ts(a, '.')} --> {fmt_ts(b, '.')}", f"<v {lab}>{strip(chunk)}", ""]
        path = os.path.join(TDIR, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
        return path
    if fmt == "srt":
        nl = cfg["nl"]
        out = []
        for n, (a, b, lab, chunk) in enumerate(timed_cues(turns, labels), 1):
            out += [str(n), f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}", f"{lab}: {strip(chunk)}", ""]
        path = os.path.join(TDIR, doc_id + ".srt")
        with open(path, "wb") as f:
            f.write(nl.join(out).encode("utf-8"))
        return path
    raise ValueError(fmt)


def main():
    os.makedirs(TDIR, exist_ok=True)
    for fn in os.listdir(TDIR):
        os.remove(os.path.join(TDIR, fn))
    styles, orient, idents = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        seen = {}
        for piece in list(cfg["labels"]) + header + [t[1] for t in turns]:
            for text, typ in anns(piece):
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: unknown type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc_id}: {text!r} typed both {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    idents.append((doc_id, text, typ))
        for i, (spk, _, o) in enumerate(turns, 1):
            if spk == "R" and o in ("casus", "netwerk"):
                orient.append((doc_id, i, o))
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        path = build(doc_id, cfg, header, turns)
        words = sum(len(strip(t[1]).split()) for t in turns)
        nres = sum(1 for t in turns if t[0] == "R")
        print(f"{doc_id}: {os.path.basename(path)} words={words} respondent_turns={nres} "
              f"identifiers={len(seen)} oriented={sum(1 for o in orient if o[0]==doc_id)}")
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
