#!/usr/bin/env python3
"""Build the six transcripts of set KQ and the three csv files from the annotated sources.

Source format (src/<doc_id>.txt): paragraphs separated by a blank line, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are marked
inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
SET = HERE.parent
OUT = SET / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# per document: format and speaker labels (interviewer, respondent)
DOCS = {
    "kq01": dict(fmt="docx", labels=("Interviewer", "Respondent"), bold=True, names=False),
    "kq02": dict(fmt="vtt", labels=("Lotte van Wijk", "Marco Doornbos"), names=True),
    "kq03": dict(fmt="txt", labels=("I", "R"), enc="cp1252", nl="\r\n", names=False, stamps=False),
    "kq04": dict(fmt="srt", labels=("Joost", "Yasmina"), nl="\r\n", names=True),
    "kq05": dict(fmt="txt", labels=("Spreker 1", "Spreker 2"), enc="utf-8", nl="\n", names=False,
                 stamps=True),
    "kq06": dict(fmt="docx", labels=("Nadia", "Bert"), bold=False, names=True),
}

STYLES = {
    "kq01": ("casusgericht", "Invests her own time and trust in the young man and his family; partners and "
             "meetings are called in for his plan, and she declines the structural working group."),
    "kq02": ("netwerkgericht", "Despite a warm client story he hands daily contact to others and invests in a "
             "standing partner table, written agreements, an escalation via the stuurgroep and patterns across cases."),
    "kq03": ("onbepaald", "Too little evidence: the interview is mostly small talk and interruptions and the "
             "respondent stays with generalities, never showing where her effort went."),
    "kq04": ("casusgericht", "Names many partners, an expertmeeting and even the stuurgroep, but each as a means "
             "for one client's plan; she declines the structural working group and network events."),
    "kq05": ("netwerkgericht", "Terse ex-GGZ regisseur turned manager who leaves client contact to the "
             "begeleider and invests in inter-organisational agreements, escalation ladders and cross-case counts."),
    "kq06": ("onbepaald", "Too little evidence: the guarded respondent only recites the formal procedure and "
             "declines every question about his own cases, trust or effort."),
}


def parse_src(path):
    text = path.read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        tag, body = p[:2], p[3:]
        if tag == "H:":
            if turns:
                sys.exit(f"{path.name}: header after turns")
            header.append(body)
        elif tag in ("I:", "R:"):
            orient = None
            if tag == "R:":
                m = ORIENT.search(body)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[:m.start()]
            elif ORIENT.search(body):
                sys.exit(f"{path.name}: interviewer paragraph with orientation")
            turns.append((tag[0], body, orient))
        else:
            sys.exit(f"{path.name}: bad paragraph start: {p[:40]}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return header, turns


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def marks(s):
    out = []
    for m in MARK.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"bad type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def spans(s):
    """plain text and the list of (start, end) of identifiers in it"""
    res, sp, pos = [], [], 0
    out_len = 0
    for m in MARK.finditer(s):
        chunk = s[pos:m.start()]
        res.append(chunk)
        out_len += len(chunk)
        res.append(m.group(1))
        sp.append((out_len, out_len + len(m.group(1))))
        out_len += len(m.group(1))
        pos = m.end()
    res.append(s[pos:])
    return "".join(res), sp


def chunks(s, maxwords=14):
    """split marked-up text into cue texts at word boundaries, never inside an identifier,
    preferring sentence ends"""
    text, sp = spans(s)
    # candidate break positions = spaces not inside identifiers
    breaks = [i for i, c in enumerate(text) if c == " " and not any(a < i < b for a, b in sp)]
    out, start, words = [], 0, 0
    last_sentence = None
    for b in breaks:
        seg = text[start:b]
        n = len(seg.split())
        if seg.rstrip().endswith((".", "?", "!", ":")) and n >= 5:
            last_sentence = b
        if n >= maxwords:
            cut = last_sentence if last_sentence and last_sentence > start else b
            out.append(text[start:cut].strip())
            start = cut + 1
            last_sentence = None
    out.append(text[start:].strip())
    return [c for c in out if c]


def wrap2(cue, sp_text_ids, width=42):
    """wrap a cue into at most two lines at a space that is not inside an identifier"""
    if len(cue) <= width:
        return [cue]
    best = None
    for i, c in enumerate(cue):
        if c == " " and not any(cue.find(x) < i < cue.find(x) + len(x) for x in sp_text_ids if x in cue):
            if best is None or abs(i - len(cue) / 2) < abs(best - len(cue) / 2):
                best = i
    if best is None:
        return [cue]
    return [cue[:best], cue[best + 1:]]


def ts(sec, sep="."):
    h, r = divmod(int(sec * 1000), 3600000)
    m, r = divmod(r, 60000)
    s, ms = divmod(r, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_doc(doc_id, conf, header, turns):
    lab_i, lab_r = conf["labels"]
    fmt = conf["fmt"]
    head_plain = [plain(h) for h in header]
    turn_plain = [(lab_i if sp == "I" else lab_r, plain(t)) for sp, t, _ in turns]
    if fmt == "docx":
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in head_plain:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        if head_plain:
            d.add_paragraph("")
        for lab, t in turn_plain:
            p = d.add_paragraph()
            if conf["bold"]:
                r = p.add_run(lab + ":")
                r.bold = True
                p.add_run(" " + t)
            else:
                p.add_run(f"{lab}: {t}")
        path = OUT / f"{doc_id}.docx"
        d.save(path)
    elif fmt == "txt":
        lines = list(head_plain)
        if lines:
            lines.append("")
        clock = 4.0
        for lab, t in turn_plain:
            if conf.get("stamps"):
                lines.append(f"[{ts(clock)[:8]}] {lab}: {t}")
            else:
                lines.append(f"{lab}: {t}")
            lines.append("")
            clock += len(t.split()) / 2.5 + 1.5
        data = conf["nl"].join(lines)
        path = OUT / f"{doc_id}.txt"
        path.write_bytes(data.encode(conf["enc"]))
    elif fmt == "vtt":
        lines = ["WEBVTT", "", "NOTE"] + head_plain + [""]
        clock = 2.0
        for (sp, t, _), (lab, _) in zip(turns, turn_plain):
            for c in chunks(t, 13):
                dur = max(1.2, len(c.split()) / 2.6)
                lines.append(f"{ts(clock)} --> {ts(clock + dur)}")
                lines.append(f"<v {lab}>{c}")
                lines.append("")
                clock += dur + 0.2
            clock += 0.8
        path = OUT / f"{doc_id}.vtt"
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        lines = []
        clock, n = 1.0, 0
        for (sp, t, _), (lab, _) in zip(turns, turn_plain):
            ids = [x for x, _ in marks(t)]
            for c in chunks(t, 12):
                n += 1
                dur = max(1.2, len(c.split()) / 2.6)
                lines.append(str(n))
                lines.append(f"{ts(clock, ',')} --> {ts(clock + dur, ',')}")
                body = wrap2(f"{lab}: {c}", ids, 48)
                lines.extend(body)
                lines.append("")
                clock += dur + 0.15
            clock += 0.7
        path = OUT / f"{doc_id}.srt"
        path.write_bytes(conf["nl"].join(lines).encode("utf-8"))
    return path


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    ident_rows, orient_rows, stats = [], [], []
    for doc_id, conf in DOCS.items():
        header, turns = parse_src(HERE / f"{doc_id}.txt")
        build_doc(doc_id, conf, header, turns)
        seen = {}
        if conf["names"]:
            for lab in conf["labels"]:
                seen.setdefault(lab, "PERSOON")
        for para in header + [t for _, t, _ in turns]:
            for text, typ in marks(para):
                if seen.get(text, typ) != typ:
                    sys.exit(f"{doc_id}: {text} has two types")
                seen.setdefault(text, typ)
        for text, typ in seen.items():
            ident_rows.append((doc_id, text, typ))
        # warn about untagged occurrences of identifier strings
        for para in header + [t for _, t, _ in turns]:
            rest = MARK.sub("", para)
            for text in seen:
                if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", rest):
                    print(f"WARN {doc_id}: untagged occurrence of {text!r}")
        for i, (sp, t, o) in enumerate(turns, start=1):
            if sp == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        words = sum(len([w for w in plain(t).split() if re.search(r"\w", w)]) for _, t, _ in turns)
        nresp = sum(1 for sp, _, _ in turns if sp == "R")
        oc = {k: sum(1 for _, t, o in turns if o == k) for k in ("casus", "netwerk", "-")}
        stats.append((doc_id, conf["fmt"], words, nresp, len(seen), oc))
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    for s in stats:
        print(*s)


if __name__ == "__main__":
    main()
