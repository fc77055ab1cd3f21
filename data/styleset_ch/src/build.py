#!/usr/bin/env python3
"""Build setCH transcripts and csv files from the annotated sources in this folder.

Source format (src/chNN.src):
  meta lines "key: value" until a line "---";
  then one paragraph per speaker turn, "I: ..." (interviewer) or "R: ..." (respondent),
  paragraphs separated by blank lines.
  Identifiers are marked inline as [[verbatim text|TYPE]].
  A respondent paragraph may end in {casus} or {netwerk} (its orientation).

Run with a python that has python-docx (only needed for the .docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRANS = os.path.join(OUT, "transcripts")
IDS = ["ch01", "ch02", "ch03", "ch04", "ch05", "ch06"]

STYLES = {
    "ch01": ("casusgericht",
             "Process director who runs many partner meetings and written agreements, but every meeting, "
             "escalation and information decision is framed around one client's own goals and his mother's trust."),
    "ch02": ("netwerkgericht",
             "Neighbourhood officer who tells warm stories about a boy he has known for years, yet invests his "
             "time in building a standing multi-agency table, agreements between organisations, escalation to "
             "management and making the table survive him."),
    "ch03": ("onbepaald",
             "Guarded truancy officer who answers procedurally and briefly, so the interview shows neither an "
             "investment in the person nor in the partner network."),
    "ch04": ("casusgericht",
             "Terse probation officer who uses personal contacts and meetings only to get things done for one "
             "released client and explicitly leaves structural work to others."),
    "ch05": ("netwerkgericht",
             "Chain director who cares about a young client but uses his case to analyse patterns across cases, "
             "broker agreements between directorates and build trust between organisations."),
    "ch06": ("casusgericht",
             "Youth director with a care background who builds the plan from the girl's own wishes and aligns "
             "school, truancy, police and child protection around her, leaving policy signals to others."),
}

MARK_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")


def strip_marks(text):
    return MARK_RE.sub(lambda m: m.group(1), text)


def find_marks(text):
    return [(m.group(1), m.group(2)) for m in MARK_RE.finditer(text)]


def parse_src(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    head, body = raw.split("\n---\n", 1)
    meta = {}
    for line in head.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            meta[k.strip()] = v.strip()
    turns = []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(l.strip() for l in para.strip().splitlines())
        spk, text = para.split(":", 1)
        spk = spk.strip()
        assert spk in ("I", "R"), (path, para[:40])
        text = text.strip()
        ori = None
        m = ORI_RE.search(text)
        if m:
            ori = m.group(1)
            text = text[: m.start()].rstrip()
        turns.append({"spk": spk, "marked": text, "text": strip_marks(text), "ori": ori})
    return meta, turns


# ---------------------------------------------------------------- cue splitting
def protected_spans(marked):
    """Character spans (in the plain text) of identifiers, which must never be split."""
    spans, plain_pos, last = [], 0, 0
    for m in MARK_RE.finditer(marked):
        plain_pos += m.start() - last
        spans.append((plain_pos, plain_pos + len(m.group(1))))
        plain_pos += len(m.group(1))
        last = m.end()
    return spans


def split_cues(marked, max_words=15, min_words=7):
    plain = strip_marks(marked)
    spans = protected_spans(marked)
    # words with their start offsets; merge words that fall inside one identifier span
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", plain)]
    merged = []
    for s, e in words:
        if merged and any(a <= merged[-1][0] < b and s < b for a, b in spans):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    chunks, cur = [], []
    for s, e in merged:
        cur.append((s, e))
        w = plain[s:e]
        n = len(cur)
        if (n >= min_words and w[-1] in ".?!") or (n >= 11 and w[-1] in ",:;") or n >= max_words:
            chunks.append(plain[cur[0][0]:cur[-1][1]])
            cur = []
    if cur:
        if chunks and len(cur) < 3:
            # glue a tiny tail to the previous chunk
            last = chunks.pop()
            chunks.append(last + " " + plain[cur[0][0]:cur[-1][1]])
        else:
            chunks.append(plain[cur[0][0]:cur[-1][1]])
    return chunks


def fmt_time(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start=1.5):
    """Yield (turn_index, speaker, start, end, text) with a simple speech-rate model."""
    t = start
    out = []
    for i, tn in enumerate(turns, 1):
        for chunk in split_cues(tn["marked"]):
            n = len(chunk.split())
            dur = max(1.2, n / 2.6)
            out.append((i, tn["spk"], t, t + dur, chunk))
            t += dur + 0.12
        t += 0.7
    return out


# ---------------------------------------------------------------- writers
def label(meta, spk):
    return meta["ilabel"] if spk == "I" else meta["rlabel"]


def write_docx(meta, turns, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    p = d.add_paragraph()
    r = p.add_run(strip_marks(meta["header"]))
    r.bold = True
    r.font.size = Pt(13)
    if meta.get("subheader"):
        p = d.add_paragraph()
        r = p.add_run(strip_marks(meta["subheader"]))
        r.italic = True
    for tn in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, tn["spk"]) + ":")
        r.bold = True
        p.add_run(" " + tn["text"])
    d.save(path)


def write_srt(meta, turns, path):
    lines = []
    for n, (i, spk, s, e, text) in enumerate(timed_cues(turns), 1):
        lines += [str(n), f"{fmt_time(s, ',')} --> {fmt_time(e, ',')}", f"{label(meta, spk)}: {text}", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_vtt(meta, turns, path):
    lines = ["WEBVTT", ""]
    if meta.get("header"):
        lines += [strip_marks(meta["header"]), ""]
    for i, spk, s, e, text in timed_cues(turns, start=3.0):
        lines += [f"{fmt_time(s, '.')} --> {fmt_time(e, '.')}", f"<v {label(meta, spk)}>{text}", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_txt(meta, turns, path, encoding="utf-8", newline="\n", timestamps=False):
    lines = [strip_marks(meta["header"])]
    if meta.get("subheader"):
        lines.append(strip_marks(meta["subheader"]))
    lines.append("")
    starts = {}
    if timestamps:
        for i, spk, s, e, text in timed_cues(turns, start=4.0):
            starts.setdefault(i, s)
    for i, tn in enumerate(turns, 1):
        lab = label(meta, tn["spk"])
        if timestamps:
            lines.append(f"[{fmt_time(starts[i], '.')[:8]}] {lab}: {tn['text']}")
        else:
            lines.append(f"{lab}: {tn['text']}")
        lines.append("")
    with open(path, "w", encoding=encoding, newline=newline) as f:
        f.write("\n".join(lines))


EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt": "txt", "txt1252": "txt", "tstxt": "txt"}


def main():
    os.makedirs(TRANS, exist_ok=True)
    ori_rows, id_rows, summary = [], [], []
    for doc in IDS:
        meta, turns = parse_src(os.path.join(HERE, doc + ".src"))
        assert meta["id"] == doc
        # alternation, starting with the interviewer
        for i, tn in enumerate(turns):
            assert tn["spk"] == ("I" if i % 2 == 0 else "R"), (doc, i + 1)
            assert not (tn["spk"] == "I" and tn["ori"]), (doc, i + 1)
        fmt = meta["format"]
        path = os.path.join(TRANS, f"{doc}.{EXT[fmt]}")
        if fmt == "docx":
            write_docx(meta, turns, path)
        elif fmt == "srt":
            write_srt(meta, turns, path)
        elif fmt == "vtt":
            write_vtt(meta, turns, path)
        elif fmt == "txt":
            write_txt(meta, turns, path)
        elif fmt == "txt1252":
            write_txt(meta, turns, path, encoding="cp1252", newline="\r\n")
        elif fmt == "tstxt":
            write_txt(meta, turns, path, timestamps=True)
        # orientation rows
        for i, tn in enumerate(turns, 1):
            if tn["ori"]:
                ori_rows.append((doc, i, tn["ori"]))
        # identifiers, in order of first appearance, deduplicated
        seen = set()
        sources = [meta.get("header", ""), meta.get("subheader", "")] + [t["marked"] for t in turns]
        found = []
        for s in sources:
            found += find_marks(s)
        for lab in filter(None, meta.get("label_ids", "").split(";")):
            v, ty = lab.strip().split("|")
            found.append((v, ty))
        for v, ty in found:
            if (v, ty) not in seen:
                seen.add((v, ty))
                id_rows.append((doc, v, ty))
        words = sum(len(t["text"].split()) for t in turns)
        rturns = sum(1 for t in turns if t["spk"] == "R")
        summary.append((doc, fmt, words, rturns, len(turns)))
    ori_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(ori_rows)
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in IDS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    for doc, fmt, words, rturns, nturns in summary:
        print(f"{doc}\t{fmt}\twords={words}\trespondent_turns={rturns}\tturns={nturns}")


if __name__ == "__main__":
    sys.exit(main())
