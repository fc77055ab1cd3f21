#!/usr/bin/env python3
"""Build setIO: transcripts/ and styles.csv, orientation.csv, identifiers.csv from src/ioNN.txt.

Source format (one paragraph per line, blank line between paragraphs):
  S: <style> | <rationale>         style line (not part of the transcript)
  H: <header line>                  header / metadata line
  I: <interviewer turn>
  R: <respondent turn> {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
TAG = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")

# per document: delivery format and speaker labels (interviewer, respondent);
# label_ids = speaker labels that are names (they count as PERSOON identifiers)
DOCS = {
    "io01": dict(fmt="docx_bold", I="Marloes", R="Anneke", label_ids=["Marloes", "Anneke"]),
    "io02": dict(fmt="txt_ir", I="I", R="R", enc="cp1252", nl="\r\n", label_ids=[]),
    "io03": dict(fmt="vtt", I="Sanne Vos", R="Albert Schuiling",
                 label_ids=["Sanne Vos", "Albert Schuiling"]),
    "io04": dict(fmt="srt", I="Bas", R="Ineke", nl="\r\n", label_ids=["Bas", "Ineke"]),
    "io05": dict(fmt="txt_spreker", I="Spreker 1", R="Spreker 2", enc="utf-8", nl="\n",
                 label_ids=[]),
    "io06": dict(fmt="docx_plain", I="Interviewer", R="Respondent", label_ids=[]),
}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir": "txt", "txt_spreker": "txt",
       "vtt": "vtt", "srt": "srt"}

WPS = 2.6  # spoken words per second, for invented timestamps


def die(msg):
    print("ERROR:", msg)
    sys.exit(1)


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def nwords(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def parse_src(doc):
    text = (HERE / f"{doc}.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    style = rationale = None
    header, turns = [], []
    for p in paras:
        if "\n" in p:
            die(f"{doc}: paragraph spans several lines: {p[:60]}")
        kind, _, body = p.partition(": ")
        if kind == "S":
            style, _, rationale = body.partition(" | ")
            if style not in STYLES:
                die(f"{doc}: bad style {style}")
        elif kind == "H":
            if turns:
                die(f"{doc}: header after turns")
            header.append(body)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", body)
                if not m:
                    die(f"{doc}: respondent paragraph without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}", body):
                die(f"{doc}: orientation on interviewer turn")
            turns.append((kind, body, orient))
        else:
            die(f"{doc}: unknown paragraph kind {kind!r}")
    if style is None:
        die(f"{doc}: no S: line")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            die(f"{doc}: turns do not alternate at turn {i + 1}")
    for p in header + [t[1] for t in turns]:
        for m in TAG.finditer(p):
            if m.group(2) not in TYPES:
                die(f"{doc}: bad type {m.group(2)}")
        if "[[" in TAG.sub("", p) or "]]" in TAG.sub("", p):
            die(f"{doc}: broken tag in {p[:60]}")
    return style, rationale, header, turns


def identifiers(doc, header, turns):
    seen = {}
    for lab in DOCS[doc]["label_ids"]:
        seen.setdefault(lab, "PERSOON")
    for p in header + [t[1] for t in turns]:
        for m in TAG.finditer(p):
            s, t = m.group(1), m.group(2)
            if s in seen and seen[s] != t:
                die(f"{doc}: {s!r} tagged both {seen[s]} and {t}")
            seen.setdefault(s, t)
    # warn about untagged occurrences of an identifier string
    masked = " \n ".join(TAG.sub(" \x00 ", p) for p in header + [t[1] for t in turns])
    for s in seen:
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", masked):
            print(f"WARNING {doc}: untagged occurrence of {s!r}")
    return seen


def split_cues(text, maxw=14):
    """Split a turn into cue texts at sentence ends (and commas in long sentences)."""
    sents = re.split(r"(?<=[.!?])\s+", text)
    pieces = []
    for s in sents:
        if nwords(s) > 20:
            parts = re.split(r"(?<=,)\s+", s)
            buf = ""
            for p in parts:
                if buf and nwords(buf) + nwords(p) > maxw:
                    pieces.append(buf)
                    buf = p
                else:
                    buf = (buf + " " + p).strip()
            if buf:
                pieces.append(buf)
        else:
            pieces.append(s)
    cues, buf = [], ""
    for p in pieces:
        if buf and nwords(buf) + nwords(p) > maxw:
            cues.append(buf)
            buf = p
        else:
            buf = (buf + " " + p).strip()
    if buf:
        cues.append(buf)
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, cfg):
    """Yield (start, end, label, text) for every cue; one turn may span several cues."""
    t = 1.2
    for kind, body, _ in turns:
        label = cfg[kind]
        for c in split_cues(plain(body)):
            dur = max(1.2, nwords(c) / WPS)
            yield t, t + dur, label, c
            t += dur + 0.25
        t += 0.9


def build_docx(doc, cfg, header, turns, path):
    from docx import Document
    from docx.shared import Pt
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if cfg["fmt"] == "docx_bold":
            r.italic = True
    if header:
        d.add_paragraph("")
    for kind, body, _ in turns:
        p = d.add_paragraph()
        if cfg["fmt"] == "docx_bold":
            p.add_run(cfg[kind] + ":").bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{cfg[kind]}: {plain(body)}")
    d.core_properties.title = f"Transcript {doc}"
    d.core_properties.author = "transcriptie"
    d.save(path)


def build_txt_ir(doc, cfg, header, turns, path):
    lines = [plain(h) for h in header] + [""]
    for kind, body, _ in turns:
        lines += [f"{cfg[kind]}: {plain(body)}", ""]
    path.write_bytes(cfg["nl"].join(lines).encode(cfg["enc"]))


def build_txt_spreker(doc, cfg, header, turns, path):
    lines = [plain(h) for h in header] + [""]
    t = 4.0
    for kind, body, _ in turns:
        txt = plain(body)
        sec = int(t)
        lines += [f"[{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}] {cfg[kind]}: {txt}", ""]
        t += nwords(txt) / WPS + 1.5
    path.write_bytes(cfg["nl"].join(lines).encode(cfg["enc"]))


def build_vtt(doc, cfg, header, turns, path):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h) for h in header]
        out.append("")
    for i, (a, b, label, c) in enumerate(timed_cues(turns, cfg), 1):
        out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label}>{c}</v>", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def build_srt(doc, cfg, header, turns, path):
    if header:
        die(f"{doc}: srt delivery has no header")
    out = []
    for i, (a, b, label, c) in enumerate(timed_cues(turns, cfg), 1):
        out += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {c}", ""]
    path.write_bytes(cfg["nl"].join(out).encode("utf-8"))


BUILDERS = {"docx_bold": build_docx, "docx_plain": build_docx, "txt_ir": build_txt_ir,
            "txt_spreker": build_txt_spreker, "vtt": build_vtt, "srt": build_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, orient_rows, id_rows = [], [], []
    for doc, cfg in DOCS.items():
        style, rationale, header, turns = parse_src(doc)
        ids = identifiers(doc, header, turns)
        path = OUT / f"{doc}.{EXT[cfg['fmt']]}"
        BUILDERS[cfg["fmt"]](doc, cfg, header, turns, path)
        styles.append((doc, style, rationale))
        for i, (kind, _, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        for s, t in ids.items():
            id_rows.append((doc, s, t))
        words = sum(nwords(plain(b)) for _, b, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        oc = {x: sum(1 for k, _, o in turns if o == x) for x in ("casus", "netwerk", "-")}
        print(f"{doc}: {path.name:9s} style={style:15s} words={words:5d} resp_turns={nr:3d} "
              f"ids={len(ids):3d} orient={oc}")
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


if __name__ == "__main__":
    main()
