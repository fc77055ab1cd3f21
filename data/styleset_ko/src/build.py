"""Build the setKO transcripts and label files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc>.src): paragraphs separated by blank lines, each one turn or header line:
  H: header line   I: interviewer turn   R: respondent turn ... {casus|netwerk|-}
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

DOCS = {
    "ko01": dict(fmt="docx", bold=True, ilabel="Interviewer", rlabel="Marjan", label_pii=["Marjan"]),
    "ko02": dict(fmt="txt", enc="cp1252", eol="\r\n", ilabel="I", rlabel="R", label_pii=[]),
    "ko03": dict(fmt="vtt", ilabel="Interviewer", rlabel="Henk Wolters", label_pii=["Henk Wolters"]),
    "ko04": dict(fmt="srt", eol="\r\n", ilabel="Interviewer", rlabel="Esther", label_pii=["Esther"]),
    "ko05": dict(fmt="tstxt", enc="utf-8", eol="\n", ilabel="Spreker 1", rlabel="Spreker 2", label_pii=[]),
    "ko06": dict(fmt="docx", bold=False, ilabel="Interviewer", rlabel="Fleur", label_pii=["Fleur"]),
}

STYLES = {
    "ko01": ("casusgericht",
             "The OGGz nurse names many partners and meetings, but each is enlisted for Johan's own plan and she explicitly leaves protocols and stuurgroep work to her team leader."),
    "ko02": ("netwerkgericht",
             "The procesregisseur deliberately avoids client contact and invests in protocols, quarterly partner lunches, an escalation ladder, a bottleneck list and agreements with corporations and churches."),
    "ko03": ("casusgericht",
             "The fire-safety officer joined the case meeting for one address, visits the hoarder himself every few weeks and refuses the regional protocol working group."),
    "ko04": ("netwerkgericht",
             "The housing consultant tells warm stories about Riek but handed daily contact to the social team and deacon and spends her hours on the nuisance table, cross-corporation and church agreements and internal policy."),
    "ko05": ("netwerkgericht",
             "The cynical veteran leaves client trust to nurses and invests in directors, doorzetters, a bottleneck list in the stuurgroep and regional agreements, doubting paper yet policing it."),
    "ko06": ("casusgericht",
             "The young social worker spends three hours a week with Bas, enlists corporation, animal inspector, GGD and mother for his plan and declines the municipal working group."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}


def parse_src(doc):
    text = open(os.path.join(HERE, doc + ".src"), encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
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
                    sys.exit(f"{doc}: respondent paragraph without tag: {body[:60]}")
                tag = m.group(1)
                body = body[: m.start()]
            elif TAG_RE.search(body):
                sys.exit(f"{doc}: interviewer paragraph with tag: {body[:60]}")
            turns.append((kind, body.strip(), tag))
        else:
            sys.exit(f"{doc}: bad paragraph start: {p[:40]}")
    return header, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids_in(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f"bad type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def chunks(annotated, maxw=16):
    """Split an annotated turn into cue texts without breaking identifiers."""
    # a token is a run of non-space characters and whole identifiers, so "[[X Y|T]]," stays one token
    toks = re.findall(r"(?:\[\[.+?\|[A-Z_]+\]\]|[^\s\[])+", annotated)
    cues, cur, n = [], [], 0
    for t in toks:
        cur.append(t)
        n += len(plain(t).split())
        end_sentence = plain(t)[-1:] in ".?!" or plain(t).endswith(")")
        if (n >= maxw * 0.6 and end_sentence) or n >= maxw:
            cues.append(" ".join(cur))
            cur, n = [], 0
    if cur:
        cues.append(" ".join(cur))
    return [plain(c) for c in cues]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_docx(doc, cfg, header, turns):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        r = p.add_run(label + ":")
        if cfg["bold"]:
            r.bold = True
        p.add_run(" " + plain(body))
    d.save(os.path.join(OUT, doc + ".docx"))


def build_txt(doc, cfg, header, turns):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        lines.append(f"{label}: {plain(body)}")
        lines.append("")
    data = cfg["eol"].join(lines)
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode(cfg["enc"]))


def build_tstxt(doc, cfg, header, turns):
    lines = [plain(h) for h in header] + [""]
    t = 4.0
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        h, m, s = int(t // 3600), int(t % 3600 // 60), int(t % 60)
        lines.append(f"[{h:02d}:{m:02d}:{s:02d}] {label}: {plain(body)}")
        lines.append("")
        t += len(plain(body).split()) / 2.4 + 1.5
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(cfg["eol"].join(lines).encode(cfg["enc"]))


def cue_stream(turns, cfg):
    t = 2.0
    for kind, body, _ in turns:
        label = cfg["ilabel"] if kind == "I" else cfg["rlabel"]
        for c in chunks(body):
            dur = max(1.2, len(c.split()) / 2.6)
            yield label, t, t + dur, c
            t += dur + 0.25
        t += 0.8


def build_vtt(doc, cfg, header, turns):
    out = ["WEBVTT", "", "NOTE"] + [plain(h) for h in header] + [""]
    for label, a, b, c in cue_stream(turns, cfg):
        out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label}>{c}", ""]
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def build_srt(doc, cfg, header, turns):
    out = []
    for i, (label, a, b, c) in enumerate(cue_stream(turns, cfg), 1):
        out += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {c}", ""]
    with open(os.path.join(OUT, doc + ".srt"), "wb") as f:
        f.write(cfg["eol"].join(out).encode("utf-8"))


BUILDERS = {"docx": build_docx, "txt": build_txt, "tstxt": build_tstxt, "vtt": build_vtt, "srt": build_srt}


def warn_unannotated(doc, header, turns, idset):
    """Report identifier strings that also occur outside an annotation."""
    rest = " ".join(ID_RE.sub(" ", x) for x in header + [b for _, b, _ in turns])
    for s, _ in idset:
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest):
            print(f"WARNING {doc}: '{s}' also occurs unannotated")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, id_rows = [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        BUILDERS[cfg["fmt"]](doc, cfg, header, turns)
        seen = {}
        for s, t in [(x, "PERSOON") for x in cfg["label_pii"]] + [i for x in header for i in ids_in(x)] + [
            i for _, b, _ in turns for i in ids_in(b)
        ]:
            if s in seen and seen[s] != t:
                sys.exit(f"{doc}: '{s}' has two types")
            seen.setdefault(s, t)
        warn_unannotated(doc, header, turns, seen.items())
        for s, t in seen.items():
            id_rows.append((doc, s, t))
        for idx, (kind, _, tag) in enumerate(turns, 1):
            if kind == "R" and tag in ("casus", "netwerk"):
                orient_rows.append((doc, idx, tag))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    print("built", ", ".join(sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
