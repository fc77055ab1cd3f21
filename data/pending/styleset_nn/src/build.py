"""Build the six transcripts of set nn and the three csv files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt): paragraphs separated by blank lines, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are inline as
[[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.
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

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# format and speaker labels per document; label names that are person names count as PERSOON
DOCS = {
    "nn01": dict(fmt="docx_plain", labels=("Interviewer", "Respondent"), label_ids=()),
    "nn02": dict(fmt="docx_bold", labels=("Femke", "Ruud"), label_ids=("Femke", "Ruud")),
    "nn03": dict(fmt="vtt", labels=("Joost Verhulst", "Yasmina El Haddouti"),
                 label_ids=("Joost Verhulst", "Yasmina El Haddouti"), start=1.4),
    "nn04": dict(fmt="txt_ir", labels=("I", "R"), label_ids=(), enc="cp1252", eol="\r\n"),
    "nn05": dict(fmt="srt", labels=("Lotte", "Bart"), label_ids=("Lotte", "Bart"), eol="\r\n",
                 start=3.0),
    "nn06": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), label_ids=(), enc="utf-8",
                 eol="\n", start=6.0),
}

STYLES = {
    "nn01": ("onbepaald", "Genuinely mixed (does not say so): he runs his own handful of families at "
             "the kitchen table and equally builds and maintains the Polderroute agreements with "
             "court, Raad, GI's, mediators and lawyers."),
    "nn02": ("netwerkgericht", "Former police officer who tells a warm story about one girl but sees "
             "her once, leaves all family contact to the wijkteam and GI, and invests in the joint "
             "table, agreements, escalation rules and trust with managers and judges."),
    "nn03": ("casusgericht", "Wijkteam worker who names many partners and meetings, but every "
             "contact serves the plan of her own families, and she explicitly declines the "
             "structural working group."),
    "nn04": ("onbepaald", "Genuinely mixed, and she says so: she tries to do both her own families "
             "and the escalation table, intervision and court agreement, and says it often fails."),
    "nn05": ("casusgericht", "Terse former probation officer who mobilises Raad, GI, police, court "
             "and team leaders only to keep one family's schedule standing, and leaves the "
             "structural table to a colleague."),
    "nn06": ("netwerkgericht", "Ketenregisseur (chain coordinator) who tells a moving story about one boy but deliberately "
             "hands him to a family worker and invests in the breakthrough table, escalation "
             "ladder, mediator covenant and court letter."),
}

ANN = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    return ANN.sub(lambda m: m.group(1), text)


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        paras = [p.strip() for p in re.split(r"\n\s*\n", f.read()) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, body = p[:2], p[3:]
        if kind == "H:":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(body)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without tag: {body[:60]}")
                tag, body = m.group(1), body[:m.start()]
            elif TAG.search(body):
                sys.exit(f"{doc_id}: interviewer paragraph with tag")
            turns.append((kind[0], body.strip(), tag))
        else:
            sys.exit(f"{doc_id}: bad paragraph start {p[:20]!r}")
    for i, (spk, _, _) in enumerate(turns):
        if spk != "IR"[i % 2]:
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns


def words(text):
    return sum(1 for w in text.split() if re.search(r"\w", w))


def chunks(annotated, target=14, maximum=24):
    """Split an annotated turn into cue-sized chunks, never inside an identifier."""
    protected = ANN.sub(lambda m: m.group(0).replace(" ", "\x00"), annotated)
    toks = protected.split(" ")
    out, cur = [], []
    for t in toks:
        cur.append(t)
        n = words(" ".join(cur).replace("\x00", " "))
        if ((n >= target and re.search(r"[.?!…]\)?[\"”]?$", t))
                or (n >= target + 4 and t.endswith(",")) or n >= maximum):
            out.append(cur)
            cur = []
    if cur:
        if out and words(" ".join(cur)) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return [strip(" ".join(c).replace("\x00", " ")) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(turns, start):
    """Yield (speaker_index, [(start, end, text), ...]) with a simple speech-rate model."""
    t = start
    for spk, body, _ in turns:
        cues = []
        for c in chunks(body):
            d = max(1.3, words(c) * 0.41)
            cues.append((t, t + d, c))
            t += d + 0.25
        t += 0.9
        yield (0 if spk == "I" else 1), cues


def build_docx(doc_id, cfg, header, turns):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if cfg["fmt"] == "docx_bold":
            r.italic = True
    if header:
        d.add_paragraph("")
    for spk, body, _ in turns:
        label = cfg["labels"][0 if spk == "I" else 1]
        p = d.add_paragraph()
        if cfg["fmt"] == "docx_bold":
            p.add_run(label + ":").bold = True
            p.add_run(" " + strip(body))
        else:
            p.add_run(f"{label}: {strip(body)}")
    d.save(os.path.join(OUT, doc_id + ".docx"))


def build_text(doc_id, cfg, header, turns):
    fmt, labels = cfg["fmt"], cfg["labels"]
    lines = []
    if fmt == "txt_ir":
        lines += [strip(h) for h in header] + [""]
        for spk, body, _ in turns:
            lines += [f"{labels[0 if spk == 'I' else 1]}: {strip(body)}", ""]
        ext = "txt"
    elif fmt == "txt_ts":
        lines += [strip(h) for h in header] + [""]
        for who, cues in timed(turns, cfg["start"]):
            text = " ".join(c[2] for c in cues)
            lines += [f"[{ts(cues[0][0], ',')[:8]}] {labels[who]}: {text}", ""]
        ext = "txt"
    elif fmt == "vtt":
        lines += ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + [strip(h) for h in header] + [""]
        for who, cues in timed(turns, cfg["start"]):
            for a, b, text in cues:
                lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {labels[who]}>{text}", ""]
        ext = "vtt"
    elif fmt == "srt":
        n = 0
        for who, cues in timed(turns, cfg["start"]):
            for k, (a, b, text) in enumerate(cues):
                n += 1
                txt = f"{labels[who]}: {text}" if k == 0 else text
                lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", txt, ""]
        ext = "srt"
    else:
        sys.exit("unknown format " + fmt)
    data = cfg.get("eol", "\n").join(lines)
    with open(os.path.join(OUT, f"{doc_id}.{ext}"), "wb") as f:
        f.write(data.encode(cfg.get("enc", "utf-8")))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    ident_rows, orient_rows, problems = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        if cfg["fmt"].startswith("docx"):
            build_docx(doc_id, cfg, header, turns)
        else:
            build_text(doc_id, cfg, header, turns)
        seen = {}
        for lab in cfg["label_ids"]:
            seen.setdefault(lab, "PERSOON")
        for para in header + [b for _, b, _ in turns]:
            for m in ANN.finditer(para):
                s, t = m.group(1), m.group(2)
                if t not in TYPES:
                    problems.append(f"{doc_id}: bad type {t}")
                if seen.setdefault(s, t) != t:
                    problems.append(f"{doc_id}: {s!r} has two types")
        ident_rows += [(doc_id, s, t) for s, t in seen.items()]
        # identifier strings that also occur unannotated
        rest = "\n".join(ANN.sub("\x01", p) for p in header + [b for _, b, _ in turns])
        for s in seen:
            if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest):
                problems.append(f"{doc_id}: unannotated occurrence of {s!r}")
        for i, (spk, body, tag) in enumerate(turns, 1):
            if tag in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, tag))
        nw = sum(words(strip(b)) for _, b, _ in turns)
        nr = sum(1 for s, _, _ in turns if s == "R")
        tags = [t for _, _, t in turns if t]
        print(f"{doc_id}: {cfg['fmt']:10s} words={nw} turns={len(turns)} resp={nr} "
              f"casus={tags.count('casus')} netwerk={tags.count('netwerk')} -={tags.count('-')} "
              f"ids={len(seen)}")
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id, (style, why) in STYLES.items():
            w.writerow([doc_id, style, why])
    for p in problems:
        print("PROBLEM:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
