#!/usr/bin/env python3
"""Build the setKW transcripts and csv files from the annotated sources.

Run with:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.src.txt): one paragraph per turn, separated by blank
lines, each starting with "H: " (header line), "I: " (interviewer) or "R: "
(respondent).  Identifiers are marked inline as [[text|TYPE]]; every respondent
paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# per document: delivery format and speaker labels
DOCS = {
    "kw01": dict(fmt="docx", bold=True, ilabel="Interviewer", rlabel="Respondent"),
    "kw02": dict(fmt="txt_ir", enc="cp1252", nl="\r\n"),
    "kw03": dict(fmt="vtt", ilabel="Interviewer", rlabel="Ronald Kempers"),
    "kw04": dict(fmt="srt", nl="\r\n", ilabel="Interviewer", rlabel="Wendy"),
    "kw05": dict(fmt="txt_spreker", enc="utf-8", nl="\n"),
    "kw06": dict(fmt="docx", bold=False, ilabel="Interviewer", rlabel="Thijs"),
}
# speaker labels that are names count as PERSOON identifiers
NAME_LABELS = {"kw03": ["Ronald Kempers"], "kw04": ["Wendy"], "kw06": ["Thijs"]}

STYLES = {
    "kw01": ("casusgericht",
             "Former GGD nurse who names many partners, meetings and even the stadsdeelvoorzitter, "
             "but uses every one of them for Jay's plan, keeps the trust relation herself and "
             "explicitly declines structural work (werkgroep, 'lijntje')."),
    "kw02": ("netwerkgericht",
             "Ex-police officer who tells a warm, detailed story about Kevin but deliberately hands "
             "the daily contact to the reclassering and invests in GGD work agreements, an online "
             "overleg format, patterns across cases and an agreement via the stadsdeelvoorzitter and driehoek."),
    "kw03": ("onbepaald",
             "Too little evidence: a guarded, bureaucratic regisseur who refuses case examples and "
             "answers only with procedures and how regie should work, never showing where his own effort goes."),
    "kw04": ("netwerkgericht",
             "Exhausted team leader who invests in tables with the ZVH and corporaties, crisis "
             "agreements with the GGD, driehoek notes and fixed faces between partner organisations, "
             "and deliberately stays out of individual client contact."),
    "kw05": ("casusgericht",
             "Enthusiastic junior regisseur who builds the whole plan from Dani's three wishes, "
             "chases partners for him, kept walking with him during covid and leaves structural "
             "arrangements (pension contract, werkgroepen, convenanten) to others."),
    "kw06": ("netwerkgericht",
             "Former reclassering officer who is warm about Ricardo but leaves the daily contact to "
             "the buurtteam and invests in reclassering–GGD agreements, an escalation route, a standing "
             "overleg and a housing pilot via the stadsdeelvoorzitter."),
}


def parse_src(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        if "\n" in p:
            raise SystemExit(f"{path}: paragraph spans several lines: {p[:60]!r}")
        kind, _, text = p.partition(": ")
        if kind == "H":
            if turns:
                raise SystemExit(f"{path}: header after first turn")
            header.append(text)
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = TAG.search(text)
                if not m:
                    raise SystemExit(f"{path}: respondent paragraph without tag: {text[:60]!r}")
                tag = m.group(1)
                text = text[:m.start()]
            else:
                if TAG.search(text):
                    raise SystemExit(f"{path}: interviewer paragraph with tag")
            turns.append((kind, text, tag))
        else:
            raise SystemExit(f"{path}: bad paragraph kind {kind!r}")
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path}: turns do not alternate at turn {i + 1}")
    return header, turns


def plain(text):
    return ANN.sub(lambda m: m.group(1), text)


def idents(text):
    out = []
    for m in ANN.finditer(text):
        if m.group(2) not in TYPES:
            raise SystemExit(f"unknown identifier type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def chunks(text, target=22):
    """Split annotated text into cue-sized plain chunks at sentence ends,
    never inside an identifier."""
    spans = []

    def keep(m):
        spans.append(m.group(1))
        return f"\x00{len(spans) - 1}\x00"
    masked = ANN.sub(keep, text)
    sentences = re.split(r"(?<=[.!?])\s+", masked)
    out, cur = [], []
    for s in sentences:
        cur.append(s)
        if len(" ".join(cur).split()) >= target:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(" ".join(cur).split()) < 6:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return [re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], c) for c in out]


def dur(text):
    return max(1.5, len(text.split()) / 2.6)


def ts_vtt(t):
    ms = int(round(t * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def ts_srt(t):
    return ts_vtt(t).replace(".", ",")


def ts_sec(t):
    s = int(t)
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


def build_docx(doc_id, cfg, header, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    cp = d.core_properties
    cp.author = "onderzoeksteam"
    cp.last_modified_by = "onderzoeksteam"
    cp.title = ""
    cp.created = datetime.datetime(2023, 7, 3, 9, 0, 0)
    cp.modified = datetime.datetime(2023, 7, 3, 9, 0, 0)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0 and cfg["bold"]:
            r.bold = True
        elif not cfg["bold"]:
            r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{label}: {plain(text)}")
    path = os.path.join(OUT, f"{doc_id}.docx")
    d.save(path)
    return path


def build_txt_ir(doc_id, cfg, header, turns):
    lines = [plain(h) for h in header] + [""]
    for kind, text, _ in turns:
        lines.append(f"{kind}: {plain(text)}")
        lines.append("")
    data = cfg["nl"].join(lines)
    path = os.path.join(OUT, f"{doc_id}.txt")
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))
    return path


def build_txt_spreker(doc_id, cfg, header, turns):
    lines = [plain(h) for h in header] + [""]
    t = 3.0
    for kind, text, _ in turns:
        spk = "Spreker 1" if kind == "I" else "Spreker 2"
        lines.append(f"[{ts_sec(t)}] {spk}: {plain(text)}")
        lines.append("")
        t += dur(plain(text)) + 1.2
    data = cfg["nl"].join(lines)
    path = os.path.join(OUT, f"{doc_id}.txt")
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))
    return path


def build_vtt(doc_id, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [plain(h) for h in header]
        lines.append("")
    t = 1.0
    for kind, text, _ in turns:
        name = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for c in chunks(text):
            d = dur(c)
            lines.append(f"{ts_vtt(t)} --> {ts_vtt(t + d)}")
            lines.append(f"<v {name}>{c}</v>")
            lines.append("")
            t += d + 0.2
        t += 0.8
    path = os.path.join(OUT, f"{doc_id}.vtt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))
    return path


def build_srt(doc_id, cfg, header, turns):
    lines = []
    n = 0
    t = 0.5
    for kind, text, _ in turns:
        name = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for c in chunks(text, target=16):
            n += 1
            d = dur(c)
            lines += [str(n), f"{ts_srt(t)} --> {ts_srt(t + d)}", f"{name}: {c}", ""]
            t += d + 0.2
        t += 0.8
    path = os.path.join(OUT, f"{doc_id}.srt")
    with open(path, "wb") as f:
        f.write(cfg["nl"].join(lines).encode("utf-8"))
    return path


BUILDERS = {"docx": build_docx, "txt_ir": build_txt_ir, "txt_spreker": build_txt_spreker,
            "vtt": build_vtt, "srt": build_srt}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        if fn.split(".")[0] in DOCS:
            os.remove(os.path.join(OUT, fn))
    ident_rows, orient_rows, style_rows = [], [], []
    for doc_id in sorted(DOCS):
        cfg = DOCS[doc_id]
        header, turns = parse_src(os.path.join(HERE, f"{doc_id}.src.txt"))
        path = BUILDERS[cfg["fmt"]](doc_id, cfg, header, turns)
        seen = set()
        allids = [(n, "PERSOON") for n in NAME_LABELS.get(doc_id, [])]
        for h in header:
            allids += idents(h)
        for _, text, _ in turns:
            allids += idents(text)
        for s, typ in allids:
            if s not in seen:
                seen.add(s)
                ident_rows.append((doc_id, s, typ))
        for i, (kind, _, tag) in enumerate(turns, start=1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, tag))
        style_rows.append((doc_id,) + STYLES[doc_id])
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        print(f"{doc_id}: {os.path.basename(path)} words={words} turns={len(turns)} respondent_turns={nr} ids={len(seen)}")
    orient_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)


if __name__ == "__main__":
    sys.exit(main())
