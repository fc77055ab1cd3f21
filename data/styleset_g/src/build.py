#!/usr/bin/env python3
"""Build setG transcripts + csv files from the annotated sources in this folder.

Source format (src/bgNN.txt): one paragraph per speaker turn, separated by a blank line.
  - each paragraph starts with "I: " (interviewer) or "R: " (respondent)
  - identifying details are marked inline as {{verbatim text|TYPE}}
  - a respondent paragraph may end with [[casus]] or [[netwerk]] (its orientation mark)
Per-document rendering (format, speaker labels, header, encoding) is defined in DOCS below.
Run with a python that has python-docx (only needed for the .docx file):
    /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

MARK_ID = re.compile(r"\{\{([^{}|]+)\|([A-Z_]+)\}\}")
MARK_OR = re.compile(r"\s*\[\[(casus|netwerk)\]\]\s*$")
ID_TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
            "LEEFTIJD", "ORGANISATIE_NAAM"}

# style is fixed per document (decided before writing, see PLAN.md)
DOCS = {
    "bg01": dict(fmt="docx", ilab="Interviewer", rlab="Respondent",
                 header=["Interview regisseur Top600 – respondent R-04",
                         "Datum opname: {{7 maart 2024|DATUM}}, locatie: kantoor Actiecentrum",
                         "Transcriptie: letterlijk, met kleine correcties"],
                 style="casusgericht",
                 why="Although she attends uitvoerdersoverleggen and names many partners, every partner contact is used to move one plan for Jermaine forward, her trust work is with him and his mother, and she explicitly leaves structural agreements and escalation to others."),
    "bg02": dict(fmt="vtt", ilab="Interviewer", rlab="Ronald Vermeulen",
                 header=["NOTE", "Opname interview PGA Rotterdam, {{11 april 2024|DATUM}}",
                         "Automatisch gegenereerd, handmatig gecontroleerd"],
                 style="netwerkgericht",
                 why="The police coordinator tells warm, concrete stories about Sjaak and Kevin, but what he invests in is structural: coffee with every partner, signed call-back agreements, pattern counts across cases taken to the ketenoverleg, privacy sessions, and making partners independent of him; he says client trust is not his role."),
    "bg03": dict(fmt="txt-cp1252", ilab="I", rlab="R",
                 header=["Transcript interview reclassering / PGA Den Haag",
                         "{{5 maart 2025|DATUM}} - duur 41 min",
                         ""],
                 style="casusgericht",
                 why="A terse probation officer whose every longer answer is about Dylan (picking him up at the gate, money, his mother, consent, a three-way call with the therapist), who arranges partners only for this client and explicitly says structural agreements are not his work."),
    "bg04": dict(fmt="srt", ilab="Spreker 1", rlab="Spreker 2", header=[],
                 style="onbepaald",
                 why="The GGZ nurse splits her account evenly between intensive client work with Ruud and broker work between GGZ, police and the Zorg- en Veiligheidshuis (privacy flowchart, escalation, a weekly call line), and when asked where her heart is she says she cannot choose."),
    "bg05": dict(fmt="txt-ts", ilab="Spreker 1", rlab="Spreker 2",
                 header=["Bestand: top400_regie_interview_2.m4a",
                         "Transcriptie-export, tijdcodes per spreekbeurt",
                         ""],
                 style="netwerkgericht",
                 why="The angry Top400 regisseur uses Sem mainly as an illustration of a system gap, counts the pattern across his caseload, escalates via notes and team meetings, builds a monthly leerplicht table, contact-person agreements and a 18-/18+ working group, and locates his trust work among professionals rather than with the youths."),
    "bg06": dict(fmt="txt-initials", ilab="MK", rlab="LH",
                 header=["INTERVIEW PGA-REGISSEUR ROTTERDAM-ZUID",
                         "datum: {{23-05-2024|DATUM}} | interviewer: MK | respondent: LH",
                         "---"],
                 style="casusgericht",
                 why="The young municipal regisseur talks almost only about Priscilla and her baby, home visits, calling Veilig Thuis together, phoning creditors at the kitchen table, and uses the multidisciplinary meeting only to put this woman's priority first; she says herself she hardly thinks about cooperation in general."),
}


def parse_src(doc):
    raw = open(os.path.join(HERE, doc + ".txt"), encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    turns = []
    for p in paras:
        p = " ".join(p.split())
        spk, body = p[:2], p[3:]
        assert spk in ("I:", "R:"), (doc, p[:40])
        orient = None
        m = MARK_OR.search(body)
        if m:
            assert spk == "R:", (doc, "orientation mark on interviewer turn", p[:40])
            orient = m.group(1)
            body = body[:m.start()]
        assert "[[" not in body, (doc, body[:60])
        turns.append(dict(spk=spk[0], raw=body, orient=orient))
    return turns


def strip_ids(text, found):
    def rep(m):
        ident, typ = m.group(1), m.group(2)
        assert typ in ID_TYPES, typ
        found.append((ident, typ))
        return ident
    out = MARK_ID.sub(rep, text)
    assert "{{" not in out and "}}" not in out, out[:80]
    return out


def ts(sec, sep="."):
    total_ms = int(round(sec * 1000))
    s_all, ms = divmod(total_ms, 1000)
    h, r = divmod(s_all, 3600)
    m, s = divmod(r, 60)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunk_sentences(text, maxw=24):
    sents = re.split(r"(?<=[.?!])\s+", text)
    chunks, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def render(doc, spec, header, turns):
    ilab, rlab = spec["ilab"], spec["rlab"]
    lab = lambda t: ilab if t["spk"] == "I" else rlab
    fmt = spec["fmt"]
    if fmt == "docx":
        import docx
        d = docx.Document()
        for i, h in enumerate(header):
            para = d.add_paragraph()
            run = para.add_run(h)
            run.bold = (i == 0)
        d.add_paragraph("")
        for t in turns:
            para = d.add_paragraph()
            r1 = para.add_run(lab(t) + ":")
            r1.bold = True
            para.add_run(" " + t["text"])
        path = os.path.join(TR, doc + ".docx")
        d.save(path)
        return path
    if fmt == "vtt":
        lines = ["WEBVTT", ""] + header + [""]
        clock, n = 2.0, 0
        for t in turns:
            for c in chunk_sentences(t["text"]):
                dur = max(1.2, len(c.split()) / 2.6)
                n += 1
                lines += [str(n), f"{ts(clock)} --> {ts(clock + dur)}", f"<v {lab(t)}>{c}</v>", ""]
                clock += dur + 0.3
            clock += 0.8
        path = os.path.join(TR, doc + ".vtt")
        open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
        return path
    if fmt == "srt":
        lines, clock = [], 3.0
        for n, t in enumerate(turns, 1):
            dur = max(1.5, len(t["text"].split()) / 2.5)
            lines += [str(n), f"{ts(clock, ',')} --> {ts(clock + dur, ',')}", f"{lab(t)}: {t['text']}", ""]
            clock += dur + 1.1
        path = os.path.join(TR, doc + ".srt")
        open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
        return path
    if fmt == "txt-cp1252":
        lines = list(header)
        for t in turns:
            lines += [f"{lab(t)}: {t['text']}", ""]
        path = os.path.join(TR, doc + ".txt")
        with open(path, "w", encoding="cp1252", newline="\r\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "txt-ts":
        lines, clock = list(header), 4.0
        for t in turns:
            lines += [f"[{ts(clock)[:8]}] {lab(t)}: {t['text']}", ""]
            clock += len(t["text"].split()) / 2.5 + 1.5
        path = os.path.join(TR, doc + ".txt")
        open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
        return path
    if fmt == "txt-initials":
        lines = list(header) + [""]
        for t in turns:
            lines += [f"{lab(t)}: {t['text']}", ""]
        path = os.path.join(TR, doc + ".txt")
        open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines))
        return path
    raise ValueError(fmt)


def main():
    os.makedirs(TR, exist_ok=True)
    styles, orient_rows, id_rows, summary = [], [], [], []
    for doc, spec in DOCS.items():
        found = []
        header = [strip_ids(h, found) for h in spec["header"]]
        turns = parse_src(doc)
        for t in turns:
            t["text"] = strip_ids(t["raw"], found)
        # strict alternation, interviewer first
        for i, t in enumerate(turns):
            assert t["spk"] == ("I" if i % 2 == 0 else "R"), (doc, i + 1)
        render(doc, spec, header, turns)
        styles.append((doc, spec["style"], spec["why"]))
        for i, t in enumerate(turns, 1):
            if t["orient"]:
                orient_rows.append((doc, i, t["orient"]))
        seen = set()
        for ident, typ in found:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                id_rows.append((doc, ident, typ))
        words = sum(len(t["text"].split()) for t in turns)
        rwords = sum(len(t["text"].split()) for t in turns if t["spk"] == "R")
        summary.append((doc, spec["fmt"], words, rwords, len(turns), sum(t["spk"] == "R" for t in turns),
                        sum(t["orient"] == "casus" for t in turns), sum(t["orient"] == "netwerk" for t in turns)))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc  fmt           words  resp_words  turns  resp_turns  casus  netwerk")
    for s in summary:
        print(f"{s[0]}  {s[1]:<12} {s[2]:>6} {s[3]:>10} {s[4]:>6} {s[5]:>10} {s[6]:>6} {s[7]:>7}")


if __name__ == "__main__":
    main()
