"""Build the setKM transcripts and csv files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines.
  H: header line        I: interviewer turn        R: respondent turn
Identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
Per-document settings (format, speaker labels, style, rationale) live in src/meta.json.
"""
import csv
import json
import os
import re
import sys

SRC = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(SRC)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    return ANN.sub(lambda m: m.group(1), text)


def parse_source(path):
    raw = open(path, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, _, body = p.partition(": ")
        if kind == "H":
            if turns:
                sys.exit(f"{path}: header after turns")
            header.append(body)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without tag: {body[:60]}")
                orient = m.group(1)
                body = body[:m.start()].rstrip()
            elif TAG.search(body):
                sys.exit(f"{path}: interviewer paragraph with tag")
            turns.append((kind, body, orient))
        else:
            sys.exit(f"{path}: bad paragraph kind {kind!r}")
    return header, turns


def split_sentences(annotated):
    """Split an annotated paragraph into sentences without cutting an [[..]] span."""
    spans = []

    def keep(m):
        spans.append(m.group(1))
        return f"\x00{len(spans) - 1}\x00"

    protected = ANN.sub(keep, annotated)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý(\x00'\"])", protected)
    return [re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], p) for p in parts]


def cues_for(text, max_words=17):
    sents = split_sentences(text)
    cues, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, meta, start=3.2):
    """[(speaker_label, start, end, text)] with a plausible speaking rate."""
    t = start
    out = []
    for kind, body, _ in turns:
        label = meta["ilabel"] if kind == "I" else meta["rlabel"]
        for cue in cues_for(strip(body)):
            dur = len(cue.split()) / 2.55 + 0.4
            if "(stilte)" in cue:
                dur += 2.5
            out.append((label, t, t + dur, cue))
            t += dur + 0.15
        t += 0.7
    return out


def build_docx(path, header, turns, meta, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(strip(h))
    if header:
        d.add_paragraph("")
    for kind, body, _ in turns:
        label = meta["ilabel"] if kind == "I" else meta["rlabel"]
        p = d.add_paragraph()
        r = p.add_run(f"{label}:")
        r.bold = bold
        p.add_run(" " + strip(body))
    d.core_properties.author = "transcriptie"
    d.save(path)


def build_txt_ir(path, header, turns, meta, encoding, newline):
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    for kind, body, _ in turns:
        label = meta["ilabel"] if kind == "I" else meta["rlabel"]
        lines.append(f"{label}: {strip(body)}")
        lines.append("")
    data = newline.join(lines)
    with open(path, "wb") as f:
        f.write(data.encode(encoding))


def build_txt_spreker(path, header, turns, meta):
    lines = [strip(h) for h in header]
    lines.append("")
    t = 4.0
    for kind, body, _ in turns:
        label = meta["ilabel"] if kind == "I" else meta["rlabel"]
        text = strip(body)
        lines.append(f"[{ts(t, ',')[:8]}] {label}: {text}")
        lines.append("")
        t += len(text.split()) / 2.5 + 1.3 + (2.5 if "(stilte)" in text else 0)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_vtt(path, header, turns, meta):
    lines = ["WEBVTT", "", "NOTE"]
    lines += [strip(h) for h in header]
    lines.append("")
    for i, (label, a, b, text) in enumerate(timed_cues(turns, meta), 1):
        lines.append(f"{i}")
        lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        lines.append(f"<v {label}>{text}</v>")
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_srt(path, header, turns, meta):
    if header:
        sys.exit("srt has no header")
    lines = []
    for i, (label, a, b, text) in enumerate(timed_cues(turns, meta, start=1.8), 1):
        lines.append(str(i))
        lines.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        lines.append(f"{label}: {text}")
        lines.append("")
    with open(path, "wb") as f:
        f.write("\r\n".join(lines).encode("utf-8"))


def main():
    meta_all = json.load(open(os.path.join(SRC, "meta.json"), encoding="utf-8"))
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ident_rows, orient_rows, style_rows, stats = [], [], [], []
    for doc in sorted(meta_all):
        meta = meta_all[doc]
        header, turns = parse_source(os.path.join(SRC, f"{doc}.txt"))
        if turns[0][0] != "I":
            sys.exit(f"{doc}: first turn not interviewer")
        for a, b in zip(turns, turns[1:]):
            if a[0] == b[0]:
                sys.exit(f"{doc}: turns do not alternate near: {strip(b[1])[:50]}")
        path = os.path.join(OUT, f"{doc}.{meta['ext']}")
        fmt = meta["format"]
        if fmt == "docx_bold":
            build_docx(path, header, turns, meta, bold=True)
        elif fmt == "docx_plain":
            build_docx(path, header, turns, meta, bold=False)
        elif fmt == "txt_ir_cp1252":
            build_txt_ir(path, header, turns, meta, "cp1252", "\r\n")
        elif fmt == "txt_spreker_utf8":
            build_txt_spreker(path, header, turns, meta)
        elif fmt == "vtt":
            build_vtt(path, header, turns, meta)
        elif fmt == "srt":
            build_srt(path, header, turns, meta)
        else:
            sys.exit(f"unknown format {fmt}")

        seen = {}
        for lab in meta["label_ids"]:
            seen.setdefault(lab, "PERSOON")
        for text in header + [b for _, b, _ in turns]:
            for m in ANN.finditer(text):
                s, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if seen.get(s, typ) != typ:
                    sys.exit(f"{doc}: {s!r} has two types")
                seen[s] = typ
        for s, typ in seen.items():
            ident_rows.append((doc, s, typ))
        for i, (kind, _, orient) in enumerate(turns, 1):
            if kind == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc, i, orient))
        style_rows.append((doc, meta["style"], meta["rationale"]))
        words = sum(len(strip(b).split()) for _, b, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        oc = {o: sum(1 for k, _, x in turns if k == "R" and x == o) for o in ("casus", "netwerk", "-")}
        stats.append((doc, fmt, words, nresp, len(seen), oc))

    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    for doc, fmt, words, nresp, nid, oc in stats:
        print(f"{doc} {fmt:17s} words={words} resp_turns={nresp} identifiers={nid} "
              f"casus={oc['casus']} netwerk={oc['netwerk']} none={oc['-']}")


if __name__ == "__main__":
    main()
