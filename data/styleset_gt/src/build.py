"""Build the setGT transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/gtNN.txt):
  %key: value            directives (format, label_i, label_r, style, rationale)
  H: ...                 one header line per paragraph
  I: ...                 interviewer turn
  R: ... {casus|netwerk|-}   respondent turn with its orientation
Identifiers are written inline as [[text|TYPE]].
"""
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"
DOC_IDS = [f"gt{i:02d}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt",
       "txt_timestamps": "txt", "vtt": "vtt", "srt": "srt"}


def strip(text):
    """Return plain text and the identifier spans [(start, end, string, type)]."""
    out, spans, pos = [], [], 0
    length = 0
    for m in ANN.finditer(text):
        before = text[pos:m.start()]
        out.append(before)
        length += len(before)
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ!r} in {text[:60]!r}")
        spans.append((length, length + len(ident), ident, typ))
        out.append(ident)
        length += len(ident)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"unbalanced annotation in {text[:80]!r}")
    return plain, spans


def parse(path):
    meta, paras = {}, []
    for block in re.split(r"\n\s*\n", path.read_text("utf-8").strip()):
        rest = []
        for line in block.splitlines():
            if line.startswith("%"):
                key, val = line[1:].split(":", 1)
                meta[key.strip()] = val.strip()
            elif line.strip():
                rest.append(line.strip())
        if not rest:
            continue
        para = " ".join(rest)
        m = re.match(r"^(H|I|R):\s*(.*)$", para)
        if not m:
            sys.exit(f"{path.name}: paragraph without H:/I:/R: {para[:60]!r}")
        kind, body = m.groups()
        orient = None
        if kind == "R":
            m2 = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", body)
            if not m2:
                sys.exit(f"{path.name}: respondent paragraph without orientation: {body[:60]!r}")
            orient, body = m2.group(1), body[:m2.start()]
        elif re.search(r"\{(casus|netwerk|-)\}\s*$", body):
            sys.exit(f"{path.name}: orientation on a non-respondent paragraph")
        plain, spans = strip(body)
        paras.append({"kind": kind, "text": plain, "spans": spans, "orient": orient})
    for key in ("format", "label_i", "label_r", "style", "rationale"):
        if key not in meta:
            sys.exit(f"{path.name}: missing %{key}")
    return meta, paras


def words(text):
    return len(WORD.findall(text))


def chunks(turn, max_words=26):
    """Split a turn into cue-sized pieces at sentence ends outside identifier spans."""
    text, spans = turn["text"], turn["spans"]
    inside = lambda i: any(s <= i < e for s, e, _, _ in spans)
    cuts = [m.end() for m in re.finditer(r"[.!?…)](?=\s+\S)", text) if not inside(m.end() - 1)]
    sentences, prev = [], 0
    for c in cuts:
        sentences.append(text[prev:c].strip())
        prev = c
    sentences.append(text[prev:].strip())
    sentences = [s for s in sentences if s]
    pieces, cur = [], ""
    for s in sentences:
        if cur and words(cur) + words(s) > max_words:
            pieces.append(cur)
            cur = s
        else:
            cur = f"{cur} {s}".strip()
    if cur:
        pieces.append(cur)
    return pieces


def timeline(doc_id, turns, split):
    """Yield (start, end, speaker_kind, text) with plausible timings."""
    rng = random.Random(doc_id)
    t = rng.uniform(1.0, 4.0)
    for turn in turns:
        pieces = chunks(turn) if split else [turn["text"]]
        for piece in pieces:
            dur = max(1.2, words(piece) / rng.uniform(2.2, 2.8))
            yield t, t + dur, turn["kind"], piece
            t += dur + rng.uniform(0.05, 0.4)
        t += rng.uniform(0.3, 1.6)


def hms(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_doc(doc_id, meta, paras):
    fmt = meta["format"]
    label = {"I": strip(meta["label_i"])[0], "R": strip(meta["label_r"])[0]}
    header = [p["text"] for p in paras if p["kind"] == "H"]
    turns = [p for p in paras if p["kind"] != "H"]
    path = OUT / f"{doc_id}.{EXT[fmt]}"

    if fmt.startswith("docx"):
        from docx import Document
        from docx.shared import Pt
        doc = Document()
        doc.styles["Normal"].font.name = "Calibri"
        doc.styles["Normal"].font.size = Pt(11)
        for i, line in enumerate(header):
            run = doc.add_paragraph().add_run(line)
            if i == 0 and fmt == "docx_bold":
                run.bold = True
        for turn in turns:
            p = doc.add_paragraph()
            if fmt == "docx_bold":
                p.add_run(label[turn["kind"]] + ":").bold = True
                p.add_run(" " + turn["text"])
            else:
                p.add_run(f"{label[turn['kind']]}: {turn['text']}")
        doc.core_properties.author = "transcriptie"
        doc.save(path)
    elif fmt == "txt_cp1252":
        lines = header + [""]
        for turn in turns:
            lines += [f"{label[turn['kind']]}: {turn['text']}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt_timestamps":
        lines = header + [""]
        for start, _, kind, text in timeline(doc_id, turns, split=False):
            lines += [f"[{hms(start)[:8]}] {label[kind]}: {text}", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "vtt":
        lines = ["WEBVTT", "", "NOTE"] + header + [""]
        for n, (start, end, kind, text) in enumerate(timeline(doc_id, turns, split=True), 1):
            lines += [str(n), f"{hms(start)} --> {hms(end)}", f"<v {label[kind]}>{text}</v>", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        if header:
            sys.exit("srt has no header")
        lines = []
        for n, (start, end, kind, text) in enumerate(timeline(doc_id, turns, split=True), 1):
            lines += [str(n), f"{hms(start, ',')} --> {hms(end, ',')}", f"{label[kind]}: {text}", ""]
        path.write_bytes("\r\n".join(lines).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")
    return path


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    style_rows, orient_rows, ident_rows, stats = [], [], [], []
    for doc_id in DOC_IDS:
        meta, paras = parse(SRC / f"{doc_id}.txt")
        turns = [p for p in paras if p["kind"] != "H"]
        for a, b in zip(turns, turns[1:]):
            if a["kind"] == b["kind"]:
                sys.exit(f"{doc_id}: turns do not alternate")
        if turns[0]["kind"] != "I":
            sys.exit(f"{doc_id}: interviewer must speak first")
        path = build_doc(doc_id, meta, paras)
        style_rows.append((doc_id, meta["style"], meta["rationale"]))
        for idx, turn in enumerate(turns, 1):
            if turn["kind"] == "R" and turn["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc_id, idx, turn["orient"]))
        # identifiers: text spans plus annotated speaker labels
        seen = {}
        all_spans = [s for p in paras for s in p["spans"]]
        all_spans += strip(meta["label_i"])[1] + strip(meta["label_r"])[1]
        for _, _, ident, typ in all_spans:
            if seen.setdefault(ident, typ) != typ:
                sys.exit(f"{doc_id}: {ident!r} annotated as {seen[ident]} and {typ}")
        for ident, typ in seen.items():
            ident_rows.append((doc_id, ident, typ))
        # lint: unannotated occurrences of known identifiers (whole-word)
        for p in paras:
            covered = [(s, e) for s, e, _, _ in p["spans"]]
            for ident in seen:
                for m in re.finditer(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", p["text"]):
                    if not any(s <= m.start() and m.end() <= e for s, e in covered):
                        print(f"WARNING {doc_id}: unannotated {ident!r} in {p['text'][max(0, m.start()-30):m.end()+30]!r}")
        n_words = sum(words(t["text"]) for t in turns)
        n_resp = sum(1 for t in turns if t["kind"] == "R")
        stats.append((doc_id, meta["style"], meta["format"], path.name, n_words, n_resp,
                      sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "casus"),
                      sum(1 for r in orient_rows if r[0] == doc_id and r[2] == "netwerk"),
                      len(seen)))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("doc   style           format          file       words  R-turns casus netwerk idents")
    for s in stats:
        print(f"{s[0]}  {s[1]:<15} {s[2]:<15} {s[3]:<10} {s[4]:>5}  {s[5]:>6}  {s[6]:>5} {s[7]:>7} {s[8]:>6}")


if __name__ == "__main__":
    main()
