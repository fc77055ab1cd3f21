#!/usr/bin/env python3
"""Build the setX transcripts and csv files from the annotated sources in src/.

Source format (src/bxNN.txt):
  - lines starting with '#key: value' are metadata (format, encoding, label_I, label_R, header, label_ids)
  - turns are paragraphs separated by blank lines, starting with 'I: ' or 'R: '
  - identifiers are marked inline as [[text|TYPE]]
  - a respondent paragraph may end with ' {C}' (casus) or ' {N}' (netwerk)

Run with any python3 that has python-docx (only needed for the .docx file):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["bx01", "bx02", "bx03", "bx04", "bx05", "bx06"]
EXT = {"txt": "txt", "tstxt": "txt", "docx": "docx", "srt": "srt", "vtt": "vtt"}

STYLES = {
    "bx01": ("netwerkgericht",
             "Tells warm stories about clients, but what she builds and protects is the local partner table, "
             "relationships with corporatie/huisartsen/Veilig Thuis and written agreements; she deliberately holds no cases."),
    "bx02": ("onbepaald",
             "Too little evidence: a guarded, procedural wijkagent who describes routes and rules but shows no investment "
             "in either the person or the partner network."),
    "bx03": ("casusgericht",
             "Attends many meetings and names many partners, but every negotiation and meeting serves one young man's plan, "
             "and his trust relationship is with the client and his mother."),
    "bx04": ("onbepaald",
             "Genuinely mixed: a bemoeizorg team leader who spends equal effort on patient outreach to individual clients "
             "and on regional agreements and partner relationships, alternating both throughout."),
    "bx05": ("casusgericht",
             "A wijkteam consulent who works at the kitchen table on one family's plan, mobilises partners only for that family "
             "and explicitly leaves structural issues to others."),
    "bx06": ("netwerkgericht",
             "Ex-police ketenregisseur with no caseload who invests in trust with partner organisations, regional agreements, "
             "escalation to bestuurders and patterns across cases, illustrated with concrete clients."),
}

MARK_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{([CN])\}\s*$")


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta = {"header": [], "label_ids": []}
    body = []
    for line in raw.split("\n"):
        if line.startswith("#"):
            key, _, val = line[1:].partition(":")
            val = val[1:] if val.startswith(" ") else val
            if key in ("header", "label_ids"):
                meta[key].append(val)
            else:
                meta[key] = val.strip()
        else:
            body.append(line)
    paras = [p.strip() for p in "\n".join(body).split("\n\n") if p.strip()]
    turns = []
    for i, p in enumerate(paras, start=1):
        spk, _, text = p.partition(": ")
        assert spk in ("I", "R"), (doc_id, p[:40])
        text = " ".join(text.split())
        ori = None
        m = ORI_RE.search(text)
        if m:
            ori = {"C": "casus", "N": "netwerk"}[m.group(1)]
            text = text[: m.start()]
        assert not (ori and spk == "I"), (doc_id, i)
        turns.append({"spk": spk, "marked": text, "ori": ori})
    return meta, turns


def strip(s):
    return MARK_RE.sub(lambda m: m.group(1), s)


def ids_in(s):
    return [(m.group(1), m.group(2)) for m in MARK_RE.finditer(s)]


def sentence_chunks(marked, max_words=22):
    """Split a marked turn at sentence ends (never inside [[...]]) and group into cue-sized chunks."""
    parts, buf, depth, i = [], "", 0, 0
    while i < len(marked):
        if marked.startswith("[[", i):
            depth += 1
        elif marked.startswith("]]", i):
            depth -= 1
        ch = marked[i]
        buf += ch
        if depth == 0 and ch in ".?!" and (i + 1 == len(marked) or marked[i + 1] == " "):
            parts.append(buf.strip())
            buf = ""
        i += 1
    if buf.strip():
        parts.append(buf.strip())
    chunks, cur = [], []
    for p in parts:
        n = len(strip(p).split())
        if cur and len(strip(" ".join(cur)).split()) + n > max_words:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(p)
    if cur:
        chunks.append(" ".join(cur))
    return [strip(c) for c in chunks]


def ts(sec, sep):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = sec % 60
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return "%02d:%02d:%02d%s%03d" % (h, m, int(s), sep, ms)


def render(doc_id, meta, turns):
    fmt = meta["format"]
    lab = {"I": meta["label_I"], "R": meta["label_R"]}
    header = [strip(h) for h in meta["header"]]
    out = os.path.join(TR, doc_id + "." + EXT[fmt])
    if fmt == "txt":
        lines = header[:]
        for t in turns:
            lines.append("%s: %s" % (lab[t["spk"]], strip(t["marked"])))
            lines.append("")
        data = "\r\n".join(lines) if meta.get("encoding") == "cp1252" else "\n".join(lines)
        with open(out, "wb") as f:
            f.write(data.encode(meta.get("encoding", "utf-8")))
    elif fmt == "tstxt":
        lines = header[:]
        t0 = 3.0
        for t in turns:
            txt = strip(t["marked"])
            lines.append("[%s] %s: %s" % (ts(t0, ",")[:8], lab[t["spk"]], txt))
            lines.append("")
            t0 += len(txt.split()) / 2.6 + 1.2
        with open(out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    elif fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        if header:
            p = d.add_paragraph()
            r = p.add_run(header[0])
            r.bold = True
            r.font.size = Pt(13)
            for h in header[1:]:
                d.add_paragraph(h)
        for t in turns:
            p = d.add_paragraph()
            r = p.add_run(lab[t["spk"]] + ":")
            r.bold = True
            p.add_run(" " + strip(t["marked"]))
        d.save(out)
    elif fmt in ("srt", "vtt"):
        t0 = 2.0
        cues = []
        for t in turns:
            for c in sentence_chunks(t["marked"]):
                dur = max(1.5, len(c.split()) / 2.7)
                cues.append((t0, t0 + dur, t["spk"], c))
                t0 += dur + 0.25
            t0 += 0.9
        if fmt == "srt":
            blocks = []
            for n, (a, b, spk, c) in enumerate(cues, start=1):
                blocks.append("%d\n%s --> %s\n%s: %s\n" % (n, ts(a, ","), ts(b, ","), lab[spk], c))
            with open(out, "w", encoding="utf-8") as f:
                f.write("\n".join(blocks))
        else:
            blocks = ["WEBVTT\n"]
            for n, (a, b, spk, c) in enumerate(cues, start=1):
                blocks.append("c8f1e2a0-%04d/%d-0\n%s --> %s\n<v %s>%s</v>\n"
                              % (n, n % 7, ts(a, "."), ts(b, "."), lab[spk], c))
            with open(out, "w", encoding="utf-8") as f:
                f.write("\n".join(blocks))
    return out


def main():
    os.makedirs(TR, exist_ok=True)
    ori_rows, id_rows, stats = [], [], []
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        out = render(doc_id, meta, turns)
        seen = set()
        allmarked = list(meta["header"]) + [t["marked"] for t in turns]
        extra = [tuple(x.split("|")) for x in meta["label_ids"]]
        for ident, typ in [x for s in allmarked for x in ids_in(s)] + extra:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                id_rows.append((doc_id, ident, typ))
        for i, t in enumerate(turns, start=1):
            assert (t["spk"] == "I") == (i % 2 == 1), (doc_id, i)
            if t["ori"]:
                ori_rows.append((doc_id, i, t["ori"]))
        words = sum(len(strip(t["marked"]).split()) for t in turns)
        rturns = sum(1 for t in turns if t["spk"] == "R")
        nc = sum(1 for t in turns if t["ori"] == "casus")
        nn = sum(1 for t in turns if t["ori"] == "netwerk")
        stats.append((doc_id, os.path.basename(out), words, rturns, nc, nn))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, STYLES[d][0], STYLES[d][1]])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(ori_rows):
            w.writerow(r)
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    with open(os.path.join(HERE, "stats.tsv"), "w", encoding="utf-8") as f:
        f.write("doc\tfile\twords\trespondent_turns\tcasus_turns\tnetwerk_turns\n")
        for s in stats:
            f.write("\t".join(map(str, s)) + "\n")
    for s in stats:
        print("%s %-10s words=%d r_turns=%d casus=%d netwerk=%d" % s)


if __name__ == "__main__":
    main()
