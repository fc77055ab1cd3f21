"""Build the setLS transcripts and label files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (from the set folder or anywhere)

Source format (src/lsNN.txt), one paragraph per line:
  #format: vtt | srt | docx-bold | docx-plain | txt-ir-cp1252 | txt-ts
  #labels: <interviewer label> | <respondent label>   (may contain [[text|TYPE]])
  #style: casusgericht | netwerkgericht | onbepaald
  #rationale: one sentence
  H: header line            (zero or more)
  I: interviewer turn
  R: respondent turn ending in {casus} / {netwerk} / {-}
Identifiers are written inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")
DOCS = ["ls01", "ls02", "ls03", "ls04", "ls05", "ls06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
IDRE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORRE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"vtt": "vtt", "srt": "srt", "docx-bold": "docx", "docx-plain": "docx",
       "txt-ir-cp1252": "txt", "txt-ts": "txt"}


def strip(s):
    return IDRE.sub(lambda m: m.group(1), s)


def ids_of(s):
    return [(m.group(1), m.group(2)) for m in IDRE.finditer(s)]


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    meta, header, turns = {}, [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, _, v = line[1:].partition(":")
                meta[k.strip()] = v.strip()
                continue
            tag, _, text = line.partition(": ")
            if tag == "H":
                header.append(text)
            elif tag == "I":
                if ORRE.search(text):
                    sys.exit(f"{doc}:{n}: orientation marker on interviewer turn")
                turns.append(["I", text, None])
            elif tag == "R":
                m = ORRE.search(text)
                if not m:
                    sys.exit(f"{doc}:{n}: respondent turn without {{casus}}/{{netwerk}}/{{-}}")
                turns.append(["R", text[:m.start()].rstrip(), m.group(1)])
            else:
                sys.exit(f"{doc}:{n}: unknown paragraph tag {tag!r}")
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t[0] != want:
            sys.exit(f"{doc}: turn {i + 1} should be {want}")
    # labels may use [[..]] markup; the separator is " | " outside markup
    raw = meta["labels"]
    parts = re.split(r"\s\|\s", raw)
    if len(parts) != 2:
        sys.exit(f"{doc}: bad #labels line")
    return {"doc": doc, "format": meta["format"], "labels": parts,
            "style": meta["style"], "rationale": meta["rationale"],
            "header": header, "turns": turns}


# ---------------------------------------------------------------- timing
def sentences(text):
    """Split plain text into sentences without cutting identifiers."""
    keep = []

    def prot(m):
        keep.append(m.group(0))
        return f"\x00{len(keep) - 1}\x00"
    p = IDRE.sub(prot, text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'“])", p)
    out = []
    for s in parts:
        s = re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], s)
        out.append(strip(s))
    return out


def chunks(text, maxw=22):
    cur, out = [], []
    for s in sentences(text):
        w = len(s.split())
        if cur and len(" ".join(cur).split()) + w > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def timed(turns, start=1.8):
    """Yield (turn_no, speaker, chunk, t0, t1)."""
    t = start
    for i, (spk, text, _) in enumerate(turns):
        for c in chunks(text):
            d = max(1.4, 0.37 * len(c.split()))
            yield i, spk, c, t, t + d
            t += d + 0.25
        t += 0.7


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_vtt(d, path):
    lab = {"I": strip(d["labels"][0]), "R": strip(d["labels"][1])}
    out = ["WEBVTT", ""]
    if d["header"]:
        out.append("NOTE")
        out += [strip(h) for h in d["header"]]
        out.append("")
    for _, spk, c, a, b in timed(d["turns"]):
        out.append(f"{ts(a)} --> {ts(b)}")
        out.append(f"<v {lab[spk]}>{c}")
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(d, path):
    lab = {"I": strip(d["labels"][0]), "R": strip(d["labels"][1])}
    out = []
    for n, (_, spk, c, a, b) in enumerate(timed(d["turns"]), 1):
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[spk]}: {c}", ""]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(out))


def write_docx(d, path, bold):
    import docx
    from docx.shared import Pt
    lab = {"I": strip(d["labels"][0]), "R": strip(d["labels"][1])}
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in d["header"]:
        doc.add_paragraph(strip(h))
    if d["header"]:
        doc.add_paragraph("")
    for spk, text, _ in d["turns"]:
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(lab[spk] + ":")
            r.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(f"{lab[spk]}: {strip(text)}")
    doc.save(path)


def write_txt_ir(d, path):
    lab = {"I": strip(d["labels"][0]), "R": strip(d["labels"][1])}
    out = [strip(h) for h in d["header"]]
    if out:
        out.append("")
    for spk, text, _ in d["turns"]:
        out += [f"{lab[spk]}: {strip(text)}", ""]
    with open(path, "w", encoding="cp1252", newline="") as f:
        f.write("\r\n".join(out))


def write_txt_ts(d, path):
    lab = {"I": strip(d["labels"][0]), "R": strip(d["labels"][1])}
    out = [strip(h) for h in d["header"]]
    if out:
        out.append("")
    first = {}
    for i, spk, c, a, b in timed(d["turns"]):
        first.setdefault(i, a)
    for i, (spk, text, _) in enumerate(d["turns"]):
        t = int(first[i])
        out += [f"[{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}] {lab[spk]}: {strip(text)}", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


WRITERS = {"vtt": write_vtt, "srt": write_srt,
           "docx-bold": lambda d, p: write_docx(d, p, True),
           "docx-plain": lambda d, p: write_docx(d, p, False),
           "txt-ir-cp1252": write_txt_ir, "txt-ts": write_txt_ts}


def lint_unmarked(d):
    """Warn about identifier strings that also occur unmarked."""
    allids = {}
    texts = list(d["header"]) + [t[1] for t in d["turns"]] + list(d["labels"])
    for s in texts:
        for v, t in ids_of(s):
            allids[v] = t
    warn = []
    for s in texts:
        bare = IDRE.sub(lambda m: "\x01" * len(m.group(0)), s)
        for v in allids:
            if re.search(r"(?<!\w)" + re.escape(v) + r"(?!\w)", bare):
                warn.append(v)
    return sorted(set(warn))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    srows, orows, irows = [], [], []
    for doc in DOCS:
        d = parse(doc)
        path = os.path.join(OUT, f"{doc}.{EXT[d['format']]}")
        WRITERS[d["format"]](d, path)
        srows.append([doc, d["style"], d["rationale"]])
        for i, (spk, text, o) in enumerate(d["turns"], 1):
            if spk == "R" and o in ("casus", "netwerk"):
                orows.append([doc, i, o])
        seen = {}
        for s in list(d["header"]) + list(d["labels"]) + [t[1] for t in d["turns"]]:
            for v, t in ids_of(s):
                if t not in TYPES:
                    sys.exit(f"{doc}: bad type {t} for {v}")
                if v in seen and seen[v] != t:
                    sys.exit(f"{doc}: {v} typed {seen[v]} and {t}")
                if v not in seen:
                    seen[v] = t
                    irows.append([doc, v, t])
        words = sum(len(strip(t[1]).split()) for t in d["turns"])
        nres = sum(1 for t in d["turns"] if t[0] == "R")
        oc = sum(1 for r in orows if r[0] == doc and r[2] == "casus")
        on = sum(1 for r in orows if r[0] == doc and r[2] == "netwerk")
        un = lint_unmarked(d)
        print(f"{doc}: {d['format']:14s} words={words} resp_turns={nres} "
              f"casus={oc} netwerk={on} ids={len(seen)}"
              + (f"  UNMARKED: {un}" if un else ""))
    with open(os.path.join(SET, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(srows)
    with open(os.path.join(SET, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(SET, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(irows)


if __name__ == "__main__":
    main()
