#!/usr/bin/env python3
"""Build transcripts + csv files of blind set DE from the annotated sources in src/.

Source format (src/deXX.txt): one paragraph per speaker turn, separated by blank lines.
  "I: ..." interviewer turn, "R: ..." respondent turn.
  Identifiers are marked inline as [[verbatim text|TYPE]].
  A respondent paragraph may end in {c} (casus) or {n} (netwerk); no mark = neither.
Run with a python that has python-docx (only needed for the .docx file).
"""
import csv, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*\{([cn])\}\s*$")

META = {
    "de01": dict(fmt="docx", style="casusgericht", labels=("Interviewer:", "Respondent:"),
                 header=["Transcript interview R07 \u2013 procesregisseur Zorg- en Veiligheidshuis",
                         "Datum: [[12 maart 2024|DATUM]], locatie Alkmaar"],
                 rationale="Procesregisseur who attends many meetings and works with many partners, but every meeting, agreement and phone call serves the plan of one man (getting in the door, his goal of staying in his home, his brother); she leaves structural network work to colleagues."),
    "de02": dict(fmt="srt", style="onbepaald", labels=("INT:", "[[Bas|PERSOON]]:"),
                 header=[],
                 rationale="Genuinely mixed: a wijkagent with a PGA role who invests about equally in one young man (visits, boxing gym, school, debts) and in building a neighbourhood table, a written agreement with youth workers, anchoring it in the team plan and reducing overlapping meetings."),
    "de03": dict(fmt="vtt", style="netwerkgericht", labels=("Interviewer", "Ingrid Zwaan"),
                 header=["NOTE Interview Veilig Thuis NHN, locatie Den Helder, [[7 december 2023|DATUM]]"],
                 rationale="Tells long, warm stories about a navy family, but hands the family to the wijkteam and invests in a structural table with Defence, military police, police and municipality, a signed working agreement, counting patterns across families and making the network independent of herself."),
    "de04": dict(fmt="txt", style="casusgericht", labels=("I:", "R:"),
                 header=["Interview 4 - reclasseringswerker, unit Hoorn", "[[14 mei 2024|DATUM]]", ""],
                 rationale="Terse probation officer whose whole way of working is built around one released man's plan (his daughter as goal, trust through telling him things first, per-client contact lists) and who explicitly leaves structural matters to managers."),
    "de05": dict(fmt="txt-cp1252", style="netwerkgericht", labels=("Interviewer:", "Respondent:"),
                 header=["Gesprek ketenregisseur zorg en veiligheid, gemeente Zaanstad", "Datum: [[16-04-2024|DATUM]]", ""],
                 rationale="Municipal chain director who no longer runs cases himself and invests in the table, in relations between managers, in repairing trust between police and mental health care, in a privacy covenant and in patterns brought to the directors; cases serve as illustrations."),
    "de06": dict(fmt="txt-ts", style="onbepaald", labels=("Spreker 1:", "Spreker 2:"),
                 header=["Transcriptie interview 6 (automatisch gegenereerd, handmatig nagelopen)", ""],
                 rationale="Genuinely mixed in a different way: a community psychiatric nurse with two roles who invests about equally in long trust work with one psychotic client and in building the mental health care-police link (call line, case meetings, privacy agreements, waiting-list escalation)."),
}


def parse_source(doc):
    txt = open(os.path.join(HERE, doc + ".txt"), encoding="utf-8").read()
    turns = []
    for para in [p.strip() for p in txt.split("\n\n") if p.strip()]:
        spk, body = para.split(":", 1)
        spk = spk.strip()
        assert spk in ("I", "R"), (doc, para[:40])
        body = " ".join(body.split())
        mark = None
        m = MARK_RE.search(body)
        if m:
            assert spk == "R", (doc, body[:40])
            mark = {"c": "casus", "n": "netwerk"}[m.group(1)]
            body = body[: m.start()]
        assert "{" not in body and "}" not in body, (doc, body[:60])
        turns.append((spk, body, mark))
    return turns


def strip_ids(s, ids):
    for m in ID_RE.finditer(s):
        ids.append((m.group(1), m.group(2)))
    return ID_RE.sub(lambda m: m.group(1), s)


def sentences(text):
    parts = re.split(r"(?<=[.!?\]])\s+", text)
    return [p for p in parts if p]


def cues(text, maxw=32):
    out, cur = [], []
    for s in sentences(text):
        w = len(s.split())
        if cur and len(" ".join(cur).split()) + w > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    h, rem = divmod(int(sec * 1000), 3600000)
    m, rem = divmod(rem, 60000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(turns, labels):
    """yield (speaker_label, cue_text, start, end) with plausible timings."""
    t = 2.0
    for spk, body, _ in turns:
        lab = labels[0] if spk == "I" else labels[1]
        for c in cues(body):
            dur = max(1.2, len(c.split()) / 2.6)
            yield lab, c, t, t + dur
            t += dur + 0.25
        t += 0.6


def write_docx(path, header, turns, labels):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph("")
    for spk, body, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(labels[0] if spk == "I" else labels[1])
        r.bold = True
        p.add_run(" " + body)
    d.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient, idents, readme_rows = [], [], [], []
    for doc, meta in META.items():
        raw = parse_source(doc)
        ids = []
        labels = tuple(strip_ids(l, ids) for l in meta["labels"])
        header = [strip_ids(h, ids) for h in meta["header"]]
        turns = [(s, strip_ids(b, ids), m) for s, b, m in raw]
        # alternation
        for k, (s, _, _) in enumerate(turns):
            assert s == ("I" if k % 2 == 0 else "R"), (doc, k)
        fmt = meta["fmt"]
        if fmt == "docx":
            fn = doc + ".docx"
            write_docx(os.path.join(OUT, fn), header, turns, labels)
        elif fmt == "srt":
            fn = doc + ".srt"
            lines = []
            for n, (lab, c, a, b) in enumerate(timed(turns, labels), 1):
                lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab} {c}", ""]
            open(os.path.join(OUT, fn), "w", encoding="utf-8").write("\n".join(lines))
        elif fmt == "vtt":
            fn = doc + ".vtt"
            lines = ["WEBVTT", ""]
            for h in header:
                lines += [h, ""]
            for n, (lab, c, a, b) in enumerate(timed(turns, labels), 1):
                lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}</v>", ""]
            open(os.path.join(OUT, fn), "w", encoding="utf-8").write("\n".join(lines))
        elif fmt in ("txt", "txt-cp1252"):
            fn = doc + ".txt"
            lines = list(header)
            for s, body, _ in turns:
                lines += [f"{labels[0] if s == 'I' else labels[1]} {body}", ""]
            data = "\n".join(lines)
            if fmt == "txt-cp1252":
                open(os.path.join(OUT, fn), "w", encoding="cp1252", newline="\r\n").write(data)
            else:
                open(os.path.join(OUT, fn), "w", encoding="utf-8").write(data)
        elif fmt == "txt-ts":
            fn = doc + ".txt"
            lines = list(header)
            t = 3.0
            for s, body, _ in turns:
                lines += [f"[{ts(t, ',')[:8]}] {labels[0] if s == 'I' else labels[1]} {body}", ""]
                t += len(body.split()) / 2.5 + 1.5
            open(os.path.join(OUT, fn), "w", encoding="utf-8").write("\n".join(lines))
        words = sum(len(b.split()) for _, b, _ in turns)
        nresp = sum(1 for s, _, _ in turns if s == "R")
        marks = [(k + 1, m) for k, (_, _, m) in enumerate(turns) if m]
        for k, m in marks:
            orient.append((doc, k, m))
        seen = set()
        for v, t in ids:
            if (v, t) not in seen:
                seen.add((v, t))
                idents.append((doc, v, t))
        styles.append((doc, meta["style"], meta["rationale"]))
        nc = sum(1 for _, m in marks if m == "casus")
        nn = sum(1 for _, m in marks if m == "netwerk")
        readme_rows.append((doc, fn, words, nresp, nc, nn))
        print(f"{doc}: {fn:10s} words={words:5d} turns={len(turns):3d} resp={nresp:3d} casus={nc} netwerk={nn} ids={len(seen)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "style", "rationale"]); w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "turn_index", "orientation"]); w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "identifier", "type"]); w.writerows(idents)


if __name__ == "__main__":
    main()
