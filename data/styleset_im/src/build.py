#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set IM from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/imNN.txt): paragraphs separated by a blank line, one per turn.
  H: header line (metadata, not a turn)
  I: interviewer turn
  R: respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import hashlib
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
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# Per document: delivery format, speaker labels, names in speaker labels (PERSOON),
# style and a one-sentence rationale.
CONFIG = {
    "im01": dict(fmt="docx_bold", ext="docx", ilabel="Joost", rlabel="Ilse",
                 label_ids=["Joost", "Ilse"], style="casusgericht",
                 rationale="Gezinsvoogd who invests her own time and trust in the mother and the two "
                           "children, enlists school, GGZ, reclassering, wijkagent and a boxing coach "
                           "as means for this family's plan, and declines the regional working group."),
    "im02": dict(fmt="srt", ext="srt", ilabel="Noor", rlabel="Erik",
                 label_ids=["Noor", "Erik"], style="netwerkgericht",
                 rationale="Terse wijkagent who hands the boy's daily contact to the wijkteam and puts "
                           "his effort into the monthly table, written agreements, escalation rules, "
                           "recurring-address patterns and relations with partner staff."),
    "im03": dict(fmt="vtt", ext="vtt", ilabel="Sophie de Wit", rlabel="Petra Lagerweij",
                 label_ids=["Sophie de Wit", "Petra Lagerweij"], style="onbepaald",
                 rationale="Onbepaald, genuinely mixed: the Veilig Thuis worker invests about equally "
                           "in staying with one family herself and in chain agreements with the Raad, "
                           "the MDA++ and the court."),
    "im04": dict(fmt="txt_ts", ext="txt", ilabel="Spreker 1", rlabel="Spreker 2",
                 label_ids=[], style="casusgericht",
                 rationale="Despite the policy title, the municipal regisseur spends his effort and "
                           "mandate on a handful of stuck families he visits himself and leaves the "
                           "regional table and covenant to a colleague."),
    "im05": dict(fmt="docx_plain", ext="docx", ilabel="Interviewer", rlabel="Respondent",
                 label_ids=[], style="netwerkgericht",
                 rationale="Senior jeugdbeschermer who tells a warm story about one girl but handed her "
                           "to a colleague and invests in the divorce table, agreements, escalation "
                           "and trust between Raad, Veilig Thuis, court and lawyers."),
    "im06": dict(fmt="txt_ir", ext="txt", ilabel="I", rlabel="R",
                 label_ids=[], style="onbepaald", encoding="cp1252", newline="\r\n",
                 rationale="Onbepaald, too little evidence: guarded, brief and procedural answers that "
                           "refer to protocols and the line and never show where her own effort goes."),
}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, body = p[:2], p[2:].strip()
        body = " ".join(body.split())
        if kind == "H:":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(body)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without tag: {body[:60]}")
                orient = m.group(1)
                body = TAG.sub("", body)
            elif TAG.search(body):
                sys.exit(f"{doc_id}: interviewer paragraph with tag")
            turns.append((kind[0], body, orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph {p[:40]}")
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns


def tokens(annotated):
    """Whitespace tokens, keeping each [[...|TYPE]] annotation (plus attached punctuation) atomic."""
    return re.findall(r"(?:\S*\[\[.+?\]\]\S*)+|\S+", annotated)


def chunks(annotated, soft=9, hard=17):
    """Split a turn into subtitle-sized pieces at sentence or clause ends; never inside an identifier."""
    out, cur = [], []
    for tok in tokens(annotated):
        cur.append(tok)
        p = plain(tok)
        n = len(cur)
        if (p.endswith((".", "?", "!")) and n >= soft) or (p.endswith((",", ":")) and n >= hard) \
                or n >= hard + 6:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return [" ".join(plain(t) for t in c) for c in out]


def wrap(text, width=44):
    """Two-line subtitle wrap at a space (identifiers may contain spaces, keep them together)."""
    if len(text) <= width:
        return [text]
    # candidate split points: spaces not inside an identifier of this document
    best, bestd = None, None
    for m in re.finditer(" ", text):
        i = m.start()
        if any(s < i < e for s, e in PROTECT):
            continue
        d = abs(i - len(text) / 2)
        if bestd is None or d < bestd:
            best, bestd = i, d
    if best is None:
        return [text]
    return [text[:best], text[best + 1:]]


PROTECT = []


def protect_spans(text, ids):
    spans = []
    for ident in ids:
        for m in re.finditer(re.escape(ident), text):
            spans.append((m.start(), m.end()))
    return spans


def ts(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(text.split()) / 2.6)


def build_docx(path, header, turns, cfg, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for spk, body, _ in turns:
        label = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        text = plain(body)
        parts = [text]
        if not bold and len(text.split()) > 110:
            # the typist started a new paragraph in long answers
            sents = re.split(r"(?<=[.?!]) (?=[A-Z(])", text)
            half, acc, cut = len(text.split()) / 2, 0, None
            for k, s in enumerate(sents[:-1]):
                acc += len(s.split())
                if acc >= half:
                    cut = k + 1
                    break
            if cut:
                parts = [" ".join(sents[:cut]), " ".join(sents[cut:])]
        for k, part in enumerate(parts):
            p = d.add_paragraph()
            if k == 0:
                if bold:
                    r = p.add_run(label + ":")
                    r.bold = True
                    p.add_run(" " + part)
                else:
                    p.add_run(f"{label}: {part}")
            else:
                p.add_run(part)
    d.core_properties.author = "transcriptie"
    d.save(path)


def build_srt(path, header, turns, cfg, ids):
    global PROTECT
    lines, n, t = [], 0, 3.0
    for spk, body, _ in turns:
        label = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        for c in chunks(body):
            n += 1
            d = dur(c)
            text = f"{label}: {c}"
            PROTECT = protect_spans(text, ids)
            lines += [str(n), f"{ts(t)} --> {ts(t + d)}"] + wrap(text) + [""]
            t += d + 0.15
        t += 0.9
    data = "\r\n".join(lines) + "\r\n"
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(data)


def build_vtt(path, header, turns, cfg, ids, doc_id):
    global PROTECT
    lines = ["WEBVTT", "", "NOTE"] + [plain(h) for h in header] + [""]
    t, n = 2.4, 0
    for ti, (spk, body, _) in enumerate(turns):
        base = hashlib.md5(f"{doc_id}/{ti}".encode()).hexdigest()
        guid = f"{base[:8]}-{base[8:12]}-4{base[13:16]}-a{base[17:20]}-{base[20:32]}"
        label = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        cs = chunks(body)
        for k, c in enumerate(cs):
            n += 1
            d = dur(c)
            PROTECT = protect_spans(c, ids)
            w = wrap(c, 60)
            lines.append(f"{guid}/{ti + 12}-{k}")
            lines.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            lines.append(f"<v {label}>" + "\n".join(w) + "</v>")
            lines.append("")
            t += d + 0.1
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_txt_ts(path, header, turns, cfg):
    out = [plain(h) for h in header] + [""]
    t = 4.0
    for spk, body, _ in turns:
        label = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        text = plain(body)
        out.append(f"[{ts(t)[:8]}] {label}: {text}")
        out.append("")
        t += dur(text) + 2.0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def build_txt_ir(path, header, turns, cfg):
    out = [plain(h) for h in header] + [""]
    for spk, body, _ in turns:
        label = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        out.append(f"{label}: {plain(body)}")
        out.append("")
    nl = cfg.get("newline", "\n")
    data = nl.join(out)
    with open(path, "wb") as f:
        f.write(data.encode(cfg.get("encoding", "utf-8")))  # strict: fails if not encodable


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient_rows, id_rows = [], [], []
    for doc_id, cfg in CONFIG.items():
        header, turns = parse_src(doc_id)
        # identifiers: header, speaker labels, turns; one row per distinct string
        seen = {}
        order = []
        texts = header + [b for _, b, _ in turns]
        found = []
        for h in header:
            found += ANN.findall(h)
        found += [(x, "PERSOON") for x in cfg["label_ids"]]
        for _, b, _ in turns:
            found += ANN.findall(b)
        for ident, typ in found:
            if typ not in TYPES:
                sys.exit(f"{doc_id}: bad type {typ} for {ident}")
            if ident in seen:
                if seen[ident] != typ:
                    sys.exit(f"{doc_id}: {ident} has two types")
                continue
            seen[ident] = typ
            order.append(ident)
        ids = sorted(order, key=len, reverse=True)
        path = os.path.join(OUT, f"{doc_id}.{cfg['ext']}")
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            build_docx(path, header, turns, cfg, bold=True)
        elif fmt == "docx_plain":
            build_docx(path, header, turns, cfg, bold=False)
        elif fmt == "srt":
            build_srt(path, header, turns, cfg, ids)
        elif fmt == "vtt":
            build_vtt(path, header, turns, cfg, ids, doc_id)
        elif fmt == "txt_ts":
            build_txt_ts(path, header, turns, cfg)
        elif fmt == "txt_ir":
            build_txt_ir(path, header, turns, cfg)
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        for i, (spk, _, o) in enumerate(turns, start=1):
            if spk == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        for ident in order:
            id_rows.append((doc_id, ident, seen[ident]))
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        rw = [len(plain(b).split()) for s, b, _ in turns if s == "R"]
        print(f"{doc_id}: {fmt:10s} words={words} respondent_turns={len(rw)} "
              f"avg_resp={sum(rw) / len(rw):.1f} ids={len(order)}")

    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
