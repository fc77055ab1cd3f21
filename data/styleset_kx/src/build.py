"""Build the setKX transcripts and csv files from the annotated sources in src/.

Source format: paragraphs separated by blank lines, each starting with
  H: header line   I: interviewer turn   R: respondent turn
Identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re

import docx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# label_ids: speaker labels that are names (counted as PERSOON identifiers)
DOCS = {
    "kx01": dict(fmt="txt", enc="cp1252", nl="\r\n", ilabel="I", rlabel="R", label_ids=[]),
    "kx02": dict(fmt="docx", bold=True, ilabel="Interviewer", rlabel="Hanneke Verhulst",
                 label_ids=["Hanneke Verhulst"]),
    "kx03": dict(fmt="docx", bold=False, ilabel="Interviewer", rlabel="Respondent", label_ids=[]),
    "kx04": dict(fmt="vtt", ilabel="Jurre Sinke", rlabel="Laura Meulmeester",
                 label_ids=["Jurre Sinke", "Laura Meulmeester"]),
    "kx05": dict(fmt="srt", ilabel="Interviewer", rlabel="Lotte", label_ids=["Lotte"]),
    "kx06": dict(fmt="tstxt", enc="utf-8", nl="\n", ilabel="Spreker 1", rlabel="Spreker 2",
                 label_ids=[]),
}

STYLES = {
    "kx01": ("casusgericht",
             "Wijkagent who builds and carries the trust of one mother and her son himself, "
             "uses school, Veilig Thuis, Belgian colleague and ZVH only as means for that family, "
             "and declines the cross-border working group and any organisational feedback."),
    "kx02": ("netwerkgericht",
             "MDA++ procesregisseur who tells a warm, detailed family story but leaves all "
             "contact to the wijkteam worker and invests her own effort in managers, work "
             "agreements, escalation, church councils and Belgian partners."),
    "kx03": ("casusgericht",
             "Devout school aandachtsfunctionaris who invests evenings in the trust of one "
             "child and her mother, engages elder, GP and jeugdconsulent for that family, and "
             "declines the municipal signalling network."),
    "kx04": ("onbepaald",
             "Too little evidence: guarded municipal regisseur who answers in procedures and "
             "generalities (convenant, escalation route, sociale kaart) and never shows where "
             "her own effort or trust goes."),
    "kx05": ("netwerkgericht",
             "Young jeugdconsulent who tells a warm story about a boy but hands contact to the "
             "wijkteam and invests in the schooltafel, a fixed Veilig Thuis contact and an "
             "agreement with growers and pensions."),
    "kx06": ("onbepaald",
             "Genuinely mixed: Emergis casemanager who invests about equally in an eight-year "
             "relationship with one client and in agreements with police, teams across the "
             "Westerschelde and a housing corporation, and says so."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, text = p[:2], p[2:].strip()
        if kind == "H:":
            header.append(text)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG_RE.search(text)
                if not m:
                    raise SystemExit(f"{path}: respondent paragraph without tag: {text[:60]}")
                tag = m.group(1)
                text = text[: m.start()]
            elif TAG_RE.search(text):
                raise SystemExit(f"{path}: interviewer paragraph with tag")
            turns.append((kind[0], text, tag))
        else:
            raise SystemExit(f"{path}: bad paragraph start: {p[:40]}")
    return header, turns


def ids_of(text):
    out = []
    for m in ID_RE.finditer(text):
        if m.group(2) not in TYPES:
            raise SystemExit(f"bad type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def plain(text):
    return ID_RE.sub(lambda m: m.group(1), text)


def tokens(text):
    """Split marked-up text into tokens, keeping [[...]] spans atomic (with attached punctuation)."""
    parts = re.findall(r"(?:\S*\[\[.+?\]\]\S*)|\S+", text)
    return parts


def chunks(text, lo=9, hi=17):
    toks = tokens(text)
    out, cur = [], []
    for t in toks:
        cur.append(t)
        n = len(cur)
        if (n >= lo and re.search(r"[.?!…]\)?$", plain(t))) or n >= hi:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return [plain(c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(text.split()) / 2.6)


def write_txt(doc, cfg, header, turns):
    nl = cfg["nl"]
    lines = [plain(h) for h in header]
    out = nl.join(lines) + (nl + nl if lines else "")
    body = []
    for spk, text, _ in turns:
        lab = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        body.append(f"{lab}: {plain(text)}")
    out += (nl + nl).join(body) + nl
    path = os.path.join(OUT, f"{doc}.txt")
    with open(path, "wb") as f:
        f.write(out.encode(cfg["enc"]))


def write_tstxt(doc, cfg, header, turns):
    nl = cfg["nl"]
    out = nl.join(plain(h) for h in header) + nl + nl
    t = 3.0
    body = []
    for spk, text, _ in turns:
        lab = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        p = plain(text)
        body.append(f"[{ts(t, ',')[:8]}] {lab}: {p}")
        t += dur(p) + 1.3
    out += (nl + nl).join(body) + nl
    with open(os.path.join(OUT, f"{doc}.txt"), "wb") as f:
        f.write(out.encode(cfg["enc"]))


def write_docx(doc, cfg, header, turns):
    d = docx.Document()
    for h in header:
        para = d.add_paragraph()
        para.add_run(plain(h)).italic = True
    if header:
        d.add_paragraph("")
    for spk, text, _ in turns:
        lab = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        para = d.add_paragraph()
        if cfg["bold"]:
            para.add_run(lab + ":").bold = True
            para.add_run(" " + plain(text))
        else:
            para.add_run(f"{lab}: {plain(text)}")
    d.save(os.path.join(OUT, f"{doc}.docx"))


def write_vtt(doc, cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = 2.0
    for spk, text, _ in turns:
        lab = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        for c in chunks(text):
            d = dur(c)
            out.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            out.append(f"<v {lab}>{c}</v>")
            out.append("")
            t += d + 0.15
        t += 0.8
    with open(os.path.join(OUT, f"{doc}.vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, cfg, header, turns):
    out = []
    n = 1
    t = 1.5
    for spk, text, _ in turns:
        lab = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        for k, c in enumerate(chunks(text)):
            d = dur(c)
            line = f"{lab}: {c}" if k == 0 else c
            out.append(f"{n}\r\n{ts(t, ',')} --> {ts(t + d, ',')}\r\n{line}\r\n")
            n += 1
            t += d + 0.2
        t += 0.7
    with open(os.path.join(OUT, f"{doc}.srt"), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(out))


WRITERS = {"txt": write_txt, "tstxt": write_tstxt, "docx": write_docx, "vtt": write_vtt,
           "srt": write_srt}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, id_rows = [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(os.path.join(HERE, f"{doc}.src.txt"))
        WRITERS[cfg["fmt"]](doc, cfg, header, turns)
        seen = {}
        for name in cfg["label_ids"]:
            seen.setdefault(name, "PERSOON")
        for h in header:
            for s, ty in ids_of(h):
                if seen.setdefault(s, ty) != ty:
                    raise SystemExit(f"{doc}: {s} typed twice")
        for i, (spk, text, tag) in enumerate(turns, 1):
            for s, ty in ids_of(text):
                if seen.setdefault(s, ty) != ty:
                    raise SystemExit(f"{doc}: {s} typed twice")
            if spk == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc, i, tag))
        for s, ty in seen.items():
            id_rows.append((doc, s, ty))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nr = sum(1 for s, _, _ in turns if s == "R")
        tags = [t for s, _, t in turns if s == "R"]
        print(f"{doc}: {cfg['fmt']:5s} words={words} resp_turns={nr} ids={len(seen)} "
              f"casus={tags.count('casus')} netwerk={tags.count('netwerk')} none={tags.count('-')}")
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc, (st, why) in STYLES.items():
            w.writerow([doc, st, why])


if __name__ == "__main__":
    main()
