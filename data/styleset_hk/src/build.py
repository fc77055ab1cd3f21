"""Build the transcripts and the three csv files of set HK from the annotated sources.

Source format (src/<doc>.txt), one paragraph per line:
  H: header line      I: interviewer turn      R: respondent turn ending in {casus}|{netwerk}|{-}
Identifiers are marked inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# speaker labels may carry identifier markup; they are added to identifiers.csv
DOCS = {
    "hk01": dict(fmt="docx", ilab="Interviewer", rlab="Respondent"),
    "hk02": dict(fmt="srt", ilab="[[Sanne|PERSOON]]", rlab="[[Ronald|PERSOON]]", newline="\r\n"),
    "hk03": dict(fmt="txt", ilab="I", rlab="R", encoding="cp1252", newline="\r\n"),
    "hk04": dict(fmt="vtt", ilab="[[Joost de Rooij|PERSOON]]", rlab="[[Priscilla Mahabier|PERSOON]]"),
    "hk05": dict(fmt="spreker", ilab="Spreker 1", rlab="Spreker 2"),
    "hk06": dict(fmt="docx", ilab="[[Lotte|PERSOON]]", rlab="[[Dennis|PERSOON]]"),
}

STYLES = {
    "hk01": ("onbepaald", "Too little evidence: a guarded, procedural respondent who describes the werkproces "
                          "in generalities and never shows where her own effort or trust goes."),
    "hk02": ("netwerkgericht", "Very terse respondent whose effort goes to teamleiders, written agreements, "
                               "the escalation chapter and recurring bottlenecks, while daily client contact is left to others."),
    "hk03": ("casusgericht", "Invests her own time and trust in one young man's plan and uses every partner for it, "
                             "explicitly declining the working group and structural work."),
    "hk04": ("onbepaald", "Genuinely mixed: she splits her week and invests about equally in her own clients and in "
                          "interorganisational arrangements (consultation line, police training)."),
    "hk05": ("netwerkgericht", "Tells a warm client story but leaves contact to the youth protection worker and invests in "
                               "the transition table, team-leader relations and agreements across cases."),
    "hk06": ("casusgericht", "Names many partners and meetings, but all as means for his young client's own plan; he never "
                             "uses the escalation ladder and declines the covenant working group."),
}


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def idents(s):
    out = []
    for m in TAG.finditer(s):
        assert m.group(2) in TYPES, m.group(0)
        out.append((m.group(1), m.group(2)))
    return out


def parse(doc):
    header, turns = [], []
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            kind, text = line[:2], line[2:].strip()
            if kind == "H:":
                header.append(text)
            elif kind in ("I:", "R:"):
                ori = None
                if kind == "R:":
                    m = ORI.search(text)
                    assert m, (doc, text[:60])
                    ori = m.group(1)
                    text = text[:m.start()].rstrip()
                else:
                    assert not ORI.search(text), (doc, text[:60])
                turns.append((kind[0], text, ori))
            else:
                raise ValueError(f"{doc}: bad line {line[:60]}")
    for i, (sp, _, _) in enumerate(turns):
        assert sp == ("I" if i % 2 == 0 else "R"), (doc, i)
    return header, turns


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(text.split()) / 2.5)


def chunks(annotated, maxwords=24):
    """Split an annotated turn into cue-sized chunks at sentence ends, never inside [[...]]."""
    store = []

    def hide(m):
        store.append(m.group(0))
        return f"\x00{len(store) - 1}\x00"

    hidden = TAG.sub(hide, annotated)
    sents = re.split(r"(?<=[.!?…])\s+", hidden)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxwords:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    restore = lambda t: re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], t)
    return [restore(c) for c in out]


def write_text(path, lines, encoding="utf-8", newline="\n"):
    data = newline.join(lines) + newline
    with open(path, "wb") as f:
        f.write(data.encode(encoding))


def build(doc, cfg, header, turns):
    ilab, rlab = plain(cfg["ilab"]), plain(cfg["rlab"])
    lab = lambda sp: ilab if sp == "I" else rlab
    fmt = cfg["fmt"]
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(plain(h))
            r.italic = True
        if header:
            d.add_paragraph()
        for sp, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(lab(sp) + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        path = os.path.join(OUT, doc + ".docx")
        d.save(path)
    elif fmt == "txt":
        lines = [plain(h) for h in header] + [""]
        for sp, text, _ in turns:
            lines += [f"{lab(sp)}: {plain(text)}", ""]
        write_text(os.path.join(OUT, doc + ".txt"), lines[:-1], cfg.get("encoding", "utf-8"),
                   cfg.get("newline", "\n"))
    elif fmt == "spreker":
        lines = [plain(h) for h in header] + [""]
        t = 3.0
        for sp, text, _ in turns:
            lines.append(f"[{ts(t)[:8]}] {lab(sp)}: {plain(text)}")
            t += dur(plain(text)) + 1.1
        write_text(os.path.join(OUT, doc + ".txt"), lines, "utf-8", "\n")
    elif fmt == "srt":
        lines, t = [], 1.5
        for n, (sp, text, _) in enumerate(turns, 1):
            d_ = dur(plain(text))
            lines += [str(n), f"{ts(t, ',')} --> {ts(t + d_, ',')}", f"{lab(sp)}: {plain(text)}", ""]
            t += d_ + 0.9
        write_text(os.path.join(OUT, doc + ".srt"), lines, "utf-8", cfg.get("newline", "\n"))
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + [plain(h) for h in header] + [""]
        t = 2.0
        for sp, text, _ in turns:
            for c in chunks(text):
                d_ = dur(plain(c))
                lines += [f"{ts(t)} --> {ts(t + d_)}", f"<v {lab(sp)}>{plain(c)}</v>", ""]
                t += d_ + 0.2
            t += 0.8
        write_text(os.path.join(OUT, doc + ".vtt"), lines[:-1], "utf-8", "\n")
    else:
        raise ValueError(fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    srows, orows, irows = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse(doc)
        build(doc, cfg, header, turns)
        st, rat = STYLES[doc]
        srows.append((doc, st, rat))
        seen = set()
        allids = idents(cfg["ilab"]) + idents(cfg["rlab"])
        for h in header:
            allids += idents(h)
        for i, (sp, text, ori) in enumerate(turns, 1):
            allids += idents(text)
            if sp == "R" and ori in ("casus", "netwerk"):
                orows.append((doc, i, ori))
        for s, ty in allids:
            if s not in seen:
                seen.add(s)
                irows.append((doc, s, ty))
    for name, head, rows in (("styles.csv", ("doc_id", "style", "rationale"), srows),
                             ("orientation.csv", ("doc_id", "turn_index", "orientation"), orows),
                             ("identifiers.csv", ("doc_id", "identifier", "type"), irows)):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(head)
            w.writerows(rows)
    print("built", len(DOCS), "transcripts,", len(orows), "orientation rows,", len(irows), "identifiers")


if __name__ == "__main__":
    main()
