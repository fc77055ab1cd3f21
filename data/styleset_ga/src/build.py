#!/usr/bin/env python3
"""Build the transcripts and csv files of blind set GA from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (python-docx is needed for the .docx files)

Source format (src/gaNN.txt): one paragraph per turn, separated by blank lines.
  H: header line          (transcript header, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
OUT = os.path.join(SET, "transcripts")

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
LABELISH = re.compile(r"^[A-Z][\w .'-]{0,24}:\s")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: format and speaker labels (interviewer, respondent); names in labels are PERSOON identifiers
DOCS = {
    "ga01": dict(fmt="srt", labels=("Sanne", "Ruud"), label_ids=True, crlf=True),
    "ga02": dict(fmt="docx", labels=("Interviewer", "Respondent"), label_ids=False, bold=True),
    "ga03": dict(fmt="txt_ts", labels=("Spreker 1", "Spreker 2"), label_ids=False, encoding="utf-8", crlf=False),
    "ga04": dict(fmt="txt", labels=("I", "R"), label_ids=False, encoding="cp1252", crlf=True),
    "ga05": dict(fmt="vtt", labels=("Karin Plomp", "Marjolein Stoop"), label_ids=True),
    "ga06": dict(fmt="docx", labels=("Thijs", "Erik"), label_ids=True, bold=False),
}

STYLES = {
    "ga01": ("netwerkgericht", "Tells a warm story about an elderly client but deliberately leaves the contact to wijkteam and wijkagent and puts his own effort into the ketenoverleg triage, the five-day rule, an escalation ladder and a regional agreement on financial abuse."),
    "ga02": ("casusgericht", "Names many partners and uses the ketenoverleg, but every call serves one mother's own plan, and she explicitly declines the working group on improving the chain."),
    "ga03": ("onbepaald", "Genuinely mixed: she personally carries one family (weekly home visits, safety plan, school) and equally builds a housing-corporation consultation, written agreements and a proposal for the ketenoverleg."),
    "ga04": ("casusgericht", "Angry about the system and the ketenoverleg, but invests only in getting things done for one mother and child and refuses evaluation days and policy notes."),
    "ga05": ("netwerkgericht", "A former GGZ nurse who warmly describes a client yet deliberately hands the kitchen-table contact to colleagues and spends her regie time on the crisis service-Veilig Thuis agreement, privacy arrangements, the ketenlunch and the escalation ladder."),
    "ga06": ("onbepaald", "Genuinely mixed: he keeps the daily contact with one perpetrator himself and with equal weight builds the perpetrator protocol, consent form and weekend arrangement in the chain, and says he splits his week between both."),
}


def parse_src(path):
    text = open(path, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, body = p[:2], p[3:]
        if kind == "H:":
            if turns:
                raise SystemExit(f"{path}: header after turns")
            header.append(body)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = re.search(r"\s*\{(casus|netwerk|-)\}$", body)
                if not m:
                    raise SystemExit(f"{path}: respondent paragraph without orientation tag: {body[:60]}")
                orient = m.group(1)
                body = body[: m.start()]
            elif re.search(r"\{(casus|netwerk|-)\}$", body):
                raise SystemExit(f"{path}: orientation tag on interviewer turn")
            turns.append(dict(role=kind[0], text=body, orient=orient))
        else:
            raise SystemExit(f"{path}: bad paragraph start {p[:20]!r}")
    for i, t in enumerate(turns):
        if t["role"] != ("I" if i % 2 == 0 else "R"):
            raise SystemExit(f"{path}: turns do not alternate at {i + 1}")
    return header, turns


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def tokens(s):
    """Split annotated text into space-separated tokens; an identifier is never split."""
    glued = ANN.sub(lambda m: m.group(1).replace(" ", "\x00"), s)
    return [t.replace("\x00", " ") for t in glued.split(" ") if t]


def words(s):
    return len(plain(s).split())


def ts(sec, sep=","):
    h, rem = divmod(int(sec), 3600)
    m, s_ = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    if ms >= 1000:
        ms = 999
    return f"{h:02d}:{m:02d}:{s_:02d}{sep}{ms:03d}"


def chunk(toks, lo=8, hi=16):
    cues, cur = [], []
    for t in toks:
        cur.append(t)
        if (len(cur) >= lo and t[-1:] in ".?!") or len(cur) >= hi:
            cues.append(cur)
            cur = []
    if cur:
        if cues and len(cur) < 4:
            cues[-1].extend(cur)
        else:
            cues.append(cur)
    # a continuation cue must not start like "Somebody said: ..." (would read as a speaker label)
    for k in range(1, len(cues)):
        while cues[k] and LABELISH.match(" ".join(cues[k])):
            cues[k - 1].append(cues[k].pop(0))
    return [c for c in cues if c]


def two_lines(tok, first_prefix=""):
    txt = " ".join(tok)
    if len(first_prefix + txt) <= 45 or len(tok) < 4:
        return [first_prefix + txt]
    total = len(txt)
    best, acc = 1, 0
    for i in range(1, len(tok)):
        acc = len(" ".join(tok[:i]))
        if acc >= total / 2:
            best = i
            break
    return [first_prefix + " ".join(tok[:best]), " ".join(tok[best:])]


def timeline(turns, start=3.0):
    t = start
    out = []
    for turn in turns:
        n = words(turn["text"])
        dur = n / 2.55 + 0.6
        out.append((t, dur))
        t += dur + 0.9
    return out


def build_srt(doc, cfg, header, turns):
    il, rl = cfg["labels"]
    cues = []
    times = timeline(turns)
    for turn, (t0, dur) in zip(turns, times):
        label = il if turn["role"] == "I" else rl
        parts = chunk(tokens(turn["text"]))
        nw = sum(len(p) for p in parts)
        t = t0
        for k, p in enumerate(parts):
            d = dur * len(p) / nw
            lines = two_lines(p, (label + ": ") if k == 0 else "")
            cues.append((t, t + d - 0.05, lines))
            t += d
    out = []
    for i, (a, b, lines) in enumerate(cues, 1):
        out.append(str(i))
        out.append(f"{ts(a)} --> {ts(b)}")
        out.extend(lines)
        out.append("")
    nl = "\r\n" if cfg.get("crlf") else "\n"
    with open(os.path.join(OUT, doc + ".srt"), "w", encoding="utf-8", newline="") as f:
        f.write(nl.join(out) + nl)


def build_vtt(doc, cfg, header, turns):
    il, rl = cfg["labels"]
    out = ["WEBVTT", "", "NOTE"]
    out.extend(plain(h) for h in header)
    out.append("")
    times = timeline(turns, start=1.5)
    n = 0
    for turn, (t0, dur) in zip(turns, times):
        label = il if turn["role"] == "I" else rl
        parts = chunk(tokens(turn["text"]), 9, 18)
        nw = sum(len(p) for p in parts)
        t = t0
        for p in parts:
            n += 1
            d = dur * len(p) / nw
            lines = two_lines(p, f"<v {label}>")
            out.append(f"{ts(t, '.')} --> {ts(t + d - 0.05, '.')}")
            out.extend(lines)
            out.append("")
            t += d
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(out))


def build_txt(doc, cfg, header, turns):
    il, rl = cfg["labels"]
    lines = [plain(h) for h in header]
    if lines:
        lines.append("")
    times = timeline(turns, start=4.0)
    for turn, (t0, _) in zip(turns, times):
        label = il if turn["role"] == "I" else rl
        prefix = ""
        if cfg["fmt"] == "txt_ts":
            prefix = "[" + ts(t0)[:8] + "] "
        lines.append(f"{prefix}{label}: {plain(turn['text'])}")
        lines.append("")
    nl = "\r\n" if cfg.get("crlf") else "\n"
    data = nl.join(lines).rstrip() + nl
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def build_docx(doc, cfg, header, turns):
    import docx
    from docx.shared import Pt

    il, rl = cfg["labels"]
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.italic = True
    if header:
        d.add_paragraph("")
    for turn in turns:
        label = il if turn["role"] == "I" else rl
        p = d.add_paragraph()
        if cfg.get("bold"):
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(turn["text"]))
        else:
            p.add_run(label + ": " + plain(turn["text"]))
    d.save(os.path.join(OUT, doc + ".docx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ident_rows, orient_rows, stats = [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(os.path.join(HERE, doc + ".txt"))
        # identifiers, one row per distinct string, first appearance order
        seen = {}
        if cfg["label_ids"]:
            for lab in cfg["labels"]:
                seen.setdefault(lab, "PERSOON")
        for para in header + [t["text"] for t in turns]:
            for txt, ty in ANN.findall(para):
                if ty not in TYPES:
                    raise SystemExit(f"{doc}: bad type {ty}")
                if txt in seen and seen[txt] != ty:
                    raise SystemExit(f"{doc}: {txt!r} has two types")
                seen.setdefault(txt, ty)
        ident_rows.extend((doc, k, v) for k, v in seen.items())
        for i, t in enumerate(turns, 1):
            if t["role"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc, i, t["orient"]))
        {"srt": build_srt, "vtt": build_vtt, "txt": build_txt, "txt_ts": build_txt, "docx": build_docx}[cfg["fmt"]](
            doc, cfg, header, turns
        )
        nwords = sum(words(t["text"]) for t in turns)
        nresp = sum(1 for t in turns if t["role"] == "R")
        oc = sum(1 for t in turns if t["orient"] == "casus")
        on = sum(1 for t in turns if t["orient"] == "netwerk")
        stats.append((doc, cfg["fmt"], nwords, nresp, oc, on, len(seen)))
    with open(os.path.join(SET, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(SET, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(SET, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    for s in stats:
        print("%s %-6s words=%d resp_turns=%d casus=%d netwerk=%d identifiers=%d" % s)


if __name__ == "__main__":
    main()
