#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set KE from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc>.src):
  # key: value        metadata (doc, style, rationale, format, encoding, interviewer, respondent)
  H: ...              header line (not a turn)
  I: ...              interviewer turn
  R: ... {casus}      respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are marked inline as [[text|TYPE]]; speaker labels in the metadata may be marked too.
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
DOCS = ["ke01", "ke02", "ke03", "ke04", "ke05", "ke06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text, found):
    def rep(m):
        if m.group(2) not in TYPES:
            sys.exit("unknown type %r" % m.group(2))
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, text)


def parse(doc):
    meta, header, turns, ids = {}, [], [], []
    with open(os.path.join(HERE, doc + ".src"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("# "):
                k, v = line[2:].split(":", 1)
                meta[k.strip()] = v.strip()
                continue
            kind, text = line[:2], line[3:]
            if kind == "H:":
                header.append(strip(text, ids))
            elif kind in ("I:", "R:"):
                ori = None
                if kind == "R:":
                    m = ORI.search(text)
                    if not m:
                        sys.exit("%s: respondent turn without orientation: %s" % (doc, text[:60]))
                    ori, text = m.group(1), text[:m.start()]
                elif ORI.search(text):
                    sys.exit("%s: orientation on interviewer turn" % doc)
                turns.append((kind[0], strip(text, ids).strip(), ori))
            else:
                sys.exit("%s: bad line %r" % (doc, line[:40]))
    labels = {}
    for role in ("interviewer", "respondent"):
        labels[role[0].upper()] = strip(meta[role], ids)
    for i, (who, _, _) in enumerate(turns):
        if who != "IR"[i % 2]:
            sys.exit("%s: turns do not alternate at turn %d" % (doc, i + 1))
    return meta, header, turns, labels, ids


# ---------------------------------------------------------------- timing
def timeline(turns, start=4.0, wps=2.3):
    """Start and end (seconds) per turn, plus a pause after each turn."""
    t, out = start, []
    for who, text, _ in turns:
        dur = max(1.5, len(text.split()) / wps)
        out.append((t, t + dur))
        t += dur + (1.2 if who == "I" else 0.8)
    return out


def hms(t):
    t = int(t)
    return "%02d:%02d:%02d" % (t // 3600, t % 3600 // 60, t % 60)


def stamp(t, sep):
    ms = int(round(t * 1000))
    return "%02d:%02d:%02d%s%03d" % (ms // 3600000, ms % 3600000 // 60000, ms % 60000 // 1000, sep,
                                     ms % 1000)


SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(\[])")


def cues(text, maxw=16):
    """Split a turn into cue texts at sentence ends (never inside 'J. de Boer' style initials)."""
    parts, buf = [], ""
    pieces = SENT.split(text)
    merged = []
    for p in pieces:  # glue back splits after single initials like "N." or "mr."
        if merged and re.search(r"(?:^|\s)(?:[A-Z]|mr|Mr|dr|nr)\.$", merged[-1]):
            merged[-1] += " " + p
        else:
            merged.append(p)
    for p in merged:
        if buf and len((buf + " " + p).split()) > maxw:
            parts.append(buf)
            buf = p
        else:
            buf = (buf + " " + p).strip()
    if buf:
        parts.append(buf)
    return parts


# ---------------------------------------------------------------- writers
def write_docx(doc, header, turns, labels, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
    if header:
        d.add_paragraph()
    for who, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            p.add_run(labels[who] + ":").bold = True
            p.add_run(" " + text)
        else:
            p.add_run(labels[who] + ": " + text)
            d.add_paragraph()
    path = os.path.join(OUT, doc + ".docx")
    d.save(path)
    return path


def write_txt(doc, header, turns, labels, enc, nl, ts):
    lines = list(header)
    if header:
        lines.append("")
    times = timeline(turns)
    for (who, text, _), (a, _) in zip(turns, times):
        pre = "[%s] " % hms(a) if ts else ""
        lines.append("%s%s: %s" % (pre, labels[who], text))
        lines.append("")
    path = os.path.join(OUT, doc + ".txt")
    with open(path, "wb") as f:
        f.write(nl.join(lines).encode(enc))
    return path


def write_vtt(doc, header, turns, labels):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    for (who, text, _), (a, b) in zip(turns, timeline(turns)):
        parts = cues(text)
        n = sum(len(p.split()) for p in parts)
        t = a
        for p in parts:
            e = t + (b - a) * len(p.split()) / n
            out.append("%s --> %s" % (stamp(t, "."), stamp(e, ".")))
            out.append("<v %s>%s" % (labels[who], p))
            out.append("")
            t = e
    path = os.path.join(OUT, doc + ".vtt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))
    return path


def write_srt(doc, header, turns, labels):
    out, k = [], 1
    for (who, text, _), (a, b) in zip(turns, timeline(turns)):
        parts = cues(text)
        n = sum(len(p.split()) for p in parts)
        t = a
        for p in parts:
            e = t + (b - a) * len(p.split()) / n
            out += [str(k), "%s --> %s" % (stamp(t, ","), stamp(e, ",")), "%s: %s" % (labels[who], p), ""]
            k += 1
            t = e
    path = os.path.join(OUT, doc + ".srt")
    with open(path, "wb") as f:
        f.write("\r\n".join(out).encode("utf-8"))
    return path


# ---------------------------------------------------------------- main
def consistency(doc, raw_lines, ids):
    """Warn when an identifier string also occurs unmarked in the sources (outside [[...]])."""
    rest = MARK.sub(" @@ ", "\n".join(raw_lines))
    for s in sorted({s for s, _ in ids}):
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest, re.I):
            print("WARN %s: %r occurs unmarked" % (doc, s))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    srows, orows, irows = [], [], []
    for doc in DOCS:
        meta, header, turns, labels, ids = parse(doc)
        fmt = meta["format"]
        if fmt == "docx_bold":
            write_docx(doc, header, turns, labels, True)
        elif fmt == "docx_plain":
            write_docx(doc, header, turns, labels, False)
        elif fmt == "txt_ts":
            write_txt(doc, header, turns, labels, meta.get("encoding", "utf-8"), "\r\n", True)
        elif fmt == "txt_ir":
            write_txt(doc, header, turns, labels, meta.get("encoding", "utf-8"), "\n", False)
        elif fmt == "vtt":
            write_vtt(doc, header, turns, labels)
        elif fmt == "srt":
            write_srt(doc, header, turns, labels)
        else:
            sys.exit("unknown format " + fmt)
        srows.append((doc, meta["style"], meta["rationale"]))
        for i, (who, _, ori) in enumerate(turns, 1):
            if who == "R" and ori in ("casus", "netwerk"):
                orows.append((doc, i, ori))
        seen = {}
        for s, t in ids:
            if s in seen and seen[s] != t:
                sys.exit("%s: %r has two types" % (doc, s))
            if s not in seen:
                seen[s] = t
                irows.append((doc, s, t))
        with open(os.path.join(HERE, doc + ".src"), encoding="utf-8") as f:
            raw = [l for l in f if not l.startswith("# ")]
        consistency(doc, raw, ids)
        words = sum(len(x.split()) for _, x, _ in turns)
        print("%s %-10s turns=%d resp=%d words=%d ids=%d end=%s" % (
            doc, fmt, len(turns), sum(1 for w, _, _ in turns if w == "R"), words, len(seen),
            hms(timeline(turns)[-1][1])))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(srows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(irows)


if __name__ == "__main__":
    main()
