"""Build the setnm transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/nmXX.txt): paragraphs separated by blank lines, each starting with
  H:  header line (metadata, not a turn)
  I:  interviewer turn
  R:  respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are inline as [[text|TYPE]].  Speaker labels that are names are given below,
also with [[...|PERSOON]] markup, and count as identifiers of the document.
"""
import csv
import re
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

DOCS = {
    "nm01": dict(fmt="docx_bold", I="Interviewer", R="Respondent"),
    "nm02": dict(fmt="vtt", I="[[Lotte Kodde|PERSOON]]", R="[[Henk-Jan Minderhoud|PERSOON]]"),
    "nm03": dict(fmt="txt_spreker", I="Spreker 1", R="Spreker 2"),
    "nm04": dict(fmt="srt", I="[[Daan|PERSOON]]", R="[[Anouk|PERSOON]]"),
    "nm05": dict(fmt="txt_ir", I="I", R="R"),
    "nm06": dict(fmt="docx_plain", I="[[Femke|PERSOON]]", R="[[Hamelink|PERSOON]]"),
}

STYLES = {
    "nm01": ("casusgericht",
             "Former probation officer who invests her own time and trust in one released man "
             "(prison visits, her own phone number, evening visits) and explicitly leaves the "
             "release agreements and working group to the chain coordinator."),
    "nm02": ("netwerkgericht",
             "Former police officer who tells a warm story about a young man he knew but hands the "
             "contact to a colleague and invests in release-notification agreements, an escalation "
             "ladder, privacy training and trust between organisations across Zeeland."),
    "nm03": ("casusgericht",
             "Terse former GGZ nurse who names many partners and a recurring MDO, but every contact "
             "serves one man's five-point plan and he declines the regional working group."),
    "nm04": ("onbepaald",
             "Genuinely mixed: municipal adviser who splits her week about equally between her own "
             "trust work with a young woman and building signalling meetings, notes and agreements "
             "between organisations, and says she wants both."),
    "nm05": ("casusgericht",
             "Former family guardian who is angry about school and waiting-list systems but solves "
             "every barrier in person for one boy and refuses to write it up for the chain meeting."),
    "nm06": ("onbepaald",
             "Too little evidence: guarded former DJI adviser who refuses examples and speaks only in "
             "procedures and generalities, never showing where his own effort goes."),
}

MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip(text, ids):
    def repl(m):
        assert m.group(2) in TYPES, m.group(0)
        ids.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(repl, text)


def parse(doc_id):
    raw = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    ids = []
    header, turns = [], []
    for para in re.split(r"\n\s*\n", raw.strip()):
        para = " ".join(line.strip() for line in para.splitlines())
        kind, _, text = para.partition(": ")
        if kind == "H":
            header.append(strip(text, ids))
            continue
        assert kind in ("I", "R"), para[:60]
        ori = None
        if kind == "R":
            m = ORI.search(text)
            assert m, f"{doc_id}: respondent turn without orientation tag: {text[:60]}"
            ori = m.group(1)
            text = text[: m.start()]
        else:
            assert not ORI.search(text), f"{doc_id}: tag on interviewer turn"
        turns.append((kind, strip(text, ids).strip(), ori))
    for i, (kind, _, _) in enumerate(turns):
        assert kind == ("I" if i % 2 == 0 else "R"), f"{doc_id}: turns do not alternate at {i + 1}"
    return header, turns, ids


def sentences(text):
    return re.split(r"(?<=[.!?])\s+(?=[A-Z(\u00c0-\u00dd])", text)


def chunks(text, limit):
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > limit:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timeline(turns, start=3.0, wps=2.6, gap=0.9):
    t = start
    out = []
    for kind, text, _ in turns:
        dur = max(1.5, len(text.split()) / wps)
        out.append((t, t + dur))
        t += dur + gap
    return out


def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph()
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[kind] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{labels[kind]}: {text}")
    d.save(path)


def write_vtt(path, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    for (kind, text, _), (a, b) in zip(turns, timeline(turns)):
        parts = chunks(text, 24)
        total = sum(len(p.split()) for p in parts)
        t = a
        for p in parts:
            dur = (b - a) * len(p.split()) / total
            lines.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
            lines.append(f"<v {labels[kind]}>{p}</v>")
            lines.append("")
            t += dur
    path.write_text("\n".join(lines), encoding="utf-8")


LOOKS_LIKE_LABEL = re.compile(r"^[^:.!?]{1,40}:\s")


def write_srt(path, turns, labels):
    blocks = []
    for n, ((kind, text, _), (a, b)) in enumerate(zip(turns, timeline(turns, wps=2.4)), 1):
        lines = []
        for c in chunks(f"{labels[kind]}: {text}", 16):
            # never start a continuation line with something that looks like "Name: ..."
            if lines and LOOKS_LIKE_LABEL.match(c):
                lines[-1] += " " + c
            else:
                lines.append(c)
        body = "\r\n".join(lines)
        blocks.append(f"{n}\r\n{ts(a, ',')} --> {ts(b, ',')}\r\n{body}\r\n")
    path.write_bytes("\r\n".join(blocks).encode("utf-8"))


def write_spreker(path, header, turns, labels):
    lines = list(header) + [""]
    for (kind, text, _), (a, _) in zip(turns, timeline(turns, start=4.0, wps=2.5)):
        lines.append(f"[{ts(a, ',')[:8]}] {labels[kind]}: {text}")
        lines.append("")
    path.write_bytes("\r\n".join(lines).encode("cp1252"))


def write_ir(path, header, turns, labels):
    lines = list(header) + [""]
    for kind, text, _ in turns:
        lines.append(f"{labels[kind]}: {text}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt_spreker": "txt", "txt_ir": "txt"}


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    id_rows, ori_rows, summary = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns, ids = parse(doc_id)
        labels = {}
        for k in ("I", "R"):
            labels[k] = strip(cfg[k], ids)
        fmt = cfg["fmt"]
        path = OUT / f"{doc_id}.{EXT[fmt]}"
        if fmt == "docx_bold":
            write_docx(path, header, turns, labels, bold=True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, labels, bold=False)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels)
        elif fmt == "srt":
            assert not header, "srt has no header"
            write_srt(path, turns, labels)
        elif fmt == "txt_spreker":
            write_spreker(path, header, turns, labels)
        elif fmt == "txt_ir":
            write_ir(path, header, turns, labels)
        seen = {}
        for text, typ in ids:
            if text in seen:
                assert seen[text] == typ, f"{doc_id}: {text} typed {seen[text]} and {typ}"
                continue
            seen[text] = typ
            id_rows.append((doc_id, text, typ))
        for i, (kind, _, ori) in enumerate(turns, 1):
            if kind == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, ori))
        words = sum(len(t.split()) for _, t, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        summary.append((doc_id, fmt, words, nresp, len(seen),
                        sum(1 for _, _, o in turns if o == "casus"),
                        sum(1 for _, _, o in turns if o == "netwerk")))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows, key=lambda r: (r[0], r[1])))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    for row in summary:
        print("%s %-12s words=%d resp_turns=%d ids=%d casus=%d netwerk=%d" % row)


if __name__ == "__main__":
    main()
