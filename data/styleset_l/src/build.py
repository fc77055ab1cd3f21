#!/usr/bin/env python3
"""Build setL transcripts and csv files from the annotated sources in this folder.

Source format (src/blNN.txt):
  key: value lines (id, format, encoding, label_style, label_i, label_r, label_r_ident, header)
  a line '---'
  paragraphs separated by blank lines, each starting with 'I: ' (interviewer) or 'R: ' (respondent).
  Inline identifiers: [[text|TYPE]]  -> text in the transcript, row in identifiers.csv
  Respondent orientation: trailing ' {casus}' or ' {netwerk}' on a respondent paragraph.
  header: lines separated by ' || ' (identifier markup allowed).

Run with any python3 that has python-docx (only needed for the .docx output):
  python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, "transcripts")

IDS = ["bl01", "bl02", "bl03", "bl04", "bl05", "bl06"]

STYLES = {
    "bl01": ("casusgericht",
             "Neighbourhood officer whose effort and trust go into one boy and his mother; partners and the Veiligheidshuis meeting are used to get things done for that boy."),
    "bl02": ("netwerkgericht",
             "Team leader who invests in relationships between partner organisations, structural arrangements, pattern-level fixes and escalation, illustrating with cases she cares about but leaving the person-level work to her staff."),
    "bl03": ("casusgericht",
             "Probation officer who runs after one released prisoner, builds personal trust with him and uses every partner and meeting for his plan, explicitly leaving policy to others."),
    "bl04": ("onbepaald",
             "Outreach psychiatric nurse who invests about equally in a slow trust-building case and in structural police-mental-health routes, and herself cannot say which matters more."),
    "bl05": ("netwerkgericht",
             "Municipal director whose trust and effort go to partner organisations, mandates and escalation, fixing patterns across cases while keeping deliberate distance from the young people themselves."),
    "bl06": ("casusgericht",
             "Young municipal youth director who attends many meetings and names many partners but organises everything around what the individual boy wants and holds the relationship with him and his family."),
}

MARK_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip_marks(text, idents):
    def rep(m):
        val, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise ValueError("unknown identifier type %r" % typ)
        idents.append((val, typ))
        return val
    out = MARK_RE.sub(rep, text)
    if "[[" in out or "]]" in out or "{" in out or "}" in out:
        raise ValueError("unparsed markup in: %r" % out[:80])
    return out


def parse(path):
    raw = open(path, encoding="utf-8").read()
    head, body = raw.split("\n---\n", 1)
    meta = {}
    for line in head.splitlines():
        if not line.strip():
            continue
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip()
    idents = []
    header_lines = []
    if meta.get("header"):
        header_lines = [strip_marks(h.strip(), idents) for h in meta["header"].split("||")]
    turns = []  # (speaker 'I'/'R', text, orientation or None)
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(l.strip() for l in para.splitlines())
        spk, _, text = para.partition(": ")
        if spk not in ("I", "R"):
            raise ValueError("bad paragraph start in %s: %r" % (path, para[:40]))
        orient = None
        m = ORIENT_RE.search(text)
        if m:
            if spk != "R":
                raise ValueError("orientation on interviewer turn in %s" % path)
            orient = m.group(1)
            text = text[:m.start()]
        text = strip_marks(text, idents)
        turns.append((spk, text, orient))
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            raise ValueError("turns do not alternate in %s at turn %d" % (path, i + 1))
    if meta.get("label_r_ident"):
        idents.append((meta["label_r"], meta["label_r_ident"]))
    seen, uniq = set(), []
    for val, typ in idents:
        if (val, typ) not in seen:
            seen.add((val, typ))
            uniq.append((val, typ))
    return meta, header_lines, turns, uniq


def hms(sec, vtt=False):
    sec = max(0.0, sec)
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = sec % 60
    if vtt:
        return "%02d:%02d:%06.3f" % (h, m, s)
    return "%02d:%02d:%02d" % (h, m, int(s))


def timings(turns, start=3.0):
    t = start
    out = []
    for spk, text, _ in turns:
        dur = len(text.split()) / 2.6 + 1.2
        out.append((t, t + dur))
        t = t + dur + (0.8 if spk == "I" else 1.4)
    return out


def labels(meta, default_i, default_r):
    return meta.get("label_i") or default_i, meta.get("label_r") or default_r


def render_txt(meta, header_lines, turns):
    style = meta.get("label_style", "I/R")
    lines = list(header_lines)
    if lines:
        lines.append("")
    if style == "I/R":
        li, lr = "I", "R"
    elif style == "full":
        li, lr = labels(meta, "Interviewer", "Respondent")
    elif style == "initials":
        li, lr = labels(meta, "I", "R")
    elif style == "timestamp":
        li, lr = labels(meta, "Spreker 1", "Spreker 2")
    else:
        raise ValueError(style)
    tm = timings(turns, start=4.0)
    for (spk, text, _), (t0, _) in zip(turns, tm):
        lab = li if spk == "I" else lr
        if style == "timestamp":
            lines.append("[%s] %s: %s" % (hms(t0), lab, text))
        else:
            lines.append("%s: %s" % (lab, text))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_vtt(meta, header_lines, turns):
    li, lr = labels(meta, "Interviewer", "Respondent")
    out = ["WEBVTT", ""]
    for h in header_lines:
        out.append(h)
        out.append("")
    for n, ((spk, text, _), (t0, t1)) in enumerate(zip(turns, timings(turns, start=1.5)), 1):
        lab = li if spk == "I" else lr
        out.append(str(n))
        out.append("%s --> %s" % (hms(t0, True), hms(t1, True)))
        out.append("<v %s>%s</v>" % (lab, text))
        out.append("")
    return "\n".join(out)


def render_docx(meta, header_lines, turns, path):
    import docx  # python-docx
    li, lr = labels(meta, "Interviewer", "Respondent")
    d = docx.Document()
    for i, h in enumerate(header_lines):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
    if header_lines:
        d.add_paragraph("")
    for spk, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run((li if spk == "I" else lr) + ":")
        r.bold = True
        p.add_run(" " + text)
    d.save(path)


def main():
    os.makedirs(TDIR, exist_ok=True)
    orient_rows, ident_rows, stats = [], [], []
    for doc in IDS:
        meta, header_lines, turns, idents = parse(os.path.join(HERE, doc + ".txt"))
        assert meta["id"] == doc
        fmt = meta["format"]
        enc = meta.get("encoding", "utf-8")
        target = os.path.join(TDIR, "%s.%s" % (doc, fmt))
        for other in os.listdir(TDIR):
            if other.startswith(doc + ".") and other != os.path.basename(target):
                os.remove(os.path.join(TDIR, other))
        if fmt == "txt":
            text = render_txt(meta, header_lines, turns)
            nl = "\r\n" if enc == "cp1252" else "\n"
            with open(target, "w", encoding=enc, newline=nl) as f:
                f.write(text)
        elif fmt == "vtt":
            with open(target, "w", encoding="utf-8", newline="\n") as f:
                f.write(render_vtt(meta, header_lines, turns))
        elif fmt == "docx":
            render_docx(meta, header_lines, turns, target)
        else:
            raise ValueError(fmt)
        for i, (spk, _, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((doc, i, o))
        for val, typ in idents:
            ident_rows.append((doc, val, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rwords = sum(len(t.split()) for s, t, _ in turns if s == "R")
        nr = sum(1 for s, _, _ in turns if s == "R")
        no = {k: sum(1 for _, _, o in turns if o == k) for k in ("casus", "netwerk")}
        stats.append((doc, fmt, enc, len(turns), nr, words, rwords, no["casus"], no["netwerk"], len(idents)))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc in IDS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient_rows):
            w.writerow(row)
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        for row in ident_rows:
            w.writerow(row)
    print("doc   fmt  enc     turns R-turns words R-words casus netwerk idents")
    for s in stats:
        print("%-5s %-4s %-7s %5d %7d %5d %7d %5d %7d %6d" % s)


if __name__ == "__main__":
    sys.exit(main())
