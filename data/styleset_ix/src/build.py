"""Build the six transcripts and the three csv files of set IX from the annotated sources.

Source format (src/<doc_id>.txt): one paragraph per line,
  H: header line        I: interviewer turn        R: respondent turn ... {casus|netwerk|-}
identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import random
import re

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.dirname(HERE)
OUT = os.path.join(BASE, "transcripts")

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: delivery format and speaker labels; `names` = labels that are personal names
DOCS = {
    "ix01": dict(fmt="docx", bold=True, labels={"I": "Marloes", "R": "Ad"}, names=True),
    "ix02": dict(fmt="vtt", labels={"I": "Pieter Hoek", "R": "Jolanda Dieleman"}, names=True),
    "ix03": dict(fmt="txt", encoding="cp1252", newline="\r\n", labels={"I": "I", "R": "R"},
                 names=False, timestamps=False),
    "ix04": dict(fmt="srt", newline="\r\n", labels={"I": "Bram", "R": "Sevda"}, names=True),
    "ix05": dict(fmt="txt", encoding="utf-8", newline="\n",
                 labels={"I": "Spreker 1", "R": "Spreker 2"}, names=False, timestamps=True),
    "ix06": dict(fmt="docx", bold=False, labels={"I": "Interviewer", "R": "Respondent"},
                 names=False),
}

STYLES = {
    "ix01": ("casusgericht",
             "Former police officer whose own effort goes into knowing and personally backing one "
             "man (door visits, his phone number on the lease, bending procedures per person) and "
             "who explicitly declines the structural working group."),
    "ix02": ("casusgericht",
             "GGD nurse who names many partners and meetings but uses each of them as a means in "
             "her weekly, trust-based plan with one woman and turns down the regional working group."),
    "ix03": ("netwerkgericht",
             "Housing-association regisseur who tells a warm story about a family but handed the "
             "contact to the wijkteam and invests in the monthly signal meeting, the covenant, "
             "escalation agreements and inter-organisational trust."),
    "ix04": ("netwerkgericht",
             "Police regisseur who stopped doing cases herself, hands victims to the care "
             "coordinator and invests in the monthly table, agreements, shared controls, "
             "escalation lines and trust with partner organisations."),
    "ix05": ("onbepaald",
             "Genuinely mixed: municipal regisseur who splits her week deliberately between her "
             "own caseload (home visits, personal bargaining for one client) and chairing the "
             "labour-migration table (meldroute, agreements, escalation) and refuses to choose."),
    "ix06": ("onbepaald",
             "Too little evidence: guarded GGD coordinator who answers in passive, procedural "
             "generalities, declines to discuss cases and never shows where his own effort goes."),
}


def parse_source(path):
    header, turns = [], []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            kind, _, body = line.partition(": ")
            if kind == "H":
                header.append(body)
            elif kind in ("I", "R"):
                orient = None
                if kind == "R":
                    m = TAG.search(body)
                    if not m:
                        raise SystemExit(f"{path}: respondent turn without tag: {body[:60]}")
                    orient = m.group(1)
                    body = body[: m.start()]
                turns.append((kind, body.strip(), orient))
            else:
                raise SystemExit(f"{path}: unknown paragraph kind {kind!r}")
    return header, turns


def plain(s):
    return ANN.sub(r"\1", s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def sentences(text):
    parts = re.split(r"(?<=[.!?])\s+", text)
    return [p for p in parts if p]


def chunks(text, lo=9, hi=26):
    """Group sentences into subtitle-sized cues."""
    out, cur = [], []
    for s in sentences(text):
        n = len(" ".join(cur + [s]).split())
        if cur and n > hi:
            out.append(" ".join(cur))
            cur = [s]
        else:
            cur.append(s)
        if len(" ".join(cur).split()) >= lo and len(" ".join(cur).split()) >= 14:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def build_docx(doc_id, cfg, header, turns, path):
    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph()
    for kind, text, _ in turns:
        label = cfg["labels"][kind]
        p = d.add_paragraph()
        if cfg.get("bold"):
            lr = p.add_run(label + ":")
            lr.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label}: {text}")
    d.save(path)


def build_txt(doc_id, cfg, header, turns, path, rng):
    lines = list(header)
    if header:
        lines.append("")
    t = 2.0
    for kind, text, _ in turns:
        label = cfg["labels"][kind]
        if cfg.get("timestamps"):
            lines.append(f"[{hms(t)}] {label}: {text}")
        else:
            lines.append(f"{label}: {text}")
        lines.append("")
        t += len(text.split()) / 2.6 + rng.uniform(0.6, 2.2)
    data = cfg["newline"].join(lines).rstrip() + cfg["newline"]
    with open(path, "wb") as fh:
        fh.write(data.encode(cfg["encoding"]))


def cue_list(turns, rng):
    t = 1.5
    cues = []
    for kind, text, _ in turns:
        for c in chunks(text):
            dur = max(1.2, len(c.split()) / 2.7)
            cues.append((t, t + dur, kind, c))
            t += dur + rng.uniform(0.05, 0.4)
        t += rng.uniform(0.4, 1.6)
    return cues


def build_vtt(doc_id, cfg, header, turns, path, rng):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    for i, (a, b, kind, c) in enumerate(cue_list(turns, rng), 1):
        name = cfg["labels"][kind]
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {name}>{c}</v>")
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


def build_srt(doc_id, cfg, header, turns, path, rng):
    out = []
    for i, (a, b, kind, c) in enumerate(cue_list(turns, rng), 1):
        name = cfg["labels"][kind]
        out.append(str(i))
        out.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        out.append(f"{name}: {c}")
        out.append("")
    data = cfg.get("newline", "\n").join(out)
    with open(path, "wb") as fh:
        fh.write(data.encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, ident_rows = [], []
    for doc_id, cfg in DOCS.items():
        rng = random.Random(doc_id)
        header_src, turns_src = parse_source(os.path.join(HERE, doc_id + ".txt"))
        header = [plain(h) for h in header_src]
        turns = [(k, plain(t), o) for k, t, o in turns_src]
        # identifiers, in order of first occurrence
        seen = {}
        found = []
        for h in header_src:
            found += idents(h)
        if cfg["names"]:
            found += [(cfg["labels"]["I"], "PERSOON"), (cfg["labels"]["R"], "PERSOON")]
        for _, t, _ in turns_src:
            found += idents(t)
        for text, typ in found:
            if typ not in TYPES:
                raise SystemExit(f"{doc_id}: bad type {typ}")
            if text in seen and seen[text] != typ:
                raise SystemExit(f"{doc_id}: {text!r} annotated as {seen[text]} and {typ}")
            if text not in seen:
                seen[text] = typ
                ident_rows.append((doc_id, text, typ))
        for idx, (kind, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, idx, o))
        ext = cfg["fmt"]
        path = os.path.join(OUT, f"{doc_id}.{ext}")
        if ext == "docx":
            build_docx(doc_id, cfg, header, turns, path)
        elif ext == "txt":
            build_txt(doc_id, cfg, header, turns, path, rng)
        elif ext == "vtt":
            build_vtt(doc_id, cfg, header, turns, path, rng)
        elif ext == "srt":
            build_srt(doc_id, cfg, header, turns, path, rng)
    with open(os.path.join(BASE, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(os.path.join(BASE, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient_rows):
            w.writerow(row)
    with open(os.path.join(BASE, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        for row in ident_rows:
            w.writerow(row)
    print("built", len(DOCS), "transcripts,", len(orient_rows), "orientation rows,",
          len(ident_rows), "identifiers")


if __name__ == "__main__":
    main()
