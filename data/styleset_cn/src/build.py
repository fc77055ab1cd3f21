"""Build transcripts and csv files for set CN from the annotated sources in src/.

Source format (one file per document, src/<id>.txt):
  @format  docx | srt | vtt | txt-utf8 | txt-cp1252-ts
  @labels  <interviewer label>|<respondent label>
  @header  a header line (may be empty); may contain identifier marks
  I: <interviewer turn>
  R: <respondent turn> [##casus | ##netwerk]
Identifiers are marked inline as [[verbatim text|TYPE]].

Run with a python that has python-docx (only needed for the docx document):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
DOCS = ["cn01", "cn02", "cn03", "cn04", "cn05", "cn06"]
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt-utf8": "txt", "txt-cp1252-ts": "txt"}

STYLES = {
    "cn01": ("casusgericht", "Process director in Almelo who attends many meetings and negotiates with the housing corporation, Tactus, police and OM, but every arrangement is built around one man's own wish and plan, and her trust work is with him and his mother."),
    "cn02": ("netwerkgericht", "Nazorg chain director in Enschede who tells a warm, detailed client story but uses it to explain the structural agreements (PI release notices, ID at Burgerzaken, housing covenant, privacy instruction) and escalations he invests in; his trust is toward partners."),
    "cn03": ("onbepaald", "Genuinely mixed: a Doetinchem regisseur who splits her week between intensive work with nine clients and building the regional Achterhoek PGA table, and invests about equally in the client relationship and in partner relations and agreements."),
    "cn04": ("netwerkgericht", "Police PGA coordinator in Hengelo who spends his time on steering the monthly overleg, lead-organisation agreements, GGZ/police signalling arrangements and escalation via the driehoek, and explicitly places client trust with other professionals."),
    "cn05": ("onbepaald", "Genuinely mixed: an addiction-probation officer who does close trust work with one homeless client and, in parallel and with similar weight, builds agreements with the PI, shelter and municipality in the nazorg working group."),
    "cn06": ("casusgericht", "FACT-team nurse in the Achterhoek who persistently builds trust with one psychotic client and his mother and uses the corporation, police, OM and budget management only for that client's plan, leaving network meetings to his team leader."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")


def parse(doc):
    meta = {"header": []}
    turns = []  # (speaker 'I'/'R', text, orientation or None)
    idents = []
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() and not line.startswith("@"):
                continue
            for m in MARK.finditer(line):
                if (m.group(1), m.group(2)) not in idents:
                    idents.append((m.group(1), m.group(2)))
            clean = MARK.sub(lambda m: m.group(1), line)
            if clean.startswith("@format"):
                meta["format"] = clean.split(None, 1)[1].strip()
            elif clean.startswith("@labels"):
                meta["labels"] = clean.split(None, 1)[1].strip().split("|")
            elif clean.startswith("@header"):
                meta["header"].append(clean[len("@header"):].strip())
            elif clean.startswith("I: ") or clean.startswith("R: "):
                spk, text = clean[0], clean[3:].strip()
                orient = None
                m = re.search(r"\s*##(casus|netwerk)\s*$", text)
                if m:
                    orient = m.group(1)
                    text = text[: m.start()].rstrip()
                turns.append((spk, text, orient))
            else:
                raise ValueError("%s: unparsed line: %r" % (doc, line))
    return meta, turns, idents


def chunks(text, maxw=34):
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z\"(\u201c'])", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
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


def write_doc(doc, meta, turns):
    fmt = meta["format"]
    li, lr = meta["labels"]
    path = os.path.join(TR, "%s.%s" % (doc, EXT[fmt]))
    label = lambda spk: li if spk == "I" else lr
    if fmt == "docx":
        import docx
        d = docx.Document()
        for i, h in enumerate(meta["header"]):
            p = d.add_paragraph()
            r = p.add_run(h)
            if i == 0:
                r.bold = True
        d.add_paragraph("")
        for spk, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(label(spk))
            r.bold = True
            p.add_run(" " + text)
        d.save(path)
    elif fmt in ("srt", "vtt"):
        sep = "," if fmt == "srt" else "."
        t = 4.2
        n = 0
        lines = ["WEBVTT", ""] if fmt == "vtt" else []
        if fmt == "vtt":
            for h in meta["header"]:
                lines += [h, ""]
        for spk, text, _ in turns:
            for c in chunks(text):
                n += 1
                dur = max(1.8, len(c.split()) / 2.6)
                start, end = t, t + dur
                t = end + 0.25
                if fmt == "srt":
                    lines += [str(n), "%s --> %s" % (ts(start, sep), ts(end, sep)), "%s %s" % (label(spk), c), ""]
                else:
                    lines += ["%s --> %s" % (ts(start, sep), ts(end, sep)), "<v %s>%s" % (label(spk), c), ""]
            t += 0.6
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt == "txt-utf8":
        lines = list(meta["header"])
        for spk, text, _ in turns:
            lines += ["%s %s" % (label(spk), text), ""]
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt == "txt-cp1252-ts":
        lines = list(meta["header"])
        t = 3.0
        for spk, text, _ in turns:
            lines += ["[%s] %s %s" % (ts(t, ",")[:8], label(spk), text), ""]
            t += len(text.split()) / 2.5 + 1.5
        with open(path, "w", encoding="cp1252", newline="\r\n") as f:
            f.write("\n".join(lines))
    return path


def main():
    os.makedirs(TR, exist_ok=True)
    orient_rows, ident_rows, stats = [], [], []
    for doc in DOCS:
        meta, turns, idents = parse(doc)
        for k, (spk, _, o) in enumerate(turns):
            assert spk == ("I" if k % 2 == 0 else "R"), (doc, k + 1)
            if o:
                assert spk == "R", (doc, k + 1)
                orient_rows.append((doc, k + 1, o))
        for ident, typ in idents:
            ident_rows.append((doc, ident, typ))
        path = write_doc(doc, meta, turns)
        words = sum(len(t.split()) for _, t, _ in turns)
        rwords = sum(len(t.split()) for s, t, _ in turns if s == "R")
        nr = sum(1 for s, _, _ in turns if s == "R")
        nc = sum(1 for r in orient_rows if r[0] == doc and r[2] == "casus")
        nn = sum(1 for r in orient_rows if r[0] == doc and r[2] == "netwerk")
        stats.append((doc, os.path.basename(path), words, rwords, nr, nc, nn))
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    print("doc   file        words  resp_words  resp_turns  casus  netwerk")
    for s in stats:
        print("%-5s %-11s %5d  %10d  %10d  %5d  %7d" % s)


if __name__ == "__main__":
    main()
