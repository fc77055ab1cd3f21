"""Build the transcripts and csv files of set GN from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines,
starting with 'H: ' (header line), 'I: ' (interviewer) or 'R: ' (respondent).
Identifiers are marked inline as [[text|TYPE]]; every R paragraph ends in
{casus}, {netwerk} or {-}.
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

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")

# Per document: delivery format and speaker labels (labels may carry identifier markup).
DOCS = {
    "gn01": dict(fmt="docx", i="Interviewer", r="Respondent", bold=True),
    "gn02": dict(fmt="vtt", i="[[Femke Dijkstra|PERSOON]]", r="[[Ruud Terpstra|PERSOON]]"),
    "gn03": dict(fmt="txt", i="I", r="R", enc="cp1252", eol="\r\n"),
    "gn04": dict(fmt="srt", i="[[Hanneke|PERSOON]]", r="[[Mourad|PERSOON]]", eol="\r\n"),
    "gn05": dict(fmt="txt-ts", i="Spreker 1", r="Spreker 2", enc="utf-8", eol="\n"),
    "gn06": dict(fmt="docx", i="[[Tom|PERSOON]]", r="[[Wendy|PERSOON]]", bold=False),
}

STYLES = {
    "gn01": ("casusgericht",
             "Reclasseringswerker who carries the re-entry plan through her own bond with one man "
             "and uses PI, gemeente, boxing school and re-entry table only as means for him, "
             "declining the working group on the table's agreements."),
    "gn02": ("netwerkgericht",
             "PI casemanager who tells a warm story about a detainee but leaves the daily contact "
             "to mentor and reclassering and invests in the re-entry table, the shared list, "
             "escalation and privacy agreements between organisations."),
    "gn03": ("onbepaald",
             "Too little evidence: a guarded gemeente regisseur who answers procedurally and in "
             "generalities and never shows where her or his own effort and trust go."),
    "gn04": ("casusgericht",
             "Gemeente regisseur and former youth worker who uses the re-entry table and many "
             "partners purely to realise one man's own plan, vouches for him personally and "
             "leaves the structural work to his team leader."),
    "gn05": ("netwerkgericht",
             "Former police officer turned gemeente regisseur who hands the client he tells about "
             "to a colleague and invests in housing agreements with corporaties, escalation lines "
             "and patterns across forty files."),
    "gn06": ("onbepaald",
             "Mixed: a reclassering worker who invests about equally in her own trust relation "
             "with a psychotic client and in a medication-handover agreement and the re-entry "
             "core group."),
}


def strip(text):
    return MARK.sub(lambda m: m.group(1), text)


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    header, turns = [], []
    for para in re.split(r"\n\s*\n", raw.strip()):
        para = " ".join(para.split())
        tag, body = para[:2], para[3:].strip()
        if tag == "H:":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(body)
        elif tag in ("I:", "R:"):
            orient = None
            if tag == "R:":
                m = re.search(r"\{(casus|netwerk|-)\}\s*$", body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()].rstrip()
            elif re.search(r"\{[a-z-]+\}\s*$", body):
                sys.exit(f"{doc_id}: orientation on interviewer turn")
            spk = "I" if tag == "I:" else "R"
            if turns and turns[-1][0] == spk:
                sys.exit(f"{doc_id}: turns do not alternate at turn {len(turns)+1}")
            if not turns and spk != "I":
                sys.exit(f"{doc_id}: first turn is not the interviewer")
            turns.append((spk, body, orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph start {para[:20]!r}")
    return header, turns


def collect_identifiers(doc_id, pieces):
    seen = {}
    for piece in pieces:
        for m in MARK.finditer(piece):
            text, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc_id}: unknown identifier type {typ}")
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc_id}: {text!r} typed both {seen[text]} and {typ}")
            seen.setdefault(text, typ)
    return seen


def lint_unmarked(doc_id, pieces, idents):
    """Warn when an identifier string also occurs unmarked (as a whole word)."""
    for text in idents:
        pat = re.compile(r"(?<![\w\[|])" + re.escape(text) + r"(?![\w|])")
        for piece in pieces:
            bare = MARK.sub(lambda m: "\x00" * len(m.group(0)), piece)
            for _ in pat.finditer(bare):
                print(f"WARNING {doc_id}: unmarked occurrence of {text!r}")


# ---------- timing and cue splitting ----------

def fmt_time(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def split_cues(text, idents, max_words=18):
    sents = re.split(r"(?<=[.!?…])\s+(?=[\"“(A-ZÀ-Ý0-9])", text)
    cues, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    # never split an identifier over two cues
    changed = True
    while changed:
        changed = False
        for k in range(len(cues) - 1):
            joined = cues[k] + " " + cues[k + 1]
            for ident in idents:
                if ident in joined and ident not in cues[k] and ident not in cues[k + 1]:
                    cues[k:k + 2] = [joined]
                    changed = True
                    break
            if changed:
                break
    return cues


def dur(text):
    return max(1.2, 0.42 * len(text.split()))


# ---------- writers ----------

def write_docx(path, header, turns, ilab, rlab, bold):
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        run = p.add_run(h)
        run.italic = True
    if header:
        d.add_paragraph("")
    for spk, text, _ in turns:
        lab = ilab if spk == "I" else rlab
        p = d.add_paragraph()
        if bold:
            r1 = p.add_run(lab + ":")
            r1.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{lab}: {text}")
    d.save(path)


def write_vtt(path, header, turns, ilab, rlab, idents):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    t = 2.0
    for spk, text, _ in turns:
        lab = ilab if spk == "I" else rlab
        for cue in split_cues(text, idents):
            d = dur(cue)
            out.append(f"{fmt_time(t, '.')} --> {fmt_time(t + d, '.')}")
            out.append(f"<v {lab}>{cue}</v>")
            out.append("")
            t += d + 0.15
        t += 0.7
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


def write_srt(path, turns, ilab, rlab, idents, eol):
    out = []
    t, n = 1.5, 0
    for spk, text, _ in turns:
        lab = ilab if spk == "I" else rlab
        for cue in split_cues(text, idents, max_words=16):
            n += 1
            d = dur(cue)
            out += [str(n), f"{fmt_time(t, ',')} --> {fmt_time(t + d, ',')}", f"{lab}: {cue}", ""]
            t += d + 0.12
        t += 0.6
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(eol.join(out))


def write_txt(path, header, turns, ilab, rlab, enc, eol):
    out = list(header)
    if header:
        out.append("")
    for spk, text, _ in turns:
        lab = ilab if spk == "I" else rlab
        out.append(f"{lab}: {text}")
        out.append("")
    with open(path, "w", encoding=enc, newline="") as fh:
        fh.write(eol.join(out))


def write_txt_ts(path, header, turns, ilab, rlab, enc, eol):
    out = list(header)
    if header:
        out.append("")
    t = 4.0
    for spk, text, _ in turns:
        lab = ilab if spk == "I" else rlab
        s = int(t)
        out.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab}: {text}")
        out.append("")
        t += dur(text) + 1.5
    with open(path, "w", encoding=enc, newline="") as fh:
        fh.write(eol.join(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, orient_rows, ident_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header_m, turns_m = parse_src(doc_id)
        pieces = header_m + [cfg["i"], cfg["r"]] + [t[1] for t in turns_m]
        idents = collect_identifiers(doc_id, pieces)
        lint_unmarked(doc_id, header_m + [t[1] for t in turns_m], idents)
        header = [strip(h) for h in header_m]
        turns = [(s, strip(t), o) for s, t, o in turns_m]
        ilab, rlab = strip(cfg["i"]), strip(cfg["r"])
        fmt = cfg["fmt"]
        if fmt == "docx":
            write_docx(os.path.join(OUT, doc_id + ".docx"), header, turns, ilab, rlab, cfg["bold"])
        elif fmt == "vtt":
            write_vtt(os.path.join(OUT, doc_id + ".vtt"), header, turns, ilab, rlab, idents)
        elif fmt == "srt":
            write_srt(os.path.join(OUT, doc_id + ".srt"), turns, ilab, rlab, idents, cfg["eol"])
        elif fmt == "txt":
            write_txt(os.path.join(OUT, doc_id + ".txt"), header, turns, ilab, rlab, cfg["enc"], cfg["eol"])
        elif fmt == "txt-ts":
            write_txt_ts(os.path.join(OUT, doc_id + ".txt"), header, turns, ilab, rlab, cfg["enc"], cfg["eol"])
        for k, (spk, _, o) in enumerate(turns, start=1):
            if spk == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, k, o))
        for text, typ in idents.items():
            ident_rows.append((doc_id, text, typ))
        style_rows.append((doc_id,) + STYLES[doc_id])
        words = sum(len(t[1].split()) for t in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        print(f"{doc_id}: {fmt:6s} words={words} respondent_turns={nr} identifiers={len(idents)}")
    orient_rows.sort()
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)


if __name__ == "__main__":
    main()
