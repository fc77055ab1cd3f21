"""Build the setJQ transcripts and csv files from the annotated sources in src/.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (one paragraph per turn, blank line between paragraphs):
  H: header line          (metadata, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus} | {netwerk} | {-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

# Per document: delivery format and speaker labels.  Label names that are
# person names are added to identifiers.csv as PERSOON.
DOCS = {
    "jq01": dict(fmt="docx", bold=True, ilabel="Femke", rlabel="Ruud",
                 label_ids=["Femke", "Ruud"]),
    "jq02": dict(fmt="txt", enc="cp1252", nl="\r\n", ilabel="I", rlabel="R",
                 label_ids=[]),
    "jq03": dict(fmt="vtt", ilabel="Noor Haddou", rlabel="Joost Brandsma",
                 label_ids=["Noor Haddou", "Joost Brandsma"]),
    "jq04": dict(fmt="srt", nl="\r\n", ilabel="Bram", rlabel="Marga",
                 label_ids=["Bram", "Marga"]),
    "jq05": dict(fmt="txtts", enc="utf-8", nl="\n", ilabel="Spreker 1",
                 rlabel="Spreker 2", label_ids=[]),
    "jq06": dict(fmt="docx", bold=False, ilabel="Interviewer",
                 rlabel="Respondent", label_ids=[]),
}

STYLES = {
    "jq01": ("netwerkgericht",
             "Oud-wijkagent vertelt warm over een cliënt die hij al jaren kent, maar laat het dagelijkse contact bewust aan reclassering en trajectbegeleider en steekt zijn eigen tijd in de belafspraak met de corporatie, de ketentafel, privacy-werkafspraken en escalatielijnen."),
    "jq02": ("onbepaald",
             "Genuinely mixed: de ex-reclasseringswerker trekt zelf het dagelijkse contact en het plan voor Sem én trekt een werkgroep over de overdracht Top400-Top600 met afspraken tussen organisaties, en weigert te kiezen."),
    "jq03": ("casusgericht",
             "De ex-SPV noemt veel partners, een uitvoerdersoverleg en een expertmeeting, maar zet die allemaal in voor het plan van Marco, bouwt zelf het vertrouwen met hem op, weigert de werkgroep en lost structurele knelpunten per persoon op in plaats van ze aan te pakken."),
    "jq04": ("netwerkgericht",
             "De senior regisseur van Veiligheid heeft bewust bijna geen caseload en werkt aan patronen, protocollen, een convenant, de escalatieladder en het vertrouwen tussen de kernpartners."),
    "jq05": ("casusgericht",
             "De jonge ex-jeugdbeschermer investeert in de band met Ayoub, zijn moeder en de bokstrainer, bouwt het plan rond Ayoubs eigen doel en laat structurele overleggen bewust aan anderen."),
    "jq06": ("netwerkgericht",
             "De ex-schuldhulpverlener laat het contact met Priscilla aan het buurtteam en investeert in relaties met corporaties, schuldhulp en het CJIB en in de schuldentafel voor alle regisseurs."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")


def strip(s):
    return MARK.sub(lambda m: m.group(1), s)


def read_source(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    header, turns = [], []
    for para in re.split(r"\n\s*\n", raw.strip()):
        para = " ".join(l.strip() for l in para.splitlines())
        kind, text = para[:1], para[3:].strip()
        assert para[1:3] == ": ", (doc, para[:40])
        if kind == "H":
            header.append(text)
        elif kind in "IR":
            orient = None
            if kind == "R":
                m = re.search(r"\{(casus|netwerk|-)\}\s*$", text)
                assert m, (doc, "no orientation", text[-60:])
                orient = m.group(1)
                text = text[:m.start()].rstrip()
            else:
                assert not re.search(r"\{(casus|netwerk|-)\}", text), (doc, text)
            turns.append((kind, text, orient))
        else:
            raise ValueError((doc, para[:40]))
    for i, (kind, _, _) in enumerate(turns):
        assert kind == ("I" if i % 2 == 0 else "R"), (doc, i + 1, "alternation")
    return header, turns


def identifiers(doc, header, turns, cfg):
    seen, rows = set(), []
    for lab in cfg["label_ids"]:
        if lab not in seen:
            seen.add(lab)
            rows.append((doc, lab, "PERSOON"))
    for text in header + [t[1] for t in turns]:
        for m in MARK.finditer(text):
            ident, typ = m.group(1), m.group(2)
            assert typ in TYPES, (doc, ident, typ)
            if ident not in seen:
                seen.add(ident)
                rows.append((doc, ident, typ))
    return rows


# ---------------------------------------------------------------- cue splitting
def sentences(annotated):
    """Split an annotated turn into sentences without breaking identifiers."""
    keep = []

    def hide(m):
        keep.append(m.group(1))
        return "\x00%d\x00" % (len(keep) - 1)
    hidden = MARK.sub(hide, annotated)
    parts = re.split(r"(?<=[.!?)])\s+(?=[A-Z(\x00\"'“‘ÉÈ])", hidden)
    out = []
    for p in parts:
        words = p.split()
        if len(words) > 26:
            # split long sentences at a comma roughly in the middle
            chunks = re.split(r"(?<=,)\s+", p)
            buf = ""
            for c in chunks:
                if buf and len((buf + " " + c).split()) > 18:
                    out.append(buf)
                    buf = c
                else:
                    buf = (buf + " " + c).strip()
            if buf:
                out.append(buf)
        else:
            out.append(p)
    restore = lambda s: re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], s)
    return [restore(p) for p in out]


def cues_for(annotated, maxw=17):
    cues, buf = [], []
    for s in sentences(annotated):
        n = len(s.split())
        if buf and len(" ".join(buf).split()) + n > maxw:
            cues.append(" ".join(buf))
            buf = []
        buf.append(s)
    if buf:
        cues.append(" ".join(buf))
    return cues


def dur(text):
    return max(1.2, len(text.split()) / 2.6)


def ts_vtt(t):
    h, r = divmod(t, 3600)
    m, s = divmod(r, 60)
    return "%02d:%02d:%06.3f" % (h, m, s)


def ts_srt(t):
    return ts_vtt(t).replace(".", ",")


def ts_hms(t):
    t = int(t)
    return "%02d:%02d:%02d" % (t // 3600, (t % 3600) // 60, t % 60)


# ---------------------------------------------------------------- writers
def write_docx(doc, cfg, header, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = cfg["bold"]
    if header:
        d.add_paragraph()
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        if cfg["bold"]:
            lr = p.add_run(label + ":")
            lr.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(label + ": " + strip(text))
    d.save(os.path.join(OUT, doc + ".docx"))


def write_txt(doc, cfg, header, turns):
    nl = cfg["nl"]
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        lines.append("%s: %s" % (label, strip(text)))
        lines.append("")
    data = nl.join(lines).rstrip() + nl
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode(cfg["enc"]))


def write_txtts(doc, cfg, header, turns):
    nl = cfg["nl"]
    lines = [strip(h) for h in header] + [""]
    t = 3.0
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        plain = strip(text)
        lines.append("[%s] %s: %s" % (ts_hms(t), label, plain))
        lines.append("")
        t += dur(plain) + 1.4
    data = nl.join(lines).rstrip() + nl
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode(cfg["enc"]))


def write_vtt(doc, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(strip(h) for h in header)
        lines.append("")
    t, n = 1.5, 0
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for cue in cues_for(text):
            plain = strip(cue)
            n += 1
            d = dur(plain)
            lines.append("%s-%d" % ("c", n))
            lines.append("%s --> %s" % (ts_vtt(t), ts_vtt(t + d)))
            lines.append("<v %s>%s</v>" % (label, plain))
            lines.append("")
            t += d + 0.3
        t += 0.8
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_srt(doc, cfg, header, turns):
    assert not header, "srt has no header"
    lines = []
    t, n = 0.8, 0
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for cue in cues_for(text, maxw=15):
            plain = strip(cue)
            n += 1
            d = dur(plain)
            lines.append(str(n))
            lines.append("%s --> %s" % (ts_srt(t), ts_srt(t + d)))
            lines.append("%s: %s" % (label, plain))
            lines.append("")
            t += d + 0.25
        t += 0.7
    data = cfg["nl"].join(lines)
    with open(os.path.join(OUT, doc + ".srt"), "wb") as f:
        f.write(data.encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "txtts": write_txtts,
           "vtt": write_vtt, "srt": write_srt}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    id_rows, or_rows, stats = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = read_source(doc)
        WRITERS[cfg["fmt"]](doc, cfg, header, turns)
        id_rows += identifiers(doc, header, turns, cfg)
        words = 0
        for i, (kind, text, orient) in enumerate(turns, start=1):
            words += len(strip(text).split())
            if orient in ("casus", "netwerk"):
                or_rows.append((doc, i, orient))
        nresp = sum(1 for t in turns if t[0] == "R")
        stats.append((doc, cfg["fmt"], words, nresp,
                      sum(1 for t in turns if t[2] == "casus"),
                      sum(1 for t in turns if t[2] == "netwerk")))
    or_rows.sort()
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(or_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    for s in stats:
        print("%s %-6s words=%d resp_turns=%d casus=%d netwerk=%d" % s)


if __name__ == "__main__":
    main()
