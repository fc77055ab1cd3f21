"""Build the setHE transcripts and the three label files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py      (needs python-docx)

Source format (src/heNN.txt), paragraphs separated by blank lines:
  S: <style> | <one-sentence rationale>      style label for styles.csv
  L: I=<interviewer label> | R=<respondent label>   speaker labels (may hold [[..|PERSOON]])
  H: <header line>                           zero or more header lines
  I: <interviewer turn>
  R: <respondent turn> {casus|netwerk|-}     orientation tag at the very end
Identifiers are written inline as [[text|TYPE]].
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

DOCS = {
    "he01": "docx_bold",
    "he02": "vtt",
    "he03": "txt_cp1252",
    "he04": "srt",
    "he05": "txt_stamped",
    "he06": "docx_plain",
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text, ids):
    def repl(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"unknown type {t!r} for {s!r}")
        ids.append((s, t))
        return s
    out = ANN.sub(repl, text)
    if "[[" in out or "]]" in out:
        sys.exit(f"broken annotation in: {text[:80]}")
    return out


def parse(doc_id):
    raw = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw) if p.strip()]
    d = {"ids": [], "header": [], "turns": [], "style": None, "labels": None}
    for p in paras:
        kind, _, body = p.partition(": ")
        if kind == "S":
            style, _, why = body.partition(" | ")
            d["style"] = (style.strip(), why.strip())
        elif kind == "L":
            m = re.match(r"I=(.+?) \| R=(.+)$", body)
            d["labels"] = (strip(m.group(1), d["ids"]), strip(m.group(2), d["ids"]))
        elif kind == "H":
            d["header"].append(strip(body, d["ids"]))
        elif kind in ("I", "R"):
            orient = None
            if kind == "R":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent turn without tag: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif TAG.search(body):
                sys.exit(f"{doc_id}: interviewer turn with tag: {body[:60]}")
            d["turns"].append((kind, strip(body, d["ids"]).strip(), orient))
        else:
            sys.exit(f"{doc_id}: bad paragraph kind {kind!r}: {p[:60]}")
    for i, (k, _, _) in enumerate(d["turns"]):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return d


# ---------------------------------------------------------------- timing helpers
def sentences(text):
    parts = re.split(r"(?<=[.?!…])\s+", text)
    out = []
    for p in parts:  # do not split after an initial such as "J." or "mw."
        if out and re.search(r"(\b[A-Z]\.|\bmw\.|\bdhr\.)$", out[-1]):
            out[-1] += " " + p
        else:
            out.append(p)
    return out


def chunks(text, limit=18):
    cur, res = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > limit:
            res.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        res.append(" ".join(cur))
    return res


def secs(n_words):
    return max(1.2, n_words / 2.4)


def ts(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def w_docx(d, path, bold):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in d["header"]:
        doc.add_paragraph(h)
    if d["header"]:
        doc.add_paragraph("")
    li, lr = d["labels"]
    for k, text, _ in d["turns"]:
        lab = li if k == "I" else lr
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(f"{lab}:")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{lab}: {text}")
    doc.save(path)


def w_txt_cp1252(d, path):
    li, lr = d["labels"]
    lines = list(d["header"]) + [""]
    for k, text, _ in d["turns"]:
        lines.append(f"{li if k == 'I' else lr}: {text}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    path.write_bytes(data)


def w_txt_stamped(d, path):
    li, lr = d["labels"]
    lines = list(d["header"]) + [""]
    t = 4.0
    for k, text, _ in d["turns"]:
        h, rem = divmod(int(t), 3600)
        m, s = divmod(rem, 60)
        lines.append(f"[{h:02d}:{m:02d}:{s:02d}] {li if k == 'I' else lr}: {text}")
        t += secs(len(text.split())) + 1.1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def w_vtt(d, path):
    li, lr = d["labels"]
    out = ["WEBVTT", ""]
    if d["header"]:
        out.append("NOTE")
        out.extend(d["header"])
        out.append("")
    t = 2.5
    for k, text, _ in d["turns"]:
        lab = li if k == "I" else lr
        for c in chunks(text, 16):
            dur = secs(len(c.split()))
            out.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
            out.append(f"<v {lab}>{c}</v>")
            out.append("")
            t += dur + 0.2
        t += 0.9
    path.write_text("\n".join(out), encoding="utf-8")


def w_srt(d, path):
    li, lr = d["labels"]
    out = []
    n = 1
    t = 1.8
    for k, text, _ in d["turns"]:
        lab = li if k == "I" else lr
        for j, c in enumerate(chunks(text, 15)):
            dur = secs(len(c.split()))
            out.append(str(n))
            out.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
            out.append(f"{lab}: {c}" if j == 0 else c)
            out.append("")
            n += 1
            t += dur + 0.15
        t += 1.0
    path.write_bytes("\r\n".join(out).encode("utf-8"))


EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_cp1252": "txt", "txt_stamped": "txt",
       "vtt": "vtt", "srt": "srt"}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    styles, orient, idents = [], [], []
    for doc_id, fmt in DOCS.items():
        d = parse(doc_id)
        path = OUT / f"{doc_id}.{EXT[fmt]}"
        if fmt == "docx_bold":
            w_docx(d, path, True)
        elif fmt == "docx_plain":
            w_docx(d, path, False)
        elif fmt == "txt_cp1252":
            w_txt_cp1252(d, path)
        elif fmt == "txt_stamped":
            w_txt_stamped(d, path)
        elif fmt == "vtt":
            w_vtt(d, path)
        elif fmt == "srt":
            w_srt(d, path)
        styles.append((doc_id, d["style"][0], d["style"][1]))
        for i, (k, _, o) in enumerate(d["turns"], start=1):
            if k == "R" and o in ("casus", "netwerk"):
                orient.append((doc_id, i, o))
        seen = {}
        for s, t in d["ids"]:
            if s in seen and seen[s] != t:
                sys.exit(f"{doc_id}: {s!r} annotated as {seen[s]} and {t}")
            seen.setdefault(s, t)
        # lint: an annotated string that also occurs un-annotated elsewhere in the source
        masked = ANN.sub("\x00", (SRC / f"{doc_id}.txt").read_text(encoding="utf-8"))
        masked = "\n".join(l for l in masked.splitlines() if not l.startswith("S: "))
        for s in seen:
            if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", masked):
                print(f"  WARNING {doc_id}: {s!r} also occurs without annotation")
        for s, t in seen.items():
            idents.append((doc_id, s, t))
        words = sum(len(x[1].split()) for x in d["turns"])
        nresp = sum(1 for x in d["turns"] if x[0] == "R")
        print(f"{doc_id}: {fmt:12s} words={words} turns={len(d['turns'])} resp={nresp} "
              f"ids={len(seen)} style={d['style'][0]}")
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
        w.writerows(idents)


if __name__ == "__main__":
    main()
