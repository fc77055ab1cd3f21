"""Build the setKZ transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/kzNN.txt):
  '# style: <style>' and '# rationale: <sentence>' comment lines,
  then one paragraph per turn separated by blank lines:
  'H: ' header line, 'I: ' interviewer turn, 'R: ' respondent turn.
  Identifiers inline as [[text|TYPE]]; each R paragraph ends with {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT_T = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: delivery format and speaker labels (label names that are persons -> PERSOON)
DOCS = {
    "kz01": dict(fmt="docx", bold=True, I="Interviewer", R="Marcia Doelwijt", label_ids=["Marcia Doelwijt"]),
    "kz02": dict(fmt="vtt", I="Interviewer", R="Rudsel Martina", label_ids=["Rudsel Martina"]),
    "kz03": dict(fmt="txt", enc="cp1252", nl="\r\n", I="I", R="R", label_ids=[]),
    "kz04": dict(fmt="srt", nl="\r\n", I="Interviewer", R="Errol", label_ids=["Errol"]),
    "kz05": dict(fmt="txt_ts", enc="utf-8", nl="\n", I="Spreker 1", R="Spreker 2", label_ids=[]),
    "kz06": dict(fmt="docx", bold=False, I="Interviewer", R="Respondent", label_ids=[]),
}

ANN = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    return ANN.sub(lambda m: m.group(1), text)


def parse_source(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta, header, turns = {}, [], []
    for para in re.split(r"\n\s*\n", raw):
        lines = []
        for line in para.strip().splitlines():
            m = re.match(r"#\s*(\w+):\s*(.*)$", line)
            if m:
                meta[m.group(1)] = m.group(2).strip()
            elif line.strip():
                lines.append(line.strip())
        if not lines:
            continue
        para = " ".join(lines)
        kind, body = para[:2], para[3:].strip()
        if kind == "H:":
            if turns:
                sys.exit(f"{doc_id}: header after first turn")
            header.append(body)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without tag: {body[:60]}")
                tag = m.group(1)
                body = body[:m.start()].rstrip()
            elif TAG.search(body):
                sys.exit(f"{doc_id}: interviewer paragraph with tag")
            turns.append((kind[0], body, tag))
        else:
            sys.exit(f"{doc_id}: bad paragraph start: {para[:40]}")
    for k in range(len(turns)):
        want = "I" if k % 2 == 0 else "R"
        if turns[k][0] != want:
            sys.exit(f"{doc_id}: turn {k + 1} should be {want}")
    return meta, header, turns


def identifiers(doc_id, header, turns, cfg):
    seen = {}
    for text in header + [t[1] for t in turns]:
        for m in ANN.finditer(text):
            s, ty = m.group(1), m.group(2)
            if ty not in TYPES:
                sys.exit(f"{doc_id}: bad type {ty}")
            if s in seen and seen[s] != ty:
                sys.exit(f"{doc_id}: {s!r} has two types")
            seen[s] = ty
    for lab in cfg["label_ids"]:
        if lab in seen and seen[lab] != "PERSOON":
            sys.exit(f"{doc_id}: label {lab} typed differently")
        seen.setdefault(lab, "PERSOON")
    return seen


def split_cues(annotated, max_words=22):
    """Split an annotated turn into cue texts at sentence ends, never inside [[...]]."""
    protected = [(m.start(), m.end()) for m in ANN.finditer(annotated)]
    cuts = []
    for m in re.finditer(r"(?<=[.!?…)])\s+(?=[A-Z\"'“„À-Ý])", annotated):
        if not any(a < m.start() < b for a, b in protected):
            cuts.append((m.start(), m.end()))
    sentences, pos = [], 0
    for a, b in cuts:
        sentences.append(annotated[pos:a])
        pos = b
    sentences.append(annotated[pos:])
    cues, cur = [], []
    for s in sentences:
        n = len(strip(s).split())
        if cur and len(strip(" ".join(cur)).split()) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return [strip(c) for c in cues]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start=2.4):
    """Yield (speaker, start, end, text) for all cues, with speech-like timing."""
    t = start
    out = []
    for who, body, _ in turns:
        for cue in split_cues(body):
            dur = max(1.2, len(cue.split()) * 0.37)
            out.append((who, t, t + dur, cue))
            t += dur + 0.15
        t += 0.7
    return out


def build_docx(doc_id, cfg, header, turns):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = cfg["bold"]
    if header:
        d.add_paragraph()
    for who, body, _ in turns:
        label = cfg[who]
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + strip(body))
        else:
            p.add_run(label + ": " + strip(body))
    d.save(os.path.join(OUT_T, doc_id + ".docx"))


def build_txt(doc_id, cfg, header, turns):
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    for who, body, _ in turns:
        lines.append(f"{cfg[who]}: {strip(body)}")
        lines.append("")
    text = cfg["nl"].join(lines)
    with open(os.path.join(OUT_T, doc_id + ".txt"), "wb") as f:
        f.write(text.encode(cfg["enc"]))


def build_txt_ts(doc_id, cfg, header, turns):
    lines = [strip(h) for h in header]
    lines.append("")
    t = 3.0
    for who, body, _ in turns:
        text = strip(body)
        lines.append(f"[{ts(t, ',')[:8]}] {cfg[who]}: {text}")
        lines.append("")
        t += len(text.split()) * 0.37 + 1.1
    with open(os.path.join(OUT_T, doc_id + ".txt"), "wb") as f:
        f.write(cfg["nl"].join(lines).encode(cfg["enc"]))


def build_vtt(doc_id, cfg, header, turns):
    lines = ["WEBVTT", "", "NOTE"]
    lines += [strip(h) for h in header]
    lines.append("")
    for k, (who, a, b, text) in enumerate(timed_cues(turns), 1):
        lines.append(f"{doc_id}-{k:04d}")
        lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        lines.append(f"<v {cfg[who]}>{text}</v>")
        lines.append("")
    with open(os.path.join(OUT_T, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_srt(doc_id, cfg, header, turns):
    if header:
        sys.exit(f"{doc_id}: srt has no header")
    lines = []
    for k, (who, a, b, text) in enumerate(timed_cues(turns, start=1.1), 1):
        lines += [str(k), f"{ts(a, ',')} --> {ts(b, ',')}", f"{cfg[who]}: {text}", ""]
    with open(os.path.join(OUT_T, doc_id + ".srt"), "wb") as f:
        f.write(cfg["nl"].join(lines).encode("utf-8"))


BUILDERS = {"docx": build_docx, "txt": build_txt, "txt_ts": build_txt_ts,
            "vtt": build_vtt, "srt": build_srt}


def main():
    os.makedirs(OUT_T, exist_ok=True)
    for fn in os.listdir(OUT_T):
        os.remove(os.path.join(OUT_T, fn))
    styles, orient, ids = [], [], []
    for doc_id, cfg in DOCS.items():
        meta, header, turns = parse_source(doc_id)
        BUILDERS[cfg["fmt"]](doc_id, cfg, header, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for k, (who, _, tag) in enumerate(turns, 1):
            if who == "R" and tag in ("casus", "netwerk"):
                orient.append((doc_id, k, tag))
        for s, ty in identifiers(doc_id, header, turns, cfg).items():
            ids.append((doc_id, s, ty))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)
    print(f"built {len(DOCS)} transcripts, {len(orient)} orientation rows, {len(ids)} identifiers")


if __name__ == "__main__":
    main()
