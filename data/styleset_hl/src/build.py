"""Build the transcripts and csv files of set HL from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
Source format (src/<doc>.txt): '# style:' and '# rationale:' lines, then
paragraphs separated by blank lines, each 'H: ' (header), 'I: ' (interviewer)
or 'R: ' (respondent, ending in {casus}, {netwerk} or {-}); identifiers inline
as [[text|TYPE]].
"""
import csv
import re
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

# per document: format, speaker labels (interviewer, respondent), label identifiers
DOCS = {
    "hl01": dict(fmt="vtt", labels=("Lotte Brink", "Jantina Oosterhof"), start=3),
    "hl02": dict(fmt="docx_bold", labels=("Sanne Hoekstra", "Henk Zwerver")),
    "hl03": dict(fmt="txt_ir", labels=("I", "R"), enc="cp1252"),
    "hl04": dict(fmt="srt", labels=("Femke", "Berend"), start=2),
    "hl05": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), enc="utf-8", start=1),
    "hl06": dict(fmt="docx_plain", labels=("Interviewer", "Respondent")),
}
LABEL_IDS = {
    "hl01": ["Lotte Brink", "Jantina Oosterhof"],
    "hl02": ["Sanne Hoekstra", "Henk Zwerver"],
    "hl04": ["Femke", "Berend"],
}
EXT = {"vtt": "vtt", "srt": "srt", "docx_bold": "docx", "docx_plain": "docx",
       "txt_ir": "txt", "txt_ts": "txt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(path):
    style = rationale = None
    paras = []
    text = path.read_text(encoding="utf-8")
    body = []
    for line in text.splitlines():
        if line.startswith("# style:"):
            style = line.split(":", 1)[1].strip()
        elif line.startswith("# rationale:"):
            rationale = line.split(":", 1)[1].strip()
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body).strip()):
        block = " ".join(block.split("\n")).strip()
        kind, rest = block[:2], block[3:].strip()
        assert kind in ("H:", "I:", "R:"), block[:40]
        ori = None
        if kind == "R:":
            m = ORI_RE.search(rest)
            assert m, "missing orientation: " + rest[-60:]
            ori = m.group(1)
            rest = rest[: m.start()].rstrip()
        paras.append((kind[0], rest, ori))
    return style, rationale, paras


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids(s):
    out = []
    for m in ID_RE.finditer(s):
        assert m.group(2) in TYPES, m.group(2)
        out.append((m.group(1), m.group(2)))
    return out


def sentences(text):
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z\"(À-Ý])", text)
    return [p for p in parts if p]


def chunks(text, maxw=22):
    out, cur = [], []
    for s in sentences(text):
        n = len(s.split())
        have = len(" ".join(cur).split())
        if cur and have >= 6 and have + n > maxw:
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


def timed_cues(turns, start):
    """turns: list of (speaker_label, text). yields (t0, t1, label, chunk)."""
    t = float(start)
    for label, text in turns:
        for c in chunks(text):
            dur = max(1.2, len(c.split()) / 2.2)
            yield t, t + dur, label, c
            t += dur + 0.15
        t += 1.6


def build_vtt(doc, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    for t0, t1, label, c in timed_cues(turns, cfg.get("start", 0)):
        lines.append(f"{ts(t0, '.')} --> {ts(t1, '.')}")
        lines.append(f"<v {label}>{c}")
        lines.append("")
    (OUT / f"{doc}.vtt").write_text("\n".join(lines), encoding="utf-8")


def build_srt(doc, cfg, header, turns):
    assert not header
    lines = []
    for i, (t0, t1, label, c) in enumerate(timed_cues(turns, cfg.get("start", 0)), 1):
        lines += [str(i), f"{ts(t0, ',')} --> {ts(t1, ',')}", f"{label}: {c}", ""]
    data = "\r\n".join(lines) + "\r\n"
    (OUT / f"{doc}.srt").write_bytes(data.encode("utf-8"))


def build_docx(doc, cfg, header, turns, bold):
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
    for label, text in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{label}:")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label}: {text}")
    d.core_properties.author = "transcriptie"
    d.save(OUT / f"{doc}.docx")


def build_txt_ir(doc, cfg, header, turns):
    lines = list(header) + [""]
    for label, text in turns:
        lines.append(f"{label}: {text}")
        lines.append("")
    data = "\r\n".join(lines)
    (OUT / f"{doc}.txt").write_bytes(data.encode(cfg["enc"]))


def build_txt_ts(doc, cfg, header, turns):
    lines = list(header) + [""]
    t = float(cfg.get("start", 0))
    for label, text in turns:
        lines.append(f"[{ts(t, ',')[:8]}] {label}: {text}")
        lines.append("")
        t += len(text.split()) / 2.2 + 3
    (OUT / f"{doc}.txt").write_bytes("\n".join(lines).encode(cfg["enc"]))


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, oris, idrows = [], [], []
    for doc, cfg in DOCS.items():
        style, rationale, paras = parse_source(SRC / f"{doc}.txt")
        header = [plain(t) for k, t, _ in paras if k == "H"]
        seen = []
        for name in LABEL_IDS.get(doc, []):
            seen.append((name, "PERSOON"))
        turns = []
        idx = 0
        for k, t, o in paras:
            seen.extend(ids(t))
            if k == "H":
                continue
            idx += 1
            label = cfg["labels"][0 if k == "I" else 1]
            assert (k == "I") == (idx % 2 == 1), (doc, idx)
            turns.append((label, plain(t)))
            if k == "R" and o in ("casus", "netwerk"):
                oris.append((doc, idx, o))
        fmt = cfg["fmt"]
        if fmt == "vtt":
            build_vtt(doc, cfg, header, turns)
        elif fmt == "srt":
            build_srt(doc, cfg, header, turns)
        elif fmt == "docx_bold":
            build_docx(doc, cfg, header, turns, True)
        elif fmt == "docx_plain":
            build_docx(doc, cfg, header, turns, False)
        elif fmt == "txt_ir":
            build_txt_ir(doc, cfg, header, turns)
        elif fmt == "txt_ts":
            build_txt_ts(doc, cfg, header, turns)
        done = set()
        for s, typ in seen:
            if s not in done:
                done.add(s)
                idrows.append((doc, s, typ))
        styles.append((doc, style, rationale))
        words = sum(len([w for w in t.split() if re.search(r"\w", w)]) for _, t in turns)
        print(doc, fmt, "turns", len(turns), "resp", len(turns) // 2, "words", words)
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)


if __name__ == "__main__":
    main()
