"""Build the setKL transcripts and label files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt):
  #key: value        metadata (format, ilabel, rlabel, style, rationale)
  H: text            header line
  I: text            interviewer turn
  R: text {o}        respondent turn, o in casus / netwerk / -
Identifiers inline as [[text|TYPE]] (also allowed in header lines and in rlabel/ilabel).
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
DOCS = ["kl01", "kl02", "kl03", "kl04", "kl05", "kl06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

problems = []


def strip(text, ids):
    """Remove annotations, collect (identifier, type) and spans in the plain text."""
    out, spans, pos = [], [], 0
    plen = 0
    for m in ANN.finditer(text):
        before = text[pos:m.start()]
        out.append(before)
        plen += len(before)
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            problems.append(f"unknown type {typ} for {ident}")
        ids.append((ident, typ))
        spans.append((plen, plen + len(ident)))
        out.append(ident)
        plen += len(ident)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def parse(doc):
    meta, header, turns, ids = {}, [], [], []
    for n, line in enumerate((SRC / f"{doc}.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
            continue
        kind, rest = line.split(":", 1)
        rest = rest.strip()
        if kind == "H":
            plain, spans = strip(rest, ids)
            header.append((plain, spans))
        elif kind in ("I", "R"):
            ori = None
            if kind == "R":
                m = ORI.search(rest)
                if not m:
                    problems.append(f"{doc} line {n}: respondent turn without orientation")
                    ori = "-"
                else:
                    ori = m.group(1)
                    rest = rest[:m.start()]
            elif ORI.search(rest):
                problems.append(f"{doc} line {n}: interviewer turn with orientation")
            plain, spans = strip(rest, ids)
            turns.append({"who": kind, "text": plain, "spans": spans, "ori": ori})
        else:
            problems.append(f"{doc} line {n}: unknown paragraph kind {kind!r}")
    labels = {}
    for key, who in (("ilabel", "I"), ("rlabel", "R")):
        plain, _ = strip(meta.get(key, who), ids)
        labels[who] = plain
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["who"] != want:
            problems.append(f"{doc}: turn {i + 1} should be {want}")
    # identifiers: distinct strings, consistent type
    seen = {}
    for ident, typ in ids:
        if ident in seen and seen[ident] != typ:
            problems.append(f"{doc}: {ident!r} typed {seen[ident]} and {typ}")
        seen.setdefault(ident, typ)
    # warn about unannotated occurrences of an identifier elsewhere in the document
    chunks = [h for h in header] + [(t["text"], t["spans"]) for t in turns]
    for ident in seen:
        if len(ident) < 3:
            continue
        pat = re.compile(r"(?<!\w)" + re.escape(ident) + r"(?!\w)")
        for text, spans in chunks:
            masked = list(text)
            for a, b in spans:
                for k in range(a, b):
                    masked[k] = "\0"
            if pat.search("".join(masked)):
                problems.append(f"{doc}: unannotated occurrence of {ident!r}: {text[:60]}...")
                break
    return meta, header, turns, labels, seen


# ---------------------------------------------------------------- cue splitting
SENT_END = re.compile(r"(?<=[.?!…])\s+")


def split_cues(text, spans, maxw=20):
    inside = lambda p: any(a < p < b for a, b in spans)
    cuts, sentences, start = [], [], 0
    for m in SENT_END.finditer(text):
        if not inside(m.start()):
            sentences.append(text[start:m.start()])
            start = m.end()
    sentences.append(text[start:])
    pieces = []
    for s in sentences:
        words = s.split()
        if len(words) <= maxw + 6:
            pieces.append(s)
            continue
        # split long sentences after commas (never inside an identifier, identifiers have no commas
        # except none here), greedily
        parts = re.split(r"(?<=,)\s+", s)
        cur = ""
        for p in parts:
            if cur and len((cur + " " + p).split()) > maxw:
                pieces.append(cur)
                cur = p
            else:
                cur = (cur + " " + p).strip()
        if cur:
            pieces.append(cur)
    cues, cur = [], ""
    for p in pieces:
        if cur and len((cur + " " + p).split()) > maxw:
            cues.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        cues.append(cur)
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, start=2.4):
    t = start
    out = []
    for turn in turns:
        for cue in split_cues(turn["text"], turn["spans"]):
            dur = max(1.6, len(cue.split()) / 2.6)
            out.append((t, t + dur, labels[turn["who"]], cue))
            t += dur + 0.25
        t += 0.9
    return out


# ---------------------------------------------------------------- writers
def write_docx(doc, header, turns, labels, bold):
    from docx import Document
    from docx.shared import Pt
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h, _ in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = bold
    if header:
        d.add_paragraph()
    for turn in turns:
        p = d.add_paragraph()
        lab = labels[turn["who"]] + ":"
        if bold:
            r = p.add_run(lab)
            r.bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(lab + " " + turn["text"])
    d.save(OUT / f"{doc}.docx")


def write_txt(doc, header, turns, labels, encoding, newline, timestamps=False):
    lines = [h for h, _ in header]
    if header:
        lines.append("")
    t = 1.0
    for turn in turns:
        lab = labels[turn["who"]] + ":"
        if timestamps:
            secs = int(t)
            lab = f"[{secs // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}] " + lab
            t += len(turn["text"].split()) / 2.5 + 1.5
        lines.append(f"{lab} {turn['text']}")
        lines.append("")
    data = newline.join(lines)
    (OUT / f"{doc}.txt").write_bytes(data.encode(encoding))


def write_vtt(doc, header, turns, labels):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [h for h, _ in header]
        lines.append("")
    for n, (a, b, who, cue) in enumerate(timed_cues(turns, labels), 1):
        lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        lines.append(f"<v {who}>{cue}")
        lines.append("")
    (OUT / f"{doc}.vtt").write_text("\n".join(lines), encoding="utf-8")


def write_srt(doc, header, turns, labels, newline):
    if header:
        problems.append(f"{doc}: srt has no place for a header")
    lines = []
    for n, (a, b, who, cue) in enumerate(timed_cues(turns, labels), 1):
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{who}: {cue}", ""]
    (OUT / f"{doc}.srt").write_bytes(newline.join(lines).encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, ori_rows, id_rows = [], [], []
    for doc in DOCS:
        meta, header, turns, labels, ids = parse(doc)
        fmt = meta["format"]
        if fmt == "docx-bold":
            write_docx(doc, header, turns, labels, True)
        elif fmt == "docx-plain":
            write_docx(doc, header, turns, labels, False)
        elif fmt == "txt-cp1252-crlf":
            write_txt(doc, header, turns, labels, "cp1252", "\r\n")
        elif fmt == "txt-utf8-timestamps":
            write_txt(doc, header, turns, labels, "utf-8", "\n", timestamps=True)
        elif fmt == "vtt":
            write_vtt(doc, header, turns, labels)
        elif fmt == "srt-crlf":
            write_srt(doc, header, turns, labels, "\r\n")
        else:
            problems.append(f"{doc}: unknown format {fmt}")
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, t in enumerate(turns, 1):
            if t["who"] == "R" and t["ori"] in ("casus", "netwerk"):
                ori_rows.append((doc, i, t["ori"]))
        for ident, typ in ids.items():
            id_rows.append((doc, ident, typ))
        words = sum(len(t["text"].split()) for t in turns)
        rturns = sum(1 for t in turns if t["who"] == "R")
        oc = {o: sum(1 for t in turns if t["ori"] == o) for o in ("casus", "netwerk", "-")}
        print(f"{doc}: {fmt:22s} words={words} turns={len(turns)} r_turns={rturns} ids={len(ids)} ori={oc}")
    ori_rows.sort(key=lambda r: (r[0], r[1]))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(ori_rows)
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print("  " + p)
        sys.exit(1)


if __name__ == "__main__":
    main()
