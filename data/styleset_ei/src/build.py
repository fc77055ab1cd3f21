#!/usr/bin/env python3
"""Build transcripts + csv files of blind set EI from the annotated sources in this folder.

Source format (src/<id>.src):
  @key value          meta (format, encoding, newline, labelstyle, label_i, label_r, header (repeatable))
  I: text             interviewer turn
  R: text [[casus]]   respondent turn, optional orientation mark at the end ([[casus]] / [[netwerk]])
  {{text|TYPE}}       identifier, written verbatim as `text` in the transcript

Run with a python that has python-docx (only needed for .docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import io
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
IDS = ["ei01", "ei02", "ei03", "ei04", "ei05", "ei06"]
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt": "txt"}

STYLES = {
    "ei01": ("netwerkgericht",
             "Tells warm, detailed stories about one ex-detainee, but every story ends in what he built between "
             "organisations (release notification route, housing deal, privacy agreement, regional budget), and he "
             "places his trust and role toward the professionals."),
    "ei02": ("casusgericht",
             "Talks constantly about meetings, partners and agreements, but each one is a case-specific favour or "
             "arrangement for one young man's plan, and her trust work is with him and his mother; structural issues "
             "she hands to her manager."),
    "ei03": ("onbepaald",
             "Genuinely mixed: roughly equal investment in a long trust relationship with one client and in building "
             "a standing multi-agency table, written agreements and escalation, without ever naming a preference."),
    "ei04": ("netwerkgericht",
             "Police contact point who turns single incidents into address patterns, escalation to the triangle, "
             "protocols and relationships with GGZ team leaders; he cares about clients but invests in the network."),
    "ei05": ("onbepaald",
             "Too little evidence: guarded, procedural answers about the work process, caseload and systems that "
             "never show whether she invests in the person or in the cooperating organisations."),
    "ei06": ("casusgericht",
             "Outreach nurse with regie who builds trust on one old farmer's yard and brings in sister, GP, police "
             "officer and guardian one by one at his pace; she skips policy and attends meetings only for her clients."),
}

RESPONDENT = {
    "ei01": "procesregisseur Zorg- en Veiligheidshuis, ex-wijkagent, 58, Zuidoost-Drenthe; warm, anecdotal",
    "ei02": "coordinator nazorg ex-gedetineerden + PGA, gemeente, 41, Vechtdal (Overijssel); energetic, meeting-heavy",
    "ei03": "regisseur PGA gemeente, ex-jongerenwerker, 47, Zuidwest-Drenthe; reflective",
    "ei04": "politie brigadier, aanspreekpunt verward gedrag/PGA, Twente; terse, irritated",
    "ei05": "procesregisseur Zorg- en Veiligheidshuis, ex-reclassering, Salland; guarded, procedural (online call)",
    "ei06": "SPV bemoeizorg GGD with regie, 56, Westerveld (Drenthe); rambling, warm, dialect",
}

ID_RE = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
OR_RE = re.compile(r"\s*\[\[(casus|netwerk)\]\]\s*$")


def strip_ids(s, found):
    def rep(m):
        key = (m.group(1), m.group(2))
        if key not in found:
            found.append(key)
        return m.group(1)
    return ID_RE.sub(rep, s)


def parse(doc_id):
    meta = {"header": []}
    turns = []  # (role, text, orientation)
    found = []
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                if key == "header":
                    meta["header"].append(strip_ids(val, found))
                else:
                    meta[key] = strip_ids(val, found) if key.startswith("label_") else val
                continue
            role, _, text = line.partition(": ")
            assert role in ("I", "R"), (doc_id, line[:40])
            orient = ""
            m = OR_RE.search(text)
            if m:
                orient = m.group(1)
                text = text[:m.start()]
                assert role == "R", (doc_id, "orientation on interviewer turn")
            text = strip_ids(text.strip(), found)
            assert "{{" not in text and "[[" not in text, (doc_id, text[:60])
            turns.append((role, text, orient))
    for k, (role, _, _) in enumerate(turns):
        assert role == ("I" if k % 2 == 0 else "R"), (doc_id, "alternation", k + 1)
    return meta, turns, found


def hms(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, max_words=24):
    sents = re.split(r"(?<=[.!?…])\s+(?=[^\s])", text)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def label(meta, role):
    return meta["label_i"] if role == "I" else meta["label_r"]


def render_txt(meta, turns):
    lines = list(meta["header"])
    if lines:
        lines.append("")
    t = 3.0
    for role, text, _ in turns:
        lab = label(meta, role)
        if meta.get("labelstyle") == "timestamp":
            lines.append(f"[{hms(t).split(',')[0]}] {lab}: {text}")
        else:
            lines.append(f"{lab}: {text}")
        lines.append("")
        t += len(text.split()) / 2.4 + 1.5
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    return nl.join(lines).rstrip() + nl


def render_subs(meta, turns, kind):
    out = []
    if kind == "vtt":
        out += ["WEBVTT", ""]
        for h in meta["header"]:
            out += [h, ""]
    t = 2.0
    n = 0
    for role, text, _ in turns:
        lab = label(meta, role)
        for ch in chunks(text):
            n += 1
            dur = max(1.2, len(ch.split()) / 2.6)
            if kind == "srt":
                out += [str(n), f"{hms(t)} --> {hms(t + dur)}", f"{lab}: {ch}", ""]
            else:
                out += [f"{n}", f"{hms(t, '.')} --> {hms(t + dur, '.')}", f"<v {lab}>{ch}</v>", ""]
            t += dur + 0.2
        t += 0.8
    return "\n".join(out)


def render_docx(meta, turns, path):
    import docx
    d = docx.Document()
    for k, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        r.bold = (k == 0)
    d.add_paragraph("")
    for role, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, role) + ":")
        if meta.get("labelstyle") == "bold":
            r.bold = True
        p.add_run(" " + text)
    d.save(path)


def main():
    tdir = os.path.join(ROOT, "transcripts")
    os.makedirs(tdir, exist_ok=True)
    orient_rows, ident_rows, table = [], [], []
    for doc_id in IDS:
        meta, turns, found = parse(doc_id)
        fmt = meta["format"]
        path = os.path.join(tdir, f"{doc_id}.{EXT[fmt]}")
        if fmt == "txt":
            data = render_txt(meta, turns)
            with open(path, "w", encoding=meta.get("encoding", "utf-8"), newline="") as f:
                f.write(data)
        elif fmt in ("srt", "vtt"):
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(render_subs(meta, turns, fmt))
        elif fmt == "docx":
            render_docx(meta, turns, path)
        for k, (role, text, orient) in enumerate(turns, start=1):
            if orient:
                orient_rows.append((doc_id, k, orient))
        for ident, typ in found:
            ident_rows.append((doc_id, ident, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rwords = sum(len(t.split()) for r, t, _ in turns if r == "R")
        nresp = sum(1 for r, _, _ in turns if r == "R")
        nc = sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "casus")
        nn = sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "netwerk")
        enc = meta.get("encoding", "utf-8") if fmt == "txt" else ("docx" if fmt == "docx" else "utf-8")
        table.append((doc_id, RESPONDENT[doc_id], STYLES[doc_id][0], f".{EXT[fmt]}" + (f" ({enc})" if fmt == "txt" else ""),
                      words, rwords, nresp, nc, nn))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in IDS:
            w.writerow([doc_id, STYLES[doc_id][0], STYLES[doc_id][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient_rows):
            w.writerow(row)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in ident_rows:
            w.writerow(row)
    # README: generated table + hand-written notes
    buf = io.StringIO()
    buf.write("# Blind set EI — rural Drenthe/Overijssel, PGA ex-gedetineerden & verward gedrag\n\n")
    buf.write("Generated by `src/build.py` (table) + `src/README_notes.md` (notes). "
              "Words = words of all turn texts (labels, headers, timings excluded); R-words = respondent only.\n\n")
    buf.write("| doc | respondent (voice, setting) | style | format | words | R-words | respondent turns | casus/netwerk turns marked |\n")
    buf.write("|---|---|---|---|---|---|---|---|\n")
    for doc_id, resp, style, fmt, words, rwords, nresp, nc, nn in table:
        buf.write(f"| {doc_id} | {resp} | {style} | {fmt} | {words} | {rwords} | {nresp} | {nc}/{nn} |\n")
    buf.write("\n")
    with open(os.path.join(HERE, "README_notes.md"), encoding="utf-8") as f:
        buf.write(f.read())
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as f:
        f.write(buf.getvalue())
    for row in table:
        print(row[0], row[2], row[3], "words", row[4], "resp_turns", row[6], "c/n", row[7], row[8])


if __name__ == "__main__":
    main()
