#!/usr/bin/env python3
"""Build the setDV transcripts and csv files from the annotated sources in src/.

Source format (src/dvNN.src, UTF-8):
  '# key: value'   metadata (id, format, ilabel, rlabel, header (repeatable), style,
                   rationale, voice, kind, encoding, start)
  'I: text'        interviewer turn (one paragraph = one turn)
  'R: text [m]'    respondent turn, ending in an orientation mark m = casus | netwerk | -
  '{text|TYPE}'    inline identifier markup (TYPE = PERSOON, LOCATIE, ADRES, DATUM, TELEFOON,
                   EMAIL, DOSSIER, LEEFTIJD, ORGANISATIE_NAAM); the markup is stripped in output.

Formats: docx (python-docx, bold speaker run), txt (plain 'Label: text'), txt-ts
('[hh:mm:ss] Label: text'), srt ('Label: text' in every cue), vtt ('<v Label>text</v>').
Run with any python that has python-docx (only needed for the docx file):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = HERE.parent
OUT = BASE / "transcripts"
MARK = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
ORI = re.compile(r"\s*\[(casus|netwerk|-)\]\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
EXT = {"docx": "docx", "txt": "txt", "txt-ts": "txt", "srt": "srt", "vtt": "vtt"}


def parse(path):
    meta = {"header": []}
    turns = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, val = line[1:].split(":", 1)
            key, val = key.strip(), val.strip()
            if key == "header":
                meta["header"].append(val)
            else:
                meta[key] = val.strip('"') if key == "rationale" else val
            continue
        spk, text = line.split(":", 1)
        spk, text = spk.strip(), text.strip()
        if spk not in ("I", "R"):
            raise SystemExit(f"{path.name}:{n}: unknown speaker {spk!r}")
        ori = None
        m = ORI.search(text)
        if spk == "R":
            if not m:
                raise SystemExit(f"{path.name}:{n}: respondent turn without orientation mark")
            ori, text = m.group(1), text[: m.start()]
        elif m:
            raise SystemExit(f"{path.name}:{n}: orientation mark on interviewer turn")
        if "{" in MARK.sub("", text) or "}" in MARK.sub("", text):
            raise SystemExit(f"{path.name}:{n}: malformed markup")
        turns.append((spk, text, ori))
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path.name}: turn {i + 1} breaks alternation")
    return meta, turns


def strip(text, found):
    def repl(m):
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            raise SystemExit(f"unknown identifier type {typ}")
        if (ident, typ) not in found:
            found.append((ident, typ))
        return ident
    return MARK.sub(repl, text)


def sentences(text):
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s]


def chunks(text, target=14, limit=32):
    """Group sentences into subtitle cues (never split inside a sentence)."""
    out, cur = [], []
    for s in sentences(text):
        if cur and (len(" ".join(cur).split()) >= target or
                    len(" ".join(cur + [s]).split()) > limit):
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def timeline(meta, turns, per_cue):
    """Yield (turn_no, spk, start, end, text) with plausible timings."""
    rnd = random.Random(meta["id"])
    t = float(meta.get("start", 2.0))
    for i, (spk, text) in enumerate(turns):
        t += rnd.uniform(0.3, 1.4)
        parts = chunks(text) if per_cue else [text]
        for part in parts:
            dur = max(1.2, len(part.split()) / rnd.uniform(2.3, 2.9))
            yield i + 1, spk, t, t + dur, part
            t += dur + rnd.uniform(0.05, 0.5)


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def write(meta, header, turns, path):
    fmt = meta["format"]
    lab = {"I": meta["ilabel"], "R": meta["rlabel"]}
    if fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for j, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = j == 0
            if j == 0:
                r.font.size = Pt(13)
        d.add_paragraph("")
        for spk, text in turns:
            p = d.add_paragraph()
            r = p.add_run(lab[spk] + ":")
            r.bold = True
            p.add_run(" " + text)
        d.save(str(path))
        return
    if fmt in ("txt", "txt-ts"):
        lines = list(header)
        if header:
            lines.append("")
        if fmt == "txt":
            for spk, text in turns:
                lines += [f"{lab[spk]}: {text}", ""]
        else:
            for _, spk, start, _, text in timeline(meta, turns, False):
                lines += [f"[{ts(start, ',')[:8]}] {lab[spk]}: {text}", ""]
        enc = meta.get("encoding", "utf-8")
        data = "\r\n".join(lines) if enc == "cp1252" else "\n".join(lines)
        path.write_bytes(data.encode(enc))
        return
    if fmt == "srt":
        blocks = []
        for k, (_, spk, a, b, text) in enumerate(timeline(meta, turns, True), 1):
            blocks.append(f"{k}\n{ts(a, ',')} --> {ts(b, ',')}\n{lab[spk]}: {text}\n")
        path.write_text("\n".join(blocks), encoding="utf-8")
        return
    if fmt == "vtt":
        blocks = ["WEBVTT\n"]
        if header:
            blocks.append("NOTE\n" + "\n".join(header) + "\n")
        rnd = random.Random(meta["id"] + "cue")
        for k, (_, spk, a, b, text) in enumerate(timeline(meta, turns, True), 1):
            cue_id = f"{rnd.randrange(16**8):08x}-{rnd.randrange(16**4):04x}/{k}-0"
            blocks.append(f"{cue_id}\n{ts(a, '.')} --> {ts(b, '.')}\n<v {lab[spk]}>{text}</v>\n")
        path.write_text("\n".join(blocks), encoding="utf-8")
        return
    raise SystemExit(f"unknown format {fmt}")


def main():
    OUT.mkdir(exist_ok=True)
    styles, orient, idents, table = [], [], [], []
    for src in sorted(HERE.glob("dv*.src")):
        meta, raw = parse(src)
        doc = meta["id"]
        found = []
        header = [strip(h, found) for h in meta["header"]]
        turns = []
        for i, (spk, text, ori) in enumerate(raw, 1):
            turns.append((spk, strip(text, found)))
            if ori in ("casus", "netwerk"):
                orient.append((doc, i, ori))
        path = OUT / f"{doc}.{EXT[meta['format']]}"
        write(meta, header, turns, path)
        styles.append((doc, meta["style"], meta["rationale"]))
        idents += [(doc, ident, typ) for ident, typ in found]
        words = sum(len(t.split()) for _, t in turns)
        n_r = sum(1 for s, _ in turns if s == "R")
        n_c = sum(1 for d, _, o in orient if d == doc and o == "casus")
        n_n = sum(1 for d, _, o in orient if d == doc and o == "netwerk")
        fmt = meta["format"] + (" (" + meta["encoding"] + ")" if "encoding" in meta else "")
        table.append((doc, meta.get("voice", ""), meta["style"] +
                      (f" ({meta['kind']})" if "kind" in meta else ""),
                      f"{path.name}: {fmt}", words, n_r, f"{n_c}/{n_n}"))
        print(f"{path.name}: {len(turns)} turns, {n_r} respondent turns, {words} words, "
              f"casus/netwerk marks {n_c}/{n_n}")
    with open(BASE / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(BASE / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(BASE / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    # README: generated table + hand-written notes (src/README_notes.md)
    rows = ["| doc | respondent (voice, setting) | style | file / format | words | respondent turns "
            "| turns marked casus/netwerk |", "|---|---|---|---|---|---|---|"]
    rows += [f"| {a} | {b} | {c} | {d} | {e} | {g} | {h} |" for a, b, c, d, e, g, h in table]
    notes = (HERE / "README_notes.md").read_text(encoding="utf-8")
    (BASE / "README.md").write_text(notes.replace("{{TABLE}}", "\n".join(rows)), encoding="utf-8")


if __name__ == "__main__":
    main()
