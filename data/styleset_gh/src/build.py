#!/usr/bin/env python3
"""Build the setGH transcripts and csv files from the annotated sources in src/.

Source format (src/ghNN.txt), one paragraph per line:
  # key: value          build settings (format, encoding, newline, ilabel, rlabel, start)
  H: text               header line (not a turn)
  I: text               interviewer turn
  R: text {casus|netwerk|-}   respondent turn with its orientation
Identifiers are marked inline as [[text|TYPE]]; labels may be marked the same way.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["gh01", "gh02", "gh03", "gh04", "gh05", "gh06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
IDRE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORRE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

STYLES = {
    "gh01": ("netwerkgericht", "Investeert in het havenoverleg, het convenant, de afspraak met de terminals en de spoedroute bij de jeugdreclassering en laat het dagelijkse contact met de jongen over wiens verhaal hij warm vertelt bewust aan de jeugdreclassering."),
    "gh02": ("onbepaald", "Genuinely mixed: verdeelt haar inzet bewust ongeveer gelijk tussen het eigen vertrouwenscontact met een vijftienjarige koerierster en het grensoverschrijdende overleg en de afspraken met Belgische en spoorpartners."),
    "gh03": ("casusgericht", "Noemt veel partners en overleggen maar zet ze allemaal in voor het plan van die ene jongen, investeert in het vertrouwen van hem en zijn moeder en wijst de structurele werkgroep over havenronselen af."),
    "gh04": ("onbepaald", "Too little evidence: de politierespondent blijft procedureel en algemeen, verwijst naar protocollen en de lijn en laat nergens zien waar zijn eigen inzet of vertrouwen ligt."),
    "gh05": ("netwerkgericht", "Richt haar inzet op de jongerentafel, het convenant, escalatie naar bestuurders en patronen over casussen heen en spreekt de jongeren zelf bewust niet."),
    "gh06": ("casusgericht", "Investeert haar tijd en vertrouwen in de wekelijkse band met een negentienjarige koerier en stemt partners alleen af voor zijn plan; kritiek op het netwerk laat ze bij het convenant en de werkgroepen die ze bewust aan anderen overlaat."),
}


def strip(text, ids):
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"unknown type {t} for {s!r}")
        if (s, t) not in ids:
            ids.append((s, t))
        return s
    out = IDRE.sub(rep, text)
    if "[[" in out or "]]" in out or "|" in out:
        sys.exit(f"bad annotation in: {text[:80]}")
    return out


def parse(doc):
    cfg, header, turns, ids = {}, [], [], []
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                cfg[k.strip()] = v.strip()
                continue
            tag, text = line[:2], line[2:].strip()
            if tag == "H:":
                header.append(text)
            elif tag in ("I:", "R:"):
                orient = None
                if tag == "R:":
                    m = ORRE.search(text)
                    if not m:
                        sys.exit(f"{doc}: respondent turn without orientation: {text[:60]}")
                    orient, text = m.group(1), text[:m.start()]
                elif ORRE.search(text):
                    sys.exit(f"{doc}: orientation on interviewer turn")
                turns.append((tag[0], text, orient))
            else:
                sys.exit(f"{doc}: bad line {line[:60]}")
    # identifiers in order: labels, header, turns
    labels = {}
    for k in ("ilabel", "rlabel"):
        labels[k] = strip(cfg[k], ids)
    header = [strip(h, ids) for h in header]
    plain = []
    for who, text, orient in turns:
        # keep a version with protected identifiers for cue splitting
        plain.append((who, text, orient))
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at {i+1}")
    return cfg, labels, header, plain, ids


def clean(text, ids):
    return strip(text, ids)


def chunks(annotated, maxw=17):
    """Split an annotated turn into cue-sized pieces on sentence boundaries,
    never inside an identifier."""
    prot = IDRE.sub(lambda m: m.group(0).replace(" ", "\u0000"), annotated)
    sents = re.split(r"(?<=[.?!…])\s+", prot)
    out, cur = [], []
    for s in sents:
        words = s.split()
        if cur and len(cur) + len(words) > maxw:
            out.append(" ".join(cur))
            cur = []
        # very long sentence: split on commas
        if len(words) > maxw + 8:
            parts = re.split(r"(?<=,)\s+", s)
            for p in parts:
                pw = p.split()
                if cur and len(cur) + len(pw) > maxw:
                    out.append(" ".join(cur))
                    cur = []
                cur.extend(pw)
        else:
            cur.extend(words)
    if cur:
        out.append(" ".join(cur))
    return [c.replace("\u0000", " ") for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cues(turns, start):
    """Return list of (speaker 'I'/'R', start, end, text) cues."""
    t = start
    res = []
    for who, text, _ in turns:
        t += 0.6
        for c in chunks(text):
            dur = max(1.2, len(IDRE.sub(r"\1", c).split()) / 2.7)
            res.append((who, t, t + dur, c))
            t += dur + 0.15
    return res


def build_docx(path, labels, header, turns, ids, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        p.add_run(h).italic = True
    if header:
        d.add_paragraph()
    for who, text, _ in turns:
        lab = labels["ilabel" if who == "I" else "rlabel"]
        p = d.add_paragraph()
        if bold:
            p.add_run(lab + ":").bold = True
            p.add_run(" " + clean(text, ids))
        else:
            p.add_run(f"{lab}: {clean(text, ids)}")
    d.core_properties.author = "transcriptie"
    d.save(path)


def build_txt(path, cfg, labels, header, turns, ids, timestamps):
    nl = "\r\n" if cfg.get("newline") == "crlf" else "\n"
    lines = list(header)
    if header:
        lines.append("")
    if timestamps:
        t = float(cfg.get("start", "3"))
        for who, text, _ in turns:
            lab = labels["ilabel" if who == "I" else "rlabel"]
            h, r = divmod(int(t), 3600)
            m, s = divmod(r, 60)
            lines.append(f"[{h:02d}:{m:02d}:{s:02d}] {lab}: {clean(text, ids)}")
            lines.append("")
            t += len(IDRE.sub(r"\1", text).split()) / 2.6 + 1.5
    else:
        for who, text, _ in turns:
            lab = labels["ilabel" if who == "I" else "rlabel"]
            lines.append(f"{lab}: {clean(text, ids)}")
            lines.append("")
    data = nl.join(lines).rstrip() + nl
    with open(path, "wb") as f:
        f.write(data.encode(cfg.get("encoding", "utf-8")))


def build_vtt(path, cfg, labels, header, turns, ids):
    nl = "\r\n" if cfg.get("newline") == "crlf" else "\n"
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    for who, a, b, c in cues(turns, float(cfg.get("start", "2"))):
        lab = labels["ilabel" if who == "I" else "rlabel"]
        lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        lines.append(f"<v {lab}>{clean(c, ids)}")
        lines.append("")
    with open(path, "wb") as f:
        f.write(nl.join(lines).encode(cfg.get("encoding", "utf-8")))


def build_srt(path, cfg, labels, header, turns, ids):
    nl = "\r\n" if cfg.get("newline") == "crlf" else "\n"
    lines = []
    for n, (who, a, b, c) in enumerate(cues(turns, float(cfg.get("start", "1"))), 1):
        lab = labels["ilabel" if who == "I" else "rlabel"]
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {clean(c, ids)}", ""]
    with open(path, "wb") as f:
        f.write(nl.join(lines).encode(cfg.get("encoding", "utf-8")))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, id_rows = [], []
    for doc in DOCS:
        cfg, labels, header, turns, ids = parse(doc)
        fmt = cfg["format"]
        ext = {"docx_bold": "docx", "docx_plain": "docx", "txt": "txt", "txt_ts": "txt",
               "vtt": "vtt", "srt": "srt"}[fmt]
        path = os.path.join(OUT, f"{doc}.{ext}")
        if fmt.startswith("docx"):
            build_docx(path, labels, header, turns, ids, fmt == "docx_bold")
        elif fmt.startswith("txt"):
            build_txt(path, cfg, labels, header, turns, ids, fmt == "txt_ts")
        elif fmt == "vtt":
            build_vtt(path, cfg, labels, header, turns, ids)
        else:
            build_srt(path, cfg, labels, header, turns, ids)
        for i, (who, text, orient) in enumerate(turns, 1):
            if who == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc, i, orient))
        for s, t in ids:
            id_rows.append((doc, s, t))
        words = sum(len(IDRE.sub(r"\1", t).split()) for _, t, _ in turns)
        nr = sum(1 for w, _, _ in turns if w == "R")
        print(f"{doc}: {fmt:10s} words={words} resp_turns={nr} ids={len(ids)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)


if __name__ == "__main__":
    main()
