"""Build the setmh transcripts and label files from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/mhNN.txt):
  @key: value          metadata (id, format, ilabel, rlabel, style, rationale)
  H: ...               header line (not a turn)
  I: ... / R: ...      one paragraph per turn, strictly alternating, interviewer first
  [[text|TYPE]]        identifier, written verbatim into the transcript
  {casus} {netwerk} {-} at the end of every respondent paragraph
"""
import csv
import io
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
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "vtt": "vtt", "srt": "srt",
       "txt_cp1252": "txt", "txt_speaker": "txt"}


def strip(text):
    return ANN.sub(lambda m: m.group(1), text)


def idents(text):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(text)]


def parse(path):
    meta, header, turns = {}, [], []
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    for block in blocks:
        for line in block.split("\n"):
            if line.startswith("@"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
        body = "\n".join(l for l in block.split("\n") if not l.startswith("@")).strip()
        if not body:
            continue
        assert "\n" not in body, f"{path.name}: multi-line paragraph: {body[:60]}"
        kind, text = body[:2], body[3:].strip()
        if kind == "H:":
            header.append(text)
        elif kind == "I:":
            turns.append(["I", text, None])
        elif kind == "R:":
            m = TAG.search(text)
            assert m, f"{path.name}: respondent paragraph without tag: {text[:60]}"
            turns.append(["R", text[:m.start()].rstrip(), m.group(1)])
        else:
            raise SystemExit(f"{path.name}: unknown paragraph {body[:40]}")
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        assert t[0] == want, f"{path.name}: turn {i + 1} should be {want}"
        assert "{" not in t[1] and "}" not in t[1], f"{path.name}: stray brace in turn {i + 1}"
    return meta, header, turns


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def chunks(annotated, limit=22):
    """Split a turn into cue-sized pieces at sentence ends, never inside an annotation."""
    holders = []

    def keep(m):
        holders.append(m.group(0))
        return f"\x00{len(holders) - 1}\x00"

    safe = ANN.sub(keep, annotated)
    sentences = re.split(r"(?<=[.!?])\s+", safe)
    out, cur = [], []
    for s in sentences:
        n = len(s.split())
        if cur and sum(len(c.split()) for c in cur) + n > limit:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    restore = lambda s: re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], s)
    return [restore(c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cues(turns, labels):
    """Yield (start, end, label, text) cues with plausible timing."""
    t = 1.2
    for who, text, _ in turns:
        for piece in chunks(text):
            dur = max(1.6, len(piece.split()) / 2.7)
            yield t, t + dur, labels[who], strip(piece)
            t += dur + 0.25
        t += 0.9


def build_docx(path, header, turns, labels, bold):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, h in enumerate(header):
        p = doc.add_paragraph()
        r = p.add_run(strip(h))
        if i == 0:
            r.bold = True
        else:
            r.italic = True
    if header:
        doc.add_paragraph()
    for who, text, _ in turns:
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(f"{labels[who]}:")
            r.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(f"{labels[who]}: {strip(text)}")
    doc.save(path)


def build_vtt(path, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines += ["NOTE"] + [strip(h) for h in header] + [""]
    for a, b, who, text in cues(turns, labels):
        lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {who}>{text}", ""]
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def build_srt(path, turns, labels):
    out = []
    for n, (a, b, who, text) in enumerate(cues(turns, labels), 1):
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{who}: {text}", ""]
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))


def build_txt_cp1252(path, header, turns, labels):
    out = [strip(h) for h in header] + [""] if header else []
    for who, text, _ in turns:
        out += [f"{labels[who]}: {strip(text)}", ""]
    path.write_bytes("\r\n".join(out).encode("cp1252"))


def build_txt_speaker(path, header, turns, labels):
    out = [strip(h) for h in header] + [""] if header else []
    t = 4.0
    for who, text, _ in turns:
        sec = int(t)
        out += [f"[{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}] {labels[who]}: {strip(text)}", ""]
        t += words(strip(text)) / 2.5 + 2.5
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, ids, stats = [], [], [], []
    for src in sorted(HERE.glob("mh??.txt")):
        meta, header, turns = parse(src)
        doc_id, fmt = meta["id"], meta["format"]
        assert src.stem == doc_id
        labels = {"I": strip(meta["ilabel"]), "R": strip(meta["rlabel"])}
        found = idents(meta["ilabel"]) + idents(meta["rlabel"])
        for h in header:
            found += idents(h)
        for _, text, _ in turns:
            found += idents(text)
        seen = {}
        for text, typ in found:
            assert typ in TYPES, (doc_id, text, typ)
            assert seen.get(text, typ) == typ, f"{doc_id}: {text} has two types"
            if text not in seen:
                seen[text] = typ
                ids.append((doc_id, text, typ))
        for i, (who, _, tag) in enumerate(turns, 1):
            if who == "R" and tag in ("casus", "netwerk"):
                orient.append((doc_id, i, tag))
        styles.append((doc_id, meta["style"], meta["rationale"]))
        path = OUT / f"{doc_id}.{EXT[fmt]}"
        if fmt.startswith("docx"):
            build_docx(path, header, turns, labels, bold=(fmt == "docx_bold"))
        elif fmt == "vtt":
            build_vtt(path, header, turns, labels)
        elif fmt == "srt":
            build_srt(path, turns, labels)
        elif fmt == "txt_cp1252":
            build_txt_cp1252(path, header, turns, labels)
        elif fmt == "txt_speaker":
            build_txt_speaker(path, header, turns, labels)
        n_words = sum(words(strip(t)) for _, t, _ in turns)
        n_resp = sum(1 for w, _, _ in turns if w == "R")
        tags = [t for w, _, t in turns if w == "R"]
        stats.append((doc_id, meta["style"], path.name, n_words, n_resp,
                      tags.count("casus"), tags.count("netwerk"), len(seen)))

    with open(ROOT / "styles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)
    print("doc   style           file        words  resp  casus  netwerk  ids")
    for s in stats:
        print(f"{s[0]}  {s[1]:<14}  {s[2]:<10}  {s[3]:>5}  {s[4]:>4}  {s[5]:>5}  {s[6]:>7}  {s[7]:>3}")


if __name__ == "__main__":
    main()
