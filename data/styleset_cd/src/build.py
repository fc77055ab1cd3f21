"""Build transcripts/ and the csv files of set CD from the annotated sources in src/.

Source format (src/<id>.src), one line per item:
  %format txt|txtts|srt|vtt|docx     output format
  %encoding utf-8|cp1252              (txt/txtts only)
  %label_i / %label_r                 speaker labels as they appear in the transcript
  %header <text>                      header line (may contain identifier marks)
  I: <text>                           interviewer turn
  R: <text> ##casus|##netwerk|##-     respondent turn, ending in its orientation mark
Identifiers are marked inline as {{verbatim text|TYPE}}.

Run with any python3 that has python-docx (only needed for the .docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["cd01", "cd02", "cd03", "cd04", "cd05", "cd06"]
MARK = re.compile(r"\{\{([^{}|]+)\|([A-Z_]+)\}\}")
ORIENT = re.compile(r"\s*##(casus|netwerk|-)\s*$")

STYLES = {
    "cd01": ("netwerkgericht", "Tells warm stories about one mother and her children, but uses them to explain the agreements, monthly chain table, file audit and escalations she invests in; her trust role is toward police officers and partner professionals."),
    "cd02": ("casusgericht", "Talks constantly about MDA++ tables, the prosecutor, addiction care and housing, but every contact serves one man's plan, and he builds trust with that man and his family while leaving structural matters to his team leader."),
    "cd03": ("onbepaald", "Genuinely mixed: she splits her work between a caseload where she builds trust with a mother and child and a regional working group where she writes structural handover agreements, and the interview gives about equal weight to both."),
    "cd04": ("netwerkgericht", "Police coordinator without own cases who uses one stalking case to argue for bundling agreements with the prosecution, escalation to the district chief, joint training days and quarterly monitoring across organisations."),
    "cd05": ("casusgericht", "Child protection worker who mentions many partners but always as the voice of two specific children, invests in trust with mother and daughter, and explicitly puts her energy in the children rather than in structural change."),
    "cd06": ("netwerkgericht", "Angry procesregisseur who turns a released offender's case into a region-wide audit, a central mailbox, a privacy protocol and attendance reports to the steering group, seeing himself as the memory and crowbar of the chain."),
}


def parse(doc_id):
    meta = {"header": []}
    turns = []  # (speaker 'I'/'R', marked text, orientation or None)
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("%"):
                key, _, val = line[1:].partition(" ")
                if key == "header":
                    meta["header"].append(val)
                else:
                    meta[key] = val
                continue
            spk, _, text = line.partition(": ")
            if spk not in ("I", "R"):
                raise SystemExit(f"{doc_id}: bad line {line[:40]!r}")
            orient = None
            m = ORIENT.search(text)
            if spk == "R":
                if not m:
                    raise SystemExit(f"{doc_id}: respondent turn without mark: {text[:40]!r}")
                orient = None if m.group(1) == "-" else m.group(1)
                text = text[: m.start()]
            elif m:
                raise SystemExit(f"{doc_id}: interviewer turn with mark")
            turns.append((spk, text.strip(), orient))
    for i, (spk, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if spk != want:
            raise SystemExit(f"{doc_id}: alternation broken at turn {i + 1}")
    return meta, turns


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(s)]


def ts(sec, sep=","):
    h, rem = divmod(int(sec * 1000), 3600000)
    m, rem = divmod(rem, 60000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(text, maxw=28):
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z\"(“'])", text)
    out, cur = [], []
    for s in sents:
        cur.append(s)
        if len(" ".join(cur).split()) >= maxw:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def timed_turns(turns, start=2.0):
    t = start
    res = []
    for spk, text, _ in turns:
        pieces = []
        for c in chunks(text):
            dur = max(1.5, len(c.split()) / 2.6)
            pieces.append((t, t + dur, c))
            t += dur + 0.3
        t += 0.6
        res.append((spk, pieces))
    return res


def write(doc_id, meta, turns):
    fmt = meta["format"]
    lab = {"I": meta["label_i"], "R": meta["label_r"]}
    header = [plain(h) for h in meta["header"]]
    pturns = [(s, plain(t), o) for s, t, o in turns]
    if fmt == "txt":
        lines = header + ([""] if header else [])
        for s, t, _ in pturns:
            lines += [f"{lab[s]}: {t}", ""]
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "w", encoding=meta.get("encoding", "utf-8"), newline="\r\n" if meta.get("encoding") == "cp1252" else "\n") as fh:
            fh.write("\n".join(lines))
    elif fmt == "txtts":
        lines = header + ([""] if header else [])
        t = 4.0
        for s, text, _ in pturns:
            lines.append(f"[{ts(t)[:8]}] {lab[s]}: {text}")
            t += len(text.split()) / 2.5 + 1.2
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    elif fmt == "srt":
        n = 0
        lines = []
        for s, pieces in timed_turns(pturns):
            for a, b, c in pieces:
                n += 1
                lines += [str(n), f"{ts(a)} --> {ts(b)}", f"{lab[s]}: {c}", ""]
        path = os.path.join(OUT, doc_id + ".srt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        n = 0
        for s, pieces in timed_turns(pturns, start=1.0):
            for a, b, c in pieces:
                n += 1
                lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab[s]}>{c}", ""]
        path = os.path.join(OUT, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
    elif fmt == "docx":
        import docx
        d = docx.Document()
        if header:
            p = d.add_paragraph()
            p.add_run(header[0]).bold = True
            for h in header[1:]:
                d.add_paragraph(h)
            d.add_paragraph("")
        for s, t, _ in pturns:
            p = d.add_paragraph()
            p.add_run(lab[s] + ":").bold = True
            p.add_run(" " + t)
        path = os.path.join(OUT, doc_id + ".docx")
        d.save(path)
    else:
        raise SystemExit(f"unknown format {fmt}")
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, ident_rows, stats = [], [], []
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        path = write(doc_id, meta, turns)
        seen = set()
        for h in meta["header"]:
            for ident in idents(h):
                if ident not in seen:
                    seen.add(ident)
                    ident_rows.append((doc_id,) + ident)
        for i, (s, t, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((doc_id, i, o))
            for ident in idents(t):
                if ident not in seen:
                    seen.add(ident)
                    ident_rows.append((doc_id,) + ident)
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        marks = [o for s, _, o in turns if s == "R"]
        stats.append((doc_id, os.path.basename(path), words, rturns,
                      marks.count("casus"), marks.count("netwerk")))
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in IDS:
            w.writerow([doc_id, STYLES[doc_id][0], STYLES[doc_id][1]])
    for row in stats:
        print("%s %-10s words=%d resp_turns=%d casus=%d netwerk=%d" % row)


if __name__ == "__main__":
    main()
