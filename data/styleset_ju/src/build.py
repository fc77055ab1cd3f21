"""Build the transcripts and csv files of set JU from the annotated sources.

Source format (src/juNN.txt):
  lines starting with '#' are metadata:
    # format: docx_bold | docx_plain | txt_ir_cp1252 | vtt | srt | txt_spreker
    # I: <interviewer label>   # R: <respondent label>   (may contain [[..|PERSOON]])
    # style: casusgericht | netwerkgericht | onbepaald
    # rationale: one sentence
  paragraphs (separated by blank lines) start with 'H: ', 'I: ' or 'R: '.
  identifiers inline as [[text|TYPE]]; respondent paragraphs end in {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["ju01", "ju02", "ju03", "ju04", "ju05", "ju06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir_cp1252": "txt",
       "vtt": "vtt", "srt": "srt", "txt_spreker": "txt"}


def strip(text, ids):
    def rep(m):
        t, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit("unknown type %s" % typ)
        if t not in ids:
            ids[t] = typ
        elif ids[t] != typ:
            sys.exit("type clash for %r" % t)
        return t
    return ANN.sub(rep, text)


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta, paras = {}, []
    body = []
    for line in raw.splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].strip().partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body)):
        block = " ".join(block.split())
        if not block:
            continue
        kind, _, text = block.partition(": ")
        if kind not in ("H", "I", "R"):
            sys.exit("%s: bad paragraph %r" % (doc, block[:60]))
        paras.append((kind, text))
    return meta, paras


def chunks(annotated, maxw=24):
    """Split an annotated turn into cue-sized pieces at sentence ends, never inside [[..]]."""
    protected = ANN.sub(lambda m: m.group(0).replace(" ", "\x00"), annotated)
    sents = re.split(r"(?<=[.!?…])\s+(?=[A-Z\"“(’'])", protected)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [c.replace("\x00", " ") for c in out]


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    return "%02d:%02d:%02d%s%03d" % (h, m, int(s), sep, ms)


def build(doc):
    meta, paras = parse(doc)
    ids = {}
    fmt = meta["format"]
    labels = {"I": strip(meta.get("I", "Interviewer"), ids), "R": strip(meta.get("R", "Respondent"), ids)}
    header = []
    turns = []  # (speaker, annotated_text, orientation)
    for kind, text in paras:
        if kind == "H":
            header.append(strip(text, ids))
            continue
        ori = None
        if kind == "R":
            m = ORI.search(text)
            if not m:
                sys.exit("%s: respondent turn without orientation: %r" % (doc, text[:60]))
            ori = m.group(1)
            text = ORI.sub("", text)
        elif ORI.search(text):
            sys.exit("%s: interviewer turn with orientation" % doc)
        turns.append((kind, text, ori))
    # alternation
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit("%s: turn %d out of order" % (doc, i + 1))
    plain = [(k, strip(t, ids), o) for k, t, o in turns]
    ext = EXT[fmt]
    path = os.path.join(OUT, "%s.%s" % (doc, ext))
    if fmt.startswith("docx"):
        import docx
        d = docx.Document()
        for h in header:
            d.add_paragraph(h)
        if header:
            d.add_paragraph("")
        for k, t, _ in plain:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(labels[k] + ":")
                r.bold = True
                p.add_run(" " + t)
            else:
                p.add_run("%s: %s" % (labels[k], t))
        d.save(path)
    elif fmt == "txt_ir_cp1252":
        lines = header + [""] if header else []
        for k, t, _ in plain:
            lines += ["%s: %s" % (labels[k], t), ""]
        with open(path, "wb") as f:
            f.write("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt_spreker":
        lines = header + [""] if header else []
        clock = 3.0
        for k, t, _ in plain:
            lines += ["[%s] %s: %s" % (ts(clock, ",")[:8], labels[k], t), ""]
            clock += len(t.split()) / 2.4 + 1.5
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt in ("vtt", "srt"):
        sep = "." if fmt == "vtt" else ","
        cues = []
        clock = 1.2
        for k, t, _ in turns:
            for j, c in enumerate(chunks(t)):
                c = strip(c, ids)
                dur = max(1.6, len(c.split()) / 2.5)
                cues.append((k, j, c, clock, clock + dur))
                clock += dur + 0.3
            clock += 0.9
        if fmt == "vtt":
            lines = ["WEBVTT", ""]
            if header:
                lines += ["NOTE"] + header + [""]
            for n, (k, j, c, a, b) in enumerate(cues, 1):
                lines += ["%s --> %s" % (ts(a, sep), ts(b, sep)), "<v %s>%s" % (labels[k], c), ""]
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join(lines))
        else:
            lines = []
            for n, (k, j, c, a, b) in enumerate(cues, 1):
                text = "%s: %s" % (labels[k], c) if j == 0 else c
                lines += [str(n), "%s --> %s" % (ts(a, sep), ts(b, sep)), text, ""]
            with open(path, "wb") as f:
                f.write("\r\n".join(lines).encode("utf-8"))
    else:
        sys.exit("unknown format " + fmt)
    orient = [(i + 1, o) for i, (k, _, o) in enumerate(plain) if k == "R" and o in ("casus", "netwerk")]
    words = sum(len(t.split()) for _, t, _ in plain)
    nresp = sum(1 for k, _, _ in plain if k == "R")
    return {"doc": doc, "ext": ext, "ids": ids, "orient": orient, "style": meta["style"],
            "rationale": meta["rationale"], "words": words, "nresp": nresp}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    res = [build(d) for d in DOCS]
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for r in res:
            w.writerow([r["doc"], r["style"], r["rationale"]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in res:
            for i, o in r["orient"]:
                w.writerow([r["doc"], i, o])
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in res:
            for t, typ in r["ids"].items():
                w.writerow([r["doc"], t, typ])
    for r in res:
        print("%s %-5s %-15s words=%d resp_turns=%d ids=%d oriented=%d" % (
            r["doc"], r["ext"], r["style"], r["words"], r["nresp"], len(r["ids"]), len(r["orient"])))


if __name__ == "__main__":
    main()
