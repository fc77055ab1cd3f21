#!/usr/bin/env python3
"""Build setDG transcripts and csv files from the annotated sources in src/.

Source format (one line per item):
  #format txt|docx|srt|vtt     output format
  #encoding utf-8|cp1252        (txt only)
  #label_i / #label_r           speaker labels as they appear in the transcript
  #timestamps yes               (txt only) prefix each turn with [hh:mm:ss]
  #header <text>                header line(s); may contain identifier markup
  #ident <text>|<TYPE>          identifier occurring in the text without inline markup
  I: <text>                     interviewer turn
  R: / R(casus): / R(netwerk):  respondent turn, with its orientation mark
Identifiers inline: [[verbatim text|TYPE]].
Run with /work/main/.venv/bin/python (python-docx needed for .docx).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
DOCS = ["dg01", "dg02", "dg03", "dg04", "dg05", "dg06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")

STYLES = {
    "dg01": ("netwerkgericht", "MDA++ process director who tells warm stories about an elderly client but whose "
             "own work and sense of role lie in routes, agreements and trust between organisations (GPs, home nursing, "
             "steering group)."),
    "dg02": ("casusgericht", "MDA++ case director who sits at many tables and makes many agreements with partners, "
             "but every one of them serves one mother's plan and her trust; structural issues are left to others."),
    "dg03": ("netwerkgericht", "Police domestic-violence officer whose work is daily alignment with Veilig Thuis, "
             "escalation to management, registration and structural arrangements; he deliberately leaves the people "
             "to the care partners."),
    "dg04": ("casusgericht", "Municipal elder-abuse case director who invests in the trust of one elderly man, his "
             "grandson and daughter and uses bank, nursing and day care for his plan, not for the network."),
    "dg05": ("netwerkgericht", "Regional chain director who illustrates with cases but works at director and "
             "administrative level: escalation table, mandates, privacy note, GP cadre role."),
    "dg06": ("onbepaald", "Probation officer with two roles who invests about equally in one client's trust and "
             "plan and in regional agreements between organisations (genuinely mixed)."),
}


def parse(doc):
    meta = {"headers": [], "idents": []}
    turns = []
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                key, _, val = line[1:].partition(" ")
                if key == "header":
                    meta["headers"].append(val)
                elif key == "ident":
                    t, _, typ = val.rpartition("|")
                    meta["idents"].append((t, typ))
                else:
                    meta[key] = val
                continue
            m = re.match(r"^(I|R)(?:\((casus|netwerk)\))?: (.*)$", line)
            if not m:
                sys.exit(f"{doc}: cannot parse line: {line[:60]}")
            turns.append({"spk": m.group(1), "orient": m.group(2), "text": m.group(3)})
    return meta, turns


def strip(s):
    return MARK.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def chunks(text, lo=9, hi=22):
    sents = re.split(r"(?<=[.!?])\s+", text)
    out, cur = [], []
    for s in sents:
        cur.append(s)
        n = len(" ".join(cur).split())
        if n >= lo:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(" ".join(cur).split()) < 4 and len(out[-1].split()) < hi:
            out[-1] = out[-1] + " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_txt(doc, meta, turns):
    li, lr = meta["label_i"], meta["label_r"]
    lines = [strip(h) for h in meta["headers"]]
    if lines:
        lines.append("")
    t = 4.0
    for tr in turns:
        text = strip(tr["text"])
        lab = li if tr["spk"] == "I" else lr
        if meta.get("timestamps") == "yes":
            lines.append(f"[{ts(t, ',')[:8]}] {lab}: {text}")
        else:
            lines.append(f"{lab}: {text}")
        lines.append("")
        t += len(text.split()) / 2.5 + 1.2
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if enc == "cp1252" else "\n"
    with open(os.path.join(TR, doc + ".txt"), "w", encoding=enc, newline=nl) as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")
    return doc + ".txt"


def write_docx(doc, meta, turns):
    import docx
    d = docx.Document()
    for k, h in enumerate(meta["headers"]):
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if k == 0:
            r.bold = True
    d.add_paragraph("")
    for tr in turns:
        lab = meta["label_i"] if tr["spk"] == "I" else meta["label_r"]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = True
        p.add_run(" " + strip(tr["text"]))
    d.save(os.path.join(TR, doc + ".docx"))
    return doc + ".docx"


def cues(turns, meta):
    t = 2.0
    out = []
    for tr in turns:
        lab = meta["label_i"] if tr["spk"] == "I" else meta["label_r"]
        for c in chunks(strip(tr["text"])):
            dur = max(1.6, len(c.split()) / 2.6)
            out.append((t, t + dur, lab, c))
            t += dur + 0.25
        t += 0.7
    return out


def write_srt(doc, meta, turns):
    blocks = []
    for n, (a, b, lab, c) in enumerate(cues(turns, meta), 1):
        blocks.append(f"{n}\n{ts(a, ',')} --> {ts(b, ',')}\n{lab}: {c}\n")
    with open(os.path.join(TR, doc + ".srt"), "w", encoding="utf-8") as f:
        f.write("\n".join(blocks))
    return doc + ".srt"


def write_vtt(doc, meta, turns):
    parts = ["WEBVTT", ""]
    for h in meta["headers"]:
        parts += [strip(h), ""]
    for a, b, lab, c in cues(turns, meta):
        parts += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}</v>", ""]
    with open(os.path.join(TR, doc + ".vtt"), "w", encoding="utf-8") as f:
        f.write("\n".join(parts))
    return doc + ".vtt"


def main():
    os.makedirs(TR, exist_ok=True)
    srows, orows, irows, stats = [], [], [], []
    for doc in DOCS:
        meta, turns = parse(doc)
        for k, tr in enumerate(turns):
            want = "I" if k % 2 == 0 else "R"
            if tr["spk"] != want:
                sys.exit(f"{doc}: turn {k+1} should be {want}")
            if tr["spk"] == "I" and tr["orient"]:
                sys.exit(f"{doc}: orientation on interviewer turn {k+1}")
        fmt = meta["format"]
        fname = {"txt": write_txt, "docx": write_docx, "srt": write_srt, "vtt": write_vtt}[fmt](doc, meta, turns)
        seen = set()
        allid = []
        for h in meta["headers"]:
            allid += idents(h)
        for tr in turns:
            allid += idents(tr["text"])
        allid += meta["idents"]
        for ident, typ in allid:
            if typ not in TYPES:
                sys.exit(f"{doc}: bad type {typ}")
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                irows.append((doc, ident, typ))
        for k, tr in enumerate(turns, 1):
            if tr["orient"]:
                orows.append((doc, k, tr["orient"]))
        words = sum(len(strip(tr["text"]).split()) for tr in turns)
        rwords = sum(len(strip(tr["text"]).split()) for tr in turns if tr["spk"] == "R")
        nres = sum(1 for tr in turns if tr["spk"] == "R")
        nc = sum(1 for tr in turns if tr["orient"] == "casus")
        nn = sum(1 for tr in turns if tr["orient"] == "netwerk")
        stats.append((doc, fname, words, rwords, nres, nc, nn))
        srows.append((doc, STYLES[doc][0], STYLES[doc][1]))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(srows)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(irows)
    with open(os.path.join(HERE, "stats.tsv"), "w", encoding="utf-8") as f:
        f.write("doc\tfile\twords\tresp_words\tresp_turns\tcasus_turns\tnetwerk_turns\n")
        for s in stats:
            f.write("\t".join(map(str, s)) + "\n")
    for s in stats:
        print(*s, sep="\t")


if __name__ == "__main__":
    main()
