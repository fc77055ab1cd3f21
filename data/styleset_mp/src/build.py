#!/usr/bin/env python3
"""Build the setmp transcripts and label files from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
(python-docx is needed for the .docx deliveries.)

Source format (src/<doc_id>.src), one paragraph per line:
  @doc / @format / @ilabel / @rlabel / @style / @rationale   metadata
  H: header line            (not a turn)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers are written inline as [[text|TYPE]]; the speaker label in @rlabel may be
annotated the same way.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["mp01", "mp02", "mp03", "mp04", "mp05", "mp06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORMATS = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt",
           "txt_utf8_ts": "txt", "vtt": "vtt", "srt": "srt"}
ANN = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    """Return plain text, list of (start, end, string, type)."""
    out, spans, pos = [], [], 0
    plain_len = 0
    for m in ANN.finditer(text):
        before = text[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ!r} in {text[:60]!r}")
        spans.append((plain_len, plain_len + len(ident), ident, typ))
        out.append(ident)
        plain_len += len(ident)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain or "|" in plain:
        sys.exit(f"malformed annotation in {text[:80]!r}")
    return plain, spans


def words(text):
    return sum(1 for t in text.split() if re.search(r"\w", t))


def parse(doc):
    path = os.path.join(HERE, doc + ".src")
    meta, header, turns = {}, [], []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("@"):
            k, _, v = line[1:].partition(" ")
            meta[k] = v.strip()
        elif line.startswith("H: "):
            header.append(strip(line[3:]))
        elif line.startswith("I: ") or line.startswith("R: "):
            who = line[0]
            body = line[3:]
            orient = None
            m = TAG.search(body)
            if who == "R":
                if not m:
                    sys.exit(f"{doc}:{n}: respondent turn without orientation tag")
                orient = m.group(1)
                body = body[:m.start()]
            elif m:
                sys.exit(f"{doc}:{n}: interviewer turn with orientation tag")
            plain, spans = strip(body.strip())
            turns.append({"who": who, "text": plain, "spans": spans, "orient": orient})
        else:
            sys.exit(f"{doc}:{n}: unrecognised line {line[:50]!r}")
    for i, t in enumerate(turns):
        if t["who"] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    ilabel, ispans = strip(meta["ilabel"])
    rlabel, rspans = strip(meta["rlabel"])
    meta["ilabel_plain"], meta["rlabel_plain"] = ilabel, rlabel
    meta["label_spans"] = ispans + rspans
    if meta["format"] not in FORMATS:
        sys.exit(f"{doc}: unknown format {meta['format']}")
    return meta, header, turns


def collect_identifiers(doc, meta, header, turns):
    """Distinct (string, type) in order of first appearance; lint un-annotated repeats."""
    seen, order = {}, []
    paragraphs = [(meta["ilabel_plain"], []), (meta["rlabel_plain"], meta["label_spans"])]
    paragraphs += header + [(t["text"], t["spans"]) for t in turns]
    for _, spans in paragraphs:
        for s, e, ident, typ in spans:
            if ident in seen and seen[ident] != typ:
                sys.exit(f"{doc}: {ident!r} annotated as {seen[ident]} and {typ}")
            if ident not in seen:
                seen[ident] = typ
                order.append((ident, typ))
    # every occurrence of an identifier string must be inside an annotated span
    problems = []
    for text, spans in paragraphs[2:]:
        for ident, _ in order:
            for m in re.finditer(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", text):
                if not any(s <= m.start() and m.end() <= e for s, e, _, _ in spans):
                    problems.append(f"{doc}: un-annotated occurrence of {ident!r} in {text[:50]!r}")
    if problems:
        sys.exit("\n".join(problems))
    return order


def ts(seconds, sep="."):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, spans, limit=16):
    """Split a turn into cue-sized pieces at sentence ends (or, for long sentences,
    between words), never inside an identifier span."""
    toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]

    def breakable(i):  # break allowed between toks[i] and toks[i+1]
        gap = toks[i][1]
        return not any(s < gap < e or s < toks[i + 1][0] < e for s, e, _, _ in spans)

    out, start = [], 0
    for i in range(len(toks) - 1):
        n = i - start + 1
        sentence_end = text[toks[i][1] - 1] in ".?!"
        if not breakable(i):
            continue
        if (sentence_end and n >= 5) or n >= limit + 4 or (sentence_end and n >= 1 and
                                                           i + 1 < len(toks) and n + 1 > limit):
            out.append(text[toks[start][0]:toks[i][1]])
            start = i + 1
        elif n >= limit and not sentence_end:
            # look ahead: if the sentence ends within 4 words keep going, else cut here
            ahead = [j for j in range(i + 1, min(i + 5, len(toks))) if text[toks[j][1] - 1] in ".?!"]
            if not ahead:
                out.append(text[toks[start][0]:toks[i][1]])
                start = i + 1
    out.append(text[toks[start][0]:toks[-1][1]])
    return out


def write_docx(path, meta, header, turns, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for text, _ in header:
        d.add_paragraph(text)
    if header:
        d.add_paragraph("")
    for t in turns:
        label = meta["ilabel_plain"] if t["who"] == "I" else meta["rlabel_plain"]
        if bold:
            p = d.add_paragraph()
            p.add_run(label + ":").bold = True
            p.add_run(" " + t["text"])
        else:
            d.add_paragraph(f"{label}: {t['text']}")
    d.save(path)


def write_txt(path, meta, header, turns, encoding, newline, stamps):
    lines = [text for text, _ in header]
    if header:
        lines.append("")
    clock = 3.0
    for t in turns:
        label = meta["ilabel_plain"] if t["who"] == "I" else meta["rlabel_plain"]
        prefix = f"[{ts(clock)[:8]}] " if stamps else ""
        lines.append(f"{prefix}{label}: {t['text']}")
        lines.append("")
        clock += words(t["text"]) / 2.45 + 1.8
    data = newline.join(lines).rstrip(newline) + newline
    with open(path, "wb") as f:
        f.write(data.encode(encoding))


def write_cues(path, meta, header, turns, kind):
    clock = 2.0
    blocks = []
    for t in turns:
        label = meta["ilabel_plain"] if t["who"] == "I" else meta["rlabel_plain"]
        for piece in chunks(t["text"], t["spans"]):
            dur = max(1.4, words(piece) / 2.7)
            start, end = clock, clock + dur
            clock = end + 0.25
            if kind == "vtt":
                if "<" in piece or "&" in piece:
                    sys.exit("cue text needs escaping")
                blocks.append(f"{ts(start)} --> {ts(end)}\n<v {label}>{piece}</v>")
            else:
                blocks.append(f"{len(blocks) + 1}\n{ts(start, ',')} --> {ts(end, ',')}\n{label}: {piece}")
        clock += 0.6
    if kind == "vtt":
        head = "WEBVTT\n\n"
        if header:
            head += "NOTE\n" + "\n".join(text for text, _ in header) + "\n\n"
        data = head + "\n\n".join(blocks) + "\n"
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(data)
    else:
        if header:
            sys.exit("srt has no header")
        data = "\r\n\r\n".join(b.replace("\n", "\r\n") for b in blocks) + "\r\n"
        with open(path, "wb") as f:
            f.write(data.encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    styles, orient_rows, ident_rows, stats = [], [], [], []
    for doc in DOCS:
        meta, header, turns = parse(doc)
        fmt = meta["format"]
        path = os.path.join(OUT, f"{doc}.{FORMATS[fmt]}")
        if fmt.startswith("docx"):
            write_docx(path, meta, header, turns, bold=(fmt == "docx_bold"))
        elif fmt == "txt_cp1252":
            write_txt(path, meta, header, turns, "cp1252", "\r\n", stamps=False)
        elif fmt == "txt_utf8_ts":
            write_txt(path, meta, header, turns, "utf-8", "\n", stamps=True)
        else:
            write_cues(path, meta, header, turns, fmt)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, t in enumerate(turns, 1):
            if t["who"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc, i, t["orient"]))
        for ident, typ in collect_identifiers(doc, meta, header, turns):
            ident_rows.append((doc, ident, typ))
        w = sum(words(t["text"]) for t in turns)
        rturns = sum(1 for t in turns if t["who"] == "R")
        oc = sum(1 for t in turns if t["orient"] == "casus")
        on = sum(1 for t in turns if t["orient"] == "netwerk")
        stats.append((doc, fmt, meta["style"], w, rturns, len(turns), oc, on,
                      sum(1 for r in ident_rows if r[0] == doc)))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "style", "rationale"])
        wr.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "turn_index", "orientation"])
        wr.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "identifier", "type"])
        wr.writerows(ident_rows)
    print("doc   format       style           words  R-turns turns casus netwerk idents")
    for s in stats:
        print(f"{s[0]}  {s[1]:<12} {s[2]:<15} {s[3]:>5}  {s[4]:>7} {s[5]:>5} {s[6]:>5} {s[7]:>7} {s[8]:>6}")


if __name__ == "__main__":
    main()
