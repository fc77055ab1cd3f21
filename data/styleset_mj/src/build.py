"""Build the set's transcripts and csv files from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (python-docx needed for the .docx files)

Source format (src/<doc_id>.src), one paragraph per line:
  @style <style>            style label of the respondent
  @rationale <sentence>     one-sentence rationale
  @label I|R <label>        speaker label used in the transcript (may contain [[text|TYPE]])
  H: <text>                 header / metadata line (not a turn)
  I: <text>                 interviewer turn
  R: <text> {casus|netwerk|-}   respondent turn with its orientation tag
Identifiers are marked inline as [[text|TYPE]]. Lines not starting with one of the
prefixes are continuations of the previous paragraph.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

DOCS = {
    "mj01": {"fmt": "docx", "bold": True},
    "mj02": {"fmt": "vtt", "start": 2.4},
    "mj03": {"fmt": "txt-ts", "encoding": "cp1252", "newline": "\r\n", "start": 4.0},
    "mj04": {"fmt": "srt", "newline": "\r\n", "start": 1.2},
    "mj05": {"fmt": "txt-ir", "encoding": "utf-8", "newline": "\n"},
    "mj06": {"fmt": "docx", "bold": False},
}
EXT = {"docx": "docx", "vtt": "vtt", "srt": "srt", "txt-ts": "txt", "txt-ir": "txt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
WORD_RE = re.compile(r"\w", re.UNICODE)


def plain(text):
    return ID_RE.sub(lambda m: m.group(1), text)


def ids_in(text):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(text)]


def parse(path):
    doc = {"style": None, "rationale": None, "labels": {}, "header": [], "turns": []}
    paras = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                if key == "label":
                    who, _, lab = val.partition(" ")
                    doc["labels"][who] = lab.strip()
                else:
                    doc[key] = val.strip()
                continue
            m = re.match(r"^(H|I|R): ?(.*)$", line)
            if m:
                paras.append([m.group(1), m.group(2)])
            elif paras:
                paras[-1][1] += " " + line.strip()
            else:
                raise SystemExit(f"{path}: text before first paragraph: {line!r}")
    for kind, text in paras:
        if kind == "H":
            doc["header"].append(text)
            continue
        tag = None
        if kind == "R":
            m = TAG_RE.search(text)
            if not m:
                raise SystemExit(f"{path}: respondent paragraph without tag: {text[:60]!r}")
            tag = m.group(1)
            text = text[: m.start()]
        elif TAG_RE.search(text):
            raise SystemExit(f"{path}: interviewer paragraph with a tag: {text[:60]!r}")
        doc["turns"].append({"who": kind, "text": text.strip(), "tag": tag})
    for i, t in enumerate(doc["turns"]):
        want = "I" if i % 2 == 0 else "R"
        if t["who"] != want:
            raise SystemExit(f"{path}: turn {i + 1} is {t['who']}, expected {want}")
    return doc


def sentences(text):
    """Split annotated text into sentences, never inside [[...]]."""
    out, depth, start, i = [], 0, 0, 0
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
            out.append(text[start: i + 1].strip())
            start = i + 2
        i += 1
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def nwords(text):
    return sum(1 for tok in text.split() if WORD_RE.search(tok))


def cues(text, max_words=22):
    chunks, cur, cw = [], [], 0
    for s in sentences(text):
        w = nwords(plain(s))
        if cur and cw + w > max_words:
            chunks.append(" ".join(cur))
            cur, cw = [], 0
        cur.append(s)
        cw += w
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def fmt_time(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(doc, start):
    """Yield (start, end, who, text) per cue with a plausible speaking rate."""
    t = start
    result = []
    for turn in doc["turns"]:
        for chunk in cues(plain(turn["text"])):
            dur = max(1.4, nwords(chunk) / 2.6)
            result.append((t, t + dur, turn["who"], chunk))
            t += dur + 0.25
        t += 0.9
    return result


def build_docx(doc, path, bold):
    import docx  # python-docx
    d = docx.Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    for h in doc["header"]:
        d.add_paragraph(plain(h))
    if doc["header"]:
        d.add_paragraph("")
    for turn in doc["turns"]:
        label = plain(doc["labels"][turn["who"]])
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(turn["text"]))
        else:
            p.add_run(label + ": " + plain(turn["text"]))
    d.save(path)


def build_text(doc, cfg):
    fmt = cfg["fmt"]
    lab = {k: plain(v) for k, v in doc["labels"].items()}
    lines = []
    if fmt == "vtt":
        lines.append("WEBVTT")
        lines.append("")
        if doc["header"]:
            lines.append("NOTE")
            lines.extend(plain(h) for h in doc["header"])
            lines.append("")
        for a, b, who, text in timed_cues(doc, cfg.get("start", 0.0)):
            lines.append(f"{fmt_time(a, '.')} --> {fmt_time(b, '.')}")
            lines.append(f"<v {lab[who]}>{text}</v>")
            lines.append("")
    elif fmt == "srt":
        for n, (a, b, who, text) in enumerate(timed_cues(doc, cfg.get("start", 0.0)), 1):
            lines.append(str(n))
            lines.append(f"{fmt_time(a, ',')} --> {fmt_time(b, ',')}")
            lines.append(f"{lab[who]}: {text}")
            lines.append("")
    elif fmt == "txt-ts":
        lines.extend(plain(h) for h in doc["header"])
        lines.append("")
        t = cfg.get("start", 0.0)
        for turn in doc["turns"]:
            text = plain(turn["text"])
            stamp = fmt_time(t, ".")[:8]
            lines.append(f"[{stamp}] {lab[turn['who']]}: {text}")
            lines.append("")
            t += nwords(text) / 2.5 + 1.5
    elif fmt == "txt-ir":
        lines.extend(plain(h) for h in doc["header"])
        lines.append("")
        for turn in doc["turns"]:
            lines.append(f"{lab[turn['who']]}: {plain(turn['text'])}")
            lines.append("")
    else:
        raise SystemExit(f"unknown format {fmt}")
    nl = cfg.get("newline", "\n")
    return nl.join(lines).rstrip(nl) + nl


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    styles, orient, idents = [], [], []
    for doc_id, cfg in DOCS.items():
        doc = parse(os.path.join(HERE, doc_id + ".src"))
        ext = EXT[cfg["fmt"]]
        path = os.path.join(OUT, f"{doc_id}.{ext}")
        if cfg["fmt"] == "docx":
            build_docx(doc, path, cfg["bold"])
        else:
            data = build_text(doc, cfg).encode(cfg.get("encoding", "utf-8"))
            with open(path, "wb") as fh:
                fh.write(data)
        styles.append((doc_id, doc["style"], doc["rationale"]))
        for i, t in enumerate(doc["turns"], 1):
            if t["tag"] in ("casus", "netwerk"):
                orient.append((doc_id, i, t["tag"]))
        seen = {}
        texts = [doc["labels"]["I"], doc["labels"]["R"]] + doc["header"] + [t["text"] for t in doc["turns"]]
        for text in texts:
            for s, typ in ids_in(text):
                if typ not in TYPES:
                    raise SystemExit(f"{doc_id}: unknown type {typ} for {s!r}")
                if s in seen and seen[s] != typ:
                    raise SystemExit(f"{doc_id}: {s!r} typed {seen[s]} and {typ}")
                if s not in seen:
                    seen[s] = typ
                    idents.append((doc_id, s, typ))
        words = sum(nwords(plain(t["text"])) for t in doc["turns"])
        rturns = sum(1 for t in doc["turns"] if t["who"] == "R")
        print(f"{doc_id}: {ext:4s} words={words} turns={len(doc['turns'])} "
              f"respondent_turns={rturns} identifiers={len(seen)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    sys.exit(main())
