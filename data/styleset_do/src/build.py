#!/usr/bin/env python3
"""Build the setDO transcripts and csv files from the annotated sources in this folder.

Source format (src/doNN.src):
  #key value          metadata: id, format (docx|srt|vtt|txt), encoding, ilabel, rlabel,
                      labelstyle (bold|plain|stamp), header (repeatable), rationale, style
  I: text             interviewer turn (one line per turn)
  R: text {casus}     respondent turn; optional trailing {casus} / {netwerk}
Identifiers are marked inline as [[visible text|TYPE]] (also allowed in ilabel/rlabel/header).

Run with a python that has python-docx (only needed for the .docx outputs):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
OR_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")


def strip_ids(s, sink):
    def rep(m):
        sink.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(rep, s)


def parse(path):
    meta = {"header": []}
    turns = []  # (speaker, raw_text_with_markers, orientation)
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].partition(" ")
                if k == "header":
                    meta["header"].append(v)
                else:
                    meta[k] = v
                continue
            sp, _, txt = line.partition(": ")
            if sp not in ("I", "R"):
                sys.exit(f"{path}:{ln}: bad line start {line[:20]!r}")
            orient = ""
            m = OR_RE.search(txt)
            if m:
                if sp != "R":
                    sys.exit(f"{path}:{ln}: orientation on interviewer turn")
                orient = m.group(1)
                txt = txt[: m.start()]
            if "{" in txt or "}" in txt:
                sys.exit(f"{path}:{ln}: stray brace")
            turns.append((sp, txt.strip(), orient))
    for i, (sp, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if sp != want:
            sys.exit(f"{path}: turn {i+1} should be {want}")
    return meta, turns


def tokens(raw):
    """Split raw marked text on spaces, keeping [[identifier|TYPE]] spans whole."""
    words, cur, depth, j = [], "", 0, 0
    while j < len(raw):
        if raw.startswith("[[", j):
            depth += 1
            cur += "[["
            j += 2
            continue
        if raw.startswith("]]", j) and depth:
            depth -= 1
            cur += "]]"
            j += 2
            continue
        ch = raw[j]
        if ch == " " and depth == 0:
            if cur:
                words.append(cur)
            cur = ""
        else:
            cur += ch
        j += 1
    if cur:
        words.append(cur)
    return words


def chunk(raw, maxw=18):
    """Cue chunks: sentence-ish groups of at most ~maxw words, never splitting an identifier."""
    words = tokens(raw)
    chunks, cur = [], []
    for w in words:
        cur.append(w)
        n = sum(len(ID_RE.sub(lambda m: m.group(1), x).split()) for x in cur)
        end = re.search(r"[.?!]\W*$", ID_RE.sub(lambda m: m.group(1), w))
        if (end and n >= 8) or n >= maxw:
            chunks.append(" ".join(cur))
            cur = []
    if cur:
        if chunks and len(cur) < 3:
            chunks[-1] += " " + " ".join(cur)
        else:
            chunks.append(" ".join(cur))
    return chunks


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def nwords(s):
    return len(s.split())


def build(path):
    meta, turns = parse(path)
    doc = meta["id"]
    fmt = meta["format"]
    enc = meta.get("encoding", "utf-8")
    ids = []
    ilabel = strip_ids(meta["ilabel"], ids)
    rlabel = strip_ids(meta["rlabel"], ids)
    header = [strip_ids(h, ids) for h in meta["header"]]
    plain_turns = []
    for sp, raw, o in turns:
        plain_turns.append((sp, strip_ids(raw, ids), o, raw))
    label = {"I": ilabel, "R": rlabel}
    words = sum(nwords(t[1]) for t in plain_turns)
    style = meta.get("labelstyle", "plain")
    fn = os.path.join(TR, f"{doc}.{fmt}")

    if fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for k, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if k == 0:
                r.bold = True
        if header:
            d.add_paragraph("")
        for sp, txt, _, _ in plain_turns:
            p = d.add_paragraph()
            if style == "bold":
                r = p.add_run(label[sp] + ":")
                r.bold = True
                p.add_run(" " + txt)
            else:
                p.add_run(f"{label[sp]}: {txt}")
        d.save(fn)
    elif fmt in ("srt", "vtt"):
        t = 2.0
        lines = ["WEBVTT", ""] if fmt == "vtt" else []
        if fmt == "vtt" and header:
            lines.append("NOTE")
            lines.extend(header)
            lines.append("")
        n = 0
        for k, (sp, txt, _, raw) in enumerate(plain_turns):
            if k:
                t += 0.9
            for c in chunk(raw):
                ctext = ID_RE.sub(lambda m: m.group(1), c)
                dur = max(1.2, nwords(ctext) / 2.6)
                n += 1
                if fmt == "srt":
                    lines.append(str(n))
                    lines.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
                    lines.append(f"{label[sp]}: {ctext}")
                else:
                    lines.append(f"{n}")
                    lines.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
                    lines.append(f"<v {label[sp]}>{ctext}</v>")
                lines.append("")
                t += dur + 0.15
        with open(fn, "w", encoding=enc, newline="\r\n" if fmt == "srt" else "\n") as f:
            f.write("\n".join(lines))
    elif fmt == "txt":
        out = []
        if header:
            out.extend(header)
            out.append("")
        t = 4.0
        for sp, txt, _, _ in plain_turns:
            if style == "stamp":
                out.append(f"[{ts(t, ',')[:8]}] {label[sp]}: {txt}")
                t += nwords(txt) / 2.5 + 1.5
            else:
                out.append(f"{label[sp]}: {txt}")
            out.append("")
        nl = "\r\n" if enc.lower() in ("cp1252", "windows-1252") else "\n"
        with open(fn, "w", encoding=enc, newline=nl) as f:
            f.write("\n".join(out))
    else:
        sys.exit("unknown format " + fmt)

    # identifiers, dedup in order of first occurrence
    seen, idrows = set(), []
    for v, ty in ids:
        if (v, ty) not in seen:
            seen.add((v, ty))
            idrows.append((doc, v, ty))
    orows = [(doc, i + 1, o) for i, (_, _, o, _) in enumerate(plain_turns) if o]
    rturns = sum(1 for t in plain_turns if t[0] == "R")
    info = dict(doc=doc, fmt=fmt, enc=enc, words=words, rturns=rturns, turns=len(plain_turns),
                style=meta["style"], rationale=meta["rationale"], file=os.path.basename(fn),
                ncasus=sum(1 for r in orows if r[2] == "casus"),
                nnetwerk=sum(1 for r in orows if r[2] == "netwerk"))
    return info, idrows, orows


def main():
    os.makedirs(TR, exist_ok=True)
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src"))
    infos, allids, allor = [], [], []
    for s in srcs:
        info, idrows, orows = build(os.path.join(HERE, s))
        infos.append(info)
        allids += idrows
        allor += orows
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for i in infos:
            w.writerow([i["doc"], i["style"], i["rationale"]])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(allor, key=lambda r: (r[0], r[1])):
            w.writerow(r)
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in allids:
            w.writerow(r)
    for i in infos:
        print(f"{i['doc']}  {i['file']:10s} {i['enc']:8s} style={i['style']:15s} words={i['words']:5d} "
              f"turns={i['turns']:3d} rturns={i['rturns']:3d} casus={i['ncasus']} netwerk={i['nnetwerk']}")


if __name__ == "__main__":
    main()
