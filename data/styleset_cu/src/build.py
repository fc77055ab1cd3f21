#!/usr/bin/env python3
"""Build setCU transcripts and csv files from the annotated sources in this folder.

Source format (src/cuNN.txt):
  #meta key: value        (format, encoding, ilabel, rlabel, header [repeatable])
  blank-line separated turns, each starting with "I: " or "R: "
  identifiers marked inline as [[verbatim text|TYPE]]
  respondent turns may end with {C} (casus) or {N} (netwerk)

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python) from any directory.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, "transcripts")

DOCS = ["cu01", "cu02", "cu03", "cu04", "cu05", "cu06"]

STYLES = {
    "cu01": ("netwerkgericht",
             "Tells warm, detailed stories about a mother and her children, but every story ends in what she built "
             "between organisations (a corporation agreement, a fixed GGZ seat, a priority rule via the stuurgroep); "
             "she explicitly leaves client contact to the local-team worker."),
    "cu02": ("casusgericht",
             "Spends his week in meetings with corporation, addiction care, probation and youth protection, but every "
             "arrangement is made for one client's plan built around seeing his daughter; trust is with the client "
             "and he declines structural work."),
    "cu03": ("onbepaald",
             "Genuinely mixed: half her work is a close, plan-driven relationship with a young man with an LVB and "
             "half is building a monthly signalling agreement and consultation line with three corporations and "
             "the GGZ crisis service, and she refuses to choose."),
    "cu04": ("casusgericht",
             "Terse youth-protection worker whose whole account is about one mother and two children: plan made at "
             "the kitchen table, honesty with the mother, partners called one by one for this family, little "
             "interest in policy."),
    "cu05": ("netwerkgericht",
             "GGZ team leader who no longer does casework; invests in a consultation hour, pattern analysis of "
             "evictions, escalation to boards and street-level protocols between police and crisis service; "
             "cases serve as illustrations."),
    "cu06": ("casusgericht",
             "Community police officer who collects a released young man at the prison gate and builds and defends "
             "his personal plan with probation, municipality, corporation and GGZ; meetings are a means and "
             "structural issues are handed to others."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*\{([CN])\}\s*$")


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta = {"header": []}
    body = []
    for line in raw.splitlines():
        if line.startswith("#meta "):
            k, v = line[6:].split(":", 1)
            k, v = k.strip(), v.strip()
            if k == "header":
                meta["header"].append(v)
            else:
                meta[k] = v
        else:
            body.append(line)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", "\n".join(body)) if b.strip()]
    turns = []
    identifiers = []
    for h in meta["header"]:
        for m in ID_RE.finditer(h):
            identifiers.append((m.group(1), m.group(2)))
    for b in blocks:
        b = " ".join(b.split("\n"))
        spk, text = b.split(":", 1)
        spk = spk.strip()
        if spk not in ("I", "R"):
            raise SystemExit(f"{doc}: bad speaker in block: {b[:60]}")
        text = text.strip()
        mark = None
        m = MARK_RE.search(text)
        if m:
            mark = {"C": "casus", "N": "netwerk"}[m.group(1)]
            text = text[: m.start()].rstrip()
        if "{" in text or "}" in text:
            raise SystemExit(f"{doc}: stray brace in {text[:60]}")
        for m2 in ID_RE.finditer(text):
            identifiers.append((m2.group(1), m2.group(2)))
        text = ID_RE.sub(lambda mm: mm.group(1), text)
        if mark and spk != "R":
            raise SystemExit(f"{doc}: mark on interviewer turn")
        turns.append({"spk": spk, "text": text, "mark": mark})
    header = [ID_RE.sub(lambda mm: mm.group(1), h) for h in meta["header"]]
    # dedupe identifiers, keep first-seen order
    seen, ids = set(), []
    for ident in identifiers:
        if ident[0] not in seen:
            seen.add(ident[0])
            ids.append(ident)
    return meta, header, turns, ids


def label(meta, spk):
    return meta["ilabel"] if spk == "I" else meta["rlabel"]


def words(text):
    return len(text.split())


def hms(sec, ms_sep=None):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    if ms_sep is None:
        return f"{h:02d}:{m:02d}:{s:02d}"
    ms = int(round((sec - int(sec)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{s:02d}{ms_sep}{ms:03d}"


def chunks(text, maxw=22):
    sents = re.split(r"(?<=[.!?])\s+", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def write_txt(doc, meta, header, turns):
    lines = list(header)
    if lines:
        lines.append("")
    for t in turns:
        lines.append(f"{label(meta, t['spk'])}: {t['text']}")
        lines.append("")
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if enc == "cp1252" else "\n"
    with open(os.path.join(TDIR, doc + ".txt"), "w", encoding=enc, newline=nl) as f:
        f.write("\n".join(lines))


def write_txt_ts(doc, meta, header, turns):
    lines = list(header)
    lines.append("")
    t0 = 4.0
    for t in turns:
        lines.append(f"[{hms(t0)}] {label(meta, t['spk'])}: {t['text']}")
        lines.append("")
        t0 += words(t["text"]) / 2.5 + 1.5
    with open(os.path.join(TDIR, doc + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def cues(meta, turns):
    t0 = 2.0
    out = []
    for t in turns:
        for c in chunks(t["text"]):
            dur = max(1.6, words(c) / 2.6)
            out.append((t0, t0 + dur, label(meta, t["spk"]), c))
            t0 += dur + 0.2
        t0 += 0.8
    return out


def write_srt(doc, meta, header, turns):
    lines = []
    for n, (a, b, lab, c) in enumerate(cues(meta, turns), 1):
        lines += [str(n), f"{hms(a, ',')} --> {hms(b, ',')}", f"{lab}: {c}", ""]
    with open(os.path.join(TDIR, doc + ".srt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def write_vtt(doc, meta, header, turns):
    lines = ["WEBVTT", ""]
    for h in header:
        lines += [h, ""]
    for n, (a, b, lab, c) in enumerate(cues(meta, turns), 1):
        lines += [f"{n}", f"{hms(a, '.')} --> {hms(b, '.')}", f"<v {lab}>{c}</v>", ""]
    with open(os.path.join(TDIR, doc + ".vtt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def write_docx(doc, meta, header, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
        else:
            r.italic = True
    for t in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, t["spk"]) + ":")
        r.bold = True
        p.add_run(" " + t["text"])
    d.save(os.path.join(TDIR, doc + ".docx"))


WRITERS = {"txt": write_txt, "txt-ts": write_txt_ts, "srt": write_srt, "vtt": write_vtt, "docx": write_docx}
EXT = {"txt": "txt", "txt-ts": "txt", "srt": "srt", "vtt": "vtt", "docx": "docx"}


def main():
    os.makedirs(TDIR, exist_ok=True)
    for fn in os.listdir(TDIR):
        os.remove(os.path.join(TDIR, fn))
    orient_rows, id_rows, stats = [], [], []
    for doc in DOCS:
        meta, header, turns, ids = parse(doc)
        for i, t in enumerate(turns):
            exp = "I" if i % 2 == 0 else "R"
            if t["spk"] != exp:
                raise SystemExit(f"{doc}: alternation broken at turn {i + 1}")
        WRITERS[meta["format"]](doc, meta, header, turns)
        for i, t in enumerate(turns, 1):
            if t["mark"]:
                orient_rows.append((doc, i, t["mark"]))
        for ident, typ in ids:
            id_rows.append((doc, ident, typ))
        nw = sum(words(t["text"]) for t in turns)
        rturns = [t for t in turns if t["spk"] == "R"]
        stats.append({
            "doc": doc, "format": EXT[meta["format"]] + (" (cp1252)" if meta.get("encoding") == "cp1252" else ""),
            "words": nw, "rwords": sum(words(t["text"]) for t in rturns), "rturns": len(rturns),
            "casus": sum(1 for t in rturns if t["mark"] == "casus"),
            "netwerk": sum(1 for t in rturns if t["mark"] == "netwerk"),
        })
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    # README: stats table + hand-written notes
    notes_path = os.path.join(HERE, "README_notes.md")
    notes = open(notes_path, encoding="utf-8").read() if os.path.exists(notes_path) else ""
    voices = {}
    m = re.search(r"<!--VOICES\n(.*?)-->", notes, re.S)
    if m:
        for line in m.group(1).strip().splitlines():
            k, v = line.split("|", 1)
            voices[k.strip()] = v.strip()
        notes = notes[: m.start()] + notes[m.end():]
    tbl = ["| doc | respondent (voice, setting) | style | format | words | respondent turns | casus/netwerk-marked turns |",
           "|---|---|---|---|---|---|---|"]
    for s in stats:
        tbl.append(f"| {s['doc']} | {voices.get(s['doc'], '')} | {STYLES[s['doc']][0]} | {s['format']} | "
                   f"{s['words']} | {s['rturns']} | {s['casus']}/{s['netwerk']} |")
    readme = notes.replace("{{TABLE}}", "\n".join(tbl))
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme)
    for s in stats:
        print(s)


if __name__ == "__main__":
    sys.exit(main())
