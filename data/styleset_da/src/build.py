#!/usr/bin/env python3
"""Build set DA: transcripts + csv files from the annotated sources in this folder.

Source format (src/daNN.src):
  '#key: value' meta lines, then a line '---', then one paragraph per speaker turn,
  paragraphs separated by a blank line. A paragraph starts with 'I: ' (interviewer) or
  'R: ' (respondent). Identifiers are marked inline as {{text|TYPE}}. A respondent
  paragraph may end with an orientation mark [[casus]], [[netwerk]] or [[-]] (= neither).
  Meta keys: id, format (txt|docx|srt|vtt), encoding, labelstyle (bold|plain|timestamp),
  style, rationale, ilabel, rlabel, header (repeatable), label_ident (repeatable, 'text|TYPE').

Run with a python that has python-docx (only needed for the .docx outputs):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

MARK = re.compile(r"\{\{([^{}|]+)\|([A-Z_]+)\}\}")
ORIENT = re.compile(r"\s*\[\[(casus|netwerk|-)\]\]\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip_marks(text):
    """Return (clean_text, [(identifier, type, start, end)])."""
    out, spans, pos, last = [], [], 0, 0
    for m in MARK.finditer(text):
        out.append(text[last:m.start()])
        pos += m.start() - last
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise ValueError("unknown identifier type %r" % typ)
        spans.append((ident, typ, pos, pos + len(ident)))
        out.append(ident)
        pos += len(ident)
        last = m.end()
    out.append(text[last:])
    clean = "".join(out)
    if "{{" in clean or "}}" in clean or "[[" in clean:
        raise ValueError("unparsed mark in: %s" % clean[:80])
    return clean, spans


def parse_src(path):
    meta = {"header": [], "label_ident": []}
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    head, body = raw.split("\n---\n", 1)
    for line in head.splitlines():
        if not line.startswith("#"):
            continue
        k, v = line[1:].split(":", 1)
        k, v = k.strip(), v.strip()
        if k in ("header", "label_ident"):
            meta[k].append(v)
        else:
            meta[k] = v
    if meta.get("rationale", "").startswith('"'):
        meta["rationale"] = meta["rationale"].strip('"')
    turns = []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(l.strip() for l in para.strip().splitlines())
        who, text = para[:2], para[3:]
        if who not in ("I:", "R:"):
            raise ValueError("%s: bad paragraph start %r" % (path, para[:30]))
        orient = None
        m = ORIENT.search(text)
        if m:
            if who != "R:":
                raise ValueError("orientation mark on interviewer turn")
            orient = None if m.group(1) == "-" else m.group(1)
            text = text[:m.start()]
        clean, spans = strip_marks(text.strip())
        turns.append({"who": who[0], "text": clean, "spans": spans, "orient": orient})
    headers = []
    head_ids = []
    for h in meta["header"]:
        c, sp = strip_marks(h)
        headers.append(c)
        head_ids += [(s[0], s[1]) for s in sp]
    meta["header_clean"] = headers
    meta["header_ids"] = head_ids
    return meta, turns


def split_for_cues(text, spans, maxlen=115):
    """Split a turn into cue-sized chunks at sentence (or comma) boundaries outside identifiers."""
    def inside(i):
        return any(s[2] <= i < s[3] for s in spans)

    cuts = [m.end() for m in re.finditer(r"[.?!…]\s+", text) if not inside(m.start())]
    pieces, start = [], 0
    for c in cuts + [len(text)]:
        seg = text[start:c].strip()
        if seg:
            pieces.append((start, seg))
        start = c
    # break long sentences at commas (outside identifiers)
    fine = []
    for off, seg in pieces:
        if len(seg) <= maxlen + 40:
            fine.append(seg)
            continue
        sub_start = 0
        for m in re.finditer(r",\s+", seg):
            if m.end() - sub_start >= 60 and not inside(off + m.start()):
                fine.append(seg[sub_start:m.end()].strip())
                sub_start = m.end()
        rest = seg[sub_start:].strip()
        if rest:
            fine.append(rest)
    chunks, cur = [], ""
    for seg in fine:
        if cur and len(cur) + 1 + len(seg) > maxlen:
            chunks.append(cur)
            cur = seg
        else:
            cur = (cur + " " + seg).strip()
    if cur:
        chunks.append(cur)
    return chunks


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def label_of(meta, who):
    return meta["ilabel"] if who == "I" else meta["rlabel"]


def write_txt(meta, turns, path):
    lines = list(meta["header_clean"])
    if lines:
        lines.append("")
    t = 3.0
    for tr in turns:
        lab = label_of(meta, tr["who"])
        if meta.get("labelstyle") == "timestamp":
            h, rem = divmod(int(t), 3600)
            m, s = divmod(rem, 60)
            lines.append("[%02d:%02d:%02d] %s: %s" % (h, m, s, lab, tr["text"]))
        else:
            lines.append("%s: %s" % (lab, tr["text"]))
        lines.append("")
        t += len(tr["text"].split()) / 2.5 + 1.2
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if enc == "cp1252" else "\n"
    with open(path, "w", encoding=enc, newline="") as f:
        f.write(nl.join(lines).rstrip() + nl)


def write_docx(meta, turns, path):
    import docx  # python-docx
    from docx.shared import Pt
    d = docx.Document()
    for i, h in enumerate(meta["header_clean"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph("")
    for tr in turns:
        lab = label_of(meta, tr["who"])
        p = d.add_paragraph()
        if meta.get("labelstyle") == "bold":
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + tr["text"])
        else:
            p.add_run("%s: %s" % (lab, tr["text"]))
    d.save(path)


def cues(meta, turns):
    t = 1.0
    out = []
    for tr in turns:
        for chunk in split_for_cues(tr["text"], tr["spans"]):
            dur = max(1.2, len(chunk.split()) / 2.6)
            out.append((t, t + dur, label_of(meta, tr["who"]), chunk))
            t += dur + 0.08
        t += 0.7
    return out


def write_srt(meta, turns, path):
    lines = []
    for n, (a, b, lab, chunk) in enumerate(cues(meta, turns), 1):
        lines += [str(n), "%s --> %s" % (ts(a, ","), ts(b, ",")), "%s: %s" % (lab, chunk), ""]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines))


def write_vtt(meta, turns, path):
    lines = ["WEBVTT", ""]
    if meta["header_clean"]:
        lines.append("NOTE")
        lines += meta["header_clean"]
        lines.append("")
    for n, (a, b, lab, chunk) in enumerate(cues(meta, turns), 1):
        lines += ["%d" % n, "%s --> %s" % (ts(a, "."), ts(b, ".")), "<v %s>%s</v>" % (lab, chunk), ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


WRITERS = {"txt": write_txt, "docx": write_docx, "srt": write_srt, "vtt": write_vtt}


def main():
    os.makedirs(TR, exist_ok=True)
    srcs = sorted(f for f in os.listdir(HERE) if re.match(r"da\d\d\.src$", f))
    styles, orients, idents, stats = [], [], [], {}
    for fn in srcs:
        meta, turns = parse_src(os.path.join(HERE, fn))
        did = meta["id"]
        for i, tr in enumerate(turns):
            exp = "I" if i % 2 == 0 else "R"
            if tr["who"] != exp:
                raise ValueError("%s turn %d: expected %s" % (did, i + 1, exp))
        ext = meta["format"]
        WRITERS[ext](meta, turns, os.path.join(TR, "%s.%s" % (did, ext)))
        styles.append((did, meta["style"], meta["rationale"]))
        for i, tr in enumerate(turns, 1):
            if tr["orient"]:
                orients.append((did, i, tr["orient"]))
        seen = []
        allids = [tuple(x.split("|")) for x in meta["label_ident"]] + meta["header_ids"]
        for tr in turns:
            allids += [(s[0], s[1]) for s in tr["spans"]]
        for x in allids:
            if x not in seen:
                seen.append(x)
        idents += [(did, a, b) for a, b in seen]
        words = sum(len(tr["text"].split()) for tr in turns)
        rwords = sum(len(tr["text"].split()) for tr in turns if tr["who"] == "R")
        stats[did] = {"format": ext, "style": meta["style"], "words": words, "resp_words": rwords,
                      "turns": len(turns), "resp_turns": sum(1 for t in turns if t["who"] == "R"),
                      "casus_turns": sum(1 for t in turns if t["orient"] == "casus"),
                      "netwerk_turns": sum(1 for t in turns if t["orient"] == "netwerk")}
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    with open(os.path.join(HERE, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1)
    for k, v in stats.items():
        print(k, v)


if __name__ == "__main__":
    sys.exit(main())
