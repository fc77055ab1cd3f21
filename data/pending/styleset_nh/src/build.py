"""Build the transcripts and the three csv files of set nh from the annotated sources.

Source format (src/nhXX.txt): paragraphs separated by blank lines, each starting with
  H:  header line (rendered as header/metadata where the format has one)
  I:  interviewer turn
  R:  respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are marked inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
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

DOCS = {
    "nh01": dict(fmt="docx_bold", labels=("Lotte", "Mustafa"), label_persons=("Lotte", "Mustafa"),
                 style="casusgericht",
                 rationale="Former street-corner worker who names many partners but uses every one of them as a means for this boy's plan, invests his own time and trust in the boy and his mother, and explicitly declines the structural work groups."),
    "nh02": dict(fmt="vtt", labels=("Interviewer", "Ingrid Poelman"), label_persons=("Ingrid Poelman",),
                 style="netwerkgericht",
                 rationale="Police liaison who tells a warm story about one boy but hands his daily contact to the youth worker and invests her own effort in agreements, escalation lines and trust between police, jongerenwerk and leerplicht."),
    "nh03": dict(fmt="txt", enc="cp1252", nl="\r\n", labels=("I", "R"), label_persons=(),
                 style="casusgericht",
                 rationale="Terse leerplichtambtenaar whose effort goes into home visits and the trust of one girl and her mother, who mobilises school, youth protection and police only for her, and who refuses the work group on absenteeism."),
    "nh04": dict(fmt="srt", nl="\r\n", labels=("Joost", "Esther"), label_persons=("Joost", "Esther"),
                 style="netwerkgericht",
                 rationale="Municipal regisseur with a policy background who leaves the daily contact with her young people to youth workers and mentors and invests in school agreements, an escalation ladder, shared forms and patterns across cases."),
    "nh05": dict(fmt="txt_ts", enc="utf-8", nl="\n", labels=("Spreker 1", "Spreker 2"), label_persons=(),
                 style="onbepaald",
                 rationale="Genuinely mixed (onbepaald, mixed): a youth worker who carries her own young people day to day and equally builds and guards the agreements between jongerenwerk, police and leerplicht, and says herself she does both about equally and will not choose."),
    "nh06": dict(fmt="docx_plain", labels=("I", "R"), label_persons=(),
                 style="onbepaald",
                 rationale="Too little evidence (onbepaald, too little evidence): a guarded municipal employee who only recites the procedure and generalities and never shows where his own effort or trust goes."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    """Return plain text, list of (start, end, string, type)."""
    out, spans, pos = [], [], 0
    cur = 0
    for m in MARK.finditer(text):
        out.append(text[pos:m.start()])
        cur += len(text[pos:m.start()])
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"unknown type {t} in {text[:60]!r}")
        spans.append((cur, cur + len(s), s, t))
        out.append(s)
        cur += len(s)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"unbalanced markup in {text[:80]!r}")
    return plain, spans


def parse_src(doc):
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, body = p[:2], p[2:].strip()
        if kind == "H:":
            if turns:
                sys.exit(f"{doc}: header after turns")
            header.append(strip(body))
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = ORIENT.search(body)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without orientation: {body[:60]!r}")
                orient = m.group(1)
                body = body[:m.start()]
            elif ORIENT.search(body):
                sys.exit(f"{doc}: orientation on interviewer turn")
            spk = "I" if kind == "I:" else "R"
            if turns and turns[-1][0] == spk:
                sys.exit(f"{doc}: two {spk} turns in a row")
            if not turns and spk != "I":
                sys.exit(f"{doc}: first turn not interviewer")
            plain, spans = strip(body)
            turns.append((spk, plain, spans, orient))
        else:
            sys.exit(f"{doc}: bad paragraph {p[:40]!r}")
    return header, turns


def lint(doc, header, turns):
    """Every identifier string must be marked wherever it occurs."""
    units = [(p, s) for p, s in header] + [(p, s) for _, p, s, _ in turns]
    idents = {}
    for _, spans in units:
        for a, b, s, t in spans:
            if s in idents and idents[s] != t:
                sys.exit(f"{doc}: {s!r} has two types {idents[s]} / {t}")
            idents[s] = t
    problems = []
    for plain, spans in units:
        covered = set()
        for a, b, _, _ in spans:
            covered.update(range(a, b))
        for s in idents:
            for m in re.finditer(re.escape(s), plain):
                # only whole-word occurrences count
                before = plain[m.start() - 1] if m.start() > 0 else " "
                after = plain[m.end()] if m.end() < len(plain) else " "
                if before.isalnum() or after.isalnum():
                    continue
                if not set(range(m.start(), m.end())) <= covered:
                    problems.append(f"{doc}: unmarked occurrence of {s!r}: ...{plain[max(0, m.start()-30):m.end()+30]}...")
    return problems, idents


def ts(sec, sep="."):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = sec % 60
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{int(s):02d}{sep}{ms:03d}"


def hms(sec):
    return f"{int(sec // 3600):02d}:{int(sec % 3600 // 60):02d}:{int(sec % 60):02d}"


def timings(turns, start=4.0, wps=2.55):
    t = start
    out = []
    for _, plain, _, _ in turns:
        d = max(1.5, len(plain.split()) / wps)
        out.append((t, t + d))
        t += d + 0.9
    return out


def cue_chunks(plain, spans, maxw=22):
    """Split a turn into cues at sentence ends, never inside an identifier."""
    covered = set()
    for a, b, _, _ in spans:
        covered.update(range(a, b))
    cuts = [m.end() for m in re.finditer(r"[.?!]\)?(?=\s+[A-Z(\"'])", plain) if m.end() - 1 not in covered
            and not re.search(r"\b[A-Z]\.$", plain[:m.end()])]
    sents, prev = [], 0
    for c in cuts:
        sents.append(plain[prev:c].strip())
        prev = c
    sents.append(plain[prev:].strip())
    sents = [s for s in sents if s]
    chunks, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            chunks.append(" ".join(cur))
            cur = [s]
        else:
            cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def write_text(path, text, enc, nl):
    data = text.replace("\n", nl).encode(enc)
    with open(path, "wb") as f:
        f.write(data)


def build_doc(doc, cfg, header, turns):
    il, rl = cfg["labels"]
    fmt = cfg["fmt"]
    for f in os.listdir(OUT):
        if f.startswith(doc + "."):
            os.remove(os.path.join(OUT, f))
    lab = lambda spk: il if spk == "I" else rl
    if fmt in ("docx_bold", "docx_plain"):
        import docx
        from docx.shared import Pt
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for i, (h, _) in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if fmt == "docx_plain" and i == 0:
                r.bold = True
            if fmt == "docx_bold":
                r.italic = True
        if header:
            d.add_paragraph()
        for spk, plain, _, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab(spk) + ":")
                r.bold = True
                p.add_run(" " + plain)
            else:
                p.add_run(f"{lab(spk)}: {plain}")
        d.save(os.path.join(OUT, doc + ".docx"))
    elif fmt == "txt":
        lines = [h for h, _ in header] + [""] if header else []
        for spk, plain, _, _ in turns:
            lines += [f"{lab(spk)}: {plain}", ""]
        write_text(os.path.join(OUT, doc + ".txt"), "\n".join(lines), cfg["enc"], cfg["nl"])
    elif fmt == "txt_ts":
        lines = [h for h, _ in header] + [""] if header else []
        for (spk, plain, _, _), (a, _) in zip(turns, timings(turns, start=2.0)):
            lines += [f"[{hms(a)}] {lab(spk)}: {plain}", ""]
        write_text(os.path.join(OUT, doc + ".txt"), "\n".join(lines), cfg["enc"], cfg["nl"])
    elif fmt in ("vtt", "srt"):
        cues = []
        for (spk, plain, spans, _), (a, b) in zip(turns, timings(turns)):
            chunks = cue_chunks(plain, spans)
            total = sum(len(c.split()) for c in chunks)
            t = a
            for c in chunks:
                d = (b - a) * len(c.split()) / total
                cues.append((t, t + d, lab(spk), c))
                t += d
        if fmt == "vtt":
            lines = ["WEBVTT", ""]
            if header:
                lines += ["NOTE"] + [h for h, _ in header] + [""]
            for a, b, who, c in cues:
                if "<" in c or "&" in c or "-->" in c:
                    sys.exit(f"{doc}: character not allowed in vtt text: {c[:40]}")
                lines += [f"{ts(a)} --> {ts(b)}", f"<v {who}>{c}</v>", ""]
            write_text(os.path.join(OUT, doc + ".vtt"), "\n".join(lines), "utf-8", cfg.get("nl", "\n"))
        else:
            if header:
                sys.exit(f"{doc}: srt has no header")
            lines = []
            for n, (a, b, who, c) in enumerate(cues, 1):
                lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{who}: {c}", ""]
            write_text(os.path.join(OUT, doc + ".srt"), "\n".join(lines), "utf-8", cfg.get("nl", "\n"))
    else:
        sys.exit(f"unknown format {fmt}")


def main():
    os.makedirs(OUT, exist_ok=True)
    style_rows, orient_rows, ident_rows = [], [], []
    problems = []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        probs, idents = lint(doc, header, turns)
        problems += probs
        build_doc(doc, cfg, header, turns)
        style_rows.append((doc, cfg["style"], cfg["rationale"]))
        for i, (spk, _, _, o) in enumerate(turns, 1):
            if spk == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        seen = []
        for name in cfg["label_persons"]:
            if name not in seen:
                seen.append(name)
                ident_rows.append((doc, name, "PERSOON"))
        for s, t in idents.items():
            if s in seen:
                if t != "PERSOON":
                    sys.exit(f"{doc}: label name {s} typed {t}")
                continue
            seen.append(s)
            ident_rows.append((doc, s, t))
        words = sum(len(p.split()) for _, p, _, _ in turns)
        nr = sum(1 for spk, *_ in turns if spk == "R")
        oc = sum(1 for r in orient_rows if r[0] == doc and r[2] == "casus")
        on = sum(1 for r in orient_rows if r[0] == doc and r[2] == "netwerk")
        print(f"{doc}: {cfg['fmt']:10s} words={words} resp_turns={nr} casus={oc} netwerk={on} idents={len(seen)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for p in problems:
        print("LINT:", p)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
