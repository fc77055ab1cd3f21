"""Build the setDM transcripts and csv files from the annotated sources in src/*.src.

Source format (one file per document):
  # key: value          meta lines (id, format, encoding, label_i, label_r, style, rationale, header*)
  I: text               interviewer turn (one paragraph, blank line between turns)
  R: text {casus}       respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are marked inline as [[verbatim text|TYPE]]; labels may contain markup and {ts}
(replaced by an [hh:mm:ss] timestamp).

Run with a python that has python-docx (only needed for .docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
TRANS = OUT / "transcripts"
MARK = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip(text, ids):
    def rep(m):
        if m.group(2) not in TYPES:
            raise ValueError("unknown type " + m.group(2))
        ids.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, text)


def parse(path):
    meta = {"header": []}
    turns = []  # (speaker, raw text)
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and not turns and not body:
            key, _, val = line[2:].partition(":")
            val = val.strip()
            if key == "header":
                meta["header"].append(val)
            else:
                meta[key.strip()] = val
            continue
        body.append(line)
    paras = [p.strip() for p in "\n".join(body).split("\n\n") if p.strip()]
    for p in paras:
        p = " ".join(p.split("\n"))
        spk, _, txt = p.partition(": ")
        if spk not in ("I", "R"):
            raise ValueError(f"{path.name}: bad paragraph start {p[:40]!r}")
        turns.append((spk, txt.strip()))
    return meta, turns


def ts(sec, sep=","):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_doc(path):
    meta, turns = parse(path)
    doc = meta["id"]
    ids = []
    header = [strip(h, ids) for h in meta["header"]]
    lab_i = strip(meta["label_i"], ids)
    lab_r = strip(meta["label_r"], ids)
    rows = []  # dicts: speaker, text, orient, start, end
    t = 2.0
    words = 0
    for n, (spk, raw) in enumerate(turns, 1):
        exp = "I" if n % 2 else "R"
        if spk != exp:
            raise ValueError(f"{doc}: turn {n} should be {exp}")
        orient = None
        if spk == "R":
            m = ORIENT.search(raw)
            if not m:
                raise ValueError(f"{doc}: respondent turn {n} lacks orientation mark")
            orient = m.group(1)
            raw = raw[:m.start()]
        elif ORIENT.search(raw):
            raise ValueError(f"{doc}: interviewer turn {n} has a mark")
        text = strip(raw, ids).strip()
        wc = len(text.split())
        words += wc
        dur = max(2.0, wc / 2.5)
        rows.append(dict(n=n, spk=spk, text=text, orient=orient, start=t, end=t + dur))
        t += dur + 0.7

    def label(r):
        lab = lab_i if r["spk"] == "I" else lab_r
        return lab.replace("{ts}", ts(r["start"])[:8])

    fmt = meta["format"]
    if fmt == "txt":
        enc = meta.get("encoding", "utf-8")
        nl = "\r\n" if enc == "cp1252" else "\n"
        lines = header + ([""] if header else [])
        for r in rows:
            lines += [f"{label(r)}: {r['text']}", ""]
        (TRANS / f"{doc}.txt").write_bytes(nl.join(lines).encode(enc))
        out = f"{doc}.txt"
    elif fmt == "docx":
        import docx
        d = docx.Document()
        if header:
            d.add_paragraph().add_run(header[0]).bold = True
            for h in header[1:]:
                d.add_paragraph(h)
            d.add_paragraph("")
        for r in rows:
            p = d.add_paragraph()
            p.add_run(label(r) + ":").bold = True
            p.add_run(" " + r["text"])
        d.save(TRANS / f"{doc}.docx")
        out = f"{doc}.docx"
    elif fmt == "srt":
        lines = []
        for i, r in enumerate(rows, 1):
            lines += [str(i), f"{ts(r['start'])} --> {ts(r['end'])}", f"{label(r)}: {r['text']}", ""]
        (TRANS / f"{doc}.srt").write_text("\n".join(lines), encoding="utf-8")
        out = f"{doc}.srt"
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines += header + [""]
        for r in rows:
            lines += [f"{ts(r['start'], '.')} --> {ts(r['end'], '.')}", f"<v {label(r)}>{r['text']}", ""]
        (TRANS / f"{doc}.vtt").write_text("\n".join(lines), encoding="utf-8")
        out = f"{doc}.vtt"
    else:
        raise ValueError(fmt)
    seen = []
    for x in ids:
        if x not in seen:
            seen.append(x)
    orient = [(doc, r["n"], r["orient"]) for r in rows if r["orient"] in ("casus", "netwerk")]
    stats = dict(doc=doc, file=out, style=meta["style"], words=words, turns=len(rows),
                 resp_turns=sum(1 for r in rows if r["spk"] == "R"),
                 casus=sum(1 for o in orient if o[2] == "casus"),
                 netwerk=sum(1 for o in orient if o[2] == "netwerk"))
    return meta, orient, seen, stats


def main():
    TRANS.mkdir(exist_ok=True)
    styles, orients, idents, allstats = [], [], [], []
    for src in sorted(HERE.glob("*.src")):
        meta, orient, ids, stats = build_doc(src)
        styles.append((meta["id"], meta["style"], meta["rationale"].strip('"')))
        orients += orient
        idents += [(meta["id"], a, b) for a, b in ids]
        allstats.append(stats)
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients, key=lambda x: (x[0], x[1])))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    (HERE / "stats.json").write_text(json.dumps(allstats, indent=1), encoding="utf-8")
    for s in allstats:
        print(s)


if __name__ == "__main__":
    sys.exit(main())
