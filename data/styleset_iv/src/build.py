"""Build the transcripts and the three label files of set IV from the annotated sources.

Source format (src/ivNN.txt):
  # format: <docx_bold|docx_plain|txt_spreker_cp1252|vtt|srt_crlf|txt_ir_utf8>
  # I-label: <label used for the interviewer, may contain [[..|PERSOON]]>
  # R-label: <label used for the respondent>
  # I-key / R-key: optional speaker-key text (txt_spreker format)
  paragraphs separated by a blank line, each starting with H: (header), I: or R:;
  identifiers inline as [[text|TYPE]]; respondent paragraphs end with {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py   (python-docx needed for the .docx files)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

DOCS = ["iv01", "iv02", "iv03", "iv04", "iv05", "iv06"]
STYLES = {
    "iv01": ("netwerkgericht",
             "Tells warm stories about a mother and an elderly man but leaves all client contact to the wijkteam and thuiszorg and puts her own effort in release signals, partner agreements, escalation and meetings between organisations."),
    "iv02": ("casusgericht",
             "Names many partners and meetings, but every one is used as a means for the plan of one young mother and her ex-partner, whose trust he builds himself, while he declines the regional working group."),
    "iv03": ("onbepaald",
             "Genuinely mixed: she spends half her effort as trusted regisseur of one family and half on the regional escalation table and handover agreements, and keeps both deliberately."),
    "iv04": ("casusgericht",
             "Angry about organisations and systems, but every fix is a personal call on behalf of his own client whose trust he carries, and he refuses structural work and working groups."),
    "iv05": ("netwerkgericht",
             "Describes one case in great detail but uses it to build a standing agreement between corporatie, police and Veilig Thuis, monitors repeat patterns and leaves client contact to the wijkteam."),
    "iv06": ("onbepaald",
             "Too little evidence: guarded and procedural, answers in generalities about protocols and 'we' and never shows where his own effort or trust goes."),
}

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    meta, header, turns, idents = {}, [], [], []

    def collect(s):
        for m in ANN.finditer(s):
            t, ty = m.group(1), m.group(2)
            if ty not in TYPES:
                raise SystemExit("%s: bad type %s" % (doc, ty))
            idents.append((t, ty))

    for line in text.splitlines():
        if line.startswith("# ") and ":" in line:
            k, v = line[2:].split(":", 1)
            meta[k.strip()] = v.strip()
    body = "\n".join(l for l in text.splitlines() if not l.startswith("# "))
    for k in ("I-label", "R-label", "I-key", "R-key"):
        if k in meta:
            collect(meta[k])
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(para.split())
        if not para:
            continue
        tag, rest = para[:2], para[2:].strip()
        if tag == "H:":
            collect(rest)
            header.append(rest)
        elif tag in ("I:", "R:"):
            orient = None
            if tag == "R:":
                m = re.search(r"\{(casus|netwerk|-)\}\s*$", rest)
                if not m:
                    raise SystemExit("%s: respondent paragraph without tag: %s" % (doc, rest[:60]))
                orient = m.group(1)
                rest = rest[:m.start()].rstrip()
            collect(rest)
            turns.append((tag[0], rest, orient))
        else:
            raise SystemExit("%s: bad paragraph %r" % (doc, para[:40]))
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            raise SystemExit("%s: turns do not alternate at %d" % (doc, i + 1))
    return meta, header, turns, idents


# ---------- cue splitting and timing ----------

def _split_outside(annotated, pattern):
    """Split annotated text with a regex, never inside [[..]]; return annotated pieces."""
    keep = []

    def hide(m):
        keep.append(m.group(0))
        return "\x00%d\x00" % (len(keep) - 1)

    hidden = ANN.sub(hide, annotated)
    parts = re.split(pattern, hidden)
    return [re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], p) for p in parts if p.strip()]


def sentences(annotated):
    return _split_outside(annotated, r"(?<=[.!?…])\s+(?=[A-Z(\"'ÉÈ\x00])")


def cues_for(annotated, max_words=16):
    pieces = []
    for s in sentences(annotated):
        if len(plain(s).split()) > max_words + 4:
            chunk = []
            for c in _split_outside(s, r"(?<=,)\s+"):
                if chunk and len(plain(" ".join(chunk)).split()) + len(plain(c).split()) > max_words:
                    pieces.append(" ".join(chunk))
                    chunk = []
                chunk.append(c)
            if chunk:
                pieces.append(" ".join(chunk))
        else:
            pieces.append(s)
    cues, cur = [], []
    for s in pieces:
        n = len(plain(s).split())
        if cur and len(plain(" ".join(cur)).split()) + n > max_words:
            cues.append(plain(" ".join(cur)))
            cur = []
        cur.append(s)
    if cur:
        cues.append(plain(" ".join(cur)))
    return cues


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def dur(text):
    return max(1.2, len(text.split()) / 2.5)


# ---------- writers ----------

def write_docx(doc, meta, header, turns, bold):
    import docx
    d = docx.Document()
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        d.add_paragraph("")
    il, rl = plain(meta["I-label"]), plain(meta["R-label"])
    for sp, text, _ in turns:
        label = il if sp == "I" else rl
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(label + ": " + plain(text))
    d.save(os.path.join(OUT, doc + ".docx"))


def write_txt_spreker(doc, meta, header, turns):
    lines = [plain(h) for h in header]
    lines.append("")
    lines.append(plain(meta["I-key"]))
    lines.append(plain(meta["R-key"]))
    lines.append("")
    t = 3.0
    for sp, text, _ in turns:
        label = "Spreker 1" if sp == "I" else "Spreker 2"
        lines.append("[%s] %s: %s" % (ts(t)[:8], label, plain(text)))
        lines.append("")
        t += dur(plain(text)) + 1.5
    data = "\r\n".join(lines).rstrip("\r\n") + "\r\n"
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode("cp1252"))


def write_vtt(doc, meta, header, turns):
    il, rl = plain(meta["I-label"]), plain(meta["R-label"])
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = 1.0
    for sp, text, _ in turns:
        name = il if sp == "I" else rl
        for c in cues_for(text):
            d = dur(c)
            out.append("%s --> %s" % (ts(t), ts(t + d)))
            out.append("<v %s>%s" % (name, c))
            out.append("")
            t += d + 0.2
        t += 0.8
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, meta, header, turns):
    il, rl = plain(meta["I-label"]), plain(meta["R-label"])
    out = []
    n = 1
    t = 0.5
    for sp, text, _ in turns:
        name = il if sp == "I" else rl
        for c in cues_for(text, max_words=14):
            d = dur(c)
            out += [str(n), "%s --> %s" % (ts(t, ","), ts(t + d, ",")), "%s: %s" % (name, c), ""]
            n += 1
            t += d + 0.25
        t += 0.7
    with open(os.path.join(OUT, doc + ".srt"), "wb") as f:
        f.write(("\r\n".join(out)).encode("utf-8"))


def write_txt_ir(doc, meta, header, turns):
    lines = [plain(h) for h in header] + [""]
    for sp, text, _ in turns:
        lines.append("%s: %s" % (sp, plain(text)))
        lines.append("")
    with open(os.path.join(OUT, doc + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, ident_rows, stats = [], [], []
    for doc in DOCS:
        meta, header, turns, idents = parse(doc)
        fmt = meta["format"]
        if fmt == "docx_bold":
            write_docx(doc, meta, header, turns, True)
        elif fmt == "docx_plain":
            write_docx(doc, meta, header, turns, False)
        elif fmt == "txt_spreker_cp1252":
            write_txt_spreker(doc, meta, header, turns)
        elif fmt == "vtt":
            write_vtt(doc, meta, header, turns)
        elif fmt == "srt_crlf":
            write_srt(doc, meta, header, turns)
        elif fmt == "txt_ir_utf8":
            write_txt_ir(doc, meta, header, turns)
        else:
            raise SystemExit("unknown format " + fmt)
        for i, (sp, _, o) in enumerate(turns, 1):
            if sp == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        seen = {}
        for t, ty in idents:
            if t in seen:
                if seen[t] != ty:
                    raise SystemExit("%s: %r has two types" % (doc, t))
                continue
            seen[t] = ty
            ident_rows.append((doc, t, ty))
        words = sum(len(plain(x).split()) for _, x, _ in turns)
        rwords = sum(len(plain(x).split()) for s, x, _ in turns if s == "R")
        nr = sum(1 for s, _, _ in turns if s == "R")
        oc = {k: sum(1 for s, _, o in turns if s == "R" and o == k) for k in ("casus", "netwerk", "-")}
        stats.append((doc, fmt, words, rwords, nr, oc, len(seen)))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in ident_rows:
            w.writerow(r)
    for s in stats:
        print("%s %-20s words=%d resp_words=%d resp_turns=%d orient=%s idents=%d" % s)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        DOCS = sys.argv[1:]
    main()
