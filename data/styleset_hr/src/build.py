"""Build the transcripts of set HR and its three csv files from the annotated sources.

Run with:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt), one paragraph (line) per turn:
  # style: <casusgericht|netwerkgericht|onbepaald>
  # rationale: <one sentence>
  H: header line                       (0..n, printed before the turns where the format allows)
  I: interviewer turn
  R: respondent turn {casus|netwerk|-}
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

# per document: delivery format, speaker labels, and which labels are names (PERSOON)
DOCS = {
    "hr01": dict(fmt="srt", crlf=True, labels={"I": "Lotte", "R": "Ruud"},
                 label_ids=["Lotte", "Ruud"], start=3.4),
    "hr02": dict(fmt="docx", bold=True, labels={"I": "Interviewer", "R": "Yvonne"},
                 label_ids=["Yvonne"]),
    "hr03": dict(fmt="txt", enc="cp1252", crlf=True, labels={"I": "I", "R": "R"},
                 label_ids=[]),
    "hr04": dict(fmt="vtt", labels={"I": "Onderzoeker", "R": "Samira Bouzian"},
                 label_ids=["Samira Bouzian"], start=6.1),
    "hr05": dict(fmt="txt_ts", enc="utf-8", crlf=False,
                 labels={"I": "Spreker 1", "R": "Spreker 2"}, label_ids=[], start=2.0),
    "hr06": dict(fmt="docx", bold=False, labels={"I": "Interviewer", "R": "Monique"},
                 label_ids=["Monique"]),
}

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)


def strip_markup(s):
    """Return plain text, list of (start, end, text, type)."""
    out, spans, pos = [], [], 0
    plain_len = 0
    for m in TAG.finditer(s):
        before = s[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ!r} in {s[:60]!r}")
        spans.append((plain_len, plain_len + len(text), text, typ))
        out.append(text)
        plain_len += len(text)
        pos = m.end()
    out.append(s[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"broken markup: {s[:80]!r}")
    return plain, spans


def parse(doc_id):
    meta, header, turns = {}, [], []
    for raw in (SRC / f"{doc_id}.txt").read_text("utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        tag, _, body = line.partition(": ")
        if tag == "H":
            header.append(strip_markup(body))
        elif tag in ("I", "R"):
            ori = None
            if tag == "R":
                m = ORI.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without {{casus|netwerk|-}}: {body[:60]!r}")
                ori = m.group(1)
                body = body[:m.start()]
            elif ORI.search(body):
                sys.exit(f"{doc_id}: orientation on interviewer turn")
            plain, spans = strip_markup(body)
            turns.append(dict(speaker=tag, text=plain, spans=spans, ori=ori))
        else:
            sys.exit(f"{doc_id}: unknown paragraph {line[:40]!r}")
    for i, t in enumerate(turns):
        if t["speaker"] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
        if FORBIDDEN.search(t["text"]):
            sys.exit(f"{doc_id}: forbidden word in turn {i + 1}")
    return meta, header, turns


# ---------------------------------------------------------------- cue splitting
def split_points(text, spans, chars=".?!"):
    pts = []
    for i in range(1, len(text)):
        if text[i] == " " and text[i - 1] in chars:
            if any(s < i < e for s, e, _, _ in spans):
                continue
            pts.append(i)
    return pts


def pieces(text, spans, pts):
    """Split text at the given points; return (offset, piece) pairs."""
    out, prev = [], 0
    for p in pts + [len(text)]:
        chunk = text[prev:p]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            out.append((prev + lead, chunk.strip()))
        prev = p + 1
    return out


def cues_for(text, spans, max_words=17):
    units = []
    for off, s in pieces(text, spans, split_points(text, spans)):
        if len(s.split()) > 24:
            sub = [(a - off, b - off, t, y) for a, b, t, y in spans if off <= a and b <= off + len(s)]
            units.extend(u for _, u in pieces(s, sub, split_points(s, sub, chars=",")))
        else:
            units.append(s)
    cues, cur = [], []
    for u in units:
        if cur and len(" ".join(cur + [u]).split()) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(u)
    if cur:
        cues.append(" ".join(cur))
    if " ".join(cues).split() != text.split():
        sys.exit("cue splitting lost text")
    # safety: identifiers must survive in one cue
    for _, _, ident, _ in spans:
        if not any(ident in c for c in cues):
            sys.exit(f"identifier {ident!r} split across cues")
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start):
    t = start
    rows = []
    for n, turn in enumerate(turns):
        for c in cues_for(turn["text"], turn["spans"]):
            dur = max(1.3, len(c.split()) / 2.55)
            rows.append((n, turn["speaker"], c, t, t + dur))
            t += dur + 0.25
        t += 0.9 + (n % 3) * 0.35
    return rows


# ---------------------------------------------------------------- writers
def write_text(path, text, enc="utf-8", crlf=False):
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(text.encode(enc))


def build_srt(doc_id, cfg, header, turns):
    lab = cfg["labels"]
    blocks = []
    for i, (_, spk, c, a, b) in enumerate(timed_cues(turns, cfg.get("start", 1.0)), 1):
        blocks.append(f"{i}\n{ts(a, ',')} --> {ts(b, ',')}\n{lab[spk]}: {c}\n")
    write_text(OUT / f"{doc_id}.srt", "\n".join(blocks), crlf=cfg.get("crlf", False))


def build_vtt(doc_id, cfg, header, turns):
    lab = cfg["labels"]
    parts = ["WEBVTT", ""]
    if header:
        parts.append("NOTE")
        parts.extend(h for h, _ in header)
        parts.append("")
    for _, spk, c, a, b in timed_cues(turns, cfg.get("start", 1.0)):
        parts.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        parts.append(f"<v {lab[spk]}>{c}</v>")
        parts.append("")
    write_text(OUT / f"{doc_id}.vtt", "\n".join(parts), crlf=cfg.get("crlf", False))


def build_txt(doc_id, cfg, header, turns):
    lab = cfg["labels"]
    lines = [h for h, _ in header]
    if header:
        lines.append("")
    for t in turns:
        lines.append(f"{lab[t['speaker']]}: {t['text']}")
        lines.append("")
    write_text(OUT / f"{doc_id}.txt", "\n".join(lines), enc=cfg["enc"], crlf=cfg.get("crlf", False))


def build_txt_ts(doc_id, cfg, header, turns):
    lab = cfg["labels"]
    lines = [h for h, _ in header]
    if header:
        lines.append("")
    t = cfg.get("start", 1.0)
    for n, turn in enumerate(turns):
        lines.append(f"[{ts(t, '.')[:8]}] {lab[turn['speaker']]}: {turn['text']}")
        lines.append("")
        t += max(2.0, len(turn["text"].split()) / 2.5) + 1.1 + (n % 4) * 0.6
    write_text(OUT / f"{doc_id}.txt", "\n".join(lines), enc=cfg["enc"], crlf=cfg.get("crlf", False))


def build_docx(doc_id, cfg, header, turns):
    lab = cfg["labels"]
    d = Document()
    d.core_properties.author = ""
    d.core_properties.last_modified_by = ""
    d.core_properties.title = ""
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    for k, (h, _) in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if k == 0:
            r.bold = True
    if header:
        d.add_paragraph("")
    for t in turns:
        p = d.add_paragraph()
        if cfg.get("bold"):
            r = p.add_run(f"{lab[t['speaker']]}:")
            r.bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(f"{lab[t['speaker']]}: {t['text']}")
    d.save(OUT / f"{doc_id}.docx")


BUILDERS = {"srt": build_srt, "vtt": build_vtt, "txt": build_txt, "txt_ts": build_txt_ts,
            "docx": build_docx}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, orient, idents = [], [], []
    print(f"{'doc':5} {'fmt':7} {'words':>5} {'R-turns':>7} {'ids':>4} {'orient':>6}")
    for doc_id, cfg in DOCS.items():
        meta, header, turns = parse(doc_id)
        BUILDERS[cfg["fmt"]](doc_id, cfg, header, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        seen = {}
        allspans = [s for _, sp in header for s in sp]
        allspans += [(0, 0, lab, "PERSOON") for lab in cfg["label_ids"]]
        for t in turns:
            allspans += t["spans"]
        for _, _, text, typ in allspans:
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc_id}: {text!r} tagged as {seen[text]} and {typ}")
            if text not in seen:
                seen[text] = typ
                idents.append((doc_id, text, typ))
        n_or = 0
        for i, t in enumerate(turns, 1):
            if t["ori"] in ("casus", "netwerk"):
                orient.append((doc_id, i, t["ori"]))
                n_or += 1
        words = sum(len(t["text"].split()) for t in turns)
        nr = sum(t["speaker"] == "R" for t in turns)
        print(f"{doc_id:5} {cfg['fmt']:7} {words:5d} {nr:7d} {len(seen):4d} {n_or:6d}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
