#!/usr/bin/env python3
"""Build the setLL transcripts and the three label files from the annotated sources.

Source format (src/<doc_id>.txt, UTF-8): paragraphs separated by a blank line, each starting
with "H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are
marked inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import re
import sys
import uuid
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# doc_id -> delivery format and speaker labels (interviewer, respondent)
DOCS = {
    "ll01": dict(fmt="docx_bold", labels=("Interviewer", "Nilda")),
    "ll02": dict(fmt="txt_ir", labels=("I", "R"), encoding="cp1252", newline="\r\n"),
    "ll03": dict(fmt="vtt", labels=("Sanne Verhoef", "Yvonne Baak")),
    "ll04": dict(fmt="srt", labels=("Interviewer", "Gerrit-Jan"), newline="\r\n"),
    "ll05": dict(fmt="txt_spreker", labels=("Spreker 1", "Spreker 2"), encoding="utf-8",
                 newline="\n"),
    "ll06": dict(fmt="docx_plain", labels=("Interviewer", "Karim")),
}
# speaker-label names that are identifiers
LABEL_IDS = {
    "ll01": [("Nilda", "PERSOON")],
    "ll03": [("Sanne Verhoef", "PERSOON"), ("Yvonne Baak", "PERSOON")],
    "ll04": [("Gerrit-Jan", "PERSOON")],
    "ll06": [("Karim", "PERSOON")],
}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir": "txt", "txt_spreker": "txt",
       "vtt": "vtt", "srt": "srt"}

STYLES = {
    "ll01": ("netwerkgericht",
             "Although she tells a warm story about the family and visits the mother once, she hands "
             "daily contact to the reclassering and a community foundation and invests her own effort "
             "in a cross-organisation alarm agreement, a pattern across cases, escalation and "
             "relations with team leaders."),
    "ll02": ("casusgericht",
             "The police coordinator names many partners and meetings but uses each as a means for "
             "one victim's safety plan, keeps the personal contact himself and explicitly declines "
             "the regional working group on structural agreements."),
    "ll03": ("casusgericht",
             "The Slachtofferhulp casemanager invests in trust with one victim and builds a personal "
             "arrangement with the toezichthouder for her only, leaving chain-level agreements to her "
             "team leader."),
    "ll04": ("netwerkgericht",
             "The reclassering EM specialist deliberately reduced his own caseload, leaves the client "
             "to a colleague and invests in zone advice with the OM, meldkamer context, data across "
             "cases and trust between organisations."),
    "ll05": ("onbepaald",
             "Genuinely mixed and she says so: she visits one victim weekly as her fixed contact and "
             "equally builds a municipal case table and information agreements between Capelle and "
             "Rotterdam partners."),
    "ll06": ("onbepaald",
             "Genuinely mixed without saying so: he keeps the personal contact with the victim and "
             "the perpetrator's mother and tailors the zone for her, and about equally builds a joint "
             "police triage hour, standard advice, a privacy factsheet and a shorter MDA++ format."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(doc_id):
    text = (HERE / f"{doc_id}.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns, ids = [], [], []
    for p in paras:
        kind, body = p[:2], p[3:].strip()
        if kind not in ("H:", "I:", "R:") or p[2] != " ":
            sys.exit(f"{doc_id}: bad paragraph start: {p[:40]!r}")
        body = " ".join(body.split())
        ori = None
        if kind == "R:":
            m = ORI_RE.search(body)
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without orientation: {body[:60]!r}")
            ori = m.group(1)
            body = body[:m.start()].rstrip()
        elif ORI_RE.search(body):
            sys.exit(f"{doc_id}: orientation tag outside respondent turn")
        spans = []
        for m in ID_RE.finditer(body):
            if m.group(2) not in TYPES:
                sys.exit(f"{doc_id}: unknown type {m.group(2)}")
            ids.append((m.group(1), m.group(2)))
        if kind == "H:":
            header.append(body)
        else:
            turns.append(("I" if kind == "I:" else "R", body, ori))
    for i, (who, _, _) in enumerate(turns):
        if who != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns, ids


def plain(marked):
    return ID_RE.sub(lambda m: m.group(1), marked)


def tokens(marked):
    """Whitespace tokens of the plain text; an identifier (even with spaces) stays in one token."""
    words, cur = [], ""
    for piece in re.split(r"(\[\[.+?\|[A-Z_]+\]\])", marked):
        m = ID_RE.fullmatch(piece)
        if m:
            cur += m.group(1)
            continue
        for j, part in enumerate(piece.split(" ")):
            if j > 0:
                if cur:
                    words.append(cur)
                cur = ""
            cur += part
    if cur:
        words.append(cur)
    return words


def chunks(marked, lo=7, hi=15):
    words = tokens(marked)
    out, cur = [], []
    for w in words:
        cur.append(w)
        end = w.endswith((".", "?", "!", ",", ":", ";", ")"))
        if (len(cur) >= lo and end) or len(cur) >= hi:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return out


def wrap2(words, width=42):
    line1, rest = [], list(words)
    while rest and len(" ".join(line1 + [rest[0]])) <= width:
        line1.append(rest.pop(0))
    if not line1:
        line1.append(rest.pop(0))
    return [" ".join(line1)] + ([" ".join(rest)] if rest else [])


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_docx(path, header, turns, labels, bold):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = doc.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        doc.add_paragraph()
    for who, body, _ in turns:
        lab = labels[0] if who == "I" else labels[1]
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(f"{lab}:")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{lab}: {plain(body)}")
    doc.core_properties.author = "transcriptie"
    doc.save(path)


def write_txt(path, header, turns, labels, encoding, newline, stamps=False):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = 4.0
    for who, body, _ in turns:
        lab = labels[0] if who == "I" else labels[1]
        txt = plain(body)
        if stamps:
            sec = int(t)
            lines.append(f"[{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}] {lab}: {txt}")
        else:
            lines.append(f"{lab}: {txt}")
        lines.append("")
        t += len(txt.split()) / 2.5 + 1.3
    data = newline.join(lines).rstrip(newline) + newline
    path.write_bytes(data.encode(encoding))


def write_vtt(path, header, turns, labels, doc_id):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    t = 3.2
    base = uuid.uuid5(uuid.NAMESPACE_URL, f"setLL/{doc_id}")
    n = 0
    for ti, (who, body, _) in enumerate(turns):
        lab = labels[0] if who == "I" else labels[1]
        for ci, ch in enumerate(chunks(body)):
            dur = max(1.2, len(ch) / 2.6)
            out.append(f"{base}/{n + 11}-{ci}")
            out.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
            out.append(f"<v {lab}>{' '.join(ch)}</v>")
            out.append("")
            t += dur + 0.15
        n += 1
        t += 0.6
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_srt(path, turns, labels, newline):
    out, n, t = [], 1, 2.0
    for who, body, _ in turns:
        lab = labels[0] if who == "I" else labels[1]
        for ci, ch in enumerate(chunks(body, lo=6, hi=13)):
            words = ([f"{lab}:"] if ci == 0 else []) + ch
            dur = max(1.2, len(ch) / 2.6)
            out.append(str(n))
            out.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
            out.extend(wrap2(words))
            out.append("")
            n += 1
            t += dur + 0.1
        t += 0.5
    data = newline.join(out) + newline
    path.write_bytes(data.encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    style_rows, ori_rows, id_rows, stats = [], [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns, ids = parse_src(doc_id)
        fmt, labels = cfg["fmt"], cfg["labels"]
        path = OUT / f"{doc_id}.{EXT[fmt]}"
        if fmt in ("docx_bold", "docx_plain"):
            write_docx(path, header, turns, labels, bold=(fmt == "docx_bold"))
        elif fmt == "txt_ir":
            write_txt(path, header, turns, labels, cfg["encoding"], cfg["newline"])
        elif fmt == "txt_spreker":
            write_txt(path, header, turns, labels, cfg["encoding"], cfg["newline"], stamps=True)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels, doc_id)
        elif fmt == "srt":
            write_srt(path, turns, labels, cfg["newline"])
        # labels
        style, why = STYLES[doc_id]
        style_rows.append((doc_id, style, why))
        for i, (who, _, ori) in enumerate(turns, start=1):
            if who == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, ori))
        seen = {}
        for s, typ in ids + LABEL_IDS.get(doc_id, []):
            if s in seen and seen[s] != typ:
                sys.exit(f"{doc_id}: {s!r} has two types")
            if s not in seen:
                seen[s] = typ
                id_rows.append((doc_id, s, typ))
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        n_r = sum(1 for w, _, _ in turns if w == "R")
        oc = sum(1 for w, _, o in turns if o == "casus")
        on = sum(1 for w, _, o in turns if o == "netwerk")
        stats.append((doc_id, fmt, words, n_r, oc, on, len(seen)))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   format       words  R-turns  casus  netwerk  identifiers")
    for s in stats:
        print(f"{s[0]}  {s[1]:<12} {s[2]:>5}  {s[3]:>7}  {s[4]:>5}  {s[5]:>7}  {s[6]:>11}")


if __name__ == "__main__":
    main()
