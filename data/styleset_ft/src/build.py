"""Build the six transcripts of set FT and the three csv files from the annotated sources.

Source format (src/ftNN.txt): one paragraph per turn, paragraphs separated by a blank line.
  H: header line          I: interviewer turn          R: respondent turn ... {casus|netwerk|-}
Identifiers are written inline as [[text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import textwrap

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

CONFIG = {
    # Windows-1252, CRLF, header of three lines, "I:" / "R:" labels
    "ft01": dict(fmt="txt_labels", ext="txt", encoding="cp1252", newline="\r\n",
                 i_label="I", r_label="R"),
    # WebVTT with NOTE header and <v ...> voice tags, turns spread over several cues
    "ft02": dict(fmt="vtt", ext="vtt", encoding="utf-8", newline="\n",
                 i_label="Interviewer", r_label="[[Ilse Verbrugge|PERSOON]]", start=2.4),
    # docx, bold speaker runs, two header lines
    "ft03": dict(fmt="docx", ext="docx", bold=True, i_label="Interviewer", r_label="Respondent"),
    # SRT, CRLF, "Name:" at the start of each cue, no header
    "ft04": dict(fmt="srt", ext="srt", encoding="utf-8", newline="\r\n",
                 i_label="[[Joost|PERSOON]]", r_label="[[Esra|PERSOON]]", start=1.2),
    # UTF-8 text with [hh:mm:ss] Spreker n: lines, header and speaker key
    "ft05": dict(fmt="txt_ts", ext="txt", encoding="utf-8", newline="\n",
                 i_label="Spreker 1", r_label="Spreker 2", start=4.0),
    # docx, plain (non-bold) name labels, one header line
    "ft06": dict(fmt="docx", ext="docx", bold=False, i_label="[[Sanne|PERSOON]]",
                 r_label="[[Dennis|PERSOON]]"),
}

STYLES = {
    "ft01": ("casusgericht",
             "Ronald invests his own time and trust in Dwayne himself (daily visits, the boxing school, the post on the couch) and bends the partners around this one plan while explicitly declining the PI transfer working group and the corporation agreement."),
    "ft02": ("onbepaald",
             "Genuinely mixed: Ilse splits her effort about evenly between her own close contact with Mo and chairing and escalating the PI/FAT transfer table and privacy format, and says herself she cannot tell which weighs more."),
    "ft03": ("netwerkgericht",
             "Theo leaves the daily contact to the probation officer and youth worker and invests in relations with managers, the PI notification agreement, the FAT pilot and an escalation ladder built from patterns across cases."),
    "ft04": ("onbepaald",
             "Too little evidence: Esra stays guarded and procedural (methodiek, convenant, via de lijn) and never shows where her own effort or trust goes."),
    "ft05": ("netwerkgericht",
             "Despite her warm stories about Kevin, Ineke hands the daily contact to Sjaak and invests in the evening number with the FAT, the PI introduction agreement and the corporation rule, acting on patterns across clients."),
    "ft06": ("casusgericht",
             "Dennis names nine partners and organises a round table, but every contact serves Yassin's own plan and he refuses the information-exchange working group and convenant work to stand at the gate himself."),
}


def strip_ids(text):
    return ID_RE.sub(lambda m: m.group(1), text)


def find_ids(text):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(text)]


def parse_source(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, body = p[:2], p[3:].strip()
        if kind == "H:":
            if turns:
                raise ValueError(f"{path}: header after turns: {p[:40]}")
            header.append(body)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG_RE.search(body)
                if not m:
                    raise ValueError(f"{path}: respondent turn without tag: {body[:50]}")
                tag = m.group(1)
                body = body[: m.start()].rstrip()
            elif TAG_RE.search(body):
                raise ValueError(f"{path}: interviewer turn with tag: {body[:50]}")
            speaker = "I" if kind == "I:" else "R"
            if turns and turns[-1]["speaker"] == speaker:
                raise ValueError(f"{path}: turns do not alternate at: {body[:50]}")
            if not turns and speaker != "I":
                raise ValueError(f"{path}: respondent speaks first")
            turns.append(dict(speaker=speaker, text=body, tag=tag))
        else:
            raise ValueError(f"{path}: bad paragraph prefix: {p[:40]}")
    return header, turns


def words(text):
    text = re.sub(r"\([^)]*\)", " ", text)  # stage directions such as (lacht)
    return len(re.findall(r"[\w'’-]+", text))


# ----------------------------------------------------------------- helpers for timed formats
def protect(text):
    """Make spaces inside identifiers unbreakable for wrapping/splitting."""
    return ID_RE.sub(lambda m: m.group(0).replace(" ", "\u2060"), text)


def unprotect(text):
    return text.replace("\u2060", " ")


def chunks(text, max_words=22):
    """Split a turn into cue-sized pieces at sentence boundaries."""
    p = protect(text)
    sents = re.split(r"(?<=[.?!…])\s+", p)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return [unprotect(c) for c in out]


def wrap(text, width=84):
    """Wrap annotated text into cue lines without breaking an identifier; returns plain lines."""
    p = strip_ids(protect(text))
    return [unprotect(x) for x in textwrap.wrap(p, width=width, break_long_words=False,
                                                 break_on_hyphens=False)]


def dur(text):
    return max(1.6, words(strip_ids(text)) / 2.55)


def ts_vtt(t):
    h, r = divmod(t, 3600)
    m, s = divmod(r, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"


def ts_srt(t):
    return ts_vtt(t).replace(".", ",")


def ts_hms(t):
    t = int(t)
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"


# ----------------------------------------------------------------- writers
def label(cfg, speaker):
    return cfg["i_label"] if speaker == "I" else cfg["r_label"]


def build_txt_labels(doc_id, cfg, header, turns):
    lines = [strip_ids(h) for h in header]
    if lines:
        lines.append("")
    for t in turns:
        lines.append(f"{strip_ids(label(cfg, t['speaker']))}: {strip_ids(t['text'])}")
        lines.append("")
    return cfg["newline"].join(lines)


def build_txt_ts(doc_id, cfg, header, turns):
    lines = [strip_ids(h) for h in header]
    if lines:
        lines.append("")
    t0 = cfg.get("start", 0.0)
    for t in turns:
        lines.append(f"[{ts_hms(t0)}] {strip_ids(label(cfg, t['speaker']))}: {strip_ids(t['text'])}")
        lines.append("")
        t0 += dur(t["text"]) + 1.1
    return cfg["newline"].join(lines)


def build_vtt(doc_id, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(strip_ids(h) for h in header)
        lines.append("")
    t0 = cfg.get("start", 0.0)
    for t in turns:
        name = strip_ids(label(cfg, t["speaker"]))
        for c in chunks(t["text"]):
            d = dur(c)
            lines.append(f"{ts_vtt(t0)} --> {ts_vtt(t0 + d)}")
            lines.append(f"<v {name}>{strip_ids(c)}</v>")
            lines.append("")
            t0 += d + 0.15
        t0 += 0.7
    return cfg["newline"].join(lines)


def build_srt(doc_id, cfg, header, turns):
    lines = []
    t0 = cfg.get("start", 0.0)
    for n, t in enumerate(turns, 1):
        name = strip_ids(label(cfg, t["speaker"]))
        d = dur(t["text"])
        lines.append(str(n))
        lines.append(f"{ts_srt(t0)} --> {ts_srt(t0 + d)}")
        lines.extend(wrap(f"{name}: {t['text']}"))
        lines.append("")
        t0 += d + 0.9
    return cfg["newline"].join(lines)


def build_docx(doc_id, cfg, header, turns, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(strip_ids(h))
    if header:
        d.add_paragraph("")
    for t in turns:
        p = d.add_paragraph()
        lab = strip_ids(label(cfg, t["speaker"])) + ":"
        if cfg.get("bold"):
            r = p.add_run(lab)
            r.bold = True
            p.add_run(" " + strip_ids(t["text"]))
        else:
            p.add_run(lab + " " + strip_ids(t["text"]))
    d.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    orient_rows, id_rows, summary = [], [], []
    for doc_id, cfg in CONFIG.items():
        header, turns = parse_source(os.path.join(HERE, doc_id + ".txt"))
        path = os.path.join(OUT, f"{doc_id}.{cfg['ext']}")
        fmt = cfg["fmt"]
        if fmt == "docx":
            build_docx(doc_id, cfg, header, turns, path)
        else:
            text = {"txt_labels": build_txt_labels, "txt_ts": build_txt_ts,
                    "vtt": build_vtt, "srt": build_srt}[fmt](doc_id, cfg, header, turns)
            with open(path, "wb") as f:
                f.write(text.encode(cfg["encoding"]))
        # orientation
        for i, t in enumerate(turns, 1):
            if t["speaker"] == "R" and t["tag"] in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, t["tag"]))
        # identifiers: header, labels, turns; first occurrence order, one row per distinct string
        seen = {}
        sources = header + [cfg["i_label"], cfg["r_label"]] + [t["text"] for t in turns]
        for s in sources:
            for text, typ in find_ids(s):
                if typ not in TYPES:
                    raise ValueError(f"{doc_id}: bad type {typ}")
                if text in seen and seen[text] != typ:
                    raise ValueError(f"{doc_id}: {text!r} has two types")
                if text not in seen:
                    seen[text] = typ
                    id_rows.append((doc_id, text, typ))
        n_words = sum(words(strip_ids(t["text"])) for t in turns)
        n_resp = sum(1 for t in turns if t["speaker"] == "R")
        summary.append((doc_id, fmt, n_words, n_resp, len(seen)))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id, (style, why) in STYLES.items():
            w.writerow([doc_id, style, why])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for row in summary:
        print("%s  %-10s words=%d respondent_turns=%d identifiers=%d" % row)


if __name__ == "__main__":
    main()
