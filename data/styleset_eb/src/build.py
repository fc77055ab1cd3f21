#!/usr/bin/env python3
"""Build setEB transcripts + csv files from the annotated sources in src/.

Source format (src/ebNN.txt), blocks separated by blank lines, one block per line:
  H: header line (optional, only at the top)
  I: interviewer turn
  R: respondent turn, optionally ending in {casus} or {netwerk}
Identifiers are marked inline as [[verbatim text|TYPE]].

Run with a python that has python-docx (only needed for the .docx files):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "eb01": dict(fmt="docx", ilabel="Interviewer", rlabel="Respondent", bold=True,
                 style="netwerkgericht",
                 voice="procesregisseur Veiligheidshuis Noord- en Midden-Limburg (Venlo), ex-wijkagent, ca. 56, reflective storyteller",
                 rationale="Tells a long warm story about a labour-migrant client but invests in the table itself: one-to-one talks with partners, escalation to the stuurgroep, a signed werkafspraak, consent forms, and sees his role as making partners reachable for each other."),
    "eb02": dict(fmt="srt", ilabel="Interviewer", rlabel="Femke",
                 style="casusgericht",
                 voice="PGA-regisseur gemeente Roermond, ca. 34, energetic, fast",
                 rationale="Talks constantly about overleggen, partners and agreements, but every meeting, call and app serves Dylan's one-page plan; her trust work is with Dylan and his mother and she leaves structural border issues to others."),
    "eb03": dict(fmt="txt1252", ilabel="I", rlabel="R",
                 style="onbepaald",
                 voice="wijkagent / aandachtsvelder verward gedrag, basisteam Venray, ca. 45, terse and guarded",
                 rationale="Too little evidence: short procedural answers about E33 reports and zorgmeldingen, no follow-up of persons and no investment in agreements or partner relations; everything beyond the police part is 'not mine'."),
    "eb04": dict(fmt="txtts", ilabel="Spreker 1", rlabel="Spreker 2",
                 style="netwerkgericht",
                 voice="teamleider Veilig Thuis Limburg-Noord (Venlo), ca. 47, blunt and angry",
                 rationale="Uses a near-fatal domestic violence case and patterns at migrant housing sites to fix the chain (casusanalyse, reclassering check, interpreter access, privacy session, ketenlunch, escalation to directors); explicitly never met the client."),
    "eb05": dict(fmt="vtt", ilabel="Interviewer", rlabel="Ger",
                 style="casusgericht",
                 voice="reclasseringswerker/toezichthouder (Venlo, works in Venray), ca. 61, warm and rambling",
                 rationale="Builds the plan and trust with one ex-detainee and his daughter's mother, phones partners directly for this man, and avoids meetings unless his client is on the agenda; leaves structural work to his team leader."),
    "eb06": dict(fmt="docx", ilabel="Interviewer", rlabel="Ilse", bold=False,
                 style="onbepaald",
                 voice="SPV in FACT-team Roermond and coordinator verward gedrag Midden-Limburg, ca. 41, reflective",
                 rationale="Genuinely mixed: half her week is patient trust-building with a hoarding client and a psychotic young man, half is building regional agreements with corporations, police and municipalities, and she refuses to choose."),
}

LABEL_IDS = {"Femke", "Ger", "Ilse"}  # speaker labels that are first names


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        blocks = [b.strip() for b in f.read().split("\n\n") if b.strip()]
    header, turns, ids = [], [], []
    for b in blocks:
        if "\n" in b:
            raise SystemExit(f"{doc_id}: block spans lines: {b[:60]}")
        kind, _, text = b.partition(": ")
        ori = None
        m = ORI.search(text)
        if m:
            if kind != "R":
                raise SystemExit(f"{doc_id}: orientation on non-respondent turn")
            ori = m.group(1)
            text = text[: m.start()]
        for mm in MARK.finditer(text):
            if mm.group(2) not in TYPES:
                raise SystemExit(f"{doc_id}: bad type {mm.group(2)}")
            ids.append((mm.group(1), mm.group(2)))
        clean = MARK.sub(lambda mm: mm.group(1), text)
        if "[[" in clean or "{" in clean or "}" in clean:
            raise SystemExit(f"{doc_id}: leftover markup: {clean[:80]}")
        if kind == "H":
            if turns:
                raise SystemExit(f"{doc_id}: header after turns")
            header.append(clean)
        elif kind in ("I", "R"):
            turns.append((kind, clean, ori))
        else:
            raise SystemExit(f"{doc_id}: unknown block kind {kind!r}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: alternation broken at turn {i + 1}")
    return header, turns, ids


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?…])\s+", text) if s]


def chunks(text, maxw=38):
    out, cur = [], []
    for s in sentences(text):
        w = len(s.split())
        if cur and len(" ".join(cur).split()) + w > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cues(turns, labels):
    t = 1.2
    res = []
    for k, text, _ in turns:
        for c in chunks(text):
            dur = max(1.6, len(c.split()) / 2.6)
            res.append((t, t + dur, labels[k], c))
            t += dur + 0.25
        t += 0.6
    return res


def write_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(14)
    if header:
        d.add_paragraph("")
    for k, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[k] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{labels[k]}: {text}")
    d.save(path)


def render(doc_id, cfg, header, turns):
    labels = {"I": cfg["ilabel"], "R": cfg["rlabel"]}
    fmt = cfg["fmt"]
    if fmt == "docx":
        path = os.path.join(OUT, doc_id + ".docx")
        write_docx(path, header, turns, labels, cfg.get("bold"))
        return path
    if fmt == "srt":
        path = os.path.join(OUT, doc_id + ".srt")
        lines = []
        for n, (a, b, lab, c) in enumerate(cues(turns, labels), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "vtt":
        path = os.path.join(OUT, doc_id + ".vtt")
        lines = ["WEBVTT", ""]
        for h in header:
            lines += ["NOTE " + h, ""]
        for a, b, lab, c in cues(turns, labels):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}</v>", ""]
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "txtts":
        path = os.path.join(OUT, doc_id + ".txt")
        lines = list(header) + [""] if header else []
        t = 4.0
        for k, text, _ in turns:
            lines.append(f"[{ts(t, ',')[:8]}] {labels[k]}: {text}")
            lines.append("")
            t += len(text.split()) / 2.5 + 1.5
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "txt1252":
        path = os.path.join(OUT, doc_id + ".txt")
        lines = list(header) + [""] if header else []
        for k, text, _ in turns:
            lines.append(f"{labels[k]}: {text}")
            lines.append("")
        with open(path, "wb") as f:
            f.write("\r\n".join(lines).encode("cp1252"))
        return path
    raise SystemExit("unknown format " + fmt)


def raw_text(path):
    if path.endswith(".docx"):
        import zipfile, html
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        return html.unescape(re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n")))
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, oris, idents, stats = [], [], [], {}
    for doc_id, cfg in DOCS.items():
        header, turns, ids = parse(doc_id)
        path = render(doc_id, cfg, header, turns)
        text = raw_text(path)
        seen = set()
        allids = list(ids)
        for lab in (cfg["ilabel"], cfg["rlabel"]):
            if lab in LABEL_IDS:
                allids.append((lab, "PERSOON"))
        for ident, typ in allids:
            if (ident, typ) in seen:
                continue
            seen.add((ident, typ))
            if ident not in text:
                raise SystemExit(f"{doc_id}: identifier not verbatim in output: {ident}")
            idents.append((doc_id, ident, typ))
        for i, (k, _, o) in enumerate(turns, 1):
            if o:
                oris.append((doc_id, i, o))
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for k, _, _ in turns if k == "R")
        stats[doc_id] = dict(format=os.path.basename(path), words=words,
                             respondent_turns=rturns, turns=len(turns),
                             casus=sum(1 for _, _, o in turns if o == "casus"),
                             netwerk=sum(1 for _, _, o in turns if o == "netwerk"))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    with open(os.path.join(HERE, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1)
    for d, s in stats.items():
        print(d, s)


if __name__ == "__main__":
    main()
