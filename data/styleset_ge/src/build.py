"""Build the setGE transcripts and csv files from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/geNN.src):
  '#key: value' metadata lines (format, encoding, newline, labels, style ...),
  then paragraphs separated by blank lines, each starting with 'H: ' (header),
  'I: ' (interviewer turn) or 'R: ' (respondent turn). Identifiers are marked
  inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
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
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker",
             "meer van de casus", "meer van het netwerk"]

problems = []


def warn(msg):
    problems.append(msg)
    print("WARNING:", msg, file=sys.stderr)


def strip(text, ids, doc):
    """Remove markup, record identifiers (in order)."""
    def repl(m):
        value, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            warn(f"{doc}: unknown type {typ} for {value!r}")
        ids.append((value, typ))
        return value
    out = MARK.sub(repl, text)
    if "[[" in out or "]]" in out or "|" in out:
        warn(f"{doc}: stray markup in {out[:60]!r}")
    return out


def parse(path):
    doc = path.stem
    meta, paras, cur = {}, [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not paras and not cur:
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        if line.strip() == "":
            if cur:
                paras.append(" ".join(cur))
                cur = []
        else:
            cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    ids = []
    labels = {}
    for who in ("I", "R"):
        labels[who] = strip(meta["label_" + who], ids, doc)
    header, turns = [], []
    raw_texts = []
    for p in paras:
        kind, _, body = p.partition(": ")
        if kind not in ("H", "I", "R"):
            warn(f"{doc}: bad paragraph start {p[:30]!r}")
            continue
        orient = None
        if kind == "R":
            m = TAG.search(body)
            if not m:
                warn(f"{doc}: respondent paragraph without tag: {body[:40]!r}")
                orient = "-"
            else:
                orient = m.group(1)
                body = body[:m.start()]
        elif TAG.search(body):
            warn(f"{doc}: tag on non-respondent paragraph")
        raw_texts.append(body)
        text = strip(body, ids, doc)
        if kind == "H":
            header.append(text)
        else:
            turns.append((kind, text, orient))
    # alternation
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            warn(f"{doc}: turn {i+1} should be {'I' if i % 2 == 0 else 'R'}")
    # identifiers: distinct strings, consistent types
    seen = {}
    for value, typ in ids:
        if value in seen and seen[value] != typ:
            warn(f"{doc}: {value!r} typed {seen[value]} and {typ}")
        seen.setdefault(value, typ)
    # unlabelled occurrences of identifier strings
    unmarked = " \n ".join(MARK.sub(" ", t) for t in raw_texts)
    for value in seen:
        if re.search(r"(?<![\w@.-])" + re.escape(value) + r"(?![\w@-])", unmarked):
            warn(f"{doc}: unlabelled occurrence of {value!r}")
    full = " ".join(h for h in header) + " " + " ".join(t for _, t, _ in turns)
    for w in FORBIDDEN:
        if w in full.lower():
            warn(f"{doc}: forbidden wording {w!r}")
    return dict(doc=doc, meta=meta, labels=labels, header=header, turns=turns,
                ids=list(seen.items()))


def nwords(text):
    return len(text.split())


def sentences(text):
    # keep "(lacht)" / "(stilte)" with the sentence before it
    return re.split(r"(?<=[.!?…])\s+(?!\()|(?<=\))\s+", text.strip())


def chunks(text, limit=32):
    out, cur = [], []
    for s in sentences(text):
        n = nwords(s)
        if cur and sum(nwords(x) for x in cur) + n > limit:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(seconds, sep="."):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def label_of(d, kind):
    return d["labels"][kind]


def write_txt(d, path):
    meta = d["meta"]
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    lines = list(d["header"])
    if lines:
        lines.append("")
    t = 3.0
    for i, (kind, text, _) in enumerate(d["turns"]):
        prefix = ""
        if meta.get("timestamps") == "yes":
            prefix = "[" + ts(t)[:8] + "] "
            t += nwords(text) * 0.41 + 1.2
        lines.append(f"{prefix}{label_of(d, kind)}: {text}")
        lines.append("")
    data = nl.join(lines)
    path.write_bytes(data.encode(meta.get("encoding", "utf-8")))


def write_docx(d, path):
    bold = d["meta"].get("bold_labels") == "yes"
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in d["header"]:
        p = document.add_paragraph()
        r = p.add_run(h)
        r.italic = bold
    if d["header"]:
        document.add_paragraph()
    for kind, text, _ in d["turns"]:
        p = document.add_paragraph()
        if bold:
            r = p.add_run(label_of(d, kind) + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label_of(d, kind)}: {text}")
    document.core_properties.author = "transcriptie"
    document.core_properties.title = ""
    document.save(path)


def cue_list(d):
    t = 1.5
    cues = []
    for kind, text, _ in d["turns"]:
        for c in chunks(text):
            dur = max(1.6, nwords(c) * 0.40)
            cues.append((t, t + dur, label_of(d, kind), c))
            t += dur + 0.25
        t += 0.6
    return cues


def write_vtt(d, path):
    out = ["WEBVTT", ""]
    if d["header"]:
        out.append("NOTE")
        out.extend(d["header"])
        out.append("")
    for a, b, who, text in cue_list(d):
        out.append(f"{ts(a)} --> {ts(b)}")
        out.append(f"<v {who}>{text}")
        out.append("")
    path.write_bytes("\n".join(out).encode("utf-8"))


def write_srt(d, path):
    nl = "\r\n" if d["meta"].get("newline") == "crlf" else "\n"
    out = []
    for n, (a, b, who, text) in enumerate(cue_list(d), 1):
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{who}: {text}", ""]
    path.write_bytes(nl.join(out).encode("utf-8"))


WRITERS = {"txt": write_txt, "docx": write_docx, "vtt": write_vtt, "srt": write_srt}


def main():
    OUT.mkdir(exist_ok=True)
    docs = [parse(p) for p in sorted(SRC.glob("ge*.src"))]
    styles, orients, idents = [], [], []
    for d in docs:
        fmt = d["meta"]["format"]
        for old in OUT.glob(d["doc"] + ".*"):
            old.unlink()
        WRITERS[fmt](d, OUT / f"{d['doc']}.{fmt}")
        styles.append((d["doc"], d["meta"]["style"], d["meta"]["rationale"]))
        for i, (kind, text, orient) in enumerate(d["turns"], 1):
            if kind == "R" and orient in ("casus", "netwerk"):
                orients.append((d["doc"], i, orient))
        for value, typ in d["ids"]:
            idents.append((d["doc"], value, typ))
        words = sum(nwords(t) for _, t, _ in d["turns"])
        rturns = sum(1 for k, _, _ in d["turns"] if k == "R")
        oc = {o: sum(1 for x in d["turns"] if x[2] == o) for o in ("casus", "netwerk", "-")}
        print(f"{d['doc']}: {fmt:4s} words={words} respondent_turns={rturns} "
              f"ids={len(d['ids'])} orient={oc} style={d['meta']['style']}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    if problems:
        print(f"{len(problems)} warning(s)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
