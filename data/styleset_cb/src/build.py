#!/usr/bin/env python3
"""Build transcripts + csv files for blind set CB from annotated sources in src/.

Source format (one line per item):
  #format: docx|srt|vtt|txt      #encoding: utf-8|cp1252 (txt only)
  #ilabel / #rlabel: speaker labels as they appear in the transcript
  #header: a header line (may contain identifiers)   #timestamps: yes (txt only)
  I: interviewer turn
  R: respondent turn ... @casus|@netwerk|@-
Identifiers inline as [[verbatim text|TYPE]].
"""
import csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["cb01", "cb02", "cb03", "cb04", "cb05", "cb06"]
STYLES = {
    "cb01": ("netwerkgericht", "Municipal nazorg process director who tells warm stories about one released man but spends her effort on structural arrangements with burgerzaken, housing corporations and the Werkplein so the route works for the next person."),
    "cb02": ("casusgericht", "Probation officer with a PGA regie role who attends many meetings and makes many partner agreements, all of them tailored to one young man's work plan and built on trust with him and his mother."),
    "cb03": ("onbepaald", "Community police officer who invests about equally in personal contact with young ex-detainees and in a neighbourhood partner meeting and structural agreements (genuinely mixed)."),
    "cb04": ("netwerkgericht", "Chain director at the Zorg- en Veiligheidshuis who deliberately gave up caseload and works on chain gaps, covenants, figures and escalation to the steering group."),
    "cb05": ("casusgericht", "Young case director whose plan is built backward from one client's wish to see his son, using partners as tracks of that plan and herself as the instrument of trust."),
    "cb06": ("netwerkgericht", "Former prison social worker now coordinating municipal nazorg who turns recurring problems into pilots and standing agreements with prisons, debt counselling and probation, leaving client contact to his team."),
}
IDRE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")


def parse(path):
    meta = {"header": []}
    turns = []  # (speaker 'I'/'R', annotated text, orientation)
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            v = v.strip()
            if k == "header":
                meta["header"].append(v)
            else:
                meta[k] = v
            continue
        sp, _, text = line.partition(": ")
        assert sp in ("I", "R"), (path, line[:40])
        orient = None
        if sp == "R":
            m = re.search(r"\s@(casus|netwerk|-)$", text)
            assert m, (path, text[-40:])
            orient = m.group(1)
            text = text[: m.start()].rstrip()
        turns.append((sp, text.strip(), orient))
    return meta, turns


def plain(s):
    return IDRE.sub(lambda m: m.group(1), s)


def ids_in(s):
    return [(m.group(1), m.group(2)) for m in IDRE.finditer(s)]


def chunks(annot, maxw=18):
    """Split an annotated turn into cue texts; identifiers never split."""
    protected = IDRE.sub(lambda m: m.group(1).replace(" ", "\u0001"), annot)
    sents = re.split(r"(?<=[.?!])\s+", protected)
    out, cur = [], []
    for s in sents:
        w = s.split()
        while w:
            room = maxw - len(cur)
            if room <= 0 or (cur and len(w) > room and len(cur) > maxw // 2):
                out.append(cur); cur = []; continue
            cur.extend(w[:room]); w = w[room:]
            if len(cur) >= maxw:
                out.append(cur); cur = []
        if cur and len(cur) >= 8:
            out.append(cur); cur = []
    if cur:
        out.append(cur)
    return [" ".join(c).replace("\u0001", " ") for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000); m, ms = divmod(ms, 60000); s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_doc(did):
    meta, turns = parse(os.path.join(HERE, did + ".txt"))
    fmt = meta["format"]
    lab = {"I": meta["ilabel"], "R": meta["rlabel"]}
    fn = os.path.join(TR, f"{did}.{fmt}")
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in meta["header"]:
            d.add_paragraph(plain(h))
        for sp, t, _ in turns:
            p = d.add_paragraph()
            p.add_run(lab[sp]).bold = True
            p.add_run(" " + plain(t))
        d.save(fn)
    elif fmt in ("srt", "vtt"):
        lines = []
        if fmt == "vtt":
            lines += ["WEBVTT", ""]
            for h in meta["header"]:
                lines += [plain(h), ""]
        t0, n = 2.0, 0
        sep = "," if fmt == "srt" else "."
        for sp, t, _ in turns:
            for c in chunks(t):
                n += 1
                dur = max(1.2, len(c.split()) / 2.6)
                if fmt == "srt":
                    lines += [str(n), f"{ts(t0, sep)} --> {ts(t0 + dur, sep)}", f"{lab[sp]} {plain(c)}", ""]
                else:
                    lines += [f"{ts(t0, sep)} --> {ts(t0 + dur, sep)}", f"<v {lab[sp]}>{plain(c)}", ""]
                t0 += dur + 0.15
            t0 += 0.6
        with open(fn, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    else:
        enc = meta.get("encoding", "utf-8")
        lines = [plain(h) for h in meta["header"]]
        if lines:
            lines.append("")
        t0 = 4.0
        for sp, t, _ in turns:
            txt = plain(t)
            if meta.get("timestamps") == "yes":
                s = int(t0)
                lines.append(f"[{s//3600:02d}:{s%3600//60:02d}:{s%60:02d}] {lab[sp]} {txt}")
                t0 += len(txt.split()) / 2.5 + 1.5
            else:
                lines.append(f"{lab[sp]} {txt}")
            lines.append("")
        with open(fn, "w", encoding=enc, newline="\r\n" if enc == "cp1252" else "\n") as f:
            f.write("\n".join(lines))
    # metadata
    idents = []
    if "ident" in meta:
        t, _, typ = meta["ident"].rpartition("|")
        idents.append((t, typ))
    for h in meta["header"]:
        idents += ids_in(h)
    for _, t, _ in turns:
        idents += ids_in(t)
    seen, uniq = set(), []
    for x in idents:
        if x not in seen:
            seen.add(x); uniq.append(x)
    orient = [(i + 1, o) for i, (sp, _, o) in enumerate(turns) if sp == "R" and o in ("casus", "netwerk")]
    words = sum(len(plain(t).split()) for _, t, _ in turns)
    rturns = sum(1 for sp, _, _ in turns if sp == "R")
    return dict(fmt=fmt, idents=uniq, orient=orient, words=words, rturns=rturns,
                enc=meta.get("encoding", "utf-8"), nturns=len(turns))


def main():
    os.makedirs(TR, exist_ok=True)
    info = {d: build_doc(d) for d in IDS}
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, *STYLES[d]])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "turn_index", "orientation"])
        for d in IDS:
            for ti, o in info[d]["orient"]:
                w.writerow([d, ti, o])
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "identifier", "type"])
        for d in IDS:
            for ident, typ in info[d]["idents"]:
                w.writerow([d, ident, typ])
    for d in IDS:
        i = info[d]
        print(f"{d}\t{STYLES[d][0]}\t{i['fmt']}/{i['enc']}\twords={i['words']}\tturns={i['nturns']}\tR={i['rturns']}\tids={len(i['idents'])}\torient={len(i['orient'])}")


if __name__ == "__main__":
    main()
