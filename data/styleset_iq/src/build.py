"""Build the setIQ transcripts and csv files from the annotated sources.

Source format (src/<doc_id>.txt): paragraphs separated by a blank line, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are
written inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.dirname(HERE)
OUT = os.path.join(BASE, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

DOCS = {
    "iq01": dict(fmt="txt_ir", encoding="cp1252", newline="\r\n", ilabel="I", rlabel="R",
                 label_ids=[],
                 style="casusgericht",
                 rationale="Oud-wijkagent die zijn eigen tijd en vertrouwen bijna volledig in de persoon "
                           "investeert (wekelijkse huisbezoeken, plan vanuit diens wens) en elke partner "
                           "alleen één taak voor dat plan geeft, terwijl hij werkgroepen en ketenoverleg "
                           "expliciet aan zijn teamleider laat."),
    "iq02": dict(fmt="docx_bold", ilabel="Joost", rlabel="Wilma",
                 label_ids=[("Joost", "PERSOON"), ("Wilma", "PERSOON")],
                 style="casusgericht",
                 rationale="Reflectieve ex-SPV die uitvoerig beschrijft hoe politie, corporatie, GGZ en "
                           "schuldhulp werken, maar die kennis steeds inzet om het plan van één cliënt "
                           "rond te krijgen en het structurele werk (regiegroep, afspraken met de politie) "
                           "bewust aan een collega laat."),
    "iq03": dict(fmt="vtt", ilabel="Lotte Smit", rlabel="Marjolein Hofstede",
                 label_ids=[("Lotte Smit", "PERSOON"), ("Marjolein Hofstede", "PERSOON")],
                 style="netwerkgericht",
                 rationale="Ex-schuldhulpverlener die warm over een gezin vertelt maar het dagelijkse "
                           "contact aan het wijkteam laat en haar eigen inzet steekt in de woontafel, het "
                           "convenant, escalatieafspraken tussen teamleiders en patronen over alle "
                           "ontruimingen heen."),
    "iq04": dict(fmt="srt", newline="\r\n", ilabel="Interviewer", rlabel="Arjen",
                 label_ids=[("Arjen", "PERSOON")],
                 style="netwerkgericht",
                 rationale="Oud-politieman die een levendig cliëntverhaal vertelt maar de cliënt na twee "
                           "bezoeken overdraagt en zijn tijd steekt in de verwardheidstafel, werkafspraken "
                           "met meldkamer en GGZ, escalatie naar directeuren en meldcijfers over adressen heen."),
    "iq05": dict(fmt="txt_ts", encoding="utf-8", newline="\n", ilabel="Spreker 1", rlabel="Spreker 2",
                 label_ids=[],
                 style="onbepaald",
                 rationale="Genuinely mixed: de wijkteammedewerker bezoekt haar zorgmijder zelf elke week "
                           "en heeft tegelijk het zorgmijdersoverleg met werkafspraken opgezet en voorgezeten, "
                           "en verdeelt haar inzet naar eigen zeggen ongeveer half om half."),
    "iq06": dict(fmt="docx_plain", ilabel="Interviewer", rlabel="Respondent",
                 label_ids=[],
                 style="onbepaald",
                 rationale="Too little evidence: de voorzichtige, procedurele ex-GGZ-respondent beschrijft "
                           "alleen werkprocessen en algemeenheden en laat nergens zien waar zijn eigen inzet "
                           "en vertrouwen liggen."),
}


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse_src(doc_id):
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip().replace("\n", " ") for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        tag, text = p[:2], p[3:].strip()
        if tag == "H:":
            if turns:
                raise SystemExit(f"{doc_id}: header after turns: {p[:60]}")
            header.append(text)
        elif tag in ("I:", "R:"):
            orient = None
            if tag == "R:":
                m = ORIENT.search(text)
                if not m:
                    raise SystemExit(f"{doc_id}: respondent paragraph without orientation: {p[:60]}")
                orient = m.group(1)
                text = text[:m.start()].rstrip()
            elif ORIENT.search(text):
                raise SystemExit(f"{doc_id}: orientation on interviewer turn: {p[:60]}")
            turns.append((tag[0], text, orient))
        else:
            raise SystemExit(f"{doc_id}: bad paragraph: {p[:60]}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns


def identifiers(doc_id, header, turns, cfg):
    seen = {}
    for s, t in cfg["label_ids"]:
        seen.setdefault(s, t)
    for text in header + [t for _, t, _ in turns]:
        for m in MARK.finditer(text):
            s, t = m.group(1), m.group(2)
            if t not in TYPES:
                raise SystemExit(f"{doc_id}: bad type {t}")
            if s in seen and seen[s] != t:
                raise SystemExit(f"{doc_id}: {s!r} typed both {seen[s]} and {t}")
            seen.setdefault(s, t)
    return list(seen.items())


def sentences(annotated):
    """Split annotated text into sentences without breaking [[...]] spans."""
    protected = MARK.sub(lambda m: m.group(0).replace(" ", "\x00"), annotated)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'])", protected)
    return [p.replace("\x00", " ") for p in parts if p.strip()]


def chunks(annotated, max_words=26):
    out, cur = [], []
    for s in sentences(annotated):
        n = len(plain(s).split())
        if cur and sum(len(plain(c).split()) for c in cur) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [plain(c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_txt_ir(doc_id, header, turns, cfg):
    lines = [plain(h) for h in header] + [""]
    for sp, text, _ in turns:
        lines.append(f"{cfg['ilabel'] if sp == 'I' else cfg['rlabel']}: {plain(text)}")
        lines.append("")
    data = cfg["newline"].join(lines)
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def write_txt_ts(doc_id, header, turns, cfg):
    lines = [plain(h) for h in header] + [""]
    t = 3.0
    for sp, text, _ in turns:
        p = plain(text)
        lab = cfg["ilabel"] if sp == "I" else cfg["rlabel"]
        lines.append(f"[{ts(t, '.')[:8]}] {lab}: {p}")
        t += max(2.0, len(p.split()) / 2.4) + 1.2
    data = cfg["newline"].join(lines) + cfg["newline"]
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def write_vtt(doc_id, header, turns, cfg):
    out = ["WEBVTT", ""]
    if header:
        out += ["NOTE"] + [plain(h) for h in header] + [""]
    t, n = 1.5, 0
    for sp, text, _ in turns:
        lab = cfg["ilabel"] if sp == "I" else cfg["rlabel"]
        for c in chunks(text):
            n += 1
            d = max(1.6, len(c.split()) / 2.5)
            out += [f"{n}", f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {lab}>{c}</v>", ""]
            t += d + 0.3
        t += 0.8
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc_id, header, turns, cfg):
    if header:
        raise SystemExit(f"{doc_id}: srt has no header")
    out, t, n = [], 2.0, 0
    for sp, text, _ in turns:
        lab = cfg["ilabel"] if sp == "I" else cfg["rlabel"]
        for c in chunks(text, 30):
            n += 1
            d = max(1.6, len(c.split()) / 2.5)
            out += [f"{n}", f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{lab}: {c}", ""]
            t += d + 0.25
        t += 0.9
    with open(os.path.join(OUT, doc_id + ".srt"), "wb") as f:
        f.write(cfg["newline"].join(out).encode("utf-8"))


def write_docx(doc_id, header, turns, cfg, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = bold
    if header:
        d.add_paragraph()
    for sp, text, _ in turns:
        lab = cfg["ilabel"] if sp == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        if bold:
            p.add_run(lab + ":").bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{lab}: {plain(text)}")
    d.save(os.path.join(OUT, doc_id + ".docx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    style_rows, orient_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        fmt = cfg["fmt"]
        if fmt == "txt_ir":
            write_txt_ir(doc_id, header, turns, cfg)
        elif fmt == "txt_ts":
            write_txt_ts(doc_id, header, turns, cfg)
        elif fmt == "vtt":
            write_vtt(doc_id, header, turns, cfg)
        elif fmt == "srt":
            write_srt(doc_id, header, turns, cfg)
        elif fmt == "docx_bold":
            write_docx(doc_id, header, turns, cfg, True)
        elif fmt == "docx_plain":
            write_docx(doc_id, header, turns, cfg, False)
        style_rows.append((doc_id, cfg["style"], cfg["rationale"]))
        for i, (sp, _, o) in enumerate(turns, start=1):
            if sp == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        for s, t in identifiers(doc_id, header, turns, cfg):
            id_rows.append((doc_id, s, t))
    orient_rows.sort()
    with open(os.path.join(BASE, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(BASE, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(BASE, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print(f"built {len(DOCS)} transcripts, {len(orient_rows)} orientation rows, {len(id_rows)} identifiers")


if __name__ == "__main__":
    main()
