"""Build the transcripts and the three csv files of set GZ from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc>.txt): one paragraph per turn, separated by blank lines,
  H: header line   I: interviewer turn   R: respondent turn ending in {casus}/{netwerk}/{-}
identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

DOCS = {
    "gz01": dict(fmt="docx_bold", ext="docx", ilabel="Interviewer", rlabel="Respondent", names=False),
    "gz02": dict(fmt="txt_ts", ext="txt", enc="cp1252", crlf=True, ilabel="Spreker 1", rlabel="Spreker 2", names=False),
    "gz03": dict(fmt="vtt", ext="vtt", ilabel="Bart Hoekstra", rlabel="Joyce Amankwah", names=True),
    "gz04": dict(fmt="srt", ext="srt", crlf=True, ilabel="Sanne", rlabel="Hakim", names=True),
    "gz05": dict(fmt="txt_ir", ext="txt", enc="utf-8", crlf=False, ilabel="I", rlabel="R", names=False),
    "gz06": dict(fmt="docx_plain", ext="docx", ilabel="Thijs", rlabel="Sevda", names=True),
}

STYLES = {
    "gz01": ("netwerkgericht",
             "Former police officer who tells warm, detailed client stories but hands daily contact to a boxing coach and probation officer and invests her own effort in the corporation, debt-relief and wijkteam agreements that outlast her."),
    "gz02": ("casusgericht",
             "Terse former child-protection worker whose effort and trust go into one boy and his mother; partners are recruited for the boy's plan and he explicitly declines working groups and structural agendas."),
    "gz03": ("onbepaald",
             "Genuinely mixed: former probation officer who invests about equally in sitting with her client over his debts and in chairing and maintaining a debt table and information agreements between organisations."),
    "gz04": ("netwerkgericht",
             "Terse former municipal safety officer who sees the youth twice, leaves contact to a youth worker and invests in agreements with a debt collector, corporation, team chiefs and overlapping meetings."),
    "gz05": ("casusgericht",
             "Warm former wijkteam worker who names many partners and meetings but attends them only for one young man and his family, and declines the housing working group."),
    "gz06": ("onbepaald",
             "Genuinely mixed: former Veilig Thuis worker who personally works the kitchen table, the family and the debts of her client while equally chairing the housing meeting and building police and plan agreements."),
}

ID_RE = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}


def parse_src(doc):
    text = open(os.path.join(HERE, doc + ".txt"), encoding="utf-8").read()
    header, turns, ids = [], [], []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(para.split())
        kind, body = para[:2], para[2:].strip()
        orient = None
        if kind == "R:":
            m = TAG_RE.search(body)
            if not m:
                raise SystemExit(f"{doc}: respondent paragraph without tag: {body[:60]}")
            orient = m.group(1)
            body = body[: m.start()]
        elif TAG_RE.search(body):
            raise SystemExit(f"{doc}: tag on non-respondent paragraph: {body[:60]}")
        spans = []
        plain = ""
        pos = 0
        for m in ID_RE.finditer(body):
            plain += body[pos:m.start()]
            start = len(plain)
            plain += m.group(1)
            spans.append((start, len(plain)))
            if m.group(2) not in TYPES:
                raise SystemExit(f"{doc}: bad type {m.group(2)}")
            ids.append((m.group(1), m.group(2)))
            pos = m.end()
        plain += body[pos:]
        if "[[" in plain or "]]" in plain:
            raise SystemExit(f"{doc}: unbalanced identifier markup: {plain[:80]}")
        if kind == "H:":
            if turns:
                raise SystemExit(f"{doc}: header after turns")
            header.append(plain)
        elif kind in ("I:", "R:"):
            who = "I" if kind == "I:" else "R"
            if turns and turns[-1]["who"] == who:
                raise SystemExit(f"{doc}: two {who} turns in a row")
            if not turns and who != "I":
                raise SystemExit(f"{doc}: first turn is not the interviewer")
            turns.append(dict(who=who, text=plain, spans=spans, orient=orient))
        else:
            raise SystemExit(f"{doc}: bad paragraph {para[:40]}")
    return header, turns, ids


# ---------- cue splitting -------------------------------------------------

def _inside(pos, spans):
    return any(s < pos < e for s, e in spans)


def sentences(text, spans):
    out, start = [], 0
    for m in re.finditer(r"[.?!…]+[\"”’)]*\s+", text):
        end = m.end()
        if _inside(m.start(), spans) or _inside(end - 1, spans):
            continue
        prev = text[start:m.start() + 1].split()[-1] if text[start:m.start() + 1].split() else ""
        # do not split after an initial such as "L." or "B."
        if re.fullmatch(r"[A-Z]\.", prev):
            continue
        out.append(text[start:end].strip())
        start = end
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def split_long(sent, maxw=22):
    words = sent.split()
    if len(words) <= maxw:
        return [sent]
    # split at commas close to the middle
    parts, cur = [], []
    for w in words:
        cur.append(w)
        if len(cur) >= 10 and w.endswith(",") and len(words) - sum(len(p) for p in parts) - len(cur) >= 5:
            parts.append(cur)
            cur = []
    if cur:
        parts.append(cur)
    return [" ".join(p) for p in parts]


def cues_for(turn, maxw=16):
    sents = []
    for s in sentences(turn["text"], turn["spans"]):
        sents.extend(split_long(s))
    cues, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.4, len(text.split()) * 0.37)


# ---------- writers ---------------------------------------------------------

def write_text(path, text, enc="utf-8", crlf=False):
    if crlf:
        text = text.replace("\n", "\r\n")
    with open(path, "wb") as f:
        f.write(text.encode(enc))


def build_txt_ts(doc, cfg, header, turns):
    lines = list(header) + [""]
    t = 3.0
    for tr in turns:
        lab = cfg["ilabel"] if tr["who"] == "I" else cfg["rlabel"]
        lines.append(f"[{ts(t, ',')[:8]}] {lab}: {tr['text']}")
        lines.append("")
        t += dur(tr["text"]) + 1.1
    write_text(os.path.join(OUT, doc + ".txt"), "\n".join(lines), cfg["enc"], cfg["crlf"])


def build_txt_ir(doc, cfg, header, turns):
    lines = list(header) + [""]
    for tr in turns:
        lab = cfg["ilabel"] if tr["who"] == "I" else cfg["rlabel"]
        lines.append(f"{lab}: {tr['text']}")
        lines.append("")
    write_text(os.path.join(OUT, doc + ".txt"), "\n".join(lines), cfg["enc"], cfg["crlf"])


def build_vtt(doc, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t, n = 2.0, 1
    for tr in turns:
        lab = cfg["ilabel"] if tr["who"] == "I" else cfg["rlabel"]
        for c in cues_for(tr):
            d = dur(c)
            lines.append(str(n))
            lines.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            lines.append(f"<v {lab}>{c}</v>")
            lines.append("")
            t += d + 0.2
            n += 1
        t += 0.9
    write_text(os.path.join(OUT, doc + ".vtt"), "\n".join(lines))


def build_srt(doc, cfg, header, turns):
    if header:
        raise SystemExit("srt has no header")
    lines = []
    t, n = 1.5, 1
    for tr in turns:
        lab = cfg["ilabel"] if tr["who"] == "I" else cfg["rlabel"]
        for k, c in enumerate(cues_for(tr, maxw=14)):
            d = dur(c)
            lines.append(str(n))
            lines.append(f"{ts(t, ',')} --> {ts(t + d, ',')}")
            lines.append(f"{lab}: {c}" if k == 0 else c)
            lines.append("")
            t += d + 0.15
            n += 1
        t += 0.8
    write_text(os.path.join(OUT, doc + ".srt"), "\n".join(lines), "utf-8", cfg.get("crlf", False))


def build_docx(doc, cfg, header, turns, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph()
    for tr in turns:
        lab = cfg["ilabel"] if tr["who"] == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + tr["text"])
        else:
            p.add_run(f"{lab}: {tr['text']}")
    d.save(os.path.join(OUT, doc + ".docx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, id_rows = [], []
    for doc, cfg in DOCS.items():
        header, turns, ids = parse_src(doc)
        fmt = cfg["fmt"]
        if fmt == "txt_ts":
            build_txt_ts(doc, cfg, header, turns)
        elif fmt == "txt_ir":
            build_txt_ir(doc, cfg, header, turns)
        elif fmt == "vtt":
            build_vtt(doc, cfg, header, turns)
        elif fmt == "srt":
            build_srt(doc, cfg, header, turns)
        elif fmt == "docx_bold":
            build_docx(doc, cfg, header, turns, True)
        elif fmt == "docx_plain":
            build_docx(doc, cfg, header, turns, False)
        for i, tr in enumerate(turns, 1):
            if tr["who"] == "R" and tr["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc, i, tr["orient"]))
        if cfg["names"]:
            ids = [(cfg["ilabel"], "PERSOON"), (cfg["rlabel"], "PERSOON")] + ids
        seen = {}
        for s, typ in ids:
            if s in seen:
                if seen[s] != typ:
                    raise SystemExit(f"{doc}: {s!r} has two types")
                continue
            seen[s] = typ
            id_rows.append((doc, s, typ))
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc, (style, why) in STYLES.items():
            w.writerow([doc, style, why])
    print("built", len(DOCS), "transcripts,", len(orient_rows), "orientation rows,", len(id_rows), "identifiers")


if __name__ == "__main__":
    main()
