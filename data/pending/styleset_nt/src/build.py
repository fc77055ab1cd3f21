#!/usr/bin/env python3
"""Build the six transcripts and the three csv files of set 'nt' from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx documents)

Source format (src/ntXX.txt): '# style: ...' and '# rationale: ...' lines, then paragraphs separated
by blank lines, one per turn: 'H: ' header, 'I: ' interviewer, 'R: ' respondent. Identifiers inline as
[[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import re
import sys
from pathlib import Path

SET_DIR = Path(__file__).resolve().parent.parent
SRC = SET_DIR / "src"
OUT = SET_DIR / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# per document: format and speaker labels (I = interviewer, R = respondent)
DOCS = {
    "nt01": dict(fmt="docx", bold=True, labels={"I": "Interviewer", "R": "Respondent"}, label_ids=[],
                 blank_between=False),
    "nt02": dict(fmt="vtt", labels={"I": "Lotte Brink", "R": "Marieke Dijkhuis"},
                 label_ids=["Lotte Brink", "Marieke Dijkhuis"], start=3.2),
    "nt03": dict(fmt="txt", encoding="cp1252", newline="\r\n", labels={"I": "I", "R": "R"}, label_ids=[]),
    "nt04": dict(fmt="srt", newline="\r\n", labels={"I": "Hanna", "R": "Theo Brandsma"},
                 label_ids=["Hanna", "Theo Brandsma"], start=1.6),
    "nt05": dict(fmt="txt", encoding="utf-8", newline="\n", timestamps=True,
                 labels={"I": "Spreker 1", "R": "Spreker 2"}, label_ids=[], start=2.0),
    "nt06": dict(fmt="docx", bold=False, labels={"I": "Interviewer", "R": "Carolien"}, label_ids=["Carolien"],
                 blank_between=True),
}

TAG = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def fail(msg):
    print("BUILD ERROR:", msg)
    sys.exit(1)


def parse(doc_id):
    text = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    meta, paras = {}, []
    body = []
    for line in text.splitlines():
        if line.startswith("# "):
            k, _, v = line[2:].partition(":")
            meta[k.strip()] = v.strip()
        else:
            body.append(line)
    for block in re.split(r"\n\s*\n", "\n".join(body).strip()):
        block = " ".join(block.split("\n")).strip()
        kind, sep, rest = block.partition(": ")
        if kind not in ("H", "I", "R") or not sep:
            fail(f"{doc_id}: bad paragraph start: {block[:40]!r}")
        ori = None
        if kind == "R":
            m = ORI.search(rest)
            if not m:
                fail(f"{doc_id}: respondent paragraph without orientation: {rest[:50]!r}")
            ori = m.group(1)
            rest = rest[: m.start()].rstrip()
        elif ORI.search(rest):
            fail(f"{doc_id}: orientation on non-respondent paragraph")
        if "[[" in TAG.sub("", rest) or "]]" in TAG.sub("", rest):
            fail(f"{doc_id}: malformed tag in {rest[:60]!r}")
        for _, typ in TAG.findall(rest):
            if typ not in TYPES:
                fail(f"{doc_id}: unknown type {typ}")
        paras.append((kind, rest, ori))
    return meta, paras


def plain(tagged):
    return TAG.sub(lambda m: m.group(1), tagged)


def validate(doc_id, conf, paras):
    turns = [p for p in paras if p[0] != "H"]
    if any(p[0] == "H" for p in paras[len(paras) - len(turns):]):
        fail(f"{doc_id}: header paragraph after the first turn")
    for i, (kind, _, _) in enumerate(turns):
        if kind != ("I" if i % 2 == 0 else "R"):
            fail(f"{doc_id}: turns do not alternate at turn {i + 1}")
    # identifiers: consistent types, and no untagged occurrence elsewhere in the document
    ids = {}
    for s in conf["label_ids"]:
        ids[s] = "PERSOON"
    for kind, t, _ in paras:
        for s, typ in TAG.findall(t):
            if ids.setdefault(s, typ) != typ:
                fail(f"{doc_id}: {s!r} tagged with two types")
    untagged = "\n".join(TAG.sub("\x00", t) for _, t, _ in paras)
    labels = set(conf["labels"].values())
    for s in ids:
        if s in labels:
            continue
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", untagged):
            fail(f"{doc_id}: identifier {s!r} also occurs untagged")
    return turns, ids


# ---------------------------------------------------------------- chunking for subtitle formats
def sentences(tagged):
    """Split tagged text into sentences without breaking inside a tag."""
    holders = []

    def hold(m):
        holders.append(m.group(0))
        return f"\x01{len(holders) - 1}\x02"

    protected = TAG.sub(hold, tagged)
    parts = re.split(r"(?<=[.?!])\s+", protected)
    restore = lambda s: re.sub(r"\x01(\d+)\x02", lambda m: holders[int(m.group(1))], s)
    return [restore(p) for p in parts if p.strip()]


def clauses(sentence, max_words):
    """Split an over-long sentence at commas (outside tags) into pieces of about max_words."""
    if len(plain(sentence).split()) <= max_words:
        return [sentence]
    holders = []

    def hold(m):
        holders.append(m.group(0))
        return f"\x01{len(holders) - 1}\x02"

    protected = TAG.sub(hold, sentence)
    restore = lambda s: re.sub(r"\x01(\d+)\x02", lambda m: holders[int(m.group(1))], s)
    parts = [restore(p) for p in re.split(r"(?<=,)\s+", protected)]
    out, cur = [], []
    for part in parts:
        if cur and len(plain(" ".join(cur + [part])).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(part)
    out.append(" ".join(cur))
    return out


def chunks(tagged, max_words=24):
    out, cur = [], []
    pieces = [c for s in sentences(tagged) for c in clauses(s, max_words)]
    for s in pieces:
        n = len(plain(s).split())
        if cur and len(plain(" ".join(cur)).split()) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def wrap_two_lines(tagged, width=44):
    """Wrap a cue into at most two lines, only at spaces outside identifier tags."""
    text = plain(tagged)
    if len(text) <= width:
        return [text]
    # positions of spaces in the plain text that are not inside an identifier
    protected_spans = []
    pos = 0
    out = ""
    for m in TAG.finditer(tagged):
        out += tagged[pos:m.start()]
        protected_spans.append((len(out), len(out) + len(m.group(1))))
        out += m.group(1)
        pos = m.end()
    out += tagged[pos:]
    assert out == text
    spaces = [i for i, c in enumerate(text) if c == " "
              and not any(a <= i < b for a, b in protected_spans)]
    if not spaces:
        return [text]
    mid = len(text) / 2
    cut = min(spaces, key=lambda i: abs(i - mid))
    return [text[:cut], text[cut + 1:]]


def ts(sec, sep="."):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = sec % 60
    ms = int(round((s - int(s)) * 1000))
    if ms == 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{int(s):02d}{sep}{ms:03d}"


def timed_cues(turns, start, max_words=24):
    t = start
    cues = []
    for kind, tagged, _ in turns:
        for c in chunks(tagged, max_words):
            dur = max(1.4, len(plain(c).split()) / 2.55)
            cues.append((kind, c, t, t + dur))
            t += dur + 0.25
        t += 0.9
    return cues


# ---------------------------------------------------------------- writers
def write_docx(doc_id, conf, headers, turns):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in headers:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if conf["bold"]:
            r.italic = True
    d.add_paragraph()
    for kind, tagged, _ in turns:
        label = conf["labels"][kind]
        p = d.add_paragraph()
        if conf["bold"]:
            p.add_run(label + ":").bold = True
            p.add_run(" " + plain(tagged))
        else:
            p.add_run(f"{label}: {plain(tagged)}")
        if conf.get("blank_between"):
            d.add_paragraph()
    d.save(OUT / f"{doc_id}.docx")


def write_txt(doc_id, conf, headers, turns):
    nl = conf["newline"]
    lines = [plain(h) for h in headers]
    if lines:
        lines.append("")
    if conf.get("timestamps"):
        t = conf["start"]
        for kind, tagged, _ in turns:
            words = len(plain(tagged).split())
            lines.append(f"[{ts(t)[:8]}] {conf['labels'][kind]}: {plain(tagged)}")
            t += words / 2.5 + 1.5
    else:
        for kind, tagged, _ in turns:
            lines.append(f"{conf['labels'][kind]}: {plain(tagged)}")
            lines.append("")
    data = nl.join(lines).rstrip(nl) + nl
    (OUT / f"{doc_id}.txt").write_bytes(data.encode(conf["encoding"]))


def write_vtt(doc_id, conf, headers, turns):
    out = ["WEBVTT", ""]
    if headers:
        out.append("NOTE")
        out += [plain(h) for h in headers]
        out.append("")
    for n, (kind, c, a, b) in enumerate(timed_cues(turns, conf["start"]), 1):
        out.append(f"{ts(a)} --> {ts(b)}")
        out.append(f"<v {conf['labels'][kind]}>{plain(c)}</v>")
        out.append("")
    (OUT / f"{doc_id}.vtt").write_text("\n".join(out), encoding="utf-8")


def write_srt(doc_id, conf, headers, turns):
    if headers:
        fail(f"{doc_id}: srt has no header")
    out = []
    for n, (kind, c, a, b) in enumerate(timed_cues(turns, conf["start"], 15), 1):
        out.append(str(n))
        out.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        lines = wrap_two_lines(f"[[{conf['labels'][kind]}|PERSOON]]: " + c, width=50)
        out += lines
        out.append("")
    data = conf["newline"].join(out)
    (OUT / f"{doc_id}.srt").write_bytes(data.encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "vtt": write_vtt, "srt": write_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        if f.stem in DOCS:
            f.unlink()
    styles, orient, idrows = [], [], []
    for doc_id, conf in DOCS.items():
        meta, paras = parse(doc_id)
        turns, ids = validate(doc_id, conf, paras)
        headers = [t for k, t, _ in paras if k == "H"]
        WRITERS[conf["fmt"]](doc_id, conf, headers, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (kind, _, ori) in enumerate(turns, 1):
            if kind == "R" and ori in ("casus", "netwerk"):
                orient.append((doc_id, i, ori))
        for s, typ in ids.items():
            idrows.append((doc_id, s, typ))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rturns = sum(1 for k, _, _ in turns if k == "R")
        oc = {o: sum(1 for k, _, x in turns if k == "R" and x == o) for o in ("casus", "netwerk", "-")}
        print(f"{doc_id}: {conf['fmt']:4s} words={words} respondent_turns={rturns} ids={len(ids)} {oc}")
    with open(SET_DIR / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET_DIR / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(SET_DIR / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)


if __name__ == "__main__":
    main()
