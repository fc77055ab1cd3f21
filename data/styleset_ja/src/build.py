"""Build set JA: transcripts/<doc>.<ext>, styles.csv, orientation.csv, identifiers.csv.

Sources: src/<doc>.txt, one paragraph per turn ("H:" header, "I:" interviewer, "R:" respondent),
identifiers inline as [[text|TYPE]], respondent paragraphs ending in {casus}, {netwerk} or {-}.
Run with: /work/main/.venv/bin/python src/build.py   (python-docx needed for .docx)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# Per document: format and speaker labels (labels may carry identifier markup).
DOCS = {
    "ja01": dict(fmt="docx", bold=True, labels={"I": "Interviewer", "R": "Respondent"}),
    "ja02": dict(fmt="txt", encoding="cp1252", newline="\r\n", labels={"I": "I", "R": "R"}),
    "ja03": dict(fmt="vtt", labels={"I": "[[Ilse Jansma|PERSOON]]", "R": "[[Mirjam Hofstede|PERSOON]]"}),
    "ja04": dict(fmt="srt", newline="\r\n", labels={"I": "[[Els|PERSOON]]", "R": "[[Anton|PERSOON]]"}),
    "ja05": dict(fmt="stamp", encoding="utf-8", newline="\n",
                 labels={"I": "Spreker 1", "R": "Spreker 2"}),
    "ja06": dict(fmt="docx", bold=False,
                 labels={"I": "[[Rianne Smit|PERSOON]]", "R": "[[Gea Brinkman|PERSOON]]"}),
}

STYLES = {
    "ja01": ("netwerkgericht",
             "Terse ketenregisseur who deliberately keeps no caseload, leaves client contact and client "
             "trust to casemanagers and invests in PI agreements, a covenant, an escalation ladder, "
             "a fast track at schuldhulp and an employers' circle."),
    "ja02": ("casusgericht",
             "Angry nazorgconsulent who invests all her effort and trust in the person (driving him, "
             "sitting at the loket, keeping promises), uses every partner only for his plan and "
             "explicitly declines the regional working group and any structural work."),
    "ja03": ("casusgericht",
             "Trajectregisseur who names many partners and runs a six-weekly round table, but every "
             "partner and meeting serves one young man's plan; the chain meeting is left to her team "
             "leader and agreements are made per person."),
    "ja04": ("onbepaald",
             "Genuinely mixed: former reclassering manager who keeps his own caseload and invests in "
             "personal trust with clients while equally investing in the nazorg table, a consent form "
             "and agreements with corporaties, and says he needs both."),
    "ja05": ("netwerkgericht",
             "Warm storyteller whose client stories turn out to be about structures he built "
             "(employers' foundation, housing covenant, PI notification, agreement between "
             "municipalities) while daily contact is left to reclassering and wijkcoaches."),
    "ja06": ("onbepaald",
             "Too little evidence: guarded procesregisseur who answers with procedures, frameworks and "
             "generalities, withholds examples and never shows where her own effort or trust goes."),
}

MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")


def strip(text):
    return MARK.sub(lambda m: m.group(1), text)


def parse_src(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, _, body = p.partition(": ")
        if kind == "H":
            if turns:
                sys.exit(f"{doc}: header paragraph after turns: {p[:60]}")
            header.append(body)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", body)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without orientation tag: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}", body):
                sys.exit(f"{doc}: orientation tag in interviewer turn")
            if turns and turns[-1][0] == kind:
                sys.exit(f"{doc}: turns do not alternate at: {body[:60]}")
            if not turns and kind != "I":
                sys.exit(f"{doc}: first turn is not the interviewer")
            turns.append((kind, body, orient))
        else:
            sys.exit(f"{doc}: unknown paragraph kind: {p[:60]}")
    return header, turns


def collect_ids(doc, texts):
    ids = {}
    for t in texts:
        for m in MARK.finditer(t):
            s, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc}: unknown type {typ}")
            if s in ids and ids[s] != typ:
                sys.exit(f"{doc}: {s!r} tagged as {ids[s]} and {typ}")
            ids.setdefault(s, typ)
    leftover = [t for t in texts if "[[" in MARK.sub("", t) or "]]" in MARK.sub("", t)]
    if leftover:
        sys.exit(f"{doc}: broken markup: {leftover[0][:80]}")
    return ids


def chunks(marked, lo=8, hi=20):
    """Split a marked-up turn into cue texts at sentence ends; identifiers are never split."""
    protected = MARK.sub(lambda m: m.group(0).replace(" ", "\x00"), marked)
    words = protected.split()
    out, cur = [], []
    for i, w in enumerate(words):
        cur.append(w)
        plain = strip(w.replace("\x00", " ")).rstrip(")\"'’”")
        end = plain.endswith((".", "?", "!")) and not re.fullmatch(r"[A-Z]\.", plain)
        rest = len(words) - i - 1
        if (len(cur) >= lo and end and rest >= 4) or len(cur) >= hi and rest >= 4:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return [strip(" ".join(c).replace("\x00", " ")) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.6, len(text.split()) / 2.5)


def build_docx(doc, cfg, header, turns, path):
    import docx
    d = docx.Document()
    for h in header:
        d.add_paragraph(strip(h))
    if header:
        d.add_paragraph("")
    for kind, body, _ in turns:
        label = strip(cfg["labels"][kind])
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + strip(body))
        else:
            p.add_run(f"{label}: {strip(body)}")
    d.save(path)


def build_txt(doc, cfg, header, turns, path, stamps=False):
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    t = 4.0
    for kind, body, _ in turns:
        label = strip(cfg["labels"][kind])
        text = strip(body)
        if stamps:
            lines.append(f"[{ts(t, ',')[:8]}] {label}: {text}")
            t += dur(text) + 1.5
        else:
            lines.append(f"{label}: {text}")
        lines.append("")
    content = cfg.get("newline", "\n").join(lines)
    with open(path, "w", encoding=cfg.get("encoding", "utf-8"), newline="") as f:
        f.write(content)


def build_vtt(doc, cfg, header, turns, path):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [strip(h) for h in header]
        lines.append("")
    t, n = 2.0, 0
    for kind, body, _ in turns:
        label = strip(cfg["labels"][kind])
        for c in chunks(body):
            n += 1
            d = dur(c)
            lines += [f"{n}", f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {label}>{c}</v>", ""]
            t += d + 0.2
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines))


def build_srt(doc, cfg, header, turns, path):
    if header:
        sys.exit(f"{doc}: srt has no header")
    lines = []
    t, n = 1.0, 0
    for kind, body, _ in turns:
        label = strip(cfg["labels"][kind])
        for c in chunks(body):
            n += 1
            d = dur(c)
            lines += [f"{n}", f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{label}: {c}", ""]
            t += d + 0.2
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(cfg.get("newline", "\n").join(lines))


EXT = {"docx": "docx", "txt": "txt", "stamp": "txt", "vtt": "vtt", "srt": "srt"}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, id_rows, stats = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        label_texts = [cfg["labels"]["I"], cfg["labels"]["R"]]
        ids = collect_ids(doc, header + [b for _, b, _ in turns] + label_texts)
        path = os.path.join(OUT, f"{doc}.{EXT[cfg['fmt']]}")
        fmt = cfg["fmt"]
        if fmt == "docx":
            build_docx(doc, cfg, header, turns, path)
        elif fmt == "txt":
            build_txt(doc, cfg, header, turns, path)
        elif fmt == "stamp":
            build_txt(doc, cfg, header, turns, path, stamps=True)
        elif fmt == "vtt":
            build_vtt(doc, cfg, header, turns, path)
        elif fmt == "srt":
            build_srt(doc, cfg, header, turns, path)
        for i, (kind, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        for s, typ in ids.items():
            id_rows.append((doc, s, typ))
        words = sum(len(strip(b).split()) for _, b, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        oc = sum(1 for d, _, o in orient_rows if d == doc and o == "casus")
        on = sum(1 for d, _, o in orient_rows if d == doc and o == "netwerk")
        stats.append((doc, fmt, words, nr, len(ids), oc, on))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   fmt    words  R-turns  ids  casus  netwerk")
    for s in stats:
        print("{:5} {:6} {:6} {:8} {:4} {:6} {:7}".format(*s))


if __name__ == "__main__":
    main()
