"""Build the six transcripts of set GD and the three label files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py      (from the set folder or anywhere)

Source format (src/gdNN.txt): one paragraph per turn, separated by blank lines.
  H: header line        I: interviewer turn        R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].  Speaker labels (with their identifiers) are set in DOCS below.
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# speaker labels may carry identifier markup
DOCS = {
    "gd01": dict(fmt="docx_bold", ext="docx", i="[[Sanne|PERSOON]]", r="[[Anke|PERSOON]]"),
    "gd02": dict(fmt="vtt", ext="vtt", i="[[Ilse Bemelmans|PERSOON]]", r="[[Jo Schiffelers|PERSOON]]"),
    "gd03": dict(fmt="txt_spreker", ext="txt", i="Spreker 1", r="Spreker 2"),
    "gd04": dict(fmt="srt", ext="srt", i="[[Noor|PERSOON]]", r="[[Luuk|PERSOON]]"),
    "gd05": dict(fmt="txt_ir", ext="txt", i="I", r="R"),
    "gd06": dict(fmt="docx_plain", ext="docx", i="Interviewer", r="Respondent"),
}

STYLES = {
    "gd01": ("onbepaald", "Genuinely mixed: she splits her week and invests equally in her own trust "
             "relationship and plan with one FACT client and in discharge and GP agreements between organisations."),
    "gd02": ("netwerkgericht", "Despite a warm client story he hands all daily contact to the FACT case "
             "manager and the wijkagent and invests in the schakeloverleg, discharge agreements, escalation and patterns."),
    "gd03": ("casusgericht", "She names many partners and meetings but each serves one client's own plan, "
             "and she explicitly declines the structural convenant work."),
    "gd04": ("onbepaald", "Genuinely mixed: he is the steady personal contact in his clients' plans and "
             "equally builds a GP consult line and monthly police pattern analysis."),
    "gd05": ("casusgericht", "He rails at the system but invests only in his personal bond and plan with "
             "each client and leaves the ketenoverleg to a colleague."),
    "gd06": ("netwerkgericht", "She uses a client only as an illustration, leaves the case to the "
             "casusregisseur and invests in consultation routes, data, the convenant and escalation."),
}

TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def tags(s):
    return [(m.group(1), m.group(2)) for m in TAG.finditer(s)]


def parse(doc_id):
    text = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    header, turns = [], []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(para.split())
        kind, _, body = para.partition(": ")
        if kind == "H":
            header.append(body)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without orientation: {body[:60]}")
                orient, body = m.group(1), body[: m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}$", body):
                sys.exit(f"{doc_id}: orientation on interviewer turn")
            turns.append((kind, body, orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph {para[:40]}")
    for n, (k, _, _) in enumerate(turns):
        if k != ("I" if n % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {n + 1}")
    return header, turns


def untagged_warnings(doc_id, known, segments):
    """Warn about occurrences of identifier strings outside markup."""
    for seg in segments:
        rest = TAG.sub(lambda m: "\x00" * len(m.group(0)), seg)
        for ident in known:
            for m in re.finditer(r"(?<![\w@.-])" + re.escape(ident) + r"(?![\w@])", rest):
                print(f"WARNING {doc_id}: untagged '{ident}' in: ...{seg[max(0, m.start() - 30):m.end() + 30]}...")


# ---------------------------------------------------------------- chunking for subtitles
def tokens(marked):
    """Split into words, keeping each identifier as one token."""
    protected = TAG.sub(lambda m: m.group(1).replace(" ", "\u2007"), marked)
    return [t.replace("\u2007", " ") for t in protected.split()]


def chunks(marked, maxw=15):
    toks, out, cur = tokens(marked), [], []
    for t in toks:
        cur.append(t)
        n = len(cur)
        if (n >= 5 and t[-1] in ".?!") or (n >= 10 and t[-1] in ",:;") or n >= maxw:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) <= 2:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return [" ".join(c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels):
    t = 1.8
    cues = []
    for kind, body, _ in turns:
        for c in chunks(body):
            dur = 0.6 + len(c.split()) / 2.6
            cues.append((t, t + dur, labels[kind], c))
            t += dur + 0.15
        t += 0.9
    return cues


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = bold
    if header:
        d.add_paragraph()
    for kind, body, _ in turns:
        p = d.add_paragraph()
        if bold:
            p.add_run(labels[kind] + ":").bold = True
            p.add_run(" " + body)
        else:
            p.add_run(f"{labels[kind]}: {body}")
    d.save(path)


def write_txt_spreker(path, header, turns, labels):
    lines = list(header) + [""]
    t = 3
    for kind, body, _ in turns:
        hh, rem = divmod(t, 3600)
        mm, ss = divmod(rem, 60)
        lines.append(f"[{hh:02d}:{mm:02d}:{ss:02d}] {labels[kind]}: {body}")
        lines.append("")
        t += int(len(body.split()) / 2.5) + 2
    path.write_bytes("\r\n".join(lines).encode("cp1252"))


def write_txt_ir(path, header, turns, labels):
    lines = list(header) + ["-" * 40, ""]
    for kind, body, _ in turns:
        lines.append(f"{labels[kind]}: {body}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_vtt(path, header, turns, labels):
    lines = ["WEBVTT", "", "NOTE"] + header + [""]
    for a, b, who, c in timed_cues(turns, labels):
        lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {who}>{c}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_srt(path, header, turns, labels):
    lines = []
    for n, (a, b, who, c) in enumerate(timed_cues(turns, labels), 1):
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{who}: {c}", ""]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    ident_rows, orient_rows = [], []
    for doc_id, cfg in DOCS.items():
        header, marked_turns = parse(doc_id)
        label_marked = {"I": cfg["i"], "R": cfg["r"]}
        # identifiers in order of appearance: header, labels, turns
        found = []
        for seg in header + [cfg["i"], cfg["r"]] + [b for _, b, _ in marked_turns]:
            found += tags(seg)
        seen = {}
        for ident, typ in found:
            if typ not in TYPES:
                sys.exit(f"{doc_id}: bad type {typ}")
            if seen.setdefault(ident, typ) != typ:
                sys.exit(f"{doc_id}: '{ident}' tagged with two types")
        untagged_warnings(doc_id, sorted(seen, key=len, reverse=True),
                          header + [b for _, b, _ in marked_turns])
        ident_rows += [(doc_id, i, t) for i, t in seen.items()]
        for n, (k, _, o) in enumerate(marked_turns, 1):
            if k == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, n, o))
        # subtitle writers chunk the marked text (identifiers stay whole); others get plain text
        labels = {k: plain(v) for k, v in label_marked.items()}
        h_plain = [plain(h) for h in header]
        p_turns = [(k, plain(b), o) for k, b, o in marked_turns]
        path = OUT / f"{doc_id}.{cfg['ext']}"
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx(path, h_plain, p_turns, labels, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, h_plain, p_turns, labels, bold=False)
        elif fmt == "txt_spreker":
            write_txt_spreker(path, h_plain, p_turns, labels)
        elif fmt == "txt_ir":
            write_txt_ir(path, h_plain, p_turns, labels)
        elif fmt == "vtt":
            write_vtt(path, h_plain, marked_turns, labels)
        elif fmt == "srt":
            write_srt(path, h_plain, marked_turns, labels)
        nw = sum(len(plain(b).split()) for _, b, _ in marked_turns)
        nr = sum(1 for k, _, _ in marked_turns if k == "R")
        print(f"{doc_id}: {fmt:12s} words={nw} respondent_turns={nr} identifiers={len(seen)}")

    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows((d, s, r) for d, (s, r) in STYLES.items())


if __name__ == "__main__":
    main()
