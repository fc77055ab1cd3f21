"""Build setJB: transcripts + styles.csv + orientation.csv + identifiers.csv from src/jbNN.txt.

Source format: paragraphs separated by blank lines, each starting with
  H: header line   I: interviewer turn   R: respondent turn (ends with {casus}|{netwerk}|{-})
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "jb01": dict(fmt="docx_bold", labels=("Interviewer", "Respondent"), names=False,
                 style="casusgericht",
                 rationale="Municipal PGA process director who spends his week with one young man and his mother, "
                           "mobilises OM, probation, a boxing school, a pension and an employer for that plan, and "
                           "explicitly declines the covenant working group and structural escalation."),
    "jb02": dict(fmt="txt_ir", labels=("I", "R"), names=False, encoding="cp1252", crlf=True,
                 style="netwerkgericht",
                 rationale="RIEC adviser who tells a warm story about a family but deliberately leaves daily contact "
                           "to the guardian and invests in the family table, the child-signal agreement, escalation "
                           "routes, capacity agreements and patterns across families."),
    "jb03": dict(fmt="vtt", labels=("Noor Bosch", "Yvonne Peeters"), names=True,
                 style="onbepaald",
                 rationale="Genuinely mixed: she invests about equally in a fifteen-year-old girl and her mother and in "
                           "the signalling table, data-sharing and waiting-list agreements she built, without ever "
                           "saying she works on both levels."),
    "jb04": dict(fmt="srt", labels=("Fleur", "Ruud"), names=True, crlf=True,
                 style="netwerkgericht",
                 rationale="Terse police chain partner who chairs the weekly HIC meeting, turns single incidents into "
                           "standing agreements and escalations, and hands all contact with young men and families to "
                           "community officers and municipal directors."),
    "jb05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), names=False,
                 style="casusgericht",
                 rationale="Senior child protection worker who names police, OM, RIEC, Belastingdienst and many meetings, "
                           "but uses each only for one family's safety plan and declines the RIEC table and protocol work."),
    "jb06": dict(fmt="docx_plain", labels=("Mirjam Coenen", "Bart Vaessen"), names=True,
                 style="onbepaald",
                 rationale="Genuinely mixed (and says so): a municipal director who splits his week between weekly "
                           "contact with one young man and writing information-sharing agreements, escalations and a "
                           "housing pilot."),
}

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    """Remove markup, return plain text and list of (start, end, string, type)."""
    out, spans, pos = [], [], 0
    plain_len = 0
    for m in ANN.finditer(text):
        chunk = text[pos:m.start()]
        out.append(chunk)
        plain_len += len(chunk)
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            raise SystemExit("bad type %s" % t)
        spans.append((plain_len, plain_len + len(s), s, t))
        out.append(s)
        plain_len += len(s)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    raw = open(path, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        if "\n" in p:
            raise SystemExit("%s: paragraph with line break: %r" % (doc_id, p[:60]))
        kind, body = p[:2], p[3:]
        if kind == "H:":
            if turns:
                raise SystemExit("%s: header after turns" % doc_id)
            header.append(body)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = TAG.search(body)
                if not m:
                    raise SystemExit("%s: respondent paragraph without tag: %r" % (doc_id, body[:60]))
                orient = m.group(1)
                body = body[:m.start()]
            elif TAG.search(body):
                raise SystemExit("%s: interviewer paragraph with tag" % doc_id)
            turns.append((kind[0], body, orient))
        else:
            raise SystemExit("%s: bad paragraph start %r" % (doc_id, p[:20]))
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            raise SystemExit("%s: turns do not alternate at %d" % (doc_id, i + 1))
    return header, turns


def collect_identifiers(doc_id, header, turns, cfg):
    ids = {}
    order = []

    def add(s, t):
        if s in ids and ids[s] != t:
            raise SystemExit("%s: %r annotated as %s and %s" % (doc_id, s, ids[s], t))
        if s not in ids:
            ids[s] = t
            order.append(s)

    all_plain = []
    for h in header:
        plain, spans = strip(h)
        all_plain.append((plain, spans))
        for _, _, s, t in spans:
            add(s, t)
    if cfg["names"]:
        for lab in cfg["labels"]:
            add(lab, "PERSOON")
    for _, body, _ in turns:
        plain, spans = strip(body)
        all_plain.append((plain, spans))
        for _, _, s, t in spans:
            add(s, t)
    # consistency warning: identifier string occurring unannotated
    warnings = []
    for s in order:
        rx = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)")
        for plain, spans in all_plain:
            for m in rx.finditer(plain):
                if not any(a <= m.start() and m.end() <= b for a, b, _, _ in spans):
                    warnings.append("%s: unannotated occurrence of %r in: ...%s..." % (
                        doc_id, s, plain[max(0, m.start() - 30):m.end() + 30]))
    return [(s, ids[s]) for s in order], warnings


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def chunks(annotated, target=28):
    """Split an annotated turn into cue-sized chunks at sentence ends, never inside [[..]]."""
    keep = []

    def protect(m):
        keep.append(m.group(0))
        return "\x00%d\x00" % (len(keep) - 1)

    prot = ANN.sub(protect, annotated)
    sents = re.split(r"(?<=[.!?])\s+", prot.strip())
    out, cur = [], []
    for s in sents:
        cur.append(s)
        if sum(len(x.split()) for x in cur) >= target:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and sum(len(x.split()) for x in cur) < 6:
            out[-1] = out[-1] + " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    restore = lambda t: re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], t)
    return [strip(restore(c))[0] for c in out]


def words(t):
    return len(t.split())


def build_doc(doc_id, cfg):
    header, turns = parse(doc_id)
    ilab, rlab = cfg["labels"]
    hplain = [strip(h)[0] for h in header]
    tplain = [(spk, strip(body)[0]) for spk, body, _ in turns]
    fmt = cfg["fmt"]
    for f in os.listdir(OUT):
        if f.startswith(doc_id + "."):
            os.remove(os.path.join(OUT, f))

    if fmt in ("docx_bold", "docx_plain"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in hplain:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = fmt == "docx_bold"
        if hplain:
            d.add_paragraph("")
        for spk, text in tplain:
            lab = ilab if spk == "I" else rlab
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab + ":")
                r.bold = True
                p.add_run(" " + text)
            else:
                p.add_run("%s: %s" % (lab, text))
        d.save(os.path.join(OUT, doc_id + ".docx"))

    elif fmt in ("txt_ir", "txt_ts"):
        lines = list(hplain)
        if lines:
            lines.append("")
        t = 4.0
        for spk, text in tplain:
            lab = ilab if spk == "I" else rlab
            if fmt == "txt_ts":
                lines.append("[%s] %s: %s" % (fmt_ts(t, ".")[:8], lab, text))
                t += words(text) / 2.4 + 1.5
            else:
                lines.append("%s: %s" % (lab, text))
            lines.append("")
        data = ("\r\n" if cfg.get("crlf") else "\n").join(lines)
        enc = cfg.get("encoding", "utf-8")
        with open(os.path.join(OUT, doc_id + ".txt"), "wb") as fh:
            fh.write(data.encode(enc))

    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if hplain:
            out.append("NOTE")
            out.extend(hplain)
            out.append("")
        t = 2.0
        for (spk, body, _), (_, _) in zip(turns, tplain):
            lab = ilab if spk == "I" else rlab
            for c in chunks(body):
                dur = max(1.5, words(c) / 2.5)
                out.append("%s --> %s" % (fmt_ts(t, "."), fmt_ts(t + dur, ".")))
                out.append("<v %s>%s" % (lab, c))
                out.append("")
                t += dur + 0.2
            t += 0.8
        with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(out))

    elif fmt == "srt":
        out = []
        n = 1
        t = 1.0
        for spk, body, _ in turns:
            lab = ilab if spk == "I" else rlab
            for k, c in enumerate(chunks(body, target=24)):
                dur = max(1.5, words(c) / 2.5)
                out.append(str(n))
                out.append("%s --> %s" % (fmt_ts(t, ","), fmt_ts(t + dur, ",")))
                out.append(("%s: %s" % (lab, c)) if k == 0 else c)
                out.append("")
                n += 1
                t += dur + 0.2
            t += 0.7
        nl = "\r\n" if cfg.get("crlf") else "\n"
        with open(os.path.join(OUT, doc_id + ".srt"), "wb") as fh:
            fh.write(nl.join(out).encode("utf-8"))
    else:
        raise SystemExit("unknown format " + fmt)

    ids, warns = collect_identifiers(doc_id, header, turns, cfg)
    orient = [(i + 1, o) for i, (_, _, o) in enumerate(turns) if o in ("casus", "netwerk")]
    nwords = sum(words(t) for _, t in tplain)
    nresp = sum(1 for s, _ in tplain if s == "R")
    return ids, orient, warns, nwords, nresp, len(ids)


def main():
    os.makedirs(OUT, exist_ok=True)
    all_ids, all_or, all_w, stats = [], [], [], []
    for doc_id in sorted(DOCS):
        ids, orient, warns, nw, nr, ni = build_doc(doc_id, DOCS[doc_id])
        all_ids += [(doc_id, s, t) for s, t in ids]
        all_or += [(doc_id, i, o) for i, o in orient]
        all_w += warns
        c = sum(1 for _, o in orient if o == "casus")
        n = sum(1 for _, o in orient if o == "netwerk")
        stats.append((doc_id, DOCS[doc_id]["fmt"], nw, nr, ni, c, n))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for d in sorted(DOCS):
            w.writerow([d, DOCS[d]["style"], DOCS[d]["rationale"]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(all_or):
            w.writerow(row)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        for row in all_ids:
            w.writerow(row)
    for x in all_w:
        print("WARNING", x)
    print("doc   format      words  resp_turns  identifiers  casus  netwerk")
    for s in stats:
        print("%-5s %-11s %5d  %10d  %11d  %5d  %7d" % s)


if __name__ == "__main__":
    main()
