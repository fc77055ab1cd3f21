"""Build the setGG transcripts and label files from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (src/ggNN.txt), one paragraph per line:
    H: header line            (may contain [[text|TYPE]])
    I: interviewer turn
    R: respondent turn ... {casus} | {netwerk} | {-}
Lines starting with '#' and blank lines are ignored.
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

SET = Path(__file__).resolve().parent.parent
SRC = SET / "src"
OUT = SET / "transcripts"

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker",
             "meer van de casus", "meer van het netwerk"]

# format, speaker labels (interviewer, respondent); label names that are identifiers
DOCS = {
    "gg01": dict(fmt="docx_bold", ext="docx", I="Interviewer", R="Respondent", label_ids=False),
    "gg02": dict(fmt="txt_ir", ext="txt", enc="cp1252", nl="\r\n", I="I", R="R", label_ids=False),
    "gg03": dict(fmt="vtt", ext="vtt", I="Femke Arts", R="Emre Yılmaz", label_ids=True),
    "gg04": dict(fmt="srt", ext="srt", nl="\r\n", I="Mirjam", R="Gert-Jan", label_ids=True),
    "gg05": dict(fmt="txt_spk", ext="txt", enc="utf-8", nl="\n", I="Spreker 1", R="Spreker 2", label_ids=False),
    "gg06": dict(fmt="docx_plain", ext="docx", I="Eva", R="Rania", label_ids=True),
}

STYLES = {
    "gg01": ("netwerkgericht",
             "Tells a warm story about one mother but left the home visits to the wijkteam and mediator on purpose; her own effort goes into the quarterly overleg with wijkteams and the mediator foundation, funding, police information agreements and patterns across families."),
    "gg02": ("casusgericht",
             "Names many partners and convenes them, but every contact serves one mother's own goal, informal per-family arrangements replace structural ones, and she declined the regional working group."),
    "gg03": ("onbepaald",
             "Genuinely mixed: carries his own families (home visits, leading the plan talks) and equally built the regional route map, mediator agreements and police relation, and says his week is split in two."),
    "gg04": ("casusgericht",
             "Ex-police officer who uses his personal contacts and the partners only for this one family, leads its plan himself and explicitly refuses the regional table and thinking in patterns."),
    "gg05": ("netwerkgericht",
             "Vivid family story, but she handed the daily contact to a colleague after six weeks and invests in warm handover agreements, a GGZ bridging arrangement, consent forms and quarterly meetings between organisations."),
    "gg06": ("onbepaald",
             "Genuinely mixed without saying so: leads the family conversations and plan herself and in the same breath builds a checklist, trainings, funding and police agreements for all families."),
}


def parse_src(path):
    header, turns = [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        tag, _, body = line.partition(": ")
        if tag == "H":
            header.append(body)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", body)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without {{casus|netwerk|-}}: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            turns.append((tag, body, orient))
        else:
            sys.exit(f"{path.name}: bad line {line[:60]}")
    return header, turns


def plain(text):
    return ANN.sub(lambda m: m.group(1), text)


def idents(text):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(text)]


# ---------- splitting turns into subtitle cues (never inside an identifier) ----------
def split_cues(annotated, max_words=16):
    protected = []

    def keep(m):
        protected.append(m.group(1))
        return f"\x00{len(protected) - 1}\x00"

    s = ANN.sub(keep, annotated)
    sentences = re.split(r"(?<=[.?!])\s+(?=[A-Z(\"'\x00])|(?<=\.\.\.)\s+", s)
    pieces = []
    for sent in sentences:
        words = sent.split()
        if len(words) <= max_words + 6:
            pieces.append(sent)
            continue
        # long sentence: break after commas
        parts = re.split(r"(?<=,)\s+", sent)
        cur = []
        for p in parts:
            if cur and len(" ".join(cur + [p]).split()) > max_words:
                pieces.append(" ".join(cur))
                cur = [p]
            else:
                cur.append(p)
        if cur:
            pieces.append(" ".join(cur))
    cues, cur = [], ""
    for p in pieces:
        if cur and len((cur + " " + p).split()) > max_words:
            cues.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        cues.append(cur)
    restore = lambda t: re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], t)
    return [restore(c) for c in cues]


def dur(text):
    return len(text.split()) / 2.4 + 0.4


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


# ---------- writers ----------
def write_docx(path, header, turns, cfg, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        d.add_paragraph()
    for tag, body, _ in turns:
        label = cfg[tag]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{label}:")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{label}: {plain(body)}")
    d.save(path)


def write_txt_ir(path, header, turns, cfg):
    lines = [plain(h) for h in header] + [""]
    for tag, body, _ in turns:
        lines.append(f"{cfg[tag]}: {plain(body)}")
        lines.append("")
    path.write_bytes(cfg["nl"].join(lines).encode(cfg["enc"]))


def write_txt_spk(path, header, turns, cfg):
    lines = [plain(h) for h in header] + [""]
    t = 2.0
    for tag, body, _ in turns:
        text = plain(body)
        lines.append(f"[{ts(t, ',')[:8]}] {cfg[tag]}: {text}")
        lines.append("")
        t += dur(text) + 1.2
    path.write_bytes(cfg["nl"].join(lines).encode(cfg["enc"]))


def write_vtt(path, header, turns, cfg):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h) for h in header]
        out.append("")
    t = 1.5
    for tag, body, _ in turns:
        for cue in split_cues(body):
            text = plain(cue)
            d = dur(text)
            out.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            out.append(f"<v {cfg[tag]}>{text}")
            out.append("")
            t += d + 0.15
        t += 0.8
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(path, header, turns, cfg):
    out, n, t = [], 1, 0.8
    for tag, body, _ in turns:
        for cue in split_cues(body, max_words=14):
            text = plain(cue)
            d = dur(text)
            out += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{cfg[tag]}: {text}", ""]
            n += 1
            t += d + 0.1
        t += 0.7
    path.write_bytes(cfg["nl"].join(out).encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    id_rows, or_rows, stats, warnings = [], [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(SRC / f"{doc}.txt")
        # alternation
        for i, (tag, _, _) in enumerate(turns):
            if tag != ("I" if i % 2 == 0 else "R"):
                sys.exit(f"{doc}: turn {i + 1} breaks alternation")
        # identifiers, in order of appearance (header, labels, turns)
        seen, rows = set(), []

        def add(s, t):
            if t not in TYPES:
                sys.exit(f"{doc}: bad type {t} for {s}")
            if s not in seen:
                seen.add(s)
                rows.append((doc, s, t))

        for h in header:
            for s, t in idents(h):
                add(s, t)
        if cfg["label_ids"]:
            add(cfg["I"], "PERSOON")
            add(cfg["R"], "PERSOON")
        for _, body, _ in turns:
            for s, t in idents(body):
                add(s, t)
        id_rows += rows
        # orientation
        for i, (tag, _, o) in enumerate(turns, start=1):
            if tag == "R" and o in ("casus", "netwerk"):
                or_rows.append((doc, i, o))
        # consistency: annotated strings should not also occur unannotated
        full_ann = "\n".join(header + [b for _, b, _ in turns])
        stripped = ANN.sub(lambda m: "\x01" * len(m.group(1)), full_ann)
        for _, s, _ in rows:
            if re.search(r"(?<![\w@.-])" + re.escape(s) + r"(?![\w@-])", stripped):
                warnings.append(f"{doc}: '{s}' also occurs unannotated")
        low = plain(full_ann).lower()
        for f in FORBIDDEN:
            if f in low:
                warnings.append(f"{doc}: forbidden wording '{f}'")
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        nresp = sum(1 for t in turns if t[0] == "R")
        orient_counts = {k: sum(1 for t in turns if t[2] == k) for k in ("casus", "netwerk", "-")}
        stats.append((doc, cfg["fmt"], words, nresp, orient_counts))
        path = OUT / f"{doc}.{cfg['ext']}"
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx(path, header, turns, cfg, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, cfg, bold=False)
        elif fmt == "txt_ir":
            write_txt_ir(path, header, turns, cfg)
        elif fmt == "txt_spk":
            write_txt_spk(path, header, turns, cfg)
        elif fmt == "vtt":
            write_vtt(path, header, turns, cfg)
        elif fmt == "srt":
            write_srt(path, header, turns, cfg)

    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows, key=lambda r: (r[0], r[1])))
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc, (style, why) in STYLES.items():
            w.writerow([doc, style, why])

    for doc, fmt, words, nresp, oc in stats:
        print(f"{doc}  {fmt:10s} words={words:5d} resp_turns={nresp:3d} "
              f"casus={oc['casus']} netwerk={oc['netwerk']} none={oc['-']}")
    print(f"identifiers: {len(id_rows)} rows; orientation: {len(or_rows)} rows")
    for w_ in warnings:
        print("WARNING", w_)


if __name__ == "__main__":
    main()
