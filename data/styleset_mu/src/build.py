"""Build the transcripts and csv files of set mu from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/muNN.txt): one paragraph per turn, separated by blank lines.
  H: header line        I: interviewer turn        R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# per document: output format and speaker labels (labels may contain identifier markup)
DOCS = {
    "mu01": dict(fmt="docx", bold=True, I="Interviewer", R="Respondent"),
    "mu02": dict(fmt="txt", enc="cp1252", nl="\r\n", I="I", R="R"),
    "mu03": dict(fmt="vtt", I="[[Bram Peeters|PERSOON]]", R="[[Yasmina Bouzid|PERSOON]]"),
    "mu04": dict(fmt="srt", nl="\r\n", I="[[Lieke|PERSOON]]", R="[[Hans|PERSOON]]"),
    "mu05": dict(fmt="spreker", enc="utf-8", nl="\n", I="Spreker 1", R="Spreker 2"),
    "mu06": dict(fmt="docx", bold=False, I="[[Daan|PERSOON]]", R="[[Gerard|PERSOON]]"),
}

STYLES = {
    "mu01": ("netwerkgericht",
             "Tells a warm, detailed story about one client but hands all daily contact to the reclassering and wijkteam and invests her own effort in agreements with PI, corporations, werkgevers and privacy officers, using the case as a lever for structural change."),
    "mu02": ("onbepaald",
             "Genuinely mixed: he spends about half his time picking men up at the PI gate and searching for them himself and half on structural agreements with schuldhulp, reclassering and corporations, and says himself that he sits in between."),
    "mu03": ("casusgericht",
             "Names many partners and chairs many meetings, but every contact serves one man's plan; she declines the structural working group and leaves patterns to others."),
    "mu04": ("netwerkgericht",
             "Deliberately has no client contact and invests in a release monitor, timelines, ID and responsibility agreements, escalation and a werkgeverspool across organisations."),
    "mu05": ("onbepaald",
             "Genuinely mixed: she carries a personal caseload with intensive contact and also built and runs the 18-plus transition meeting and agreements with mbo and housing, weighing both as equally important."),
    "mu06": ("netwerkgericht",
             "Emotionally engaged with clients' injustice but leaves client contact to the jobcoach and invests in werkgeverspool, VOG criteria, debt agreements and reclassering procedures."),
}


def strip(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse_src(path):
    header, turns = [], []
    paras = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
    for p in paras:
        p = " ".join(p.split())
        kind, text = p[0], p[3:]
        assert p[1:3] == ": " and kind in "HIR", (path, p[:40])
        if kind == "H":
            assert not turns, "header after turns"
            header.append(text)
            continue
        tag = None
        if kind == "R":
            m = TAG.search(text)
            assert m, (path, "missing tag", text[:60])
            tag, text = m.group(1), text[:m.start()]
        else:
            assert not TAG.search(text), (path, "tag on I turn")
        turns.append((kind, text, tag))
    for i, (kind, _, _) in enumerate(turns):
        assert kind == ("I" if i % 2 == 0 else "R"), (path, "turns do not alternate at", i + 1)
    return header, turns


def words(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


# ---------- sentence splitting for cue-based formats ----------
def sentences(marked):
    """Split marked text into sentences without breaking inside [[...]]."""
    prot = MARK.sub(lambda m: m.group(0).replace(" ", "\x01").replace(".", "\x02"), marked)
    parts = re.split(r"(?<=[.!?…)])\s+(?=[A-Z\"(À-Ý\[])", prot)
    return [p.replace("\x01", " ").replace("\x02", ".") for p in parts if p.strip()]


def cues_of(marked, maxw=28):
    cues, cur = [], []
    for s in sentences(marked):
        if cur and words(strip(" ".join(cur + [s]))) > maxw:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


class Clock:
    def __init__(self, seed):
        self.t = 2.0 + random.Random(seed).random() * 3
        self.rng = random.Random(seed)

    def span(self, text):
        start = self.t
        dur = max(1.2, words(text) * (0.36 + self.rng.random() * 0.1))
        self.t = start + dur + 0.3 + self.rng.random() * 1.6
        return start, start + dur


# ---------- writers ----------
def write_docx(doc_id, cfg, header, turns, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = cfg["bold"]
    if header:
        d.add_paragraph()
    for kind, text, _ in turns:
        p = d.add_paragraph()
        lab = strip(cfg[kind]) + ":"
        if cfg["bold"]:
            p.add_run(lab).bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(lab + " " + strip(text))
    d.save(path)


def write_txt(doc_id, cfg, header, turns, path):
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        lines.append(f"{strip(cfg[kind])}: {strip(text)}")
        lines.append("")
    path.write_bytes(cfg["nl"].join(lines).encode(cfg["enc"]))


def write_spreker(doc_id, cfg, header, turns, path):
    clk = Clock(doc_id)
    lines = [strip(h) for h in header]
    if header:
        lines.append("")
    for kind, text, _ in turns:
        start, _ = clk.span(strip(text))
        lines.append(f"[{ts(start)[:8]}] {strip(cfg[kind])}: {strip(text)}")
        lines.append("")
    path.write_bytes(cfg["nl"].join(lines).encode(cfg["enc"]))


def write_vtt(doc_id, cfg, header, turns, path):
    clk = Clock(doc_id)
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [strip(h) for h in header]
        out.append("")
    for kind, text, _ in turns:
        name = strip(cfg[kind])
        for c in cues_of(text):
            a, b = clk.span(strip(c))
            out += [f"{ts(a)} --> {ts(b)}", f"<v {name}>{strip(c)}</v>", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(doc_id, cfg, header, turns, path):
    assert not header
    clk = Clock(doc_id)
    out, n = [], 0
    for kind, text, _ in turns:
        name = strip(cfg[kind])
        for c in cues_of(text, maxw=24):
            n += 1
            a, b = clk.span(strip(c))
            out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{name}: {strip(c)}", ""]
    path.write_bytes(cfg["nl"].join(out).encode("utf-8"))


WRITERS = {"docx": (write_docx, "docx"), "txt": (write_txt, "txt"), "spreker": (write_spreker, "txt"),
           "vtt": (write_vtt, "vtt"), "srt": (write_srt, "srt")}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    ori_rows, id_rows, stats, warnings = [], [], {}, []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(HERE / f"{doc_id}.txt")
        writer, ext = WRITERS[cfg["fmt"]]
        writer(doc_id, cfg, header, turns, OUT / f"{doc_id}.{ext}")
        # identifiers: header, speaker labels (in label order of appearance), turns
        seen = {}
        segments = list(header) + [cfg["I"], cfg["R"]] + [t for _, t, _ in turns]
        for seg in segments:
            for m in MARK.finditer(seg):
                s, typ = m.group(1), m.group(2)
                assert typ in TYPES, (doc_id, typ)
                if s in seen and seen[s] != typ:
                    warnings.append(f"{doc_id}: {s!r} typed {seen[s]} and {typ}")
                seen.setdefault(s, typ)
        for s, typ in seen.items():
            id_rows.append((doc_id, s, typ))
        # consistency: no identifier string may occur unmarked
        for seg in segments:
            rest = MARK.sub("\x00", seg)
            for s in seen:
                if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest):
                    warnings.append(f"{doc_id}: unmarked occurrence of {s!r} in: {strip(seg)[:70]}")
        for i, (kind, text, tag) in enumerate(turns, start=1):
            if kind == "R" and tag != "-":
                ori_rows.append((doc_id, i, tag))
        n_words = sum(words(strip(t)) for _, t, _ in turns)
        n_resp = sum(1 for k, _, _ in turns if k == "R")
        tags = [t for k, _, t in turns if k == "R"]
        stats[doc_id] = (n_words, n_resp, len(seen), tags.count("casus"), tags.count("netwerk"), tags.count("-"))

    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])

    print("doc   words  resp_turns  identifiers  casus netwerk -")
    for d, (nw, nr, ni, c, n, x) in stats.items():
        print(f"{d}  {nw:6d}  {nr:10d}  {ni:11d}  {c:5d} {n:7d} {x}")
    for w_ in warnings:
        print("WARNING:", w_)
    return 1 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
