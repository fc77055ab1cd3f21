"""Build the six transcripts and the three label files from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Sources: src/ngXX.txt  (meta lines '# key: value', then paragraphs 'H:' / 'I:' / 'R:' separated by
blank lines; identifiers inline as [[text|TYPE]]; respondent paragraphs end in {casus}/{netwerk}/{-}).
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = [f"ng0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"vtt": "vtt", "srt": "srt", "docx-bold": "docx", "docx-plain": "docx",
       "txt-ir-cp1252": "txt", "txt-spreker-utf8": "txt"}


def unmark(s):
    """Return plain text, list of (text, type), list of (start, end) spans in the plain text."""
    out, ids, spans, pos = [], [], [], 0
    plain_len = 0
    for m in MARK.finditer(s):
        before = s[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} in {s[:60]}")
        ids.append((text, typ))
        spans.append((plain_len, plain_len + len(text)))
        out.append(text)
        plain_len += len(text)
        pos = m.end()
    out.append(s[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        sys.exit(f"broken markup: {s[:80]}")
    return plain, ids, spans


def parse(path):
    meta, paras = {}, []
    cur = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            k, _, v = line[2:].partition(":")
            meta[k.strip()] = v.strip()
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
        role, _, body = p.partition(": ")
        if role not in ("H", "I", "R"):
            sys.exit(f"{path.name}: bad paragraph {p[:60]}")
        orient = None
        if role == "R":
            m = ORIENT.search(body)
            if not m:
                sys.exit(f"{path.name}: respondent paragraph without orientation: {body[:60]}")
            orient = m.group(1)
            body = body[:m.start()]
        elif ORIENT.search(body):
            sys.exit(f"{path.name}: orientation on non-respondent paragraph")
        plain, ids, spans = unmark(body.strip())
        item = {"role": role, "text": plain, "ids": ids, "spans": spans, "orient": orient}
        (header if role == "H" else turns).append(item)
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["role"] != want:
            sys.exit(f"{path.name}: turn {i + 1} should be {want}")
    labels = {}
    for role, key in (("I", "interviewer"), ("R", "respondent")):
        plain, ids, _ = unmark(meta[key])
        labels[role] = (plain, ids)
    return meta, header, turns, labels


# ---------------------------------------------------------------- splitting into cues
def safe(pos, spans):
    return all(not (a < pos < b) for a, b in spans)


def split_cues(text, spans, maxlen):
    """Split a turn into cue texts at sentence (or comma) boundaries, never inside an identifier."""
    bounds = [m.end() for m in re.finditer(r"[.!?](?:\)|\.\.)?\s+(?=\S)", text)
              if safe(m.end(), spans)]
    pieces, start = [], 0
    for b in bounds + [len(text)]:
        pieces.append((start, b))
        start = b
    # break very long sentences at commas
    fine = []
    for a, b in pieces:
        if b - a <= maxlen * 1.4:
            fine.append((a, b))
            continue
        sub = [m.end() for m in re.finditer(r",\s+", text[a:b])]
        cuts, last = [], a
        for c in sub:
            p = a + c
            if p - last >= maxlen * 0.5 and b - p >= 25 and safe(p, spans):
                cuts.append(p)
                last = p
        prev = a
        for c in cuts:
            fine.append((prev, c))
            prev = c
        fine.append((prev, b))
    cues, cur_a, cur_b = [], None, None
    for a, b in fine:
        if cur_a is None:
            cur_a, cur_b = a, b
        elif b - cur_a <= maxlen:
            cur_b = b
        else:
            cues.append(text[cur_a:cur_b].strip())
            cur_a, cur_b = a, b
    if cur_a is not None:
        cues.append(text[cur_a:cur_b].strip())
    return [c for c in cues if c]


def wrap2(prefix, text, spans_text, width=46):
    """Two-line subtitle wrap of prefix+text; never breaks inside an identifier."""
    full = prefix + text
    if len(full) <= width:
        return [full]
    off = len(prefix)
    spans = [(a + off, b + off) for a, b in spans_text]
    mid = len(full) // 2
    best = None
    for m in re.finditer(r" ", full):
        p = m.start()
        if p <= len(prefix) or not safe(p, spans) or not safe(p + 1, spans):
            continue
        if best is None or abs(p - mid) < abs(best - mid):
            best = p
    if best is None:
        return [full]
    return [full[:best], full[best + 1:]]


def local_spans(turn, cue):
    """Identifier spans (from the turn) that fall inside this cue, relative to the cue."""
    text = turn["text"]
    start = text.find(cue)
    res = []
    for a, b in turn["spans"]:
        if a >= start and b <= start + len(cue):
            res.append((a - start, b - start))
        elif a < start + len(cue) and b > start:
            sys.exit(f"identifier split across cues: {text[a:b]}")
    return res


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def dur(text):
    return max(1.4, len(text.split()) * 0.39)


# ---------------------------------------------------------------- writers
def write_vtt(doc, header, turns, labels, path):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [h["text"] for h in header]
        lines.append("")
    t = 1.6
    n = 0
    uid = "5c1e9a7d-2b44-4f0e-8d3a-91c6e2f07b58"
    for turn in turns:
        name = labels[turn["role"]][0]
        for cue in split_cues(turn["text"], turn["spans"], 115):
            local_spans(turn, cue)
            if any(ch in cue for ch in "<>&"):
                sys.exit(f"{doc}: character not allowed in vtt cue: {cue}")
            d = dur(cue)
            lines.append(f"{uid}/{n + 11}-0")
            lines.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            lines.append(f"<v {name}>{cue}</v>")
            lines.append("")
            t += d + 0.08
            n += 1
        t += 0.7
    path.write_text("\n".join(lines), encoding="utf-8")


def write_srt(doc, header, turns, labels, path):
    blocks = []
    t = 0.9
    n = 1
    for turn in turns:
        name = labels[turn["role"]][0]
        for cue in split_cues(turn["text"], turn["spans"], 84):
            sp = local_spans(turn, cue)
            d = dur(cue)
            body = wrap2(f"{name}: ", cue, sp)
            blocks.append("\r\n".join([str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}"] + body))
            t += d + 0.12
            n += 1
        t += 0.6
    path.write_bytes(("\r\n\r\n".join(blocks) + "\r\n").encode("utf-8"))


def write_docx(doc, header, turns, labels, path, bold):
    d = Document()
    for h in header:
        d.add_paragraph(h["text"])
    if header:
        d.add_paragraph("")
    for turn in turns:
        name = labels[turn["role"]][0]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{name}:")
            r.bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(f"{name}: {turn['text']}")
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.save(str(path))


def write_txt_ir(doc, header, turns, labels, path):
    lines = [h["text"] for h in header]
    if header:
        lines.append("")
    for turn in turns:
        lines.append(f"{labels[turn['role']][0]}: {turn['text']}")
        lines.append("")
    path.write_bytes("\r\n".join(lines).encode("cp1252"))


def write_txt_spreker(doc, header, turns, labels, path):
    lines = [h["text"] for h in header]
    if header:
        lines.append("")
    t = 3.0
    for turn in turns:
        h, rem = divmod(int(t), 3600)
        m, s = divmod(rem, 60)
        lines.append(f"[{h:02d}:{m:02d}:{s:02d}] {labels[turn['role']][0]}: {turn['text']}")
        lines.append("")
        t += dur(turn["text"]) + 1.5
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------- main
def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient_rows, id_rows = [], [], []
    for doc in DOCS:
        meta, header, turns, labels = parse(HERE / f"{doc}.txt")
        assert meta["doc"] == doc
        fmt = meta["format"]
        path = OUT / f"{doc}.{EXT[fmt]}"
        if fmt == "vtt":
            write_vtt(doc, header, turns, labels, path)
        elif fmt == "srt":
            write_srt(doc, header, turns, labels, path)
        elif fmt == "docx-bold":
            write_docx(doc, header, turns, labels, path, True)
        elif fmt == "docx-plain":
            write_docx(doc, header, turns, labels, path, False)
        elif fmt == "txt-ir-cp1252":
            write_txt_ir(doc, header, turns, labels, path)
        elif fmt == "txt-spreker-utf8":
            write_txt_spreker(doc, header, turns, labels, path)
        else:
            sys.exit(f"unknown format {fmt}")
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, t in enumerate(turns, 1):
            if t["role"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc, i, t["orient"]))
        seen = {}
        allids = labels["I"][1] + labels["R"][1]
        for h in header:
            allids += h["ids"]
        for t in turns:
            allids += t["ids"]
        for text, typ in allids:
            if text in seen and seen[text] != typ:
                sys.exit(f"{doc}: {text} has two types")
            if text not in seen:
                seen[text] = typ
                id_rows.append((doc, text, typ))
        # report
        words = sum(len(t["text"].split()) for t in turns)
        nresp = sum(t["role"] == "R" for t in turns)
        plain_all = "\n".join([h["text"] for h in header] + [t["text"] for t in turns])
        unmarked = []
        for text in seen:
            marked = sum(1 for x, _ in allids if x == text)
            occ = len(re.findall(r"(?<!\w)" + re.escape(text) + r"(?!\w)", plain_all))
            lab = sum(1 for x, _ in labels["I"][1] + labels["R"][1] if x == text)
            if occ > marked - lab:
                unmarked.append(f"{text}({occ}/{marked - lab})")
        oc = {k: sum(1 for t in turns if t["orient"] == k) for k in ("casus", "netwerk", "-")}
        print(f"{doc} {fmt:18s} words={words} resp_turns={nresp} ids={len(seen)} orient={oc}"
              + (f" UNMARKED: {unmarked}" if unmarked else ""))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
