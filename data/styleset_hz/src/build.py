"""Build the transcripts and the three label files of set HZ from the annotated sources.

Source format (src/hzNN.txt): one paragraph per line (blank lines ignored),
  H: header line      I: interviewer turn      R: respondent turn ... {casus|netwerk|-}
identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "hz01": dict(fmt="txt", enc="cp1252", nl="\r\n", ilab="I", rlab="R", names=[],
                 style="netwerkgericht",
                 rationale="Terse police coordinator who leaves client contact to the wijkagent and the Veilig Thuis casusregisseur and puts his own effort into agreements, a weekly spoedmoment, an escalation route and patterns across cases."),
    "hz02": dict(fmt="docx", bold=True, ilab="Lotte", rlab="Anouk", names=["Lotte", "Anouk"],
                 style="casusgericht",
                 rationale="Veilig Thuis casusregisseur who names many partners and the hoog-risico overleg, but uses all of them as means for one mother's safety plan, invests in her trust and declines the regional protocol work group."),
    "hz03": dict(fmt="vtt", ilab="Sanne", rlab="Erik Jonkers", names=["Sanne", "Erik Jonkers"],
                 style="onbepaald",
                 rationale="Genuinely mixed (and says so): he keeps personal contact with a stalker and builds his plan while equally building the regional hoog-risico table, a GGZ signalling agreement and an escalation route."),
    "hz04": dict(fmt="srt", nl="\r\n", ilab="Marloes", rlab="Hennie", names=["Marloes", "Hennie"],
                 style="casusgericht",
                 rationale="Terse reclassering worker whose effort and trust go into one client and the partners around his plan, while she sends others to the work groups and passes structural issues up without following them."),
    "hz05": dict(fmt="txtts", enc="utf-8", nl="\n", ilab="Spreker 1", rlab="Spreker 2", names=[],
                 style="netwerkgericht",
                 rationale="Municipal ketenregisseur who tells warm, detailed client stories but explicitly hands daily contact to the wijkteam and invests in OM bundling, housing agreements, exchanges and a regional work agenda."),
    "hz06": dict(fmt="docx", bold=False, ilab="Interviewer", rlab="Respondent", names=[],
                 style="onbepaald",
                 rationale="Genuinely mixed (never says so): the jeugdbeschermer invests as much in weekly trust work with one mother and her children as in a regional regie agreement with Veilig Thuis, agenda items for the regiegroep and a wijkagent list."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    header, turns = [], []
    for n, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        kind, sep, text = line.partition(": ")
        if not sep or kind not in ("H", "I", "R"):
            sys.exit(f"{path.name}:{n}: bad paragraph")
        tag = None
        if kind == "R":
            m = TAG_RE.search(text)
            if not m:
                sys.exit(f"{path.name}:{n}: respondent paragraph without tag")
            tag, text = m.group(1), text[:m.start()]
        elif TAG_RE.search(text):
            sys.exit(f"{path.name}:{n}: tag on a non-respondent paragraph")
        if kind == "H":
            if turns:
                sys.exit(f"{path.name}:{n}: header after turns")
            header.append(text)
        else:
            turns.append((kind, text, tag))
    for i, (k, _, _) in enumerate(turns):
        if k != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return header, turns


def plain_with_spans(annot):
    out, spans, pos = [], [], 0
    for m in ID_RE.finditer(annot):
        out.append(annot[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    out.append(annot[pos:])
    return "".join(out), spans


def plain(annot):
    return plain_with_spans(annot)[0]


def words(text):
    return len([t for t in text.split() if re.search(r"\w", t)])


def cue_chunks(annot, lo=12, hi=24):
    """Split a turn into cue texts at sentence ends, never inside an identifier."""
    text, spans = plain_with_spans(annot)
    cuts = []
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"“(ÉÖ])", text):
        if not any(a < m.start() < b for a, b in spans):
            cuts.append((m.start(), m.end()))
    sents, pos = [], 0
    for a, b in cuts:
        sents.append(text[pos:a])
        pos = b
    sents.append(text[pos:])
    chunks, cur = [], ""
    for s in sents:
        if cur and words(cur) >= lo and words(cur) + words(s) > hi:
            chunks.append(cur)
            cur = s
        else:
            cur = f"{cur} {s}" if cur else s
    if cur:
        chunks.append(cur)
    return chunks


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, start=2.4):
    """Yield (speaker_kind, index_in_turn, text, t0, t1) for all cues."""
    t = start
    for kind, annot, _ in turns:
        for j, chunk in enumerate(cue_chunks(annot)):
            dur = max(1.4, words(chunk) / 2.3)
            yield kind, j, chunk, t, t + dur
            t += dur + 0.35
        t += 0.9


def build_txt(doc, cfg, header, turns):
    lines = [plain(h) for h in header]
    if lines:
        lines.append("")
    lab = {"I": cfg["ilab"], "R": cfg["rlab"]}
    for kind, annot, _ in turns:
        lines.append(f"{lab[kind]}: {plain(annot)}")
        lines.append("")
    data = cfg["nl"].join(lines).encode(cfg["enc"])
    (OUT / f"{doc}.txt").write_bytes(data)


def build_txtts(doc, cfg, header, turns):
    lines = [plain(h) for h in header] + [""]
    lab = {"I": cfg["ilab"], "R": cfg["rlab"]}
    # turn start times follow the same timing model as the cue formats
    t = 2.4
    for kind, annot, _ in turns:
        stamp = ts(t, ",")[:8]
        lines.append(f"[{stamp}] {lab[kind]}: {plain(annot)}")
        lines.append("")
        for chunk in cue_chunks(annot):
            t += max(1.4, words(chunk) / 2.3) + 0.35
        t += 0.9
    (OUT / f"{doc}.txt").write_bytes(cfg["nl"].join(lines).encode(cfg["enc"]))


def build_docx(doc, cfg, header, turns):
    d = Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    lab = {"I": cfg["ilab"], "R": cfg["rlab"]}
    for kind, annot, _ in turns:
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(f"{lab[kind]}:")
            r.bold = True
            p.add_run(" " + plain(annot))
        else:
            p.add_run(f"{lab[kind]}: {plain(annot)}")
    d.save(OUT / f"{doc}.docx")


def build_vtt(doc, cfg, header, turns):
    lab = {"I": cfg["ilab"], "R": cfg["rlab"]}
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h) for h in header]
        out.append("")
    for n, (kind, j, chunk, t0, t1) in enumerate(timed_cues(turns), 1):
        out.append(str(n))
        out.append(f"{ts(t0, '.')} --> {ts(t1, '.')}")
        out.append(f"<v {lab[kind]}>{chunk}</v>")
        out.append("")
    (OUT / f"{doc}.vtt").write_bytes("\n".join(out).encode("utf-8"))


def build_srt(doc, cfg, header, turns):
    lab = {"I": cfg["ilab"], "R": cfg["rlab"]}
    out = []
    for n, (kind, j, chunk, t0, t1) in enumerate(timed_cues(turns), 1):
        out.append(str(n))
        out.append(f"{ts(t0, ',')} --> {ts(t1, ',')}")
        out.append(f"{lab[kind]}: {chunk}" if j == 0 else chunk)
        out.append("")
    (OUT / f"{doc}.srt").write_bytes(cfg["nl"].join(out).encode("utf-8"))


BUILDERS = {"txt": build_txt, "txtts": build_txtts, "docx": build_docx,
            "vtt": build_vtt, "srt": build_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    style_rows, orient_rows, ident_rows = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(SRC / f"{doc}.txt")
        BUILDERS[cfg["fmt"]](doc, cfg, header, turns)
        style_rows.append((doc, cfg["style"], cfg["rationale"]))
        for i, (kind, _, tag) in enumerate(turns, 1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc, i, tag))
        seen = {}
        for name in cfg["names"]:
            seen.setdefault(name, "PERSOON")
        for para in header + [a for _, a, _ in turns]:
            for text, typ in ID_RE.findall(para):
                if typ not in TYPES:
                    sys.exit(f"{doc}: unknown type {typ}")
                if seen.setdefault(text, typ) != typ:
                    sys.exit(f"{doc}: {text!r} has two types")
        ident_rows += [(doc, t, ty) for t, ty in seen.items()]
        nw = sum(words(plain(a)) for _, a, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        tags = [t for k, _, t in turns if k == "R"]
        print(f"{doc}: {cfg['fmt']:5} words={nw} resp_turns={nr} ids={len(seen)} "
              f"casus={tags.count('casus')} netwerk={tags.count('netwerk')} none={tags.count('-')}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)


if __name__ == "__main__":
    main()
