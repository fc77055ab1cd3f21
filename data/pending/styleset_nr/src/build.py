#!/usr/bin/env python3
"""Build the transcripts and label files of blind set 'nr' from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py      (needs python-docx for the .docx files)

Source format (src/nrXX.txt), one paragraph per line:
  #key: value        directives (doc, format, encoding, newline, labels, speakers, style, rationale)
  H: ...             header line (docx/txt: printed above the turns; vtt: NOTE block; srt: ignored)
  I: ...             interviewer turn
  R: ... {tag}       respondent turn, tag = casus | netwerk | -
Identifiers inline as [[text|TYPE]].  A " ¶ " inside a turn starts a new paragraph (docx only;
in txt it becomes a continuation line, in vtt/srt it is just a cue boundary).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
BANNED = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "van de casus",
          "casusniveau", "netwerkniveau"]
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def strip(text):
    """Return plain text and list of (start, end, ident, type) spans."""
    out, spans, pos = [], [], 0
    length = 0
    for m in TAG.finditer(text):
        pre = text[pos:m.start()]
        out.append(pre)
        length += len(pre)
        ident, typ = m.group(1), m.group(2)
        spans.append((length, length + len(ident), ident, typ))
        out.append(ident)
        length += len(ident)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def parse_src(path):
    meta, header, turns = {}, [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].partition(":")
                meta[k.strip()] = v.strip()
                continue
            kind, _, body = line.partition(": ")
            if kind == "H":
                header.append(body)
            elif kind in ("I", "R"):
                ori = None
                if kind == "R":
                    m = ORI.search(body)
                    if not m:
                        sys.exit(f"{path}:{n}: respondent paragraph without {{tag}}")
                    ori = m.group(1)
                    body = body[:m.start()]
                elif ORI.search(body):
                    sys.exit(f"{path}:{n}: interviewer paragraph with a tag")
                turns.append((kind, body, ori))
            else:
                sys.exit(f"{path}:{n}: cannot parse line")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


# ---------------------------------------------------------------- timing helpers
def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def split_cues(text, spans, maxw=16):
    """Split a turn into cue texts at sentence/clause boundaries, never inside an identifier."""
    toks = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", text)]

    def allowed(off):
        return not any(a < off < b for a, b, _, _ in spans)

    cues, cur = [], []
    for j, (off, tok) in enumerate(toks):
        if tok == "¶":
            if cur:
                cues.append(cur)
            cur = []
            continue
        if cur and allowed(off):
            prev = cur[-1]
            n = len(cur)
            sentence = re.search(r"[.?!…]\)?$", prev) is not None
            if (sentence and n >= 5) or (n >= maxw and prev.endswith(",")) or n >= maxw + 6:
                cues.append(cur)
                cur = []
        cur.append(tok)
    if cur:
        cues.append(cur)
    # fold a very short tail into the previous cue
    if len(cues) > 1 and len(cues[-1]) < 3:
        tail = cues.pop()
        cues[-1] += tail
    return [" ".join(c) for c in cues]


# ---------------------------------------------------------------- writers
def write_docx(path, meta, header, turns, labels):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    d.core_properties.comments = ""
    st = d.styles["Normal"]
    st.font.name = meta.get("font", "Calibri")
    st.font.size = Pt(11)
    bold = meta.get("labels") == "bold"
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h)[0])
        if meta.get("headerstyle") == "italic":
            r.italic = True
    if header:
        d.add_paragraph("")
    for kind, body, _ in turns:
        text = strip(body)[0]
        paras = [x.strip() for x in text.split("¶")]
        lab = labels[0] if kind == "I" else labels[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + paras[0])
        else:
            p.add_run(f"{lab}: {paras[0]}")
        for extra in paras[1:]:
            d.add_paragraph(extra)
    d.save(path)


def write_txt(path, meta, header, turns, labels):
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    lines = [strip(h)[0] for h in header]
    if header:
        lines.append("")
    style = meta.get("labels")
    t = 4.0
    for kind, body, _ in turns:
        text = strip(body)[0]
        paras = [x.strip() for x in text.split("¶")]
        lab = labels[0] if kind == "I" else labels[1]
        if style == "spreker":
            lines.append(f"[{ts(t)[:8]}] {lab}: {paras[0]}")
            nw = len(WORD.findall(text))
            t += nw / 2.45 + 1.4 + (len(paras) - 1) * 0.8
        else:
            lines.append(f"{lab}: {paras[0]}")
        for extra in paras[1:]:
            lines.append(extra)
        lines.append("")
    data = nl.join(lines).rstrip() + nl
    with open(path, "wb") as fh:
        fh.write(data.encode(enc))


def cue_list(turns, labels):
    t = 3.2
    out = []
    for kind, body, _ in turns:
        text, spans = strip(body)
        lab = labels[0] if kind == "I" else labels[1]
        for c in split_cues(text, spans):
            dur = max(1.4, len(WORD.findall(c)) / 2.6)
            out.append((t, t + dur, lab, c))
            t += dur + 0.25
        t += 0.9
    return out


def write_vtt(path, meta, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [strip(h)[0] for h in header]
        lines.append("")
    for i, (a, b, lab, c) in enumerate(cue_list(turns, labels), 1):
        if meta.get("cueids") == "yes":
            lines.append(f"{i}")
        lines.append(f"{ts(a)} --> {ts(b)}")
        lines.append(f"<v {lab}>{c}</v>")
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def write_srt(path, meta, header, turns, labels):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    lines = []
    for i, (a, b, lab, c) in enumerate(cue_list(turns, labels), 1):
        lines += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
    with open(path, "wb") as fh:
        fh.write(nl.join(lines).encode(meta.get("encoding", "utf-8")))


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    styles, oris, idents = [], [], []
    problems = []
    for fn in sorted(os.listdir(HERE)):
        if not re.fullmatch(r"nr\d\d\.txt", fn):
            continue
        meta, header, turns = parse_src(os.path.join(HERE, fn))
        doc = meta["doc"]
        spk_raw = meta["speakers"].split("||")
        labels = [strip(s)[0] for s in spk_raw]
        # identifiers in order of appearance: header, speaker labels, turns
        seen = {}
        everything = header + spk_raw + [b for _, b, _ in turns]
        for chunk in everything:
            for _, _, ident, typ in strip(chunk)[1]:
                if typ not in TYPES:
                    problems.append(f"{doc}: bad type {typ} for {ident}")
                if ident in seen and seen[ident] != typ:
                    problems.append(f"{doc}: {ident!r} typed {seen[ident]} and {typ}")
                seen.setdefault(ident, typ)
        # untagged occurrences of tagged strings (outside tags) -> warning
        untagged = TAG.sub("\x00", "\n".join(header + [b for _, b, _ in turns]))
        for ident in seen:
            for m in re.finditer(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", untagged):
                problems.append(f"{doc}: untagged occurrence of {ident!r} at ...{untagged[max(0, m.start()-30):m.end()+10]!r}")
        plain_all = "\n".join(strip(x)[0] for x in everything).lower()
        for b in BANNED:
            if b in plain_all:
                problems.append(f"{doc}: banned wording {b!r}")
        for ident, typ in seen.items():
            idents.append((doc, ident, typ))
        for i, (kind, body, ori) in enumerate(turns, 1):
            if kind == "R" and ori in ("casus", "netwerk"):
                oris.append((doc, i, ori))
        styles.append((doc, meta["style"], meta["rationale"]))
        ext = meta["format"]
        path = os.path.join(OUT, f"{doc}.{ext}")
        {"docx": write_docx, "txt": write_txt, "vtt": write_vtt, "srt": write_srt}[ext](
            path, meta, header, turns, labels)
        words = sum(len(WORD.findall(strip(b)[0].replace("¶", " "))) for _, b, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        no_c = sum(1 for d, _, o in oris if d == doc and o == "casus")
        no_n = sum(1 for d, _, o in oris if d == doc and o == "netwerk")
        print(f"{doc}: {ext:4s} {meta['style']:14s} words={words} resp_turns={nresp} "
              f"idents={len(seen)} casus={no_c} netwerk={no_n}")
    with open(os.path.join(SET, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(SET, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(os.path.join(SET, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    for p in problems:
        print("WARNING:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
