#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set 'na' from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/naXX.txt): one paragraph per turn, paragraphs separated by a blank line.
  H: header line            (transcript header / NOTE; not a turn)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# Per document: delivery format and speaker labels (interviewer, respondent).
DOCS = {
    "na01": dict(fmt="docx", bold=True, labels=("Interviewer", "Respondent")),
    "na02": dict(fmt="txt", enc="cp1252", nl="\r\n", labels=("I", "R")),
    "na03": dict(fmt="vtt", labels=("Interviewer", "Mirjam Dassen")),
    "na04": dict(fmt="srt", nl="\r\n", labels=("Interviewer", "Rob")),
    "na05": dict(fmt="txt_ts", enc="utf-8", nl="\n", labels=("Spreker 1", "Spreker 2")),
    "na06": dict(fmt="docx", bold=False, labels=("Interviewer", "Annelies")),
}
# Speaker labels that are names (identifiers, PERSOON).
LABEL_IDS = {"na03": ["Mirjam Dassen"], "na04": ["Rob"], "na06": ["Annelies"]}

STYLES = {
    "na01": ("casusgericht",
             "Names police, school, boxing trainer and addiction care, but every arrangement is "
             "made for Jaïr's own plan at the kitchen table, her trust work is with him and his "
             "mother, and she explicitly declines the RIEC/gemeente working group."),
    "na02": ("netwerkgericht",
             "Spends much of the interview on Damian, but has met him twice, leaves the daily "
             "contact to the youth worker and invests in school-police agreements, a care route, "
             "RIEC pattern sharing, lawyers' session and escalation."),
    "na03": ("netwerkgericht",
             "Chairs the case table but never holds a case; invests in partner interests, table "
             "rules, information sharing, escalation to the district chief and RIEC pattern "
             "sessions."),
    "na04": ("casusgericht",
             "Lists many partners and six-weekly meetings, but all serve Thijs' plan; his trust "
             "work is with Thijs and his grandmother and he leaves the RIEC working group and "
             "form problems to a colleague."),
    "na05": ("netwerkgericht",
             "Tells a warm story about Naomi but hands the contact to the youth worker and invests "
             "in referral rules, monthly pairing meetings, RIEC signals and school contacts for "
             "all officers."),
    "na06": ("onbepaald",
             "Genuinely mixed: she splits her week between her own caseload (Kay, Joey) where she "
             "is regisseur and building the chain agreement with police, schools and gemeente, "
             "and invests visibly in both."),
}


def strip_ids(body):
    """Return plain text and list of (start, end, text, type)."""
    out, spans, pos = [], [], 0
    n = 0
    for m in ID_RE.finditer(body):
        out.append(body[pos:m.start()])
        n += len(body[pos:m.start()])
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise SystemExit(f"unknown type {typ!r} in {body[:60]!r}")
        spans.append((n, n + len(text), text, typ))
        out.append(text)
        n += len(text)
        pos = m.end()
    out.append(body[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        raise SystemExit(f"unparsed markup in {body[:80]!r}")
    return plain, spans


def parse(doc):
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, body = p[:2], p[2:].strip()
        if "\n" in body:
            raise SystemExit(f"{doc}: paragraph with line break: {body[:60]!r}")
        ori = None
        if kind == "R:":
            m = ORI_RE.search(body)
            if not m:
                raise SystemExit(f"{doc}: respondent paragraph without orientation: {body[:60]!r}")
            ori = m.group(1)
            body = body[:m.start()]
        elif ORI_RE.search(body):
            raise SystemExit(f"{doc}: orientation tag outside respondent turn")
        plain, spans = strip_ids(body)
        if kind == "H:":
            if turns:
                raise SystemExit(f"{doc}: header after first turn")
            header.append((plain, spans))
        elif kind in ("I:", "R:"):
            turns.append(dict(who=kind[0], text=plain, spans=spans, ori=ori))
        else:
            raise SystemExit(f"{doc}: unknown paragraph kind {kind!r}")
    # alternation, interviewer first
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["who"] != want:
            raise SystemExit(f"{doc}: turn {i + 1} is {t['who']}, expected {want}")
    return header, turns


def covered(pos, end, spans):
    return any(s <= pos and end <= e for s, e, _, _ in spans)


def consistency(doc, header, turns, ids):
    """Every occurrence of an identifier string must lie inside some tagged span."""
    problems = []
    for text, spans in [(h, s) for h, s in header] + [(t["text"], t["spans"]) for t in turns]:
        for ident in ids:
            for m in re.finditer(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", text):
                if not covered(m.start(), m.end(), spans):
                    problems.append(f"{doc}: untagged occurrence of {ident!r}: "
                                    f"...{text[max(0, m.start() - 30):m.end() + 30]}...")
    return problems


# ---------- timing helpers ----------
def split_cues(text, spans, max_words=18):
    """Split a turn into cue texts at sentence ends, never inside an identifier."""
    cuts = []
    for m in re.finditer(r"[.?!…]['\")]?(?= )", text):
        p = m.end()
        if not covered(p - 1, p, spans) and not any(s < p < e for s, e, _, _ in spans):
            cuts.append(p)
    sentences, last = [], 0
    for c in cuts:
        sentences.append(text[last:c].strip())
        last = c
    sentences.append(text[last:].strip())
    sentences = [s for s in sentences if s]
    cues, cur = [], ""
    for s in sentences:
        if cur and len((cur + " " + s).split()) > max_words:
            cues.append(cur)
            cur = s
        else:
            cur = (cur + " " + s).strip()
    if cur:
        cues.append(cur)
    return cues


def dur(text):
    return max(1.2, len(text.split()) / 2.6)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------- writers ----------
def write_docx(doc, cfg, header, turns):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h, _ in header:
        d.add_paragraph(h)
    if header:
        d.add_paragraph("")
    for t in turns:
        label = cfg["labels"][0] if t["who"] == "I" else cfg["labels"][1]
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(label + ": " + t["text"])
    d.save(os.path.join(OUT, doc + ".docx"))


def write_txt(doc, cfg, header, turns):
    lines = [h for h, _ in header]
    if header:
        lines.append("")
    for t in turns:
        label = cfg["labels"][0] if t["who"] == "I" else cfg["labels"][1]
        lines.append(f"{label}: {t['text']}")
        lines.append("")
    data = cfg["nl"].join(lines).rstrip() + cfg["nl"]
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode(cfg["enc"]))


def write_txt_ts(doc, cfg, header, turns):
    lines = [h for h, _ in header]
    if header:
        lines.append("")
    clock = 3.0
    for t in turns:
        label = cfg["labels"][0] if t["who"] == "I" else cfg["labels"][1]
        lines.append(f"[{ts(clock, ',')[:8]}] {label}: {t['text']}")
        lines.append("")
        clock += dur(t["text"]) + 1.1
    data = cfg["nl"].join(lines).rstrip() + cfg["nl"]
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode(cfg["enc"]))


def write_vtt(doc, cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(h for h, _ in header)
        out.append("")
    clock = 1.5
    for t in turns:
        label = cfg["labels"][0] if t["who"] == "I" else cfg["labels"][1]
        for cue in split_cues(t["text"], t["spans"]):
            d = dur(cue)
            out.append(f"{ts(clock, '.')} --> {ts(clock + d, '.')}")
            out.append(f"<v {label}>{cue}")
            out.append("")
            clock += d + 0.15
        clock += 0.8
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, cfg, header, turns):
    out, n, clock = [], 1, 0.8
    for t in turns:
        label = cfg["labels"][0] if t["who"] == "I" else cfg["labels"][1]
        for cue in split_cues(t["text"], t["spans"], max_words=14):
            d = dur(cue)
            out += [str(n), f"{ts(clock, ',')} --> {ts(clock + d, ',')}", f"{label}: {cue}", ""]
            n += 1
            clock += d + 0.1
        clock += 0.7
    with open(os.path.join(OUT, doc + ".srt"), "wb") as f:
        f.write(cfg["nl"].join(out).encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "txt_ts": write_txt_ts,
           "vtt": write_vtt, "srt": write_srt}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    id_rows, ori_rows, problems, summary = [], [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse(doc)
        ids = {}
        for _, spans in header:
            for s in spans:
                ids.setdefault(s[2], s[3])
        for t in turns:
            for s in t["spans"]:
                if s[2] in ids and ids[s[2]] != s[3]:
                    problems.append(f"{doc}: {s[2]!r} tagged as {ids[s[2]]} and {s[3]}")
                ids.setdefault(s[2], s[3])
        for lab in LABEL_IDS.get(doc, []):
            ids.setdefault(lab, "PERSOON")
        problems += consistency(doc, header, turns, ids)
        for ident, typ in ids.items():
            id_rows.append((doc, ident, typ))
        for i, t in enumerate(turns, start=1):
            if t["who"] == "R" and t["ori"] in ("casus", "netwerk"):
                ori_rows.append((doc, i, t["ori"]))
        words = sum(len(t["text"].split()) for t in turns)
        rturns = sum(1 for t in turns if t["who"] == "R")
        if not 1500 <= words <= 2600:
            problems.append(f"{doc}: {words} words")
        if not 10 <= rturns <= 45:
            problems.append(f"{doc}: {rturns} respondent turns")
        WRITERS[cfg["fmt"]](doc, cfg, header, turns)
        oris = [t["ori"] for t in turns if t["who"] == "R"]
        summary.append(f"{doc}: {cfg['fmt']:7s} words={words} resp_turns={rturns} ids={len(ids)} "
                       f"casus={oris.count('casus')} netwerk={oris.count('netwerk')} "
                       f"none={oris.count('-')}")
    with open(os.path.join(SET, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(SET, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(SET, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    print("\n".join(summary))
    if problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
