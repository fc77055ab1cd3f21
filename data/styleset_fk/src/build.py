"""Build the transcripts and the three label files of set FK from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py

Source format (src/fkNN.txt): optional '#style:' / '#rationale:' lines, then paragraphs
separated by blank lines, each starting with 'H:' (header), 'I:' (interviewer) or 'R:'
(respondent). Identifiers are inline as [[text|TYPE]]; every R paragraph ends in
{casus}, {netwerk} or {-}.
"""
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

# per document: delivery format and speaker labels (interviewer, respondent)
DOCS = {
    "fk01": dict(fmt="srt", crlf=True, labels=("Interviewer", "Esther")),
    "fk02": dict(fmt="docx", bold=True, labels=("Interviewer", "Respondent")),
    "fk03": dict(fmt="vtt", labels=("Interviewer", "Youssef")),
    "fk04": dict(fmt="txt", encoding="cp1252", crlf=True, labels=("I", "R")),
    "fk05": dict(fmt="docx", bold=False, labels=("Marloes", "Ruud")),
    "fk06": dict(fmt="txt", encoding="utf-8", crlf=False, stamps=True,
                 labels=("Spreker 1", "Spreker 2")),
}
# speaker labels that are names (they count as PERSOON identifiers)
NAME_LABELS = {"Esther", "Youssef", "Marloes", "Ruud"}

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)

problems = []


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def words(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def parse(doc):
    text = (SRC / f"{doc}.txt").read_text("utf-8")
    meta = {}
    body = []
    for line in text.split("\n"):
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "\n".join(body)) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, body_ = p[:2], p[2:].strip()
        if kind == "H:":
            if turns:
                problems.append(f"{doc}: header paragraph after the first turn")
            header.append(body_)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = ORIENT.search(body_)
                if not m:
                    problems.append(f"{doc}: respondent paragraph without orientation: {body_[:50]}")
                else:
                    orient = m.group(1)
                    body_ = body_[:m.start()]
            elif ORIENT.search(body_):
                problems.append(f"{doc}: interviewer paragraph with orientation tag")
            turns.append(dict(spk=kind[0], ann=body_, text=plain(body_), orient=orient))
        else:
            problems.append(f"{doc}: paragraph without H:/I:/R: prefix: {p[:50]}")
    for i, t in enumerate(turns):
        if t["spk"] != ("I" if i % 2 == 0 else "R"):
            problems.append(f"{doc}: turn {i + 1} breaks I/R alternation")
    return meta, header, turns


def identifiers(doc, header, turns):
    ids = {}
    order = []
    for s in header + [t["ann"] for t in turns]:
        for m in MARK.finditer(s):
            txt, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                problems.append(f"{doc}: unknown type {typ}")
            if txt in ids and ids[txt] != typ:
                problems.append(f"{doc}: {txt!r} has two types")
            if txt not in ids:
                ids[txt] = typ
                order.append(txt)
    for lab in DOCS[doc]["labels"]:
        if lab in NAME_LABELS and lab not in ids:
            ids[lab] = "PERSOON"
            order.append(lab)
    # every occurrence of a labelled string must itself be marked
    for s in header + [t["ann"] for t in turns]:
        masked = MARK.sub(lambda m: "\x00" * len(m.group(0)), s)
        for txt in ids:
            if re.search(r"(?<!\w)" + re.escape(txt) + r"(?!\w)", masked):
                problems.append(f"{doc}: unmarked occurrence of {txt!r}")
    return [(txt, ids[txt]) for txt in order]


# ---------------------------------------------------------------- timing / cues
def timeline(doc, turns):
    rnd = random.Random(doc)
    t = rnd.uniform(1.5, 4.0)
    out = []
    for turn in turns:
        dur = words(turn["text"]) / rnd.uniform(2.3, 2.9) + rnd.uniform(0.3, 2.5)
        out.append((t, t + dur))
        t += dur + rnd.uniform(0.4, 1.6)
    return out


def split_cues(text, maxw=16):
    # split a turn into subtitle cues at sentence ends (long sentences at commas)
    sents = re.split(r"(?<=[.!?])\s+(?=\S)", text)
    pieces = []
    for s in sents:
        if words(s) <= 24:
            pieces.append(s)
            continue
        parts = re.split(r"(?<=,)\s+", s)
        cur = ""
        for p in parts:
            if cur and words(cur) + words(p) > 16:
                pieces.append(cur)
                cur = p
            else:
                cur = (cur + " " + p).strip()
        if cur:
            pieces.append(cur)
    cues, cur = [], ""
    for p in pieces:
        if cur and words(cur) + words(p) > maxw:
            cues.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        cues.append(cur)
    return cues


def fmt_time(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_times(start, end, cues):
    total = sum(words(c) for c in cues) or 1
    t = start
    for c in cues:
        d = (end - start) * words(c) / total
        yield t, t + d - 0.04, c
        t += d


# ---------------------------------------------------------------- writers
def write_srt(doc, cfg, header, turns, times):
    lines, n = [], 0
    for turn, (a, b) in zip(turns, times):
        lab = cfg["labels"][0 if turn["spk"] == "I" else 1]
        for s, e, c in cue_times(a, b, split_cues(turn["text"])):
            n += 1
            lines += [str(n), f"{fmt_time(s, ',')} --> {fmt_time(e, ',')}", f"{lab}: {c}", ""]
    nl = "\r\n" if cfg.get("crlf") else "\n"
    (OUT / f"{doc}.srt").write_bytes(nl.join(lines).encode("utf-8"))


def write_vtt(doc, cfg, header, turns, times):
    lines = ["WEBVTT", ""]
    if header:
        lines += ["NOTE"] + [plain(h) for h in header] + [""]
    n = 0
    for turn, (a, b) in zip(turns, times):
        lab = cfg["labels"][0 if turn["spk"] == "I" else 1]
        for s, e, c in cue_times(a, b, split_cues(turn["text"])):
            n += 1
            lines += [f"{n}", f"{fmt_time(s, '.')} --> {fmt_time(e, '.')}", f"<v {lab}>{c}</v>", ""]
    (OUT / f"{doc}.vtt").write_bytes("\n".join(lines).encode("utf-8"))


def write_txt(doc, cfg, header, turns, times):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for turn, (a, _) in zip(turns, times):
        lab = cfg["labels"][0 if turn["spk"] == "I" else 1]
        if cfg.get("stamps"):
            lines.append(f"[{fmt_time(a, '.')[:8]}] {lab}: {turn['text']}")
        else:
            lines.append(f"{lab}: {turn['text']}")
        lines.append("")
    nl = "\r\n" if cfg.get("crlf") else "\n"
    data = nl.join(lines)
    try:
        raw = data.encode(cfg["encoding"])
    except UnicodeEncodeError as e:
        problems.append(f"{doc}: cannot encode in {cfg['encoding']}: {e}")
        return
    (OUT / f"{doc}.txt").write_bytes(raw)


def write_docx(doc, cfg, header, turns, times):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
    if header:
        d.add_paragraph()
    for turn in turns:
        lab = cfg["labels"][0 if turn["spk"] == "I" else 1]
        p = d.add_paragraph()
        if cfg.get("bold"):
            p.add_run(f"{lab}:").bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(f"{lab}: {turn['text']}")
    d.core_properties.author = ""
    d.save(OUT / f"{doc}.docx")


WRITERS = dict(srt=write_srt, vtt=write_vtt, txt=write_txt, docx=write_docx)


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        if f.stem in DOCS:
            f.unlink()
    styles, orient_rows, id_rows, stats = [], [], [], []
    for doc, cfg in DOCS.items():
        meta, header, turns = parse(doc)
        for t in turns:
            if FORBIDDEN.search(t["text"]):
                problems.append(f"{doc}: forbidden label word in a turn")
        ids = identifiers(doc, header, turns)
        id_rows += [(doc, txt, typ) for txt, typ in ids]
        for i, t in enumerate(turns, 1):
            if t["spk"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc, i, t["orient"]))
        styles.append((doc, meta.get("style", ""), meta.get("rationale", "")))
        times = timeline(doc, turns)
        WRITERS[cfg["fmt"]](doc, cfg, header, turns, times)
        nw = sum(words(t["text"]) for t in turns)
        nr = sum(1 for t in turns if t["spk"] == "R")
        oc = sum(1 for r in orient_rows if r[0] == doc and r[2] == "casus")
        on = sum(1 for r in orient_rows if r[0] == doc and r[2] == "netwerk")
        stats.append((doc, cfg["fmt"], nw, nr, len(ids), oc, on))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   fmt   words  resp_turns  ids  casus netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:5} {s[2]:6} {s[3]:7} {s[4]:8} {s[5]:5} {s[6]:5}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
