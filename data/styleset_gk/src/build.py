#!/usr/bin/env python3
"""Build the transcripts and the three csv files of blind set GK from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
(needs python-docx for the two .docx transcripts).

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines,
  H: header line   I: interviewer turn   R: respondent turn ending in {casus} | {netwerk} | {-}
identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# Speaker labels may carry identifier markup (names used as labels count as PERSOON).
DOCS = {
    "gk01": dict(fmt="srt", I="Interviewer", R="[[Danny|PERSOON]]", enc="utf-8", nl="\r\n"),
    "gk02": dict(fmt="docx", bold=True, I="Interviewer", R="Respondent"),
    "gk03": dict(fmt="docx", bold=False, I="Onderzoeker", R="[[Marieke|PERSOON]]"),
    "gk04": dict(fmt="txt", I="I", R="R", enc="cp1252", nl="\r\n"),
    "gk05": dict(fmt="vtt", I="Interviewer", R="[[Petra Hoogeveen|PERSOON]]", enc="utf-8", nl="\n"),
    "gk06": dict(fmt="txt_ts", I="Spreker 1", R="Spreker 2", enc="utf-8", nl="\n"),
}

STYLES = {
    "gk01": ("casusgericht",
             "Invests his own time and trust in the two brothers and their mother, handles every partner "
             "one by one as a means for their plan, and declines the structural working group."),
    "gk02": ("netwerkgericht",
             "Despite warm stories about the brothers she hands daily contact to the youth worker and "
             "gezinsmanager and invests in agreements, escalation and trust between organisations."),
    "gk03": ("onbepaald",
             "Genuinely mixed: she invests about equally in her own trust relation with the family and in "
             "structural agreements with leerplicht, the corporation and an inter-organisational intervisie."),
    "gk04": ("casusgericht",
             "Attends many meetings and names many partners, but each is a means for one boy's plan; he "
             "declines structural work and solves barriers only for this family."),
    "gk05": ("onbepaald",
             "Too little evidence: guarded and procedural, talks in protocols and generalities and never "
             "shows where her own effort and trust go."),
    "gk06": ("netwerkgericht",
             "Deliberately sees the brothers rarely and invests in agreements with the OM, the housing "
             "corporation and youth protection, pattern overviews across families and escalation."),
}

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def idents(s):
    out = []
    for m in ANN.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"bad type {m.group(2)} in {s[:60]}")
        out.append((m.group(1), m.group(2)))
    return out


def parse_src(doc):
    text = open(os.path.join(HERE, doc + ".txt"), encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, rest = p[:2], p[3:].strip()
        if kind == "H:":
            if turns:
                sys.exit(f"{doc}: header after turns")
            header.append(rest)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", rest)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without orientation: {rest[:60]}")
                orient = m.group(1)
                rest = rest[:m.start()].rstrip()
            elif re.search(r"\{(casus|netwerk|-)\}$", rest):
                sys.exit(f"{doc}: orientation on interviewer turn")
            turns.append((kind[0], rest, orient))
        else:
            sys.exit(f"{doc}: bad paragraph {p[:40]}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at {i + 1}")
    return header, turns


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def timings(turns, start=3.0):
    """Simple speaking-rate timings per turn: (start, end) in seconds."""
    t, out = start, []
    for k, txt, _ in turns:
        dur = nwords(plain(txt)) / 2.5 + 0.6
        out.append((t, t + dur))
        t += dur + 1.1
    return out


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def split_sentences(ann):
    """Split annotated text into sentences, never inside [[...]]."""
    parts, buf, depth, i = [], "", 0, 0
    while i < len(ann):
        if ann.startswith("[[", i):
            depth += 1
        if ann.startswith("]]", i):
            depth -= 1
        c = ann[i]
        buf += c
        if depth == 0 and c in ".!?" and i + 1 < len(ann):
            j = i + 1
            while j < len(ann) and ann[j] in "\"”')":
                buf += ann[j]
                j += 1
            if j < len(ann) and ann[j] == " ":
                parts.append(buf.strip())
                buf = ""
                i = j
        i += 1
    if buf.strip():
        parts.append(buf.strip())
    return parts


def chunks(ann, maxw=32):
    out, cur = [], []
    for s in split_sentences(ann):
        if cur and nwords(plain(" ".join(cur + [s]))) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def build_docx(doc, cfg, header, turns, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    d.core_properties.author = "transcriptie"
    d.core_properties.title = "Interview"
    for h in header:
        d.add_paragraph(plain(h))
    for k, txt, _ in turns:
        label = plain(cfg[k]) + ":"
        p = d.add_paragraph()
        if cfg.get("bold"):
            r = p.add_run(label)
            r.bold = True
            p.add_run(" " + plain(txt))
        else:
            p.add_run(label + " " + plain(txt))
    d.save(path)


def build_txt(doc, cfg, header, turns, path):
    nl = cfg["nl"]
    lines = [plain(h) for h in header]
    body = []
    if cfg["fmt"] == "txt_ts":
        for (k, txt, _), (a, _) in zip(turns, timings(turns, 4.0)):
            body.append(f"[{fmt_ts(a, ',')[:8]}] {plain(cfg[k])}: {plain(txt)}")
    else:
        for k, txt, _ in turns:
            body.append(f"{plain(cfg[k])}: {plain(txt)}")
    out = nl.join(lines) + nl + nl + (nl + nl).join(body) + nl
    with open(path, "wb") as f:
        f.write(out.encode(cfg["enc"]))


def build_srt(doc, cfg, header, turns, path):
    nl = cfg["nl"]
    cues = []
    for n, ((k, txt, _), (a, b)) in enumerate(zip(turns, timings(turns, 1.5)), 1):
        cues.append(f"{n}{nl}{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}{nl}{plain(cfg[k])}: {plain(txt)}")
    out = (nl + nl).join(cues) + nl
    with open(path, "wb") as f:
        f.write(out.encode(cfg["enc"]))


def build_vtt(doc, cfg, header, turns, path):
    nl = cfg["nl"]
    blocks = ["WEBVTT", "NOTE" + nl + nl.join(plain(h) for h in header)]
    n = 0
    for (k, txt, _), (a, b) in zip(turns, timings(turns, 2.0)):
        parts = chunks(txt)
        total = sum(nwords(plain(p)) for p in parts) or 1
        t = a
        for p in parts:
            d = (b - a) * nwords(plain(p)) / total
            n += 1
            blocks.append(f"{n}{nl}{fmt_ts(t, '.')} --> {fmt_ts(t + d, '.')}{nl}"
                          f"<v {plain(cfg[k])}>{plain(p)}</v>")
            t += d
    out = (nl + nl).join(blocks) + nl
    with open(path, "wb") as f:
        f.write(out.encode(cfg["enc"]))


EXT = {"docx": "docx", "txt": "txt", "txt_ts": "txt", "srt": "srt", "vtt": "vtt"}


def lint(doc, header, turns, ids):
    """Warn about identifier strings that also occur unannotated in the source."""
    raw = "\n".join(header + [t for _, t, _ in turns])
    masked = ANN.sub(lambda m: "#" * len(m.group(1)), raw)
    for s, _ in ids:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", masked):
            ctx = masked[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            print(f"  lint {doc}: unannotated '{s}': ...{ctx}...")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, id_rows = [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        path = os.path.join(OUT, f"{doc}.{EXT[cfg['fmt']]}")
        {"docx": build_docx, "txt": build_txt, "txt_ts": build_txt,
         "srt": build_srt, "vtt": build_vtt}[cfg["fmt"]](doc, cfg, header, turns, path)
        # identifiers: header, labels, turns; one row per distinct string
        seen, ids = {}, []
        for s in header + [cfg["I"], cfg["R"]] + [t for _, t, _ in turns]:
            for val, typ in idents(s):
                if val in seen:
                    if seen[val] != typ:
                        sys.exit(f"{doc}: '{val}' has two types")
                    continue
                seen[val] = typ
                ids.append((val, typ))
        id_rows += [(doc, v, t) for v, t in ids]
        lint(doc, header, turns, ids)
        for i, (k, _, o) in enumerate(turns, 1):
            if k == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        words = sum(nwords(plain(t)) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        oc = [o for k, _, o in turns if k == "R"]
        print(f"{doc}: {cfg['fmt']:6s} words={words} turns={len(turns)} R={nr} "
              f"casus={oc.count('casus')} netwerk={oc.count('netwerk')} ids={len(ids)}")
    with open(os.path.join(SET, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(SET, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(SET, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])


if __name__ == "__main__":
    main()
