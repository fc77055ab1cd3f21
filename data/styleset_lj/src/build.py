"""Build the setLJ transcripts and label files from the annotated sources.

Source format (src/ljNN.txt): paragraphs separated by a blank line, each starting with
"H:" (header line), "I:" (interviewer turn) or "R:" (respondent turn). Identifiers are
marked inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
In docx_plain documents a " ¶ " inside a turn starts a new (unlabelled) paragraph.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

DOCS = {
    "lj01": dict(fmt="docx_bold", labels=("Interviewer", "Erik"), label_ids=["Erik"]),
    "lj02": dict(fmt="vtt", labels=("Lotte Brinkman", "Mirjam Oude Egberink"),
                 label_ids=["Lotte Brinkman", "Mirjam Oude Egberink"]),
    "lj03": dict(fmt="txt", enc="cp1252", nl="\r\n", labels=("I", "R"), label_ids=[]),
    "lj04": dict(fmt="srt", nl="\r\n", labels=("Onderzoeker", "Nadia"), label_ids=["Nadia"]),
    "lj05": dict(fmt="txt_ts", enc="utf-8", nl="\n", labels=("Spreker 1", "Spreker 2"), label_ids=[]),
    "lj06": dict(fmt="docx_plain", labels=("Marloes", "Thijs"), label_ids=["Marloes", "Thijs"]),
}

STYLES = {
    "lj01": ("casusgericht", "All his many meetings are convened for one client's plan and he explicitly hands structural work (werkgroep, general agreements) to his teamleider."),
    "lj02": ("netwerkgericht", "Despite a warm story about a former client she hands contact to the mentor and regisseur and invests in the regional 17,5-afspraak, privacy forms and relations with gemeenten, UWV and corporaties."),
    "lj03": ("onbepaald", "Too little evidence: guarded, procedural answers in generalities that never show where her own effort goes."),
    "lj04": ("netwerkgericht", "She carries two cases herself but uses them as a lens for a knelpuntenlijst, leaves the daily contact to the wijkcoach and invests in regional agreements and trust between organisations."),
    "lj05": ("netwerkgericht", "As ketenregisseur he leaves the young people to casusregisseurs and invests in escalation, signaling agreements, patterns across cases and trust between organisations."),
    "lj06": ("casusgericht", "He invests his own time and trust in one young man well beyond the formal aftercare and declines the overdracht workgroup and structural questions."),
}

ID_RE = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(doc_id):
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [re.sub(r"\s*\n\s*", " ", p.strip()) for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns, ids = [], [], []
    for p in paras:
        kind, body = p[:2], p[2:].strip()
        if kind not in ("H:", "I:", "R:"):
            sys.exit(f"{doc_id}: paragraph without H:/I:/R: -> {p[:60]}")
        ori = None
        if kind == "R:":
            m = ORI_RE.search(body)
            if not m:
                sys.exit(f"{doc_id}: R paragraph without orientation tag -> {body[:60]}")
            ori = m.group(1)
            body = body[: m.start()].rstrip()
        elif ORI_RE.search(body):
            sys.exit(f"{doc_id}: orientation tag outside an R paragraph")
        for m in ID_RE.finditer(body):
            if m.group(2) not in TYPES:
                sys.exit(f"{doc_id}: bad type {m.group(2)}")
            ids.append((m.group(1), m.group(2)))
        plain = ID_RE.sub(lambda m: m.group(1), body)
        spans = []
        # spans of identifiers in the plain text, to avoid splitting cues inside them
        pos, out = 0, 0
        for m in ID_RE.finditer(body):
            start = out + (m.start() - pos)
            spans.append((start, start + len(m.group(1))))
            out = start + len(m.group(1))
            pos = m.end()
        if "[[" in plain or "]]" in plain or "{" in plain:
            sys.exit(f"{doc_id}: leftover markup -> {plain[:80]}")
        if kind == "H:":
            header.append(plain)
        else:
            turns.append(dict(who=kind[0], text=plain, spans=spans, ori=ori))
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["who"] != want:
            sys.exit(f"{doc_id}: turn {i+1} should be {want}")
    return header, turns, ids


def chunks(text, spans, max_words=22):
    """Split a turn into cue-sized pieces at sentence ends outside identifiers."""
    cuts = []
    for m in re.finditer(r"(?<=[.!?…])\s+", text):
        p = m.start()
        if any(a <= p < b for a, b in spans):
            continue
        cuts.append((m.start(), m.end()))
    sents, last = [], 0
    for a, b in cuts:
        sents.append(text[last:a])
        last = b
    sents.append(text[last:])
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def dur(text):
    return len(text.split()) / 2.6 + 0.6


def build_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph()
    for i, t in enumerate(turns):
        lab = labels[0] if t["who"] == "I" else labels[1]
        parts = [x.strip() for x in t["text"].split("¶")]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + parts[0])
        for extra in parts[1:]:
            d.add_paragraph(extra)
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.save(path)


def build_vtt(path, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t0 = 3.2
    for t in turns:
        lab = labels[0] if t["who"] == "I" else labels[1]
        for c in chunks(t["text"], t["spans"]):
            d = dur(c)
            lines.append(f"{ts(t0, '.')} --> {ts(t0 + d, '.')}")
            lines.append(f"<v {lab}>{c}")
            lines.append("")
            t0 += d + 0.25
        t0 += 0.9
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_srt(path, turns, labels, nl):
    lines, n, t0 = [], 1, 1.5
    for t in turns:
        lab = labels[0] if t["who"] == "I" else labels[1]
        for c in chunks(t["text"], t["spans"], max_words=18):
            d = dur(c)
            lines += [str(n), f"{ts(t0, ',')} --> {ts(t0 + d, ',')}", f"{lab}: {c}", ""]
            n += 1
            t0 += d + 0.2
        t0 += 0.8
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(nl.join(lines))


def build_txt(path, header, turns, labels, enc, nl, stamps):
    lines = list(header)
    if header:
        lines.append("")
    t0 = 4.0
    for t in turns:
        lab = labels[0] if t["who"] == "I" else labels[1]
        pre = f"[{ts(t0, '.')[:8]}] " if stamps else ""
        lines.append(f"{pre}{lab}: {t['text']}")
        lines.append("")
        t0 += dur(t["text"]) + 1.4
    with open(path, "wb") as f:
        f.write(nl.join(lines).encode(enc))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    id_rows, ori_rows, style_rows = [], [], []
    for doc_id, spec in DOCS.items():
        header, turns, ids = parse_src(doc_id)
        fmt, labels = spec["fmt"], spec["labels"]
        if fmt.startswith("docx"):
            build_docx(os.path.join(OUT, doc_id + ".docx"), header, turns, labels, fmt == "docx_bold")
        elif fmt == "vtt":
            build_vtt(os.path.join(OUT, doc_id + ".vtt"), header, turns, labels)
        elif fmt == "srt":
            build_srt(os.path.join(OUT, doc_id + ".srt"), turns, labels, spec["nl"])
        else:
            build_txt(os.path.join(OUT, doc_id + ".txt"), header, turns, labels, spec["enc"], spec["nl"], fmt == "txt_ts")
        seen = set()
        for name in spec["label_ids"]:
            ids.append((name, "PERSOON"))
        for s, ty in ids:
            if s in seen:
                continue
            seen.add(s)
            id_rows.append((doc_id, s, ty))
        for i, t in enumerate(turns, start=1):
            if t["who"] == "R" and t["ori"] in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, t["ori"]))
        style_rows.append((doc_id,) + STYLES[doc_id])
        words = sum(len(t["text"].replace("¶", " ").split()) for t in turns)
        nr = sum(1 for t in turns if t["who"] == "R")
        print(f"{doc_id}: {fmt:10s} words={words} respondent_turns={nr} ids={len(seen)} "
              f"casus={sum(1 for t in turns if t['ori']=='casus')} netwerk={sum(1 for t in turns if t['ori']=='netwerk')}")
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)


if __name__ == "__main__":
    main()
