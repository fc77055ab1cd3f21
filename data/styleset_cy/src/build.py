#!/usr/bin/env python3
"""Build transcripts + csv files for blind set CY from annotated sources (src/cy0N.src).

Source syntax (one turn per line):
  @format docx|srt|vtt|txt_ir|txt_cp1252|txt_ts
  @ilabel / @rlabel   speaker labels as they appear in the transcript
  @header TEXT        header line (may contain identifier marks)
  @extra TEXT|TYPE    identifier that occurs unmarked (e.g. first-name repeats, speaker label)
  I: text             interviewer turn
  R: text {c|n|-}     respondent turn, optional trailing orientation mark
  [[text|TYPE]]       identifier, rendered as plain text
Run with a python that has python-docx (e.g. /work/main/.venv/bin/python).
"""
import csv
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

STYLES = {
    "cy01": ("netwerkgericht", "Process director who tells warm stories about one released prisoner but invests her effort in inter-organisational agreements, escalation and relationships with partner professionals."),
    "cy02": ("casusgericht", "Community police officer whose many meetings and partner agreements all serve the plan for one addicted young man, with whom and whose mother he holds the trust relationship himself."),
    "cy03": ("onbepaald", "Guarded, procedural probation officer whose short answers show neither investment in the person nor in the network (too little evidence)."),
    "cy04": ("netwerkgericht", "Human-trafficking chain director who illustrates with victims' cases but works on regional agreements, partner relations, signalling structures and escalation to the steering group."),
    "cy05": ("casusgericht", "Addiction-care case manager who organises everything, including partners and case meetings, around one released woman's own goal and his trust relationship with her."),
    "cy06": ("netwerkgericht", "Terse former police chief coordinating aftercare who deliberately stays out of individual cases and invests in covenants, structural agreements, counts across cases and partner trust."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{([cn-])\}\s*$")
ORIENT_NAME = {"c": "casus", "n": "netwerk"}


def parse(path):
    meta = {"headers": [], "extra": []}
    turns = []  # (speaker 'I'/'R', text, orientation or None)
    idents = []  # (identifier, type) in order
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            if key == "header":
                idents.extend(MARK.findall(val))
                meta["headers"].append(MARK.sub(r"\1", val))
            elif key == "extra":
                ident, _, typ = val.rpartition("|")
                meta["extra"].append((ident, typ))
            else:
                meta[key] = val
            continue
        spk, _, text = line.partition(": ")
        assert spk in ("I", "R"), (path, line[:40])
        orient = None
        m = ORIENT.search(text)
        if m:
            text = text[: m.start()]
            orient = ORIENT_NAME.get(m.group(1))
            assert spk == "R", (path, "orientation on interviewer turn")
        idents.extend(MARK.findall(text))
        turns.append((spk, MARK.sub(r"\1", text).strip(), orient))
    idents.extend(meta["extra"])
    seen, uniq = set(), []
    for ident, typ in idents:
        if ident not in seen:
            seen.add(ident)
            uniq.append((ident, typ))
    return meta, turns, uniq


def words(text):
    return len(re.findall(r"\w+(?:['’]\w+)*", text))


def sentence_lines(text, width=90):
    """Wrap at sentence boundaries only (so identifiers never break)."""
    sents = re.split(r"(?<=[.?!])\s+", text)
    lines, cur = [], ""
    for s in sents:
        if cur and len(cur) + 1 + len(s) > width:
            lines.append(cur)
            cur = s
        else:
            cur = f"{cur} {s}".strip()
    if cur:
        lines.append(cur)
    return lines


def timings(turns, start=3.0):
    t = start
    out = []
    for spk, text, _ in turns:
        dur = max(1.5, words(text) / 2.6)
        out.append((t, t + dur))
        t += dur + 0.6
    return out


def ts(sec, sep):
    h, rem = divmod(int(sec * 1000), 3600000)
    m, rem = divmod(rem, 60000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def label(meta, spk):
    return meta["ilabel"] if spk == "I" else meta["rlabel"]


def render(doc_id, meta, turns):
    fmt = meta["format"]
    if fmt == "docx":
        import docx
        d = docx.Document()
        for i, h in enumerate(meta["headers"]):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = i == 0
        d.add_paragraph("")
        for spk, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(label(meta, spk) + ":")
            r.bold = True
            p.add_run(" " + text)
        path = OUT / f"{doc_id}.docx"
        d.save(path)
        return path
    if fmt == "srt":
        blocks = []
        for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            body = "\n".join(sentence_lines(f"{label(meta, spk)}: {text}"))
            blocks.append(f"{n}\n{ts(a, ',')} --> {ts(b, ',')}\n{body}\n")
        path = OUT / f"{doc_id}.srt"
        path.write_text("\n".join(blocks), encoding="utf-8")
        return path
    if fmt == "vtt":
        parts = ["WEBVTT", ""]
        for h in meta["headers"]:
            parts += [h, ""]
        for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns, 1.2)), 1):
            lines = sentence_lines(text)
            lines[0] = f"<v {label(meta, spk)}>" + lines[0]
            parts += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", *lines, ""]
        path = OUT / f"{doc_id}.vtt"
        path.write_text("\n".join(parts), encoding="utf-8")
        return path
    if fmt in ("txt_ir", "txt_cp1252"):
        lines = list(meta["headers"]) + [""]
        for spk, text, _ in turns:
            lines += [f"{label(meta, spk)}: {text}", ""]
        path = OUT / f"{doc_id}.txt"
        if fmt == "txt_cp1252":
            path.write_bytes("\r\n".join(lines).encode("cp1252"))
        else:
            path.write_text("\n".join(lines), encoding="utf-8")
        return path
    if fmt == "txt_ts":
        lines = list(meta["headers"]) + [""]
        for (spk, text, _), (a, _b) in zip(turns, timings(turns, 4.0)):
            lines += [f"[{ts(a, ',')[:8]}] {label(meta, spk)}: {text}", ""]
        path = OUT / f"{doc_id}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        return path
    raise ValueError(fmt)


def main():
    OUT.mkdir(exist_ok=True)
    orient_rows, ident_rows, summary = [], [], []
    for src in sorted(HERE.glob("cy0*.src")):
        doc_id = src.stem
        meta, turns, idents = parse(src)
        for k, (spk, _, _) in enumerate(turns):
            assert spk == ("I" if k % 2 == 0 else "R"), (doc_id, k + 1)
        path = render(doc_id, meta, turns)
        for k, (spk, _, orient) in enumerate(turns, 1):
            if orient:
                orient_rows.append((doc_id, k, orient))
        for ident, typ in idents:
            ident_rows.append((doc_id, ident, typ))
        wc = sum(words(t) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        summary.append((doc_id, path.name, wc, rturns,
                        sum(1 for _, _, o in turns if o == "casus"),
                        sum(1 for _, _, o in turns if o == "netwerk")))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in sorted(STYLES):
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for row in summary:
        print("%s %-10s words=%4d resp_turns=%2d casus=%2d netwerk=%2d" % row)


if __name__ == "__main__":
    sys.exit(main())
