"""Build the transcripts and the three csv files of set IJ from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/ijNN.txt): one line per paragraph, prefixed by
  H: header line, I: interviewer turn, R: respondent turn (ends with {casus}|{netwerk}|{-}).
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# Per document: format and speaker labels (labels may carry identifier markup).
DOCS = {
    "ij01": dict(fmt="docx_bold", labels=("Interviewer", "Respondent")),
    "ij02": dict(fmt="txt_ir", labels=("I", "R"), enc="cp1252", nl="\r\n"),
    "ij03": dict(fmt="vtt", labels=("[[Tim de Graaf|PERSOON]]", "[[Esther Brandsma|PERSOON]]"), start=3.2),
    "ij04": dict(fmt="srt", labels=("[[Lotte|PERSOON]]", "[[Henk|PERSOON]]"), nl="\r\n", start=1.8),
    "ij05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), enc="utf-8", nl="\n", start=4.0),
    "ij06": dict(fmt="docx_plain", labels=("[[Annelies Vos|PERSOON]]", "[[Bas van Leeuwen|PERSOON]]")),
}

STYLES = {
    "ij01": ("casusgericht",
             "She invests her own time and trust in each person (home visits, her own phone number, "
             "plans built on what he wants) and uses every partner and meeting as a means for that "
             "person's plan, while explicitly declining structural work groups."),
    "ij02": ("netwerkgericht",
             "He deliberately keeps little client contact, leaves the daily work to casemanagers and "
             "spends his effort on a teamleader meeting, an information-sharing agreement, escalation "
             "and pattern figures across partners."),
    "ij03": ("netwerkgericht",
             "The many clients she names serve only as examples of recurring gaps between GGZ, PI and "
             "reclassering, and her effort goes into release-notification agreements, a consultation "
             "hour and relations with teamleaders."),
    "ij04": ("netwerkgericht",
             "Despite the warm and detailed story about one young man he hands all daily contact to "
             "the probation officer and youth worker and invests in a standing table with the housing "
             "corporation, debt counselling and reclassering."),
    "ij05": ("onbepaald",
             "Genuinely mixed: she splits her week deliberately between weekly personal contact with a "
             "few people and chairing a housing meeting with providers, chooses sometimes for the "
             "person and sometimes for the table, and says so herself."),
    "ij06": ("onbepaald",
             "Too little evidence: guarded and procedural, he only recites the method and generalities, "
             "declines examples and never shows where his own effort or trust goes."),
}


def strip(text):
    return MARK.sub(lambda m: m.group(1), text)


def marks(text):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(text)]


def parse_source(path):
    header, turns = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        tag, _, body = line.partition(": ")
        if tag == "H":
            header.append(body)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = ORIENT.search(body)
                if not m:
                    raise SystemExit(f"{path.name}:{n}: respondent turn without orientation tag")
                orient, body = m.group(1), body[: m.start()]
            elif ORIENT.search(body):
                raise SystemExit(f"{path.name}:{n}: interviewer turn with orientation tag")
            turns.append((tag, body.strip(), orient))
        else:
            raise SystemExit(f"{path.name}:{n}: unknown prefix {tag!r}")
    for i, (tag, _, _) in enumerate(turns):
        if tag != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path.name}: turn {i + 1} breaks alternation")
    return header, turns


def chunks(text, lo=9, hi=17):
    """Split annotated text into subtitle cues; identifiers are never split."""
    tokens = re.findall(r"\[\[.+?\]\]\S*|\S+", text)
    out, cur = [], []
    for tok in tokens:
        cur.append(tok)
        words = len(strip(" ".join(cur)).split())
        if (words >= lo and re.search(r"[.?!]\)?$", tok)) or words >= hi:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(strip(" ".join(cur)).split()) < 4:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return [strip(c) for c in out]


def dur(text):
    return max(1.4, len(strip(text).split()) / 2.6)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_doc(doc_id, cfg, header, turns):
    lab_i, lab_r = (strip(l) for l in cfg["labels"])
    label = {"I": lab_i, "R": lab_r}
    fmt = cfg["fmt"]
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob(doc_id + ".*"):
        old.unlink()
    if fmt.startswith("docx"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(strip(h))
            r.italic = True
        for tag, body, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(label[tag] + ":")
                r.bold = True
                p.add_run(" " + strip(body))
            else:
                p.add_run(f"{label[tag]}: {strip(body)}")
        path = OUT / f"{doc_id}.docx"
        d.save(path)
        return path
    nl = cfg.get("nl", "\n")
    lines = []
    t = cfg.get("start", 0.0)
    if fmt == "txt_ir":
        lines += [strip(h) for h in header] + [""]
        for tag, body, _ in turns:
            lines += [f"{label[tag]}: {strip(body)}", ""]
        path = OUT / f"{doc_id}.txt"
    elif fmt == "txt_ts":
        lines += [strip(h) for h in header] + [""]
        for tag, body, _ in turns:
            lines.append(f"[{ts(t, ',')[:8]}] {label[tag]}: {strip(body)}")
            t += dur(body) + 0.9
        path = OUT / f"{doc_id}.txt"
    elif fmt == "vtt":
        lines += ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + [strip(h) for h in header] + [""]
        for tag, body, _ in turns:
            for c in chunks(body):
                d = dur(c)
                lines += [f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {label[tag]}>{c}</v>", ""]
                t += d + 0.15
            t += 0.7
        path = OUT / f"{doc_id}.vtt"
    elif fmt == "srt":
        k = 0
        for tag, body, _ in turns:
            for c in chunks(body):
                k += 1
                d = dur(c)
                lines += [str(k), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{label[tag]}: {c}", ""]
                t += d + 0.15
            t += 0.7
        path = OUT / f"{doc_id}.srt"
    else:
        raise SystemExit(f"unknown format {fmt}")
    data = nl.join(lines).rstrip() + nl
    path.write_bytes(data.encode(cfg.get("enc", "utf-8")))
    return path


def main():
    ident_rows, orient_rows, style_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_source(SRC / f"{doc_id}.txt")
        path = build_doc(doc_id, cfg, header, turns)
        seen = {}
        sources = list(cfg["labels"]) + header + [b for _, b, _ in turns]
        for text in sources:
            for s, typ in marks(text):
                if typ not in TYPES:
                    raise SystemExit(f"{doc_id}: bad type {typ} for {s!r}")
                if seen.setdefault(s, typ) != typ:
                    raise SystemExit(f"{doc_id}: {s!r} has two types")
        # warn about unmarked occurrences of a marked identifier
        for s in seen:
            pat = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)")
            masked = [MARK.sub(lambda m: m.group(1) if m.group(1) == s else "\u00a7", t) for t in sources]
            n_plain = sum(len(pat.findall(t)) for t in masked)
            n_mark = sum(1 for t in sources for x, _ in marks(t) if x == s)
            if n_plain != n_mark:
                print(f"warning {doc_id}: {s!r} occurs {n_plain}x, marked {n_mark}x")
        for s, typ in seen.items():
            ident_rows.append((doc_id, s, typ))
        for i, (tag, _, o) in enumerate(turns, 1):
            if tag == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        style_rows.append((doc_id,) + STYLES[doc_id])
        words = sum(len(strip(b).split()) for _, b, _ in turns)
        nr = sum(1 for t, _, _ in turns if t == "R")
        oc = sum(1 for t, _, o in turns if o == "casus")
        on = sum(1 for t, _, o in turns if o == "netwerk")
        print(f"{doc_id}: {path.name:10s} words={words} turns={len(turns)} resp={nr} "
              f"casus={oc} netwerk={on} ids={len(seen)}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)


if __name__ == "__main__":
    main()
