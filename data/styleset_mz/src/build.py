"""Build the set's transcripts and csv files from the annotated sources in src/.

Source format (src/<doc_id>.txt, UTF-8): one paragraph per turn, paragraphs separated by blank
lines, each starting with "H: " (header line), "I: " (interviewer) or "R: " (respondent).
Identifiers are marked inline as [[text|TYPE]]; every respondent paragraph ends in {casus},
{netwerk} or {-}. Lines starting with '#' are comments.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import re
import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: format and speaker labels (interviewer, respondent); label identifiers
DOCS = {
    "mz01": dict(fmt="docx_bold", labels=("Interviewer", "Hanneke"),
                 label_ids={"Hanneke": "PERSOON"}),
    "mz02": dict(fmt="vtt", labels=("Interviewer", "Dewi"),
                 label_ids={"Dewi": "PERSOON"}),
    "mz03": dict(fmt="txt_cp1252", labels=("I", "R"), label_ids={}),
    "mz04": dict(fmt="srt", labels=("Interviewer", "G. Timmer"),
                 label_ids={"G. Timmer": "PERSOON"}),
    "mz05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), label_ids={}),
    "mz06": dict(fmt="docx_plain", labels=("Interviewer", "Respondent"), label_ids={}),
}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "txt_cp1252": "txt",
       "srt": "srt", "txt_ts": "txt"}

STYLES = {
    "mz01": ("netwerkgericht",
             "Veilig Thuis senior who tells a warm, detailed client story but handed that client to the "
             "wijkteam after one visit and spends her own effort and trust on the employer protocol, the "
             "OM notification agreement and escalation routes."),
    "mz02": ("onbepaald",
             "Genuinely mixed: the procesregisseur visits victim and perpetrator herself and rebuilds the "
             "plan at the kitchen table, and equally built the stalking table, escalation agreement and "
             "single consent form, and cannot choose between the two halves of her week."),
    "mz03": ("casusgericht",
             "Terse police brigadier who names OM, reclassering, Veilig Thuis, slachtofferhulp, the gemeente "
             "and an employer, but each only as a means for Sanne's safety plan, and who declines the "
             "regional working group and leaves the structural front-desk problem to his chief."),
    "mz04": ("netwerkgericht",
             "Municipal regisseur who turns single cases (the elderly woman with the notebook) into "
             "agreements, escalation and a regional employer arrangement, and explicitly hands victim "
             "contact to the wijkteam and slachtofferhulp."),
    "mz05": ("casusgericht",
             "Reclassering supervisor who attends many meetings and calls employer, OM, Veilig Thuis and "
             "schuldhulp, but only to get something for this one client, and declines the employer "
             "working group and any view on the wider field."),
    "mz06": ("onbepaald",
             "Genuinely mixed: the slachtofferhulp casemanager invests heavily in one victim's trust and "
             "court case and, to a similar degree, in regional agreements with OM, politie and an employer "
             "(without saying she does both)."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip_ids(text):
    """Return plain text and list of (start, end, string, type) spans in plain text."""
    out, spans, pos = [], [], 0
    plain_len = 0
    for m in ID_RE.finditer(text):
        before = text[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"unknown type {t!r} in {m.group(0)!r}")
        spans.append((plain_len, plain_len + len(s), s, t))
        out.append(s)
        plain_len += len(s)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain or "|" in plain:
        sys.exit(f"broken identifier markup in: {text[:80]!r}")
    return plain, spans


def parse(doc_id):
    raw = (SRC / f"{doc_id}.txt").read_text("utf-8")
    header, turns = [], []  # turns: dict(kind, ann, plain, spans, orient)
    for para in re.split(r"\n\s*\n", raw):
        lines = [l for l in para.strip().splitlines() if not l.startswith("#")]
        if not lines:
            continue
        para = " ".join(l.strip() for l in lines)
        kind, sep, body = para.partition(": ")
        if kind not in ("H", "I", "R") or not sep:
            sys.exit(f"{doc_id}: bad paragraph start: {para[:60]!r}")
        orient = None
        m = TAG_RE.search(body)
        if kind == "R":
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without orientation tag: {body[:60]!r}")
            orient, body = m.group(1), body[:m.start()]
        elif m:
            sys.exit(f"{doc_id}: orientation tag outside respondent paragraph")
        plain, spans = strip_ids(body)
        item = dict(kind=kind, ann=body, plain=plain, spans=spans, orient=orient)
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header line after first turn")
            header.append(item)
        else:
            turns.append(item)
    for i, t in enumerate(turns, 1):
        want = "I" if i % 2 else "R"
        if t["kind"] != want:
            sys.exit(f"{doc_id}: turn {i} should be {want}")
    return header, turns


def warn_unannotated(doc_id, items, ids):
    """Warn when an identifier string also occurs outside an annotated span."""
    for it in items:
        covered = [(a, b) for a, b, _, _ in it["spans"]]
        for s in ids:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", it["plain"]):
                if not any(a <= m.start() and m.end() <= b for a, b in covered):
                    print(f"WARNING {doc_id}: unannotated occurrence of {s!r}: "
                          f"...{it['plain'][max(0, m.start()-30):m.end()+30]}...")


def split_sentences(ann):
    """Split annotated text into sentences, never inside [[...]]."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(ann):
        if ann.startswith("[[", i):
            depth += 1
            i += 2
            continue
        if ann.startswith("]]", i):
            depth -= 1
            i += 2
            continue
        c = ann[i]
        if depth == 0 and c in ".?!)" and i + 1 < len(ann) and ann[i + 1] == " ":
            parts.append(ann[start:i + 1])
            start = i + 2
            i += 2
            continue
        i += 1
    parts.append(ann[start:])
    return [p.strip() for p in parts if p.strip()]


def chunks(ann, max_words=34):
    out, cur = [], []
    for s in split_sentences(ann):
        n = len(strip_ids(s)[0].split())
        if cur and sum(len(strip_ids(c)[0].split()) for c in cur) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [strip_ids(c)[0] for c in out]


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.6, len(text.split()) / 2.25)


def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    for h in header:
        d.add_paragraph(h["plain"])
    if header:
        d.add_paragraph("")
    for t in turns:
        label = labels[0] if t["kind"] == "I" else labels[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + t["plain"])
        else:
            p.add_run(f"{label}: {t['plain']}")
    d.save(path)


def write_vtt(path, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(h["plain"] for h in header)
        lines.append("")
    t0 = 2.0
    for t in turns:
        label = labels[0] if t["kind"] == "I" else labels[1]
        for c in chunks(t["ann"]):
            d = dur(c)
            lines.append(f"{fmt_ts(t0, '.')} --> {fmt_ts(t0 + d, '.')}")
            lines.append(f"<v {label}>{c}")
            lines.append("")
            t0 += d + 0.3
        t0 += 0.9
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def write_srt(path, turns, labels):
    lines = []
    t0 = 1.5
    for n, t in enumerate(turns, 1):
        label = labels[0] if t["kind"] == "I" else labels[1]
        d = dur(t["plain"])
        lines += [str(n), f"{fmt_ts(t0, ',')} --> {fmt_ts(t0 + d, ',')}", f"{label}: {t['plain']}", ""]
        t0 += d + 1.1
    with open(path, "w", encoding="utf-8", newline="\r\n") as f:
        f.write("\n".join(lines) + "\n")


def write_txt(path, header, turns, labels, encoding, newline):
    lines = [h["plain"] for h in header]
    if header:
        lines.append("")
    for t in turns:
        label = labels[0] if t["kind"] == "I" else labels[1]
        lines += [f"{label}: {t['plain']}", ""]
    with open(path, "w", encoding=encoding, newline=newline) as f:
        f.write("\n".join(lines))


def write_txt_ts(path, header, turns, labels):
    lines = [h["plain"] for h in header]
    if header:
        lines.append("")
    t0 = 4.0
    for t in turns:
        label = labels[0] if t["kind"] == "I" else labels[1]
        ts = fmt_ts(t0, ".")[:8]
        lines += [f"[{ts}] {label}: {t['plain']}", ""]
        t0 += dur(t["plain"]) + 1.4
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    style_rows, orient_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse(doc_id)
        ids = {}
        for it in header + turns:
            for _, _, s, t in it["spans"]:
                if ids.setdefault(s, t) != t:
                    sys.exit(f"{doc_id}: {s!r} annotated with two types")
        warn_unannotated(doc_id, header + turns, ids)
        for s, t in cfg["label_ids"].items():
            if ids.setdefault(s, t) != t:
                sys.exit(f"{doc_id}: label {s!r} type clash")
        path = OUT / f"{doc_id}.{EXT[cfg['fmt']]}"
        f = cfg["fmt"]
        if f == "docx_bold":
            write_docx(path, header, turns, cfg["labels"], bold=True)
        elif f == "docx_plain":
            write_docx(path, header, turns, cfg["labels"], bold=False)
        elif f == "vtt":
            write_vtt(path, header, turns, cfg["labels"])
        elif f == "srt":
            write_srt(path, turns, cfg["labels"])
        elif f == "txt_cp1252":
            write_txt(path, header, turns, cfg["labels"], "cp1252", "\r\n")
        elif f == "txt_ts":
            write_txt_ts(path, header, turns, cfg["labels"])
        for i, t in enumerate(turns, 1):
            if t["kind"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, t["orient"]))
        for s, t in ids.items():
            id_rows.append((doc_id, s, t))
        style_rows.append((doc_id, *STYLES[doc_id]))
        words = sum(len(t["plain"].split()) for t in turns)
        n_r = sum(1 for t in turns if t["kind"] == "R")
        counts = {k: sum(1 for t in turns if t["orient"] == k) for k in ("casus", "netwerk", "-")}
        print(f"{doc_id}: {path.name} words={words} turns={len(turns)} respondent_turns={n_r} "
              f"ids={len(ids)} orient={counts}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
