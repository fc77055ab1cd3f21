#!/usr/bin/env python3
"""Build the transcripts of set nd and its three csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py      (needs python-docx for the .docx files)

Source format (src/ndNN.txt): one paragraph per turn, paragraphs separated by a blank line.
  H: header line          (becomes header / NOTE text, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus}|{netwerk}|{-}
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# format and speaker labels per document
DOCS = {
    "nd01": dict(fmt="docx", bold=True, ilabel="Lotte", rlabel="Marcia", names=True),
    "nd02": dict(fmt="vtt", ilabel="Sanne Hoekstra", rlabel="Kwabena Mensah", names=True),
    "nd03": dict(fmt="txt", enc="cp1252", eol="\r\n", ilabel="I", rlabel="R", names=False),
    "nd04": dict(fmt="srt", eol="\r\n", ilabel="Daan", rlabel="Ingrid", names=True),
    "nd05": dict(fmt="txt_ts", enc="utf-8", eol="\n", ilabel="Spreker 1", rlabel="Spreker 2",
                 names=False),
    "nd06": dict(fmt="docx", bold=False, ilabel="Interviewer", rlabel="Respondent", names=False),
}

STYLES = {
    "nd01": ("casusgericht",
             "Reclasserings-veteraan die vele partners en overleggen noemt, maar ze allemaal inzet "
             "voor het plan van één jongen, zelf het vertrouwen en het dagelijkse contact draagt en "
             "structureel werk (werkgroep, stuurgroep) expliciet afwijst."),
    "nd02": ("netwerkgericht",
             "Oud-wijkagent die warm over een jongen vertelt maar het dagelijkse contact aan "
             "jeugdreclassering en pastor overlaat en zijn eigen inzet steekt in vertrouwen tussen "
             "kerken, reclassering, politie en GGZ, afsprakenkaders, escalatieladders en patronen."),
    "nd03": ("casusgericht",
             "Kortaf oud-rechercheur die zichzelf als de ene volwassene naast de jongen ziet, "
             "partners per keer voor deze ene jongen inschakelt en structurele oplossingen "
             "bewust aan anderen laat."),
    "nd04": ("netwerkgericht",
             "Reflectieve ex-GGD-verpleegkundige die de casus als aanleiding gebruikt, het contact "
             "bij FACT en familie laat en investeert in ruilafspraken, grensafspraken met Diemen, "
             "een sporttafel en een privacyschema voor alle regisseurs."),
    "nd05": ("onbepaald",
             "Genuinely mixed: oud-jeugdbeschermer die ongeveer evenveel investeert in zijn eigen "
             "band met twee broers en hun moeder als in afspraken met clubs, corporatie, kerk en "
             "gemeenten, en dat zelf ook zo benoemt."),
    "nd06": ("onbepaald",
             "Too little evidence: behoedzame gemeentelijke casusregisseur die alleen het werkproces "
             "en algemeenheden beschrijft, geen casus wil vertellen en nergens laat zien waar haar "
             "eigen inzet en vertrouwen naartoe gaan."),
}

ID_RE = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(path):
    text = open(path, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, body = p[:2], p[2:].strip()
        if kind == "H:":
            if turns:
                sys.exit(f"{path}: header after turns")
            header.append(body)
        elif kind in ("I:", "R:"):
            ori = None
            if kind == "R:":
                m = ORI_RE.search(body)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without orientation: {body[:60]}")
                ori = m.group(1)
                body = body[:m.start()].rstrip()
            elif ORI_RE.search(body):
                sys.exit(f"{path}: orientation on interviewer turn")
            turns.append(dict(role=kind[0], text=body, ori=ori))
        else:
            sys.exit(f"{path}: bad paragraph start {p[:30]!r}")
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["role"] != want:
            sys.exit(f"{path}: turn {i + 1} should be {want}")
    return header, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids_of(s):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(s)]


def split_sentences(annotated):
    """Split annotated text into plain sentences, never inside an identifier."""
    keep = []

    def hide(m):
        keep.append(m.group(1))
        return f"\x00{len(keep) - 1}\x00"

    hidden = ID_RE.sub(hide, annotated)
    parts = re.split(r'(?<=[.!?])\s+|(?<=[.!?]["”])\s+', hidden)
    restore = lambda s: re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], s)
    return [restore(p) for p in parts if p.strip()]


def cues_for(annotated, max_words=18):
    cues, cur = [], []
    for s in split_sentences(annotated):
        n = len(s.split())
        if cur and sum(len(x.split()) for x in cur) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def words(s):
    return sum(1 for w in s.split() if re.search(r"\w", w))


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, cfg, start=3.2):
    t = start
    out = []
    for turn in turns:
        label = cfg["ilabel"] if turn["role"] == "I" else cfg["rlabel"]
        for c in cues_for(turn["text"]):
            dur = max(1.4, words(c) / 2.4)
            out.append((t, t + dur, label, c))
            t += dur + 0.25
        t += 0.9
    return out


def write_docx(path, header, turns, cfg):
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = doc.add_paragraph()
        r = p.add_run(plain(h))
        if cfg.get("bold"):
            r.italic = True
    if header:
        doc.add_paragraph("")
    for turn in turns:
        label = cfg["ilabel"] if turn["role"] == "I" else cfg["rlabel"]
        p = doc.add_paragraph()
        if cfg.get("bold"):
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(turn["text"]))
        else:
            p.add_run(f"{label}: {plain(turn['text'])}")
    doc.save(path)


def write_txt(path, header, turns, cfg):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for turn in turns:
        label = cfg["ilabel"] if turn["role"] == "I" else cfg["rlabel"]
        lines.append(f"{label}: {plain(turn['text'])}")
        lines.append("")
    data = cfg["eol"].join(lines)
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))


def write_txt_ts(path, header, turns, cfg):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = 4.0
    for turn in turns:
        label = cfg["ilabel"] if turn["role"] == "I" else cfg["rlabel"]
        txt = plain(turn["text"])
        lines.append(f"[{ts(t)[:8]}] {label}: {txt}")
        t += words(txt) / 2.3 + 2.0
    lines.append("")
    with open(path, "wb") as f:
        f.write(cfg["eol"].join(lines).encode(cfg["enc"]))


def write_vtt(path, header, turns, cfg):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(plain(h) for h in header)
        lines.append("")
    for n, (a, b, label, c) in enumerate(timed_cues(turns, cfg), 1):
        lines.append(f"{n}")
        lines.append(f"{ts(a)} --> {ts(b)}")
        lines.append(f"<v {label}>{c}</v>")
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_srt(path, header, turns, cfg):
    if header:
        sys.exit("srt has no header")
    lines = []
    for n, (a, b, label, c) in enumerate(timed_cues(turns, cfg, start=1.8), 1):
        lines.append(f"{n}")
        lines.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        lines.append(f"{label}: {c}")
        lines.append("")
    with open(path, "wb") as f:
        f.write(cfg["eol"].join(lines).encode("utf-8"))


EXT = {"docx": "docx", "vtt": "vtt", "srt": "srt", "txt": "txt", "txt_ts": "txt"}
WRITERS = {"docx": write_docx, "vtt": write_vtt, "srt": write_srt, "txt": write_txt,
           "txt_ts": write_txt_ts}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    styles, oris, idrows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_source(os.path.join(HERE, doc_id + ".txt"))
        path = os.path.join(OUT, f"{doc_id}.{EXT[cfg['fmt']]}")
        WRITERS[cfg["fmt"]](path, header, turns, cfg)
        # identifiers: header, turns, then speaker-label names
        seen = {}
        found = []
        for h in header:
            found += ids_of(h)
        for t in turns:
            found += ids_of(t["text"])
        if cfg["names"]:
            found += [(cfg["ilabel"], "PERSOON"), (cfg["rlabel"], "PERSOON")]
        for s, typ in found:
            if typ not in TYPES:
                sys.exit(f"{doc_id}: bad type {typ}")
            if s in seen and seen[s] != typ:
                sys.exit(f"{doc_id}: {s!r} has two types")
            if s not in seen:
                seen[s] = typ
                idrows.append((doc_id, s, typ))
        for i, t in enumerate(turns, 1):
            if t["role"] == "R" and t["ori"] in ("casus", "netwerk"):
                oris.append((doc_id, i, t["ori"]))
        style, why = STYLES[doc_id]
        styles.append((doc_id, style, why))
        nw = sum(words(plain(t["text"])) for t in turns)
        nr = sum(1 for t in turns if t["role"] == "R")
        print(f"{doc_id}: {os.path.basename(path)} words={nw} respondent_turns={nr} "
              f"identifiers={len(seen)}")
    oris.sort(key=lambda r: (r[0], r[1]))

    def write_csv(name, head, rows):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(head)
            w.writerows(rows)

    write_csv("styles.csv", ["doc_id", "style", "rationale"], styles)
    write_csv("orientation.csv", ["doc_id", "turn_index", "orientation"], oris)
    write_csv("identifiers.csv", ["doc_id", "identifier", "type"], idrows)


if __name__ == "__main__":
    main()
