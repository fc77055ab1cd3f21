#!/usr/bin/env python3
"""Build the six transcripts and the three csv files of set mq from the annotated sources.

Source format (src/mqNN.txt):
  '# key: value' lines      build settings (format, ilabel, rlabel; labels may carry [[..|TYPE]])
  paragraphs separated by blank lines, each starting with
    'H: '  header line (not a turn)
    'I: '  interviewer turn
    'R: '  respondent turn, ending in {casus}, {netwerk} or {-}
  identifiers inline as [[text|TYPE]]

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent
ROOT = SRC.parent
OUT = ROOT / "transcripts"

DOC_IDS = ["mq01", "mq02", "mq03", "mq04", "mq05", "mq06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir_cp1252": "txt", "txt_ts_utf8": "txt",
       "vtt": "vtt", "srt": "srt"}

STYLES = {
    "mq01": ("netwerkgericht",
             "Leerplicht/Veiligheidshuis-schakelfunctionaris who hands the girl she tells about to a regisseur and "
             "jongerenwerker and puts her own effort into the schakeltafel, the huiszoeking-signal agreement, the "
             "Raad arrangement and relations with teamleaders and schools."),
    "mq02": ("casusgericht",
             "Ex-wijkagent who names many partners and an MDO but uses each as a means for his plan for one boy, "
             "invests in home visits and the boy's trust, and explicitly declines the structural werkgroep and "
             "escalation to managers."),
    "mq03": ("onbepaald",
             "Too little evidence: a guarded gemeente procesregisseur who answers only in procedures, convenant and "
             "generalities and never shows where her own effort or trust goes."),
    "mq04": ("netwerkgericht",
             "Former raadsonderzoeker who tells a warm story about twins but leaves daily contact to the jongerencoach "
             "and invests in the escalation model with Raad and jeugdbescherming, a schools-police overleg, "
             "handover documents and trust with teamleaders."),
    "mq05": ("casusgericht",
             "Former jongerenwerker/kickboxing trainer who aligns leerplicht, jeugdbescherming, Raad, jeugdagent and "
             "school around his plan for one boy, invests in the boy's and mother's trust, and turns down the "
             "regional werkgroep."),
    "mq06": ("netwerkgericht",
             "Veteran coordinator with no caseload who tells one moving old client story but invests in placement "
             "agreements with the ROC, kwartaal-afspraken with the police, convenant clauses, bestuurders and "
             "spotting patterns across regisseurs."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def marks(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def parse(doc):
    text = (SRC / f"{doc}.txt").read_text(encoding="utf-8")
    cfg, paras, cur = {}, [], []
    for line in text.splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            cfg[k.strip()] = v.strip()
            continue
        if not line.strip():
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    header, turns = [], []
    for p in paras:
        kind, _, body = p.partition(": ")
        if kind == "H":
            header.append(body)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{doc}: respondent turn without orientation tag: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif TAG.search(body):
                sys.exit(f"{doc}: interviewer turn with tag: {body[:60]}")
            turns.append({"who": kind, "src": body, "text": plain(body), "orient": orient})
        else:
            sys.exit(f"{doc}: bad paragraph start: {p[:40]}")
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["who"] != want:
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return cfg, header, turns


def words(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"[{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}]"


def sentences(src):
    """Split an annotated turn into plain sentences, never inside an identifier."""
    keep = []

    def hold(m):
        keep.append(m.group(1))
        return f"\x00{len(keep) - 1}\x00"

    held = MARK.sub(hold, src)
    parts = re.split(r"(?<=[.?!…])\s+(?=[A-Z\"(\x00ÉÖ'])", held)
    return [re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], p) for p in parts if p.strip()]


def cues(src, maxw=22):
    out, cur = [], []
    for s in sentences(src):
        if cur and words(" ".join(cur + [s])) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def timeline(turns, start=2.0, wps=2.6, gap=0.7):
    """Yield (turn, [(start, end, text), ...]) with plausible timings."""
    t = start
    res = []
    for turn in turns:
        parts = []
        for c in cues(turn["src"]):
            d = max(1.2, words(c) / wps)
            parts.append((t, t + d, c))
            t += d + 0.15
        res.append((turn, parts))
        t += gap
    return res


def write_docx(path, header, turns, il, rl, bold):
    import docx
    from docx.shared import Pt
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
    for t in turns:
        lab = il if t["who"] == "I" else rl
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{lab}:")
            r.bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(f"{lab}: {t['text']}")
    d.save(path)


def build(doc):
    cfg, header, turns = parse(doc)
    fmt = cfg["format"]
    il, rl = plain(cfg["ilabel"]), plain(cfg["rlabel"])
    hdr = [plain(h) for h in header]
    path = OUT / f"{doc}.{EXT[fmt]}"
    if fmt in ("docx_bold", "docx_plain"):
        write_docx(path, hdr, turns, il, rl, bold=(fmt == "docx_bold"))
    elif fmt == "txt_ir_cp1252":
        lines = hdr + [""]
        for t in turns:
            lines.append(f"{'I' if t['who'] == 'I' else 'R'}: {t['text']}")
            lines.append("")
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt_ts_utf8":
        lines = hdr + [""]
        for turn, parts in timeline(turns, start=4.0):
            lab = il if turn["who"] == "I" else rl
            lines.append(f"{hms(parts[0][0])} {lab}: {turn['text']}")
            lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if hdr:
            lines.append("NOTE")
            lines.extend(hdr)
            lines.append("")
        for turn, parts in timeline(turns, start=1.5):
            lab = il if turn["who"] == "I" else rl
            for a, b, c in parts:
                lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
                lines.append(f"<v {lab}>{plain(c)}")
                lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        lines, n = [], 0
        for turn, parts in timeline(turns, start=0.8):
            lab = il if turn["who"] == "I" else rl
            for a, b, c in parts:
                n += 1
                lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {plain(c)}", ""]
        path.write_bytes("\r\n".join(lines).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")

    # identifiers: labels, header, turns, in order of appearance, one row per distinct string
    ids = {}
    for s in [cfg["ilabel"], cfg["rlabel"]] + header + [t["src"] for t in turns]:
        for txt, typ in marks(s):
            if typ not in TYPES:
                sys.exit(f"{doc}: bad type {typ}")
            if txt in ids and ids[txt] != typ:
                sys.exit(f"{doc}: {txt!r} has two types")
            ids.setdefault(txt, typ)
    orient = [(i + 1, t["orient"]) for i, t in enumerate(turns) if t["who"] == "R" and t["orient"] in ("casus", "netwerk")]
    stats = {
        "format": fmt, "file": path.name,
        "words": sum(words(t["text"]) for t in turns),
        "resp_turns": sum(1 for t in turns if t["who"] == "R"),
        "turns": len(turns),
        "n_ids": len(ids),
        "casus": sum(1 for _, o in orient if o == "casus"),
        "netwerk": sum(1 for _, o in orient if o == "netwerk"),
    }
    return ids, orient, stats


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    id_rows, or_rows, all_stats = [], [], {}
    for doc in DOC_IDS:
        ids, orient, stats = build(doc)
        id_rows += [(doc, t, ty) for t, ty in ids.items()]
        or_rows += [(doc, i, o) for i, o in orient]
        all_stats[doc] = stats
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOC_IDS:
            w.writerow([doc, *STYLES[doc]])
    for doc, s in all_stats.items():
        print(doc, s)


if __name__ == "__main__":
    main()
