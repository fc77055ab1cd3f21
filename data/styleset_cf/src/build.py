#!/usr/bin/env python3
"""Build set CF transcripts + csv files from the annotated sources in this folder.

Source format (src/<id>.src):
  %h <text>          header line (may be empty after '%h')
  I: <text>          interviewer turn (one paragraph)
  R: <text> #c|#n|#0 respondent turn, ending with its orientation mark
  [[text|TYPE]]      identifier marked inline (TYPE from the brief's list)
Turns are separated by blank lines.  Run with /work/main/.venv/bin/python (needs python-docx).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

ID_RE = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
ORIENT = {"#c": "casus", "#n": "netwerk", "#0": None}

DOCS = {
    "cf01": dict(fmt="srt", ilab="Interviewer", rlab="Erwin", extra=[]),
    "cf02": dict(fmt="docx", ilab="Interviewer", rlab="Ans", extra=[]),
    "cf03": dict(fmt="txt", enc="utf-8", ilab="I", rlab="R", extra=[]),
    "cf04": dict(fmt="vtt", ilab="Interviewer", rlab="Gert-Jan Nijhuis",
                 extra=[("Gert-Jan Nijhuis", "PERSOON")]),
    "cf05": dict(fmt="txt", enc="cp1252", newline="\r\n", ilab="Interviewer", rlab="Respondent", extra=[]),
    "cf06": dict(fmt="ts", enc="utf-8", ilab="Spreker 1", rlab="Spreker 2", extra=[]),
}

STYLES = {
    "cf01": ("casusgericht",
             "Meetings, partner contacts and agreements are all described as instruments for one released "
             "prisoner's plan; his trust work is with the client and he stays away from the chain-level meeting."),
    "cf02": ("netwerkgericht",
             "Warm client stories serve to show what she changed between organisations (structural agreement with "
             "the housing corporation, weekly police-GGZ table, privacy crib sheet, escalation to administrators); "
             "her trust role is toward professionals and she hardly sees clients herself."),
    "cf03": ("onbepaald",
             "Genuinely mixed: roughly equal investment in one young man's plan (home visits, court, gym) and in "
             "running the district PGA meeting (standard LVB screening, data-sharing agreement, driehoek)."),
    "cf04": ("netwerkgericht",
             "Police coordinator who uses cases only to show where cooperation failed and invests in the table, "
             "protocols, trust of GGZ professionals, one regional intake and steering-group escalation."),
    "cf05": ("casusgericht",
             "Bemoeizorg nurse whose account centres on building trust with one care-avoiding woman and getting each "
             "partner to adapt to her; the network meeting is only used to fetch something for a client."),
    "cf06": ("onbepaald",
             "Genuinely mixed: probation officer who invests about equally in intensive home-visit supervision of one "
             "client and in the municipal aftercare table and structural agreements, and says both roles feed each other."),
}


def parse(path):
    header, turns = [], []
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    for block in re.split(r"\n\s*\n", raw):
        lines = [l for l in block.split("\n") if l.strip() != "" or l.startswith("%h")]
        if not lines:
            continue
        if lines[0].startswith("%h"):
            for l in lines:
                assert l.startswith("%h"), (path, l)
                header.append(l[2:].strip())
            continue
        para = " ".join(l.strip() for l in lines)
        spk, text = para[:2], para[2:].strip()
        assert spk in ("I:", "R:"), (path, para[:40])
        orient = None
        if spk == "R:":
            m = re.search(r"\s(#[cn0])$", text)
            assert m, (path, "respondent turn without mark", text[:60])
            orient = ORIENT[m.group(1)]
            text = text[: m.start()].rstrip()
        else:
            assert not re.search(r"#[cn0]$", text), (path, text[:60])
        turns.append((spk[0], text, orient))
    return header, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids_of(s):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(s)]


def ts(sec, sep):
    h, rem = divmod(int(sec * 1000), 3600000)
    m, rem = divmod(rem, 60000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def split_cues(text, maxw=28):
    sents = re.split(r"(?<=[.?!])\s+(?=[A-Z\"\[(])", text)
    cues, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def write_doc(doc, cfg, header, turns):
    lab = {"I": cfg["ilab"], "R": cfg["rlab"]}
    fmt = cfg["fmt"]
    t = 3.2
    if fmt == "srt":
        out = []
        for n, (spk, text, _) in enumerate(turns, 1):
            p = plain(text)
            dur = max(1.5, len(p.split()) / 2.5)
            out.append(f"{n}\n{ts(t, ',')} --> {ts(t + dur, ',')}\n{lab[spk]}: {p}\n")
            t += dur + 0.8
        path = os.path.join(TR, doc + ".srt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        k = 0
        for spk, text, _ in turns:
            for cue in split_cues(plain(text)):
                k += 1
                dur = max(1.2, len(cue.split()) / 2.6)
                out += [str(k), f"{ts(t, '.')} --> {ts(t + dur, '.')}", f"<v {lab[spk]}>{cue}</v>", ""]
                t += dur + 0.15
            t += 0.6
        path = os.path.join(TR, doc + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
    elif fmt in ("txt", "ts"):
        nl = cfg.get("newline", "\n")
        lines = [plain(h) for h in header]
        if header and lines[-1] != "":
            lines.append("")
        for spk, text, _ in turns:
            p = plain(text)
            if fmt == "ts":
                lines.append(f"[{ts(t, ',')[:8]}] {lab[spk]}: {p}")
                t += len(p.split()) / 2.5 + 1.0
            else:
                lines.append(f"{lab[spk]}: {p}")
            lines.append("")
        path = os.path.join(TR, doc + ".txt")
        with open(path, "w", encoding=cfg.get("enc", "utf-8"), newline="") as f:
            f.write(nl.join(lines))
    elif fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for i, h in enumerate(header):
            para = d.add_paragraph()
            r = para.add_run(plain(h))
            if i == 0:
                r.bold = True
                r.font.size = Pt(13)
        d.add_paragraph("")
        for spk, text, _ in turns:
            para = d.add_paragraph()
            r = para.add_run(lab[spk] + ":")
            r.bold = True
            para.add_run(" " + plain(text))
        path = os.path.join(TR, doc + ".docx")
        d.save(path)
    else:
        raise ValueError(fmt)
    return path


def main():
    os.makedirs(TR, exist_ok=True)
    srows, orows, irows, summary = [], [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse(os.path.join(HERE, doc + ".src"))
        assert turns[0][0] == "I"
        for a, b in zip(turns, turns[1:]):
            assert a[0] != b[0], (doc, "alternation", a[1][:40])
        write_doc(doc, cfg, header, turns)
        seen = set()
        for h in header:
            for ident in ids_of(h):
                if ident[0] not in seen:
                    seen.add(ident[0]); irows.append((doc,) + ident)
        for n, (spk, text, orient) in enumerate(turns, 1):
            for ident in ids_of(text):
                if ident[0] not in seen:
                    seen.add(ident[0]); irows.append((doc,) + ident)
            if spk == "R" and orient:
                orows.append((doc, n, orient))
        for ident in cfg["extra"]:
            if ident[0] not in seen:
                seen.add(ident[0]); irows.append((doc,) + ident)
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        oc = sum(1 for r in orows if r[0] == doc and r[2] == "casus")
        on = sum(1 for r in orows if r[0] == doc and r[2] == "netwerk")
        summary.append((doc, STYLES[doc][0], cfg["fmt"], words, rturns, oc, on))
        srows.append((doc, STYLES[doc][0], STYLES[doc][1]))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "style", "rationale"]); w.writerows(srows)
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "turn_index", "orientation"]); w.writerows(sorted(orows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["doc_id", "identifier", "type"]); w.writerows(irows)
    for s in summary:
        print("%s %-15s %-5s words=%d rturns=%d casus=%d netwerk=%d" % s)


if __name__ == "__main__":
    main()
