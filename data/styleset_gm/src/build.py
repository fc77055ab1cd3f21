#!/usr/bin/env python
"""Build the setGM transcripts and csv files from the annotated sources.

Source format (src/gmNN.txt), paragraphs separated by blank lines:
  # style: <casusgericht|netwerkgericht|onbepaald>
  # rationale: <one sentence>
  H: header line            (rendered in the format's header, if any)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: format and speaker labels (interviewer, respondent)
DOCS = {
    "gm01": dict(fmt="vtt", labels=("Lotte Verhagen", "Ruud Brinkman"), label_ids=True),
    "gm02": dict(fmt="docx_bold", labels=("Interviewer", "Agnieszka"), label_ids=False,
                 label_persons=("Agnieszka",)),
    "gm03": dict(fmt="txt_ir", labels=("I", "R"), encoding="cp1252", newline="\r\n"),
    "gm04": dict(fmt="srt", labels=("Daan", "Marja"), label_ids=True, newline="\r\n"),
    "gm05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), encoding="utf-8", newline="\n"),
    "gm06": dict(fmt="docx_plain", labels=("Interviewer", "Respondent")),
}

MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    meta, header, turns = {}, [], []
    for block in re.split(r"\n\s*\n", raw.strip()):
        block = " ".join(line.strip() for line in block.strip().splitlines())
        if not block:
            continue
        if block.startswith("#"):
            # may contain several '# key: value' lines joined by spaces
            for m in re.finditer(r"#\s*(\w+):\s*(.*?)(?=\s#\s*\w+:|$)", block):
                meta[m.group(1)] = m.group(2).strip()
            continue
        tag, _, text = block.partition(": ")
        if tag == "H":
            header.append(text)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = ORIENT.search(text)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without orientation: {text[:60]}")
                orient = m.group(1)
                text = text[: m.start()].rstrip()
            elif ORIENT.search(text):
                sys.exit(f"{doc}: interviewer paragraph with orientation: {text[:60]}")
            turns.append((tag, text, orient))
        else:
            sys.exit(f"{doc}: unknown paragraph tag {tag!r}")
    return meta, header, turns


def strip(text, ids):
    def repl(m):
        val, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ}")
        ids.append((val, typ))
        return val
    return MARK.sub(repl, text)


def tokens(annotated):
    """Plain word tokens; identifiers kept atomic (so cues never split them)."""
    prot = MARK.sub(lambda m: m.group(1).replace(" ", "\x02"), annotated)
    return [w.replace("\x02", " ") for w in prot.split()]


def chunk(words, maxw=14):
    """Split words into cue-sized chunks, preferring sentence ends."""
    chunks, cur = [], []
    for w in words:
        cur.append(w)
        n = len(cur)
        end = w.endswith((".", "?", "!", ":")) and not w.endswith("..")
        if (end and n >= 6) or n >= maxw or (w.endswith(",") and n >= 10):
            chunks.append(cur)
            cur = []
    if cur:
        if chunks and len(cur) < 3:
            chunks[-1].extend(cur)
        else:
            chunks.append(cur)
    return [" ".join(c) for c in chunks]


def ts(sec, sep):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = sec % 60
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{int(s):02d}{sep}{ms:03d}"


def timed_cues(doc, turns, labels, start=2.4):
    rnd = random.Random(doc)
    t = start
    cues = []
    for tag, text, _ in turns:
        label = labels[0] if tag == "I" else labels[1]
        for c in chunk(tokens(text)):
            n = len(c.split())
            dur = max(1.2, n / 2.6 + rnd.uniform(-0.3, 0.5))
            cues.append((t, t + dur, label, c))
            t += dur + rnd.uniform(0.05, 0.35)
        t += rnd.uniform(0.4, 1.6)
    return cues


def render(doc, cfg, header, turns):
    labels = cfg["labels"]
    fmt = cfg["fmt"]
    plain_header = [strip(h, []) for h in header]
    plain_turns = [(tag, strip(text, []), o) for tag, text, o in turns]
    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        if plain_header:
            lines.append("NOTE")
            lines.extend(plain_header)
            lines.append("")
        for i, (a, b, label, c) in enumerate(timed_cues(doc, turns, labels), 1):
            lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
            lines.append(f"<v {label}>{c}</v>")
            lines.append("")
        data = "\n".join(lines).encode("utf-8")
        path = os.path.join(OUT, doc + ".vtt")
        with open(path, "wb") as fh:
            fh.write(data)
    elif fmt == "srt":
        nl = cfg.get("newline", "\n")
        lines = []
        for i, (a, b, label, c) in enumerate(timed_cues(doc, turns, labels, start=0.8), 1):
            lines += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {c}", ""]
        data = nl.join(lines).encode("utf-8")
        with open(os.path.join(OUT, doc + ".srt"), "wb") as fh:
            fh.write(data)
    elif fmt in ("txt_ir", "txt_ts"):
        nl = cfg.get("newline", "\n")
        lines = list(plain_header)
        if lines:
            lines.append("")
        if fmt == "txt_ir":
            for tag, text, _ in plain_turns:
                lines.append(f"{labels[0] if tag == 'I' else labels[1]}: {text}")
                lines.append("")
        else:
            rnd = random.Random(doc)
            t = 3.0
            for tag, text, _ in plain_turns:
                sec = int(t)
                stamp = f"[{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}]"
                lines.append(f"{stamp} {labels[0] if tag == 'I' else labels[1]}: {text}")
                lines.append("")
                t += len(text.split()) / 2.5 + rnd.uniform(1.0, 3.5)
        data = nl.join(lines).encode(cfg.get("encoding", "utf-8"))  # strict: fails on bad chars
        with open(os.path.join(OUT, doc + ".txt"), "wb") as fh:
            fh.write(data)
    elif fmt in ("docx_bold", "docx_plain"):
        import docx
        from docx.shared import Pt
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in plain_header:
            d.add_paragraph(h)
        if plain_header:
            d.add_paragraph("")
        for tag, text, _ in plain_turns:
            label = labels[0] if tag == "I" else labels[1]
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(label + ":")
                r.bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{label}: {text}")
        d.core_properties.author = "transcriptie"
        d.save(os.path.join(OUT, doc + ".docx"))
    else:
        sys.exit(f"unknown format {fmt}")


def consistency(doc, header, turns, idents):
    """Warn when an identifier string also occurs unannotated in the document."""
    rest = " ".join([MARK.sub(" ", h) for h in header] + [MARK.sub(" ", t) for _, t, _ in turns])
    for val, typ in idents:
        if re.search(r"(?<![\w@.-])" + re.escape(val) + r"(?![\w@-])", rest):
            print(f"WARNING {doc}: '{val}' ({typ}) also occurs unannotated")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, orient_rows, ident_rows = [], [], []
    for doc, cfg in DOCS.items():
        meta, header, turns = parse_src(doc)
        ids = []
        for h in header:
            strip(h, ids)
        for _, t, _ in turns:
            strip(t, ids)
        # speaker-label names count as PERSOON
        if cfg.get("label_ids"):
            ids = [(lab, "PERSOON") for lab in cfg["labels"]] + ids
        for lab in cfg.get("label_persons", ()):
            ids = [(lab, "PERSOON")] + ids
        seen, uniq = {}, []
        for val, typ in ids:
            if val in seen:
                if seen[val] != typ:
                    sys.exit(f"{doc}: '{val}' annotated as {seen[val]} and {typ}")
                continue
            seen[val] = typ
            uniq.append((val, typ))
        consistency(doc, header, turns, uniq)
        render(doc, cfg, header, turns)
        style_rows.append((doc, meta["style"], meta["rationale"]))
        for i, (tag, _, o) in enumerate(turns, 1):
            if tag == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        ident_rows.extend((doc, v, t) for v, t in uniq)
        words = sum(len(strip(t, []).split()) for _, t, _ in turns)
        nresp = sum(1 for tag, _, _ in turns if tag == "R")
        print(f"{doc}: {cfg['fmt']:10s} turns={len(turns)} resp={nresp} words={words} ids={len(uniq)}")

    def write(name, head, rows):
        with open(os.path.join(ROOT, name), "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(head)
            w.writerows(rows)
    write("styles.csv", ["doc_id", "style", "rationale"], style_rows)
    write("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(orient_rows))
    write("identifiers.csv", ["doc_id", "identifier", "type"], ident_rows)


if __name__ == "__main__":
    main()
