#!/usr/bin/env python3
"""Build setCT transcripts + csv files from the annotated sources in src/.

Source format (one file per document, src/<id>.txt):
  @format   txt | txt-ts | docx | vtt | srt
  @encoding utf-8 | cp1252          (txt formats only)
  @ilabel / @rlabel                 speaker labels as they appear in the transcript
  @header   a header line (repeatable; may contain identifier marks)
  ---
  I: <interviewer turn>            one line per turn
  R: <respondent turn> #casus      optional orientation mark at the end (#casus / #netwerk)
Identifiers are marked inline as [[verbatim text|TYPE]].
Run with python-docx available (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"

IDS = ["ct01", "ct02", "ct03", "ct04", "ct05", "ct06"]

STYLES = {
    "ct01": ("casusgericht", "Youth worker acting as case director for three boys; all her effort goes into one boy, his mother and little brother, and she uses meetings and partners only to move his plan, explicitly leaving structural matters to others."),
    "ct02": ("netwerkgericht", "Process director who tells warm stories about clients but invests in relations between police, youth work, school and leerplicht: a standing table, rules on sharing, escalation to managers, patterns across cases, and sees her trust role toward the professionals."),
    "ct03": ("netwerkgericht", "Police youth expert who deliberately keeps away from the boy himself and works on weekly exchanges with leerplicht, trust with youth work, privacy agreements, briefing notes for new chiefs and links between tables."),
    "ct04": ("onbepaald", "Genuinely mixed: the radicalisation adviser invests about equally in weekly home visits and trust with one young man and his family and in rebuilding the case meeting, the covenant, joint trainings and a school network."),
    "ct05": ("casusgericht", "Case director who talks a lot about meetings, partners and agreements but every meeting, call and escalation serves one 17-year-old's own two goals, with trust built with him and his mother, and she leaves structural work to her team leader."),
    "ct06": ("netwerkgericht", "Leerplicht team leader who calls himself the person for the connections: he brings managers with mandate together, creates a regional table, data on patterns per neighbourhood and regional agreements; the client story illustrates the network problem."),
}

# Place names that are treated as LOCATIE identifiers wherever they occur (not marked inline).
AUTO_LOC = ["Overvecht", "Kanaleneiland", "Transwijk", "Zuilen", "Amersfoort", "Utrecht-Noord",
            "Liendert", "Kruiskamp", "Soesterkwartier", "Leusden", "Nieuwegein", "Eemland"]

MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s+#(casus|netwerk)\s*$")


def parse(doc_id):
    meta = {"header": []}
    turns = []  # (speaker 'I'/'R', text, orientation or None)
    ids = []
    body = False
    for line in (SRC / f"{doc_id}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if not body:
            if line.strip() == "---":
                body = True
                continue
            key, _, val = line.partition(" ")
            key = key.lstrip("@")
            if key == "header":
                ids.extend(MARK.findall(val))
                meta["header"].append(MARK.sub(r"\1", val))
            else:
                meta[key] = val.strip()
            continue
        spk, _, text = line.partition(": ")
        assert spk in ("I", "R"), (doc_id, line[:40])
        ori = None
        m = ORI.search(text)
        if m:
            assert spk == "R", (doc_id, "orientation on interviewer turn")
            ori = m.group(1)
            text = text[: m.start()]
        assert "#" not in text, (doc_id, text[:60])
        ids.extend(MARK.findall(text))
        turns.append((spk, MARK.sub(r"\1", text).strip(), ori))
    for k, (spk, _, _) in enumerate(turns):
        assert spk == ("I" if k % 2 == 0 else "R"), (doc_id, "alternation", k + 1)
    return meta, turns, ids


def ts(sec, sep=","):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def durations(turns, start=4.0):
    t = start
    out = []
    for _, text, _ in turns:
        d = max(2.0, len(text.split()) / 2.6)
        out.append((t, t + d))
        t += d + 1.3
    return out


def chunks(text, maxw=38):
    """Split a turn into sentence-based chunks for VTT cues (Teams-like)."""
    sents = re.split(r"(?<=[.?!])\s+", text)
    cur, out = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def label(meta, spk):
    return meta["ilabel"] if spk == "I" else meta["rlabel"]


def write_txt(doc_id, meta, turns, with_ts=False):
    lines = list(meta["header"])
    if lines:
        lines.append("")
    times = durations(turns)
    for (spk, text, _), (a, _) in zip(turns, times):
        prefix = f"[{ts(a)[:8]}] " if with_ts else ""
        lines.append(f"{prefix}{label(meta, spk)}: {text}")
        lines.append("")
    enc = meta.get("encoding", "utf-8")
    data = "\r\n".join(lines) if enc == "cp1252" else "\n".join(lines)
    (TR / f"{doc_id}.txt").write_bytes(data.encode(enc))


def write_docx(doc_id, meta, turns):
    import docx
    d = docx.Document()
    for k, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        r.bold = k == 0
    d.add_paragraph("")
    for spk, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, spk) + ":")
        r.bold = True
        p.add_run(" " + text)
    d.save(TR / f"{doc_id}.docx")


def write_vtt(doc_id, meta, turns):
    lines = ["WEBVTT", ""]
    t = 3.0
    n = 0
    for spk, text, _ in turns:
        for c in chunks(text):
            d = max(1.5, len(c.split()) / 2.6)
            n += 1
            lines += [f"{n}", f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {label(meta, spk)}>{c}</v>", ""]
            t += d + 0.4
        t += 0.9
    (TR / f"{doc_id}.vtt").write_text("\n".join(lines), encoding="utf-8")


def write_srt(doc_id, meta, turns):
    lines = []
    for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, durations(turns, 2.0)), 1):
        lines += [str(n), f"{ts(a)} --> {ts(b)}", f"{label(meta, spk)}: {text}", ""]
    (TR / f"{doc_id}.srt").write_text("\n".join(lines), encoding="utf-8")


def main():
    TR.mkdir(exist_ok=True)
    for old in TR.iterdir():
        old.unlink()
    ori_rows, id_rows, stats = [], [], []
    for doc_id in IDS:
        meta, turns, ids = parse(doc_id)
        fmt = meta["format"]
        if fmt == "txt":
            write_txt(doc_id, meta, turns)
            ext = "txt"
        elif fmt == "txt-ts":
            write_txt(doc_id, meta, turns, with_ts=True)
            ext = "txt"
        elif fmt == "docx":
            write_docx(doc_id, meta, turns)
            ext = "docx"
        elif fmt == "vtt":
            write_vtt(doc_id, meta, turns)
            ext = "vtt"
        elif fmt == "srt":
            write_srt(doc_id, meta, turns)
            ext = "srt"
        else:
            raise ValueError(fmt)
        for k, (spk, _, ori) in enumerate(turns, 1):
            if ori:
                ori_rows.append((doc_id, k, ori))
        full = "\n".join(meta["header"] + [t for _, t, _ in turns])
        seen = set()
        for ident, typ in ids:
            if ident not in seen:
                seen.add(ident)
                id_rows.append((doc_id, ident, typ))
        for loc in AUTO_LOC:
            if loc not in seen and re.search(r"\b" + re.escape(loc) + r"\b", full):
                seen.add(loc)
                id_rows.append((doc_id, loc, "LOCATIE"))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        nc = sum(1 for r in ori_rows if r[0] == doc_id and r[2] == "casus")
        nn = sum(1 for r in ori_rows if r[0] == doc_id and r[2] == "netwerk")
        stats.append((doc_id, f"{doc_id}.{ext}", meta.get("encoding", "utf-8") if ext == "txt" else "", words, rturns, nc, nn))
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in IDS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for s in stats:
        print("%s %-10s %-7s words=%d rturns=%d casus=%d netwerk=%d" % s)


if __name__ == "__main__":
    main()
