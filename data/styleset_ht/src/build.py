#!/usr/bin/env python3
"""Build the setHT transcripts and csv files from the annotated sources in src/.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt): one paragraph per turn, paragraphs separated by a blank line.
  H: header line            (zero or more, before the first turn)
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
BASE = os.path.dirname(HERE)
OUT = os.path.join(BASE, "transcripts")

DOCS = {
    "ht01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Respondent", label_ids=[]),
    "ht02": dict(fmt="txt_cp1252", ilabel="I", rlabel="R", label_ids=[]),
    "ht03": dict(fmt="vtt", ilabel="Lotte van Dijk", rlabel="Ingrid Salomons",
                 label_ids=["Lotte van Dijk", "Ingrid Salomons"]),
    "ht04": dict(fmt="srt", ilabel="Tom", rlabel="Marieke", label_ids=["Tom", "Marieke"]),
    "ht05": dict(fmt="txt_spreker", ilabel="Spreker 1", rlabel="Spreker 2", label_ids=[]),
    "ht06": dict(fmt="docx_plain", ilabel="Eva", rlabel="Hanneke", label_ids=["Eva", "Hanneke"]),
}

STYLES = {
    "ht01": ("netwerkgericht",
             "Former Transvaal community officer who tells a warm story about one client but hands all "
             "daily contact to the outreach worker and spends his own effort on a cross-organisation "
             "agreement, signed working arrangements, pattern analysis and relations with team leaders."),
    "ht02": ("casusgericht",
             "Terse former probation officer whose effort goes into weekly visits and trust with one man "
             "and into bargaining each partner's contribution to that man's plan, while he explicitly "
             "declines the working group on the acute route."),
    "ht03": ("onbepaald",
             "Too little evidence: a guarded municipal coordinator who only recites the procedure, refuses "
             "examples and never shows where her own effort or trust goes."),
    "ht04": ("casusgericht",
             "Warm community psychiatric nurse who names many partners and meetings but uses every one of "
             "them as a lever for one young woman's plan, and leaves the municipal working group to her "
             "manager."),
    "ht05": ("netwerkgericht",
             "Angry former housing officer who tells a warm story about an elderly hoarder but hands the "
             "contact to a district-team worker and invests in a mandated escalation table, weekend "
             "back-up agreements and personal relations with managers."),
    "ht06": ("onbepaald",
             "Genuinely mixed: a former Veilig Thuis professional who invests about equally in close "
             "personal contact with one young man and in chairing a regional working group that built a "
             "time-out bed agreement."),
}

ID_TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
            "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
PROTECT = "\x01"


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        if "\n" in p:
            raise SystemExit(f"{doc_id}: paragraph spans several lines: {p[:60]!r}")
        kind, _, text = p.partition(": ")
        if kind == "H":
            if turns:
                raise SystemExit(f"{doc_id}: header after first turn")
            header.append(text)
        elif kind in ("I", "R"):
            ori = None
            if kind == "R":
                m = ORI_RE.search(text)
                if not m:
                    raise SystemExit(f"{doc_id}: respondent paragraph without orientation: {text[:60]!r}")
                ori = m.group(1)
                text = text[:m.start()]
            elif ORI_RE.search(text):
                raise SystemExit(f"{doc_id}: orientation on interviewer turn")
            turns.append((kind, text, ori))
        else:
            raise SystemExit(f"{doc_id}: bad paragraph kind {kind!r}")
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns


def ids_in(text):
    out = []
    for m in ID_RE.finditer(text):
        if m.group(2) not in ID_TYPES:
            raise SystemExit(f"bad identifier type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def clean(text):
    return ID_RE.sub(lambda m: m.group(1), text)


def protected(text):
    """Plain text with spaces inside identifiers replaced, so cue splitting never cuts them."""
    return ID_RE.sub(lambda m: m.group(1).replace(" ", PROTECT), text)


def unprotect(s):
    return s.replace(PROTECT, " ")


def n_words(text):
    return sum(1 for w in text.split() if re.search(r"\w", w))


def chunk(text, max_words=15):
    """Split a protected turn text into cue-sized chunks, preferring sentence boundaries."""
    sentences = re.split(r"(?<=[.?!])\s+", text.strip())
    pieces = []
    for s in sentences:
        words = s.split(" ")
        while len(words) > max_words:
            # prefer a comma break in the first max_words words
            cut = None
            for k in range(max_words - 1, 4, -1):
                if words[k - 1].endswith(","):
                    cut = k
                    break
            cut = cut or max_words
            pieces.append(words[:cut])
            words = words[cut:]
        pieces.append(words)
    cues, cur = [], []
    for p in pieces:
        if cur and len(cur) + len(p) > max_words:
            cues.append(cur)
            cur = []
        cur = cur + p
    if cur:
        cues.append(cur)
    return [" ".join(c) for c in cues]


def wrap2(s, width=42):
    if len(s) <= width:
        return [s]
    mid = len(s) // 2
    spaces = [i for i, ch in enumerate(s) if ch == " "]
    if not spaces:
        return [s]
    i = min(spaces, key=lambda x: abs(x - mid))
    return [s[:i], s[i + 1:]]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_stream(turns, cfg):
    """Yield (speaker_label, cue_text, start, end) with plausible timings."""
    t = 1.2
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for c in chunk(protected(text)):
            dur = max(1.4, n_words(c) / 2.6)
            yield label, c, t, t + dur
            t += dur + 0.25
        t += 0.9


def build_docx(doc_id, header, turns, cfg, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(clean(h))
        r.italic = True
    d.add_paragraph()
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + clean(text))
        else:
            p.add_run(f"{label}: {clean(text)}")
    d.save(os.path.join(OUT, doc_id + ".docx"))


def build_txt_cp1252(doc_id, header, turns, cfg):
    lines = [clean(h) for h in header] + [""]
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        lines.append(f"{label}: {clean(text)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(data)


def build_txt_spreker(doc_id, header, turns, cfg):
    lines = [clean(h) for h in header] + [""]
    t = 2.0
    for kind, text, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        c = clean(text)
        s = int(t)
        lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {label}: {c}")
        lines.append("")
        t += n_words(c) / 2.5 + 1.5
    with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_vtt(doc_id, header, turns, cfg):
    out = ["WEBVTT", "", "NOTE"] + [clean(h) for h in header] + [""]
    for label, c, a, b in cue_stream(turns, cfg):
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {label}>{unprotect(c)}</v>")
        out.append("")
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def build_srt(doc_id, header, turns, cfg):
    if header:
        raise SystemExit(f"{doc_id}: srt has no header")
    out = []
    for n, (label, c, a, b) in enumerate(cue_stream(turns, cfg), 1):
        out.append(str(n))
        out.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        out.extend(unprotect(x) for x in wrap2(f"{label}: {c}"))
        out.append("")
    with open(os.path.join(OUT, doc_id + ".srt"), "wb") as f:
        f.write(("\r\n".join(out) + "\r\n").encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    id_rows, ori_rows, stats = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            build_docx(doc_id, header, turns, cfg, bold=True)
        elif fmt == "docx_plain":
            build_docx(doc_id, header, turns, cfg, bold=False)
        elif fmt == "txt_cp1252":
            build_txt_cp1252(doc_id, header, turns, cfg)
        elif fmt == "txt_spreker":
            build_txt_spreker(doc_id, header, turns, cfg)
        elif fmt == "vtt":
            build_vtt(doc_id, header, turns, cfg)
        elif fmt == "srt":
            build_srt(doc_id, header, turns, cfg)
        seen = set()
        found = []
        for h in header:
            found += ids_in(h)
        found += [(x, "PERSOON") for x in cfg["label_ids"]]
        for _, text, _ in turns:
            found += ids_in(text)
        types = {}
        for ident, typ in found:
            if ident in types and types[ident] != typ:
                raise SystemExit(f"{doc_id}: {ident!r} has two types")
            types[ident] = typ
            if ident not in seen:
                seen.add(ident)
                id_rows.append((doc_id, ident, typ))
        for i, (kind, text, ori) in enumerate(turns, 1):
            if kind == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, ori))
        words = sum(n_words(clean(t)) for _, t, _ in turns)
        rturns = sum(1 for k, _, _ in turns if k == "R")
        stats.append((doc_id, fmt, words, rturns, len(seen),
                      sum(1 for r in ori_rows if r[0] == doc_id and r[2] == "casus"),
                      sum(1 for r in ori_rows if r[0] == doc_id and r[2] == "netwerk")))
    with open(os.path.join(BASE, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(BASE, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(BASE, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    print("doc   format        words  R-turns  ids  casus  netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<12} {s[2]:>6} {s[3]:>8} {s[4]:>4} {s[5]:>6} {s[6]:>8}")


if __name__ == "__main__":
    sys.exit(main())
