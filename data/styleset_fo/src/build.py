#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set FO from the annotated sources.

Source format (src/foNN.txt): one paragraph per turn, paragraphs separated by a blank line.
  H: header line (not a turn)      I: interviewer turn      R: respondent turn ... {casus|netwerk|-}
Identifiers are marked inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# Per document: format, speaker labels (interviewer, respondent), whether the labels are names
# (then they are PERSOON identifiers), style and rationale.
DOCS = {
    "fo01": dict(fmt="docx_bold", labels=("Interviewer", "Respondent"), label_names=False,
                 style="netwerkgericht",
                 rationale="Former wijkagent at the Zorg- en Veiligheidshuis tells warm stories about one client but hands daily contact to the wijkteam and puts his own effort and trust in the cross-border overleg, the weekend agreement with the GGZ, an escalation ladder and patterns across dossiers."),
    "fo02": dict(fmt="txt", labels=("I", "R"), label_names=False, encoding="cp1252", newline="\r\n",
                 style="casusgericht",
                 rationale="GGZ regisseur in Kerkrade names many partners and meetings but uses each of them for one man's own plan, builds his trust herself at his kitchen table and declines the structural cross-border overleg."),
    "fo03": dict(fmt="vtt", labels=("Ilse de Bruijn", "Frank Ortmans"), label_names=True,
                 style="onbepaald",
                 rationale="Onbepaald, too little evidence: a guarded municipal adviser in Maastricht answers in procedures and generalities and never shows whether his effort goes to persons or to the partner organisations."),
    "fo04": dict(fmt="srt", labels=("Marloes", "Sjef"), label_names=True, newline="\r\n",
                 style="casusgericht",
                 rationale="Reclassering officer in Parkstad mentions many overleggen, Belgian and German contacts, but each is a means for one young runner's plan, he invests his own evenings in the relation with the boy and refuses the structural werkgroep."),
    "fo05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), label_names=False, encoding="utf-8",
                 newline="\n", style="onbepaald",
                 rationale="Onbepaald, genuinely mixed: a regisseur in Maastricht deliberately splits her effort between her own families (home visits, a mother and son in Malberg) and chairing the cross-border overleg and protocol with Belgian partners."),
    "fo06": dict(fmt="docx_plain", labels=("Tom", "Chantal"), label_names=True,
                 style="netwerkgericht",
                 rationale="Angry ketenregisseur in Parkstad tells a detailed story about one confused man but has seen him twice and invests in the escalation protocol, data-sharing agreements across the border and confronting organisations with patterns."),
}


def strip(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse_src(doc):
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    header, turns = [], []
    for para in re.split(r"\n\s*\n", raw.strip()):
        para = " ".join(line.strip() for line in para.splitlines())
        kind, _, text = para.partition(":")
        text = text.strip()
        if kind == "H":
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = re.search(r"\{(casus|netwerk|-)\}\s*$", text)
                if not m:
                    raise SystemExit(f"{doc}: respondent paragraph without orientation tag: {text[:60]}")
                orient = m.group(1)
                text = text[:m.start()].rstrip()
            turns.append((kind, text, orient))
        else:
            raise SystemExit(f"{doc}: bad paragraph {para[:60]}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc}: turns do not alternate at turn {i + 1}")
    return header, turns


def identifiers(doc, header, turns):
    seen, rows = set(), []
    cfg = DOCS[doc]
    if cfg["label_names"]:
        for lab in cfg["labels"]:
            if lab not in seen:
                seen.add(lab)
                rows.append((doc, lab, "PERSOON"))
    for text in header + [t for _, t, _ in turns]:
        for m in ANN.finditer(text):
            val, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                raise SystemExit(f"{doc}: unknown type {typ}")
            if val not in seen:
                seen.add(val)
                rows.append((doc, val, typ))
    return rows


# ---------------------------------------------------------------- timing helpers
def sentences(text):
    """Split annotated text into sentences, never inside [[...]]."""
    out, buf, depth, i = [], "", 0, 0
    while i < len(text):
        if text.startswith("[[", i):
            depth += 1; buf += "[["; i += 2; continue
        if text.startswith("]]", i) and depth:
            depth -= 1; buf += "]]"; i += 2; continue
        c = text[i]
        buf += c
        i += 1
        if depth == 0 and c in ".?!" and (i == len(text) or text[i] == " "):
            # keep closing quotes / parentheses with the sentence
            while i < len(text) and text[i] in "\"')”’":
                buf += text[i]; i += 1
            out.append(buf.strip()); buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def cues_for(text, maxw=22):
    cues, cur = [], []
    for s in sentences(text):
        n = len(strip(s).split())
        if cur and len(" ".join(cur).split()) + n > maxw:
            cues.append(" ".join(cur)); cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def dur(text):
    return 0.4 + len(strip(text).split()) / 2.6


def ts(t, sep):
    h, r = divmod(t, 3600)
    m, s = divmod(r, 60)
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{int(round((s - int(s)) * 1000)) % 1000:03d}"


def hms(t):
    h, r = divmod(int(t), 3600)
    m, s = divmod(r, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"


# ---------------------------------------------------------------- writers
def write_docx(doc, header, turns, bold):
    from docx import Document
    from docx.shared import Pt
    d = Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    d.core_properties.comments = ""
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = bold
    if header:
        d.add_paragraph()
    lab_i, lab_r = DOCS[doc]["labels"]
    for k, text, _ in turns:
        lab = lab_i if k == "I" else lab_r
        p = d.add_paragraph()
        if bold:
            p.add_run(lab + ":").bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(f"{lab}: {strip(text)}")
    d.save(os.path.join(OUT, doc + ".docx"))


def write_txt(doc, header, turns, stamps):
    cfg = DOCS[doc]
    lab_i, lab_r = cfg["labels"]
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    t = 3.0
    for k, text, _ in turns:
        lab = lab_i if k == "I" else lab_r
        plain = strip(text)
        if stamps:
            lines.append(f"[{hms(t)}] {lab}: {plain}")
        else:
            lines.append(f"{lab}: {plain}")
        lines.append("")
        t += dur(text) + 1.1
    data = cfg["newline"].join(lines)
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def write_vtt(doc, header, turns):
    lab_i, lab_r = DOCS[doc]["labels"]
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [strip(h) for h in header]
        out.append("")
    t = 1.5
    for k, text, _ in turns:
        lab = lab_i if k == "I" else lab_r
        for c in cues_for(text):
            d = dur(c)
            out.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            out.append(f"<v {lab}>{strip(c)}</v>")
            out.append("")
            t += d + 0.15
        t += 0.7
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, header, turns):
    cfg = DOCS[doc]
    lab_i, lab_r = cfg["labels"]
    out, n, t = [], 1, 2.0
    for k, text, _ in turns:
        lab = lab_i if k == "I" else lab_r
        for c in cues_for(text, maxw=18):
            d = dur(c)
            out += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{lab}: {strip(c)}", ""]
            n += 1
            t += d + 0.1
        t += 0.8
    with open(os.path.join(OUT, doc + ".srt"), "wb") as f:
        f.write(cfg["newline"].join(out).encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient, idents = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        fmt = cfg["fmt"]
        if fmt in ("docx_bold", "docx_plain"):
            write_docx(doc, header, turns, bold=(fmt == "docx_bold"))
        elif fmt == "txt":
            write_txt(doc, header, turns, stamps=False)
        elif fmt == "txt_ts":
            write_txt(doc, header, turns, stamps=True)
        elif fmt == "vtt":
            write_vtt(doc, header, turns)
        elif fmt == "srt":
            if header:
                raise SystemExit(f"{doc}: srt has no header")
            write_srt(doc, header, turns)
        styles.append((doc, cfg["style"], cfg["rationale"]))
        for i, (k, _, o) in enumerate(turns, start=1):
            if k == "R" and o in ("casus", "netwerk"):
                orient.append((doc, i, o))
        idents += identifiers(doc, header, turns)
        words = sum(len(strip(t).split()) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        print(f"{doc}: {fmt:10s} words={words} respondent_turns={nr} identifiers="
              f"{sum(1 for r in idents if r[0] == doc)}")

    def w(name, head, rows):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="") as f:
            cw = csv.writer(f, lineterminator="\n")
            cw.writerow(head)
            cw.writerows(rows)

    w("styles.csv", ["doc_id", "style", "rationale"], styles)
    w("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(orient))
    w("identifiers.csv", ["doc_id", "identifier", "type"], idents)



def lint():
    """Warn about identifier strings that also occur unannotated in a source."""
    for doc in DOCS:
        header, turns = parse_src(doc)
        vals = {v for _, v, _ in identifiers(doc, header, turns)}
        for text in header + [t for _, t, _ in turns]:
            masked = ANN.sub(" \x00 ", text)
            for v in vals:
                if re.search(r"(?<!\w)" + re.escape(v) + r"(?!\w)", masked):
                    print(f"LINT {doc}: unannotated '{v}' in: {strip(text)[:70]}")


if __name__ == "__main__":
    main()
    lint()
