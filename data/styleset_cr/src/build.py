#!/usr/bin/env python3
"""Build transcripts + csv files for blind set CR from the annotated sources in this folder.

Source format (src/crNN.txt):
  #key: value        meta lines (format, encoding, ilabel, rlabel, rlabel_id, header)
  I: text            interviewer turn (one paragraph)
  R: text {c}|{n}    respondent turn, optional orientation mark at the end
  [[text|TYPE]]      identifier marked inline (written to the transcript as plain text)

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["cr01", "cr02", "cr03", "cr04", "cr05", "cr06"]
EXT = {"txt": "txt", "txt-ts": "txt", "docx": "docx", "srt": "srt", "vtt": "vtt"}

STYLES = {
    "cr01": ("netwerkgericht",
             "Nazorg coordinator who tells warm, detailed client stories but whose work and pride lie in durable "
             "agreements between prison, shelter, housing corporation, municipal services and community officers, "
             "and who deliberately steps back from the client relationship."),
    "cr02": ("casusgericht",
             "Process director who convenes many meetings and partners but uses every agreement to serve one "
             "young man's plan, builds personal trust with him and his mother, and declines structural network work."),
    "cr03": ("onbepaald",
             "Guarded community officer who answers briefly and procedurally, so the interview shows neither an "
             "investment in persons nor in the network (too little evidence)."),
    "cr04": ("casusgericht",
             "Youth worker with a regie role whose trust, energy and negotiations all centre on one boy, using "
             "meetings and partners only to secure things for him."),
    "cr05": ("netwerkgericht",
             "Team leader who uses a client case mainly as evidence of a system gap and invests in escalation "
             "routes, cross-organisational agreements, partner relations and pattern reporting."),
    "cr06": ("onbepaald",
             "Coordinator whose job and week are split evenly between personal regie over a hoarding client and "
             "building the local network on confused behaviour, with comparable investment in both (genuinely mixed)."),
}

ORI = {"c": "casus", "n": "netwerk"}
MARK_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")


def parse(doc_id):
    meta, headers, turns = {}, [], []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                key, _, val = line[1:].partition(":")
                val = val.strip()
                if key == "header":
                    headers.append(val)
                else:
                    meta[key] = val
                continue
            spk, _, text = line.partition(": ")
            assert spk in ("I", "R"), (doc_id, line[:40])
            ori = None
            m = re.search(r"\s*\{([cn])\}\s*$", text)
            if m:
                ori = ORI[m.group(1)]
                text = text[: m.start()]
            turns.append((spk, text.strip(), ori))
    return meta, headers, turns


def strip(text, idents):
    def rep(m):
        idents.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK_RE.sub(rep, text)


def ts(sec, sep):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    if sep is None:
        return "%02d:%02d:%02d" % (h, m, s)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def timings(texts, start=3.0):
    out, t = [], start
    for i, txt in enumerate(texts):
        dur = max(1.5, len(txt.split()) / 2.6)
        out.append((t, t + dur))
        t = t + dur + 0.6 + (i % 3) * 0.4
    return out


def write_doc(doc_id, meta, headers, turns):
    fmt = meta["format"]
    ilab, rlab = meta["ilabel"], meta["rlabel"]
    idents = []
    hdr = [strip(h, idents) for h in headers]
    rows = []
    for spk, text, ori in turns:
        rows.append((ilab if spk == "I" else rlab, strip(text, idents), ori))
    if meta.get("rlabel_id"):
        idents.append((rlab, meta["rlabel_id"]))
    path = os.path.join(TR, doc_id + "." + EXT[fmt])
    if fmt == "txt":
        body = "\n".join(hdr) + ("\n\n" if hdr else "")
        body += "\n\n".join("%s: %s" % (lab, txt) for lab, txt, _ in rows) + "\n"
        nl = "\r\n" if meta.get("encoding") == "cp1252" else "\n"
        with open(path, "w", encoding=meta.get("encoding", "utf-8"), newline=nl) as fh:
            fh.write(body)
    elif fmt == "txt-ts":
        tim = timings([t for _, t, _ in rows], start=4.0)
        lines = ["[%s] %s: %s" % (ts(a, None), lab, txt) for (lab, txt, _), (a, _b) in zip(rows, tim)]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(hdr + ([""] if hdr else []) + lines) + "\n")
    elif fmt == "srt":
        tim = timings([t for _, t, _ in rows])
        cues = []
        for n, ((lab, txt, _), (a, b)) in enumerate(zip(rows, tim), 1):
            cues.append("%d\n%s --> %s\n%s: %s\n" % (n, ts(a, ","), ts(b, ","), lab, txt))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(cues))
    elif fmt == "vtt":
        tim = timings([t for _, t, _ in rows], start=1.5)
        cues = ["WEBVTT\n"]
        for (lab, txt, _), (a, b) in zip(rows, tim):
            cues.append("%s --> %s\n<v %s>%s</v>\n" % (ts(a, "."), ts(b, "."), lab, txt))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(cues))
    elif fmt == "docx":
        import docx  # python-docx
        d = docx.Document()
        for i, h in enumerate(hdr):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = i == 0
        d.add_paragraph("")
        for lab, txt, _ in rows:
            p = d.add_paragraph()
            p.add_run(lab + ":").bold = True
            p.add_run(" " + txt)
        d.save(path)
    else:
        raise ValueError(fmt)
    return rows, idents


def main():
    os.makedirs(TR, exist_ok=True)
    ori_rows, id_rows, stats = [], [], []
    for doc_id in IDS:
        meta, headers, turns = parse(doc_id)
        rows, idents = write_doc(doc_id, meta, headers, turns)
        for idx, (lab, txt, ori) in enumerate(rows, 1):
            if ori:
                assert idx % 2 == 0, (doc_id, idx)
                ori_rows.append((doc_id, idx, ori))
        seen = set()
        for ident, typ in idents:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                id_rows.append((doc_id, ident, typ))
        words = sum(len(t.split()) for _, t, _ in rows)
        rwords = sum(len(t.split()) for i, (_, t, _) in enumerate(rows) if i % 2 == 1)
        stats.append((doc_id, meta["format"], words, rwords, len(rows) // 2, len(rows)))
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in IDS:
            w.writerow([doc_id, STYLES[doc_id][0], STYLES[doc_id][1]])
    print("doc   format  words  resp_words  resp_turns  turns")
    for s in stats:
        print("%s  %-6s  %5d  %10d  %10d  %5d" % s)


if __name__ == "__main__":
    main()
