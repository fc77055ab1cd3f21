#!/usr/bin/env python3
"""Build the setDX transcripts and csv files from the annotated sources in src/.

Source format (src/dxNN.src):
  #id, #format, #ilabel, #rlabel, #header  -- meta lines
  I: <text>            -- interviewer turn (one line)
  R: <text> {c|n}      -- respondent turn, optional orientation mark at the end
Identifiers are marked inline as [[verbatim text|TYPE]] (TYPE: a letter or a full type name).

Run with: /work/main/.venv/bin/python src/build.py   (python-docx is needed for the .docx files)
"""
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {
    "P": "PERSOON", "L": "LOCATIE", "A": "ADRES", "D": "DATUM", "T": "TELEFOON",
    "E": "EMAIL", "N": "DOSSIER", "J": "LEEFTIJD", "O": "ORGANISATIE_NAAM",
}
FULL = set(TYPES.values())
ORIENT = {"c": "casus", "n": "netwerk"}
GENERIC_LABELS = {"I", "R", "Interviewer", "Respondent", "Spreker 1", "Spreker 2"}
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-utf8": "txt",
       "txt-cp1252-ts": "txt", "srt": "srt", "vtt": "vtt"}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORMARK = re.compile(r"\s*\{([cn])\}\s*$")


def ident_type(code):
    if code in TYPES:
        return TYPES[code]
    if code in FULL:
        return code
    raise ValueError(f"unknown identifier type {code}")


def render(markup, found):
    def sub(m):
        found.append((m.group(1), ident_type(m.group(2))))
        return m.group(1)
    text = MARK.sub(sub, markup)
    assert "[[" not in text and "]]" not in text and "{" not in text, text
    return text


def parse(path):
    meta = {"header": []}
    turns = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if line.startswith("#"):
            key, _, val = line[1:].partition(" ")
            if key == "header":
                meta["header"].append(val)
            else:
                meta[key] = val.strip()
            continue
        if not line.strip():
            continue
        spk, _, body = line.partition(": ")
        assert spk in ("I", "R"), f"{path.name}: bad line {line[:40]!r}"
        orient = None
        m = ORMARK.search(body)
        if m:
            assert spk == "R", f"{path.name}: orientation on interviewer turn"
            orient = ORIENT[m.group(1)]
            body = body[: m.start()]
        turns.append((spk, body.strip(), orient))
    for i, (spk, _, _) in enumerate(turns):
        assert spk == ("I" if i % 2 == 0 else "R"), f"{path.name}: alternation broken at turn {i+1}"
    return meta, turns


def split_sentences(markup):
    parts = re.split(r"(?<=[.!?])\s+(?=\S)", markup)
    out, buf = [], ""
    for p in parts:  # re-join pieces that would cut an identifier in two
        buf = f"{buf} {p}" if buf else p
        if buf.count("[[") == buf.count("]]"):
            out.append(buf)
            buf = ""
    assert not buf
    return out


def cues_for(markup, max_words=17):
    cues, cur = [], []
    for s in split_sentences(markup):
        n = len(s.split())
        if cur and sum(len(x.split()) for x in cur) + n > max_words:
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


def build_doc(path):
    meta, turns = parse(path)
    doc_id, fmt = meta["id"], meta["format"]
    il, rl = meta["ilabel"], meta["rlabel"]
    found = []
    headers = [render(h, found) for h in meta["header"]]
    label = {"I": il, "R": rl}
    plain_turns = []
    for spk, body, orient in turns:
        plain_turns.append((spk, render(body, found), orient, body))
    if rl not in GENERIC_LABELS:
        found.append((rl, "PERSOON"))

    ext = EXT[fmt]
    target = OUT / f"{doc_id}.{ext}"
    if fmt.startswith("docx"):
        from docx import Document
        d = Document()
        for k, h in enumerate(headers):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = k == 0
        if headers:
            d.add_paragraph("")
        for spk, text, _, _ in plain_turns:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                p.add_run(label[spk] + ":").bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{label[spk]}: {text}")
        d.save(target)
    elif fmt == "txt-utf8":
        lines = headers + [""] if headers else []
        for spk, text, _, _ in plain_turns:
            lines += [f"{label[spk]}: {text}", ""]
        target.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "txt-cp1252-ts":
        lines = list(headers)
        t = 4.0
        for spk, text, _, _ in plain_turns:
            lines += [f"[{ts(t, ',')[:8]}] {label[spk]}: {text}", ""]
            t += len(text.split()) / 2.4 + 1.5
        data = "\r\n".join(lines).encode("cp1252")  # raises if a character does not fit
        target.write_bytes(data)
    elif fmt in ("srt", "vtt"):
        sep = "," if fmt == "srt" else "."
        blocks = []
        t = 2.0
        n = 0
        for spk, _, _, body in plain_turns:
            for cue in cues_for(body):
                text = render(cue, [])
                dur = len(text.split()) / 2.6 + 0.5
                n += 1
                if fmt == "srt":
                    blocks.append(f"{n}\n{ts(t, sep)} --> {ts(t + dur, sep)}\n{label[spk]}: {text}")
                else:
                    blocks.append(f"{ts(t, sep)} --> {ts(t + dur, sep)}\n<v {label[spk]}>{text}")
                t += dur + 0.15
            t += 0.8
        if fmt == "srt":
            target.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        else:
            head = "WEBVTT\n\n" + "".join(h + "\n\n" for h in headers)
            target.write_text(head + "\n\n".join(blocks) + "\n", encoding="utf-8")
    else:
        raise ValueError(fmt)

    words = sum(len(text.split()) for _, text, _, _ in plain_turns)
    rturns = sum(1 for spk, *_ in plain_turns if spk == "R")
    orient_rows = [(doc_id, i + 1, o) for i, (spk, _, o, _) in enumerate(plain_turns) if o]
    seen, idents = set(), []
    for ident, typ in found:
        if (ident, typ) not in seen:
            seen.add((ident, typ))
            idents.append((doc_id, ident, typ))
    stats = {"doc": doc_id, "file": target.name, "format": fmt, "words": words,
             "turns": len(plain_turns), "respondent_turns": rturns,
             "casus_turns": sum(1 for r in orient_rows if r[2] == "casus"),
             "netwerk_turns": sum(1 for r in orient_rows if r[2] == "netwerk")}
    return stats, orient_rows, idents


def main():
    OUT.mkdir(exist_ok=True)
    all_stats, orient, idents = [], [], []
    for src in sorted(HERE.glob("dx*.src")):
        s, o, i = build_doc(src)
        all_stats.append(s)
        orient += o
        idents += i
    orient.sort(key=lambda r: (r[0], r[1]))
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient)
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    (ROOT / "styles.csv").write_text((HERE / "styles.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (HERE / "stats.json").write_text(json.dumps(all_stats, indent=1), encoding="utf-8")

    styles = {r["doc_id"]: r["style"] for r in csv.DictReader(open(HERE / "styles.csv", encoding="utf-8"))}
    voices = json.loads((HERE / "voices.json").read_text(encoding="utf-8"))
    rows = ["| doc | respondent (voice, setting) | style | format | words | respondent turns |",
            "|---|---|---|---|---|---|"]
    for s in all_stats:
        rows.append(f"| {s['doc']} | {voices[s['doc']]} | {styles[s['doc']]} | {s['file']} ({s['format']}) "
                    f"| {s['words']} | {s['respondent_turns']} |")
    tmpl = (HERE / "README.tmpl.md").read_text(encoding="utf-8")
    (ROOT / "README.md").write_text(tmpl.replace("{TABLE}", "\n".join(rows)), encoding="utf-8")
    for s in all_stats:
        print(s)


if __name__ == "__main__":
    sys.exit(main())
