"""Build the setII transcripts and csv files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt): paragraphs separated by blank lines, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are
written inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

DOCS = {
    "ii01": dict(fmt="txt", ext="txt", encoding="cp1252", newline="\r\n",
                 labels=("I", "R"), label_ids=[],
                 style="casusgericht",
                 rationale="Terse former police officer who invests his own evenings, visits and trust in one "
                           "family and routes every partner through that family's one-page plan, while declining "
                           "the regional working group."),
    "ii02": dict(fmt="vtt", ext="vtt", labels=("Kuipers, Sanne", "Marja ter Haar"),
                 label_ids=[("Kuipers, Sanne", "PERSOON"), ("Marja ter Haar", "PERSOON")],
                 style="casusgericht",
                 rationale="Rambling working team leader who talks at length about many partners, but uses each "
                           "of them for one mother's plan at the kitchen table and leaves the chain table and "
                           "agreements to her manager."),
    "ii03": dict(fmt="srt", ext="srt", newline="\r\n", labels=("Interviewer", "Jeroen"),
                 label_ids=[("Jeroen", "PERSOON")],
                 style="casusgericht",
                 rationale="Probation officer in the MDA++ team whose effort goes into a trust relation with one "
                           "perpetrator and into bending partners' conditions around that man's plan; steering "
                           "groups are left to his team leader."),
    "ii04": dict(fmt="docx", ext="docx", bold=True, labels=("Interviewer", "Ellen Verbeek"),
                 label_ids=[("Ellen Verbeek", "PERSOON")],
                 style="netwerkgericht",
                 rationale="Process director who tells a detailed client story but hands the daily contact to "
                           "others and invests in the regie table with team leaders, an escalation route, "
                           "information agreements and patterns across cases."),
    "ii05": dict(fmt="tstxt", ext="txt", encoding="utf-8", newline="\n",
                 labels=("Spreker 1", "Spreker 2"), label_ids=[],
                 style="onbepaald",
                 rationale="Genuinely mixed: Veilig Thuis case manager who invests about equally in her own "
                           "families (a mother hit by her son) and in building stalking and escalation agreements "
                           "between organisations."),
    "ii06": dict(fmt="docx", ext="docx", bold=False, labels=("I", "R"), label_ids=[],
                 style="onbepaald",
                 rationale="Too little evidence: guarded senior adviser who answers in procedures and "
                           "generalities and never shows where his own effort or trust goes."),
}

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
MARK = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns, idents = [], [], []
    for p in paras:
        kind, _, body = p.partition(": ")
        body = " ".join(body.split())
        if kind not in ("H", "I", "R"):
            sys.exit(f"{doc_id}: bad paragraph start {p[:30]!r}")
        orient = None
        if kind == "R":
            m = MARK.search(body)
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without marker: {body[:60]!r}")
            orient = m.group(1)
            body = body[:m.start()]
        elif MARK.search(body):
            sys.exit(f"{doc_id}: marker outside respondent turn: {body[:60]!r}")
        for m in ANN.finditer(body):
            if m.group(2) not in TYPES:
                sys.exit(f"{doc_id}: bad type {m.group(2)}")
            idents.append((m.group(1), m.group(2)))
        plain = ANN.sub(lambda m: m.group(1), body)
        if "[[" in plain or "]]" in plain or "{" in plain:
            sys.exit(f"{doc_id}: unbalanced annotation in {plain[:60]!r}")
        if kind == "H":
            header.append(plain)
        else:
            turns.append((kind, plain, orient))
    return header, turns, idents


def sentences(text):
    return [s for s in re.split(r"(?<=[.?!…])\s+(?=[A-Z(\"'‘“À-ÿ0-9])", text) if s]


def cues_for(text, max_words=17):
    out, cur = [], []
    for s in sentences(text):
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(text.split()) / 2.5)


def write_text(path, text, encoding, newline):
    with open(path, "w", encoding=encoding, newline="") as fh:
        fh.write(text.replace("\n", newline))


def build_txt(cfg, header, turns, path):
    lines = list(header)
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lab = cfg["labels"][0] if kind == "I" else cfg["labels"][1]
        lines.append(f"{lab}: {text}")
        lines.append("")
    write_text(path, "\n".join(lines), cfg["encoding"], cfg["newline"])


def build_tstxt(cfg, header, turns, path):
    lines = list(header) + [""]
    t = 4.0
    for kind, text, _ in turns:
        lab = cfg["labels"][0] if kind == "I" else cfg["labels"][1]
        stamp = ts(t, ".")[:8]
        lines.append(f"[{stamp}] {lab}: {text}")
        lines.append("")
        t += dur(text) + 1.4
    write_text(path, "\n".join(lines), cfg["encoding"], cfg["newline"])


def build_vtt(cfg, header, turns, path):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t = 2.5
    n = 0
    for kind, text, _ in turns:
        voice = cfg["labels"][0] if kind == "I" else cfg["labels"][1]
        for cue in cues_for(text):
            n += 1
            d = dur(cue)
            lines.append(f"{n}")
            lines.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            lines.append(f"<v {voice}>{cue}</v>")
            lines.append("")
            t += d + 0.2
        t += 0.9
    write_text(path, "\n".join(lines), "utf-8", "\n")


def build_srt(cfg, header, turns, path):
    if header:
        sys.exit("srt documents take no header")
    lines = []
    t = 1.0
    n = 0
    for kind, text, _ in turns:
        name = cfg["labels"][0] if kind == "I" else cfg["labels"][1]
        for cue in cues_for(text, 15):
            n += 1
            d = dur(cue)
            lines.append(str(n))
            lines.append(f"{ts(t, ',')} --> {ts(t + d, ',')}")
            lines.append(f"{name}: {cue}")
            lines.append("")
            t += d + 0.15
        t += 0.8
    write_text(path, "\n".join(lines), "utf-8", cfg["newline"])


def build_docx(cfg, header, turns, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        lab = cfg["labels"][0] if kind == "I" else cfg["labels"][1]
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{lab}: {text}")
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.save(path)


BUILDERS = {"txt": build_txt, "tstxt": build_tstxt, "vtt": build_vtt, "srt": build_srt,
            "docx": build_docx}


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient, ident_rows = [], [], []
    report = []
    for doc_id, cfg in DOCS.items():
        header, turns, idents = parse_src(doc_id)
        for f in os.listdir(OUT):
            if f.startswith(doc_id + "."):
                os.remove(os.path.join(OUT, f))
        path = os.path.join(OUT, f"{doc_id}.{cfg['ext']}")
        BUILDERS[cfg["fmt"]](cfg, header, turns, path)
        # alternation
        for i, (kind, _, _) in enumerate(turns):
            want = "I" if i % 2 == 0 else "R"
            if kind != want:
                sys.exit(f"{doc_id}: turn {i + 1} is {kind}, expected {want}")
        for i, (kind, _, o) in enumerate(turns, start=1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient.append((doc_id, i, o))
        seen = {}
        for text, typ in list(cfg["label_ids"]) + idents:
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc_id}: {text!r} typed both {seen[text]} and {typ}")
            if text not in seen:
                seen[text] = typ
                ident_rows.append((doc_id, text, typ))
        # warn about identifier strings that also occur un-annotated
        srcraw = open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8").read()
        stripped = ANN.sub(" ", srcraw)
        for text in seen:
            if text in [l for l, _ in cfg["label_ids"]]:
                continue
            if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", stripped):
                print(f"WARNING {doc_id}: {text!r} also occurs un-annotated")
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        nw = sum(words(t) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        ni = sum(1 for k, _, _ in turns if k == "I")
        wr = sum(words(t) for k, t, _ in turns if k == "R")
        report.append(f"{doc_id}: {cfg['fmt']:5s} words={nw} (resp {wr}) turns I={ni} R={nr} "
                      f"ids={len(seen)} orient={sum(1 for o in orient if o[0] == doc_id)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("\n".join(report))


if __name__ == "__main__":
    main()
