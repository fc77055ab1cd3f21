"""Build the setly transcripts and label files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

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
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "van de casus"]

# Per document: format and speaker labels (labels may carry identifier markup).
DOCS = {
    "ly01": {"fmt": "docx_bold", "i": "[[Marrit|PERSOON]]", "r": "[[Hanneke|PERSOON]]"},
    "ly02": {"fmt": "txt_cp1252", "i": "I", "r": "R"},
    "ly03": {"fmt": "srt", "i": "Interviewer", "r": "[[Klaas|PERSOON]]"},
    "ly04": {"fmt": "vtt", "i": "[[Marrit de Vries|PERSOON]]", "r": "[[Anouk Veenstra|PERSOON]]"},
    "ly05": {"fmt": "docx_plain", "i": "Interviewer", "r": "Respondent"},
    "ly06": {"fmt": "txt_ts", "i": "Spreker 1", "r": "Spreker 2"},
}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt", "txt_ts": "txt",
       "srt": "srt", "vtt": "vtt"}

STYLES = {
    "ly01": ("netwerkgericht",
             "Despite a warm, detailed client story she hands the daily contact to the district nurse and "
             "puts her own time and trust into consult lines, a quarterly table and privacy agreements "
             "between home care, bank, municipality and police."),
    "ly02": ("casusgericht",
             "He names many partners but each is recruited for one patient's safety plan, he keeps the "
             "thread and the trust with her himself and declines the municipal working group and protocol."),
    "ly03": ("casusgericht",
             "The terse boa invests in the trust of one elderly man and pushes police, Veilig Thuis and the "
             "housing corporation for him, leaving chain meetings and agreements to his team leader."),
    "ly04": ("netwerkgericht",
             "Her angry client story serves to show a system failure; she has handed client contact to "
             "colleagues and invests in a table, signed agreements and escalation between bank, "
             "administrators, Veilig Thuis and municipality."),
    "ly05": ("casusgericht",
             "She attends many meetings but every one is a means for one elderly couple's plan and the "
             "wife's trust, and she turns down the project group and training for other village teams."),
    "ly06": ("onbepaald",
             "Too little evidence: a guarded process director who answers in procedures and generalities and "
             "never shows whether his own effort goes to persons in regie or to the partner organisations."),
}

TAG = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip_tags(s):
    return TAG.sub(lambda m: m.group(1), s)


def tags(s):
    return [(m.group(1), m.group(2)) for m in TAG.finditer(s)]


def parse_source(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        if "\n" in p:
            raise SystemExit(f"{doc_id}: paragraph spans lines: {p[:60]!r}")
        kind, _, text = p.partition(": ")
        if kind == "H":
            if turns:
                raise SystemExit(f"{doc_id}: header after turns")
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            m = ORIENT.search(text)
            if kind == "R":
                if not m:
                    raise SystemExit(f"{doc_id}: respondent paragraph without orientation: {text[:60]!r}")
                orient = m.group(1)
                text = text[:m.start()]
            elif m:
                raise SystemExit(f"{doc_id}: interviewer paragraph with orientation")
            turns.append((kind, text.strip(), orient))
        else:
            raise SystemExit(f"{doc_id}: bad paragraph kind {kind!r}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns


def words(s):
    return [w for w in s.split() if re.search(r"\w", w)]


# ---------------------------------------------------------------- chunking for subtitles
NBSP = "\u2063"  # invisible separator used to protect spaces inside identifiers


def protect(tagged):
    return TAG.sub(lambda m: m.group(1).replace(" ", NBSP), tagged)


def chunks(tagged, maxw=16):
    text = protect(tagged)
    sents = re.split(r"(?<=[.?!])\s+", text)
    out = []
    for s in sents:
        ws = s.split()
        if len(ws) <= maxw + 4:
            out.append(ws)
            continue
        # split long sentence at commas where possible, else at maxw
        cur = []
        for w in ws:
            cur.append(w)
            if (len(cur) >= maxw * 0.6 and w.endswith(",")) or len(cur) >= maxw:
                out.append(cur)
                cur = []
        if cur:
            if len(cur) <= 3 and out:
                out[-1].extend(cur)
            else:
                out.append(cur)
    # merge very short chunks into the previous one of the same turn
    merged = []
    for c in out:
        if merged and len(c) <= 3 and len(merged[-1]) + len(c) <= maxw + 4:
            merged[-1].extend(c)
        else:
            merged.append(c)
    return [" ".join(c).replace(NBSP, " ") for c in merged]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_stream(turns, labels):
    t = 2.4
    for idx, (kind, text, _) in enumerate(turns):
        label = labels[kind]
        for c in chunks(text):
            dur = max(1.4, len(c.split()) / 2.7)
            yield label, c, t, t + dur
            t += dur + 0.25
        t += 0.9


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, labels, bold):
    import docx
    d = docx.Document()
    cp = d.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.title = ""
    cp.comments = ""
    for h in header:
        d.add_paragraph(strip_tags(h))
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[kind] + ":")
            r.bold = True
            p.add_run(" " + strip_tags(text))
        else:
            p.add_run(labels[kind] + ": " + strip_tags(text))
    d.save(path)


def write_txt_cp1252(path, header, turns, labels):
    lines = [strip_tags(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines.append(f"{labels[kind]}: {strip_tags(text)}")
        lines.append("")
    data = "\r\n".join(lines).rstrip("\r\n") + "\r\n"
    with open(path, "wb") as f:
        f.write(data.encode("cp1252"))


def write_txt_ts(path, header, turns, labels):
    lines = [strip_tags(h) for h in header]
    if header:
        lines.append("")
    t = 4.0
    for kind, text, _ in turns:
        plain = strip_tags(text)
        stamp = ts(t, ",")[:8]
        lines.append(f"[{stamp}] {labels[kind]}: {plain}")
        lines.append("")
        t += len(plain.split()) / 2.5 + 1.5
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")


def write_srt(path, header, turns, labels):
    assert not header, "srt has no header"
    out = []
    for n, (label, c, a, b) in enumerate(cue_stream(turns, labels), 1):
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {c}", ""]
    with open(path, "wb") as f:
        f.write("\r\n".join(out).encode("utf-8"))


def write_vtt(path, header, turns, labels):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [strip_tags(h) for h in header]
        out.append("")
    for label, c, a, b in cue_stream(turns, labels):
        out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label}>{c}</v>", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


# ---------------------------------------------------------------- checks on sources
def consistency(doc_id, header, turns, ids):
    """Warn when a tagged identifier string also occurs untagged in the same document."""
    problems = []
    for para in header + [t for _, t, _ in turns]:
        plain = ""
        spans = []
        pos = 0
        for m in TAG.finditer(para):
            plain += para[pos:m.start()]
            spans.append((len(plain), len(plain) + len(m.group(1))))
            plain += m.group(1)
            pos = m.end()
        plain += para[pos:]
        for s in ids:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", plain):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    problems.append(f"{doc_id}: untagged occurrence of {s!r}: ...{plain[max(0, m.start() - 30):m.end() + 30]}...")
    return problems


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    id_rows, or_rows, stats = [], [], []
    problems = []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_source(doc_id)
        labels_tagged = {"I": cfg["i"], "R": cfg["r"]}
        labels = {k: strip_tags(v) for k, v in labels_tagged.items()}
        # identifiers, in order of first occurrence (labels first: they open every turn)
        seen = {}
        for s, ty in (tags(" ".join(header)) + tags(cfg["i"]) + tags(cfg["r"])
                      + [x for _, t, _ in turns for x in tags(t)]):
            if ty not in TYPES:
                problems.append(f"{doc_id}: bad type {ty}")
            if s in seen and seen[s] != ty:
                problems.append(f"{doc_id}: {s!r} has two types {seen[s]} / {ty}")
            seen.setdefault(s, ty)
        id_rows += [(doc_id, s, ty) for s, ty in seen.items()]
        problems += consistency(doc_id, header, turns, list(seen))
        for i, (kind, text, orient) in enumerate(turns, 1):
            if kind == "R" and orient in ("casus", "netwerk"):
                or_rows.append((doc_id, i, orient))
        full = " ".join(strip_tags(x) for x in header + [t for _, t, _ in turns]).lower()
        for w in FORBIDDEN:
            if w in full:
                problems.append(f"{doc_id}: forbidden wording {w!r}")
        nwords = sum(len(words(strip_tags(t))) for _, t, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        rwords = sum(len(words(strip_tags(t))) for k, t, _ in turns if k == "R")
        ncas = sum(1 for k, _, o in turns if o == "casus")
        nnet = sum(1 for k, _, o in turns if o == "netwerk")
        stats.append((doc_id, cfg["fmt"], nwords, rwords, nresp, ncas, nnet, len(seen)))
        path = os.path.join(OUT, f"{doc_id}.{EXT[cfg['fmt']]}")
        fmt = cfg["fmt"]
        if fmt in ("docx_bold", "docx_plain"):
            write_docx(path, header, turns, labels, fmt == "docx_bold")
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, header, turns, labels)
        elif fmt == "txt_ts":
            write_txt_ts(path, header, turns, labels)
        elif fmt == "srt":
            write_srt(path, header, turns, labels)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   format       words  resp_words  resp_turns  casus  netwerk  identifiers")
    for s in stats:
        print(f"{s[0]}  {s[1]:<11} {s[2]:>6} {s[3]:>10} {s[4]:>11} {s[5]:>6} {s[6]:>8} {s[7]:>12}")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    docs = sys.argv[1:]
    if docs:
        DOCS = {k: v for k, v in DOCS.items() if k in docs}
    sys.exit(main())
