#!/usr/bin/env python3
"""Build the setLE transcripts and csv files from the annotated sources in this folder.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx outputs)

Source format (src/leNN.txt): one paragraph per turn, separated by blank lines,
  H: header line   I: interviewer turn   R: respondent turn (ends in {casus}, {netwerk} or {-})
identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "le01": dict(fmt="docx", bold=True, labels={"I": "Lotte Vermeer", "R": "Willemien Dekker"},
                 label_persons=True, style="netwerkgericht",
                 rationale="Vertelt warm en uitvoerig over één gezin, maar laat het dagelijkse contact bewust aan wijkteam en Eleos en steekt haar eigen tijd en vertrouwen in afspraken tussen kerkenraden, wijkteam, scholen en Veilig Thuis Flevoland."),
    "le02": dict(fmt="txt_ir", encoding="cp1252", newline="\r\n", labels={"I": "I", "R": "R"},
                 label_persons=False, style="casusgericht",
                 rationale="Noemt veel partners (Veilig Thuis, stichting, GGZ, boekhouder, school), maar zet ze allemaal in voor het plan van dit ene boerengezin en weigert zelf de regionale werkgroep en convenanten."),
    "le03": dict(fmt="vtt", labels={"I": "Femke Jansen", "R": "Marco Tuinstra"},
                 label_persons=True, style="onbepaald",
                 rationale="Onbepaald, gemengd (genuinely mixed): de wijkagent investeert naar eigen zeggen half om half in het vertrouwen van een gezin en in afspraken tussen politie, Veilig Thuis en gemeente, en zegt dat ook openlijk."),
    "le04": dict(fmt="srt", newline="\r\n", labels={"I": "Interviewer", "R": "Bert"},
                 label_persons=True, style="casusgericht",
                 rationale="Investeert al zijn tijd en vertrouwen in de relatie met één pleger en regelt uitzonderingen per geval; ketenoverleggen en werkgroepen laat hij uitdrukkelijk aan zijn teamleider."),
    "le05": dict(fmt="txt_ts", encoding="utf-8", newline="\n", labels={"I": "Spreker 1", "R": "Spreker 2"},
                 label_persons=False, style="netwerkgericht",
                 rationale="Vertelt gedetailleerd over een boerengezin, maar laat casusregie en contact bij anderen en besteedt haar inzet aan werkafspraken tussen Dimence en Tactus, opschaling, signaleerders en de provinciegrens."),
    "le06": dict(fmt="docx", bold=False, labels={"I": "Interviewer", "R": "Lianne"},
                 label_persons=True, style="casusgericht",
                 rationale="Bouwt een persoonlijke vertrouwensband met één moeder en haalt veel partners erbij als middel voor haar plan, maar wijst de structurele kerk-en-zorgtafel zelf af."),
}

ANN = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n(?=[HIR]: )", raw) if p.strip()]
    header, turns, idents = [], [], []
    for p in paras:
        kind, _, body = p.partition(": ")
        if kind not in ("H", "I", "R"):
            raise SystemExit(f"{path}: bad paragraph start: {p[:40]!r}")
        body = " ".join(body.split())
        ori = None
        if kind == "R":
            m = ORI.search(body)
            if not m:
                raise SystemExit(f"{path}: respondent paragraph without orientation tag: {body[:60]!r}")
            ori = m.group(1)
            body = body[: m.start()]
        elif ORI.search(body):
            raise SystemExit(f"{path}: orientation tag outside respondent paragraph")
        for m in ANN.finditer(body):
            text, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                raise SystemExit(f"{path}: unknown type {typ}")
            if (text, typ) not in idents:
                idents.append((text, typ))
        plain = ANN.sub(lambda m: m.group(1), body)
        if "[[" in plain or "]]" in plain:
            raise SystemExit(f"{path}: malformed annotation in {plain[:60]!r}")
        if kind == "H":
            header.append(plain)
        else:
            turns.append((kind, plain, ori))
    return header, turns, idents


SENT = re.compile(r"(?<=[.?!])\s+(?=[\"'(A-ZÀ-Ý0-9])")


def chunks(text, maxwords=32):
    sents = SENT.split(text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxwords:
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


def timed_cues(turns, labels):
    """Yield (start, end, label, text) cues; long turns span several cues."""
    t = 2.4
    for n, (kind, text, _) in enumerate(turns):
        for c in chunks(text):
            dur = len(c.split()) / 2.3 + 0.5
            yield t, t + dur, labels[kind], c
            t += dur + 0.6
        t += 1.2 + (n * 7 % 5) * 0.45


def write_docx(path, header, turns, labels, bold):
    import docx
    d = docx.Document()
    for h in header:
        d.add_paragraph(h)
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(labels[kind] + ":")
        r.bold = bool(bold)
        p.add_run(" " + text)
    d.save(path)


def write_text(path, lines, encoding, newline):
    data = newline.join(lines) + newline
    with open(path, "wb") as f:
        f.write(data.encode(encoding))


def build_doc(doc_id, cfg):
    header, turns, idents = parse_src(os.path.join(HERE, doc_id + ".txt"))
    labels = cfg["labels"]
    kinds = [k for k, _, _ in turns]
    for i, k in enumerate(kinds):
        if k != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    if cfg.get("label_persons"):
        for k in ("I", "R"):
            name = labels[k]
            if name not in ("Interviewer", "Respondent") and (name, "PERSOON") not in idents:
                idents.append((name, "PERSOON"))
    fmt = cfg["fmt"]
    if fmt == "docx":
        path = os.path.join(OUT, doc_id + ".docx")
        write_docx(path, header, turns, labels, cfg["bold"])
    elif fmt == "txt_ir":
        path = os.path.join(OUT, doc_id + ".txt")
        lines = list(header) + [""]
        for kind, text, _ in turns:
            lines += [f"{labels[kind]}: {text}", ""]
        write_text(path, lines[:-1], cfg["encoding"], cfg["newline"])
    elif fmt == "txt_ts":
        path = os.path.join(OUT, doc_id + ".txt")
        lines = list(header) + [""]
        t = 41.0
        for n, (kind, text, _) in enumerate(turns):
            lines += [f"[{ts(t, ',')[:8]}] {labels[kind]}: {text}", ""]
            t += len(text.split()) / 2.2 + 2.0 + (n * 7 % 5) * 0.8
        write_text(path, lines[:-1], cfg["encoding"], cfg["newline"])
    elif fmt == "vtt":
        path = os.path.join(OUT, doc_id + ".vtt")
        lines = ["WEBVTT", "", "NOTE"] + list(header) + [""]
        for a, b, lab, c in timed_cues(turns, labels):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}", ""]
        write_text(path, lines[:-1], "utf-8", "\n")
    elif fmt == "srt":
        path = os.path.join(OUT, doc_id + ".srt")
        lines = []
        for n, (a, b, lab, c) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
        if header:
            raise SystemExit("srt has no header")
        write_text(path, lines[:-1], "utf-8", cfg["newline"])
    else:
        raise SystemExit("unknown format " + fmt)
    ori = [(i + 1, o) for i, (k, _, o) in enumerate(turns) if k == "R" and o in ("casus", "netwerk")]
    words = sum(len([w for w in t.split() if re.search(r"\w", w)]) for _, t, _ in turns)
    nresp = kinds.count("R")
    return dict(path=path, idents=idents, ori=ori, words=words, nresp=nresp,
                counts={o: sum(1 for _, x in ori if x == o) for o in ("casus", "netwerk")})


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    results = {d: build_doc(d, c) for d, c in DOCS.items()}
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d, c in DOCS.items():
            w.writerow([d, c["style"], c["rationale"]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for d in DOCS:
            for i, o in results[d]["ori"]:
                w.writerow([d, i, o])
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for d in DOCS:
            seen = set()
            for text, typ in results[d]["idents"]:
                if text in seen:
                    raise SystemExit(f"{d}: identifier {text!r} with two types")
                seen.add(text)
                w.writerow([d, text, typ])
    for d, r in results.items():
        print(f"{d}: {os.path.basename(r['path'])} words={r['words']} resp_turns={r['nresp']} "
              f"idents={len(r['idents'])} casus={r['counts']['casus']} netwerk={r['counts']['netwerk']}")


if __name__ == "__main__":
    main()
