"""Build the transcripts and the three csv files of set mn from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py     (needs python-docx)

Source format (src/<doc_id>.src, UTF-8), one paragraph per line:
  @key: value        directives (format, encoding, newline, ilabel, rlabel, style, rationale)
  H: text            header line of the delivered transcript
  I: text            interviewer turn
  R: text {tag}      respondent turn, tag = casus | netwerk | -
Identifiers are written inline as [[text|TYPE]]; labels in @ilabel/@rlabel may be annotated too.
"""
import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_labels": "txt", "txt_ts": "txt",
       "vtt": "vtt", "srt": "srt"}
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def strip(text, idents, where):
    """Remove annotations; record identifiers; return plain text and identifier spans."""
    out, spans, pos = [], [], 0
    plain_len = 0
    for m in ANN.finditer(text):
        before = text[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"{where}: unknown type {typ}")
        if ident in idents and idents[ident] != typ:
            sys.exit(f"{where}: {ident!r} typed both {idents[ident]} and {typ}")
        idents.setdefault(ident, typ)
        spans.append((plain_len, plain_len + len(ident)))
        out.append(ident)
        plain_len += len(ident)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain or "{" in plain or "}" in plain:
        sys.exit(f"{where}: leftover markup in {plain[:80]!r}")
    return plain, spans


def parse(path):
    doc_id = os.path.splitext(os.path.basename(path))[0]
    meta, header, turns, idents = {}, [], [], {}
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for n, line in enumerate(lines, 1):
        where = f"{doc_id}:{n}"
        if not line.strip():
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(":")
            meta[key.strip()] = val.strip()
            continue
        role, _, body = line.partition(": ")
        if role == "H":
            plain, _ = strip(body, idents, where)
            header.append(plain)
        elif role in ("I", "R"):
            tag = None
            if role == "R":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{where}: respondent paragraph without {{tag}}")
                tag, body = m.group(1), body[:m.start()]
            plain, spans = strip(body.strip(), idents, where)
            turns.append({"role": role, "text": plain, "spans": spans, "tag": tag})
        else:
            sys.exit(f"{where}: cannot parse line {line[:60]!r}")
    labels = {}
    for key, role in (("ilabel", "I"), ("rlabel", "R")):
        plain, _ = strip(meta[key], idents, f"{doc_id}:@{key}")
        labels[role] = plain
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["role"] != want:
            sys.exit(f"{doc_id}: turn {i + 1} should be {want}")
    return {"id": doc_id, "meta": meta, "header": header, "turns": turns, "idents": idents,
            "labels": labels}


def chunks(text, spans, max_words):
    """Split a turn into cue texts at sentence ends, never inside an identifier."""
    cuts = []
    for m in re.finditer(r"(?<=[.?!…])\s+", text):
        p = m.start()
        if any(a <= p < b for a, b in spans):
            continue
        cuts.append((m.start(), m.end()))
    sents, pos = [], 0
    for a, b in cuts:
        sents.append(text[pos:a])
        pos = b
    sents.append(text[pos:])
    sents = [s for s in sents if s.strip()]
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(doc, max_words):
    """Yield (role, start, end, text) cues with plausible timings."""
    rnd = random.Random(doc["id"])
    t = 2.0 + rnd.random() * 3
    for turn in doc["turns"]:
        for piece in chunks(turn["text"], turn["spans"], max_words):
            dur = max(1.6, len(piece.split()) / (2.3 + rnd.random() * 0.6))
            yield turn["role"], t, t + dur, piece
            t += dur + 0.08 + rnd.random() * 0.3
        t += 0.4 + rnd.random() * 1.8


def write_text(path, text, encoding, newline):
    text = text.replace("\n", "\r\n") if newline == "crlf" else text
    with open(path, "wb") as fh:
        fh.write(text.encode(encoding))


def build(doc):
    fmt = doc["meta"]["format"]
    enc = doc["meta"].get("encoding", "utf-8")
    nl = doc["meta"].get("newline", "lf")
    lab = doc["labels"]
    path = os.path.join(OUT, f"{doc['id']}.{EXT[fmt]}")
    if fmt.startswith("docx"):
        import docx
        from docx.shared import Pt
        d = docx.Document()
        style = d.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(11)
        for h in doc["header"]:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = fmt == "docx_bold"
        if doc["header"]:
            d.add_paragraph()
        for turn in doc["turns"]:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                p.add_run(lab[turn["role"]] + ":").bold = True
                p.add_run(" " + turn["text"])
            else:
                p.add_run(f"{lab[turn['role']]}: {turn['text']}")
        d.save(path)
    elif fmt == "txt_labels":
        parts = list(doc["header"]) + [""] if doc["header"] else []
        for turn in doc["turns"]:
            parts.append(f"{lab[turn['role']]}: {turn['text']}")
            parts.append("")
        write_text(path, "\n".join(parts), enc, nl)
    elif fmt == "txt_ts":
        parts = list(doc["header"]) + [""] if doc["header"] else []
        rnd = random.Random(doc["id"])
        t = 3.0
        for turn in doc["turns"]:
            s = int(t)
            parts.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] "
                         f"{lab[turn['role']]}: {turn['text']}")
            parts.append("")
            t += len(turn["text"].split()) / (2.2 + rnd.random() * 0.6) + 1 + rnd.random() * 2
        write_text(path, "\n".join(parts), enc, nl)
    elif fmt == "vtt":
        parts = ["WEBVTT", ""]
        if doc["header"]:
            parts += ["NOTE"] + doc["header"] + [""]
        for role, a, b, piece in timed(doc, 30):
            parts += [f"{ts(a)} --> {ts(b)}", f"<v {lab[role]}>{piece}", ""]
        write_text(path, "\n".join(parts), enc, nl)
    elif fmt == "srt":
        parts = []
        for n, (role, a, b, piece) in enumerate(timed(doc, 18), 1):
            parts += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[role]}: {piece}", ""]
        write_text(path, "\n".join(parts), enc, nl)
    else:
        sys.exit(f"{doc['id']}: unknown format {fmt}")
    return path


def untagged(doc):
    """Warn when an identifier string also occurs untagged in the document."""
    with open(os.path.join(HERE, doc["id"] + ".src"), encoding="utf-8") as fh:
        raw = fh.read()
    masked = ANN.sub(lambda m: "#" * len(m.group(1)), raw)
    masked = "\n".join(l for l in masked.splitlines() if not l.startswith(("@style", "@rationale")))
    for ident in doc["idents"]:
        for m in re.finditer(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", masked):
            ctx = masked[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            print(f"  WARN {doc['id']}: untagged {ident!r}: ...{ctx}...")


def main():
    os.makedirs(OUT, exist_ok=True)
    docs = [parse(os.path.join(HERE, f)) for f in sorted(os.listdir(HERE)) if f.endswith(".src")]
    styles, orient, idents = [], [], []
    for doc in docs:
        for old in os.listdir(OUT):
            if old.startswith(doc["id"] + "."):
                os.remove(os.path.join(OUT, old))
        path = build(doc)
        untagged(doc)
        styles.append((doc["id"], doc["meta"]["style"], doc["meta"]["rationale"]))
        for i, turn in enumerate(doc["turns"], 1):
            if turn["role"] == "R" and turn["tag"] in ("casus", "netwerk"):
                orient.append((doc["id"], i, turn["tag"]))
        for ident, typ in doc["idents"].items():
            idents.append((doc["id"], ident, typ))
        words = sum(len(WORD.findall(t["text"])) for t in doc["turns"])
        nr = sum(t["role"] == "R" for t in doc["turns"])
        tags = [t["tag"] for t in doc["turns"] if t["role"] == "R"]
        print(f"{doc['id']}: {os.path.basename(path)} words={words} turns={len(doc['turns'])} "
              f"respondent_turns={nr} casus={tags.count('casus')} netwerk={tags.count('netwerk')} "
              f"none={tags.count('-')} identifiers={len(doc['idents'])}")
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
    main()
