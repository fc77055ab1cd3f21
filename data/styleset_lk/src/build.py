"""Build the setLK transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (python-docx needed for the .docx files)

Source format (src/<doc_id>.txt): paragraphs separated by blank lines, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are
marked inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.
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

# per-document delivery format; label_ids are speaker labels that are names (PERSOON)
DOCS = {
    "lk01": dict(fmt="txt", enc="cp1252", eol="\r\n", ilabel="I", rlabel="R", label_ids=[]),
    "lk02": dict(fmt="vtt", ilabel="Interviewer", rlabel="Roel Kicken", label_ids=["Roel Kicken"]),
    "lk03": dict(fmt="srt", eol="\r\n", ilabel="Interviewer", rlabel="Yvonne", label_ids=["Yvonne"]),
    "lk04": dict(fmt="docx", bold=False, ilabel="I", rlabel="R", label_ids=[]),
    "lk05": dict(fmt="txt", enc="utf-8", eol="\n", ilabel="Spreker 1", rlabel="Spreker 2",
                 timestamps=True, label_ids=[]),
    "lk06": dict(fmt="docx", bold=True, ilabel="Interviewer", rlabel="Carla Mertens-Hamers",
                 label_ids=["Carla Mertens-Hamers"]),
}

STYLES = {
    "lk01": ("casusgericht",
             "The Veiligheidshuis regisseur names many partners, but each is recruited with one "
             "question for Dylan's own plan, she keeps the daily contact herself and declines the "
             "structural working group."),
    "lk02": ("netwerkgericht",
             "The border police coordinator tells a warm story about a young runner but hands the "
             "contact to a youth worker and a youth officer and invests in agreements, escalation "
             "lines and personal trust with the German and Dutch organisations."),
    "lk03": ("netwerkgericht",
             "The housing corporation team leader leaves tenant contact to her consulenten and puts "
             "her own effort into the eviction table, the covenant, the signalling route and "
             "patterns across addresses."),
    "lk04": ("onbepaald",
             "Genuinely mixed, and she says so herself: half her week at one family's kitchen table, "
             "half building the early-warning agreements between organisations."),
    "lk05": ("onbepaald",
             "Genuinely mixed without ever saying so: the Limburgish probation worker invests "
             "equally in his own bond with Ronnie and in the cross-border probation arrangement "
             "and the addiction table."),
    "lk06": ("onbepaald",
             "Too little evidence: the municipal coordinator stays guarded and procedural and never "
             "shows where her own effort or trust goes."),
}

TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, _, body = p.partition(": ")
        if kind == "H":
            header.append(body)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(body)
                if not m:
                    sys.exit("%s: respondent paragraph without orientation: %s" % (doc_id, body[:60]))
                orient = m.group(1)
                body = body[: m.start()].rstrip()
            elif ORIENT.search(body):
                sys.exit("%s: interviewer paragraph with orientation: %s" % (doc_id, body[:60]))
            turns.append((kind, body, orient))
        else:
            sys.exit("%s: bad paragraph start: %s" % (doc_id, p[:60]))
    return header, turns


def sentences(annotated):
    """Split annotated text into sentences without ever splitting inside a [[..|..]] tag."""
    holders = []

    def hold(m):
        holders.append(m.group(0))
        return "\x00%d\x00" % (len(holders) - 1)

    protected = TAG.sub(hold, annotated)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'\x00])", protected)
    back = lambda s: re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], s)
    return [back(p) for p in parts if p.strip()]


def chunks(annotated, max_words=28):
    out, cur = [], []
    for s in sentences(annotated):
        n = len(plain(s).split())
        if cur and len(plain(" ".join(cur)).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def dur(text):
    return max(1.5, len(text.split()) / 2.6)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def hms(sec):
    sec = int(sec)
    return "%02d:%02d:%02d" % (sec // 3600, sec % 3600 // 60, sec % 60)


def label(cfg, kind):
    return cfg["ilabel"] if kind == "I" else cfg["rlabel"]


def build_txt(doc_id, cfg, header, turns):
    eol = cfg["eol"]
    lines = []
    if header:
        lines += [plain(h) for h in header] + [""]
    t = 4.0
    for kind, body, _ in turns:
        text = plain(body)
        if cfg.get("timestamps"):
            lines.append("[%s] %s: %s" % (hms(t), label(cfg, kind), text))
        else:
            lines.append("%s: %s" % (label(cfg, kind), text))
        lines.append("")
        t += dur(text) + 1.2
    data = eol.join(lines).rstrip() + eol
    path = os.path.join(OUT, doc_id + ".txt")
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))
    return path


def build_vtt(doc_id, cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h) for h in header]
        out.append("")
    t = 2.0
    for kind, body, _ in turns:
        for c in chunks(body):
            text = plain(c)
            d = dur(text)
            out.append("%s --> %s" % (ts(t, "."), ts(t + d, ".")))
            out.append("<v %s>%s" % (label(cfg, kind), text))
            out.append("")
            t += d + 0.3
        t += 0.8
    path = os.path.join(OUT, doc_id + ".vtt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))
    return path


def build_srt(doc_id, cfg, header, turns):
    if header:
        sys.exit("%s: srt has no header" % doc_id)
    out, n, t = [], 0, 1.0
    for kind, body, _ in turns:
        for c in chunks(body, max_words=60):
            text = plain(c)
            d = dur(text)
            n += 1
            out += [str(n), "%s --> %s" % (ts(t, ","), ts(t + d, ",")),
                    "%s: %s" % (label(cfg, kind), text), ""]
            t += d + 0.4
        t += 0.8
    path = os.path.join(OUT, doc_id + ".srt")
    with open(path, "wb") as f:
        f.write(cfg["eol"].join(out).encode("utf-8"))
    return path


def build_docx(doc_id, cfg, header, turns):
    import docx
    d = docx.Document()
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for kind, body, _ in turns:
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label(cfg, kind) + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run("%s: %s" % (label(cfg, kind), plain(body)))
    path = os.path.join(OUT, doc_id + ".docx")
    d.save(path)
    return path


BUILDERS = {"txt": build_txt, "vtt": build_vtt, "srt": build_srt, "docx": build_docx}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, id_rows, summary = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        BUILDERS[cfg["fmt"]](doc_id, cfg, header, turns)
        ids = {}
        for s in header + [b for _, b, _ in turns]:
            for m in TAG.finditer(s):
                text, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit("%s: bad type %s" % (doc_id, typ))
                if text in ids and ids[text] != typ:
                    sys.exit("%s: %r has two types" % (doc_id, text))
                ids.setdefault(text, typ)
        for name in cfg["label_ids"]:
            ids.setdefault(name, "PERSOON")
        # warn about untagged occurrences of known identifier strings
        untagged = " ".join(TAG.sub(" ", s) for s in header + [b for _, b, _ in turns])
        for text in ids:
            if re.search(r"(?<!\w)%s(?!\w)" % re.escape(text), untagged):
                print("WARN %s: untagged occurrence of %r" % (doc_id, text))
        for text, typ in ids.items():
            id_rows.append((doc_id, text, typ))
        for i, (kind, body, orient) in enumerate(turns, 1):
            if (i % 2 == 1) != (kind == "I"):
                sys.exit("%s: turn %d out of alternation" % (doc_id, i))
            if orient in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, orient))
        words = sum(len([w for w in plain(b).split() if re.search(r"\w", w)]) for _, b, _ in turns)
        rturns = [o for k, _, o in turns if k == "R"]
        summary.append((doc_id, cfg["fmt"], words, len(rturns), rturns.count("casus"),
                        rturns.count("netwerk"), rturns.count("-"), len(ids)))
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, STYLES[doc_id][0], STYLES[doc_id][1]])
    print("doc   fmt   words  r-turns casus netwerk -  ids")
    for row in summary:
        print("%-5s %-5s %5d  %5d  %5d %5d %5d %4d" % row)


if __name__ == "__main__":
    main()
