#!/usr/bin/env python3
"""Build the setHF transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/hfNN.txt): one paragraph per turn, separated by blank lines,
starting with "H:" (header line), "I:" (interviewer) or "R:" (respondent).
Identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRANS = os.path.join(OUT, "transcripts")

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "hf01": dict(fmt="vtt", I="Thijs Kramer", R="Samira Bouzid", label_persons=True,
                 style="onbepaald",
                 rationale="Genuinely mixed: she keeps the weekly trust relation with Jordy and builds his plan herself, "
                           "and invests as much in the monthly LVB table, manager agreements and the corporatie relation."),
    "hf02": dict(fmt="srt", I="Sanne", R="Henk", label_persons=True,
                 style="casusgericht",
                 rationale="Terse ex-wijkagent whose effort goes into his own contact with Dion and aligning each partner "
                           "to Dion's plan; he declined the regional working group and solves recurring problems per case."),
    "hf03": dict(fmt="docx", bold=True, I="Interviewer", R="Respondent", label_persons=False,
                 style="netwerkgericht",
                 rationale="Despite a warm detailed story about Kevin she leaves daily contact to MEE and woonbegeleiding "
                           "and invests in cross-case patterns, signed agreements, privacy protocol and trust between organisations."),
    "hf04": dict(fmt="txt_ts", encoding="utf-8", I="Spreker 1", R="Spreker 2", label_persons=False,
                 style="casusgericht",
                 rationale="Names many partners, meetings and an expertmeeting, but each serves Mo's plan and her own "
                           "trust relation with him; she declines structural work and never escalates beyond the case."),
    "hf05": dict(fmt="txt", encoding="cp1252", crlf=True, I="I", R="R", label_persons=False,
                 style="netwerkgericht",
                 rationale="Terse ketenregisseur without caseload who invests in screening agreements, escalation ladder, "
                           "convenants and partner relations, and hands the contact with the young man to others."),
    "hf06": dict(fmt="docx", bold=False, I="Mirjam", R="Rob", label_persons=True,
                 style="onbepaald",
                 rationale="Genuinely mixed: he invests personally in Bram (fishing, court, night at the cell complex, his plan) "
                           "and equally in a regional agreement with gemeente and reclassering and the relation with beleid."),
}


def parse_src(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, _, body = p.partition(":")
        body = body.strip()
        if kind == "H":
            header.append(body)
        elif kind in ("I", "R"):
            ori = None
            if kind == "R":
                m = ORI_RE.search(body)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without orientation: {body[:60]}")
                ori = m.group(1)
                body = body[:m.start()].rstrip()
            elif ORI_RE.search(body):
                sys.exit(f"{path}: interviewer paragraph with orientation: {body[:60]}")
            turns.append((kind, body, ori))
        else:
            sys.exit(f"{path}: bad paragraph start: {p[:40]}")
    # alternation
    for i, (k, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if k != want:
            sys.exit(f"{path}: turn {i+1} should be {want}")
    return header, turns


def strip_ids(text, found):
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"bad type {t}")
        found.append((s, t))
        return s
    return ID_RE.sub(rep, text)


def words(text):
    return len(text.split())


def fmt_ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def split_cues(text, maxw=22):
    sents = re.split(r"(?<=[a-zë0-9\)][.?!])\s+", text)
    cues, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > maxw:
            cues.append(" ".join(cur))
            cur = [s]
        else:
            cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def timeline(doc_id, turns):
    """Return list of (start, end, text) per turn, with plausible speaking rate."""
    rnd = random.Random(doc_id)
    t = rnd.uniform(1.0, 4.0)
    out = []
    for _, text, _ in turns:
        dur = words(text) / rnd.uniform(2.3, 2.9) + 0.4
        out.append((t, t + dur))
        t = t + dur + rnd.uniform(0.4, 2.2)
        if "(stilte)" in text:
            t += 3
    return out


def build_vtt(doc_id, cfg, header, turns):
    rnd = random.Random(doc_id + "v")
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    for (kind, text, _), (st, en) in zip(turns, timeline(doc_id, turns)):
        name = cfg[kind]
        cues = split_cues(text)
        total = sum(words(c) for c in cues)
        cur = st
        for c in cues:
            d = (en - st) * words(c) / total
            lines.append(f"{fmt_ts(cur)} --> {fmt_ts(cur + d - 0.05)}")
            lines.append(f"<v {name}>{c}</v>")
            lines.append("")
            cur += d
    data = "\n".join(lines)
    with open(os.path.join(TRANS, doc_id + ".vtt"), "w", encoding="utf-8", newline="") as f:
        f.write(data)


def build_srt(doc_id, cfg, header, turns):
    lines = []
    for n, ((kind, text, _), (st, en)) in enumerate(zip(turns, timeline(doc_id, turns)), 1):
        lines += [str(n), f"{fmt_ts(st, ',')} --> {fmt_ts(en, ',')}", f"{cfg[kind]}: {text}", ""]
    data = "\r\n".join(lines)
    with open(os.path.join(TRANS, doc_id + ".srt"), "w", encoding="utf-8", newline="") as f:
        f.write(data)


def build_txt(doc_id, cfg, header, turns, timestamps):
    nl = "\r\n" if cfg.get("crlf") else "\n"
    lines = list(header)
    if header:
        lines.append("")
    tl = timeline(doc_id, turns)
    for (kind, text, _), (st, _) in zip(turns, tl):
        prefix = f"[{fmt_ts(st)[:8]}] " if timestamps else ""
        lines.append(f"{prefix}{cfg[kind]}: {text}")
        lines.append("")
    data = nl.join(lines)
    with open(os.path.join(TRANS, doc_id + ".txt"), "w", encoding=cfg["encoding"], newline="") as f:
        f.write(data)


def build_docx(doc_id, cfg, header, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if cfg.get("bold"):
            r = p.add_run(cfg[kind] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{cfg[kind]}: {text}")
    d.core_properties.author = "transcriptie"
    d.save(os.path.join(TRANS, doc_id + ".docx"))


def main():
    os.makedirs(TRANS, exist_ok=True)
    for fn in os.listdir(TRANS):
        os.remove(os.path.join(TRANS, fn))
    styles, ori_rows, id_rows = [], [], []
    report = []
    for doc_id, cfg in DOCS.items():
        header_a, turns_a = parse_src(os.path.join(HERE, doc_id + ".txt"))
        found = []
        header = [strip_ids(h, found) for h in header_a]
        turns = [(k, strip_ids(b, found), o) for k, b, o in turns_a]
        if cfg["label_persons"]:
            found += [(cfg["I"], "PERSOON"), (cfg["R"], "PERSOON")]
        seen = {}
        for s, t in found:
            if s in seen and seen[s] != t:
                sys.exit(f"{doc_id}: {s!r} typed both {seen[s]} and {t}")
            if s not in seen:
                seen[s] = t
                id_rows.append((doc_id, s, t))
        for i, (k, _, o) in enumerate(turns, 1):
            if k == "R" and o in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, o))
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        fmt = cfg["fmt"]
        if fmt == "vtt":
            build_vtt(doc_id, cfg, header, turns)
        elif fmt == "srt":
            build_srt(doc_id, cfg, header, turns)
        elif fmt == "txt":
            build_txt(doc_id, cfg, header, turns, False)
        elif fmt == "txt_ts":
            build_txt(doc_id, cfg, header, turns, True)
        elif fmt == "docx":
            build_docx(doc_id, cfg, header, turns)
        nw = sum(words(b) for _, b, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        rw = sum(words(b) for k, b, _ in turns if k == "R")
        oc = sum(1 for r in ori_rows if r[0] == doc_id and r[2] == "casus")
        on = sum(1 for r in ori_rows if r[0] == doc_id and r[2] == "netwerk")
        report.append(f"{doc_id} {fmt:6s} words={nw} resp_words={rw} resp_turns={nr} "
                      f"ids={len(seen)} casus={oc} netwerk={on}")
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("\n".join(report))


if __name__ == "__main__":
    main()
