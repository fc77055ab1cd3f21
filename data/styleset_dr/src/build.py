#!/usr/bin/env python3
"""Build setDR: transcripts + csv files + README from the annotated sources in src/.

Source format (src/drNN.txt):
  @format <docx_bold|docx_plain|txt_utf8|txt_cp1252_ts|srt|vtt>
  @labels <interviewer label>|<respondent label>
  @header <header line>            (0..n; written at the top where the format allows)
  I: <interviewer turn>            (one paragraph per turn, blank line between turns)
  R: <respondent turn> [#casus|#netwerk]
Identifiers are marked inline as [[verbatim text|TYPE]].

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["dr01", "dr02", "dr03", "dr04", "dr05", "dr06"]
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_utf8": "txt",
       "txt_cp1252_ts": "txt", "srt": "srt", "vtt": "vtt"}
FORMAT_DESC = {"docx_bold": ".docx (bold speaker labels)",
               "docx_plain": ".docx (plain 'Naam:' labels)",
               "txt_utf8": ".txt UTF-8 (initials)",
               "txt_cp1252_ts": ".txt Windows-1252 ([hh:mm:ss] Spreker n:)",
               "srt": ".srt (speaker name in every cue)",
               "vtt": ".vtt (<v Naam> voice tags)"}

STYLES = {
    "dr01": ("netwerkgericht",
             "Tells warm, detailed stories about clients, but each one is used to show what he built between "
             "organisations (a standing table, a pre-eviction agreement, a one-page information-sharing agreement, "
             "escalation to the board); he sees his role as enabling the other professionals."),
    "dr02": ("onbepaald",
             "Too little evidence: a guarded, procedural Veilig Thuis casemanager who answers every question "
             "with protocol and phase descriptions and never shows whether she invests in families or in partners."),
    "dr03": ("casusgericht",
             "Attends many meetings and negotiates with many partners, but every agreement is made for one young "
             "man's plan; she keeps declining structural work and her trust work is with the boy and his mother."),
    "dr04": ("netwerkgericht",
             "Police officer who deliberately invests in knowing and connecting partners (a list of contacts, a "
             "monthly woonoverlast meeting, a directors' letter on information sharing) and says his role is "
             "making sure others find each other, while still caring about residents."),
    "dr05": ("onbepaald",
             "Genuinely mixed: half of her week and about half of her stories are personal work with one released "
             "prisoner, the other half structural agreements at the aftercare table, and she refuses to choose."),
    "dr06": ("netwerkgericht",
             "Angry chain director who uses concrete domestic-violence cases to argue about work instructions, "
             "information sharing between organisations, a bottleneck log for the board and interorganisational trust."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*#(casus|netwerk)\s*$")


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    meta = {"headers": []}
    turns = []  # (speaker, marked_text, orientation)
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@format "):
                meta["format"] = line.split(None, 1)[1].strip()
            elif line.startswith("@labels "):
                meta["labels"] = line.split(None, 1)[1].strip().split("|")
            elif line.startswith("@header "):
                meta["headers"].append(line.split(None, 1)[1])
            elif line.startswith("I: ") or line.startswith("R: "):
                spk = line[0]
                text = line[3:].strip()
                m = ORIENT.search(text)
                orient = None
                if m:
                    orient = m.group(1)
                    text = text[:m.start()].rstrip()
                if spk == "I" and orient:
                    raise SystemExit(f"{doc_id}: orientation mark on interviewer turn: {text[:50]}")
                turns.append((spk, text, orient))
            else:
                raise SystemExit(f"{doc_id}: cannot parse line: {line[:60]}")
    for i, (spk, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if spk != want:
            raise SystemExit(f"{doc_id}: turn {i+1} should be {want}")
    return meta, turns


def plain(marked):
    return MARK.sub(lambda m: m.group(1), marked)


def identifiers(marked):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(marked)]


def nwords(text):
    return sum(1 for tok in text.split() if re.search(r"\w", tok))


def chunks(marked, maxw=14):
    """Split a marked turn into subtitle-sized chunks, never inside an identifier."""
    protected = MARK.sub(lambda m: m.group(0).replace(" ", "\x00"), marked)
    sentences = [s.split() for s in re.split(r"(?<=[.!?)])\s+", protected) if s.strip()]
    pieces = []
    for words in sentences:
        if len(words) <= maxw + 4:
            pieces.append(words)
            continue
        cur = []
        for k, w in enumerate(words):
            cur.append(w)
            rest = len(words) - k - 1
            if rest < 3 or w.endswith("-") or (k > 0 and words[k - 1].endswith("-")):
                continue
            if (w.endswith(",") and len(cur) >= 6) or len(cur) >= maxw:
                pieces.append(cur)
                cur = []
        if cur:
            pieces.append(cur)
    # pack very short sentences together (e.g. "Nou. Ja.")
    out = []
    for pc in pieces:
        if out and (len(out[-1]) < 5 or len(pc) < 4) and len(out[-1]) + len(pc) <= maxw:
            out[-1] = out[-1] + pc
        else:
            out.append(list(pc))
    return [plain(" ".join(c).replace("\x00", " ")) for c in out if c]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_docx(path, meta, turns, bold):
    import docx
    d = docx.Document()
    for k, h in enumerate(meta["headers"]):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if k == 0:
            r.bold = True
    if meta["headers"]:
        d.add_paragraph("")
    lab = meta["labels"]
    for spk, text, _ in turns:
        label = lab[0] if spk == "I" else lab[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(f"{label}: {plain(text)}")
    d.save(path)


def write_txt(path, meta, turns, enc, timestamps):
    lab = meta["labels"]
    lines = [plain(h) for h in meta["headers"]]
    if lines:
        lines.append("")
    t = 3.0
    for spk, text, _ in turns:
        label = lab[0] if spk == "I" else lab[1]
        body = plain(text)
        if timestamps:
            s = int(t)
            lines.append(f"[{s//3600:02d}:{(s%3600)//60:02d}:{s%60:02d}] {label}: {body}")
            t += nwords(body) / 2.4 + 1.5
        else:
            lines.append(f"{label}: {body}")
        lines.append("")
    nl = "\r\n" if enc == "cp1252" else "\n"
    with open(path, "w", encoding=enc, newline="") as fh:
        fh.write(nl.join(lines).rstrip() + nl)


def write_cues(path, meta, turns, kind):
    lab = meta["labels"]
    out = []
    if kind == "vtt":
        out.append("WEBVTT")
        out.append("")
        if meta["headers"]:
            out.append("NOTE")
            out.extend(plain(h) for h in meta["headers"])
            out.append("")
    t = 2.0
    n = 0
    sep = "." if kind == "vtt" else ","
    for spk, text, _ in turns:
        label = lab[0] if spk == "I" else lab[1]
        for c in chunks(text):
            n += 1
            dur = max(1.2, nwords(c) / 2.6)
            start, end = t, t + dur
            t = end + 0.25
            if kind == "srt":
                out.append(str(n))
                out.append(f"{ts(start, sep)} --> {ts(end, sep)}")
                out.append(f"{label}: {c}")
            else:
                out.append(f"{ts(start, sep)} --> {ts(end, sep)}")
                out.append(f"<v {label}>{c}")
            out.append("")
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    style_rows, orient_rows, ident_rows, table = [], [], [], []
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        fmt = meta["format"]
        path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
        if fmt.startswith("docx"):
            write_docx(path, meta, turns, bold=(fmt == "docx_bold"))
        elif fmt == "txt_utf8":
            write_txt(path, meta, turns, "utf-8", False)
        elif fmt == "txt_cp1252_ts":
            write_txt(path, meta, turns, "cp1252", True)
        else:
            write_cues(path, meta, turns, fmt)
        seen = set()
        for h in meta["headers"]:
            for ident in identifiers(h):
                if ident not in seen:
                    seen.add(ident)
                    ident_rows.append((doc_id, *ident))
        for i, (spk, text, orient) in enumerate(turns, 1):
            for ident in identifiers(text):
                if ident not in seen:
                    seen.add(ident)
                    ident_rows.append((doc_id, *ident))
            if orient:
                orient_rows.append((doc_id, i, orient))
        words = sum(nwords(plain(t)) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        style_rows.append((doc_id, *STYLES[doc_id]))
        table.append((doc_id, fmt, os.path.basename(path), words, rturns,
                      sum(1 for *_, o in turns if o == "casus"), sum(1 for *_, o in turns if o == "netwerk")))
        print(f"{doc_id}: {fmt:14s} words={words} respondent_turns={rturns}")
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    write_readme(table)


def write_readme(table):
    voices = {
        "dr01": "Jos, 56, procesregisseur verward gedrag, ZVH regio Eindhoven; reflective storyteller",
        "dr02": "Hanneke (HK), casemanager Veilig Thuis Brabant Oost, Eindhoven; guarded, short, procedural",
        "dr03": "Nadia, 34, regisseur jongerenaanpak (PGA jeugd), ZVH locatie Helmond; fast, energetic",
        "dr04": "Rob, 52, wijkagent with taakaccent verward gedrag/woonoverlast, 's-Hertogenbosch; rambling, humorous",
        "dr05": "Fleur, 41, reclasseringswerker half-detached to ZVH nazorg ex-gedetineerden, Eindhoven; reflective",
        "dr06": "Gerard, 59, ketenregisseur huiselijk geweld / MDA++, ZVH Brabant-Noordoost; angry, blunt",
    }
    with open(os.path.join(HERE, "notes.md"), encoding="utf-8") as fh:
        notes = fh.read()
    lines = ["# setDR — blind, style-labelled interview set (Oost-Brabant)", "",
             "Generated by `src/build.py` from the annotated sources in `src/` "
             "(run: `/work/main/.venv/bin/python src/build.py`, then `python3 check.py`).", "",
             "| doc | respondent (voice, setting) | style | format | words | respondent turns | casus / netwerk turns marked |",
             "|---|---|---|---|---|---|---|"]
    for doc_id, fmt, fname, words, rturns, nc, nn in table:
        st = STYLES[doc_id][0]
        if doc_id == "dr02":
            st += " (too little evidence)"
        if doc_id == "dr05":
            st += " (genuinely mixed)"
        lines.append(f"| {fname} | {voices[doc_id]} | {st} | {FORMAT_DESC[fmt]} | {words} | {rturns} | {nc} / {nn} |")
    lines += ["", "Words = spoken words of both speakers (labels, timestamps and header lines not counted).", "",
              notes.rstrip(), ""]
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
