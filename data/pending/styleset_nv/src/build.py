"""Build the setnv transcripts and csv files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)

Source format (src/nvNN.txt), one paragraph per line:
  # comment
  @key: value          metadata (format, ilabel, rlabel, bold, style, rationale)
  H: header line
  I: interviewer turn
  R: respondent turn ... {casus} | {netwerk} | {-}
Identifiers are marked inline as [[text|TYPE]]. In docx sources a " ¶ " inside a turn
starts a continuation paragraph without a speaker label.
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
DOCS = [f"nv{i:02d}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
PARA = " ¶ "
EXT = {"vtt": "vtt", "srt": "srt", "docx": "docx", "txt-spreker": "txt", "txt-ir": "txt"}


class Doc:
    def __init__(self, doc_id):
        self.id = doc_id
        self.meta = {}
        self.header = []      # plain strings
        self.turns = []       # (speaker 'I'/'R', plain text, orientation or None)
        self.idents = {}      # text -> type, insertion ordered

    def strip(self, marked):
        def repl(m):
            text, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{self.id}: unknown type {typ} for {text!r}")
            old = self.idents.setdefault(text, typ)
            if old != typ:
                sys.exit(f"{self.id}: {text!r} marked both {old} and {typ}")
            return text
        plain = MARK.sub(repl, marked)
        if "[[" in plain or "]]" in plain:
            sys.exit(f"{self.id}: broken markup in {marked[:80]!r}")
        return plain


def parse(doc_id):
    doc = Doc(doc_id)
    for n, raw in enumerate((SRC / f"{doc_id}.txt").read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, val = line[1:].split(":", 1)
            doc.meta[key.strip()] = val.strip()
        elif line.startswith("H:"):
            doc.header.append(doc.strip(line[2:].strip()))
        elif line.startswith("I:"):
            doc.turns.append(("I", doc.strip(line[2:].strip()), None))
        elif line.startswith("R:"):
            m = TAG.search(line)
            if not m:
                sys.exit(f"{doc_id}:{n}: respondent paragraph without {{casus}}/{{netwerk}}/{{-}}")
            doc.turns.append(("R", doc.strip(line[2:m.start()].strip()), m.group(1)))
        else:
            sys.exit(f"{doc_id}:{n}: cannot parse {line[:60]!r}")
    for key in ("ilabel", "rlabel"):
        doc.meta[key] = doc.strip(doc.meta[key])
    return doc


# ---------------------------------------------------------------- helpers
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(ÉÈ])|(?<=[.!?]\))\s+")


def cues_of(text, max_words=22):
    """Split a turn into subtitle-sized chunks at sentence boundaries."""
    sents = [s for s in SENT.split(text) if s.strip()]
    chunks, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def dur(text):
    return max(1.2, len(text.split()) / 2.7)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def label(doc, spk):
    return doc.meta["ilabel"] if spk == "I" else doc.meta["rlabel"]


def flat(text):
    return text.replace(PARA, " ")


# ---------------------------------------------------------------- writers
def write_vtt(doc, path):
    out = ["WEBVTT", ""]
    if doc.header:
        out += ["NOTE"] + doc.header + [""]
    t = 1.4
    for spk, text, _ in doc.turns:
        for chunk in cues_of(flat(text)):
            d = dur(chunk)
            out += [f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {label(doc, spk)}>{chunk}", ""]
            t += d + 0.25
        t += 0.9
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_srt(doc, path):
    out, n, t = [], 0, 2.1
    for spk, text, _ in doc.turns:
        for chunk in cues_of(flat(text), max_words=18):
            n += 1
            d = dur(chunk)
            out += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{label(doc, spk)}: {chunk}", ""]
            t += d + 0.2
        t += 0.7
    path.write_bytes("\r\n".join(out).encode("utf-8"))


def write_txt_spreker(doc, path):
    out = list(doc.header) + [""]
    t = 3
    for spk, text, _ in doc.turns:
        text = flat(text)
        out += [f"[{hms(t)}] {label(doc, spk)}: {text}", ""]
        t += dur(text) + 2.5
    path.write_bytes("\r\n".join(out).encode("cp1252"))


def write_txt_ir(doc, path):
    out = list(doc.header) + [""]
    for spk, text, _ in doc.turns:
        out += [f"{label(doc, spk)}: {flat(text)}", ""]
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_docx(doc, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    bold = doc.meta.get("bold", "no") == "yes"
    for h in doc.header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    d.add_paragraph()
    for spk, text, _ in doc.turns:
        parts = text.split(PARA)
        p = d.add_paragraph()
        r = p.add_run(f"{label(doc, spk)}:")
        r.bold = bold
        p.add_run(" " + parts[0])
        for extra in parts[1:]:
            d.add_paragraph(extra)
    d.save(str(path))


WRITERS = {"vtt": write_vtt, "srt": write_srt, "docx": write_docx,
           "txt-spreker": write_txt_spreker, "txt-ir": write_txt_ir}


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        if old.stem in DOCS:
            old.unlink()
    styles, orient, idents = [], [], []
    for doc_id in DOCS:
        doc = parse(doc_id)
        fmt = doc.meta["format"]
        WRITERS[fmt](doc, OUT / f"{doc_id}.{EXT[fmt]}")
        styles.append((doc_id, doc.meta["style"], doc.meta["rationale"]))
        for i, (spk, _, o) in enumerate(doc.turns, 1):
            if spk == "R" and o in ("casus", "netwerk"):
                orient.append((doc_id, i, o))
        for text, typ in doc.idents.items():
            idents.append((doc_id, text, typ))
        words = sum(len(re.sub(r"\([a-z ]+\)", " ", flat(t)).split()) for _, t, _ in doc.turns)
        nresp = sum(1 for s, _, _ in doc.turns if s == "R")
        print(f"{doc_id}: {fmt:12s} turns={len(doc.turns):3d} resp={nresp:3d} words~{words:5d} "
              f"idents={len(doc.idents):3d}")
    for name, header, rows in (("styles.csv", ("doc_id", "style", "rationale"), styles),
                               ("orientation.csv", ("doc_id", "turn_index", "orientation"), orient),
                               ("identifiers.csv", ("doc_id", "identifier", "type"), idents)):
        with open(ROOT / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)


if __name__ == "__main__":
    main()
