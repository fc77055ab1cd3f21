"""Build the transcripts and csv files of blind set HA from the annotated sources.

Source format (src/haNN.src):
  @key value            configuration (doc, format, style, rationale, label_i, label_r, header_gap)
  H: text               header line (one paragraph each)
  I: text               interviewer turn
  R: text {casus}       respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers inline as [[text|TYPE]] (also allowed in @label_i / @label_r).
Paragraphs are separated by blank lines; a paragraph may span several lines.

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252-ir": "txt",
       "txt-utf8-spreker": "txt", "vtt": "vtt", "srt": "srt"}


def clean(s):
    return ANN.sub(lambda m: m.group(1), s)


def anns(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def parse(path):
    cfg, paras, cur = {}, [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@"):
            k, _, v = line[1:].partition(" ")
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
        kind, _, text = p.partition(": ")
        if kind == "H":
            if turns:
                sys.exit(f"{path.name}: header after turns")
            header.append(text)
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", text)
                if not m:
                    sys.exit(f"{path.name}: respondent turn without orientation tag: {text[:60]}")
                orient = m.group(1)
                text = text[:m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}", text):
                sys.exit(f"{path.name}: interviewer turn with tag")
            turns.append((kind, text.strip(), orient))
        else:
            sys.exit(f"{path.name}: bad paragraph {p[:60]}")
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return cfg, header, turns


def sentences(text):
    """Split annotated text into sentences, never inside [[...]]."""
    out, start, depth, i = [], 0, 0, 0
    while i < len(text):
        if text.startswith("[[", i):
            depth += 1
            i += 2
            continue
        if text.startswith("]]", i):
            depth -= 1
            i += 2
            continue
        c = text[i]
        if depth == 0 and c in ".?!" and i + 1 < len(text) and text[i + 1] == " ":
            j = i + 1
            while j < len(text) and text[j] in "’'\")":
                j += 1
            out.append(text[start:i + 1].strip())
            start = i + 1
        i += 1
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def chunks(text, maxw=19):
    res, cur = [], []
    for s in sentences(text):
        n = len(clean(s).split())
        if cur and len(clean(" ".join(cur)).split()) + n > maxw:
            res.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        res.append(" ".join(cur))
    return res


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, start=3.2):
    t, cues = start, []
    for k, text, _ in turns:
        for c in chunks(text):
            dur = max(1.4, len(clean(c).split()) / 2.6)
            cues.append((t, t + dur, labels[k], clean(c)))
            t += dur + 0.25
        t += 0.9
    return cues


def build_doc(doc, cfg, header, turns):
    fmt = cfg["format"]
    labels = {"I": clean(cfg["label_i"]), "R": clean(cfg["label_r"])}
    hdr = [clean(h) for h in header]
    out = OUT / f"{doc}.{EXT[fmt]}"
    if fmt in ("docx-bold", "docx-plain"):
        import docx
        from docx.shared import Pt
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = cfg.get("font", "Calibri")
        st.font.size = Pt(11)
        for h in hdr:
            p = d.add_paragraph()
            r = p.add_run(h)
            if fmt == "docx-bold":
                r.italic = True
        if hdr:
            d.add_paragraph()
        for k, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                r = p.add_run(labels[k] + ":")
                r.bold = True
                p.add_run(" " + clean(text))
            else:
                p.add_run(f"{labels[k]}: {clean(text)}")
        d.save(out)
    elif fmt == "txt-cp1252-ir":
        lines = hdr + [""] if hdr else []
        for k, text, _ in turns:
            lines += [f"{labels[k]}: {clean(text)}", ""]
        out.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt-utf8-spreker":
        lines = hdr + [""] if hdr else []
        t = 4.0
        for k, text, _ in turns:
            lines += [f"[{ts(t, ',')[:8]}] {labels[k]}: {clean(text)}", ""]
            t += len(clean(text).split()) / 2.5 + 1.7
        out.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        parts = ["WEBVTT", ""]
        if hdr:
            parts += ["NOTE"] + hdr + [""]
        for a, b, lab, c in timed_cues(turns, labels):
            parts += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}</v>", ""]
        out.write_text("\n".join(parts), encoding="utf-8")
    elif fmt == "srt":
        parts = []
        for n, (a, b, lab, c) in enumerate(timed_cues(turns, labels), 1):
            parts += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
        out.write_bytes("\r\n".join(parts).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")
    return out


def main():
    OUT.mkdir(exist_ok=True)
    styles, orient, idents = [], [], []
    words = {}
    for src in sorted(HERE.glob("ha*.src")):
        cfg, header, turns = parse(src)
        doc = cfg["doc"]
        for old in OUT.glob(f"{doc}.*"):
            old.unlink()
        build_doc(doc, cfg, header, turns)
        styles.append((doc, cfg["style"], cfg["rationale"]))
        for i, (k, _, o) in enumerate(turns, 1):
            if k == "R" and o in ("casus", "netwerk"):
                orient.append((doc, i, o))
        seen = {}
        sources = header + [cfg["label_i"], cfg["label_r"]] + [t for _, t, _ in turns]
        for s in sources:
            for text, typ in anns(s):
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if text in seen and seen[text] != typ:
                    sys.exit(f"{doc}: {text} tagged as {seen[text]} and {typ}")
                if text not in seen:
                    seen[text] = typ
                    idents.append((doc, text, typ))
        # warn about untagged occurrences of tagged strings
        plain_untagged = " ".join(ANN.sub(" ", s) for s in sources)
        for text in seen:
            if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", plain_untagged):
                print(f"warning {doc}: '{text}' also occurs untagged")
        w = sum(len(re.findall(r"\w+(?:['’-]\w+)*", clean(t))) for _, t, _ in turns)
        words[doc] = (w, sum(1 for k, _, _ in turns if k == "R"), len(seen))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "style", "rationale"])
        wr.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "turn_index", "orientation"])
        wr.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "identifier", "type"])
        wr.writerows(idents)
    for d, (w, r, n) in words.items():
        print(f"{d}: {w} words, {r} respondent turns, {n} identifiers")


if __name__ == "__main__":
    main()
