"""Build the six transcripts of set lt and the three csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/ltNN.txt): paragraphs separated by a blank line, each starting with
  H: header line   I: interviewer turn   R: respondent turn
Identifiers are marked inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
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

ANN = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# format and speaker labels per document; label_ids are speaker labels that are names (PERSOON)
CONFIG = {
    "lt01": dict(fmt="docx_bold", i="Interviewer", r="Respondent", label_ids=[]),
    "lt02": dict(fmt="txt", enc="cp1252", newline="\r\n", i="I", r="R", label_ids=[]),
    "lt03": dict(fmt="vtt", i="Noor Hamdi", r="Yvonne Dekker", label_ids=["Noor Hamdi", "Yvonne Dekker"]),
    "lt04": dict(fmt="srt", newline="\r\n", i="Interviewer", r="Soufian", label_ids=["Soufian"]),
    "lt05": dict(fmt="txt_ts", enc="utf-8", newline="\n", i="Spreker 1", r="Spreker 2", label_ids=[]),
    "lt06": dict(fmt="docx_plain", i="Interviewer", r="Smit", label_ids=["Smit"]),
}

STYLES = {
    "lt01": ("casusgericht",
             "She invests her own effort and trust in the direct relationship with Dylan and his mother, "
             "calls partners one by one as means for his plan, works around the system for him only and "
             "declines the structural working group."),
    "lt02": ("netwerkgericht",
             "Despite a warm and detailed story about Milan he hands the daily contact to youth work and "
             "invests in agreements, escalation routes, internal police arrangements and patterns across cases."),
    "lt03": ("onbepaald",
             "Genuinely mixed: she invests about equally in personal casework with Ilias and his mother and in "
             "structural school agreements, a privacy session and the knelpuntenrondje, and says she cannot choose."),
    "lt04": ("casusgericht",
             "He names many partners (police, jeugdreclassering, corporatie, OM, school) but each as a means for "
             "Rayan's and his family's plan, solves system problems only for this family and declines the "
             "municipal working group."),
    "lt05": ("netwerkgericht",
             "She tells a warm story about Noah but leaves all contact to a colleague and invests in escalation "
             "ladders, purchasing contracts, managers' meetings and privacy agreements between organisations."),
    "lt06": ("onbepaald",
             "Too little evidence: a guarded, procedural respondent who refuses examples and speaks only in "
             "generalities about plans, the convenant and the draaiboek, never showing where his own effort goes."),
}


def strip(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse_source(path):
    text = open(path, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, body = p[:2], p[3:].strip()
        if "\n" in body:
            raise SystemExit(f"{path}: paragraph spans several lines: {body[:40]!r}")
        if kind == "H:":
            if turns:
                raise SystemExit(f"{path}: header after first turn")
            header.append(body)
        elif kind == "I:":
            if ORIENT.search(body):
                raise SystemExit(f"{path}: orientation on interviewer turn")
            turns.append(("I", body, None))
        elif kind == "R:":
            m = ORIENT.search(body)
            if not m:
                raise SystemExit(f"{path}: respondent turn without orientation: {body[:40]!r}")
            turns.append(("R", body[:m.start()].rstrip(), m.group(1)))
        else:
            raise SystemExit(f"{path}: bad paragraph start {p[:10]!r}")
    for n, (sp, _, _) in enumerate(turns):
        if sp != ("I" if n % 2 == 0 else "R"):
            raise SystemExit(f"{path}: turns do not alternate at turn {n + 1}")
    return header, turns


def sentences(annotated):
    """Split annotated text into sentences without ever splitting inside an identifier."""
    prot = ANN.sub(lambda m: "[[" + m.group(1).replace(" ", "\x00").replace(".", "\x01")
                   + "|" + m.group(2) + "]]", annotated)
    parts = re.split(r"(?<=[.!?])\s+", prot)
    return [strip(p.replace("\x00", " ").replace("\x01", ".")) for p in parts if p]


def chunks(annotated, target):
    out, cur = [], []
    for s in sentences(annotated):
        cur.append(s)
        if len(" ".join(cur).split()) >= target:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(" ".join(cur).split()) < target // 3:
            out[-1] = out[-1] + " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def dur(text):
    return len(text.split()) / 2.6 + 0.6


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def render(doc_id, header, turns):
    cfg = CONFIG[doc_id]
    fmt = cfg["fmt"]
    label = {"I": cfg["i"], "R": cfg["r"]}
    hdr = [strip(h) for h in header]
    clock = 3.2
    if fmt in ("docx_bold", "docx_plain"):
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in hdr:
            d.add_paragraph(h)
        if hdr:
            d.add_paragraph("")
        for sp, body, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                p.add_run(label[sp] + ":").bold = True
                p.add_run(" " + strip(body))
            else:
                p.add_run(label[sp] + ": " + strip(body))
        path = os.path.join(OUT, doc_id + ".docx")
        d.save(path)
        return path
    if fmt in ("txt", "txt_ts"):
        lines = list(hdr)
        if hdr:
            lines.append("")
        for sp, body, _ in turns:
            text = strip(body)
            if fmt == "txt_ts":
                lines.append(f"[{ts(clock, ',')[:8]}] {label[sp]}: {text}")
                clock += dur(text) + 1.1
            else:
                lines.append(f"{label[sp]}: {text}")
            lines.append("")
        content = cfg["newline"].join(lines)
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "wb") as f:
            f.write(content.encode(cfg["enc"]))
        return path
    if fmt == "vtt":
        out = ["WEBVTT", "", "NOTE"] + hdr + [""]
        n = 0
        for sp, body, _ in turns:
            for c in chunks(body, 24):
                n += 1
                end = clock + dur(c)
                out += [str(n), f"{ts(clock, '.')} --> {ts(end, '.')}", f"<v {label[sp]}>{c}</v>", ""]
                clock = end + 0.3
            clock += 0.8
        path = os.path.join(OUT, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(out))
        return path
    if fmt == "srt":
        out = []
        n = 0
        for sp, body, _ in turns:
            pieces = [strip(body)] if len(strip(body).split()) <= 75 else chunks(body, 45)
            for c in pieces:
                n += 1
                end = clock + dur(c)
                out += [str(n), f"{ts(clock, ',')} --> {ts(end, ',')}", f"{label[sp]}: {c}", ""]
                clock = end + 0.4
            clock += 0.8
        path = os.path.join(OUT, doc_id + ".srt")
        with open(path, "wb") as f:
            f.write(cfg["newline"].join(out).encode("utf-8"))
        return path
    raise SystemExit("unknown format " + fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    id_rows, or_rows, st_rows = [], [], []
    for doc_id in sorted(CONFIG):
        header, turns = parse_source(os.path.join(HERE, doc_id + ".txt"))
        render(doc_id, header, turns)
        seen = {}
        for lab in CONFIG[doc_id]["label_ids"]:
            seen.setdefault(lab, "PERSOON")
        for chunk in header + [t[1] for t in turns]:
            for m in ANN.finditer(chunk):
                s, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    raise SystemExit(f"{doc_id}: unknown type {typ}")
                if seen.get(s, typ) != typ:
                    raise SystemExit(f"{doc_id}: {s!r} has two types")
                seen.setdefault(s, typ)
        id_rows += [(doc_id, s, t) for s, t in seen.items()]
        for n, (sp, _, o) in enumerate(turns, start=1):
            if sp == "R" and o in ("casus", "netwerk"):
                or_rows.append((doc_id, n, o))
        st_rows.append((doc_id,) + STYLES[doc_id])
        words = sum(len(strip(b).split()) for _, b, _ in turns)
        print(f"{doc_id}: {CONFIG[doc_id]['fmt']:10s} words={words} turns={len(turns)} "
              f"respondent_turns={sum(1 for t in turns if t[0] == 'R')} identifiers={len(seen)}")

    def write(name, head, rows):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(head)
            w.writerows(rows)

    write("styles.csv", ["doc_id", "style", "rationale"], st_rows)
    write("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(or_rows, key=lambda r: (r[0], r[1])))
    write("identifiers.csv", ["doc_id", "identifier", "type"], id_rows)
    print("built", len(st_rows), "transcripts,", len(or_rows), "orientation rows,", len(id_rows), "identifiers")


if __name__ == "__main__":
    sys.exit(main())
