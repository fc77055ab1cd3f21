#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set IT from the annotated sources.

Run with:  /work/main/.venv/bin/python src/build.py   (python-docx is needed for the .docx files)

Source format (src/itNN.txt): one paragraph per line, blank lines between them.
  H: <header line>        (metadata, not a turn)
  I: <interviewer turn>
  R: <respondent turn> {casus|netwerk|-}
Identifiers inline as [[text|TYPE]]. Speaker labels are defined in META below and may also
carry [[...|PERSOON]] annotations.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

META = {
    "it01": dict(fmt="docx", bold=True, ilabel="Interviewer", rlabel="[[Esther Verhulst|PERSOON]]",
                 style="casusgericht",
                 rationale="Invests her effort and trust in one girl's plan: her detailed knowledge of every "
                           "partner's procedure (ZSM, Raad, leerplicht, OTS, corporatie, GGZ) is used only to time "
                           "and shape that plan, and she explicitly declines the structural working group."),
    "it02": dict(fmt="vtt", ilabel="[[Sanne de Groot|PERSOON]]", rlabel="[[Ricardo Pinas|PERSOON]]",
                 style="casusgericht",
                 rationale="Builds trust with the boy and his mother himself and brings each partner to the boy "
                           "one by one; the JPA-tafel is only used for his own list and he turns down the "
                           "sports-provider agreement."),
    "it03": dict(fmt="txt", encoding="cp1252", newline="\r\n", ilabel="I", rlabel="R",
                 style="netwerkgericht",
                 rationale="Despite a warm story about one boy he hands daily contact to the youth worker and "
                           "guardian and invests in agreements with fourteen schools, a warm-handover arrangement, "
                           "monthly lunches with the JB team leader and escalation of a privacy pattern."),
    "it04": dict(fmt="srt", newline="\r\n", ilabel="Interviewer", rlabel="[[Yusuf|PERSOON]]",
                 style="netwerkgericht",
                 rationale="Former youth worker who saw his client three times and puts his time into team "
                           "leaders, the group-level plan, a district-wide consent form, the JPA-tafel's list of "
                           "agreements and escalation between GGZ and addiction care."),
    "it05": dict(fmt="txt", encoding="utf-8", newline="\n", timestamps=True,
                 ilabel="Spreker 1", rlabel="Spreker 2",
                 style="onbepaald",
                 rationale="Genuinely mixed: she drives a young man to a garage and walks a boy to school, and "
                           "equally builds an mbo intake agreement and a sibling signal at the thuiszitterstafel, "
                           "saying herself that she moves back and forth."),
    "it06": dict(fmt="docx", bold=False, ilabel="I", rlabel="R",
                 style="onbepaald",
                 rationale="Too little evidence: guarded and procedural, he describes the AcVZ method, refuses "
                           "case detail and never shows whether his own effort goes to young people or to partners."),
}

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")


def strip(text, idents):
    """Remove annotations; collect (string, type)."""
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"unknown type {t} for {s}")
        idents.append((s, t))
        return s
    return ANN.sub(rep, text)


def tagged_spans(text):
    """Plain text plus list of (start, end) of tagged regions."""
    out, spans, pos = [], [], 0
    n = 0
    for m in ANN.finditer(text):
        out.append(text[pos:m.start()])
        n += len(text[pos:m.start()])
        spans.append((n, n + len(m.group(1))))
        out.append(m.group(1))
        n += len(m.group(1))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    header, turns = [], []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            tag, _, body = line.partition(": ")
            if tag == "H":
                header.append(body)
            elif tag in ("I", "R"):
                ori = None
                if tag == "R":
                    m = ORI.search(body)
                    if not m:
                        sys.exit(f"{doc}:{ln}: respondent paragraph without orientation")
                    ori = m.group(1)
                    body = body[:m.start()]
                elif ORI.search(body):
                    sys.exit(f"{doc}:{ln}: interviewer paragraph with orientation")
                if turns and turns[-1][0] == tag:
                    sys.exit(f"{doc}:{ln}: turns do not alternate")
                if not turns and tag != "I":
                    sys.exit(f"{doc}:{ln}: first turn is not the interviewer")
                turns.append((tag, body, ori))
            else:
                sys.exit(f"{doc}:{ln}: unknown paragraph tag {tag!r}")
    return header, turns


def sentences(text):
    parts = re.split(r"(?<=[.?!…])\s+(?=[A-Z\"(ÀÉÈ])", text)
    return [p for p in parts if p]


def chunks(text, maxw=22):
    """Split a turn into cue-sized pieces at sentence (or comma) boundaries."""
    pieces = []
    for s in sentences(text):
        if len(s.split()) > maxw + 8:
            sub = re.split(r"(?<=,)\s+", s)
            cur = ""
            for p in sub:
                if cur and len((cur + " " + p).split()) > maxw:
                    pieces.append(cur)
                    cur = p
                else:
                    cur = (cur + " " + p).strip()
            if cur:
                pieces.append(cur)
        else:
            pieces.append(s)
    cues, cur = [], ""
    for p in pieces:
        if cur and len((cur + " " + p).split()) > maxw:
            cues.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        cues.append(cur)
    return cues


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(turns, start=2.4):
    """Yield (speaker, cuetext, t0, t1) with a plausible speaking rate."""
    t = start
    for k, (spk, text) in enumerate(turns):
        for c in chunks(text):
            d = max(1.2, len(c.split()) / 2.45)
            yield spk, c, t, t + d, k
            t += d + 0.15
        t += 0.6 + (k % 3) * 0.35


def build(doc):
    meta = META[doc]
    header_ann, turns_ann = parse(doc)
    idents = []
    ilabel = strip(meta["ilabel"], idents)
    rlabel = strip(meta["rlabel"], idents)
    header = [strip(h, idents) for h in header_ann]
    turns = [(spk, strip(body, idents), ori) for spk, body, ori in turns_ann]
    lab = {"I": ilabel, "R": rlabel}

    # consistency: every occurrence of a tagged string must be inside a tagged region
    full_ann = "\n".join(header_ann + [meta["ilabel"], meta["rlabel"]] + [b for _, b, _ in turns_ann])
    plain, spans = tagged_spans(full_ann)
    problems = []
    for s in sorted({s for s, _ in idents}):
        for m in re.finditer(r"(?<![\w@.-])" + re.escape(s) + r"(?![\w@-])", plain):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                ctx = plain[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
                problems.append(f"{doc}: untagged occurrence of {s!r}: ...{ctx}...")
    types = {}
    for s, t in idents:
        if types.setdefault(s, t) != t:
            problems.append(f"{doc}: {s!r} tagged as {types[s]} and {t}")

    fmt = meta["fmt"]
    path = os.path.join(OUT, f"{doc}.{fmt}")
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in header:
            d.add_paragraph(h)
        if header:
            d.add_paragraph("")
        for spk, text, _ in turns:
            p = d.add_paragraph()
            if meta["bold"]:
                r = p.add_run(lab[spk] + ":")
                r.bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{lab[spk]}: {text}")
        d.save(path)
    elif fmt == "txt":
        nl = meta["newline"]
        lines = list(header)
        if header:
            lines.append("")
        if meta.get("timestamps"):
            t = 3.0
            for k, (spk, text, _) in enumerate(turns):
                hh, rem = divmod(int(t), 3600)
                mm, ss = divmod(rem, 60)
                lines.append(f"[{hh:02d}:{mm:02d}:{ss:02d}] {lab[spk]}: {text}")
                lines.append("")
                t += len(text.split()) / 2.4 + 1.0 + (k % 4) * 0.5
        else:
            for spk, text, _ in turns:
                lines.append(f"{lab[spk]}: {text}")
                lines.append("")
        data = nl.join(lines).rstrip() + nl
        with open(path, "wb") as f:
            f.write(data.encode(meta["encoding"]))
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out.append("NOTE")
            out.extend(header)
            out.append("")
        for spk, c, t0, t1, _ in timed([(s, x) for s, x, _ in turns]):
            out.append(f"{ts(t0)} --> {ts(t1)}")
            out.append(f"<v {lab[spk]}>{c}</v>")
            out.append("")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
    elif fmt == "srt":
        nl = meta["newline"]
        if header:
            sys.exit("srt has no header")
        out = []
        for n, (spk, c, t0, t1, _) in enumerate(timed([(s, x) for s, x, _ in turns], start=1.1), 1):
            out += [str(n), f"{ts(t0, ',')} --> {ts(t1, ',')}", f"{lab[spk]}: {c}", ""]
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(nl.join(out))
    else:
        sys.exit("unknown format")

    words = sum(len(WORD.findall(t)) for _, t, _ in turns)
    rturns = sum(1 for s, _, _ in turns if s == "R")
    ori = [(doc, i, o) for i, (s, _, o) in enumerate(turns, 1) if s == "R" and o in ("casus", "netwerk")]
    seen, idrows = set(), []
    for s, t in idents:
        if s not in seen:
            seen.add(s)
            idrows.append((doc, s, t))
    return dict(words=words, rturns=rturns, turns=len(turns), ori=ori, ids=idrows,
                problems=problems, fmt=fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    allori, allids, problems = [], [], []
    for doc in sorted(META):
        r = build(doc)
        allori += r["ori"]
        allids += r["ids"]
        problems += r["problems"]
        counts = {o: sum(1 for x in r["ori"] if x[2] == o) for o in ("casus", "netwerk")}
        print(f"{doc}: {r['fmt']:4s} words={r['words']} turns={r['turns']} resp_turns={r['rturns']} "
              f"ids={len(r['ids'])} casus={counts['casus']} netwerk={counts['netwerk']} style={META[doc]['style']}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in sorted(META):
            w.writerow([doc, META[doc]["style"], META[doc]["rationale"]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(allori, key=lambda x: (x[0], x[1])):
            w.writerow(row)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in allids:
            w.writerow(row)
    for p in problems:
        print("WARNING", p)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
