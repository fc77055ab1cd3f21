#!/usr/bin/env python3
"""Build transcripts + csv files of set CK from the annotated sources in src/*.src.

Source syntax (one line per item):
  @format docx|txt|txt_ts|srt|vtt     output format
  @encoding utf-8|cp1252              for txt formats
  @label_i / @label_r                 speaker labels as they appear in the transcript
  @ident <text>|<TYPE>                extra identifier occurring unmarked (labels, repeated first names)
  @header <text>                      header line (may contain identifier marks; empty = blank line)
  I: <text>                           interviewer turn
  R: <text> [<<casus>>|<<netwerk>>]   respondent turn, optional orientation mark at the end
  Also accepted as turn prefixes: "JH:", "BC:" (mapped to I/R via @label_i/@label_r).
Identifiers inline: [[verbatim text|TYPE]].
Run with a python that has python-docx (e.g. /work/main/.venv/bin/python).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["ck01", "ck02", "ck03", "ck04", "ck05", "ck06"]
EXT = {"docx": "docx", "txt": "txt", "txt_ts": "txt", "srt": "srt", "vtt": "vtt"}
STYLES = {
    "ck01": ("netwerkgericht", "Tells a long warm client story but invests in partner relationships, written agreements with corporations and stuurgroep escalation; trust role is toward professionals."),
    "ck02": ("casusgericht", "Talks constantly about partners, meetings and agreements, but every contact and arrangement is made for one released prisoner's plan and his personal trust."),
    "ck03": ("onbepaald", "Too little evidence: a guarded, procedural police officer who describes tasks and procedures but shows no investment in either the person or the network."),
    "ck04": ("casusgericht", "Works at the kitchen table with one domestic-violence victim, pushes partners only for her, and explicitly declines structural or network work."),
    "ck05": ("onbepaald", "Genuinely mixed: splits his week and effort about equally between intensive personal regie for his clients and building agreements and trust at the network table."),
    "ck06": ("netwerkgericht", "Illustrates with moving client cases but each leads to pattern analysis, covenants with agencies, administrative escalation and trust between organisations."),
}
MARK_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*<<(casus|netwerk)>>\s*$")


def parse(path):
    meta = {"header": []}
    turns = []  # (speaker, text_with_marks, orientation)
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() and not line.startswith("@"):
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            if key == "header":
                meta["header"].append(val)
            elif key == "ident":
                meta.setdefault("ident", []).append(tuple(val.rsplit("|", 1)))
            else:
                meta[key] = val
            continue
        m = re.match(r"^(I|R|JH|BC):\s(.*)$", line)
        if not m:
            raise SystemExit(f"{path}: cannot parse line: {line[:60]}")
        spk = {"I": "I", "JH": "I", "R": "R", "BC": "R"}[m.group(1)]
        text = m.group(2)
        ori = None
        om = ORI_RE.search(text)
        if om:
            ori = om.group(1)
            text = text[: om.start()]
        if spk == "I" and ori:
            raise SystemExit(f"{path}: orientation on interviewer turn")
        turns.append((spk, text.strip(), ori))
    return meta, turns


def strip_marks(text, idents):
    def rep(m):
        idents.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK_RE.sub(rep, text)


def ts(sec, sep):
    h, rem = divmod(int(sec), 3600)
    mnt, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return f"{h:02d}:{mnt:02d}:{s:02d}{sep}{ms:03d}"


def timings(texts, start=3.2):
    t = start
    out = []
    for tx in texts:
        dur = max(1.5, len(tx.split()) / 2.6)
        out.append((t, t + dur))
        t += dur + 0.7
    return out


def write(doc_id, meta, turns):
    idents = []
    header = [strip_marks(h, idents) for h in meta["header"]]
    clean = [(spk, strip_marks(tx, idents), ori) for spk, tx, ori in turns]
    fmt = meta["format"]
    li, lr = meta["label_i"], meta["label_r"]
    lab = lambda spk: li if spk == "I" else lr
    path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        for spk, tx, _ in clean:
            p = d.add_paragraph()
            r = p.add_run(lab(spk))
            r.bold = True
            p.add_run(" " + tx)
        d.save(path)
    elif fmt in ("txt", "txt_ts"):
        lines = list(header)
        tims = timings([tx for _, tx, _ in clean], start=4.0)
        for (spk, tx, _), (a, _b) in zip(clean, tims):
            if fmt == "txt_ts":
                lines.append(f"[{ts(a, ',')[:8]}] {lab(spk)} {tx}")
            else:
                lines.append(f"{lab(spk)} {tx}")
            lines.append("")
        data = "\r\n".join(lines) if meta.get("encoding") == "cp1252" else "\n".join(lines)
        with open(path, "w", encoding=meta.get("encoding", "utf-8"), newline="") as f:
            f.write(data)
    elif fmt == "srt":
        tims = timings([tx for _, tx, _ in clean])
        blocks = []
        for n, ((spk, tx, _), (a, b)) in enumerate(zip(clean, tims), 1):
            blocks.append(f"{n}\n{ts(a, ',')} --> {ts(b, ',')}\n{lab(spk)} {tx}\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(blocks))
    elif fmt == "vtt":
        tims = timings([tx for _, tx, _ in clean], start=1.5)
        out = ["WEBVTT", ""]
        if header:
            out += ["NOTE " + " ".join(header), ""]
        for n, ((spk, tx, _), (a, b)) in enumerate(zip(clean, tims), 1):
            out += [f"{n}", f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab(spk)}>{tx}", ""]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    else:
        raise SystemExit("unknown format " + fmt)
    idents += meta.get("ident", [])
    words = sum(len(tx.split()) for _, tx, _ in clean)
    rturns = sum(1 for spk, _, _ in clean if spk == "R")
    oris = [(i, ori) for i, (spk, _, ori) in enumerate(clean, 1) if ori]
    seen, uniq = set(), []
    for ident in idents:
        if ident not in seen:
            seen.add(ident)
            uniq.append(ident)
    return dict(path=path, fmt=fmt, words=words, rturns=rturns, turns=len(clean), oris=oris, idents=uniq,
                enc=meta.get("encoding", "utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    stats = {}
    for doc_id in IDS:
        meta, turns = parse(os.path.join(HERE, f"{doc_id}.src"))
        for i, (spk, _, _) in enumerate(turns):
            if spk != ("I" if i % 2 == 0 else "R"):
                raise SystemExit(f"{doc_id}: alternation broken at turn {i+1}")
        stats[doc_id] = write(doc_id, meta, turns)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, *STYLES[d]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for d in IDS:
            for i, o in stats[d]["oris"]:
                w.writerow([d, i, o])
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for d in IDS:
            for ident, typ in stats[d]["idents"]:
                w.writerow([d, ident, typ])
    for d in IDS:
        s = stats[d]
        c = sum(1 for _, o in s["oris"] if o == "casus")
        n = sum(1 for _, o in s["oris"] if o == "netwerk")
        print(f"{d} {STYLES[d][0]:15s} {s['fmt']:7s} {s['enc']:6s} words={s['words']} turns={s['turns']} "
              f"resp_turns={s['rturns']} casus={c} netwerk={n} idents={len(s['idents'])}")


if __name__ == "__main__":
    main()
