#!/usr/bin/env python
"""Build the transcripts and the three csv files of set IA from the annotated sources.

Run with /work/main/.venv/bin/python src/build.py (needs python-docx for the .docx outputs).

Source format (src/iaNN.txt):
  #key: value        directives (format, style, rationale, ilabel, rlabel)
  H: text            header line (metadata, not a turn)
  I: text            interviewer turn
  R: text {tag}      respondent turn, tag is casus / netwerk / -
Paragraphs are separated by blank lines. Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = [d for d in ["ia01", "ia02", "ia03", "ia04", "ia05", "ia06"]
        if os.path.exists(os.path.join(HERE, d + ".txt"))]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt",
       "txt_timestamps": "txt", "vtt": "vtt", "srt": "srt"}


SPANS = []  # (plain paragraph text, [(start, end)]) of the current document, for the coverage check


def strip(text, found):
    parts, spans, pos, out = [], [], 0, ""
    for m in ANN.finditer(text):
        val, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit("unknown type %s" % typ)
        if (val, typ) not in found:
            found.append((val, typ))
        out += text[pos:m.start()]
        spans.append((len(out), len(out) + len(val)))
        out += val
        pos = m.end()
    out += text[pos:]
    SPANS.append((out, spans))
    return out


def coverage_warnings(doc, found):
    """Warn when an identifier string also occurs somewhere without annotation."""
    for val, typ in found:
        pat = re.compile(r"(?<!\w)" + re.escape(val) + r"(?!\w)")
        for text, spans in SPANS:
            for m in pat.finditer(text):
                if not any(s <= m.start() and m.end() <= e for s, e in spans):
                    print("WARNING %s: unannotated occurrence of %r" % (doc, val))


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta, header, turns, found = {}, [], [], []
    del SPANS[:]
    for block in re.split(r"\n\s*\n", raw.strip()):
        block = " ".join(line.strip() for line in block.strip().splitlines())
        if not block:
            continue
        if block.startswith("#"):
            for part in re.findall(r"#(\w+):\s*(.*?)(?=\s#\w+:|$)", block):
                meta[part[0]] = part[1].strip()
            continue
        kind, text = block[0], block[2:].strip()
        if kind == "H":
            header.append(strip(text, found))
        elif kind in "IR":
            tag = None
            if kind == "R":
                m = re.search(r"\{(casus|netwerk|-)\}\s*$", text)
                if not m:
                    sys.exit("%s: respondent paragraph without tag: %s" % (doc_id, text[:60]))
                tag, text = m.group(1), text[:m.start()].strip()
            turns.append((kind, strip(text, found), tag))
        else:
            sys.exit("%s: bad paragraph %r" % (doc_id, block[:40]))
    labels = {}
    for k in ("ilabel", "rlabel"):
        labels[k] = strip(meta[k], found)
    coverage_warnings(doc_id, found)
    # order: labels first in the identifier list is irrelevant; keep first-seen order
    return meta, header, turns, found, labels


# ---------------------------------------------------------------- timing helpers
def words(text):
    return [w for w in text.split() if re.search(r"\w", w)]


def chunks(text, max_words=24):
    """Split a turn into subtitle-sized chunks at sentence ends (never inside an identifier)."""
    sents = re.findall(r".+?(?:[.!?…](?=\s|$)|$)(?:\s*\))?", text.strip())
    sents = [s.strip() for s in sents if s.strip()]
    out, cur = [], []
    for s in sents:
        if cur and len(words(" ".join(cur + [s]))) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def fmt_time(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def hms(sec):
    sec = int(sec)
    return "%02d:%02d:%02d" % (sec // 3600, sec % 3600 // 60, sec % 60)


def timed_cues(turns, labels, start=3.2, rate=2.2):
    """Yield (start, end, speaker_label, chunk_text, is_first_chunk_of_turn)."""
    t = start
    cues = []
    for idx, (kind, text, _tag) in enumerate(turns):
        lab = labels["ilabel"] if kind == "I" else labels["rlabel"]
        for j, ch in enumerate(chunks(text)):
            dur = max(1.2, len(words(ch)) / rate)
            cues.append((t, t + dur, lab, ch, j == 0))
            t += dur + 0.15
        t += 1.0 + (idx % 4) * 0.6
    return cues


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        lab = labels["ilabel"] if kind == "I" else labels["rlabel"]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run("%s: %s" % (lab, text))
    d.save(path)


def write_txt_cp1252(path, header, turns, labels):
    lines = list(header) + [""]
    for kind, text, _ in turns:
        lab = labels["ilabel"] if kind == "I" else labels["rlabel"]
        lines.append("%s: %s" % (lab, text))
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    with open(path, "wb") as f:
        f.write(data)


def write_txt_timestamps(path, header, turns, labels):
    cues = timed_cues(turns, labels)
    lines = list(header) + [""]
    ti = -1
    cur = None
    for (s, e, lab, ch, first) in cues:
        if first:
            if cur:
                lines.append(cur)
                lines.append("")
            cur = "[%s] %s: %s" % (hms(s), lab, ch)
        else:
            cur += " " + ch
    lines.append(cur)
    lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_vtt(path, header, turns, labels):
    cues = timed_cues(turns, labels)
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    for n, (s, e, lab, ch, first) in enumerate(cues, 1):
        out.append(str(n))
        out.append("%s --> %s" % (fmt_time(s, "."), fmt_time(e, ".")))
        out.append("<v %s>%s" % (lab, ch))
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(path, header, turns, labels):
    cues = timed_cues(turns, labels)
    out = []
    for n, (s, e, lab, ch, first) in enumerate(cues, 1):
        out.append(str(n))
        out.append("%s --> %s" % (fmt_time(s, ","), fmt_time(e, ",")))
        out.append("%s: %s" % (lab, ch))
        out.append("")
    data = "\r\n".join(out)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(data)


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient, idents = [], [], []
    for doc in DOCS:
        meta, header, turns, found, labels = parse(doc)
        fmt = meta["format"]
        path = os.path.join(OUT, "%s.%s" % (doc, EXT[fmt]))
        if fmt == "docx_bold":
            write_docx(path, header, turns, labels, True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, labels, False)
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, header, turns, labels)
        elif fmt == "txt_timestamps":
            write_txt_timestamps(path, header, turns, labels)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels)
        elif fmt == "srt":
            if header:
                sys.exit("srt has no header")
            write_srt(path, header, turns, labels)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (kind, text, tag) in enumerate(turns, 1):
            if kind == "I" and i % 2 != 1 or kind == "R" and i % 2 != 0:
                sys.exit("%s: turns do not alternate at %d" % (doc, i))
            if tag in ("casus", "netwerk"):
                orient.append((doc, i, tag))
        # sanity: every identifier string should not also occur unannotated elsewhere
        plain_all = " ".join(header + [labels["ilabel"], labels["rlabel"]] + [t for _, t, _ in turns])
        for val, typ in found:
            if val not in plain_all:
                sys.exit("%s: identifier %r lost" % (doc, val))
            idents.append((doc, val, typ))
        nw = sum(len(words(t)) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        tags = [t for _, _, t in turns if t]
        print("%s %-15s %-15s words=%d resp_turns=%d casus=%d netwerk=%d none=%d ids=%d" % (
            doc, fmt, meta["style"], nw, nr, tags.count("casus"), tags.count("netwerk"),
            tags.count("-"), len(found)))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
