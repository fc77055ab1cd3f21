"""Build the transcripts and csv files of set lw from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt): paragraphs separated by a blank line, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are
marked inline as [[text|TYPE]]. Every respondent paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# per document: delivery format and speaker labels (labels may carry annotations too)
DOCS = {
    "lw01": dict(fmt="docx", bold=True, I="Interviewer", R="Respondent"),
    "lw02": dict(fmt="vtt", I="[[Lotte Aarts|PERSOON]]", R="[[Harrie Swinkels|PERSOON]]"),
    "lw03": dict(fmt="txt", enc="cp1252", nl="\r\n", I="I", R="R"),
    "lw04": dict(fmt="srt", nl="\r\n", I="Interviewer", R="[[Anouk|PERSOON]]"),
    "lw05": dict(fmt="txt_ts", enc="utf-8", nl="\n", I="Spreker 1", R="Spreker 2"),
    "lw06": dict(fmt="docx", bold=False, I="[[Eva|PERSOON]]", R="[[Gerard|PERSOON]]"),
}
EXT = {"docx": "docx", "vtt": "vtt", "txt": "txt", "txt_ts": "txt", "srt": "srt"}

STYLES = {
    "lw01": ("casusgericht",
             "The process coordinator invests her own time and trust in Dennis himself (visits in prison, "
             "pick-up at the gate, his own list as the plan) and uses every partner as a means for that "
             "plan while explicitly declining the structural working group."),
    "lw02": ("netwerkgericht",
             "The municipal safety adviser tells a warm story about Jordy but deliberately leaves the contact "
             "to the process coordinator and invests in a written agreement with the housing corporation, "
             "lunches with partner managers, a jurists' session and patterns across returns."),
    "lw03": ("onbepaald",
             "Too little evidence: the probation officer stays guarded and procedural, refuses concrete "
             "cases and describes frameworks and roles without ever showing where his own effort goes."),
    "lw04": ("casusgericht",
             "The forensic FACT nurse attends many meetings and names many partners, but each is used for "
             "Marco's plan that she made at his kitchen table, and she leaves the structural regiegroep and "
             "network events to her manager."),
    "lw05": ("netwerkgericht",
             "The process coordinator tells detailed warm stories about Kevin and his pigeons but hands the "
             "daily contact to the youth worker and probation, and puts her effort into meetings between "
             "organisations, a corporation rule change, PI notification agreements and privacy sessions."),
    "lw06": ("onbepaald",
             "Too little evidence: the process coordinator answers in generalities about the work process, "
             "calls everything teamwork and declines to say where his own time and trust go."),
}

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
MARK = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, _, body = p.partition(": ")
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after turns: {p[:40]}")
            header.append(body)
        elif kind in ("I", "R"):
            m = MARK.search(body)
            if kind == "R":
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without marker: {body[:50]}")
                body, mark = body[:m.start()].rstrip(), m.group(1)
            else:
                if m:
                    sys.exit(f"{doc_id}: interviewer paragraph with marker: {body[:50]}")
                mark = None
            turns.append((kind, body, mark))
        else:
            sys.exit(f"{doc_id}: bad paragraph start: {p[:40]}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns


# ---------------------------------------------------------------- chunking for subtitles
def tokens(annotated):
    """Split annotated text on whitespace; an annotation (with any attached punctuation)
    stays one unbreakable token."""
    protected = ANN.sub(lambda m: m.group(0).replace(" ", "\x00"), annotated)
    return [t.replace("\x00", " ") for t in protected.split()]


def chunks(annotated, lo=7, hi=16):
    toks = tokens(annotated)
    res, cur = [], []
    for t in toks:
        cur.append(t)
        p = plain(t)
        n = sum(len(plain(x).split()) for x in cur)
        end_sentence = p.endswith((".", "?", "!", "…", "...", ")")) and not p.endswith("..")
        if (n >= lo and end_sentence) or (n >= hi and p.endswith((",", ":", ";", "—"))) or n >= hi + 6:
            res.append(cur)
            cur = []
    if cur:
        if res and sum(len(plain(x).split()) for x in cur) < 3:
            res[-1].extend(cur)
        else:
            res.append(cur)
    return [" ".join(c) for c in res]


def wrap2(annotated_line, width=44):
    """Wrap into at most two lines, never inside an annotation."""
    merged = tokens(annotated_line)
    total = len(plain(annotated_line))
    if total <= width or len(merged) < 2:
        return [annotated_line]
    best = None
    for i in range(1, len(merged)):
        acc = len(plain(" ".join(merged[:i])))
        if best is None or abs(acc - total / 2) < abs(best[1] - total / 2):
            best = (i, acc)
    i = best[0]
    return [" ".join(merged[:i]), " ".join(merged[i:])]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    s = int(sec)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


RATE = 2.3  # words per second


# ---------------------------------------------------------------- writers
def write_docx(doc_id, cfg, header, turns, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        d.add_paragraph()
    for kind, body, _ in turns:
        label = plain(cfg[kind])
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(label + ": " + plain(body))
    d.save(path)


def write_txt(doc_id, cfg, header, turns, path, stamps=False):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = 3.0
    for kind, body, _ in turns:
        label = plain(cfg[kind])
        text = plain(body)
        if stamps:
            lines.append(f"[{hms(t)}] {label}: {text}")
        else:
            lines.append(f"{label}: {text}")
        lines.append("")
        t += len(text.split()) / RATE + 1.4
    data = cfg["nl"].join(lines)
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))


def write_vtt(doc_id, cfg, header, turns, path):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = 2.4
    for kind, body, _ in turns:
        voice = plain(cfg[kind])
        for c in chunks(body):
            txt = plain(c)
            dur = max(1.3, len(txt.split()) / RATE)
            out.append(f"{ts(t)} --> {ts(t + dur)}")
            out.append(f"<v {voice}>{txt}</v>")
            out.append("")
            t += dur + 0.12
        t += 0.7
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc_id, cfg, header, turns, path):
    out, n = [], 1
    t = 1.8
    for kind, body, _ in turns:
        label = plain(cfg[kind])
        for c in chunks(body, lo=6, hi=13):
            txt = plain(c)
            dur = max(1.2, len(txt.split()) / RATE)
            lines = wrap2(f"{label}: " + c)
            out.append(str(n))
            out.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
            out.extend(plain(x) for x in lines)
            out.append("")
            n += 1
            t += dur + 0.1
        t += 0.6
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(cfg["nl"].join(out))


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ident_rows, orient_rows, stats = [], [], {}
    forbidden = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        path = os.path.join(OUT, f"{doc_id}.{EXT[cfg['fmt']]}")
        f = cfg["fmt"]
        if f == "docx":
            write_docx(doc_id, cfg, header, turns, path)
        elif f == "txt":
            write_txt(doc_id, cfg, header, turns, path)
        elif f == "txt_ts":
            write_txt(doc_id, cfg, header, turns, path, stamps=True)
        elif f == "vtt":
            write_vtt(doc_id, cfg, header, turns, path)
        elif f == "srt":
            write_srt(doc_id, cfg, header, turns, path)
        # identifiers: header, labels, turns (first occurrence order)
        seen = {}
        sources = list(header)
        for kind, body, _ in turns:
            sources.append(cfg[kind])
            sources.append(body)
        for s in sources:
            for m in ANN.finditer(s):
                txt, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: bad type {typ}")
                if txt in seen and seen[txt] != typ:
                    sys.exit(f"{doc_id}: {txt!r} annotated as {seen[txt]} and {typ}")
                seen.setdefault(txt, typ)
        full_plain = "\n".join(plain(s) for s in sources)
        for txt, typ in seen.items():
            ident_rows.append((doc_id, txt, typ))
        # warn about unannotated occurrences of identifier strings
        full_ann = "\n".join(sources)
        masked = ANN.sub(lambda m: "#" * len(m.group(1)), full_ann)
        for txt in seen:
            if re.search(r"(?<!\w)" + re.escape(txt) + r"(?!\w)", masked):
                print(f"note {doc_id}: {txt!r} also occurs without annotation")
        if forbidden.search(full_plain):
            sys.exit(f"{doc_id}: forbidden label word in text")
        nwords = 0
        for i, (kind, body, mark) in enumerate(turns, start=1):
            nwords += len(plain(body).split())
            if kind == "R" and mark in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, mark))
        nresp = sum(1 for k, _, _ in turns if k == "R")
        marks = [m for k, _, m in turns if k == "R"]
        stats[doc_id] = (f, nwords, nresp, marks.count("casus"), marks.count("netwerk"), len(seen))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    orient_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for d in DOCS:
            w.writerow([d, STYLES[d][0], STYLES[d][1]])
    for d, s in stats.items():
        print(f"{d}: fmt={s[0]} words={s[1]} resp_turns={s[2]} casus={s[3]} netwerk={s[4]} idents={s[5]}")


if __name__ == "__main__":
    main()
