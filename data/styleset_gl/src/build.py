"""Build the setGL transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (from the set folder or anywhere)

Source format (src/glNN.txt): paragraphs separated by a blank line, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn).  Identifiers are
marked inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT_T = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

DOCS = {
    "gl01": dict(fmt="docx", labels=("Interviewer", "Respondent"), bold=True, label_ids=[],
                 style="casusgericht",
                 rationale="Names many partners and a casusoverleg, but every contact is a means for "
                           "Theo's own three-point plan; she keeps the daily contact herself and "
                           "explicitly declines the working group on a bed convenant."),
    "gl02": dict(fmt="txt", encoding="cp1252", newline="\r\n", labels=("I", "R"), timestamps=False,
                 label_ids=[], style="onbepaald",
                 rationale="Too little evidence: guarded, procedural answers in generalities (work "
                           "instruction, escalation route, 'it varies'), refuses every example and "
                           "never shows where his own effort goes."),
    "gl03": dict(fmt="vtt", labels=("Sanne Hoekstra", "Ruud Verschoor"),
                 label_ids=["Sanne Hoekstra", "Ruud Verschoor"], start=2.4,
                 style="netwerkgericht",
                 rationale="Despite warm, detailed stories about Bertus he leaves the daily contact to "
                           "bemoeizorg and the wijkagent and invests in werkafspraken, a weekly "
                           "partner meeting, escalation with figures and trust between police and ggz."),
    "gl04": dict(fmt="srt", newline="\r\n", labels=("Karin", "Dennis"),
                 label_ids=["Karin", "Dennis"], start=1.2, style="casusgericht",
                 rationale="Very brief answers, but consistently his own weekly contact with Sjors, a "
                           "plan in Sjors's words, partners called one question at a time for Sjors, "
                           "and structural meetings left to his chef."),
    "gl05": dict(fmt="txt", encoding="utf-8", newline="\n", labels=("Spreker 1", "Spreker 2"),
                 timestamps=True, start=3.0, label_ids=[], style="onbepaald",
                 rationale="Genuinely mixed: she deliberately splits her effort between her own "
                           "caseload (weekly breakfast with Ronnie, the cell visit) and the "
                           "doorstroomtafel, the arrest-notification agreement and escalation "
                           "with corporations."),
    "gl06": dict(fmt="docx", labels=("Marieke", "Johan"), bold=False,
                 label_ids=["Marieke", "Johan"], style="netwerkgericht",
                 rationale="Tells Marco's story warmly but leaves his daily contact to trajectbegeleider "
                           "Fatima and invests in monthly pattern lists, the cel-naar-zorg agreement, "
                           "escalation to directors and the wethouder, and one table per wijk."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
SENT = "\u2063"  # invisible separator used to keep identifiers together while chunking


def parse_source(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns, ids = [], [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        kind, text = p[:2], p[3:]
        if kind not in ("H:", "I:", "R:") or p[2] != " ":
            sys.exit(f"{doc_id}: bad paragraph start: {p[:40]!r}")
        tag = None
        m = TAG_RE.search(text)
        if kind == "R:":
            if not m:
                sys.exit(f"{doc_id}: respondent paragraph without tag: {text[:60]!r}")
            tag = m.group(1)
            text = text[:m.start()].rstrip()
        elif m:
            sys.exit(f"{doc_id}: tag outside respondent paragraph: {text[:60]!r}")
        for im in ID_RE.finditer(text):
            if im.group(2) not in TYPES:
                sys.exit(f"{doc_id}: unknown type {im.group(2)}")
            ids.append((im.group(1), im.group(2)))
        if "[[" in ID_RE.sub("", text) or "]]" in ID_RE.sub("", text):
            sys.exit(f"{doc_id}: malformed identifier markup in {text[:60]!r}")
        if kind == "H:":
            if turns:
                sys.exit(f"{doc_id}: header paragraph after turns")
            header.append(text)
        else:
            turns.append(dict(spk="I" if kind == "I:" else "R", text=text, tag=tag))
    for i, t in enumerate(turns):
        if t["spk"] != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {i + 1}")
    return header, turns, ids


def plain(text):
    return ID_RE.sub(lambda m: m.group(1), text)


def protected(text):
    """plain text where spaces inside identifiers are replaced by SENT"""
    return ID_RE.sub(lambda m: m.group(1).replace(" ", SENT), text)


def unprotect(s):
    return s.replace(SENT, " ")


def chunk_turn(text, max_words=15):
    """split a turn into cue-sized chunks, preferring sentence ends"""
    t = protected(text)
    sents = re.split(r"(?<=[.?!])\s+", t)
    pieces = []
    for s in sents:
        w = s.split()
        if len(w) <= max_words + 3:
            pieces.append(w)
        else:
            n = -(-len(w) // max_words)
            size = -(-len(w) // n)
            for k in range(0, len(w), size):
                pieces.append(w[k:k + size])
    chunks, cur = [], []
    for p in pieces:
        if cur and len(cur) + len(p) > max_words:
            chunks.append(cur)
            cur = []
        cur = cur + p
    if cur:
        chunks.append(cur)
    return [" ".join(c) for c in chunks]


def wrap2(s, width=42):
    if len(unprotect(s)) <= width:
        return [s]
    words = s.split(" ")
    best, best_d = None, None
    for k in range(1, len(words)):
        a, b = " ".join(words[:k]), " ".join(words[k:])
        d = abs(len(a) - len(b))
        if best_d is None or d < best_d:
            best, best_d = [a, b], d
    return best


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(words):
    return max(1.2, len(words.split()) / 2.45)


def build_docx(doc_id, cfg, header, turns):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if cfg["bold"]:
            r.italic = True
    if header:
        d.add_paragraph()
    for t in turns:
        label = cfg["labels"][0 if t["spk"] == "I" else 1]
        p = d.add_paragraph()
        lr = p.add_run(label + ":")
        lr.bold = bool(cfg["bold"])
        p.add_run(" " + plain(t["text"]))
    d.save(os.path.join(OUT_T, doc_id + ".docx"))


def build_txt(doc_id, cfg, header, turns):
    nl = cfg["newline"]
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    clock = cfg.get("start", 0.0)
    for t in turns:
        label = cfg["labels"][0 if t["spk"] == "I" else 1]
        text = plain(t["text"])
        if cfg["timestamps"]:
            lines.append(f"[{ts(clock, ',')[:8]}] {label}: {text}")
            clock += dur(text) + 0.9
        else:
            lines.append(f"{label}: {text}")
        lines.append("")
    data = nl.join(lines).rstrip() + nl
    with open(os.path.join(OUT_T, doc_id + ".txt"), "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def build_vtt(doc_id, cfg, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    clock = cfg.get("start", 0.0)
    for t in turns:
        label = cfg["labels"][0 if t["spk"] == "I" else 1]
        for c in chunk_turn(t["text"], 16):
            c = unprotect(c)
            d = dur(c)
            out.append(f"{ts(clock, '.')} --> {ts(clock + d, '.')}")
            out.append(f"<v {label}>{c}</v>")
            out.append("")
            clock += d + 0.15
        clock += 0.7
    with open(os.path.join(OUT_T, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


LABELISH = re.compile(r"^[^\s:]{1,30}:\s")


def build_srt(doc_id, cfg, header, turns):
    out, n = [], 0
    clock = cfg.get("start", 0.0)
    for t in turns:
        label = cfg["labels"][0 if t["spk"] == "I" else 1]
        for k, c in enumerate(chunk_turn(t["text"], 13)):
            d = dur(unprotect(c))
            if k == 0:
                c = label + ": " + c
            elif LABELISH.match(unprotect(c)):
                sys.exit(f"{doc_id}: continuation cue looks like a label: {c[:40]!r}")
            n += 1
            out.append(str(n))
            out.append(f"{ts(clock, ',')} --> {ts(clock + d, ',')}")
            out.extend(unprotect(x) for x in wrap2(c))
            out.append("")
            clock += d + 0.1
        clock += 0.6
    data = cfg["newline"].join(out).rstrip() + cfg["newline"]
    with open(os.path.join(OUT_T, doc_id + ".srt"), "wb") as f:
        f.write(data.encode("utf-8"))


def main():
    os.makedirs(OUT_T, exist_ok=True)
    for fn in os.listdir(OUT_T):
        os.remove(os.path.join(OUT_T, fn))
    style_rows, orient_rows, id_rows, stats = [], [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns, ids = parse_source(doc_id)
        {"docx": build_docx, "txt": build_txt, "vtt": build_vtt, "srt": build_srt}[cfg["fmt"]](
            doc_id, cfg, header, turns)
        seen = {}
        for name in cfg["label_ids"]:
            seen.setdefault(name, "PERSOON")
        for s, typ in ids:
            if s in seen and seen[s] != typ:
                sys.exit(f"{doc_id}: {s!r} has two types")
            seen.setdefault(s, typ)
        for s, typ in seen.items():
            id_rows.append((doc_id, s, typ))
        for i, t in enumerate(turns, 1):
            if t["spk"] == "R" and t["tag"] in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, t["tag"]))
        style_rows.append((doc_id, cfg["style"], cfg["rationale"]))
        words = sum(len(plain(t["text"]).split()) for t in turns)
        rturns = sum(1 for t in turns if t["spk"] == "R")
        tags = [t["tag"] for t in turns if t["spk"] == "R"]
        stats.append((doc_id, cfg["fmt"], words, rturns, tags.count("casus"), tags.count("netwerk"),
                      len(seen)))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   fmt   words  R-turns  casus  netwerk  identifiers")
    for s in stats:
        print("{:5} {:5} {:6} {:8} {:6} {:8} {:12}".format(*s))


if __name__ == "__main__":
    main()
