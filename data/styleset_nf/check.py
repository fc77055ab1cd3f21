"""Check set nf from the BUILT transcripts (not the sources). Standard library only.

Prints OK, or the problems and exits with status 1.
Run from anywhere: python3 check.py
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# per document: file, encoding, expected line ending, interviewer label, respondent label
DOCS = {
    "nf01": dict(ext="docx", enc=None, crlf=None, i="Interviewer", r="Respondent"),
    "nf02": dict(ext="txt", enc="cp1252", crlf=True, i="I", r="R"),
    "nf03": dict(ext="vtt", enc="utf-8", crlf=False, i="Lotte Vermeulen", r="Arjen Verkerk"),
    "nf04": dict(ext="srt", enc="utf-8", crlf=True, i="Eva Kramer", r="Marco Schouten"),
    "nf05": dict(ext="txt", enc="utf-8", crlf=False, i="Spreker 1", r="Spreker 2"),
    "nf06": dict(ext="docx", enc=None, crlf=None, i="Marit", r="Ruud"),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def read_text(path, enc, crlf, doc):
    raw = path.read_bytes()
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                prob(f"{doc}: file decodes as UTF-8, expected Windows-1252")
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {enc}: {e}")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    n_crlf = text.count("\r\n")
    n_lf = text.count("\n")
    if crlf and n_crlf != n_lf:
        prob(f"{doc}: expected CRLF line endings ({n_crlf} CRLF of {n_lf} line ends)")
    if crlf is False and n_crlf:
        prob(f"{doc}: unexpected CRLF line endings")
    return text.replace("\r\n", "\n")


def merge(turns):
    """Merge consecutive pieces of the same speaker into one turn."""
    out = []
    for spk, txt in turns:
        if out and out[-1][0] == spk:
            out[-1] = (spk, out[-1][1] + " " + txt)
        else:
            out.append((spk, txt))
    return out


def parse_labelled_lines(lines, labels, doc, prefix_re=""):
    """Lines of the form [prefix]Label: text; lines before the first turn are header."""
    pat = re.compile(r"^" + prefix_re + r"(" + "|".join(re.escape(l) for l in labels) + r"): (.+)$")
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            turns.append((m.group(1), m.group(2)))
        elif not turns:
            header.append(ln)
        else:
            prob(f"{doc}: line is not a turn: {ln[:60]!r}")
    return header, turns


def parse_docx(path, cfg, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        prob(f"{doc}: cannot read docx: {e}")
        return None
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    if any("\n" in p for p in paras):
        prob(f"{doc}: line break inside a paragraph")
    full = "\n".join(paras)
    header, turns = parse_labelled_lines(paras, [cfg["i"], cfg["r"]], doc)
    return full, header, turns


def parse_vtt(text, cfg, doc):
    if not text.startswith("WEBVTT"):
        prob(f"{doc}: does not start with WEBVTT")
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    header, pieces = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += lines[1:] if lines[0].strip() == "NOTE" else [lines[0][5:]] + lines[1:]
            continue
        k = 0 if "-->" in lines[0] else 1
        if k >= len(lines) or "-->" not in lines[k]:
            prob(f"{doc}: cue without timing: {b[:50]!r}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", lines[k]):
            prob(f"{doc}: bad timing line {lines[k]!r}")
        body = " ".join(lines[k + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            prob(f"{doc}: cue without voice tag: {body[:50]!r}")
            continue
        if m.group(1) not in (cfg["i"], cfg["r"]):
            prob(f"{doc}: unknown voice {m.group(1)!r}")
        pieces.append((m.group(1), m.group(2)))
    return header, merge(pieces)


def parse_srt(text, cfg, doc):
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    pieces = []
    pat = re.compile(r"^(" + re.escape(cfg["i"]) + "|" + re.escape(cfg["r"]) + r"): (.*)$", re.S)
    for n, b in enumerate(blocks, start=1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or \
                not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1]):
            prob(f"{doc}: malformed cue {n}: {b[:50]!r}")
            continue
        body = " ".join(lines[2:])
        m = pat.match(body)
        if not m:
            prob(f"{doc}: cue {n} does not start with a speaker name")
            continue
        pieces.append((m.group(1), m.group(2)))
    return [], merge(pieces)


def load(doc, cfg):
    files = sorted(p for p in TR.glob(doc + ".*"))
    if len(files) != 1:
        prob(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    if path.suffix[1:] != cfg["ext"]:
        prob(f"{doc}: expected .{cfg['ext']}, found {path.name}")
        return None
    if cfg["ext"] == "docx":
        return parse_docx(path, cfg, doc)
    text = read_text(path, cfg["enc"], cfg["crlf"], doc)
    if text is None:
        return None
    if cfg["ext"] == "vtt":
        header, turns = parse_vtt(text, cfg, doc)
    elif cfg["ext"] == "srt":
        header, turns = parse_srt(text, cfg, doc)
    elif cfg["i"].startswith("Spreker"):
        header, turns = parse_labelled_lines(text.split("\n"), [cfg["i"], cfg["r"]], doc,
                                             prefix_re=r"\[\d\d:\d\d:\d\d\] ")
    else:
        header, turns = parse_labelled_lines(text.split("\n"), [cfg["i"], cfg["r"]], doc)
    return text, header, turns


def read_csv(name, cols):
    path = ROOT / name
    if not path.exists():
        prob(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != cols:
        prob(f"{name}: header should be {cols}")
        return []
    for r in rows[1:]:
        if len(r) != len(cols):
            prob(f"{name}: bad row {r}")
    return [r for r in rows[1:] if len(r) == len(cols)]


def main():
    parsed = {}
    for doc, cfg in DOCS.items():
        res = load(doc, cfg)
        if res is None:
            continue
        full, header, turns = res
        parsed[doc] = (full, turns)
        if not turns:
            prob(f"{doc}: no turns found")
            continue
        for k, (spk, _) in enumerate(turns):
            want = cfg["i"] if k % 2 == 0 else cfg["r"]
            if spk != want:
                prob(f"{doc}: turn {k+1} is {spk!r}, expected {want!r} (alternation, interviewer first)")
                break
        nresp = sum(1 for s, _ in turns if s == cfg["r"])
        if not 10 <= nresp <= 45:
            prob(f"{doc}: {nresp} respondent turns (10-45)")
        words = sum(len(t.split()) for _, t in turns)
        words_np = sum(len(re.sub(r"\([^)]*\)", " ", t).split()) for _, t in turns)
        if not (1500 <= words <= 2600 and 1500 <= words_np <= 2600):
            prob(f"{doc}: {words} spoken words ({words_np} without stage directions), range 1500-2600")
        for h in header:
            if re.match(r"^\s*(" + re.escape(cfg["i"]) + "|" + re.escape(cfg["r"]) + r")\s*:", h):
                prob(f"{doc}: header line looks like a turn: {h!r}")
        low = full.lower()
        for w in FORBIDDEN:
            if w in low:
                prob(f"{doc}: forbidden word {w!r}")

    # styles
    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    ids = [r[0] for r in styles]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        prob(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    counts = {}
    for d, s, why in styles:
        if s not in MIX:
            prob(f"styles.csv: {d} has unknown style {s!r}")
        counts[s] = counts.get(s, 0) + 1
        if not why.strip():
            prob(f"styles.csv: {d} has no rationale")
        if s == "onbepaald" and not re.search(r"mixed|too little evidence", why, re.I):
            prob(f"styles.csv: {d} onbepaald rationale does not say which kind")
    if counts != MIX:
        prob(f"styles.csv: mix {counts}, expected {MIX}")

    # orientation
    orient = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for d, idx, o in orient:
        if d not in DOCS:
            prob(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {o!r}")
        try:
            i = int(idx)
        except ValueError:
            prob(f"orientation.csv: bad index {idx!r}")
            continue
        keys.append((d, i))
        if d in parsed:
            turns = parsed[d][1]
            if not 1 <= i <= len(turns):
                prob(f"orientation.csv: {d} turn {i} out of range (1-{len(turns)})")
            elif turns[i - 1][0] != DOCS[d]["r"] or i % 2:
                prob(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        prob("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        prob("orientation.csv: duplicate rows")

    # identifiers
    idents = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen = set()
    per_doc = {}
    for d, s, t in idents:
        if d not in DOCS:
            prob(f"identifiers.csv: unknown doc {d}")
            continue
        if t not in TYPES:
            prob(f"identifiers.csv: bad type {t!r}")
        if (d, s) in seen:
            prob(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        per_doc[d] = per_doc.get(d, 0) + 1
        if d in parsed and s not in parsed[d][0]:
            prob(f"identifiers.csv: {d} {s!r} does not occur verbatim in the transcript")
    for d in DOCS:
        if per_doc.get(d, 0) < 5:
            prob(f"identifiers.csv: {d} has {per_doc.get(d, 0)} identifiers (at least 5)")

    exts = {cfg["ext"] + ("-" + cfg["enc"] if cfg["enc"] else "") for cfg in DOCS.values()}
    if len({c["ext"] for c in DOCS.values()}) < 4:
        prob(f"fewer than four formats: {exts}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
