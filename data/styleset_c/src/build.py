#!/usr/bin/env python3
"""Build set C transcripts and CSV files from the annotated sources in this folder.

Source format (one file per document, src/<id>.src, UTF-8):
  #key: value           metadata (style, rationale, format, labels, label_style, label_ident,
                        encoding, timestamps, header [repeatable])
  I: text               interviewer turn (one line = one turn)
  R: text {c|n|0}       respondent turn, ending in its orientation mark
Inline identifiers: [[verbatim text|CODE]], CODE in P L A D T E N G O (see TYPES).

Run with any python that has python-docx:  python build.py
Outputs (one level up): transcripts/<id>.<ext>, styles.csv, orientation.csv, identifiers.csv,
and prints a summary table (words, turns) used for README.md.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
DOCS = ["bc01", "bc02", "bc03", "bc04", "bc05", "bc06"]
TYPES = {"P": "PERSOON", "L": "LOCATIE", "A": "ADRES", "D": "DATUM", "T": "TELEFOON",
         "E": "EMAIL", "N": "DOSSIER", "G": "LEEFTIJD", "O": "ORGANISATIE_NAAM"}
ORIENT = {"c": "casus", "n": "netwerk", "0": None}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z])\]\]")
MARK_RE = re.compile(r"\s*\{([cn0])\}\s*$")


def parse(doc_id):
    meta, headers, turns = {}, [], []
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].partition(":")
                k, v = k.strip(), v.strip()
                if k == "header":
                    headers.append(v)
                else:
                    meta[k] = v
                continue
            spk, _, text = line.partition(": ")
            if spk not in ("I", "R"):
                sys.exit(f"{doc_id}:{ln}: line must start with 'I: ' or 'R: '")
            orient = None
            if spk == "R":
                m = MARK_RE.search(text)
                if not m:
                    sys.exit(f"{doc_id}:{ln}: respondent turn without orientation mark")
                orient = ORIENT[m.group(1)]
                text = text[: m.start()]
            elif MARK_RE.search(text):
                sys.exit(f"{doc_id}:{ln}: interviewer turn with orientation mark")
            turns.append((spk, text.strip(), orient))
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return meta, headers, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def identifiers(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown identifier type {m.group(2)} in {m.group(0)}")
        out.append((m.group(1), TYPES[m.group(2)]))
    return out


def cues(marked):
    """Split a marked-up turn into cue texts; identifiers are never split."""
    spans = []

    def keep(m):
        spans.append(m.group(1))
        return "\x00%d\x00" % (len(spans) - 1)

    words = ID_RE.sub(keep, marked).split()
    chunks, cur = [], []
    for w in words:
        cur.append(w)
        n = len(cur)
        end = w.rstrip('"\u201d)') 
        if (end.endswith((".", "?", "!", "...")) and n >= 6) or (end.endswith(",") and n >= 15) or n >= 22:
            chunks.append(cur)
            cur = []
    if cur:
        if chunks and len(cur) < 3:
            chunks[-1].extend(cur)
        else:
            chunks.append(cur)
    restore = lambda t: re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], t)
    return [restore(" ".join(c)) for c in chunks]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels):
    t = 2.4
    out = []
    for i, (spk, text, _) in enumerate(turns):
        lab = labels[0] if spk == "I" else labels[1]
        for c in cues(text):
            dur = max(1.2, 0.36 * len(c.split()))
            out.append((t, t + dur, lab, c))
            t += dur + 0.25
        t += 0.9
    return out


def write_docx(path, meta, headers, turns, labels):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for j, h in enumerate(headers):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if j == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph()
    bold = meta.get("label_style", "bold") == "bold"
    for spk, text, _ in turns:
        lab = labels[0] if spk == "I" else labels[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{lab}: {plain(text)}")
    d.core_properties.author = ""
    d.core_properties.title = ""
    d.save(path)


def write_vtt(path, headers, turns, labels):
    lines = ["WEBVTT", ""]
    for h in headers:
        lines += [plain(h), ""]
    for a, b, lab, c in timed_cues(turns, labels):
        lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_srt(path, turns, labels):
    lines = []
    for k, (a, b, lab, c) in enumerate(timed_cues(turns, labels), 1):
        lines += [str(k), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
    with open(path, "w", encoding="utf-8-sig", newline="\r\n") as f:
        f.write("\n".join(lines))


def write_txt(path, meta, headers, turns, labels):
    enc = meta.get("encoding", "utf-8")
    stamps = meta.get("timestamps") == "yes"
    lines = [plain(h) for h in headers]
    if lines:
        lines.append("")
    t = 5.0
    for spk, text, _ in turns:
        lab = labels[0] if spk == "I" else labels[1]
        txt = plain(text)
        if stamps:
            s = int(t)
            lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab}: {txt}")
            t += 0.4 * len(txt.split()) + 2.0
        else:
            lines.append(f"{lab}: {txt}")
        lines.append("")
    nl = "\r\n" if enc == "cp1252" else "\n"
    with open(path, "w", encoding=enc, newline=nl) as f:
        f.write("\n".join(lines))


EXT = {"docx": "docx", "vtt": "vtt", "srt": "srt", "txt": "txt"}


def main():
    os.makedirs(os.path.join(OUT, "transcripts"), exist_ok=True)
    styles, orient_rows, id_rows, summary = [], [], [], []
    for doc in DOCS:
        meta, headers, turns = parse(doc)
        labels = [x.strip() for x in meta["labels"].split("|")]
        fmt = meta["format"]
        path = os.path.join(OUT, "transcripts", f"{doc}.{EXT[fmt]}")
        if fmt == "docx":
            write_docx(path, meta, headers, turns, labels)
        elif fmt == "vtt":
            write_vtt(path, headers, turns, labels)
        elif fmt == "srt":
            write_srt(path, turns, labels)
        else:
            write_txt(path, meta, headers, turns, labels)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (spk, _, o) in enumerate(turns, 1):
            if spk == "R" and o:
                orient_rows.append((doc, i, o))
        seen = set()
        ids = []
        for h in headers:
            ids += identifiers(h)
        if "label_ident" in meta:
            for lab, code in zip(labels, [x.strip() for x in meta["label_ident"].split("|")]):
                if code and code != "-":
                    ids.append((lab, TYPES[code]))
        for _, text, _ in turns:
            ids += identifiers(text)
        for ident, typ in ids:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                id_rows.append((doc, ident, typ))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rwords = sum(len(plain(t).split()) for s, t, _ in turns if s == "R")
        rturns = sum(1 for s, _, _ in turns if s == "R")
        oc = sum(1 for s, _, o in turns if o == "casus")
        on = sum(1 for s, _, o in turns if o == "netwerk")
        summary.append((doc, meta["style"], fmt + ("/" + meta.get("encoding", "") if fmt == "txt" else ""),
                        words, rwords, len(turns), rturns, oc, on))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   style           format      words  resp_words turns resp_turns casus netwerk")
    for r in summary:
        print("{:5} {:15} {:11} {:6} {:10} {:5} {:10} {:5} {:7}".format(*r))


if __name__ == "__main__":
    main()
