"""Build the setLC transcripts and csv files from the annotated sources in src/.

Source format (one paragraph per turn, paragraphs separated by blank lines):
  H: header line          (not a turn; omitted for formats without a header)
  I: interviewer turn
  R: respondent turn {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import random
import re
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "lc01": dict(fmt="docx_bold", labels={"I": "Interviewer", "R": "Kasia"},
                 person_labels=["Kasia"]),
    "lc02": dict(fmt="vtt", labels={"I": "Maarten Bos", "R": "Jolanda Verstappen"},
                 person_labels=["Maarten Bos", "Jolanda Verstappen"], start=3.2),
    "lc03": dict(fmt="docx_plain", labels={"I": "I", "R": "R"}, person_labels=[]),
    "lc04": dict(fmt="srt", labels={"I": "Marloes", "R": "Hans"},
                 person_labels=["Marloes", "Hans"], start=1.8),
    "lc05": dict(fmt="txt", labels={"I": "I", "R": "R"}, person_labels=[],
                 encoding="cp1252", newline="\r\n"),
    "lc06": dict(fmt="spreker", labels={"I": "Spreker 1", "R": "Spreker 2"},
                 person_labels=[], encoding="utf-8", newline="\n", start=4.0),
}

STYLES = {
    "lc01": ("casusgericht",
             "Polish-Dutch ZVH case director who names many partners and organises an MDO, but every "
             "contact serves Ewa's own plan, she invests personally in Ewa's trust and turns down the "
             "municipal working group."),
    "lc02": ("netwerkgericht",
             "Labour inspector who tells a warm story about one exploited worker but leaves his "
             "guidance to others and puts her own effort into a signal agreement, a six-weekly "
             "table and escalation between organisations."),
    "lc03": ("onbepaald",
             "Too little evidence: a guarded probation officer who answers in procedures and "
             "generalities and never shows where her own effort or trust goes."),
    "lc04": ("netwerkgericht",
             "Veilig Thuis officer who turns a pattern of failed shelter placements into a regional "
             "five-night arrangement and agreements with agencies, and leaves the client contact "
             "to colleagues."),
    "lc05": ("casusgericht",
             "Venray wijkteam worker who builds the plan around one Romanian mother's own wishes, "
             "steers partners towards it and leaves the structural signals to others."),
    "lc06": ("netwerkgericht",
             "Horst aan de Maas municipal director who maps incidents to a few owners and invests in "
             "internal alignment, owner talks and a reporting agreement, and hands the victim to "
             "the wijkteam."),
}

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        tag, text = p[:2], p[3:]
        if tag == "H:":
            header.append(text)
        elif tag in ("I:", "R:"):
            ori = None
            if tag == "R:":
                m = ORI.search(text)
                if not m:
                    raise SystemExit(f"{path.name}: respondent turn without orientation: {text[:60]}")
                ori, text = m.group(1), text[:m.start()]
            elif ORI.search(text):
                raise SystemExit(f"{path.name}: orientation on interviewer turn")
            turns.append((tag[0], text.strip(), ori))
        else:
            raise SystemExit(f"{path.name}: bad paragraph {p[:40]}")
    for i, (spk, _, _) in enumerate(turns):
        if spk != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path.name}: turns do not alternate at {i + 1}")
    return header, turns


def plain(text):
    return ANN.sub(lambda m: m.group(1), text)


def ids_of(text):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(text)]


# ---------- cue splitting for subtitle formats ----------

def protect(text):
    store = []

    def rep(m):
        store.append(m.group(1))
        return f"\x00{len(store) - 1}\x00"
    return ANN.sub(rep, text), store


def restore(text, store):
    return re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], text)


def cues_of(text, maxw=16):
    """Split a turn into cues at sentence ends, never inside an identifier.
    Returns a list of cues, each a list of words (an identifier is one word)."""
    prot, store = protect(text)
    sents = re.split(r"(?<=[.!?…])\s+(?=[\"'(‘A-ZÀ-Ýa-z])", prot)
    cues, cur = [], []
    for s in sents:
        words = [restore(w, store) for w in s.split()]
        if len(words) > maxw + 6:
            if cur:
                cues.append(cur)
                cur = []
            chunk = []
            for w in words:
                chunk.append(w)
                if (len(chunk) >= maxw * 0.6 and w.endswith(",")) or len(chunk) >= maxw:
                    cues.append(chunk)
                    chunk = []
            if chunk:
                if len(chunk) < 4 and cues:
                    cues[-1] = cues[-1] + chunk
                else:
                    cur = chunk
            continue
        if cur and len(cur) + len(words) > maxw:
            cues.append(cur)
            cur = []
        cur = cur + words
    if cur:
        cues.append(cur)
    return [c for c in cues if c]


def wrap2(words, width=42):
    """Wrap a cue (list of words, identifiers kept whole) in at most two lines."""
    line = " ".join(words)
    if len(line) <= width or len(words) < 2:
        return [line]
    best, best_d = 1, None
    for i in range(1, len(words)):
        d = abs(len(" ".join(words[:i])) - len(line) / 2)
        if best_d is None or d < best_d:
            best, best_d = i, d
    return [" ".join(words[:best]), " ".join(words[best:])]


def ts(sec, sep):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = sec % 60
    return f"{h:02d}:{m:02d}:{int(s):02d}{sep}{int(round((s - int(s)) * 1000)) % 1000:03d}"


# ---------- writers ----------

def write_docx(doc_id, cfg, header, turns):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if cfg["fmt"] == "docx_bold":
            r.italic = True
    if header:
        d.add_paragraph("")
    for spk, text, _ in turns:
        p = d.add_paragraph()
        lab = cfg["labels"][spk] + ":"
        if cfg["fmt"] == "docx_bold":
            r = p.add_run(lab)
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(lab + " " + plain(text))
    d.core_properties.author = "transcriptie"
    d.save(OUT / f"{doc_id}.docx")


def write_txt(doc_id, cfg, header, turns):
    nl = cfg.get("newline", "\n")
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for spk, text, _ in turns:
        lines.append(f"{cfg['labels'][spk]}: {plain(text)}")
        lines.append("")
    data = nl.join(lines)
    (OUT / f"{doc_id}.txt").write_bytes(data.encode(cfg.get("encoding", "utf-8")))


def write_spreker(doc_id, cfg, header, turns):
    rnd = random.Random(doc_id)
    nl = cfg.get("newline", "\n")
    lines = [plain(h) for h in header] + [""]
    t = cfg.get("start", 2.0)
    for spk, text, _ in turns:
        lines.append(f"[{ts(t, ',')[:8]}] {cfg['labels'][spk]}: {plain(text)}")
        lines.append("")
        t += len(plain(text).split()) * rnd.uniform(0.36, 0.44) + rnd.uniform(0.6, 2.2)
    (OUT / f"{doc_id}.txt").write_bytes(nl.join(lines).encode(cfg.get("encoding", "utf-8")))


def subtitle_cues(doc_id, cfg, turns):
    rnd = random.Random(doc_id)
    t = cfg.get("start", 2.0)
    out = []
    for spk, text, _ in turns:
        for c in cues_of(text):
            dur = max(1.2, len(" ".join(c).split()) * rnd.uniform(0.34, 0.42))
            out.append((t, t + dur, cfg["labels"][spk], c))
            t += dur + rnd.uniform(0.05, 0.35)
        t += rnd.uniform(0.5, 1.8)
    return out


def write_vtt(doc_id, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines += [plain(h) for h in header]
        lines.append("")
    rnd = random.Random(doc_id + "id")
    base = "%08x-%04x-%04x" % (rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(16))
    for n, (a, b, who, c) in enumerate(subtitle_cues(doc_id, cfg, turns), 1):
        lines.append(f"{base}/{n}-0")
        lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        lines.append(f"<v {who}>{' '.join(c)}</v>")
        lines.append("")
    (OUT / f"{doc_id}.vtt").write_bytes("\n".join(lines).encode("utf-8"))


def write_srt(doc_id, cfg, header, turns):
    lines = []
    for n, (a, b, who, c) in enumerate(subtitle_cues(doc_id, cfg, turns), 1):
        lines.append(str(n))
        lines.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        lines += wrap2([who + ":"] + c)
        lines.append("")
    (OUT / f"{doc_id}.srt").write_bytes("\r\n".join(lines).encode("utf-8"))


WRITERS = {"docx_bold": write_docx, "docx_plain": write_docx, "txt": write_txt,
           "spreker": write_spreker, "vtt": write_vtt, "srt": write_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    ori_rows, id_rows, stats = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(SRC / f"{doc_id}.src")
        if cfg["fmt"] == "srt":
            header = []  # srt has no place for a header
        WRITERS[cfg["fmt"]](doc_id, cfg, header, turns)
        seen = {}
        for lab in cfg["person_labels"]:
            seen.setdefault(lab, "PERSOON")
        for h in header:
            for s, ty in ids_of(h):
                if seen.setdefault(s, ty) != ty:
                    raise SystemExit(f"{doc_id}: {s} has two types")
        for i, (spk, text, ori) in enumerate(turns, 1):
            for s, ty in ids_of(text):
                if ty not in TYPES:
                    raise SystemExit(f"{doc_id}: bad type {ty}")
                if seen.setdefault(s, ty) != ty:
                    raise SystemExit(f"{doc_id}: {s} has two types")
            if ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, ori))
        for s, ty in seen.items():
            id_rows.append((doc_id, s, ty))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        nresp = sum(1 for s, _, _ in turns if s == "R")
        stats.append((doc_id, cfg["fmt"], words, nresp, len(seen)))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d, (s, r) in STYLES.items():
            w.writerow([d, s, r])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for s in stats:
        print("%s  %-10s words=%d respondent_turns=%d identifiers=%d" % s)


if __name__ == "__main__":
    main()
