#!/usr/bin/env python3
"""Build the setKR transcripts and label files from the annotated sources.

Source format (src/krNN.txt): one paragraph per turn, paragraphs separated by a blank line.
  H: header line            (metadata, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus} | {netwerk} | {-}
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

SRC = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(SRC)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# Per document: delivery format and speaker labels (interviewer, respondent).
# label_ids: speaker-label names that are identifiers themselves.
DOCS = {
    "kr01": dict(fmt="docx", bold=True, labels=("Interviewer", "Respondent"), label_ids=[]),
    "kr02": dict(fmt="txt", encoding="cp1252", newline="\r\n", labels=("I", "R"), label_ids=[]),
    "kr03": dict(fmt="vtt", labels=("Interviewer", "Hanneke Dominicus"),
                 label_ids=[("Hanneke Dominicus", "PERSOON")]),
    "kr04": dict(fmt="srt", newline="\r\n", labels=("Interviewer", "Ilse"),
                 label_ids=[("Ilse", "PERSOON")]),
    "kr05": dict(fmt="txt_ts", encoding="utf-8", newline="\n", labels=("Spreker 1", "Spreker 2"),
                 label_ids=[]),
    "kr06": dict(fmt="docx", bold=False, labels=("Lotte", "Tim"),
                 label_ids=[("Lotte", "PERSOON"), ("Tim", "PERSOON")]),
}

STYLES = {
    "kr01": ("casusgericht",
             "Gezinsregisseur die veel partners inschakelt (advocaat, school, wijkagent, Veilig Thuis) "
             "maar steeds als middel voor het plan van dit ene gezin, haar vertrouwen bij beide ouders "
             "en de kinderen opbouwt en de werkgroep over structurele afspraken uitdrukkelijk aan haar "
             "teamleider overlaat."),
    "kr02": ("netwerkgericht",
             "Schoolmaatschappelijk werker die warm over een kind vertelt maar het dagelijkse contact "
             "overdraagt aan intern begeleider en gezinscoach en haar eigen inzet en vertrouwen steekt in "
             "een schoolafspraak tussen elf scholen, Veilig Thuis, de Raad, wijkagenten en advocaten, "
             "met evaluatie, escalatie en patronen over casussen heen."),
    "kr03": ("onbepaald",
             "Genuinely mixed: de voormalig advocaat investeert even zwaar in het persoonlijk begeleiden "
             "van één gezin (huisbezoeken, gesprek met de dochter, plan, crisis bij de verhuizing) als in "
             "het convenant met advocatenkantoren, de werkafspraak met de Raad en de proef met de "
             "rechtbank, zonder dat ze dit zelf benoemt."),
    "kr04": ("casusgericht",
             "Jeugdbeschermer die alles richt op het vertrouwen van twee kinderen en hun ouders, partners "
             "gericht inzet voor dit gezin en deelname aan de regionale scheidingstafel bewust afwijst."),
    "kr05": ("netwerkgericht",
             "Senior beleidsregisseur die ontroerende gezinsverhalen vertelt maar het contact aan de "
             "gezinsregisseur laat en haar inzet en vertrouwen richt op werkafspraken tussen directeuren, "
             "escalatieladders en patroonanalyses over veertig casussen."),
    "kr06": ("casusgericht",
             "Raadsonderzoeker die veel over routekaarten, werkafspraken en tafels praat maar zijn eigen "
             "inzet in het kind en haar ouders steekt, informele routes gebruikt voor deze zaak en "
             "structureel werk na één poging aan anderen overlaat."),
}


def parse_source(doc_id):
    path = os.path.join(SRC, f"{doc_id}.txt")
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, _, body = p.partition(": ")
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after first turn")
            header.append(body)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = TAG_RE.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without orientation tag: {body[:60]}")
                orient = m.group(1)
                body = body[:m.start()]
            elif TAG_RE.search(body):
                sys.exit(f"{doc_id}: interviewer paragraph with orientation tag")
            if turns and turns[-1][0] == kind:
                sys.exit(f"{doc_id}: two consecutive {kind} turns")
            if not turns and kind != "I":
                sys.exit(f"{doc_id}: first turn is not the interviewer")
            turns.append((kind, body, orient))
        else:
            sys.exit(f"{doc_id}: unknown paragraph kind {kind!r}")
    return header, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def collect_ids(doc_id, pieces, label_ids):
    ids = {}
    order = []
    for s, t in label_ids:
        ids[s] = t
        order.append(s)
    for text in pieces:
        for m in ID_RE.finditer(text):
            s, t = m.group(1), m.group(2)
            if t not in TYPES:
                sys.exit(f"{doc_id}: unknown type {t}")
            if s in ids and ids[s] != t:
                sys.exit(f"{doc_id}: {s!r} tagged as {ids[s]} and {t}")
            if s not in ids:
                ids[s] = t
                order.append(s)
    # consistency: a tagged string should not also occur untagged
    rest = "\n".join(ID_RE.sub("\x00", p) for p in pieces)
    for s in order:
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest):
            print(f"WARNING {doc_id}: {s!r} also occurs untagged", file=sys.stderr)
    return [(s, ids[s]) for s in order]


def words(s):
    return [w for w in s.split() if re.search(r"\w", w)]


def split_cues(marked, max_words=16):
    """Split a marked-up turn into cue texts at sentence ends outside [[...]]."""
    sents, buf, depth, i = [], "", 0, 0
    while i < len(marked):
        if marked.startswith("[[", i):
            depth += 1
            buf += "[["
            i += 2
            continue
        if marked.startswith("]]", i):
            depth -= 1
            buf += "]]"
            i += 2
            continue
        c = marked[i]
        buf += c
        if depth == 0 and c in ".?!" and (i + 1 == len(marked) or marked[i + 1] == " "):
            sents.append(buf.strip())
            buf = ""
        i += 1
    if buf.strip():
        sents.append(buf.strip())
    chunks, cur = [], []
    for s in sents:
        n = len(words(plain(s)))
        cur_n = sum(len(words(plain(x))) for x in cur)
        if cur and cur_n >= 5 and cur_n + n > max_words:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return [plain(c) for c in chunks]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels):
    """Yield (speaker, start, end, text) with a plausible running clock."""
    t = 2.4
    out = []
    for kind, body, _ in turns:
        spk = labels[0] if kind == "I" else labels[1]
        for chunk in split_cues(body):
            dur = max(1.4, len(words(chunk)) / 2.4)
            out.append((spk, t, t + dur, chunk))
            t += dur + 0.2
        t += 0.9
    return out


def write_docx(doc_id, cfg, header, turns):
    d = Document()
    d.core_properties.author = "Transcriptie"
    d.core_properties.title = ""
    d.core_properties.comments = ""
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    li, lr = cfg["labels"]
    for kind, body, _ in turns:
        label = li if kind == "I" else lr
        if cfg["bold"]:
            p = d.add_paragraph()
            r = p.add_run(f"{label}:")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            d.add_paragraph(f"{label}: {plain(body)}")
    d.save(os.path.join(OUT, f"{doc_id}.docx"))


def write_txt(doc_id, cfg, header, turns):
    li, lr = cfg["labels"]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for kind, body, _ in turns:
        lines.append(f"{li if kind == 'I' else lr}: {plain(body)}")
        lines.append("")
    text = cfg["newline"].join(lines)
    with open(os.path.join(OUT, f"{doc_id}.txt"), "wb") as fh:
        fh.write(text.encode(cfg["encoding"]))


def write_txt_ts(doc_id, cfg, header, turns):
    li, lr = cfg["labels"]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = 3.0
    for kind, body, _ in turns:
        text = plain(body)
        stamp = ts(t, ".")[:8]
        lines.append(f"[{stamp}] {li if kind == 'I' else lr}: {text}")
        lines.append("")
        t += len(words(text)) / 2.4 + 1.6
    data = cfg["newline"].join(lines)
    with open(os.path.join(OUT, f"{doc_id}.txt"), "wb") as fh:
        fh.write(data.encode(cfg["encoding"]))


def write_vtt(doc_id, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(plain(h) for h in header)
        lines.append("")
    for spk, a, b, text in timed_cues(turns, cfg["labels"]):
        lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        lines.append(f"<v {spk}>{text}")
        lines.append("")
    with open(os.path.join(OUT, f"{doc_id}.vtt"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def write_srt(doc_id, cfg, header, turns):
    if header:
        sys.exit(f"{doc_id}: srt has no header")
    lines = []
    for n, (spk, a, b, text) in enumerate(timed_cues(turns, cfg["labels"]), 1):
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{spk}: {text}", ""]
    data = cfg["newline"].join(lines)
    with open(os.path.join(OUT, f"{doc_id}.srt"), "wb") as fh:
        fh.write(data.encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "txt_ts": write_txt_ts,
           "vtt": write_vtt, "srt": write_srt}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    id_rows, or_rows, summary = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_source(doc_id)
        WRITERS[cfg["fmt"]](doc_id, cfg, header, turns)
        pieces = header + [b for _, b, _ in turns]
        for s, t in collect_ids(doc_id, pieces, cfg["label_ids"]):
            id_rows.append((doc_id, s, t))
        for idx, (kind, _, orient) in enumerate(turns, 1):
            if kind == "R" and orient in ("casus", "netwerk"):
                or_rows.append((doc_id, idx, orient))
        n_words = sum(len(words(plain(b))) for _, b, _ in turns)
        n_resp = sum(1 for k, _, _ in turns if k == "R")
        n_ids = sum(1 for r in id_rows if r[0] == doc_id)
        summary.append((doc_id, cfg["fmt"], n_words, n_resp, n_ids))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for row in summary:
        print("%s  %-6s words=%d respondent_turns=%d identifiers=%d" % row)


if __name__ == "__main__":
    main()
