#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set HM from the annotated sources.

Source format (src/hmNN.txt): one paragraph per turn, starting with
  H: header line   I: interviewer turn   R: respondent turn (ends in {casus}, {netwerk} or {-})
Identifiers inline as [[text|TYPE]]. A paragraph may continue on following lines.
Run with /work/main/.venv/bin/python src/build.py (needs python-docx).
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")

DOCS = {
    "hm01": dict(fmt="docx_bold", I="Interviewer", R="Jerry", label_ids=["Jerry"],
                 style="casusgericht",
                 rationale="Jerry invests his own time and trust in Rayan himself and bends each partner (school, leerplicht, jeugdreclassering, boxing school) to the boy's plan, while he explicitly declines the municipal knife working group and leaves structural work to his coordinator."),
    "hm02": dict(fmt="txt_cp1252", I="I", R="R", label_ids=[],
                 style="netwerkgericht",
                 rationale="The police expert hands the daily contact with the boys to youth workers and invests in the jeugdtafel, a covenant rule with leerplicht, quarterly meetings with the youth-work lead, escalation to the steering group and patterns reported to the driehoek."),
    "hm03": dict(fmt="vtt", I="Sophie van Loon", R="Annemarie Dekker",
                 label_ids=["Sophie van Loon", "Annemarie Dekker"],
                 style="onbepaald",
                 rationale="Too little evidence: the guarded process director refuses to discuss any case and answers only in procedures, protocols and 'it depends', never showing where her own effort goes."),
    "hm04": dict(fmt="srt", I="Lotte", R="Marieke", label_ids=["Lotte", "Marieke"],
                 style="netwerkgericht",
                 rationale="Despite a warm, detailed story about Shanaya, Marieke hands the daily contact to the youth worker and mentor and invests in a reporting agreement between schools, police and youth work, a six-weekly overleg, escalation and trust with school directors."),
    "hm05": dict(fmt="txt_ts", I="Spreker 1", R="Spreker 2", label_ids=[],
                 style="casusgericht",
                 rationale="Kevin tersely describes picking Milan up at dawn, one-page plans signed by the boy and aligning school, jeugdreclassering and debt help around him, and declines non-case meetings as time taken from his boys."),
    "hm06": dict(fmt="docx_plain", I="I", R="R", label_ids=[],
                 style="onbepaald",
                 rationale="Too little evidence: a newcomer who talks at length in generalities, hypotheticals and national trends but has no case or network work of her own to show yet."),
}


def parse(path):
    paras = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        m = re.match(r"^(H|I|R): (.*)$", line)
        if m:
            paras.append([m.group(1), m.group(2).strip()])
        else:
            paras[-1][1] += " " + line.strip()
    header, turns = [], []
    for kind, body in paras:
        if kind == "H":
            header.append(body)
            continue
        orient = None
        if kind == "R":
            m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", body)
            if not m:
                sys.exit(f"{path.name}: respondent paragraph without orientation tag: {body[:60]}")
            orient, body = m.group(1), body[:m.start()]
        elif re.search(r"\{(casus|netwerk|-)\}", body):
            sys.exit(f"{path.name}: orientation tag in interviewer paragraph")
        turns.append((kind, body, orient))
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return header, turns


def plain(s):
    return TAG.sub(r"\1", s)


def chunks(annotated, maxw=18):
    """Split a turn into cue-sized chunks at sentence (or comma) boundaries, never inside an identifier."""
    prot = TAG.sub(lambda m: "[[" + m.group(1).replace(" ", "\x00") + "|" + m.group(2) + "]]", annotated)
    sents = re.split(r"(?<=[.?!])\s+", prot)
    pieces = []
    for s in sents:
        if len(s.split()) > maxw + 6:
            parts = re.split(r"(?<=,)\s+", s)
            pieces.extend(parts)
        else:
            pieces.append(s)
    out, cur = [], []
    for p in pieces:
        n = len(p.split())
        if cur and len(" ".join(cur).split()) + n > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(p)
    if cur:
        out.append(" ".join(cur))
    return [plain(c).replace("\x00", " ") for c in out]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, start=2.4):
    """Yield (label, start, end, text) per cue; a turn may span several cues."""
    t = start
    cues = []
    for k, (kind, body, _) in enumerate(turns):
        for c in chunks(body):
            dur = max(1.4, len(c.split()) / 2.35) + 0.15 * (k % 3)
            cues.append((labels[kind], t, t + dur, c))
            t += dur + 0.12
        t += 0.9 + 0.7 * (k % 4)
    return cues


def write_docx(doc_id, cfg, header, turns, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    d.core_properties.author = ""
    d.core_properties.title = ""
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if bold:
            r.italic = True
    if header:
        d.add_paragraph("")
    labels = {"I": cfg["I"], "R": cfg["R"]}
    for kind, body, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[kind] + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{labels[kind]}: {plain(body)}")
    d.save(OUT / f"{doc_id}.docx")
    return f"{doc_id}.docx"


def write_txt_labels(doc_id, cfg, header, turns):
    lines = [plain(h) for h in header] + [""]
    for kind, body, _ in turns:
        lines.append(f"{cfg[kind]}: {plain(body)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    (OUT / f"{doc_id}.txt").write_bytes(data)
    return f"{doc_id}.txt"


def write_txt_ts(doc_id, cfg, header, turns):
    lines = [plain(h) for h in header] + [""]
    t = 3.0
    for k, (kind, body, _) in enumerate(turns):
        s = int(t)
        lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {cfg[kind]}: {plain(body)}")
        lines.append("")
        t += len(plain(body).split()) / 2.3 + 2.0 + 1.5 * (k % 3)
    (OUT / f"{doc_id}.txt").write_text("\n".join(lines), encoding="utf-8")
    return f"{doc_id}.txt"


def write_vtt(doc_id, cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    for lab, a, b, text in timed_cues(turns, {"I": cfg["I"], "R": cfg["R"]}):
        out.append(f"{ts(a)} --> {ts(b)}")
        out.append(f"<v {lab}>{text}</v>")
        out.append("")
    (OUT / f"{doc_id}.vtt").write_text("\n".join(out), encoding="utf-8")
    return f"{doc_id}.vtt"


def write_srt(doc_id, cfg, header, turns):
    out = []
    for n, (lab, a, b, text) in enumerate(timed_cues(turns, {"I": cfg["I"], "R": cfg["R"]}), 1):
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {text}", ""]
    (OUT / f"{doc_id}.srt").write_bytes("\r\n".join(out).encode("utf-8"))
    return f"{doc_id}.srt"


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient_rows, id_rows = [], [], []
    problems = []
    for doc_id, cfg in DOCS.items():
        header, turns = parse(HERE / f"{doc_id}.txt")
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            name = write_docx(doc_id, cfg, header, turns, True)
        elif fmt == "docx_plain":
            name = write_docx(doc_id, cfg, header, turns, False)
        elif fmt == "txt_cp1252":
            name = write_txt_labels(doc_id, cfg, header, turns)
        elif fmt == "txt_ts":
            name = write_txt_ts(doc_id, cfg, header, turns)
        elif fmt == "vtt":
            name = write_vtt(doc_id, cfg, header, turns)
        elif fmt == "srt":
            name = write_srt(doc_id, cfg, header, turns)
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        for i, (kind, body, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        # identifiers: labels first, then in order of appearance
        seen = {}
        for lab in cfg["label_ids"]:
            seen.setdefault(lab, "PERSOON")
        texts = header + [b for _, b, _ in turns]
        for t in texts:
            for m in TAG.finditer(t):
                s, ty = m.group(1), m.group(2)
                if ty not in TYPES:
                    problems.append(f"{doc_id}: bad type {ty}")
                if s in seen and seen[s] != ty:
                    problems.append(f"{doc_id}: {s!r} has types {seen[s]} and {ty}")
                seen.setdefault(s, ty)
        for s, ty in seen.items():
            id_rows.append((doc_id, s, ty))
        # warn about untagged occurrences of identifier strings
        for t in texts:
            pl, spans, pos, last = "", [], 0, 0
            for m in TAG.finditer(t):
                pl += t[last:m.start()]
                spans.append((len(pl), len(pl) + len(m.group(1))))
                pl += m.group(1)
                last = m.end()
            pl += t[last:]
            for s in seen:
                for mm in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", pl):
                    if not any(a <= mm.start() and mm.end() <= b for a, b in spans):
                        problems.append(f"{doc_id}: untagged occurrence of {s!r}: ...{pl[max(0, mm.start() - 30):mm.end() + 30]}...")
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        tags = [o for k, _, o in turns if k == "R"]
        print(f"{doc_id} {name:10s} {cfg['style']:15s} words={words:5d} resp_turns={nresp:2d} "
              f"casus={tags.count('casus'):2d} netwerk={tags.count('netwerk'):2d} none={tags.count('-'):2d} ids={len(seen)}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for p in problems:
        print("WARNING:", p)


if __name__ == "__main__":
    main()
