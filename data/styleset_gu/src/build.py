"""Build the set GU transcripts and csv files from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Sources: src/guNN.txt, one paragraph per turn (blank-line separated):
  H: header line            (0..n, before the first turn)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import re
from pathlib import Path

import docx
from docx.shared import Pt

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "gu01": dict(fmt="docx_bold", labels=("Interviewer", "Respondent"), label_person=False,
                 style="netwerkgericht",
                 rationale="Former probation officer who deliberately holds no caseload: her own effort and trust go into the PI, municipal desks, housing corporations and written agreements with escalation, while the warm client story is handed to a casemanager."),
    "gu02": dict(fmt="txt_ir", enc="cp1252", nl="\r\n", labels=("I", "R"), label_person=False,
                 style="casusgericht",
                 rationale="Ex-police casemanager who names many partners and meetings, but every contact serves one released man's own plan; he declines the structural working group and leaves escalation and patterns to others."),
    "gu03": dict(fmt="vtt", labels=("Joost Akkerman", "Ingrid"), label_person=True,
                 style="onbepaald",
                 rationale="Too little evidence (guarded): a prison social worker who answers procedurally, refuses examples and figures and never shows where her own effort or trust goes."),
    "gu04": dict(fmt="srt", nl="\r\n", labels=("Pieter", "Esther"), label_person=True,
                 style="casusgericht",
                 rationale="Probation officer who convenes partners and attends the safety-house meeting only to get things for one released mother, escalates once for her alone and turns down the project group on agreements."),
    "gu05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), label_person=False,
                 style="netwerkgericht",
                 rationale="Municipal coordinator who tells a vivid story about a released man but leaves daily contact to the wijkteam and invests in the release table, a housing covenant, an escalation ladder and figures across cases."),
    "gu06": dict(fmt="docx_plain", labels=("Karin", "Demi"), label_person=True,
                 style="onbepaald",
                 rationale="Too little evidence (newcomer): a trajectbegeleider five weeks into the job who speaks in general and hypothetical terms about both clients and partners and has not yet invested effort anywhere she can describe."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse(path):
    header, turns = [], []
    for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        para = " ".join(l.strip() for l in para.splitlines())
        kind, text = para[:2], para[2:].strip()
        if kind == "H:":
            assert not turns, f"{path}: header after turns"
            header.append(text)
        elif kind == "I:":
            turns.append(("I", text, None))
        elif kind == "R:":
            m = ORI.search(text)
            assert m, f"{path}: respondent turn without orientation: {text[:60]}"
            turns.append(("R", text[:m.start()].strip(), m.group(1)))
        else:
            raise ValueError(f"{path}: bad paragraph {para[:40]}")
    return header, turns


def plain(text, ids):
    def rep(m):
        s, t = m.group(1), m.group(2)
        assert t in TYPES, t
        ids.append((s, t))
        return s
    out = MARK.sub(rep, text)
    assert "[[" not in out and "]]" not in out, out
    return out


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?…])\s+(?=[A-Z(ÉÖ'])", text) if s]


def chunks(text, maxw=16):
    """Group sentences into cue-sized chunks (never splitting a sentence)."""
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


LABELISH = re.compile(r"^[^:.!?]{1,40}:\s")


def lines(text, width=84):
    """Wrap at sentence boundaries; never start a continuation line with 'xxx: '."""
    out, cur = [], ""
    for s in sentences(text):
        if cur and len(cur) + 1 + len(s) > width and not LABELISH.match(s):
            out.append(cur)
            cur = s
        else:
            cur = (cur + " " + s).strip()
    if cur:
        out.append(cur)
    return out


def nwords(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def dur(text):
    return nwords(text) / 2.6 + 0.6


def ts(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def write_docx(path, header, turns, labels, bold):
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
    for who, text in turns:
        lab = labels[0] if who == "I" else labels[1]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + text)
    d.save(path)


def build_doc(doc_id, cfg):
    header_m, turns_m = parse(SRC / f"{doc_id}.txt")
    ids = []
    header = [plain(h, ids) for h in header_m]
    turns = [(w, plain(t, ids), o) for w, t, o in turns_m]
    if cfg["label_person"]:
        for lab in cfg["labels"]:
            ids.append((lab, "PERSOON"))
    fmt = cfg["fmt"]
    simple = [(w, t) for w, t, _ in turns]
    I, R = cfg["labels"]
    if fmt in ("docx_bold", "docx_plain"):
        path = TR / f"{doc_id}.docx"
        write_docx(path, header, simple, cfg["labels"], fmt == "docx_bold")
    elif fmt == "txt_ir":
        path = TR / f"{doc_id}.txt"
        out = header + [""] if header else []
        for w, t in simple:
            out += [f"{I if w == 'I' else R}: {t}", ""]
        path.write_bytes(cfg["nl"].join(out).encode(cfg["enc"]))
    elif fmt == "txt_ts":
        path = TR / f"{doc_id}.txt"
        out = header + [""] if header else []
        t0 = 3.0
        for w, t in simple:
            out += [f"[{hms(t0)}] {I if w == 'I' else R}: {t}", ""]
            t0 += dur(t) + 1.2
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "vtt":
        path = TR / f"{doc_id}.vtt"
        out = ["WEBVTT", ""]
        if header:
            out += ["NOTE"] + header + [""]
        t0, n = 1.5, 0
        for w, t in simple:
            lab = I if w == "I" else R
            for c in chunks(t):
                d = dur(c)
                n += 1
                out += [str(n), f"{ts(t0, '.')} --> {ts(t0 + d, '.')}", f"<v {lab}>{c}", ""]
                t0 += d + 0.15
            t0 += 0.9
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "srt":
        path = TR / f"{doc_id}.srt"
        assert not header
        out, t0 = [], 2.0
        for n, (w, t) in enumerate(simple, 1):
            lab = I if w == "I" else R
            d = dur(t)
            ls = lines(f"{lab}: {t}")
            out += [str(n), f"{ts(t0)} --> {ts(t0 + d)}"] + ls + [""]
            t0 += d + 1.0
        path.write_bytes(cfg["nl"].join(out).encode("utf-8"))
    else:
        raise ValueError(fmt)
    # distinct identifiers in order of first occurrence
    seen, uniq = set(), []
    for s, t in ids:
        if s not in seen:
            seen.add(s)
            uniq.append((s, t))
        else:
            prev = [tt for ss, tt in uniq if ss == s][0]
            assert prev == t, f"{doc_id}: {s} typed {prev} and {t}"
    ori = [(i, o) for i, (w, _, o) in enumerate(turns, 1) if w == "R" and o in ("casus", "netwerk")]
    words = sum(nwords(t) for _, t in simple)
    rturns = sum(1 for w, _ in simple if w == "R")
    return uniq, ori, words, rturns, path.name


def main():
    TR.mkdir(exist_ok=True)
    for p in TR.iterdir():
        p.unlink()
    rows_id, rows_or, rows_st = [], [], []
    for doc_id, cfg in DOCS.items():
        uniq, ori, words, rturns, name = build_doc(doc_id, cfg)
        rows_id += [(doc_id, s, t) for s, t in uniq]
        rows_or += [(doc_id, i, o) for i, o in ori]
        rows_st.append((doc_id, cfg["style"], cfg["rationale"]))
        nc = sum(1 for _, o in ori if o == "casus")
        nn = sum(1 for _, o in ori if o == "netwerk")
        print(f"{doc_id} {name:10s} {cfg['style']:15s} words={words} rturns={rturns} "
              f"ids={len(uniq)} casus={nc} netwerk={nn}")
    for fn, head, rows in (("styles.csv", ("doc_id", "style", "rationale"), rows_st),
                           ("orientation.csv", ("doc_id", "turn_index", "orientation"), sorted(rows_or)),
                           ("identifiers.csv", ("doc_id", "identifier", "type"), rows_id)):
        with open(OUT / fn, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(head)
            w.writerows(rows)


if __name__ == "__main__":
    main()
