#!/usr/bin/env python3
"""Build transcripts and csv files of blind set CG from the annotated sources in src/.

Source format (src/<id>.src):
  % key: value        meta lines (format, encoding, labelstyle, ilabel, rlabel, header [repeatable])
  I: text             interviewer turn (one paragraph)
  R: text @casus      respondent turn, ending in its orientation mark (@casus, @netwerk or @-)
  {{verbatim|TYPE}}   inline identifier; the verbatim part goes into the transcript
Run with the project venv python (python-docx needed for the .docx files):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["cg01", "cg02", "cg03", "cg04", "cg05", "cg06"]

STYLES = {
    "cg01": ("netwerkgericht",
             "Tells warm stories about clients but his time, trust and achievements lie in inter-organisational agreements, "
             "keeping partners connected and escalating patterns to management; he explicitly hands the client relationship to others."),
    "cg02": ("casusgericht",
             "Although she spends much of her week in meetings with many partners, every deal she makes serves one client's plan, "
             "and her trust work is aimed at the client himself."),
    "cg03": ("onbepaald",
             "Genuinely mixed: she invests about equally in following and knowing individual patients and in building agreements "
             "between crisis service, police and hospital, and says herself she cannot choose."),
    "cg04": ("netwerkgericht",
             "A debt-service team leader who works on routes, covenants, escalation and partner trust; cases only serve as "
             "illustrations and he keeps explicit distance from individual clients."),
    "cg05": ("casusgericht",
             "A neighbourhood officer whose regie consists of knowing the young man and his mother and calling partners to arrange "
             "concrete things for him; network meetings are a means for his person."),
    "cg06": ("netwerkgericht",
             "Moves from each moving client story to a structural agreement (housing quota, insurance, school), maintains partner "
             "relations and credits partners; hands client contact to others."),
}

IDENT_RE = re.compile(r"\{\{([^|{}]+)\|([A-Z_]+)\}\}")
MARK_RE = re.compile(r"\s*@(casus|netwerk|-)\s*$")


def parse(doc_id):
    meta = {"header": []}
    turns = []  # (speaker 'I'/'R', raw_text, orientation or None)
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        block = block.strip()
        if not block:
            continue
        if block.startswith("%"):
            for line in block.splitlines():
                key, _, val = line[1:].strip().partition(":")
                key, val = key.strip(), val.strip()
                if key == "header":
                    meta["header"].append(val)
                else:
                    meta[key] = val
            continue
        spk, _, text = block.partition(":")
        spk = spk.strip()
        text = " ".join(text.split())
        assert spk in ("I", "R"), (doc_id, block[:40])
        orient = None
        if spk == "R":
            m = MARK_RE.search(text)
            assert m, (doc_id, "respondent turn without orientation mark", text[:60])
            orient = None if m.group(1) == "-" else m.group(1)
            text = text[: m.start()]
        else:
            assert not MARK_RE.search(text), (doc_id, text[:60])
        turns.append((spk, text, orient))
    for i, (spk, _, _) in enumerate(turns):
        assert spk == ("I" if i % 2 == 0 else "R"), (doc_id, "alternation", i + 1)
    return meta, turns


def strip_ids(text, sink):
    def rep(m):
        sink.append((m.group(1), m.group(2)))
        return m.group(1)
    return IDENT_RE.sub(rep, text)


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cues_of(text, max_words=22):
    sents = re.split(r"(?<=[.?!…])\s+(?=[\"(A-ZÀ-ÖØ-Þ])", text)
    cues, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def write_doc(doc_id, meta, turns, header, clean):
    fmt = meta["format"]
    il, rl = meta["ilabel"], meta["rlabel"]
    style = meta.get("labelstyle", "plain")
    label = lambda spk: il if spk == "I" else rl
    path = os.path.join(OUT, f"{doc_id}.{fmt}")
    if fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for k, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if k == 0:
                r.bold = True
                r.font.size = Pt(13)
        d.add_paragraph("")
        for (spk, _, _), text in zip(turns, clean):
            p = d.add_paragraph()
            if style == "bold":
                p.add_run(label(spk) + ":").bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{label(spk)}: {text}")
        d.save(path)
    elif fmt == "txt":
        enc = meta.get("encoding", "utf-8")
        lines = list(header)
        if lines:
            lines.append("")
        t = 4.0
        for (spk, _, _), text in zip(turns, clean):
            if style == "bracket-time":
                lines.append(f"[{ts(t, ',')[:8]}] {label(spk)}: {text}")
            else:
                lines.append(f"{label(spk)}: {text}")
            lines.append("")
            t += len(text.split()) / 2.6 + 1.5
        data = "\r\n".join(lines) if enc == "cp1252" else "\n".join(lines)
        with open(path, "wb") as f:
            f.write(data.encode(enc))
    elif fmt in ("vtt", "srt"):
        out = ["WEBVTT", ""] if fmt == "vtt" else []
        if fmt == "vtt":
            for h in header:
                out += [h, ""]
        t, n = 2.0, 0
        sep = "." if fmt == "vtt" else ","
        for (spk, _, _), text in zip(turns, clean):
            for k, cue in enumerate(cues_of(text)):
                n += 1
                dur = max(1.6, len(cue.split()) / 2.7)
                if fmt == "vtt":
                    body = f"<v {label(spk)}>{cue}"
                else:
                    body = f"{label(spk)}: {cue}" if k == 0 else cue
                out += [str(n), f"{ts(t, sep)} --> {ts(t + dur, sep)}", body, ""]
                t += dur + 0.15
            t += 0.9
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
    else:
        raise ValueError(fmt)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    styles_rows, orient_rows, ident_rows, summary = [], [], [], []
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        ids = []
        header = [strip_ids(h, ids) for h in meta["header"]]
        clean = [strip_ids(t, ids) for _, t, _ in turns]
        path = write_doc(doc_id, meta, turns, header, clean)
        seen = set()
        for ident, typ in ids:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                ident_rows.append((doc_id, ident, typ))
        for i, (spk, _, o) in enumerate(turns, start=1):
            if spk == "R" and o:
                orient_rows.append((doc_id, i, o))
        styles_rows.append((doc_id,) + STYLES[doc_id])
        words = sum(len(t.split()) for t in clean)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        oc = {o: sum(1 for s, _, x in turns if x == o) for o in ("casus", "netwerk")}
        summary.append((doc_id, os.path.basename(path), words, rturns, oc["casus"], oc["netwerk"]))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for row in summary:
        print("%s  %-10s words=%4d  resp_turns=%2d  casus=%2d netwerk=%2d" % row)


if __name__ == "__main__":
    sys.exit(main())
