"""Build the setmw transcripts and label files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (from the set folder or anywhere)

Source format (src/mwNN.txt):
  @key value      metadata (format, encoding, eol, I, R, bold, start)
  H: text         header line (empty text = blank header line)
  I: text         interviewer turn
  R: text {x}     respondent turn, x in casus | netwerk | -
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")

DOCS = ["mw01", "mw02", "mw03", "mw04", "mw05", "mw06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

STYLES = {
    "mw01": ("netwerkgericht",
             "The OGGZ coordinator tells a warm story about one woman but handed the daily contact to bemoeizorg after one visit and puts her own effort into the warm-handover agreement, the escalation ladder, the night number and the data-sharing covenant."),
    "mw02": ("casusgericht",
             "The former nurse invests everything in earning one man's trust and arranging GP, police, crisis service and ambulance around his plan, and explicitly left the regional structural meeting to a colleague."),
    "mw03": ("casusgericht",
             "The ex-police process director names many partners and meetings, but each serves Kevin's one-page plan; he visits weekly himself and declines the working group and structural follow-up."),
    "mw04": ("netwerkgericht",
             "The crisis-service team leader hardly sees clients, tells one client story as an example of a pattern, and invests in waiting-time data, agreements with police, ambulance and GPs, escalation and joint evaluations."),
    "mw05": ("casusgericht",
             "The wijkteam worker sits in network meetings and evaluations but uses them for Jordy, keeps the daily contact and plan herself and hands the protocol and working group to others."),
    "mw06": ("onbepaald",
             "Genuinely mixed: the meldpunt coordinator carries his own caseload with kitchen-table work and in equal measure builds cross-organisation agreements (E33 list, GP slots, RAV data), valuing both."),
}


def strip(text, doc, ids):
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f"{doc}: unknown type {t}")
        ids.setdefault((doc, s), set()).add(t)
        return s
    return ID_RE.sub(rep, text)


def parse(doc):
    meta, header, turns = {}, [], []
    ids = {}
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                k, _, v = line[1:].partition(" ")
                meta[k] = v.strip()
                continue
            tag, _, text = line.partition(":")
            text = text.strip()
            if tag == "H":
                header.append(strip(text, doc, ids))
            elif tag in ("I", "R"):
                ori = None
                if tag == "R":
                    m = ORI_RE.search(text)
                    if not m:
                        sys.exit(f"{doc}: respondent turn without orientation: {text[:60]}")
                    ori = m.group(1)
                    text = text[:m.start()]
                elif ORI_RE.search(text):
                    sys.exit(f"{doc}: interviewer turn with orientation")
                turns.append((tag, strip(text, doc, ids), ori, text))
            else:
                sys.exit(f"{doc}: bad line {line[:60]}")
    meta["I"] = strip(meta["I"], doc, ids)
    meta["R"] = strip(meta["R"], doc, ids)
    for (d, s), t in ids.items():
        if len(t) > 1:
            sys.exit(f"{doc}: identifier {s!r} with several types {t}")
    return meta, header, turns, ids


def words(s):
    return len(s.split())


def fmt_ts(sec, sep, hours=True, ms=True):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    whole = int(s)
    millis = int(round((s - whole) * 1000))
    if millis == 1000:
        whole, millis = whole + 1, 0
    base = f"{int(h):02d}:{int(m):02d}:{whole:02d}"
    return base + (f"{sep}{millis:03d}" if ms else "")


def split_cues(annotated, doc, maxw=20):
    """Split a turn (annotated) into cue texts, never inside an identifier."""
    ph = []

    def hide(m):
        ph.append(m.group(0))
        return f"\x00{len(ph)-1}\x00"
    hidden = ID_RE.sub(hide, annotated)
    sents = re.split(r"(?<=[.?!…])\s+(?=[A-Z(\"'‘“])", hidden)
    pieces = []
    for s in sents:
        ws = s.split()
        if len(ws) <= maxw + 8:
            pieces.append(s)
            continue
        # split long sentences at commas
        parts = re.split(r"(?<=,)\s+", s)
        cur = ""
        for p in parts:
            if cur and words(cur) + words(p) > maxw:
                pieces.append(cur)
                cur = p
            else:
                cur = (cur + " " + p).strip()
        if cur:
            pieces.append(cur)
    cues, cur = [], ""
    for p in pieces:
        if cur and words(cur) + words(p) > maxw:
            cues.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        cues.append(cur)

    def unhide(s):
        return re.sub(r"\x00(\d+)\x00", lambda m: ph[int(m.group(1))], s)
    ids = {}
    return [strip(unhide(c), doc, ids) for c in cues]


def write_text(path, lines, enc, eol):
    data = eol.join(lines) + eol
    with open(path, "wb") as f:
        f.write(data.encode(enc))


def build_docx(doc, meta, header, turns):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = meta.get("headeritalic") == "yes"
    if header:
        d.add_paragraph()
    bold = meta.get("bold") == "yes"
    for tag, text, _, _ in turns:
        p = d.add_paragraph()
        label = meta[tag] + ":"
        if bold:
            p.add_run(label).bold = True
            p.add_run(" " + text)
        else:
            p.add_run(label + " " + text)
    cp = d.core_properties
    cp.author = meta.get("author", "")
    cp.last_modified_by = meta.get("author", "")
    cp.title = ""
    cp.comments = ""
    cp.subject = ""
    cp.keywords = ""
    d.save(os.path.join(OUT, doc + ".docx"))


def build_txt(doc, meta, header, turns):
    enc = meta.get("encoding", "utf-8")
    eol = "\r\n" if meta.get("eol") == "crlf" else "\n"
    lines = list(header)
    if header:
        lines.append("")
    t = float(meta.get("start", "3"))
    for i, (tag, text, _, _) in enumerate(turns):
        if meta["format"] == "txt-ts":
            lines.append(f"[{fmt_ts(t, '', ms=False)}] {meta[tag]}: {text}")
        else:
            lines.append(f"{meta[tag]}: {text}")
        if i < len(turns) - 1:
            lines.append("")
        t += words(text) / 2.55 + 1.4 + (i % 3) * 0.7
    write_text(os.path.join(OUT, doc + ".txt"), lines, enc, eol)


def cue_times(turns, doc, start):
    t = start
    out = []
    for i, (tag, _, _, ann) in enumerate(turns):
        for c in split_cues(ann, doc):
            dur = words(c) / 2.6 + 0.6
            out.append((tag, c, t, t + dur))
            t += dur + 0.25
        t += 0.9 + (i % 4) * 0.35
    return out


def build_vtt(doc, meta, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    for n, (tag, c, a, b) in enumerate(cue_times(turns, doc, float(meta.get("start", "2"))), 1):
        lines.append(str(n))
        lines.append(f"{fmt_ts(a, '.')} --> {fmt_ts(b, '.')}")
        lines.append(f"<v {meta[tag]}>{c}</v>")
        lines.append("")
    write_text(os.path.join(OUT, doc + ".vtt"), lines[:-1], "utf-8",
               "\r\n" if meta.get("eol") == "crlf" else "\n")


def build_srt(doc, meta, header, turns):
    if header:
        sys.exit(f"{doc}: srt has no header")
    lines = []
    for n, (tag, c, a, b) in enumerate(cue_times(turns, doc, float(meta.get("start", "1.5"))), 1):
        lines.append(str(n))
        lines.append(f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}")
        lines.append(f"{meta[tag]}: {c}")
        lines.append("")
    write_text(os.path.join(OUT, doc + ".srt"), lines[:-1], meta.get("encoding", "utf-8"),
               "\r\n" if meta.get("eol") == "crlf" else "\n")


def main():
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    ori_rows, id_rows = [], []
    for doc in DOCS:
        meta, header, turns, ids = parse(doc)
        for i, (tag, _, _, _) in enumerate(turns):
            if tag != ("I" if i % 2 == 0 else "R"):
                sys.exit(f"{doc}: turns do not alternate at {i+1}")
        fmt = meta["format"]
        {"docx": build_docx, "txt": build_txt, "txt-ts": build_txt,
         "vtt": build_vtt, "srt": build_srt}[fmt](doc, meta, header, turns)
        for i, (tag, _, ori, _) in enumerate(turns, 1):
            if tag == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc, i, ori))
        for (d, s), t in sorted(ids.items(), key=lambda kv: kv[0][1].lower()):
            id_rows.append((d, s, next(iter(t))))
        w = sum(words(t[1]) for t in turns)
        print(f"{doc}: {fmt:6s} turns={len(turns)} resp={sum(1 for t in turns if t[0] == 'R')} words={w} ids={len(ids)}")
    with open(os.path.join(SET, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(SET, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(ori_rows):
            w.writerow(r)
    with open(os.path.join(SET, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)


if __name__ == "__main__":
    main()
