#!/usr/bin/env python3
"""Build transcripts + csv files of blind set DB from the annotated sources in this folder.

Source format (src/dbNN.src):
  #format: docx | srt | vtt | txt_utf8 | txt_cp1252
  #labels: <interviewer label>|<respondent label>
  #header: <header line>            (0..n lines, may contain identifier marks)
  #style: <label> (optional, informational only; styles.csv is written from STYLES below)
  I: <interviewer turn>             (one paragraph per turn, blank line between turns)
  R: <respondent turn> [[casus]]    (optional orientation mark at the end: [[casus]] / [[netwerk]])

Identifier marks: {TYPE:verbatim text}, TYPE in PERSOON, LOCATIE, ADRES, DATUM, TELEFOON, EMAIL,
DOSSIER, LEEFTIJD, ORGANISATIE_NAAM.  The mark is replaced by the verbatim text.

Run with any python3 that has python-docx (for the .docx file):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

DOCS = ["db01", "db02", "db03", "db04", "db05", "db06"]
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt_utf8": "txt", "txt_cp1252": "txt"}

STYLES = {
    "db01": ("netwerkgericht",
             "Tells warm stories about clients, but her work, trust and pride lie in the partner "
             "relationships, a recurring partners' breakfast, structural housing and information "
             "agreements and escalation to the programme; she explicitly leaves the client bond to others."),
    "db02": ("casusgericht",
             "Attends many meetings and brokers agreements with police, OM, the mayor's office, a housing "
             "corporation and debt help, but every negotiation is about one young man and his family, and "
             "he disclaims the structural work groups."),
    "db03": ("netwerkgericht",
             "Police coordinator who sees his role as the link between police and partners, fixes "
             "recurring failures (release notices, area approach, OM notes) via management and keeps "
             "away from personal client relationships."),
    "db04": ("casusgericht",
             "Probation officer whose whole account is about her bond with one released client and his "
             "family, using partners ad hoc for him and explicitly preferring client time over "
             "structural signalling."),
    "db05": ("onbepaald",
             "Genuinely mixed: she splits her time and energy between a close, hands-on relationship with "
             "a client and leading a debt pilot with structural agreements among partners, and says she "
             "cannot rank the two."),
    "db06": ("netwerkgericht",
             "GGD liaison without own client caseload who builds a standing breakthrough table, an "
             "information-sharing instruction and trust between psychiatry and police; the client case "
             "serves to show how the network was changed."),
}

ID_RE = re.compile(r"\{(PERSOON|LOCATIE|ADRES|DATUM|TELEFOON|EMAIL|DOSSIER|LEEFTIJD|ORGANISATIE_NAAM):([^{}]+)\}")
OR_RE = re.compile(r"\s*\[\[(casus|netwerk)\]\]\s*$")


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".src")
    meta = {"header": []}
    turns = []  # (speaker 'I'/'R', marked text, orientation or None)
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    for block in raw.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        lines = block.split("\n")
        rest = []
        for ln in lines:
            if ln.startswith("#"):
                key, _, val = ln[1:].partition(":")
                key = key.strip()
                val = val.strip()
                if key == "header":
                    meta["header"].append(val)
                else:
                    meta[key] = val
            else:
                rest.append(ln)
        if not rest:
            continue
        text = " ".join(x.strip() for x in rest)
        m = re.match(r"^(I|R):\s*(.*)$", text)
        if not m:
            sys.exit("%s: unparseable block: %r" % (doc_id, text[:60]))
        spk, body = m.group(1), m.group(2)
        orient = None
        om = OR_RE.search(body)
        if om:
            orient = om.group(1)
            body = body[: om.start()].rstrip()
            if spk != "R":
                sys.exit("%s: orientation on interviewer turn" % doc_id)
        turns.append((spk, body, orient))
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            sys.exit("%s: turn %d breaks alternation" % (doc_id, i + 1))
    return meta, turns


def plain(marked):
    return ID_RE.sub(lambda m: m.group(2), marked)


def ids_in(marked):
    return [(m.group(2), m.group(1)) for m in ID_RE.finditer(marked)]


def split_sentences(marked):
    """Split marked text into sentence chunks without cutting inside an identifier mark."""
    holders = []

    def hold(m):
        holders.append(m.group(0))
        return "\x00%d\x00" % (len(holders) - 1)

    protected = ID_RE.sub(hold, marked)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"\[\x00'ÉÈ])", protected)
    out = []
    for p in parts:
        p = re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], p)
        out.append(p)
    return out


def cues_for(marked, max_words=22):
    sents = split_sentences(marked)
    cues, cur = [], []
    for s in sents:
        cand = cur + [s]
        if cur and len(plain(" ".join(cand)).split()) > max_words:
            cues.append(" ".join(cur))
            cur = [s]
        else:
            cur = cand
    if cur:
        cues.append(" ".join(cur))
    return [plain(c) for c in cues]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def write_doc(doc_id, meta, turns):
    fmt = meta["format"]
    ilab, rlab = meta["labels"].split("|")
    labels = {"I": ilab, "R": rlab}
    header = [plain(h) for h in meta["header"]]
    path = os.path.join(TR, "%s.%s" % (doc_id, EXT[fmt]))
    if fmt == "docx":
        import docx  # python-docx
        d = docx.Document()
        for i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if i == 0:
                r.bold = True
        d.add_paragraph("")
        for spk, body, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(labels[spk] + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        d.save(path)
    elif fmt in ("srt", "vtt"):
        t = 2.0
        lines = ["WEBVTT", ""] if fmt == "vtt" else []
        if fmt == "vtt" and header:
            lines.append("NOTE")
            lines.extend(header)
            lines.append("")
        n = 0
        for spk, body, _ in turns:
            for cue in cues_for(body):
                n += 1
                dur = max(1.2, len(cue.split()) / 2.7)
                start, end = t, t + dur
                t = end + 0.25
                if fmt == "srt":
                    lines += [str(n), "%s --> %s" % (ts(start, ","), ts(end, ",")),
                              "%s: %s" % (labels[spk], cue), ""]
                else:
                    lines += ["%s --> %s" % (ts(start, "."), ts(end, ".")),
                              "<v %s>%s" % (labels[spk], cue), ""]
            t += 0.8
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines))
    else:
        enc = "utf-8" if fmt == "txt_utf8" else "cp1252"
        stamp = meta.get("timestamps") == "yes"
        out = list(header)
        if header:
            out.append("")
        t = 4.0
        for spk, body, _ in turns:
            txt = plain(body)
            if stamp:
                s = int(t)
                out.append("[%02d:%02d:%02d] %s: %s" % (s // 3600, (s % 3600) // 60, s % 60, labels[spk], txt))
            else:
                out.append("%s: %s" % (labels[spk], txt))
            out.append("")
            t += len(txt.split()) / 2.6 + 1.5
        nl = "\r\n" if enc == "cp1252" else "\n"
        with open(path, "w", encoding=enc, newline=nl) as fh:
            fh.write("\n".join(out).rstrip("\n") + "\n")
    return path


def main():
    os.makedirs(TR, exist_ok=True)
    style_rows, orient_rows, id_rows, stats = [], [], [], []
    for doc_id in DOCS:
        meta, turns = parse(doc_id)
        write_doc(doc_id, meta, turns)
        seen = set()
        for marked in meta["header"] + [b for _, b, _ in turns]:
            for ident, typ in ids_in(marked):
                if (ident, typ) not in seen:
                    seen.add((ident, typ))
                    id_rows.append((doc_id, ident, typ))
        for i, (spk, _, orient) in enumerate(turns, start=1):
            if orient:
                orient_rows.append((doc_id, i, orient))
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        rwords = sum(len(plain(b).split()) for s, b, _ in turns if s == "R")
        nr = sum(1 for s, _, _ in turns if s == "R")
        nc = sum(1 for _, _, o in turns if o == "casus")
        nn = sum(1 for _, _, o in turns if o == "netwerk")
        stats.append((doc_id, meta["format"], words, rwords, nr, nc, nn))
        style_rows.append((doc_id,) + STYLES[doc_id])
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   format      words  resp_words  resp_turns  casus  netwerk")
    for s in stats:
        print("%-5s %-11s %5d  %10d  %10d  %5d  %7d" % s)


if __name__ == "__main__":
    main()
