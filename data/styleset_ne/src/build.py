"""Build the setne transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/neXX.txt):
  '#key: value' meta lines (format, ilabel, rlabel, style, rationale, encoding, newline)
  paragraphs separated by blank lines, each starting with 'H: ' (header line),
  'I: ' (interviewer turn) or 'R: ' (respondent turn).
  Identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

from docx import Document

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRANS = os.path.join(OUT, "transcripts")
DOCS = ["ne01", "ne02", "ne03", "ne04", "ne05", "ne06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
IDENT = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt": "txt", "txt_ts": "txt",
       "vtt": "vtt", "srt": "srt"}


def plain(s):
    return IDENT.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in IDENT.finditer(s)]


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    meta, body = {}, []
    for line in raw.splitlines():
        if line.startswith("#") and ":" in line and not body:
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    paras = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(body)) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(l.strip() for l in p.splitlines())
        kind, text = p[:2], p[3:].strip()
        if kind == "H:":
            if turns:
                sys.exit(f"{doc_id}: header paragraph after first turn")
            header.append(text)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without tag: {text[:60]}")
                orient = m.group(1)
                text = TAG.sub("", text)
            elif TAG.search(text):
                sys.exit(f"{doc_id}: interviewer paragraph with tag")
            turns.append((kind[0], text, orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph start {p[:20]!r}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def tokens(marked):
    """Whitespace tokens with identifiers kept atomic; returns marked tokens."""
    holders = []

    def hold(m):
        holders.append(m.group(0))
        return f"\x00{len(holders) - 1}\x00"

    s = IDENT.sub(hold, marked)
    out = []
    for t in s.split():
        out.append(re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], t))
    return out


def chunks(marked, maxw=14, minw=6):
    toks = tokens(marked)
    res, cur = [], []
    for t in toks:
        cur.append(t)
        n = len(cur)
        end = plain(t).rstrip(")\"'")
        if (n >= minw and end.endswith((".", "?", "!"))) or n >= maxw:
            res.append(cur)
            cur = []
    if cur:
        if res and len(cur) < 3:
            res[-1].extend(cur)
        else:
            res.append(cur)
    return [plain(" ".join(c)) for c in res]


def nwords(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def ts_srt(t):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def ts_vtt(t):
    return ts_srt(t).replace(",", ".")


def ts_hms(t):
    t = int(t)
    return f"{t // 3600:02d}:{(t % 3600) // 60:02d}:{t % 60:02d}"


def write_text(path, lines, meta):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    enc = meta.get("encoding", "utf-8")
    data = nl.join(lines) + nl
    with open(path, "wb") as f:
        f.write(data.encode(enc))


def build(doc_id):
    meta, header, turns = parse(doc_id)
    fmt = meta["format"]
    lab = {"I": plain(meta["ilabel"]), "R": plain(meta["rlabel"])}
    hdr = [plain(h) for h in header]
    path = os.path.join(TRANS, f"{doc_id}.{EXT[fmt]}")
    if fmt in ("docx_bold", "docx_plain"):
        d = Document()
        for h in hdr:
            d.add_paragraph(h)
        if hdr:
            d.add_paragraph("")
        for sp, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab[sp] + ":")
                r.bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{lab[sp]}: {plain(text)}")
        d.save(path)
    elif fmt == "txt":
        lines = list(hdr)
        if hdr:
            lines.append("")
        for sp, text, _ in turns:
            lines.append(f"{lab[sp]}: {plain(text)}")
            lines.append("")
        write_text(path, lines[:-1], meta)
    elif fmt == "txt_ts":
        lines = list(hdr)
        if hdr:
            lines.append("")
        t = 3.0
        for sp, text, _ in turns:
            lines.append(f"[{ts_hms(t)}] {lab[sp]}: {plain(text)}")
            lines.append("")
            t += nwords(plain(text)) / 2.4 + 1.5
        write_text(path, lines[:-1], meta)
    elif fmt in ("vtt", "srt"):
        cues = []
        t = 1.2
        for sp, text, _ in turns:
            for c in chunks(text):
                dur = max(1.2, nwords(c) / 2.6 + 0.3)
                cues.append((t, t + dur, lab[sp], c))
                t += dur + 0.15
            t += 0.6
        if fmt == "vtt":
            lines = ["WEBVTT", ""]
            if hdr:
                lines += ["NOTE"] + hdr + [""]
            for a, b, who, c in cues:
                lines += [f"{ts_vtt(a)} --> {ts_vtt(b)}", f"<v {who}>{c}", ""]
        else:
            lines = []
            for i, (a, b, who, c) in enumerate(cues, 1):
                lines += [str(i), f"{ts_srt(a)} --> {ts_srt(b)}", f"{who}: {c}", ""]
        write_text(path, lines[:-1], meta)
    else:
        sys.exit(f"{doc_id}: unknown format {fmt}")

    ids = []
    for s in [meta["ilabel"], meta["rlabel"]] + header + [t[1] for t in turns]:
        ids += idents(s)
    seen = {}
    for text, typ in ids:
        if typ not in TYPES:
            sys.exit(f"{doc_id}: bad type {typ}")
        if text in seen and seen[text] != typ:
            sys.exit(f"{doc_id}: {text!r} has two types")
        seen.setdefault(text, typ)
    orient = [(i + 1, o) for i, (sp, _, o) in enumerate(turns) if sp == "R" and o in ("casus", "netwerk")]
    words = sum(nwords(plain(t[1])) for t in turns)
    rturns = sum(1 for t in turns if t[0] == "R")
    return meta, seen, orient, words, rturns, path, turns, header


def main():
    os.makedirs(TRANS, exist_ok=True)
    for f in os.listdir(TRANS):
        os.remove(os.path.join(TRANS, f))
    styles, orients, identrows, stats, alltexts, allids = [], [], [], [], {}, {}
    for d in DOCS:
        meta, seen, orient, words, rturns, path, turns, header = build(d)
        styles.append((d, meta["style"], meta["rationale"]))
        orients += [(d, i, o) for i, o in orient]
        identrows += [(d, s, t) for s, t in seen.items()]
        stats.append((d, meta["format"], os.path.basename(path), words, rturns, len(turns)))
        alltexts[d] = " ".join([plain(meta["ilabel"]), plain(meta["rlabel"])] +
                               [plain(h) for h in header] + [plain(t[1]) for t in turns])
        allids[d] = seen
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orients, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(identrows)
    # warn about identifier strings that occur unmarked in a document
    known = {}
    for d in DOCS:
        for s, t in allids[d].items():
            known.setdefault(s, t)
    for d in DOCS:
        for s in known:
            if s not in allids[d] and len(s) > 3 and re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", alltexts[d]):
                print(f"WARNING {d}: {s!r} occurs but is not listed")
    for row in stats:
        print("{}  {:10s} {:10s} words={:5d} respondent_turns={:3d} turns={:3d}".format(*row))


if __name__ == "__main__":
    main()
