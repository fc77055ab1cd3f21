"""Build the transcripts and csv files of set IP from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/ipNN.txt): one paragraph per turn, separated by blank lines.
  H: header line       I: interviewer turn       R: respondent turn ending in {casus}|{netwerk}|{-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "ip01": dict(fmt="docx_plain", labels=("Interviewer", "Respondent"), label_persons=False,
                 style="onbepaald",
                 rationale="Mixed (not stated by him): the Tilburg wijkagent/regisseur puts his own effort both into weekly kitchen-table contact and the plan of one boy and into structural arrangements with the corporatie, schools and the wijkoverleg, in roughly equal measure."),
    "ip02": dict(fmt="txt", enc="cp1252", newline="\r\n", labels=("I", "R"), label_persons=False,
                 style="casusgericht",
                 rationale="The Eindhoven jeugdreclasseerder names many partners and meetings but uses each as a means for the plan he made with the boy, and explicitly declines the structural working group, leaving the system to others."),
    "ip03": dict(fmt="docx_bold", labels=("Lotte", "Hanneke"), label_persons=True,
                 style="netwerkgericht",
                 rationale="The Tilburg procesregisseur tells a warm, detailed story about one boy but deliberately leaves daily contact to the jeugdreclasseerder and invests in leaders' interests, binding agreements, a privacy protocol and cross-case patterns."),
    "ip04": dict(fmt="srt", newline="\r\n", labels=("Sanne", "Ron"), label_persons=True,
                 style="casusgericht",
                 rationale="The angry, rambling Helmond wijkagent complains at length about organisations and meetings, but his own effort and trust go into the boy and his father, and he walks out of the structural working group."),
    "ip05": dict(fmt="txt_ts", enc="utf-8", newline="\n", labels=("Spreker 1", "Spreker 2"), label_persons=False,
                 style="onbepaald",
                 rationale="Mixed (she says so herself): the Helmond jeugdreclasseerder deliberately splits her week half on her own youngsters and half on inter-organisational agreements in De Peel, and invests visibly in both."),
    "ip06": dict(fmt="vtt", labels=("Pieter Hendrikx", "Marloes van Gastel"), label_persons=True,
                 style="netwerkgericht",
                 rationale="The Eindhoven ketenregisseur talks mostly in cases but never meets the youngsters; every intervention is a rule, escalation or agreement between organisations that applies to the whole list."),
}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse_src(doc_id):
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        tag, _, body = p.partition(": ")
        if tag == "H":
            if turns:
                raise SystemExit(f"{doc_id}: header after turns")
            header.append(body)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", body)
                if not m:
                    raise SystemExit(f"{doc_id}: respondent turn without orientation: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()].rstrip()
            elif re.search(r"\{(casus|netwerk|-)\}$", body):
                raise SystemExit(f"{doc_id}: orientation on interviewer turn")
            expected = "I" if len(turns) % 2 == 0 else "R"
            if tag != expected:
                raise SystemExit(f"{doc_id}: turns do not alternate at turn {len(turns) + 1}")
            turns.append((tag, body, orient))
        else:
            raise SystemExit(f"{doc_id}: bad paragraph tag {tag!r}")
    return header, turns


def identifiers(doc_id, header, turns, cfg):
    seen = {}
    for text in header + [t[1] for t in turns]:
        for m in ANN.finditer(text):
            ident, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                raise SystemExit(f"{doc_id}: bad type {typ}")
            if ident in seen and seen[ident] != typ:
                raise SystemExit(f"{doc_id}: {ident} has two types")
            seen.setdefault(ident, typ)
    if cfg["label_persons"]:
        for lab in cfg["labels"]:
            seen.setdefault(lab, "PERSOON")
    return seen


def words(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def chunks(text, maxw=14):
    """Split a turn into subtitle-sized pieces at sentence (or comma) boundaries."""
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'])", text)
    pieces = []
    for s in sents:
        if words(s) > 20:
            parts = re.split(r"(?<=,)\s+", s)
            buf = ""
            for p in parts:
                if buf and words(buf + " " + p) > maxw:
                    pieces.append(buf)
                    buf = p
                else:
                    buf = (buf + " " + p).strip()
            if buf:
                pieces.append(buf)
        else:
            pieces.append(s)
    out, buf = [], ""
    for p in pieces:
        if buf and words(buf + " " + p) > maxw:
            out.append(buf)
            buf = p
        else:
            buf = (buf + " " + p).strip()
    if buf:
        out.append(buf)
    return out


def fmt_ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels, start=2.4):
    """Yield (start, end, label, text) per cue; ~2.6 words per second."""
    t = start
    cues = []
    for i, (tag, body, _) in enumerate(turns):
        lab = labels[0] if tag == "I" else labels[1]
        for piece in chunks(plain(body)):
            dur = max(1.2, words(piece) / 2.6)
            cues.append((t, t + dur, lab, piece))
            t += dur + 0.25
        t += 0.9 + (i % 3) * 0.4
    return cues


def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for tag, body, _ in turns:
        lab = labels[0] if tag == "I" else labels[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{lab}: {plain(body)}")
    d.save(path)


def write_text(path, text, enc, newline):
    with open(path, "w", encoding=enc, newline="") as f:
        f.write(text.replace("\n", newline))


def build_doc(doc_id, cfg):
    header, turns = parse_src(doc_id)
    labels = cfg["labels"]
    fmt = cfg["fmt"]
    if fmt in ("docx_plain", "docx_bold"):
        path = os.path.join(OUT, doc_id + ".docx")
        write_docx(path, header, turns, labels, bold=(fmt == "docx_bold"))
    elif fmt == "txt":
        lines = [plain(h) for h in header] + [""]
        for tag, body, _ in turns:
            lines.append(f"{labels[0] if tag == 'I' else labels[1]}: {plain(body)}")
            lines.append("")
        path = os.path.join(OUT, doc_id + ".txt")
        write_text(path, "\n".join(lines), cfg["enc"], cfg["newline"])
    elif fmt == "txt_ts":
        lines = [plain(h) for h in header] + [""]
        t = 3.0
        for i, (tag, body, _) in enumerate(turns):
            txt = plain(body)
            ts = fmt_ts(t)[:8]
            lines.append(f"[{ts}] {labels[0] if tag == 'I' else labels[1]}: {txt}")
            lines.append("")
            t += words(txt) / 2.5 + 1.5 + (i % 4) * 0.7
        path = os.path.join(OUT, doc_id + ".txt")
        write_text(path, "\n".join(lines), cfg["enc"], cfg["newline"])
    elif fmt == "srt":
        out = []
        for n, (a, b, lab, txt) in enumerate(timed_cues(turns, labels), 1):
            out += [str(n), f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}", f"{lab}: {txt}", ""]
        path = os.path.join(OUT, doc_id + ".srt")
        write_text(path, "\n".join(out), "utf-8", cfg["newline"])
    elif fmt == "vtt":
        out = ["WEBVTT", "", "NOTE"] + [plain(h) for h in header] + [""]
        for a, b, lab, txt in timed_cues(turns, labels, start=1.8):
            out += [f"{fmt_ts(a)} --> {fmt_ts(b)}", f"<v {lab}>{txt}</v>", ""]
        path = os.path.join(OUT, doc_id + ".vtt")
        write_text(path, "\n".join(out), "utf-8", "\n")
    else:
        raise SystemExit(fmt)
    ids = identifiers(doc_id, header, turns, cfg)
    orient = [(i + 1, o) for i, (tag, _, o) in enumerate(turns) if tag == "R" and o in ("casus", "netwerk")]
    n_words = sum(words(plain(b)) for _, b, _ in turns)
    n_resp = sum(1 for t in turns if t[0] == "R")
    return os.path.basename(path), ids, orient, n_words, n_resp


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    id_rows, or_rows, st_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        fname, ids, orient, n_words, n_resp = build_doc(doc_id, cfg)
        for ident, typ in ids.items():
            id_rows.append((doc_id, ident, typ))
        for idx, o in orient:
            or_rows.append((doc_id, idx, o))
        st_rows.append((doc_id, cfg["style"], cfg["rationale"]))
        n_c = sum(1 for _, o in orient if o == "casus")
        n_n = sum(1 for _, o in orient if o == "netwerk")
        print(f"{doc_id} {fname:10s} words={n_words} resp_turns={n_resp} ids={len(ids)} casus={n_c} netwerk={n_n}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(st_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)


if __name__ == "__main__":
    main()
