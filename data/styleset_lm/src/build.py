"""Build the setLM transcripts and csv files from the annotated sources in src/.

Source format (src/<doc_id>.src):
  '# key: value' lines (config) at the top, then paragraphs separated by blank lines.
  Each paragraph starts with 'H:' (header line), 'I:' (interviewer turn) or 'R:' (respondent turn).
  Identifiers are written inline as [[text|TYPE]]; every respondent paragraph ends in
  {casus}, {netwerk} or {-}.

Config keys: format (docx|txt|vtt|srt), label_I, label_R (may contain [[..|PERSOON]]),
  docx_labels (bold|plain), encoding (utf-8|cp1252), newline (crlf|lf),
  txt_style (label|timestamp), style, rationale.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["lm01", "lm02", "lm03", "lm04", "lm05", "lm06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

problems = []


def strip(text, where):
    """Return plain text and list of (start, end, string, type)."""
    out, spans, pos = [], [], 0
    length = 0
    for m in ANN.finditer(text):
        before = text[pos:m.start()]
        out.append(before)
        length += len(before)
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            problems.append(f"{where}: unknown type {t}")
        spans.append((length, length + len(s), s, t))
        out.append(s)
        length += len(s)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        problems.append(f"{where}: broken annotation")
    return plain, spans


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".src")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    cfg, body = {}, []
    for line in raw.split("\n"):
        if line.startswith("# ") and not body:
            k, _, v = line[2:].partition(":")
            cfg[k.strip()] = v.strip()
        else:
            body.append(line)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", "\n".join(body)) if b.strip()]
    header, turns = [], []
    for b in blocks:
        kind, _, text = b.partition(":")
        text = " ".join(text.split())
        if kind == "H":
            if turns:
                problems.append(f"{doc_id}: header after turns")
            header.append(strip(text, doc_id + " header"))
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(text)
                if not m:
                    problems.append(f"{doc_id}: respondent turn without orientation: {text[:50]}")
                    orient = "-"
                else:
                    orient = m.group(1)
                    text = text[:m.start()].rstrip()
            elif ORIENT.search(text):
                problems.append(f"{doc_id}: orientation on interviewer turn")
            plain, spans = strip(text, f"{doc_id} turn {len(turns)+1}")
            turns.append((kind, plain, spans, orient))
        else:
            problems.append(f"{doc_id}: bad block start {b[:30]}")
    for i, t in enumerate(turns, 1):
        want = "I" if i % 2 else "R"
        if t[0] != want:
            problems.append(f"{doc_id}: turn {i} is {t[0]}, expected {want}")
    labels = {}
    for k in ("label_I", "label_R"):
        labels[k[-1]] = strip(cfg[k], doc_id + " " + k)
    return cfg, header, turns, labels


def collect_identifiers(doc_id, header, turns, labels):
    """Distinct identifier strings in first-occurrence order; check consistency."""
    seen, order = {}, []

    def add(s, t):
        if s in seen and seen[s] != t:
            problems.append(f"{doc_id}: '{s}' typed both {seen[s]} and {t}")
        if s not in seen:
            seen[s] = t
            order.append(s)

    segments = []
    for plain, spans in header:
        segments.append((plain, spans))
    for k in ("I", "R"):
        for s in labels[k][1]:
            add(s[2], s[3])
    for plain, spans in header:
        for s in spans:
            add(s[2], s[3])
    for kind, plain, spans, _ in turns:
        segments.append((plain, spans))
        for s in spans:
            add(s[2], s[3])
    # every occurrence of an identifier string must lie inside an annotated span
    for plain, spans in segments:
        for ident in seen:
            for m in re.finditer(re.escape(ident), plain):
                a, b = m.start(), m.end()
                if not any(sa <= a and b <= sb for sa, sb, _, _ in spans):
                    problems.append(f"{doc_id}: unannotated occurrence of '{ident}' in: "
                                    f"...{plain[max(0, a-40):b+40]}...")
    return [(s, seen[s]) for s in order]


# ---------------------------------------------------------------- writers

def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(plain, spans, max_words=28):
    """Split a turn into cue texts at sentence ends, never inside an identifier."""
    cuts = []
    for m in re.finditer(r"(?<=[.!?)])\s+(?=\S)", plain):
        pos = m.start()
        prev = plain[:pos].split()[-1] if plain[:pos].split() else ""
        if re.fullmatch(r"\(?[A-Z]\.", prev):
            continue
        if any(sa < pos < sb for sa, sb, _, _ in spans):
            continue
        cuts.append((m.start(), m.end()))
    sentences, start = [], 0
    for a, b in cuts:
        sentences.append(plain[start:a])
        start = b
    sentences.append(plain[start:])
    out, cur = [], []
    for s in sentences:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def write_docx(doc_id, cfg, header, turns, labels):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for plain, _ in header:
        p = d.add_paragraph()
        r = p.add_run(plain)
        r.italic = True
    if header:
        d.add_paragraph()
    bold = cfg.get("docx_labels", "bold") == "bold"
    for kind, plain, _, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(labels[kind][0] + ":")
        r.bold = bold
        p.add_run(" " + plain)
    d.save(os.path.join(OUT, doc_id + ".docx"))


def write_txt(doc_id, cfg, header, turns, labels):
    nl = "\r\n" if cfg.get("newline") == "crlf" else "\n"
    enc = cfg.get("encoding", "utf-8")
    lines = [plain for plain, _ in header]
    if header:
        lines.append("")
    t = 3.0
    for kind, plain, _, _ in turns:
        if cfg.get("txt_style") == "timestamp":
            lines.append(f"[{fmt_ts(t, ',')[:8]}] {labels[kind][0]}: {plain}")
        else:
            lines.append(f"{labels[kind][0]}: {plain}")
            lines.append("")
        t += len(plain.split()) * 0.41 + 1.7
    text = nl.join(lines).rstrip() + nl
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(text.encode(enc))


def write_cues(doc_id, cfg, header, turns, labels, kind_fmt):
    nl = "\r\n" if cfg.get("newline") == "crlf" else "\n"
    out = []
    if kind_fmt == "vtt":
        out.append("WEBVTT")
        out.append("")
        if header:
            out.append("NOTE")
            out.extend(plain for plain, _ in header)
            out.append("")
    t, n = 1.2, 0
    for kind, plain, spans, _ in turns:
        for c in chunks(plain, spans):
            n += 1
            dur = max(1.2, len(c.split()) * 0.41)
            if kind_fmt == "vtt":
                out.append(f"{fmt_ts(t, '.')} --> {fmt_ts(t + dur, '.')}")
                out.append(f"<v {labels[kind][0]}>{c}")
            else:
                out.append(str(n))
                out.append(f"{fmt_ts(t, ',')} --> {fmt_ts(t + dur, ',')}")
                out.append(f"{labels[kind][0]}: {c}")
            out.append("")
            t += dur + 0.25
        t += 0.9
    with open(os.path.join(OUT, f"{doc_id}.{kind_fmt}"), "wb") as f:
        f.write(nl.join(out).encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient_rows, ident_rows = [], [], []
    for doc_id in DOCS:
        cfg, header, turns, labels = parse(doc_id)
        fmt = cfg["format"]
        if fmt == "docx":
            write_docx(doc_id, cfg, header, turns, labels)
        elif fmt == "txt":
            write_txt(doc_id, cfg, header, turns, labels)
        elif fmt in ("vtt", "srt"):
            write_cues(doc_id, cfg, header, turns, labels, fmt)
        else:
            problems.append(f"{doc_id}: unknown format {fmt}")
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        for i, (kind, _, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        for s, t in collect_identifiers(doc_id, header, turns, labels):
            ident_rows.append((doc_id, s, t))
        words = sum(len(p.split()) for _, p, _, _ in turns)
        nresp = sum(1 for k, *_ in turns if k == "R")
        print(f"{doc_id}: {fmt:4s} turns={len(turns)} resp={nresp} words={words} "
              f"casus={sum(1 for r in orient_rows if r[0]==doc_id and r[2]=='casus')} "
              f"netwerk={sum(1 for r in orient_rows if r[0]==doc_id and r[2]=='netwerk')} "
              f"ids={sum(1 for r in ident_rows if r[0]==doc_id)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(" -", p)
        sys.exit(1)
    print("built OK")


if __name__ == "__main__":
    main()
