#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set LI from the annotated sources.

Source format (src/liNN.txt, UTF-8):
  #key: value          metadata: format, style, rationale, I (interviewer label), R (respondent label)
  H: text              header line (not a turn)
  I: text              interviewer turn
  R: text {casus}      respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are marked inline as [[text|TYPE]]; labels in #I/#R may be marked too.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
import textwrap
from pathlib import Path

from docx import Document
from docx.shared import Pt

SET = Path(__file__).resolve().parent.parent
SRC = SET / "src"
OUT = SET / "transcripts"
DOCS = ["li01", "li02", "li03", "li04", "li05", "li06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252": "txt", "txt-ts": "txt",
       "vtt": "vtt", "srt": "srt"}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def protect(s):
    """Plain text in which identifiers cannot be split (spaces/dots masked)."""
    return ANN.sub(lambda m: m.group(1).replace(" ", "\x00").replace(".", "\x01"), s)


def unprotect(s):
    return s.replace("\x00", " ").replace("\x01", ".")


def parse(doc_id):
    meta, paras = {}, []
    for n, line in enumerate((SRC / f"{doc_id}.txt").read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
            continue
        m = re.match(r"^(H|I|R):\s?(.*)$", line)
        if not m:
            sys.exit(f"{doc_id}:{n}: unparsable line: {line[:60]}")
        kind, text = m.groups()
        orient = None
        if kind == "R":
            m2 = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", text)
            if not m2:
                sys.exit(f"{doc_id}:{n}: respondent turn without {{casus}}/{{netwerk}}/{{-}}")
            orient, text = m2.group(1), text[: m2.start()]
        if re.search(r"\{(casus|netwerk|-)\}", text) or "[[" in ANN.sub("", text) or "]]" in ANN.sub("", text):
            sys.exit(f"{doc_id}:{n}: stray markup")
        paras.append((kind, text.strip(), orient))
    return meta, paras


def timestamp(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def duration(text):
    return max(1.2, len(text.split()) / 2.6)


def sentences(prot):
    return [s for s in re.split(r"(?<=[.!?])\s+", prot) if s]


def chunks(prot, max_words=28):
    out, cur = [], []
    for s in sentences(prot):
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def build(doc_id):
    meta, paras = parse(doc_id)
    fmt = meta["format"]
    ilab, rlab = plain(meta["I"]), plain(meta["R"])
    header = [plain(t) for k, t, _ in paras if k == "H"]
    turns = [(k, t, o) for k, t, o in paras if k != "H"]
    if any(k == "H" for k, _, _ in paras[len(header):]):
        sys.exit(f"{doc_id}: header lines must come first")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    label = {"I": ilab, "R": rlab}
    path = OUT / f"{doc_id}.{EXT[fmt]}"

    if fmt in ("docx-bold", "docx-plain"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            d.add_paragraph(h)
        if header:
            d.add_paragraph("")
        for k, t, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                r = p.add_run(label[k] + ":")
                r.bold = True
                p.add_run(" " + plain(t))
            else:
                p.add_run(f"{label[k]}: {plain(t)}")
        d.save(path)

    elif fmt == "txt-cp1252":
        lines = header + ([""] if header else [])
        for k, t, _ in turns:
            lines += [f"{label[k]}: {plain(t)}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))

    elif fmt == "txt-ts":
        lines = header + ([""] if header else [])
        clock = 3.0
        for k, t, _ in turns:
            lines += [f"[{timestamp(clock, ',')[:8]}] {label[k]}: {plain(t)}", ""]
            clock += duration(plain(t)) + 1.1
        path.write_text("\n".join(lines), encoding="utf-8")

    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out += ["NOTE"] + header + [""]
        clock, n = 1.5, 1
        for k, t, _ in turns:
            for c in chunks(protect(t)):
                c = unprotect(c)
                dur = duration(c)
                out += [str(n), f"{timestamp(clock, '.')} --> {timestamp(clock + dur, '.')}",
                        f"<v {label[k]}>{c}</v>", ""]
                clock += dur + 0.25
                n += 1
            clock += 0.8
        path.write_text("\n".join(out), encoding="utf-8")

    elif fmt == "srt":
        out, clock = [], 0.8
        for n, (k, t, _) in enumerate(turns, 1):
            body = f"{label[k]}: {protect(t)}"
            wrapped = [unprotect(x) for x in textwrap.wrap(body, 84)]
            dur = duration(plain(t))
            out += [str(n), f"{timestamp(clock, ',')} --> {timestamp(clock + dur, ',')}"] + wrapped + [""]
            clock += dur + 0.9
        path.write_bytes("\r\n".join(out).encode("utf-8"))
    else:
        sys.exit(f"{doc_id}: unknown format {fmt}")

    # identifiers: distinct strings, in document order
    ids = {}
    for src in [meta["I"], meta["R"]] + [t for _, t, _ in paras]:
        for m in ANN.finditer(src):
            s, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc_id}: unknown type {typ} for {s}")
            if s in ids and ids[s] != typ:
                sys.exit(f"{doc_id}: {s} annotated as {ids[s]} and {typ}")
            ids.setdefault(s, typ)
    # warn when an identifier string also occurs unannotated (as a whole word)
    for s in ids:
        for _, t, _ in paras:
            bare = ANN.sub(lambda m: "\x02" * len(m.group(1)), t)
            if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", bare):
                print(f"warning {doc_id}: '{s}' also occurs unannotated", file=sys.stderr)
                break
    orient = [(i + 1, o) for i, (k, _, o) in enumerate(turns) if k == "R" and o in ("casus", "netwerk")]
    return meta, ids, orient


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, idrows, orows = [], [], []
    for doc_id in DOCS:
        meta, ids, orient = build(doc_id)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        idrows += [(doc_id, s, t) for s, t in ids.items()]
        orows += [(doc_id, i, o) for i, o in orient]
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orows))
    print(f"built {len(DOCS)} transcripts, {len(idrows)} identifiers, {len(orows)} orientation rows")


if __name__ == "__main__":
    main()
