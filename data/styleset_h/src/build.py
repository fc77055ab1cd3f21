#!/usr/bin/env python3
"""Build set H: transcripts + csv files from the annotated sources in this folder.

Source syntax (src/bhNN.src):
  #format: docx | vtt | srt | txt-cp1252 | txt-ts | txt-initials
  #labels: <interviewer label>|<respondent label>
  #header: <header line>          (0..n, kept as file header)
  I: <turn text>                  one paragraph per turn, blank line between
  R: <turn text> {c}|{n}          optional orientation mark at the end (casus / netwerk)
Identifiers inline: [[surface text|TYPE]].

Run with any python3 that has python-docx (only needed for the .docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

IDS = ["bh01", "bh02", "bh03", "bh04", "bh05", "bh06"]

STYLES = {
    "bh01": ("casusgericht",
             "Front-line nazorg director whose every story is about Ronny's ID card, room and trust in her; she attends the weekly casusoverleg but only to get partners to deliver for him and leaves structural agreements to her team leader."),
    "bh02": ("netwerkgericht",
             "Team leader who uses Kevin's failed release as evidence of a system pattern and invests in merging case tables, a PI pre-notification agreement, a privacy framework, escalation ladders and the relationships with partner directors, while still voicing care for clients."),
    "bh03": ("netwerkgericht",
             "Coordinator of the radicalisation case table who never meets the people discussed and focuses on the covenant, casushouder rules, municipal contact persons, reporting discipline and partner mandate."),
    "bh04": ("casusgericht",
             "Probation officer with a HIC regie role who brings one question per young man to the table and uses police, school, employer and wijkteam to get Jayden to school, work and a better relation with the wijkagent, explicitly leaving structural issues to others."),
    "bh05": ("onbepaald",
             "Laconic police officer who says little about his way of working and gives balanced, thin evidence: home visits to a client's mother on one side, building a cross-border consultation on the other, with most answers neutral."),
    "bh06": ("casusgericht",
             "Team leader who still carries her own cases, tells every network topic through a client (Marco, Yasmina) and calls herself casusgericht despite her manager's expectation; one structural housing agreement is a minor exception."),
}

MARK_RE = re.compile(r"\s*\{([cn])\}\s*$")
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = {"c": "casus", "n": "netwerk"}


def parse_src(path):
    meta = {"header": []}
    turns = []  # dicts: who, marked, orientation
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                key, _, val = line[1:].partition(":")
                val = val.strip()
                if key == "header":
                    if val:
                        meta["header"].append(val)
                else:
                    meta[key] = val
                continue
            who, _, text = line.partition(": ")
            if who not in ("I", "R"):
                raise SystemExit(f"{path}: bad line start {line[:30]!r}")
            orient = None
            m = MARK_RE.search(text)
            if m:
                orient = ORIENT[m.group(1)]
                text = text[:m.start()]
            if who == "I" and orient:
                raise SystemExit(f"{path}: orientation on interviewer turn")
            turns.append({"who": who, "marked": text.strip(), "orientation": orient})
    for i, t in enumerate(turns):
        exp = "I" if i % 2 == 0 else "R"
        if t["who"] != exp:
            raise SystemExit(f"{path}: turn {i+1} should be {exp}")
    return meta, turns


def plain(marked):
    return ID_RE.sub(lambda m: m.group(1), marked)


def identifiers(marked):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(marked)]


def words(text):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def chunks(marked, target=16):
    """Split a turn into cue-sized pieces on word boundaries; never inside an identifier."""
    protected = ID_RE.sub(lambda m: m.group(1).replace(" ", "\u0000"), marked)
    toks = protected.split(" ")
    out, cur = [], []
    for tok in toks:
        cur.append(tok)
        if len(cur) >= target and re.search(r"[.,?!:;]$", tok) or len(cur) >= target + 8:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return [c.replace("\u0000", " ") for c in out]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_vtt(path, meta, turns, labels):
    lines = ["WEBVTT", ""]
    for h in meta["header"]:
        lines += [plain(h), ""]
    t = 3.2
    n = 1
    for turn in turns:
        lab = labels[0] if turn["who"] == "I" else labels[1]
        for piece in chunks(turn["marked"]):
            dur = max(1.6, words(piece) / 2.7)
            lines += [str(n), f"{ts(t)} --> {ts(t + dur)}", f"<v {lab}>{piece}</v>", ""]
            t += dur + 0.25
            n += 1
        t += 0.6
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_srt(path, meta, turns, labels):
    lines = []
    t = 1.5
    n = 1
    for turn in turns:
        lab = labels[0] if turn["who"] == "I" else labels[1]
        for piece in chunks(turn["marked"], target=14):
            dur = max(1.5, words(piece) / 2.6)
            lines += [str(n), f"{ts(t, ',')} --> {ts(t + dur, ',')}", f"{lab}: {piece}", ""]
            t += dur + 0.3
            n += 1
        t += 0.5
    with open(path, "w", encoding="utf-8", newline="\r\n") as f:
        f.write("\n".join(lines))


def write_txt(path, meta, turns, labels, fmt):
    lines = [plain(h) for h in meta["header"]]
    if lines:
        lines.append("")
    t = 4.0
    for turn in turns:
        lab = labels[0] if turn["who"] == "I" else labels[1]
        text = plain(turn["marked"])
        if fmt == "txt-ts":
            lines.append(f"[{ts(t)[:8]}] {lab}: {text}")
            t += words(text) / 2.5 + 2.0
        else:
            lines.append(f"{lab}: {text}")
        lines.append("")
    body = "\n".join(lines)
    if fmt == "txt-cp1252":
        with open(path, "w", encoding="cp1252", newline="\r\n") as f:
            f.write(body)
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(body)


def write_docx(path, meta, turns, labels):
    import docx  # python-docx
    d = docx.Document()
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
    d.add_paragraph("")
    for turn in turns:
        lab = labels[0] if turn["who"] == "I" else labels[1]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = True
        p.add_run(" " + plain(turn["marked"]))
    d.save(path)


EXT = {"docx": "docx", "vtt": "vtt", "srt": "srt", "txt-cp1252": "txt", "txt-ts": "txt", "txt-initials": "txt"}


def main():
    os.makedirs(TR, exist_ok=True)
    orient_rows, id_rows, summary = [], [], []
    for doc in IDS:
        meta, turns = parse_src(os.path.join(HERE, doc + ".src"))
        fmt = meta["format"]
        labels = meta["labels"].split("|")
        path = os.path.join(TR, f"{doc}.{EXT[fmt]}")
        if fmt == "docx":
            write_docx(path, meta, turns, labels)
        elif fmt == "vtt":
            write_vtt(path, meta, turns, labels)
        elif fmt == "srt":
            write_srt(path, meta, turns, labels)
        else:
            write_txt(path, meta, turns, labels, fmt)
        seen = set()
        for marked in meta["header"] + [t["marked"] for t in turns]:
            for surf, typ in identifiers(marked):
                if (surf, typ) not in seen:
                    seen.add((surf, typ))
                    id_rows.append((doc, surf, typ))
        for i, t in enumerate(turns, start=1):
            if t["orientation"]:
                orient_rows.append((doc, i, t["orientation"]))
        wc = sum(words(plain(t["marked"])) for t in turns)
        rturns = sum(1 for t in turns if t["who"] == "R")
        nc = sum(1 for t in turns if t["orientation"] == "casus")
        nn = sum(1 for t in turns if t["orientation"] == "netwerk")
        summary.append((doc, os.path.basename(path), wc, rturns, nc, nn))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in IDS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient_rows):
            w.writerow(row)
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in id_rows:
            w.writerow(row)
    for s in summary:
        print("%s  %-9s words=%4d  resp_turns=%2d  casus=%2d netwerk=%2d" % s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
