#!/usr/bin/env python3
"""Build the setLF transcripts and label files from the annotated sources.

Source format (src/<doc_id>.txt): paragraphs separated by blank lines, each starting with
  H: header line, I: interviewer turn, R: respondent turn.
Identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import random
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

SRC = Path(__file__).resolve().parent
ROOT = SRC.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# Per document: format, speaker labels (interviewer, respondent; may hold identifiers),
# style and one-sentence rationale.
DOCS = {
    "lf01": dict(fmt="docx_bold", labels=("Interviewer", "Respondent"), start=4.0,
                 style="casusgericht",
                 rationale="Names many partners and meetings but each is a means for one man's own "
                           "plan built on his wishes; she invests her own time and trust in him and "
                           "explicitly leaves structural work to the ketenmanager."),
    "lf02": dict(fmt="vtt", labels=("[[Sanne Wiersma|PERSOON]]", "[[Marjan Oosterhuis|PERSOON]]"),
                 start=2.5, style="netwerkgericht",
                 rationale="Tells a warm, detailed story about a former client but hands the contact "
                           "to his casemanager and invests in agreements, relations with the police "
                           "chief, a regional table and an escalation route across cases."),
    "lf03": dict(fmt="srt", labels=("[[Lotte|PERSOON]]", "[[Sjoerd|PERSOON]]"), start=1.2,
                 style="casusgericht",
                 rationale="Invests his own time and trust in one frequent caller at the kitchen table, "
                           "calls partners one by one for that man's needs and declines the working "
                           "group on transport protocols."),
    "lf04": dict(fmt="txt_cp1252", labels=("I", "R"), start=0.0,
                 style="onbepaald",
                 rationale="Genuinely mixed: he builds and runs a provincial directors' table, funding "
                           "and agreements while with equal personal investment keeping a fortnightly "
                           "relationship with one man in regie and joining home visits."),
    "lf05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), start=3.0,
                 style="netwerkgericht",
                 rationale="Works on tables, procedures, privacy workflows, escalation and patterns "
                           "across the caseload and explicitly withdraws from the kitchen table after "
                           "one home visit."),
    "lf06": dict(fmt="docx_plain", labels=("[[SW|PERSOON]]", "[[YK|PERSOON]]"), start=0.0,
                 style="netwerkgericht",
                 rationale="Tells a detailed story about one tenant but leaves the contact to her "
                           "woonconsulent and the regisseur and invests in a city-wide werkafspraak, "
                           "a quarterly inter-organisational overleg and a shared afwegingskader."),
}


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(s)]


def parse_src(path):
    text = path.read_text(encoding="utf-8")
    paras = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        tag, _, body = p.partition(": ")
        if tag == "H":
            if turns:
                sys.exit(f"{path.name}: header after turns: {p[:60]}")
            header.append(body)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = ORIENT_RE.search(body)
                if not m:
                    sys.exit(f"{path.name}: R paragraph without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[:m.start()]
            elif ORIENT_RE.search(body):
                sys.exit(f"{path.name}: orientation on interviewer turn: {body[:60]}")
            turns.append((tag, body.strip(), orient))
        else:
            sys.exit(f"{path.name}: bad paragraph prefix: {p[:60]}")
    for i, (tag, _, _) in enumerate(turns):
        if tag != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return header, turns


# ---------- cue splitting (sentences, never inside an identifier) ----------

def protect(s):
    spans = []

    def rep(m):
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"
    return ID_RE.sub(rep, s), spans


def unprotect(s, spans):
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], s)


def chunks(text, max_words=18):
    prot, spans = protect(text)
    sents = [x for x in re.split(r"(?<=[.!?…)])\s+(?=[A-Z‘’'“(\x00ÉÖ0-9])", prot) if x]
    pieces = []
    for s in sents:
        if len(s.split()) > 26:
            parts = re.split(r"(?<=,)\s+", s)
            cur = ""
            for part in parts:
                if cur and len((cur + " " + part).split()) > 20:
                    pieces.append(cur)
                    cur = part
                else:
                    cur = (cur + " " + part).strip()
            if cur:
                pieces.append(cur)
        else:
            pieces.append(s)
    out, cur = [], ""
    for p in pieces:
        if cur and len((cur + " " + p).split()) > max_words:
            out.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        out.append(cur)
    return [plain(unprotect(c, spans)) for c in out]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, start, rng):
    """Yield (speaker_label, start, end, text) per cue; consecutive cues of one turn."""
    t = start
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        t += rng.uniform(0.3, 1.4)
        for c in chunks(body):
            dur = max(1.2, len(c.split()) / rng.uniform(2.3, 2.9))
            yield lab, t, t + dur, c
            t += dur + rng.uniform(0.05, 0.5)


# ---------- writers ----------

def write_docx_bold(path, header, turns, labels):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    d.add_paragraph()
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = True
        p.add_run(" " + plain(body))
    d.save(path)


def write_docx_plain(path, header, turns, labels):
    d = Document()
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph()
    for i, (tag, body, _) in enumerate(turns):
        lab = labels[0] if tag == "I" else labels[1]
        d.add_paragraph(f"{lab}: {plain(body)}")
        if i < len(turns) - 1:
            d.add_paragraph()
    d.save(path)


def write_vtt(path, header, turns, labels, start, rng):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [plain(h) for h in header]
        lines.append("")
    for lab, a, b, c in timed_cues(turns, labels, start, rng):
        lines.append(f"{ts(a)} --> {ts(b)}")
        lines.append(f"<v {lab}>{c}</v>")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def write_srt(path, header, turns, labels, start, rng):
    assert not header, "srt has no header"
    out = []
    for n, (lab, a, b, c) in enumerate(timed_cues(turns, labels, start, rng), 1):
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
    path.write_bytes("\r\n".join(out).encode("utf-8"))


def write_txt_cp1252(path, header, turns, labels):
    out = [plain(h) for h in header] + [""]
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        out += [f"{lab}: {plain(body)}", ""]
    path.write_bytes("\r\n".join(out).encode("cp1252"))


def write_txt_ts(path, header, turns, labels, start, rng):
    out = [plain(h) for h in header] + [""]
    t = start
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        p = plain(body)
        out += [f"[{ts(t)[:8]}] {lab}: {p}", ""]
        t += len(p.split()) / rng.uniform(2.3, 2.8) + rng.uniform(0.5, 2.0)
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt_cp1252": "txt", "txt_ts": "txt"}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    style_rows, orient_rows, ident_rows, stats = [], [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(SRC / f"{doc_id}.txt")
        labels = tuple(plain(l) for l in cfg["labels"])
        rng = random.Random(doc_id)
        path = OUT / f"{doc_id}.{EXT[cfg['fmt']]}"
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx_bold(path, header, turns, labels)
        elif fmt == "docx_plain":
            write_docx_plain(path, header, turns, labels)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels, cfg["start"], rng)
        elif fmt == "srt":
            write_srt(path, header, turns, labels, cfg["start"], rng)
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, header, turns, labels)
        elif fmt == "txt_ts":
            write_txt_ts(path, header, turns, labels, cfg["start"], rng)

        # identifiers: speaker labels first, then header, then turns (first appearance)
        seen = {}
        for s in list(cfg["labels"]) + header + [b for _, b, _ in turns]:
            for text, typ in idents(s):
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: unknown type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc_id}: {text!r} typed both {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    ident_rows.append((doc_id, text, typ))
        for i, (tag, _, o) in enumerate(turns, 1):
            if tag == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        style_rows.append((doc_id, cfg["style"], cfg["rationale"]))
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        nres = sum(1 for t, _, _ in turns if t == "R")
        oc = [o for t, _, o in turns if t == "R"]
        stats.append((doc_id, path.name, words, nres, len(seen),
                      oc.count("casus"), oc.count("netwerk"), oc.count("-")))

    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("doc   file       words  resp_turns  idents  casus netwerk -")
    for s in stats:
        print("{:5} {:10} {:6} {:10} {:7} {:6} {:7} {:2}".format(*s))


if __name__ == "__main__":
    main()
