"""Build the transcripts and the three csv files of set 'lu' from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx formats)

Source format (src/luNN.txt):
  '# key: value'  directives (format, encoding, newline, label_I, label_R, key_I, key_R, style, rationale)
  'H: ...'        header line
  'I: ...'        interviewer turn (one paragraph)
  'R: ... {tag}'  respondent turn, tag = casus | netwerk | -
  identifiers inline as [[text|TYPE]]
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = HERE.parent
OUT = BASE / "transcripts"
DOCS = ["lu01", "lu02", "lu03", "lu04", "lu05", "lu06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TOKEN_RE = re.compile(r"(?:[^\s\[]*\[\[.*?\]\])+[^\s\[]*|\S+")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-labels": "txt", "txt-spreker": "txt", "vtt": "vtt", "srt": "srt"}


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def parse(path):
    meta, header, turns = {}, [], []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif line.startswith("H:"):
            header.append(line[2:].strip())
        elif line.startswith("I:"):
            if TAG_RE.search(line):
                sys.exit(f"{path.name}:{n}: interviewer turn with a tag")
            turns.append(("I", line[2:].strip(), None))
        elif line.startswith("R:"):
            m = TAG_RE.search(line)
            if not m:
                sys.exit(f"{path.name}:{n}: respondent turn without {{casus}}/{{netwerk}}/{{-}}")
            turns.append(("R", line[2:m.start()].strip(), m.group(1)))
        else:
            sys.exit(f"{path.name}:{n}: unexpected line {line[:40]!r}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def identifiers(meta, header, turns, name):
    seen = {}
    texts = [meta.get(k, "") for k in ("label_I", "label_R", "key_I", "key_R")] + header + [t for _, t, _ in turns]
    for t in texts:
        for m in ID_RE.finditer(t):
            s, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"{name}: unknown type {typ}")
            if s in seen and seen[s] != typ:
                sys.exit(f"{name}: {s!r} has two types")
            seen.setdefault(s, typ)
    return list(seen.items())


def cues(text, minw=9, maxw=24):
    """Split an annotated turn into subtitle cues at sentence ends (identifiers stay whole)."""
    toks = TOKEN_RE.findall(text)
    out, cur = [], []
    for i, tok in enumerate(toks):
        cur.append(tok)
        p = plain(tok)
        n = len(cur)
        last = i == len(toks) - 1
        if last or (n >= minw and re.search(r"[.?!…]['’”)]*$", p)) or (n >= maxw and p.endswith(",")) or n >= maxw + 8:
            out.append(plain(" ".join(cur)))
            cur = []
    return out


def words(s):
    return len(re.findall(r"\w+(?:['’-]\w+)*", s))


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(turns, start=2.4):
    """Yield (speaker, cue_text, start, end) with plausible timings."""
    t = start
    res = []
    prev = None
    for sp, text, _ in turns:
        if prev is not None:
            t += 0.9 if sp != prev else 0.2
        for c in cues(text):
            d = max(1.4, words(c) * 0.39)
            res.append((sp, c, t, t + d))
            t += d + 0.15
        prev = sp
    return res


def build_docx(path, header, turns, lab, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
    if header:
        d.add_paragraph()
    for sp, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab[sp] + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{lab[sp]}: {plain(text)}")
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.save(path)


def write_text(path, lines, meta):
    nl = "\r\n" if meta.get("newline", "lf") == "crlf" else "\n"
    enc = meta.get("encoding", "utf-8")
    data = nl.join(lines) + nl
    path.write_bytes(data.encode(enc))


def build(doc):
    meta, header, turns = parse(HERE / f"{doc}.txt")
    fmt = meta["format"]
    lab = {"I": plain(meta["label_I"]), "R": plain(meta["label_R"])}
    for old in OUT.glob(f"{doc}.*"):
        old.unlink()
    path = OUT / f"{doc}.{EXT[fmt]}"
    if fmt in ("docx-bold", "docx-plain"):
        build_docx(path, header, turns, lab, fmt == "docx-bold")
    elif fmt == "txt-labels":
        lines = [plain(h) for h in header] + [""]
        for sp, text, _ in turns:
            lines += [f"{lab[sp]}: {plain(text)}", ""]
        write_text(path, lines[:-1], meta)
    elif fmt == "txt-spreker":
        lines = [plain(h) for h in header] + [plain(meta["key_I"]), plain(meta["key_R"]), ""]
        t = 3.0
        for sp, text, _ in turns:
            lines.append(f"[{ts(t, '.')[:8]}] {lab[sp]}: {plain(text)}")
            t += words(plain(text)) * 0.4 + 1.1
        write_text(path, lines, meta)
    elif fmt == "vtt":
        lines = ["WEBVTT", "", "NOTE"] + [plain(h) for h in header] + [""]
        for sp, c, a, b in timed(turns):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab[sp]}>{c}</v>", ""]
        write_text(path, lines[:-1], meta)
    elif fmt == "srt":
        lines = []
        for n, (sp, c, a, b) in enumerate(timed(turns), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[sp]}: {c}", ""]
        write_text(path, lines, meta)
    else:
        sys.exit(f"{doc}: unknown format {fmt}")
    ids = identifiers(meta, header, turns, doc)
    orient = [(i + 1, tag) for i, (sp, _, tag) in enumerate(turns) if sp == "R" and tag in ("casus", "netwerk")]
    nwords = sum(words(plain(t)) for _, t, _ in turns)
    nresp = sum(1 for sp, _, _ in turns if sp == "R")
    return meta, ids, orient, nwords, nresp, path.name


def main():
    OUT.mkdir(exist_ok=True)
    styles, orients, idrows = [], [], []
    for doc in DOCS:
        meta, ids, orient, nwords, nresp, fname = build(doc)
        styles.append((doc, meta["style"], meta["rationale"]))
        orients += [(doc, i, o) for i, o in orient]
        idrows += [(doc, s, t) for s, t in ids]
        print(f"{doc}: {fname:10s} {nwords:5d} words, {nresp:2d} respondent turns, {len(ids):2d} identifiers, "
              f"{len(orient):2d} oriented turns")
    with open(BASE / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(BASE / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients))
    with open(BASE / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)


if __name__ == "__main__":
    main()
