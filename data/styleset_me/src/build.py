"""Build the blind style set 'setme' from the annotated sources in this folder.

Source format (src/meNN.txt):
  - lines starting with '#' are comments;
  - '@key value' lines are directives: format, interviewer, respondent (speaker labels, may
    contain identifier markup), start (first timestamp for timed formats), style, rationale;
  - paragraphs (separated by blank lines) start with 'H: ' (header line), 'I: ' (interviewer turn)
    or 'R: ' (respondent turn); respondent paragraphs end in '{casus}', '{netwerk}' or '{-}';
  - identifiers inline as [[text|TYPE]].

Outputs (in the set folder, one level up): transcripts/<doc>.<ext>, styles.csv,
orientation.csv, identifiers.csv.

Usage:  python src/build.py            build everything
        python src/build.py --fill     first tag untagged occurrences of known identifier strings
                                       in the sources (rewrites the src files), then build
"""
import csv
import hashlib
import random
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TRANS = OUT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)


# --------------------------------------------------------------------------- parsing
def parse(path):
    meta, header, turns = {}, [], []
    paras, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            meta[key.strip()] = val.strip()
            continue
        if not line.strip():
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    for p in paras:
        kind, _, text = p.partition(": ")
        if kind == "H":
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = ORIENT.search(text)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without {{casus|netwerk|-}}: {text[:60]}")
                orient = m.group(1)
                text = text[:m.start()].rstrip()
            elif ORIENT.search(text):
                sys.exit(f"{path.name}: interviewer paragraph with orientation marker")
            turns.append((kind, text, orient))
        else:
            sys.exit(f"{path.name}: paragraph without H:/I:/R: prefix: {p[:60]}")
    for k in ("format", "interviewer", "respondent", "style", "rationale"):
        if k not in meta:
            sys.exit(f"{path.name}: missing @{k}")
    return meta, header, turns


def plain(s):
    return TAG.sub(lambda m: m.group(1), s)


def idents(s):
    out = []
    for m in TAG.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown identifier type {m.group(2)} in {s[:60]}")
        out.append((m.group(1), m.group(2)))
    return out


def untagged_occurrences(text, ident):
    """Positions of `ident` outside [[...]] markup, on word boundaries."""
    spans = [(m.start(), m.end()) for m in TAG.finditer(text)]
    pat = re.compile(r"(?<!\w)" + re.escape(ident) + r"(?!\w)")
    res = []
    for m in pat.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            res.append(m.start())
    return res


def fill(path):
    """Tag every untagged occurrence of an identifier string that is tagged somewhere in the doc."""
    text = path.read_text(encoding="utf-8")
    body_lines = [l for l in text.splitlines() if not l.startswith("#")]
    known = {}
    for i, t in idents("\n".join(body_lines)):
        known.setdefault(i, t)
    # longest first so that 'Marieke Stapelkamp' is tagged before 'Marieke'
    for ident in sorted(known, key=len, reverse=True):
        while True:
            lines = text.split("\n")
            changed = False
            for n, line in enumerate(lines):
                if line.startswith("#") or line.startswith("@rationale") or line.startswith("@style"):
                    continue
                occ = untagged_occurrences(line, ident)
                if occ:
                    p = occ[0]
                    lines[n] = line[:p] + f"[[{ident}|{known[ident]}]]" + line[p + len(ident):]
                    changed = True
                    break
            text = "\n".join(lines)
            if not changed:
                break
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- segmentation
def tokens(annot):
    """Whitespace tokens of an annotated string; identifier markup never split."""
    holders = []

    def keep(m):
        holders.append(m.group(0))
        return f"\x00{len(holders) - 1}\x00"

    s = TAG.sub(keep, annot)
    toks = s.split()
    return [re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], t) for t in toks]


def wc(s):
    return sum(1 for t in plain(s).split() if re.search(r"\w", t))


def segment(annot, maxw):
    """Split a turn into cue texts (annotated) at sentence ends, max ~maxw words per cue."""
    toks = tokens(annot)
    sents, cur = [], []
    for t in toks:
        cur.append(t)
        if re.search(r"[.?!…]['\")]*$", plain(t)) or plain(t) in ("(lacht)", "(stilte)"):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    # split overlong sentences at commas or hard
    pieces = []
    for s in sents:
        while len(s) > maxw:
            parts = -(-len(s) // maxw)
            target = -(-len(s) // parts)
            cut = None
            for i in sorted(range(4, min(maxw, len(s) - 3) + 1), key=lambda i: abs(i - target)):
                if plain(s[i - 1]).endswith((",", ":", ";")) and abs(i - target) <= 4:
                    cut = i
                    break
            cut = cut or target
            pieces.append(s[:cut])
            s = s[cut:]
        if s:
            pieces.append(s)
    cues, cur = [], []
    for p in pieces:
        if cur and len(cur) + len(p) > maxw:
            cues.append(cur)
            cur = []
        cur = cur + p
    if cur:
        cues.append(cur)
    return [" ".join(c) for c in cues]


def wrap2(text, width):
    """Wrap plain cue text into at most two lines at a token boundary near the middle."""
    if len(text) <= width:
        return [text]
    toks = text.split(" ")
    best, bestd = 1, 10 ** 9
    for i in range(1, len(toks)):
        a = len(" ".join(toks[:i]))
        d = abs(a - len(text) / 2)
        if d < bestd:
            best, bestd = i, d
    return [" ".join(toks[:best]), " ".join(toks[best:])]


def wrap2_annot(annot, width):
    toks = tokens(annot)
    if len(plain(annot)) <= width:
        return [plain(annot)]
    total = len(plain(annot))
    best, bestd = 1, 10 ** 9
    for i in range(1, len(toks)):
        a = len(plain(" ".join(toks[:i])))
        d = abs(a - total / 2)
        if d < bestd:
            best, bestd = i, d
    return [plain(" ".join(toks[:best])), plain(" ".join(toks[best:]))]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def parse_start(meta):
    h, m, s = (int(x) for x in meta.get("start", "00:00:02").split(":"))
    return h * 3600 + m * 60 + s


# --------------------------------------------------------------------------- writers
def write_docx(doc_id, meta, header, turns, bold):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if bold:
            r.italic = True
    if header:
        d.add_paragraph()
    lab = {"I": plain(meta["interviewer"]), "R": plain(meta["respondent"])}
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab[kind] + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(lab[kind] + ": " + plain(text))
    path = TRANS / f"{doc_id}.docx"
    d.save(path)
    return path


def write_txt_ir(doc_id, meta, header, turns):
    lab = {"I": plain(meta["interviewer"]), "R": plain(meta["respondent"])}
    lines = [plain(h) for h in header] + [""]
    for kind, text, _ in turns:
        lines.append(f"{lab[kind]}: {plain(text)}")
        lines.append("")
    path = TRANS / f"{doc_id}.txt"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def write_txt_spreker(doc_id, meta, header, turns):
    lab = {"I": plain(meta["interviewer"]), "R": plain(meta["respondent"])}
    rng = random.Random(doc_id)
    t = parse_start(meta)
    lines = [plain(h) for h in header] + [""]
    for kind, text, _ in turns:
        lines.append(f"[{hms(t)}] {lab[kind]}: {plain(text)}")
        lines.append("")
        t += wc(text) / 2.4 + rng.uniform(0.8, 3.5)
    path = TRANS / f"{doc_id}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_vtt(doc_id, meta, header, turns):
    lab = {"I": plain(meta["interviewer"]), "R": plain(meta["respondent"])}
    rng = random.Random(doc_id)
    t = parse_start(meta)
    base = hashlib.md5(doc_id.encode()).hexdigest()
    uid = f"{base[:8]}-{base[8:12]}-4{base[13:16]}-a{base[17:20]}-{base[20:32]}"
    out = ["WEBVTT", "", "NOTE"] + [plain(h) for h in header] + [""]
    n = 0
    for kind, text, _ in turns:
        for cue in segment(text, 18):
            dur = max(1.2, wc(cue) / 2.5)
            n += 1
            out.append(f"{uid}/{n + 10}-0")
            out.append(f"{ts(t)} --> {ts(t + dur)}")
            out.append(f"<v {lab[kind]}>{plain(cue)}</v>")
            out.append("")
            t += dur + rng.uniform(0.05, 0.4)
        t += rng.uniform(0.6, 2.5)
    path = TRANS / f"{doc_id}.vtt"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_srt(doc_id, meta, header, turns):
    lab = {"I": plain(meta["interviewer"]), "R": plain(meta["respondent"])}
    rng = random.Random(doc_id)
    t = parse_start(meta)
    out = []
    n = 0
    for kind, text, _ in turns:
        for cue in segment(text, 14):
            dur = max(1.0, wc(cue) / 2.6)
            n += 1
            lines = wrap2_annot(f"{lab[kind]}: {cue}", 46)
            out.append(str(n))
            out.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
            out.extend(lines)
            out.append("")
            t += dur + rng.uniform(0.04, 0.3)
        t += rng.uniform(0.5, 2.0)
    path = TRANS / f"{doc_id}.srt"
    path.write_bytes("\r\n".join(out).encode("utf-8"))
    return path


WRITERS = {
    "docx_bold": lambda *a: write_docx(*a, bold=True),
    "docx_plain": lambda *a: write_docx(*a, bold=False),
    "txt_ir_cp1252": write_txt_ir,
    "txt_spreker_utf8": write_txt_spreker,
    "vtt": write_vtt,
    "srt": write_srt,
}


# --------------------------------------------------------------------------- main
def main():
    sources = sorted(SRC.glob("me*.txt"))
    if "--fill" in sys.argv:
        for p in sources:
            fill(p)
    TRANS.mkdir(exist_ok=True)
    for old in TRANS.iterdir():
        old.unlink()
    styles, orient_rows, ident_rows = [], [], []
    problems = []
    for p in sources:
        doc_id = p.stem
        meta, header, turns = parse(p)
        # alternation
        for i, (kind, _, _) in enumerate(turns):
            if kind != ("I" if i % 2 == 0 else "R"):
                problems.append(f"{doc_id}: turn {i + 1} breaks alternation")
        # identifiers, in order of appearance
        seen = {}
        all_annot = header + [meta["interviewer"], meta["respondent"]] + [t for _, t, _ in turns]
        for a in all_annot:
            for ident, typ in idents(a):
                if ident in seen and seen[ident] != typ:
                    problems.append(f"{doc_id}: '{ident}' tagged as {seen[ident]} and {typ}")
                seen.setdefault(ident, typ)
        for a in all_annot:
            for ident in seen:
                if untagged_occurrences(a, ident):
                    problems.append(f"{doc_id}: untagged occurrence of '{ident}' (run with --fill)")
        for ident, typ in seen.items():
            ident_rows.append((doc_id, ident, typ))
        for i, (kind, text, o) in enumerate(turns, start=1):
            if kind == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
            if FORBIDDEN.search(plain(text)):
                problems.append(f"{doc_id}: forbidden label word in turn {i}")
        styles.append((doc_id, meta["style"], meta["rationale"]))
        path = WRITERS[meta["format"]](doc_id, meta, header, turns)
        words = sum(wc(t) for _, t, _ in turns)
        rturns = sum(1 for k, _, _ in turns if k == "R")
        o = [r[2] for r in orient_rows if r[0] == doc_id]
        print(f"{doc_id}: {path.name:10s} words={words} respondent_turns={rturns} "
              f"identifiers={len(seen)} casus={o.count('casus')} netwerk={o.count('netwerk')}")
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    if problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
