#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set JY from the annotated sources.

Source format (src/<doc>.txt): paragraphs separated by blank lines, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are
marked inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.

Run:  /work/main/.venv/bin/python src/build.py          (build)
      /work/main/.venv/bin/python src/build.py --fix    (tag untagged repeats of known identifiers in src)
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

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "jy01": dict(fmt="docx_bold", labels=("Noor", "Youssef"), label_ids=True,
                 style="netwerkgericht",
                 rationale="Vertelt warm en gedetailleerd over één jongen, maar laat het dagelijkse contact bewust bij jongerenwerker en gezinscoach en steekt zijn eigen moeite in vaste afspraken met ZSM, de moskee, scholen en een groepsoverleg over het plein."),
    "jy02": dict(fmt="txt_cp1252", labels=("I", "R"), label_ids=False,
                 style="casusgericht",
                 rationale="Noemt veel partners (ZSM, corporatie, kerk, jongerenwerk), maar zet ze allemaal in als onderdelen van het plan van één jongen en zijn moeder, investeert zelf in hun vertrouwen en weigert de werkgroep over structurele afspraken."),
    "jy03": dict(fmt="vtt", labels=("Lotte Verhoef", "Ramon Tjon-A-Fat"), label_ids=True,
                 style="onbepaald",
                 rationale="Onbepaald van de soort 'genuinely mixed': hij verdeelt zijn week bewust half-half tussen eigen nabij contact met een jongen en zijn moeder en het opzetten van overleggen en afspraken tussen organisaties, en investeert op beide niveaus even zwaar."),
    "jy04": dict(fmt="srt", labels=("Daan", "Frank"), label_ids=True,
                 style="netwerkgericht",
                 rationale="Kortaf ex-wijkagent die het cliëntcontact aan reclassering en jongerenwerk laat en zijn energie steekt in schriftelijke afspraken, vaste lijnen, escalatieroutes en een groepsaanpak tussen organisaties."),
    "jy05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), label_ids=False,
                 style="casusgericht",
                 rationale="Noemt veel overleggen en ziet structurele knelpunten, maar elk overleg en elke partner is een middel voor het plan van één jongen; afspraken tussen organisaties laat ze bewust aan haar teamleider."),
    "jy06": dict(fmt="docx_plain", labels=("Interviewer", "Respondent"), label_ids=False,
                 style="netwerkgericht",
                 rationale="Vertelt warm over een gezin uit haar eigen gemeenschap, maar laat het contact bewust bij reclassering en jongerenwerk en investeert in een afspraak met de kerk, een expertmeeting over een patroon en een werkinstructie bij ZSM."),
}

TAG = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(doc):
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, body = p[:2], p[3:].strip()
        if kind not in ("H:", "I:", "R:") or p[2] != " ":
            raise SystemExit(f"{doc}: bad paragraph start: {p[:40]!r}")
        body = " ".join(body.split())
        if kind == "H:":
            if turns:
                raise SystemExit(f"{doc}: header after turns")
            header.append(body)
            continue
        ori = None
        m = ORI.search(body)
        if kind == "R:":
            if not m:
                raise SystemExit(f"{doc}: respondent turn without orientation: {body[:50]!r}")
            ori = m.group(1)
            body = body[:m.start()].rstrip()
        elif m:
            raise SystemExit(f"{doc}: interviewer turn with orientation")
        turns.append((kind[0], body, ori))
    # alternation
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc}: turns do not alternate at {i+1}")
    return header, turns


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def tags(s):
    out = []
    for m in TAG.finditer(s):
        if m.group(2) not in TYPES:
            raise SystemExit(f"unknown type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def untagged_regions(s):
    return TAG.sub(lambda m: "\x00" * len(m.group(0)), s)


def find_untagged(doc, header, turns, ids):
    problems = []
    for para in header + [t[1] for t in turns]:
        u = untagged_regions(para)
        for ident in ids:
            for m in re.finditer(r"(?<![\w@.])" + re.escape(ident) + r"(?![\w@])", u):
                problems.append((ident, para[max(0, m.start() - 20):m.end() + 20]))
    return problems


def autotag(doc, ids):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    # longest first
    for ident in sorted(ids, key=len, reverse=True):
        typ = ids[ident]
        pieces = re.split(r"(\[\[[^\]]+\]\])", raw)
        for k in range(0, len(pieces), 2):
            pieces[k] = re.sub(r"(?<![\w@.\[|])" + re.escape(ident) + r"(?![\w@|\]])",
                               f"[[{ident}|{typ}]]", pieces[k])
        raw = "".join(pieces)
    with open(path, "w", encoding="utf-8") as f:
        f.write(raw)


# ---------- writers ----------

def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


ABBR = ("mr.", "dr.", "M.", "R.", "S.", "K.", "y.", "c.", "m.", "r.")


def chunks(text, maxw=18):
    """Split a turn into cue-sized chunks at sentence ends, then at commas if needed."""
    sents, cur = [], ""
    for tok in text.split(" "):
        cur = (cur + " " + tok).strip()
        if re.search(r"[.?!…]\)?\"?$", tok) and tok not in ABBR:
            sents.append(cur)
            cur = ""
    if cur:
        sents.append(cur)
    out, buf = [], []
    for s in sents:
        w = s.split()
        if len(w) > maxw + 6:
            # break long sentence at commas
            parts, part = [], []
            for tok in w:
                part.append(tok)
                if tok.endswith(",") and len(part) >= 7:
                    parts.append(" ".join(part))
                    part = []
            if part:
                parts.append(" ".join(part))
        else:
            parts = [s]
        for p in parts:
            if buf and len(" ".join(buf).split()) + len(p.split()) > maxw:
                out.append(" ".join(buf))
                buf = []
            buf.append(p)
    if buf:
        out.append(" ".join(buf))
    return out


def timed_turns(turns, start=3.0):
    t = start
    res = []
    for sp, text, _ in turns:
        cues = []
        for c in chunks(text):
            d = max(1.2, len(c.split()) / 2.6)
            cues.append((t, t + d, c))
            t += d + 0.25
        res.append((sp, cues))
        t += 0.9
    return res


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
        d.add_paragraph("")
    for sp, text, _ in turns:
        lab = labels[0] if sp == "I" else labels[1]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + text)
    d.save(path)


def build(doc, cfg, header, turns):
    I, R = cfg["labels"]
    H = [plain(h) for h in header]
    T = [(sp, plain(tx), o) for sp, tx, o in turns]
    fmt = cfg["fmt"]
    if fmt == "docx_bold":
        write_docx(os.path.join(OUT, doc + ".docx"), H, T, (I, R), True)
    elif fmt == "docx_plain":
        write_docx(os.path.join(OUT, doc + ".docx"), H, T, (I, R), False)
    elif fmt == "txt_cp1252":
        lines = H + [""]
        for sp, tx, _ in T:
            lines.append(f"{I if sp == 'I' else R}: {tx}")
            lines.append("")
        data = "\r\n".join(lines).encode("cp1252")
        with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
            f.write(data)
    elif fmt == "txt_ts":
        lines = H + [""]
        for sp, cues in timed_turns(T, start=4.0):
            lab = I if sp == "I" else R
            start = cues[0][0]
            text = " ".join(c[2] for c in cues)
            lines.append(f"[{fmt_ts(start, '.')[:8]}] {lab}: {text}")
            lines.append("")
        with open(os.path.join(OUT, doc + ".txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt == "vtt":
        lines = ["WEBVTT", "", "NOTE"] + H + [""]
        n = 0
        for sp, cues in timed_turns(T):
            lab = I if sp == "I" else R
            for a, b, c in cues:
                n += 1
                lines += [f"{n}", f"{fmt_ts(a, '.')} --> {fmt_ts(b, '.')}", f"<v {lab}>{c}</v>", ""]
        with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt == "srt":
        lines = []
        n = 0
        for sp, cues in timed_turns(T, start=1.5):
            lab = I if sp == "I" else R
            for a, b, c in cues:
                n += 1
                lines += [f"{n}", f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}", f"{lab}: {c}", ""]
        with open(os.path.join(OUT, doc + ".srt"), "wb") as f:
            f.write("\r\n".join(lines).encode("utf-8"))
    else:
        raise SystemExit(fmt)
    # identifiers must not straddle cue boundaries
    if fmt in ("vtt", "srt"):
        for sp, tx, _ in turns:
            cs = chunks(plain(tx))
            for ident, _t in tags(tx):
                if sum(c.count(ident) for c in cs) < plain(tx).count(ident):
                    raise SystemExit(f"{doc}: identifier {ident!r} split over cues")


def main():
    fix = "--fix" in sys.argv
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ident_rows, ori_rows, style_rows = [], [], []
    bad = False
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        ids = {}
        if cfg["label_ids"]:
            for lab in cfg["labels"]:
                ids.setdefault(lab, "PERSOON")
        for para in header + [t[1] for t in turns]:
            for ident, typ in tags(para):
                if ids.get(ident, typ) != typ:
                    raise SystemExit(f"{doc}: {ident!r} tagged as {ids[ident]} and {typ}")
                ids.setdefault(ident, typ)
        if fix:
            autotag(doc, ids)
            header, turns = parse_src(doc)
        for ident, ctx in find_untagged(doc, header, turns, ids):
            print(f"{doc}: untagged occurrence of {ident!r}: ...{plain(ctx)}...")
            bad = True
        build(doc, cfg, header, turns)
        for ident, typ in ids.items():
            ident_rows.append((doc, ident, typ))
        for i, (sp, _, o) in enumerate(turns, start=1):
            if sp == "R" and o in ("casus", "netwerk"):
                ori_rows.append((doc, i, o))
        style_rows.append((doc, cfg["style"], cfg["rationale"]))
        words = sum(len(plain(t[1]).split()) for t in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        oc = {k: sum(1 for t in turns if t[2] == k) for k in ("casus", "netwerk", "-")}
        print(f"{doc}: {cfg['fmt']:<10} words={words} respondent_turns={nr} ids={len(ids)} ori={oc}")
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
