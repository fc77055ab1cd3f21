"""Build the setmd transcripts and csv files from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/mdNN.txt): one paragraph per turn, paragraphs separated by
blank lines; each paragraph starts with "H: " (header line), "I: " (interviewer)
or "R: " (respondent). Identifiers inline as [[text|TYPE]]. Respondent
paragraphs end with {casus}, {netwerk} or {-}.
"""
import csv
import os
import random
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT_T = os.path.join(ROOT, "transcripts")

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

STYLES = {
    "md01": ("netwerkgericht",
             "The ondermijningsregisseur tells a warm, detailed story about one boy but deliberately hands all "
             "daily contact to the jongerenwerker and invests her own time and trust in the douane relationship, "
             "the 48-hour protocol, escalation, quarterly pattern overviews and a port-wide agreement."),
    "md02": ("casusgericht",
             "The jongerenwerker names many partners and meetings, but every contact is a means for Milan's own "
             "plan, he keeps the daily (and nightly) contact himself and declines the structural working group."),
    "md03": ("onbepaald",
             "Too little evidence: the guarded douane liaison answers in procedures and generalities, refuses "
             "examples and never shows where his own effort or trust goes."),
    "md04": ("onbepaald",
             "Genuinely mixed: the zorgcoördinator invests about equally in her own daily contact and plan with "
             "one pupil and in building and chairing a signalling table and protocol across schools, and says so."),
    "md05": ("netwerkgericht",
             "The terse Halt-medewerker hands the casework (including the girl he describes) to a colleague and "
             "invests in a monthly cross-organisation table, agreements, escalation and patterns across cases."),
    "md06": ("onbepaald",
             "Too little evidence: the talkative corporatie wijkconsulent stays with standard procedures, "
             "'everyone together' and generalities, and never shows what she herself invests in."),
}

# Per document: format and speaker labels (labels may carry identifier markup).
DOCS = {
    "md01": dict(fmt="docx", bold=True, labels={"I": "Interviewer", "R": "Respondent"}),
    "md02": dict(fmt="txt_ts", encoding="utf-8", newline="\n",
                 labels={"I": "Spreker 1", "R": "Spreker 2"}, start=3.0, seed=2),
    "md03": dict(fmt="vtt", labels={"I": "Interviewer", "R": "[[Rob Koene|PERSOON]]"}, start=1.5, seed=3),
    "md04": dict(fmt="txt", encoding="cp1252", newline="\r\n", labels={"I": "I", "R": "R"}),
    "md05": dict(fmt="srt", newline="\r\n", labels={"I": "Interviewer", "R": "[[Bart|PERSOON]]"},
                 start=0.8, seed=5),
    "md06": dict(fmt="docx", bold=False, labels={"I": "Interviewer", "R": "[[Esther|PERSOON]]"}),
}
EXT = {"docx": "docx", "txt_ts": "txt", "txt": "txt", "vtt": "vtt", "srt": "srt"}


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def parse(doc_id):
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, _, text = p.partition(": ")
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", text)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without orientation tag: {text[:60]}")
                orient = m.group(1)
                text = text[:m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}$", text):
                sys.exit(f"{doc_id}: interviewer paragraph with orientation tag")
            if turns and turns[-1][0] == kind:
                sys.exit(f"{doc_id}: turns do not alternate at {text[:40]}")
            if not turns and kind != "I":
                sys.exit(f"{doc_id}: first turn is not the interviewer")
            turns.append((kind, text, orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph prefix {kind!r}")
    return header, turns


def tokens(marked):
    """Whitespace tokens, identifier markup kept atomic."""
    protected = MARK.sub(lambda m: m.group(0).replace(" ", "\u0000"), marked)
    return [t.replace("\u0000", " ") for t in protected.split()]


def chunks(marked, max_words, min_words):
    """Split a turn into cue-sized chunks at sentence ends, never inside an identifier."""
    toks = tokens(marked)
    out, cur = [], []
    for i, t in enumerate(toks):
        cur.append(t)
        n = sum(len(plain(x).split()) for x in cur)
        sentence_end = re.search(r"[.?!][\"')]*$", t) is not None  # markup ends with ']]' so never matches
        rest = len(toks) - i - 1
        if (sentence_end and n >= min_words and rest >= 3) or (n >= max_words and rest >= 3):
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def wrap(marked, width):
    """At most two subtitle lines, split at the token boundary nearest the middle."""
    toks = tokens(marked)
    if len(plain(marked)) <= width or len(toks) < 2:
        return [" ".join(toks)]
    total = len(plain(" ".join(toks)))
    best, best_d = 1, None
    for k in range(1, len(toks)):
        d = abs(len(plain(" ".join(toks[:k]))) - total / 2)
        if best_d is None or d < best_d:
            best, best_d = k, d
    return [" ".join(toks[:best]), " ".join(toks[best:])]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, cfg, max_words, min_words):
    rnd = random.Random(cfg["seed"])
    t = cfg["start"]
    cues = []
    for kind, text, _ in turns:
        for j, ch in enumerate(chunks(text, max_words, min_words)):
            n = len(plain(ch).split())
            dur = max(1.2, n / rnd.uniform(2.3, 2.9))
            cues.append((kind, j == 0, ch, t, t + dur))
            t += dur + rnd.uniform(0.15, 0.6)
        t += rnd.uniform(0.4, 1.6)
    return cues


def build_docx(doc_id, cfg, header, turns, path):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        label = plain(cfg["labels"][kind]) + ":"
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label)
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(label + " " + plain(text))
    d.save(path)


def build_txt(doc_id, cfg, header, turns, path, with_ts):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    if with_ts:
        rnd = random.Random(cfg["seed"])
        t = cfg["start"]
    for kind, text, _ in turns:
        label = plain(cfg["labels"][kind])
        if with_ts:
            lines.append(f"[{ts(t, '.')[:8]}] {label}: {plain(text)}")
            t += len(plain(text).split()) / rnd.uniform(2.3, 2.9) + rnd.uniform(0.8, 2.5)
        else:
            lines.append(f"{label}: {plain(text)}")
        lines.append("")
    data = cfg["newline"].join(lines).rstrip() + cfg["newline"]
    with open(path, "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def build_vtt(doc_id, cfg, header, turns, path):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    for kind, first, ch, a, b in timed_cues(turns, cfg, 24, 9):
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {plain(cfg['labels'][kind])}>{plain(ch)}")
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def build_srt(doc_id, cfg, header, turns, path):
    out = []
    for i, (kind, first, ch, a, b) in enumerate(timed_cues(turns, cfg, 15, 6), 1):
        text = plain(ch)
        if first:
            text = plain(cfg["labels"][kind]) + ": " + text
        out.append(str(i))
        out.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        # wrap on token boundaries of the marked text so identifiers never break
        marked = (cfg["labels"][kind] + ": " + ch) if first else ch
        out.extend(plain(l) for l in wrap(marked, 44))
        out.append("")
    nl = cfg["newline"]
    with open(path, "wb") as f:
        f.write(nl.join(out).encode("utf-8"))


def main():
    os.makedirs(OUT_T, exist_ok=True)
    for fn in os.listdir(OUT_T):
        os.remove(os.path.join(OUT_T, fn))
    orient_rows, ident_rows, stats = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse(doc_id)
        path = os.path.join(OUT_T, f"{doc_id}.{EXT[cfg['fmt']]}")
        if cfg["fmt"] == "docx":
            build_docx(doc_id, cfg, header, turns, path)
        elif cfg["fmt"] == "txt_ts":
            build_txt(doc_id, cfg, header, turns, path, True)
        elif cfg["fmt"] == "txt":
            build_txt(doc_id, cfg, header, turns, path, False)
        elif cfg["fmt"] == "vtt":
            build_vtt(doc_id, cfg, header, turns, path)
        elif cfg["fmt"] == "srt":
            build_srt(doc_id, cfg, header, turns, path)
        # orientation
        for idx, (kind, text, orient) in enumerate(turns, 1):
            if kind == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc_id, idx, orient))
        # identifiers: header, speaker labels, turns; one row per distinct string
        seen = {}
        sources = list(header) + [cfg["labels"]["I"], cfg["labels"]["R"]] + [t[1] for t in turns]
        for s in sources:
            for text, typ in idents(s):
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: bad type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc_id}: {text!r} tagged as {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    ident_rows.append((doc_id, text, typ))
        words = sum(len(plain(t[1]).split()) for t in turns)
        nresp = sum(1 for t in turns if t[0] == "R")
        ncas = sum(1 for t in turns if t[2] == "casus")
        nnet = sum(1 for t in turns if t[2] == "netwerk")
        stats.append((doc_id, os.path.basename(path), words, nresp, ncas, nnet, len(seen)))
    orient_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id, (style, why) in STYLES.items():
            w.writerow([doc_id, style, why])
    print("doc   file        words  resp_turns  casus  netwerk  identifiers")
    for s in stats:
        print(f"{s[0]}  {s[1]:<10}  {s[2]:>5}  {s[3]:>10}  {s[4]:>5}  {s[5]:>7}  {s[6]:>11}")


if __name__ == "__main__":
    main()
