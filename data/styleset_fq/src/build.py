"""Build the setFQ transcripts and csv files from the annotated sources in src/.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/fqNN.txt): one paragraph per turn, separated by blank lines,
each starting with "H: " (header line), "I: " (interviewer) or "R: " (respondent).
Identifiers are marked inline as [[text|TYPE]]; every respondent paragraph ends
in {casus}, {netwerk} or {-}. Styles come from src/styles.src (doc|style|rationale).
"""
import csv
import pathlib
import re
import sys

from docx import Document
from docx.shared import Pt

BASE = pathlib.Path(__file__).resolve().parent.parent
SRC = BASE / "src"
OUT = BASE / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# Per document: delivery format and speaker labels (labels may carry annotations).
DOCS = {
    "fq01": dict(fmt="docx", bold=True, labels=("Interviewer", "Respondent")),
    "fq02": dict(fmt="txt", enc="cp1252", nl="\r\n", labels=("I", "R")),
    "fq03": dict(fmt="vtt", labels=("[[Thijs Brouwer|PERSOON]]", "[[Ria Schoonhoven|PERSOON]]")),
    "fq04": dict(fmt="srt", nl="\r\n", labels=("[[Hanneke|PERSOON]]", "[[Ronald|PERSOON]]")),
    "fq05": dict(fmt="tstxt", enc="utf-8", nl="\n", labels=("Spreker 1", "Spreker 2")),
    "fq06": dict(fmt="docx", bold=False, labels=("[[Sanne|PERSOON]]", "[[Linda|PERSOON]]")),
}
EXT = {"docx": "docx", "txt": "txt", "tstxt": "txt", "vtt": "vtt", "srt": "srt"}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def parse_src(doc):
    text = (SRC / f"{doc}.txt").read_text(encoding="utf-8")
    header, turns = [], []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(para.split())
        tag, body = para[:2], para[3:]
        if tag == "H:":
            if turns:
                sys.exit(f"{doc}: header after turns")
            header.append(body)
        elif tag in ("I:", "R:"):
            ori = None
            if tag == "R:":
                m = ORI.search(body)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without orientation: {body[:60]}")
                ori, body = m.group(1), body[: m.start()]
            elif ORI.search(body):
                sys.exit(f"{doc}: orientation on interviewer turn")
            who = "I" if tag == "I:" else "R"
            if turns and turns[-1][0] == who:
                sys.exit(f"{doc}: turns do not alternate at: {body[:60]}")
            if not turns and who != "I":
                sys.exit(f"{doc}: first turn is not the interviewer")
            turns.append((who, body.strip(), ori))
        else:
            sys.exit(f"{doc}: bad paragraph: {para[:60]}")
    for _, body, _ in turns:
        for _, t in idents(body):
            if t not in TYPES:
                sys.exit(f"{doc}: bad type {t}")
    return header, turns


# ---------------------------------------------------------------- timing
def fmt_time(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def n_words(s):
    return len([w for w in plain(s).split() if re.search(r"\w", w)])


def chunks(body, maxw=16):
    """Split an annotated turn into cue texts at sentence boundaries; annotations stay whole."""
    protected = ANN.sub(lambda m: m.group(0).replace(" ", "\x00"), body)
    sentences = re.split(r"(?<=[.!?…])\s+", protected)
    out, cur = [], []
    for sent in sentences:
        words = sent.split()
        while len(words) > maxw + 6:  # very long sentence: cut it
            piece, words = words[:maxw], words[maxw:]
            if cur:
                out.append(cur)
                cur = []
            out.append(piece)
        if cur and len(cur) + len(words) > maxw:
            out.append(cur)
            cur = []
        cur = cur + words
    if cur:
        out.append(cur)
    return [" ".join(c).replace("\x00", " ") for c in out]


# ---------------------------------------------------------------- writers
def write_docx(doc, cfg, header, turns, path):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    li, lr = (plain(x) for x in cfg["labels"])
    for who, body, _ in turns:
        lab = li if who == "I" else lr
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{lab}: {plain(body)}")
    d.save(path)


def write_txt(doc, cfg, header, turns, path):
    li, lr = (plain(x) for x in cfg["labels"])
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for who, body, _ in turns:
        lines.append(f"{li if who == 'I' else lr}: {plain(body)}")
        lines.append("")
    data = cfg["nl"].join(lines).rstrip() + cfg["nl"]
    path.write_bytes(data.encode(cfg["enc"]))


def write_tstxt(doc, cfg, header, turns, path):
    li, lr = (plain(x) for x in cfg["labels"])
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = 4.0
    for who, body, _ in turns:
        stamp = fmt_time(t, ".")[:8]
        lines.append(f"[{stamp}] {li if who == 'I' else lr}: {plain(body)}")
        lines.append("")
        t += n_words(body) / 2.4 + 1.5
    data = cfg["nl"].join(lines).rstrip() + cfg["nl"]
    path.write_bytes(data.encode(cfg["enc"]))


def write_vtt(doc, cfg, header, turns, path):
    li, lr = (plain(x) for x in cfg["labels"])
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t, n = 2.0, 0
    for who, body, _ in turns:
        lab = li if who == "I" else lr
        for cue in chunks(body):
            n += 1
            dur = max(1.2, n_words(cue) / 2.6)
            out.append(f"{n}")
            out.append(f"{fmt_time(t, '.')} --> {fmt_time(t + dur, '.')}")
            out.append(f"<v {lab}>{plain(cue)}</v>")
            out.append("")
            t += dur + 0.2
        t += 0.6
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(doc, cfg, header, turns, path):
    if header:
        sys.exit(f"{doc}: srt has no header")
    li, lr = (plain(x) for x in cfg["labels"])
    out = []
    t, n = 1.0, 0
    for who, body, _ in turns:
        lab = li if who == "I" else lr
        for cue in chunks(body, maxw=14):
            n += 1
            dur = max(1.2, n_words(cue) / 2.6)
            out += [str(n), f"{fmt_time(t, ',')} --> {fmt_time(t + dur, ',')}", f"{lab}: {plain(cue)}", ""]
            t += dur + 0.15
        t += 0.7
    path.write_bytes("\r\n".join(out).encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "tstxt": write_tstxt, "vtt": write_vtt, "srt": write_srt}


# ---------------------------------------------------------------- main
def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    ori_rows, id_rows, warnings = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        path = OUT / f"{doc}.{EXT[cfg['fmt']]}"
        WRITERS[cfg["fmt"]](doc, cfg, header, turns, path)
        # orientation
        for i, (who, body, ori) in enumerate(turns, start=1):
            if who == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc, i, ori))
        # identifiers: header + labels (if annotated) + turns
        seen = {}
        sources = list(header) + list(cfg["labels"]) + [b for _, b, _ in turns]
        for s in sources:
            for text, typ in idents(s):
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text} has two types")
                seen.setdefault(text, typ)
        for text, typ in seen.items():
            id_rows.append((doc, text, typ))
        # warn about unannotated occurrences of identifier strings
        for s in sources:
            rest = ANN.sub(" ", s)
            for text in seen:
                if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", rest):
                    warnings.append(f"{doc}: unannotated '{text}' in: {plain(s)[:50]}")
        words = sum(n_words(b) for _, b, _ in turns)
        nr = sum(1 for w, _, _ in turns if w == "R")
        print(f"{doc}: {path.name} turns={len(turns)} respondent={nr} words={words} ids={len(seen)}")
    ori_rows.sort(key=lambda r: (r[0], r[1]))
    with open(BASE / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(ori_rows)
    with open(BASE / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(BASE / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for line in (SRC / "styles.src").read_text(encoding="utf-8").splitlines():
            if line.strip():
                w.writerow(line.split("|", 2))
    for msg in warnings:
        print("WARNING", msg)


if __name__ == "__main__":
    main()
