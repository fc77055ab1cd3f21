#!/usr/bin/env python3
"""Build the transcripts of set KA and its three csv files from the annotated sources.

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines.
  H: header line          (metadata, not a turn)
  I: interviewer turn
  R: respondent turn      ends in {casus}, {netwerk} or {-}
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
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# labels may carry identifier markup (speaker-label names count as PERSOON)
DOCS = {
    "ka01": dict(fmt="vtt", labels=("[[Marit de Graaf|PERSOON]]", "[[Jan Hoekstra|PERSOON]]"),
                 style="netwerkgericht",
                 rationale="Ex-wijkagent who knows the client personally but deliberately leaves the contact to the FACT nurse and invests his own time and credibility in the woonoverlasttafel, privacy and escalation agreements, figures for the stuurgroep and a convenant."),
    "ka02": dict(fmt="docx_bold", labels=("Interviewer", "Respondent"),
                 style="casusgericht",
                 rationale="Bemoeizorg nurse who names many partners and meetings but uses each one for Marco's plan, builds trust herself every Tuesday and declines the municipal working group on vulnerable residents."),
    "ka03": dict(fmt="txt_cp1252", labels=("I", "R"),
                 style="onbepaald",
                 rationale="Genuinely mixed: the wijkteam coordinator splits his week half and half between his own weekly visits to mevrouw Kremer and building agreements with the corporatie, NCG and contractors, and says he would not drop either."),
    "ka04": dict(fmt="srt", labels=("[[Thijs|PERSOON]]", "[[Lotte|PERSOON]]"),
                 style="casusgericht",
                 rationale="Terse ex-reclassering regisseur who uses procedural vocabulary but puts her effort in Dineke's trust and aligns each partner one by one for her plan, refusing the regional project group and escalation via managers."),
    "ka05": dict(fmt="docx_plain", labels=("[[MG|PERSOON]]", "[[HW|PERSOON]]"),
                 style="netwerkgericht",
                 rationale="Angry corporatie manager who tells a detailed eviction story but never has client contact himself; he trusts his consultants with the tenants and invests in a convenant, stuurgroep, incasso route, NCG agreements and eviction figures."),
    "ka06": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"),
                 style="onbepaald",
                 rationale="Genuinely mixed without saying so: she keeps the weekly Friday contact with Dennis herself and equally chairs and builds the Tuesday table with its agreements and escalation route."),
}

EXT = {"vtt": "vtt", "srt": "srt", "txt_cp1252": "txt", "txt_ts": "txt",
       "docx_bold": "docx", "docx_plain": "docx"}


def strip(s):
    return MARK.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def parse_source(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    header, turns = [], []
    for para in [p.strip() for p in re.split(r"\n\s*\n|\n(?=[HIR]: )", text) if p.strip()]:
        kind, body = para[:2], para[3:].strip()
        if kind == "H:":
            header.append(body)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{doc}: respondent turn without tag: {body[:60]}")
                tag = m.group(1)
                body = body[:m.start()].rstrip()
            elif TAG.search(body):
                sys.exit(f"{doc}: interviewer turn with tag: {body[:60]}")
            turns.append(("I" if kind == "I:" else "R", body, tag))
        else:
            sys.exit(f"{doc}: bad paragraph: {para[:60]}")
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return header, turns


# ---------- chunking with identifiers protected ----------

def protect(s):
    """Replace identifier markup by space-free placeholders; return (text, restore)."""
    store = []

    def rep(m):
        store.append(m.group(1))
        return f"\x00{len(store) - 1}\x00"
    t = MARK.sub(rep, s)

    def restore(x):
        return re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], x)
    return t, restore


def chunks(body, maxw=18):
    t, restore = protect(body)
    sents = [x for x in re.split(r"(?<=[.?!)])\s+(?=[A-Z(\x00ÉÖ'])", t) if x]
    pieces = []
    for s in sents:
        if len(s.split()) > maxw + 4:
            parts = re.split(r"(?<=,)\s+", s)
            cur = ""
            for p in parts:
                if cur and len((cur + " " + p).split()) > maxw:
                    pieces.append(cur)
                    cur = p
                else:
                    cur = (cur + " " + p).strip()
            if cur:
                pieces.append(cur)
        else:
            pieces.append(s)
    out, cur = [], ""
    for p in pieces:
        if cur and len((cur + " " + p).split()) > maxw:
            out.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        out.append(cur)
    return [(c, restore) for c in out]


def wrap(protected, width=42):
    words = protected.split()
    lines, cur = [], ""
    for w in words:
        vis = re.sub(r"\x00\d+\x00", "XXXXXXXX", cur + " " + w)
        if cur and len(vis) > width and len(lines) < 2:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    lines.append(cur)
    return lines


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(words):
    return 0.6 + len(words.split()) / 2.4


# ---------- writers ----------

def write_vtt(doc, header, turns, labels):
    lab = [strip(x) for x in labels]
    lines = ["WEBVTT", "", "NOTE"] + [strip(h) for h in header] + [""]
    t = 1.5
    for spk, body, _ in turns:
        name = lab[0] if spk == "I" else lab[1]
        for c, restore in chunks(body):
            text = restore(c)
            d = dur(text)
            lines += [f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {name}>{text}</v>", ""]
            t += d + 0.25
        t += 0.9
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_srt(doc, header, turns, labels):
    lab = [strip(x) for x in labels]
    blocks = []
    t, n = 0.8, 0
    for spk, body, _ in turns:
        name = lab[0] if spk == "I" else lab[1]
        for k, (c, restore) in enumerate(chunks(body, maxw=14)):
            if k == 0:
                c = f"{name}: {c}"
            text_lines = [restore(x) for x in wrap(c)]
            d = dur(" ".join(text_lines))
            n += 1
            blocks.append("\r\n".join([str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}"] + text_lines))
            t += d + 0.2
        t += 0.7
    with open(os.path.join(OUT, doc + ".srt"), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n\r\n".join(blocks) + "\r\n")


def write_txt_cp1252(doc, header, turns, labels):
    out = [strip(h) for h in header] + [""]
    for spk, body, _ in turns:
        out.append(f"{labels[0] if spk == 'I' else labels[1]}: {strip(body)}")
        out.append("")
    data = "\r\n".join(out).encode("cp1252")
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data)


def write_txt_ts(doc, header, turns, labels):
    t = 3.0
    body_lines = []
    for spk, body, _ in turns:
        text = strip(body)
        s = int(t)
        body_lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] "
                          f"{labels[0] if spk == 'I' else labels[1]}: {text}")
        body_lines.append("")
        t += dur(text) + 1.2 + len(text.split()) * 0.05
    s = int(t)
    total = f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"
    out = [strip(h).replace("{DUUR}", total) for h in header] + [""] + body_lines
    with open(os.path.join(OUT, doc + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_docx(doc, header, turns, labels, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if bold and i == 0:
            r.bold = True
        if not bold:
            r.italic = True
    d.add_paragraph()
    lab = [strip(x) for x in labels]
    for spk, body, _ in turns:
        p = d.add_paragraph()
        name = lab[0] if spk == "I" else lab[1]
        if bold:
            r = p.add_run(name + ":")
            r.bold = True
            p.add_run(" " + strip(body))
        else:
            p.add_run(f"{name}: {strip(body)}")
    d.save(os.path.join(OUT, doc + ".docx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    style_rows, orient_rows, ident_rows = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_source(doc)
        fmt = cfg["fmt"]
        labels = cfg["labels"]
        if fmt == "vtt":
            write_vtt(doc, header, turns, labels)
        elif fmt == "srt":
            write_srt(doc, header, turns, labels)
        elif fmt == "txt_cp1252":
            write_txt_cp1252(doc, header, turns, labels)
        elif fmt == "txt_ts":
            write_txt_ts(doc, header, turns, labels)
        elif fmt == "docx_bold":
            write_docx(doc, header, turns, labels, True)
        elif fmt == "docx_plain":
            write_docx(doc, header, turns, labels, False)
        style_rows.append((doc, cfg["style"], cfg["rationale"]))
        for i, (spk, body, tag) in enumerate(turns, 1):
            if spk == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc, i, tag))
        seen = {}
        allid = []
        for h in header:
            allid += idents(h)
        for lab in labels:
            allid += idents(lab)
        for _, body, _ in turns:
            allid += idents(body)
        for s, typ in allid:
            if typ not in TYPES:
                sys.exit(f"{doc}: bad type {typ} for {s}")
            if s in seen and seen[s] != typ:
                sys.exit(f"{doc}: {s!r} tagged both {seen[s]} and {typ}")
            if s not in seen:
                seen[s] = typ
                ident_rows.append((doc, s, typ))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("built", len(DOCS), "transcripts,", len(orient_rows), "orientation rows,",
          len(ident_rows), "identifier rows")


if __name__ == "__main__":
    main()
