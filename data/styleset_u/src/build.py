#!/usr/bin/env python3
"""Build set U: transcripts + csv files + README table from the annotated sources in src/.

Source format (src/buNN.txt):
  key: value header lines (id, format, int_label, resp_label, header (repeatable), note), then '---'
  then one paragraph per turn, separated by blank lines, starting with 'I: ' or 'R: '.
  Identifiers are marked inline as [[text|TYPE]].
  Respondent paragraphs end with {C} (casus), {N} (netwerk) or {-} (neither / not clear).

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python) from any directory.
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["bu01", "bu02", "bu03", "bu04", "bu05", "bu06"]

STYLES = {
    "bu01": ("netwerkgericht", "Tells warm, detailed stories about one client, but what he invests in is a standing table of schools, leerplicht, police, wijkteam and youth work, a shared information-sharing sheet, agreements with school boards and citywide embedding; he deliberately leaves the bond with the youngster to others and counts it a win when partners no longer need him."),
    "bu02": ("casusgericht", "Talks constantly about meetings, partners and agreements, but every meeting, phone call and deal is for the plan of one boy and his family, trust is built with the boy, mother and grandmother, and partner relations are explicitly maintained only case by case."),
    "bu03": ("onbepaald", "Too little evidence: a guarded, procedural police contact who describes information flows and procedures but never shows investing in either the young people or the partner network."),
    "bu04": ("casusgericht", "Angry gezinsvoogd whose whole story is one boy and his mother; she pushes school, leerplicht, police and placement services hard, but only for him, uses an informal line to the youth officer instead of structural arrangements and declines network work groups."),
    "bu05": ("onbepaald", "Genuinely mixed: half of his work and of the interview is a long personal trajectory with one young man and his father, the other half is building handover agreements, intervision and standard forms across organisations, and he weighs both equally."),
    "bu06": ("netwerkgericht", "Former truancy officer who deliberately keeps a small caseload to build a monthly transition table across youth protection, probation, wijkteams and RMC, escalates to directors for mandates, and leaves the bond with young people to other professionals."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = {"{C}": "casus", "{N}": "netwerk", "{-}": None}


def strip(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse(doc_id):
    text = open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8").read()
    head, body = text.split("\n---\n", 1)
    meta = {"header": []}
    for line in head.splitlines():
        k, v = line.split(":", 1)
        v = v.strip()
        if k == "header":
            meta["header"].append(v)
        else:
            meta[k] = v
    idents = []
    for h in meta["header"] + [meta.get("note", "")]:
        for m in MARK.finditer(h):
            idents.append((m.group(1), m.group(2)))
    turns = []
    for para in [p.strip() for p in body.strip().split("\n\n") if p.strip()]:
        spk, rest = para.split(": ", 1)
        assert spk in ("I", "R"), (doc_id, para[:40])
        rest = " ".join(rest.split())
        ori = None
        if spk == "R":
            tag = rest[-3:]
            assert tag in ORI, (doc_id, rest[-20:])
            ori = ORI[tag]
            rest = rest[:-3].rstrip()
        else:
            assert not re.search(r"\{[CN-]\}$", rest), (doc_id, rest[-20:])
        for m in MARK.finditer(rest):
            idents.append((m.group(1), m.group(2)))
        turns.append({"spk": spk, "text": strip(rest), "ori": ori})
    for i, t in enumerate(turns):
        assert t["spk"] == ("I" if i % 2 == 0 else "R"), (doc_id, i + 1)
    meta["header"] = [strip(h) for h in meta["header"]]
    if "note" in meta:
        meta["note"] = strip(meta["note"])
    seen, uniq = set(), []
    for ident in idents:
        if ident not in seen:
            seen.add(ident)
            uniq.append(ident)
    return meta, turns, uniq


def words(s):
    return len(re.findall(r"\w[\w'’\-]*", s))


def chunks(text, maxw=26):
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z(\[\"'0-9ÉÖ])", text)
    out, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > maxw:
            out.append(" ".join(cur))
            cur = [s]
        else:
            cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def timeline(turns, start=2.0, rate=2.6):
    """Yield (turn, [(t0, t1, chunk), ...]) with plausible speaking times."""
    t = start
    res = []
    for tr in turns:
        cues = []
        for ch in chunks(tr["text"]):
            d = max(1.2, words(ch) / rate)
            cues.append((t, t + d, ch))
            t += d + 0.15
        res.append((tr, cues))
        t += 0.9
    return res


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def label(meta, spk):
    return meta["int_label"] if spk == "I" else meta["resp_label"]


def write_docx(doc_id, meta, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
        else:
            r.italic = True
    d.add_paragraph("")
    for tr in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, tr["spk"]) + ":")
        r.bold = True
        p.add_run(" " + tr["text"])
    path = os.path.join(TR, doc_id + ".docx")
    d.save(path)
    return path


def write_vtt(doc_id, meta, turns):
    lines = ["WEBVTT", ""]
    if meta.get("note"):
        lines += ["NOTE " + meta["note"], ""]
    for tr, cues in timeline(turns, start=1.5):
        who = label(meta, tr["spk"])
        for t0, t1, ch in cues:
            lines += [f"{ts(t0, '.')} --> {ts(t1, '.')}", f"<v {who}>{ch}</v>", ""]
    path = os.path.join(TR, doc_id + ".vtt")
    open(path, "w", encoding="utf-8").write("\n".join(lines))
    return path


def write_srt(doc_id, meta, turns):
    lines, n = [], 0
    for tr, cues in timeline(turns, start=4.0, rate=2.8):
        who = label(meta, tr["spk"])
        for t0, t1, ch in cues:
            n += 1
            lines += [str(n), f"{ts(t0, ',')} --> {ts(t1, ',')}", f"{who}: {ch}", ""]
    path = os.path.join(TR, doc_id + ".srt")
    open(path, "w", encoding="utf-8").write("\n".join(lines))
    return path


def write_txt(doc_id, meta, turns, enc="utf-8", newline="\n", stamped=False):
    lines = list(meta["header"])
    if lines:
        lines.append("")
    tl = timeline(turns, start=3.0, rate=2.4)
    for tr, cues in tl:
        who = label(meta, tr["spk"])
        if stamped:
            t0 = cues[0][0]
            lines.append(f"[{ts(t0, ',')[:8]}] {who}: {tr['text']}")
        else:
            lines.append(f"{who}: {tr['text']}")
        lines.append("")
    path = os.path.join(TR, doc_id + ".txt")
    with open(path, "w", encoding=enc, newline=newline) as f:
        f.write("\n".join(lines))
    return path


def main():
    os.makedirs(TR, exist_ok=True)
    for f in os.listdir(TR):
        os.remove(os.path.join(TR, f))
    ori_rows, id_rows, table = [], [], []
    for doc_id in IDS:
        meta, turns, idents = parse(doc_id)
        fmt = meta["format"]
        if fmt == "docx":
            path = write_docx(doc_id, meta, turns)
        elif fmt == "vtt":
            path = write_vtt(doc_id, meta, turns)
        elif fmt == "srt":
            path = write_srt(doc_id, meta, turns)
        elif fmt == "txt-cp1252":
            path = write_txt(doc_id, meta, turns, enc="cp1252", newline="\r\n")
        elif fmt == "txt-stamped":
            path = write_txt(doc_id, meta, turns, stamped=True)
        else:
            path = write_txt(doc_id, meta, turns)
        for i, tr in enumerate(turns, 1):
            if tr["ori"]:
                ori_rows.append((doc_id, i, tr["ori"]))
        for ident, typ in idents:
            id_rows.append((doc_id, ident, typ))
        nw = sum(words(t["text"]) for t in turns)
        nr = sum(1 for t in turns if t["spk"] == "R")
        nc = sum(1 for t in turns if t["ori"] == "casus")
        nn = sum(1 for t in turns if t["ori"] == "netwerk")
        table.append((doc_id, os.path.basename(path), nw, nr, nc, nn))
        print(f"{doc_id}: {os.path.basename(path):10s} words={nw} resp_turns={nr} casus={nc} netwerk={nn}")
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, *STYLES[d]])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    # README table
    tpl = open(os.path.join(HERE, "README_template.md"), encoding="utf-8").read()
    rows = ["| doc | file | style | words | respondent turns | casus / netwerk turns |",
            "|---|---|---|---|---|---|"]
    for doc_id, fn, nw, nr, nc, nn in table:
        rows.append(f"| {doc_id} | {fn} | {STYLES[doc_id][0]} | {nw} | {nr} | {nc} / {nn} |")
    open(os.path.join(OUT, "README.md"), "w", encoding="utf-8").write(tpl.replace("{{TABLE}}", "\n".join(rows)))


if __name__ == "__main__":
    main()
