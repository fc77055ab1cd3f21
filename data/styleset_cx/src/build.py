#!/usr/bin/env python3
"""Build setCX transcripts + csv files from the annotated sources in src/.

Source format (src/<id>.txt):
  - '@key: value' meta lines at the top (format, encoding, label_I, label_R, header (repeatable),
    extra_id 'text|TYPE' (repeatable), timestamps, bold_labels).
  - then paragraphs separated by blank lines, one per speaker turn, starting 'I: ' or 'R: '.
  - identifiers inline as [[text|TYPE]]; respondent turns may end in {c} (casus), {n} (netwerk)
    or {-} (no clear orientation; same as no mark).
Run with a python that has python-docx (only needed for the .docx file).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

DOCS = ["cx01", "cx02", "cx03", "cx04", "cx05", "cx06"]
EXT = {"srt": "srt", "vtt": "vtt", "docx": "docx", "txt": "txt"}

STYLES = {
    "cx01": ("netwerkgericht", "Police officer who tells warm stories about one client but invests his time in building and maintaining a standing multi-agency table, agreements with housing and mental-health partners, and escalation of patterns to management."),
    "cx02": ("casusgericht", "Top-X case director who attends many meetings and makes many agreements with partners, but each one is instrumental to one young man's plan and her trust work with him and his mother."),
    "cx03": ("onbepaald", "Genuinely mixed: a mental-health nurse who splits her week and her energy about equally between intensive work with her own clients and building agreements and escalation routes between organisations."),
    "cx04": ("casusgericht", "Terse probation officer whose whole account is about one released client's plan, daily contact and trust, using partners only as needed for him and explicitly leaving system questions to others."),
    "cx05": ("netwerkgericht", "Safety-house team leader who leaves casework to her staff and invests in relations with partner managers, structural agreements, counting patterns across cases and escalating to the steering group."),
    "cx06": ("casusgericht", "Youth case director whose coordination of school, probation, debt help and police is entirely in service of one boy and his family, with trust built personally and a structural issue dropped once his problem was solved."),
}

# location names that are marked wherever they occur (the setting's neighbourhoods and cities)
GLOBAL_IDS = [
    ("Den Haag", "LOCATIE"), ("Schilderswijk", "LOCATIE"), ("Transvaal", "LOCATIE"),
    ("Escamp", "LOCATIE"), ("Moerwijk", "LOCATIE"), ("Zuiderpark", "LOCATIE"),
    ("Scheveningen", "LOCATIE"), ("Delft", "LOCATIE"), ("Bouwlust", "LOCATIE"),
    ("Hobbemastraat", "LOCATIE"), ("Hobbemaplein", "LOCATIE"), ("Erasmusweg", "LOCATIE"),
    ("Leyweg", "LOCATIE"),
]

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*\{([cn-])\}\s*$")


def parse(doc):
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    meta = {"header": [], "extra_id": []}
    i = 0
    while i < len(lines) and lines[i].startswith("@"):
        k, _, v = lines[i][1:].partition(":")
        v = v[1:] if v.startswith(" ") else v
        if k in ("header", "extra_id"):
            meta[k].append(v)
        else:
            meta[k] = v.strip()
        i += 1
    body = "\n".join(lines[i:]).strip()
    turns = []
    for para in re.split(r"\n\s*\n", body):
        para = " ".join(x.strip() for x in para.strip().split("\n"))
        m = re.match(r"^([IR]):\s*(.*)$", para)
        if not m:
            sys.exit(f"{doc}: bad paragraph start: {para[:40]!r}")
        who, text = m.group(1), m.group(2)
        mark = None
        mm = MARK_RE.search(text)
        if mm:
            mark = mm.group(1)
            text = text[: mm.start()]
            if who != "R":
                sys.exit(f"{doc}: orientation mark on interviewer turn")
        turns.append((who, text.strip(), None if mark in (None, "-") else mark))
    for n, (who, _, _) in enumerate(turns):
        if who != ("I" if n % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {n + 1}")
    return meta, turns


def strip_ids(text, ids):
    def rep(m):
        ids.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(rep, text)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(texts, start=3.2):
    t = start
    out = []
    for k, x in enumerate(texts):
        dur = max(1.5, len(x.split()) / 2.55)
        out.append((t, t + dur))
        t = t + dur + 0.4 + (k % 3) * 0.35
    return out


def render(doc, meta, turns):
    ids = []
    header = [strip_ids(h, ids) for h in meta["header"]]
    texts = [strip_ids(t, ids) for _, t, _ in turns]
    for e in meta["extra_id"]:
        a, b = e.rsplit("|", 1)
        ids.append((a, b))
    labels = {"I": meta["label_I"], "R": meta["label_R"]}
    fmt = meta["format"]
    path = os.path.join(OUT, f"{doc}.{EXT[fmt]}")
    if fmt == "txt":
        out = list(header)
        if meta.get("timestamps") == "yes":
            tm = timings(texts, start=1.8)
            for (who, _, _), x, (a, _) in zip(turns, texts, tm):
                out.append(f"[{ts(a, ',')[:8]}] {labels[who]}: {x}")
                out.append("")
        else:
            for (who, _, _), x in zip(turns, texts):
                out.append(f"{labels[who]}: {x}")
                out.append("")
        content = "\n".join(out).rstrip("\n") + "\n"
        enc = meta.get("encoding", "utf-8")
        data = content.replace("\n", "\r\n").encode(enc) if enc == "cp1252" else content.encode(enc)
        with open(path, "wb") as f:
            f.write(data)
        rendered = content
    elif fmt == "srt":
        tm = timings(texts)
        out = []
        for n, ((who, _, _), x, (a, b)) in enumerate(zip(turns, texts, tm), 1):
            out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{labels[who]}: {x}", ""]
        rendered = "\n".join(out)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(rendered)
    elif fmt == "vtt":
        tm = timings(texts, start=0.9)
        out = ["WEBVTT", ""]
        for h in header:
            out += [h, ""]
        for n, ((who, _, _), x, (a, b)) in enumerate(zip(turns, texts, tm), 1):
            out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {labels[who]}>{x}</v>", ""]
        rendered = "\n".join(out)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(rendered)
    elif fmt == "docx":
        import docx
        d = docx.Document()
        for k, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if k == 0:
                r.bold = True
        d.add_paragraph("")
        for (who, _, _), x in zip(turns, texts):
            p = d.add_paragraph()
            r = p.add_run(labels[who] + ":")
            r.bold = meta.get("bold_labels") == "yes"
            p.add_run(" " + x)
        d.save(path)
        rendered = "\n".join(header + [f"{labels[w]}: {x}" for (w, _, _), x in zip(turns, texts)])
    else:
        sys.exit(f"unknown format {fmt}")
    for term, typ in GLOBAL_IDS:
        if re.search(r"\b" + re.escape(term) + r"\b", rendered):
            ids.append((term, typ))
    seen, uniq = set(), []
    for a, b in ids:
        if (a, b) not in seen:
            seen.add((a, b))
            uniq.append((a, b))
    words = sum(len(x.split()) for x in texts)
    return path, uniq, words, texts


def main():
    os.makedirs(OUT, exist_ok=True)
    orient, idrows, stats = [], [], []
    for doc in DOCS:
        meta, turns = parse(doc)
        path, ids, words, texts = render(doc, meta, turns)
        for n, (who, _, mark) in enumerate(turns, 1):
            if mark:
                orient.append((doc, n, {"c": "casus", "n": "netwerk"}[mark]))
        idrows += [(doc, a, b) for a, b in ids]
        rturns = sum(1 for w, _, _ in turns if w == "R")
        nc = sum(1 for w, _, m in turns if m == "c")
        nn = sum(1 for w, _, m in turns if m == "n")
        stats.append((doc, os.path.basename(path), words, rturns, nc, nn))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient, key=lambda r: (r[0], r[1])):
            w.writerow(row)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in idrows:
            w.writerow(row)
    with open(os.path.join(HERE, "stats.tsv"), "w", encoding="utf-8") as f:
        f.write("doc\tfile\twords\trespondent_turns\tcasus_turns\tnetwerk_turns\n")
        for s in stats:
            f.write("\t".join(map(str, s)) + "\n")
    for s in stats:
        print(*s, sep="\t")


if __name__ == "__main__":
    main()
