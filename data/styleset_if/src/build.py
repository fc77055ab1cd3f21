"""Build the transcripts and the three csv files of set IF from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc>.txt): one paragraph per turn, separated by blank lines,
  H: header line   I: interviewer turn   R: respondent turn (ends in {casus}, {netwerk} or {-})
identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "if01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Respondent"),
    "if02": dict(fmt="txt_ir", encoding="cp1252", newline="\r\n"),
    "if03": dict(fmt="vtt", ilabel="Pieter Jansma", rlabel="Yasmina Tahiri", start=3.2),
    "if04": dict(fmt="srt", ilabel="Lotte", rlabel="Wilma", newline="\r\n", start=1.5),
    "if05": dict(fmt="txt_ts", ilabel="Spreker 1", rlabel="Spreker 2", start=4.0),
    "if06": dict(fmt="docx_plain", ilabel="Femke", rlabel="Ronald"),
}

STYLES = {
    "if01": ("netwerkgericht",
             "Oud-politie ketenregisseur in het Zorg- en Veiligheidshuis die een warm cliëntverhaal vertelt maar het contact bij het wijkteam laat en haar eigen inzet steekt in signaleringsafspraken met scholen, een escalatieladder, privacyafspraken en het onderhouden van relaties met de partners."),
    "if02": ("casusgericht",
             "Zwijgzame ex-reclasseringswerker van de gemeente Zutphen die zijn tijd en vertrouwen steekt in wekelijkse huisbezoeken aan één man, partners alleen inschakelt voor diens plan en werkgroepen en convenantwerk uitdrukkelijk aan anderen laat."),
    "if03": ("onbepaald",
             "Genuinely mixed (gemengd): de Apeldoornse regisseur verdeelt haar inzet ongeveer half om half tussen persoonlijk regie voeren bij een jonge vrouw en het opbouwen van sleutelfiguren-, school- en politieafspraken, en weigert zelf te kiezen."),
    "if04": ("casusgericht",
             "Ex-GGZ casusregisseur die veel partners en overleggen noemt maar ze allemaal inzet voor het plan van één jongen, zelf aan de keukentafel en op de tribune zit en structurele werkgroepen afslaat."),
    "if05": ("onbepaald",
             "Too little evidence: een terughoudende procesregisseur die alleen procedures, convenant en handreiking beschrijft, geen casus of eigen handelen wil toelichten en nergens laat zien waar zijn eigen inzet ligt."),
    "if06": ("netwerkgericht",
             "Boze, ervaren gemeentelijke regisseur die over een oud-cliënt vertelt maar hem bewust doorverwijst naar de casushouder en zijn inzet steekt in doorbraakbudget, GGZ-afspraak, corporatieprotocol, escalatieladder, patroonanalyse en bilateraal overleg met het OM."),
}

MARK = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(doc_id):
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns, idents = [], [], []
    for p in paras:
        kind, body = p[:2], p[2:].strip()
        if kind not in ("H:", "I:", "R:"):
            sys.exit(f"{doc_id}: bad paragraph prefix: {p[:40]!r}")
        if "\n" in body:
            sys.exit(f"{doc_id}: paragraph spans lines: {body[:40]!r}")
        ori = None
        if kind == "R:":
            m = ORI.search(body)
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without orientation: {body[:50]!r}")
            ori = m.group(1)
            body = body[:m.start()]
        elif ORI.search(body):
            sys.exit(f"{doc_id}: orientation on non-respondent paragraph: {body[:50]!r}")
        # plain text + identifier spans
        plain, spans, pos = "", [], 0
        for m in MARK.finditer(body):
            plain += body[pos:m.start()]
            text, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc_id}: unknown type {typ}")
            spans.append((len(plain), len(plain) + len(text)))
            plain += text
            idents.append((text, typ))
            pos = m.end()
        plain += body[pos:]
        if "[[" in plain or "]]" in plain or "{" in plain:
            sys.exit(f"{doc_id}: leftover markup in {plain[:60]!r}")
        if kind == "H:":
            header.append(plain)
        else:
            turns.append(dict(spk=kind[0], text=plain, spans=spans, ori=ori))
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["spk"] != want:
            sys.exit(f"{doc_id}: turn {i + 1} should be {want}")
    return header, turns, idents


def tokens(text, spans):
    """Split on spaces, keeping each identifier span atomic."""
    toks, cur, i = [], "", 0
    inside = lambda k: any(a <= k < b for a, b in spans)
    for k, ch in enumerate(text):
        if ch == " " and not inside(k):
            if cur:
                toks.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        toks.append(cur)
    return toks


def nwords(tok):
    return len(tok.split())


def cues_for(turn, max_chars=84, min_chars=28):
    """Group tokens into cues of at most two subtitle lines, preferring sentence ends."""
    toks = tokens(turn["text"], turn["spans"])
    cues, cur, n = [], [], 0
    for t in toks:
        if cur and n + 1 + len(t) > max_chars:
            cues.append(cur)
            cur, n = [], 0
        cur.append(t)
        n += len(t) + (1 if n else 0)
        if re.search(r"[.?!…]\)?$", t) and n >= min_chars:
            cues.append(cur)
            cur, n = [], 0
    if cur:
        if cues and n < 12 and sum(len(x) + 1 for x in cues[-1]) + n <= max_chars + 12:
            cues[-1].extend(cur)
        else:
            cues.append(cur)
    return cues


def wrap(toks, width=44):
    """One line if it fits, otherwise two balanced lines (split at a token boundary)."""
    line = " ".join(toks)
    if len(line) <= width or len(toks) == 1:
        return [line]
    best, best_k = None, 1
    for k in range(1, len(toks)):
        a, b = " ".join(toks[:k]), " ".join(toks[k:])
        score = max(len(a), len(b))
        if best is None or score < best:
            best, best_k = score, k
    return [" ".join(toks[:best_k]), " ".join(toks[best_k:])]


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start):
    """Yield (speaker, start, end, toks) for every cue, with invented speech timing."""
    t = start
    out = []
    for ti, turn in enumerate(turns):
        for toks in cues_for(turn):
            w = sum(nwords(x) for x in toks)
            dur = max(1.2, w * 0.37)
            out.append((turn["spk"], t, t + dur, toks, ti))
            t += dur + 0.08
        t += 0.9
    return out


def build_docx(doc_id, cfg, header, turns, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph("")
    for turn in turns:
        lab = cfg["ilabel"] if turn["spk"] == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + turn["text"])
    d.save(os.path.join(OUT, doc_id + ".docx"))


def build_txt_ir(doc_id, cfg, header, turns):
    lines = list(header)
    if header:
        lines.append("")
    for turn in turns:
        lines.append(f"{turn['spk']}: {turn['text']}")
        lines.append("")
    data = cfg["newline"].join(lines)
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def build_txt_ts(doc_id, cfg, header, turns):
    lines = list(header) + [""]
    # one line per turn, timestamp = start of the turn
    starts = {}
    for spk, a, b, toks, ti in timed_cues(turns, cfg["start"]):
        starts.setdefault(ti, a)
    for ti, turn in enumerate(turns):
        lab = cfg["ilabel"] if turn["spk"] == "I" else cfg["rlabel"]
        ts = fmt_ts(starts[ti], ".")[:8]
        lines.append(f"[{ts}] {lab}: {turn['text']}")
        lines.append("")
    with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_vtt(doc_id, cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    for spk, a, b, toks, ti in timed_cues(turns, cfg["start"]):
        name = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        out.append(f"{fmt_ts(a, '.')} --> {fmt_ts(b, '.')}")
        lines = wrap(toks)
        lines[0] = f"<v {name}>" + lines[0]
        lines[-1] = lines[-1] + "</v>"
        out.extend(lines)
        out.append("")
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def build_srt(doc_id, cfg, header, turns):
    out = []
    for n, (spk, a, b, toks, ti) in enumerate(timed_cues(turns, cfg["start"]), 1):
        name = cfg["ilabel"] if spk == "I" else cfg["rlabel"]
        out.append(str(n))
        out.append(f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}")
        lines = wrap([name + ":"] + toks)
        out.extend(lines)
        out.append("")
    with open(os.path.join(OUT, doc_id + ".srt"), "wb") as f:
        f.write(cfg["newline"].join(out).encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ident_rows, ori_rows = [], []
    for doc_id, cfg in DOCS.items():
        header, turns, idents = parse_src(doc_id)
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            build_docx(doc_id, cfg, header, turns, True)
        elif fmt == "docx_plain":
            build_docx(doc_id, cfg, header, turns, False)
        elif fmt == "txt_ir":
            build_txt_ir(doc_id, cfg, header, turns)
        elif fmt == "txt_ts":
            build_txt_ts(doc_id, cfg, header, turns)
        elif fmt == "vtt":
            build_vtt(doc_id, cfg, header, turns)
        elif fmt == "srt":
            build_srt(doc_id, cfg, header, turns)
        # speaker-label names count as PERSOON
        for key in ("ilabel", "rlabel"):
            lab = cfg.get(key)
            if lab and not lab.startswith(("Spreker", "Interviewer", "Respondent")):
                idents.append((lab, "PERSOON"))
        seen = set()
        for text, typ in idents:
            if text in seen:
                continue
            seen.add(text)
            ident_rows.append((doc_id, text, typ))
        for i, t in enumerate(turns, 1):
            if t["spk"] == "R" and t["ori"] in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, t["ori"]))
        words = sum(len(t["text"].split()) for t in turns)
        nres = sum(1 for t in turns if t["spk"] == "R")
        print(f"{doc_id}: {fmt:10s} words={words} respondent_turns={nres} identifiers={len(seen)}")
    ori_rows.sort()
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(ori_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, STYLES[doc_id][0], STYLES[doc_id][1]])


if __name__ == "__main__":
    main()
