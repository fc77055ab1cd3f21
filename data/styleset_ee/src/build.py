#!/usr/bin/env python3
"""Build transcripts + csv files of setEE from the annotated sources in this folder.

Source format (src/eeNN.txt):
  # format: docx | vtt | srt | txt-utf8 | txt-cp1252 | txt-timestamps
  # header: header line(s), separated by '|'   (optional)
  # ilabel: interviewer speaker label
  # rlabel: respondent speaker label
  I: interviewer turn (one paragraph per turn)
  R: respondent turn ... [[casus]] | [[netwerk]] | [[-]]
Identifiers are marked inline as {{text|TYPE}} (in header, labels and turns).

Run with a python that has python-docx (only needed for the .docx file):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

IDENT = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
ORIENT = re.compile(r"\s*\[\[(casus|netwerk|-)\]\]\s*$")

EXT = {"docx": "docx", "vtt": "vtt", "srt": "srt", "txt-utf8": "txt",
       "txt-cp1252": "txt", "txt-timestamps": "txt"}

STYLES = {
    "ee01": ("netwerkgericht",
             "Process director at Veiligheidshuis Drenthe who illustrates with concrete cases but invests his time in "
             "structural agreements, patterns across cases, partner relations and careful escalation; client contact he leaves to others."),
    "ee02": ("onbepaald",
             "Genuinely mixed: a community police officer who invests about equally in one woonwagen family (personal trust, "
             "practical help for the son) and in a standing multi-agency table with written agreements for the whole site."),
    "ee03": ("casusgericht",
             "PGA director who talks a lot about meetings, partners and deals, but every agreement is negotiated for one young "
             "man's plan and his family, and she keeps herself out of structural working groups."),
    "ee04": ("netwerkgericht",
             "Veilig Thuis chain coordinator who tells warm, detailed client stories, yet each story ends in network work: "
             "reporting agreements, handover rules, chain afternoons for managers and steering-group decisions."),
    "ee05": ("onbepaald",
             "Genuinely mixed: a terse probation officer who picks his client up at the prison gate and stands with him at "
             "the counter, and equally builds a re-entry meeting, a housing pilot and consent agreements for all returnees."),
    "ee06": ("netwerkgericht",
             "Angry GGZ team leader in the Veenkoloniën whose energy goes into repairing relations between mental health "
             "care and safety partners, collecting refusals across cases and escalating to aldermen and the regional table."),
}


def strip_ids(text, bag):
    def rep(m):
        bag.append((m.group(1), m.group(2)))
        return m.group(1)
    return IDENT.sub(rep, text)


def parse(path):
    meta, turns, ids = {}, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].partition(":")
                meta[k.strip()] = v.strip()
                continue
            who, _, text = line.partition(": ")
            assert who in ("I", "R"), (path, line[:40])
            orient = None
            if who == "R":
                m = ORIENT.search(text)
                assert m, (path, "respondent turn without orientation mark", text[:50])
                orient = m.group(1)
                text = text[:m.start()]
            else:
                assert "[[" not in text, (path, text[:50])
            turns.append([who, text.strip(), orient])
    header = meta.get("header", "")
    header_lines = [h.strip() for h in strip_ids(header, ids).split("|")] if header else []
    ilabel = strip_ids(meta["ilabel"], ids)
    rlabel = strip_ids(meta["rlabel"], ids)
    for t in turns:
        t[1] = strip_ids(t[1], ids)
    return meta["format"], header_lines, ilabel, rlabel, turns, ids


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns, start=3.0):
    t, out = start, []
    for _, text, _ in turns:
        dur = max(1.5, len(text.split()) / 2.6)
        out.append((t, t + dur))
        t += dur + 0.9
    return out


def write(doc_id, fmt, header, il, rl, turns):
    label = {"I": il, "R": rl}
    path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
    if fmt == "docx":
        import docx
        d = docx.Document()
        for i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = i == 0
        d.add_paragraph("")
        for who, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(f"{label[who]}:")
            r.bold = True
            p.add_run(" " + text)
        d.save(path)
        return path
    if fmt == "vtt":
        parts = ["WEBVTT", ""]
        for h in header:
            parts += [h, ""]
        for n, ((who, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            parts += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label[who]}>{text}</v>", ""]
        data, enc, nl = "\n".join(parts), "utf-8", "\n"
    elif fmt == "srt":
        parts = []
        for n, ((who, text, _), (a, b)) in enumerate(zip(turns, timings(turns, 1.2)), 1):
            parts += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label[who]}: {text}", ""]
        data, enc, nl = "\n".join(parts), "utf-8", "\n"
    elif fmt == "txt-timestamps":
        parts = header + [""] if header else []
        for (who, text, _), (a, _b) in zip(turns, timings(turns, 4.0)):
            parts += [f"[{ts(a, '.')[:8]}] {label[who]}: {text}", ""]
        data, enc, nl = "\n".join(parts), "utf-8", "\n"
    else:
        parts = header + [""] if header else []
        for who, text, _ in turns:
            parts += [f"{label[who]}: {text}", ""]
        data = "\n".join(parts)
        enc, nl = ("cp1252", "\r\n") if fmt == "txt-cp1252" else ("utf-8", "\n")
    with open(path, "w", encoding=enc, newline=nl) as f:
        f.write(data)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, ident_rows, summary = [], [], []
    for doc_id in sorted(STYLES):
        fmt, header, il, rl, turns, ids = parse(os.path.join(HERE, f"{doc_id}.txt"))
        for i, (who, _, _) in enumerate(turns):
            assert who == ("I" if i % 2 == 0 else "R"), (doc_id, i + 1)
        path = write(doc_id, fmt, header, il, rl, turns)
        for i, (who, _, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        seen = set()
        for ident, typ in ids:
            if ident not in seen:
                seen.add(ident)
                ident_rows.append((doc_id, ident, typ))
        words = sum(len(t[1].split()) for t in turns)
        rturns = sum(1 for t in turns if t[0] == "R")
        oc = {k: sum(1 for t in turns if t[2] == k) for k in ("casus", "netwerk", "-")}
        summary.append((doc_id, os.path.basename(path), fmt, words, rturns, oc))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for k in sorted(STYLES):
            w.writerow([k, STYLES[k][0], STYLES[k][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for s in summary:
        print(*s)


if __name__ == "__main__":
    main()
