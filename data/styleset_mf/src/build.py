"""Build the setmf transcripts and label files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.src): paragraphs separated by a blank line, each starting with
  H: header line   I: interviewer turn   R: respondent turn (ends in {casus}, {netwerk} or {-})
Identifiers inline as [[text|TYPE]].
"""
import csv
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
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")

DOCS = {
    "mf01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Respondent", names=False,
                 style="casusgericht",
                 rationale="Reclasseringswerker who names many partners and meetings but uses each one "
                           "for one client's plan, builds trust at the kitchen table and explicitly "
                           "declines the regional stalking working group."),
    "mf02": dict(fmt="vtt", ilabel="Tessa Wijnands", rlabel="Ingrid Versteeg", names=True,
                 style="netwerkgericht",
                 rationale="Police coordinator who tells a warm, detailed victim story but leaves the "
                           "contact to the wijkagent and invests in agreements, mailboxes, work "
                           "instructions and escalation between police, reclassering, Veilig Thuis and OM."),
    "mf03": dict(fmt="txt_ir_cp1252", ilabel="I", rlabel="R", names=False,
                 style="onbepaald",
                 rationale="Onbepaald, too little evidence: a guarded sociaal raadsman who refuses "
                           "examples and speaks only in procedures and generalities, never showing "
                           "where his own effort goes."),
    "mf04": dict(fmt="srt", ilabel="Bas", rlabel="Annemiek", names=True,
                 style="casusgericht",
                 rationale="Gezinscoach who convenes a broad netwerkberaad but entirely around one "
                           "mother's plan and pace, fixes problems per child and turns down the "
                           "regional working group."),
    "mf05": dict(fmt="txt_spreker", ilabel="Spreker 1", rlabel="Spreker 2", names=False,
                 style="netwerkgericht",
                 rationale="Veilig Thuis casemanager who hands daily family contact to the wijkteam "
                           "and spends her effort on cross-case patterns, work instructions, a monthly "
                           "stalking meeting and escalation to the OM."),
    "mf06": dict(fmt="docx_plain", ilabel="Marloes", rlabel="Hamid", names=True,
                 style="onbepaald",
                 rationale="Onbepaald, genuinely mixed: a procesregisseur who invests about equally "
                           "in personal trust work with one stalker and in a written agreement, "
                           "priority rules and quarterly escalation between organisations."),
}


def parse_src(path):
    text = path.read_text(encoding="utf-8")
    paras = [re.sub(r"\s*\n\s*", " ", p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        tag, body = p[:2], p[2:].strip()
        if tag == "H:":
            if turns:
                sys.exit(f"{path.name}: header after turns: {p[:40]}")
            header.append(body)
        elif tag in ("I:", "R:"):
            orient = None
            if tag == "R:":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", body)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without orientation: {body[:50]}")
                orient = m.group(1)
                body = body[:m.start()].rstrip()
            elif re.search(r"\{(casus|netwerk|-)\}", body):
                sys.exit(f"{path.name}: interviewer paragraph with orientation mark")
            turns.append((tag[0], body, orient))
        else:
            sys.exit(f"{path.name}: bad paragraph tag: {p[:40]}")
    for i, t in enumerate(turns):
        if t[0] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return header, turns


def strip(annot):
    ids = []
    for m in ANN.finditer(annot):
        if m.group(2) not in TYPES:
            sys.exit(f"bad identifier type {m.group(2)}")
        ids.append((m.group(1), m.group(2)))
    plain = ANN.sub(lambda m: m.group(1), annot)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"unbalanced annotation: {annot[:60]}")
    return plain, ids


def covered_spans(annot):
    """Character spans (in the stripped text) that are covered by annotations."""
    spans, pos, out = [], 0, 0
    for m in ANN.finditer(annot):
        out += m.start() - pos
        spans.append((out, out + len(m.group(1))))
        out += len(m.group(1))
        pos = m.end()
    return spans


def warn_unannotated(doc, annotated_units, id_strings):
    for annot in annotated_units:
        plain, _ = strip(annot)
        spans = covered_spans(annot)
        for s in id_strings:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", plain):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    print(f"WARNING {doc}: unannotated occurrence of {s!r}: ...{plain[max(0, m.start() - 30):m.end() + 30]}...")


# ---------------------------------------------------------------- sentence / cue splitting
def split_sentences(annot):
    """Split annotated text at sentence ends that are outside [[...]]."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(annot):
        if annot.startswith("[[", i):
            depth += 1
            i += 2
            continue
        if annot.startswith("]]", i):
            depth -= 1
            i += 2
            continue
        c = annot[i]
        if depth == 0 and c in ".?!" and i + 1 < len(annot) and annot[i + 1] == " ":
            j = i + 1
            # keep a following "(lacht)" with the sentence it reacts to
            rest = annot[j:].lstrip()
            if rest.startswith("(lacht)"):
                j = len(annot) - len(rest) + len("(lacht)")
                i = j - 1
            parts.append(annot[start:j].strip())
            start = j
        i += 1
    parts.append(annot[start:].strip())
    return [p for p in parts if p]


def cues_for(annot, maxw=18):
    cues, cur = [], []
    for s in split_sentences(annot):
        w = len(strip(s)[0].split())
        if cur and sum(len(strip(x)[0].split()) for x in cur) + w > maxw:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return [strip(c)[0] for c in cues]


def dur(text):
    return max(1.6, len(text.split()) / 2.6)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, cfg, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for k, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if k == 0 and bold:
            r.bold = True
    if header:
        d.add_paragraph("")
    for role, text, _ in turns:
        label = cfg["ilabel"] if role == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        r.bold = bold
        p.add_run(" " + text)
    d.core_properties.author = "transcriptie"
    d.save(path)


def write_vtt(path, header, turns_annot, cfg):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t = 2.0
    n = 1
    for role, annot, _ in turns_annot:
        name = cfg["ilabel"] if role == "I" else cfg["rlabel"]
        for cue in cues_for(annot):
            d = dur(cue)
            lines.append(str(n))
            lines.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            lines.append(f"<v {name}>{cue}</v>")
            lines.append("")
            t += d + 0.25
            n += 1
        t += 0.9
    path.write_text("\n".join(lines), encoding="utf-8")


def write_srt(path, turns_annot, cfg):
    lines = []
    t = 1.5
    n = 1
    for role, annot, _ in turns_annot:
        name = cfg["ilabel"] if role == "I" else cfg["rlabel"]
        for cue in cues_for(annot, maxw=16):
            d = dur(cue)
            lines.append(str(n))
            lines.append(f"{ts(t, ',')} --> {ts(t + d, ',')}")
            lines.append(f"{name}: {cue}")
            lines.append("")
            t += d + 0.2
            n += 1
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="\r\n") as f:
        f.write("\n".join(lines))


def write_txt_ir(path, header, turns, cfg):
    out = list(header)
    if header:
        out.append("")
    for role, text, _ in turns:
        out.append(f"{cfg['ilabel'] if role == 'I' else cfg['rlabel']}: {text}")
        out.append("")
    with open(path, "w", encoding="cp1252", newline="\r\n") as f:
        f.write("\n".join(out))


def write_txt_spreker(path, header, turns, cfg):
    out = list(header)
    if header:
        out.append("")
    t = 4.0
    for role, text, _ in turns:
        label = cfg["ilabel"] if role == "I" else cfg["rlabel"]
        out.append(f"[{ts(t, '.')[:8]}] {label}: {text}")
        out.append("")
        t += len(text.split()) / 2.5 + 2.0
    path.write_text("\n".join(out), encoding="utf-8")


EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt_ir_cp1252": "txt", "txt_spreker": "txt"}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    style_rows, orient_rows, id_rows = [], [], []
    stats = []
    for doc, cfg in DOCS.items():
        header_a, turns_a = parse_src(SRC / f"{doc}.src")
        ids = []
        header = []
        for h in header_a:
            p, i = strip(h)
            header.append(p)
            ids += i
        turns = []
        for role, annot, orient in turns_a:
            p, i = strip(annot)
            turns.append((role, p, orient))
            ids += i
        if cfg["names"]:
            ids.append((cfg["ilabel"], "PERSOON"))
            ids.append((cfg["rlabel"], "PERSOON"))
        seen = {}
        for s, ty in ids:
            if s in seen and seen[s] != ty:
                sys.exit(f"{doc}: {s!r} has two types {seen[s]} / {ty}")
            seen[s] = ty
        warn_unannotated(doc, header_a + [a for _, a, _ in turns_a], list(seen))
        for s, ty in seen.items():
            id_rows.append((doc, s, ty))
        for k, (role, _, orient) in enumerate(turns, start=1):
            if role == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc, k, orient))
        style_rows.append((doc, cfg["style"], cfg["rationale"]))

        fmt = cfg["fmt"]
        path = OUT / f"{doc}.{EXT[fmt]}"
        if fmt == "docx_bold":
            write_docx(path, header, turns, cfg, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, cfg, bold=False)
        elif fmt == "vtt":
            write_vtt(path, header, turns_a, cfg)
        elif fmt == "srt":
            if header:
                sys.exit("srt has no header")
            write_srt(path, turns_a, cfg)
        elif fmt == "txt_ir_cp1252":
            write_txt_ir(path, header, turns, cfg)
        elif fmt == "txt_spreker":
            write_txt_spreker(path, header, turns, cfg)
        words = sum(len(t.split()) for _, t, _ in turns)
        rwords = sum(len(t.split()) for r, t, _ in turns if r == "R")
        nr = sum(1 for r, _, _ in turns if r == "R")
        oc = [o for r, _, o in turns if r == "R"]
        stats.append((doc, fmt, words, rwords, nr, oc.count("casus"), oc.count("netwerk"), len(seen)))

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
        w.writerows(id_rows)
    print("doc   format          words  resp_words  resp_turns  casus  netwerk  identifiers")
    for s in stats:
        print(f"{s[0]}  {s[1]:<14} {s[2]:>6} {s[3]:>10} {s[4]:>11} {s[5]:>6} {s[6]:>8} {s[7]:>12}")


if __name__ == "__main__":
    main()
