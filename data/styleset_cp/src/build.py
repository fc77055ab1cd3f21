#!/usr/bin/env python3
"""Build setCP transcripts and CSV files from the annotated sources in src/*.src.

Source format
  @key value            metadata lines (format, encoding, header (repeatable), note, ilabel, rlabel,
                        rlabel_type, label_style, style, rationale)
  blank line, then one paragraph per speaker turn, separated by blank lines:
  I: text ...           interviewer turn
  R: text ... {casus}   respondent turn, optionally ending in {casus} or {netwerk}
  [[text|TYPE]]         identifier mark-up (inline, in headers and turns)
Needs python-docx only for .docx output.
"""
import csv, os, re, sys, textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["cp01", "cp02", "cp03", "cp04", "cp05", "cp06"]
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk)\}\s*$")


def strip(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse(path):
    meta = {"header": []}
    turns = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, _, body = text.partition("\n\n")
    for line in head.splitlines():
        if not line.startswith("@"):
            raise SystemExit(f"{path}: bad meta line {line!r}")
        k, _, v = line[1:].partition(" ")
        if k == "header":
            meta["header"].append(v)
        else:
            meta[k] = v
    for para in [p.strip() for p in body.split("\n\n") if p.strip()]:
        para = " ".join(para.split("\n"))
        who, _, rest = para.partition(": ")
        if who not in ("I", "R"):
            raise SystemExit(f"{path}: bad turn start {para[:30]!r}")
        ori = None
        m = ORI.search(rest)
        if m:
            ori = m.group(1)
            rest = rest[: m.start()]
        if who == "I" and ori:
            raise SystemExit(f"{path}: orientation on interviewer turn")
        turns.append((who, rest.strip(), ori))
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path}: alternation broken at turn {i+1}")
    return meta, turns


def ts(sec, sep=","):
    h, r = divmod(int(sec), 3600)
    m, s = divmod(r, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns, start=2.0):
    t = start
    out = []
    for _, txt, _ in turns:
        n = len(strip(txt).split())
        dur = max(1.5, n / 2.6)
        out.append((t, t + dur))
        t += dur + 0.7
    return out


def write_txt(doc, meta, turns, path):
    il, rl = meta["ilabel"], meta["rlabel"]
    lines = []
    if meta["header"]:
        lines += [strip(h) for h in meta["header"]] + [""]
    tim = timings(turns, start=4.0)
    for (who, txt, _), (a, _) in zip(turns, tim):
        lab = il if who == "I" else rl
        if meta.get("label_style") == "timestamp":
            lab = f"[{ts(a)[:8]}] {lab}"
        lines.append(f"{lab}: {strip(txt)}")
        lines.append("")
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if enc == "cp1252" else "\n"
    with open(path, "w", encoding=enc, newline=nl) as f:
        f.write("\n".join(lines))


def write_srt(doc, meta, turns, path):
    il, rl = meta["ilabel"], meta["rlabel"]
    out = []
    for n, ((who, txt, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
        lab = il if who == "I" else rl
        # keep multi-word identifiers on one line: protect their spaces while wrapping
        prot = MARK.sub(lambda m: m.group(1).replace(" ", "\u00a7"), txt)
        body = textwrap.fill(f"{lab}: {prot}", width=90, break_on_hyphens=False).replace("\u00a7", " ")
        out.append(f"{n}\n{ts(a)} --> {ts(b)}\n{body}\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def write_vtt(doc, meta, turns, path):
    il, rl = meta["ilabel"], meta["rlabel"]
    out = ["WEBVTT", ""]
    if meta.get("note"):
        out += ["NOTE " + strip(meta["note"]), ""]
    for n, ((who, txt, _), (a, b)) in enumerate(zip(turns, timings(turns, start=1.0)), 1):
        lab = il if who == "I" else rl
        out += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{strip(txt)}", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def write_docx(doc, meta, turns, path):
    import docx
    d = docx.Document()
    for h in meta["header"]:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = True
    il, rl = meta["ilabel"], meta["rlabel"]
    for who, txt, _ in turns:
        p = d.add_paragraph()
        r = p.add_run((il if who == "I" else rl) + ":")
        r.bold = True
        p.add_run(" " + strip(txt))
    d.save(path)


EXT = {"txt": ("txt", write_txt), "srt": ("srt", write_srt), "vtt": ("vtt", write_vtt),
       "docx": ("docx", write_docx)}


def main():
    os.makedirs(TR, exist_ok=True)
    styles, oris, idents, summary = [], [], [], []
    for doc in IDS:
        meta, turns = parse(os.path.join(HERE, doc + ".src"))
        ext, fn = EXT[meta["format"]]
        fn(doc, meta, turns, os.path.join(TR, f"{doc}.{ext}"))
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (who, _, o) in enumerate(turns, 1):
            if o:
                oris.append((doc, i, o))
        seen = []
        srcs = list(meta["header"]) + ([meta["note"]] if meta.get("note") else []) + [t for _, t, _ in turns]
        for s in srcs:
            for m in MARK.finditer(s):
                key = (m.group(1), m.group(2))
                if key not in seen:
                    seen.append(key)
        if meta.get("rlabel_type"):
            key = (meta["rlabel"], meta["rlabel_type"])
            if key not in seen:
                seen.append(key)
        idents += [(doc, a, b) for a, b in seen]
        words = sum(len(strip(t).split()) for _, t, _ in turns)
        rturns = sum(1 for w, _, _ in turns if w == "R")
        nc = sum(1 for _, _, o in turns if o == "casus")
        nn = sum(1 for _, _, o in turns if o == "netwerk")
        summary.append((doc, meta["style"], f"{doc}.{ext}", meta.get("encoding", "utf-8"), words, len(turns), rturns, nc, nn))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    for row in summary:
        print("{} {:14s} {:10s} {:6s} words={} turns={} resp_turns={} casus={} netwerk={}".format(*row))


if __name__ == "__main__":
    main()
