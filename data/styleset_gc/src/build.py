"""Build the transcripts and the three csv files of set GC from the annotated sources.

Source format (src/gcNN.txt), one paragraph per line:
  #format: txt-cp1252 | srt | docx-bold | docx-plain | vtt | txt-ts
  #ilabel: / #rlabel:  speaker label of interviewer / respondent (may carry [[name|PERSOON]])
  H: header line      I: interviewer turn      R: respondent turn ending in {casus}|{netwerk}|{-}
Identifiers are marked inline as [[text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

DOCS = ["gc01", "gc02", "gc03", "gc04", "gc05", "gc06"]
STYLES = {
    "gc01": ("casusgericht",
             "Reclasseringswerker die al zijn uren in het vertrouwen van en het plan met één jongen steekt en alle partners (werkgever, buurtteam, wijkagent, psychiater, overleg) alleen als middel voor dat plan inzet, terwijl hij de werkgroep over structurele overdracht expliciet afslaat."),
    "gc02": ("onbepaald",
             "Too little evidence: een behoedzame Halt-coördinator die alleen in procedures en algemeenheden antwoordt, geen casus wil bespreken en nergens laat zien waar haar eigen inzet of vertrouwen naartoe gaat."),
    "gc03": ("netwerkgericht",
             "Procesregisseur die warm over één jongen vertelt maar het dagelijks contact aan jongerenwerker en reclassering laat en haar tijd steekt in afspraken met de corporatie, een escalatieladder, relaties met teamleiders en patronen over casussen heen."),
    "gc04": ("onbepaald",
             "Mixed: regisseur jeugd die zijn week bewust verdeelt tussen intensief eigen contact en planbijstelling bij zes jongeren en het opzetten van een overdrachtstafel en structurele afspraken tussen organisaties, en weigert te kiezen."),
    "gc05": ("casusgericht",
             "Regisseur die voortdurend partners, overleggen en haar grote netwerk noemt, maar alles inzet als middel voor het plan van één jongen, het vertrouwen bij de jongere zelf opbouwt en structureel werk (werkgroep) uitdrukkelijk aan anderen laat."),
    "gc06": ("netwerkgericht",
             "Reclasseringsman die een jongen goed kent maar het contact bewust aan een collega overlaat en zijn inzet steekt in afspraken tussen PI, gemeente, OM en politie, patroonanalyse, escalatie en borging."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WPS = 2.45  # spoken words per second, for timestamps


def plain(text):
    return MARK.sub(lambda m: m.group(1), text)


def parse(doc_id):
    meta, header, turns = {}, [], []
    for n, line in enumerate((HERE / f"{doc_id}.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("#"):
            key, val = line[1:].split(":", 1)
            meta[key.strip()] = val.strip()
            continue
        tag, text = line[:2], line[2:].strip()
        if tag == "H:":
            header.append(text)
        elif tag in ("I:", "R:"):
            m = TAG.search(text)
            if tag == "R:":
                if not m:
                    sys.exit(f"{doc_id}:{n}: respondent paragraph without {{casus}}/{{netwerk}}/{{-}}")
                text, orient = text[:m.start()], m.group(1)
            else:
                if m:
                    sys.exit(f"{doc_id}:{n}: interviewer paragraph with orientation tag")
                orient = None
            turns.append((tag[0], text, orient))
        else:
            sys.exit(f"{doc_id}:{n}: unknown paragraph type {line[:20]!r}")
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turn {i + 1} breaks alternation")
    return meta, header, turns


def identifiers(doc_id, meta, header, turns):
    found = {}
    texts = [meta["ilabel"], meta["rlabel"]] + header + [t for _, t, _ in turns]
    for text in texts:
        for m in MARK.finditer(text):
            s, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc_id}: bad type {typ}")
            if found.setdefault(s, typ) != typ:
                sys.exit(f"{doc_id}: {s!r} has two types")
    # warn about unmarked occurrences of a marked string
    for text in texts:
        rest = MARK.sub(" ", text)
        for s in found:
            if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest):
                print(f"warning {doc_id}: unmarked occurrence of {s!r}", file=sys.stderr)
    return found


def sentences(text):
    """Split a marked-up turn into sentences without breaking inside an identifier."""
    keep = []
    protected = MARK.sub(lambda m: keep.append(m.group(0)) or f"\x00{len(keep) - 1}\x00", text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'\x00ÉË])", protected)
    return [plain(re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], p)) for p in parts]


def cues(text, max_words=24):
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > max_words:
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


def timed(turns, start=4.2):
    """Yield (who, cue_text, t0, t1) with plausible timing."""
    t = start
    for i, (who, text, _) in enumerate(turns):
        for c in cues(text):
            dur = max(1.6, len(c.split()) / WPS)
            yield who, c, t, t + dur
            t += dur + 0.25
        t += 0.9 + (i % 3) * 0.4


def build(doc_id):
    meta, header, turns = parse(doc_id)
    fmt = meta["format"]
    lab = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    hdr = [plain(h) for h in header]
    for f in OUT.glob(f"{doc_id}.*"):
        f.unlink()

    if fmt == "txt-cp1252":
        lines = hdr + [""]
        for who, text, _ in turns:
            lines += [f"{lab[who]}: {plain(text)}", ""]
        (OUT / f"{doc_id}.txt").write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt-ts":
        lines = hdr + [""]
        t = 3.0
        for i, (who, text, _) in enumerate(turns):
            p = plain(text)
            lines.append(f"[{ts(t, ',')[:8]}] {lab[who]}: {p}")
            t += len(p.split()) / WPS + 1.1 + (i % 4) * 0.5
        (OUT / f"{doc_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif fmt == "srt":
        blocks = []
        for n, (who, c, t0, t1) in enumerate(timed(turns), 1):
            blocks.append(f"{n}\r\n{ts(t0, ',')} --> {ts(t1, ',')}\r\n{lab[who]}: {c}\r\n")
        (OUT / f"{doc_id}.srt").write_bytes("\r\n".join(blocks).encode("utf-8"))
    elif fmt == "vtt":
        out = ["WEBVTT", "", "NOTE"] + hdr + [""]
        for who, c, t0, t1 in timed(turns, start=2.0):
            c = c.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            out += [f"{ts(t0, '.')} --> {ts(t1, '.')}", f"<v {lab[who]}>{c}", ""]
        (OUT / f"{doc_id}.vtt").write_text("\n".join(out), encoding="utf-8")
    elif fmt in ("docx-bold", "docx-plain"):
        d = docx.Document()
        d.styles["Normal"].font.name = "Calibri"
        d.styles["Normal"].font.size = Pt(11)
        for h in hdr:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = fmt == "docx-bold"
        d.add_paragraph("")
        for who, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(f"{lab[who]}:")
            r.bold = fmt == "docx-bold"
            p.add_run(" " + plain(text))
        d.save(OUT / f"{doc_id}.docx")
    else:
        sys.exit(f"{doc_id}: unknown format {fmt}")

    ids = identifiers(doc_id, meta, header, turns)
    orient = [(i + 1, o) for i, (who, _, o) in enumerate(turns) if who == "R" and o in ("casus", "netwerk")]
    words = sum(len(plain(t).split()) for _, t, _ in turns)
    return ids, orient, words, sum(1 for w, _, _ in turns if w == "R")


def main():
    OUT.mkdir(exist_ok=True)
    id_rows, or_rows = [], []
    for doc_id in DOCS:
        ids, orient, words, rturns = build(doc_id)
        print(f"{doc_id}: {words} words, {rturns} respondent turns, {len(ids)} identifiers, "
              f"{sum(o == 'casus' for _, o in orient)} casus / {sum(o == 'netwerk' for _, o in orient)} netwerk turns")
        id_rows += [(doc_id, s, t) for s, t in ids.items()]
        or_rows += [(doc_id, i, o) for i, o in orient]
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows, key=lambda r: (r[0], r[1])))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
