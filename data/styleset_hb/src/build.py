"""Build the setHB transcripts and label files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/hbNN.src):
  '# key: value' config lines (format, interviewer, respondent, optional encoding);
  one paragraph per line: 'H: ' header line, 'I: ' interviewer turn, 'R: ' respondent turn;
  identifiers inline as [[text|TYPE]]; every R line ends in {casus}, {netwerk} or {-}.
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
DOCS = ["hb01", "hb02", "hb03", "hb04", "hb05", "hb06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# styles decided before writing (see README, last section)
STYLES = {
    "hb01": ("netwerkgericht", "Tells a warm story about one tenant but handed the contact to the casemanager and put her own effort into a signalling table, a covenant, an escalation route and the incasso pause across organisations."),
    "hb02": ("onbepaald", "Too little evidence (guarded/procedural): refuses concrete cases and answers in protocol terms, so it never shows where his own effort goes."),
    "hb03": ("casusgericht", "Names many partners and meetings, but all are means for one client's plan, she invests in that client's trust herself and declines the municipal working group."),
    "hb04": ("onbepaald", "Too little evidence (talkative generalities): speaks warmly and at length about regie, trust and cooperation in normative terms but never gives an example or her own part."),
    "hb05": ("casusgericht", "Terse bewindvoerder who visits his client himself, bends partners to the client's wishes and explicitly declines platforms and covenants."),
    "hb06": ("netwerkgericht", "Tells a detailed story about an old lady but saw her twice and hands daily contact to others, investing in managers, escalation, data-sharing rules and patterns across cases."),
}


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".src")
    conf, paras = {}, []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].partition(":")
                conf[k.strip()] = v.strip()
                continue
            kind, sep, text = line.partition(": ")
            if kind not in ("H", "I", "R") or not sep:
                sys.exit(f"{path}:{n}: bad paragraph")
            paras.append((kind, text.strip(), n))
    return conf, paras


def strip_ids(text, ids, where):
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"{where}: unknown type {t}")
        ids.append((s, t))
        return s
    out = ID_RE.sub(rep, text)
    if "[[" in out or "]]" in out or "|" in out:
        sys.exit(f"{where}: leftover markup: {out[:80]}")
    if "  " in out:
        sys.exit(f"{where}: double space")
    return out


def build_doc(doc_id):
    conf, paras = parse(doc_id)
    ids = []
    ilabel = strip_ids(conf["interviewer"], ids, doc_id + " interviewer")
    rlabel = strip_ids(conf["respondent"], ids, doc_id + " respondent")
    header, turns, orient = [], [], []
    for kind, text, n in paras:
        where = f"{doc_id}:{n}"
        if kind == "H":
            if turns:
                sys.exit(f"{where}: header after turns")
            header.append(strip_ids(text, ids, where))
            continue
        tag = None
        if kind == "R":
            m = TAG_RE.search(text)
            if not m:
                sys.exit(f"{where}: respondent turn without tag")
            tag = m.group(1)
            text = text[: m.start()]
        elif TAG_RE.search(text):
            sys.exit(f"{where}: tag on interviewer turn")
        expected = "I" if len(turns) % 2 == 0 else "R"
        if kind != expected:
            sys.exit(f"{where}: turns do not alternate")
        turns.append((kind, strip_ids(text, ids, where)))
        if tag in ("casus", "netwerk"):
            orient.append((len(turns), tag))
    if turns[-1][0] != "R":
        sys.exit(f"{doc_id}: last turn should be the respondent's")
    fmt = conf["format"]
    labels = {"I": ilabel, "R": rlabel}
    writer = WRITERS[fmt]
    fname = writer(doc_id, conf, header, turns, labels)
    # verify identifiers against the raw transcript text
    seen = {}
    for s, t in ids:
        if s in seen and seen[s] != t:
            sys.exit(f"{doc_id}: identifier {s!r} has two types")
        seen[s] = t
    return fname, seen, orient, turns


# ---------------------------------------------------------------- timing
def words(text):
    return len(text.split())


def chunks(text, maxw):
    sents = re.split(r"(?<=[.!?…])\s+", text)
    out, cur = [], []
    for s in sents:
        w = s.split(" ")
        if cur and len(cur) + len(w) > maxw:
            out.append(cur)
            cur = []
        while len(w) > maxw + 6:
            if cur:
                out.append(cur)
                cur = []
            out.append(w[:maxw])
            w = w[maxw:]
        cur.extend(w)
    if cur:
        out.append(cur)
    pieces = [" ".join(c) for c in out]
    assert " ".join(pieces) == text, text[:60]
    return pieces


class Clock:
    def __init__(self, start=3.2):
        self.t = start

    def span(self, text, rate=2.5):
        start = self.t
        dur = max(1.4, words(text) / rate)
        self.t = start + dur
        return start, self.t

    def pause(self, s):
        self.t += s


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_vtt(doc_id, conf, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    clock = Clock()
    for i, (kind, text) in enumerate(turns):
        clock.pause(0.6 if kind == "I" else 1.1)
        for piece in chunks(text, 24):
            a, b = clock.span(piece)
            lines.append(f"{ts(a)} --> {ts(b)}")
            lines.append(f"<v {labels[kind]}>{piece}")
            lines.append("")
            clock.pause(0.15)
    name = doc_id + ".vtt"
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))
    return name


def write_srt(doc_id, conf, header, turns, labels):
    if header:
        sys.exit("srt has no header")
    lines, n = [], 0
    clock = Clock(1.8)
    for kind, text in turns:
        clock.pause(0.5 if kind == "I" else 1.3)
        for piece in chunks(text, 16):
            n += 1
            a, b = clock.span(piece, 2.4)
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{labels[kind]}: {piece}", ""]
            clock.pause(0.1)
    name = doc_id + ".srt"
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as fh:
        fh.write("\r\n".join(lines))
    return name


def write_txt_labels(doc_id, conf, header, turns, labels):
    enc = conf.get("encoding", "utf-8")
    eol = "\r\n" if conf.get("eol") == "crlf" else "\n"
    lines = list(header)
    if header:
        lines.append("")
    for kind, text in turns:
        lines.append(f"{labels[kind]}: {text}")
        lines.append("")
    name = doc_id + ".txt"
    data = eol.join(lines).encode(enc)  # strict: fails if a character is not in the codepage
    with open(os.path.join(OUT, name), "wb") as fh:
        fh.write(data)
    return name


def write_txt_stamps(doc_id, conf, header, turns, labels):
    lines = list(header)
    if header:
        lines.append("")
    clock = Clock(4.0)
    for kind, text in turns:
        clock.pause(1.0 if kind == "I" else 1.8)
        a, _ = clock.span(text, 2.4)
        stamp = ts(a)[:8]
        lines.append(f"[{stamp}] {labels[kind]}: {text}")
        lines.append("")
    name = doc_id + ".txt"
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))
    return name


def write_docx(doc_id, conf, header, turns, labels):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    bold = conf.get("labels") == "bold"
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        if bold:
            r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[kind] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{labels[kind]}: {text}")
    name = doc_id + ".docx"
    d.core_properties.author = conf.get("author", "")
    d.core_properties.title = ""
    d.save(os.path.join(OUT, name))
    return name


WRITERS = {"vtt": write_vtt, "srt": write_srt, "txt": write_txt_labels,
           "txt-stamps": write_txt_stamps, "docx": write_docx}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    id_rows, or_rows, st_rows = [], [], []
    for doc_id in DOCS:
        fname, ids, orient, turns = build_doc(doc_id)
        for s, t in ids.items():
            id_rows.append((doc_id, s, t))
        for ti, o in orient:
            or_rows.append((doc_id, ti, o))
        style, why = STYLES[doc_id]
        st_rows.append((doc_id, style, why))
        w = sum(words(t) for _, t in turns)
        nr = sum(1 for k, _ in turns if k == "R")
        print(f"{doc_id}: {fname:10s} words={w} respondent_turns={nr} ids={len(ids)} orient={len(orient)}")
    or_rows.sort(key=lambda r: (r[0], r[1]))

    def wcsv(name, head, rows):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(head)
            w.writerows(rows)

    wcsv("styles.csv", ["doc_id", "style", "rationale"], st_rows)
    wcsv("orientation.csv", ["doc_id", "turn_index", "orientation"], or_rows)
    wcsv("identifiers.csv", ["doc_id", "identifier", "type"], id_rows)


if __name__ == "__main__":
    main()
