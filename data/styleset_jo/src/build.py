#!/usr/bin/env python3
"""Build set JO: transcripts + styles.csv, orientation.csv, identifiers.csv from src/<doc>.txt.

Source format: one paragraph per line, 'H: ' header line, 'I: ' interviewer turn,
'R: ' respondent turn ending in {casus} / {netwerk} / {-}. Identifiers inline as [[text|TYPE]].
Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

SRC = Path(__file__).resolve().parent
BASE = SRC.parent
OUT = BASE / "transcripts"

MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ORIENT = {"{casus}": "casus", "{netwerk}": "netwerk", "{-}": None}

# per document: delivery format, speaker labels (may carry identifier markup), style + rationale
DOCS = {
    "jo01": dict(fmt="docx", bold=True, ilabel="Interviewer", rlabel="[[Harm Wubbolts|PERSOON]]",
                 style="netwerkgericht",
                 rationale="Ex-wijkagent who deliberately leaves the kitchen table to the gezinsregisseur and spends his effort on corporation agreements, a decision-maker list, the stuurgroep and patterns across families, despite a warm story about one mother."),
    "jo02": dict(fmt="txt", enc="cp1252", eol="\r\n", style_txt="label", ilabel="I", rlabel="R",
                 style="casusgericht",
                 rationale="Gezinsregisseur who invests in trust with one mother and bends every partner (schuldhulp, school, Veilig Thuis, police) to that family's own plan, while declining the structural werkgroep."),
    "jo03": dict(fmt="vtt", ilabel="[[Sjoerd Tiemersma|PERSOON]]", rlabel="[[Wilma Venema|PERSOON]]",
                 style="onbepaald",
                 rationale="Too little evidence: a guarded schuldhulp consultant who answers only in procedures and generalities and never shows where her own effort or trust goes."),
    "jo04": dict(fmt="srt", eol="\r\n", ilabel="Interviewer", rlabel="[[Rutger|PERSOON]]",
                 style="netwerkgericht",
                 rationale="Ketenregisseur who uses client stories to expose gaps between organisations and invests in interest maps, an escalation ladder, no-blame reviews and quarterly pattern reports, treating his one hands-on case as an exception."),
    "jo05": dict(fmt="txt", enc="utf-8", eol="\n", style_txt="timestamp", ilabel="Spreker 1", rlabel="Spreker 2",
                 style="casusgericht",
                 rationale="Wijkcoach who does the chasing herself for each family (energy supplier, schuldhulp, school run, Veilig Thuis hand-over) and leaves the projectgroep to her teamleider, with one letter to the wethouder as an exception."),
    "jo06": dict(fmt="docx", bold=False, ilabel="[[Tessa|PERSOON]]", rlabel="[[Gea|PERSOON]]",
                 style="netwerkgericht",
                 rationale="Former woonconsulent who loves her clients but leaves them to the gezinsregisseur and invests in the monthly Tafel, the vroegsignalering convenant, escalation to directors and joint case reviews."),
}


def plain(s):
    return MARK.sub(r"\1", s)


def parse(doc_id):
    header, turns = [], []
    path = SRC / f"{doc_id}.txt"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        tag, sep, body = line.partition(": ")
        if not sep or tag not in ("H", "I", "R"):
            sys.exit(f"{path}:{n}: paragraph must start with H:/I:/R:")
        if tag == "H":
            if turns:
                sys.exit(f"{path}:{n}: header after turns")
            header.append(body)
            continue
        orient = None
        if tag == "R":
            m = re.search(r"\s*(\{casus\}|\{netwerk\}|\{-\})$", body)
            if not m:
                sys.exit(f"{path}:{n}: respondent paragraph without orientation tag")
            orient = ORIENT[m.group(1)]
            body = body[: m.start()]
        elif re.search(r"\{(casus|netwerk|-)\}\s*$", body):
            sys.exit(f"{path}:{n}: interviewer paragraph with orientation tag")
        expected = "I" if len(turns) % 2 == 0 else "R"
        if tag != expected:
            sys.exit(f"{path}:{n}: turns do not alternate (expected {expected})")
        turns.append((tag, body, orient))
    return header, turns


def collect_ids(doc_id, texts):
    ids = {}
    for t in texts:
        for m in MARK.finditer(t):
            s, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc_id}: unknown type {typ} for {s!r}")
            if s in ids and ids[s] != typ:
                sys.exit(f"{doc_id}: {s!r} typed both {ids[s]} and {typ}")
            ids.setdefault(s, typ)
    return ids


def warn_unmarked(doc_id, texts, ids):
    """Warn when an identifier string also occurs outside markup (should normally be marked too)."""
    for t in texts:
        stripped = MARK.sub(lambda m: "\x00" * len(m.group(1)), t)
        for s in ids:
            for m in re.finditer(re.escape(s), stripped):
                a, b = m.start(), m.end()
                before = stripped[a - 1] if a else " "
                after = stripped[b] if b < len(stripped) else " "
                if not before.isalnum() and not after.isalnum():
                    print(f"WARNING {doc_id}: unmarked occurrence of {s!r}: ...{plain(t)[max(0,a-30):b+30]}...")


# ---------- timing ----------
def split_sentences(annotated):
    """Split annotated text into sentences without cutting through [[...]] markup."""
    keep = []

    def hold(m):
        keep.append(m.group(0))
        return f"\x01{len(keep)-1}\x02"

    protected = MARK.sub(hold, annotated)
    parts = re.split(r"(?<=[.!?…])\s+(?=[A-Z\"(„“‘'ÀÉÍÓÚ\x01])|(?<=[.!?…][)\"”])\s+", protected)
    out = []
    for p in parts:
        p = re.sub(r"\x01(\d+)\x02", lambda m: keep[int(m.group(1))], p)
        if p.strip():
            out.append(p.strip())
    return out


def cues_for(annotated, max_words=20):
    cues, cur = [], []
    for s in split_sentences(annotated):
        w = len(plain(s).split())
        if cur and len(" ".join(plain(c) for c in cur).split()) + w > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start=1.6):
    """Yield (turn_index, speaker_tag, start, end, annotated_cue_text)."""
    t = start
    for idx, (tag, body, _) in enumerate(turns, 1):
        for c in cues_for(body):
            dur = max(1.2, len(plain(c).split()) * 0.37)
            yield idx, tag, t, t + dur, c
            t += dur + 0.12
        t += 0.9 if tag == "I" else 1.3


# ---------- writers ----------
def write_docx(doc_id, cfg, header, turns):
    d = Document()
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.core_properties.comments = ""
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
    if header:
        d.add_paragraph()
    il, rl = plain(cfg["ilabel"]), plain(cfg["rlabel"])
    for tag, body, _ in turns:
        p = d.add_paragraph()
        label = il if tag == "I" else rl
        if cfg["bold"]:
            r = p.add_run(f"{label}:")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{label}: {plain(body)}")
    d.save(OUT / f"{doc_id}.docx")


def write_txt(doc_id, cfg, header, turns):
    il, rl = plain(cfg["ilabel"]), plain(cfg["rlabel"])
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    if cfg["style_txt"] == "label":
        for tag, body, _ in turns:
            lines.append(f"{il if tag == 'I' else rl}: {plain(body)}")
            lines.append("")
    else:
        starts = {}
        for idx, tag, a, b, c in timed_cues(turns, start=3.0):
            starts.setdefault(idx, a)
        for idx, (tag, body, _) in enumerate(turns, 1):
            ts = fmt_ts(starts[idx], ",")[:8]
            lines.append(f"[{ts}] {il if tag == 'I' else rl}: {plain(body)}")
            lines.append("")
    text = cfg["eol"].join(lines)
    (OUT / f"{doc_id}.txt").write_bytes(text.encode(cfg["enc"]))


def write_vtt(doc_id, cfg, header, turns):
    il, rl = plain(cfg["ilabel"]), plain(cfg["rlabel"])
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    for idx, tag, a, b, c in timed_cues(turns):
        out.append(f"{fmt_ts(a, '.')} --> {fmt_ts(b, '.')}")
        out.append(f"<v {il if tag == 'I' else rl}>{plain(c)}</v>")
        out.append("")
    (OUT / f"{doc_id}.vtt").write_bytes("\n".join(out).encode("utf-8"))


def write_srt(doc_id, cfg, header, turns):
    il, rl = plain(cfg["ilabel"]), plain(cfg["rlabel"])
    out = []
    for n, (idx, tag, a, b, c) in enumerate(timed_cues(turns), 1):
        out += [str(n), f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}", f"{il if tag == 'I' else rl}: {plain(c)}", ""]
    (OUT / f"{doc_id}.srt").write_bytes(cfg["eol"].join(out).encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "vtt": write_vtt, "srt": write_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        if f.stem in DOCS:
            f.unlink()
    style_rows, orient_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse(doc_id)
        texts = header + [cfg["ilabel"], cfg["rlabel"]] + [b for _, b, _ in turns]
        ids = collect_ids(doc_id, texts)
        warn_unmarked(doc_id, header + [b for _, b, _ in turns], ids)
        WRITERS[cfg["fmt"]](doc_id, cfg, header, turns)
        style_rows.append((doc_id, cfg["style"], cfg["rationale"]))
        for idx, (tag, body, orient) in enumerate(turns, 1):
            if tag == "R" and orient:
                orient_rows.append((doc_id, idx, orient))
        for s, typ in ids.items():
            id_rows.append((doc_id, s, typ))
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        nresp = sum(1 for t in turns if t[0] == "R")
        print(f"{doc_id}: {cfg['fmt']:4s} words={words} turns={len(turns)} resp={nresp} ids={len(ids)} "
              f"casus={sum(1 for t in turns if t[2]=='casus')} netwerk={sum(1 for t in turns if t[2]=='netwerk')}")

    def write_csv(name, head, rows):
        with open(BASE / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(head)
            w.writerows(rows)

    write_csv("styles.csv", ["doc_id", "style", "rationale"], style_rows)
    write_csv("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(orient_rows))
    write_csv("identifiers.csv", ["doc_id", "identifier", "type"], id_rows)


if __name__ == "__main__":
    main()
