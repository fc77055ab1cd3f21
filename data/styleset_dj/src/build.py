#!/usr/bin/env python3
"""Build transcripts/ and the csv files of set DJ from the annotated sources in src/.

Source format (src/djNN.txt):
  '# key: value' meta lines (format, ilabel, rlabel, header - repeatable)
  paragraphs separated by a blank line, each one turn, starting with 'I: ' or 'R: '
  identifiers marked inline as [[text|TYPE]]; a respondent paragraph may end in {C} or {N}
Run with a python that has python-docx (only needed for the .docx files).
"""
import csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["dj01", "dj02", "dj03", "dj04", "dj05", "dj06"]
EXT = {"docx-bold": "docx", "docx-plain": "docx", "srt": "srt", "vtt": "vtt",
       "txt-cp1252": "txt", "txt-stamps": "txt"}
STYLES = {
    "dj01": ("casusgericht", "Procesregisseur who spends half her week in meetings and calls with partners, but every meeting, deal and escalation is built around one man's three-point plan and her trust relation with him and his mother."),
    "dj02": ("netwerkgericht", "Warm storyteller about one boy, but what he builds and protects is the table between leerplicht, schools and police, the convenant change, and escalation of patterns to management."),
    "dj03": ("casusgericht", "Terse wijkagent whose work is house visits, the boy's grandmother and a job placement for one boy; he explicitly stays away from cooperation-level meetings."),
    "dj04": ("netwerkgericht", "Former GGZ manager who uses one client to show a pattern across eleven men and invests in notes, board-level agreements, a privacy crib sheet and relations with partner managers."),
    "dj05": ("casusgericht", "Young jongerenregisseur whose story is entirely the plan, home visits and trust with one boy and his family; partners and meetings are mobilised for him and she leaves structural issues to others."),
    "dj06": ("onbepaald", "Genuinely mixed: a reclasseringswerker who invests about equally in an intensive relation with one client and in unit-wide agreements, a housing pilot and a monthly partner meeting he set up."),
}
MARK = {"C": "casus", "N": "netwerk"}
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")


def strip(text, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(rep, text)


def parse(doc):
    meta = {"header": []}
    turns = []
    found = []
    raw = open(os.path.join(HERE, doc + ".txt"), encoding="utf-8").read()
    body = []
    for line in raw.splitlines():
        if line.startswith("# "):
            k, v = line[2:].split(":", 1)
            v = strip(v.strip(), found)
            if k == "header":
                meta["header"].append(v)
            else:
                meta[k] = v
        else:
            body.append(line)
    for para in "\n".join(body).split("\n\n"):
        para = " ".join(para.split())
        if not para:
            continue
        who, text = para.split(": ", 1)
        assert who in ("I", "R"), (doc, para[:40])
        mark = None
        m = re.search(r"\s*\{([CN])\}\s*$", text)
        if m:
            mark = MARK[m.group(1)]
            text = text[:m.start()]
            assert who == "R", (doc, text[:40])
        text = strip(text, found)
        assert "{" not in text and "[[" not in text, (doc, text[:60])
        turns.append((who, text, mark))
    for i, (who, _, _) in enumerate(turns):
        assert who == ("I" if i % 2 == 0 else "R"), (doc, i + 1)
    ids = []
    for ident, typ in found:
        if (ident, typ) not in ids:
            ids.append((ident, typ))
    return meta, turns, ids


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def chunks(text, maxw=18):
    sents = re.split(r"(?<=[.!?])\s+", text)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def write(doc, meta, turns):
    fmt = meta["format"]
    il, rl = meta["ilabel"], meta["rlabel"]
    path = os.path.join(OUT, doc + "." + EXT[fmt])
    lab = lambda who: il if who == "I" else rl
    if fmt.startswith("docx"):
        import docx
        d = docx.Document()
        for j, h in enumerate(meta["header"]):
            p = d.add_paragraph()
            r = p.add_run(h)
            if j == 0:
                r.bold = True
        for who, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                p.add_run(lab(who) + ":").bold = True
                p.add_run(" " + text)
            else:
                p.add_run(lab(who) + ": " + text)
        d.save(path)
    elif fmt in ("srt", "vtt"):
        t = 3.2 if fmt == "srt" else 1.8
        lines = ["WEBVTT", "", "NOTE automatische transcriptie, handmatig gecorrigeerd", ""] if fmt == "vtt" else []
        n = 0
        for who, text, _ in turns:
            for c in chunks(text):
                n += 1
                dur = max(1.5, len(c.split()) / 2.7)
                start, end = t, t + dur
                t = end + 0.24
                if fmt == "srt":
                    lines += [str(n), ts(start, ",") + " --> " + ts(end, ","), lab(who) + ": " + c, ""]
                else:
                    lines += [ts(start, ".") + " --> " + ts(end, "."), "<v %s>%s</v>" % (lab(who), c), ""]
            t += 0.9
        open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
    elif fmt == "txt-cp1252":
        lines = meta["header"] + [""]
        for who, text, _ in turns:
            lines += [lab(who) + ": " + text, ""]
        open(path, "w", encoding="cp1252", newline="\r\n").write("\n".join(lines))
    elif fmt == "txt-stamps":
        lines = meta["header"] + [""]
        t = 4.0
        for who, text, _ in turns:
            stamp = ts(t, ",")[:8]
            lines += ["[%s] %s: %s" % (stamp, lab(who), text), ""]
            t += len(text.split()) / 2.5 + 1.7
        open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
    else:
        raise ValueError(fmt)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    orient, idents, stats = [], [], []
    for doc in IDS:
        meta, turns, ids = parse(doc)
        path = write(doc, meta, turns)
        words = sum(len(t.split()) for _, t, _ in turns)
        for i, (who, _, mark) in enumerate(turns, 1):
            if mark:
                orient.append((doc, i, mark))
        for ident, typ in ids:
            idents.append((doc, ident, typ))
        nc = sum(1 for _, _, m in turns if m == "casus")
        nn = sum(1 for _, _, m in turns if m == "netwerk")
        stats.append((doc, os.path.basename(path), words, len(turns) // 2, nc, nn, len(ids)))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in IDS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    print("doc   file       words  r-turns  casus netwerk idents")
    for s in stats:
        print("%-5s %-10s %5d  %7d  %5d %7d %6d" % s)


if __name__ == "__main__":
    main()
