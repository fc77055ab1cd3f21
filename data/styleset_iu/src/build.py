"""Build the transcripts and the three csv files of set IU from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (python-docx is needed for the .docx documents)

Source format (src/<doc_id>.txt): one paragraph per turn, paragraphs separated by blank lines.
  H: header line            (metadata, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus} | {netwerk} | {-}
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# fmt, interviewer label, respondent label (labels may carry identifier tags), encoding, newline
DOCS = {
    "iu01": dict(fmt="docx_bold", ilabel="[[L. Verhagen|PERSOON]]", rlabel="[[N. Bouzian|PERSOON]]"),
    "iu02": dict(fmt="srt", ilabel="Interviewer", rlabel="[[Ruud|PERSOON]]", newline="\r\n", start=3.2),
    "iu03": dict(fmt="txt", ilabel="I", rlabel="R", encoding="cp1252", newline="\r\n"),
    "iu04": dict(fmt="vtt", ilabel="[[Bram Hoekstra|PERSOON]]", rlabel="[[Ellen Sprenger|PERSOON]]", start=1.6),
    "iu05": dict(fmt="txt_ts", ilabel="Spreker 1", rlabel="Spreker 2", start=2.0),
    "iu06": dict(fmt="docx_plain", ilabel="Interviewer", rlabel="Respondent"),
}

STYLES = {
    "iu01": ("casusgericht",
             "The gemeente nazorg regisseur names many partners and one plan meeting, but every contact is recruited "
             "for Dennis's own goal and built on her personal bond with him, while structural work (werkgroep, "
             "convenant, a note on postadressen) is explicitly left to her teamleider."),
    "iu02": ("netwerkgericht",
             "The terse ex-police procesregisseur has no clients of his own and puts his effort into teamleiders, "
             "three-step escalation, a meldingen-afspraak, a privacy card and a discharge protocol, handing every "
             "case to FACT or a casusregisseur."),
    "iu03": ("netwerkgericht",
             "The GGZ regisseur tells a client story in nearly every answer, but each story ends in a missing "
             "agreement between PI, kliniek, corporatie, politie or crisisdienst that he then negotiates, while "
             "the daily contact stays with FACT-begeleiders."),
    "iu04": ("casusgericht",
             "The PI-detached regisseur invests in her own trust with Yassin and his mother and mobilises "
             "reclassering, schuldhulp and a werkplaats for his personal plan, escalates only for him, and left "
             "the PI-gemeente werkgroep because that work is not hers."),
    "iu05": ("netwerkgericht",
             "The gemeente procesregisseur logs patterns across cases and turns them into arrangements (mobile "
             "ID-balie in the PI, a housing convenant, an escalatietafel on patterns, a practice day), handing even "
             "her own few cases to others."),
    "iu06": ("onbepaald",
             "Too little evidence: the guarded GGZ regisseur answers in procedures and generalities, refuses "
             "examples and never shows whether his own effort goes to persons or to the organisations."),
}

TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip_tags(s):
    return TAG.sub(lambda m: m.group(1), s)


def tags(s):
    return [(m.group(1), m.group(2)) for m in TAG.finditer(s)]


def parse_src(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, _, text = p.partition(":")
        text = text.strip()
        if kind == "H":
            if turns:
                sys.exit(f"{path}: header after first turn")
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(text)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without orientation marker: {text[:60]}")
                orient = m.group(1)
                text = text[:m.start()].rstrip()
            elif ORIENT.search(text):
                sys.exit(f"{path}: orientation marker on interviewer turn")
            turns.append((kind, text, orient))
        else:
            sys.exit(f"{path}: unknown paragraph kind {kind!r}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path}: turns do not alternate at turn {i + 1}")
    return header, turns


def words(s):
    return [w for w in s.split() if re.search(r"\w", w)]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def chunks(tagged, max_words=18):
    """Split a tagged turn into cue-sized chunks at sentence ends outside identifier tags."""
    spans = [(m.start(), m.end()) for m in TAG.finditer(tagged)]
    cuts = []
    for m in re.finditer(r"(?<=[.?!])\s+", tagged):
        if not any(a < m.start() < b for a, b in spans):
            cuts.append((m.start(), m.end()))
    sents, pos = [], 0
    for a, b in cuts:
        sents.append(tagged[pos:a])
        pos = b
    sents.append(tagged[pos:])
    out, cur = [], ""
    for s in sents:
        cand = (cur + " " + s).strip()
        if cur and len(words(strip_tags(cand))) > max_words:
            out.append(cur)
            cur = s
        else:
            cur = cand
    if cur:
        out.append(cur)
    return out


def dur(text):
    return max(1.4, len(words(text)) / 2.6)


def write_text(path, lines, encoding="utf-8", newline="\n"):
    data = newline.join(lines) + newline
    with open(path, "wb") as f:
        f.write(data.encode(encoding))


def build_doc(doc_id, cfg, header, turns):
    ilab, rlab = strip_tags(cfg["ilabel"]), strip_tags(cfg["rlabel"])
    plain_header = [strip_tags(h) for h in header]
    fmt = cfg["fmt"]
    nl = cfg.get("newline", "\n")
    enc = cfg.get("encoding", "utf-8")
    if fmt in ("docx_bold", "docx_plain"):
        import docx
        from docx.shared import Pt
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in plain_header:
            p = d.add_paragraph()
            r = p.add_run(h)
            if fmt == "docx_bold":
                r.italic = True
        if plain_header:
            d.add_paragraph()
        for kind, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run((ilab if kind == "I" else rlab) + ":")
            if fmt == "docx_bold":
                r.bold = True
            p.add_run(" " + strip_tags(text))
        path = os.path.join(OUT, doc_id + ".docx")
        d.core_properties.title = ""
        d.core_properties.author = "transcriptie"
        d.save(path)
        return path
    if fmt == "txt":
        lines = list(plain_header)
        if lines:
            lines.append("")
        for kind, text, _ in turns:
            lines.append(f"{ilab if kind == 'I' else rlab}: {strip_tags(text)}")
            lines.append("")
        path = os.path.join(OUT, doc_id + ".txt")
        write_text(path, lines[:-1], enc, nl)
        return path
    if fmt == "txt_ts":
        lines = list(plain_header)
        if lines:
            lines.append("")
        t = cfg.get("start", 1.0)
        for kind, text, _ in turns:
            plain = strip_tags(text)
            lines.append(f"[{hms(t)}] {ilab if kind == 'I' else rlab}: {plain}")
            lines.append("")
            t += dur(plain) + 1.1
        path = os.path.join(OUT, doc_id + ".txt")
        write_text(path, lines[:-1], enc, nl)
        return path
    if fmt in ("vtt", "srt"):
        t = cfg.get("start", 1.0)
        cues = []
        for kind, text, _ in turns:
            lab = ilab if kind == "I" else rlab
            for ch in chunks(text):
                plain = strip_tags(ch)
                d_ = dur(plain)
                cues.append((t, t + d_, lab, plain))
                t += d_ + 0.25
            t += 0.7
        lines = []
        if fmt == "vtt":
            lines += ["WEBVTT", ""]
            if plain_header:
                lines += ["NOTE"] + plain_header + [""]
            for n, (a, b, lab, plain) in enumerate(cues, 1):
                lines += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{plain}", ""]
        else:
            for n, (a, b, lab, plain) in enumerate(cues, 1):
                lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {plain}", ""]
        path = os.path.join(OUT, f"{doc_id}.{fmt}")
        write_text(path, lines[:-1], enc, nl)
        return path
    raise ValueError(fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, ident_rows, stats = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(os.path.join(HERE, doc_id + ".txt"))
        build_doc(doc_id, cfg, header, turns)
        seen = {}
        sources = [cfg["ilabel"], cfg["rlabel"]] + header + [t for _, t, _ in turns]
        for s in sources:
            for text, typ in tags(s):
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: unknown identifier type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc_id}: {text!r} tagged as {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    ident_rows.append((doc_id, text, typ))
        for i, (kind, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        nwords = sum(len(words(strip_tags(t))) for _, t, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        nc = sum(1 for k, _, o in turns if o == "casus")
        nn = sum(1 for k, _, o in turns if o == "netwerk")
        stats.append((doc_id, cfg["fmt"], nwords, nresp, nc, nn, len(seen)))
    with open(os.path.join(SET, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(os.path.join(SET, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(SET, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("doc   format      words  resp_turns  casus  netwerk  identifiers")
    for s in stats:
        print(f"{s[0]}  {s[1]:<10} {s[2]:>6} {s[3]:>11} {s[4]:>6} {s[5]:>8} {s[6]:>12}")


if __name__ == "__main__":
    main()
