#!/usr/bin/env python3
"""Build setDT from the annotated sources in this folder.

Source format (src/dtNN.txt):
  #key: value        metadata (style, rationale, format, label_i, label_r, header (repeatable))
  I: text            interviewer turn (one paragraph per turn)
  R: text {c}|{n}    respondent turn; optional trailing orientation mark (c = casus, n = netwerk)
  [[text|TYPE]]      identifier, written out as `text`, listed in identifiers.csv

Needs python-docx for the two .docx files; everything else is stdlib.
Run:  /work/main/.venv/bin/python src/build.py
"""
import csv
import json
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"
DOCS = [f"dt{i:02d}" for i in range(1, 7)]
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*\{([cn])\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx": "docx", "docx-plain": "docx", "srt": "srt", "vtt": "vtt", "txt-cp1252": "txt", "txt-timestamps": "txt"}


def strip_ids(text, sink):
    def rep(m):
        if m.group(2) not in TYPES:
            raise ValueError(f"bad identifier type {m.group(2)}")
        sink.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(rep, text)


def parse(doc):
    meta = {"header": []}
    turns = []  # (speaker 'I'/'R', text, orientation or None)
    ids = []
    for raw in (SRC / f"{doc}.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            key, _, val = raw[1:].partition(":")
            val = val.strip()
            if key == "header":
                meta["header"].append(strip_ids(val, ids))
            else:
                meta[key] = val.strip('"') if key == "rationale" else val
            continue
        if not raw.strip():
            continue
        spk, _, text = raw.partition(": ")
        assert spk in ("I", "R"), (doc, raw[:40])
        orient = None
        m = MARK_RE.search(text)
        if m:
            assert spk == "R", (doc, "mark on interviewer turn")
            orient = {"c": "casus", "n": "netwerk"}[m.group(1)]
            text = text[: m.start()]
        text = strip_ids(text.strip(), ids)
        assert "[[" not in text and "{" not in text, (doc, text[:60])
        turns.append((spk, text, orient))
    for k, (spk, _, _) in enumerate(turns):
        assert spk == ("I" if k % 2 == 0 else "R"), (doc, "alternation", k + 1)
    return meta, turns, ids


def chunks(text, max_words=22):
    sents = re.split(r"(?<=[.?!])\s+", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
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


def timed_cues(turns, labels, start=3.2):
    """Yield (speaker_label, is_first_chunk_of_turn, start, end, text)."""
    t = start
    for spk, text, _ in turns:
        first = True
        for ch in chunks(text):
            dur = max(1.4, len(ch.split()) / 2.6)
            yield labels[spk], first, t, t + dur, ch
            t += dur + 0.25
            first = False
        t += 0.6


def write_docx(path, meta, turns, labels, bold):
    import docx
    d = docx.Document()
    for h in meta["header"]:
        p = d.add_paragraph()
        r = p.add_run(h)
        if h is meta["header"][0]:
            r.bold = True
    d.add_paragraph("")
    for spk, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            p.add_run(f"{labels[spk]}:").bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{labels[spk]}: {text}")
    d.save(path)


def build(doc):
    meta, turns, ids = parse(doc)
    fmt = meta["format"]
    labels = {"I": meta["label_i"], "R": meta["label_r"]}
    path = TR / f"{doc}.{EXT[fmt]}"
    enc = "utf-8"
    if fmt in ("docx", "docx-plain"):
        write_docx(path, meta, turns, labels, bold=(fmt == "docx"))
    elif fmt == "srt":
        lines = []
        for n, (lab, first, a, b, ch) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", (f"{lab}: {ch}" if first else ch), ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        for n, (lab, first, a, b, ch) in enumerate(timed_cues(turns, labels), 1):
            lines += [f"{n}", f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{ch}</v>", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "txt-cp1252":
        enc = "cp1252"
        body = [h for h in meta["header"]] + [""]
        for spk, text, _ in turns:
            body += [f"{labels[spk]}: {text}", ""]
        path.write_bytes("\r\n".join(body).encode("cp1252"))
    elif fmt == "txt-timestamps":
        body = [h for h in meta["header"]]
        t = 4.0
        for spk, text, _ in turns:
            body.append(f"[{ts(t, ',')[:8]}] {labels[spk]}: {text}")
            t += len(text.split()) / 2.5 + 1.5
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
    else:
        raise ValueError(fmt)
    words = sum(len(text.split()) for _, text, _ in turns)
    return {
        "doc_id": doc, "file": f"transcripts/{path.name}", "format": fmt, "encoding": enc,
        "label_i": labels["I"], "label_r": labels["R"], "n_turns": len(turns),
        "respondent_turns": sum(1 for s, _, _ in turns if s == "R"), "words": words,
        "style": meta["style"], "rationale": meta["rationale"],
        "respondent": meta.get("respondent", ""),
    }, turns, ids


def main():
    TR.mkdir(exist_ok=True)
    for old in TR.iterdir():
        old.unlink()
    manifest, orient_rows, id_rows, style_rows = [], [], [], []
    for doc in DOCS:
        info, turns, ids = build(doc)
        manifest.append(info)
        style_rows.append((doc, info["style"], info["rationale"]))
        for k, (_, _, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((doc, k, o))
        seen = set()
        for ident, typ in ids:
            if ident not in seen:
                seen.add(ident)
                id_rows.append((doc, ident, typ))
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    (SRC / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    # README: table generated here, notes from src/readme_notes.md
    rows = ["| doc | respondent (voice, setting) | style | format | words | respondent turns |",
            "|---|---|---|---|---|---|"]
    voices = json.loads((SRC / "voices.json").read_text(encoding="utf-8"))
    for m in manifest:
        rows.append(f"| {m['doc_id']} | {voices[m['doc_id']]} | {m['style']} | {m['file'].split('/')[-1]} ({m['format']}, {m['encoding']}) | {m['words']} | {m['respondent_turns']} |")
    notes = (SRC / "readme_notes.md").read_text(encoding="utf-8")
    (OUT / "README.md").write_text("# setDT – blind, style-labelled interview set (Noord-Holland Noord)\n\n"
                                   + "\n".join(rows) + "\n\n" + notes, encoding="utf-8")
    for m in manifest:
        print(m["doc_id"], m["style"], m["format"], m["words"], "words,", m["respondent_turns"], "R-turns")


if __name__ == "__main__":
    main()
