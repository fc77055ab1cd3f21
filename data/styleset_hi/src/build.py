"""Build the setHI transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/hiNN.txt), one paragraph per line, blank lines ignored:
  #format: docx-bold | docx-plain | srt | vtt | txt-ts | txt-cp1252
  #style: casusgericht | netwerkgericht | onbepaald
  #rationale: one sentence
  #labels: I=<interviewer label> ; R=<respondent label>   (labels may carry [[..|PERSOON]])
  H: header line
  I: interviewer turn
  R: respondent turn ending in {casus} | {netwerk} | {-}
Identifiers are written inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

from docx import Document

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["hi01", "hi02", "hi03", "hi04", "hi05", "hi06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "srt": "srt", "vtt": "vtt",
       "txt-ts": "txt", "txt-cp1252": "txt"}


def plain(s):
    return ANN.sub(r"\1", s)


def parse(doc):
    meta, header, turns = {}, [], []
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
                continue
            tag, text = line[:2], line[2:].strip()
            if tag == "H:":
                header.append(text)
            elif tag == "I:":
                turns.append(("I", text, None))
            elif tag == "R:":
                m = ORI.search(text)
                if not m:
                    sys.exit(f"{doc}:{n}: respondent paragraph without {{casus}}/{{netwerk}}/{{-}}")
                turns.append(("R", text[:m.start()].rstrip(), m.group(1)))
            else:
                sys.exit(f"{doc}:{n}: unknown paragraph tag {tag!r}")
    labels = {}
    for part in meta["labels"].split(";"):
        role, lab = part.strip().split("=", 1)
        labels[role.strip()] = lab.strip()
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t[0] != want:
            sys.exit(f"{doc}: turn {i + 1} should be {want}")
    return meta, header, turns, labels


def ts(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def chunks(text):
    """Split an (annotated) turn into cue texts at sentence ends, never inside an annotation."""
    protected = ANN.sub(lambda m: m.group(0).replace(" ", "\x00"), text)
    toks = protected.split()
    out, cur = [], []
    for tok in toks:
        cur.append(tok)
        end = plain(tok.replace("\x00", " ")).rstrip(")\"'")
        n = len(cur)
        if (n >= 9 and end[-1:] in ".?!") or (n >= 18 and end[-1:] in ",;:") or n >= 24:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return [plain(" ".join(c).replace("\x00", " ")) for c in out]


def words(s):
    return len(s.split())


def build(doc):
    meta, header, turns, labels = parse(doc)
    fmt = meta["format"]
    lab = {r: plain(l) for r, l in labels.items()}
    hdr = [plain(h) for h in header]
    path = os.path.join(OUT, f"{doc}.{EXT[fmt]}")
    for ext in ("docx", "txt", "srt", "vtt"):
        p = os.path.join(OUT, f"{doc}.{ext}")
        if os.path.exists(p):
            os.remove(p)
    t = 3.4 + (int(doc[2:]) * 1.7)
    if fmt.startswith("docx"):
        d = Document()
        for h in hdr:
            d.add_paragraph(h)
        if hdr:
            d.add_paragraph("")
        for role, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                p.add_run(lab[role] + ":").bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{lab[role]}: {plain(text)}")
        d.save(path)
    elif fmt == "srt":
        if hdr:
            sys.exit(f"{doc}: srt has no header")
        cues, n = [], 0
        for role, text, _ in turns:
            for c in chunks(text):
                n += 1
                dur = max(1.2, words(c) / 2.7)
                cues.append(f"{n}\r\n{ts(t)} --> {ts(t + dur)}\r\n{lab[role]}: {c}\r\n")
                t += dur + 0.15
            t += 0.6
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write("\r\n".join(cues))
    elif fmt == "vtt":
        parts = ["WEBVTT", "NOTE\n" + "\n".join(hdr)]
        for role, text, _ in turns:
            for c in chunks(text):
                dur = max(1.2, words(c) / 2.6)
                parts.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}\n<v {lab[role]}>{c}</v>")
                t += dur + 0.1
            t += 0.7
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write("\n\n".join(parts) + "\n")
    elif fmt == "txt-ts":
        lines = hdr + [""]
        for role, text, _ in turns:
            lines.append(f"[{hms(t)}] {lab[role]}: {plain(text)}")
            lines.append("")
            t += words(plain(text)) / 2.5 + 1.5
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write("\n".join(lines))
    elif fmt == "txt-cp1252":
        lines = hdr + [""]
        for role, text, _ in turns:
            lines.append(f"{lab[role]}: {plain(text)}")
            lines.append("")
        with open(path, "wb") as fh:
            fh.write("\r\n".join(lines).encode("cp1252"))
    else:
        sys.exit(f"{doc}: unknown format {fmt}")

    # identifiers: header, labels, turns
    ids = {}
    sources = header + list(labels.values()) + [t[1] for t in turns]
    for s in sources:
        for m in ANN.finditer(s):
            txt, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc}: bad type {typ}")
            if txt in ids and ids[txt] != typ:
                print(f"WARN {doc}: {txt!r} typed {ids[txt]} and {typ}")
            ids.setdefault(txt, typ)
    # consistency: an identifier string should not also occur un-annotated
    for s in sources:
        rest = ANN.sub("\u00a7", s)
        for txt in ids:
            if re.search(r"(?<!\w)" + re.escape(txt) + r"(?!\w)", rest):
                print(f"WARN {doc}: {txt!r} also occurs un-annotated in: {plain(s)[:70]}...")
    ori = [(i + 1, o) for i, (r, _, o) in enumerate(turns) if r == "R" and o in ("casus", "netwerk")]
    nw = sum(words(plain(t[1])) for t in turns)
    nr = sum(1 for t in turns if t[0] == "R")
    return {"doc": doc, "style": meta["style"], "rationale": meta["rationale"], "ids": ids,
            "ori": ori, "words": nw, "rturns": nr, "fmt": fmt,
            "counts": {k: sum(1 for _, o in ori if o == k) for k in ("casus", "netwerk")}}


def main():
    os.makedirs(OUT, exist_ok=True)
    res = [build(d) for d in DOCS]
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for r in res:
            w.writerow([r["doc"], r["style"], r["rationale"]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in res:
            for i, o in r["ori"]:
                w.writerow([r["doc"], i, o])
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        for r in res:
            for txt, typ in r["ids"].items():
                w.writerow([r["doc"], txt, typ])
    for r in res:
        print(f"{r['doc']} {r['fmt']:11s} {r['style']:15s} words={r['words']} "
              f"rturns={r['rturns']} ids={len(r['ids'])} ori={r['counts']}")


if __name__ == "__main__":
    main()
