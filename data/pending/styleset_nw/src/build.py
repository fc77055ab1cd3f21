"""Build the six transcripts and the three csv files of set nw from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/nwXX.txt, UTF-8):
  #key: value        metadata (format, encoding, newline, bold, ilabel, rlabel, style, rationale)
  H: text            one header line (always a single line)
  I: text / R: text  one turn; the paragraph runs until the next blank line
  [[text|TYPE]]      an identifier, written verbatim as `text`
  {casus} {netwerk} {-}   at the end of every respondent paragraph
"""
import csv
import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = ["nw01", "nw02", "nw03", "nw04", "nw05", "nw06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TOKEN = re.compile(r"\S*\[\[.+?\]\]\S*|\S+")


def fail(msg):
    sys.exit("build error: " + msg)


def plain(s):
    return TAG.sub(r"\1", s)


def parse(path):
    meta, paras, cur = {}, [], None
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
            continue
        if not line.strip():
            if cur:
                paras.append(cur)
            cur = None
            continue
        m = re.match(r"^(H|I|R): ?(.*)$", line)
        if m and m.group(1) == "H":
            if cur:
                paras.append(cur)
            paras.append(["H", m.group(2)])
            cur = None
        elif m and cur is None:
            cur = [m.group(1), m.group(2)]
        elif cur is not None:
            cur[1] += " " + line.strip()
        else:
            fail(f"{path.name}:{n}: line outside a paragraph")
    if cur:
        paras.append(cur)
    header, turns = [], []
    for kind, text in paras:
        if kind == "H":
            if turns:
                fail(f"{path.name}: header after the first turn")
            header.append(text)
            continue
        ori = None
        if kind == "R":
            m = ORI.search(text)
            if not m:
                fail(f"{path.name}: respondent paragraph without orientation: {text[:60]}")
            ori, text = m.group(1), text[: m.start()]
        elif ORI.search(text):
            fail(f"{path.name}: interviewer paragraph with orientation")
        if turns and turns[-1][0] == kind:
            fail(f"{path.name}: two {kind} turns in a row")
        turns.append((kind, text.strip(), ori))
    if turns[0][0] != "I":
        fail(f"{path.name}: first turn is not the interviewer")
    return meta, header, turns


def identifiers(doc, meta, header, turns):
    seen = {}
    for s in [meta["ilabel"], meta["rlabel"]] + header + [t for _, t, _ in turns]:
        for text, typ in TAG.findall(s):
            if typ not in TYPES:
                fail(f"{doc}: unknown type {typ}")
            if text in seen and seen[text] != typ:
                fail(f"{doc}: {text!r} has two types")
            seen.setdefault(text, typ)
    return seen


# ---- timing -------------------------------------------------------------------------------------

def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, lo=7, hi=17):
    """Split an annotated turn into cue texts at sentence ends; identifiers stay whole."""
    toks = TOKEN.findall(text)
    out, cur = [], []
    for t in toks:
        cur.append(t)
        p = plain(t)
        if ((len(cur) >= lo and p[-1:] in ".?!") or (len(cur) >= hi and p[-1:] in ",;:")
                or len(cur) >= hi + 8):
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return out


def wrap(tokens, width=42):
    """At most two lines; break between tokens so identifiers are never split."""
    words = [plain(t) for t in tokens]
    line = " ".join(words)
    if len(line) <= width:
        return [line]
    best, bi = None, None
    for i in range(1, len(words)):
        a, b = " ".join(words[:i]), " ".join(words[i:])
        d = abs(len(a) - len(b))
        if best is None or d < best:
            best, bi = d, i
    return [" ".join(words[:bi]), " ".join(words[bi:])]


def timeline(turns, start=2.4):
    """Yield (speaker_kind, [(t0, t1, tokens), ...]) for each turn."""
    t = start
    for kind, text, _ in turns:
        cues = []
        for c in chunks(text):
            dur = max(1.2, len(c) * 0.37)
            cues.append((t, t + dur, c))
            t += dur + 0.15
        yield kind, cues
        t += 0.9


# ---- writers ------------------------------------------------------------------------------------

def write_docx(path, meta, header, turns):
    d = docx.Document()
    bold = meta.get("bold", "no") == "yes"
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        d.add_paragraph()
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    for kind, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(labels[kind] + ":")
        if bold:
            r.bold = True
        p.add_run(" " + plain(text))
    d.save(path)


def write_text(path, meta, lines):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    data = nl.join(lines) + nl
    path.write_bytes(data.encode(meta.get("encoding", "utf-8"), errors="strict"))


def build_vtt(meta, header, turns):
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [plain(h) for h in header]
        lines.append("")
    for kind, cues in timeline(turns):
        for t0, t1, toks in cues:
            lines.append(f"{ts(t0)} --> {ts(t1)}")
            lines.append(f"<v {labels[kind]}>{' '.join(plain(x) for x in toks)}</v>")
            lines.append("")
    return lines[:-1]


def build_srt(meta, header, turns):
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    lines, n = [], 0
    for kind, cues in timeline(turns, start=1.1):
        for t0, t1, toks in cues:
            n += 1
            lines.append(str(n))
            lines.append(f"{ts(t0, ',')} --> {ts(t1, ',')}")
            body = wrap([labels[kind] + ":"] + toks)
            lines += body
            lines.append("")
    return lines[:-1]


def build_txt_ts(meta, header, turns):
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    lines = [plain(h) for h in header] + [""]
    for kind, cues in timeline(turns, start=4.0):
        t0 = cues[0][0]
        text = " ".join(plain(x) for _, _, c in cues for x in c)
        lines.append(f"[{ts(t0)[:8]}] {labels[kind]}: {text}")
    return lines


def build_txt_ir(meta, header, turns):
    labels = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    lines = [plain(h) for h in header] + [""]
    for kind, text, _ in turns:
        lines.append(f"{labels[kind]}: {plain(text)}")
        lines.append("")
    return lines[:-1]


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, idents = [], [], []
    for doc in DOCS:
        meta, header, turns = parse(HERE / f"{doc}.txt")
        fmt = meta["format"]
        if fmt == "docx":
            write_docx(OUT / f"{doc}.docx", meta, header, turns)
        elif fmt == "vtt":
            write_text(OUT / f"{doc}.vtt", meta, build_vtt(meta, header, turns))
        elif fmt == "srt":
            write_text(OUT / f"{doc}.srt", meta, build_srt(meta, header, turns))
        elif fmt == "txt-ts":
            write_text(OUT / f"{doc}.txt", meta, build_txt_ts(meta, header, turns))
        elif fmt == "txt-ir":
            write_text(OUT / f"{doc}.txt", meta, build_txt_ir(meta, header, turns))
        else:
            fail(f"{doc}: unknown format {fmt}")
        styles.append([doc, meta["style"], meta["rationale"]])
        for i, (kind, _, ori) in enumerate(turns, 1):
            if kind == "R" and ori in ("casus", "netwerk"):
                orient.append([doc, i, ori])
        for text, typ in identifiers(doc, meta, header, turns).items():
            idents.append([doc, text, typ])
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        no = sum(1 for d, _, _ in orient if d == doc)
        ni = sum(1 for d, _, _ in idents if d == doc)
        print(f"{doc}: {fmt:6s} words={words} turns={len(turns)} respondent={nr} "
              f"orientation_rows={no} identifiers={ni}")

    def dump(name, head, rows):
        with open(ROOT / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(head)
            w.writerows(rows)

    dump("styles.csv", ["doc_id", "style", "rationale"], styles)
    dump("orientation.csv", ["doc_id", "turn_index", "orientation"], orient)
    dump("identifiers.csv", ["doc_id", "identifier", "type"], idents)


if __name__ == "__main__":
    main()
