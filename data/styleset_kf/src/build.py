"""Build the setKF transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/kfNN.txt):
  #key: value          directives (format, encoding, newline, label_I, label_R, start)
  H: / I: / R: ...     one paragraph per header line / turn, separated by blank lines
  [[text|TYPE]]        inline identifier
  {casus} {netwerk} {-} at the end of every R: paragraph
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
DOCS = ["kf01", "kf02", "kf03", "kf04", "kf05", "kf06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

STYLES = {
    "kf01": ("casusgericht", "Invests her own effort in the relationship with one man (his fear for his dog, home visits, being there on the crisis night) and uses every partner as a means for his plan, declining the regional working group."),
    "kf02": ("netwerkgericht", "Despite warm stories about a client he deliberately hands the daily contact to the wijkteam and puts his effort into agreements with the corporation, police and crisis service, a monthly pattern meeting and a regional A4."),
    "kf03": ("casusgericht", "Terse social worker whose effort goes into daily contact with one young woman and one-to-one calls to partners for her plan; he skips the wijkoverleg and says structural work is not his thing."),
    "kf04": ("netwerkgericht", "Tells a detailed story about a client but leaves him to the wijkteam worker and invests in a managers' doorbraaktafel, a signed afsprakenkaart, a budget and trust with the GGZ manager."),
    "kf05": ("casusgericht", "Angry about overleggen, privacy rules and waiting lists, yet refuses the regional table and solves everything per client through personal contacts and the boxing school."),
    "kf06": ("onbepaald", "Too little evidence: a guarded respondent who only describes procedure, criteria and generalities and never shows where her own effort or trust goes."),
}


def parse_src(path):
    directives, paras, cur = {}, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                directives[k.strip()] = v.strip()
                continue
            if not line.strip():
                if cur:
                    paras.append(" ".join(cur))
                    cur = []
                continue
            cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    header, turns = [], []
    for p in paras:
        kind, text = p[:2], p[2:].strip()
        if kind == "H:":
            header.append(text)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = ORIENT.search(text)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without orientation: {text[:60]}")
                orient, text = m.group(1), text[: m.start()].rstrip()
            elif ORIENT.search(text):
                sys.exit(f"{path}: orientation on interviewer turn: {text[:60]}")
            turns.append((kind[0], text, orient))
        else:
            sys.exit(f"{path}: bad paragraph start: {p[:60]}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path}: turns do not alternate at turn {i + 1}")
    return directives, header, turns


def plain(text):
    return TAG.sub(lambda m: m.group(1), text)


def ids_of(text):
    return [(m.group(1), m.group(2)) for m in TAG.finditer(text)]


def words(text):
    return len(plain(text).split())


def chunks(text, max_words=24):
    """Split annotated text into cue-sized pieces at sentence ends, never inside an identifier."""
    holders = []

    def hold(m):
        holders.append(m.group(1))
        return f"\x00{len(holders) - 1}\x00"

    t = TAG.sub(hold, text)
    sents = re.split(r"(?<=[.!?])\s+", t)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(turns, start, split=True):
    """Yield (speaker, turn_no, cue_text, start, end)."""
    t = float(start)
    for n, (sp, text, _) in enumerate(turns, 1):
        pieces = chunks(text) if split else [plain(text)]
        for i, piece in enumerate(pieces):
            dur = max(1.6, len(piece.split()) / 2.5)
            yield sp, n, piece, t, t + dur, i == 0
            t += dur + 0.4
        t += 0.9


def write_text(path, lines, encoding, newline):
    nl = "\r\n" if newline == "crlf" else "\n"
    with open(path, "wb") as f:
        f.write((nl.join(lines) + nl).encode(encoding))


def build_doc(doc, d, header, turns):
    fmt = d["format"]
    li, lr = plain(d["label_I"]), plain(d["label_R"])
    label = {"I": li, "R": lr}
    enc = d.get("encoding", "utf-8")
    newline = d.get("newline", "lf")
    start = float(d.get("start", 0))
    if fmt in ("docx_bold", "docx_plain"):
        ext = "docx"
        document = docx.Document()
        style = document.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(11)
        for j, h in enumerate(header):
            p = document.add_paragraph()
            r = p.add_run(plain(h))
            if fmt == "docx_bold" and j == 0:
                r.bold = True
            if fmt == "docx_plain":
                r.italic = True
        if header:
            document.add_paragraph()
        for sp, text, _ in turns:
            p = document.add_paragraph()
            if fmt == "docx_bold":
                p.add_run(label[sp] + ":").bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{label[sp]}: {plain(text)}")
        path = os.path.join(OUT, f"{doc}.docx")
        document.save(path)
    elif fmt == "txt_ir":
        ext = "txt"
        lines = [plain(h) for h in header] + [""]
        for sp, text, _ in turns:
            lines += [f"{label[sp]}: {plain(text)}", ""]
        write_text(os.path.join(OUT, f"{doc}.txt"), lines[:-1], enc, newline)
    elif fmt == "txt_ts":
        ext = "txt"
        lines = [plain(h) for h in header] + [""]
        for sp, n, piece, a, b, first in timed(turns, start, split=False):
            lines += [f"[{ts(a, ',')[:8]}] {label[sp]}: {piece}", ""]
        write_text(os.path.join(OUT, f"{doc}.txt"), lines[:-1], enc, newline)
    elif fmt == "vtt":
        ext = "vtt"
        lines = ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + [plain(h) for h in header] + [""]
        for sp, n, piece, a, b, first in timed(turns, start):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label[sp]}>{piece}</v>", ""]
        write_text(os.path.join(OUT, f"{doc}.vtt"), lines[:-1], enc, newline)
    elif fmt == "srt":
        ext = "srt"
        lines, k = [], 0
        for sp, n, piece, a, b, first in timed(turns, start):
            k += 1
            lines += [str(k), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label[sp]}: {piece}", ""]
        write_text(os.path.join(OUT, f"{doc}.srt"), lines[:-1], enc, newline)
    else:
        sys.exit(f"{doc}: unknown format {fmt}")
    return ext


def untagged_warnings(doc, header, turns, labels, idset):
    rest = " ".join([TAG.sub(" ", x) for x in header + [t for _, t, _ in turns] + labels])
    for s in sorted(idset):
        pat = r"(?<![\w@.-])" + re.escape(s) + r"(?![\w@])"
        if s == "Utrecht":
            pat = r"(?<!Regio )" + pat
        if re.search(pat, rest):
            print(f"WARNING {doc}: untagged occurrence of identifier {s!r}")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, id_rows, stats = [], [], []
    for doc in DOCS:
        d, header, turns = parse_src(os.path.join(HERE, f"{doc}.txt"))
        ext = build_doc(doc, d, header, turns)
        seen = {}
        for text in [d["label_I"], d["label_R"]] + header + [t for _, t, _ in turns]:
            for s, typ in ids_of(text):
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc}: {s!r} typed both {seen[s]} and {typ}")
                if s not in seen:
                    seen[s] = typ
                    id_rows.append((doc, s, typ))
        untagged_warnings(doc, header, turns, [d["label_I"], d["label_R"]], set(seen))
        for n, (sp, _, o) in enumerate(turns, 1):
            if sp == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, n, o))
        w = sum(words(t) for _, t, _ in turns)
        nr = sum(1 for sp, _, _ in turns if sp == "R")
        stats.append((doc, d["format"], ext, w, nr, len(seen),
                      sum(1 for r in orient_rows if r[0] == doc and r[2] == "casus"),
                      sum(1 for r in orient_rows if r[0] == doc and r[2] == "netwerk")))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   format      ext   words  R-turns  ids  casus  netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<10}  {s[2]:<4}  {s[3]:>5}  {s[4]:>7}  {s[5]:>3}  {s[6]:>5}  {s[7]:>7}")


if __name__ == "__main__":
    main()
