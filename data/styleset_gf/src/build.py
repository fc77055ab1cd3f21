"""Build the transcripts and csv files of blind set GF from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (from the set folder or anywhere)

Source format (src/gfNN.txt): paragraphs separated by blank lines, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are
marked inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# format and speaker labels per document; label_ids are label names that are identifiers
DOCS = {
    "gf01": dict(fmt="docx_bold", I="Interviewer", R="Respondent", label_ids=[]),
    "gf02": dict(fmt="txt", enc="cp1252", eol="\r\n", I="I", R="R", label_ids=[]),
    "gf03": dict(fmt="vtt", I="Interviewer", R="Hans Wolterink", label_ids=["Hans Wolterink"]),
    "gf04": dict(fmt="srt", eol="\r\n", I="Interviewer", R="Ron", label_ids=["Ron"]),
    "gf05": dict(fmt="docx_plain", I="Lotte", R="Joyce", label_ids=["Lotte", "Joyce"]),
    "gf06": dict(fmt="ts", enc="utf-8", eol="\n", I="Spreker 1", R="Spreker 2", label_ids=[]),
}
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt": "txt", "ts": "txt", "vtt": "vtt",
       "srt": "srt"}

STYLES = {
    "gf01": ("netwerkgericht", "Invests her own effort in closing the gap between prison and detox clinic, "
             "a monthly table, a plain-language consent form and escalation, and deliberately leaves "
             "the daily contact with the client to the casemanager and MEE."),
    "gf02": ("casusgericht", "New regisseur who builds the plan around one young man's own wishes, "
             "uses every partner as a means for his plan and declines the structural working group."),
    "gf03": ("onbepaald", "Too little evidence: guarded and procedural, answers in generalities about "
             "the method and never shows where his own effort goes."),
    "gf04": ("casusgericht", "Invests in weekly contact and trust with the person and his mother, "
             "attends every meeting only for this person's plan and refuses structural work."),
    "gf05": ("onbepaald", "Genuinely mixed: splits her week on purpose between intensive work with "
             "individual clients and building agreements between organisations, and weighs both equally."),
    "gf06": ("netwerkgericht", "Counts patterns across cases and invests in agreements, a pilot, a "
             "privacy list and an escalation ladder, while the daily contact with the client he "
             "describes warmly lies with MEE and the wijkteam."),
}


def parse_src(path):
    paras = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(line.strip() for line in p.splitlines())
        tag, body = p[:2], p[3:]
        if tag == "H:":
            if turns:
                sys.exit(f"{path.name}: header after turns")
            header.append(body)
        elif tag in ("I:", "R:"):
            ori = None
            if tag == "R:":
                m = ORI_RE.search(body)
                if not m:
                    sys.exit(f"{path.name}: R paragraph without orientation: {body[:60]}")
                ori, body = m.group(1), body[:m.start()]
            elif ORI_RE.search(body):
                sys.exit(f"{path.name}: orientation on I paragraph")
            turns.append((tag[0], body, ori))
        else:
            sys.exit(f"{path.name}: bad paragraph: {p[:60]}")
    return header, turns


def strip(ann, ids):
    """Remove annotations; collect identifiers; return plain text and identifier spans."""
    out, spans, pos = [], [], 0
    length = 0
    for m in ID_RE.finditer(ann):
        before = ann[pos:m.start()]
        out.append(before)
        length += len(before)
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"bad type {typ}")
        if text in ids and ids[text] != typ:
            sys.exit(f"conflicting types for {text}")
        ids.setdefault(text, typ)
        spans.append((length, length + len(text)))
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(ann[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain or "{" in plain:
        sys.exit(f"leftover markup: {plain[:80]}")
    return plain, spans


def check_unannotated(doc, segments, ids):
    """Warn when an identifier string also occurs outside any annotated span."""
    for text, spans in segments:
        for s in ids:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    print(f"WARNING {doc}: unannotated occurrence of {s!r}: ...{text[max(0, m.start()-30):m.end()+30]}...")


def words(s):
    return len(s.split())


def cue_chunks(text, spans, maxw):
    """Split a turn into cue texts at sentence ends that are not inside identifier spans."""
    cuts = [m.end() for m in re.finditer(r"[.?!…)](?=\s+\S)", text)
            if not any(a < m.end() <= b for a, b in spans)]
    sentences, start = [], 0
    for c in cuts:
        sentences.append(text[start:c].strip())
        start = c
    sentences.append(text[start:].strip())
    sentences = [s for s in sentences if s]
    chunks, cur = [], []
    for s in sentences:
        if cur and words(" ".join(cur + [s])) > maxw:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def wrap(text, width, protected):
    """Wrap text into lines of about width characters, never breaking inside a protected string."""
    # mark spaces inside protected strings
    hold = text
    for i, p in enumerate(sorted(protected, key=len, reverse=True)):
        hold = hold.replace(p, p.replace(" ", "\x00"))
    lines, cur = [], ""
    for w in hold.split(" "):
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return [ln.replace("\x00", " ") for ln in lines]


def fmt_time(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_doc(doc, cfg):
    header_ann, turns_ann = parse_src(HERE / f"{doc}.txt")
    ids = {}
    segments = []
    header = []
    for h in header_ann:
        plain, spans = strip(h, ids)
        header.append(plain)
        segments.append((plain, spans))
    turns = []
    for who, body, ori in turns_ann:
        plain, spans = strip(body, ids)
        turns.append((who, plain, spans, ori))
        segments.append((plain, spans))
    for lab in cfg["label_ids"]:
        ids.setdefault(lab, "PERSOON")
    check_unannotated(doc, segments, ids)
    for i, (who, *_rest) in enumerate(turns, 1):
        if (who == "I") != (i % 2 == 1):
            sys.exit(f"{doc}: turns do not alternate at {i}")
    label = {"I": cfg["I"], "R": cfg["R"]}
    fmt = cfg["fmt"]
    path = OUT / f"{doc}.{EXT[fmt]}"
    rng = random.Random(doc)
    id_strings = list(ids)

    if fmt.startswith("docx"):
        import docx
        from docx.shared import Pt
        d = docx.Document()
        style = d.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(h)
            if fmt == "docx_bold":
                r.italic = True
        if header:
            d.add_paragraph("")
        for who, text, _s, _o in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                p.add_run(label[who] + ":").bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{label[who]}: {text}")
        d.save(path)
    elif fmt == "txt":
        lines = header + [""] if header else []
        for who, text, _s, _o in turns:
            lines += [f"{label[who]}: {text}", ""]
        path.write_bytes(cfg["eol"].join(lines).encode(cfg["enc"]))
    elif fmt == "ts":
        lines = header + [""] if header else []
        t = rng.uniform(2, 6)
        for who, text, _s, _o in turns:
            lines += [f"[{fmt_time(t, ',')[:8]}] {label[who]}: {text}", ""]
            t += words(text) / 2.4 + rng.uniform(1.0, 4.0)
        path.write_bytes(cfg["eol"].join(lines).encode(cfg["enc"]))
    elif fmt == "vtt":
        lines = ["WEBVTT", "", "NOTE"] + header + [""]
        t = rng.uniform(1, 4)
        n = 0
        for who, text, spans, _o in turns:
            for chunk in cue_chunks(text, spans, 22):
                n += 1
                dur = max(1.2, words(chunk) / 2.6)
                lines += [f"{n}", f"{fmt_time(t, '.')} --> {fmt_time(t + dur, '.')}",
                          f"<v {label[who]}>{chunk}</v>", ""]
                t += dur + rng.uniform(0.05, 0.4)
            t += rng.uniform(0.5, 2.0)
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        lines = []
        t = rng.uniform(1, 4)
        n = 0
        for who, text, spans, _o in turns:
            for chunk in cue_chunks(text, spans, 16):
                n += 1
                dur = max(1.2, words(chunk) / 2.6)
                cue = wrap(f"{label[who]}: {chunk}", 48, id_strings)
                lines += [f"{n}", f"{fmt_time(t, ',')} --> {fmt_time(t + dur, ',')}"] + cue + [""]
                t += dur + rng.uniform(0.05, 0.4)
            t += rng.uniform(0.5, 2.0)
        path.write_bytes(cfg["eol"].join(lines).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")

    spoken = sum(words(text) for _w, text, _s, _o in turns)
    n_r = sum(1 for w, *_ in turns if w == "R")
    ori_rows = [(doc, i, o) for i, (w, _t, _s, o) in enumerate(turns, 1) if w == "R" and o != "-"]
    id_rows = [(doc, s, typ) for s, typ in ids.items()]
    counts = {o: sum(1 for *_x, oo in ori_rows if oo == o) for o in ("casus", "netwerk")}
    print(f"{doc}: {path.name:10s} words={spoken:5d} R-turns={n_r:3d} ids={len(id_rows):3d} "
          f"casus={counts['casus']} netwerk={counts['netwerk']}")
    return ori_rows, id_rows


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    all_ori, all_ids = [], []
    for doc, cfg in DOCS.items():
        o, i = build_doc(doc, cfg)
        all_ori += o
        all_ids += i
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(all_ori))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(all_ids)


if __name__ == "__main__":
    main()
