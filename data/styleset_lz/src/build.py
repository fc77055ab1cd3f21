#!/usr/bin/env python3
"""Build the transcripts of set lz and the three csv files from the annotated sources.

Source format (src/lzNN.txt), one paragraph per non-empty line:
  S: <style> | <rationale>          style line (one per document)
  H: <header line>                  header / metadata line (not a turn)
  I: <interviewer turn>
  R: <respondent turn> {casus|netwerk|-}
Identifiers are marked inline as [[text|TYPE]].  Speaker labels (which may carry
identifiers as well) and the delivery format are configured in DOCS below.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    # docx, bold speaker runs, generic labels, two header lines
    "lz01": dict(fmt="docx", bold=True, labels={"I": "Interviewer", "R": "Respondent"}),
    # WebVTT with NOTE header and voice tags; a turn spans several cues
    "lz02": dict(fmt="vtt", labels={"I": "[[Sanne Hoekstra|PERSOON]]",
                                    "R": "[[Henk Oosterveld|PERSOON]]"}, start=4.0),
    # Windows-1252 text with CRLF, I:/R: labels and a metadata header
    "lz03": dict(fmt="txt", enc="cp1252", nl="\r\n", labels={"I": "I", "R": "R"}),
    # SRT with CRLF, label at the start of every cue
    "lz04": dict(fmt="srt", nl="\r\n", labels={"I": "Interviewer", "R": "[[Gerda|PERSOON]]"},
                 start=2.5),
    # UTF-8 text, [hh:mm:ss] Spreker N: lines, header with speaker key
    "lz05": dict(fmt="stamp", enc="utf-8", nl="\n", labels={"I": "Spreker 1", "R": "Spreker 2"},
                 start=6.0),
    # docx, plain (not bold) initials as labels, three-line metadata header
    "lz06": dict(fmt="docx", bold=False, labels={"I": "[[AdW|PERSOON]]", "R": "[[RV|PERSOON]]"}),
}

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def parse_src(doc):
    path = os.path.join(HERE, doc + ".txt")
    style = None
    header, turns = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            kind, _, rest = line.partition(":")
            rest = rest.strip()
            if kind == "S":
                st, _, rat = rest.partition("|")
                style = (st.strip(), rat.strip())
            elif kind == "H":
                if turns:
                    sys.exit(f"{doc}:{n}: header after first turn")
                header.append(rest)
            elif kind in ("I", "R"):
                tag = None
                if kind == "R":
                    m = TAG.search(rest)
                    if not m:
                        sys.exit(f"{doc}:{n}: respondent turn without {{tag}}")
                    tag = m.group(1)
                    rest = rest[:m.start()].rstrip()
                elif TAG.search(rest):
                    sys.exit(f"{doc}:{n}: tag on interviewer turn")
                if turns and turns[-1][0] == kind:
                    sys.exit(f"{doc}:{n}: turns do not alternate")
                if not turns and kind != "I":
                    sys.exit(f"{doc}:{n}: first turn is not the interviewer")
                turns.append((kind, rest, tag))
            else:
                sys.exit(f"{doc}:{n}: unknown paragraph kind {kind!r}")
    if style is None:
        sys.exit(f"{doc}: no S: line")
    return style, header, turns


# ---------------------------------------------------------------- timing helpers
def nwords(s):
    return len(re.findall(r"\w+", re.sub(r"\([^)]*\)", " ", s)))


def dur(s):
    return max(1.6, nwords(s) / 2.55)


def ts_hms(t):
    t = int(t)
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"


def ts_cue(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


ABBR = {"dr", "mw", "dhr", "bijv", "mevr", "ca", "nr", "o.a", "m.b.t"}


def split_cues(text, target=22):
    """Split an (annotated) turn into cue chunks at sentence ends, never inside [[..]]."""
    protected = [(m.start(), m.end()) for m in ANN.finditer(text)]
    cuts = []
    for m in re.finditer(r"[.!?…][\"”’)]?\s+(?=[A-Z\"“(‘\[])", text):
        pos = m.end()
        if any(a < m.start() + 1 <= b for a, b in protected):
            continue
        prev = re.findall(r"(\S+)$", text[:m.start() + 1])
        word = prev[0].rstrip(".").lower() if prev else ""
        if word in ABBR or len(word) == 1:
            continue
        cuts.append(pos)
    sents, last = [], 0
    for c in cuts:
        sents.append(text[last:c].strip())
        last = c
    sents.append(text[last:].strip())
    chunks, cur = [], ""
    for s in sents:
        cur = (cur + " " + s).strip() if cur else s
        if nwords(plain(cur)) >= target:
            chunks.append(cur)
            cur = ""
    if cur:
        if chunks and nwords(plain(cur)) < 6:
            chunks[-1] = chunks[-1] + " " + cur
        else:
            chunks.append(cur)
    return chunks


# ---------------------------------------------------------------- writers
def write_docx(doc, cfg, header, turns, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if cfg["bold"]:
            r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        label = plain(cfg["labels"][kind])
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        if cfg["bold"]:
            r.bold = True
        p.add_run(" " + plain(text))
    d.save(path)


def write_txt(doc, cfg, header, turns, path):
    nl = cfg["nl"]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines.append(f"{plain(cfg['labels'][kind])}: {plain(text)}")
        lines.append("")
    data = nl.join(lines).rstrip() + nl
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))


def write_stamp(doc, cfg, header, turns, path):
    nl = cfg["nl"]
    t = cfg.get("start", 0.0)
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines.append(f"[{ts_hms(t)}] {plain(cfg['labels'][kind])}: {plain(text)}")
        t += dur(plain(text)) + 1.1
    data = nl.join(lines) + nl
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))


def write_vtt(doc, cfg, header, turns, path):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = cfg.get("start", 0.0)
    for kind, text, _ in turns:
        voice = plain(cfg["labels"][kind])
        for chunk in split_cues(text):
            c = plain(chunk)
            d = dur(c)
            out.append(f"{ts_cue(t, '.')} --> {ts_cue(t + d, '.')}")
            out.append(f"<v {voice}>{c}")
            out.append("")
            t += d + 0.25
        t += 0.7
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, cfg, header, turns, path):
    if header:
        sys.exit(f"{doc}: srt has no header")
    nl = cfg["nl"]
    out, n = [], 0
    t = cfg.get("start", 0.0)
    for kind, text, _ in turns:
        label = plain(cfg["labels"][kind])
        for chunk in split_cues(text, target=18):
            c = plain(chunk)
            d = dur(c)
            n += 1
            out += [str(n), f"{ts_cue(t, ',')} --> {ts_cue(t + d, ',')}", f"{label}: {c}", ""]
            t += d + 0.2
        t += 0.6
    with open(path, "wb") as f:
        f.write(nl.join(out).encode("utf-8"))


WRITERS = {"docx": (write_docx, "docx"), "txt": (write_txt, "txt"),
           "stamp": (write_stamp, "txt"), "vtt": (write_vtt, "vtt"), "srt": (write_srt, "srt")}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient, ids = [], [], []
    for doc, cfg in DOCS.items():
        style, header, turns = parse_src(doc)
        writer, ext = WRITERS[cfg["fmt"]]
        writer(doc, cfg, header, turns, os.path.join(OUT, f"{doc}.{ext}"))
        styles.append((doc, style[0], style[1]))
        for i, (kind, _, tag) in enumerate(turns, 1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient.append((doc, i, tag))
        seen = {}
        srcs = list(header) + [cfg["labels"]["I"], cfg["labels"]["R"]] + [t[1] for t in turns]
        for s in srcs:
            for text, typ in idents(s):
                if typ not in TYPES:
                    sys.exit(f"{doc}: unknown type {typ} for {text!r}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text!r} typed both {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    ids.append((doc, text, typ))
        words = sum(nwords(plain(t[1])) for t in turns)
        print(f"{doc}: {len(turns)} turns, {sum(1 for t in turns if t[0] == 'R')} respondent, "
              f"~{words} words, {len(seen)} identifiers")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)


if __name__ == "__main__":
    main()
