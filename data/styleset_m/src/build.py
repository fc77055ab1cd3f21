#!/usr/bin/env python3
"""Build setM transcripts and csv files from the annotated sources in src/.

Source format (one file per document, src/<id>.src):
  #format: docx_bold | docx_plain | srt | vtt | txt_ts | txt_cp1252
  #ilabel: <interviewer label>     #rlabel: <respondent label>
  #H <header line>                 (optional, kept above the turns)
  I: <interviewer turn>            (one paragraph per turn)
  R: <respondent turn> [casus|netwerk|-]
Identifiers are marked inline as {{text|TYPE}}.
Run with a python that has python-docx (only needed for the .docx files).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, "transcripts")
IDS = ["bm01", "bm02", "bm03", "bm04", "bm05", "bm06"]
EXT = {"docx_bold": "docx", "docx_plain": "docx", "srt": "srt", "vtt": "vtt",
       "txt_ts": "txt", "txt_cp1252": "txt"}

STYLES = {
    "bm01": ("netwerkgericht", "Police officer seconded to the Zorg- en Veiligheidshuis whose effort goes into "
             "building and securing a weekly partner table, agreements, escalation of patterns and making himself "
             "redundant between partners; cases serve as illustrations."),
    "bm02": ("onbepaald", "Too little evidence: a guarded, procedural probation officer who answers every topic "
             "briefly and never shows whether she invests in the person or in the partner network."),
    "bm03": ("casusgericht", "Veilig Thuis casemanager who talks a lot about the MDA++ table and partners but "
             "uses all of it for one mother's safety plan and explicitly leaves structural issues to others."),
    "bm04": ("netwerkgericht", "Wijkteam professional who tells warm client stories but whose extra effort goes to "
             "a partner meeting, a social map, a regional warm-handover agreement and patterns brought to policy."),
    "bm05": ("casusgericht", "Terse procesregisseur whose whole account is one father's plan, trust with him and "
             "his family, and enlisting partners for that man, with systemic issues barely pursued."),
    "bm06": ("onbepaald", "Genuinely mixed: a team leader who carries her own families with close personal "
             "contact and equally invests in structural agreements and relationships with partner organisations."),
}

ID_RE = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
MARK_RE = re.compile(r"\s*\[(casus|netwerk|-)\]\s*$")


def parse(path):
    meta, header, turns = {}, [], []
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("#H "):
            header.append(line[3:])
        elif line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif line.startswith("I: "):
            turns.append(("I", line[3:], None))
        elif line.startswith("R: "):
            m = MARK_RE.search(line)
            assert m, "respondent turn without mark: " + line[:60]
            turns.append(("R", line[3:m.start()], m.group(1)))
        else:
            raise ValueError("unexpected line in %s: %r" % (path, line[:60]))
    return meta, header, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(s)]


def chunks(text, maxw=16):
    """Split a turn into subtitle-sized pieces at sentence (then comma) boundaries."""
    sents = re.split(r"(?<=[.?!])\s+", text)
    pieces = []
    for s in sents:
        words = s.split()
        if len(words) <= maxw + 6:
            pieces.append(s)
            continue
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
    # merge very short pieces with their neighbour
    out = []
    for p in pieces:
        if out and len(out[-1].split()) + len(p.split()) <= maxw and len(p.split()) < 6:
            out[-1] = out[-1] + " " + p
        else:
            out.append(p)
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def timed_cues(turns, labels):
    """Yield (start, end, label, text) cues; a new speaker gets a small gap."""
    t = 2.4
    cues = []
    for i, (who, text, _) in enumerate(turns):
        t += 0.9 if i else 0
        for piece in chunks(plain(text)):
            dur = max(1.2, 0.36 * len(piece.split()) + 0.4)
            cues.append((t, t + dur, labels[who], piece))
            t += dur + 0.15
    return cues


def write_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
    for who, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[who] + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(labels[who] + ": " + plain(text))
    d.save(path)


def build_one(doc):
    meta, header, turns = parse(os.path.join(HERE, doc + ".src"))
    fmt = meta["format"]
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    out = os.path.join(TDIR, doc + "." + EXT[fmt])
    if fmt in ("docx_bold", "docx_plain"):
        write_docx(out, header, turns, labels, fmt == "docx_bold")
    elif fmt == "srt":
        lines = []
        for n, (a, b, lab, txt) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), "%s --> %s" % (ts(a, ","), ts(b, ",")), "%s: %s" % (lab, txt), ""]
        open(out, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        for h in header:
            lines += [plain(h), ""]
        for a, b, lab, txt in timed_cues(turns, labels):
            lines += ["%s --> %s" % (ts(a, "."), ts(b, ".")), "<v %s>%s" % (lab, txt), ""]
        open(out, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
    elif fmt == "txt_ts":
        lines = [plain(h) for h in header] + [""]
        t = 3.0
        for who, text, _ in turns:
            lines.append("[%s] %s: %s" % (ts(t, ",")[:8], labels[who], plain(text)))
            lines.append("")
            t += 0.36 * len(plain(text).split()) + 2.5
        open(out, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
    elif fmt == "txt_cp1252":
        lines = [plain(h) for h in header] + [""]
        for who, text, _ in turns:
            lines.append("%s: %s" % (labels[who], plain(text)))
            lines.append("")
        open(out, "w", encoding="cp1252", newline="\r\n").write("\n".join(lines))
    else:
        raise ValueError(fmt)
    return meta, header, turns, out


def main():
    os.makedirs(TDIR, exist_ok=True)
    orient, ids, summary = [], [], []
    for doc in IDS:
        meta, header, turns, out = build_one(doc)
        seen = set()
        for s in header + [t[1] for t in turns]:
            for text, typ in idents(s):
                if (text, typ) not in seen:
                    seen.add((text, typ))
                    ids.append((doc, text, typ))
        for i, (who, text, mark) in enumerate(turns, 1):
            assert (who == "I") == (i % 2 == 1), (doc, i)
            if who == "R" and mark in ("casus", "netwerk"):
                orient.append((doc, i, mark))
        words = sum(len(plain(t[1]).split()) for t in turns)
        rturns = sum(1 for t in turns if t[0] == "R")
        summary.append((doc, os.path.basename(out), words, rturns))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in IDS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient, key=lambda r: (r[0], r[1])):
            w.writerow(row)
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in ids:
            w.writerow(row)
    for row in summary:
        print("%s %-10s words=%d respondent_turns=%d" % row)


if __name__ == "__main__":
    main()
