#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set FU from the annotated sources.

Source format (src/fuNN.txt):
  '# key: value' config lines (format, labels, encoding, style, rationale, ...);
  one paragraph per line: 'H: ' header, 'I: ' interviewer turn, 'R: ' respondent turn;
  identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

SRC = Path(__file__).resolve().parent
ROOT = SRC.parent
OUT = ROOT / "transcripts"

TAG = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def tags(s):
    return [(m.group(1), m.group(2)) for m in TAG.finditer(s)]


def parse(path):
    cfg, header, turns = {}, [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            cfg[k.strip()] = v.strip()
            continue
        kind, _, text = line.partition(": ")
        if kind == "H":
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(text)
                if not m:
                    sys.exit(f"{path.name}:{n}: respondent paragraph without orientation mark")
                orient, text = m.group(1), text[: m.start()]
            elif ORIENT.search(text):
                sys.exit(f"{path.name}:{n}: orientation mark on interviewer turn")
            if turns and turns[-1][0] == kind:
                sys.exit(f"{path.name}:{n}: two {kind} turns in a row")
            if not turns and kind != "I":
                sys.exit(f"{path.name}:{n}: first turn is not the interviewer")
            turns.append((kind, text.strip(), orient))
        else:
            sys.exit(f"{path.name}:{n}: unknown paragraph kind {kind!r}")
    for _, ty in tags("\n".join([cfg.get("ilabel", ""), cfg.get("rlabel", "")] + header
                                 + [t for _, t, _ in turns])):
        if ty not in TYPES:
            sys.exit(f"{path.name}: unknown identifier type {ty}")
    return cfg, header, turns


# ---------------------------------------------------------------- timing / cues
def split_sentences(tagged):
    """Split at sentence ends that are outside [[...]] tags."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(tagged):
        if tagged.startswith("[[", i):
            depth += 1
            i += 2
            continue
        if tagged.startswith("]]", i):
            depth -= 1
            i += 2
            continue
        c = tagged[i]
        if depth == 0 and c in ".?!" and i + 1 < len(tagged):
            j = i + 1
            while j < len(tagged) and tagged[j] in "\"')”’":
                j += 1
            prev = re.findall(r"(\w+)$", tagged[:i])
            abbrev = prev and (len(prev[0]) == 1 or prev[0].lower() in ("dhr", "mw", "mr", "mevr", "bijv", "dr"))
            if j < len(tagged) and tagged[j] == " " and not abbrev:
                out.append(tagged[start:j].strip())
                start = j + 1
                i = j + 1
                continue
        i += 1
    rest = tagged[start:].strip()
    if rest:
        out.append(rest)
    return out


def chunks(tagged, max_words):
    sents = split_sentences(tagged)
    res, cur = [], []
    for s in sents:
        w = len(plain(s).split())
        if cur and len(plain(" ".join(cur)).split()) + w > max_words:
            res.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        res.append(" ".join(cur))
    return res


def dur(text):
    return len(plain(text).split()) / 2.55 + 0.4


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_list(cfg, turns, max_words):
    t = float(cfg.get("start", "2.0"))
    cues = []
    for kind, text, _ in turns:
        for ch in chunks(text, max_words):
            d = dur(ch)
            cues.append((kind, t, t + d, plain(ch)))
            t += d + 0.25
        t += 0.9
    return cues


# ---------------------------------------------------------------- writers
def write_text(path, text, cfg):
    nl = "\r\n" if cfg.get("newline") == "crlf" else "\n"
    data = text.replace("\n", nl)
    path.write_bytes(data.encode(cfg.get("encoding", "utf-8")))


def build_docx(doc_id, cfg, header, turns):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    lab = {"I": plain(cfg["ilabel"]), "R": plain(cfg["rlabel"])}
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if cfg["format"] == "docx_bold":
            r = p.add_run(lab[kind] + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{lab[kind]}: {plain(text)}")
    out = OUT / f"{doc_id}.docx"
    d.save(out)
    return out


def build_txt(doc_id, cfg, header, turns):
    lab = {"I": plain(cfg["ilabel"]), "R": plain(cfg["rlabel"])}
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    if cfg.get("txtstyle") == "ts":
        t = float(cfg.get("start", "3.0"))
        for kind, text, _ in turns:
            s = int(t)
            lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {lab[kind]}: {plain(text)}")
            t += dur(text) + 1.6
    else:
        for kind, text, _ in turns:
            lines.append(f"{lab[kind]}: {plain(text)}")
            lines.append("")
    out = OUT / f"{doc_id}.txt"
    write_text(out, "\n".join(lines).rstrip("\n") + "\n", cfg)
    return out


def build_vtt(doc_id, cfg, header, turns):
    lab = {"I": plain(cfg["ilabel"]), "R": plain(cfg["rlabel"])}
    lines = ["WEBVTT", ""]
    for h in header:
        lines.append("NOTE " + plain(h))
        lines.append("")
    for n, (kind, a, b, text) in enumerate(cue_list(cfg, turns, 24), 1):
        lines.append(f"{n}")
        lines.append(f"{fmt_ts(a, '.')} --> {fmt_ts(b, '.')}")
        lines.append(f"<v {lab[kind]}>{text}</v>")
        lines.append("")
    out = OUT / f"{doc_id}.vtt"
    write_text(out, "\n".join(lines), cfg)
    return out


def build_srt(doc_id, cfg, header, turns):
    lab = {"I": plain(cfg["ilabel"]), "R": plain(cfg["rlabel"])}
    lines = []
    for n, (kind, a, b, text) in enumerate(cue_list(cfg, turns, 20), 1):
        lines.append(f"{n}")
        lines.append(f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}")
        lines.append(f"{lab[kind]}: {text}")
        lines.append("")
    out = OUT / f"{doc_id}.srt"
    write_text(out, "\n".join(lines), cfg)
    return out


BUILDERS = {"docx_bold": build_docx, "docx_plain": build_docx, "txt": build_txt,
            "vtt": build_vtt, "srt": build_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient_rows, ident_rows, stats = [], [], [], []
    for path in sorted(SRC.glob("fu*.txt")):
        doc_id = path.stem
        cfg, header, turns = parse(path)
        out = BUILDERS[cfg["format"]](doc_id, cfg, header, turns)
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        for idx, (kind, text, o) in enumerate(turns, 1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, idx, o))
        seen = {}
        for part in [cfg.get("ilabel", ""), cfg.get("rlabel", "")] + header + [t for _, t, _ in turns]:
            for text, ty in tags(part):
                if text in seen and seen[text] != ty:
                    sys.exit(f"{doc_id}: {text!r} tagged as {seen[text]} and {ty}")
                seen.setdefault(text, ty)
        for text, ty in seen.items():
            ident_rows.append((doc_id, text, ty))
        # warn about untagged occurrences of tagged strings
        body = "\n".join(header + [t for _, t, _ in turns])
        untagged = TAG.sub(" ", body)
        for text in seen:
            if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", untagged):
                print(f"warning {doc_id}: untagged occurrence of {text!r}")
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        counts = {"casus": 0, "netwerk": 0, "-": 0}
        for k, _, o in turns:
            if k == "R":
                counts[o] += 1
        stats.append((doc_id, cfg["style"], out.name, words, nresp, len(seen), counts))
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
        w.writerows(ident_rows)
    for s in stats:
        print("%s %-15s %-9s words=%d resp_turns=%d identifiers=%d orient=%s" % s)


if __name__ == "__main__":
    main()
