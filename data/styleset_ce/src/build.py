#!/usr/bin/env python3
"""Build setCE transcripts + csv files from annotated sources (src/ceNN.src).

Source format: '# key: value' meta lines; one turn per line, 'I: ...' or 'R: ...'.
Identifiers inline as [[text|TYPE]]; respondent orientation as trailing {casus} / {netwerk}.
Run with a python that has python-docx (e.g. /work/main/.venv/bin/python).
"""
import csv, io, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["ce01", "ce02", "ce03", "ce04", "ce05", "ce06"]

STYLES = {
    "ce01": ("casusgericht", "Municipal director who organises many meetings and partner agreements, but every call, meeting and agreement serves one man's plan and her own trust relation with him; she leaves structural work to others."),
    "ce02": ("netwerkgericht", "Procesregisseur tells warm stories about clients but invests in relations between organisations, a structural 18-/18+ agreement signed by directors, escalation to aldermen and keeping the table running without him."),
    "ce03": ("onbepaald", "Genuinely mixed: the police officer invests about equally in his personal trust relation with one young man and in restructuring the housing-nuisance table and a regional peer group, and says himself he cannot rank them."),
    "ce04": ("casusgericht", "Terse probation officer who uses the Zorg- en Veiligheidshuis table and partners only to get one ex-prisoner housed and stable, explicitly leaves structural issues to management, and solves things per person."),
    "ce05": ("netwerkgericht", "Angry municipal director who moved from solving cases herself to logging patterns, getting directors to agree mandates and an escalation ladder, and maintaining partner relations; she hands clients on to others."),
    "ce06": ("casusgericht", "Young child-protection worker whose trust and regie role are toward one mother and her children; she attends MDA++ and calls partners only for this family's plan and leaves inter-organisational agreements to others."),
}

FORMAT_EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt-cp1252": "txt",
              "txt-timestamps": "txt", "txt-initials": "txt"}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk)\}\s*$")


def parse_src(doc_id):
    meta, headers, turns = {}, [], []
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].strip().partition(":")
                k, v = k.strip(), v.strip()
                if k == "header":
                    headers.append(v)
                else:
                    meta[k] = v
                continue
            spk, _, text = line.partition(": ")
            assert spk in ("I", "R"), (doc_id, line[:40])
            orient = None
            m = ORIENT.search(text)
            if m:
                assert spk == "R", (doc_id, line[:40])
                orient = m.group(1)
                text = text[: m.start()]
            turns.append({"spk": spk, "raw": text.strip(), "orient": orient})
    idents = []
    def strip(s):
        for m in MARK.finditer(s):
            if (m.group(1), m.group(2)) not in idents:
                idents.append((m.group(1), m.group(2)))
        return MARK.sub(lambda m: m.group(1), s)
    headers = [strip(h) for h in headers]
    for t in turns:
        t["text"] = strip(t["raw"])
    return meta, headers, turns, idents


def chunks(text, maxw=15):
    """Split a turn into subtitle-sized pieces (sentence, then comma boundaries)."""
    sents = re.split(r"(?<=[.!?])\s+", text)
    out = []
    for s in sents:
        words = s.split()
        if len(words) <= maxw + 5:
            out.append(s)
            continue
        parts = re.split(r"(?<=,)\s+", s)
        cur = ""
        for p in parts:
            if cur and len((cur + " " + p).split()) > maxw:
                out.append(cur)
                cur = p
            else:
                cur = (cur + " " + p).strip()
        if cur:
            out.append(cur)
    # merge very short pieces into the previous one
    merged = []
    for c in out:
        if merged and len(c.split()) <= 3 and len(merged[-1].split()) < maxw:
            merged[-1] += " " + c
        else:
            merged.append(c)
    return merged


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_doc(doc_id, meta, headers, turns):
    fmt = meta["format"]
    li, lr = meta["label_i"], meta["label_r"]
    lab = lambda t: li if t["spk"] == "I" else lr
    path = os.path.join(OUT, f"{doc_id}.{FORMAT_EXT[fmt]}")
    if fmt == "docx":
        import docx
        d = docx.Document()
        p = d.add_paragraph()
        r = p.add_run(headers[0]); r.bold = True
        for h in headers[1:]:
            d.add_paragraph(h)
        d.add_paragraph("")
        for t in turns:
            p = d.add_paragraph()
            r = p.add_run(lab(t) + ":"); r.bold = True
            p.add_run(" " + t["text"])
        d.save(path)
    elif fmt in ("srt", "vtt"):
        t0 = 2.3
        cues = []
        for t in turns:
            for c in chunks(t["text"]):
                dur = max(1.4, 0.36 * len(c.split()))
                cues.append((t0, t0 + dur, lab(t), c))
                t0 += dur + 0.25
            t0 += 0.6
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            if fmt == "srt":
                for i, (a, b, l, c) in enumerate(cues, 1):
                    f.write(f"{i}\n{ts(a, ',')} --> {ts(b, ',')}\n{l}: {c}\n\n")
            else:
                f.write("WEBVTT\n\n")
                for h in headers:
                    f.write(h + "\n\n")
                for a, b, l, c in cues:
                    f.write(f"{ts(a, '.')} --> {ts(b, '.')}\n<v {l}>{c}</v>\n\n")
    elif fmt == "txt-timestamps":
        t0 = 4.0
        lines = headers + [""]
        for t in turns:
            s = int(t0)
            lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab(t)}: {t['text']}")
            lines.append("")
            t0 += 0.42 * len(t["text"].split()) + 1.5
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt in ("txt-cp1252", "txt-initials"):
        lines = headers + [""]
        for t in turns:
            lines.append(f"{lab(t)}: {t['text']}")
            lines.append("")
        if fmt == "txt-cp1252":
            with open(path, "w", encoding="cp1252", newline="\r\n") as f:
                f.write("\n".join(lines))
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join(lines))
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    orient_rows, ident_rows, stats = [], [], []
    for doc_id in IDS:
        meta, headers, turns, idents = parse_src(doc_id)
        for i, t in enumerate(turns):
            assert t["spk"] == ("I" if i % 2 == 0 else "R"), (doc_id, i)
        path = write_doc(doc_id, meta, headers, turns)
        for i, t in enumerate(turns, 1):
            if t["orient"]:
                orient_rows.append((doc_id, i, t["orient"]))
        for ident, typ in idents:
            ident_rows.append((doc_id, ident, typ))
        words = sum(len(t["text"].split()) for t in turns)
        rwords = sum(len(t["text"].split()) for t in turns if t["spk"] == "R")
        nr = sum(1 for t in turns if t["spk"] == "R")
        nc = sum(1 for t in turns if t["orient"] == "casus")
        nn = sum(1 for t in turns if t["orient"] == "netwerk")
        stats.append((doc_id, os.path.basename(path), words, rwords, nr, nc, nn))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, *STYLES[d]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        for r in ident_rows:
            w.writerow(r)
    print("doc   file        words  resp_words  resp_turns  casus  netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<10} {s[2]:>6} {s[3]:>10} {s[4]:>10} {s[5]:>6} {s[6]:>8}")


if __name__ == "__main__":
    main()
