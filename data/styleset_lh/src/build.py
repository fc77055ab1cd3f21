"""Build the setLH transcripts and csv files from the annotated sources in src/.

Source format (one paragraph per turn, blank line between paragraphs):
    H: header line            (metadata, not a turn)
    I: interviewer turn
    R: respondent turn {casus|netwerk|-}
Identifiers are marked inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: output format and speaker labels; label_ids are speaker-label
# names that are identifiers in their own right (PERSOON)
DOCS = {
    "lh01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Respondent", label_ids=[]),
    "lh02": dict(fmt="txt_cp1252", ilabel="I", rlabel="R", label_ids=[]),
    "lh03": dict(fmt="vtt", ilabel="Lotte van Rijn", rlabel="Respondent",
                 label_ids=["Lotte van Rijn"]),
    "lh04": dict(fmt="srt", ilabel="INT", rlabel="Delano", label_ids=["Delano"]),
    "lh05": dict(fmt="txt_stamps", ilabel="Spreker 1", rlabel="Spreker 2", label_ids=[]),
    "lh06": dict(fmt="docx_plain", ilabel="Sophie", rlabel="Yvonne",
                 label_ids=["Sophie", "Yvonne"]),
}

STYLES = {
    "lh01": ("netwerkgericht",
             "Tells warmly about one client but deliberately leaves daily contact to the reclassering "
             "and a youth worker and invests her own effort in corporatie, OM, Veilig Thuis and "
             "ketentafel agreements built from patterns across cases."),
    "lh02": ("casusgericht",
             "Names many partners (CJIB, bewindvoerder, regisseur, reclassering) but uses each only "
             "as a means for her one client's debt plan and explicitly declines the structural "
             "working group."),
    "lh03": ("onbepaald",
             "Too little evidence: a guarded police respondent who answers in procedures, the "
             "convenant and 'de lijn' and never shows where his own effort or trust goes."),
    "lh04": ("casusgericht",
             "Invests daily, personal effort in one young man and calls on regisseur, reclassering, "
             "school and jobcoach only for his sake, leaving the sports-club convenant to his director."),
    "lh05": ("onbepaald",
             "Mixed (never says so): invests about equally in one detainee's personal re-entry and in "
             "structural arrangements between the PI, regisseurs, Burgerzaken and reclassering."),
    "lh06": ("netwerkgericht",
             "Despite a long warm history with one client she has handed his care to colleagues and "
             "invests in police-GGZ protocols, escalation to directors and regisseur-FACT meetings "
             "based on patterns across nine clients."),
}

ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    paras = [p.strip() for p in open(path, encoding="utf-8").read().split("\n\n") if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, _, body = p.partition(": ")
        if kind == "H":
            header.append(body)
            continue
        if kind not in ("I", "R"):
            raise SystemExit(f"{path}: bad paragraph start {p[:30]!r}")
        tag = None
        if kind == "R":
            m = TAG_RE.search(body)
            if not m:
                raise SystemExit(f"{path}: respondent paragraph without tag: {body[:50]!r}")
            tag = m.group(1)
            body = body[:m.start()]
        elif TAG_RE.search(body):
            raise SystemExit(f"{path}: tag in interviewer turn: {body[:50]!r}")
        turns.append((kind, body.strip(), tag))
    for n, (kind, _, _) in enumerate(turns):
        want = "I" if n % 2 == 0 else "R"
        if kind != want:
            raise SystemExit(f"{path}: turn {n + 1} should be {want}")
    return header, turns


def plain(marked):
    """Return (plain text, list of (start, end) identifier spans, list of (text, type))."""
    out, spans, ids = [], [], []
    pos = 0
    length = 0
    for m in ID_RE.finditer(marked):
        before = marked[pos:m.start()]
        out.append(before)
        length += len(before)
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise SystemExit(f"bad identifier type {typ} for {text}")
        spans.append((length, length + len(text)))
        ids.append((text, typ))
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(marked[pos:])
    s = "".join(out)
    if "[[" in s or "]]" in s or "{" in s:
        raise SystemExit(f"unparsed markup in: {s[:80]!r}")
    return s, spans, ids


def inside(pos, spans):
    return any(a < pos < b for a, b in spans)


def chunks(marked, max_words=18):
    """Split a turn into cue-sized pieces at sentence (or comma) boundaries, never inside an
    identifier."""
    text, spans, _ = plain(marked)
    cuts = [m.end() for m in re.finditer(r"[.!?…)]\s+(?=[A-Z\"(“‘À-Ý])", text)
            if not inside(m.end() - 1, spans) and not inside(m.start(), spans)]
    sentences, start = [], 0
    for c in cuts:
        sentences.append(text[start:c].strip())
        start = c
    sentences.append(text[start:].strip())
    # split over-long sentences at commas outside identifiers
    pieces = []
    for s in sentences:
        if len(s.split()) <= max_words + 8:
            pieces.append(s)
            continue
        base = text.find(s)
        sub_cuts = [m.end() for m in re.finditer(r",\s+", s)
                    if not inside(base + m.start(), spans)]
        cur = 0
        buf = []
        for c in sub_cuts:
            part = s[cur:c].strip()
            buf.append(part)
            cur = c
            if len(" ".join(buf).split()) >= max_words:
                pieces.append(" ".join(buf))
                buf = []
        buf.append(s[cur:].strip())
        pieces.append(" ".join(p for p in buf if p))
    # group pieces into cues
    cues, buf = [], []
    for p in pieces:
        if buf and len(" ".join(buf + [p]).split()) > max_words:
            cues.append(" ".join(buf))
            buf = []
        buf.append(p)
    if buf:
        cues.append(" ".join(buf))
    return [c for c in cues if c]


def ts(seconds, sep):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def duration(text):
    return max(1.4, len(text.split()) / 2.6)


def build_docx(doc_id, cfg, header, turns, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h)[0])
        r.italic = True
    if header:
        d.add_paragraph("")
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        r.bold = bold
        p.add_run(" " + plain(body)[0])
    d.save(os.path.join(OUT, doc_id + ".docx"))


def build_txt_cp1252(doc_id, cfg, header, turns):
    lines = [plain(h)[0] for h in header] + [""]
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        lines.append(f"{label}: {plain(body)[0]}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    open(os.path.join(OUT, doc_id + ".txt"), "wb").write(data)


def build_txt_stamps(doc_id, cfg, header, turns):
    lines = [plain(h)[0] for h in header] + [""]
    t = 4.0
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        text = plain(body)[0]
        lines.append(f"[{ts(t, '.')[:8]}] {label}: {text}")
        t += duration(text) + 1.1
    open(os.path.join(OUT, doc_id + ".txt"), "w", encoding="utf-8", newline="\n").write(
        "\n".join(lines) + "\n")


def build_vtt(doc_id, cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h)[0] for h in header]
        out.append("")
    t = 2.0
    n = 0
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for c in chunks(body):
            n += 1
            d = duration(c)
            out.append(str(n))
            out.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            out.append(f"<v {label}>{c}")
            out.append("")
            t += d + 0.2
        t += 0.7
    open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n").write(
        "\n".join(out))


def build_srt(doc_id, cfg, header, turns):
    out = []
    t = 1.5
    n = 0
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for c in chunks(body):
            n += 1
            d = duration(c)
            out.append(str(n))
            out.append(f"{ts(t, ',')} --> {ts(t + d, ',')}")
            out.append(f"{label}: {c}")
            out.append("")
            t += d + 0.25
        t += 0.6
    data = "\r\n".join(out).encode("utf-8")
    open(os.path.join(OUT, doc_id + ".srt"), "wb").write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, orient_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(os.path.join(HERE, doc_id + ".txt"))
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            build_docx(doc_id, cfg, header, turns, bold=True)
        elif fmt == "docx_plain":
            build_docx(doc_id, cfg, header, turns, bold=False)
        elif fmt == "txt_cp1252":
            build_txt_cp1252(doc_id, cfg, header, turns)
        elif fmt == "txt_stamps":
            build_txt_stamps(doc_id, cfg, header, turns)
        elif fmt == "vtt":
            build_vtt(doc_id, cfg, header, turns)
        elif fmt == "srt":
            if header:
                raise SystemExit("srt cannot carry a header")
            build_srt(doc_id, cfg, header, turns)
        for n, (kind, body, tag) in enumerate(turns, start=1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc_id, n, tag))
        seen = {}
        for part in header + [b for _, b, _ in turns]:
            for text, typ in plain(part)[2]:
                if text in seen and seen[text] != typ:
                    raise SystemExit(f"{doc_id}: {text!r} typed {seen[text]} and {typ}")
                seen.setdefault(text, typ)
        for name in cfg["label_ids"]:
            if name in seen and seen[name] != "PERSOON":
                raise SystemExit(f"{doc_id}: label {name} typed {seen[name]}")
            seen.setdefault(name, "PERSOON")
        for text, typ in seen.items():
            id_rows.append((doc_id, text, typ))
        style, why = STYLES[doc_id]
        style_rows.append((doc_id, style, why))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("built", len(DOCS), "documents,", len(orient_rows), "orientation rows,",
          len(id_rows), "identifiers")


if __name__ == "__main__":
    sys.exit(main())
