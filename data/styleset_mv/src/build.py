"""Build the transcripts and the three csv files of set mv from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx formats)

Source format (src/mvNN.txt), one paragraph per line:
  @format  docx-bold | docx-plain | txt-cp1252-ts | txt-utf8-ir | vtt | srt
  @ilabel / @rlabel   speaker label of interviewer / respondent (may hold [[name|PERSOON]])
  @style / @rationale  label for styles.csv
  H: header line   I: interviewer turn   R: respondent turn ending in {casus} | {netwerk} | {-}
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE.parent
OUT = SET / "transcripts"
DOCS = [f"mv0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252-ts": "txt", "txt-utf8-ir": "txt",
       "vtt": "vtt", "srt": "srt"}


def strip(text, ids):
    def repl(m):
        ident, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} in {ident!r}")
        ids.append((ident, typ))
        return ident
    return MARK.sub(repl, text)


def parse(path):
    meta, header, turns, ids = {}, [], [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            meta[key] = val.strip()
            continue
        tag, _, body = line.partition(": ")
        if tag == "H":
            header.append((body, strip(body, ids)))
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = ORIENT.search(body)
                if not m:
                    sys.exit(f"{path.name}:{n}: respondent turn without orientation tag")
                orient, body = m.group(1), body[:m.start()]
            elif ORIENT.search(body):
                sys.exit(f"{path.name}:{n}: orientation tag on interviewer turn")
            turns.append({"role": tag, "marked": body, "text": strip(body, ids), "orient": orient})
        else:
            sys.exit(f"{path.name}:{n}: unknown paragraph tag {tag!r}")
    labels = {}
    for role, key in (("I", "ilabel"), ("R", "rlabel")):
        labels[role] = strip(meta[key], ids)
    for i, t in enumerate(turns):
        if t["role"] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    seen, uniq = {}, []
    for ident, typ in ids:
        if ident in seen:
            if seen[ident] != typ:
                sys.exit(f"{path.name}: {ident!r} has two types")
            continue
        seen[ident] = typ
        uniq.append((ident, typ))
    # warn about unmarked occurrences of identifiers elsewhere in the document
    plain_marked = " ".join([h[0] for h in header] + [t["marked"] for t in turns])
    masked = MARK.sub(lambda m: "#" * len(m.group(1)), plain_marked)
    for ident, _ in uniq:
        if re.search(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", masked):
            print(f"warning {path.stem}: unmarked occurrence of {ident!r}")
    return {"meta": meta, "header": [h[1] for h in header], "turns": turns, "labels": labels,
            "ids": uniq}


# ---------------------------------------------------------------- timing and chunking
def words(text):
    return len(text.split())


def chunks(marked, maxw=26):
    """Split a marked-up turn into cue-sized chunks at sentence ends, never inside an identifier."""
    holders = []

    def hold(m):
        holders.append(m.group(0))
        return f"\x00{len(holders) - 1}\x00"
    tokens = MARK.sub(hold, marked).split()
    out, cur = [], []
    for tok in tokens:
        cur.append(tok)
        bare = re.sub(r"\x00\d+\x00", "X", tok)
        end = bare.endswith((".", "?", "!", "…", ".)", '."', '?"', "!\""))
        if (end and len(cur) >= 7) or (len(cur) >= maxw and bare.endswith(",")) or len(cur) >= maxw + 12:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    res = []
    for c in out:
        s = " ".join(c)
        s = re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], s)
        res.append(strip(s, []))
    return res


class Clock:
    def __init__(self, start=3.4):
        self.t = start

    def span(self, text, gap=0.6):
        dur = max(1.2, words(text) / 2.2)
        a, b = self.t, self.t + dur
        self.t = b + gap
        return a, b


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_docx(doc, path, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in doc["header"]:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = bold
    if doc["header"]:
        d.add_paragraph()
    for t in doc["turns"]:
        label = doc["labels"][t["role"]]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(f"{label}: {t['text']}")
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.save(path)


def write_txt_ts(doc, path):
    clock = Clock(4.0)
    lines = list(doc["header"]) + [""]
    for t in doc["turns"]:
        a, _ = clock.span(t["text"], gap=2.1)
        lines.append(f"[{ts(a)[:8]}] {doc['labels'][t['role']]}: {t['text']}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    path.write_bytes(data)


def write_txt_ir(doc, path):
    lines = list(doc["header"]) + [""]
    for t in doc["turns"]:
        lines.append(f"{doc['labels'][t['role']]}: {t['text']}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def write_vtt(doc, path):
    clock = Clock(2.8)
    out = ["WEBVTT", ""]
    if doc["header"]:
        out += ["NOTE"] + list(doc["header"]) + [""]
    n = 0
    for t in doc["turns"]:
        name = doc["labels"][t["role"]]
        for c in chunks(t["marked"]):
            for ch in "<>&":
                assert ch not in c, c
            n += 1
            a, b = clock.span(c, gap=0.25)
            out += [f"{n}", f"{ts(a)} --> {ts(b)}", f"<v {name}>{c}</v>", ""]
        clock.t += 1.9
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_srt(doc, path):
    clock = Clock(1.9)
    out = []
    n = 0
    for t in doc["turns"]:
        name = doc["labels"][t["role"]]
        for c in chunks(t["marked"], maxw=22):
            n += 1
            a, b = clock.span(c, gap=0.2)
            out += [f"{n}", f"{ts(a, ',')} --> {ts(b, ',')}", f"{name}: {c}", ""]
        clock.t += 1.7
    path.write_bytes("\r\n".join(out).encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    styles, orient, idents = [], [], []
    for doc_id in DOCS:
        doc = parse(HERE / f"{doc_id}.txt")
        fmt = doc["meta"]["format"]
        for old in OUT.glob(f"{doc_id}.*"):
            old.unlink()
        path = OUT / f"{doc_id}.{EXT[fmt]}"
        if fmt == "docx-bold":
            write_docx(doc, path, bold=True)
        elif fmt == "docx-plain":
            write_docx(doc, path, bold=False)
        elif fmt == "txt-cp1252-ts":
            write_txt_ts(doc, path)
        elif fmt == "txt-utf8-ir":
            write_txt_ir(doc, path)
        elif fmt == "vtt":
            write_vtt(doc, path)
        elif fmt == "srt":
            write_srt(doc, path)
        styles.append((doc_id, doc["meta"]["style"], doc["meta"]["rationale"]))
        for i, t in enumerate(doc["turns"], 1):
            if t["role"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient.append((doc_id, i, t["orient"]))
        for ident, typ in doc["ids"]:
            idents.append((doc_id, ident, typ))
        nw = sum(words(t["text"]) for t in doc["turns"])
        nr = sum(1 for t in doc["turns"] if t["role"] == "R")
        oc = {k: sum(1 for t in doc["turns"] if t["orient"] == k) for k in ("casus", "netwerk", "-")}
        print(f"{doc_id}: {fmt:14s} words={nw} turns={len(doc['turns'])} resp={nr} "
              f"ids={len(doc['ids'])} orient={oc}")
    with open(SET / "styles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET / "orientation.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(SET / "identifiers.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)


if __name__ == "__main__":
    main()
