"""Build the transcripts and the three csv files of set FP from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py

Source format (src/fpNN.src):
  meta lines   '#key: value'  (format, encoding, newline, I, R, style, rationale, start)
  paragraphs   'H: ...' header line, 'I: ...' interviewer turn, 'R: ... {casus|netwerk|-}' respondent turn
  identifiers  inline as [[text|TYPE]]; speaker labels in #I / #R may carry markup too.
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text, found):
    def repl(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            raise SystemExit(f"unknown type {t} for {s!r}")
        found.append((s, t))
        return s
    out = ID_RE.sub(repl, text)
    if "[[" in out or "]]" in out:
        raise SystemExit(f"unbalanced markup in: {text[:80]}")
    return out


def parse(path):
    meta, paras = {}, []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        kind, _, text = line.partition(": ")
        if kind not in ("H", "I", "R"):
            raise SystemExit(f"{path.name}: bad paragraph start: {line[:60]}")
        paras.append([kind, text])
    return meta, paras


def ts(seconds, sep):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(annotated, max_words=16):
    """Split an annotated turn into cue texts without cutting through an identifier."""
    tokens = re.findall(r"\[\[.+?\]\]\S*|\S+", annotated)
    out, cur = [], []
    for tok in tokens:
        cur.append(tok)
        ends_sentence = re.search(r"[.?!…]\)?$", tok) is not None
        if (ends_sentence and len(cur) >= 6) or len(cur) >= max_words:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def duration(text):
    return max(1.5, len(text.split()) / 2.25)


def build(path):
    doc_id = path.stem
    meta, paras = parse(path)
    found = []
    labels = {k: strip(meta[k], found) for k in ("I", "R")}
    header = [strip(t, found) for k, t in paras if k == "H"]
    turns, orient = [], []
    for k, t in paras:
        if k == "H":
            continue
        if k == "R":
            m = ORIENT_RE.search(t)
            if not m:
                raise SystemExit(f"{doc_id}: respondent paragraph without orientation: {t[:60]}")
            t = t[: m.start()]
            turns.append(("R", t, m.group(1)))
        else:
            if ORIENT_RE.search(t):
                raise SystemExit(f"{doc_id}: orientation on interviewer turn")
            turns.append(("I", t, None))
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: turns do not alternate at {i + 1}")
    fmt = meta["format"]
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    enc = meta.get("encoding", "utf-8")
    clean = [(k, strip(t, found)) for k, t, _ in turns]
    for idx, (k, _, o) in enumerate(turns, start=1):
        if k == "R" and o in ("casus", "netwerk"):
            orient.append((doc_id, idx, o))

    if fmt in ("docx-bold", "docx-plain"):
        import docx
        d = docx.Document()
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        if header:
            d.add_paragraph("")
        for k, t in clean:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                r = p.add_run(labels[k] + ":")
                r.bold = True
                p.add_run(" " + t)
            else:
                p.add_run(f"{labels[k]}: {t}")
        target = OUT / f"{doc_id}.docx"
        d.save(target)
    elif fmt == "txt":
        lines = list(header)
        if header:
            lines.append("")
        clock = float(meta.get("start", "0"))
        for k, t in clean:
            if meta.get("timestamps") == "yes":
                lines.append(f"[{ts(clock, ',')[:8]}] {labels[k]}: {t}")
            else:
                lines.append(f"{labels[k]}: {t}")
            lines.append("")
            clock += duration(t) + 1.2
        target = OUT / f"{doc_id}.txt"
        target.write_bytes(nl.join(lines).encode(enc))
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines.append("NOTE")
            lines.extend(header)
            lines.append("")
        clock = float(meta.get("start", "0"))
        n = 0
        for (k, t_ann, _), (_, t) in zip(turns, clean):
            for c_ann in chunks(t_ann):
                c = strip(c_ann, [])
                n += 1
                d_ = duration(c)
                lines.append(str(n))
                lines.append(f"{ts(clock, '.')} --> {ts(clock + d_, '.')}")
                lines.append(f"<v {labels[k]}>{c}</v>")
                lines.append("")
                clock += d_ + 0.3
            clock += 0.9
        target = OUT / f"{doc_id}.vtt"
        target.write_bytes(nl.join(lines).encode(enc))
    elif fmt == "srt":
        lines = []
        clock = float(meta.get("start", "0"))
        for n, (k, t) in enumerate(clean, start=1):
            d_ = duration(t)
            lines.append(str(n))
            lines.append(f"{ts(clock, ',')} --> {ts(clock + d_, ',')}")
            lines.append(f"{labels[k]}: {t}")
            lines.append("")
            clock += d_ + 1.0
        target = OUT / f"{doc_id}.srt"
        target.write_bytes(nl.join(lines).encode(enc))
    else:
        raise SystemExit(f"{doc_id}: unknown format {fmt}")

    ids, seen = [], {}
    for s, t in found:
        if s in seen:
            if seen[s] != t:
                raise SystemExit(f"{doc_id}: {s!r} tagged as {seen[s]} and {t}")
            continue
        seen[s] = t
        ids.append((doc_id, s, t))
    words = sum(len(t.split()) for _, t in clean)
    rturns = sum(1 for k, _ in clean if k == "R")
    style = (doc_id, meta["style"], meta["rationale"])
    print(f"{doc_id}: {target.name:10s} words={words} respondent_turns={rturns} "
          f"identifiers={len(ids)} casus={sum(o[2] == 'casus' for o in orient)} "
          f"netwerk={sum(o[2] == 'netwerk' for o in orient)}")
    return style, orient, ids


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orients, idents = [], [], []
    for path in sorted(HERE.glob("fp*.src")):
        s, o, i = build(path)
        styles.append(s)
        orients.extend(o)
        idents.extend(i)
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients, key=lambda r: (r[0], r[1])))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    sys.exit(main())
