"""Build the six transcripts of set GP and the three label files from the annotated sources.

Source format (src/<doc>.src): one paragraph per turn, paragraphs separated by a blank line.
  H: header line           (not a turn)
  I: interviewer turn
  R: respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are marked inline as [[text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py   (python-docx is needed for the .docx files)
"""
import csv
import random
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# format, speaker labels, and whether the labels are names (then they count as PERSOON)
DOCS = {
    "gp01": dict(fmt="docx_bold", ext="docx", I="Maud Kerkhof", R="Ilse Verhagen", names=True),
    "gp02": dict(fmt="txt_labels", ext="txt", enc="cp1252", eol="\r\n", I="I", R="R", names=False),
    "gp03": dict(fmt="vtt", ext="vtt", I="Maud Kerkhof", R="Marieke Hoogendoorn", names=True,
                 seed=3, t0=2.4),
    "gp04": dict(fmt="srt", ext="srt", eol="\r\n", I="Jeroen", R="Sharita", names=True,
                 seed=4, t0=1.1),
    "gp05": dict(fmt="txt_ts", ext="txt", enc="utf-8", eol="\n", I="Spreker 1", R="Spreker 2",
                 names=False, seed=5, t0=6.0),
    "gp06": dict(fmt="docx_plain", ext="docx", I="Interviewer", R="Respondent", names=False),
}

STYLES = {
    "gp01": ("netwerkgericht",
             "Former OM parketsecretaris who tells a warm story about her client but deliberately "
             "leaves the contact with the probation officer and invests in housing agreements, "
             "escalations, contact persons and standing relations with partner organisations."),
    "gp02": ("casusgericht",
             "Terse former probation officer who names many partners and meetings, but uses every one "
             "of them for one man's plan, sits at the kitchen table weekly and declines the "
             "structural working group."),
    "gp03": ("onbepaald",
             "Too little evidence: a guarded, procedural respondent who answers in generalities and "
             "method descriptions and never shows where her own effort or trust goes."),
    "gp04": ("casusgericht",
             "Rambling former youth-care worker who organises many meetings and involves many "
             "partners, all built around one boy whom she visits at the boxing gym, while leaving "
             "the policy project group to a colleague."),
    "gp05": ("netwerkgericht",
             "Terse former police officer who hardly sees his client, leaves the contact to "
             "probation and invests in team-leader contacts, escalations, a shared format and "
             "board-level routes."),
    "gp06": ("onbepaald",
             "Genuinely mixed: a former probation officer who invests about equally in personal "
             "contact with her client (prison visits, the letter, the sister) and in structural "
             "agreements between organisations, and says so herself."),
}


def read_src(doc):
    text = (HERE / f"{doc}.src").read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        tag, body = p[:2], p[3:].strip()
        if tag == "H:":
            if turns:
                raise SystemExit(f"{doc}: header after first turn")
            header.append(body)
        elif tag in ("I:", "R:"):
            orient = None
            if tag == "R:":
                m = ORIENT.search(body)
                if not m:
                    raise SystemExit(f"{doc}: respondent paragraph without orientation tag: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()].rstrip()
            elif ORIENT.search(body):
                raise SystemExit(f"{doc}: orientation tag on interviewer turn")
            turns.append((tag[0], body, orient))
        else:
            raise SystemExit(f"{doc}: bad paragraph start {p[:20]!r}")
    for k, (spk, _, _) in enumerate(turns):
        if spk != ("I" if k % 2 == 0 else "R"):
            raise SystemExit(f"{doc}: turns do not alternate at turn {k + 1}")
    return header, turns


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def atomic(s):
    """plain text in which identifier-internal spaces are NBSP, so chunking never splits them"""
    return MARK.sub(lambda m: m.group(1).replace(" ", "\u00a0"), s)


def identifiers(doc, header, turns):
    seen = {}
    cfg = DOCS[doc]
    for chunk in header + [t[1] for t in turns]:
        for m in MARK.finditer(chunk):
            txt, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                raise SystemExit(f"{doc}: unknown type {typ}")
            if seen.setdefault(txt, typ) != typ:
                raise SystemExit(f"{doc}: {txt!r} has two types")
    if cfg["names"]:
        for lab in (cfg["I"], cfg["R"]):
            if seen.setdefault(lab, "PERSOON") != "PERSOON":
                raise SystemExit(f"{doc}: label {lab!r} typed otherwise")
    return seen


def unmarked_warnings(doc, header, turns, ids):
    """report occurrences of identifier strings that were not marked inline"""
    out = []
    for chunk in header + [t[1] for t in turns]:
        bare = MARK.sub(lambda m: "\u2063" * len(m.group(0)), chunk)
        for txt in ids:
            for m in re.finditer(r"(?<![\w@.-])" + re.escape(txt) + r"(?![\w@-])", bare):
                out.append(f"{doc}: unmarked occurrence of {txt!r}: ...{bare[max(0, m.start()-30):m.end()+30]}...")
    return out


def words(s):
    return len([w for w in plain(s).split() if re.search(r"\w", w)])


# ---------------------------------------------------------------- timing and cue splitting
def chunks(text, maxw):
    """split a turn into cue texts of at most ~maxw words, preferring sentence ends"""
    sents = re.split(r"(?<=[.!?…]) +", atomic(text))
    cues, cur = [], []
    for s in sents:
        w = s.split(" ")
        if cur and len(cur) + len(w) > maxw:
            cues.append(cur)
            cur = []
        while len(w) > maxw + 4:
            cut = maxw
            for j in range(maxw, 5, -1):  # cut after a comma if possible
                if w[j - 1].endswith(","):
                    cut = j
                    break
            cues.append(w[:cut])
            w = w[cut:]
        cur += w
    if cur:
        cues.append(cur)
    return [" ".join(c) for c in cues]


def wrap2(s, width=44):
    """wrap a cue text to at most two lines at a space (NBSP inside identifiers is not a break)"""
    if len(s) <= width:
        return [s]
    spaces = [i for i, ch in enumerate(s) if ch == " "]
    best = min(spaces, key=lambda i: abs(i - len(s) / 2))
    return [s[:best], s[best + 1:]]


def fmt_ts(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(doc, turns, maxw):
    cfg = DOCS[doc]
    rnd = random.Random(cfg["seed"])
    t = cfg["t0"]
    out = []  # (speaker, start, end, text)
    for spk, body, _ in turns:
        for c in chunks(body, maxw):
            n = len(c.split(" "))
            dur = max(1.3, n / rnd.uniform(2.3, 2.9))
            out.append((spk, t, t + dur, c))
            t += dur + rnd.uniform(0.05, 0.35)
        t += rnd.uniform(0.5, 2.2)
    return out


def restore(s):
    return s.replace("\u00a0", " ")


# ---------------------------------------------------------------- writers
def write_docx(doc, header, turns, bold):
    cfg = DOCS[doc]
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for k, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if k == 0:
            r.bold = True
    if header:
        d.add_paragraph()
    for spk, body, _ in turns:
        lab = cfg[spk]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{lab}:")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{lab}: {plain(body)}")
    path = OUT / f"{doc}.docx"
    d.core_properties.author = ""
    d.core_properties.title = ""
    d.save(path)
    return path


def write_txt_labels(doc, header, turns):
    cfg = DOCS[doc]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for spk, body, _ in turns:
        lines.append(f"{cfg[spk]}: {plain(body)}")
        lines.append("")
    path = OUT / f"{doc}.txt"
    path.write_bytes(cfg["eol"].join(lines).encode(cfg["enc"]))
    return path


def write_txt_ts(doc, header, turns):
    cfg = DOCS[doc]
    rnd = random.Random(cfg["seed"])
    t = cfg["t0"]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for spk, body, _ in turns:
        lines.append(f"[{fmt_ts(t, ',')[:8]}] {cfg[spk]}: {plain(body)}")
        t += words(body) / rnd.uniform(2.3, 2.8) + rnd.uniform(0.8, 2.5)
    lines.append("")
    path = OUT / f"{doc}.txt"
    path.write_bytes(cfg["eol"].join(lines).encode(cfg["enc"]))
    return path


def write_vtt(doc, header, turns):
    cfg = DOCS[doc]
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [plain(h) for h in header]
        lines.append("")
    for k, (spk, a, b, text) in enumerate(timed_cues(doc, turns, 16), 1):
        lines.append(f"{k:04d}-{doc}")
        lines.append(f"{fmt_ts(a, '.')} --> {fmt_ts(b, '.')}")
        lines.append(f"<v {cfg[spk]}>{restore(text)}</v>")
        lines.append("")
    path = OUT / f"{doc}.vtt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_srt(doc, header, turns):
    cfg = DOCS[doc]
    if header:
        raise SystemExit("srt has no header")
    lines = []
    for k, (spk, a, b, text) in enumerate(timed_cues(doc, turns, 14), 1):
        lines.append(str(k))
        lines.append(f"{fmt_ts(a, ',')} --> {fmt_ts(b, ',')}")
        for ln in wrap2(f"{cfg[spk]}: {text}"):
            lines.append(restore(ln))
        lines.append("")
    path = OUT / f"{doc}.srt"
    path.write_bytes(cfg["eol"].join(lines).encode("utf-8"))
    return path


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    orient_rows, ident_rows, stats, warns = [], [], [], []
    for doc, cfg in DOCS.items():
        header, turns = read_src(doc)
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            path = write_docx(doc, header, turns, bold=True)
        elif fmt == "docx_plain":
            path = write_docx(doc, header, turns, bold=False)
        elif fmt == "txt_labels":
            path = write_txt_labels(doc, header, turns)
        elif fmt == "txt_ts":
            path = write_txt_ts(doc, header, turns)
        elif fmt == "vtt":
            path = write_vtt(doc, header, turns)
        elif fmt == "srt":
            path = write_srt(doc, header, turns)
        else:
            raise SystemExit(fmt)
        for k, (spk, body, orient) in enumerate(turns, 1):
            if spk == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc, k, orient))
        ids = identifiers(doc, header, turns)
        warns += unmarked_warnings(doc, header, turns, ids)
        for txt, typ in ids.items():
            ident_rows.append((doc, txt, typ))
        nw = sum(words(b) for _, b, _ in turns)
        nr = sum(1 for s, _, _ in turns if s == "R")
        rw = sum(words(b) for s, b, _ in turns if s == "R")
        oc = {o: sum(1 for s, _, x in turns if s == "R" and x == o) for o in ("casus", "netwerk", "-")}
        stats.append((doc, path.name, nw, nr, round(rw / nr), len(ids), oc))
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc, (style, why) in STYLES.items():
            w.writerow([doc, style, why])
    for s in stats:
        print("{} {:12s} words={} resp_turns={} avg_resp_words={} identifiers={} orient={}".format(*s))
    for w_ in warns:
        print("WARN", w_)


if __name__ == "__main__":
    main()
