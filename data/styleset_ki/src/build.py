#!/usr/bin/env python3
"""Build the setKI transcripts and csv files from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)

Source format (src/<doc_id>.src.txt): one paragraph per line, blank lines ignored.
  H: header line        I: interviewer turn        R: respondent turn ending in {casus}/{netwerk}/{-}
Identifiers inline as [[text|TYPE]].
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
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# per document: output format and the speaker labels (interviewer, respondent)
DOCS = {
    "ki01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Hanneke"),
    "ki02": dict(fmt="txt_stamps", ilabel="Spreker 1", rlabel="Spreker 2"),
    "ki03": dict(fmt="vtt", ilabel="Eline Haverkamp", rlabel="Ruud Kemperman"),
    "ki04": dict(fmt="txt_cp1252", ilabel="I", rlabel="R"),
    "ki05": dict(fmt="srt", ilabel="Daan", rlabel="Marieke"),
    "ki06": dict(fmt="docx_plain", ilabel="Interviewer", rlabel="Respondent"),
}
# speaker labels that are names count as PERSOON identifiers
LABEL_NAMES = {"ki01": ["Hanneke"], "ki03": ["Eline Haverkamp", "Ruud Kemperman"],
               "ki05": ["Daan", "Marieke"]}

STYLES = {
    "ki01": ("netwerkgericht", "De regisseur ondermijning legt het contact met bewoners bewust bij anderen en steekt haar eigen tijd in de ondermijningstafel, werkafspraken met LTO, scholen en jeugdteam en in het wegnemen van wantrouwen tussen organisaties."),
    "ki02": ("casusgericht", "De jeugdconsulent belt alle partners zelf voor het plan van één gezin, bouwt het vertrouwen van moeder en zoon persoonlijk op en slaat de uitnodiging voor een werkgroep over een protocol expliciet af."),
    "ki03": ("onbepaald", "Te weinig bewijs: de BOA-coördinator blijft procedureel en algemeen, laat niet zien waar zijn eigen inzet ligt en het gesprek wordt na 14 minuten afgebroken."),
    "ki04": ("netwerkgericht", "De oud-rechercheur vertelt warm over een gezin van vroeger maar doet zelf geen huisbezoeken meer en investeert in vertrouwen tussen diensten, patronen over zaken heen, een regionale Bibob-afspraak en een vast overleg tussen jeugdteams en recherche."),
    "ki05": ("netwerkgericht", "De procesregisseur beschrijft een gezin gedetailleerd, maar laat het dagelijkse contact aan de gezinsvoogd en gebruikt haar ene eigen ingreep als aanleiding voor een regionale werkafspraak tussen Veilig Thuis, politie en Jeugdbescherming."),
    "ki06": ("casusgericht", "De sceptische sociaal werker zet wijkagent, mentor, loonbedrijf en jeugdconsulent één voor één in voor het plan van één jongen en weigert deelname aan een signaleringsoverleg en afspraken tussen organisaties."),
}


def strip(text):
    return MARK.sub(lambda m: m.group(1), text)


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".src.txt")
    header, turns = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            kind, _, text = line.partition(": ")
            if kind == "H":
                header.append(text)
            elif kind in ("I", "R"):
                tag = None
                if kind == "R":
                    m = TAG.search(text)
                    if not m:
                        sys.exit(f"{path}:{n}: respondent paragraph without {{tag}}")
                    tag = m.group(1)
                    text = TAG.sub("", text)
                turns.append((kind, text, tag))
            else:
                sys.exit(f"{path}:{n}: unknown paragraph kind {kind!r}")
    return header, turns


def identifiers(doc_id, header, turns):
    seen, rows = set(), []
    for label in LABEL_NAMES.get(doc_id, []):
        if label not in seen:
            seen.add(label)
            rows.append((label, "PERSOON"))
    for text in header + [t[1] for t in turns]:
        for m in MARK.finditer(text):
            s, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc_id}: unknown identifier type {typ}")
            if s not in seen:
                seen.add(s)
                rows.append((s, typ))
    return rows


def consistency(doc_id, header, turns, ids):
    """Every identifier string must be marked wherever it occurs as a whole word."""
    problems = []
    for text in header + [t[1] for t in turns]:
        unmarked = MARK.sub(lambda m: "\x00" * len(m.group(0)), text)
        for s, _ in ids:
            if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", unmarked):
                problems.append(f"{doc_id}: unmarked occurrence of {s!r}: {strip(text)[:60]!r}")
    return problems


def words(text):
    return len([w for w in strip(text).split() if re.search(r"\w", w)])


# ---------------------------------------------------------------- chunking for subtitles
def tokens(text):
    prot = MARK.sub(lambda m: m.group(0).replace(" ", "\x01"), text)
    return [t.replace("\x01", " ") for t in prot.split()]


def chunks(text, maxw=18, minw=7):
    out, cur = [], []
    for tok in tokens(text):
        cur.append(tok)
        n = len(cur)
        plain = strip(tok)
        if (n >= minw and re.search(r"[.?!]$", plain)) or (n >= maxw and plain.endswith(",")) or n >= maxw + 6:
            out.append(strip(" ".join(cur)))
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1] += " " + strip(" ".join(cur))
        else:
            out.append(strip(" ".join(cur)))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, cfg, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if bold:
            r.italic = True
    if header:
        d.add_paragraph()
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(f"{label}: {strip(text)}")
    d.save(path)


def write_txt_stamps(path, header, turns, cfg):
    lines = [strip(h) for h in header] + [""]
    t = 3.0
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        lines.append(f"[{ts(t, ',')[:8]}] {label}: {strip(text)}")
        lines.append("")
        t += words(text) / 2.1 + 1.8
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def write_txt_cp1252(path, header, turns, cfg):
    lines = [strip(h) for h in header] + [""]
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        lines.append(f"{label}: {strip(text)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")  # strict: fails on characters outside cp1252
    with open(path, "wb") as fh:
        fh.write(data)


def write_vtt(path, header, turns, cfg):
    out = ["WEBVTT", ""]
    if header:
        out += ["NOTE"] + [strip(h) for h in header] + [""]
    t = 1.2
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for c in chunks(text):
            dur = max(1.5, len(c.split()) / 2.2)
            out += [f"{ts(t, '.')} --> {ts(t + dur, '.')}", f"<v {label}>{c}</v>", ""]
            t += dur + 0.25
        t += 1.0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


def write_srt(path, header, turns, cfg):
    out, n, t = [], 1, 0.8
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for c in chunks(text, maxw=16, minw=6):
            dur = max(1.4, len(c.split()) / 2.2)
            out += [str(n), f"{ts(t, ',')} --> {ts(t + dur, ',')}", f"{label}: {c}", ""]
            n += 1
            t += dur + 0.2
        t += 0.9
    with open(path, "wb") as fh:
        fh.write("\r\n".join(out).encode("utf-8"))


EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_stamps": "txt", "txt_cp1252": "txt",
       "vtt": "vtt", "srt": "srt"}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    problems, id_rows, or_rows, stats = [], [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        for i, (kind, _, _) in enumerate(turns):
            if kind != ("I" if i % 2 == 0 else "R"):
                problems.append(f"{doc_id}: turn {i + 1} breaks alternation")
        ids = identifiers(doc_id, header, turns)
        problems += consistency(doc_id, header, turns, ids)
        id_rows += [(doc_id, s, typ) for s, typ in ids]
        for i, (kind, _, tag) in enumerate(turns):
            if kind == "R" and tag in ("casus", "netwerk"):
                or_rows.append((doc_id, i + 1, tag))
        path = os.path.join(OUT, f"{doc_id}.{EXT[cfg['fmt']]}")
        fmt = cfg["fmt"]
        if fmt.startswith("docx"):
            write_docx(path, header, turns, cfg, bold=(fmt == "docx_bold"))
        elif fmt == "txt_stamps":
            write_txt_stamps(path, header, turns, cfg)
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, header, turns, cfg)
        elif fmt == "vtt":
            write_vtt(path, header, turns, cfg)
        elif fmt == "srt":
            write_srt(path, header, turns, cfg)
        nw = sum(words(t[1]) for t in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        tags = [t[2] for t in turns if t[0] == "R"]
        stats.append((doc_id, fmt, nw, nr, len(ids), tags.count("casus"), tags.count("netwerk"), tags.count("-")))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   format      words  R-turns  ids  casus netwerk -")
    for s in stats:
        print(f"{s[0]}  {s[1]:<11} {s[2]:>5}  {s[3]:>7}  {s[4]:>3}  {s[5]:>5} {s[6]:>7} {s[7]}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
