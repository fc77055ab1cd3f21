"""Build the setKS transcripts and csv files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)
Source format: one paragraph per turn, separated by blank lines, starting with
"H:" (header), "I:" (interviewer) or "R:" (respondent). Identifiers inline as
[[text|TYPE]]. Respondent paragraphs end in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: format, speaker labels (interviewer, respondent), identifiers in labels
DOCS = {
    "ks01": dict(fmt="docx_bold", labels=("Interviewer", "Marcia"),
                 label_ids=[("Marcia", "PERSOON")]),
    "ks02": dict(fmt="txt_ts", enc="cp1252", eol="\r\n",
                 labels=("Spreker 1", "Spreker 2"), label_ids=[], start=6),
    "ks03": dict(fmt="vtt", labels=("Interviewer", "Rob Verschoor"),
                 label_ids=[("Rob Verschoor", "PERSOON")]),
    "ks04": dict(fmt="srt", eol="\r\n", labels=("Interviewer", "Abena"),
                 label_ids=[("Abena", "PERSOON")]),
    "ks05": dict(fmt="txt_plain", enc="utf-8", eol="\n", labels=("I", "R"),
                 label_ids=[]),
    "ks06": dict(fmt="docx_plain", labels=("I", "R"), label_ids=[]),
}

STYLES = {
    "ks01": ("casusgericht",
             "Invests all her own effort and trust in the girl and her mother (weekly visits, driving her herself, night calls); partners are asked for one thing each for this girl's plan and she declines the werkgroep."),
    "ks02": ("netwerkgericht",
             "Despite a warm story about the boy he leaves daily contact to the youth worker and jeugdreclassering and invests in the monthly link meeting, agreements, escalation routes and a church contact structure across cases."),
    "ks03": ("onbepaald",
             "Too little evidence: guarded and procedural, talks in generalities about roles and procedures and never shows where his own effort goes."),
    "ks04": ("onbepaald",
             "Genuinely mixed: invests about equally in one student and her mother and in school-wide agreements, a six-weekly meeting and training, and says she cannot choose."),
    "ks05": ("netwerkgericht",
             "Tells a warm story about one girl but deliberately keeps away from daily contact and invests in the return protocol, hand-over meetings, a monthly connection meeting and agreements between Fier, police and Amsterdam partners."),
    "ks06": ("casusgericht",
             "Although programme manager, he keeps three girls himself, spends his own time, phone and trust on one girl and her mother, uses partners for concrete case requests and delegates steering group and covenant work."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, _, body = p.partition(": ")
        if kind == "H":
            header.append(body)
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = TAG_RE.search(body)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without tag: {body[:60]}")
                tag = m.group(1)
                body = body[: m.start()]
            elif TAG_RE.search(body):
                sys.exit(f"{path}: interviewer paragraph with tag: {body[:60]}")
            turns.append((kind, body.strip(), tag))
        else:
            sys.exit(f"{path}: bad paragraph start: {p[:40]}")
    return header, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids_of(s):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(s)]


def protect(s):
    """Replace identifier spans by placeholders so that splitting never cuts them."""
    store = []

    def rep(m):
        store.append(m.group(1))
        return f"\x00{len(store) - 1}\x00"

    return ID_RE.sub(rep, s), store


def unprotect(s, store):
    return re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], s)


def sentences(marked):
    t, store = protect(marked)
    parts = re.split(r"(?<=[.?!])\s+(?=[\"A-Z(\x00])", t)
    return [unprotect(p, store) for p in parts if p.strip()]


def chunks(marked, maxw=34):
    out, cur = [], []
    for s in sentences(marked):
        n = len(s.split())
        if cur and sum(len(x.split()) for x in cur) + n > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def wrap(marked, width=84):
    t, store = protect(marked)
    lines, cur = [], ""
    for w in t.split(" "):
        if cur and len(unprotect(cur + " " + w, store)) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    if cur:
        lines.append(cur)
    return [unprotect(l, store) for l in lines]


def ts(sec, sep="."):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(text.split()) / 2.6)


def build_doc(doc_id, cfg, header, turns):
    li, lr = cfg["labels"]
    lab = {"I": li, "R": lr}
    fmt = cfg["fmt"]
    if fmt.startswith("docx"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(plain(h))
            r.italic = True
        if header:
            d.add_paragraph()
        for kind, body, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab[kind] + ":")
                r.bold = True
                p.add_run(" " + plain(body))
            else:
                p.add_run(f"{lab[kind]}: {plain(body)}")
        path = os.path.join(OUT, doc_id + ".docx")
        d.save(path)
        return path
    if fmt in ("txt_ts", "txt_plain"):
        lines = [plain(h) for h in header]
        if header:
            lines.append("")
        t = cfg.get("start", 0)
        for kind, body, _ in turns:
            text = plain(body)
            if fmt == "txt_ts":
                h, rem = divmod(int(t), 3600)
                m, s = divmod(rem, 60)
                lines.append(f"[{h:02d}:{m:02d}:{s:02d}] {lab[kind]}: {text}")
            else:
                lines.append(f"{lab[kind]}: {text}")
            lines.append("")
            t += dur(text) + 1.4
        data = cfg["eol"].join(lines)
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "wb") as f:
            f.write(data.encode(cfg["enc"]))
        return path
    if fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out.append("NOTE")
            out += [plain(h) for h in header]
            out.append("")
        t = 3.2
        n = 0
        for kind, body, _ in turns:
            for c in chunks(body):
                text = plain(c)
                d_ = dur(text)
                n += 1
                out.append(f"{ts(t)} --> {ts(t + d_)}")
                out.append(f"<v {lab[kind]}>{text}</v>")
                out.append("")
                t += d_ + 0.3
            t += 0.9
        path = os.path.join(OUT, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
        return path
    if fmt == "srt":
        out = []
        t = 1.0
        for i, (kind, body, _) in enumerate(turns, 1):
            text = plain(body)
            d_ = dur(text)
            out.append(str(i))
            out.append(f"{ts(t, ',')} --> {ts(t + d_, ',')}")
            out += [plain(l) for l in wrap(f"{lab[kind]}: {body}")]
            out.append("")
            t += d_ + 1.1
        path = os.path.join(OUT, doc_id + ".srt")
        with open(path, "wb") as f:
            f.write(cfg["eol"].join(out).encode("utf-8"))
        return path
    raise ValueError(fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, id_rows, stats = [], [], {}
    warnings = 0
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(os.path.join(HERE, doc_id + ".txt"))
        kinds = [k for k, _, _ in turns]
        for i, k in enumerate(kinds):
            if k != ("I" if i % 2 == 0 else "R"):
                sys.exit(f"{doc_id}: turns do not alternate at {i + 1}")
        build_doc(doc_id, cfg, header, turns)
        seen = {}
        for s, ty in cfg["label_ids"]:
            seen.setdefault(s, ty)
        for h in header:
            for s, ty in ids_of(h):
                seen.setdefault(s, ty)
        for idx, (k, body, tag) in enumerate(turns, 1):
            for s, ty in ids_of(body):
                if s in seen and seen[s] != ty:
                    print(f"WARN {doc_id}: {s!r} typed {seen[s]} and {ty}")
                    warnings += 1
                seen.setdefault(s, ty)
            if k == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc_id, idx, tag))
        for s, ty in seen.items():
            if ty not in TYPES:
                sys.exit(f"{doc_id}: bad type {ty}")
            id_rows.append((doc_id, s, ty))
        # unmarked occurrences of known identifiers
        stripped = " ".join(ID_RE.sub(" ", x) for x in header + [b for _, b, _ in turns])
        for s in seen:
            if s in {lab for lab, _ in cfg["label_ids"]}:
                pass
            if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", stripped):
                print(f"WARN {doc_id}: unmarked occurrence of {s!r}")
                warnings += 1
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        rturns = sum(1 for k in kinds if k == "R")
        tags = [t for k, _, t in turns if k == "R"]
        stats[doc_id] = (words, rturns, tags.count("casus"), tags.count("netwerk"), len(seen))
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows, key=lambda r: (r[0], r[1])):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d, (s, r) in STYLES.items():
            w.writerow([d, s, r])
    for d, (wds, rt, c, n, ni) in stats.items():
        print(f"{d}: words={wds} respondent_turns={rt} casus={c} netwerk={n} identifiers={ni}")
    print(f"warnings: {warnings}")


if __name__ == "__main__":
    main()
