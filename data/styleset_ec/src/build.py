#!/usr/bin/env python3
"""Build setEC transcripts and csv files from the annotated sources in src/.

Source format (one file per document, src/<id>.src):
  @format   docx | srt | vtt | txt | txt-ts
  @labels   <interviewer label>|<respondent label>
  @bold     yes|no           (docx: speaker label as bold run)
  @encoding utf-8|cp1252     (txt formats)
  @newline  lf|crlf          (txt formats)
  @header   <line>           (zero or more; docx/txt only)
  @idents   [[x|TYPE]] ...   (identifiers that appear only via labels)
  I: <interviewer turn, one paragraph>
  R: <respondent turn, one paragraph> {casus|netwerk}   (mark optional)
Inline identifiers: [[verbatim text|TYPE]].
Run with /work/main/.venv/bin/python (needs python-docx for .docx output).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRANS = os.path.join(OUT, "transcripts")

IDS = ["ec01", "ec02", "ec03", "ec04", "ec05", "ec06"]
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt": "txt", "txt-ts": "txt"}

STYLES = {
    "ec01": ("netwerkgericht",
             "Top600 regisseur who tells warm stories about a long-known client but invests his time, trust and "
             "successes in partner relationships, standing agreements, a key-figure platform and escalation to management."),
    "ec02": ("casusgericht",
             "Top400 regisseur who attends many meetings and negotiates with many partners, but every agreement is "
             "made for one boy and his mother, and her trust role is with the family."),
    "ec03": ("onbepaald",
             "Domestic-violence procesregisseur whose work is split about equally between intensive work with one "
             "victim and perpetrator and building chain agreements and platforms; genuinely mixed."),
    "ec04": ("casusgericht",
             "Neighbourhood police officer who does the practical work for one released Top600 man himself, attends "
             "meetings only to get things done for him and builds trust with him and his mother."),
    "ec05": ("netwerkgericht",
             "Municipal regisseur in Diemen who turns each case into structural arrangements (aftercare contact point, "
             "debt-help route, signal meeting, privacy officers) and invests trust in the professionals, not clients."),
    "ec06": ("casusgericht",
             "Probation officer close to retirement who builds the whole plan around one client's wish to see his "
             "daughters, uses partners and a church elder for him, and has stopped doing network work."),
}

IDENT_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")
VALID_TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
               "ORGANISATIE_NAAM"}


def strip_idents(text, found):
    def rep(m):
        val, typ = m.group(1), m.group(2)
        if typ not in VALID_TYPES:
            sys.exit(f"bad identifier type {typ}")
        found.append((val, typ))
        return val
    return IDENT_RE.sub(rep, text)


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".src")
    meta = {"headers": [], "bold": "no", "encoding": "utf-8", "newline": "lf"}
    turns = []  # (speaker 'I'/'R', text, mark)
    idents = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                if key == "header":
                    meta["headers"].append(strip_idents(val, idents))
                elif key == "idents":
                    strip_idents(val, idents)
                else:
                    meta[key] = val.strip()
                continue
            m = re.match(r"^([IR]): (.*)$", line)
            if not m:
                sys.exit(f"{doc_id}: unparsable line: {line[:60]}")
            spk, text = m.group(1), m.group(2)
            mark = None
            mm = MARK_RE.search(text)
            if mm:
                mark = mm.group(1)
                text = text[:mm.start()]
                if spk != "R":
                    sys.exit(f"{doc_id}: orientation mark on interviewer turn")
            if "{" in text or "}" in text:
                sys.exit(f"{doc_id}: stray brace in: {text[:60]}")
            text = strip_idents(text, idents).strip()
            turns.append((spk, text, mark))
    # alternation
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turn {i+1} breaks alternation")
    meta["labels"] = meta["labels"].split("|")
    # dedupe identifiers
    seen = {}
    for val, typ in idents:
        if val in seen and seen[val] != typ:
            sys.exit(f"{doc_id}: identifier {val} with two types")
        seen.setdefault(val, typ)
    return meta, turns, list(seen.items())


def split_cues(text, max_words=22):
    sents = re.split(r"(?<=[.!?])\s+", text)
    cues, cur = [], []
    for s in sents:
        w = s.split()
        if cur and len(cur) + len(w) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.extend(w)
    if cur:
        cues.append(" ".join(cur))
    return cues


def fmt_time(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, start=2.4):
    t = start
    out = []
    for spk, text, _ in turns:
        lab = labels[0] if spk == "I" else labels[1]
        for cue in split_cues(text):
            dur = max(1.2, len(cue.split()) / 2.6)
            out.append((t, t + dur, lab, cue))
            t += dur + 0.25
        t += 0.6
    return out


def write_docx(path, meta, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    for i, h in enumerate(meta["headers"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph("")
    labels = meta["labels"]
    for spk, text, _ in turns:
        lab = labels[0] if spk == "I" else labels[1]
        p = d.add_paragraph()
        if meta["bold"] == "yes":
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{lab}: {text}")
    d.save(path)


def write_txt(path, meta, turns, timestamps=False):
    labels = meta["labels"]
    lines = list(meta["headers"])
    if lines:
        lines.append("")
    t = 4.0
    for spk, text, _ in turns:
        lab = labels[0] if spk == "I" else labels[1]
        if timestamps:
            ts = fmt_time(t, ".")[:8]
            lines.append(f"[{ts}] {lab}: {text}")
            t += len(text.split()) / 2.5 + 2.0
        else:
            lines.append(f"{lab}: {text}")
        lines.append("")
    nl = "\r\n" if meta["newline"] == "crlf" else "\n"
    data = nl.join(lines).rstrip() + nl
    with open(path, "wb") as f:
        f.write(data.encode(meta["encoding"]))


def write_srt(path, meta, turns):
    cues = timed_cues(turns, meta["labels"])
    parts = []
    for n, (a, b, lab, txt) in enumerate(cues, 1):
        parts.append(f"{n}\n{fmt_time(a, ',')} --> {fmt_time(b, ',')}\n{lab}: {txt}\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(parts))


def write_vtt(path, meta, turns):
    cues = timed_cues(turns, meta["labels"], start=1.1)
    parts = ["WEBVTT\n"]
    for n, (a, b, lab, txt) in enumerate(cues, 1):
        parts.append(f"7c1e09d4-{n:04d}\n{fmt_time(a, '.')} --> {fmt_time(b, '.')}\n<v {lab}>{txt}</v>\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(parts))


def main():
    os.makedirs(TRANS, exist_ok=True)
    style_rows, orient_rows, ident_rows, summary = [], [], [], []
    for doc_id in IDS:
        meta, turns, idents = parse(doc_id)
        fmt = meta["format"]
        path = os.path.join(TRANS, f"{doc_id}.{EXT[fmt]}")
        for old in os.listdir(TRANS):
            if old.startswith(doc_id + ".") and old != os.path.basename(path):
                os.remove(os.path.join(TRANS, old))
        if fmt == "docx":
            write_docx(path, meta, turns)
        elif fmt == "srt":
            write_srt(path, meta, turns)
        elif fmt == "vtt":
            write_vtt(path, meta, turns)
        elif fmt == "txt":
            write_txt(path, meta, turns)
        elif fmt == "txt-ts":
            write_txt(path, meta, turns, timestamps=True)
        else:
            sys.exit(f"unknown format {fmt}")
        for i, (spk, _, mark) in enumerate(turns, 1):
            if mark:
                orient_rows.append((doc_id, i, mark))
        for val, typ in idents:
            ident_rows.append((doc_id, val, typ))
        style, why = STYLES[doc_id]
        style_rows.append((doc_id, style, why))
        words = sum(len(t.split()) for _, t, _ in turns)
        rwords = sum(len(t.split()) for s, t, _ in turns if s == "R")
        nresp = sum(1 for s, _, _ in turns if s == "R")
        marks = [m for _, _, m in turns if m]
        summary.append((doc_id, style, os.path.basename(path), words, rwords, nresp,
                        marks.count("casus"), marks.count("netwerk")))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("doc   style           file       words resp_words resp_turns casus netwerk")
    for row in summary:
        print("{:5} {:15} {:10} {:5} {:10} {:10} {:5} {:7}".format(*row))


if __name__ == "__main__":
    main()
