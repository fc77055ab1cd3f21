#!/usr/bin/env python3
"""Build the six transcripts and the three csv files of set mb from the annotated sources.

Source format (src/mbNN.txt):
  # format: docx-bold | docx-plain | txt-ir-cp1252 | txt-ts | vtt | srt
  # labels: <interviewer label> | <respondent label>   (labels may carry [[..|PERSOON]])
  # style: casusgericht | netwerkgericht | onbepaald
  # rationale: one sentence
  H: header line          (zero or more)
  I: interviewer turn
  R: respondent turn ending in {casus} | {netwerk} | {-}
Identifiers inline as [[text|TYPE]].
Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
SET = HERE.parent
OUT = SET / "transcripts"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-ir-cp1252": "txt", "txt-ts": "txt", "vtt": "vtt", "srt": "srt"}


def strip(s):
    """Return plain text, list of (text, type) and the spans of annotated text."""
    out, ids, spans, pos = [], [], [], 0
    plain_len = 0
    for m in ANN.finditer(s):
        before = s[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} for {text!r}")
        spans.append((plain_len, plain_len + len(text)))
        out.append(text)
        plain_len += len(text)
        ids.append((text, typ))
        pos = m.end()
    out.append(s[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"broken annotation in: {s[:80]}")
    return plain, ids, spans


def parse(path):
    doc = {"id": path.stem, "header": [], "turns": [], "ids": [], "warn": []}
    texts = []  # (plain, spans) for the unannotated-occurrence check
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith("#"):
            key, _, val = line[1:].strip().partition(":")
            doc[key.strip()] = val.strip()
            continue
        tag, _, body = line.partition(": ")
        if tag not in ("H", "I", "R"):
            sys.exit(f"{path.name}: bad line {line[:60]}")
        orient = None
        if tag == "R":
            m = re.search(r"\s*\{(casus|netwerk|-)\}$", body)
            if not m:
                sys.exit(f"{path.name}: respondent paragraph without orientation: {body[:60]}")
            orient = m.group(1)
            body = body[:m.start()]
        elif re.search(r"\{(casus|netwerk|-)\}", body):
            sys.exit(f"{path.name}: orientation on non-respondent line")
        plain, ids, spans = strip(body)
        doc["ids"].extend(ids)
        texts.append((plain, spans))
        if tag == "H":
            doc["header"].append(plain)
        else:
            doc["turns"].append((tag, plain, orient))
    labels = []
    for lab in doc["labels"].split(" | "):
        plain, ids, spans = strip(lab.strip())
        labels.append(plain)
        doc["ids"].extend(ids)
    doc["label"] = {"I": labels[0], "R": labels[1]}
    total = 4.0 + sum(dur(t) + 1.5 for _, t, _ in doc["turns"])
    mm, ss = divmod(int(total), 60)
    doc["header"] = [h.replace("{DUUR_MIN}", str(round(total / 60))).replace("{DUUR_MMSS}", f"{mm:02d}:{ss:02d}")
                     for h in doc["header"]]
    # header ids first, then label ids, then the rest (order of first appearance kept)
    seen, ordered = {}, []
    for text, typ in doc["ids"]:
        if text in seen:
            if seen[text] != typ:
                sys.exit(f"{doc['id']}: {text!r} typed both {seen[text]} and {typ}")
            continue
        seen[text] = typ
        ordered.append((text, typ))
    doc["ids"] = ordered
    # warn about occurrences of identifier strings that were not annotated
    for text, _ in ordered:
        if text in labels:
            continue
        pat = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")
        for plain, spans in texts:
            for m in pat.finditer(plain):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    doc["warn"].append(f"unannotated {text!r} in: ...{plain[max(0, m.start()-30):m.end()+30]}...")
    # alternation in the source
    for k, (tag, _, _) in enumerate(doc["turns"]):
        if tag != ("I" if k % 2 == 0 else "R"):
            sys.exit(f"{doc['id']}: turns do not alternate at {k+1}")
    return doc


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z('ÉÈ])", text) if s]


def cues(text, maxw=24):
    """Group sentences into cue texts of at most ~maxw words."""
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def dur(text):
    return max(1.2, len(text.split()) / 2.5)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_docx(doc, bold):
    d = docx.Document()
    for h in doc["header"]:
        d.add_paragraph(h)
    d.add_paragraph("")
    for tag, text, _ in doc["turns"]:
        p = d.add_paragraph()
        lab = p.add_run(doc["label"][tag] + ":")
        if bold:
            lab.bold = True
        p.add_run(" " + text)
        if not bold:
            d.add_paragraph("")
    d.core_properties.author = "transcriptie"
    d.save(OUT / f"{doc['id']}.docx")


def build_txt_ir(doc):
    lines = list(doc["header"]) + [""]
    for tag, text, _ in doc["turns"]:
        lines += [f"{doc['label'][tag]}: {text}", ""]
    data = "\r\n".join(lines).encode("cp1252")
    (OUT / f"{doc['id']}.txt").write_bytes(data)


def build_txt_ts(doc):
    lines = list(doc["header"]) + [""]
    t = 4.0
    for tag, text, _ in doc["turns"]:
        lines += [f"[{ts(t, ',')[:8]}] {doc['label'][tag]}: {text}", ""]
        t += dur(text) + 1.5
    (OUT / f"{doc['id']}.txt").write_text("\n".join(lines), encoding="utf-8")


def build_vtt(doc):
    lines = ["WEBVTT", "", "NOTE"] + list(doc["header"]) + [""]
    t = 0.8
    for tag, text, _ in doc["turns"]:
        for c in cues(text):
            d = dur(c)
            lines += [f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {doc['label'][tag]}>{c}", ""]
            t += d + 0.3
        t += 0.7
    (OUT / f"{doc['id']}.vtt").write_text("\n".join(lines), encoding="utf-8")


def build_srt(doc):
    lines, n, t = [], 1, 1.5
    for tag, text, _ in doc["turns"]:
        for c in cues(text):
            d = dur(c)
            lines += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{doc['label'][tag]}: {c}", ""]
            n += 1
            t += d + 0.25
        t += 0.8
    (OUT / f"{doc['id']}.srt").write_bytes("\r\n".join(lines).encode("utf-8"))


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    docs = [parse(p) for p in sorted(HERE.glob("mb*.txt"))]
    styles, orient, idents = [], [], []
    for doc in docs:
        fmt = doc["format"]
        {"docx-bold": lambda d: build_docx(d, True), "docx-plain": lambda d: build_docx(d, False),
         "txt-ir-cp1252": build_txt_ir, "txt-ts": build_txt_ts, "vtt": build_vtt, "srt": build_srt}[fmt](doc)
        styles.append((doc["id"], doc["style"], doc["rationale"]))
        for k, (tag, _, o) in enumerate(doc["turns"], start=1):
            if tag == "R" and o in ("casus", "netwerk"):
                orient.append((doc["id"], k, o))
        for text, typ in doc["ids"]:
            idents.append((doc["id"], text, typ))
        nw = sum(words(t) for _, t, _ in doc["turns"])
        nr = sum(1 for tag, _, _ in doc["turns"] if tag == "R")
        oc = sum(1 for r in orient if r[0] == doc["id"] and r[2] == "casus")
        on = sum(1 for r in orient if r[0] == doc["id"] and r[2] == "netwerk")
        print(f"{doc['id']}: {fmt:14s} {EXT[fmt]:4s} words={nw} resp_turns={nr} ids={len(doc['ids'])} casus={oc} netwerk={on}")
        for w in doc["warn"]:
            print("  WARN", w)
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
