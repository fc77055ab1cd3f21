#!/usr/bin/env python
"""Build the six transcripts of set nu and its three csv files from the annotated sources.

Source format (src/nuXX.txt): paragraphs separated by blank lines, each starting with
  H: header line   I: interviewer turn   R: respondent turn (ends with {casus}, {netwerk} or {-})
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
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
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# per document: format, interviewer label, respondent label, label identifiers
DOCS = {
    "nu01": dict(fmt="docx_bold", ext="docx", labels=("Lotte", "Yasmina"),
                 label_ids=["Lotte", "Yasmina"]),
    "nu02": dict(fmt="vtt", ext="vtt", labels=("Interviewer", "Erik Swinkels"),
                 label_ids=["Erik Swinkels"], start=14),
    "nu03": dict(fmt="txt_cp1252", ext="txt", labels=("I", "R"), label_ids=[]),
    "nu04": dict(fmt="srt", ext="srt", labels=("Interviewer", "H. Rovers"),
                 label_ids=["H. Rovers"], start=6),
    "nu05": dict(fmt="txt_ts", ext="txt", labels=("Spreker 1", "Spreker 2"),
                 label_ids=[], start=9),
    "nu06": dict(fmt="docx_plain", ext="docx", labels=("Interviewer", "Respondent"),
                 label_ids=[]),
}

STYLES = {
    "nu01": ("casusgericht",
             "Zit aan veel regionale tafels maar gebruikt ze alleen als ingang voor haar eigen meiden, "
             "investeert haar tijd en vertrouwen in het contact met het meisje en haar moeder en weigert "
             "structureel schrijfwerk."),
    "nu02": ("netwerkgericht",
             "Vertelt warm over een meisje maar draagt het dagelijkse contact bewust over en steekt zijn "
             "eigen tijd in de maandelijkse tafel, werkinstructies, privacyafspraken, escalatie en patronen "
             "rond de zomer."),
    "nu03": ("casusgericht",
             "Begint altijd aan de keukentafel, haalt partners er een voor een bij als middel voor het plan "
             "van moeder en dochter en laat de regionale werkgroep aan haar teamleider."),
    "nu04": ("netwerkgericht",
             "Laat de vrouwen aan haar mentoren en investeert in ruilbedden tussen opvangen, het "
             "nachtprotocol met de politie, de doorstroomtafel met gemeente en corporatie en het vastleggen "
             "van afspraken."),
    "nu05": ("casusgericht",
             "Veel kritiek op de keten maar lost alles per man op via eigen contacten en is gestopt met het "
             "ketenoverleg over werkafspraken."),
    "nu06": ("onbepaald",
             "Mixed: investeert ongeveer evenveel in haar eigen gezinnen (huisbezoeken, vertrouwen, "
             "meegaan naar de rechter) als in de door haar voorgezeten wijktafel, afspraken en trainingen, "
             "zonder dat zelf te benoemen."),
}


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    paras = [re.sub(r"\s*\n\s*", " ", p.strip()) for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        tag, _, body = p.partition(":")
        body = body.strip()
        if tag == "H":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(body)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = ORIENT.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent turn without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[:m.start()].rstrip()
            elif ORIENT.search(body):
                sys.exit(f"{doc_id}: interviewer turn with orientation")
            turns.append((tag, body, orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph tag {tag!r}")
    for i, (tag, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if tag != want:
            sys.exit(f"{doc_id}: turn {i + 1} is {tag}, expected {want}")
    return header, turns


def plain(text):
    return MARK.sub(lambda m: m.group(1), text)


def collect_ids(doc_id, header, turns):
    ids = {}
    for text in header + [t[1] for t in turns]:
        for m in MARK.finditer(text):
            s, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc_id}: bad type {typ}")
            if s in ids and ids[s] != typ:
                sys.exit(f"{doc_id}: {s!r} has two types")
            ids[s] = typ
    for s in DOCS[doc_id]["label_ids"]:
        ids.setdefault(s, "PERSOON")
    # QA: unmarked occurrences of an identifier string elsewhere in the document
    rest = " ".join(MARK.sub("\u2588", t) for t in header + [t[1] for t in turns])
    for s in ids:
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest):
            print(f"WARNING {doc_id}: unmarked occurrence of {s!r}")
    return ids


def chunks(text, max_words=26):
    """Split an annotated turn into cue-sized pieces at sentence ends, never inside a mark."""
    keep = []

    def hold(m):
        keep.append(m.group(0))
        return f"\x00{len(keep) - 1}\x00"

    held = MARK.sub(hold, text)
    sents = re.split(r"(?<=[.?!])\s+(?=[A-Z(\"'\x00])", held)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    restore = lambda s: re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], s)
    return [plain(restore(c)) for c in out]


def ts(sec, sep="."):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(text.split()) / 2.6)


def write_docx(path, header, turns, labels, bold):
    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + plain(body))
    d.save(path)


def write_vtt(path, header, turns, labels, start):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(plain(h) for h in header)
        lines.append("")
    t = float(start)
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        for c in chunks(body):
            d = dur(c)
            lines.append(f"{ts(t)} --> {ts(t + d)}")
            lines.append(f"<v {lab}>{c}</v>")
            lines.append("")
            t += d + 0.3
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def write_srt(path, turns, labels, start):
    lines, n = [], 1
    t = float(start)
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        for c in chunks(body, 22):
            d = dur(c)
            lines += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{lab}: {c}", ""]
            n += 1
            t += d + 0.25
        t += 0.9
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\r\n".join(lines))


def write_txt_cp1252(path, header, turns, labels):
    lines = [plain(h) for h in header] + [""]
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        lines += [f"{lab}: {plain(body)}", ""]
    with open(path, "w", encoding="cp1252", newline="") as fh:
        fh.write("\r\n".join(lines))


def write_txt_ts(path, header, turns, labels, start):
    lines = [plain(h) for h in header] + [""]
    t = float(start)
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        text = plain(body)
        lines += [f"[{ts(t)[:8]}] {lab}: {text}", ""]
        t += dur(text) + 1.5
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, orient_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        ids = collect_ids(doc_id, header, turns)
        path = os.path.join(OUT, f"{doc_id}.{cfg['ext']}")
        fmt, labels = cfg["fmt"], cfg["labels"]
        if fmt == "docx_bold":
            write_docx(path, header, turns, labels, True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, labels, False)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels, cfg["start"])
        elif fmt == "srt":
            if header:
                sys.exit("srt has no header")
            write_srt(path, turns, labels, cfg["start"])
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, header, turns, labels)
        elif fmt == "txt_ts":
            write_txt_ts(path, header, turns, labels, cfg["start"])
        for i, (tag, body, orient) in enumerate(turns, start=1):
            if tag == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, orient))
        for s, typ in ids.items():
            id_rows.append((doc_id, s, typ))
        style_rows.append((doc_id,) + STYLES[doc_id])
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        o = [t[2] for t in turns if t[0] == "R"]
        print(f"{doc_id}: {words} words, {nr} respondent turns, casus={o.count('casus')} "
              f"netwerk={o.count('netwerk')} none={o.count('-')}, {len(ids)} identifiers")
    orient_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
