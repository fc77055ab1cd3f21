#!/usr/bin/env python3
"""Build the setJZ transcripts and label files from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (python-docx is needed for the .docx files)

Source format (src/<doc_id>.txt): paragraphs separated by blank lines, each starting with
  H: header line   I: interviewer turn   R: respondent turn (ends with {casus}, {netwerk} or {-})
Identifiers are marked inline as [[text|TYPE]].
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

# Per document: delivery format and speaker labels. Names used as labels are identifiers (PERSOON).
DOCS = {
    "jz01": dict(fmt="docx_bold", ilabel="Femke Dijkstra", rlabel="Ingrid Bosman", label_ids=True),
    "jz02": dict(fmt="srt", ilabel="Interviewer", rlabel="R. Kamphuis", label_ids="R"),
    "jz03": dict(fmt="txt", encoding="cp1252", newline="\r\n", ilabel="I", rlabel="R"),
    "jz04": dict(fmt="vtt", ilabel="Bas Lammers", rlabel="Monique Veldkamp", label_ids=True),
    "jz05": dict(fmt="txt_ts", encoding="utf-8", newline="\n", ilabel="Spreker 1", rlabel="Spreker 2"),
    "jz06": dict(fmt="docx_plain", ilabel="Interviewer", rlabel="Respondent"),
}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "srt": "srt", "txt": "txt", "txt_ts": "txt",
       "vtt": "vtt"}

STYLES = {
    "jz01": ("netwerkgericht",
             "Ex-police procesregisseur who tells a warm story about one family but deliberately leaves "
             "the kitchen table to the hulpverlener and invests in school notifications, the monthly "
             "huisverbod table, housing for plegers and escalation with team leaders."),
    "jz02": ("onbepaald",
             "Too little evidence: a guarded municipal adviser who only describes procedures, convenant and "
             "formal roles and never shows where his own effort or trust goes."),
    "jz03": ("casusgericht",
             "Hulpverlener huisverbod who names many partners and meetings but uses each one for Rico's and "
             "Sandra's plan, builds trust with the family himself and explicitly declines the regional "
             "working group, working around gaps instead of repairing them."),
    "jz04": ("onbepaald",
             "Genuinely mixed: the Veilig Thuis respondent keeps her own family (Joyce) with home visits "
             "and a school talk while equally chairing the information-sharing working group and "
             "escalating patterns, and says she does both half and half."),
    "jz05": ("casusgericht",
             "Reclassering officer whose effort and trust go entirely into his client Kevin's plan via "
             "personal contacts, leaving structural problems and the huisverbod overleg to his team "
             "leader."),
    "jz06": ("netwerkgericht",
             "Wijkteam coordinator who tells a vivid story about Nour's family but hands all contact to a "
             "colleague and invests in the interpreter agreement, school continuity for opvang children, "
             "the escalation map and quarterly pattern reviews."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    paras = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    ids = []  # (string, type) in order of appearance
    for p in paras:
        kind, _, body = p.partition(":")
        if kind not in ("H", "I", "R"):
            sys.exit(f"{doc_id}: bad paragraph start: {p[:40]!r}")
        body = body.strip()
        orient = None
        if kind == "R":
            m = TAG_RE.search(body)
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without orientation tag: {body[:50]!r}")
            orient = m.group(1)
            body = body[:m.start()]
        elif TAG_RE.search(body):
            sys.exit(f"{doc_id}: orientation tag outside a respondent turn")
        for m in ID_RE.finditer(body):
            if m.group(2) not in TYPES:
                sys.exit(f"{doc_id}: unknown type {m.group(2)}")
            ids.append((m.group(1), m.group(2)))
        plain = ID_RE.sub(lambda m: m.group(1), body)
        masked = ID_RE.sub(" \x00 ", body)
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append((plain, masked))
        else:
            turns.append(dict(speaker=kind, text=plain, masked=masked, orient=orient))
    # strict alternation, interviewer first
    for i, t in enumerate(turns):
        if t["speaker"] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns, ids


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def split_cues(text, max_words=24):
    """Split a turn into cue texts at sentence ends (never after a single-letter initial)."""
    pieces = re.split(r"(?<=[.?!])\s+", text)
    sents = []
    for p in pieces:
        if sents and re.search(r"(^|\s)[A-Z]\.$", sents[-1]):
            sents[-1] += " " + p
        else:
            sents.append(p)
    cues, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels):
    """Yield (start, end, label, cue_text) with a plausible speaking rate."""
    t = 2.0
    out = []
    for turn in turns:
        label = labels[turn["speaker"]]
        for cue in split_cues(turn["text"]):
            dur = max(1.2, words(cue) / 2.6)
            out.append((t, t + dur, label, cue))
            t += dur + 0.35
        t += 0.9
    return out


def write_text(path, text, encoding, newline):
    data = text.replace("\n", newline).encode(encoding)  # raises if a character does not fit
    with open(path, "wb") as fh:
        fh.write(data)


def build_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.core_properties.author = ""
    d.core_properties.last_modified_by = ""
    d.core_properties.title = ""
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, (h, _) in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0 and bold:
            r.bold = True
    if header:
        d.add_paragraph("")
    for turn in turns:
        label = labels[turn["speaker"]]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(f"{label}: {turn['text']}")
    d.save(path)


def build(doc_id):
    cfg = DOCS[doc_id]
    header, turns, ids = parse_source(doc_id)
    labels = {"I": cfg["ilabel"], "R": cfg["rlabel"]}
    fmt = cfg["fmt"]
    path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
    if fmt in ("docx_bold", "docx_plain"):
        build_docx(path, header, turns, labels, bold=(fmt == "docx_bold"))
    elif fmt == "txt":
        lines = [h for h, _ in header] + [""]
        for turn in turns:
            lines += [f"{labels[turn['speaker']]}: {turn['text']}", ""]
        write_text(path, "\n".join(lines), cfg["encoding"], cfg["newline"])
    elif fmt == "txt_ts":
        lines = [h for h, _ in header] + [""]
        t = 3.0
        for turn in turns:
            lines += [f"[{ts(t, ',')[:8]}] {labels[turn['speaker']]}: {turn['text']}", ""]
            t += words(turn["text"]) / 2.5 + 1.5
        write_text(path, "\n".join(lines), cfg["encoding"], cfg["newline"])
    elif fmt == "srt":
        lines = []
        for n, (a, b, label, cue) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {cue}", ""]
        write_text(path, "\n".join(lines), "utf-8", "\r\n")
    elif fmt == "vtt":
        lines = ["WEBVTT", "", "NOTE"] + [h for h, _ in header] + [""]
        for a, b, label, cue in timed_cues(turns, labels):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label}>{cue}</v>", ""]
        write_text(path, "\n".join(lines), "utf-8", "\n")
    else:
        raise ValueError(fmt)

    # identifiers: inline ones plus speaker-label names
    label_ids = cfg.get("label_ids")
    if label_ids is True:
        ids = [(labels["I"], "PERSOON"), (labels["R"], "PERSOON")] + ids
    elif label_ids == "R":
        ids = [(labels["R"], "PERSOON")] + ids
    seen, rows = {}, []
    for s, typ in ids:
        if s in seen:
            if seen[s] != typ:
                sys.exit(f"{doc_id}: {s!r} has two types {seen[s]} / {typ}")
            continue
        seen[s] = typ
        rows.append((doc_id, s, typ))

    # warn about identifier strings that also occur unmarked
    residual = "\n".join([m for _, m in header] + [t["masked"] for t in turns])
    for s, _ in seen.items():
        if s in labels.values():
            continue
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", residual):
            print(f"WARNING {doc_id}: {s!r} occurs unmarked")

    orient = [(doc_id, i + 1, t["orient"]) for i, t in enumerate(turns)
              if t["speaker"] == "R" and t["orient"] in ("casus", "netwerk")]
    n_words = sum(words(t["text"]) for t in turns)
    n_resp = sum(1 for t in turns if t["speaker"] == "R")
    stats = dict(words=n_words, resp_turns=n_resp, ids=len(rows),
                 casus=sum(1 for o in orient if o[2] == "casus"),
                 netwerk=sum(1 for o in orient if o[2] == "netwerk"), file=os.path.basename(path))
    return rows, orient, stats


def main():
    os.makedirs(OUT, exist_ok=True)
    all_ids, all_or = [], []
    for doc_id in DOCS:
        for f in os.listdir(OUT):
            if f.startswith(doc_id + "."):
                os.remove(os.path.join(OUT, f))
    for doc_id in sorted(DOCS):
        rows, orient, st = build(doc_id)
        all_ids += rows
        all_or += orient
        print(f"{doc_id}: {st['file']:9s} words={st['words']} resp_turns={st['resp_turns']} "
              f"ids={st['ids']} casus={st['casus']} netwerk={st['netwerk']}")
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(all_ids)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(all_or))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in sorted(STYLES):
            w.writerow([doc_id, *STYLES[doc_id]])


if __name__ == "__main__":
    main()
