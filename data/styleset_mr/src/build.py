#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set 'setmr' from the annotated sources.

Source format (src/mrNN.txt):
  '#key: value' lines  : metadata (doc, format, style, rationale, label_I, label_R, start)
  paragraphs separated by blank lines, each one line starting with
     'H: ' header line, 'I: ' interviewer turn, 'R: ' respondent turn
  identifiers inline as [[text|TYPE]]; respondent paragraphs end in {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)
"""
import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt_ir_cp1252": "txt", "txt_spreker": "txt"}


def strip_ids(text, found):
    def rep(m):
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit("unknown identifier type %r" % typ)
        found.append((ident, typ))
        return ident
    return ID_RE.sub(rep, text)


def parse(path):
    meta, paras = {}, []
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    for line in raw.splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
    body = [ln for ln in raw.splitlines() if not ln.startswith("#")]
    for block in re.split(r"\n\s*\n", "\n".join(body)):
        block = block.strip()
        if not block:
            continue
        if "\n" in block:
            sys.exit("%s: paragraph spans lines: %r" % (path, block[:60]))
        kind, _, text = block.partition(": ")
        if kind not in ("H", "I", "R"):
            sys.exit("%s: bad paragraph %r" % (path, block[:60]))
        paras.append((kind, text))
    doc = {"meta": meta, "rawheader": [], "header": [], "turns": [], "ids": [], "orient": []}
    found = doc["ids"]
    labels = {}
    for who in ("I", "R"):
        labels[who] = strip_ids(meta["label_" + who], found)
    doc["labels"] = labels
    idx = 0
    for kind, text in paras:
        if kind == "H":
            if doc["turns"]:
                sys.exit("%s: header after turns" % path)
            doc["rawheader"].append(text)
            doc["header"].append(strip_ids(text, found))
            continue
        idx += 1
        if kind == "R":
            m = ORI_RE.search(text)
            if not m:
                sys.exit("%s: respondent turn %d lacks {casus}/{netwerk}/{-}" % (path, idx))
            text = text[:m.start()]
            if m.group(1) != "-":
                doc["orient"].append((idx, m.group(1)))
        elif ORI_RE.search(text):
            sys.exit("%s: interviewer turn %d has an orientation tag" % (path, idx))
        expected = "I" if idx % 2 == 1 else "R"
        if kind != expected:
            sys.exit("%s: turn %d is %s, expected %s" % (path, idx, kind, expected))
        doc["turns"].append((kind, text, strip_ids(text, found)))
    return doc


# ---------------------------------------------------------------- timing / cues
def split_cues(marked_text, max_words=26):
    """Split a turn (with [[..]] markup) into cue texts at sentence ends, never inside an identifier."""
    protected = []

    def prot(m):
        protected.append(m.group(0))
        return "\x00%d\x00" % (len(protected) - 1)
    t = ID_RE.sub(prot, marked_text)
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z(\x00'\"])", t)
    cues, cur = [], []
    for s in sentences:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    out = []
    for c in cues:
        c = re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], c)
        out.append(strip_ids(c, []))
    return out


def parse_start(s):
    h, m, sec = (int(x) for x in s.split(":"))
    return h * 3600 + m * 60 + sec


def fmt_ts(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def timed_cues(doc, seed):
    rnd = random.Random(seed)
    t = parse_start(doc["meta"].get("start", "00:00:02")) + rnd.random()
    cues = []  # (start, end, speaker_key, text)
    for kind, marked, _plain in doc["turns"]:
        for c in split_cues(marked):
            dur = max(1.2, len(c.split()) / rnd.uniform(2.3, 2.9))
            cues.append((t, t + dur, kind, c))
            t += dur + rnd.uniform(0.05, 0.35)
        t += rnd.uniform(0.4, 1.8)
    return cues


def turn_starts(doc, seed):
    rnd = random.Random(seed)
    t = parse_start(doc["meta"].get("start", "00:00:02"))
    starts = []
    for _kind, _m, plain in doc["turns"]:
        starts.append(t)
        t += len(plain.split()) / rnd.uniform(2.2, 2.8) + rnd.uniform(0.6, 2.5)
    return starts


def hms(t):
    t = int(t)
    return "%02d:%02d:%02d" % (t // 3600, (t % 3600) // 60, t % 60)


# ---------------------------------------------------------------- writers
def write_docx(doc, path, bold):
    from docx import Document
    from docx.shared import Pt
    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, h in enumerate(doc["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph()
    for kind, _m, plain in doc["turns"]:
        label = doc["labels"][kind]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain)
        else:
            p.add_run(label + ": " + plain)
    d.core_properties.author = ""
    d.core_properties.title = ""
    d.save(path)


def write_vtt(doc, path, seed):
    lines = ["WEBVTT", ""]
    if doc["header"]:
        lines.append("NOTE")
        lines.extend(doc["header"])
        lines.append("")
    for n, (a, b, kind, text) in enumerate(timed_cues(doc, seed), 1):
        lines.append(str(n))
        lines.append("%s --> %s" % (fmt_ts(a, "."), fmt_ts(b, ".")))
        lines.append("<v %s>%s</v>" % (doc["labels"][kind], text))
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def write_srt(doc, path, seed):
    lines = []
    for n, (a, b, kind, text) in enumerate(timed_cues(doc, seed), 1):
        lines.append(str(n))
        lines.append("%s --> %s" % (fmt_ts(a, ","), fmt_ts(b, ",")))
        lines.append("%s: %s" % (doc["labels"][kind], text))
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\r\n") as fh:
        fh.write("\n".join(lines))


def write_txt_ir(doc, path):
    lines = list(doc["header"]) + [""]
    for kind, _m, plain in doc["turns"]:
        lines.append("%s: %s" % (doc["labels"][kind], plain))
        lines.append("")
    with open(path, "w", encoding="cp1252", newline="\r\n") as fh:
        fh.write("\n".join(lines))


def write_txt_spreker(doc, path, seed):
    lines = list(doc["header"]) + [""]
    for (kind, _m, plain), t in zip(doc["turns"], turn_starts(doc, seed)):
        lines.append("[%s] %s: %s" % (hms(t), doc["labels"][kind], plain))
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    srcs = sorted(f for f in os.listdir(HERE) if re.match(r"mr\d\d\.txt$", f))
    docs = {}
    for f in srcs:
        d = parse(os.path.join(HERE, f))
        docs[d["meta"]["doc"]] = d
    # remove stale transcripts
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    styles, orient, idents = [], [], []
    all_ids = {}
    for n, (doc_id, d) in enumerate(sorted(docs.items())):
        fmt = d["meta"]["format"]
        path = os.path.join(OUT, "%s.%s" % (doc_id, EXT[fmt]))
        seed = 1000 + n
        if fmt == "docx_bold":
            write_docx(d, path, True)
        elif fmt == "docx_plain":
            write_docx(d, path, False)
        elif fmt == "vtt":
            write_vtt(d, path, seed)
        elif fmt == "srt":
            write_srt(d, path, seed)
        elif fmt == "txt_ir_cp1252":
            write_txt_ir(d, path)
        elif fmt == "txt_spreker":
            write_txt_spreker(d, path, seed)
        else:
            sys.exit("unknown format " + fmt)
        styles.append((doc_id, d["meta"]["style"], d["meta"]["rationale"]))
        for idx, o in d["orient"]:
            orient.append((doc_id, idx, o))
        seen = {}
        for ident, typ in d["ids"]:
            if ident in seen and seen[ident] != typ:
                sys.exit("%s: %r typed both %s and %s" % (doc_id, ident, seen[ident], typ))
            if ident not in seen:
                seen[ident] = typ
                idents.append((doc_id, ident, typ))
        all_ids[doc_id] = seen
        # stats
        words = sum(len(p.split()) for _k, _m, p in d["turns"])
        nresp = sum(1 for k, _m, _p in d["turns"] if k == "R")
        nc = sum(1 for _i, o in d["orient"] if o == "casus")
        nn = sum(1 for _i, o in d["orient"] if o == "netwerk")
        print("%s %-14s %-14s words=%d turns=%d resp=%d casus=%d netwerk=%d ids=%d" % (
            doc_id, fmt, d["meta"]["style"], words, len(d["turns"]), nresp, nc, nn, len(seen)))
    # warn on untagged occurrences of identifier strings (within the doc and across the set)
    every = {}
    for seen in all_ids.values():
        every.update(seen)
    for doc_id, d in sorted(docs.items()):
        texts = [ID_RE.sub(" ", t) for _k, t, _p in d["turns"]]
        texts += [ID_RE.sub(" ", h) for h in d["rawheader"]]
        blob = "\n".join(texts)
        for ident in sorted(every):
            if len(ident) < 3:
                continue
            if re.search(r"(?<!\w)%s(?!\w)" % re.escape(ident), blob):
                print("WARNING %s: untagged occurrence of %r" % (doc_id, ident))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
