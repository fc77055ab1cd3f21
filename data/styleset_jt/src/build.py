#!/usr/bin/env python
"""Build setJT transcripts and csv files from the annotated sources in src/.

Source format (one file per document, src/<doc_id>.src):
  #key: value        directives (format, encoding, newline, labels, interviewer, respondent)
  H: text            header line (metadata, not a turn)
  I: text            interviewer turn (one paragraph)
  R: text {tag}      respondent turn, tag is casus, netwerk or -
Identifiers are marked inline as [[text|TYPE]].
Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = ["jt01", "jt02", "jt03", "jt04", "jt05", "jt06"]

STYLES = {
    "jt01": ("netwerkgericht", "Oud-wijkagent die het dagelijkse contact met de moeder van een terugkeerder bewust bij het wijkteam legt en zijn eigen inzet steekt in informatieafspraken met OM en politie, moskeebesturen, de corporatie en een patroon over elf gezinnen."),
    "jt02": ("onbepaald", "Too little evidence: guarded gemeentelijk procesregisseur who answers in procedures and generalities and never shows where his own effort or trust goes."),
    "jt03": ("casusgericht", "Jongerenwerker-casusregisseur die veel partners inschakelt maar elk als middel voor het plan van één jongen, zelf de relatie draagt en een werkgroep over het convenant afslaat."),
    "jt04": ("onbepaald", "Genuinely mixed: reclasseringswerker die evenveel investeert in het directe toezicht op een terugkeerder als in afspraken met OM, politie, moskeebestuur en GGZ-aanbieders, en dat zelf ook zegt."),
    "jt05": ("casusgericht", "Casusregisseur die veertien partijen en het casusoverleg inzet en zelfs escaleert, maar steeds voor het plan van één terugkeerdersgezin, en patronen, convenanten en werkgroepen aan de ketenregisseur laat."),
    "jt06": ("netwerkgericht", "Voormalig SPV die warm vertelt over de vader van een gedetineerde uitreiziger maar dat contact bewust overdraagt en investeert in een informatieprotocol, een tafel met moskeebesturen, afspraken met politie en OM en een regionale werkwijze."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def idents(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            raise ValueError("bad type %r" % m.group(2))
        out.append((m.group(1), m.group(2)))
    return out


def parse(path):
    meta, header, turns = {}, [], []
    for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif line.startswith("H: "):
            header.append(line[3:])
        elif line.startswith("I: "):
            turns.append(("I", line[3:], None))
        elif line.startswith("R: "):
            m = TAG_RE.search(line)
            if not m:
                raise ValueError("%s:%d respondent turn without tag" % (path, ln))
            turns.append(("R", TAG_RE.sub("", line[3:]), m.group(1)))
        else:
            raise ValueError("%s:%d unparsable line: %r" % (path, ln, line[:60]))
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            raise ValueError("%s: turns do not alternate at turn %d" % (path, i + 1))
    return meta, header, turns


def sentences(s):
    """Split a marked-up turn into sentences, never inside an identifier."""
    masked = ID_RE.sub(lambda m: "\x00" * len(m.group(0)), s)
    cuts, start = [], 0
    for m in re.finditer(r"[.?!]\)?(?=\s+[A-Z(\"'‘“])", masked):
        cuts.append(s[start:m.end()].strip())
        start = m.end()
    cuts.append(s[start:].strip())
    return [c for c in cuts if c]


def chunks(s, maxw=24):
    out, cur = [], []
    for sen in sentences(s):
        n = len(plain(sen).split())
        if cur and len(plain(" ".join(cur)).split()) + n > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(sen)
    if cur:
        out.append(" ".join(cur))
    return [plain(c) for c in out]


def label(meta, sp):
    return plain(meta["interviewer" if sp == "I" else "respondent"])


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def build_docx(doc, meta, header, turns):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if meta.get("headerstyle") == "italic":
            r.italic = True
    if header:
        d.add_paragraph()
    bold = meta.get("labels") == "bold"
    for sp, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, sp) + ":")
        r.bold = bold
        p.add_run(" " + plain(text))
    path = OUT / (doc + ".docx")
    d.save(str(path))
    return path


def build_txt(doc, meta, header, turns):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = 3.0
    for sp, text, _ in turns:
        lab = label(meta, sp)
        if meta.get("timestamps") == "yes":
            lines.append("[%s] %s: %s" % (ts(t, ",")[:8], lab, plain(text)))
        else:
            lines.append("%s: %s" % (lab, plain(text)))
        lines.append("")
        t += len(plain(text).split()) / 2.4 + 1.5
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    path = OUT / (doc + ".txt")
    path.write_bytes(nl.join(lines).encode(meta.get("encoding", "utf-8")))
    return path


def build_vtt(doc, meta, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [plain(h) for h in header]
        lines.append("")
    t = 1.2
    for sp, text, _ in turns:
        for c in chunks(text):
            dur = max(1.5, len(c.split()) / 2.5)
            lines.append("%s --> %s" % (ts(t, "."), ts(t + dur, ".")))
            lines.append("<v %s>%s" % (label(meta, sp), c))
            lines.append("")
            t += dur + 0.25
        t += 0.8
    path = OUT / (doc + ".vtt")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build_srt(doc, meta, header, turns):
    lines, n, t = [], 1, 0.8
    for sp, text, _ in turns:
        for c in chunks(text, 20):
            dur = max(1.4, len(c.split()) / 2.6)
            lines += [str(n), "%s --> %s" % (ts(t, ","), ts(t + dur, ",")), "%s: %s" % (label(meta, sp), c), ""]
            n += 1
            t += dur + 0.2
        t += 0.7
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    path = OUT / (doc + ".srt")
    path.write_bytes(nl.join(lines).encode("utf-8"))
    return path


BUILDERS = {"docx": build_docx, "txt": build_txt, "vtt": build_vtt, "srt": build_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    id_rows, or_rows, stats = [], [], []
    for doc in DOCS:
        meta, header, turns = parse(HERE / (doc + ".src"))
        BUILDERS[meta["format"]](doc, meta, header, turns)
        seen = set()
        sources = [meta.get("interviewer", ""), meta.get("respondent", "")] + header + [t for _, t, _ in turns]
        for s in sources:
            for text, typ in idents(s):
                if text in seen:
                    continue
                seen.add(text)
                id_rows.append((doc, text, typ))
        # identifiers with the same string but another type are an error
        types = {}
        for s in sources:
            for text, typ in idents(s):
                if types.setdefault(text, typ) != typ:
                    raise ValueError("%s: %r tagged as %s and %s" % (doc, text, types[text], typ))
        for i, (sp, _, tag) in enumerate(turns, 1):
            if sp == "R" and tag in ("casus", "netwerk"):
                or_rows.append((doc, i, tag))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rturns = sum(1 for sp, _, _ in turns if sp == "R")
        stats.append((doc, meta["format"], words, rturns, len(seen),
                      sum(1 for r in or_rows if r[0] == doc and r[2] == "casus"),
                      sum(1 for r in or_rows if r[0] == doc and r[2] == "netwerk")))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(or_rows):
            w.writerow(r)
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    print("doc   format  words  r_turns  idents  casus  netwerk")
    for s in stats:
        print("%-5s %-6s %6d %8d %7d %6d %8d" % s)


if __name__ == "__main__":
    main()
