#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set IY from the annotated sources.

Source format (src/<doc_id>.txt): paragraphs separated by a blank line, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are written
inline as [[text|TYPE]]; every respondent paragraph ends with {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
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

# per document: delivery format and speaker labels; label_ids = labels that are identifiers
DOCS = {
    "iy01": dict(fmt="docx", bold=True, I="Interviewer", R="Yvonne", label_ids={"Yvonne": "PERSOON"}),
    "iy02": dict(fmt="vtt", I="Interviewer", R="Dennis Wolters", label_ids={"Dennis Wolters": "PERSOON"}),
    "iy03": dict(fmt="srt", crlf=True, I="Interviewer", R="Henk R.", label_ids={"Henk R.": "PERSOON"}),
    "iy04": dict(fmt="txt_ts", encoding="cp1252", crlf=True, I="Spreker 1", R="Spreker 2", label_ids={}),
    "iy05": dict(fmt="txt", encoding="utf-8", crlf=False, I="I", R="R", label_ids={}),
    "iy06": dict(fmt="docx", bold=False, I="Interviewer", R="Bosveld", label_ids={"Bosveld": "PERSOON"}),
}
EXT = {"docx": "docx", "vtt": "vtt", "srt": "srt", "txt_ts": "txt", "txt": "txt"}

STYLES = {
    "iy01": ("casusgericht",
             "She puts her own time and trust into the relationship with the man in regie and recruits every partner for his plan, while explicitly declining the structural working group."),
    "iy02": ("casusgericht",
             "He runs many meetings and partners, but all as means for this young man's plan and his own bond with him, and leaves agreements between organisations to the Veiligheidshuis."),
    "iy03": ("netwerkgericht",
             "Terse; he hardly sees the persons in regie himself and invests in information-sharing agreements, the escalation line and the standing consultation between organisations."),
    "iy04": ("netwerkgericht",
             "Despite a warm detailed story about a boy, she handed the daily contact to others and invested in agreements between school, police and youth care and in patterns across cases."),
    "iy05": ("onbepaald",
             "Genuinely mixed: he splits his effort about equally between his own trust relation with the man in regie and rebuilding the escalation and consultation structure between partners."),
    "iy06": ("onbepaald",
             "Too little evidence: guarded and procedural, she answers in generalities about the method and never shows where her own effort and trust go."),
}

TAG = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}


def parse_src(doc_id):
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns, ids = [], [], []
    for p in paras:
        kind, _, body = p.partition(": ")
        if kind not in ("H", "I", "R"):
            sys.exit(f"{doc_id}: bad paragraph start: {p[:40]!r}")
        orient = None
        if kind == "R":
            m = ORIENT.search(body)
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without orientation: {body[:50]!r}")
            orient = m.group(1)
            body = body[: m.start()]
        elif ORIENT.search(body):
            sys.exit(f"{doc_id}: orientation on non-respondent paragraph")
        for text, typ in TAG.findall(body):
            if typ not in TYPES:
                sys.exit(f"{doc_id}: unknown type {typ}")
            ids.append((text, typ))
        plain = TAG.sub(lambda m: m.group(1), body).strip()
        if "[[" in plain or "]]" in plain or "{" in plain:
            sys.exit(f"{doc_id}: leftover markup: {plain[:60]!r}")
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(plain)
        else:
            turns.append((kind, plain, orient))
    for n, (kind, _, _) in enumerate(turns, 1):
        if kind != ("I" if n % 2 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {n}")
    return header, turns, ids


def ts(seconds, sep):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, max_words=16):
    """Split a turn into cue-sized chunks at sentence or clause ends."""
    words = text.split()
    out, cur = [], []
    for w in words:
        cur.append(w)
        if (len(cur) >= max_words and w[-1] in ".?!,;") or len(cur) >= max_words + 8:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def wrap(text, width=44):
    """Subtitle-style line breaks: one line if short, else two balanced lines."""
    if len(text) <= width:
        return [text]
    words = text.split()
    best, best_diff = 1, None
    for i in range(1, len(words)):
        a, b = " ".join(words[:i]), " ".join(words[i:])
        diff = abs(len(a) - len(b))
        if best_diff is None or diff < best_diff:
            best, best_diff = i, diff
    return [" ".join(words[:best]), " ".join(words[best:])]


def timed(turns, start=2.0):
    """Yield (speaker, chunk, t0, t1, first_of_turn)."""
    t = start
    for kind, text, _ in turns:
        for i, c in enumerate(chunks(text)):
            dur = max(1.2, len(c.split()) / 2.6)
            yield kind, c, t, t + dur, i == 0
            t += dur + 0.08
        t += 0.6


def build_docx(doc_id, cfg, header, turns, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        if cfg["bold"] and h is header[0]:
            r.bold = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        p = d.add_paragraph()
        lab = cfg[kind] + ":"
        if cfg["bold"]:
            p.add_run(lab).bold = True
            p.add_run(" " + text)
        else:
            p.add_run(lab + " " + text)
    d.save(path)


def build_vtt(cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(header)
        out.append("")
    for n, (kind, c, t0, t1, _) in enumerate(timed(turns), 1):
        out.append(f"{doc_cue_id(n)}")
        out.append(f"{ts(t0, '.')} --> {ts(t1, '.')}")
        lines = wrap(c)
        lines[0] = f"<v {cfg[kind]}>" + lines[0]
        lines[-1] = lines[-1] + "</v>"
        out.extend(lines)
        out.append("")
    return "\n".join(out)


def doc_cue_id(n):
    return f"{n}"


def build_srt(cfg, header, turns):
    out = []
    for n, (kind, c, t0, t1, first) in enumerate(timed(turns), 1):
        out.append(str(n))
        out.append(f"{ts(t0, ',')} --> {ts(t1, ',')}")
        text = f"{cfg[kind]}: {c}" if first else c
        out.extend(wrap(text, 46))
        out.append("")
    return "\n".join(out)


def build_txt(cfg, header, turns, stamped):
    out = list(header)
    if header:
        out.append("")
    t = 3.0
    for kind, text, _ in turns:
        if stamped:
            s = int(t)
            out.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {cfg[kind]}: {text}")
        else:
            out.append(f"{cfg[kind]}: {text}")
        out.append("")
        t += len(text.split()) / 2.5 + 1.5
    return "\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, orient_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns, ids = parse_src(doc_id)
        path = os.path.join(OUT, f"{doc_id}.{EXT[cfg['fmt']]}")
        if cfg["fmt"] == "docx":
            build_docx(doc_id, cfg, header, turns, path)
        else:
            if cfg["fmt"] == "vtt":
                text = build_vtt(cfg, header, turns)
            elif cfg["fmt"] == "srt":
                text = build_srt(cfg, header, turns)
            else:
                text = build_txt(cfg, header, turns, cfg["fmt"] == "txt_ts")
            text = text.rstrip("\n") + "\n"
            if cfg.get("crlf"):
                text = text.replace("\n", "\r\n")
            with open(path, "w", encoding=cfg.get("encoding", "utf-8"), newline="") as f:
                f.write(text)
        style_rows.append((doc_id,) + STYLES[doc_id])
        for n, (kind, _, orient) in enumerate(turns, 1):
            if kind == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc_id, n, orient))
        seen = set()
        for text, typ in list(cfg["label_ids"].items()) + ids:
            if text not in seen:
                seen.add(text)
                id_rows.append((doc_id, text, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        print(f"{doc_id}: {cfg['fmt']:6s} words={words} respondent_turns={nresp} ids={len(seen)} "
              f"casus={sum(1 for r in orient_rows if r[0]==doc_id and r[2]=='casus')} "
              f"netwerk={sum(1 for r in orient_rows if r[0]==doc_id and r[2]=='netwerk')}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
