"""Build the setKN transcripts and csv files from the annotated sources.

Source format (src/knNN.txt):
  lines starting with '@key value' are directives:
    @format  docx_bold | docx_plain | vtt | srt | txt_cp1252 | txt_ts
    @ilabel  interviewer speaker label (may contain [[..|PERSOON]])
    @rlabel  respondent speaker label
    @style   casusgericht | netwerkgericht | onbepaald
    @rationale one sentence
  then paragraphs separated by blank lines, each starting with
    'H: ' header line, 'I: ' interviewer turn, 'R: ' respondent turn.
  Identifiers inline as [[text|TYPE]]; every R paragraph ends with
  {casus}, {netwerk} or {-}.

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
DOCS = ["kn01", "kn02", "kn03", "kn04", "kn05", "kn06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt_cp1252": "txt", "txt_ts": "txt"}

warnings = []


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def anns(s):
    out = []
    for m in ANN.finditer(s):
        if m.group(2) not in TYPES:
            raise SystemExit("bad type %r" % m.group(2))
        out.append((m.group(1), m.group(2)))
    return out


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta = {}
    body = []
    for line in raw.split("\n"):
        if line.startswith("@"):
            k, _, v = line[1:].partition(" ")
            meta[k] = v.strip()
        else:
            body.append(line)
    paras = [" ".join(l.strip() for l in p.split("\n") if l.strip())
             for p in re.split(r"\n\s*\n", "\n".join(body))]
    paras = [p for p in paras if p]
    header, turns = [], []
    for p in paras:
        tag, _, text = p.partition(": ")
        if tag == "H":
            if turns:
                raise SystemExit("%s: header after turns" % doc_id)
            header.append(text)
        elif tag in ("I", "R"):
            ori = None
            if tag == "R":
                m = ORI.search(text)
                if not m:
                    raise SystemExit("%s: R without orientation: %s" % (doc_id, text[:60]))
                ori = m.group(1)
                text = text[:m.start()]
            elif ORI.search(text):
                raise SystemExit("%s: orientation on I turn" % doc_id)
            turns.append((tag, text.strip(), ori))
        else:
            raise SystemExit("%s: bad paragraph %r" % (doc_id, p[:40]))
    for i, (tag, _, _) in enumerate(turns):
        if tag != ("I" if i % 2 == 0 else "R"):
            raise SystemExit("%s: turns do not alternate at %d" % (doc_id, i + 1))
    return meta, header, turns


# ---------------------------------------------------------------- chunking
def chunks(text, maxw=16):
    """Split annotated text into cue-sized pieces, never inside [[..]]."""
    protected = []

    def keep(m):
        protected.append(m.group(0))
        return "\x00%d\x00" % (len(protected) - 1)

    t = ANN.sub(keep, text)
    sents = re.split(r"(?<=[.!?…])\s+(?=\S)", t)
    pieces = []
    for s in sents:
        if len(s.split()) > maxw + 6:
            parts = re.split(r"(?<=,)\s+", s)
            cur = ""
            for p in parts:
                if cur and len((cur + " " + p).split()) > maxw:
                    pieces.append(cur)
                    cur = p
                else:
                    cur = (cur + " " + p).strip()
            if cur:
                pieces.append(cur)
        else:
            pieces.append(s)
    merged = []
    for p in pieces:
        if merged and len((merged[-1] + " " + p).split()) <= maxw and len(p.split()) < 6:
            merged[-1] = merged[-1] + " " + p
        else:
            merged.append(p)
    restore = lambda s: re.sub("\x00(\\d+)\x00", lambda m: protected[int(m.group(1))], s)
    return [restore(p) for p in merged]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def hms(sec):
    sec = int(sec)
    return "%02d:%02d:%02d" % (sec // 3600, (sec % 3600) // 60, sec % 60)


# ---------------------------------------------------------------- writers
def clear_props(d):
    cp = d.core_properties
    cp.author = ""
    cp.comments = ""
    cp.title = ""
    cp.subject = ""
    cp.keywords = ""
    cp.last_modified_by = ""


def write_docx(path, header, turns, il, rl, bold):
    d = docx.Document()
    clear_props(d)
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if bold:
            r.italic = True
    if header:
        d.add_paragraph("")
    for tag, text, _ in turns:
        lab = il if tag == "I" else rl
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bold
        p.add_run(" " + plain(text))
    d.save(path)


def write_vtt(path, header, turns, il, rl):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = 1.2
    for tag, text, _ in turns:
        lab = il if tag == "I" else rl
        for c in chunks(text):
            c = plain(c)
            dur = max(1.2, len(c.split()) / 2.6)
            out.append("%s --> %s" % (ts(t), ts(t + dur)))
            out.append("<v %s>%s</v>" % (lab, c))
            out.append("")
            t += dur + 0.08
        t += 0.6
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(path, turns, il, rl):
    out = []
    n = 1
    t = 0.9
    for tag, text, _ in turns:
        lab = il if tag == "I" else rl
        for c in chunks(text, maxw=14):
            c = plain(c)
            dur = max(1.0, len(c.split()) / 2.5)
            out += [str(n), "%s --> %s" % (ts(t, ","), ts(t + dur, ",")), "%s: %s" % (lab, c), ""]
            n += 1
            t += dur + 0.1
        t += 0.7
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(out))


def write_txt_cp1252(path, header, turns, il, rl):
    out = [plain(h) for h in header]
    if header:
        out.append("")
    for tag, text, _ in turns:
        lab = il if tag == "I" else rl
        out.append("%s: %s" % (lab, plain(text)))
        out.append("")
    data = "\r\n".join(out).encode("cp1252")
    with open(path, "wb") as f:
        f.write(data)


def write_txt_ts(path, header, turns, il, rl):
    out = [plain(h) for h in header]
    if header:
        out.append("")
    t = 3.0
    for tag, text, _ in turns:
        lab = il if tag == "I" else rl
        out.append("[%s] %s: %s" % (hms(t), lab, plain(text)))
        out.append("")
        t += len(plain(text).split()) / 2.5 + 1.5
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


# ---------------------------------------------------------------- checks on sources
def unannotated(doc_id, texts, idents):
    masked = [ANN.sub(lambda m: "\x01" * len(m.group(1)), t) for t in texts]
    blob = "\n".join(masked)
    for s in sorted(idents, key=len, reverse=True):
        pat = r"(?<![\w-])" + re.escape(s) + r"(?![\w])"
        for m in re.finditer(pat, blob):
            warnings.append("%s: unannotated occurrence of %r near %r"
                            % (doc_id, s, blob[max(0, m.start() - 30):m.end() + 30]))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    styles, oris, idrows = [], [], []
    for doc_id in DOCS:
        meta, header, turns = parse(doc_id)
        fmt = meta["format"]
        il_ann, rl_ann = meta["ilabel"], meta["rlabel"]
        il, rl = plain(il_ann), plain(rl_ann)
        # identifiers in order of first occurrence
        seen = {}
        order = []
        for s in [il_ann, rl_ann] + header + [t for _, t, _ in turns]:
            for txt, typ in anns(s):
                if txt in seen:
                    if seen[txt] != typ:
                        warnings.append("%s: %r typed %s and %s" % (doc_id, txt, seen[txt], typ))
                    continue
                seen[txt] = typ
                order.append((txt, typ))
        unannotated(doc_id, header + [t for _, t, _ in turns], seen)
        for txt, typ in order:
            idrows.append((doc_id, txt, typ))
        for i, (tag, _, o) in enumerate(turns, start=1):
            if tag == "R" and o in ("casus", "netwerk"):
                oris.append((doc_id, i, o))
        styles.append((doc_id, meta["style"], meta["rationale"]))
        path = os.path.join(OUT, doc_id + "." + EXT[fmt])
        if fmt == "docx_bold":
            write_docx(path, header, turns, il, rl, True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, il, rl, False)
        elif fmt == "vtt":
            write_vtt(path, header, turns, il, rl)
        elif fmt == "srt":
            if header:
                raise SystemExit("srt has no header")
            write_srt(path, turns, il, rl)
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, header, turns, il, rl)
        elif fmt == "txt_ts":
            write_txt_ts(path, header, turns, il, rl)
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nresp = sum(1 for tag, _, _ in turns if tag == "R")
        dist = {k: sum(1 for _, _, o in turns if o == k) for k in ("casus", "netwerk", "-")}
        print("%s %-10s %-14s words=%d resp_turns=%d ids=%d %s"
              % (doc_id, fmt, meta["style"], words, nresp, len(order), dist))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    for wmsg in warnings:
        print("WARNING", wmsg)
    return 1 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
