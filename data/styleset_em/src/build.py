#!/usr/bin/env python
"""Build transcripts + csv files for set EM from the annotated sources in this folder.

Source syntax (src/emXX.txt), one paragraph per line:
    # comment                 ignored
    H: header line            header (only used by formats that carry a header)
    I: interviewer turn
    R: respondent turn {casus} | {netwerk} | {-}   (orientation mark is mandatory)
Inline identifiers: [[verbatim text|TYPE]].

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

DOCS = {
    "em01": dict(fmt="docx", labels=("Interviewer", "Sjoukje"), bold=True, label_ids=["Sjoukje"], style="casusgericht",
                 rationale="Sjoukje talks at length about partners, meetings and agreements, but every one of "
                           "them is arranged for Hendrik's plan and she explicitly leaves structural work to others."),
    "em02": dict(fmt="srt", labels=("Marit", "Hessel"), label_ids=["Marit", "Hessel"], style="netwerkgericht",
                 rationale="Hessel tells warm stories about Douwe but hands the client contact to others and "
                           "invests his own time in trust between organisations, structural night agreements "
                           "and escalation to boards."),
    "em03": dict(fmt="txt", enc="cp1252", labels=("I", "R"), style="onbepaald",
                 rationale="Too little evidence: a guarded respondent who answers in procedures and "
                           "generalities and never shows whether he invests in the families or in the partners."),
    "em04": dict(fmt="stamp", labels=("Spreker 1", "Spreker 2"), style="netwerkgericht",
                 rationale="Annemiek illustrates with concrete families and clearly cares, but what she builds "
                           "is the doorbraak table, agreements with corporations and relations between partners."),
    "em05": dict(fmt="vtt", labels=("Interviewer", "Sander"), style="casusgericht",
                 rationale="Sander organises everything around Ria's own goal and his trust relationship "
                           "with her, using partners and meetings only for her plan."),
    "em06": dict(fmt="docx", labels=("Interviewer", "Respondent"), bold=False, style="onbepaald",
                 rationale="Genuinely mixed: Tjitske invests about equally in her bond and plan with the "
                           "Hoekstra family and in the network table and agreements between adult GGZ and youth care."),
}


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    header, turns = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            tag, _, body = line.partition(": ")
            if tag not in ("H", "I", "R"):
                sys.exit(f"{path}:{n}: bad line start {line[:20]!r}")
            mark = None
            if tag == "R":
                m = MARK_RE.search(body)
                if not m:
                    sys.exit(f"{path}:{n}: respondent turn without orientation mark")
                mark = m.group(1)
                body = body[:m.start()]
            elif MARK_RE.search(body):
                sys.exit(f"{path}:{n}: orientation mark on non-respondent line")
            ids = []
            for m in ID_RE.finditer(body):
                if m.group(2) not in TYPES:
                    sys.exit(f"{path}:{n}: unknown type {m.group(2)}")
                ids.append((m.group(1), m.group(2)))
            text = ID_RE.sub(lambda m: m.group(1), body).strip()
            if "[[" in text or "]]" in text or "{" in text:
                sys.exit(f"{path}:{n}: leftover markup")
            if tag == "H":
                header.append((text, ids))
            else:
                turns.append(dict(spk=tag, text=text, ids=ids, mark=mark))
    for i, t in enumerate(turns):
        exp = "I" if i % 2 == 0 else "R"
        if t["spk"] != exp:
            sys.exit(f"{doc_id}: turn {i + 1} should be {exp}")
    return header, turns


def hms(sec, sep=","):
    sec = int(round(sec * 1000))
    h, rest = divmod(sec, 3600000)
    m, rest = divmod(rest, 60000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns, start=4.0, wps=2.1):
    t = start
    out = []
    for k, turn in enumerate(turns):
        dur = max(2.0, len(turn["text"].split()) / wps)
        out.append((t, t + dur))
        t += dur + (1.2 if k % 3 else 2.6)
    return out


def write(doc_id, cfg, header, turns):
    li, lr = cfg["labels"]
    lab = lambda t: li if t["spk"] == "I" else lr
    fmt = cfg["fmt"]
    if fmt == "docx":
        import docx
        d = docx.Document()
        for text, _ in header:
            d.add_paragraph(text)
        if header:
            d.add_paragraph("")
        for t in turns:
            p = d.add_paragraph()
            if cfg.get("bold"):
                r = p.add_run(lab(t) + ":")
                r.bold = True
                p.add_run(" " + t["text"])
            else:
                p.add_run(lab(t) + ": " + t["text"])
        d.save(os.path.join(TR, doc_id + ".docx"))
    elif fmt == "srt":
        lines = []
        for k, (t, (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            lines += [str(k), f"{hms(a)} --> {hms(b)}", f"{lab(t)}: {t['text']}", ""]
        with open(os.path.join(TR, doc_id + ".srt"), "w", encoding="utf-8", newline="\r\n") as f:
            f.write("\n".join(lines))
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        for text, _ in header:
            lines += ["NOTE " + text, ""]
        for k, (t, (a, b)) in enumerate(zip(turns, timings(turns, start=2.0, wps=2.0)), 1):
            lines += [f"{k}", f"{hms(a, '.')} --> {hms(b, '.')}", f"<v {lab(t)}>{t['text']}</v>", ""]
        with open(os.path.join(TR, doc_id + ".vtt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    elif fmt == "stamp":
        lines = [text for text, _ in header] + [""]
        for t, (a, _) in zip(turns, timings(turns, start=7.0, wps=2.2)):
            lines += [f"[{hms(a)[:8]}] {lab(t)}: {t['text']}", ""]
        with open(os.path.join(TR, doc_id + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    elif fmt == "txt":
        lines = [text for text, _ in header] + [""]
        for t in turns:
            lines += [f"{lab(t)}: {t['text']}", ""]
        with open(os.path.join(TR, doc_id + ".txt"), "w", encoding=cfg.get("enc", "utf-8"),
                  newline="\r\n" if cfg.get("enc") == "cp1252" else "\n") as f:
            f.write("\n".join(lines))
    else:
        raise ValueError(fmt)


def main():
    os.makedirs(TR, exist_ok=True)
    styles, orient, idents, stats = [], [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse(doc_id)
        write(doc_id, cfg, header, turns)
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        seen = set()
        allids = [i for _, ids in header for i in ids] + [i for t in turns for i in t["ids"]]
        if cfg.get("label_ids"):
            allids += [(l, "PERSOON") for l in cfg["label_ids"]]
        for ident in allids:
            if ident not in seen:
                seen.add(ident)
                idents.append((doc_id,) + ident)
        for k, t in enumerate(turns, 1):
            if t["spk"] == "R" and t["mark"] in ("casus", "netwerk"):
                orient.append((doc_id, k, t["mark"]))
        words = sum(len(t["text"].split()) for t in turns)
        rturns = sum(1 for t in turns if t["spk"] == "R")
        nc = sum(1 for t in turns if t["mark"] == "casus")
        nn = sum(1 for t in turns if t["mark"] == "netwerk")
        stats.append((doc_id, cfg["fmt"], words, rturns, nc, nn))
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    for s in stats:
        print("%s fmt=%-5s words=%d respondent_turns=%d casus=%d netwerk=%d" % s)


if __name__ == "__main__":
    main()
