"""Build transcripts and csv files for blind set Z from the annotated sources in this folder.

Source format (src/<id>.txt, UTF-8):
  - lines starting with '@' are header lines (text after '@ ' is kept as a file header);
  - every other non-empty line is one speaker turn: 'I: ...' (interviewer) or 'R: ...' (respondent);
  - identifiers are marked inline as {{surface|TYPE}};
  - each respondent turn ends with '##casus', '##netwerk' or '##none' (orientation mark).
Run with a python that has python-docx (only needed for the .docx document).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

IDENT = re.compile(r"\{\{([^|{}]+)\|([A-Z_]+)\}\}")
MARK = re.compile(r"\s*##(casus|netwerk|none)\s*$")

# format and speaker labels per document
DOCS = {
    "bz01": {"fmt": "srt", "I": "Interviewer", "R": "Hanneke"},
    "bz02": {"fmt": "docx", "I": "Interviewer", "R": "Orlando Pinas"},
    "bz03": {"fmt": "txt", "enc": "cp1252", "I": "I", "R": "R", "blank": False},
    "bz04": {"fmt": "vtt", "I": "Lotte Verhoef", "R": "Ruud Hoekstra"},
    "bz05": {"fmt": "stamp", "I": "Spreker 1", "R": "Spreker 2"},
    "bz06": {"fmt": "txt", "enc": "utf-8", "I": "Joost", "R": "Fatima", "blank": True},
}

STYLES = {
    "bz01": ("netwerkgericht", "Tells warm, detailed stories about a Top400 boy and his little brother, but what she actually builds and credits herself for are standing agreements between leerplicht, police, schools, youth work and Jeugdbescherming that work beyond any single family."),
    "bz02": ("casusgericht", "Spends his week in meetings and with many partners, yet every meeting, negotiation and escalation serves one man's own plan, and he explicitly leaves system-level work to others."),
    "bz03": ("casusgericht", "A Jeugdbescherming family manager whose work is building the mother's trust and one family plan at the kitchen table, using partners only for this family and declining wider chain work."),
    "bz04": ("onbepaald", "A guarded police contact person who describes procedure, capacity and administration but never shows investing in either the persons in regie or the partner network (too little evidence)."),
    "bz05": ("casusgericht", "An angry former youth worker who works directly with one 17-year-old and his brother, briefs and pushes partners only for that boy, and refuses to spend time on structural issues."),
    "bz06": ("netwerkgericht", "A senior regisseur who cares about her client but turns his case into a pattern, chairs the chain meeting, secures a structural release agreement via the steering group and invests in partner relationships."),
}


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    header, turns = [], []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("@"):
                header.append(line[1:].strip())
                continue
            if not line.strip():
                continue
            spk, text = line.split(": ", 1)
            assert spk in ("I", "R"), (doc, line[:40])
            mark = None
            m = MARK.search(text)
            if m:
                mark = m.group(1)
                text = text[: m.start()]
            assert (spk == "R") == (mark is not None), (doc, "mark rule", text[:50])
            turns.append((spk, text, mark))
    return header, turns


def strip_ids(text, found):
    def rep(m):
        key = (m.group(1), m.group(2))
        if key not in found:
            found.append(key)
        return m.group(1)
    return IDENT.sub(rep, text)


def split_cues(text, max_words=24):
    sents = re.split(r"(?<=[.!?])\s+", text)
    cues, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def render(doc, cfg, header, turns):
    fmt = cfg["fmt"]
    if fmt == "srt":
        out, n, t = [], 0, 3.2
        for spk, text, _ in turns:
            for j, cue in enumerate(split_cues(text)):
                n += 1
                dur = max(1.5, len(cue.split()) / 2.6)
                lab = cfg[spk] + ": " if j == 0 else ""
                out.append(f"{n}\n{ts(t, ',')} --> {ts(t + dur, ',')}\n{lab}{cue}\n")
                t += dur + 0.25
            t += 0.9
        data = "\n".join(out)
        with open(os.path.join(TR, doc + ".srt"), "w", encoding="utf-8", newline="\r\n") as fh:
            fh.write(data)
    elif fmt == "vtt":
        out, t = ["WEBVTT", ""], 1.0
        for h in header:
            out += [h, ""]
        for spk, text, _ in turns:
            for cue in split_cues(text, 20):
                dur = max(1.4, len(cue.split()) / 2.5)
                out += [f"{ts(t, '.')} --> {ts(t + dur, '.')}", f"<v {cfg[spk]}>{cue}</v>", ""]
                t += dur + 0.2
            t += 1.1
        with open(os.path.join(TR, doc + ".vtt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(out))
    elif fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = i == 0
            if i == 0:
                r.font.size = Pt(13)
        d.add_paragraph("")
        for spk, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(cfg[spk] + ":")
            r.bold = True
            p.add_run(" " + text)
        d.save(os.path.join(TR, doc + ".docx"))
    elif fmt == "stamp":
        out, t = [], 2.0
        out += header
        out.append("")
        for spk, text, _ in turns:
            stamp = ts(t, ",")[:8]
            out.append(f"[{stamp}] {cfg[spk]}: {text}")
            out.append("")
            t += len(text.split()) / 2.4 + 1.5
        with open(os.path.join(TR, doc + ".txt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(out))
    elif fmt == "txt":
        out = list(header) + [""]
        for spk, text, _ in turns:
            out.append(f"{cfg[spk]}: {text}")
            if cfg["blank"]:
                out.append("")
        nl = "\r\n" if cfg["enc"] == "cp1252" else "\n"
        with open(os.path.join(TR, doc + ".txt"), "w", encoding=cfg["enc"], newline=nl) as fh:
            fh.write("\n".join(out) + "\n")
    else:
        raise ValueError(fmt)


def main():
    os.makedirs(TR, exist_ok=True)
    orient, idents, stats = [], [], {}
    for doc, cfg in DOCS.items():
        header, turns = parse(doc)
        found = []
        header = [strip_ids(h, found) for h in header]
        clean = []
        for idx, (spk, text, mark) in enumerate(turns, 1):
            text = strip_ids(text, found)
            clean.append((spk, text, mark))
            if mark in ("casus", "netwerk"):
                orient.append((doc, idx, mark))
        render(doc, cfg, header, clean)
        idents += [(doc, s, t) for s, t in found]
        words = sum(len(t.split()) for _, t, _ in clean)
        rwords = sum(len(t.split()) for s, t, _ in clean if s == "R")
        stats[doc] = (words, rwords, sum(1 for s, _, _ in clean if s == "R"), len(clean))
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    for doc, (words, rwords, rt, nt) in stats.items():
        print(f"{doc}: {words} words ({rwords} respondent), {rt} respondent turns, {nt} turns")


if __name__ == "__main__":
    main()
