#!/usr/bin/env python3
"""Build transcripts/ and the csv files of set EA from the annotated sources in src/.

Source format (one file per document, src/<id>.src, UTF-8):
  % comment
  @format  txt_plain | txt_ts | docx_bold | docx_plain | srt | vtt
  @labels  <interviewer label>|<respondent label>
  @encoding cp1252            (optional, txt only)
  @start   hh:mm:ss           (optional, first timestamp for txt_ts/srt/vtt)
  @header  <line>             (repeatable; may contain identifier marks)
  @style   casusgericht | netwerkgericht | onbepaald
  @rationale "<one English sentence>"
  I: <interviewer turn>
  R: <respondent turn>  [##casus | ##netwerk]
Identifiers are marked inline as {verbatim text|TYPE}.
Needs python-docx for the .docx outputs (run with /work/main/.venv/bin/python).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["ea01", "ea02", "ea03", "ea04", "ea05", "ea06"]
EXT = {"txt_plain": "txt", "txt_ts": "txt", "docx_bold": "docx", "docx_plain": "docx",
       "srt": "srt", "vtt": "vtt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
ORIENT = re.compile(r"\s*##(casus|netwerk)\s*$")


def strip_marks(text, found):
    def repl(m):
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise ValueError("unknown identifier type %r" % typ)
        found.append((ident, typ))
        return ident
    out = MARK.sub(repl, text)
    if "{" in out or "}" in out or "##" in out:
        raise ValueError("stray markup in: %s" % out[:80])
    return out


def parse(doc_id):
    meta = {"header": [], "encoding": "utf-8", "start": "00:00:00"}
    turns, idents = [], []
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("%"):
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                if key == "header":
                    meta["header"].append(strip_marks(val, idents))
                else:
                    meta[key] = val.strip()
                continue
            if line[:3] not in ("I: ", "R: "):
                raise ValueError("%s line %d: not a turn: %s" % (doc_id, n, line[:60]))
            spk, text = line[0], line[3:]
            orient = None
            m = ORIENT.search(text)
            if m:
                orient, text = m.group(1), text[:m.start()]
            text = strip_marks(text.strip(), idents)
            turns.append((spk, text, orient))
    for i, (spk, _, orient) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if spk != want:
            raise ValueError("%s: turn %d should be %s" % (doc_id, i + 1, want))
        if orient and spk != "R":
            raise ValueError("%s: orientation on interviewer turn %d" % (doc_id, i + 1))
    meta["labels"] = meta["labels"].split("|")
    return meta, turns, idents


def words(text):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


# ---- time helpers -------------------------------------------------------------------------
def to_sec(hms):
    h, m, s = (int(x) for x in hms.split(":"))
    return h * 3600 + m * 60 + s


def fmt(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def split_cues(text, max_words=16):
    """Split a turn into cue-sized chunks at sentence (or, for long sentences, comma) ends."""
    sents = re.split(r"(?<=[.?!])\s+", text)
    pieces = []
    for s in sents:
        if words(s) > 24:
            parts = re.split(r"(?<=,)\s+", s)
            buf = ""
            for p in parts:
                if buf and words(buf + " " + p) > 18:
                    pieces.append(buf)
                    buf = p
                else:
                    buf = (buf + " " + p).strip()
            if buf:
                pieces.append(buf)
        else:
            pieces.append(s)
    cues, buf = [], ""
    for p in pieces:
        if buf and words(buf + " " + p) > max_words:
            cues.append(buf)
            buf = p
        else:
            buf = (buf + " " + p).strip()
    if buf:
        cues.append(buf)
    return cues


def wrap2(text, protected):
    """Wrap a cue into two lines at a space near the middle, never inside an identifier."""
    if len(text) <= 42:
        return text
    spans = []
    for ident in protected:
        for m in re.finditer(re.escape(ident), text):
            spans.append((m.start(), m.end()))
    mid = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "
              and not any(a <= i < b for a, b in spans)]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - mid))
    return text[:cut] + "\n" + text[cut + 1:]


# ---- renderers ----------------------------------------------------------------------------
def render_txt_plain(meta, turns, path):
    il, rl = meta["labels"]
    lines = list(meta["header"]) + [""]
    for spk, text, _ in turns:
        lines.append("%s: %s" % (il if spk == "I" else rl, text))
        lines.append("")
    with open(path, "w", encoding=meta["encoding"], newline="\r\n" if meta["encoding"] == "cp1252" else "\n") as fh:
        fh.write("\n".join(lines))


def render_txt_ts(meta, turns, path):
    il, rl = meta["labels"]
    t = to_sec(meta["start"])
    lines = list(meta["header"])
    for spk, text, _ in turns:
        stamp = fmt(t, ",")[:8]
        lines.append("[%s] %s: %s" % (stamp, il if spk == "I" else rl, text))
        lines.append("")
        t += words(text) / 2.45 + 1.2
    with open(path, "w", encoding=meta["encoding"], newline="\r\n" if meta["encoding"] == "cp1252" else "\n") as fh:
        fh.write("\n".join(lines))


def render_docx(meta, turns, path, bold):
    import docx
    from docx.shared import Pt
    il, rl = meta["labels"]
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph("")
    for spk, text, _ in turns:
        label = il if spk == "I" else rl
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run("%s: %s" % (label, text))
    d.core_properties.author = "transcriptie"
    d.core_properties.title = meta["header"][0] if meta["header"] else ""
    d.save(path)


def render_srt(meta, turns, path, idents):
    il, rl = meta["labels"]
    t = to_sec(meta["start"])
    out, n = [], 0
    prot = [i for i, _ in idents]
    for spk, text, _ in turns:
        label = il if spk == "I" else rl
        for k, cue in enumerate(split_cues(text)):
            n += 1
            dur = max(1.5, words(cue) / 2.6)
            body = (label + ": " + cue) if k == 0 else cue
            out.append("%d\n%s --> %s\n%s\n" % (n, fmt(t, ","), fmt(t + dur, ","), wrap2(body, prot)))
            t += dur + 0.25
        t += 0.8
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def render_vtt(meta, turns, path, idents):
    il, rl = meta["labels"]
    t = to_sec(meta["start"])
    out = ["WEBVTT", ""]
    for h in meta["header"]:
        out += [h, ""]
    prot = [i for i, _ in idents]
    for spk, text, _ in turns:
        label = il if spk == "I" else rl
        for cue in split_cues(text):
            dur = max(1.5, words(cue) / 2.6)
            out.append("%s --> %s" % (fmt(t, "."), fmt(t + dur, ".")))
            out.append(wrap2("<v %s>%s" % (label, cue), prot))
            out.append("")
            t += dur + 0.25
        t += 0.8
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient_rows, ident_rows, stats = [], [], [], []
    for doc_id in IDS:
        meta, turns, idents = parse(doc_id)
        fmt_ = meta["format"]
        path = os.path.join(OUT, "%s.%s" % (doc_id, EXT[fmt_]))
        if fmt_ == "txt_plain":
            render_txt_plain(meta, turns, path)
        elif fmt_ == "txt_ts":
            render_txt_ts(meta, turns, path)
        elif fmt_ in ("docx_bold", "docx_plain"):
            render_docx(meta, turns, path, bold=(fmt_ == "docx_bold"))
        elif fmt_ == "srt":
            render_srt(meta, turns, path, idents)
        elif fmt_ == "vtt":
            render_vtt(meta, turns, path, idents)
        styles.append((doc_id, meta["style"], meta["rationale"].strip('"')))
        for i, (spk, _, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((doc_id, i, o))
        seen = set()
        for ident, typ in idents:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                ident_rows.append((doc_id, ident, typ))
        total = sum(words(t) for _, t, _ in turns)
        rwords = sum(words(t) for s, t, _ in turns if s == "R")
        nresp = sum(1 for s, _, _ in turns if s == "R")
        oc = sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "casus")
        on = sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "netwerk")
        stats.append((doc_id, meta["style"], os.path.basename(path), total, rwords, len(turns), nresp, oc, on))

    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("doc   style           file        words  resp_words turns resp_turns casus netwerk")
    for s in stats:
        print("%-5s %-15s %-11s %5d %10d %5d %10d %5d %7d" % s)


if __name__ == "__main__":
    sys.exit(main())
