#!/usr/bin/env python3
"""Build setDS transcripts and csv files from the annotated sources in this folder.

Source format (src/dsNN.txt): lines starting with '#' are comments; one paragraph per speaker turn,
starting with 'I: ' (interviewer) or 'R: ' (respondent); paragraphs separated by blank lines.
Inline identifiers: {{verbatim text|TYPE}}. A respondent paragraph may end in [[casus]], [[netwerk]]
or [[-]] (= no clear orientation; same as no mark).

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import io
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

ID_RE = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
OR_RE = re.compile(r"\s*\[\[(casus|netwerk|-)\]\]\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

DOCS = {
    "ds01": dict(fmt="docx", bold=True, labels=("Interviewer:", "Respondent:"),
                 header=["Interview procesregisseur Zorg- en Veiligheidshuis Flevoland",
                         "Datum: {{19 februari 2024|DATUM}} – locatie {{Almere|LOCATIE}} – duur ca. 55 min."],
                 style="netwerkgericht",
                 rationale="Procesregisseur who tells warm stories about one released prisoner but invests in "
                           "partner relationships, a structural release route, escalation to the steering group "
                           "and says her trust role lies with the professionals."),
    "ds02": dict(fmt="vtt", labels=("Onderzoeker", "Youssef"),
                 header=["NOTE Teams-opname {{16-11-2023|DATUM}}, automatisch gegenereerd, gecorrigeerd"],
                 style="casusgericht",
                 rationale="Former police officer who attends many meetings and makes many agreements with partners, "
                           "but every meeting and workaround serves one young man's own plan and his trust; "
                           "he leaves structural problems to others."),
    "ds03": dict(fmt="txt", enc="cp1252", newline="\r\n", labels=("I:", "R:"),
                 header=["Transcript interview MDA++ Flevoland",
                         "{{Lelystad|LOCATIE}}, {{21-11-2023|DATUM}}",
                         "I = interviewer, R = respondent", ""],
                 style="onbepaald",
                 rationale="Genuinely mixed: she spends about half her work at the kitchen table of one mother and "
                           "half chairing the regional chain working group, and every topic gets a case side and a "
                           "network side of similar weight."),
    "ds04": dict(fmt="srt", labels=("Interviewer:", "Rob:"), header=[],
                 style="netwerkgericht",
                 rationale="Police coordinator who deliberately stays away from the case table, uses cases only as "
                           "evidence for chain agreements, trusts individual professionals and escalates capacity "
                           "problems to management and administration."),
    "ds05": dict(fmt="txt", enc="utf-8", newline="\n", labels=("Spreker 1:", "Spreker 2:"), stamps=True,
                 header=["Opname_{{2024-10-08|DATUM}}_gemeente.m4a – transcriptie", ""],
                 style="casusgericht",
                 rationale="Municipal youth case director whose whole story is one fifteen-year-old and his family, "
                           "builds trust with the boy and mother and uses partners only to get this plan done; "
                           "says system issues are not his concern."),
    "ds06": dict(fmt="docx", bold=False, labels=("Interviewer:", "Carla:"),
                 header=["Gesprek GGZ-verbindingsfunctionaris Zorg- en Veiligheidshuis regio Utrecht",
                         "{{4 maart 2024|DATUM}}"],
                 style="netwerkgericht",
                 rationale="GGZ liaison without own clients who cares about a psychotic young man and his mother but "
                           "invests in translating between GGZ and safety partners, pattern analysis, routes, "
                           "information agreements and board notes."),
}


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    lines = [l for l in raw.splitlines() if not l.startswith("#")]
    paras = [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]
    turns = []
    for p in paras:
        p = " ".join(p.split("\n"))
        if p.startswith("I: "):
            role, body = "I", p[3:]
        elif p.startswith("R: "):
            role, body = "R", p[3:]
        else:
            raise SystemExit(f"{doc_id}: paragraph without I:/R: prefix: {p[:60]}")
        orient = None
        m = OR_RE.search(body)
        if m:
            if role != "R":
                raise SystemExit(f"{doc_id}: orientation mark on interviewer turn: {p[:60]}")
            orient = None if m.group(1) == "-" else m.group(1)
            body = body[:m.start()].rstrip()
        ids = []
        for m2 in ID_RE.finditer(body):
            if m2.group(2) not in TYPES:
                raise SystemExit(f"{doc_id}: unknown identifier type {m2.group(2)}")
            ids.append((m2.group(1), m2.group(2)))
        text = ID_RE.sub(lambda m2: m2.group(1), body)
        if "{{" in text or "[[" in text or "]]" in text or "}}" in text:
            raise SystemExit(f"{doc_id}: markup residue in: {text[:80]}")
        turns.append(dict(role=role, text=text, orient=orient, ids=ids))
    for i, t in enumerate(turns):
        if t["role"] != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return turns


def strip_header(lines):
    ids, out = [], []
    for l in lines:
        for m in ID_RE.finditer(l):
            ids.append((m.group(1), m.group(2)))
        out.append(ID_RE.sub(lambda m: m.group(1), l))
    return out, ids


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns, start=3.4):
    """Rough speech timing: ~2.5 words per second plus a short pause between turns."""
    t, out = start, []
    for i, turn in enumerate(turns):
        dur = max(1.5, len(turn["text"].split()) / 2.5)
        out.append((t, t + dur))
        t = t + dur + 0.6 + (i % 3) * 0.35
    return out


def write_docx(doc_id, cfg, turns, header):
    import docx
    d = docx.Document()
    for j, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if j == 0:
            r.bold = True
    d.add_paragraph("")
    for t in turns:
        label = cfg["labels"][0] if t["role"] == "I" else cfg["labels"][1]
        p = d.add_paragraph()
        if cfg.get("bold"):
            r = p.add_run(label)
            r.bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(label + " " + t["text"])
    d.save(os.path.join(OUT, doc_id + ".docx"))


def write_vtt(doc_id, cfg, turns, header):
    buf = ["WEBVTT", ""]
    for h in header:
        buf += [h, ""]
    for i, ((a, b), t) in enumerate(zip(timings(turns), turns)):
        name = cfg["labels"][0] if t["role"] == "I" else cfg["labels"][1]
        buf += [f"{i + 1}", f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {name}>{t['text']}</v>", ""]
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(buf))


def write_srt(doc_id, cfg, turns, header):
    buf = []
    for i, ((a, b), t) in enumerate(zip(timings(turns, 1.2), turns)):
        name = cfg["labels"][0] if t["role"] == "I" else cfg["labels"][1]
        buf += [f"{i + 1}", f"{ts(a, ',')} --> {ts(b, ',')}", f"{name} {t['text']}", ""]
    with open(os.path.join(OUT, doc_id + ".srt"), "w", encoding="utf-8", newline="\r\n") as f:
        f.write("\n".join(buf))


def write_txt(doc_id, cfg, turns, header):
    buf = list(header)
    tims = timings(turns, 5.0)
    for (a, _), t in zip(tims, turns):
        label = cfg["labels"][0] if t["role"] == "I" else cfg["labels"][1]
        if cfg.get("stamps"):
            stamp = ts(a, ".")[:8]
            buf.append(f"[{stamp}] {label} {t['text']}")
        else:
            buf.append(f"{label} {t['text']}")
        buf.append("")
    data = "\n".join(buf)
    with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding=cfg["enc"], newline=cfg["newline"]) as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, orient_rows, id_rows, stats = [], [], [], []
    for doc_id, cfg in DOCS.items():
        turns = parse_src(doc_id)
        header, hids = strip_header(cfg.get("header", []))
        {"docx": write_docx, "vtt": write_vtt, "srt": write_srt, "txt": write_txt}[cfg["fmt"]](
            doc_id, cfg, turns, header)
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        seen = set()
        for ident, typ in hids + [x for t in turns for x in t["ids"]]:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                id_rows.append((doc_id, ident, typ))
        for i, t in enumerate(turns):
            if t["orient"]:
                orient_rows.append((doc_id, i + 1, t["orient"]))
        words = sum(len(t["text"].split()) for t in turns)
        rwords = sum(len(t["text"].split()) for t in turns if t["role"] == "R")
        n_r = sum(1 for t in turns if t["role"] == "R")
        n_c = sum(1 for t in turns if t["orient"] == "casus")
        n_n = sum(1 for t in turns if t["orient"] == "netwerk")
        ext = cfg["fmt"]
        fmt = f"{ext} ({cfg['enc']})" if ext == "txt" else ext
        stats.append((doc_id, fmt, words, rwords, n_r, n_c, n_n, cfg["style"]))

    def wcsv(name, header, rows):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    wcsv("styles.csv", ["doc_id", "style", "rationale"], styles)
    wcsv("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(orient_rows))
    wcsv("identifiers.csv", ["doc_id", "identifier", "type"], id_rows)
    with open(os.path.join(HERE, "stats.tsv"), "w", encoding="utf-8") as f:
        f.write("doc\tformat\twords\trespondent_words\trespondent_turns\tcasus_turns\tnetwerk_turns\tstyle\n")
        for s in stats:
            f.write("\t".join(map(str, s)) + "\n")
    for s in stats:
        print(*s, sep="\t")


if __name__ == "__main__":
    main()
