#!/usr/bin/env python
"""Build the setmc transcripts and label files from the annotated sources.

Source format (src/mcNN.src, UTF-8):
  % key: value          metadata (format, labels, style, rationale, ...)
  H: text               header line (one paragraph per line of header)
  I: text               interviewer turn
  R: text {casus}       respondent turn, ends in {casus}, {netwerk} or {-}
Paragraphs are separated by blank lines. Identifiers are marked inline as
[[text|TYPE]]; speaker labels in the metadata may be marked the same way.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["mc01", "mc02", "mc03", "mc04", "mc05", "mc06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
IDENT = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    """Return plain text, list of (ident, type), list of (start, end) spans."""
    out, ids, spans, pos = [], [], [], 0
    length = 0
    for m in IDENT.finditer(text):
        before = text[pos:m.start()]
        out.append(before)
        length += len(before)
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit("unknown type %s in %r" % (typ, m.group(0)))
        spans.append((length, length + len(ident)))
        out.append(ident)
        length += len(ident)
        ids.append((ident, typ))
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit("unbalanced identifier markup: %r" % text[:80])
    return plain, ids, spans


def parse(path):
    meta, paras = {}, []
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    body = []
    for line in raw.splitlines():
        if line.startswith("%"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body)):
        block = " ".join(l.strip() for l in block.strip().splitlines())
        if not block:
            continue
        kind, _, text = block.partition(":")
        if kind not in ("H", "I", "R"):
            sys.exit("%s: bad paragraph %r" % (path, block[:60]))
        paras.append((kind, text.strip()))
    header, turns = [], []
    for kind, text in paras:
        if kind == "H":
            if turns:
                sys.exit("%s: header after turns" % path)
            header.append(strip(text))
            continue
        orient = None
        if kind == "R":
            m = ORIENT.search(text)
            if not m:
                sys.exit("%s: respondent turn without orientation: %r" % (path, text[:60]))
            orient = m.group(1)
            text = text[:m.start()]
        elif ORIENT.search(text):
            sys.exit("%s: interviewer turn with orientation" % path)
        plain, ids, spans = strip(text)
        turns.append({"who": kind, "text": plain, "ids": ids, "spans": spans,
                      "orient": orient})
    for i, t in enumerate(turns):
        if t["who"] != ("I" if i % 2 == 0 else "R"):
            sys.exit("%s: turns do not alternate at turn %d" % (path, i + 1))
    labels = {}
    for k in ("ilabel", "rlabel"):
        plain, ids, _ = strip(meta[k])
        labels[k] = (plain, ids)
    return meta, header, turns, labels


def words(text):
    return sum(1 for w in text.split() if re.search(r"\w", w))


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def chunks(turn, maxw=14):
    """Split a turn into cue texts at word boundaries, never inside an identifier,
    preferring sentence ends."""
    text, spans = turn["text"], turn["spans"]
    toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]

    def inside(pos):
        return any(a < pos < b for a, b in spans)

    out, cur = [], []
    for i, (a, b) in enumerate(toks):
        cur.append((a, b))
        tok = text[a:b]
        last = i == len(toks) - 1
        if last:
            break
        nxt = toks[i + 1][0]
        if inside(b) or inside(nxt):
            continue
        n = len(cur)
        sentence_end = re.search(r"[.?!)]$", tok) is not None
        comma = tok.endswith(",")
        if (sentence_end and n >= 5) or (comma and n >= 10) or n >= maxw + 4:
            out.append(text[cur[0][0]:cur[-1][1]])
            cur = []
    if cur:
        out.append(text[cur[0][0]:cur[-1][1]])
    return out


def check_coverage(doc, header, turns, labels):
    """Warn when a string used as identifier also occurs unmarked."""
    items = [(h[0], h[2]) for h in header] + [(t["text"], t["spans"]) for t in turns]
    idents = {i for h in header for i, _ in h[1]} | {i for t in turns for i, _ in t["ids"]}
    problems = []
    for ident in idents:
        pat = re.compile(r"(?<!\w)" + re.escape(ident) + r"(?!\w)")
        for text, spans in items:
            for m in pat.finditer(text):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    problems.append("%s: unmarked occurrence of %r in %r" % (
                        doc, ident, text[max(0, m.start() - 30):m.end() + 30]))
    return problems


def build_docx(path, meta, header, turns, labels):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    st = d.styles["Normal"]
    st.font.name = meta.get("font", "Calibri")
    st.font.size = Pt(11)
    for plain, _, _ in header:
        p = d.add_paragraph()
        r = p.add_run(plain)
        if meta.get("headerstyle") == "italic":
            r.italic = True
    if header:
        d.add_paragraph("")
    bold = meta.get("bold") == "yes"
    for t in turns:
        label = labels["ilabel" if t["who"] == "I" else "rlabel"][0]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(label + ": " + t["text"])
    d.save(path)


def build_txt(path, meta, header, turns, labels):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    enc = meta.get("encoding", "utf-8")
    lines = [h[0] for h in header]
    if lines:
        lines.append("")
    t0 = float(meta.get("start", "2"))
    for t in turns:
        label = labels["ilabel" if t["who"] == "I" else "rlabel"][0]
        if meta.get("timestamps") == "yes":
            sec = int(t0)
            stamp = "[%02d:%02d:%02d] " % (sec // 3600, sec // 60 % 60, sec % 60)
            lines.append("%s%s: %s" % (stamp, label, t["text"]))
            t0 += words(t["text"]) / 2.4 + 1.3
        else:
            lines.append("%s: %s" % (label, t["text"]))
        lines.append("")
    data = nl.join(lines).rstrip("\r\n") + nl
    with open(path, "wb") as f:
        f.write(data.encode(enc))


def cues(meta, turns, labels):
    t = float(meta.get("start", "1.5"))
    out = []
    for turn in turns:
        label = labels["ilabel" if turn["who"] == "I" else "rlabel"][0]
        for c in chunks(turn):
            dur = max(1.2, words(c) / 2.5)
            out.append((t, t + dur, label, c))
            t += dur + 0.08
        t += 0.9
    return out


def build_vtt(path, meta, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [h[0] for h in header]
        lines.append("")
    for a, b, label, c in cues(meta, turns, labels):
        lines.append("%s --> %s" % (fmt_ts(a, "."), fmt_ts(b, ".")))
        lines.append("<v %s>%s</v>" % (label, c))
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_srt(path, meta, header, turns, labels):
    if header:
        sys.exit("srt cannot carry a header")
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    lines = []
    for n, (a, b, label, c) in enumerate(cues(meta, turns, labels), 1):
        lines += [str(n), "%s --> %s" % (fmt_ts(a, ","), fmt_ts(b, ",")),
                  "%s: %s" % (label, c), ""]
    with open(path, "wb") as f:
        f.write(nl.join(lines).encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient_rows, ident_rows, problems = [], [], [], []
    for doc in DOCS:
        meta, header, turns, labels = parse(os.path.join(HERE, doc + ".src"))
        fmt = meta["format"]
        for old in os.listdir(OUT):
            if old.startswith(doc + "."):
                os.remove(os.path.join(OUT, old))
        path = os.path.join(OUT, doc + "." + meta.get("ext", fmt))
        {"docx": build_docx, "txt": build_txt, "vtt": build_vtt,
         "srt": build_srt}[fmt](path, meta, header, turns, labels)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, t in enumerate(turns, 1):
            if t["who"] == "R" and t["orient"] != "-":
                orient_rows.append((doc, i, t["orient"]))
        seen = {}
        allids = [x for h in header for x in h[1]]
        allids += labels["ilabel"][1] + labels["rlabel"][1]
        allids += [x for t in turns for x in t["ids"]]
        for ident, typ in allids:
            if ident in seen and seen[ident] != typ:
                problems.append("%s: %r has types %s and %s" % (doc, ident, seen[ident], typ))
            if ident not in seen:
                seen[ident] = typ
                ident_rows.append((doc, ident, typ))
        problems += check_coverage(doc, header, turns, labels)
        nw = sum(words(t["text"]) for t in turns)
        nr = sum(1 for t in turns if t["who"] == "R")
        no = {k: sum(1 for t in turns if t["orient"] == k) for k in ("casus", "netwerk", "-")}
        print("%s %-5s %-15s words=%d turns=%d resp=%d ids=%d orient=%s" % (
            doc, fmt, meta["style"], nw, len(turns), nr, len(seen), no))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for p in problems:
        print("WARNING", p)


if __name__ == "__main__":
    main()
