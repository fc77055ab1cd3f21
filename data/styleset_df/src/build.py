#!/usr/bin/env python3
"""Build the setDF transcripts and csv files from the annotated sources in src/.

Source format (one file per document, src/<id>.src):
  meta lines  KEY: value   (ID, FORMAT, TITLE, HEADER (repeatable), ILABEL, RLABEL)
  ===
  one line per speaker turn: "I: text" or "R: text @casus|@netwerk|@-"
Identifiers are marked inline as {verbatim text|TYPE}; the braces are removed in the output.

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
TRANS = OUT / "transcripts"
IDS = ["df01", "df02", "df03", "df04", "df05", "df06"]

STYLES = {
    "df01": ("casusgericht", "Process director who attends many meetings and bargains with many partners, but every meeting, agreement and exception is built around one released man's five-point plan and her trust relationship with him and his mother; structural follow-up is explicitly left to others."),
    "df02": ("netwerkgericht", "Aftercare chain director who tells warm personal stories about a returning prisoner, but uses that case to count a pattern and invest in release notifications, ID arrangements, housing covenants, escalation routes and trust between professionals, having no caseload of his own."),
    "df03": ("onbepaald", "Guarded neighbourhood officer who answers procedurally and briefly, describing the information flow and his small part in it without showing whether he invests in the persons or in the cooperating organisations (too little evidence)."),
    "df04": ("casusgericht", "Angry probation officer whose whole account is about one 19-year-old and his family, doing work outside her remit and pulling individual partners in for him while dismissing meetings and waiting for organisational change."),
    "df05": ("netwerkgericht", "Senior youth process director who builds and chairs the youth table, makes working agreements between organisations, spots patterns across cases and takes them to the steering group, leaving the casework with the youth to her regisseurs."),
    "df06": ("casusgericht", "Community psychiatric nurse whose regie role is anchored in a four-year relationship with one client and his sister; she attends the case meeting only for him and uses partners and information sharing strictly on his terms."),
}

ID_RE = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")


def strip(text, idents):
    def repl(m):
        idents.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(repl, text)


def parse(path):
    meta = {"HEADER": []}
    turns = []
    idents = []
    in_body = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line:
            continue
        if line == "===":
            in_body = True
            continue
        if not in_body:
            key, _, val = line.partition(": ")
            val = strip(val, idents)
            if key == "HEADER":
                meta["HEADER"].append(val)
            else:
                meta[key] = val
            continue
        spk, _, text = line.partition(": ")
        assert spk in ("I", "R"), (path, line[:40])
        orient = None
        if spk == "R":
            m = re.search(r"\s@(casus|netwerk|-)$", text)
            assert m, (path, "respondent turn without orientation mark", text[:50])
            orient = None if m.group(1) == "-" else m.group(1)
            text = text[: m.start()].rstrip()
        else:
            assert "@" not in text, (path, text[:40])
        text = strip(text, idents)
        assert "{" not in text and "}" not in text, (path, text[:60])
        turns.append({"spk": spk, "text": text, "orient": orient})
    # alternation, starting with the interviewer
    for i, t in enumerate(turns):
        assert t["spk"] == ("I" if i % 2 == 0 else "R"), (path, i + 1)
    return meta, turns, idents


def words(s):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", s))


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?…])\s+", text) if s]


def chunks(text, maxw=16, protect=()):
    # keep multi-word identifiers inside one cue: join their words with a sentinel
    for ident in sorted(protect, key=len, reverse=True):
        if " " in ident:
            text = text.replace(ident, ident.replace(" ", "\x00"))
    out, cur = [], []
    for s in sentences(text):
        sw = s.split()
        if cur and len(cur) + len(sw) > maxw:
            out.append(" ".join(cur))
            cur = []
        while len(sw) > maxw + 6:
            out.append(" ".join(sw[:maxw]))
            sw = sw[maxw:]
        cur.extend(sw)
    if cur:
        out.append(" ".join(cur))
    return [c.replace("\x00", " ") for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, protect=(), start=2.4):
    t = start
    cues = []
    for turn in turns:
        label = labels[turn["spk"]]
        for c in chunks(turn["text"], protect=protect):
            dur = max(1.2, 0.41 * len(c.split()))
            cues.append((t, t + dur, label, c))
            t += dur + 0.25
        t += 0.9
    return cues


def write_docx(meta, turns, labels, path, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    if meta.get("TITLE"):
        if bold:
            d.add_heading(meta["TITLE"], level=1)
        else:
            p = d.add_paragraph()
            p.add_run(meta["TITLE"]).bold = True
    for h in meta["HEADER"]:
        p = d.add_paragraph()
        p.add_run(h).italic = bold
    d.add_paragraph("")
    for turn in turns:
        p = d.add_paragraph()
        label = labels[turn["spk"]] + ":"
        if bold:
            p.add_run(label).bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(label + " " + turn["text"])
    d.save(str(path))


def render(doc_id, meta, turns, protect=()):
    labels = {"I": meta["ILABEL"], "R": meta["RLABEL"]}
    fmt = meta["FORMAT"]
    if fmt in ("docx_bold", "docx_plain"):
        path = TRANS / f"{doc_id}.docx"
        write_docx(meta, turns, labels, path, fmt == "docx_bold")
    elif fmt == "srt":
        path = TRANS / f"{doc_id}.srt"
        lines = []
        for n, (a, b, lab, c) in enumerate(timed_cues(turns, labels, protect), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        path = TRANS / f"{doc_id}.vtt"
        lines = ["WEBVTT", ""]
        for h in meta["HEADER"]:
            lines += [h, ""]
        for n, (a, b, lab, c) in enumerate(timed_cues(turns, labels, protect), 1):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}</v>", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "txt_ir_cp1252":
        path = TRANS / f"{doc_id}.txt"
        lines = list(meta["HEADER"]) + [""]
        for turn in turns:
            lines += [f"{labels[turn['spk']]}: {turn['text']}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt_ts":
        path = TRANS / f"{doc_id}.txt"
        lines = list(meta["HEADER"]) + [""]
        t = 3.0
        for turn in turns:
            lines += [f"[{ts(t, ',')[:8]}] {labels[turn['spk']]}: {turn['text']}", ""]
            t += 0.41 * words(turn["text"]) + 1.6
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        raise ValueError(fmt)
    return path


def main():
    TRANS.mkdir(exist_ok=True)
    for old in TRANS.iterdir():
        old.unlink()
    orient_rows, ident_rows, stats = [], [], {}
    for doc_id in IDS:
        meta, turns, idents = parse(HERE / f"{doc_id}.src")
        assert meta["ID"] == doc_id
        path = render(doc_id, meta, turns, {i for i, _ in idents})
        for i, t in enumerate(turns, 1):
            if t["orient"]:
                orient_rows.append((doc_id, i, t["orient"]))
        seen = set()
        for ident, typ in idents:
            if ident not in seen:
                seen.add(ident)
                ident_rows.append((doc_id, ident, typ))
        rturns = [t for t in turns if t["spk"] == "R"]
        stats[doc_id] = {
            "file": path.name,
            "format": meta["FORMAT"],
            "words_total": sum(words(t["text"]) for t in turns),
            "words_respondent": sum(words(t["text"]) for t in rturns),
            "turns": len(turns),
            "respondent_turns": len(rturns),
            "casus_turns": sum(t["orient"] == "casus" for t in rturns),
            "netwerk_turns": sum(t["orient"] == "netwerk" for t in rturns),
        }
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, *STYLES[d]])
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    (HERE / "stats.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")
    for d, s in stats.items():
        print(d, s)


if __name__ == "__main__":
    main()
