#!/usr/bin/env python3
"""Build the setCZ transcripts and csv files from the annotated sources in src/.

Annotated source format (src/czNN.src):
  meta lines "key: value" until a line "---"
    format:   txt | txt1252 | txtts | docx_bold | docx_plain | srt | vtt
    ilabel / rlabel: speaker labels as they appear in the transcript
    header:   (repeatable) header line(s) printed above the turns (not for srt)
    style:    casusgericht | netwerkgericht | onbepaald
    rationale: one English sentence
  then one paragraph per turn, separated by blank lines:
    "I: ..." interviewer turn, "R: ... {casus|netwerk|-}" respondent turn.
  Identifiers are marked inline as [[surface text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx only for the .docx files)
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["cz01", "cz02", "cz03", "cz04", "cz05", "cz06"]
EXT = {"txt": "txt", "txt1252": "txt", "txtts": "txt", "docx_bold": "docx",
       "docx_plain": "docx", "srt": "srt", "vtt": "vtt"}
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
OR_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip_ids(s, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(rep, s)


def parse(path):
    meta = {"header": []}
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    head, body = raw.split("\n---\n", 1)
    for line in head.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        k, v = line.split(":", 1)
        k, v = k.strip(), v.strip()
        if k == "header":
            meta["header"].append(v)
        else:
            meta[k] = v
    ids = []
    meta["header"] = [strip_ids(h, ids) for h in meta["header"]]
    turns = []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(l.strip() for l in para.splitlines())
        who, text = para.split(":", 1)
        who = who.strip()
        text = text.strip()
        orient = None
        if who == "R":
            m = OR_RE.search(text)
            if not m:
                raise SystemExit(f"{path}: respondent turn without orientation mark: {text[:60]}")
            orient = m.group(1)
            text = text[:m.start()].rstrip()
        elif who != "I":
            raise SystemExit(f"{path}: bad speaker {who!r}")
        text = strip_ids(text, ids)
        if "[[" in text or "{" in text:
            raise SystemExit(f"{path}: leftover markup: {text[:80]}")
        turns.append((who, text, orient))
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path}: alternation broken at turn {i + 1}")
    return meta, turns, ids


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def split_cues(text, maxw=42):
    sents = re.split(r"(?<=[.?!])\s+", text)
    cues, cur = [], []
    for s in sents:
        w = len(s.split())
        if cur and len(" ".join(cur).split()) + w > maxw:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def label(meta, who):
    return meta["ilabel"] if who == "I" else meta["rlabel"]


def write_txt(meta, turns, path, enc):
    lines = list(meta["header"])
    if lines:
        lines.append("")
    for who, text, _ in turns:
        lines.append(f"{label(meta, who)}: {text}")
        lines.append("")
    data = "\r\n".join(lines) if enc == "cp1252" else "\n".join(lines)
    with open(path, "w", encoding=enc, newline="") as f:
        f.write(data)


def write_txtts(meta, turns, path):
    lines = list(meta["header"])
    if lines:
        lines.append("")
    t = float(meta.get("start", 4))
    for who, text, _ in turns:
        h, rem = divmod(int(t), 3600)
        m, s = divmod(rem, 60)
        lines.append(f"[{h:02d}:{m:02d}:{s:02d}] {label(meta, who)}: {text}")
        lines.append("")
        t += len(text.split()) / 2.4 + 1.5
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def write_docx(meta, turns, path, bold):
    import docx
    d = docx.Document()
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
    for who, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(f"{label(meta, who)}:")
        r.bold = bold
        p.add_run(" " + text)
    d.save(path)


def write_timed(meta, turns, path, kind):
    t = float(meta.get("start", 3))
    out = ["WEBVTT", ""] if kind == "vtt" else []
    if kind == "vtt" and meta["header"]:
        out.append("NOTE " + " | ".join(meta["header"]))
        out.append("")
    n = 0
    sep = "." if kind == "vtt" else ","
    for who, text, _ in turns:
        for cue in split_cues(text):
            n += 1
            dur = max(1.6, len(cue.split()) / 2.6)
            start, end = t, t + dur
            if kind == "srt":
                out.append(str(n))
                out.append(f"{ts(start, sep)} --> {ts(end, sep)}")
                out.append(f"{label(meta, who)}: {cue}")
            else:
                out.append(f"{ts(start, sep)} --> {ts(end, sep)}")
                out.append(f"<v {label(meta, who)}>{cue}")
            out.append("")
            t = end + 0.35
        t += 0.9
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orients, idents, stats = [], [], [], []
    for doc in IDS:
        meta, turns, ids = parse(os.path.join(HERE, doc + ".src"))
        fmt = meta["format"]
        path = os.path.join(OUT, f"{doc}.{EXT[fmt]}")
        if fmt == "txt":
            write_txt(meta, turns, path, "utf-8")
        elif fmt == "txt1252":
            write_txt(meta, turns, path, "cp1252")
        elif fmt == "txtts":
            write_txtts(meta, turns, path)
        elif fmt in ("docx_bold", "docx_plain"):
            write_docx(meta, turns, path, fmt == "docx_bold")
        else:
            write_timed(meta, turns, path, fmt)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (who, _, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orients.append((doc, i, o))
        seen = set()
        for surf, typ in ids:
            if (surf, typ) not in seen:
                seen.add((surf, typ))
                idents.append((doc, surf, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rwords = sum(len(t.split()) for w, t, _ in turns if w == "R")
        nr = sum(1 for w, _, _ in turns if w == "R")
        oc = sum(1 for d, _, o in orients if d == doc and o == "casus")
        on = sum(1 for d, _, o in orients if d == doc and o == "netwerk")
        stats.append((doc, meta["style"], os.path.basename(path), words, rwords, nr, oc, on))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    print("doc  style           file        words  resp_words  resp_turns  casus  netwerk")
    for s in stats:
        print("%-4s %-15s %-11s %5d  %10d  %10d  %5d  %7d" % s)


if __name__ == "__main__":
    main()
