#!/usr/bin/env python3
"""Build the transcripts and the three label files of blind set 'setlx' from the annotated sources.

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines.
  H: header line          I: interviewer turn          R: respondent turn ... {casus|netwerk|-}
Identifiers are written inline as [[text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py
"""
import csv
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TRANS = OUT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

DOCS = {
    "lx01": dict(fmt="docx", bold=True, labels=("Interviewer", "Henk S."), label_ids=["Henk S."],
                 style="netwerkgericht",
                 rationale="Tells warm detail about one boy but leaves the daily contact to the youth worker and puts his own effort and trust into school-board agreements, a GGZ priority route, partner relations and sibling patterns across his caseload."),
    "lx02": dict(fmt="txt", enc="cp1252", nl="\r\n", labels=("I", "R"), label_ids=[],
                 style="casusgericht",
                 rationale="Names many partners and meetings, but each is used for one mother's own plan; she builds trust with the mother herself and explicitly declines the structural working group."),
    "lx03": dict(fmt="vtt", labels=("Interviewer", "Soraya"), label_ids=["Soraya"],
                 style="onbepaald",
                 rationale="Genuinely mixed: she invests about equally in close personal contact and plans with two brothers and in building a street table, a probation agreement, a consent form and an urgent-relocation agreement, without ever saying so."),
    "lx04": dict(fmt="srt", nl="\r\n", labels=("Interviewer", "Erik"), label_ids=["Erik"],
                 style="netwerkgericht",
                 rationale="Terse police youth officer who hands family contact to the wijkteam and invests in the youth table, 48-hour and school-notification agreements, escalation lines and partner trust."),
    "lx05": dict(fmt="txt", enc="utf-8", nl="\n", labels=("Spreker 1", "Spreker 2"), label_ids=[], stamps=True,
                 style="netwerkgericht",
                 rationale="Child-protection investigator who does one case warmly but spends her negotiated extra time on consultation hours, handover agreements, pattern analysis across families and trust between teamleaders."),
    "lx06": dict(fmt="docx", bold=False, labels=("Interviewer", "Respondent"), label_ids=[],
                 style="casusgericht",
                 rationale="Angry process director who uses the Veiligheidshuis table and every partner as tools for one family, invests his trust in the mother and sons, and refuses the chain-steering group."),
}


def parse_src(path):
    header, turns = [], []
    for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        para = " ".join(line.strip() for line in para.splitlines())
        tag, _, body = para.partition(": ")
        if tag == "H":
            header.append(body)
        elif tag in ("I", "R"):
            orient = None
            if tag == "R":
                m = ORIENT.search(body)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without orientation tag: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif ORIENT.search(body):
                sys.exit(f"{path.name}: interviewer paragraph with orientation tag")
            turns.append((tag, body.strip(), orient))
        else:
            sys.exit(f"{path.name}: bad paragraph tag {tag!r}")
    return header, turns


def plain(text):
    return ANN.sub(lambda m: m.group(1), text)


def ids_of(text):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(text)]


def chunks(annotated, max_words=16):
    """Split a turn into subtitle-sized pieces at sentence boundaries, never inside an identifier."""
    holders = []

    def hold(m):
        holders.append(m.group(1))
        return f"\x00{len(holders) - 1}\x00"

    protected = ANN.sub(hold, annotated)
    sentences = re.split(r"(?<=[.?!])\s+", protected)
    out, cur = [], []
    for s in sentences:
        n = len(s.split())
        if cur and sum(len(x.split()) for x in cur) + n > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    restore = lambda t: re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], t)
    return [restore(c) for c in out]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels):
    """Yield (start, end, speaker_label, text) cues with a speaking rate of about 2.6 words a second."""
    t = 3.2
    for tag, body, _ in turns:
        who = labels[0] if tag == "I" else labels[1]
        for piece in chunks(body):
            words = len(plain(piece).split())
            dur = max(1.2, words / 2.6)
            yield t, t + dur, who, plain(piece)
            t += dur + 0.25
        t += 0.9


def build_docx(cfg, header, turns, path):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        d.add_paragraph()
    for tag, body, _ in turns:
        label = cfg["labels"][0] if tag == "I" else cfg["labels"][1]
        p = d.add_paragraph()
        if cfg["bold"]:
            p.add_run(label + ":").bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{label}: {plain(body)}")
    d.core_properties.author = "transcriptie"
    d.core_properties.title = ""
    d.save(path)


def build_txt(cfg, header, turns, path):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    if cfg.get("stamps"):
        t = 4.0
        for tag, body, _ in turns:
            label = cfg["labels"][0] if tag == "I" else cfg["labels"][1]
            s = int(t)
            lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {label}: {plain(body)}")
            t += len(plain(body).split()) / 2.5 + 1.5
    else:
        for i, (tag, body, _) in enumerate(turns):
            label = cfg["labels"][0] if tag == "I" else cfg["labels"][1]
            lines.append(f"{label}: {plain(body)}")
            lines.append("")
    text = cfg["nl"].join(lines).rstrip() + cfg["nl"]
    path.write_bytes(text.encode(cfg["enc"]))


def build_vtt(cfg, header, turns, path):
    out = ["WEBVTT", ""]
    if header:
        out += ["NOTE"] + [plain(h) for h in header] + [""]
    for start, end, who, text in timed_cues(turns, cfg["labels"]):
        out += [f"{ts(start)} --> {ts(end)}", f"<v {who}>{text}", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def build_srt(cfg, header, turns, path):
    if header:
        sys.exit("srt has no header")
    out = []
    for n, (start, end, who, text) in enumerate(timed_cues(turns, cfg["labels"]), 1):
        out += [str(n), f"{ts(start, ',')} --> {ts(end, ',')}", f"{who}: {text}", ""]
    path.write_bytes(cfg["nl"].join(out).encode("utf-8"))


def main():
    TRANS.mkdir(exist_ok=True)
    for old in TRANS.iterdir():
        old.unlink()
    style_rows, orient_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(SRC / f"{doc_id}.txt")
        for i, (tag, _, _) in enumerate(turns):
            if tag != ("I" if i % 2 == 0 else "R"):
                sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
        ext = {"docx": "docx", "txt": "txt", "vtt": "vtt", "srt": "srt"}[cfg["fmt"]]
        path = TRANS / f"{doc_id}.{ext}"
        {"docx": build_docx, "txt": build_txt, "vtt": build_vtt, "srt": build_srt}[cfg["fmt"]](cfg, header, turns, path)

        style_rows.append((doc_id, cfg["style"], cfg["rationale"]))
        for i, (tag, _, orient) in enumerate(turns, 1):
            if tag == "R" and orient in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, orient))
        seen = {}
        for lab in cfg["label_ids"]:
            seen.setdefault(lab, "PERSOON")
        for text in header + [b for _, b, _ in turns]:
            for s, typ in ids_of(text):
                if typ not in TYPES:
                    sys.exit(f"{doc_id}: bad type {typ}")
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc_id}: {s!r} typed both {seen[s]} and {typ}")
                seen.setdefault(s, typ)
        id_rows += [(doc_id, s, typ) for s, typ in seen.items()]

        # warn about unannotated occurrences of annotated strings (outside [[...]])
        stripped = " ".join(ANN.sub(" ", x) for x in header + [b for _, b, _ in turns])
        for s in seen:
            if s not in cfg["label_ids"] and re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", stripped):
                print(f"note {doc_id}: unannotated occurrence of {s!r}")

    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows, key=lambda r: (r[0], r[1])))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print(f"built {len(DOCS)} transcripts, {len(orient_rows)} orientation rows, {len(id_rows)} identifier rows")


if __name__ == "__main__":
    main()
