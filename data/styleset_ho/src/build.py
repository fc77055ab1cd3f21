"""Build the setHO transcripts and the three csv files from the annotated sources.

Source format (src/hoNN.txt): one paragraph per line, blank lines between paragraphs.
  H: header line            I: interviewer turn            R: respondent turn ending in {casus}|{netwerk}|{-}
Identifiers are written inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py   (python-docx is needed for the .docx files)
"""
import csv
import os
import re

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# Per document: delivery format and the two speaker labels (interviewer, respondent).
# Labels may carry an identifier annotation (speaker-label names count as PERSOON).
CONFIG = {
    "ho01": dict(fmt="docx", bold=True, labels=("[[Jasper|PERSOON]]", "[[Ingrid|PERSOON]]")),
    "ho02": dict(fmt="txt", encoding="cp1252", newline="\r\n", labels=("I", "R"), stamps=False),
    "ho03": dict(fmt="vtt", labels=("[[Noor el Idrissi|PERSOON]]", "[[Ruud Baaijens|PERSOON]]"), start=3.0),
    "ho04": dict(fmt="srt", newline="\r\n", labels=("Interviewer", "[[Dewi|PERSOON]]"), start=1.5),
    "ho05": dict(fmt="txt", encoding="utf-8", newline="\n", labels=("Spreker 1", "Spreker 2"), stamps=True, start=7.0),
    "ho06": dict(fmt="docx", bold=False, labels=("Interviewer", "Respondent")),
}

STYLES = {
    "ho01": ("netwerkgericht", "Former GGD nurse who tells a warm story about one woman but hands the daily contact to the opvang casemanager and puts her own effort in the ketentafel, written agreements, escalation route and patterns across cases."),
    "ho02": ("onbepaald", "Too little evidence: guarded ZVH procesregisseur who answers only in procedures and generalities, refuses examples and never shows where her own effort goes."),
    "ho03": ("casusgericht", "Terse ex-wijkagent who builds everything around one woman's own order of needs, uses his contacts only on her behalf and declines the werkgroep and pattern work."),
    "ho04": ("onbepaald", "Genuinely mixed: buurtteam worker who keeps her own weekly contact with a young woman and equally runs and maintains a monthly signaleringsoverleg with its agreements, and says she will not choose."),
    "ho05": ("casusgericht", "Rambling former opvang worker who names many partners and organises an MDO, but each serves one woman's plan; she sends a colleague to the structural ketenoverleg and leaves patterns to others."),
    "ho06": ("netwerkgericht", "Angry gemeente procesregisseur who saw the client once and invests in an escalation ladder, bed purchase, convenant, corporatie deal, directors' breakfasts and quarterly pattern analysis."),
}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def ids_in(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def read_source(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        paras = [p.strip() for p in f.read().split("\n") if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, _, text = p.partition(": ")
        if kind == "H":
            if turns:
                raise SystemExit(f"{doc_id}: header after turns")
            header.append(text)
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = TAG.search(text)
                if not m:
                    raise SystemExit(f"{doc_id}: respondent paragraph without tag: {text[:60]}")
                tag = m.group(1)
                text = TAG.sub("", text)
            elif TAG.search(text):
                raise SystemExit(f"{doc_id}: interviewer paragraph with tag")
            expected = "I" if len(turns) % 2 == 0 else "R"
            if kind != expected:
                raise SystemExit(f"{doc_id}: turns do not alternate at turn {len(turns) + 1}")
            turns.append((kind, text, tag))
        else:
            raise SystemExit(f"{doc_id}: unknown paragraph kind {kind!r}")
    for _, t in ids_in(" ".join(header + [t for _, t, _ in turns])):
        if t not in TYPES:
            raise SystemExit(f"{doc_id}: bad type {t}")
    return header, turns


# ---------------------------------------------------------------- cue helpers
def sentences(annotated):
    """Split annotated text into sentences without breaking inside [[...]]."""
    out, buf, depth, i = [], "", 0, 0
    while i < len(annotated):
        if annotated.startswith("[[", i):
            depth += 1
            buf += "[["
            i += 2
            continue
        if annotated.startswith("]]", i):
            depth -= 1
            buf += "]]"
            i += 2
            continue
        c = annotated[i]
        buf += c
        i += 1
        if depth == 0 and c in ".?!" and i < len(annotated) and annotated[i] == " ":
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def cues(annotated, max_words=17):
    groups, cur = [], []
    for s in sentences(annotated):
        n = len(plain(s).split())
        if cur and len(plain(" ".join(cur)).split()) + n > max_words:
            groups.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        groups.append(" ".join(cur))
    return groups


def duration(text):
    return max(1.2, len(plain(text).split()) / 2.6)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_docx(path, header, turns, cfg):
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        d.add_paragraph()
    labels = [plain(l) for l in cfg["labels"]]
    for kind, text, _ in turns:
        label = labels[0] if kind == "I" else labels[1]
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        r.bold = cfg["bold"]
        p.add_run(" " + plain(text))
    d.save(path)


def write_txt(path, header, turns, cfg):
    nl = cfg["newline"]
    labels = [plain(l) for l in cfg["labels"]]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = cfg.get("start", 0.0)
    for kind, text, _ in turns:
        label = labels[0] if kind == "I" else labels[1]
        body = plain(text)
        if cfg.get("stamps"):
            whole = int(t)
            lines.append(f"[{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}] {label}: {body}")
            t += duration(text) + 1.4
        else:
            lines.append(f"{label}: {body}")
        lines.append("")
    data = nl.join(lines)
    with open(path, "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def write_vtt(path, header, turns, cfg):
    labels = [plain(l) for l in cfg["labels"]]
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = cfg.get("start", 0.0)
    for kind, text, _ in turns:
        label = labels[0] if kind == "I" else labels[1]
        for c in cues(text):
            d = duration(c)
            out.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            out.append(f"<v {label}>{plain(c)}</v>")
            out.append("")
            t += d + 0.2
        t += 0.9
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(path, header, turns, cfg):
    labels = [plain(l) for l in cfg["labels"]]
    out, n = [], 0
    t = cfg.get("start", 0.0)
    for kind, text, _ in turns:
        label = labels[0] if kind == "I" else labels[1]
        for c in cues(text, max_words=15):
            n += 1
            d = duration(c)
            out += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{label}: {plain(c)}", ""]
            t += d + 0.15
        t += 0.8
    with open(path, "wb") as f:
        f.write(cfg["newline"].join(out).encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "vtt": write_vtt, "srt": write_srt}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    style_rows, orient_rows, id_rows, stats = [], [], [], []
    for doc_id, cfg in CONFIG.items():
        header, turns = read_source(doc_id)
        WRITERS[cfg["fmt"]](os.path.join(OUT, f"{doc_id}.{cfg['fmt']}"), header, turns, cfg)
        # identifiers: distinct strings in order of first appearance (header, labels, turns)
        seen = {}
        for text, typ in ids_in(" ".join(header) + " " + " ".join(cfg["labels"]) + " " + " ".join(t for _, t, _ in turns)):
            if text in seen and seen[text] != typ:
                raise SystemExit(f"{doc_id}: {text} has two types")
            seen.setdefault(text, typ)
        id_rows += [(doc_id, k, v) for k, v in seen.items()]
        for i, (kind, _, tag) in enumerate(turns, start=1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, tag))
        style, why = STYLES[doc_id]
        style_rows.append((doc_id, style, why))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rturns = sum(1 for k, _, _ in turns if k == "R")
        stats.append((doc_id, cfg["fmt"], words, rturns, len(seen),
                      sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "casus"),
                      sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "netwerk")))
    for fname, head, rows in (
        ("styles.csv", ("doc_id", "style", "rationale"), style_rows),
        ("orientation.csv", ("doc_id", "turn_index", "orientation"), sorted(orient_rows)),
        ("identifiers.csv", ("doc_id", "identifier", "type"), id_rows),
    ):
        with open(os.path.join(ROOT, fname), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(head)
            w.writerows(rows)
    for s in stats:
        print("%s %-4s words=%d respondent_turns=%d identifiers=%d casus=%d netwerk=%d" % s)


if __name__ == "__main__":
    main()
