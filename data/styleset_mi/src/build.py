"""Build the transcripts and the three csv files of set mi from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines.
  H: header line        I: interviewer turn        R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: delivery format, speaker labels (interviewer, respondent), label identifiers
DOCS = {
    "mi01": dict(fmt="docx_bold", labels=("Interviewer", "Respondent"), label_ids=[]),
    "mi02": dict(fmt="vtt", labels=("Interviewer", "Hanneke Roodenburg"),
                 label_ids=[("Hanneke Roodenburg", "PERSOON")], start=3.0),
    "mi03": dict(fmt="txt_cp1252", labels=("I", "R"), label_ids=[]),
    "mi04": dict(fmt="srt", labels=("Interviewer", "Marcel"),
                 label_ids=[("Marcel", "PERSOON")], start=1.5),
    "mi05": dict(fmt="txt_timestamps", labels=("Spreker 1", "Spreker 2"), label_ids=[], start=6.0),
    "mi06": dict(fmt="docx_plain", labels=("Marloes", "Ruud"),
                 label_ids=[("Marloes", "PERSOON"), ("Ruud", "PERSOON")]),
}

STYLES = {
    "mi01": ("casusgericht",
             "Invests her own effort and trust in the mother and her plan; every partner contact serves this family and she explicitly leaves the structural overleggen to her teamleader."),
    "mi02": ("netwerkgericht",
             "Despite a warm story about one baby she hands family contact to others and invests in feedback agreements with Veilig Thuis, a regional werkgroep and funding from her own board."),
    "mi03": ("onbepaald",
             "Genuinely mixed (never says so): invests about equally in her trust relationship with one mother and in building a cross-border overleg and agreements between organisations."),
    "mi04": ("netwerkgericht",
             "Steps back from the pupil on purpose and invests in school procedures, the thuiszitterstafel, Veilig Thuis contact points and cross-school agreements."),
    "mi05": ("onbepaald",
             "Too little evidence: guarded and procedural, speaks in generalities and never shows where her own effort or trust goes."),
    "mi06": ("netwerkgericht",
             "Knows the boy personally but leaves daily contact to the wijkteam and invests in the managers' regietafel, an escalation model, capacity deals and regional goals."),
}

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, body = p[:2], p[3:]
        if kind == "H:":
            header.append(body)
            continue
        orient = None
        if kind == "R:":
            m = ORIENT.search(body)
            if not m:
                raise SystemExit(f"{path}: respondent paragraph without orientation: {body[:60]}")
            orient = m.group(1)
            body = body[:m.start()]
        elif kind != "I:":
            raise SystemExit(f"{path}: bad paragraph start: {p[:40]}")
        turns.append(dict(role=kind[0], text=body, orient=orient))
    roles = [t["role"] for t in turns]
    for i, r in enumerate(roles):
        if r != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path}: turns do not alternate at turn {i + 1}")
    return header, turns


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def ids_of(s):
    out = []
    for m in ANN.finditer(s):
        if m.group(2) not in TYPES:
            raise SystemExit(f"bad type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def sentences(text):
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s]


def chunks(text, max_words=22):
    """Cue-sized chunks, split only at sentence boundaries."""
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def dur(text):
    return max(1.2, len(text.split()) / 2.5)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        d.add_paragraph("")
    for t in turns:
        lab = labels[0] if t["role"] == "I" else labels[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + plain(t["text"]))
        else:
            p.add_run(f"{lab}: {plain(t['text'])}")
    d.save(path)


def write_vtt(path, header, turns, labels, start):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(plain(h) for h in header)
        lines.append("")
    t0 = start
    n = 1
    for t in turns:
        lab = labels[0] if t["role"] == "I" else labels[1]
        for c in chunks(plain(t["text"])):
            d = dur(c)
            lines.append(str(n))
            lines.append(f"{ts(t0, '.')} --> {ts(t0 + d, '.')}")
            lines.append(f"<v {lab}>{c}</v>")
            lines.append("")
            t0 += d + 0.3
            n += 1
        t0 += 0.8
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_srt(path, turns, labels, start):
    lines = []
    t0 = start
    n = 1
    for t in turns:
        lab = labels[0] if t["role"] == "I" else labels[1]
        for c in chunks(plain(t["text"]), max_words=18):
            d = dur(c)
            lines.append(str(n))
            lines.append(f"{ts(t0, ',')} --> {ts(t0 + d, ',')}")
            lines.append(f"{lab}: {c}")
            lines.append("")
            t0 += d + 0.2
            n += 1
        t0 += 0.7
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines))


def write_txt_cp1252(path, header, turns, labels):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for t in turns:
        lab = labels[0] if t["role"] == "I" else labels[1]
        lines.append(f"{lab}: {plain(t['text'])}")
        lines.append("")
    with open(path, "wb") as f:
        f.write("\r\n".join(lines).encode("cp1252"))


def write_txt_timestamps(path, header, turns, labels, start):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t0 = start
    for t in turns:
        lab = labels[0] if t["role"] == "I" else labels[1]
        txt = plain(t["text"])
        lines.append(f"[{ts(t0, '.')[:8]}] {lab}: {txt}")
        lines.append("")
        t0 += dur(txt) + 2.0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt_cp1252": "txt", "txt_timestamps": "txt"}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, id_rows, stats = [], [], {}
    for doc, cfg in DOCS.items():
        header, turns = parse_source(os.path.join(HERE, f"{doc}.txt"))
        path = os.path.join(OUT, f"{doc}.{EXT[cfg['fmt']]}")
        fmt, labels = cfg["fmt"], cfg["labels"]
        if fmt == "docx_bold":
            write_docx(path, header, turns, labels, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, labels, bold=False)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels, cfg["start"])
        elif fmt == "srt":
            if header:
                raise SystemExit("srt has no header")
            write_srt(path, turns, labels, cfg["start"])
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, header, turns, labels)
        elif fmt == "txt_timestamps":
            write_txt_timestamps(path, header, turns, labels, cfg["start"])
        for i, t in enumerate(turns, 1):
            if t["role"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc, i, t["orient"]))
        seen = {}
        for s in header + [t["text"] for t in turns]:
            for text, typ in ids_of(s):
                if text in seen and seen[text] != typ:
                    raise SystemExit(f"{doc}: {text!r} has two types")
                seen.setdefault(text, typ)
        for text, typ in cfg["label_ids"]:
            seen.setdefault(text, typ)
        for text, typ in seen.items():
            id_rows.append((doc, text, typ))
        words = sum(len(plain(t["text"]).split()) for t in turns)
        stats[doc] = (words, sum(t["role"] == "R" for t in turns), len(seen),
                      sum(t["orient"] == "casus" for t in turns if t["role"] == "R"),
                      sum(t["orient"] == "netwerk" for t in turns if t["role"] == "R"))
    orient_rows.sort()
    with open(os.path.join(SET, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(SET, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(SET, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    for doc, (words, rturns, nids, nc, nn) in stats.items():
        print(f"{doc}: {words} words, {rturns} respondent turns, {nids} identifiers, "
              f"casus {nc}, netwerk {nn}")


if __name__ == "__main__":
    main()
