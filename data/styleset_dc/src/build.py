"""Build transcripts and csv files of blind set DC from the annotated sources in this folder.

Source format (src/dcNN.txt):
  @key: value        meta (format, label_i, label_r); labels may contain {{text|TYPE}} markup
  H: text            header line of the transcript (may contain markup)
  I: text            interviewer turn (one paragraph)
  R: text [#casus|#netwerk]   respondent turn, optional orientation mark at the end
Identifiers are marked inline as {{verbatim text|TYPE}}.

Run with a python that has python-docx (only needed for the .docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["dc01", "dc02", "dc03", "dc04", "dc05", "dc06"]

STYLES = {
    "dc01": ("casusgericht",
             "Youth protector who attends many meetings and calls many partners, but every meeting, call and "
             "agreement is bent toward the mother's own three goals; she declines network-level work groups."),
    "dc02": ("netwerkgericht",
             "MDA++ process director who tells warm stories about a boy and a young mother, but invests in "
             "school-police agreements, escalation ladders, privacy training and steering-group decisions, "
             "leaving the family plan to the case holder."),
    "dc03": ("casusgericht",
             "Young neighbourhood-team worker who works at kitchen tables, drives the father to intake herself, "
             "builds trust with the parents and skips network meetings."),
    "dc04": ("netwerkgericht",
             "Police domestic-violence officer who, moved by a concrete call-out, builds monthly repeat-report "
             "meetings, feedback standards and school notifications and explicitly places his trust work with "
             "partner organisations."),
    "dc05": ("casusgericht",
             "Probation officer who builds everything around one offender's motivation and plan, uses MDA++ "
             "and the youth protector to advance that plan and leaves regional agreements to his manager."),
    "dc06": ("onbepaald",
             "Genuinely mixed: a Veilig Thuis worker with a split job who invests about equally in one mother's "
             "trust and plan and in handover agreements, escalation and regional arrangements."),
}

MARK = re.compile(r"\{\{([^|{}]+)\|([A-Z_]+)\}\}")
ORIENT = re.compile(r"\s*#(casus|netwerk)\s*$")


def strip(text, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, text)


def parse(doc_id):
    meta, headers, turns, idents = {}, [], [], []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = strip(v.strip(), idents)
            elif line.startswith("H: "):
                headers.append(strip(line[3:], idents))
            elif line.startswith("I: ") or line.startswith("R: "):
                who, text = line[0], line[3:]
                orient = None
                m = ORIENT.search(text)
                if m:
                    orient = m.group(1)
                    text = text[:m.start()]
                if who == "I" and orient:
                    sys.exit("%s: orientation on interviewer turn" % doc_id)
                turns.append((who, strip(text.strip(), idents), orient))
            else:
                sys.exit("%s: cannot parse line: %r" % (doc_id, line[:60]))
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            sys.exit("%s: turns do not alternate at turn %d" % (doc_id, i + 1))
    return meta, headers, turns, idents


SENT = re.compile(r"(?<=[.?!])\s+")


def chunks(text, max_words=22):
    sents = [s for s in SENT.split(text) if s]
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def cues(turns, start=3.2):
    t = start
    for who, text, _ in turns:
        for c in chunks(text):
            dur = max(1.6, len(c.split()) / 2.6)
            yield who, c, t, t + dur
            t += dur + 0.12
        t += 0.9


def render(doc_id, meta, headers, turns):
    fmt = meta["format"]
    li, lr = meta["label_i"], meta["label_r"]
    lab = {"I": li, "R": lr}
    if fmt in ("txt-utf8", "txt-cp1252"):
        lines = headers + ([""] if headers else [])
        for who, text, _ in turns:
            lines.append("%s %s" % (lab[who], text))
            lines.append("")
        enc = "cp1252" if fmt == "txt-cp1252" else "utf-8"
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "w", encoding=enc, newline="\r\n" if enc == "cp1252" else "\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "txt-timestamps":
        lines = headers + [""]
        t = 4.0
        for who, text, _ in turns:
            s = int(t)
            lines.append("[%02d:%02d:%02d] %s %s" % (s // 3600, s % 3600 // 60, s % 60, lab[who], text))
            lines.append("")
            t += len(text.split()) / 2.4 + 2.5
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "srt":
        out = []
        for n, (who, c, a, b) in enumerate(cues(turns), 1):
            out.append("%d\n%s --> %s\n%s %s\n" % (n, ts(a, ","), ts(b, ","), lab[who], c))
        path = os.path.join(OUT, doc_id + ".srt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
        return path
    if fmt == "vtt":
        out = ["WEBVTT", ""]
        for h in headers:
            out += [h, ""]
        for who, c, a, b in cues(turns):
            out.append("%s --> %s\n<v %s>%s</v>\n" % (ts(a, "."), ts(b, "."), lab[who], c))
        path = os.path.join(OUT, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
        return path
    if fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for k, h in enumerate(headers):
            p = d.add_paragraph()
            r = p.add_run(h)
            if k == 0:
                r.bold = True
                r.font.size = Pt(13)
        d.add_paragraph("")
        for who, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(lab[who])
            r.bold = True
            p.add_run(" " + text)
        path = os.path.join(OUT, doc_id + ".docx")
        d.save(path)
        return path
    sys.exit("unknown format " + fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    orient_rows, ident_rows, stats = [], [], []
    for doc_id in IDS:
        meta, headers, turns, idents = parse(doc_id)
        path = render(doc_id, meta, headers, turns)
        for i, (who, _, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((doc_id, i, o))
        seen = set()
        for text, typ in idents:
            if (text, typ) not in seen:
                seen.add((text, typ))
                ident_rows.append((doc_id, text, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for w, _, _ in turns if w == "R")
        oc = sum(1 for _, _, o in turns if o == "casus")
        on = sum(1 for _, _, o in turns if o == "netwerk")
        stats.append((doc_id, os.path.basename(path), words, rturns, oc, on))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, STYLES[d][0], STYLES[d][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in ident_rows:
            w.writerow(r)
    print("doc   file        words  resp_turns  casus  netwerk  style")
    for doc_id, fn, words, rt, oc, on in stats:
        print("%-5s %-11s %5d  %10d  %5d  %7d  %s" % (doc_id, fn, words, rt, oc, on, STYLES[doc_id][0]))


if __name__ == "__main__":
    main()
