"""Build the setKK transcripts and csv files from the annotated sources in src/.

Source format (one paragraph per line):
  #key: value        metadata (format, encoding, newline, bold, timestamps, ilabel, rlabel, style, rationale)
  H: ...             header line (not a turn)
  I: ...             interviewer turn
  R: ... {tag}       respondent turn, tag = casus | netwerk | -
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import glob
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRANS = os.path.join(OUT, "transcripts")

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx": "docx", "txt": "txt", "vtt": "vtt", "srt": "srt"}


def strip(text, ids):
    """Remove markup, collect (string, type) pairs, return plain text and spans."""
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(text):
        chunk = text[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"unknown type {t} in {text[:60]}")
        ids.append((s, t))
        spans.append((length, length + len(s), s))
        out.append(s)
        length += len(s)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def parse(path):
    doc = {"id": os.path.splitext(os.path.basename(path))[0], "meta": {}, "header": [], "turns": [], "ids": [],
           "spans": []}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                doc["meta"][k.strip()] = v.strip()
                continue
            kind, body = line[:2], line[3:]
            if kind == "H:":
                plain, spans = strip(body, doc["ids"])
                doc["header"].append(plain)
                doc["spans"].append((plain, spans))
            elif kind in ("I:", "R:"):
                tag = None
                if kind == "R:":
                    m = TAG.search(body)
                    if not m:
                        sys.exit(f"{doc['id']}: respondent turn without tag: {body[:60]}")
                    tag = m.group(1)
                    body = body[:m.start()]
                elif TAG.search(body):
                    sys.exit(f"{doc['id']}: interviewer turn with tag")
                plain, spans = strip(body, doc["ids"])
                doc["turns"].append(("I" if kind == "I:" else "R", plain, tag))
                doc["spans"].append((plain, spans))
            else:
                sys.exit(f"{doc['id']}: bad line {line[:60]}")
    # speaker labels may carry identifiers
    for key in ("ilabel", "rlabel"):
        plain, _ = strip(doc["meta"][key], doc["ids"])
        doc["meta"][key] = plain
    return doc


def check_marking(doc):
    """Warn when an identifier string also occurs unmarked in a paragraph."""
    warnings = []
    strings = sorted({s for s, _ in doc["ids"]}, key=len, reverse=True)
    for plain, spans in doc["spans"]:
        for s in strings:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", plain):
                covered = any(a <= m.start() and m.end() <= b for a, b, _ in spans)
                if not covered:
                    warnings.append(f"{doc['id']}: unmarked '{s}' in: ...{plain[max(0, m.start()-30):m.end()+30]}...")
    return warnings


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def chunks(text, limit=26):
    sents = re.split(r"(?<=[.!?)])\s+", text)
    out, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > limit:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def label(doc, who):
    return doc["meta"]["ilabel"] if who == "I" else doc["meta"]["rlabel"]


def timed_cues(doc):
    t = 2.0
    cues = []
    for who, text, _ in doc["turns"]:
        for c in chunks(text):
            dur = max(1.5, words(c) / 2.6)
            cues.append((t, t + dur, who, c))
            t += dur + 0.3
        t += 0.9
    return cues


def write_docx(doc, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    bold = doc["meta"].get("bold", "no") == "yes"
    for h in doc["header"]:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if doc["header"]:
        d.add_paragraph()
    for who, text, _ in doc["turns"]:
        p = d.add_paragraph()
        r = p.add_run(label(doc, who) + ":")
        r.bold = bold
        p.add_run(" " + text)
    d.core_properties.title = ""
    d.core_properties.author = "transcriptie"
    d.save(path)


def write_txt(doc, path):
    meta = doc["meta"]
    lines = list(doc["header"])
    if lines:
        lines.append("")
    if meta.get("timestamps") == "yes":
        t = 3.0
        for who, text, _ in doc["turns"]:
            lines.append(f"[{ts(t, ',')[:8]}] {label(doc, who)}: {text}")
            lines.append("")
            t += words(text) / 2.5 + 2.0
    else:
        for who, text, _ in doc["turns"]:
            lines.append(f"{label(doc, who)}: {text}")
            lines.append("")
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    data = nl.join(lines).rstrip() + nl
    with open(path, "wb") as f:
        f.write(data.encode(meta.get("encoding", "utf-8")))


def write_vtt(doc, path):
    out = ["WEBVTT", ""]
    if doc["header"]:
        out.append("NOTE")
        out.extend(doc["header"])
        out.append("")
    for a, b, who, c in timed_cues(doc):
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {label(doc, who)}>{c}</v>")
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, path):
    out = []
    for i, (a, b, who, c) in enumerate(timed_cues(doc), 1):
        out += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label(doc, who)}: {c}", ""]
    nl = "\r\n" if doc["meta"].get("newline") == "crlf" else "\n"
    with open(path, "wb") as f:
        f.write(nl.join(out).encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "vtt": write_vtt, "srt": write_srt}


def main():
    os.makedirs(TRANS, exist_ok=True)
    for old in glob.glob(os.path.join(TRANS, "*")):
        os.remove(old)
    docs = [parse(p) for p in sorted(glob.glob(os.path.join(HERE, "kk*.txt")))]
    styles, orient, idrows, warnings = [], [], [], []
    for doc in docs:
        fmt = doc["meta"]["format"]
        path = os.path.join(TRANS, f"{doc['id']}.{EXT[fmt]}")
        WRITERS[fmt](doc, path)
        styles.append((doc["id"], doc["meta"]["style"], doc["meta"]["rationale"]))
        for i, (who, _, tag) in enumerate(doc["turns"], 1):
            if who == "R" and tag in ("casus", "netwerk"):
                orient.append((doc["id"], i, tag))
        seen = {}
        for s, t in doc["ids"]:
            if s in seen and seen[s] != t:
                warnings.append(f"{doc['id']}: '{s}' has two types {seen[s]} / {t}")
            if s not in seen:
                seen[s] = t
                idrows.append((doc["id"], s, t))
        warnings += check_marking(doc)
        spoken = sum(words(x) for _, x, _ in doc["turns"])
        nresp = sum(1 for w, _, _ in doc["turns"] if w == "R")
        tags = [t for w, _, t in doc["turns"] if w == "R"]
        print(f"{doc['id']}: {fmt:4s} words={spoken} turns={len(doc['turns'])} resp={nresp} "
              f"casus={tags.count('casus')} netwerk={tags.count('netwerk')} none={tags.count('-')} ids={len(seen)}")
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    for x in warnings:
        print("WARNING", x)


if __name__ == "__main__":
    main()
