"""Build the transcripts and the three csv files of set JE from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Sources: src/jeNN.txt — '@key value' meta lines, then one paragraph per turn
('H:' header line, 'I:' interviewer, 'R:' respondent), identifiers inline as
[[text|TYPE]], every R paragraph ending in {casus}, {netwerk} or {-}.
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE.parent
OUT = SET / "transcripts"
TYPES = "PERSOON|LOCATIE|ADRES|DATUM|TELEFOON|EMAIL|DOSSIER|LEEFTIJD|ORGANISATIE_NAAM"
MARK = re.compile(r"\[\[(.+?)\|(" + TYPES + r")\]\]")
TOKEN = re.compile(r"\S*\[\[.+?\|(?:" + TYPES + r")\]\]\S*|\S+")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def ids_in(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def parse(path):
    meta, paras = {}, []
    block = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@"):
            k, _, v = line[1:].partition(" ")
            meta[k] = v.strip()
        elif line.strip() == "":
            if block:
                paras.append(" ".join(block))
                block = []
        else:
            block.append(line.strip())
    if block:
        paras.append(" ".join(block))
    header, turns = [], []
    for p in paras:
        kind, text = p[:2], p[3:].strip()
        if kind == "H:":
            if turns:
                sys.exit(f"{path.name}: header after turns")
            header.append(text)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{path.name}: R paragraph without tag: {text[:60]}")
                tag = m.group(1)
                text = TAG.sub("", text)
            elif TAG.search(text):
                sys.exit(f"{path.name}: tag on interviewer turn")
            turns.append((kind[0], text, tag))
        else:
            sys.exit(f"{path.name}: bad paragraph start {p[:20]!r}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at {i + 1}")
    return meta, header, turns


def tokens(annot):
    return TOKEN.findall(annot)


def chunks(annot, min_words=10, max_words=22):
    """Split an annotated turn into cue texts at sentence ends, never inside an identifier."""
    out, cur = [], []
    toks = tokens(annot)
    for k, tok in enumerate(toks):
        cur.append(tok)
        n = len(plain(" ".join(cur)).split())
        end = plain(tok).rstrip(")\"'").endswith((".", "?", "!"))
        nxt = plain(toks[k + 1]) if k + 1 < len(toks) else ""
        if nxt.endswith(":"):  # never start a cue with something that looks like a label
            continue
        if (n >= min_words and end) or n >= max_words:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(plain(" ".join(cur)).split()) < 4:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def wrap(annot, width=84):
    lines, cur = [], []
    for tok in tokens(annot):
        if cur and len(plain(" ".join(cur + [tok]))) > width and not plain(tok).endswith(":"):
            lines.append(plain(" ".join(cur)))
            cur = []
        cur.append(tok)
    if cur:
        lines.append(plain(" ".join(cur)))
    return lines


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(plain(text).split()) / 2.2)


def build_docx(meta, header, turns, labels, path, bold):
    import docx
    d = docx.Document()
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for sp, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(labels[sp] + ":")
        r.bold = bold
        p.add_run(" " + plain(text))
    d.save(str(path))


def build_txt(meta, header, turns, labels, path):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = float(meta.get("start", "0"))
    for sp, text, _ in turns:
        if meta.get("stamps") == "yes":
            s = int(t)
            stamp = f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] "
        else:
            stamp = ""
        lines.append(f"{stamp}{labels[sp]}: {plain(text)}")
        lines.append("")
        t += dur(text) + 1.5
    data = nl.join(lines).rstrip() + nl
    path.write_bytes(data.encode(meta.get("encoding", "utf-8"), errors="strict"))


def build_vtt(meta, header, turns, labels, path):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h) for h in header]
        out.append("")
    t, n = 2.0, 0
    for sp, text, _ in turns:
        for c in chunks(text):
            n += 1
            d = dur(c)
            out.append(f"{n}")
            out.append(f"{ts(t)} --> {ts(t + d)}")
            out.append(f"<v {labels[sp]}>{plain(c)}</v>")
            out.append("")
            t += d + 0.3
        t += 0.9
    path.write_text("\n".join(out), encoding="utf-8")


def build_srt(meta, header, turns, labels, path):
    out = []
    t, n = 1.0, 0
    for sp, text, _ in turns:
        n += 1
        d = dur(text)
        out.append(str(n))
        out.append(f"{ts(t, ',')} --> {ts(t + d, ',')}")
        out += wrap(f"{labels[sp]}: {text}")
        out.append("")
        t += d + 1.1
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    path.write_bytes((nl.join(out) + nl).encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, idents, summary = [], [], [], []
    for src in sorted(HERE.glob("je*.txt")):
        meta, header, turns = parse(src)
        doc = meta["doc"]
        labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
        fmt = meta["format"]
        ext = {"docx_bold": "docx", "docx_plain": "docx", "txt": "txt", "vtt": "vtt", "srt": "srt"}[fmt]
        path = OUT / f"{doc}.{ext}"
        if fmt == "docx_bold":
            build_docx(meta, header, turns, labels, path, True)
        elif fmt == "docx_plain":
            build_docx(meta, header, turns, labels, path, False)
        elif fmt == "txt":
            build_txt(meta, header, turns, labels, path)
        elif fmt == "vtt":
            build_vtt(meta, header, turns, labels, path)
        else:
            build_srt(meta, header, turns, labels, path)
        styles.append((doc, meta["style"], meta["rationale"]))
        seen = {}
        for s in [meta["ilabel"], meta["rlabel"]] + header + [t[1] for t in turns]:
            for text, typ in ids_in(s):
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text!r} typed {seen[text]} and {typ}")
                seen.setdefault(text, typ)
        idents += [(doc, k, v) for k, v in seen.items()]
        words = 0
        rturns = 0
        for i, (sp, text, tag) in enumerate(turns, 1):
            words += len(plain(text).split())
            if sp == "R":
                rturns += 1
                if tag in ("casus", "netwerk"):
                    orient.append((doc, i, tag))
        summary.append((doc, ext, words, rturns, len(seen)))
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    for row in summary:
        print("%s  %-4s  words=%d  respondent_turns=%d  identifiers=%d" % row)


if __name__ == "__main__":
    main()
