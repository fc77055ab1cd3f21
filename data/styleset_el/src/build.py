#!/usr/bin/env python3
"""Build setEL transcripts + csv files from the annotated sources in this folder.

Source format (one file per document, src/<id>.txt, UTF-8):
  @format: docx | srt | vtt | txt-utf8 | txt-cp1252 | txt-stamped
  @labels: <interviewer label>|<respondent label>
  @start:  hh:mm:ss            (timed formats only)
  @header: <line>              (0..n header lines, may hold identifier markup)
  I: <one interviewer turn>    (one line per turn)
  R: <one respondent turn> [casus]|[netwerk]   (mark optional)
Identifier markup: {{surface|TYPE}}  ->  'surface' in the output, listed in identifiers.csv.

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import os
import re
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["el01", "el02", "el03", "el04", "el05", "el06"]

STYLES = {
    "el01": ("netwerkgericht",
             "Ex-police process director who tells warm, detailed stories about one client, but each story ends in "
             "what he built between organisations (standing agreements, escalation upward, partner relations), "
             "and he explicitly places his trust work with the partners."),
    "el02": ("casusgericht",
             "Ex-probation director who names many chain partners and meetings, but every call, negotiation and "
             "meeting is used to make one young man's plan fit his job, his mother and his conditions; structural "
             "work is left to her team leader."),
    "el03": ("onbepaald",
             "Too little evidence: a guarded ex-police director who answers procedurally and briefly and never "
             "shows whether his effort goes into persons or into the partner network."),
    "el04": ("casusgericht",
             "Ex-probation director whose work is weekly visits, a grandmother as ally and tailored exceptions for "
             "one client with an intellectual disability; she skips the regional working group."),
    "el05": ("netwerkgericht",
             "Ex-police senior director who runs the weekly Top-X table, negotiates standing agreements with the "
             "prison, probation and the municipality, escalates patterns to the steering group and leaves client "
             "contact to his directors."),
    "el06": ("onbepaald",
             "Genuinely mixed: an ex-youth-probation director who puts comparable, sustained effort into home "
             "visits and one young man's daily structure and into founding and running a neighbourhood partner "
             "table and inter-organisational agreements."),
}

MARK_RE = re.compile(r"\s*\[(casus|netwerk)\]\s*$")
ID_RE = re.compile(r"\{\{([^{}|]+)\|([A-Z_]+)\}\}")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}


def parse(doc_id):
    meta = {"header": []}
    turns = []  # dicts: who, raw, text, mark
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(":")
                val = val.strip()
                if key == "header":
                    meta["header"].append(val)
                else:
                    meta[key] = val
                continue
            who, _, body = line.partition(": ")
            if who not in ("I", "R"):
                raise SystemExit(f"{doc_id}: bad line {line[:40]!r}")
            mark = None
            m = MARK_RE.search(body)
            if m:
                if who != "R":
                    raise SystemExit(f"{doc_id}: mark on interviewer turn")
                mark = m.group(1)
                body = body[:m.start()]
            turns.append({"who": who, "raw": body.strip(), "mark": mark})
    for k, t in enumerate(turns):
        exp = "I" if k % 2 == 0 else "R"
        if t["who"] != exp:
            raise SystemExit(f"{doc_id}: turn {k+1} should be {exp}")
    return meta, turns


def strip(raw):
    return ID_RE.sub(lambda m: m.group(1), raw)


def idents(raw):
    out = []
    for m in ID_RE.finditer(raw):
        if m.group(2) not in TYPES:
            raise SystemExit(f"unknown type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def protect(raw):
    """Replace identifiers by placeholder tokens so wrapping/splitting never cuts inside one."""
    store = []

    def sub(m):
        store.append(m.group(1))
        return f"\x01{len(store)-1}\x02"
    return ID_RE.sub(sub, raw), store


def restore(s, store):
    return re.sub(r"\x01(\d+)\x02", lambda m: store[int(m.group(1))], s)


def words(s):
    return len(s.split())


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def start_seconds(meta):
    h, m, s = (int(x) for x in meta.get("start", "00:00:02").split(":"))
    return h * 3600 + m * 60 + s


def dur(text):
    return max(1.2, words(text) / 2.9)  # fast talkers


def labels(meta):
    a, b = meta["labels"].split("|")
    return {"I": a, "R": b}


def write_docx(doc_id, meta, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    lab = labels(meta)
    for k, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if k == 0:
            r.bold = True
    d.add_paragraph("")
    for t in turns:
        p = d.add_paragraph()
        r = p.add_run(lab[t["who"]] + ":")
        r.bold = True
        p.add_run(" " + strip(t["raw"]))
    d.save(os.path.join(OUT, doc_id + ".docx"))


def write_srt(doc_id, meta, turns):
    lab = labels(meta)
    t0 = start_seconds(meta)
    lines = []
    for k, t in enumerate(turns, 1):
        text = lab[t["who"]] + ": " + t["raw"]
        prot, store = protect(text)
        wrapped = textwrap.wrap(prot, width=96, break_long_words=False, break_on_hyphens=False)
        body = "\n".join(restore(w, store) for w in wrapped)
        plain = strip(t["raw"])
        d = dur(plain)
        lines.append(f"{k}\n{ts(t0, ',')} --> {ts(t0 + d, ',')}\n{body}\n")
        t0 += d + 0.6
    with open(os.path.join(OUT, doc_id + ".srt"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def split_cues(raw, max_words=34):
    prot, store = protect(raw)
    sents = re.split(r"(?<=[.!?])\s+", prot)
    cues, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return [restore(c, store) for c in cues]


def write_vtt(doc_id, meta, turns):
    lab = labels(meta)
    t0 = start_seconds(meta)
    out = ["WEBVTT", "", "NOTE opname Teams, export ongewijzigd, sprekersnamen handmatig nagelopen", ""]
    n = 0
    for t in turns:
        for cue in split_cues(t["raw"]):
            n += 1
            d = dur(strip(cue))
            out.append(f"{n}")
            out.append(f"{ts(t0, '.')} --> {ts(t0 + d, '.')}")
            out.append(f"<v {lab[t['who']]}>{cue}</v>")
            out.append("")
            t0 += d + 0.2
        t0 += 0.5
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


def write_txt(doc_id, meta, turns, fmt):
    lab = labels(meta)
    out = list(meta["header"]) + [""] if meta["header"] else []
    t0 = start_seconds(meta)
    for t in turns:
        if fmt == "txt-stamped":
            h, rem = divmod(int(t0), 3600)
            m, s = divmod(rem, 60)
            out.append(f"[{h:02d}:{m:02d}:{s:02d}] {lab[t['who']]}: {t['raw']}")
            t0 += dur(strip(t["raw"])) + 0.8
        else:
            out.append(f"{lab[t['who']]}: {t['raw']}")
        out.append("")
    text = strip("\n".join(out))
    if fmt == "txt-cp1252":
        with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding="cp1252", newline="\r\n") as fh:
            fh.write(text)
    else:
        with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)


EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt-utf8": "txt", "txt-cp1252": "txt", "txt-stamped": "txt"}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient, ident, stats = [], [], []
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        fmt = meta["format"]
        if fmt == "docx":
            write_docx(doc_id, meta, turns)
        elif fmt == "srt":
            write_srt(doc_id, meta, turns)
        elif fmt == "vtt":
            write_vtt(doc_id, meta, turns)
        else:
            write_txt(doc_id, meta, turns, fmt)
        seen = set()
        for raw in meta["header"] + [t["raw"] for t in turns]:
            for s, ty in idents(raw):
                if (s, ty) not in seen:
                    seen.add((s, ty))
                    ident.append((doc_id, s, ty))
        for k, t in enumerate(turns, 1):
            if t["mark"]:
                orient.append((doc_id, k, t["mark"]))
        nw = sum(words(strip(t["raw"])) for t in turns)
        nr = sum(1 for t in turns if t["who"] == "R")
        nc = sum(1 for t in turns if t["mark"] == "casus")
        nn = sum(1 for t in turns if t["mark"] == "netwerk")
        stats.append((doc_id, fmt, EXT[fmt], nw, nr, nc, nn))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, STYLES[d][0], STYLES[d][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient):
            w.writerow(row)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        for row in ident:
            w.writerow(row)
    with open(os.path.join(HERE, "stats.tsv"), "w", encoding="utf-8") as fh:
        fh.write("doc\tformat\text\twords\tresp_turns\tcasus_marks\tnetwerk_marks\n")
        for s in stats:
            fh.write("\t".join(str(x) for x in s) + "\n")
    for s in stats:
        print(*s, sep="\t")


if __name__ == "__main__":
    sys.exit(main())
