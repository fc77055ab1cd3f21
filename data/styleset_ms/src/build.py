"""Build the transcripts and the three label files of set ms from the annotated sources.

Run with:  /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx documents)

Source format (src/msNN.txt, UTF-8):
  - lines starting with '#' are metadata  (#key: value)
  - paragraphs separated by blank lines; one paragraph per turn:
        H: header line      I: interviewer turn      R: respondent turn ... {casus|netwerk|-}
  - identifiers inline as [[text|TYPE]] (also allowed in #ilabel / #rlabel)
"""
import csv
import hashlib
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.dirname(HERE)
OUT = os.path.join(BASE, "transcripts")

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
ABBREV = {"ds.", "dr.", "mr.", "mevr.", "bijv.", "o.a.", "m.n.", "d.w.z.", "ca.", "nr.", "st."}
PH_OPEN, PH_CLOSE = "\ue000", "\ue001"


class Doc:
    pass


def strip_ann(text, ids=None):
    def rep(m):
        if m.group(2) not in TYPES:
            sys.exit("unknown identifier type %r" % m.group(2))
        if ids is not None:
            ids.append((m.group(1), m.group(2)))
        return m.group(1)
    return ANN.sub(rep, text)


def parse(path):
    d = Doc()
    d.meta, d.header, d.turns, d.ids = {}, [], [], []
    d.path = path
    raw = open(path, encoding="utf-8").read()
    body = []
    for line in raw.splitlines():
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            d.meta[k.strip()] = v.strip()
        else:
            body.append(line)
    paras = [" ".join(x.strip() for x in b.strip().splitlines()) for b in re.split(r"\n\s*\n", "\n".join(body))]
    for p in paras:
        if not p:
            continue
        kind, text = p.split(":", 1)
        text = text.strip()
        if kind == "H":
            d.header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(text)
                if not m:
                    sys.exit("%s: respondent paragraph without orientation: %s" % (path, text[:60]))
                orient = m.group(1)
                text = text[: m.start()].rstrip()
            elif ORIENT.search(text):
                sys.exit("%s: interviewer paragraph with orientation: %s" % (path, text[:60]))
            d.turns.append((kind, text, orient))
        else:
            sys.exit("%s: bad paragraph kind %r" % (path, kind))
    for i, (k, _, _) in enumerate(d.turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit("%s: turns do not alternate at turn %d" % (path, i + 1))
    d.id = d.meta["doc"]
    d.fmt = d.meta["format"]
    for h in d.header:
        strip_ann(h, d.ids)
    d.ilabel = strip_ann(d.meta.get("ilabel", "I"), d.ids)
    d.rlabel = strip_ann(d.meta.get("rlabel", "R"), d.ids)
    for _, t, _ in d.turns:
        strip_ann(t, d.ids)
    d.rng = random.Random(int(hashlib.md5(d.id.encode()).hexdigest()[:8], 16))
    return d


# ---------------------------------------------------------------- cue splitting / timing
def tokens(annotated):
    """Split annotated text into atomic tokens; identifiers never split."""
    store = []

    def rep(m):
        store.append(m.group(1))
        return "%s%d%s" % (PH_OPEN, len(store) - 1, PH_CLOSE)

    masked = ANN.sub(rep, annotated)
    toks = masked.split()
    restore = lambda t: re.sub(PH_OPEN + r"(\d+)" + PH_CLOSE, lambda m: store[int(m.group(1))], t)
    return [(t, restore(t)) for t in toks]


def sentences(annotated):
    out, cur = [], []
    toks = tokens(annotated)
    for i, (masked, real) in enumerate(toks):
        cur.append(real)
        bare = re.sub(PH_OPEN + r"\d+" + PH_CLOSE, "", masked)
        end = re.search(r"[.!?][\"')]*$", masked) and masked.lower() not in ABBREV
        if masked.endswith(PH_CLOSE):          # identifier at end of token (e.g. the initial "B.")
            end = False
        if bare == "" and not masked.endswith(PH_CLOSE):
            end = False
        if end and i + 1 < len(toks):
            nxt = toks[i + 1][1]
            if not (nxt[:1].isupper() or nxt[:1] in "\"'(" or nxt[:1].isdigit()):
                end = False
        if end:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def cues_for(annotated, maxw):
    cues, cur = [], []
    for s in sentences(annotated):
        if len(s) > maxw * 1.4:
            # long sentence: cut into roughly equal chunks, preferably after a comma
            if cur:
                cues.append(cur)
                cur = []
            n = -(-len(s) // maxw)
            size = -(-len(s) // n)
            chunk = []
            for w in s:
                chunk.append(w)
                if len(chunk) >= size or (len(chunk) >= size - 4 and w.endswith(",")):
                    cues.append(chunk)
                    chunk = []
            if chunk:
                if len(chunk) < 4 and cues:
                    cues[-1].extend(chunk)
                else:
                    cues.append(chunk)
            continue
        if cur and len(cur) + len(s) > maxw:
            cues.append(cur)
            cur = []
        cur = cur + s
    if cur:
        cues.append(cur)
    return cues


def nwords(toklist):
    return sum(len(t.split()) for t in toklist)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def timed_cues(d, maxw):
    """Yield (turn_no, speaker, [ (start, end, tokens) ... ]) with plausible timing."""
    rate_i = float(d.meta.get("rate_i", "2.6"))
    rate_r = float(d.meta.get("rate_r", "2.4"))
    t = float(d.meta.get("start", "3.2"))
    result = []
    for n, (k, text, _) in enumerate(d.turns):
        rate = rate_i if k == "I" else rate_r
        cs = []
        for c in cues_for(text, maxw):
            w = nwords(c)
            pauses = sum(1 for x in c if x.startswith("(stilte)")) * 2.5
            dur = w / rate + pauses + d.rng.uniform(0.1, 0.5)
            cs.append((t, t + dur, c))
            t += dur + d.rng.uniform(0.05, 0.35)
        result.append((n, k, cs))
        t += d.rng.uniform(0.4, 1.3)
    return result


# ---------------------------------------------------------------- writers
def wrap2(toks, width=42):
    line = " ".join(toks)
    if len(line) <= width or len(toks) < 2:
        return [line]
    best, bi = None, 1
    for i in range(1, len(toks)):
        a = len(" ".join(toks[:i]))
        diff = abs(a - len(line) / 2)
        if best is None or diff < best:
            best, bi = diff, i
    return [" ".join(toks[:bi]), " ".join(toks[bi:])]


def write_text(path, lines, encoding, newline):
    nl = "\r\n" if newline == "crlf" else "\n"
    data = nl.join(lines) + nl
    with open(path, "wb") as f:
        f.write(data.encode(encoding))


def w_txt_labels(d):
    lines = [strip_ann(h) for h in d.header]
    if lines:
        lines.append("")
    for k, text, _ in d.turns:
        lab = d.ilabel if k == "I" else d.rlabel
        lines.append("%s: %s" % (lab, strip_ann(text)))
        lines.append("")
    path = os.path.join(OUT, d.id + ".txt")
    write_text(path, lines[:-1], d.meta.get("encoding", "utf-8"), d.meta.get("newline", "lf"))
    return path


def w_txt_ts(d):
    lines = [strip_ann(h) for h in d.header]
    if lines:
        lines.append("")
    for n, k, cs in timed_cues(d, 10 ** 6):
        start = cs[0][0]
        lab = d.ilabel if k == "I" else d.rlabel
        lines.append("[%s] %s: %s" % (ts(start, ".")[:8], lab, strip_ann(d.turns[n][1])))
        lines.append("")
    path = os.path.join(OUT, d.id + ".txt")
    write_text(path, lines[:-1], d.meta.get("encoding", "utf-8"), d.meta.get("newline", "lf"))
    return path


def w_vtt(d):
    lines = ["WEBVTT", ""]
    if d.header:
        lines.append("NOTE")
        lines += [strip_ann(h) for h in d.header]
        lines.append("")
    guid = hashlib.md5(("vtt" + d.id).encode()).hexdigest()
    guid = "%s-%s-%s-%s-%s" % (guid[:8], guid[8:12], guid[12:16], guid[16:20], guid[20:32])
    k_no = 0
    for n, k, cs in timed_cues(d, int(d.meta.get("maxw", "18"))):
        lab = d.ilabel if k == "I" else d.rlabel
        for j, (a, b, c) in enumerate(cs):
            lines.append("%s/%d-%d" % (guid, 10 + n * 7, j))
            lines.append("%s --> %s" % (ts(a, "."), ts(b, ".")))
            lines.append("<v %s>%s</v>" % (lab, " ".join(c)))
            lines.append("")
            k_no += 1
    path = os.path.join(OUT, d.id + ".vtt")
    write_text(path, lines[:-1], "utf-8", d.meta.get("newline", "lf"))
    return path


def w_srt(d):
    lines = []
    no = 0
    for n, k, cs in timed_cues(d, int(d.meta.get("maxw", "14"))):
        lab = d.ilabel if k == "I" else d.rlabel
        for j, (a, b, c) in enumerate(cs):
            no += 1
            toks = list(c)
            if j == 0:
                toks = ["%s:" % lab] + toks
            lines.append(str(no))
            lines.append("%s --> %s" % (ts(a, ","), ts(b, ",")))
            lines += wrap2(toks)
            lines.append("")
    path = os.path.join(OUT, d.id + ".srt")
    write_text(path, lines, "utf-8", d.meta.get("newline", "lf"))
    return path


def w_docx(d):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = d.meta.get("font", "Calibri")
    st.font.size = Pt(11)
    for i, h in enumerate(d.header):
        p = doc.add_paragraph()
        r = p.add_run(strip_ann(h))
        if i == 0 and d.meta.get("header_bold") == "yes":
            r.bold = True
    if d.header:
        doc.add_paragraph()
    bold = d.meta.get("bold") == "yes"
    for k, text, _ in d.turns:
        lab = d.ilabel if k == "I" else d.rlabel
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + strip_ann(text))
        else:
            p.add_run("%s: %s" % (lab, strip_ann(text)))
    doc.core_properties.author = d.meta.get("author", "")
    doc.core_properties.title = ""
    path = os.path.join(OUT, d.id + ".docx")
    doc.save(path)
    return path


WRITERS = {"txt-labels": w_txt_labels, "txt-ts": w_txt_ts, "vtt": w_vtt, "srt": w_srt, "docx": w_docx}


# ---------------------------------------------------------------- consistency warnings
def unannotated_mentions(d):
    """Identifier strings that also occur outside an annotation (probably forgotten)."""
    texts = d.header + [t for _, t, _ in d.turns]
    masked = "\n".join(ANN.sub(lambda m: " " * len(m.group(1)), t) for t in texts)
    warn = []
    for s in sorted({i for i, _ in d.ids}):
        if s in (d.ilabel, d.rlabel):
            continue
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", masked):
            warn.append(s)
    return warn


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    docs = [parse(os.path.join(HERE, f)) for f in sorted(os.listdir(HERE)) if re.match(r"ms\d\d\.txt$", f)]
    styles, orient, idents = [], [], []
    for d in docs:
        path = WRITERS[d.fmt](d)
        styles.append((d.id, d.meta["style"], d.meta["rationale"]))
        for n, (k, _, o) in enumerate(d.turns, 1):
            if k == "R" and o in ("casus", "netwerk"):
                orient.append((d.id, n, o))
        seen = {}
        for s, t in d.ids:
            if s in seen and seen[s] != t:
                sys.exit("%s: identifier %r has two types (%s, %s)" % (d.id, s, seen[s], t))
            if s not in seen:
                seen[s] = t
                idents.append((d.id, s, t))
        w = unannotated_mentions(d)
        words = sum(len(strip_ann(t).split()) for _, t, _ in d.turns)
        nres = sum(1 for k, _, _ in d.turns if k == "R")
        print("%s  %-6s %-14s words=%d  resp_turns=%d  ids=%d  orient(c/n/-)=%d/%d/%d  -> %s%s" % (
            d.id, d.fmt, d.meta["style"], words, nres, len(seen),
            sum(1 for _, _, o in d.turns if o == "casus"), sum(1 for _, _, o in d.turns if o == "netwerk"),
            sum(1 for _, _, o in d.turns if o == "-"), os.path.basename(path),
            ("  WARN unannotated: %s" % w) if w else ""))
    with open(os.path.join(BASE, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "style", "rationale"])
        wr.writerows(styles)
    with open(os.path.join(BASE, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "turn_index", "orientation"])
        wr.writerows(sorted(orient))
    with open(os.path.join(BASE, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "identifier", "type"])
        wr.writerows(idents)


if __name__ == "__main__":
    main()
