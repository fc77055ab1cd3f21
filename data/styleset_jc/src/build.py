"""Build set JC: transcripts + styles.csv, orientation.csv, identifiers.csv from src/*.src.

Run:  /work/main/.venv/bin/python src/build.py   (python-docx needed for the .docx files)

Source format (one paragraph per block, blank line between blocks):
  H: header line            (not a turn)
  I: interviewer turn
  R: respondent turn ... {casus} | {netwerk} | {-}
Identifiers inline as [[text|TYPE]].
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

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: format, speaker labels, identifiers contained in the labels, style + rationale
DOCS = {
    "jc01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Youssef",
                 label_ids=[("Youssef", "PERSOON")],
                 style="netwerkgericht",
                 rationale="Former youth worker who tells warm stories about one boy but deliberately hands daily contact to the youth worker and trainer and puts his own effort and trust into standing agreements with leerplicht, the corporation, the mosque and sports clubs and an escalation line."),
    "jc02": dict(fmt="txt_cp1252", ilabel="I", rlabel="R", label_ids=[],
                 style="casusgericht",
                 rationale="Manager with budget and mandate who spends almost all of it on individual plans, joins home visits and calls partners for one young man, and delegates the management-level and covenant work to her deputy and policy staff."),
    "jc03": dict(fmt="vtt", ilabel="Interviewer", rlabel="Dennis",
                 label_ids=[("Dennis", "PERSOON")],
                 style="casusgericht",
                 rationale="Ex-probation officer who names many partners but uses each as a piece of one client's own goal, invests in weekly personal contact and trust with him, and declines the working group on information sharing."),
    "jc04": dict(fmt="srt", ilabel="Interviewer", rlabel="Hetty",
                 label_ids=[("Hetty", "PERSOON")],
                 style="netwerkgericht",
                 rationale="Terse ex-police officer who leaves the contact with the client to the probation officer and invests in quarterly meetings, an agreement card, an escalation ladder, fixed contact persons and signals across cases."),
    "jc05": dict(fmt="txt_ts", ilabel="Spreker 1", rlabel="Spreker 2", label_ids=[],
                 style="onbepaald",
                 rationale="Too little evidence: a guarded respondent who answers in procedures and generalities, refuses examples and never shows whether the effort goes to persons or to the organisations."),
    "jc06": dict(fmt="docx_plain", ilabel="Onderzoeker", rlabel="Respondent", label_ids=[],
                 style="casusgericht",
                 rationale="Former GGZ nurse who builds trust with one young man and his mother over months, recruits trainer, imam, FACT team and probation as steps under him, and quits the GGZ coordination working group."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    text = open(path, encoding="utf-8").read()
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    header, turns, ids = [], [], []
    for b in blocks:
        b = " ".join(b.split("\n"))
        kind, rest = b[:2], b[2:].strip()
        if kind not in ("H:", "I:", "R:"):
            sys.exit(f"{path}: bad block start: {b[:40]!r}")
        ori = None
        if kind == "R:":
            m = ORI_RE.search(rest)
            if not m:
                sys.exit(f"{path}: respondent paragraph without orientation: {rest[:50]!r}")
            ori = m.group(1)
            rest = rest[:m.start()]
        elif ORI_RE.search(rest):
            sys.exit(f"{path}: orientation on non-respondent paragraph: {rest[:50]!r}")
        for m in ID_RE.finditer(rest):
            if m.group(2) not in TYPES:
                sys.exit(f"{path}: unknown type {m.group(2)}")
            ids.append((m.group(1), m.group(2)))
        plain = ID_RE.sub(lambda m: m.group(1), rest)
        if "[[" in plain or "]]" in plain or "{" in plain:
            sys.exit(f"{path}: leftover markup in {plain[:60]!r}")
        if kind == "H:":
            if turns:
                sys.exit(f"{path}: header after turns")
            header.append(plain)
        else:
            turns.append(("I" if kind == "I:" else "R", plain, ori))
    for n, (who, _, _) in enumerate(turns, 1):
        if who != ("I" if n % 2 else "R"):
            sys.exit(f"{path}: turns do not alternate at turn {n}")
    return header, turns, ids


def words(t):
    return len([w for w in t.split() if re.search(r"\w", w)])


def sentences(text):
    return [s for s in re.split(r"(?<=[.?!…])\s+", text) if s]


def chunks(text, maxw=18):
    """group sentences into cue texts of at most ~maxw words (long sentences split at commas)."""
    pieces = []
    for s in sentences(text):
        if words(s) > maxw + 6:
            parts = re.split(r"(?<=,)\s+", s)
            pieces.extend(parts)
        else:
            pieces.append(s)
    out, cur = [], []
    for p in pieces:
        if cur and words(" ".join(cur + [p])) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(p)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def timed_cues(turns, start=2.4):
    """yield (speaker, start, end, text) per cue, speech ~2.5 words/s."""
    t = start
    for who, text, _ in turns:
        for c in chunks(text):
            d = max(1.2, words(c) / 2.5)
            yield who, t, t + d, c
            t += d + 0.15
        t += 0.9


def build_docx(doc_id, cfg, header, turns, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(h)
    if header:
        d.add_paragraph("")
    for who, text, _ in turns:
        label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label}: {text}")
    path = os.path.join(OUT, doc_id + ".docx")
    d.save(path)
    return path


def build_txt_cp1252(doc_id, cfg, header, turns):
    lines = list(header) + [""] if header else []
    for who, text, _ in turns:
        label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
        lines.append(f"{label}: {text}")
        lines.append("")
    path = os.path.join(OUT, doc_id + ".txt")
    with open(path, "wb") as f:
        f.write("\r\n".join(lines).encode("cp1252"))
    return path


def build_txt_ts(doc_id, cfg, header, turns):
    lines = list(header) + [""] if header else []
    t = 4.0
    for who, text, _ in turns:
        label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
        lines.append(f"[{hms(t)}] {label}: {text}")
        lines.append("")
        t += words(text) / 2.3 + 1.5
    path = os.path.join(OUT, doc_id + ".txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))
    return path


def build_vtt(doc_id, cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE " + header[0])
        out.extend(header[1:])
        out.append("")
    for who, a, b, c in timed_cues(turns):
        label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {label}>{c}")
        out.append("")
    path = os.path.join(OUT, doc_id + ".vtt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))
    return path


def build_srt(doc_id, cfg, header, turns):
    if header:
        sys.exit("srt documents have no header")
    out = []
    for n, (who, a, b, c) in enumerate(timed_cues(turns, start=1.0), 1):
        label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {c}", ""]
    path = os.path.join(OUT, doc_id + ".srt")
    with open(path, "wb") as f:
        f.write("\r\n".join(out).encode("utf-8"))
    return path


def raw_text(path):
    if path.endswith(".docx"):
        d = docx.Document(path)
        return "\n".join(p.text for p in d.paragraphs)
    enc = "cp1252" if DOCS[os.path.basename(path)[:4]]["fmt"] == "txt_cp1252" else "utf-8"
    return open(path, "rb").read().decode(enc)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, ori_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns, ids = parse_src(os.path.join(HERE, doc_id + ".src"))
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            path = build_docx(doc_id, cfg, header, turns, bold=True)
        elif fmt == "docx_plain":
            path = build_docx(doc_id, cfg, header, turns, bold=False)
        elif fmt == "txt_cp1252":
            path = build_txt_cp1252(doc_id, cfg, header, turns)
        elif fmt == "txt_ts":
            path = build_txt_ts(doc_id, cfg, header, turns)
        elif fmt == "vtt":
            path = build_vtt(doc_id, cfg, header, turns)
        elif fmt == "srt":
            path = build_srt(doc_id, cfg, header, turns)
        else:
            sys.exit("unknown format " + fmt)
        raw = raw_text(path)
        seen = {}
        for ident, typ in cfg["label_ids"] + ids:
            if ident in seen:
                if seen[ident] != typ:
                    sys.exit(f"{doc_id}: {ident!r} typed both {seen[ident]} and {typ}")
                continue
            if ident not in raw:
                sys.exit(f"{doc_id}: identifier {ident!r} not verbatim in built transcript")
            seen[ident] = typ
            id_rows.append((doc_id, ident, typ))
        for n, (who, text, ori) in enumerate(turns, 1):
            if who == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, n, ori))
        style_rows.append((doc_id, cfg["style"], cfg["rationale"]))
        nwords = sum(words(t) for _, t, _ in turns)
        nresp = sum(1 for w, _, _ in turns if w == "R")
        print(f"{doc_id}: {os.path.basename(path):10s} words={nwords} resp_turns={nresp} "
              f"ids={len(seen)} oriented={sum(1 for r in ori_rows if r[0] == doc_id)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
