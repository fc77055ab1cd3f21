#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set IW from the annotated sources.

Source format (src/<doc_id>.txt): one paragraph per line group, separated by blank lines.
  H: header line          (metadata, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "iw01": dict(fmt="docx_bold", ext="docx", labels=("Interviewer", "Ingrid Vermeulen"),
                 label_ids=["Ingrid Vermeulen"], style="casusgericht",
                 rationale="Policy adviser who names many partners and meetings, but every partner is recruited for one boy's plan; she hands the covenant and structural agreements to the programme manager and puts her own effort and trust in the boy and his mother."),
    "iw02": dict(fmt="txt_ir", ext="txt", encoding="cp1252", newline="\r\n", labels=("I", "R"),
                 label_ids=[], style="netwerkgericht",
                 rationale="Terse ex-police officer who meets the young people only once and leaves daily contact to coaches, investing in the partner table, written agreements (Halt intake, corporation call, fixed contact persons), escalation and patterns across cases."),
    "iw03": dict(fmt="vtt", ext="vtt", labels=("Eline Smit", "Nadia Bouzid"),
                 label_ids=["Eline Smit", "Nadia Bouzid"], style="casusgericht",
                 rationale="Warm young regisseur whose effort goes into home visits, trust with one boy and his mother and recruiting each partner person by person for his plan; she skips the structural working group."),
    "iw04": dict(fmt="srt", ext="srt", newline="\r\n", labels=("Interviewer", "Thea"),
                 label_ids=["Thea"], style="netwerkgericht",
                 rationale="Tells a warm, detailed story about one girl but deliberately hands the contact to the youth protection worker and invests in agreements between youth protection, schools and the corporation, partner meetings and an expert meeting on a pattern."),
    "iw05": dict(fmt="txt_ts", ext="txt", encoding="utf-8", newline="\n", labels=("Spreker 1", "Spreker 2"),
                 label_ids=[], style="onbepaald",
                 rationale="Genuinely mixed: he invests about equally in weekly walks and the individual plan with one boy and in chairing the schools' and sports coaches' consultations, and says he cannot choose."),
    "iw06": dict(fmt="docx_plain", ext="docx", labels=("Interviewer", "Respondent"),
                 label_ids=[], style="netwerkgericht",
                 rationale="Rambling ex-Halt worker who hands the boy to the youth worker and spends his effort on a cross-organisation alert protocol, getting the school boards' lawyers to agree, a coaches' consultation and patterns, and on securing agreements beyond his person."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
PH = "\u00a7"  # placeholder for spaces inside identifiers while chunking


def clean(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse_source(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        tag, _, body = p.partition(": ")
        if tag == "H":
            if turns:
                sys.exit(f"{doc}: header after turns")
            header.append(body)
        elif tag in ("I", "R"):
            ori = None
            if tag == "R":
                m = ORI.search(body)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without orientation: {body[:60]}")
                ori = m.group(1)
                body = ORI.sub("", body)
            elif ORI.search(body):
                sys.exit(f"{doc}: orientation on interviewer turn")
            turns.append((tag, body, ori))
        else:
            sys.exit(f"{doc}: bad paragraph tag {tag!r}")
    for i, (tag, _, _) in enumerate(turns):
        if tag != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return header, turns


def words(text):
    return [w for w in text.split() if re.search(r"\w", w)]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(marked, maxw=15):
    """Split a marked turn into cue chunks without breaking identifiers."""
    prot = MARK.sub(lambda m: "[[" + m.group(1).replace(" ", PH) + "|" + m.group(2) + "]]", marked)
    toks = prot.split()
    out, cur = [], []
    for t in toks:
        cur.append(t)
        plain = clean(t)
        n = len(cur)
        if (n >= 7 and re.search(r"[.?!…]\)?$", plain)) or (n >= maxw and re.search(r"[,;:]$", plain)) or n >= maxw + 5:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return out


def tok_text(toks):
    return clean(" ".join(toks)).replace(PH, " ")


def wrap2(toks, width=42):
    text = tok_text(toks)
    if len(text) <= width or len(toks) < 4:
        return text
    best, bi = None, None
    for i in range(1, len(toks)):
        a = len(tok_text(toks[:i]))
        d = abs(a - len(text) / 2)
        if best is None or d < best:
            best, bi = d, i
    return tok_text(toks[:bi]) + "\n" + tok_text(toks[bi:])


def build_doc(doc, cfg, header, turns):
    il, rl = cfg["labels"]
    fmt = cfg["fmt"]
    hdr = [clean(h) for h in header]
    path = os.path.join(OUT, f"{doc}.{cfg['ext']}")
    if fmt in ("docx_bold", "docx_plain"):
        import docx
        d = docx.Document()
        for h in hdr:
            d.add_paragraph(h)
        if hdr:
            d.add_paragraph("")
        for tag, body, _ in turns:
            label = il if tag == "I" else rl
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(label + ":")
                r.bold = True
                p.add_run(" " + clean(body))
            else:
                p.add_run(f"{label}: {clean(body)}")
        d.save(path)
        return
    lines = []
    if fmt == "txt_ir":
        lines += hdr + [""]
        for tag, body, _ in turns:
            lines += [f"{il if tag == 'I' else rl}: {clean(body)}", ""]
    elif fmt == "txt_ts":
        lines += hdr + [""]
        t = 4.0
        for tag, body, _ in turns:
            lines += [f"[{ts(t, ',')[:8]}] {il if tag == 'I' else rl}: {clean(body)}", ""]
            t += len(words(clean(body))) / 2.3 + 2.2
    elif fmt in ("vtt", "srt"):
        if fmt == "vtt":
            lines += ["WEBVTT", ""]
            if hdr:
                lines += ["NOTE"] + hdr + [""]
        t, n = 2.0, 0
        for tag, body, _ in turns:
            label = il if tag == "I" else rl
            for ci, ch in enumerate(chunks(body)):
                dur = len(ch) / 2.6 + 0.4
                n += 1
                txt = wrap2(ch)
                if fmt == "vtt":
                    lines += [f"{ts(t, '.')} --> {ts(t + dur, '.')}", f"<v {label}>{txt}", ""]
                else:
                    if ci == 0:
                        txt = f"{label}: {txt}"
                    lines += [str(n), f"{ts(t, ',')} --> {ts(t + dur, ',')}", txt, ""]
                t += dur + 0.2
            t += 0.8
    else:
        raise ValueError(fmt)
    nl = cfg.get("newline", "\n")
    data = "\n".join(lines).rstrip() + "\n"
    data = data.replace("\n", nl)
    with open(path, "w", encoding=cfg.get("encoding", "utf-8"), newline="") as f:
        f.write(data)


def check_unmarked(doc, header, turns, ids):
    """Warn when an identifier string also occurs unmarked in the source text."""
    text = " ".join(header + [b for _, b, _ in turns])
    rest = MARK.sub(" \u2063 ", text)
    for s in ids:
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest):
            print(f"WARNING {doc}: unmarked occurrence of {s!r}")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    styles, orients, idrows = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_source(doc)
        build_doc(doc, cfg, header, turns)
        styles.append((doc, cfg["style"], cfg["rationale"]))
        for i, (tag, _, ori) in enumerate(turns, start=1):
            if tag == "R" and ori in ("casus", "netwerk"):
                orients.append((doc, i, ori))
        seen = {}
        for s in cfg["label_ids"]:
            seen.setdefault(s, "PERSOON")
        for part in header + [b for _, b, _ in turns]:
            for m in MARK.finditer(part):
                s, ty = m.group(1), m.group(2)
                if ty not in TYPES:
                    sys.exit(f"{doc}: bad type {ty}")
                if s in seen and seen[s] != ty:
                    sys.exit(f"{doc}: {s!r} has two types {seen[s]} / {ty}")
                seen.setdefault(s, ty)
        check_unmarked(doc, header, turns, seen)
        for s, ty in seen.items():
            idrows.append((doc, s, ty))
        nw = sum(len(words(clean(b))) for _, b, _ in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        nc = sum(1 for t in turns if t[2] == "casus")
        nn = sum(1 for t in turns if t[2] == "netwerk")
        print(f"{doc}: {cfg['fmt']:10s} words={nw} resp_turns={nr} casus={nc} netwerk={nn} ids={len(seen)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)


if __name__ == "__main__":
    main()
