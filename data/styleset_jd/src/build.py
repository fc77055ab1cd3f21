"""Build the setJD transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (from the set folder or anywhere)

Source format (src/<doc_id>.txt), one paragraph per line, blank lines ignored:
  H: header line            (may contain identifiers)
  I: interviewer turn
  R: respondent turn ... {casus}|{netwerk}|{-}
Identifiers inline as [[text|TYPE]]. Lines starting with '#' are comments.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

# doc_id -> format, speaker labels (interviewer, respondent), which labels are
# person names (identifiers), style and rationale.
DOCS = {
    "jd01": dict(fmt="docx-bold", labels=("Interviewer", "Respondent"), label_persons=(),
                 style="onbepaald",
                 rationale="Genuinely mixed: she carries her own cases at the kitchen table and, in equal measure, rebuilt the regional chain meeting, negotiated the crisis-bed agreement and the privacy work instruction."),
    "jd02": dict(fmt="txt-cp1252", labels=("I", "R"), label_persons=(),
                 style="casusgericht",
                 rationale="Every partner he names (police, probation, wijkteam, boxing club, mosque contact) is a means for the young man's own plan, and he explicitly declines the structural working groups and hands them to his team leader."),
    "jd03": dict(fmt="vtt", labels=("Sanne Leferink", "Wilma Scholten"), label_persons=("Sanne Leferink", "Wilma Scholten"),
                 style="netwerkgericht",
                 rationale="She never visits clients, invests a year of trust in the mosque committee and in the organisations, built the monthly case table, the written agreement, the escalation ladder and region-wide rules."),
    "jd04": dict(fmt="srt", labels=("Joris", "Hatice"), label_persons=("Joris", "Hatice"),
                 style="onbepaald",
                 rationale="Genuinely mixed: she tells mostly case stories in which she does the home visits herself, but each story also leads to structures she built and maintains (Veilig Thuis-mosque meeting, huisverbod procedure, duo assessment, partner lunches)."),
    "jd05": dict(fmt="txt-spreker", labels=("Spreker 1", "Spreker 2"), label_persons=(),
                 style="casusgericht",
                 rationale="He describes the partners' procedures at length but only to time them for his one client, visits and collects him himself, and refuses the working group on information exchange."),
    "jd06": dict(fmt="docx-plain", labels=("Eva", "Joost"), label_persons=("Eva", "Joost"),
                 style="netwerkgericht",
                 rationale="Despite warm detailed stories about one young mother he handed her daily contact to the wijkteam and invested in the 18-minus-6 transfer agreement, the housing breakthrough agreement, evening reachability and quarterly monitoring."),
}

ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    return ID_RE.sub(lambda m: m.group(1), text)


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    header, turns = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            kind, _, body = line.partition(": ")
            if kind == "H":
                header.append(body)
            elif kind in ("I", "R"):
                tag = None
                if kind == "R":
                    m = TAG_RE.search(body)
                    if not m:
                        sys.exit(f"{doc_id}:{n}: respondent turn without tag")
                    tag = m.group(1)
                    body = body[:m.start()]
                elif TAG_RE.search(body):
                    sys.exit(f"{doc_id}:{n}: interviewer turn with tag")
                turns.append((kind, body.strip(), tag))
            else:
                sys.exit(f"{doc_id}:{n}: bad line start {kind!r}")
    for m in ID_RE.finditer("\n".join(header + [t[1] for t in turns])):
        if m.group(2) not in TYPES:
            sys.exit(f"{doc_id}: bad identifier type {m.group(2)}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns


# ---------------------------------------------------------------- chunking
def tokens(marked):
    """Split marked text into tokens; an identifier is one atomic token."""
    return re.findall(r"\S*\[\[[^\]]+\]\]\S*|\S+", marked)


def chunks(marked, lo=9, hi=19):
    toks = tokens(marked)
    cur, res = [], []
    for t in toks:
        cur.append(t)
        plain = strip(t)
        end_sentence = plain.endswith((".", "?", "!", ")"))
        if (len(cur) >= lo and end_sentence) or len(cur) >= hi or (len(cur) >= hi - 4 and plain.endswith(",")):
            res.append(" ".join(cur))
            cur = []
    if cur:
        if res and len(cur) < 4:
            res[-1] = res[-1] + " " + " ".join(cur)
        else:
            res.append(" ".join(cur))
    return [strip(c) for c in res]


def nwords(text):
    return len(re.findall(r"\w[\w'’\-]*", text))


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_times(doc_turns, start=2.0):
    """Yield (speaker_index, text, t0, t1) per cue."""
    t = start
    for i, (kind, body, _) in enumerate(doc_turns):
        for c in chunks(body):
            dur = max(1.2, 0.36 * nwords(c) + 0.4)
            yield i, kind, c, t, t + dur
            t += dur + 0.25
        t += 0.9


# ---------------------------------------------------------------- writers
def write_docx(doc_id, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if bold:
            r.italic = True
    if header:
        d.add_paragraph()
    for kind, body, _ in turns:
        lab = labels[0] if kind == "I" else labels[1]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + strip(body))
    path = os.path.join(OUT, doc_id + ".docx")
    d.save(path)
    return path


def write_txt_cp1252(doc_id, header, turns, labels):
    lines = [strip(h) for h in header] + [""]
    for kind, body, _ in turns:
        lab = labels[0] if kind == "I" else labels[1]
        lines.append(f"{lab}: {strip(body)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    path = os.path.join(OUT, doc_id + ".txt")
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def write_txt_spreker(doc_id, header, turns, labels):
    lines = [strip(h) for h in header] + [""]
    t = 3.0
    for kind, body, _ in turns:
        lab = labels[0] if kind == "I" else labels[1]
        s = int(t)
        lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab}: {strip(body)}")
        lines.append("")
        t += 0.37 * nwords(strip(body)) + 1.5
    path = os.path.join(OUT, doc_id + ".txt")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))
    return path


def write_vtt(doc_id, header, turns, labels):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [strip(h) for h in header]
        out.append("")
    for n, (i, kind, text, t0, t1) in enumerate(cue_times(turns), 1):
        lab = labels[0] if kind == "I" else labels[1]
        out.append(f"{ts(t0, '.')} --> {ts(t1, '.')}")
        out.append(f"<v {lab}>{text}</v>")
        out.append("")
    path = os.path.join(OUT, doc_id + ".vtt")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))
    return path


def write_srt(doc_id, header, turns, labels):
    out = []
    for n, (i, kind, text, t0, t1) in enumerate(cue_times(turns, start=1.0), 1):
        lab = labels[0] if kind == "I" else labels[1]
        out += [str(n), f"{ts(t0, ',')} --> {ts(t1, ',')}", f"{lab}: {text}", ""]
    path = os.path.join(OUT, doc_id + ".srt")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\r\n".join(out))
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    styles, orient, idents = [], [], []
    stats = {}
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        fmt, labels = cfg["fmt"], cfg["labels"]
        if fmt == "docx-bold":
            write_docx(doc_id, header, turns, labels, bold=True)
        elif fmt == "docx-plain":
            write_docx(doc_id, header, turns, labels, bold=False)
        elif fmt == "txt-cp1252":
            write_txt_cp1252(doc_id, header, turns, labels)
        elif fmt == "txt-spreker":
            write_txt_spreker(doc_id, header, turns, labels)
        elif fmt == "vtt":
            write_vtt(doc_id, header, turns, labels)
        elif fmt == "srt":
            write_srt(doc_id, header, turns, labels)
        else:
            sys.exit("unknown format " + fmt)
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        for idx, (kind, body, tag) in enumerate(turns, 1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient.append((doc_id, idx, tag))
        seen = {}
        for lab in cfg["label_persons"]:
            seen.setdefault(lab, "PERSOON")
        for m in ID_RE.finditer("\n".join(header + [t[1] for t in turns])):
            text, typ = m.group(1), m.group(2)
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc_id}: {text!r} has two types")
            seen.setdefault(text, typ)
        for text, typ in seen.items():
            idents.append((doc_id, text, typ))
        # warn about occurrences of identifier strings that were not marked
        blob = "\n".join(header + [t[1] for t in turns])
        masked = ID_RE.sub(lambda m: "\u0000" * len(m.group(1)), blob)
        for text in seen:
            if text in cfg["label_persons"]:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", masked):
                print(f"warning {doc_id}: unmarked {text!r} at ...{masked[max(0, m.start() - 30):m.end() + 10]!r}")
        words = sum(nwords(strip(b)) for _, b, _ in turns)
        rwords = sum(nwords(strip(b)) for k, b, _ in turns if k == "R")
        tags = [t for k, _, t in turns if k == "R"]
        stats[doc_id] = (fmt, words, rwords, len(tags), tags.count("casus"), tags.count("netwerk"), len(seen))
    orient.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(SET, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(SET, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient)
    with open(os.path.join(SET, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    print("doc   format        words  r_words  r_turns casus netwerk ids")
    for d, s in stats.items():
        print(f"{d}  {s[0]:<12} {s[1]:>6} {s[2]:>8} {s[3]:>8} {s[4]:>5} {s[5]:>7} {s[6]:>4}")


if __name__ == "__main__":
    main()
