#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set nb from the annotated sources.

Source format (src/nbXX.txt), one paragraph per line:
  # ...            comment
  STYLE: ...       style label
  RATIONALE: ...   one-sentence rationale
  H: ...           header line (metadata, not a turn)
  I: ...           interviewer turn
  R: ... {tag}     respondent turn, tag is casus / netwerk / -
Identifiers are marked inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
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

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# doc_id -> format, speaker labels (interviewer, respondent), whether labels are person names
DOCS = {
    "nb01": dict(fmt="docx_bold", labels=("Joost", "Marloes"), names=True),
    "nb02": dict(fmt="txt_cp1252", labels=("I", "R"), names=False),
    "nb03": dict(fmt="vtt", labels=("Pieter de Bruin", "Nadia Amrani"), names=True),
    "nb04": dict(fmt="srt", labels=("Lotte", "Bart"), names=True),
    "nb05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), names=False),
    "nb06": dict(fmt="docx_plain", labels=("Interviewer", "Respondent"), names=False),
}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt", "txt_ts": "txt",
       "vtt": "vtt", "srt": "srt"}

TAG_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return TAG_RE.sub(lambda m: m.group(1), s)


def parse_source(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    d = dict(style=None, rationale=None, header=[], turns=[], idents=[])
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("STYLE:"):
                d["style"] = line[6:].strip()
                continue
            if line.startswith("RATIONALE:"):
                d["rationale"] = line[10:].strip()
                continue
            kind, _, text = line.partition(": ")
            if kind not in ("H", "I", "R"):
                sys.exit(f"{doc_id}:{n}: bad paragraph kind {kind!r}")
            orient = None
            if kind == "R":
                m = ORIENT_RE.search(text)
                if not m:
                    sys.exit(f"{doc_id}:{n}: respondent paragraph without {{casus|netwerk|-}}")
                orient = m.group(1)
                text = text[:m.start()]
            elif ORIENT_RE.search(text):
                sys.exit(f"{doc_id}:{n}: orientation tag on non-respondent paragraph")
            for m in TAG_RE.finditer(text):
                if m.group(2) not in TYPES:
                    sys.exit(f"{doc_id}:{n}: bad type {m.group(2)}")
                d["idents"].append((m.group(1), m.group(2)))
            if "[[" in TAG_RE.sub("", text) or "]]" in TAG_RE.sub("", text):
                sys.exit(f"{doc_id}:{n}: malformed tag")
            if kind == "H":
                d["header"].append(text)
            else:
                d["turns"].append((kind, text, orient))
    kinds = [k for k, _, _ in d["turns"]]
    for i, k in enumerate(kinds):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return d


# ---------------------------------------------------------------- cue helpers
def protect(text):
    """Replace identifier tags by placeholders so cue splitting never cuts one."""
    store = []

    def rep(m):
        store.append(m.group(1))
        return "\x00%d\x00" % (len(store) - 1)

    return TAG_RE.sub(rep, text), store


def restore(text, store):
    return re.sub("\x00(\\d+)\x00", lambda m: store[int(m.group(1))], text)


def split_cues(text, max_words=22):
    prot, store = protect(text)
    sents = re.split(r"(?<=[.!?…])\s+(?=[\"“A-ZÀ-Þ(\x00])", prot)
    cues, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and sum(len(c.split()) for c in cur) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return [restore(c, store) for c in cues]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def timed_cues(turns, labels):
    """Yield (start, end, label, text) for every cue; several cues per turn."""
    t = 2.4
    for kind, text, _ in turns:
        label = labels[0] if kind == "I" else labels[1]
        for cue in split_cues(text):
            dur = max(1.6, len(cue.split()) / 2.6)
            yield t, t + dur, label, cue
            t += dur + 0.25
        t += 0.9


def turn_times(turns):
    t = 3.0
    for kind, text, _ in turns:
        yield t
        t += len(plain(text).split()) / 2.5 + 1.5


# ---------------------------------------------------------------- writers
def write_docx(path, d, labels, bold):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in d["header"]:
        doc.add_paragraph(plain(h))
    if d["header"]:
        doc.add_paragraph("")
    for kind, text, _ in d["turns"]:
        label = labels[0] if kind == "I" else labels[1]
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(label + ": " + plain(text))
    doc.save(path)


def write_txt_cp1252(path, d, labels):
    lines = [plain(h) for h in d["header"]] + [""]
    for kind, text, _ in d["turns"]:
        label = labels[0] if kind == "I" else labels[1]
        lines.append(f"{label}: {plain(text)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")  # strict: fails on non-cp1252 chars
    with open(path, "wb") as f:
        f.write(data)


def write_txt_ts(path, d, labels):
    lines = [plain(h) for h in d["header"]] + [""]
    for (kind, text, _), t in zip(d["turns"], turn_times(d["turns"])):
        label = labels[0] if kind == "I" else labels[1]
        lines.append(f"[{ts(t, ',')[:8]}] {label}: {plain(text)}")
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_vtt(path, d, labels):
    out = ["WEBVTT", ""]
    if d["header"]:
        out.append("NOTE")
        out += [plain(h) for h in d["header"]]
        out.append("")
    for a, b, label, cue in timed_cues(d["turns"], labels):
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {label}>{cue}</v>")
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(path, d, labels):
    out = []
    for n, (a, b, label, cue) in enumerate(timed_cues(d["turns"], labels), 1):
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {cue}", ""]
    with open(path, "wb") as f:
        f.write("\r\n".join(out).encode("utf-8"))


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orients, idents = [], [], []
    for doc_id, cfg in DOCS.items():
        d = parse_source(doc_id)
        labels = cfg["labels"]
        path = os.path.join(OUT, f"{doc_id}.{EXT[cfg['fmt']]}")
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx(path, d, labels, True)
        elif fmt == "docx_plain":
            write_docx(path, d, labels, False)
        elif fmt == "txt_cp1252":
            write_txt_cp1252(path, d, labels)
        elif fmt == "txt_ts":
            write_txt_ts(path, d, labels)
        elif fmt == "vtt":
            write_vtt(path, d, labels)
        elif fmt == "srt":
            write_srt(path, d, labels)
        styles.append((doc_id, d["style"], d["rationale"]))
        for i, (kind, _, o) in enumerate(d["turns"], 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orients.append((doc_id, i, o))
        seen = {}
        pool = list(d["idents"])
        if cfg["names"]:
            pool = [(labels[0], "PERSOON"), (labels[1], "PERSOON")] + pool
        for s, t in pool:
            if s in seen:
                if seen[s] != t:
                    sys.exit(f"{doc_id}: identifier {s!r} has two types")
                continue
            seen[s] = t
            idents.append((doc_id, s, t))
        words = sum(len(re.findall(r"\w+(?:[-'’]\w+)*", plain(t))) for _, t, _ in d["turns"])
        nr = sum(1 for k, _, _ in d["turns"] if k == "R")
        print(f"{doc_id}: {os.path.basename(path)} words={words} respondent_turns={nr} "
              f"identifiers={len(seen)} oriented={sum(1 for o in orients if o[0] == doc_id)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
