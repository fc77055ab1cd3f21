#!/usr/bin/env python3
"""Build set V transcripts + csv files from the annotated sources in this folder.

Source format (src/<id>.txt):
  - lines starting with '#' are comments;
  - one paragraph per turn, starting with 'I: ' (interviewer) or 'R: ' (respondent);
  - identifiers marked inline as {text|TYPE};
  - a respondent paragraph may end with [[casus]] or [[netwerk]] (orientation of that turn).

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python) for the .docx file.
"""
import csv
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
TR = OUT / "transcripts"

ID_RE = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
OR_RE = re.compile(r"\s*\[\[(casus|netwerk)\]\]\s*$")

STYLES = {
    "bv01": ("netwerkgericht",
             "Former shelter worker who tells warm client stories but uses them to repair inter-organisational "
             "agreements, escalation routes and relationships; her own role is toward partners, not clients."),
    "bv02": ("casusgericht",
             "Process director who attends many meetings and negotiates with many partners, but every agreement "
             "serves one man's plan and his own trust relationship with that man."),
    "bv03": ("onbepaald",
             "Genuinely mixed: probation officer who splits his week and his examples evenly between his own "
             "client's plan and structural agreements between chain partners."),
    "bv04": ("casusgericht",
             "Terse neighbourhood police officer whose regie consists of personal contact with one family and "
             "getting individual partners to act for them; he declines network work."),
    "bv05": ("netwerkgericht",
             "Veilig Thuis network coordinator who turns cases into patterns, escalates to directors and invests "
             "in relationships and agreements between organisations."),
    "bv06": ("casusgericht",
             "Psychiatric nurse whose regie is built on trust with a psychotic son and his mother and on bending "
             "OM, housing and care arrangements to fit their plan."),
}

# Per document: format, speaker labels, header, identifiers that live only in labels/header.
DOCS = {
    "bv01": dict(fmt="docx", labels=("Interviewer", "Anouk"),
                 header=["Interview 3 – ketenregie huiselijk geweld IJsselland",
                         "Datum: 14 november 2023 | Respondent: Anouk Wessels (ketenregisseur HG, "
                         "Zorg- en Veiligheidshuis IJsselland) | Interviewer: M. de Graaf"],
                 extra_ids=[("14 november 2023", "DATUM"), ("Anouk Wessels", "PERSOON"),
                            ("M. de Graaf", "PERSOON")]),
    "bv02": dict(fmt="srt", labels=("Interviewer", "Marco"), header=[],
                 extra_ids=[("Marco", "PERSOON"), ("Middelburg", "LOCATIE")]),
    "bv03": dict(fmt="vtt", labels=("Interviewer", "Jeroen Smeets"),
                 header=["NOTE Interview reclassering Noord-Limburg, opgenomen 21-11-2023, unit Venlo"],
                 extra_ids=[("21-11-2023", "DATUM"), ("Toverland", "LOCATIE")]),
    "bv04": dict(fmt="txt", encoding="cp1252", labels=("I", "R"),
                 header=["Transcriptie gesprek 7 – Politie Oost-Nederland, basisteam Hengelo – 3 oktober 2023",
                         "Respondent: B. Nijhuis (wijkagent Hengelo-Noord / casusregisseur HG)",
                         ""],
                 extra_ids=[("3 oktober 2023", "DATUM"), ("B. Nijhuis", "PERSOON"),
                            ("Hengelo-Noord", "LOCATIE"), ("Hengelo", "LOCATIE")]),
    "bv05": dict(fmt="txt_ts", encoding="utf-8", labels=("Spreker 1", "Spreker 2"),
                 header=["Transcript opname 2023-10-19_VTBN_int04.m4a (automatisch gegenereerd, handmatig gecorrigeerd)",
                         ""],
                 extra_ids=[("2023-10-19", "DATUM"), ("Rachida", "PERSOON")]),
    "bv06": dict(fmt="txt", encoding="utf-8", labels=("EH", "TB"),
                 header=["Gesprek T. Bouma – ZVH Fryslân – 8 november 2023", ""],
                 extra_ids=[("T. Bouma", "PERSOON"), ("8 november 2023", "DATUM"), ("Tjitske", "PERSOON")]),
}

EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt": "txt", "txt_ts": "txt"}


def parse_source(path):
    turns = []  # (speaker 'I'/'R', clean text, orientation or None, [(ident, type)])
    paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
    for p in paras:
        lines = [ln for ln in p.splitlines() if not ln.startswith("#")]
        if not lines:
            continue
        p = " ".join(ln.strip() for ln in lines)
        spk, body = p[:1], p[3:]
        assert p[1:3] == ": " and spk in "IR", p[:40]
        orient = None
        m = OR_RE.search(body)
        if m:
            assert spk == "R", "orientation on interviewer turn: " + body[:40]
            orient = m.group(1)
            body = body[: m.start()]
        ids = [(a, b) for a, b in ID_RE.findall(body)]
        clean = ID_RE.sub(lambda mm: mm.group(1), body).strip()
        assert "{" not in clean and "[[" not in clean, clean[:60]
        turns.append((spk, clean, orient, ids))
    for i, t in enumerate(turns):
        assert t[0] == ("I" if i % 2 == 0 else "R"), f"alternation broken at turn {i+1}"
    return turns


def chunks(text, max_words=24):
    sents = re.split(r"(?<=[.?!])\s+(?=[A-Z(“\"'])", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, seed):
    rnd = random.Random(seed)
    t = rnd.uniform(1.0, 4.0)
    cues = []
    for spk, text, _, _ in turns:
        for c in chunks(text):
            dur = len(c.split()) / rnd.uniform(2.3, 2.9) + 0.4
            cues.append((t, t + dur, spk, c))
            t += dur + rnd.uniform(0.05, 0.6)
        t += rnd.uniform(0.3, 1.8)
    return cues


def write_doc(doc_id, cfg, turns):
    lab = {"I": cfg["labels"][0], "R": cfg["labels"][1]}
    fmt = cfg["fmt"]
    path = TR / f"{doc_id}.{EXT[fmt]}"
    if fmt == "docx":
        import docx  # python-docx
        d = docx.Document()
        if cfg["header"]:
            d.add_heading(cfg["header"][0], level=1)
            for h in cfg["header"][1:]:
                d.add_paragraph(h)
        for spk, text, _, _ in turns:
            para = d.add_paragraph()
            para.add_run(lab[spk] + ":").bold = True
            para.add_run(" " + text)
        d.save(path)
    elif fmt == "srt":
        cues = timed_cues(turns, doc_id)
        out = []
        for n, (a, b, spk, c) in enumerate(cues, 1):
            out.append(f"{n}\n{ts(a, ',')} --> {ts(b, ',')}\n{lab[spk]}: {c}\n")
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "vtt":
        cues = timed_cues(turns, doc_id)
        out = ["WEBVTT", ""]
        for h in cfg["header"]:
            out += [h, ""]
        for a, b, spk, c in cues:
            out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab[spk]}>{c}", ""]
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt in ("txt", "txt_ts"):
        rnd = random.Random(doc_id)
        t = rnd.uniform(2, 9)
        lines = list(cfg["header"])
        for spk, text, _, _ in turns:
            if fmt == "txt_ts":
                stamp = ts(t, ",")[:8]
                lines.append(f"[{stamp}] {lab[spk]}: {text}")
                t += len(text.split()) / rnd.uniform(2.2, 2.8) + rnd.uniform(0.5, 3.0)
            else:
                lines.append(f"{lab[spk]}: {text}")
            lines.append("")
        data = "\r\n".join(lines) if cfg["encoding"] == "cp1252" else "\n".join(lines)
        path.write_bytes(data.encode(cfg["encoding"]))
    return path


def main():
    TR.mkdir(exist_ok=True)
    orient_rows, id_rows, stats = [], [], {}
    for doc_id, cfg in DOCS.items():
        turns = parse_source(HERE / f"{doc_id}.txt")
        path = write_doc(doc_id, cfg, turns)
        seen = set()
        for i, (spk, text, orient, ids) in enumerate(turns, 1):
            if orient:
                orient_rows.append((doc_id, i, orient))
            for ident in ids:
                if ident not in seen:
                    seen.add(ident)
                    id_rows.append((doc_id,) + ident)
        for ident in cfg["extra_ids"]:
            if ident not in seen:
                seen.add(ident)
                id_rows.append((doc_id,) + ident)
        words = sum(len(t[1].split()) for t in turns)
        rwords = sum(len(t[1].split()) for t in turns if t[0] == "R")
        n_r = sum(1 for t in turns if t[0] == "R")
        oc = sum(1 for t in turns if t[2] == "casus")
        on = sum(1 for t in turns if t[2] == "netwerk")
        stats[doc_id] = (path.name, words, rwords, n_r, oc, on)
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for k, (s, r) in STYLES.items():
            w.writerow([k, s, r])
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   file        words  resp_words  resp_turns  casus  netwerk")
    for k, (fn, wd, rw, nr, oc, on) in stats.items():
        print(f"{k}  {fn:10s}  {wd:5d}  {rw:10d}  {nr:10d}  {oc:5d}  {on:7d}")


if __name__ == "__main__":
    main()
