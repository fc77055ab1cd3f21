#!/usr/bin/env python3
"""Build the setKV transcripts and label files from the annotated sources in src/.

Source format (src/kvNN.txt), paragraphs separated by blank lines:
  #format: docx-bold | docx-plain | txt-cp1252 | txt-timestamps | vtt | srt
  #labels: <interviewer label> | <respondent label>   (labels may carry [[..|PERSOON]])
  H: header line            (metadata, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus} | {netwerk} | {-}
Identifiers are inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import random
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.dirname(HERE)
OUT = os.path.join(BASE, "transcripts")
DOCS = ["kv01", "kv02", "kv03", "kv04", "kv05", "kv06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252": "txt",
       "txt-timestamps": "txt", "vtt": "vtt", "srt": "srt"}

STYLES = {
    "kv01": ("netwerkgericht",
             "The 18-/18+ regisseur tells a warm story about one boy but deliberately hands all daily "
             "contact to a jongerencoach and spends her effort and trust on werkafspraken, privacy "
             "forms and tables between Jarabee, Wmo, corporatie and Veiligheidshuis."),
    "kv02": ("casusgericht",
             "The former group-home worker names many partners and sits in the Veiligheidshuis "
             "casusoverleg, but uses every partner as a means for Rayan's own plan, builds trust "
             "person by person and declines the regional 18-/18+ werkgroep."),
    "kv03": ("onbepaald",
             "Genuinely mixed: the gemeentelijk casusregisseur invests about equally in her own "
             "cases (Nina) and in the escalatietafel and corporatie agreements she built, and "
             "says it is half-half only when asked directly."),
    "kv04": ("casusgericht",
             "The terse jongerencoach arranges everything piece by piece for Jesse through a few "
             "personal contacts and leaves structural issues to his teamleider, refusing overleggen."),
    "kv05": ("casusgericht",
             "The woonbegeleider complains at length about how Jarabee and the gemeente should "
             "arrange things, but invests only in Kim's plan and declines to take part in the "
             "organisational overleg, leaving that to her manager."),
    "kv06": ("netwerkgericht",
             "The ex-police senior adviseur tells detailed, warm stories about Luuk but refuses "
             "casework, handing it to a casusregisseur, and invests in covenants, escalation, "
             "the stuurgroep and structural agreements with ROC and a football club."),
}


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta, headers, turns = {}, [], []
    for block in re.split(r"\n\s*\n", raw.strip()):
        lines = [l.strip() for l in block.strip().splitlines() if l.strip()]
        rest = []
        for l in lines:
            if l.startswith("#"):
                k, v = l[1:].split(":", 1)
                meta[k.strip()] = v.strip()
            else:
                rest.append(l)
        if not rest:
            continue
        para = " ".join(rest)
        kind, text = para[:2], para[2:].strip()
        if kind == "H:":
            headers.append(text)
        elif kind == "I:":
            turns.append(("I", text, None))
        elif kind == "R:":
            m = TAG.search(text)
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without tag: {text[:60]}")
            turns.append(("R", text[:m.start()].rstrip(), m.group(1)))
        else:
            sys.exit(f"{doc_id}: bad paragraph {para[:60]}")
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    labels = [x.strip() for x in meta["labels"].split(" | ")]
    return meta["format"], labels, headers, turns


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def spans(s):
    """plain text plus the (start, end) ranges of annotated identifiers in it"""
    out, rng, pos = [], [], 0
    n = 0
    for m in ANN.finditer(s):
        out.append(s[pos:m.start()])
        n += len(s[pos:m.start()])
        rng.append((n, n + len(m.group(1))))
        out.append(m.group(1))
        n += len(m.group(1))
        pos = m.end()
    out.append(s[pos:])
    return "".join(out), rng


def identifiers(doc_id, labels, headers, turns):
    found = {}
    order = []
    for s in headers + labels + [t[1] for t in turns]:
        for m in ANN.finditer(s):
            txt, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{doc_id}: unknown type {typ}")
            if txt in found and found[txt] != typ:
                sys.exit(f"{doc_id}: {txt} has two types")
            if txt not in found:
                found[txt] = typ
                order.append(txt)
    return [(t, found[t]) for t in order]


def coverage_warnings(doc_id, labels, headers, turns, ids):
    """warn about identifier strings (or first names of PERSOON ids) left unannotated"""
    probes = set(t for t, _ in ids)
    for t, typ in ids:
        if typ == "PERSOON" and " " in t:
            for part in t.split():
                if len(part) > 3 and part[0].isupper() and not part.endswith("."):
                    probes.add(part)
    for s in headers + [t[1] for t in turns]:
        txt, rng = spans(s)
        for p in probes:
            for m in re.finditer(r"(?<!\w)" + re.escape(p) + r"(?!\w)", txt):
                if not any(a <= m.start() and m.end() <= b for a, b in rng):
                    print(f"  warning {doc_id}: unannotated '{p}' in: ...{txt[max(0, m.start() - 30):m.end() + 30]}...")


# ---------------------------------------------------------------- timing / cues
def tokens(annotated):
    protected = ANN.sub(lambda m: "[[" + m.group(1).replace(" ", "\u00a0") + "|" + m.group(2) + "]]", annotated)
    return [plain(tok).replace("\u00a0", " ") for tok in protected.split(" ") if tok]


def chunks(toks, maxw=14, minsent=7):
    out, cur = [], []
    for tok in toks:
        cur.append(tok)
        nwords = sum(len(t.split()) for t in cur)
        if nwords >= maxw or (nwords >= minsent and re.search(r"[.?!]\)?$", tok)):
            out.append(cur)
            cur = []
    if cur:
        if out and sum(len(t.split()) for t in cur) < 3:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return out


def wrap(toks, width=42):
    line = " ".join(toks)
    if len(line) <= width or len(toks) < 2:
        return [line]
    best, bestd = 1, 10 ** 6
    for k in range(1, len(toks)):
        if toks[k].endswith(":"):
            continue  # never start a wrapped line with something that looks like a speaker label
        d = abs(len(" ".join(toks[:k])) - len(" ".join(toks[k:])))
        if re.search(r"[.,?!]\)?$", toks[k - 1]):
            d -= 8  # a natural break after punctuation is preferred
        if d < bestd:
            best, bestd = k, d
    return [" ".join(toks[:best]), " ".join(toks[best:])]


def dur(words, text):
    d = words / 2.6 + 0.4
    d += 2.5 * text.count("(stilte)") + 1.0 * text.count("(lacht)")
    return d


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, seed):
    rnd = random.Random(seed)
    t = 2.0 + rnd.random() * 3
    cues = []
    for who, text, _ in turns:
        label = plain(labels[0] if who == "I" else labels[1])
        for ch in chunks(tokens(text)):
            ctext = " ".join(ch)
            d = dur(len(ctext.split()), ctext)
            cues.append((t, t + d, label, ch))
            t += d + rnd.uniform(0.05, 0.35)
        t += rnd.uniform(0.4, 1.6)
    return cues


# ---------------------------------------------------------------- writers
def write_docx(path, labels, headers, turns, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in headers:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if bold:
            r.italic = True
    if headers:
        d.add_paragraph()
    for who, text, _ in turns:
        label = plain(labels[0] if who == "I" else labels[1])
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        r.bold = bold
        p.add_run(" " + plain(text))
    d.save(path)


def write_txt_cp1252(path, labels, headers, turns):
    lines = [plain(h) for h in headers] + [""]
    for who, text, _ in turns:
        lines.append(f"{plain(labels[0] if who == 'I' else labels[1])}: {plain(text)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    with open(path, "wb") as f:
        f.write(data)


def write_txt_timestamps(path, labels, headers, turns, seed):
    rnd = random.Random(seed)
    t = 3.0
    lines = [plain(h) for h in headers] + [""]
    for who, text, _ in turns:
        label = plain(labels[0] if who == "I" else labels[1])
        p = plain(text)
        lines.append(f"[{ts(t, ',')[:8]}] {label}: {p}")
        lines.append("")
        t += dur(len(p.split()), p) + rnd.uniform(0.6, 2.5)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_vtt(path, labels, headers, turns, seed):
    out = ["WEBVTT", ""]
    if headers:
        out.append("NOTE")
        out += [plain(h) for h in headers]
        out.append("")
    for a, b, label, ch in timed_cues(turns, labels, seed):
        lines = wrap(ch)
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {label}>" + lines[0])
        out += lines[1:]
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(path, labels, headers, turns, seed):
    out = []
    for n, (a, b, label, ch) in enumerate(timed_cues(turns, labels, seed), 1):
        lines = wrap([label + ":"] + ch)
        out.append(str(n))
        out.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        out += lines
        out.append("")
    with open(path, "wb") as f:
        f.write(("\r\n".join(out) + "\r\n").encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ori_rows, id_rows, stats = [], [], []
    for k, doc_id in enumerate(DOCS):
        fmt, labels, headers, turns = parse(doc_id)
        ids = identifiers(doc_id, labels, headers, turns)
        coverage_warnings(doc_id, labels, headers, turns, ids)
        path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
        seed = 1000 + k
        if fmt == "docx-bold":
            write_docx(path, labels, headers, turns, True)
        elif fmt == "docx-plain":
            write_docx(path, labels, headers, turns, False)
        elif fmt == "txt-cp1252":
            write_txt_cp1252(path, labels, headers, turns)
        elif fmt == "txt-timestamps":
            write_txt_timestamps(path, labels, headers, turns, seed)
        elif fmt == "vtt":
            write_vtt(path, labels, headers, turns, seed)
        elif fmt == "srt":
            if headers:
                sys.exit("srt has no header")
            write_srt(path, labels, headers, turns, seed)
        for i, (who, _, tag) in enumerate(turns, 1):
            if who == "R" and tag in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, tag))
        for t, typ in ids:
            id_rows.append((doc_id, t, typ))
        words = sum(len(plain(t[1]).split()) for t in turns)
        nr = sum(1 for t in turns if t[0] == "R")
        tags = [t[2] for t in turns if t[0] == "R"]
        stats.append((doc_id, fmt, words, nr, len(ids), tags.count("casus"), tags.count("netwerk")))
    with open(os.path.join(BASE, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in DOCS:
            w.writerow([d, STYLES[d][0], STYLES[d][1]])
    with open(os.path.join(BASE, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(ori_rows):
            w.writerow(r)
    with open(os.path.join(BASE, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    print("doc   format          words  R-turns  ids  casus netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<15} {s[2]:>5}  {s[3]:>7}  {s[4]:>3}  {s[5]:>5} {s[6]:>7}")


if __name__ == "__main__":
    main()
