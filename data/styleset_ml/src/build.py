"""Build the blind set ml01..ml06 from the annotated sources in this folder.

Source format (src/<doc>.src):
  @key value         metadata (doc, format, encoding, newline, ilabel, rlabel, start, style, rationale)
  H: / I: / R:       one paragraph per header line / interviewer turn / respondent turn,
                     identifiers inline as [[text|TYPE]], respondent turns end in {casus}, {netwerk} or {-}.

Writes ../transcripts/<doc>.<ext>, ../styles.csv, ../orientation.csv, ../identifiers.csv.
Run with /work/main/.venv/bin/python src/build.py (python-docx needed for the .docx files).
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

SRC = Path(__file__).resolve().parent
ROOT = SRC.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-ir": "txt", "txt-spreker": "txt",
       "vtt": "vtt", "srt": "srt"}


def strip(text, ids):
    """Remove annotations, collecting (string, type)."""
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            raise ValueError(f"unknown type {t} for {s!r}")
        ids.append((s, t))
        return s
    return ANN.sub(rep, text)


def parse(path):
    meta, paras = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("@"):
            k, _, v = line[1:].partition(" ")
            meta[k] = v.strip()
            continue
        kind, sep, text = line.partition(": ")
        if kind not in ("H", "I", "R") or not sep:
            raise ValueError(f"{path.name}: bad line {line[:60]!r}")
        paras.append((kind, text.strip()))
    return meta, paras


def load(path):
    meta, paras = parse(path)
    doc = meta["doc"]
    ids = []
    ilabel = strip(meta["ilabel"], ids)
    rlabel = strip(meta["rlabel"], ids)
    header, turns = [], []
    for kind, text in paras:
        if kind == "H":
            if turns:
                raise ValueError(f"{doc}: header after turns")
            header.append(strip(text, ids))
            continue
        orient = None
        if kind == "R":
            m = TAG.search(text)
            if not m:
                raise ValueError(f"{doc}: respondent turn without orientation tag: {text[:50]!r}")
            orient = m.group(1)
            text = text[:m.start()]
        elif TAG.search(text):
            raise ValueError(f"{doc}: interviewer turn with tag")
        turns.append({"kind": kind, "raw": text, "text": strip(text, ids), "orient": orient})
    # strict alternation, interviewer first
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["kind"] != want:
            raise ValueError(f"{doc}: turn {i + 1} is {t['kind']}, expected {want}")
    # identifier bookkeeping
    seen = {}
    for s, t in ids:
        if s in seen and seen[s] != t:
            raise ValueError(f"{doc}: {s!r} typed {seen[s]} and {t}")
        seen.setdefault(s, t)
    # lint: an identifier string must not also occur unannotated
    plain_parts = [ANN.sub(lambda m: "\x00" * len(m.group(1)), p[1]) for p in paras]
    problems = []
    for s in seen:
        pat = re.compile(r"(?<![\w@.])" + re.escape(s) + r"(?![\w@])")
        for p in plain_parts:
            for m in pat.finditer(p):
                problems.append(f"{doc}: {s!r} unannotated: ...{p[max(0, m.start() - 40):m.end() + 15]}...")
    if problems:
        raise ValueError("\n".join(problems))
    return {"doc": doc, "meta": meta, "ilabel": ilabel, "rlabel": rlabel, "header": header,
            "turns": turns, "ids": seen}


# ---------------------------------------------------------------- timing helpers
def ts(sec, sep):
    sec = max(0.0, sec)
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def parse_start(v):
    h, m, s = (int(x) for x in (v or "00:00:02").split(":"))
    return h * 3600 + m * 60 + s


def sentences(raw):
    """Split annotated raw text into sentences, never inside [[...]]."""
    masked = ANN.sub(lambda m: "#" * len(m.group(0)), raw)
    cuts, out, last = [], [], 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=\S)", masked):
        cuts.append((m.start(), m.end()))
    for a, b in cuts:
        out.append(raw[last:a])
        last = b
    out.append(raw[last:])
    return [s for s in out if s.strip()]


def cues_for(raw, maxw=26):
    """Group sentences into cue-sized chunks (annotated text)."""
    chunks, cur = [], []
    for s in sentences(raw):
        n = len(ANN.sub(lambda m: m.group(1), s).split())
        curn = sum(len(ANN.sub(lambda m: m.group(1), x).split()) for x in cur)
        if cur and curn + n > maxw:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def timed(d, rate=2.5, gap=0.6):
    """Yield (start, end, speaker_kind, plain_text) cues."""
    t = parse_start(d["meta"].get("start"))
    for turn in d["turns"]:
        for chunk in cues_for(turn["raw"]):
            text = plain(chunk)
            dur = max(1.2, len(text.split()) / rate)
            yield t, t + dur, turn["kind"], text
            t += dur + 0.15
        t += gap


# ---------------------------------------------------------------- writers
def write_text(path, text, encoding, newline):
    nl = "\r\n" if newline == "crlf" else "\n"
    data = text.replace("\n", nl).encode(encoding)  # strict: fails if not encodable
    path.write_bytes(data)


def build_docx(d, path, bold):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in d["header"]:
        p = doc.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    doc.add_paragraph("")
    for turn in d["turns"]:
        label = d["ilabel"] if turn["kind"] == "I" else d["rlabel"]
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(f"{label}: {turn['text']}")
    doc.core_properties.title = ""
    doc.core_properties.author = "transcriptie"
    doc.save(path)


def build_txt_ir(d):
    lines = list(d["header"]) + [""]
    for turn in d["turns"]:
        label = d["ilabel"] if turn["kind"] == "I" else d["rlabel"]
        lines.append(f"{label}: {turn['text']}")
        lines.append("")
    return "\n".join(lines)


def build_txt_spreker(d):
    lines = list(d["header"]) + [""]
    t = parse_start(d["meta"].get("start"))
    for turn in d["turns"]:
        label = d["ilabel"] if turn["kind"] == "I" else d["rlabel"]
        lines.append(f"[{ts(t, ',')[:8]}] {label}: {turn['text']}")
        lines.append("")
        t += len(turn["text"].split()) / 2.5 + 1.4
    return "\n".join(lines)


def build_srt(d):
    out = []
    for n, (a, b, kind, text) in enumerate(timed(d), 1):
        label = d["ilabel"] if kind == "I" else d["rlabel"]
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {text}", ""]
    return "\n".join(out)


def build_vtt(d):
    out = ["WEBVTT", ""]
    if d["header"]:
        out += ["NOTE"] + d["header"] + [""]
    for n, (a, b, kind, text) in enumerate(timed(d), 1):
        label = d["ilabel"] if kind == "I" else d["rlabel"]
        out += [f"{n}", f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label}>{text}", ""]
    return "\n".join(out)


def main():
    docs = [load(p) for p in sorted(SRC.glob("ml*.src"))]
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, idrows = [], [], []
    for d in docs:
        fmt = d["meta"]["format"]
        path = OUT / f"{d['doc']}.{EXT[fmt]}"
        enc = d["meta"].get("encoding", "utf-8")
        nl = d["meta"].get("newline", "lf")
        if fmt == "docx-bold":
            build_docx(d, path, True)
        elif fmt == "docx-plain":
            build_docx(d, path, False)
        elif fmt == "txt-ir":
            write_text(path, build_txt_ir(d), enc, nl)
        elif fmt == "txt-spreker":
            write_text(path, build_txt_spreker(d), enc, nl)
        elif fmt == "srt":
            write_text(path, build_srt(d), enc, nl)
        elif fmt == "vtt":
            write_text(path, build_vtt(d), enc, nl)
        styles.append((d["doc"], d["meta"]["style"], d["meta"]["rationale"]))
        for i, t in enumerate(d["turns"], 1):
            if t["kind"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient.append((d["doc"], i, t["orient"]))
        for s, ty in d["ids"].items():
            idrows.append((d["doc"], s, ty))
        words = sum(len(t["text"].split()) for t in d["turns"])
        rturns = sum(1 for t in d["turns"] if t["kind"] == "R")
        oc = {k: sum(1 for t in d["turns"] if t["orient"] == k) for k in ("casus", "netwerk", "-")}
        print(f"{d['doc']}: {fmt:12s} words={words} respondent_turns={rturns} ids={len(d['ids'])} "
              f"orient={oc}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ValueError as e:
        print("ERROR:", e)
        sys.exit(1)
