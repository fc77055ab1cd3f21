#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set FW from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/fwNN.txt):
  '# key: value' lines       metadata (format, labels, label_ids, style)
  paragraphs separated by a blank line, each starting with 'H: ' (header line),
  'I: ' (interviewer turn) or 'R: ' (respondent turn); identifiers inline as [[text|TYPE]];
  every respondent paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import random
import re
import sys
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = ["fw01", "fw02", "fw03", "fw04", "fw05", "fw06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TOKEN_RE = re.compile(r"\S*\[\[.+?\]\]\S*|\S+")
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "meer van de casus"]
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252-IR": "txt", "vtt": "vtt",
       "srt": "srt", "txt-utf8-spreker": "txt"}


def unmark(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def parse(doc_id):
    meta, paras = {}, []
    text = (HERE / f"{doc_id}.txt").read_text(encoding="utf-8")
    for block in re.split(r"\n\s*\n", text):
        lines = [l for l in block.strip().splitlines()]
        body = []
        for l in lines:
            if l.startswith("#"):
                k, _, v = l[1:].partition(":")
                meta[k.strip()] = v.strip()
            elif l.strip():
                body.append(l.strip())
        if not body:
            continue
        p = " ".join(body)
        kind, _, rest = p.partition(": ")
        if kind not in ("H", "I", "R"):
            sys.exit(f"{doc_id}: bad paragraph start: {p[:40]!r}")
        tag = None
        if kind == "R":
            m = TAG_RE.search(rest)
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without tag: {rest[:60]!r}")
            tag = m.group(1)
            rest = rest[:m.start()]
        elif TAG_RE.search(rest):
            sys.exit(f"{doc_id}: tag on a non-respondent paragraph: {rest[:60]!r}")
        paras.append({"kind": kind, "marked": rest.strip(), "text": unmark(rest.strip()), "tag": tag})
    return meta, paras


def chunks(marked):
    """Split a turn into subtitle cues; identifiers are never split."""
    toks = TOKEN_RE.findall(marked)
    out, cur = [], []
    for t in toks:
        cur.append(t)
        plain = unmark(t)
        n = len(cur)
        if (n >= 7 and plain[-1] in ".?!") or (n >= 13 and plain[-1] in ",:;") or n >= 17:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return [unmark(" ".join(c)) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(doc_id, turns, labels):
    rng = random.Random(doc_id)
    t = rng.uniform(0.8, 3.0)
    cues = []
    for p in turns:
        who = labels[0] if p["kind"] == "I" else labels[1]
        rate = rng.uniform(2.2, 2.8)
        for c in chunks(p["marked"]):
            d = max(1.2, len(c.split()) / rate)
            cues.append((t, t + d, who, c))
            t += d + rng.uniform(0.04, 0.35)
        t += rng.uniform(0.4, 1.8)
    return cues


def turn_starts(doc_id, turns):
    rng = random.Random(doc_id + "ts")
    t = rng.uniform(2, 6)
    starts = []
    for p in turns:
        starts.append(t)
        t += len(p["text"].split()) / rng.uniform(2.2, 2.8) + rng.uniform(0.5, 2.5)
    return starts


def write(doc_id, meta, paras):
    fmt = meta["format"]
    labels = [x.strip() for x in meta["labels"].split("|")]
    header = [p["text"] for p in paras if p["kind"] == "H"]
    turns = [p for p in paras if p["kind"] != "H"]
    path = OUT / f"{doc_id}.{EXT[fmt]}"
    for old in OUT.glob(f"{doc_id}.*"):
        old.unlink()
    if fmt.startswith("docx"):
        d = Document()
        for h in header:
            d.add_paragraph(h)
        if header:
            d.add_paragraph("")
        for p in turns:
            lab = labels[0] if p["kind"] == "I" else labels[1]
            para = d.add_paragraph()
            if fmt == "docx-bold":
                para.add_run(lab + ":").bold = True
                para.add_run(" " + p["text"])
            else:
                para.add_run(f"{lab}: {p['text']}")
        d.save(path)
    elif fmt == "txt-cp1252-IR":
        lines = header + [""] if header else []
        for p in turns:
            lab = labels[0] if p["kind"] == "I" else labels[1]
            lines += [f"{lab}: {p['text']}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt-utf8-spreker":
        lines = header + [""] if header else []
        for p, st in zip(turns, turn_starts(doc_id, turns)):
            lab = labels[0] if p["kind"] == "I" else labels[1]
            lines += [f"[{ts(st, ',')[:8]}] {lab}: {p['text']}", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out += ["NOTE"] + header + [""]
        for a, b, who, c in timed_cues(doc_id, turns, labels):
            out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {who}>{c}</v>", ""]
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "srt":
        out = []
        for i, (a, b, who, c) in enumerate(timed_cues(doc_id, turns, labels), 1):
            out += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{who}: {c}", ""]
        path.write_bytes("\r\n".join(out).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")
    return path


def main():
    OUT.mkdir(exist_ok=True)
    style_rows, orient_rows, ident_rows = [], [], []
    for doc_id in DOCS:
        meta, paras = parse(doc_id)
        turns = [p for p in paras if p["kind"] != "H"]
        for i, p in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if p["kind"] != want:
                sys.exit(f"{doc_id}: turn {i} should be {want}")
        style, _, rationale = meta["style"].partition("|")
        style_rows.append((doc_id, style.strip(), rationale.strip()))
        for i, p in enumerate(turns, 1):
            if p["tag"] in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, p["tag"]))
        seen = {}
        for p in paras:
            for m in ID_RE.finditer(p["marked"]):
                s, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: bad type {typ}")
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc_id}: {s!r} typed both {seen[s]} and {typ}")
                seen.setdefault(s, typ)
        for lab in [x.strip() for x in meta.get("label_ids", "").split("|") if x.strip()]:
            seen.setdefault(lab, "PERSOON")
        ident_rows += [(doc_id, s, t) for s, t in seen.items()]
        path = write(doc_id, meta, paras)
        spoken = " ".join(p["text"] for p in turns)
        low = spoken.lower()
        for f in FORBIDDEN:
            if f in low:
                print(f"WARNING {doc_id}: forbidden wording {f!r}")
        nwords = len([w for w in spoken.split() if re.search(r"\w", w)])
        tags = [p["tag"] for p in turns if p["kind"] == "R"]
        print(f"{doc_id} {path.name:10s} {style.strip():15s} words={nwords:5d} "
              f"R-turns={len(tags):3d} casus={tags.count('casus'):2d} "
              f"netwerk={tags.count('netwerk'):2d} ids={len(seen):3d}")
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
