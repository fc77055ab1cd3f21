"""Build transcripts and csv files for blind set CQ from the annotated sources in src/.

Source syntax (one file per document, src/<id>.src):
  #key: value          meta lines (format, encoding, label_i, label_r, style, rationale, header*)
  I: text              interviewer turn
  R <orient>: text     respondent turn, orient in {casus, netwerk, -}
  blank line between turns; identifiers marked inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py   (python-docx needed for the .docx)
"""
import csv
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["cq01", "cq02", "cq03", "cq04", "cq05", "cq06"]
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
EXT = {"txt": "txt", "tstxt": "txt", "docx": "docx", "srt": "srt", "vtt": "vtt"}


def strip(text, idents):
    def rep(m):
        idents.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, text)


def parse(doc_id):
    meta = {"header": []}
    turns = []  # (speaker, orient, raw_text)
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        lines = [l for l in block.strip().split("\n") if l.strip()]
        body = []
        for l in lines:
            if l.startswith("#"):
                k, v = l[1:].split(":", 1)
                v = v.strip()
                if k == "header":
                    meta["header"].append(v)
                else:
                    meta[k] = v
            else:
                body.append(l.strip())
        if not body:
            continue
        text = " ".join(body)
        m = re.match(r"^(I|R (casus|netwerk|-)):\s*(.*)$", text)
        if not m:
            raise ValueError("%s: bad turn %r" % (doc_id, text[:60]))
        if m.group(1) == "I":
            turns.append(("I", None, m.group(3)))
        else:
            turns.append(("R", m.group(2), m.group(3)))
    for i, t in enumerate(turns):
        if t[0] != ("I" if i % 2 == 0 else "R"):
            raise ValueError("%s: alternation broken at turn %d" % (doc_id, i + 1))
    return meta, turns


def ts(sec, sep):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def build(doc_id):
    meta, turns = parse(doc_id)
    idents = []
    header = [strip(h, idents) for h in meta["header"]]
    li = strip(meta["label_i"], idents)
    lr = strip(meta["label_r"], idents)
    clean = [(sp, o, strip(t, idents)) for sp, o, t in turns]
    fmt = meta["format"]
    path = os.path.join(OUT, doc_id + "." + EXT[fmt])
    words = sum(len(t.split()) for _, _, t in clean)

    # timing model for timed formats: ~2.5 words per second plus a pause
    times = []
    t0 = 4.0
    for sp, _, t in clean:
        dur = max(1.5, len(t.split()) / 2.5)
        times.append((t0, t0 + dur))
        t0 = t0 + dur + 0.8

    if fmt in ("txt", "tstxt"):
        out = []
        if header:
            out.extend(header)
            out.append("")
        for k, (sp, _, t) in enumerate(clean):
            lab = li if sp == "I" else lr
            if fmt == "tstxt":
                out.append("[%s] %s: %s" % (ts(times[k][0], ",")[:8], lab, t))
            else:
                out.append("%s: %s" % (lab, t))
            out.append("")
        enc = meta.get("encoding", "utf-8")
        nl = "\r\n" if enc == "cp1252" else "\n"
        with open(path, "w", encoding=enc, newline="") as f:
            f.write(nl.join(out))
    elif fmt == "srt":
        out = []
        for k, (sp, _, t) in enumerate(clean):
            lab = li if sp == "I" else lr
            out.append(str(k + 1))
            out.append("%s --> %s" % (ts(times[k][0], ","), ts(times[k][1], ",")))
            out.append("%s: %s" % (lab, t))
            out.append("")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(out))
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        for h in header:
            out.append(h)
            out.append("")
        for k, (sp, _, t) in enumerate(clean):
            lab = li if sp == "I" else lr
            out.append("%s --> %s" % (ts(times[k][0], "."), ts(times[k][1], ".")))
            out.append("<v %s>%s</v>" % (lab, t))
            out.append("")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(out))
    elif fmt == "docx":
        import docx
        d = docx.Document()
        if header:
            p = d.add_paragraph()
            p.add_run(header[0]).bold = True
            for h in header[1:]:
                d.add_paragraph(h)
        for sp, _, t in clean:
            lab = li if sp == "I" else lr
            p = d.add_paragraph()
            p.add_run(lab + ":").bold = True
            p.add_run(" " + t)
        d.save(path)
    else:
        raise ValueError(fmt)

    orient = [(doc_id, i + 1, o) for i, (sp, o, _) in enumerate(clean)
              if sp == "R" and o in ("casus", "netwerk")]
    seen = set()
    ident_rows = []
    for text, typ in idents:
        if (text, typ) not in seen:
            seen.add((text, typ))
            ident_rows.append((doc_id, text, typ))
    stats = {
        "doc": doc_id, "file": os.path.basename(path), "format": fmt,
        "encoding": meta.get("encoding", "utf-8"), "words": words,
        "turns": len(clean), "respondent_turns": len(clean) // 2,
        "casus_turns": sum(1 for r in orient if r[2] == "casus"),
        "netwerk_turns": sum(1 for r in orient if r[2] == "netwerk"),
        "labels": [li, lr], "style": meta["style"],
    }
    return meta, orient, ident_rows, stats


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orients, idents, stats = [], [], [], []
    for doc_id in IDS:
        meta, o, i, st = build(doc_id)
        styles.append((doc_id, meta["style"], meta["rationale"].strip('"')))
        orients.extend(o)
        idents.extend(i)
        stats.append(st)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    with open(os.path.join(HERE, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, ensure_ascii=False, indent=1)
    for st in stats:
        print(st["doc"], st["file"], st["style"], st["words"], "words",
              st["respondent_turns"], "R-turns", "casus", st["casus_turns"],
              "netwerk", st["netwerk_turns"])


if __name__ == "__main__":
    main()
