"""Build the transcripts and the three csv files of set IH from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/ihNN.src):
  lines starting with '#' are metadata (#STYLE, #RATIONALE) or comments;
  paragraphs are separated by blank lines; each paragraph starts with
  'H:' (header line), 'I:' (interviewer turn) or 'R:' (respondent turn);
  identifiers are marked inline as [[text|TYPE]];
  every R paragraph ends in {casus}, {netwerk} or {-}.
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

# format, speaker labels, whether the labels are names (then they are PERSOON identifiers)
DOCS = {
    "ih01": dict(fmt="vtt", I="Noor Verhagen", R="Edwin Sabajo", label_ids=True),
    "ih02": dict(fmt="docx_bold", I="Interviewer", R="Respondent", label_ids=False),
    "ih03": dict(fmt="srt", I="Lotte", R="Wim", label_ids=True),
    "ih04": dict(fmt="txt_ts", I="Spreker 1", R="Spreker 2", label_ids=False),
    "ih05": dict(fmt="txt", I="I", R="R", label_ids=False),
    "ih06": dict(fmt="docx_plain", I="Thijs", R="Marjolein", label_ids=True),
}
EXT = {"vtt": "vtt", "srt": "srt", "txt_ts": "txt", "txt": "txt", "docx_bold": "docx", "docx_plain": "docx"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def die(msg):
    sys.exit("build.py: " + msg)


def strip_ids(s):
    """Return plain text, list of (text, type) and list of (start, end) spans in the plain text."""
    out, ids, spans, pos = [], [], [], 0
    plain_len = 0
    for m in ID_RE.finditer(s):
        out.append(s[pos:m.start()])
        plain_len += m.start() - pos
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            die(f"unknown type {typ} for {text!r}")
        spans.append((plain_len, plain_len + len(text)))
        out.append(text)
        plain_len += len(text)
        ids.append((text, typ))
        pos = m.end()
    out.append(s[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        die(f"unbalanced identifier markup in: {s[:80]!r}")
    return plain, ids, spans


def parse(doc):
    raw = (SRC / f"{doc}.src").read_text(encoding="utf-8")
    meta, body = {}, []
    for line in raw.splitlines():
        if line.startswith("#"):
            m = re.match(r"#(\w+)\s+(.*)", line)
            if m:
                meta[m.group(1)] = m.group(2).strip()
            continue
        body.append(line)
    paras = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", "\n".join(body)) if p.strip()]
    header, turns, ids = [], [], []
    for p in paras:
        kind, text = p[:2], p[2:].strip()
        if kind not in ("H:", "I:", "R:"):
            die(f"{doc}: paragraph without H:/I:/R: -> {p[:60]!r}")
        ori = None
        if kind == "R:":
            m = ORI_RE.search(text)
            if not m:
                die(f"{doc}: respondent paragraph without orientation tag: {text[-60:]!r}")
            ori = m.group(1)
            text = text[: m.start()].rstrip()
        elif ORI_RE.search(text):
            die(f"{doc}: orientation tag outside respondent paragraph")
        plain, pids, spans = strip_ids(text)
        plain = re.sub(r"\s+", " ", plain).strip()
        ids.extend(pids)
        if kind == "H:":
            if turns:
                die(f"{doc}: header line after first turn")
            header.append(plain)
        else:
            turns.append(dict(spk=kind[0], text=plain, ori=ori, spans=spans))
    for i, t in enumerate(turns):
        if t["spk"] != ("I" if i % 2 == 0 else "R"):
            die(f"{doc}: turns do not alternate at turn {i + 1}")
    return meta, header, turns, ids


# ---------------------------------------------------------------- chunking for subtitle formats
def cut_points(text, spans):
    """Allowed cut positions (index of the space) after sentence ends, and after commas as fallback."""
    def protected(i):
        return any(a <= i < b for a, b in spans)

    strong = [m.end() for m in re.finditer(r"[.!?…](?=\s)", text) if not protected(m.end())]
    weak = [m.end() for m in re.finditer(r",(?=\s)", text) if not protected(m.end())]
    return strong, weak


def chunks(text, spans, max_words):
    strong, weak = cut_points(text, spans)
    # sentences
    pieces, last = [], 0
    for c in strong:
        pieces.append((last, c))
        last = c
    pieces.append((last, len(text)))
    out = []
    for a, b in pieces:
        seg = text[a:b].strip()
        if not seg:
            continue
        if len(seg.split()) <= max_words + 6:
            out.append((a, b))
            continue
        # split a long sentence at commas, greedily
        cuts = [w for w in weak if a < w < b]
        start = a
        for w in cuts:
            if len(text[start:w].split()) >= max_words // 2 and len(text[w:b].split()) >= 4:
                out.append((start, w))
                start = w
        out.append((start, b))
    # pack short sentences together
    packed = []
    for a, b in out:
        if packed and len(text[packed[-1][0]:b].split()) <= max_words:
            packed[-1] = (packed[-1][0], b)
        else:
            packed.append((a, b))
    return [text[a:b].strip() for a, b in packed]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.6, len(text.split()) / 2.6)


# ---------------------------------------------------------------- writers
def write_vtt(doc, cfg, header, turns, path):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t, n = 1.2, 1
    for turn in turns:
        name = cfg[turn["spk"]]
        for c in chunks(turn["text"], turn["spans"], 16):
            d = dur(c)
            lines += [str(n), f"{ts(t, '.')} --> {ts(t + d, '.')}", f"<v {name}>{c}</v>", ""]
            t += d + 0.25
            n += 1
        t += 0.9
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def write_srt(doc, cfg, header, turns, path):
    if header:
        die(f"{doc}: srt cannot carry a header")
    blocks, t, n = [], 2.0, 1
    for turn in turns:
        name = cfg[turn["spk"]]
        for k, c in enumerate(chunks(turn["text"], turn["spans"], 13)):
            d = dur(c)
            txt = f"{name}: {c}" if k == 0 else c
            blocks.append(f"{n}\r\n{ts(t, ',')} --> {ts(t + d, ',')}\r\n{txt}\r\n")
            t += d + 0.2
            n += 1
        t += 1.1
    path.write_bytes("\r\n".join(blocks).encode("utf-8"))


def write_txt_ts(doc, cfg, header, turns, path):
    lines = list(header) + [""]
    t = 4.0
    for turn in turns:
        lines.append(f"[{ts(t, ',')[:8]}] {cfg[turn['spk']]}: {turn['text']}")
        lines.append("")
        t += len(turn["text"].split()) / 2.5 + 2.5
    data = "\r\n".join(lines)
    path.write_bytes(data.encode("cp1252"))


def write_txt(doc, cfg, header, turns, path):
    lines = list(header) + [""]
    for turn in turns:
        lines.append(f"{cfg[turn['spk']]}: {turn['text']}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def write_docx(doc, cfg, header, turns, path, bold):
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
    for turn in turns:
        p = d.add_paragraph()
        label = cfg[turn["spk"]] + ":"
        if bold:
            r = p.add_run(label)
            r.bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(f"{label} {turn['text']}")
    d.core_properties.author = "transcriptie"
    d.save(path)


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, idrows = [], [], []
    for doc, cfg in DOCS.items():
        meta, header, turns, ids = parse(doc)
        if "STYLE" not in meta or "RATIONALE" not in meta:
            die(f"{doc}: #STYLE / #RATIONALE missing")
        styles.append((doc, meta["STYLE"], meta["RATIONALE"]))
        path = OUT / f"{doc}.{EXT[cfg['fmt']]}"
        f = cfg["fmt"]
        if f == "vtt":
            write_vtt(doc, cfg, header, turns, path)
        elif f == "srt":
            write_srt(doc, cfg, header, turns, path)
        elif f == "txt_ts":
            write_txt_ts(doc, cfg, header, turns, path)
        elif f == "txt":
            write_txt(doc, cfg, header, turns, path)
        else:
            write_docx(doc, cfg, header, turns, path, bold=(f == "docx_bold"))
        for i, t in enumerate(turns, 1):
            if t["spk"] == "R" and t["ori"] in ("casus", "netwerk"):
                orient.append((doc, i, t["ori"]))
        seen = {}
        allids = ([(cfg["I"], "PERSOON"), (cfg["R"], "PERSOON")] if cfg["label_ids"] else []) + ids
        for text, typ in allids:
            if text in seen:
                if seen[text] != typ:
                    die(f"{doc}: {text!r} tagged as {seen[text]} and {typ}")
                continue
            seen[text] = typ
            idrows.append((doc, text, typ))
        words = sum(len(t["text"].split()) for t in turns)
        nresp = sum(t["spk"] == "R" for t in turns)
        print(f"{doc}: {path.name:10s} words={words} turns={len(turns)} resp={nresp} ids={len(seen)} "
              f"casus={sum(1 for o in orient if o[0] == doc and o[2] == 'casus')} "
              f"netwerk={sum(1 for o in orient if o[0] == doc and o[2] == 'netwerk')}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)


if __name__ == "__main__":
    main()
