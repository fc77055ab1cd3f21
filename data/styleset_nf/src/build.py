"""Build the transcripts and the three csv files of set nf from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines.
  H: header line          (not a turn, not counted as spoken text)
  I: interviewer turn
  R: respondent turn {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "nf01": dict(fmt="docx", bold=True, ilabel="Interviewer", rlabel="Respondent", label_is_name=False),
    "nf02": dict(fmt="txt_labels", enc="cp1252", crlf=True, ilabel="I", rlabel="R", label_is_name=False),
    "nf03": dict(fmt="vtt", enc="utf-8", crlf=False, ilabel="Lotte Vermeulen", rlabel="Arjen Verkerk", label_is_name=True),
    "nf04": dict(fmt="srt", enc="utf-8", crlf=True, ilabel="Eva Kramer", rlabel="Marco Schouten", label_is_name=True),
    "nf05": dict(fmt="txt_ts", enc="utf-8", crlf=False, ilabel="Spreker 1", rlabel="Spreker 2", label_is_name=False),
    "nf06": dict(fmt="docx", bold=False, ilabel="Marit", rlabel="Ruud", label_is_name=True),
}

STYLES = {
    "nf01": ("casusgericht",
             "Ouderenconsulent investeert haar tijd en vertrouwen in de oudere zelf (koffie, plan in haar woorden, partners als middel voor dat plan) en wijst de werkgroep over afspraken met banken en notarissen af."),
    "nf02": ("netwerkgericht",
             "Veilig Thuis-aandachtsfunctionaris vertelt warm over een cliënte maar laat het contact aan de ouderenconsulent en steekt zijn eigen inzet in de bankentafel, afspraken met notarissen, patronen over zaken heen en het borgen van de structuur."),
    "nf03": ("casusgericht",
             "Wijkagent brengt zes partijen en een overleg bijeen, maar alles rond het plan van één man en zijn wekelijkse bezoek; districtswerkgroep en structurele verbeteringen laat hij uitdrukkelijk aan anderen."),
    "nf04": ("onbepaald",
             "Too little evidence: een terughoudende procesregisseur die alleen procedures, formats en algemeenheden noemt en nergens laat zien waar zijn eigen inzet of vertrouwen ligt."),
    "nf05": ("netwerkgericht",
             "Regisseur zonder eigen caseload die cliëntcontact bewust overlaat en investeert in lijnen met rechtbank, notarissen, belastingen en huisartsen, in patronen uit haar zakenlijst en in het vastleggen van afspraken."),
    "nf06": ("casusgericht",
             "GGZ-verpleegkundige organiseert MDO's en spreekt veel partijen, maar als stem van de cliënte en haar dochter; vaste deelname aan het regionale overleg wijst hij af en structurele vragen buigt hij terug naar de individuele oudere."),
}

ANN = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(path):
    """Return header lines, turns [(speaker, plain, tag)], identifiers, problems."""
    problems = []
    header, turns = [], []
    spans_all = []  # (paragraph index, start, end) of annotated spans in plain text
    plains = []
    idents = []  # (string, type) in order
    paras = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
    for para in paras:
        if "\n" in para:
            problems.append(f"{path.name}: paragraph spans several lines: {para[:60]!r}")
        m = re.match(r"^([HIR]): (.*)$", para, re.S)
        if not m:
            problems.append(f"{path.name}: bad paragraph {para[:60]!r}")
            continue
        kind, body = m.group(1), m.group(2)
        tag = None
        if kind == "R":
            t = TAG.search(body)
            if not t:
                problems.append(f"{path.name}: respondent paragraph without tag: {body[:60]!r}")
            else:
                tag = t.group(1)
                body = body[: t.start()]
        elif TAG.search(body):
            problems.append(f"{path.name}: tag on non-respondent paragraph: {body[:60]!r}")
        plain, spans, pos = [], [], 0
        out_len = 0
        for a in ANN.finditer(body):
            pre = body[pos:a.start()]
            plain.append(pre)
            out_len += len(pre)
            text, typ = a.group(1), a.group(2)
            if typ not in TYPES:
                problems.append(f"{path.name}: unknown type {typ}")
            spans.append((out_len, out_len + len(text)))
            plain.append(text)
            out_len += len(text)
            idents.append((text, typ))
            pos = a.end()
        plain.append(body[pos:])
        plain = "".join(plain)
        if "[[" in plain or "]]" in plain or "{" in plain:
            problems.append(f"{path.name}: leftover markup in {plain[:60]!r}")
        idx = len(plains)
        plains.append(plain)
        for s, e in spans:
            spans_all.append((idx, s, e))
        if kind == "H":
            if turns:
                problems.append(f"{path.name}: header after first turn")
            header.append(plain)
        else:
            turns.append(("I" if kind == "I" else "R", plain, tag))
    # every occurrence of an identifier string must be annotated
    for s in sorted({s for s, _ in idents}):
        pat = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)")
        for i, p in enumerate(plains):
            for m in pat.finditer(p):
                if not any(j == i and a <= m.start() and m.end() <= b for j, a, b in spans_all):
                    problems.append(f"{path.name}: unannotated occurrence of {s!r} in {p[max(0, m.start()-30):m.end()+30]!r}")
    return header, turns, idents, problems


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timeline(turns, start=2.0):
    """Start/end seconds per turn from word counts (about 2.4 words per second)."""
    t = start
    out = []
    for i, (_, text, _) in enumerate(turns):
        dur = max(1.5, len(text.split()) / 2.4)
        out.append((t, t + dur))
        t += dur + 0.7 + (i % 3) * 0.35
    return out


def split_cues(text, maxw=22):
    sents = re.split(r"(?<=[.?!])\s+", text)
    cues, cur = [], []
    for s in sents:
        w = s.split()
        if cur and len(cur) + len(w) > maxw:
            cues.append(" ".join(cur))
            cur = []
        cur.extend(w)
    if cur:
        cues.append(" ".join(cur))
    return cues


def write_text(path, lines, enc, crlf):
    nl = "\r\n" if crlf else "\n"
    data = nl.join(lines) + nl
    path.write_bytes(data.encode(enc))


def build_doc(doc_id, cfg, header, turns):
    lab = {"I": cfg["ilabel"], "R": cfg["rlabel"]}
    fmt = cfg["fmt"]
    if fmt == "docx":
        d = docx.Document()
        d.core_properties.author = ""
        d.core_properties.title = ""
        d.core_properties.comments = ""
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        if header:
            d.add_paragraph()
        for spk, text, _ in turns:
            p = d.add_paragraph()
            if cfg["bold"]:
                r = p.add_run(lab[spk] + ":")
                r.bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{lab[spk]}: {text}")
        path = OUT / f"{doc_id}.docx"
        d.save(path)
        return path
    if fmt == "txt_labels":
        lines = list(header) + [""]
        for spk, text, _ in turns:
            lines += [f"{lab[spk]}: {text}", ""]
        path = OUT / f"{doc_id}.txt"
        write_text(path, lines[:-1], cfg["enc"], cfg["crlf"])
        return path
    if fmt == "txt_ts":
        lines = list(header) + [""]
        for (spk, text, _), (a, _) in zip(turns, timeline(turns, 3.0)):
            lines += [f"[{ts(a)[:8]}] {lab[spk]}: {text}", ""]
        path = OUT / f"{doc_id}.txt"
        write_text(path, lines[:-1], cfg["enc"], cfg["crlf"])
        return path
    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + list(header) + [""]
        for (spk, text, _), (a, b) in zip(turns, timeline(turns, 1.2)):
            cues = split_cues(text)
            tot = sum(len(c.split()) for c in cues)
            t = a
            for c in cues:
                dur = (b - a) * len(c.split()) / tot
                lines += [f"{ts(t)} --> {ts(t + dur - 0.05)}", f"<v {lab[spk]}>{c}</v>", ""]
                t += dur
        path = OUT / f"{doc_id}.vtt"
        write_text(path, lines[:-1], cfg["enc"], cfg["crlf"])
        return path
    if fmt == "srt":
        lines = []
        n = 0
        for (spk, text, _), (a, b) in zip(turns, timeline(turns, 0.8)):
            n += 1
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[spk]}: {text}", ""]
        path = OUT / f"{doc_id}.srt"
        write_text(path, lines[:-1], cfg["enc"], cfg["crlf"])
        return path
    raise ValueError(fmt)


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    problems = []
    orient_rows, ident_rows, stats = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns, idents, probs = parse_source(HERE / f"{doc_id}.txt")
        problems += probs
        for i, (spk, _, _) in enumerate(turns):
            if spk != ("I" if i % 2 == 0 else "R"):
                problems.append(f"{doc_id}: turn {i+1} breaks alternation")
        if cfg["label_is_name"]:
            idents = [(cfg["ilabel"], "PERSOON"), (cfg["rlabel"], "PERSOON")] + idents
        seen = {}
        for s, t in idents:
            if s in seen and seen[s] != t:
                problems.append(f"{doc_id}: {s!r} has two types {seen[s]} / {t}")
            if s not in seen:
                seen[s] = t
                ident_rows.append((doc_id, s, t))
        for i, (spk, _, tag) in enumerate(turns, start=1):
            if spk == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, tag))
        path = build_doc(doc_id, cfg, header, turns)
        words = sum(len(t.split()) for _, t, _ in turns)
        words_np = sum(len(re.sub(r"\([^)]*\)", " ", t).split()) for _, t, _ in turns)
        nresp = sum(1 for s, _, _ in turns if s == "R")
        tags = [tag for s, _, tag in turns if s == "R"]
        stats.append((doc_id, path.name, words, words_np, nresp, len(seen),
                      tags.count("casus"), tags.count("netwerk"), tags.count("-")))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d, (s, r) in STYLES.items():
            w.writerow([d, s, r])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient_rows, key=lambda r: (r[0], r[1])):
            w.writerow(row)
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in ident_rows:
            w.writerow(row)
    print("doc   file        words  words-no-paren  resp_turns  identifiers  casus netwerk -")
    for s in stats:
        print("{:5} {:11} {:6} {:15} {:11} {:12} {:5} {:7} {}".format(*s))
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(" -", p)
        sys.exit(1)
    print("built OK")


if __name__ == "__main__":
    main()
