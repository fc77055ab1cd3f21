#!/usr/bin/env python3
"""Build the setCW transcripts and csv files from the annotated sources in src/.

Source format (src/cwNN.txt):
  - lines starting with '@header:' are header lines printed above the transcript;
  - then one paragraph per speaker turn, separated by blank lines, starting with 'I: ' or 'R: ';
  - identifiers are marked inline as {verbatim text|TYPE};
  - a respondent paragraph may end with <<casus>> or <<netwerk>> (its orientation).

Needs python-docx for the two .docx files (run with /work/main/.venv/bin/python).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

MARK = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
ORIENT = re.compile(r"\s*<<(casus|netwerk)>>\s*$")

DOCS = {
    # id: (format, interviewer label, respondent label, extra identifiers from labels)
    "cw01": dict(fmt="docx", ilab="Interviewer:", rlab="Respondent:", bold=True),
    "cw02": dict(fmt="srt", ilab="Marit:", rlab="Baukje:"),
    "cw03": dict(fmt="txt", ilab="I:", rlab="R:", enc="cp1252"),
    "cw04": dict(fmt="txt-ts", ilab="Spreker 1:", rlab="Spreker 2:", enc="utf-8"),
    "cw05": dict(fmt="vtt", ilab="Interviewer", rlab="Jildou Postma",
                 label_ids=[("Jildou Postma", "PERSOON")]),
    "cw06": dict(fmt="docx", ilab="TvdM:", rlab="GH:", bold=False),
}

STYLES = {
    "cw01": ("casusgericht", "ZVH process director who chairs many meetings and bargains hard with partners, "
             "but every agreement is built around one client's plan and his own trust relationship with that client."),
    "cw02": ("netwerkgericht", "Veilig Thuis team leader who tells warm client stories yet uses each case to fix "
             "referral routes, sign agreements and escalate patterns between organisations; her trust role is toward partners."),
    "cw03": ("onbepaald", "Guarded probation officer who only recites procedure and gives almost no evidence of "
             "investing either in the person or in the network (too little evidence)."),
    "cw04": ("netwerkgericht", "Community police officer who likes his clients but invests in mapping partners, "
             "structural protocols, escalation to the mayor and one shared table for the municipality."),
    "cw05": ("casusgericht", "Municipal aftercare worker whose whole story is one released young man's plan; "
             "meetings and partners are used only to make things work for him and she defers network issues to others."),
    "cw06": ("onbepaald", "ZVH director who invests about equally in kitchen-table work with one family and in "
             "chairing a regional working group and structural agreements (genuinely mixed)."),
}


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    headers, body = [], []
    for line in raw.splitlines():
        if line.startswith("@header:"):
            headers.append(line[len("@header:"):].strip())
        else:
            body.append(line)
    paras = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(body)) if p.strip()]
    turns = []
    for p in paras:
        p = " ".join(p.split("\n"))
        spk, text = p[:1], p[2:].strip()
        assert spk in "IR" and p[1] == ":", (doc_id, p[:40])
        orient = None
        m = ORIENT.search(text)
        if m:
            orient = m.group(1)
            text = text[:m.start()].rstrip()
        turns.append(dict(spk=spk, marked=text, orient=orient))
    return headers, turns


def strip_marks(s):
    return MARK.sub(lambda m: m.group(1), s)


def ids_in(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def ts(sec, sep):
    total_ms = int(round(sec * 1000))
    secs, ms = divmod(total_ms, 1000)
    h, rem = divmod(secs, 3600)
    m, s = divmod(rem, 60)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns, start=3.0):
    t = start
    out = []
    for tr in turns:
        n = len(tr["text"].split())
        dur = max(1.5, n / 2.6)
        out.append((t, t + dur))
        t = t + dur + 0.6
    return out


def write_docx(path, cfg, headers, turns):
    import docx
    d = docx.Document()
    for i, h in enumerate(headers):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
    d.add_paragraph("")
    for tr in turns:
        lab = cfg["ilab"] if tr["spk"] == "I" else cfg["rlab"]
        p = d.add_paragraph()
        r = p.add_run(lab)
        r.bold = cfg.get("bold", False)
        p.add_run(" " + tr["text"])
    d.save(path)


def build():
    os.makedirs(TR, exist_ok=True)
    style_rows, orient_rows, id_rows, summary = [], [], [], []
    for doc_id, cfg in DOCS.items():
        headers, turns = parse(doc_id)
        for tr in turns:
            tr["text"] = strip_marks(tr["marked"])
        hdr_plain = [strip_marks(h) for h in headers]
        # identifiers, unique per doc in order of first appearance
        seen = {}
        for ident, typ in cfg.get("label_ids", []):
            seen.setdefault(ident, typ)
        for h in headers:
            for ident, typ in ids_in(h):
                seen.setdefault(ident, typ)
        for tr in turns:
            for ident, typ in ids_in(tr["marked"]):
                seen.setdefault(ident, typ)
        for ident, typ in seen.items():
            id_rows.append((doc_id, ident, typ))
        for i, tr in enumerate(turns, 1):
            if tr["orient"]:
                assert tr["spk"] == "R"
                orient_rows.append((doc_id, i, tr["orient"]))
        fmt = cfg["fmt"]
        if fmt == "docx":
            path = os.path.join(TR, doc_id + ".docx")
            write_docx(path, cfg, hdr_plain, turns)
        elif fmt == "srt":
            path = os.path.join(TR, doc_id + ".srt")
            lines = []
            for n, (tr, (a, b)) in enumerate(zip(turns, timings(turns)), 1):
                lab = cfg["ilab"] if tr["spk"] == "I" else cfg["rlab"]
                lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab} {tr['text']}", ""]
            with open(path, "w", encoding="utf-8", newline="\r\n") as f:
                f.write("\n".join(lines))
        elif fmt == "vtt":
            path = os.path.join(TR, doc_id + ".vtt")
            lines = ["WEBVTT", ""]
            for n, (tr, (a, b)) in enumerate(zip(turns, timings(turns, 1.0)), 1):
                lab = cfg["ilab"] if tr["spk"] == "I" else cfg["rlab"]
                lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{tr['text']}</v>", ""]
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
        elif fmt == "txt":
            path = os.path.join(TR, doc_id + ".txt")
            lines = hdr_plain + [""] if hdr_plain else []
            for tr in turns:
                lab = cfg["ilab"] if tr["spk"] == "I" else cfg["rlab"]
                lines += [f"{lab} {tr['text']}", ""]
            with open(path, "w", encoding=cfg["enc"], newline="\r\n" if cfg["enc"] == "cp1252" else "\n") as f:
                f.write("\n".join(lines))
        elif fmt == "txt-ts":
            path = os.path.join(TR, doc_id + ".txt")
            lines = hdr_plain + [""] if hdr_plain else []
            for tr, (a, b) in zip(turns, timings(turns, 4.0)):
                lab = cfg["ilab"] if tr["spk"] == "I" else cfg["rlab"]
                lines += [f"[{ts(a, ',')[:8]}] {lab} {tr['text']}", ""]
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
        words = sum(len(tr["text"].split()) for tr in turns)
        rwords = sum(len(tr["text"].split()) for tr in turns if tr["spk"] == "R")
        nresp = sum(1 for tr in turns if tr["spk"] == "R")
        summary.append((doc_id, os.path.basename(path), words, rwords, nresp, len(turns)))
        style_rows.append((doc_id, STYLES[doc_id][0], STYLES[doc_id][1]))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for row in summary:
        print("%s  %-10s words=%d resp_words=%d resp_turns=%d turns=%d" % row)


if __name__ == "__main__":
    build()
