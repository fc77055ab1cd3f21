#!/usr/bin/env python3
"""Build the setHP transcripts and csv files from the annotated sources.

Source format (src/hpNN.txt): one paragraph per turn, separated by blank lines.
  H: header line (one paragraph per header line; dropped for formats without header)
  I: interviewer turn
  R: respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: format and delivery details; labels = (interviewer, respondent);
# label_persons: the labels are names and count as PERSOON identifiers.
DOCS = {
    "hp01": dict(fmt="srt", enc="utf-8", crlf=True,
                 labels=("Lotte Verhagen", "Dennis Oosthoek"), label_persons=True),
    "hp02": dict(fmt="vtt", enc="utf-8", crlf=False,
                 labels=("Inge Bosman", "Marjolein Stam"), label_persons=True),
    "hp03": dict(fmt="txt", style="plain", enc="cp1252", crlf=True,
                 labels=("I", "R"), label_persons=False),
    "hp04": dict(fmt="docx", bold=True,
                 labels=("Interviewer", "Respondent"), label_persons=False),
    "hp05": dict(fmt="txt", style="stamp", enc="utf-8", crlf=False,
                 labels=("Spreker 1", "Spreker 2"), label_persons=False),
    "hp06": dict(fmt="docx", bold=False,
                 labels=("Thijs Vermeulen", "Rob Mulders"), label_persons=True),
}

STYLES = {
    "hp01": ("casusgericht",
             "Invests his own time and trust in the young person himself and uses every partner and "
             "meeting as a means for that one plan, while explicitly declining the structural working group."),
    "hp02": ("onbepaald",
             "Genuinely mixed: she puts comparable effort into her weekly personal contact with one girl "
             "and into building the cross-border agreement and escalation table between Schiedam and Rotterdam-Zuid."),
    "hp03": ("netwerkgericht",
             "Terse former police officer who hands daily contact with the boy to the youth worker and invests "
             "in standing lines with the prosecutor, school management and the housing corporation."),
    "hp04": ("casusgericht",
             "Attends many meetings and names many partners, but every one is a means for Dylan's plan and she "
             "refuses to take the corporation agreements to the level of all young people."),
    "hp05": ("netwerkgericht",
             "Tells a warm story about one young man but leaves his daily contact to others and spends her effort "
             "on agreements, escalation and patterns across cases between GGZ, police and municipalities."),
    "hp06": ("onbepaald",
             "Too little evidence: guarded and procedural, he talks only in generalities about method and protocol "
             "and never shows where his own effort and trust go."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_inline(s):
    """Return plain text and identifier spans [(start, end, type)]."""
    out, spans, pos = [], [], 0
    plain_len = 0
    for m in ID_RE.finditer(s):
        before = s[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} in {s[:60]}")
        spans.append((plain_len, plain_len + len(text), typ))
        out.append(text)
        plain_len += len(text)
        pos = m.end()
    out.append(s[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"broken identifier markup in: {s[:80]}")
    return plain, spans


def parse_source(path):
    raw = path.read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, _, body = p.partition(": ")
        if kind == "H":
            header.append(parse_inline(body))
        elif kind in ("I", "R"):
            ori = None
            if kind == "R":
                m = ORI_RE.search(body)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without orientation: {body[:60]}")
                ori = m.group(1)
                body = body[:m.start()]
            elif ORI_RE.search(body):
                sys.exit(f"{path.name}: orientation on interviewer turn: {body[:60]}")
            text, spans = parse_inline(body)
            turns.append(dict(speaker=kind, text=text, spans=spans, ori=ori))
        else:
            sys.exit(f"{path.name}: bad paragraph start: {p[:40]}")
    for i, t in enumerate(turns):
        if t["speaker"] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return header, turns


def atoms(text, spans):
    """Split text at spaces, never inside an identifier span."""
    protected = set()
    for a, b, _ in spans:
        protected.update(range(a, b))
    res, cur = [], []
    for i, ch in enumerate(text):
        if ch == " " and i not in protected:
            if cur:
                res.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if cur:
        res.append("".join(cur))
    return res


def chunks(text, spans, maxw=13):
    """Cue-sized chunks: break after sentence ends, or at maxw atoms."""
    at = atoms(text, spans)
    res, cur = [], []
    for a in at:
        cur.append(a)
        n = sum(len(x.split()) for x in cur)
        if (re.search(r"[.?!…]\)?$", a) and n >= 5) or n >= maxw:
            res.append(cur)
            cur = []
    if cur:
        if res and sum(len(x.split()) for x in cur) < 3:
            res[-1].extend(cur)
        else:
            res.append(cur)
    return res


def wrap(atomlist, width):
    """One line if it fits, otherwise two lines split near the middle (subtitle style)."""
    full = " ".join(atomlist)
    if len(full) <= width or len(atomlist) < 2:
        return [full]
    best, best_cost = 1, None
    for k in range(1, len(atomlist)):
        l1, l2 = " ".join(atomlist[:k]), " ".join(atomlist[k:])
        cost = abs(len(l1) - len(l2))
        if best_cost is None or cost < best_cost:
            best, best_cost = k, cost
    return [" ".join(atomlist[:best]), " ".join(atomlist[best:])]


def words(s):
    return len(s.split())


def ts(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start=3.2):
    """[(speaker_index, start, end, atomlist)] with a plausible speech rate."""
    t = start
    cues = []
    for i, turn in enumerate(turns):
        for ch in chunks(turn["text"], turn["spans"]):
            n = sum(len(x.split()) for x in ch)
            dur = 0.9 + n * 0.36
            cues.append((i % 2, t, t + dur, ch))
            t += dur + 0.15
        t += 0.7
    return cues


def write_text(path, text, enc, crlf):
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(text.encode(enc))


def build_srt(doc, cfg, header, turns):
    lab = cfg["labels"]
    blocks = []
    for n, (sp, a, b, ch) in enumerate(timed_cues(turns), 1):
        lines = wrap([f"{lab[sp]}:"] + ch, 58)
        blocks.append(f"{n}\n{ts(a)} --> {ts(b)}\n" + "\n".join(lines) + "\n")
    write_text(OUT / f"{doc}.srt", "\n".join(blocks), cfg["enc"], cfg["crlf"])


def build_vtt(doc, cfg, header, turns):
    lab = cfg["labels"]
    parts = ["WEBVTT\n"]
    if header:
        parts.append("NOTE\n" + "\n".join(h for h, _ in header) + "\n")
    for sp, a, b, ch in timed_cues(turns, start=1.8):
        lines = wrap(ch, 60)
        lines[0] = f"<v {lab[sp]}>" + lines[0]
        parts.append(f"{ts(a, '.')} --> {ts(b, '.')}\n" + "\n".join(lines) + "\n")
    write_text(OUT / f"{doc}.vtt", "\n".join(parts), cfg["enc"], cfg["crlf"])


def build_txt(doc, cfg, header, turns):
    lab = cfg["labels"]
    lines = [h for h, _ in header]
    if lines:
        lines.append("")
    if cfg["style"] == "plain":
        for i, t in enumerate(turns):
            lines.append(f"{lab[i % 2]}: {t['text']}")
            lines.append("")
    else:  # stamp
        t0 = 4.0
        for i, t in enumerate(turns):
            s = int(t0)
            stamp = f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}]"
            lines.append(f"{stamp} {lab[i % 2]}: {t['text']}")
            lines.append("")
            t0 += 1.5 + words(t["text"]) * 0.37
    write_text(OUT / f"{doc}.txt", "\n".join(lines).rstrip("\n") + "\n", cfg["enc"], cfg["crlf"])


def build_docx(doc, cfg, header, turns):
    lab = cfg["labels"]
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h, _ in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph("")
    for i, t in enumerate(turns):
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(f"{lab[i % 2]}:")
            r.bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(f"{lab[i % 2]}: {t['text']}")
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.save(OUT / f"{doc}.docx")


BUILDERS = dict(srt=build_srt, vtt=build_vtt, txt=build_txt, docx=build_docx)


def lint(doc, header, turns, idents):
    """Warn when an identifier string also occurs unannotated in the same document."""
    items = [(h, s) for h, s in header] + [(t["text"], t["spans"]) for t in turns]
    for ident in idents:
        pat = re.compile(r"(?<![\w])" + re.escape(ident) + r"(?![\w])")
        for text, spans in items:
            for m in pat.finditer(text):
                if not any(a <= m.start() and m.end() <= b for a, b, _ in spans):
                    print(f"  lint {doc}: unannotated '{ident}' in: ...{text[max(0, m.start() - 30):m.end() + 30]}...")


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    id_rows, ori_rows, stats = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_source(HERE / f"{doc}.txt")
        if cfg["fmt"] == "srt" and header:
            sys.exit(f"{doc}: srt has no header")
        BUILDERS[cfg["fmt"]](doc, cfg, header, turns)
        seen = {}
        if cfg["label_persons"]:
            for lab in cfg["labels"]:
                seen.setdefault(lab, "PERSOON")
        for text, spans in header + [(t["text"], t["spans"]) for t in turns]:
            for a, b, typ in spans:
                s = text[a:b]
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc}: '{s}' typed {seen[s]} and {typ}")
                seen.setdefault(s, typ)
        lint(doc, header, turns, [s for s in seen if s not in cfg["labels"]])
        for s, typ in seen.items():
            id_rows.append((doc, s, typ))
        for i, t in enumerate(turns, 1):
            if t["speaker"] == "R" and t["ori"] in ("casus", "netwerk"):
                ori_rows.append((doc, i, t["ori"]))
        w = sum(words(t["text"]) for t in turns)
        rt = sum(1 for t in turns if t["speaker"] == "R")
        rw = sum(words(t["text"]) for t in turns if t["speaker"] == "R")
        oc = {k: sum(1 for t in turns if t["ori"] == k) for k in ("casus", "netwerk", "-")}
        stats.append((doc, cfg["fmt"], w, rt, rw, len(seen), oc))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "identifier", "type"])
        wr.writerows(id_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "turn_index", "orientation"])
        wr.writerows(sorted(ori_rows))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            wr.writerow([doc, *STYLES[doc]])
    for doc, fmt, w, rt, rw, ni, oc in stats:
        print(f"{doc} {fmt:5s} words={w} resp_turns={rt} resp_words={rw} "
              f"avg_resp={rw / rt:.0f} ids={ni} ori={oc}")


if __name__ == "__main__":
    main()
