"""Build the transcripts of set IG and the three label files from the annotated sources.

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines.
  H: header line            (only for formats that carry a header)
  I: interviewer turn
  R: respondent turn ... {casus}|{netwerk}|{-}
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# Per document: delivery format and speaker labels (labels may carry an identifier annotation).
DOCS = {
    "ig01": dict(fmt="srt", ilabel="Interviewer", rlabel="[[Marcel|PERSOON]]", crlf=True),
    "ig02": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Respondent"),
    "ig03": dict(fmt="vtt", ilabel="[[Fleur Verhoeven|PERSOON]]", rlabel="[[Yasmina Ouali|PERSOON]]"),
    "ig04": dict(fmt="txt_ir", enc="cp1252", crlf=True, ilabel="I", rlabel="R"),
    "ig05": dict(fmt="txt_ts", enc="utf-8", crlf=False, ilabel="Spreker 1", rlabel="Spreker 2"),
    "ig06": dict(fmt="docx_plain", ilabel="[[Fleur|PERSOON]]", rlabel="[[Jeroen|PERSOON]]"),
}
STYLES = {
    "ig01": ("netwerkgericht", "Heeft bewust een kleine caseload, laat het dagelijkse contact bij jongerenwerk en jeugdreclassering en steekt zijn eigen inzet in afspraken met scholen, OM, Jeugdbescherming en Diemen (schorsingsmail, escalatieroute, convenant)."),
    "ig02": ("casusgericht", "Investeert haar tijd en vertrouwen in Jordan en zijn moeder en zet school, wijkagent, gezinsvoogd, officier en boksschool in als middelen voor zijn plan, terwijl ze structurele werkgroepen afwijst en aan anderen laat."),
    "ig03": ("onbepaald", "Genuinely mixed (zegt het zelf): verdeelt haar inzet bewust ongeveer gelijk tussen de begeleiding van Ilias en zijn gezin en het kernpartneroverleg en de werkafspraak met Veilig Thuis."),
    "ig04": ("casusgericht", "Zit zelf bij Kevin en zijn broertje, belt partners alleen voor het plan van deze jongen en wijst afspraken tussen organisaties en werkgroepen kortaf af als iets voor managers."),
    "ig05": ("netwerkgericht", "Vertelt warm en gedetailleerd over Dayshawn maar laat het contact bij jongerenwerker en gezinsvoogd en investeert zelf in het koppeloverleg met Jeugdbescherming, de gezamenlijke scholingsdag en de broertjes-en-zusjesafspraak met scholen en wijkteams."),
    "ig06": ("onbepaald", "Genuinely mixed (zegt het nergens): steekt ongeveer evenveel inzet in het vertrouwen van de familie Osei en de tweeling als in een werkafspraak met corporatie, politie en scholen in Diemen."),
}


def parse_src(path):
    header, turns = [], []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        block = " ".join(block.split())
        if not block:
            continue
        kind, text = block[:2], block[3:]
        if kind == "H:":
            header.append(text)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{path.name}: respondent turn without orientation tag: {text[:60]}")
                orient = m.group(1)
                text = text[: m.start()]
            turns.append((kind[0], text.strip(), orient))
        else:
            sys.exit(f"{path.name}: bad paragraph: {block[:60]}")
    return header, turns


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def chunks(annotated, maxw=28):
    """Split an annotated turn at sentence ends (never inside an annotation) into cue-sized parts."""
    protected = []

    def keep(m):
        protected.append(m.group(0))
        return f"\x00{len(protected) - 1}\x00"

    tmp = ANN.sub(keep, annotated)
    sents = re.split(r"(?<=[.?!])\s+", tmp)
    parts, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and sum(len(x.split()) for x in cur) + n > maxw:
            parts.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        parts.append(" ".join(cur))
    restore = lambda p: re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], p)
    return [plain(restore(p)) for p in parts]


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}".replace(".", sep)


def timeline(turns, start=4.0):
    """Yield (speaker, chunk_text, start, end) with speaking rate ~2.5 words/s."""
    t = start
    for spk, text, _ in turns:
        for part in chunks(text):
            dur = max(1.2, len(part.split()) / 2.5)
            yield spk, part, t, t + dur
            t += dur + 0.3
        t += 0.8


def write_text(path, text, enc, crlf):
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(text.encode(enc))


def build_doc(doc_id, cfg, header, turns):
    il, rl = plain(cfg["ilabel"]), plain(cfg["rlabel"])
    label = {"I": il, "R": rl}
    fmt = cfg["fmt"]
    for old in OUT.glob(doc_id + ".*"):
        old.unlink()
    if fmt == "srt":
        lines = []
        for n, (spk, part, a, b) in enumerate(timeline(turns), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label[spk]}: {part}", ""]
        write_text(OUT / f"{doc_id}.srt", "\n".join(lines), "utf-8", cfg.get("crlf", False))
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + [plain(h) for h in header] + [""]
        for spk, part, a, b in timeline(turns):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label[spk]}>{part}</v>", ""]
        write_text(OUT / f"{doc_id}.vtt", "\n".join(lines), "utf-8", False)
    elif fmt == "txt_ir":
        lines = [plain(h) for h in header] + [""]
        for spk, text, _ in turns:
            lines += [f"{label[spk]}: {plain(text)}", ""]
        write_text(OUT / f"{doc_id}.txt", "\n".join(lines), cfg["enc"], cfg.get("crlf", False))
    elif fmt == "txt_ts":
        lines = [plain(h) for h in header] + [""]
        t = 2.0
        for spk, text, _ in turns:
            sec = int(t)
            stamp = f"[{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}]"
            lines.append(f"{stamp} {label[spk]}: {plain(text)}")
            t += len(plain(text).split()) / 2.4 + 1.5
        write_text(OUT / f"{doc_id}.txt", "\n".join(lines) + "\n", cfg["enc"], cfg.get("crlf", False))
    elif fmt in ("docx_bold", "docx_plain"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(plain(h))
            r.bold = i == 0 and fmt == "docx_bold"
        if header:
            d.add_paragraph()
        for spk, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(f"{label[spk]}:")
                r.bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{label[spk]}: {plain(text)}")
        d.save(OUT / f"{doc_id}.docx")
    else:
        sys.exit("unknown format " + fmt)


def main():
    OUT.mkdir(exist_ok=True)
    ident_rows, orient_rows, report = [], [], []
    problems = []
    for doc_id, cfg in DOCS.items():
        if not (HERE / f"{doc_id}.txt").exists():
            problems.append(f"{doc_id}: no source")
            continue
        header, turns = parse_src(HERE / f"{doc_id}.txt")
        build_doc(doc_id, cfg, header, turns)
        # identifiers, in order of first occurrence, one row per distinct string
        seen = {}
        for s in [cfg["ilabel"], cfg["rlabel"]] + header + [t for _, t, _ in turns]:
            for text, typ in idents(s):
                if typ not in TYPES:
                    problems.append(f"{doc_id}: unknown type {typ}")
                if text in seen and seen[text] != typ:
                    problems.append(f"{doc_id}: {text!r} typed {seen[text]} and {typ}")
                seen.setdefault(text, typ)
        ident_rows += [(doc_id, k, v) for k, v in seen.items()]
        # warn about identifier strings that also occur un-annotated
        for k in seen:
            for s in header + [t for _, t, _ in turns]:
                bare = ANN.sub(lambda m: "#" * len(m.group(1)), s)
                if re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", bare):
                    problems.append(f"{doc_id}: un-annotated occurrence of {k!r}")
                    break
        for idx, (spk, text, orient) in enumerate(turns, 1):
            if spk != ("I" if idx % 2 else "R"):
                problems.append(f"{doc_id}: turn {idx} out of alternation")
            if orient in ("casus", "netwerk"):
                orient_rows.append((doc_id, idx, orient))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        rwords = sum(len(plain(t).split()) for s, t, _ in turns if s == "R")
        tags = [o for _, _, o in turns if o]
        report.append(f"{doc_id}: {words} words (R {rwords}), {rturns} R turns, "
                      f"casus {tags.count('casus')} netwerk {tags.count('netwerk')} - {tags.count('-')}, "
                      f"{len(seen)} identifiers")
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            if (HERE / f"{doc_id}.txt").exists():
                w.writerow([doc_id, *STYLES[doc_id]])
    print("\n".join(report))
    if problems:
        print("PROBLEMS:\n" + "\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
