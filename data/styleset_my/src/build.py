#!/usr/bin/env python
"""Build the transcripts and csv files of blind set 'setmy' from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py      (needs python-docx)

Source format (src/myNN.txt): paragraphs separated by a blank line.
  '# style: ...' / '# rationale: ...'   metadata (not in the transcript)
  'H: ...'   header line
  'I: ...'   interviewer turn
  'R: ... {casus|netwerk|-}'   respondent turn with its orientation tag
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# doc -> delivery format and speaker labels (interviewer, respondent)
CONFIG = {
    "my01": dict(fmt="txt_ir", ext="txt", enc="cp1252", eol="\r\n", labels=("I", "R")),
    "my02": dict(fmt="docx", ext="docx", bold=True, labels=("Sanne Mulder", "Ruud Kalverda"),
                 label_ids=["Sanne Mulder", "Ruud Kalverda"]),
    "my03": dict(fmt="srt", ext="srt", enc="utf-8-sig", eol="\r\n", labels=("Joost", "Esther"),
                 label_ids=["Joost", "Esther"], start=3.2),
    "my04": dict(fmt="vtt", ext="vtt", enc="utf-8", eol="\n", labels=("Daan Koster", "Samira El Khatib"),
                 label_ids=["Daan Koster", "Samira El Khatib"], start=1.8),
    "my05": dict(fmt="txt_ts", ext="txt", enc="utf-8", eol="\n", labels=("Spreker 1", "Spreker 2"),
                 start=4.0),
    "my06": dict(fmt="docx", ext="docx", bold=False, labels=("Interviewer", "Respondent")),
}

TAG_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


class Para:
    def __init__(self, kind, marked, orientation=None):
        self.kind = kind          # H, I, R
        self.marked = marked      # text with [[..|..]] markup
        self.orientation = orientation
        self.plain, self.spans, self.ids = strip(marked)


def strip(marked):
    """Return plain text, protected (start, end) spans, and [(text, type)]."""
    out, spans, ids, pos = [], [], [], 0
    n = 0
    for m in TAG_RE.finditer(marked):
        out.append(marked[pos:m.start()])
        n += len(marked[pos:m.start()])
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit("unknown type %s in %r" % (typ, m.group(0)))
        spans.append((n, n + len(text)))
        ids.append((text, typ))
        out.append(text)
        n += len(text)
        pos = m.end()
    out.append(marked[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain or "|" in plain:
        sys.exit("broken markup: %r" % marked[:80])
    return plain, spans, ids


def parse_source(path):
    meta, paras = {}, []
    with open(path, encoding="utf-8") as f:
        body = []
        for line in f:
            if line.startswith("#"):
                key, _, val = line[1:].partition(":")
                meta[key.strip()] = val.strip()
            else:
                body.append(line)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", "".join(body)) if b.strip()]
    for b in blocks:
        b = " ".join(line.strip() for line in b.splitlines())
        kind, _, rest = b.partition(": ")
        if kind not in ("H", "I", "R"):
            sys.exit("%s: bad paragraph %r" % (path, b[:60]))
        ori = None
        if kind == "R":
            m = ORI_RE.search(rest)
            if not m:
                sys.exit("%s: respondent paragraph without orientation: %r" % (path, rest[:60]))
            ori = m.group(1)
            rest = rest[:m.start()]
        elif ORI_RE.search(rest):
            sys.exit("%s: orientation on non-respondent paragraph" % path)
        paras.append(Para(kind, rest.strip(), ori))
    return meta, paras


def lint(doc, paras, identifiers):
    """Warn about identifier strings that also occur untagged (whole word)."""
    problems = []
    for p in paras:
        masked = list(p.plain)
        for a, b in p.spans:
            for i in range(a, b):
                masked[i] = "\x00"
        masked = "".join(masked)
        for ident in identifiers:
            if re.search(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", masked):
                problems.append("%s: untagged occurrence of %r in %r" % (doc, ident, p.plain[:50]))
    return problems


def words_protected(p):
    """Split plain text at whitespace outside identifier spans."""
    words, cur, start = [], [], 0
    protected = set()
    for a, b in p.spans:
        protected.update(range(a, b))
    for i, ch in enumerate(p.plain):
        if ch.isspace() and i not in protected:
            if cur:
                words.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


def cues_for(p, max_words=16, min_words=6, slack=6):
    words = words_protected(p)
    cues, cur = [], []
    for w in words:
        cur.append(w)
        n = sum(len(x.split()) for x in cur)
        end_sentence = re.search(r"[.?!]['\)]?$", w) is not None
        if (end_sentence and n >= min_words) or n >= max_words + slack or (n >= max_words and w.endswith(",")):
            cues.append(cur)
            cur = []
    if cur:
        if cues and sum(len(x.split()) for x in cur) < 3:
            cues[-1].extend(cur)
        else:
            cues.append(cur)
    return cues


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def dur(nwords):
    return max(1.3, nwords / 2.55)


def wrap(words, width=58):
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    if cur:
        lines.append(cur)
    return lines


def build_txt_ir(cfg, paras):
    lines = [p.plain for p in paras if p.kind == "H"]
    lines.append("")
    il, rl = cfg["labels"]
    for p in paras:
        if p.kind == "H":
            continue
        lines.append("%s: %s" % (il if p.kind == "I" else rl, p.plain))
        lines.append("")
    return cfg["eol"].join(lines)


def build_txt_ts(cfg, paras):
    lines = [p.plain for p in paras if p.kind == "H"]
    lines.append("")
    il, rl = cfg["labels"]
    t = cfg.get("start", 2.0)
    for p in paras:
        if p.kind == "H":
            continue
        stamp = fmt_ts(t, ".")[:8]
        lines.append("[%s] %s: %s" % (stamp, il if p.kind == "I" else rl, p.plain))
        lines.append("")
        t += dur(len(p.plain.split())) + 1.4
    return cfg["eol"].join(lines)


def build_srt(cfg, paras):
    il, rl = cfg["labels"]
    out, idx, t = [], 1, cfg.get("start", 2.0)
    for p in paras:
        if p.kind == "H":
            continue
        label = il if p.kind == "I" else rl
        for cue in cues_for(p, max_words=11, min_words=5, slack=4):
            n = sum(len(x.split()) for x in cue)
            d = dur(n)
            text_lines = wrap([label + ":"] + cue, width=62)
            out.append(str(idx))
            out.append("%s --> %s" % (fmt_ts(t, ","), fmt_ts(t + d, ",")))
            out.extend(text_lines)
            out.append("")
            idx += 1
            t += d + 0.12
        t += 0.7
    return cfg["eol"].join(out)


def build_vtt(cfg, paras):
    il, rl = cfg["labels"]
    out = ["WEBVTT", ""]
    head = [p.plain for p in paras if p.kind == "H"]
    if head:
        out.append("NOTE")
        out.extend(head)
        out.append("")
    t = cfg.get("start", 2.0)
    for p in paras:
        if p.kind == "H":
            continue
        label = il if p.kind == "I" else rl
        for cue in cues_for(p, max_words=18):
            n = sum(len(x.split()) for x in cue)
            d = dur(n)
            out.append("%s --> %s" % (fmt_ts(t, "."), fmt_ts(t + d, ".")))
            out.append("<v %s>%s</v>" % (label, " ".join(cue)))
            out.append("")
            t += d + 0.08
        t += 0.6
    return cfg["eol"].join(out)


def build_docx(cfg, paras, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    il, rl = cfg["labels"]
    for p in paras:
        if p.kind == "H":
            para = d.add_paragraph()
            r = para.add_run(p.plain)
            r.italic = True
            continue
        label = il if p.kind == "I" else rl
        para = d.add_paragraph()
        if cfg.get("bold"):
            r = para.add_run(label + ":")
            r.bold = True
            para.add_run(" " + p.plain)
        else:
            para.add_run("%s: %s" % (label, p.plain))
    d.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient, idrows, problems, stats = [], [], [], [], []
    for doc in sorted(CONFIG):
        cfg = CONFIG[doc]
        meta, paras = parse_source(os.path.join(HERE, doc + ".txt"))
        styles.append((doc, meta["style"], meta["rationale"]))
        # identifiers
        seen = {}
        for p in paras:
            for text, typ in p.ids:
                if text in seen and seen[text] != typ:
                    problems.append("%s: %r typed %s and %s" % (doc, text, seen[text], typ))
                seen.setdefault(text, typ)
        for lab in cfg.get("label_ids", []):
            if lab in seen and seen[lab] != "PERSOON":
                problems.append("%s: label %r typed %s" % (doc, lab, seen[lab]))
            seen.setdefault(lab, "PERSOON")
        problems += lint(doc, paras, list(seen))
        for text, typ in seen.items():
            idrows.append((doc, text, typ))
        # turns
        turns = [p for p in paras if p.kind != "H"]
        for i, p in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if p.kind != want:
                problems.append("%s: turn %d is %s, expected %s" % (doc, i, p.kind, want))
            if p.kind == "R" and p.orientation in ("casus", "netwerk"):
                orient.append((doc, i, p.orientation))
        nwords = sum(len(p.plain.split()) for p in turns)
        nresp = sum(1 for p in turns if p.kind == "R")
        stats.append((doc, cfg["fmt"], nwords, nresp, len(seen)))
        # write transcript
        path = os.path.join(OUT, "%s.%s" % (doc, cfg["ext"]))
        for old in os.listdir(OUT):
            if old.startswith(doc + ".") and old != os.path.basename(path):
                os.remove(os.path.join(OUT, old))
        if cfg["fmt"] == "docx":
            build_docx(cfg, paras, path)
        else:
            text = {"txt_ir": build_txt_ir, "txt_ts": build_txt_ts,
                    "srt": build_srt, "vtt": build_vtt}[cfg["fmt"]](cfg, paras)
            if not text.endswith(cfg["eol"]):
                text += cfg["eol"]
            with open(path, "wb") as f:
                f.write(text.encode(cfg["enc"]))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    for s in stats:
        print("%s  %-7s words=%4d resp_turns=%2d identifiers=%2d" % s)
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
