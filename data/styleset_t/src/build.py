#!/usr/bin/env python3
"""Build setT transcripts + csv files from the annotated sources in this folder.

Source format (one file per document, src/<id>.txt):
  # format: txt | txt-timestamps | docx | vtt | srt
  # encoding: utf-8 | cp1252          (txt formats only)
  # label_i: <interviewer label>      # label_r: <respondent label>
  # header: <header line>             (0..n, in order)
  I: <interviewer turn>
  R: <respondent turn> {casus}|{netwerk}   (orientation mark optional)
Identifiers are marked inline as [[TYPE|verbatim text]].

Run with any python3 that has python-docx (only needed for .docx):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import json
import re
import textwrap
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TRANS = OUT / "transcripts"
DOCS = ["bt01", "bt02", "bt03", "bt04", "bt05", "bt06"]

STYLES = {
    "bt01": ("onbepaald", "Too little evidence: a guarded housing consultant who describes procedures and "
             "his corporation's position but shows no investment either in the tenants or in the cooperation "
             "between organisations."),
    "bt02": ("casusgericht", "Although she talks constantly about meetings, partners and agreements, every "
             "alignment serves one released man's plan and her trust work is with him, while structural "
             "issues are explicitly left to her manager."),
    "bt03": ("netwerkgericht", "As chair of a radicalisation case table he invests in who sits at the table, "
             "privacy rules, escalation and patterns across cases, deliberately staying out of the individual "
             "cases even though he clearly cares about the boy he describes."),
    "bt04": ("onbepaald", "Genuinely mixed: a municipal case director who splits her work about evenly between "
             "kitchen-table work with one family and building and guarding the municipality's partner "
             "agreements, and refuses to choose between them."),
    "bt05": ("netwerkgericht", "A district nurse who tells long, warm stories about one elderly client but "
             "whose investment is in building a lasting local partner meeting, contact lists and funding so "
             "that cooperation no longer depends on her."),
    "bt06": ("casusgericht", "A probation officer in an extremism aftercare case who uses the case table, "
             "employer and municipality purely for the young man's reintegration and explicitly leaves "
             "network improvement to others."),
}

ID_RE = re.compile(r"\[\[([A-Z_]+)\|([^\]]+)\]\]")
MARK_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
NBSP = "\u00a0"


def parse(doc_id):
    meta = {"headers": [], "encoding": "utf-8"}
    turns = []  # dicts: speaker, text(with markup)
    for raw in (SRC / f"{doc_id}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith("# "):
            key, _, val = line[2:].partition(":")
            key, val = key.strip(), val.strip()
            if key == "header":
                meta["headers"].append(val)
            else:
                meta[key] = val
            continue
        m = re.match(r"^(I|R): (.*)$", line)
        if not m:
            raise SystemExit(f"{doc_id}: unparsable line: {line[:60]}")
        spk, text = m.groups()
        orient = None
        mm = MARK_RE.search(text)
        if mm:
            if spk != "R":
                raise SystemExit(f"{doc_id}: orientation mark on interviewer turn")
            orient = mm.group(1)
            text = text[: mm.start()]
        turns.append({"spk": spk, "text": text, "orient": orient})
    # alternation
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["spk"] != want:
            raise SystemExit(f"{doc_id}: turn {i+1} should be {want}")
    return meta, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(2), s)


def protected(s):
    """Plain text where spaces inside identifiers are non-breaking (for wrapping)."""
    return ID_RE.sub(lambda m: m.group(2).replace(" ", NBSP), s)


def idents(meta, turns):
    seen, rows = set(), []
    for s in meta["headers"] + [t["text"] for t in turns]:
        for typ, val in ID_RE.findall(s):
            if typ not in TYPES:
                raise SystemExit(f"bad identifier type {typ}")
            if (val, typ) not in seen:
                seen.add((val, typ))
                rows.append((val, typ))
    return rows


def wrap(s, width):
    lines = textwrap.wrap(protected(s), width=width, break_long_words=False, break_on_hyphens=False)
    return [l.replace(NBSP, " ") for l in lines]


def ts(sec, sep):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns, start=2.0):
    out, t = [], start
    for tu in turns:
        n = len(plain(tu["text"]).split())
        dur = max(1.5, n / 2.55)  # ~150 words per minute
        out.append((t, t + dur))
        t = t + dur + 0.6 + (0.4 if tu["spk"] == "I" else 0.9)
    return out


def write_txt(doc_id, meta, turns, timestamps=False):
    li, lr = meta["label_i"], meta["label_r"]
    lines = [plain(h) for h in meta["headers"]]
    if lines:
        lines.append("")
    tim = timings(turns, start=4.0)
    for tu, (a, _) in zip(turns, tim):
        lab = li if tu["spk"] == "I" else lr
        if timestamps:
            lines.append(f"[{ts(a, ',')[:8]}] {lab}: {plain(tu['text'])}")
        else:
            lines.append(f"{lab}: {plain(tu['text'])}")
        lines.append("")
    data = "\r\n".join(lines) if meta["encoding"] == "cp1252" else "\n".join(lines)
    path = TRANS / f"{doc_id}.txt"
    path.write_bytes(data.encode(meta["encoding"]))
    return path


def write_docx(doc_id, meta, turns):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    for k, h in enumerate(meta["headers"]):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if k == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph("")
    for tu in turns:
        lab = meta["label_i"] if tu["spk"] == "I" else meta["label_r"]
        p = d.add_paragraph()
        r = p.add_run(f"{lab}:")
        r.bold = True
        p.add_run(" " + plain(tu["text"]))
    path = TRANS / f"{doc_id}.docx"
    d.save(path)
    return path


def write_vtt(doc_id, meta, turns):
    out = ["WEBVTT", ""]
    for h in meta["headers"]:
        out += [plain(h), ""]
    for k, (tu, (a, b)) in enumerate(zip(turns, timings(turns)), start=1):
        lab = meta["label_i"] if tu["spk"] == "I" else meta["label_r"]
        lines = wrap(tu["text"], 78)
        lines[0] = f"<v {lab}>" + lines[0]
        out += [f"{k}", f"{ts(a, '.')} --> {ts(b, '.')}"] + lines + [""]
    path = TRANS / f"{doc_id}.vtt"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_srt(doc_id, meta, turns):
    out = []
    for k, (tu, (a, b)) in enumerate(zip(turns, timings(turns, start=1.2)), start=1):
        lab = meta["label_i"] if tu["spk"] == "I" else meta["label_r"]
        lines = wrap(f"{lab}: " + tu["text"], 70)
        out += [f"{k}", f"{ts(a, ',')} --> {ts(b, ',')}"] + lines + [""]
    path = TRANS / f"{doc_id}.srt"
    path.write_bytes("\r\n".join(out).encode("utf-8"))
    return path


def main():
    TRANS.mkdir(exist_ok=True)
    for old in TRANS.iterdir():
        old.unlink()
    orient_rows, ident_rows, stats = [], [], {}
    for doc_id in DOCS:
        meta, turns = parse(doc_id)
        fmt = meta["format"]
        if fmt == "txt":
            path = write_txt(doc_id, meta, turns)
        elif fmt == "txt-timestamps":
            path = write_txt(doc_id, meta, turns, timestamps=True)
        elif fmt == "docx":
            path = write_docx(doc_id, meta, turns)
        elif fmt == "vtt":
            path = write_vtt(doc_id, meta, turns)
        elif fmt == "srt":
            path = write_srt(doc_id, meta, turns)
        else:
            raise SystemExit(f"unknown format {fmt}")
        for i, tu in enumerate(turns, start=1):
            if tu["orient"]:
                orient_rows.append((doc_id, i, tu["orient"]))
        for val, typ in idents(meta, turns):
            ident_rows.append((doc_id, val, typ))
        words = sum(len(plain(t["text"]).split()) for t in turns)
        rwords = sum(len(plain(t["text"]).split()) for t in turns if t["spk"] == "R")
        stats[doc_id] = {
            "file": path.name,
            "format": fmt + (f" ({meta['encoding']})" if fmt.startswith("txt") else ""),
            "words": words,
            "respondent_words": rwords,
            "turns": len(turns),
            "respondent_turns": sum(1 for t in turns if t["spk"] == "R"),
            "casus_turns": sum(1 for t in turns if t["orient"] == "casus"),
            "netwerk_turns": sum(1 for t in turns if t["orient"] == "netwerk"),
            "style": STYLES[doc_id][0],
        }
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in DOCS:
            w.writerow([d, *STYLES[d]])
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    (SRC / "stats.json").write_text(json.dumps(stats, indent=1, ensure_ascii=False), encoding="utf-8")
    for d, s in stats.items():
        print(d, s)


if __name__ == "__main__":
    main()
