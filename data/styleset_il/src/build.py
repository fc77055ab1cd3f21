"""Build setIL transcripts and label files from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Source format (one paragraph per turn, blank line between paragraphs):
  H: header line          (metadata, not a turn)
  I: interviewer turn
  R: respondent turn {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].
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

# format, interviewer label, respondent label, whether the labels are identifiers
CONFIG = {
    "il01": dict(fmt="vtt", I="Marloes Aarts", R="Jos Hendrikx", label_ids=True),
    "il02": dict(fmt="docx_bold", I="Interviewer", R="Respondent", label_ids=False),
    "il03": dict(fmt="txt_cp1252", I="I", R="R", label_ids=False),
    "il04": dict(fmt="srt", I="Sanne de Laat", R="Ad Mutsaers", label_ids=True),
    "il05": dict(fmt="txt_ts", I="Spreker 1", R="Spreker 2", label_ids=False),
    "il06": dict(fmt="docx_plain", I="Joyce", R="Roel", label_ids=True),
}

STYLES = {
    "il01": ("netwerkgericht",
             "Ex-wijkagent who knows and likes the man he describes but deliberately leaves the contact to the wijkagent and FACT-team and puts his own effort into a cross-case protocol, a privacy card, escalation and relations with crisis service, police and corporation."),
    "il02": ("casusgericht",
             "Former gemeente official who talks at length and reflectively about nazorg procedures and many partners, but uses all of it to carry one released man's own goal (seeing his daughter) and explicitly declines structural work."),
    "il03": ("netwerkgericht",
             "Former GGZ crisis team leader who hands the young man's contact to the youth worker and therapist and invests in the work agreement, the psychiatrist consultation line, mutual training and trust between GGZ, police and the mayor."),
    "il04": ("onbepaald",
             "Too little evidence: a guarded ex-police regisseur who only paraphrases the work process and refuses examples, so it never shows where his own effort or trust goes."),
    "il05": ("casusgericht",
             "Former FACT worker who names many partners and meetings but treats them all as tools for one client's plan, keeps personal contact and trust with him, and hands the structural working group to a colleague."),
    "il06": ("netwerkgericht",
             "Former municipal policy adviser who uses a failed release only as the trigger for agreements with seven burgerzaken departments, prisons, debt services and the steering group, leaving daily contact to the wijkteam."),
}

ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def parse_src(doc):
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, _, text = p.partition(": ")
        if kind == "H":
            if turns:
                sys.exit(f"{doc}: header after turns")
            header.append(text)
        elif kind in ("I", "R"):
            ori = None
            if kind == "R":
                m = ORI_RE.search(text)
                if not m:
                    sys.exit(f"{doc}: respondent paragraph without orientation: {text[:60]}")
                ori = m.group(1)
                text = text[:m.start()]
            else:
                if ORI_RE.search(text):
                    sys.exit(f"{doc}: interviewer paragraph with orientation")
            expect = "I" if len(turns) % 2 == 0 else "R"
            if kind != expect:
                sys.exit(f"{doc}: turn {len(turns)+1} should be {expect}")
            turns.append((kind, text.strip(), ori))
        else:
            sys.exit(f"{doc}: bad paragraph {p[:40]}")
    return header, turns


def split_sentences(annot):
    """Split annotated text into sentences, never inside [[...]]."""
    out, buf, i, depth = [], "", 0, 0
    while i < len(annot):
        if annot.startswith("[[", i):
            depth += 1
            buf += "[["
            i += 2
            continue
        if annot.startswith("]]", i):
            depth -= 1
            buf += "]]"
            i += 2
            continue
        ch = annot[i]
        buf += ch
        i += 1
        if depth == 0 and ch in ".?!)" and i < len(annot) and annot[i] == " ":
            # keep "(lacht)" style and quotes attached; split after sentence end
            prev = buf.rstrip()
            if ch == ")" and not prev.endswith(("lacht)", "stilte)", "zucht)", "lacht kort)")):
                continue
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def cues_for(annot, max_words=20):
    sents = split_sentences(annot)
    cues, cur = [], []
    for s in sents:
        n = len(plain(s).split())
        if cur and sum(len(plain(c).split()) for c in cur) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return [plain(c) for c in cues]


class Clock:
    def __init__(self, start=3.2):
        self.t = start

    def span(self, text, pause=0.4):
        dur = max(1.2, len(text.split()) * 0.36)
        a = self.t
        b = a + dur
        self.t = b + pause
        return a, b


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_vtt(doc, cfg, header, turns):
    lines = ["WEBVTT", "", "NOTE"]
    lines += [plain(h) for h in header]
    lines.append("")
    clock = Clock()
    for kind, text, _ in turns:
        name = cfg[kind]
        for c in cues_for(text, 18):
            a, b = clock.span(c)
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {name}>{c}", ""]
        clock.t += 0.8
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_srt(doc, cfg, header, turns):
    assert not header
    lines, n = [], 0
    clock = Clock(1.5)
    for kind, text, _ in turns:
        name = cfg[kind]
        for j, c in enumerate(cues_for(text, 16)):
            n += 1
            a, b = clock.span(c, 0.25)
            body = f"{name}: {c}" if j == 0 else c
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", body, ""]
        clock.t += 1.0
    with open(os.path.join(OUT, doc + ".srt"), "w", encoding="utf-8", newline="\r\n") as f:
        f.write("\n".join(lines))


def build_txt_cp1252(doc, cfg, header, turns):
    lines = [plain(h) for h in header] + [""]
    for kind, text, _ in turns:
        lines += [f"{cfg[kind]}: {plain(text)}", ""]
    data = "\r\n".join(lines).encode("cp1252")  # strict: fails on unencodable chars
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data)


def build_txt_ts(doc, cfg, header, turns):
    lines = [plain(h) for h in header] + [""]
    clock = Clock(4.0)
    for kind, text, _ in turns:
        p = plain(text)
        a, _ = clock.span(p, 1.3)
        lines.append(f"[{ts(a, '.')[:8]}] {cfg[kind]}: {p}")
        lines.append("")
    with open(os.path.join(OUT, doc + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_docx(doc, cfg, header, turns, bold):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = bold
    d.add_paragraph("")
    for kind, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{cfg[kind]}:")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{cfg[kind]}: {plain(text)}")
    d.save(os.path.join(OUT, doc + ".docx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ori_rows, id_rows = [], []
    for doc, cfg in CONFIG.items():
        header, turns = parse_src(doc)
        fmt = cfg["fmt"]
        if fmt == "vtt":
            build_vtt(doc, cfg, header, turns)
        elif fmt == "srt":
            build_srt(doc, cfg, header, turns)
        elif fmt == "txt_cp1252":
            build_txt_cp1252(doc, cfg, header, turns)
        elif fmt == "txt_ts":
            build_txt_ts(doc, cfg, header, turns)
        elif fmt == "docx_bold":
            build_docx(doc, cfg, header, turns, True)
        elif fmt == "docx_plain":
            build_docx(doc, cfg, header, turns, False)
        # orientation
        for idx, (kind, text, ori) in enumerate(turns, start=1):
            if kind == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc, idx, ori))
        # identifiers (verbatim, one row per distinct string)
        seen = {}
        if cfg["label_ids"]:
            seen[cfg["I"]] = "PERSOON"
            seen[cfg["R"]] = "PERSOON"
        all_annot = header + [t for _, t, _ in turns]
        for a in all_annot:
            for m in ID_RE.finditer(a):
                s, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc}: {s} has two types")
                seen[s] = typ
        for s, typ in seen.items():
            id_rows.append((doc, s, typ))
        # warn about unmarked occurrences of identifier strings in turn/header text
        for s in seen:
            if s in (cfg["I"], cfg["R"]) and cfg["label_ids"] and not any(
                    f"[[{s}|" in a for a in all_annot):
                continue
            pat = re.compile(r"(?<![\w\-])" + re.escape(s) + r"(?![\w])")
            for a in all_annot:
                stripped = ID_RE.sub(" ", a)
                if pat.search(stripped):
                    print(f"WARN {doc}: unmarked occurrence of {s!r}")
                    break
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(ori_rows):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc in CONFIG:
            w.writerow([doc, *STYLES[doc]])
    print("built", len(CONFIG), "documents;", len(ori_rows), "orientation rows;",
          len(id_rows), "identifier rows")


if __name__ == "__main__":
    main()
