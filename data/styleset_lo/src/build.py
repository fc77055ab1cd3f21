"""Build set LO: transcripts + styles.csv, orientation.csv, identifiers.csv from the annotated sources.

Source format (src/loNN.txt):
  # key: value        metadata (format, ext, label_I, label_R, style, rationale, ...)
  H: text             header line (metadata, not a turn)
  I: text             interviewer turn
  R: text {tag}       respondent turn, tag is casus, netwerk or -
Identifiers are written inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["lo01", "lo02", "lo03", "lo04", "lo05", "lo06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
ABBREV = ("mr.", "dr.", "bijv.", "o.a.", "ca.", "nr.", "mw.", "dhr.", "z.s.m.", "d.w.z.", "etc.", "ds.")


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids_in(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit("bad type %r in %r" % (m.group(2), s[:60]))
        out.append((m.group(1), m.group(2)))
    return out


def parse(doc_id):
    meta, header, turns = {}, [], []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].partition(":")
                meta[k.strip()] = v.strip()
                continue
            who, _, text = line.partition(": ")
            if who == "H":
                header.append(text)
            elif who == "I":
                if TAG_RE.search(text):
                    sys.exit("%s:%d interviewer turn with tag" % (doc_id, n))
                turns.append(("I", text, None))
            elif who == "R":
                m = TAG_RE.search(text)
                if not m:
                    sys.exit("%s:%d respondent turn without tag" % (doc_id, n))
                turns.append(("R", text[: m.start()].rstrip(), m.group(1)))
            else:
                sys.exit("%s:%d unknown line %r" % (doc_id, n, line[:40]))
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            sys.exit("%s: turns do not alternate at turn %d" % (doc_id, i + 1))
    return meta, header, turns


# ---------- helpers for cue splitting (never inside an identifier) ----------

def mask(s):
    spans = []

    def rep(m):
        spans.append(m.group(0))
        return "\x00%d\x00" % (len(spans) - 1)

    return ID_RE.sub(rep, s), spans


def unmask(s, spans):
    return re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], s)


def sentences(annotated):
    masked, spans = mask(annotated)
    parts = re.split(r"(?<=[.!?])\s+", masked)
    out = []
    for p in parts:
        if out and out[-1].lower().endswith(ABBREV):
            out[-1] += " " + p
        else:
            out.append(p)
    return [unmask(p, spans) for p in out if p.strip()]


def chunks(annotated, max_words=24):
    """Group sentences into cue-sized chunks."""
    out, cur = [], []
    for s in sentences(annotated):
        n = len(plain(s).split())
        have = len(plain(" ".join(cur)).split())
        if cur and have >= 8 and have + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def dur(text):
    return max(1.2, len(plain(text).split()) / 2.6)


# ---------- writers ----------

def write_txt_cp1252(doc_id, meta, header, turns):
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    lines = [plain(h) for h in header] + [""]
    for who, text, _ in turns:
        lines.append("%s: %s" % (lab[who], plain(text)))
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(data)


def write_txt_ts(doc_id, meta, header, turns):
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    lines = [plain(h) for h in header] + [""]
    t = 4.0
    for who, text, _ in turns:
        lines.append("[%s] %s: %s" % (ts(t, ",")[:8], lab[who], plain(text)))
        lines.append("")
        t += dur(text) + 1.5
    with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_srt(doc_id, meta, header, turns):
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    out = []
    t = 2.0
    for n, (who, text, _) in enumerate(turns, 1):
        d = dur(text)
        lines, cur = [], lab[who] + ":"
        for sent in (plain(x) for x in sentences(text)):
            if len(cur) > len(lab[who]) + 1 and len(cur) + 1 + len(sent) > 110:
                lines.append(cur)
                cur = sent
            else:
                cur += " " + sent
        lines.append(cur)
        body = "\r\n".join(lines)
        out.append("%d\r\n%s --> %s\r\n%s\r\n" % (n, ts(t, ","), ts(t + d, ","), body))
        t += d + 0.8
    with open(os.path.join(OUT, doc_id + ".srt"), "wb") as f:
        f.write("\r\n".join(out).encode("utf-8"))


def write_vtt(doc_id, meta, header, turns):
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = 3.0
    for who, text, _ in turns:
        for c in chunks(text):
            d = dur(c)
            out.append("%s --> %s" % (ts(t, "."), ts(t + d, ".")))
            out.append("<v %s>%s" % (lab[who], plain(c)))
            out.append("")
            t += d + 0.3
        t += 0.9
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_docx(doc_id, meta, header, turns, bold):
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = meta.get("font", "Calibri")
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if meta.get("header_italic") == "yes":
            r.italic = True
    if header:
        d.add_paragraph()
    for who, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab[who] + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run("%s: %s" % (lab[who], plain(text)))
    d.save(os.path.join(OUT, doc_id + ".docx"))


WRITERS = {
    "txt_cp1252": write_txt_cp1252,
    "txt_ts": write_txt_ts,
    "srt": write_srt,
    "vtt": write_vtt,
    "docx_bold": lambda *a: write_docx(*a, bold=True),
    "docx_plain": lambda *a: write_docx(*a, bold=False),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient, idents = [], [], []
    for doc_id in DOCS:
        meta, header, turns = parse(doc_id)
        WRITERS[meta["format"]](doc_id, meta, header, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        seen = {}
        sources = [meta["label_I"], meta["label_R"]] + header + [t for _, t, _ in turns]
        for s in sources:
            for text, typ in ids_in(s):
                if text in seen and seen[text] != typ:
                    sys.exit("%s: %r typed both %s and %s" % (doc_id, text, seen[text], typ))
                if text not in seen:
                    seen[text] = typ
                    idents.append((doc_id, text, typ))
        for i, (who, text, tag) in enumerate(turns, 1):
            if who == "R" and tag in ("casus", "netwerk"):
                orient.append((doc_id, i, tag))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nr = sum(1 for w, _, _ in turns if w == "R")
        tags = [t for _, _, t in turns if t]
        print("%s %-11s %-15s words=%d resp_turns=%d casus=%d netwerk=%d ids=%d" % (
            doc_id, meta["format"], meta["style"], words, nr, tags.count("casus"),
            tags.count("netwerk"), len(seen)))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
