"""Build the blind set mk01..mk06 from the annotated sources in this folder.

Source format (src/<doc_id>.txt, UTF-8): paragraphs separated by blank lines, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are written
inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.

Run with:  /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)
Writes transcripts/<doc_id>.<ext>, styles.csv, orientation.csv and identifiers.csv in the set folder.
"""
import csv
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent
SET = SRC.parent
OUT = SET / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# Per document: format and speaker labels (interviewer, respondent). Labels that are names are
# identifiers of type PERSOON (label_names).
DOCS = {
    "mk01": dict(fmt="docx", bold=True, labels=("Interviewer", "Respondent"), label_names=()),
    "mk02": dict(fmt="txt", enc="cp1252", crlf=True, labels=("I", "R"), label_names=()),
    "mk03": dict(fmt="vtt", labels=("Lotte Arendsen", "Gerard Wopereis"),
                 label_names=("Lotte Arendsen", "Gerard Wopereis"), start=2.0),
    "mk04": dict(fmt="srt", crlf=True, labels=("Onderzoeker", "Sander"), label_names=("Sander",),
                 start=4.5),
    "mk05": dict(fmt="txt", enc="utf-8", crlf=False, ts=True, labels=("Spreker 1", "Spreker 2"),
                 label_names=(), start=3.0),
    "mk06": dict(fmt="docx", bold=False, labels=("Hanneke", "Derk"),
                 label_names=("Hanneke", "Derk")),
}

TAG = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
WORD = re.compile(r"\w", re.UNICODE)


def words(text):
    return sum(1 for tok in text.split() if WORD.search(tok))


def strip_tags(s):
    ids = [(m.group(1), m.group(2)) for m in TAG.finditer(s)]
    for _, t in ids:
        if t not in TYPES:
            sys.exit(f"unknown identifier type {t}")
    return TAG.sub(lambda m: m.group(1), s), ids


def parse_source(doc_id):
    raw = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns, ids = [], [], []
    for p in paras:
        p = " ".join(p.split())
        kind, body = p[:2], p[3:]
        if kind == "H:":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            text, found = strip_tags(body)
            header.append(text)
            ids += found
        elif kind in ("I:", "R:"):
            orient = None
            m = ORIENT.search(body)
            if kind == "R:":
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif m:
                sys.exit(f"{doc_id}: orientation on interviewer paragraph")
            text, found = strip_tags(body)
            if "[[" in text or "]]" in text or "{" in text or "}" in text:
                sys.exit(f"{doc_id}: malformed annotation in: {text[:80]}")
            turns.append((kind[0], text, orient))
            ids += found
        else:
            sys.exit(f"{doc_id}: bad paragraph start {p[:20]!r}")
    for n, (who, _, _) in enumerate(turns):
        if who != ("I" if n % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {n + 1}")
    return header, turns, ids


# ---------- timing and cue splitting ----------
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\u00C0-\u00DD’'])")


def chunks(text, max_words=24):
    sents = SENT.split(text)
    out, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def dur(text, rate):
    return max(1.2, words(text) / rate)


def fmt_time(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start):
    """Yield (turn_no, speaker, start, end, text) per cue."""
    t = start
    for n, (who, text, _) in enumerate(turns):
        rate = 2.7 if who == "I" else 2.35
        for c in chunks(text):
            d = dur(c, rate)
            yield n, who, t, t + d, c
            t += d + 0.25
        t += 0.9 + (n % 3) * 0.4


# ---------- renderers ----------
def render_docx(doc_id, cfg, header, turns):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph("")
    for who, text, _ in turns:
        label = cfg["labels"][0 if who == "I" else 1]
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label}: {text}")
    path = OUT / f"{doc_id}.docx"
    d.save(path)
    return "\n".join(header + [f"{cfg['labels'][0 if w == 'I' else 1]}: {t}" for w, t, _ in turns])


def write_text(path, text, enc, crlf):
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes(data.encode(enc))


def render_txt(doc_id, cfg, header, turns):
    lines = list(header)
    if cfg.get("ts"):
        starts = {}
        for n, who, s, e, c in timed_cues(turns, cfg.get("start", 0.0)):
            starts.setdefault(n, s)
    if header:
        lines.append("")
    for n, (who, text, _) in enumerate(turns):
        label = cfg["labels"][0 if who == "I" else 1]
        if cfg.get("ts"):
            stamp = fmt_time(starts[n], ".")[:8]
            lines.append(f"[{stamp}] {label}: {text}")
        else:
            lines.append(f"{label}: {text}")
        lines.append("")
    text = "\n".join(lines).rstrip("\n") + "\n"
    write_text(OUT / f"{doc_id}.txt", text, cfg["enc"], cfg["crlf"])
    return text


def render_vtt(doc_id, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += header
        lines.append("")
    for n, who, s, e, c in timed_cues(turns, cfg.get("start", 0.0)):
        label = cfg["labels"][0 if who == "I" else 1]
        lines.append(f"{fmt_time(s, '.')} --> {fmt_time(e, '.')}")
        lines.append(f"<v {label}>{c}</v>")
        lines.append("")
    text = "\n".join(lines)
    write_text(OUT / f"{doc_id}.vtt", text, "utf-8", False)
    return text


def render_srt(doc_id, cfg, header, turns):
    if header:
        sys.exit(f"{doc_id}: srt cannot carry a header")
    lines = []
    for k, (n, who, s, e, c) in enumerate(timed_cues(turns, cfg.get("start", 0.0)), 1):
        label = cfg["labels"][0 if who == "I" else 1]
        lines += [str(k), f"{fmt_time(s, ',')} --> {fmt_time(e, ',')}", f"{label}: {c}", ""]
    text = "\n".join(lines)
    write_text(OUT / f"{doc_id}.srt", text, "utf-8", cfg.get("crlf", False))
    return text


RENDER = {"docx": render_docx, "txt": render_txt, "vtt": render_vtt, "srt": render_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    orient_rows, id_rows, report = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns, ids = parse_source(doc_id)
        end = list(timed_cues(turns, cfg.get("start", 0.0)))[-1][3] + 6.0
        header = [h.replace("{DUUR_MIN}", str(round(end / 60)))
                   .replace("{DUUR_HMS}", fmt_time(end, ".")[:8]) for h in header]
        rendered = RENDER[cfg["fmt"]](doc_id, cfg, header, turns)
        ids = [(n, "PERSOON") for n in cfg["label_names"]] + ids
        seen = {}
        for text, typ in ids:
            if text in seen:
                if seen[text] != typ:
                    sys.exit(f"{doc_id}: {text!r} tagged as {seen[text]} and {typ}")
                continue
            if text not in rendered:
                sys.exit(f"{doc_id}: identifier {text!r} not verbatim in rendered transcript")
            seen[text] = typ
            id_rows.append((doc_id, text, typ))
        for n, (who, _, orient) in enumerate(turns, 1):
            if who == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc_id, n, orient))
        nwords = sum(words(t) for _, t, _ in turns)
        nresp = sum(1 for w, _, _ in turns if w == "R")
        report.append((doc_id, cfg["fmt"], nwords, nresp, len(seen)))

    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(SRC / "styles.tsv", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    for r in report:
        print("%s  %-4s  words=%d  respondent_turns=%d  identifiers=%d" % r)


if __name__ == "__main__":
    main()
