"""Build the set's transcripts and csv files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/mtNN.txt):
  #key: value          metadata (format, encoding, ilabel, rlabel)
  H: / I: / R: ...     one paragraph per header line / turn, blank line between
  [[text|TYPE]]        an identifier, inline
  {casus} {netwerk} {-} at the end of every R: paragraph
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
DOCS = ["mt01", "mt02", "mt03", "mt04", "mt05", "mt06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_spreker": "txt",
       "txt_ir": "txt", "vtt": "vtt", "srt": "srt"}

STYLES = {
    "mt01": ("casusgericht", "Invests her own time and trust in one boy and his mother; every partner she names is given a task in his plan, and she turns down the school-signals working group."),
    "mt02": ("netwerkgericht", "Tells a warm story about a boy but hands the daily contact to the gezinsmanager and spends his effort on transfer agreements between schools, a Raad spreekuur, a JBRA contact person and an escalation route."),
    "mt03": ("casusgericht", "Works at the kitchen table and builds the mother's and the boy's trust; she joins meetings only when her family is discussed and leaves the structural tables to her team leader."),
    "mt04": ("onbepaald", "Too little evidence: guarded and procedural, answers in generalities about the working method and never shows where his own effort or trust goes."),
    "mt05": ("netwerkgericht", "Deliberately stays out of families, treats a case as a pattern, and invests in a signaaltafel, privacy agreements, fixed contact persons at JBRA and the Raad, and trust between organisations."),
    "mt06": ("casusgericht", "Angry about the system but puts all his effort into one boy's plan (job, school, taakstraf), uses partners only for that plan and refuses the convenant working group."),
}


def parse(doc_id):
    meta, paras = {}, []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        text = f.read()
    for block in re.split(r"\n\s*\n", text):
        for line in block.strip().split("\n"):
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
        lines = [l for l in block.strip().split("\n") if l and not l.startswith("#")]
        if not lines:
            continue
        # H: lines may be consecutive (one per line); turns are one paragraph each
        if all(l.startswith("H: ") for l in lines):
            for l in lines:
                paras.append(("H", l[3:].strip(), None))
            continue
        body = " ".join(l.strip() for l in lines)
        kind, rest = body[0], body[3:].strip()
        if body[1:3] != ": " or kind not in "IR":
            sys.exit(f"{doc_id}: bad paragraph: {body[:60]}")
        orient = None
        if kind == "R":
            m = ORIENT.search(rest)
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without orientation: {rest[:60]}")
            orient, rest = m.group(1), rest[:m.start()].rstrip()
        elif ORIENT.search(rest):
            sys.exit(f"{doc_id}: interviewer paragraph with orientation tag")
        paras.append((kind, rest, orient))
    return meta, paras


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def ids_of(s):
    out = []
    for m in TAG.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


# ---------- timing and cue splitting ----------
def fmt_ts(sec, sep):
    h, rem = divmod(int(round(sec * 1000)), 3600000)
    m, rem = divmod(rem, 60000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def split_cues(tagged, max_words=24):
    """Split a tagged turn into cue texts at sentence ends, never inside an identifier."""
    protected = []

    def keep(m):
        protected.append(m.group(1))
        return f"\x00{len(protected) - 1}\x00"

    t = TAG.sub(keep, tagged)
    sents = re.split(r"(?<=[.!?…])\s+(?=[A-Z\"“(\x00])", t)
    cues, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
        if len(" ".join(cur).split()) > max_words * 1.4:
            cues.append(" ".join(cur))
            cur = []
    if cur:
        cues.append(" ".join(cur))
    restore = lambda c: re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], c)
    return [restore(c) for c in cues]


# ---------- writers ----------
def write_docx(path, header, turns, ilabel, rlabel, bold):
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
        else:
            r.italic = True
    if header:
        d.add_paragraph()
    for kind, text in turns:
        label = ilabel if kind == "I" else rlabel
        p = d.add_paragraph()
        if bold:
            p.add_run(label + ":").bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label}: {text}")
    d.save(path)


def write_text(path, content, encoding, crlf):
    data = content.replace("\n", "\r\n") if crlf else content
    with open(path, "wb") as f:
        f.write(data.encode(encoding))  # strict: fails on unencodable characters


def timeline(turns, start=4.0):
    """Yield (kind, text, start, end) with a speaking rate per speaker."""
    t = start
    for kind, text in turns:
        wps = 2.4 if kind == "I" else 3.0  # respondents in this set talk fast
        dur = max(1.2, len(plain(text).split()) / wps)
        yield kind, text, t, t + dur
        t += dur + 0.6


def build(doc_id):
    meta, paras = parse(doc_id)
    fmt = meta["format"]
    ilabel_t, rlabel_t = meta["ilabel"], meta["rlabel"]
    ilabel, rlabel = plain(ilabel_t), plain(rlabel_t)
    header_t = [t for k, t, _ in paras if k == "H"]
    turns_t = [(k, t) for k, t, _ in paras if k in "IR"]
    orients = [o for k, _, o in paras if k == "R"]

    # alternation, interviewer first
    for i, (k, _) in enumerate(turns_t):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turn {i + 1} breaks alternation")

    # identifiers: labels, header, turns (srt has no header)
    ids = []
    ids += ids_of(ilabel_t) + ids_of(rlabel_t)
    if fmt != "srt":
        for h in header_t:
            ids += ids_of(h)
    elif header_t:
        sys.exit(f"{doc_id}: srt cannot carry a header")
    for _, t in turns_t:
        ids += ids_of(t)

    header = [plain(h) for h in header_t]
    turns = [(k, plain(t)) for k, t in turns_t]
    ext = EXT[fmt]
    path = os.path.join(OUT, f"{doc_id}.{ext}")
    for old in os.listdir(OUT):
        if old.startswith(doc_id + "."):
            os.remove(os.path.join(OUT, old))

    if fmt in ("docx_bold", "docx_plain"):
        write_docx(path, header, turns, ilabel, rlabel, fmt == "docx_bold")
        fulltext = "\n".join(header + [f"{ilabel if k == 'I' else rlabel}: {t}" for k, t in turns])
    elif fmt == "txt_spreker":
        lines = header + [""]
        for kind, text, st, _ in timeline(turns_t):
            lab = ilabel if kind == "I" else rlabel
            lines.append(f"[{fmt_ts(st, ',')[:8]}] {lab}: {plain(text)}")
            lines.append("")
        fulltext = "\n".join(lines)
        write_text(path, fulltext, meta.get("encoding", "utf-8"), crlf=True)
    elif fmt == "txt_ir":
        lines = header + [""]
        for kind, text in turns:
            lines.append(f"{ilabel if kind == 'I' else rlabel}: {text}")
            lines.append("")
        fulltext = "\n".join(lines)
        write_text(path, fulltext, meta.get("encoding", "utf-8"), crlf=False)
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out += ["NOTE"] + header + [""]
        for kind, text, st, en in timeline(turns_t):
            lab = ilabel if kind == "I" else rlabel
            cues = split_cues(text)
            total = sum(len(plain(c).split()) for c in cues)
            t = st
            for c in cues:
                d = (en - st) * len(plain(c).split()) / total
                out += [f"{fmt_ts(t, '.')} --> {fmt_ts(t + d, '.')}", f"<v {lab}>{plain(c)}</v>", ""]
                t += d
        fulltext = "\n".join(out)
        write_text(path, fulltext, "utf-8", crlf=False)
    elif fmt == "srt":
        out, n = [], 0
        for kind, text, st, en in timeline(turns_t):
            lab = ilabel if kind == "I" else rlabel
            cues = split_cues(text, max_words=18)
            total = sum(len(plain(c).split()) for c in cues)
            t = st
            for c in cues:
                n += 1
                d = (en - st) * len(plain(c).split()) / total
                out += [str(n), f"{fmt_ts(t, ',')} --> {fmt_ts(t + d, ',')}", f"{lab}: {plain(c)}", ""]
                t += d
        fulltext = "\n".join(out)
        write_text(path, fulltext, "utf-8", crlf=True)
    else:
        sys.exit(f"{doc_id}: unknown format {fmt}")

    # identifier rows (distinct strings), with consistency warnings
    rows, seen = [], {}
    for s, ty in ids:
        if s in seen and seen[s] != ty:
            sys.exit(f"{doc_id}: '{s}' tagged as {seen[s]} and {ty}")
        if s not in seen:
            seen[s] = ty
            rows.append((doc_id, s, ty))
        if s not in fulltext:
            sys.exit(f"{doc_id}: identifier '{s}' not in built text")
    # warn about untagged occurrences (word-bounded) of a tagged string
    tagged_plain = {}
    src_all = "\n".join([ilabel_t, rlabel_t] + (header_t if fmt != "srt" else []) + [t for _, t in turns_t])
    masked = TAG.sub(lambda m: "\x01" * len(m.group(1)), src_all)
    for s in seen:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", masked):
            print(f"  WARN {doc_id}: untagged occurrence of '{s}': ...{masked[max(0, m.start() - 30):m.end() + 30]!r}")

    orient_rows = []
    for j, o in enumerate(orients):
        if o in ("casus", "netwerk"):
            orient_rows.append((doc_id, 2 * (j + 1), o))
    words = sum(len(t.split()) for _, t in turns)
    nresp = len(orients)
    return rows, orient_rows, words, nresp, ext


def main():
    os.makedirs(OUT, exist_ok=True)
    all_ids, all_or = [], []
    for d in DOCS:
        rows, orows, words, nresp, ext = build(d)
        all_ids += rows
        all_or += orows
        print(f"{d}.{ext}: {words} words, {nresp} respondent turns, {len(rows)} identifiers, "
              f"{len(orows)} oriented turns")
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in DOCS:
            w.writerow([d, STYLES[d][0], STYLES[d][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(all_or, key=lambda r: (r[0], r[1])):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in all_ids:
            w.writerow(r)


if __name__ == "__main__":
    main()
