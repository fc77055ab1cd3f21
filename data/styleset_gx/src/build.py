#!/usr/bin/env python3
"""Build the setGX transcripts and csv files from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc>.txt): paragraphs separated by blank lines, each starting with
  H: header line   I: interviewer turn   R: respondent turn (ending in {casus}/{netwerk}/{-})
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORD = re.compile(r"[0-9A-Za-zÀ-ÿ]+(?:['’\-/][0-9A-Za-zÀ-ÿ]+)*")
PROTECT = "\u2060"  # word joiner, used to keep identifiers in one cue / one line

# Speaker labels may carry an identifier annotation (names in labels count as PERSOON).
DOCS = {
    "gx01": dict(fmt="txt_label", ext="txt", enc="cp1252", eol="\r\n",
                 labels=("I", "R")),
    "gx02": dict(fmt="srt", ext="srt", enc="utf-8", eol="\r\n",
                 labels=("[[Noor|PERSOON]]", "[[Ruud|PERSOON]]")),
    "gx03": dict(fmt="vtt", ext="vtt", enc="utf-8", eol="\n",
                 labels=("[[Esther Brandsma|PERSOON]]", "[[Frank van Ommen|PERSOON]]")),
    "gx04": dict(fmt="docx", ext="docx", bold=True,
                 labels=("Interviewer", "[[Gerda|PERSOON]]")),
    "gx05": dict(fmt="docx", ext="docx", bold=False,
                 labels=("Onderzoeker", "[[Karin|PERSOON]]")),
    "gx06": dict(fmt="txt_ts", ext="txt", enc="utf-8", eol="\n",
                 labels=("Spreker 1", "Spreker 2")),
}

STYLES = {
    "gx01": ("netwerkgericht",
             "Tells a warm, detailed story about one young offender but deliberately hands the daily "
             "contact to the jeugdreclasseerder and invests her own effort and trust in relations and "
             "agreements between organisations (ROC call arrangement, police and jeugdreclassering, "
             "regional knelpunten, stuurgroep)."),
    "gx02": ("casusgericht",
             "Clipped ex-police regisseur who carries the weekly personal contact with each veelpleger "
             "himself, uses partners and the casusoverleg only to get things done for this person's plan "
             "and explicitly declines working groups and structural follow-up."),
    "gx03": ("onbepaald",
             "Too little evidence: a guarded municipal coordinator who only describes procedures, the "
             "convenant and the escalation route in general terms and never shows where his own effort "
             "or trust goes."),
    "gx04": ("casusgericht",
             "Names many partners and meetings, but each is a means for Dennis's own goals; she builds "
             "trust through personal presence and transparency and leaves agreements between "
             "organisations to the procesregisseur, declining the working group."),
    "gx05": ("netwerkgericht",
             "Angry nazorg coordinator who never meets the ex-detainees herself and invests in "
             "agreements with the PI, Burgerzaken, corporations and privacy lawyers, using counts "
             "across cases and escalation to directors."),
    "gx06": ("onbepaald",
             "Genuinely mixed: he personally carries the relationship and plan of a psychotic young "
             "offender and invests equally in a monthly cross-organisation table and escalation route, "
             "saying himself that he cannot choose."),
}


def strip(text):
    return ANN.sub(lambda m: m.group(1), text)


def protect(text):
    """Strip annotations but glue the words of each identifier together."""
    return ANN.sub(lambda m: m.group(1).replace(" ", PROTECT), text)


def unprotect(text):
    return text.replace(PROTECT, " ")


def parse_src(doc):
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    header, turns = [], []
    for para in re.split(r"\n\s*\n", raw.strip()):
        para = " ".join(line.strip() for line in para.strip().splitlines())
        kind, _, text = para.partition(": ")
        if kind == "H":
            header.append(text)
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without tag: {text[:60]}")
                tag = m.group(1)
                text = text[:m.start()]
            elif TAG.search(text):
                sys.exit(f"{doc}: interviewer paragraph with tag: {text[:60]}")
            turns.append((kind, text.strip(), tag))
        else:
            sys.exit(f"{doc}: bad paragraph: {para[:60]}")
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return header, turns


def identifiers(doc, header, turns):
    cfg = DOCS[doc]
    seen, rows = set(), []
    sources = list(header) + list(cfg["labels"]) + [t for _, t, _ in turns]
    for s in sources:
        for m in ANN.finditer(s):
            ident, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc}: unknown type {typ}")
            if ident in seen:
                continue
            seen.add(ident)
            rows.append((doc, ident, typ))
    return rows


def ts(seconds, sep):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, max_words):
    """Split a turn into cue-sized chunks at sentence boundaries where possible."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    out, cur = [], []
    for sent in sentences:
        words = sent.split(" ")
        while len(words) > max_words:
            if cur:
                out.append(cur)
                cur = []
            out.append(words[:max_words])
            words = words[max_words:]
        if cur and len(cur) + len(words) > max_words:
            out.append(cur)
            cur = []
        cur = cur + words
    if cur:
        out.append(cur)
    return out


def wrap2(words, width=42):
    line = " ".join(words)
    if len(line) <= width:
        return [line]
    # split into two roughly balanced lines
    best, best_diff = 1, None
    for k in range(1, len(words)):
        a, b = " ".join(words[:k]), " ".join(words[k:])
        diff = abs(len(a) - len(b))
        if best_diff is None or diff < best_diff:
            best, best_diff = k, diff
    return [" ".join(words[:best]), " ".join(words[best:])]


def timed_turns(turns, start=2.0, rate=2.5, gap=1.2):
    """Yield (speaker_index, chunk_words, t0, t1) with plausible timings."""
    t = start
    for i, (kind, text, _) in enumerate(turns):
        yield i, kind, text, t
        t += len(WORD.findall(strip(text))) / rate + gap


def build_txt_label(doc, header, turns):
    cfg = DOCS[doc]
    li, lr = (strip(x) for x in cfg["labels"])
    lines = [strip(h) for h in header] + [""]
    for kind, text, _ in turns:
        lines.append(f"{li if kind == 'I' else lr}: {strip(text)}")
        lines.append("")
    data = cfg["eol"].join(lines).rstrip() + cfg["eol"]
    return data.encode(cfg["enc"])


def build_txt_ts(doc, header, turns):
    cfg = DOCS[doc]
    li, lr = (strip(x) for x in cfg["labels"])
    lines = [strip(h) for h in header] + [""]
    for i, kind, text, t in timed_turns(turns, start=3.0):
        stamp = ts(t, ",")[:8]
        lines.append(f"[{stamp}] {li if kind == 'I' else lr}: {strip(text)}")
        lines.append("")
    data = cfg["eol"].join(lines).rstrip() + cfg["eol"]
    return data.encode(cfg["enc"])


def cue_list(turns, max_words, rate=2.3, gap=1.8):
    t = 2.0
    for kind, text, _ in turns:
        for words in chunks(protect(text), max_words):
            dur = max(1.2, len(words) / rate)
            yield kind, words, t, t + dur
            t += dur + 0.15
        t += gap


def build_srt(doc, header, turns):
    cfg = DOCS[doc]
    li, lr = (strip(x) for x in cfg["labels"])
    out = []
    for n, (kind, words, t0, t1) in enumerate(cue_list(turns, 14), start=1):
        label = li if kind == "I" else lr
        text_lines = wrap2([f"{label}:"] + words)
        out.append(str(n))
        out.append(f"{ts(t0, ',')} --> {ts(t1, ',')}")
        out.extend(unprotect(x) for x in text_lines)
        out.append("")
    return cfg["eol"].join(out).encode(cfg["enc"])


def build_vtt(doc, header, turns):
    cfg = DOCS[doc]
    li, lr = (strip(x) for x in cfg["labels"])
    out = ["WEBVTT", "", "NOTE"] + [strip(h) for h in header] + [""]
    for n, (kind, words, t0, t1) in enumerate(cue_list(turns, 18), start=1):
        label = li if kind == "I" else lr
        out.append(f"{ts(t0, '.')} --> {ts(t1, '.')}")
        out.append(f"<v {label}>{unprotect(' '.join(words))}</v>")
        out.append("")
    return cfg["eol"].join(out).encode(cfg["enc"])


def build_docx(doc, header, turns, path):
    from docx import Document
    from docx.shared import Pt
    cfg = DOCS[doc]
    li, lr = (strip(x) for x in cfg["labels"])
    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        label = li if kind == "I" else lr
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(f"{label}:")
            r.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(f"{label}: {strip(text)}")
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ident_rows, orient_rows, stats = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        path = os.path.join(OUT, f"{doc}.{cfg['ext']}")
        if cfg["fmt"] == "docx":
            build_docx(doc, header, turns, path)
        else:
            data = {"txt_label": build_txt_label, "txt_ts": build_txt_ts,
                    "srt": build_srt, "vtt": build_vtt}[cfg["fmt"]](doc, header, turns)
            with open(path, "wb") as f:
                f.write(data)
        ident_rows += identifiers(doc, header, turns)
        for i, (kind, _, tag) in enumerate(turns, start=1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc, i, tag))
        words = sum(len(WORD.findall(strip(t))) for _, t, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        tags = [t for k, _, t in turns if k == "R"]
        stats.append((doc, cfg["fmt"], words, nresp, tags.count("casus"), tags.count("netwerk"),
                      len([r for r in ident_rows if r[0] == doc])))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient_rows):
            w.writerow(row)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in ident_rows:
            w.writerow(row)
    print("doc   format     words resp casus netwerk idents")
    for s in stats:
        print("{:5} {:10} {:5} {:4} {:5} {:7} {:6}".format(*s))


if __name__ == "__main__":
    main()
