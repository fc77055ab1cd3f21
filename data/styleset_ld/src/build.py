#!/usr/bin/env python3
"""Build the setLD transcripts and csv files from the annotated sources in src/.

Source format (src/ldNN.txt): paragraphs separated by a blank line, each starting with
  H: header line   I: interviewer turn   R: respondent turn (ends in {casus}, {netwerk} or {-})
Identifiers are written inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py   (python-docx needed for .docx)
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

# per document: output format and speaker labels (labels may carry identifier markup)
DOCS = {
    "ld01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Respondent"),
    "ld02": dict(fmt="vtt", ilabel="Interviewer", rlabel="[[Kees Vermolen|PERSOON]]"),
    "ld03": dict(fmt="txt_cp1252", ilabel="I", rlabel="R"),
    "ld04": dict(fmt="srt", ilabel="Interviewer", rlabel="[[Yvonne|PERSOON]]"),
    "ld05": dict(fmt="txt_ts", ilabel="Spreker 1", rlabel="Spreker 2"),
    "ld06": dict(fmt="docx_plain", ilabel="[[L. Brinkman|PERSOON]]", rlabel="[[S. Bouman|PERSOON]]"),
}

STYLES = {
    "ld01": ("casusgericht",
             "She invests her own time and trust in Ilias and his mother, enlists every partner "
             "(police, jeugdreclassering, leerplicht, school, boxing trainer) as a means for her plan "
             "for him, and explicitly declines the structural online-threat working group."),
    "ld02": ("netwerkgericht",
             "He tells a warm story about Jay but deliberately leaves the daily contact to the "
             "jeugdreclasseerder and the mentor, and invests in the drill table, agreements signed by "
             "the organisations' managers, cross-district patterns and escalation."),
    "ld03": ("onbepaald",
             "Too little evidence: a guarded jeugdreclasseerder, suspicious of the researcher, who "
             "refuses every case example and gives only procedural generalities, never showing where "
             "his own effort goes."),
    "ld04": ("casusgericht",
             "The leerplichtambtenaar names many partners but recruits each one for Dylan's school plan, "
             "holds meetings at his mother's kitchen table and declines the taskforce and list-wide work."),
    "ld05": ("netwerkgericht",
             "Despite a vivid story about Sami, the mentoring-foundation coordinator hands mentees to "
             "volunteers and spends his effort on agreements with police, the action centre and the "
             "municipality, shared language between organisations and patterns across mentees."),
    "ld06": ("onbepaald",
             "Too little evidence: a senior regisseur who answers everything in policy vocabulary "
             "('we', het werkproces, de keten), declines examples and never says where she herself "
             "invests."),
}

ID_RE = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def read_source(doc):
    text = open(os.path.join(HERE, doc + ".txt"), encoding="utf-8").read()
    header, turns = [], []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(para.split())
        kind, body = para[:2], para[2:].strip()
        if kind == "H:":
            if turns:
                raise SystemExit(f"{doc}: header after first turn")
            header.append(body)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG_RE.search(body)
                if not m:
                    raise SystemExit(f"{doc}: respondent paragraph without tag: {body[:60]}")
                tag, body = m.group(1), body[:m.start()].rstrip()
            elif TAG_RE.search(body):
                raise SystemExit(f"{doc}: interviewer paragraph with tag")
            spk = kind[0]
            if turns and turns[-1][0] == spk:
                raise SystemExit(f"{doc}: two {spk} turns in a row")
            if not turns and spk != "I":
                raise SystemExit(f"{doc}: first turn is not the interviewer")
            turns.append((spk, body, tag))
        else:
            raise SystemExit(f"{doc}: bad paragraph: {para[:60]}")
    return header, turns


# ---------------------------------------------------------------- cue splitting
def protect(s):
    """Replace identifiers by atomic placeholders so splitting never cuts them."""
    store = []

    def rep(m):
        store.append(m.group(1))
        return "\x00%d\x00" % (len(store) - 1)
    return ID_RE.sub(rep, s), store


def unprotect(s, store):
    return re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], s)


def cues_for(text, max_words=16):
    p, store = protect(text)
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'0-9])", p)
    chunks, cur = [], []
    for s in sents:
        w = s.split()
        if cur and len(cur) + len(w) > max_words:
            chunks.append(cur)
            cur = []
        cur = cur + w
        if len(cur) >= max_words:
            chunks.append(cur)
            cur = []
    if cur:
        chunks.append(cur)
    return [(" ".join(unprotect(t, store) for t in c), len(c)) for c in chunks]


def wrap2(line, width=42):
    """Break a cue into at most two lines at the space nearest the middle (identifiers stay whole)."""
    p, store = protect(line)
    if len(line) <= width:
        return [line]
    toks = p.split(" ")
    best, best_d = 1, None
    total = len(line)
    acc = 0
    for i in range(1, len(toks)):
        acc += len(unprotect(toks[i - 1], store)) + 1
        d = abs(acc - total / 2)
        if best_d is None or d < best_d:
            best, best_d = i, d
    return [unprotect(" ".join(toks[:best]), store), unprotect(" ".join(toks[best:]), store)]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def timed_turns(turns, start=3.2):
    """Yield (spk, [(cue_text, t0, t1)]) with plausible speech timing (about 2.6 words/s)."""
    t = start
    out = []
    for spk, body, _ in turns:
        cues = []
        for txt, n in cues_for(plain(body)):
            dur = max(1.4, n / 2.6)
            cues.append((txt, t, t + dur))
            t += dur + 0.25
        t += 0.9
        out.append((spk, cues))
    return out


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, ilabel, rlabel, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
        else:
            r.italic = True
    if header:
        d.add_paragraph("")
    for spk, body, _ in turns:
        label = ilabel if spk == "I" else rlabel
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        r.bold = bold
        p.add_run(" " + plain(body))
    d.save(path)


def write_txt(path, header, turns, ilabel, rlabel, encoding, newline):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for spk, body, _ in turns:
        label = ilabel if spk == "I" else rlabel
        lines.append(f"{label}: {plain(body)}")
        lines.append("")
    data = newline.join(lines).rstrip(newline) + newline
    with open(path, "wb") as f:
        f.write(data.encode(encoding))


def write_txt_ts(path, header, turns, ilabel, rlabel):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for spk, cues in timed_turns(turns, start=4.0):
        label = ilabel if spk == "I" else rlabel
        t0 = int(cues[0][1])
        stamp = "%02d:%02d:%02d" % (t0 // 3600, t0 // 60 % 60, t0 % 60)
        lines.append(f"[{stamp}] {label}: " + " ".join(c[0] for c in cues))
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")


def write_vtt(path, header, turns, ilabel, rlabel):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    for spk, cues in timed_turns(turns):
        label = ilabel if spk == "I" else rlabel
        for txt, t0, t1 in cues:
            out.append(f"{ts(t0)} --> {ts(t1)}")
            out.append(f"<v {label}>{txt}</v>")
            out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(path, header, turns, ilabel, rlabel):
    out = []
    n = 0
    for spk, cues in timed_turns(turns, start=1.5):
        label = ilabel if spk == "I" else rlabel
        for txt, t0, t1 in cues:
            n += 1
            out.append(str(n))
            out.append(f"{ts(t0, ',')} --> {ts(t1, ',')}")
            out.extend(wrap2(f"{label}: {txt}"))
            out.append("")
    with open(path, "wb") as f:
        f.write(("\r\n".join(out)).encode("utf-8"))


EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt", "txt_ts": "txt",
       "vtt": "vtt", "srt": "srt"}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, id_rows, style_rows = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = read_source(doc)
        il, rl = plain(cfg["ilabel"]), plain(cfg["rlabel"])
        path = os.path.join(OUT, f"{doc}.{EXT[cfg['fmt']]}")
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx(path, header, turns, il, rl, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, il, rl, bold=False)
        elif fmt == "txt_cp1252":
            write_txt(path, header, turns, il, rl, "cp1252", "\r\n")
        elif fmt == "txt_ts":
            write_txt_ts(path, header, turns, il, rl)
        elif fmt == "vtt":
            write_vtt(path, header, turns, il, rl)
        elif fmt == "srt":
            write_srt(path, header, turns, il, rl)
        # orientation
        for idx, (spk, body, tag) in enumerate(turns, start=1):
            if spk == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc, idx, tag))
        # identifiers: header, labels, turns, in order of appearance
        seen = {}
        sources = header + [cfg["ilabel"], cfg["rlabel"]] + [b for _, b, _ in turns]
        for s in sources:
            for m in ID_RE.finditer(s):
                txt, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    raise SystemExit(f"{doc}: bad type {typ}")
                if txt in seen and seen[txt] != typ:
                    raise SystemExit(f"{doc}: {txt} has two types")
                if txt not in seen:
                    seen[txt] = typ
                    id_rows.append((doc, txt, typ))
        style_rows.append((doc,) + STYLES[doc])
    orient_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    print(f"built {len(DOCS)} transcripts, {len(orient_rows)} orientation rows, "
          f"{len(id_rows)} identifiers")


if __name__ == "__main__":
    main()
