#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set IR from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)

Source format (src/<doc_id>.txt): paragraphs separated by a blank line, each starting with
"H: " (header line), "I: " (interviewer turn) or "R: " (respondent turn). Identifiers are marked
inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

DOCS = {
    "ir01": dict(fmt="docx", bold=True, labels=("Interviewer", "Ferry"),
                 label_ids=[("Ferry", "PERSOON")],
                 style="casusgericht",
                 rationale="Invests his own time and trust in a personal bond with each released man and "
                           "recruits every partner (pension owner, boxing coach, wijkagent, reclassering) "
                           "as a means for that man's plan, while explicitly leaving the overdracht working "
                           "group and recurring problems to his team leader."),
    "ir02": dict(fmt="vtt", labels=("Lotte Brandsma", "Sandra Oosterhout"),
                 label_ids=[("Lotte Brandsma", "PERSOON"), ("Sandra Oosterhout", "PERSOON")],
                 style="netwerkgericht",
                 rationale="Tells warm, detailed stories about two clients but hands daily contact to the "
                           "jongerenwerker and reclassering and puts her own effort into convenant "
                           "additions, PI-gemeente handover agreements, mandates and an escalation ladder "
                           "between organisations."),
    "ir03": dict(fmt="txt", encoding="cp1252", newline="\r\n", labels=("I", "R"), label_ids=[],
                 style="netwerkgericht",
                 rationale="Former police officer who hardly sees clients, analyses release patterns across "
                           "cases and invests in the vrijdagtafel, a convenant addendum, fixed working rules "
                           "and trust with team leaders and managers."),
    "ir04": dict(fmt="srt", newline="\r\n", labels=("Interviewer", "Esra"),
                 label_ids=[("Esra", "PERSOON")],
                 style="casusgericht",
                 rationale="Builds the plan around one young man's own goal through home visits and personal "
                           "presence, uses meetings, the OM and other partners as means for his plan, and "
                           "declines working-group time on structural processes."),
    "ir05": dict(fmt="txt_ts", encoding="utf-8", labels=("Spreker 1", "Spreker 2"), label_ids=[],
                 style="netwerkgericht",
                 rationale="Ex-GGZ nurse who, despite missing client contact, invests in closing the seams "
                           "between organisations (warm handover PI-wijkteam, GGZ consultation slot, "
                           "privacy overview, partner meetings, bottleneck reports to the steering group)."),
    "ir06": dict(fmt="docx", bold=False, labels=("I", "R"), label_ids=[],
                 style="onbepaald",
                 rationale="Too little evidence: guarded and procedural, refuses to discuss cases or her own "
                           "part and only gives generalities about the working method, so it never shows "
                           "where her own effort goes."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(path):
    text = open(path, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        if "\n" in p:
            raise SystemExit(f"{path}: paragraph spans several lines: {p[:60]!r}")
        kind, body = p[:2], p[3:]
        if kind not in ("H:", "I:", "R:") or p[2] != " ":
            raise SystemExit(f"{path}: bad paragraph start: {p[:40]!r}")
        orient = None
        if kind == "R:":
            m = ORIENT.search(body)
            if not m:
                raise SystemExit(f"{path}: respondent paragraph without orientation: {body[:60]!r}")
            orient = m.group(1)
            body = body[: m.start()]
        elif ORIENT.search(body):
            raise SystemExit(f"{path}: orientation marker outside a respondent turn: {body[:60]!r}")
        ids = [(m.group(1), m.group(2)) for m in MARK.finditer(body)]
        for s, t in ids:
            if t not in TYPES:
                raise SystemExit(f"{path}: unknown type {t} for {s!r}")
        plain = MARK.sub(lambda m: m.group(1), body).strip()
        if "[[" in plain or "]]" in plain or "{" in plain:
            raise SystemExit(f"{path}: leftover markup in {plain[:60]!r}")
        entry = dict(kind=kind[0], text=plain, ids=ids, orient=orient)
        if kind == "H:":
            if turns:
                raise SystemExit(f"{path}: header line after the first turn")
            header.append(entry)
        else:
            turns.append(entry)
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["kind"] != want:
            raise SystemExit(f"{path}: turn {i + 1} should be {want}")
    return header, turns


# ---------------------------------------------------------------- cue splitting / timing

def protect(text, idstrings):
    for s in sorted(idstrings, key=len, reverse=True):
        if " " in s:
            text = text.replace(s, s.replace(" ", "\u0001"))
    return text


def split_cues(text, idstrings, maxw=16):
    text = protect(text, idstrings)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    chunks = []
    for s in sentences:
        words = s.split(" ")
        while len(words) > maxw + 4:
            # prefer a comma break between 6 and maxw words
            cut = None
            for k in range(maxw, 5, -1):
                if words[k - 1].endswith(","):
                    cut = k
                    break
            if cut is None:
                cut = maxw
            chunks.append(words[:cut])
            words = words[cut:]
        chunks.append(words)
    cues, cur = [], []
    for c in chunks:
        if cur and len(cur) + len(c) > maxw:
            cues.append(cur)
            cur = []
        cur = cur + c
    if cur:
        cues.append(cur)
    return [" ".join(c).replace("\u0001", " ") for c in cues]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_timeline(turns, idstrings, start=2.4):
    t = start
    out = []  # (speaker_index, start, end, text)
    for i, turn in enumerate(turns):
        for cue in split_cues(turn["text"], idstrings):
            dur = max(1.2, len(cue.split()) / 2.6)
            out.append((i % 2, t, t + dur, cue))
            t += dur + 0.15
        t += 0.7
    return out


# ---------------------------------------------------------------- writers

def write_docx(doc_id, cfg, header, turns, path):
    from docx import Document
    from docx.shared import Pt
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h["text"])
        if cfg["bold"]:
            r.bold = False
            r.italic = True
        else:
            r.italic = True
    if header:
        d.add_paragraph("")
    for i, t in enumerate(turns):
        lab = cfg["labels"][i % 2]
        p = d.add_paragraph()
        r = p.add_run(lab + ":")
        r.bold = bool(cfg["bold"])
        p.add_run(" " + t["text"])
    d.save(path)


def write_txt(doc_id, cfg, header, turns, path):
    lines = [h["text"] for h in header]
    if header:
        lines.append("")
    for i, t in enumerate(turns):
        lines.append(f"{cfg['labels'][i % 2]}: {t['text']}")
        lines.append("")
    data = cfg.get("newline", "\n").join(lines)
    with open(path, "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def write_txt_ts(doc_id, cfg, header, turns, path, idstrings):
    lines = [h["text"] for h in header]
    if header:
        lines.append("")
    t0 = 4.0
    for i, t in enumerate(turns):
        sec = int(t0)
        lines.append(f"[{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}] {cfg['labels'][i % 2]}: {t['text']}")
        lines.append("")
        t0 += len(t["text"].split()) / 2.5 + 1.5
    data = cfg.get("newline", "\n").join(lines)
    with open(path, "wb") as f:
        f.write(data.encode(cfg["encoding"]))


def write_vtt(doc_id, cfg, header, turns, path, idstrings):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(h["text"] for h in header)
        out.append("")
    for n, (spk, a, b, text) in enumerate(cue_timeline(turns, idstrings), 1):
        out.append(f"{n}")
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {cfg['labels'][spk]}>{text}</v>")
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc_id, cfg, header, turns, path, idstrings):
    out = []
    for n, (spk, a, b, text) in enumerate(cue_timeline(turns, idstrings), 1):
        out.append(f"{n}")
        out.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        out.append(f"{cfg['labels'][spk]}: {text}")
        out.append("")
    with open(path, "wb") as f:
        f.write(cfg.get("newline", "\n").join(out).encode("utf-8"))


EXT = {"docx": "docx", "txt": "txt", "txt_ts": "txt", "vtt": "vtt", "srt": "srt"}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    id_rows, or_rows, st_rows = [], [], []
    warnings = 0
    for doc_id, cfg in DOCS.items():
        header, turns = parse_source(os.path.join(HERE, doc_id + ".txt"))
        # identifiers: label names first, then in order of appearance
        seen = {}
        for s, t in cfg.get("label_ids", []):
            seen.setdefault(s, t)
        for e in header + turns:
            for s, t in e["ids"]:
                if s in seen and seen[s] != t:
                    raise SystemExit(f"{doc_id}: {s!r} marked both {seen[s]} and {t}")
                seen.setdefault(s, t)
        idstrings = list(seen)
        # consistency: every occurrence of a marked string should be marked
        plain_all = "\n".join(e["text"] for e in header + turns)
        marked_count = {}
        for e in header + turns:
            for s, _ in e["ids"]:
                marked_count[s] = marked_count.get(s, 0) + 1
        for s in marked_count:
            n = len(re.findall(r"(?<!\w)" + re.escape(s) + r"(?!\w)", plain_all))
            # occurrences inside longer marked strings are fine
            inside = sum(marked_count[o] * len(re.findall(r"(?<!\w)" + re.escape(s) + r"(?!\w)", o))
                         for o in marked_count if o != s)
            if n - inside > marked_count[s]:
                print(f"WARNING {doc_id}: {s!r} occurs {n - inside}x but is marked {marked_count[s]}x")
                warnings += 1
        path = os.path.join(OUT, f"{doc_id}.{EXT[cfg['fmt']]}")
        f = cfg["fmt"]
        if f == "docx":
            write_docx(doc_id, cfg, header, turns, path)
        elif f == "txt":
            write_txt(doc_id, cfg, header, turns, path)
        elif f == "txt_ts":
            write_txt_ts(doc_id, cfg, header, turns, path, idstrings)
        elif f == "vtt":
            write_vtt(doc_id, cfg, header, turns, path, idstrings)
        elif f == "srt":
            write_srt(doc_id, cfg, header, turns, path, idstrings)
        for s, t in seen.items():
            id_rows.append((doc_id, s, t))
        for i, t in enumerate(turns, 1):
            if t["kind"] == "R" and t["orient"] in ("casus", "netwerk"):
                or_rows.append((doc_id, i, t["orient"]))
        st_rows.append((doc_id, cfg["style"], cfg["rationale"]))
        words = sum(len(t["text"].split()) for t in turns)
        nresp = sum(1 for t in turns if t["kind"] == "R")
        print(f"{doc_id}: {f:6s} words={words} respondent_turns={nresp} identifiers={len(seen)} "
              f"oriented={sum(1 for r in or_rows if r[0] == doc_id)}")

    def wcsv(name, head, rows):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(head)
            w.writerows(rows)

    wcsv("styles.csv", ["doc_id", "style", "rationale"], st_rows)
    wcsv("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(or_rows))
    wcsv("identifiers.csv", ["doc_id", "identifier", "type"], id_rows)
    print(f"built {len(DOCS)} transcripts, {len(id_rows)} identifier rows, {len(or_rows)} orientation rows"
          + (f", {warnings} warnings" if warnings else ""))


if __name__ == "__main__":
    main()
