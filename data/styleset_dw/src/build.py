#!/usr/bin/env python3
"""Build transcripts + csv files of setDW from the annotated sources in src/.

Source format (src/dwNN.src, UTF-8):
  - meta lines at the top: '#key: value' (id, format, ilabel, rlabel, header (repeatable), start)
  - then one paragraph per speaker turn, separated by blank lines; turn 1 is the interviewer,
    turns strictly alternate.
  - identifiers marked inline as {verbatim text|TYPE}
  - a respondent paragraph may end in ' @casus' or ' @netwerk' (orientation of that turn).
Formats: txt (UTF-8), txt1252 (Windows-1252, CRLF), txtts ('[hh:mm:ss] Label: ...'),
         docx (python-docx, bold speaker run), srt, vtt.
Run with a python that has python-docx (only needed for the docx file).
"""
import csv, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDRE = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def parse(path):
    meta = {"header": []}
    body = []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    i = 0
    while i < len(lines) and (lines[i].startswith("#") or not lines[i].strip()):
        ln = lines[i]
        if ln.startswith("#"):
            k, _, v = ln[1:].partition(":")
            k, v = k.strip(), v.strip()
            if k == "header":
                meta["header"].append(v)
            else:
                meta[k] = v
        i += 1
    paras = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(lines[i:])) if p.strip()]
    turns = []
    for n, p in enumerate(paras, 1):
        p = " ".join(p.split())
        orient = None
        m = re.search(r"\s@(casus|netwerk)$", p)
        if m:
            orient = m.group(1)
            p = p[: m.start()].rstrip()
        if orient and n % 2 == 1:
            sys.exit(f"{path}: orientation on interviewer turn {n}")
        if "@" in p and re.search(r"\s@\w+$", p):
            sys.exit(f"{path}: unknown mark in turn {n}")
        turns.append((n, p, orient))
    return meta, turns


def strip_ids(text, found):
    def rep(m):
        val, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ}")
        found.append((val, typ))
        return val
    return IDRE.sub(rep, text)


def ts(sec, sep=","):
    h, r = divmod(int(sec), 3600)
    m, s = divmod(r, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def parse_start(v):
    h, m, s = (int(x) for x in (v or "00:00:03").split(":"))
    return h * 3600 + m * 60 + s


def render(meta, turns, found):
    fmt = meta["format"]
    il, rl = meta["ilabel"], meta["rlabel"]
    header = [strip_ids(h, found) for h in meta["header"]]
    clean = [(n, strip_ids(t, found)) for n, t, _ in turns]
    label = lambda n: il if n % 2 == 1 else rl
    doc_id = meta["id"]
    words = sum(len(t.split()) for _, t in clean)
    if fmt in ("txt", "txt1252", "txtts"):
        out = []
        if header:
            out += header + [""]
        t = parse_start(meta.get("start"))
        for n, txt in clean:
            if fmt == "txtts":
                out.append(f"[{ts(t)[:8]}] {label(n)}: {txt}")
                t += len(txt.split()) / 2.55 + 1.3
            else:
                out.append(f"{label(n)}: {txt}")
            out.append("")
        text = "\n".join(out)
        if fmt == "txt1252":
            path = os.path.join(OUT, f"{doc_id}.txt")
            with open(path, "wb") as fh:
                fh.write(text.replace("\n", "\r\n").encode("cp1252"))
        else:
            path = os.path.join(OUT, f"{doc_id}.txt")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
    elif fmt == "docx":
        import docx
        d = docx.Document()
        for j, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if j == 0:
                r.bold = True
        if header:
            d.add_paragraph("")
        for n, txt in clean:
            p = d.add_paragraph()
            r = p.add_run(f"{label(n)}:")
            r.bold = True
            p.add_run(" " + txt)
        path = os.path.join(OUT, f"{doc_id}.docx")
        d.save(path)
    elif fmt in ("srt", "vtt"):
        t = parse_start(meta.get("start")) + 0.48
        out = []
        if fmt == "vtt":
            out.append("WEBVTT")
            out.append("")
            if header:
                out.append("NOTE")
                out += header
                out.append("")
        for n, txt in clean:
            dur = len(txt.split()) / 2.6 + 0.7
            a, b = t, t + dur
            if fmt == "srt":
                out.append(str(n))
                out.append(f"{ts(a)} --> {ts(b)}")
                out.append(f"{label(n)}: {txt}")
            else:
                out.append(f"{doc_id}-{n}")
                out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
                out.append(f"<v {label(n)}>{txt}</v>")
            out.append("")
            t = b + 0.9
        path = os.path.join(OUT, f"{doc_id}.{fmt}")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(out))
    else:
        sys.exit(f"unknown format {fmt}")
    return os.path.basename(path), words


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, "*")):
        os.remove(f)
    orient_rows, id_rows, summary = [], [], []
    for src in sorted(glob.glob(os.path.join(HERE, "dw*.src"))):
        meta, turns = parse(src)
        doc_id = meta["id"]
        found = []
        fname, words = render(meta, turns, found)
        for n, _, o in turns:
            if o:
                orient_rows.append((doc_id, n, o))
        seen = set()
        for val, typ in found:
            if (val, typ) not in seen:
                seen.add((val, typ))
                id_rows.append((doc_id, val, typ))
        rturns = len(turns) // 2
        oc = sum(1 for _, _, o in turns if o == "casus")
        on = sum(1 for _, _, o in turns if o == "netwerk")
        summary.append((doc_id, fname, words, len(turns), rturns, oc, on))
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for s in summary:
        print("%s %-10s words=%5d turns=%3d resp_turns=%3d casus=%2d netwerk=%2d" % s)


if __name__ == "__main__":
    main()
