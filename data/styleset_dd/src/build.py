#!/usr/bin/env python3
"""Build transcripts + csv files for blind set DD from the annotated sources in this folder.

Source format (src/ddNN.txt):
  '# key: value' header lines (id, format, encoding, label_style, label_i, label_r, header [repeatable])
  then one paragraph per speaker turn, separated by blank lines, starting with 'I: ' or 'R: '.
  Identifiers inline as [[verbatim text|TYPE]]; a respondent paragraph may end in {casus} or {netwerk}.

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRANS = os.path.join(OUT, "transcripts")

IDENT_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")

STYLES = {
    "dd01": ("casusgericht",
             "Procesregisseur attends many meetings and makes agreements with partners, but every meeting, "
             "deal and piece of information is organised around one man's own plan and her trust relationship with him."),
    "dd02": ("netwerkgericht",
             "Nazorg coordinator tells warm stories about a client, but leaves client contact to the casemanager and "
             "invests in partner relationships, structural agreements, escalation tables and patterns across cases."),
    "dd03": ("onbepaald",
             "Too little evidence: a guarded neighbourhood officer who answers briefly and procedurally and never shows "
             "whether he invests in the person or in the cooperating organisations."),
    "dd04": ("casusgericht",
             "Angry GGZ nurse whose trust role is toward one client, who builds a plan with her and bends partners' "
             "protocols to it, and explicitly puts the client above relationships with organisations."),
    "dd05": ("netwerkgericht",
             "Team leader who uses cases only as illustrations and invests in escalation models, trust between "
             "organisations, covenants and patterns taken to the board."),
    "dd06": ("onbepaald",
             "Genuinely mixed: a probation officer with a regie role who splits his week and his stories about equally "
             "between intensive work with one client and building structural agreements between organisations."),
}


def parse_src(path):
    meta = {"header": []}
    paras = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    body = []
    for line in text.splitlines():
        if line.startswith("# ") and not body and ":" in line:
            k, v = line[2:].split(":", 1)
            k, v = k.strip(), v.strip()
            if k == "header":
                meta["header"].append(v)
            else:
                meta[k] = v
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body).strip()):
        block = " ".join(l.strip() for l in block.splitlines()).strip()
        if not block:
            continue
        m = re.match(r"^([IR]):\s+(.*)$", block)
        if not m:
            raise ValueError(f"{path}: bad paragraph start: {block[:60]!r}")
        paras.append((m.group(1), m.group(2)))
    return meta, paras


def strip_marks(s, idents):
    def rep(m):
        idents.append((m.group(1), m.group(2)))
        return m.group(1)
    return IDENT_RE.sub(rep, s)


def split_cues(text, max_words=28):
    """Split a turn into cue-sized chunks at sentence boundaries."""
    sents = re.split(r"(?<=[.?!])\s+(?=[A-Z\"'“(])", text)
    cues, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep="."):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = int(sec % 60)
    ms = int(round((sec - int(sec)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_doc(path):
    meta, paras = parse_src(path)
    doc_id = meta["id"]
    idents = []
    headers = [strip_marks(h, idents) for h in meta["header"]]
    label = {"I": strip_marks(meta["label_i"], idents), "R": strip_marks(meta["label_r"], idents)}
    turns = []  # (speaker, text, orientation)
    for sp, txt in paras:
        orient = None
        m = ORIENT_RE.search(txt)
        if m:
            if sp != "R":
                raise ValueError(f"{doc_id}: orientation on interviewer turn")
            orient = m.group(1)
            txt = txt[: m.start()]
        txt = strip_marks(txt, idents).strip()
        turns.append((sp, txt, orient))
    # alternation
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            raise ValueError(f"{doc_id}: turn {i+1} breaks alternation")

    fmt = meta["format"]
    enc = meta.get("encoding", "utf-8")
    os.makedirs(TRANS, exist_ok=True)
    ext = {"docx": "docx", "txt": "txt", "srt": "srt", "vtt": "vtt"}[fmt]
    out = os.path.join(TRANS, f"{doc_id}.{ext}")

    # timing model shared by timestamped formats
    t = 4.0
    timed = []
    for sp, txt, _ in turns:
        chunks = split_cues(txt)
        ct = []
        for c in chunks:
            dur = max(1.5, len(c.split()) / 2.6)
            ct.append((t, t + dur, c))
            t += dur + 0.25
        t += 0.9
        timed.append(ct)

    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in headers:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = True
        d.add_paragraph("")
        bold = meta.get("label_style", "plain") == "bold"
        for sp, txt, _ in turns:
            p = d.add_paragraph()
            if bold:
                r = p.add_run(label[sp] + ":")
                r.bold = True
                p.add_run(" " + txt)
            else:
                p.add_run(f"{label[sp]}: {txt}")
        d.save(out)
    elif fmt == "txt":
        lines = list(headers)
        if lines:
            lines.append("")
        ls = meta.get("label_style", "plain")
        for (sp, txt, _), ct in zip(turns, timed):
            if ls == "timestamp":
                lines.append(f"[{ts(ct[0][0])[:8]}] {label[sp]}: {txt}")
            else:
                lines.append(f"{label[sp]}: {txt}")
            lines.append("")
        with open(out, "w", encoding=enc, newline="\r\n" if enc == "cp1252" else "\n") as f:
            f.write("\n".join(lines).rstrip() + "\n")
    elif fmt == "srt":
        n = 1
        lines = []
        for (sp, _, _), ct in zip(turns, timed):
            for a, b, c in ct:
                lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label[sp]}: {c}", ""]
                n += 1
        with open(out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        n = 1
        for (sp, _, _), ct in zip(turns, timed):
            for a, b, c in ct:
                lines += [f"{n}", f"{ts(a)} --> {ts(b)}", f"<v {label[sp]}>{c}</v>", ""]
                n += 1
        with open(out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))

    words = sum(len(txt.split()) for _, txt, _ in turns)
    rwords = sum(len(txt.split()) for sp, txt, _ in turns if sp == "R")
    orient_rows = [(doc_id, i + 1, o) for i, (_, _, o) in enumerate(turns) if o]
    seen, ident_rows = set(), []
    for v, ty in idents:
        if (v, ty) not in seen:
            seen.add((v, ty))
            ident_rows.append((doc_id, v, ty))
    stats = dict(doc=doc_id, file=os.path.basename(out), words=words, rwords=rwords,
                 turns=len(turns), rturns=sum(1 for s, _, _ in turns if s == "R"),
                 casus=sum(1 for r in orient_rows if r[2] == "casus"),
                 netwerk=sum(1 for r in orient_rows if r[2] == "netwerk"))
    return stats, orient_rows, ident_rows


def main():
    srcs = sorted(f for f in os.listdir(HERE) if re.match(r"dd\d\d\.txt$", f))
    all_stats, all_orient, all_ident = [], [], []
    for s in srcs:
        st, o, i = build_doc(os.path.join(HERE, s))
        all_stats.append(st)
        all_orient += o
        all_ident += i
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for st in all_stats:
            style, why = STYLES[st["doc"]]
            w.writerow([st["doc"], style, why])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(all_orient, key=lambda r: (r[0], r[1])):
            w.writerow(r)
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in all_ident:
            w.writerow(r)
    print("doc  file       words  resp_words turns resp_turns casus netwerk style")
    for st in all_stats:
        print(f"{st['doc']} {st['file']:10s} {st['words']:6d} {st['rwords']:10d} {st['turns']:5d} "
              f"{st['rturns']:10d} {st['casus']:5d} {st['netwerk']:7d} {STYLES[st['doc']][0]}")


if __name__ == "__main__":
    sys.exit(main())
